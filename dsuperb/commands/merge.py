"""`dsuperb merge OUT SHARD...`: join the run folders of `eval --shard i/n` into one run.

The shards must come from one run: run cards equal in everything that changes scores except the
shard itself. Predictions are joined, every instance is scored again over all its rows (a metric
over a corpus is not the mean of its shards'), and OUT gets a run card and results.json of its own,
equal to what one unsharded run would have written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import fail


class MergeError(Exception):
    pass


@click.command()
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--allow-incomplete", is_flag=True,
              help="Merge even when shards are missing or were interrupted (results cover fewer samples).")
@click.option("--overwrite", is_flag=True, help="Replace what OUT already holds.")
def merge(out, shards, allow_incomplete, overwrite):
    """Join shard run folders SHARD... into the run folder OUT and score it."""
    from ..store import StoreError
    from .eval import show_results

    try:
        outcome = merge_runs(out, list(shards), allow_incomplete=allow_incomplete, overwrite=overwrite)
    except (MergeError, StoreError) as exc:
        fail(str(exc))
    failed = show_results(outcome)
    click.echo(f"\nmerged {len(shards)} shard(s) into {out}")
    raise SystemExit(1 if failed else 0)


def merge_runs(out: Path, shards: list[Path], allow_incomplete: bool = False,
               overwrite: bool = False) -> dict:
    """Join shard folders into `out`; returns the results document written there."""
    from .. import runcard
    from ..runner import (
        FAILED,
        PREDICTIONS,
        RESULTS_FILE,
        SCORED,
        SKIPPED,
        instance_result,
        results_document,
        score_instance,
    )
    from ..store import read_predictions, write_json_atomic, write_jsonl_atomic

    if any(Path(out).resolve() == Path(folder).resolve() for folder in shards):
        raise MergeError(f"{out} is one of the shards; merge into a new folder")
    cards = [_read_card(folder) for folder in shards]
    merged = _check_cards(shards, cards, allow_incomplete)
    results = [_read_results(folder) for folder in shards]
    if not allow_incomplete:
        unfinished = [str(f) for f, r in zip(shards, results, strict=True) if not r.get("complete")]
        if unfinished:
            raise MergeError("shard run(s) not finished (interrupted or still running): "
                             f"{', '.join(unfinished)}; run them to the end, or pass --allow-incomplete")
    out = Path(out)
    if (out / runcard.CARD_FILE).exists() or (out / PREDICTIONS).exists():
        if not overwrite:
            raise MergeError(f"{out} already holds a run; pass --overwrite to replace it, "
                             "or choose another folder")
        import shutil

        for name in (PREDICTIONS, SCORED):
            shutil.rmtree(out / name, ignore_errors=True)
        (out / RESULTS_FILE).unlink(missing_ok=True)

    judge = _judge(merged)
    merged["command"] = list(sys.argv)
    merged["merged_from"] = [str(folder) for folder in shards]
    write_json_atomic(out / runcard.CARD_FILE, merged)
    instances = {}
    try:
        for name, entry in sorted(merged["instances"].items()):
            statuses = [r["instances"][name] for r in results if name in r.get("instances", {})]
            failed = [s for s in statuses if s.get("status") == FAILED]
            if failed:
                instances[name] = instance_result(entry, status=FAILED, message=failed[0].get("message"))
                continue
            if statuses and all(s.get("status") == SKIPPED for s in statuses):
                instances[name] = instance_result(entry, status=SKIPPED, message=statuses[0].get("message"))
                continue
            rows, seen = [], {}
            for folder in shards:
                path = folder / PREDICTIONS / f"{name}.jsonl"
                for row in read_predictions(path) if path.exists() else []:
                    key = str(row.get("file"))
                    if key in seen:
                        raise MergeError(f"sample {name}/{key} is in both {seen[key]} and {folder}: "
                                         "these are not shards of one run")
                    seen[key] = folder
                    rows.append(row)
            write_jsonl_atomic(out / PREDICTIONS / f"{name}.jsonl", rows)
            instances[name] = score_instance(out, entry, name, rows, judge)
    finally:
        close = getattr(judge, "close", None)
        if close is not None:
            close()
    document = results_document(merged, instances, complete=True)
    document["merged_from"] = merged["merged_from"]
    write_json_atomic(out / RESULTS_FILE, document)
    return document


def _read_card(folder: Path) -> dict:
    from .. import runcard
    from ..store import read_checked_json

    path = Path(folder) / runcard.CARD_FILE
    if not path.exists():
        raise MergeError(f"{folder} is not a run folder (no {runcard.CARD_FILE})")
    return read_checked_json(path, "run_card")


def _read_results(folder: Path) -> dict:
    """The shard's results.json; none yet (a shard that never finished an instance) reads as incomplete."""
    from ..runner import RESULTS_FILE
    from ..store import read_checked_json

    path = Path(folder) / RESULTS_FILE
    if not path.exists():
        return {"complete": False, "instances": {}}
    return read_checked_json(path, "results")


def _check_cards(shards: list[Path], cards: list[dict], allow_incomplete: bool) -> dict:
    """The merged run card, after checking that the cards differ in nothing but their shard."""
    from .. import runcard

    first = cards[0]
    merged = dict(first)
    counts, indices = set(), {}
    for folder, card in zip(shards, cards, strict=True):
        shard = card.get("shard")
        if not shard:
            raise MergeError(f"{folder} is not a shard run (its run card has no shard); only folders "
                             "made with `eval --shard i/n` can be merged")
        models = [(c.get("model") or {}).get("id") for c in (first, card)]
        if models[0] != models[1]:
            raise MergeError(f"{folder} holds predictions of model {models[1]!r}, {shards[0]} of model "
                             f"{models[0]!r}; shards of one run come from one model")
        changed = runcard.differences(merged, card, with_shard=False)
        if changed:
            shown = "; ".join(changed[:5])
            raise MergeError(f"{folder} was run with other settings than {shards[0]}: {shown}")
        if shard["index"] in indices:
            raise MergeError(f"{folder} and {indices[shard['index']]} are both shard {shard['index']}")
        indices[shard["index"]] = folder
        counts.add(shard["count"])
        merged["instances"] = {**card.get("instances", {}), **merged.get("instances", {})}
    if len(counts) > 1:
        parts = ", ".join(map(str, sorted(counts)))
        raise MergeError(f"the shards split the run differently (into {parts} parts)")
    count = counts.pop()
    missing = sorted(set(range(1, count + 1)) - set(indices))
    if missing and not allow_incomplete:
        raise MergeError(f"shard(s) {', '.join(map(str, missing))} of {count} missing; pass them too, or "
                         "--allow-incomplete")
    merged["shard"] = None
    merged["updated"] = max(card.get("updated", "") for card in cards)
    merged["execution"] = {**(first.get("execution") or {})}
    return merged


def _judge(card: dict):
    from ..scoring.api import make_judge

    spec = (card.get("judge") or {}).get("spec")
    try:
        judge = make_judge(spec)
    except ValueError as exc:
        raise MergeError(f"judge {spec!r} of the run card: {exc}") from None
    recorded = {k: v for k, v in (card.get("judge") or {}).items() if k != "spec"}
    if recorded and getattr(judge, "identity", recorded) != recorded:
        raise MergeError(f"the judge {spec or 'embedded'} here is {judge.identity}, the shards were "
                         f"scored by {recorded}; install the same judge version to merge")
    return judge
