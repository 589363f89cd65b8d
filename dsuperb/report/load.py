"""The runs a report compares: opened through the run folder's reader, each given a short label."""

from __future__ import annotations

from ..errors import ReportError
from ..runfolder.reader import Run, load_run
from ..runfolder.records import OK, InstanceResult

__all__ = ["OK", "InstanceResult", "Run", "label_runs", "load_run"]


def label_runs(runs: list[Run]) -> None:
    """Give each run a short unique label: the model id (+ control), else the folder name."""
    wanted = [r.model_id + (f" [{r.control}]" if r.control else "") for r in runs]
    for run, label in zip(runs, wanted, strict=True):
        run.label = label if wanted.count(label) == 1 else str(run.path)
    labels = [r.label for r in runs]
    if len(set(labels)) != len(labels):
        dupes = sorted({label for label in labels if labels.count(label) > 1})
        raise ReportError(f"the same run folder is given more than once: {', '.join(dupes)}")
