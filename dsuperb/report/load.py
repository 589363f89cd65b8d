"""The runs a report compares: opened through the run folder's reader, each given a short label."""

from __future__ import annotations

from ..errors import ReportError
from ..runfolder.layout import extra_parts
from ..runfolder.reader import Run, load_run
from ..runfolder.records import OK, InstanceResult
from ..vocab.prompts import DIRECT
from ..vocab.variants import Analysis

__all__ = ["OK", "InstanceResult", "Run", "analysis_of", "label_runs", "load_run", "prompt_of", "tags"]


def analysis_of(run: Run) -> Analysis | None:
    """The analysis an analysis run made (its run card says), None for any other run."""
    return Analysis.from_json((run.run_card or {}).get("analysis"))


def prompt_of(run: Run) -> tuple[str, str | None]:
    """(prompt strategy, system prompt) of a run; a card from before them: direct, none."""
    generation = (run.run_card or {}).get("generation") or {}
    return str(generation.get("prompt_strategy") or DIRECT), generation.get("system_prompt")


def tags(run: Run) -> list[str]:
    """What sets a run apart from the plain run of its model: control, strategy, system prompt,
    analysis (the same parts as its folder's name)."""
    return ([run.control] if run.control else []) + list(extra_parts(*prompt_of(run), analysis_of(run)))


def label_runs(runs: list[Run]) -> None:
    """Give each run a short unique label: the model id (+ what sets the run apart: control,
    prompt strategy, system prompt, analysis), else the folder name."""
    wanted = [r.model_id + (f" [{', '.join(tags(r))}]" if tags(r) else "") for r in runs]
    for run, label in zip(runs, wanted, strict=True):
        run.label = label if wanted.count(label) == 1 else str(run.path)
    labels = [r.label for r in runs]
    if len(set(labels)) != len(labels):
        dupes = sorted({label for label in labels if labels.count(label) > 1})
        raise ReportError(f"the same run folder is given more than once: {', '.join(dupes)}")
