"""Score one instance of a run folder: its prediction rows in, scored/<instance>.jsonl and its
results.json record out. The run card's entry is enough: no task card is needed (merge)."""

from __future__ import annotations

from ..cards import Instance
from ..infra.jsonfiles import write_jsonl_atomic
from .layout import RunFolder
from .records import FAILED, OK, InstanceResult, first_error_of


def score_instance(folder: RunFolder, entry: dict, name: str, rows: list[dict], judge) -> InstanceResult:
    """Score the rows; an instance none of whose samples got an answer is failed, with no score
    (a model that never answered is not a model that answered wrongly)."""
    from ..scoring.api import score_rows

    # one order whatever order the answers came in (streamed, resumed, merged from shards): a sum of
    # floats is exact only up to its order, and the scores must equal those of any other way to run
    rows = sorted(rows, key=lambda row: str(row.get("file")))
    scored = score_rows(rows, instance=instance_from_entry(name, entry), judge=judge)
    write_jsonl_atomic(folder.scored(name), scored.rows)
    failed = sum(1 for row in rows if row.get("error"))
    result = InstanceResult.of(entry, scored.summary, OK, first_error_of(rows) if failed else None)
    if rows and failed == len(rows):
        result.status, result.value, result.normalised = FAILED, None, None
        result.message = f"all {failed} samples failed: {result.message}"
    return result


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
