"""`dsuperb validate`: check task cards, and with --data the datasets behind them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import cards as cards_module
from ..findings import count, has_errors
from ..paths import tasks_dir_or_default
from ..selection import task_folders
from ..task_readme import README_FILE
from ..validation.cards import validate_cards
from .common import data_dir_option, fail, format_option, tasks_dir_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@tasks_dir_option
@format_option("text", "json")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--data", "check_data", is_flag=True, help="Also open each instance's dataset and check it.")
@data_dir_option
@click.option("--streaming", is_flag=True, help="With --data: stream hub datasets instead of downloading.")
@click.option("--changed", is_flag=True, help="Validate only the task folders changed since --base.")
@click.option("--base", default="origin/main", show_default=True, help="With --changed: the git ref to diff.")
def validate(paths, tasks_dir, output_format, strict, check_data, data_dir, streaming, changed, base):
    """Check task folders: the card and its README (PATH: a task folder, its task.yaml or its
    README.md; default: every task of the repository you stand in, else of the installed catalogue)."""
    root = tasks_dir_or_default(tasks_dir)
    if not root.is_dir():
        fail(f"no tasks folder at {root} (the cards are checked against it for repeated instance names)")
    all_folders = cards_module.discover(root)
    if changed:
        if paths:
            fail("give either PATHs or --changed, not both")
        from ..gitchanges import changed_task_folders

        # tasks_dir None: the clone you stand in, never the installed copy (it has no branch)
        targets = changed_task_folders(base, tasks_dir)
    else:
        # a README names its task folder (the pre-commit hook passes the files a commit changes)
        paths = [Path(p).parent if Path(p).name == README_FILE else Path(p) for p in paths]
        targets = [folder for path in paths for folder in task_folders(path, keep_cardless=True)]
        targets = targets or all_folders
        missing = [p for p in targets if not Path(p).exists()]
        if missing:
            fail(f"no such task folder or card: {', '.join(map(str, missing))}")
    checked, findings = validate_cards(targets, context=all_folders)
    data_reports = []
    if check_data:
        from ..validation.data import check_instances

        instances = [inst for card in checked if card.task for inst in card.task.instances]
        data_findings, data_reports = check_instances(instances, data_dir=data_dir, streaming=streaming)
        findings.extend(data_findings)
    if strict:
        findings = [f.promoted() for f in findings]
    n_instances = sum(len(card.task.instances) for card in checked if card.task)
    totals = count(findings)
    if output_format == "json":
        click.echo(json.dumps({
            "cards": len(checked), "instances": n_instances, "totals": totals,
            "findings": [f.as_dict() for f in findings], "data": data_reports,
        }, indent=2))
    else:
        for finding in findings:
            click.echo(finding.format())
        if data_reports:
            from ..validation.data import render_summary

            for report in data_reports:
                click.echo(render_summary(report))
        click.echo(f"{len(checked)} card(s), {n_instances} instance(s): {totals['error']} error(s), "
                   f"{totals['warning']} warning(s)")
    raise SystemExit(1 if has_errors(findings) else 0)
