"""`dsuperb judge-agreement`: how far two judges agree on the same predictions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import fail, format_option


@click.command("judge-agreement")
@click.argument("first", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("second", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--show", default=20, show_default=True, help="Disagreeing rows to list (text format).")
@format_option("text", "json")
def judge_agreement(first, second, show, output_format):
    """Agreement and Cohen's kappa between two scored files of the same predictions."""
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
        for row in result.disagreements[:show]:
            response = " ".join(str(row["response"]).split())[:80]
            click.echo(f"  {row['instance']} {row['file']}: label={row['label']!r} response={response!r} "
                       f"first={row['first']} second={row['second']}")
        if len(result.disagreements) > show:
            click.echo(f"  ... {len(result.disagreements) - show} more (--show N, or --format json)")
