"""Where the package finds the task catalogue."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
TASKS_ENV = "DSUPERB_TASKS_DIR"


def default_tasks_dir() -> Path:
    """The catalogue: $DSUPERB_TASKS_DIR, else the repository's tasks/ (or a wheel's copy)."""
    if os.environ.get(TASKS_ENV):
        return Path(os.environ[TASKS_ENV])
    for candidate in (REPO_DIR / "tasks", PACKAGE_DIR / "tasks"):
        if candidate.is_dir():
            return candidate
    return REPO_DIR / "tasks"


def tasks_dir_or_default(tasks_dir: Path | str | None = None) -> Path:
    """The tasks folder a command was given, else the catalogue's."""
    return Path(tasks_dir) if tasks_dir else default_tasks_dir()
