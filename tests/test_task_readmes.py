"""Task READMEs: every task folder has one with nothing left to fill in; `dsuperb docs` writes one
from the card where there is none, then refreshes only its datasets table, keeping the authors' text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from task_folders import write_task_folder

from dsuperb.cards import Catalogue
from dsuperb.cli import main
from dsuperb.task_readme import BEGIN, END, datasets_block, fill_markers, render
from dsuperb.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[1]
PIN = "0123456789abcdef0123456789abcdef01234567"
CARD = """name: Mood
description: The model hears one voice and says whether it sounds happy or sad.
domains: [speech]
category: paralinguistics
type: classification
metric: llm_classification
keywords: [emotion]
license: CC-BY-4.0
references: ["https://example.org/mood-paper"]
label_set: [happy, sad]
instances:
  - name: Mood_Voices
    hf_path: org/Mood_Voices
    revision: null
  - name: Mood_Songs
    hf_path: org/Mood_Songs
    revision: null
    license: CC-BY-NC-4.0
    audio_columns: [audio, audio2]
"""


def invoke(*args) -> object:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def validate(tasks: Path, *paths: Path) -> tuple[int, list[dict]]:
    result = invoke("validate", "--format", "json", "--tasks-dir", tasks, *paths)
    return result.exit_code, json.loads(result.output)["findings"]


def docs(tmp_path: Path, *extra: str):
    return invoke("docs", "--tasks-dir", tmp_path / "tasks", "--docs-dir", tmp_path / "docs", *extra)


@pytest.fixture
def tasks(tmp_path) -> Path:
    folder = tmp_path / "tasks" / "Mood"
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(CARD, encoding="utf-8")
    return tmp_path / "tasks"


def test_validate_requires_a_readme_per_task(tasks):
    code, findings = validate(tasks)
    assert code == 1
    assert [(f["path"].endswith("tasks/Mood/README.md"), f["rule"], f["severity"]) for f in findings
            if f["rule"] != "card.unpinned"] == [(True, "card.readme-missing", "error")]
    (tasks / "Mood" / "README.md").write_text("  \n", encoding="utf-8")
    code, findings = validate(tasks)
    assert code == 1 and "empty" in next(f["message"] for f in findings if f["rule"] == "card.readme-missing")


def test_validate_rejects_leftover_fill_markers_line_by_line(tasks):
    readme = tasks / "Mood" / "README.md"
    text = "# Mood\n\nA task.\n\n## References\n\n<fill: papers and\ndataset pages.>\n<fill: more>\n"
    readme.write_text(text, encoding="utf-8")
    code, findings = validate(tasks, readme)  # a README path names its task folder (what pre-commit passes)
    markers = [f for f in findings if f["rule"] == "card.readme-placeholder"]
    assert code == 1 and [f["line"] for f in markers] == [7, 9]
    assert markers[0]["message"] == "placeholder not filled in: '<fill: papers and'"
    readme.write_text("# Mood\n\nA task about moods.\n", encoding="utf-8")
    assert validate(tasks, readme)[0] == 0


def test_docs_writes_a_readme_in_the_phase2_sections_from_the_card(tmp_path, tasks):
    assert docs(tmp_path).exit_code == 0
    text = (tasks / "Mood" / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, re.M) == ["Task Objective", "Datasets", "Evaluation", "References"]
    assert text.startswith("# Mood\n\nThe model hears one voice and says whether it sounds happy or sad.\n")
    assert "paralinguistics" in text.lower() and "[taxonomy](../../docs/taxonomy.md)" in text
    assert "| `Mood_Songs` | [org/Mood_Songs](https://huggingface.co/datasets/org/Mood_Songs) | unpinned | " \
           "audio, audio2 | classification | `llm_classification` | CC-BY-NC-4.0 |" in text
    assert "- <https://example.org/mood-paper>" in text and "Allowed answers: happy, sad." in text
    assert fill_markers(text) == []
    assert validate(tasks)[0] == 0
    assert docs(tmp_path, "--check").exit_code == 0


def test_hand_edits_survive_and_the_datasets_table_follows_the_card(tmp_path, tasks):
    assert docs(tmp_path).exit_code == 0
    readme = tasks / "Mood" / "README.md"
    edited = readme.read_text(encoding="utf-8").replace("## Evaluation", "## Evaluation\n\nChance is 50%.")
    edited = edited.replace("# Mood\n", "# Mood\n\nWritten by hand: why moods matter.\n")
    readme.write_text(edited, encoding="utf-8")
    assert docs(tmp_path, "--check").exit_code == 0  # hand edits are not "out of date"

    card = tasks / "Mood" / "task.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("revision: null", f"revision: {PIN}", 1))
    stale = docs(tmp_path, "--check")
    assert stale.exit_code == 1 and "tasks/Mood/README.md" in stale.output
    assert docs(tmp_path).exit_code == 0
    text = readme.read_text(encoding="utf-8")
    pinned = f"[`{PIN[:12]}`](https://huggingface.co/datasets/org/Mood_Voices/tree/{PIN})"
    assert pinned in text
    assert "Written by hand: why moods matter." in text and "Chance is 50%." in text
    task = Catalogue.load(tasks).task("Mood")
    assert text.replace(datasets_block(task), "") == edited.replace(
        edited[edited.index(BEGIN):edited.index(END) + len(END)], "")


def test_a_readme_without_the_markers_is_left_as_it_is(tmp_path, tasks):
    write_task_folder(tasks / "Mood", CARD, readme="# Mood\n\nOur own page, no generated table.\n")
    assert docs(tmp_path).exit_code == 0
    assert (tasks / "Mood" / "README.md").read_text() == "# Mood\n\nOur own page, no generated table.\n"
    assert docs(tmp_path, "--check").exit_code == 0


def test_the_pre_commit_hook_mode_fails_when_it_writes(tmp_path, tasks):
    first = docs(tmp_path, "--exit-code")
    assert first.exit_code == 1 and "git add" in first.stderr
    assert docs(tmp_path, "--exit-code").exit_code == 0  # nothing left to write


def test_every_catalogue_task_has_a_filled_readme_with_its_datasets():
    catalogue = Catalogue.load(REPO / "tasks")
    assert len(catalogue.tasks) >= 149
    for card in catalogue.cards:
        readme = card.path.parent / "README.md"
        assert readme.is_file(), card.path
        text = readme.read_text(encoding="utf-8")
        assert fill_markers(text) == [], readme
        assert datasets_block(card.task) in text, f"{readme}: run `dsuperb docs`"
        for instance in card.task.instances:
            assert f"https://huggingface.co/datasets/{instance.hf_path})" in text
            if instance.revision:
                assert f"/tree/{instance.revision})" in text


def test_render_is_what_docs_writes_for_a_new_task(tmp_path):
    shutil.copytree(REPO / "tasks" / "SpeakerVerification", tmp_path / "tasks" / "SpeakerVerification")
    (tmp_path / "tasks" / "SpeakerVerification" / "README.md").unlink()
    assert docs(tmp_path).exit_code == 0
    task = Catalogue.load(tmp_path / "tasks").task("SpeakerVerification")
    written = (tmp_path / "tasks" / "SpeakerVerification" / "README.md").read_text(encoding="utf-8")
    assert written == render(task, load_taxonomy())
    assert written == (REPO / "tasks" / "SpeakerVerification" / "README.md").read_text(encoding="utf-8")
