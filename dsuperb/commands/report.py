"""`dsuperb report`: the leaderboard over one or more run folders, as text, data and plots."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json", ".html": "html",
                  ".htm": "html"}
EXIT_NOTHING_TO_COMPARE = 1


@click.command()
@click.argument("runs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["md", "csv", "json", "html"]), default=None,
              help="Output format (default: from --output's extension, else md).")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to FILE instead of printing it.")
@click.option("--plot", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write bar charts to FILE (.png or .svg) and one task heat map per domain to "
                   "FILE_tasks_<domain>.")
@click.option("--baseline", default=None, metavar="MODEL",
              help="Compare every model with this one (its model id, label or run folder).")
@click.option("--tasks-dir", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="Take task, category and domains from these cards instead of from the runs.")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Bootstrap resamples for the intervals (0: no intervals).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--min-common", type=click.IntRange(min=1), default=None, metavar="N",
              help="Compare an instance when at least N runs scored it, each run on its own samples "
                   "(default: only instances every run scored on the same samples).")
@click.option("--union", is_flag=True, help="Compare every instance any run scored (--min-common 1).")
@click.option("--allow-mixed-judges", is_flag=True,
              help="Compare runs scored by different judges (the tables then say so).")
@click.option("--repo-url", default=None, metavar="URL",
              help="Where the HTML page links task cards and READMEs (default: the project's GitHub "
                   "repository; '.' for links relative to the repository root).")
@click.option("--submission", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="DIR",
              help="Also write one Dynamic-SUPERB score-submission JSON per model into DIR.")
@click.option("--seen", multiple=True, metavar="TASK",
              help="With --submission: mark this task (or instance) as seen in training (repeatable).")
def report(runs, output_format, output, plot, baseline, tasks_dir, n_boot, seed, min_common, union,
           allow_mixed_judges, repo_url, submission, seen):
    """Tables and plots from one or more run folders (RUN: a folder written by `dsuperb eval`).

    Exits 1, after writing what there is, when nothing can be compared (every instance failed, or
    the runs share none: see --min-common and --union)."""
    from ..report import build_report
    from ..report.render import render

    if union and min_common is not None:
        fail("--union and --min-common are one choice: give one of them")
    if plot is not None:
        from ..report.plots import check_target

        check_target(plot)  # a wrong name costs nothing: before the runs are read and resampled
    if output_format is None:
        output_format = SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output else "md"
    catalogue = _catalogue(tasks_dir) if tasks_dir is not None else None
    data = build_report(runs, baseline=baseline, n_boot=n_boot, seed=seed, catalogue=catalogue,
                        min_common=1 if union else min_common, allow_mixed_judges=allow_mixed_judges)
    written, drawn = [], None
    if output_format == "html" and data["tasks"]:
        from ..report.plots import draw

        drawn = draw(data)  # once: embedded in the page, and the files of a --plot .png
    if plot is not None and data["tasks"]:
        from ..report.plots import write_plots

        written = write_plots(data, plot, drawn)
    if submission is not None and data["tasks"]:
        from ..report.submission import coverage_warnings, write_submissions

        written += write_submissions(data, submission, seen=set(seen))
        for warning in coverage_warnings(data):
            click.echo(f"warning: --submission: {warning}", err=True)
    text = render(data, output_format, repo_url=repo_url, drawn=drawn)
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
    if data["nothing_to_compare"]:
        click.echo(f"error: nothing to compare: {data['nothing_to_compare']}", err=True)
        click.get_current_context().exit(EXIT_NOTHING_TO_COMPARE)


def _catalogue(tasks_dir: Path):
    from ..cards import Catalogue

    catalogue = Catalogue.load(tasks_dir)
    if not catalogue.cards:
        fail(f"--tasks-dir {tasks_dir}: no task cards (<task>/task.yaml) in it")
    for card in catalogue.broken:
        click.echo(f"warning: {card.path}: not a readable task card, so the runs' own task, category "
                   "and domains are used for its instances (`dsuperb validate` says why)", err=True)
    return catalogue
