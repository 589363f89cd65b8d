"""Prompt strategies side by side: a model's run under another prompt (`--prompt-strategy cot`, a
`--system-prompt`) against its plain run (direct, no system prompt), per task and over all tasks,
with the paired-bootstrap interval of the difference and its p-value.

The two runs answer the same samples, so each instance's resamples are the same draws for both
(see `aggregate`): the per-resample difference is the paired bootstrap distribution.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..infra.hashing import sha256_text
from ..vocab.prompts import DIRECT
from .aggregate import Cell, Estimate, combine, paired_difference
from .analyses import cell
from .compare import SIGNIFICANCE
from .load import Run, analysis_of, prompt_of


def strategy_pairs(runs: Sequence[Run], notes: list[str]) -> list[tuple[Run, Run]]:
    """(plain run, run under another prompt) of the same model, for every such run in the report."""
    def plain(run: Run) -> bool:
        return not run.control and analysis_of(run) is None and prompt_of(run) == (DIRECT, None)

    pairs = []
    for run in runs:
        if run.control or analysis_of(run) is not None or plain(run):
            continue
        bases = [other for other in runs if plain(other) and other.model_id == run.model_id]
        if not bases:
            notes.append(f"the run of {run.label} has no direct run without a system prompt of the same "
                         "model in this report, so its prompt is not compared")
        pairs += [(base, run) for base in bases]
    return pairs


def strategy_entry(base: Run, run: Run, task_cells: dict[str, dict[str, Cell]], subset: set[str]) -> dict:
    """`run` minus `base` per task (both scores shown) and over the tasks both were scored on alike."""
    strategy, system = prompt_of(run)
    mine, theirs = task_cells[run.label], task_cells[base.label]
    tasks = [name for name in mine if name in theirs and name in subset]
    rows = []
    for name in tasks:
        test = _tested(mine[name].score, theirs[name].score)
        rows.append({"task": name, "base": cell(theirs[name].score), "run": cell(mine[name].score), **test})
    overall = {}
    if tasks:
        ours = combine([mine[name] for name in tasks])
        base_overall = combine([theirs[name] for name in tasks])
        overall = {"base": cell(base_overall.score), "run": cell(ours.score),
                   **_tested(ours.score, base_overall.score)}
    return {"model": run.model_id, "base": base.label, "run": run.label, "strategy": strategy,
            "system_prompt_sha256": sha256_text(system)[:16] if system is not None else None,
            "n_tasks": len(tasks), "overall": overall or None, "tasks": rows}


def _tested(run: Estimate, base: Estimate) -> dict:
    test = paired_difference(run, base)
    test["significant"] = test["p_value"] is not None and test["p_value"] < SIGNIFICANCE
    return test

