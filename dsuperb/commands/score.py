"""`dsuperb score`: score prediction files made by `dsuperb eval` or by any other means."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import click

from .common import fail, format_option, tasks_dir_option

_BOOKKEEPING = ("_line", "_file")  # where a row came from; not written back


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--judge", "judge_spec", default="embedded", show_default=True, envvar="DSUPERB_JUDGE",
              help="Classification judge: embedded, openai:<model>, hf:<model id or folder>, or "
                   "rules+openai:<model> / rules+hf:<model> (rules first, the LLM where they are unsure).")
@click.option("--judge-base-url", envvar="DSUPERB_JUDGE_BASE_URL", default=None,
              help="Base URL of the OpenAI-compatible endpoint for openai:<model> judges.")
@click.option("--judge-cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the judge's verdict cache (default ~/.cache/dsuperb/judge).")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the scored rows to this JSONL file.")
@click.option("--metric", default=None,
              help="Metric for rows whose instance is not in the catalogue (or to override it).")
@tasks_dir_option
@format_option("text", "json")
def score(files, judge_spec, judge_base_url, cache_dir, output, metric, tasks_dir, output_format):
    """Score prediction FILES (JSONL rows: instance, file, instruction, label, response).

    Exit status: 0 when every row was scored; 1 when a row was rejected (no instance, label or
    response; the line is named), an instance failed (every sample failed, or the judge failed
    on every row) or the judge failed on some rows; 2 for a usage problem."""
    from ..cards import Catalogue
    from ..infra.jsonfiles import read_jsonl_lenient, write_jsonl_atomic
    from ..scoring.api import UnknownMetric, get_metric, make_judge, score_rows
    from ..scoring.judges import parse_judge_spec
    from ..vocab.metrics import needs_judge

    parse_judge_spec(judge_spec)
    if output:
        try:  # before any scoring: a folder that cannot be made should not cost a judge's run
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"--output {output}: cannot create its folder ({exc.strerror or exc})")
    if metric:
        get_metric(metric)
    problems: list[str] = []
    notes: list[str] = []  # warnings that do not fail the command
    groups: dict[str, list[dict]] = {}
    for path in files:
        rows, file_problems = read_jsonl_lenient(path)
        problems.extend(file_problems)
        if not rows and not file_problems:
            problems.append(f"{path}: no prediction rows (the file is empty)")
        for row in rows:
            where = f"{path}:{row['_line']}"
            notes.extend(f"{where}: {note}" for note in unknown_keys(row))
            missing = [key for key in REQUIRED if key not in row]
            if missing or not isinstance(row.get("instance"), str) or not row["instance"]:
                why = f"no {', '.join(repr(k) for k in missing)}" if missing else "'instance' is not a name"
                problems.append(f"{where}: {why} field; row skipped")
                continue
            row["_file"] = str(path)
            groups.setdefault(row["instance"], []).append(row)

    catalogue = Catalogue.load(tasks_dir)
    resolved = []  # (name, instance or None, rows) of the groups that can be scored
    for name, rows in groups.items():
        instance = catalogue.instance(name)
        if instance is None and not metric:
            first = rows[0]
            problems.append(f"{first['_file']}:{first['_line']}: instance '{name}' is not in the catalogue "
                            f"({len(rows)} row(s) not scored); pass --metric to score it anyway")
            continue
        resolved.append((name, instance, rows))

    judge = None  # built before any scoring, so that a judge that cannot start wastes no work
    if any(needs_judge(metric or instance.metric) for _, instance, _ in resolved):
        options = {"base_url": judge_base_url} if judge_base_url else {}
        judge = make_judge(judge_spec, cache_dir=cache_dir, **options)
    summaries, scored_rows = [], []
    try:
        for name, instance, rows in resolved:
            clean = [{k: v for k, v in row.items() if k not in _BOOKKEEPING} for row in rows]
            try:
                result = score_rows(clean, instance=instance, metric=metric, judge=judge)
            except UnknownMetric as exc:
                problems.append(f"{rows[0]['_file']}: instance '{name}': {exc}")
                continue
            summaries.append(result.summary)
            scored_rows.extend(result.rows)
    finally:
        if judge is not None:
            judge.close()

    if output:
        try:
            write_jsonl_atomic(output, scored_rows)
        except OSError as exc:
            fail(f"--output {output}: cannot write ({exc.strerror or exc})")
    for note in dict.fromkeys(notes):
        click.echo(f"warning: {note}", err=True)
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    # a failed instance or a judge that failed on rows is a failure; samples recorded as failed
    # in the file are the model's, scored as such (the errors column counts them)
    failures = [(s["instance"], s.get("message") or "failed") for s in summaries
                if s.get("status") == "failed" or s.get("judge_errors")]
    if output_format == "json":
        click.echo(json.dumps({"instances": summaries, "problems": problems}, indent=2))
    else:
        if summaries:
            _print_table(summaries)
        else:
            click.echo("no instance scored")
        if failures:
            click.echo("\nFailed:")
            for name, why in failures:
                click.echo(f"  {name}: {why}")
        if output:
            click.echo(f"scored rows written to {output}")
    if problems or failures:
        raise SystemExit(1)


REQUIRED = ("instance", "label", "response")
# keys that files from other tools often carry and no scorer reads; not worth a warning
_FOREIGN = ("id", "audio", "model")


@cache
def known_keys() -> frozenset[str]:
    """The keys a prediction or scored row may carry, from their owners (label2, ... aside)."""
    from dataclasses import fields

    from ..runfolder.records import PredictionRow
    from ..scoring.api import SCORED_EXTRA_KEYS
    from ..scoring.base import RowScore

    written = {f.name for f in fields(PredictionRow) if f.name != "labels"} | {"label"}
    scored = {f.name for f in fields(RowScore) if f.name != "extra"} | set(SCORED_EXTRA_KEYS)
    return frozenset(written | scored | set(_FOREIGN) | set(_BOOKKEEPING))


def unknown_keys(row: dict) -> list[str]:
    """ "unknown key 'respone' (did you mean 'response'?)" for each key no scorer reads."""
    from difflib import get_close_matches

    known = known_keys()
    notes = []
    for key in row:
        if key in known or (key.startswith("label") and key[5:].isdigit()):
            continue
        close = get_close_matches(key, sorted(k for k in known if not k.startswith("_")), n=1)
        notes.append(f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else " (ignored)"))
    return notes


def _print_table(summaries: list[dict]) -> None:
    from ..infra.tables import number, render_table

    headers = ["instance", "metric", "value", "normalised", "na_rate", "count", "errors", "status"]
    rows = [[s["instance"], s["metric"], number(s["value"]), number(s["normalised"], 1), number(s["na_rate"]),
             s["count"], s["errors"], s.get("status", "ok")] for s in summaries]
    click.echo(render_table(headers, rows))
    judges = {json.dumps(s["judge"], sort_keys=True) for s in summaries if s.get("judge")}
    for judge in sorted(judges):
        click.echo(f"judge: {judge}")
    sources: dict[str, int] = {}
    for summary in summaries:
        for source, count in (summary.get("verdict_sources") or {}).items():
            sources[source] = sources.get(source, 0) + count
    if sources:
        shown = ", ".join(f"{source} {count}" for source, count in sorted(sources.items()))
        click.echo(f"verdicts by: {shown}")
