"""`dsuperb list`: the catalogue as a table."""

from __future__ import annotations

import json

import click

from .. import paths
from ..cards import Catalogue
from ..infra.tables import render_table
from ..selection import Filters
from ..vocab.suites import ALL, PHASE2
from .common import fail, format_option, tasks_dir_option


@click.command("list")
@tasks_dir_option
@click.option("--domain", help="Only tasks covering this domain (speech, music, audio).")
@click.option("--type", "task_type", help="Only tasks with an instance of this type.")
@click.option("--metric", help="Only tasks with an instance scored with this metric.")
@click.option("--category", help="Only tasks in this category.")
@click.option("--suite", help="Only tasks of this benchmark suite (dynamic-superb-phase2, sakura, mugen, or "
                              "all); default: every suite, and for --summary the Phase-2 catalogue.")
@click.option("--summary", is_flag=True, help="Counts instead of the table: status, origin, domains, "
              "types, pins and licences.")
@format_option("text", "json")
def list_tasks(tasks_dir, domain, task_type, metric, category, suite, summary, output_format):
    """List tasks: name, instances, type, metric, domains, suite, status (of the repository you
    stand in, else of the installed catalogue)."""
    if summary and suite is None:
        suite = PHASE2  # the numbers of the benchmark itself; sibling suites are named after them
    # the filters eval selects instances with (every status listed): a task is listed when an
    # instance of it would be selected, so `list` shows what `eval` with the same options runs
    filters = Filters(domain, task_type, metric, category, include_unconfirmed=True, suite=suite)
    filters.check()
    root = paths.tasks_dir_or_default(tasks_dir)
    if not root.is_dir():
        fail(f"no tasks folder at {root}")
    catalogue = Catalogue.load(root)
    rows, kept = [], []
    for task in catalogue.tasks:
        if not any(filters.keeps(instance) for instance in task.instances):
            continue
        kept.append(task)
        # JSON values keep their types (a list of domains, null for no metric); the table formats them
        rows.append({
            "task": task.name, "instances": len(task.instances), "type": task.type,
            "metric": task.metric, "domains": list(task.domains), "category": task.category,
            "suite": task.suite, "status": _status(task),
        })
    # A broken card is named on stderr (so --format json stays parseable), not silently left out.
    for card in catalogue.broken:
        click.echo(f"not listed: {card.problem}", err=True)
    if summary:
        from ..catalogue_summary import render_text, summarise
        from ..taxonomy import load_taxonomy

        counts = summarise(kept, list(load_taxonomy().domains))
        others = _other_suites(catalogue.tasks, suite)
        if output_format == "json":
            click.echo(json.dumps({**counts.as_dict(), "suite": suite, "other_suites": others}, indent=2))
        else:
            click.echo(render_text(counts))
            if others:
                shown = ", ".join(f"{name} ({n['tasks']} tasks, {n['instances']} instances)"
                                  for name, n in others.items())
                click.echo(f"\nother suites, not counted above: {shown}; `--suite all` counts everything")
        return
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    headers = ["task", "instances", "type", "metric", "domains", "category", "suite", "status"]
    shown = [{**row, "metric": row["metric"] or "-", "domains": ",".join(row["domains"])} for row in rows]
    click.echo(render_table(headers, [[row[h] for h in headers] for row in shown]))
    click.echo(f"{len(rows)} task(s), {sum(r['instances'] for r in rows)} instance(s)")


def _status(task) -> str:
    """'confirmed', 'unconfirmed', or how many of the task's instances are unconfirmed."""
    unconfirmed = sum(not inst.confirmed for inst in task.instances)
    if not unconfirmed:
        return "confirmed"
    return "unconfirmed" if unconfirmed == len(task.instances) else f"{unconfirmed} unconfirmed"


def _other_suites(tasks, suite: str | None) -> dict[str, dict[str, int]]:
    """Task and instance counts of the suites a summary of `suite` leaves out."""
    if suite in (None, ALL):
        return {}
    others: dict[str, dict[str, int]] = {}
    for task in tasks:
        if task.suite != suite:
            counts = others.setdefault(task.suite, {"tasks": 0, "instances": 0})
            counts["tasks"] += 1
            counts["instances"] += len(task.instances)
    return dict(sorted(others.items()))
