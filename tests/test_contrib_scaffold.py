"""`dsuperb new` and CONTRIBUTING.md: the scaffold is rejected until filled in, and accepted after.

The filling is driven by validate's own messages (file, line, field), the way a contributor works.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from contributor_steps import fill_from_findings, fill_readme, marked_fields, shell_commands

from dsuperb.cli import main
from dsuperb.infra.schemas import load_schema

REPO = Path(__file__).resolve().parents[1]
CONTRIBUTING = REPO / "CONTRIBUTING.md"


def validate_json(runner: CliRunner, *args: str) -> tuple[int, dict]:
    result = runner.invoke(main, ["validate", "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("task_type", ["classification", "regression", "sequence_generation",
                                       "audio_generation"])
def test_scaffold_is_valid_but_for_the_marked_values(tmp_path, task_type):
    runner = CliRunner()
    result = runner.invoke(main, ["new", "MyTask", "--type", task_type, "--tasks-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "MyTask"

    code, report = validate_json(runner, "--tasks-dir", str(tmp_path), str(folder))
    assert code == 1
    card = [f for f in report["findings"] if f["path"].endswith("task.yaml")]
    readme = [f for f in report["findings"] if f["path"].endswith("README.md")]
    assert len(card) + len(readme) == len(report["findings"])
    assert {f["rule"] for f in card} == {"card.placeholder"}
    assert {f["field"] for f in card} == marked_fields(task_type)
    assert all(f["line"] for f in card)
    # the README's unfilled parts, each named with its line
    assert {f["rule"] for f in readme} == {"card.readme-placeholder"} and len(readme) == 6
    text = (folder / "README.md").read_text(encoding="utf-8").splitlines()
    assert all("<fill:" in text[f["line"] - 1] for f in readme)

    fill_from_findings(folder / "task.yaml", card, task_type)
    code, report = validate_json(runner, "--strict", "--tasks-dir", str(tmp_path), str(folder))
    assert {f["rule"] for f in report["findings"]} == {"card.readme-placeholder"} and code == 1
    fill_readme(folder / "README.md")
    code, report = validate_json(runner, "--strict", "--tasks-dir", str(tmp_path), str(folder))
    assert report["findings"] == [] and code == 0
    card_text = (folder / "task.yaml").read_text(encoding="utf-8")
    assert f"type: {task_type}" in card_text


def test_filling_only_some_values_still_fails(tmp_path):
    runner = CliRunner()
    runner.invoke(main, ["new", "Half", "--tasks-dir", str(tmp_path)])
    card = tmp_path / "Half" / "task.yaml"
    _, report = validate_json(runner, "--tasks-dir", str(tmp_path), str(card))
    fill_from_findings(card, [f for f in report["findings"] if f["field"] not in ("license", "")],
                       "classification")
    fill_readme(tmp_path / "Half" / "README.md")
    # the instance (and its hub repository) is named after this task
    card.write_text(card.read_text().replace("MyTask_MyDataset", "Half_MyDataset"), encoding="utf-8")
    code, report = validate_json(runner, "--tasks-dir", str(tmp_path), str(card))
    assert code == 1
    assert [(f["field"], f["rule"]) for f in report["findings"]] == [("license", "card.placeholder")]


def test_scaffold_readme_has_the_sections_reviewers_read(tmp_path):
    CliRunner().invoke(main, ["new", "MyTask", "--tasks-dir", str(tmp_path)])
    readme = (tmp_path / "MyTask" / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, re.M)
    # the Phase-2 documentation's sections, plus how the instructions were written
    assert headings == ["Task Objective", "Datasets", "Instructions", "Evaluation", "References"]
    assert readme.startswith("# MyTask\n")
    assert "<fill:" in readme
    # `dsuperb docs` fills the datasets table from the card between these markers
    assert "<!-- dsuperb:datasets" in readme and "<!-- /dsuperb:datasets -->" in readme


@pytest.mark.parametrize("name, message", [
    ("myTask", "must be CamelCase"),
    ("My-Task", "must be CamelCase"),
    ("../Escape", "must be CamelCase"),
    ("Existing", "already exists"),
    ("EXISTING", "differs from 'EXISTING' only in case"),
])
def test_new_refuses_bad_names_and_never_overwrites(tmp_path, name, message):
    existing = tmp_path / "Existing"
    existing.mkdir()
    (existing / "task.yaml").write_text("name: Existing\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", name, "--tasks-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (existing / "task.yaml").read_text(encoding="utf-8") == "name: Existing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Existing"]


def test_new_offers_the_schema_task_types(tmp_path):
    result = CliRunner().invoke(main, ["new", "MyTask", "--type", "ranking", "--tasks-dir", str(tmp_path)])
    assert result.exit_code == 2
    for task_type in load_schema("task")["$defs"]["task_type"]["enum"]:
        assert task_type in result.output
    assert not (tmp_path / "MyTask").exists()


def test_contributing_covers_every_card_field_and_rule():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    schema = load_schema("task")
    fields = set(schema["properties"]) | set(schema["$defs"]["instance"]["properties"])
    missing = sorted(f for f in fields if f"`{f}`" not in text)
    assert not missing, f"CONTRIBUTING.md does not describe card field(s) {missing}"
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    for section in ("Dataset rules", "Naming", "Licensing", "Writing instructions", "Review criteria"):
        assert section in headings
    for criterion in ("Correct", "Specific", "Thorough", "Difficult", "Novel", "Justified", "32"):
        assert criterion in text
    commands = shell_commands(text)
    assert "dsuperb validate --data tasks/MyTask" in commands
    assert any(c.startswith("dsuperb stats ") for c in commands)
    assert "dsuperb validate --changed" in commands
    assert "schemas/task.schema.json" in text


def test_new_may_start_a_tasks_folder_that_does_not_exist_yet(tmp_path):
    """--tasks-dir must exist for every command that reads it, but `new` creates its folder."""
    target = tmp_path / "fresh" / "tasks"
    result = CliRunner().invoke(main, ["new", "FirstTask", "--tasks-dir", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "FirstTask" / "task.yaml").is_file()
    listed = CliRunner().invoke(main, ["list", "--tasks-dir", str(tmp_path / "elsewhere")])
    assert listed.exit_code == 2 and "does not exist" in listed.stderr
