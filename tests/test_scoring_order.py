"""An instance's score does not depend on the order its answers were stored in (a streamed run
stores them as they complete; a merge joins shards; a resumed run appends after a kill)."""

from __future__ import annotations

import random

from dsuperb.runfolder.layout import RunFolder
from dsuperb.runfolder.scored import score_instance

ENTRY = {"task": "Distance", "hf_path": "Test/Distance_A", "card_hash": "x", "revision": None,
         "dataset_revision": None, "type": "regression", "metric": "audio_spatial_distance",
         "label_set": None, "label_columns": ["label"], "domains": ["audio"], "category": "spatial_audio"}


def rows() -> list[dict]:
    rng = random.Random(3)
    return [{"instance": "Distance_A", "file": f"clip_{i:03d}", "instruction": "How far is the source?",
             "label": f"{rng.uniform(0.5, 9.5):.3f}", "response": f"{rng.uniform(0.5, 9.5):.3f} meters",
             "error": None} for i in range(200)]


def test_rows_in_any_order_score_the_same(tmp_path):
    ordered = rows()
    shuffled = list(ordered)
    random.Random(7).shuffle(shuffled)
    first = score_instance(RunFolder(tmp_path / "a"), ENTRY, "Distance_A", ordered, judge=None)
    second = score_instance(RunFolder(tmp_path / "b"), ENTRY, "Distance_A", shuffled, judge=None)
    errors = {row["file"]: abs(float(row["label"]) - float(row["response"].split()[0])) for row in ordered}
    # the case this guards against: the same errors summed in the two orders differ in the last bit
    assert sum(errors[row["file"]] for row in ordered) != sum(errors[row["file"]] for row in shuffled)
    assert first.value == second.value and first.count == second.count == 200
    assert (tmp_path / "a" / "scored" / "Distance_A.jsonl").read_text() == \
        (tmp_path / "b" / "scored" / "Distance_A.jsonl").read_text()
