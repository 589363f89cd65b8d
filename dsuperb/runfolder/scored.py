"""Score one instance of a run folder: its prediction rows in, scored/<instance>.jsonl and its
results.json record out. The run card's entry is enough: no task card is needed (merge)."""

from __future__ import annotations

from ..cards import Instance
from ..infra.jsonfiles import write_jsonl_atomic
from .layout import RunFolder
from .records import FAILED, OK, InstanceResult, first_error_of


def score_instance(folder: RunFolder, entry: dict, name: str, rows: list[dict], judge) -> InstanceResult:
    """Score the rows. The scorer says whether the instance stands (`scoring.outcome`): none of its
    samples answered, or its judge answered none of them, is a failed instance with no score
    (a model that never answered, or a judge that never did, is not a model that answered
    wrongly); the message names the first failed sample or the judge's error."""
    from ..scoring.api import score_rows

    # one order whatever order the answers came in (streamed, resumed, merged from shards): a sum of
    # floats is exact only up to its order, and the scores must equal those of any other way to run
    rows = sorted(rows, key=lambda row: str(row.get("file")))
    scored = score_rows(rows, instance=instance_from_entry(name, entry), judge=judge)
    write_jsonl_atomic(folder.scored(name), scored.rows)
    summary = scored.summary
    messages = [summary.get("message")]
    if summary.get("status") != FAILED and any(row.get("error") for row in rows):
        messages.insert(0, first_error_of(rows))
    message = "; ".join(m for m in messages if m) or None
    return InstanceResult.of(entry, summary, summary.get("status") or OK, message)


def instance_from_entry(name: str, entry: dict) -> Instance:
    """An instance spec rebuilt from its run-card entry."""
    label_set = entry.get("label_set")
    return Instance(
        name=name, task=entry.get("task") or "", hf_path=entry.get("hf_path") or "",
        revision=entry.get("revision"), type=entry.get("type") or "", metric=entry.get("metric"),
        label_columns=tuple(entry.get("label_columns") or ("label",)),
        label_set=tuple(label_set) if label_set is not None else None,
        domains=tuple(entry.get("domains") or ()), category=entry.get("category") or "",
        card_hash=entry.get("card_hash") or "",
    )
