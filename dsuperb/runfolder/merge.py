"""Join the run folders of `eval --shard i/n` into one run.

The shards must come from one run: run cards equal in everything that changes scores except the
shard itself. Predictions are joined, every instance is scored again over all its rows (a metric
over a corpus is not the mean of its shards'), and the target gets a run card and results.json
of its own, equal to what one unsharded run would have written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import RunError
from ..infra.jsonfiles import write_json_atomic, write_jsonl_atomic
from . import runcard
from .layout import RunFolder
from .records import FAILED, SKIPPED, InstanceResult, Results, read_checked, read_results, write_results
from .scored import score_instance
from .store import read_predictions


def merge_runs(out: Path, shards: list[Path], allow_incomplete: bool = False,
               overwrite: bool = False) -> Results:
    """Join shard folders into `out`; returns the results written there."""
    if any(Path(out).resolve() == Path(folder).resolve() for folder in shards):
        raise RunError(f"{out} is one of the shards; merge into a new folder")
    folders = [RunFolder(Path(folder)) for folder in shards]
    cards = [_read_card(folder) for folder in folders]
    merged = _check_cards(folders, cards, allow_incomplete)
    results = [_read_results(folder) for folder in folders]
    if not allow_incomplete:
        unfinished = [str(f.path) for f, r in zip(folders, results, strict=True) if not r.complete]
        if unfinished:
            raise RunError("shard run(s) not finished (interrupted or still running): "
                           f"{', '.join(unfinished)}; run them to the end, or pass --allow-incomplete")
    target = RunFolder(Path(out))
    if target.holds_run():
        if not overwrite:
            raise RunError(f"{out} already holds a run; pass --overwrite to replace it, or choose another "
                           "folder")
        target.clear()

    judge = _judge(merged)
    spec = (merged.get("judge") or {}).get("spec")
    merged["judge"] = {"spec": spec, **(getattr(judge, "identity", None) or {})}
    merged["command"] = list(sys.argv)
    merged["merged_from"] = [str(folder.path) for folder in folders]
    write_json_atomic(target.card, merged)
    instances: dict[str, InstanceResult] = {}
    try:
        for name, entry in sorted(merged["instances"].items()):
            instances[name] = _merge_instance(target, folders, results, name, entry, judge)
    finally:
        close = getattr(judge, "close", None)
        if close is not None:
            close()
    document = Results.for_card(merged, runcard.settings_hash(merged), instances, complete=True)
    document.merged_from = merged["merged_from"]
    write_results(target.results, document)
    return document


def _merge_instance(target: RunFolder, folders: list[RunFolder], results: list[Results], name: str,
                    entry: dict, judge) -> InstanceResult:
    statuses = [r.instances[name] for r in results if name in r.instances]
    failed = [s for s in statuses if s.status == FAILED]
    if failed:
        return InstanceResult.of(entry, status=FAILED, message=failed[0].message)
    if statuses and all(s.status == SKIPPED for s in statuses):
        return InstanceResult.of(entry, status=SKIPPED, message=statuses[0].message)
    rows, seen = [], {}
    for folder in folders:
        path = folder.predictions(name)
        for row in read_predictions(path) if path.exists() else []:
            key = str(row.get("file"))
            if key in seen:
                raise RunError(f"sample {name}/{key} is in both {seen[key]} and {folder.path}: "
                               "these are not shards of one run")
            seen[key] = folder.path
            rows.append(row)
    write_jsonl_atomic(target.predictions(name), rows)
    return score_instance(target, entry, name, rows, judge)


def _read_card(folder: RunFolder) -> dict:
    if not folder.card.exists():
        raise RunError(f"{folder.path} is not a run folder (no {folder.card.name})")
    return read_checked(folder.card, "run_card")


def _read_results(folder: RunFolder) -> Results:
    """The shard's results.json; none yet (a shard that never finished an instance) reads as incomplete."""
    if not folder.results.exists():
        return Results(None, {}, None, "", complete=False)
    return read_results(folder.results)


def _check_cards(folders: list[RunFolder], cards: list[dict], allow_incomplete: bool) -> dict:
    """The merged run card, after checking that the cards differ in nothing but their shard."""
    first = cards[0]
    merged = dict(first)
    counts, indices = set(), {}
    for folder, card in zip(folders, cards, strict=True):
        shard = card.get("shard")
        if not shard:
            raise RunError(f"{folder.path} is not a shard run (its run card has no shard); only folders "
                           "made with `eval --shard i/n` can be merged")
        models = [(c.get("model") or {}).get("id") for c in (first, card)]
        if models[0] != models[1]:
            raise RunError(f"{folder.path} holds predictions of model {models[1]!r}, {folders[0].path} of "
                           f"model {models[0]!r}; shards of one run come from one model")
        changed = runcard.differences(merged, card, with_shard=False)
        if changed:
            shown = runcard.shown_differences(changed)
            raise RunError(f"{folder.path} was run with other settings than {folders[0].path}: {shown}")
        if shard["index"] in indices:
            raise RunError(f"{folder.path} and {indices[shard['index']]} are both shard {shard['index']}")
        indices[shard["index"]] = folder.path
        counts.add(shard["count"])
        merged["instances"] = {**card.get("instances", {}), **merged.get("instances", {})}
    if len(counts) > 1:
        parts = ", ".join(map(str, sorted(counts)))
        raise RunError(f"the shards split the run differently (into {parts} parts)")
    count = counts.pop()
    missing = sorted(set(range(1, count + 1)) - set(indices))
    if missing and not allow_incomplete:
        raise RunError(f"shard(s) {', '.join(map(str, missing))} of {count} missing; pass them too, or "
                       "--allow-incomplete")
    merged["shard"] = None
    merged["updated"] = max(card.get("updated", "") for card in cards)
    merged["execution"] = {**(first.get("execution") or {})}
    return merged


def _judge(card: dict):
    """The judge the shards were run with, as installed here: every instance is scored again by it."""
    from ..scoring.api import make_judge

    return make_judge((card.get("judge") or {}).get("spec"))
