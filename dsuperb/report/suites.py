"""Sibling benchmarks in the report: each suite other than Dynamic-SUPERB Phase 2 as a grid of its
tasks by its instances' variants, every model's score in each cell.

An instance is named `{Task}_{Dataset}[-{Subset}]`; its variant is what follows the task's name
(`SAKURA-SingleHop`, `SAKURA-MultiHop`). So SAKURA's grid is its four tracks (tasks) by single
and multi hop, and MUGEN's its 35 tasks by its one test set. The last row averages each column
over the suite's tasks (resample by resample, so it has an interval).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..vocab.suites import PHASE2, SUITES
from .aggregate import Cell, mean_estimate
from .analyses import cell
from .load import Run


def suite_of_instances(runs: Sequence[Run], catalogue) -> dict[str, str]:
    """Each instance's suite: the catalogue's card where given, else what a run card recorded."""
    found: dict[str, str] = {}
    for run in runs:
        for name, entry in ((run.run_card or {}).get("instances") or {}).items():
            if isinstance(entry, dict) and entry.get("suite"):
                found.setdefault(name, str(entry["suite"]))
    if catalogue is not None:
        found.update({inst.name: inst.suite for inst in catalogue.instances()})
    return found


def suite_grids(compared: dict[str, list[str]], meta: dict, suites: dict[str, str], labels: Sequence[str],
                cells: dict[str, dict[str, Cell]], task_order: Sequence[str] = ()) -> list[dict]:
    """One grid per sibling suite among the compared instances, its tasks in the report's order."""
    rank = {task: index for index, task in enumerate(task_order)}
    out = []
    for suite in [s for s in SUITES if s != PHASE2] + sorted(set(suites.values()) - set(SUITES)):
        names = [name for name in compared if suites.get(name) == suite]
        if not names:
            continue
        tasks: dict[str, dict[str, str]] = {}
        for name in sorted(names, key=lambda n: (rank.get(str(meta[n].task), len(rank)), n)):
            task = str(meta[name].task)
            tasks.setdefault(task, {})[variant_of(name, task)] = name
        columns = sorted({variant for row in tasks.values() for variant in row})
        rows = [{"task": task, "instances": found,
                 "scores": {column: {label: cell(cells[label][found[column]].score) for label in labels
                                     if column in found and found[column] in cells[label]}
                            for column in columns}}
                for task, found in tasks.items()]
        mean = {column: {label: cell(mean_estimate([cells[label][found[column]].score
                                                    for found in tasks.values()
                                                    if column in found and found[column] in cells[label]]))
                         for label in labels}
                for column in columns}
        out.append({"suite": suite, "title": SUITES.get(suite, suite), "columns": columns, "rows": rows,
                    "mean": mean})
    return out


def variant_of(instance: str, task: str) -> str:
    """`SakuraGenderQA_SAKURA-MultiHop` -> `SAKURA-MultiHop` (the whole name where the task's is not
    its prefix)."""
    prefix = f"{task}_"
    return instance[len(prefix):] if instance.startswith(prefix) else instance
