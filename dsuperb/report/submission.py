"""Score-submission files in the format of the Dynamic-SUPERB leaderboard, one per model.

The organisers' score-submission tutorial (dynamic-superb.github.io, `score_submission.md`) asks
for one JSON file per model, named after the model with spaces replaced by underscores, holding a
list with one entry per instance: `name` (the instance, e.g.
`SpeakerVerification_LibriSpeech-Test-Clean`) and `scores`, a list of
`{"metric", "value", "version", "seen"}`: the metric's name, its value, the commit of the
instance's dataset, and whether the model was trained on the task. Files are written with an
indent of 4, as the tutorial recommends.

Here: `metric` is the instance's metric as dsuperb names it (the organisers' Phase-2 names, e.g.
`llm_classification`, `word_error_rate`), `value` the raw metric on its own scale (accuracy
0-1, WER...; not the 0-100 normalised score), `version` the dataset revision the run read (null
when it read an unpinned revision), `seen` true for the tasks or instances given with `--seen`.
Only instances the report compares are written (`--union` writes every instance a run scored);
control runs are not models and get no file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import ReportError

MIN_TASKS = 2  # the tutorial's minimum coverage


def submission_name(model_id: str) -> str:
    """The file name for a model: spaces (and path separators) become underscores."""
    return re.sub(r"[\s/\\]+", "_", model_id.strip()) + ".json"


def submissions(report: dict, seen: set[str] = frozenset()) -> dict[str, list[dict]]:
    """Model label -> the submission document of that run."""
    out = {}
    for model in report["models"]:
        if model["control"]:
            continue
        label = model["label"]
        entries = []
        for instance in sorted(report["instances"], key=lambda i: i["instance"]):
            cell = instance["scores"].get(label)
            if not cell or cell.get("raw") is None:
                continue
            entries.append({"name": instance["instance"], "scores": [{
                "metric": instance["metric"],
                "value": cell["raw"],
                "version": instance["dataset_revisions"].get(label),
                "seen": instance["instance"] in seen or instance["task"] in seen,
            }]})
        out[label] = entries
    return out


def write_submissions(report: dict, folder: Path, seen: set[str] = frozenset()) -> list[Path]:
    folder = Path(folder)
    by_label = {m["label"]: m for m in report["models"]}
    written = []
    for label, document in submissions(report, seen).items():
        path = folder / submission_name(by_label[label]["provenance"]["model_id"])
        if path in written:  # two runs of one model: tell them apart by label
            path = folder / submission_name(label)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(document, indent=4, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"--submission {path}: cannot write ({exc.strerror or exc})") from None
        written.append(path)
    return written


def coverage_warnings(report: dict) -> list[str]:
    """Models below the tutorial's minimum of two tasks."""
    tasks = {i["instance"]: i["task"] for i in report["instances"]}
    out = []
    for label, document in submissions(report).items():
        covered = {tasks[entry["name"]] for entry in document}
        if len(covered) < MIN_TASKS:
            out.append(f"{label}: {len(covered)} task(s) in its submission; the leaderboard asks for at "
                       f"least {MIN_TASKS}")
    return out
