"""Commands find the repository you stand in, as git does; read-only ones fall back to the installed
catalogue outside one, and the commands that write (`new`, `docs`) refuse there in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from task_folders import write_task_folder

from dsuperb import paths

REPO = Path(__file__).resolve().parents[1]
CARD = """name: {name}
description: The model hears a clip and says whether it is speech or a tone.
domains: [speech]
category: content
type: classification
metric: llm_classification
keywords: [test]
license: CC0-1.0
label_set: [speech, tone]
instances:
  - name: {name}_Data
    hf_path: org/{name}_Data
    revision: null
"""


@pytest.fixture
def repository(tmp_path):
    """A small dsuperb repository: tasks/ with one task, and the schemas."""
    root = tmp_path / "clone"
    shutil.copytree(REPO / "schemas", root / "schemas")
    write_task_folder(root / "tasks" / "ToneTask", CARD.format(name="ToneTask"))
    (root / "docs").mkdir()
    return root


def dsuperb(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != paths.TASKS_ENV}
    return subprocess.run([sys.executable, "-m", "dsuperb", *args], cwd=cwd, capture_output=True, text=True,
                          env={**environment, "HF_HUB_OFFLINE": "1", **env}, timeout=120)


def test_the_rule_tasks_and_schemas_or_a_pyproject_naming_dsuperb(tmp_path, repository):
    deep = repository / "tasks" / "ToneTask" / "sub"
    deep.mkdir()
    assert paths.find_repository(deep) == repository.resolve()
    assert paths.find_repository(tmp_path) is None
    plain = tmp_path / "plain"
    (plain / "tasks").mkdir(parents=True)
    assert not paths.is_repository(plain)  # tasks/ alone is not enough
    (plain / "pyproject.toml").write_text('[project]\nname = "something-else"\n')
    assert not paths.is_repository(plain)
    (plain / "pyproject.toml").write_text('[project]\nname = "dsuperb"\nversion = "0.1.0"\n')
    assert paths.is_repository(plain)
    assert paths.is_repository(REPO)


def test_locate_tasks_prefers_the_option_then_the_repository_then_the_installed_copy(tmp_path, repository,
                                                                                    monkeypatch):
    monkeypatch.delenv(paths.TASKS_ENV, raising=False)
    monkeypatch.chdir(repository / "tasks")
    assert paths.locate_tasks() == paths.TasksLocation((repository / "tasks").resolve(), paths.REPOSITORY)
    assert paths.locate_tasks(tmp_path).origin == paths.GIVEN
    monkeypatch.setenv(paths.TASKS_ENV, str(tmp_path))
    assert paths.locate_tasks() == paths.TasksLocation(tmp_path, paths.GIVEN)
    monkeypatch.delenv(paths.TASKS_ENV)
    monkeypatch.chdir(tmp_path)
    assert paths.locate_tasks() == paths.TasksLocation(paths.installed_tasks_dir(), paths.INSTALLED)


def test_new_writes_into_the_repository_you_stand_in(repository):
    done = dsuperb("new", "FreshTask", cwd=repository / "tasks" / "ToneTask")
    assert done.returncode == 0, done.stderr
    assert (repository / "tasks" / "FreshTask" / "task.yaml").is_file()
    assert (repository / "tasks" / "FreshTask" / "README.md").is_file()
    assert not (paths.installed_tasks_dir() / "FreshTask").exists()


@pytest.mark.parametrize("command", [["new", "FreshTask"], ["docs"], ["docs", "--check"]])
def test_commands_that_write_refuse_outside_a_repository(tmp_path, command):
    done = dsuperb(*command, cwd=tmp_path)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert f"there is none from {tmp_path}" in lines[0] and "run it inside a clone" in lines[0]
    assert not (paths.installed_tasks_dir() / "FreshTask").exists()
    assert list(tmp_path.iterdir()) == []


def test_docs_writes_the_repository_pages(repository):
    done = dsuperb("docs", cwd=repository / "tasks")
    assert done.returncode == 0, done.stderr
    assert (repository / "docs" / "TASKS.md").is_file() and (repository / "docs" / "taxonomy.md").is_file()
    assert dsuperb("docs", "--check", cwd=repository).returncode == 0


def test_read_only_commands_use_the_repository_and_else_the_installed_catalogue(tmp_path, repository):
    inside = dsuperb("list", cwd=repository)
    assert inside.returncode == 0 and "ToneTask" in inside.stdout and "1 task(s)" in inside.stdout
    outside = dsuperb("list", cwd=tmp_path)
    installed = len([p for p in paths.installed_tasks_dir().iterdir() if (p / "task.yaml").is_file()])
    assert outside.returncode == 0 and f"{installed} task(s)" in outside.stdout
    assert dsuperb("info", "speakerverification", cwd=tmp_path).returncode == 0
    # a name the catalogue lacks: the message says which catalogue was searched
    missing = dsuperb("info", "ToneTask", cwd=tmp_path)
    assert missing.returncode == 2
    assert f"in the installed catalogue {paths.installed_tasks_dir()}" in missing.stderr
    assert "no dsuperb repository from here upward" in missing.stderr
    missing = dsuperb("stats", "NoSuchThing", cwd=repository)
    assert missing.returncode == 2
    assert f"in the repository's catalogue {(repository / 'tasks').resolve()}" in missing.stderr
    assert dsuperb("validate", "--strict", cwd=repository).returncode == 1  # its one card is unpinned
    assert dsuperb("validate", cwd=repository).returncode == 0
