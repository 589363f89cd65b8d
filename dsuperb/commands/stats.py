"""`dsuperb stats NAME`: the reviewer's summary of one instance's dataset (or every instance of a task)."""

from __future__ import annotations

import json

import click

from ..selection import find_task
from .common import data_dir_option, fail, format_option, tasks_dir_option


@click.command()
@click.argument("name")
@data_dir_option
@tasks_dir_option
@format_option("text", "json")
@click.option("--streaming", is_flag=True, help="Stream a hub dataset instead of downloading it.")
def stats(name, data_dir, tasks_dir, output_format, streaming):
    """Summarise NAME's data: an instance name, or a task name or task folder for all its instances
    (names in any case; looked up as `dsuperb info` does)."""
    from ..validation.data import check_instances, render_summary

    task, instance = find_task(name, tasks_dir)
    instances = [instance] if instance else list(task.instances)
    if not instances:
        fail(f"task {task.name} has no instances")
    findings, summaries = check_instances(instances, data_dir=data_dir, streaming=streaming)
    if all(s.get("status") == "unavailable" for s in summaries):
        fail("; ".join(s["message"] for s in summaries))
    if output_format == "json":
        by_instance = {s["instance"]: s for s in summaries}
        for finding in findings:
            by_instance[finding.path].setdefault("details", []).append(finding.as_dict())
        shown = summaries if len(summaries) > 1 else summaries[0]
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    for summary in summaries:
        click.echo(render_summary(summary))
        for finding in findings:
            if finding.path == summary["instance"]:
                click.echo("    " + finding.format())
