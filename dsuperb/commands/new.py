"""`dsuperb new TASK`: scaffold a task folder (card + README) for a contributor to fill in."""

from __future__ import annotations

import click

from ..cards import display_path
from ..scaffold import scaffold_task, task_types
from .common import fail, tasks_dir_option


@click.command()
@click.argument("task")
@click.option("--type", "task_type", type=click.Choice(task_types()), default="classification",
              show_default=True, help="The task type (from the card schema).")
@tasks_dir_option(may_be_new=True)
def new(task, task_type, tasks_dir):
    """Create tasks/TASK/ with a task.yaml and a README.md to fill in.

    It writes into the dsuperb repository you stand in (found from the current directory upward,
    as git finds its repository), or into --tasks-dir; never into the installed package."""
    try:
        folder = scaffold_task(task, task_type, tasks_dir)
    except OSError as exc:
        fail(f"cannot write the task folder: {exc}")
    shown = display_path(folder)
    click.echo(f"wrote {shown}/task.yaml and {shown}/README.md")
    click.echo("next: replace every <fill: ...> value in both files (see CONTRIBUTING.md), then run")
    click.echo(f"  dsuperb validate {shown}")
