"""Where commands find the task catalogue: the repository you stand in, else the installed copy.

The rule, like git finding its repository: from the current directory upward, the first folder
that holds a `tasks/` folder and either `schemas/task.schema.json` or a `pyproject.toml` naming
the project `dsuperb` is the repository, and its `tasks/` is the catalogue. `--tasks-dir` (or
$DSUPERB_TASKS_DIR) overrides the search. Outside a repository, commands that only read cards
(`list`, `info`, `stats`, `eval`, `validate`) use the catalogue installed with the package;
commands that write (`new`, `docs`) refuse, so they never write into site-packages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

PACKAGE_DIR = Path(__file__).resolve().parent
TASKS_ENV = "DSUPERB_TASKS_DIR"
TASKS_FOLDER, DOCS_FOLDER = "tasks", "docs"
SCHEMA_MARK = Path("schemas") / "task.schema.json"
PROJECT_NAME = re.compile(r"""^\s*name\s*=\s*["']dsuperb["']\s*$""", re.MULTILINE)

GIVEN, REPOSITORY, INSTALLED = "given", "repository", "installed"


@dataclass(frozen=True)
class TasksLocation:
    """A tasks folder and how it was found (given, the repository's, or the installed copy)."""

    path: Path
    origin: str

    def describe(self) -> str:
        """For messages: which catalogue a command searched."""
        if self.origin == REPOSITORY:
            return f"the repository's catalogue {self.path}"
        if self.origin == INSTALLED:
            return f"the installed catalogue {self.path} (no dsuperb repository from here upward)"
        return f"the tasks folder {self.path}"


def is_repository(folder: Path) -> bool:
    """Whether `folder` is a dsuperb repository (see the module docstring for the rule)."""
    if not (folder / TASKS_FOLDER).is_dir():
        return False
    if (folder / SCHEMA_MARK).is_file():
        return True
    pyproject = folder / "pyproject.toml"
    try:
        return pyproject.is_file() and bool(PROJECT_NAME.search(pyproject.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def find_repository(start: Path | str | None = None) -> Path | None:
    """The nearest dsuperb repository at or above `start` (default: the current directory)."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if is_repository(folder):
            return folder
    return None


def installed_tasks_dir() -> Path:
    """The catalogue shipped with the package (a link to tasks/ in a clone, a copy in a wheel)."""
    return PACKAGE_DIR / TASKS_FOLDER


def locate_tasks(tasks_dir: Path | str | None = None) -> TasksLocation:
    """The tasks folder a read-only command uses: given, else the repository's, else the installed one."""
    if tasks_dir:
        return TasksLocation(Path(tasks_dir), GIVEN)
    if os.environ.get(TASKS_ENV):
        return TasksLocation(Path(os.environ[TASKS_ENV]), GIVEN)
    repository = find_repository()
    if repository is not None:
        return TasksLocation(repository / TASKS_FOLDER, REPOSITORY)
    return TasksLocation(installed_tasks_dir(), INSTALLED)


def tasks_dir_or_default(tasks_dir: Path | str | None = None) -> Path:
    """The tasks folder a command was given, else the catalogue's."""
    return locate_tasks(tasks_dir).path


def writable_tasks_dir(tasks_dir: Path | str | None, command: str) -> Path:
    """The tasks folder a writing command may change: given, or the repository's; never the
    installed copy. Outside a repository this is a one-line UsageError."""
    location = locate_tasks(tasks_dir)
    if location.origin == INSTALLED:
        raise UsageError(not_in_repository(command))
    return location.path


def docs_dir_for(docs_dir: Path | str | None, command: str) -> Path:
    """Where generated pages go: given, else the repository's docs/."""
    if docs_dir:
        return Path(docs_dir)
    repository = find_repository()
    if repository is None:
        raise UsageError(not_in_repository(command, "--docs-dir"))
    return repository / DOCS_FOLDER


def not_in_repository(command: str, option: str = "--tasks-dir") -> str:
    return (f"`dsuperb {command}` writes into a dsuperb repository, and there is none from {os.getcwd()} "
            f"upward (a folder holding tasks/ and {SCHEMA_MARK.as_posix()}); run it inside a clone, "
            f"or pass {option}")
