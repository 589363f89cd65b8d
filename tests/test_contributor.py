"""A contributor's task passes CI: played from start to end in a clone of a copy of this repository.

The contributor follows CONTRIBUTING.md's commands: `dsuperb new`, fills the card and the README
from what `dsuperb validate` reports, packs clips with `dsuperb pack`, checks the dataset,
regenerates the docs and commits with the pre-commit hooks installed. Then the checks CI runs are
run on that clone: the steps of validate-tasks.yml (the local dataset standing in for the hub),
every pre-commit hook on every file (ci.yml's lint job), and the tests that hold the catalogue and
the generated pages (ci.yml's test job). An unfilled README fails on the way.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile
from contributor_steps import FILLED, fill_from_findings, fill_readme, shell_commands
from workflow_steps import StepRunner, load

REPO = Path(__file__).resolve().parents[1]
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
SPEECH = REPO / "tests" / "data" / "speech"
ROWS = 40
INSTRUCTIONS = [f"{lead} Answer happy or sad." for lead in (
    "Does the speaker sound happy or sad?", "Is this voice happy or sad?", "Happy or sad: which mood?",
    "Listen: happy or sad?", "Which mood do you hear, happy or sad?", "Is the speech happy or sad?",
    "Decide whether the speaker is happy or sad.", "Tell me if this sounds happy or sad.",
    "Classify the speaker's mood as happy or sad.", "What mood is this, happy or sad?",
    "Judge the speaker: happy or sad?", "Pick the mood you hear: happy or sad.")]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def tracked_files(root: Path) -> list[Path]:
    """The files of this checkout as a clone would hold them (tracked, plus new ones git does not
    ignore); a copy without git takes everything but build and cache folders."""
    if shutil.which("git") and (root / ".git").exists():
        listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
        return [Path(name) for name in listed if name and (root / name).is_file()]
    skip = {".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "runs", "build", "dist"}
    return [path.relative_to(root) for path in root.rglob("*")
            if path.is_file() and not skip & set(path.relative_to(root).parts)]


@pytest.fixture
def clone(tmp_path, monkeypatch) -> Path:
    """tmp/upstream: this repository as committed on main; tmp/dsuperb: a clone of it on a branch."""
    for key, value in {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                       "GIT_AUTHOR_NAME": "c", "GIT_AUTHOR_EMAIL": "c@example.org",
                       "GIT_COMMITTER_NAME": "c", "GIT_COMMITTER_EMAIL": "c@example.org",
                       "GIT_CEILING_DIRECTORIES": str(tmp_path), "HF_HUB_OFFLINE": "1",
                       "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}.items():
        monkeypatch.setenv(key, value)
    for key in ("DSUPERB_TASKS_DIR", "DSUPERB_DATA_DIR", "SKIP"):
        monkeypatch.delenv(key, raising=False)
    upstream = tmp_path / "upstream"
    for name in tracked_files(REPO):
        (upstream / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, upstream / name, follow_symlinks=False)
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "upstream")
    git(tmp_path, "clone", "-q", str(upstream), "dsuperb")
    repo = tmp_path / "dsuperb"
    git(repo, "switch", "-q", "-c", "my-task")
    return repo


def documented(command: str) -> list[str]:
    assert command in shell_commands(CONTRIBUTING), f"CONTRIBUTING.md no longer says: {command}"
    return shlex.split(command)


def run(argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """A command as a contributor types it (`dsuperb ...` runs this interpreter's package)."""
    if argv[0] == "dsuperb":
        argv = [sys.executable, "-m", "dsuperb", *argv[1:]]
    return subprocess.run(argv, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=300)


def write_clips(folder: Path) -> None:
    """The contributor's recordings: speech clips and tones at 44.1 kHz, and their table."""
    folder.mkdir()
    lines = ["file,instruction,label,speaker"]
    for i in range(ROWS):
        if i % 2:
            name = f"clip-{i:04d}.flac"
            shutil.copy(SPEECH / ("seven.flac" if i % 4 == 1 else "one.flac"), folder / name)
        else:
            name = f"clip-{i:04d}.wav"
            t = np.arange(int(0.5 * 44_100)) / 44_100
            soundfile.write(folder / name, 0.3 * np.sin(2 * np.pi * (220 + 5 * i) * t), 44_100)
        lines.append(f'{name},"{INSTRUCTIONS[i % len(INSTRUCTIONS)]}",{"happy" if i % 3 else "sad"},s{i % 5}')
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_contributed_task_passes_every_ci_check(clone, tmp_path):
    done = run(documented("pre-commit install"), clone)
    assert done.returncode == 0, done.stderr
    done = run(documented("dsuperb new MyTask"), clone)
    assert done.returncode == 0, done.stderr
    check = documented("dsuperb validate tasks/MyTask")

    # The card, filled from what validate reports; the README still holds its fill-in markers.
    done = run([*check, "--format", "json"], clone)
    findings = json.loads(done.stdout)["findings"]
    fill_from_findings(clone / "tasks" / "MyTask" / "task.yaml",
                       [f for f in findings if f["path"].endswith("task.yaml")], "classification")
    unfilled = run([*documented("dsuperb validate --changed"), "--format", "json"], clone)
    assert unfilled.returncode == 1
    left = json.loads(unfilled.stdout)["findings"]
    assert {f["rule"] for f in left} == {"card.readme-placeholder"} and len(left) == 6
    fill_readme(clone / "tasks" / "MyTask" / "README.md")
    done = run(check, clone)
    assert done.returncode == 0, done.stdout

    # The dataset, packed from the contributor's clips beside the clone, and checked.
    write_clips(tmp_path / "my-clips")
    packed = run(documented("dsuperb pack ../my-clips --metadata ../my-clips/metadata.csv "
                            "--out ../datasets/your-org/MyTask_MyDataset"), clone)
    assert packed.returncode == 0, packed.stderr
    assert f"{ROWS} rows" in packed.stdout and "resampled to 16000 Hz" in packed.stdout
    done = run(documented("dsuperb validate --data --data-dir ../datasets tasks/MyTask"), clone)
    assert done.returncode == 0 and " 0 error(s), 0 warning(s)" in done.stdout, done.stdout
    hub = {"DSUPERB_DATA_DIR": str(tmp_path / "datasets")}  # stands in for the hub after the upload
    done = run(documented(f"dsuperb stats {FILLED['instances[0].name']}"), clone, **hub)
    assert done.returncode == 0 and f"rows {ROWS}" in done.stdout, done.stderr

    done = run(documented("dsuperb docs"), clone)
    assert done.returncode == 0, done.stderr
    readme = (clone / "tasks" / "MyTask" / "README.md").read_text(encoding="utf-8")
    assert "[your-org/MyTask_MyDataset](https://huggingface.co/datasets/your-org/MyTask_MyDataset)" in readme
    git(clone, "add", "-A")
    committed = subprocess.run(["git", "commit", "-m", "Add MyTask"], cwd=clone, capture_output=True,
                               text=True)
    assert committed.returncode == 0, committed.stdout + committed.stderr  # every hook passed

    # validate-tasks.yml, on the pull request
    context = {"github.event.pull_request.base.sha": git(clone, "rev-parse", "origin/main").strip()}
    workflow = StepRunner(load(REPO / ".github" / "workflows" / "validate-tasks.yml"), "validate", clone,
                          context, hub)
    workflow.run()
    outcomes = {name: step["outcome"] for name, step in workflow.steps.items()}
    assert not workflow.failed, {name: step["log"][-2000:] for name, step in workflow.steps.items()}
    assert outcomes["changed"] == outcomes["cards"] == outcomes["data"] == "success"
    assert "- `tasks/MyTask`" in workflow.summary.read_text(encoding="utf-8")

    # ci.yml: every hook on every file, then the tests of the catalogue and the generated pages
    lint = run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--show-diff-on-failure"], clone)
    assert lint.returncode == 0, lint.stdout[-3000:]
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_catalogue.py",
                 "tests/test_task_readmes.py", "tests/test_demo.py"], clone)
    assert tests.returncode == 0, tests.stdout[-3000:]
