"""`dsuperb new` and CONTRIBUTING.md: the scaffold is rejected until filled in, and accepted after.

The filling is driven by validate's own messages (file, line, field), the way a contributor works.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from dsuperb import paths
from dsuperb.cli import main
from dsuperb.infra.schemas import load_schema

REPO = Path(__file__).resolve().parents[1]
CONTRIBUTING = REPO / "CONTRIBUTING.md"

# What a contributor writes in place of each marked value, by the field validate names.
FILLED = {
    "description": "The model hears one speech clip and says whether the speaker sounds happy or sad.",
    "domains[0]": "speech",
    "category": "paralinguistics",
    "keywords[0]": "emotion",
    "license": "CC-BY-4.0",
    "references[0]": "https://example.org/paper",
    "label_set[0]": "happy",
    "label_set[1]": "sad",
    "instances[0].name": "MyTask_MyDataset",
    "instances[0].hf_path": "your-org/MyTask_MyDataset",
    "instances[0].revision": "0123456789abcdef0123456789abcdef01234567",
}
METRIC_FOR = {"regression": "pearson_correlation_coefficient", "sequence_generation": "word_error_rate"}
MARKED = {"description", "domains[0]", "category", "keywords[0]", "license", "references[0]",
          "instances[0].name", "instances[0].hf_path", "instances[0].revision"}
PLACEHOLDER_TOKEN = re.compile(r'"[^"\n]*<fill:[^>]*>[^"\n]*"|<fill:[^>]*>')


def marked_fields(task_type: str) -> set[str]:
    extra = {"classification": {"label_set[0]", "label_set[1]"}, "regression": {"metric"},
             "sequence_generation": {"metric"}, "audio_generation": set()}
    return MARKED | extra[task_type]


def fill_from_findings(card: Path, findings: list[dict], task_type: str) -> None:
    """Replace each placeholder at the line validate reported, as a contributor would."""
    lines = card.read_text(encoding="utf-8").split("\n")
    for finding in sorted(findings, key=lambda f: f["line"]):
        value = METRIC_FOR[task_type] if finding["field"] == "metric" else FILLED[finding["field"]]
        index = finding["line"] - 1
        while "<fill:" not in lines[index]:  # a folded value sits on the lines below its key
            index += 1
        lines[index] = PLACEHOLDER_TOKEN.sub(json.dumps(value), lines[index], count=1)
    card.write_text("\n".join(lines), encoding="utf-8")


def validate_json(runner: CliRunner, *args: str) -> tuple[int, dict]:
    result = runner.invoke(main, ["validate", "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


def shell_commands(markdown: str) -> list[str]:
    """Commands in the ```sh blocks, without their trailing comments."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", markdown, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                commands.append(line)
    return commands


def run_documented(command: str, cwd: Path, tasks: Path, data: Path | None = None):
    """A documented command as written; only the catalogue and the datasets are local folders."""
    argv = shlex.split(command)
    assert argv[0] == "dsuperb"
    env = {**os.environ, paths.TASKS_ENV: str(tasks), "HF_HUB_OFFLINE": "1"}
    if data is not None:
        env["DSUPERB_DATA_DIR"] = str(data)
    return subprocess.run([sys.executable, "-m", "dsuperb.cli", *argv[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_following_contributing_ends_in_a_task_that_validates(tmp_path):
    commands = shell_commands(CONTRIBUTING.read_text(encoding="utf-8"))
    scaffold, check = "dsuperb new MyTask", "dsuperb validate tasks/MyTask"
    assert scaffold in commands and check in commands
    assert commands.index(scaffold) < commands.index(check)
    tasks = tmp_path / "tasks"

    done = run_documented(scaffold, tmp_path, tasks)
    assert done.returncode == 0, done.stderr
    assert "tasks/MyTask/task.yaml" in done.stdout
    assert (tasks / "MyTask" / "README.md").is_file()

    done = run_documented(check, tmp_path, tasks)
    assert done.returncode == 1
    unfilled = r"^tasks/MyTask/task.yaml:\d+: (\S+): error: placeholder not filled in"
    reported = re.findall(unfilled, done.stdout, re.M)
    assert set(reported) == marked_fields("classification")
    assert "error: placeholder not filled in" in done.stdout

    # Read the findings as a machine would, fill the reported lines, validate again.
    done = run_documented(check + " --format json", tmp_path, tasks)
    findings = json.loads(done.stdout)["findings"]
    fill_from_findings(tasks / "MyTask" / "task.yaml", findings, "classification")
    done = run_documented(check, tmp_path, tasks)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith("1 card(s), 1 instance(s): 0 error(s), 0 warning(s)")

    # The dataset, in the layout push_to_hub writes, checked by the documented commands.
    hub = tmp_path / "hub"
    write_dataset(hub, FILLED["instances[0].hf_path"], rows=40)
    with_data = "dsuperb validate --data tasks/MyTask"
    stats = next(c for c in commands if c.startswith("dsuperb stats "))
    assert stats == "dsuperb stats " + FILLED["instances[0].name"]
    done = run_documented(with_data, tmp_path, tasks, data=hub)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rows 40" in done.stdout and " 0 error(s)" in done.stdout
    done = run_documented(stats, tmp_path, tasks, data=hub)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("MyTask_MyDataset") and "rows 40" in done.stdout


def write_dataset(hub: Path, hf_path: str, rows: int) -> None:
    from dsuperb.local_dataset import audio_value, write_hf_folder

    tone = (0.3 * np.sin(2 * np.pi * 330 * np.arange(8_000) / 16_000)).astype(np.float32)
    write_hf_folder(hub, hf_path, {
        "file": [f"clip-{i:03d}.wav" for i in range(rows)],
        "audio": [audio_value(tone * (1 + i % 4) / 4) for i in range(rows)],
        "instruction": [f"({i % 12}) Does the speaker sound happy or sad? Answer happy or sad."
                        for i in range(rows)],
        "label": ["happy" if i % 2 else "sad" for i in range(rows)],
    })


@pytest.mark.parametrize("task_type", ["classification", "regression", "sequence_generation",
                                       "audio_generation"])
def test_scaffold_is_valid_but_for_the_marked_values(tmp_path, task_type):
    runner = CliRunner()
    result = runner.invoke(main, ["new", "MyTask", "--type", task_type, "--tasks-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "MyTask"

    code, report = validate_json(runner, "--tasks-dir", str(tmp_path), str(folder))
    assert code == 1
    assert {f["rule"] for f in report["findings"]} == {"card.placeholder"}
    assert {f["field"] for f in report["findings"]} == marked_fields(task_type)
    assert all(f["line"] for f in report["findings"])

    fill_from_findings(folder / "task.yaml", report["findings"], task_type)
    code, report = validate_json(runner, "--strict", "--tasks-dir", str(tmp_path), str(folder))
    assert report["findings"] == [] and code == 0
    card_text = (folder / "task.yaml").read_text(encoding="utf-8")
    assert f"type: {task_type}" in card_text


def test_filling_only_some_values_still_fails(tmp_path):
    runner = CliRunner()
    runner.invoke(main, ["new", "Half", "--tasks-dir", str(tmp_path)])
    card = tmp_path / "Half" / "task.yaml"
    _, report = validate_json(runner, "--tasks-dir", str(tmp_path), str(card))
    fill_from_findings(card, [f for f in report["findings"] if f["field"] != "license"], "classification")
    # the instance (and its hub repository) is named after this task
    card.write_text(card.read_text().replace("MyTask_MyDataset", "Half_MyDataset"), encoding="utf-8")
    code, report = validate_json(runner, "--tasks-dir", str(tmp_path), str(card))
    assert code == 1
    assert [(f["field"], f["rule"]) for f in report["findings"]] == [("license", "card.placeholder")]


def test_scaffold_readme_has_the_sections_reviewers_read(tmp_path):
    CliRunner().invoke(main, ["new", "MyTask", "--tasks-dir", str(tmp_path)])
    readme = (tmp_path / "MyTask" / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, re.M)
    for section in ("Objective", "Datasets", "Evaluation", "References"):
        assert section in headings
    assert readme.startswith("# MyTask\n")
    assert "<fill:" in readme


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
