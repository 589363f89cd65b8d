"""`dsuperb validate --changed`: exactly the task folders a branch touches, in a real git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from task_folders import write_task_folder

from dsuperb.cli import main
from dsuperb.errors import UsageError
from dsuperb.gitchanges import changed_task_folders


def card(task: str, instance: str | None = None, description: str = "") -> str:
    """A valid card, unpinned: each card read gives one 'unpinned' warning, which shows it was read."""
    instance = instance or f"{task}_Data"
    description = description or f"The model hears a clip and answers a question about {task}."
    return f"""name: {task}
description: {json.dumps(description)}
domains: [speech]
category: speaker
type: classification
metric: llm_classification
keywords: [test]
license: CC-BY-4.0
label_set: ["yes", "no"]
instances:
  - name: {instance}
    hf_path: org/{instance}
    revision: null
"""


@pytest.fixture
def git_env(monkeypatch, tmp_path):
    # An isolated git: no user or system config, a fixed identity, no repository above tmp_path.
    for key, value in {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                       "GIT_CEILING_DIRECTORIES": str(tmp_path)}.items():
        monkeypatch.setenv(key, value)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_task(tasks: Path, task: str, **fields) -> None:
    write_task_folder(tasks / task, card(task, **fields))


@pytest.fixture
def repo(tmp_path, git_env):
    """main: five tasks. feature (checked out): adds, modifies, renames and deletes task folders."""
    root = tmp_path / "repo"
    tasks = root / "tasks"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for task in ("Keep", "Modify", "Rename", "Delete", "Trim"):
        write_task(tasks, task)
    write(tasks / "Trim" / "notes.md", "# Trim\n")
    write(tasks / "README.md", "The catalogue.\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")

    git(root, "switch", "-q", "-c", "feature")
    write(tasks / "Modify" / "task.yaml", card("Modify", description="Changed: the model says who speaks."))
    git(root, "mv", "tasks/Rename", "tasks/Renamed")
    write(tasks / "Renamed" / "task.yaml", card("Renamed"))
    git(root, "rm", "-q", "-r", "tasks/Delete")
    git(root, "rm", "-q", "tasks/Trim/notes.md")  # a file removed from a task that stays
    write_task(tasks, "Added")
    write(tasks / "README.md", "The catalogue, edited.\n")  # not inside a task folder
    write(root / "docs" / "notes.md", "outside tasks/\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "feature")

    # main moves on after the branch point: its own changes are not the branch's.
    git(root, "switch", "-q", "main")
    write(tasks / "Keep" / "task.yaml", card("Keep", description="Edited on main after the branch point."))
    git(root, "commit", "-q", "-am", "main moves on")
    git(root, "switch", "-q", "feature")
    return root


def names(folders: list[Path]) -> list[str]:
    return [folder.name for folder in folders]


def test_committed_changes_pick_added_modified_and_renamed_folders(repo):
    assert names(changed_task_folders("main", repo / "tasks")) == ["Added", "Modify", "Renamed", "Trim"]


def test_base_given_as_a_commit_or_tag(repo):
    base = git(repo, "rev-parse", "main~1").strip()
    git(repo, "tag", "v1", base)
    assert names(changed_task_folders(base, repo / "tasks")) == ["Added", "Modify", "Renamed", "Trim"]
    assert names(changed_task_folders("v1", repo / "tasks")) == ["Added", "Modify", "Renamed", "Trim"]
    assert changed_task_folders("HEAD", repo / "tasks") == []


def test_working_tree_edits_count_too(repo):
    tasks = repo / "tasks"
    write(tasks / "Keep" / "task.yaml", card("Keep", description="Unstaged edit to a task the branch left."))
    write(tasks / "Draft" / "task.yaml", card("Draft"))  # untracked
    write(tasks / "Staged" / "task.yaml", card("Staged"))
    git(repo, "add", "tasks/Staged")
    shutil.rmtree(tasks / "Added")  # deleting a whole new task before committing it
    expected = ["Draft", "Keep", "Modify", "Renamed", "Staged", "Trim"]
    assert names(changed_task_folders("main", tasks)) == expected


def test_ignored_files_do_not_count(repo):
    write(repo / ".gitignore", "*.cache\n")
    write(repo / "tasks" / "Keep" / "local.cache", "scratch\n")
    assert "Keep" not in names(changed_task_folders("main", repo / "tasks"))


def test_validate_changed_checks_exactly_those_cards(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", "--changed", "--base", "main", "--tasks-dir", "tasks",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {f["rule"] for f in report["findings"]} == {"card.unpinned"}
    checked = sorted(Path(f["path"]).parent.name for f in report["findings"])
    assert checked == ["Added", "Modify", "Renamed", "Trim"]
    assert report["cards"] == 4


def test_validate_changed_still_runs_the_repository_wide_checks(repo, monkeypatch):
    monkeypatch.chdir(repo)
    # The new task reuses an instance name of a task the branch did not touch.
    write(repo / "tasks" / "Added" / "task.yaml", card("Added", instance="Keep_Data"))
    result = CliRunner().invoke(main, ["validate", "--changed", "--base", "main", "--tasks-dir", "tasks"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[card.duplicate-instance]" in line]
    assert len(lines) == 1 and lines[0].startswith("tasks/Added/task.yaml:")
    assert "'Keep_Data' is used more than once" in lines[0]


def test_a_deleted_task_readme_fails_validate_changed(repo, monkeypatch):
    """A commit that only removes a README passes pre-commit (hooks see no deleted files), so the
    pull request's check is what catches it."""
    monkeypatch.chdir(repo)
    git(repo, "rm", "-q", "tasks/Keep/README.md")
    git(repo, "commit", "-q", "-m", "drop a README")
    result = CliRunner().invoke(main, ["validate", "--changed", "--base", "main", "--tasks-dir", "tasks"])
    assert result.exit_code == 1
    assert "tasks/Keep/README.md: error: missing: every task folder needs a README.md" in result.output


def test_validate_changed_passes_on_a_clean_branch(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", "--changed", "--base", "main", "--tasks-dir", "tasks"])
    assert result.exit_code == 0, result.output
    assert "4 card(s), 4 instance(s): 0 error(s), 4 warning(s)" in result.output


@pytest.mark.parametrize("base, message", [
    ("no-such-branch", "unknown git ref 'no-such-branch'"),
    ("--output=/tmp/x", "--base must name a git commit"),
])
def test_bad_base_is_a_one_line_error(repo, monkeypatch, base, message):
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", "--changed", "--base", base, "--tasks-dir", "tasks"])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_outside_a_git_repository(tmp_path, git_env):
    write(tmp_path / "plain" / "tasks" / "Keep" / "task.yaml", card("Keep"))
    with pytest.raises(UsageError, match="not inside a git repository"):
        changed_task_folders("main", tmp_path / "plain" / "tasks")
    tasks = str(tmp_path / "plain" / "tasks")
    result = CliRunner().invoke(main, ["validate", "--changed", "--tasks-dir", tasks])
    assert result.exit_code == 2 and "not inside a git repository" in result.output


def test_outside_any_clone_the_installed_catalogue_is_not_compared(tmp_path, monkeypatch):
    """With no repository from here upward, read-only commands use the installed catalogue; it has
    no branch to compare, so --changed says where to run it instead of naming a missing git ref."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DSUPERB_TASKS_DIR", raising=False)
    result = CliRunner().invoke(main, ["validate", "--changed"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"error: --changed compares a clone's tasks with a git ref, and there is no dsuperb repository "
        f"from {tmp_path} upward; run it inside a clone, or pass --tasks-dir"]


def test_unrelated_history_is_explained(repo):
    git(repo, "switch", "-q", "--orphan", "other")
    write(repo / "tasks" / "Lone" / "task.yaml", card("Lone"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "unrelated")
    with pytest.raises(UsageError, match="no common history"):
        changed_task_folders("main", repo / "tasks")
