"""Options and helpers shared by several subcommands."""

from __future__ import annotations

from pathlib import Path

import click

from .. import paths
from ..errors import UsageError


def tasks_dir_option(function=None, *, may_be_new: bool = False):
    """--tasks-dir; a folder given must exist (click says so, the same way for every command),
    except where the command creates it (`new`)."""
    option = click.option(
        "--tasks-dir", type=click.Path(path_type=Path, file_okay=False, exists=not may_be_new), default=None,
        envvar=paths.TASKS_ENV, show_envvar=True,
        help="Folder of task folders (default: the repository's tasks/).",
    )
    return option if function is None else option(function)


def data_dir_option(function):
    return click.option(
        "--data-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
        envvar="DSUPERB_DATA_DIR", show_envvar=True,
        help="Read datasets from local HF-style folders DIR/<org>/<name> instead of the hub.",
    )(function)


def format_option(*choices: str, default: str = "text"):
    return click.option("--format", "output_format", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def fail(message: str):
    """End the command with a one-line message (a user's mistake, never a traceback); exit 2."""
    raise UsageError(message)

