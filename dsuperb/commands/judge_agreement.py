"""`dsuperb judge-agreement`: how far two judges agree on the same predictions, or how far one judge
agrees with the hand-labelled calibration set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import fail, format_option

BUNDLED = "bundled"


@click.command("judge-agreement")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--calibration", "calibration", is_flag=False, flag_value=BUNDLED, default=None,
              metavar="[FILE]",
              help="Measure --judge against a hand-labelled calibration set (default: the bundled one) "
                   "instead of comparing two scored files.")
@click.option("--judge", "judge_spec", default="embedded", show_default=True,
              help="With --calibration: the judge to measure (embedded, openai:<model>, hf:<model>, "
                   "rules+...).")
@click.option("--judge-base-url", envvar="DSUPERB_JUDGE_BASE_URL", default=None,
              help="Base URL of the OpenAI-compatible endpoint for openai:<model> judges.")
@click.option("--show", default=20, show_default=True, help="Disagreeing rows to list (text format).")
@format_option("text", "json")
def judge_agreement(files, calibration, judge_spec, judge_base_url, show, output_format):
    """Agreement and Cohen's kappa between two scored files of the same predictions (FILES: two
    scored JSONL files), or, with --calibration, a judge's agreement, false accepts and N/A per
    kind against a calibration set."""
    if calibration is not None:
        if files:
            fail("--calibration measures one judge against a labelled set: give no scored files with it")
        _calibration(calibration, judge_spec, judge_base_url, show, output_format)
        return
    if len(files) != 2:
        fail(f"judge-agreement compares two scored files (got {len(files)}); or use --calibration")
    _compare(*files, show=show, output_format=output_format)


def _calibration(source: str, judge_spec: str, base_url: str | None, show: int, output_format: str) -> None:
    from ..scoring.api import make_judge
    from ..scoring.calibration import BUNDLED_SET, calibrate, load_cases

    cases = load_cases(BUNDLED_SET if source == BUNDLED else Path(source))
    judge = make_judge(judge_spec, **({"base_url": base_url} if base_url else {}))
    try:
        result = calibrate(judge, cases)
    finally:
        judge.close()
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    from ..infra.tables import render_table

    click.echo(f"judge: {json.dumps(result.judge)}   cases: {result.total.n}   "
               "(accept = YES verdict; N/A counts as NO)")
    headers = ["kind", "n", "ours ok", "agree", "agree %", "FA", "FA % of wrong", "FR", "N/A"]
    rows = [[kind, s.n, s.ours_correct, s.agree, _percent(s.agreement), s.false_accepts,
             _percent(s.false_accept_rate), s.false_rejects, s.na] for kind, s in result.kinds.items()]
    click.echo(render_table(headers, rows))
    errors = result.total.judge_errors
    if errors:
        click.echo(f"{errors} case(s) the judge failed on (counted as not accepted)")
    _show_disagreements(result.disagreements, show, lambda row, response: (
        f"{row['id']}: label={row['label']!r} response={response[:90]!r} ours={row['ours']} "
        f"judge={row['judge']} ({row['judge_reason']})"))


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _compare(first: Path, second: Path, show: int, output_format: str) -> None:
    from ..infra.jsonfiles import read_jsonl_lenient
    from ..scoring.agreement import compare

    loaded = []
    for path in (first, second):
        rows, problems = read_jsonl_lenient(path)
        for problem in problems:
            click.echo(f"warning: {problem}", err=True)
        if not any("score" in row for row in rows):
            fail(f"{path}: no scored rows (no row has a 'score'); score the predictions with "
                 f"`dsuperb score` first")
        loaded.append([{k: v for k, v in row.items() if not k.startswith("_")} for row in rows])
    result = compare(*loaded)
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    for name, judge in zip(("first", "second"), result.judges, strict=True):
        click.echo(f"{name} judge: {json.dumps(judge) if judge else 'unknown'}")
    if not result.compared:
        click.echo("no rows to compare (no shared instance/file pairs with 0/1 verdicts)")
    else:
        kappa = "undefined (no variation)" if result.kappa is None else f"{result.kappa:.3f}"
        click.echo(f"compared {result.compared} row(s): agreement {result.rate:.3f}, Cohen's kappa {kappa}")
    counts = (("only in the first file", result.only_a), ("only in the second file", result.only_b),
              ("left out, a judge failed", result.judge_errors),
              ("left out, score not 0/1", result.not_binary),
              ("left out, label or response differs between the files", result.different),
              ("ignored, repeating an (instance, file) pair already read", result.duplicates))
    for label, count in counts:
        if count:
            click.echo(f"{count} row(s) {label}")
    if result.disagreements:
        click.echo(f"{len(result.disagreements)} disagreement(s):")
        _show_disagreements(result.disagreements, show, lambda row, response: (
            f"{row['instance']} {row['file']}: label={row['label']!r} response={response[:80]!r} "
            f"first={row['first']} second={row['second']}"))


def _show_disagreements(rows: list[dict], show: int, line) -> None:
    """The first `show` disagreeing rows, each as `line(row, its response on one line)`, and how
    many more there are."""
    for row in rows[:show]:
        click.echo("  " + line(row, " ".join(str(row["response"]).split())))
    if len(rows) > show:
        click.echo(f"  ... {len(rows) - show} more (--show N, or --format json)")
