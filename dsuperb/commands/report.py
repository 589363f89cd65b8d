"""`dsuperb report`: the leaderboard over one or more run folders, as text, data and plots."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json", ".html": "html",
                  ".htm": "html"}


@click.command()
@click.argument("runs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["md", "csv", "json", "html"]), default=None,
              help="Output format (default: from --output's extension, else md).")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to FILE instead of printing it.")
@click.option("--plot", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write bar charts to FILE (.png or .svg) and a per-task heat map to FILE_tasks.")
@click.option("--baseline", default=None, metavar="MODEL",
              help="Compare every model with this one (its model id, label or run folder).")
@click.option("--tasks-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Take task, category and domains from these cards instead of from the runs.")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Bootstrap resamples for the intervals (0: no intervals).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
def report(runs, output_format, output, plot, baseline, tasks_dir, n_boot, seed):
    """Tables and plots from one or more run folders (RUN: a folder written by `dsuperb eval`)."""
    from ..report import build_report
    from ..report.render import render

    if output_format is None:
        output_format = SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output else "md"
    catalogue = None
    if tasks_dir is not None:
        from ..cards import Catalogue

        if not tasks_dir.is_dir():
            fail(f"--tasks-dir {tasks_dir}: no such folder")
        catalogue = Catalogue.load(tasks_dir)
        if not catalogue.cards:
            fail(f"--tasks-dir {tasks_dir}: no task cards (<task>/task.yaml) in it")
        for card in catalogue.broken:
            click.echo(f"warning: {card.path}: not a readable task card, so the runs' own task, category "
                       "and domains are used for its instances (`dsuperb validate` says why)", err=True)
    data = build_report(runs, baseline=baseline, n_boot=n_boot, seed=seed, catalogue=catalogue)
    written = []
    if plot is not None:
        from ..report.plots import write_plots

        written = write_plots(data, plot)
    text = render(data, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"--output {output}: cannot write ({exc.strerror or exc})")
        written.insert(0, output)
    for path in written:
        click.echo(f"wrote {path}", err=True)
