"""`dsuperb info TASK`: one task's card, readable."""

from __future__ import annotations

import json
import textwrap

import click

from ..cards import display_path
from ..selection import find_task
from .common import tasks_dir_option


@click.command()
@click.argument("task_name")
@tasks_dir_option
def info(task_name, tasks_dir):
    """Show the card of TASK: a task or instance name (any case), or a task folder.

    Names are looked up in the repository you stand in (found from the current directory
    upward), else in the installed catalogue; --tasks-dir names another."""
    task, _ = find_task(task_name, tasks_dir)
    lines = [
        task.name, "=" * len(task.name), textwrap.fill(" ".join(task.description.split()), 88), "",
        f"card:     {display_path(task.path)}",
        f"domains:  {', '.join(task.domains)}",
        f"category: {task.category}",
        f"type:     {task.type}" + (f" (curators' type: {task.curator_type})" if task.curator_type else ""),
        f"metric:   {task.metric or '-'}" + (f" ({task.metric_source})" if task.metric_source else ""),
        f"license:  {task.license}",
        f"keywords: {', '.join(task.keywords)}",
        f"suite:    {task.suite}",
    ]
    if task.label_set:
        lines.append(f"labels:   {', '.join(task.label_set)}")
    for reference in task.references:
        lines.append(f"ref:      {reference}")
    lines += ["", f"instances ({len(task.instances)}):"]
    for inst in task.instances:
        pin = inst.revision[:12] if inst.revision else "UNPINNED"
        lines.append(f"  {inst.name}")
        lines.append(f"    {inst.hf_path} @ {pin}   type={inst.type} metric={inst.metric or '-'}")
        lines.append(f"    inputs: {', '.join(inst.audio_columns) or '(no audio)'}"
                     + (f" + text {', '.join(inst.text_columns)}" if inst.text_columns else "")
                     + f"; labels: {', '.join(inst.label_columns)}"
                     + ("" if inst.instruction_column == "instruction"
                        else f"; instruction: {inst.instruction_column}")
                     + ("; ids: row numbers" if inst.file_column is None else ""))
        if inst.audio_order is not None:
            lines.append(f"    audio order: {json.dumps(inst.audio_order.as_json())}")
    if task.notes:
        lines += ["", "notes: " + task.notes]
    click.echo("\n".join(lines))
