"""Build the report: load runs, choose the instances they are compared on, aggregate, rank, and
compare to a baseline and to control runs.

The result is one plain dict (the JSON format, `schemas/report.schema.json`); every renderer and
the plots read that dict, so all formats show the same numbers. Scored rows are read instance by
instance (every run's rows of one instance, then the next), so the bootstrap draws are made once
per instance and memory holds one instance's rows at a time.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..errors import ReportError
from . import compare, provenance
from .aggregate import CONFIDENCE, Cell, Estimate, combine
from .analyses import analysis_sections
from .levels import build_tasks, dimension_title, group, grouped_cells, summarise
from .load import InstanceResult, Run, analysis_of, label_runs, load_run
from .ranking import is_chance, ranked
from .resample import Resampler
from .strategies import strategy_entry, strategy_pairs
from .suites import suite_grids, suite_of_instances


def build_report(run_dirs: Sequence[Path], baseline: str | None = None, n_boot: int = 1000, seed: int = 0,
                 catalogue=None, *, min_common: int | None = None, allow_mixed_judges: bool = False,
                 vectorised: bool = True) -> dict:
    """The report over run folders. `catalogue` (a `dsuperb.cards.Catalogue`), when given, supplies
    each instance's task, category and domains instead of what the runs recorded. `min_common`:
    compare an instance when at least that many runs scored it, each on its own samples (None:
    only instances every run scored on the same samples). `vectorised=False` runs the bootstrap
    resample by resample (the reference the vectorised one is checked against)."""
    if not run_dirs:
        raise ReportError("no run folders given")
    if n_boot < 0:
        raise ReportError(f"--bootstrap must be 0 or more, found {n_boot}")
    if min_common is not None and min_common < 1:
        raise ReportError(f"--min-common must be 1 or more, found {min_common}")
    loaded = [load_run(Path(d)) for d in run_dirs]
    label_runs(loaded)
    notes = [f"the run of {run.label} is incomplete (interrupted, or one shard of several): {run.path}"
             for run in loaded if not run.complete]
    # an analysis run asks each sample several times: it has sections of its own, not a rank
    runs = [run for run in loaded if analysis_of(run) is None]
    baseline_run = compare.find_baseline(runs, baseline) if baseline else None
    with _no_cycle_collection():  # hundreds of thousands of parsed rows, none in a cycle
        selected = _select(runs, min_common, Resampler(n_boot, seed, vectorised), catalogue, notes)
    compared, cells, meta = selected["compared"], selected["cells"], selected["meta"]

    judged = {run.label: run.judges([n for n, labels in compared.items() if run.label in labels])
              for run in runs}
    mixed = provenance.check_judges(runs, judged, allow_mixed_judges)
    cautions = ([mixed] if mixed else []) + provenance.cautions(runs, compared)
    if min_common is not None:
        cautions.append(f"Compared on what the runs share (--min-common {min_common}): an instance counts "
                        f"when at least {min_common} run(s) scored it, each run on its own samples, so "
                        "models may rest on different instances (see each model's instances compared); "
                        "paired comparisons use only the tasks each pair scored on the same samples.")
    empty = _nothing_to_compare(runs, compared, min_common) if runs else None
    if empty:
        notes.append(f"nothing is compared: {empty}")

    tasks = build_tasks(list(compared), meta)
    groups = {level: group(tasks, level) for level in ("categories", "domains", "dimensions")}
    task_cells = {run.label: _task_cells(tasks, cells[run.label]) for run in runs}
    summaries = {label: summarise(task_cells[label], tasks, groups["categories"], groups["domains"])
                 for label in task_cells}
    models = ranked([_model_entry(run, compared, task_cells[run.label], summaries[run.label][2])
                     for run in runs])
    labels = [m["label"] for m in models]
    dimensions = {label: grouped_cells(task_cells[label], tasks, groups["dimensions"]) for label in labels}
    report = {
        "dsuperb_version": __version__,
        "settings": {"confidence": CONFIDENCE, "bootstrap": n_boot, "seed": seed,
                     "baseline": baseline_run.label if baseline_run else None,
                     "comparison": "shared" if min_common is None else "min_common", "min_common": min_common,
                     "mixed_judges": bool(mixed),
                     "chance": next((m["label"] for m in models if m["chance"]), None)},
        "models": models,
        "cautions": cautions,
        "nothing_to_compare": empty,
        "left_out": selected["left_out"],
        "notes": notes,
        "instances": [_instance_entry(name, meta[name], runs, [x for x in labels if x in compared[name]],
                                      cells) for name in compared],
        "tasks": [{**{k: v for k, v in t.items() if k != "raw_metric"},
                   "readme": _has_readme(t["task"], catalogue),
                   "scores": _scores(labels, {label: task_cells[label].get(t["task"]) for label in labels})}
                  for t in tasks],
        "categories": [{"name": name, "n_tasks": len(names),
                        "scores": _scores(labels, {label: summaries[label][0].get(name) for label in labels})}
                       for name, names in groups["categories"].items()],
        "domains": [{"name": name, "n_tasks": len(names),
                     "categories": sorted({t["category"] for t in tasks if t["task"] in set(names)}),
                     "scores": _scores(labels, {label: summaries[label][1].get(name) for label in labels})}
                    for name, names in groups["domains"].items()],
        "dimensions": [{"name": name, "title": dimension_title(name), "n_tasks": len(names),
                        "categories": sorted({t["category"] for t in tasks if t["task"] in set(names)}),
                        "scores": _scores(labels, {label: dimensions[label].get(name) for label in labels})}
                       for name, names in groups["dimensions"].items()],
        "baseline": None,
        "audio_dependence": [],
        "prompt_strategies": [],
        "suites": suite_grids(compared, meta, suite_of_instances(runs, catalogue), labels, cells,
                              [t["task"] for t in tasks]),
        **analysis_sections([run for run in loaded if analysis_of(run) is not None],
                            Resampler(n_boot, seed, vectorised)),
    }

    def paired(first: str, second: str) -> set[str]:
        return _paired_tasks(tasks, compared, selected["samples"], first, second, min_common is None)

    task_scores = {label: {name: cell.score for name, cell in cells_.items()}
                   for label, cells_ in task_cells.items()}
    if baseline_run and tasks:
        report["baseline"] = compare.baseline_comparison(baseline_run.label, labels, tasks, task_scores,
                                                         groups, paired)
    for normal, control in compare.dependence_pairs(runs, notes) if tasks else []:
        report["audio_dependence"].append(_dependence(normal, control, tasks, groups, task_cells,
                                                      paired(normal.label, control.label), notes))
    for base, other in strategy_pairs(runs, notes) if tasks else []:
        report["prompt_strategies"].append(strategy_entry(base, other, task_cells,
                                                          paired(base.label, other.label)))
    if not runs:
        notes.append("only analysis runs were given: no leaderboard (an analysis run asks each sample "
                     "several times, so its scores are not the model's score on the benchmark)")
    return report


@contextmanager
def _no_cycle_collection():
    """The cyclic garbage collector off while rows are read: each collection would walk every
    live row (about a tenth of the report's time at full scale), and rows hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _select(runs: Sequence[Run], min_common: int | None, resampler: Resampler, catalogue,
            notes: list[str]) -> dict:
    """Go instance by instance: which runs are compared on it, their cells, why others are not."""
    compared: dict[str, list[str]] = {}
    cells: dict[str, dict[str, Cell]] = {run.label: {} for run in runs}
    samples: dict[str, dict[str, object]] = {}
    meta: dict[str, InstanceResult] = {}
    left_out = []
    for name in sorted({name for run in runs for name in run.instances}):
        task = next(run.instances[name].task for run in runs if name in run.instances)
        keys = {run.label: compare.sample_key(run, name) for run in runs if name in run.instances}
        if min_common is None:
            reason = compare.why_left_out(name, runs, keys)
            chosen, excluded = ([] if reason else list(runs)), []
        else:
            chosen, excluded, reason = compare.partial_selection(name, runs, min_common)
        if reason:
            left_out.append({"instance": name, "task": task, "reason": reason})
        else:
            left_out += [{"instance": name, "task": task, "reason": f"not compared for {why}"}
                         for why in excluded]
            compared[name] = [run.label for run in chosen]
            meta[name] = _meta(name, chosen[0].instances[name], catalogue)
            samples[name] = {run.label: keys[run.label] for run in chosen}
            for run in chosen:
                cells[run.label][name] = _instance_cell(run, name, resampler, notes)
        for run in runs:
            run.release(name)
    return {"compared": compared, "cells": cells, "samples": samples, "meta": meta, "left_out": left_out}


def _has_readme(task: str, catalogue) -> bool:
    """Whether the task's folder (in --tasks-dir, else the packaged catalogue) has a README.md."""
    from ..paths import tasks_dir_or_default

    cards = [card.path for card in (catalogue.cards if catalogue is not None else [])
             if card.task is not None and card.task.name == task]
    folder = Path(cards[0]).parent if cards else tasks_dir_or_default() / task
    return (folder / "README.md").is_file()


def _meta(name: str, result: InstanceResult, catalogue) -> InstanceResult:
    spec = catalogue.instance(name) if catalogue is not None else None
    if spec is None:
        return result
    return replace(result, task=spec.task, category=spec.category or result.category,
                   domains=tuple(spec.domains) or result.domains)


def _instance_cell(run: Run, name: str, resampler: Resampler, notes: list[str]) -> Cell:
    result = run.instances[name]
    score, raw = Estimate(result.normalised), Estimate(result.value)
    if resampler.n_boot:
        rows = run.rows(name)
        if rows is None:
            notes.append(f"{run.scored_path(name)}: missing, so {name} has no interval "
                         f"in the run of {run.label}")
        else:
            try:
                score.replicates, raw.replicates = resampler.replicates(result.metric, rows, name,
                                                                        result.value)
            except (KeyError, TypeError, ValueError) as exc:
                raise ReportError(f"{run.scored_path(name)}: cannot recompute {result.metric} on its rows "
                                  f"({type(exc).__name__}: {exc})") from None
    return Cell(score=score, raw=raw, na_rate=result.na_rate, count=result.count, errors=result.errors)


def _task_cells(tasks: Sequence[dict], cells: dict[str, Cell]) -> dict[str, Cell]:
    out = {}
    for task in tasks:
        have = [cells[name] for name in task["instances"] if name in cells]
        if have:
            out[task["task"]] = combine(have, with_raw=task["raw_metric"])
    return out


def _scores(labels: Sequence[str], cells: dict[str, Cell | None]) -> dict:
    return {label: cells[label].as_dict() for label in labels if cells.get(label) is not None}


def _paired_tasks(tasks, compared, samples, first: str, second: str, strict: bool) -> set[str]:
    """Tasks on which two runs were scored alike: every instance of the task scored by both or by
    neither, and on the same samples."""
    if strict:
        return {task["task"] for task in tasks}
    out = set()
    for task in tasks:
        both = [n for n in task["instances"] if first in compared[n] and second in compared[n]]
        alone = [n for n in task["instances"] if (first in compared[n]) != (second in compared[n])]
        if both and not alone and all(samples[n][first] == samples[n][second] for n in both):
            out.add(task["task"])
    return out


def _dependence(normal: Run, control: Run, tasks, groups, task_cells, subset: set[str], notes) -> dict:
    """Normal minus control over the tasks both runs were scored on alike."""
    pair = {run.label: {name: cell for name, cell in task_cells[run.label].items() if name in subset}
            for run in (normal, control)}
    task_scores = {label: {name: cell.score for name, cell in cells.items()} for label, cells in pair.items()}
    domain_scores = {label: {name: cell.score for name, cell in summarise(cells, tasks, groups["categories"],
                                                                          groups["domains"])[1].items()}
                     for label, cells in pair.items()}
    overall = {label: combine(list(cells.values())).score if cells else Estimate(None)
               for label, cells in pair.items()}
    return compare.dependence_entry(normal, control, task_scores, domain_scores, overall, notes)


def _model_entry(run: Run, compared: dict[str, list[str]], task_cells: dict[str, Cell],
                 overall: Cell | None) -> dict:

    mine = [name for name, labels in compared.items() if run.label in labels]
    ok = [n for n, r in run.instances.items() if r.status == "ok"]
    return {"label": run.label, "run_dir": str(run.path), "model": run.model, "control": run.control,
            "chance": is_chance(run), "rank": None,
            "overall": overall.as_dict() if overall is not None else None,
            "instances": len(run.instances), "instances_ok": len(ok), "instances_compared": len(mine),
            "tasks_compared": len(task_cells), "provenance": provenance.run_provenance(run, mine)}


def _instance_entry(name: str, meta: InstanceResult, runs: Sequence[Run], labels: list[str], cells) -> dict:
    by_label = {run.label: run for run in runs}
    revisions = {label: by_label[label].provenance["dataset_revisions"].get(name) for label in labels
                 if by_label[label].run_card is not None}
    hf_path = next((by_label[label].provenance["hf_paths"].get(name) for label in labels
                    if by_label[label].provenance["hf_paths"].get(name)), None)
    return {"instance": name, "task": meta.task, "metric": meta.metric, "hf_path": hf_path,
            "dataset_revisions": revisions,
            "scores": {label: cells[label][name].as_dict() for label in labels}}


def _nothing_to_compare(runs: Sequence[Run], compared: dict, min_common: int | None) -> str | None:
    if compared:
        return None
    empty = [run.label for run in runs if not any(compare.unusable(r, run.label) is None
                                                  for r in run.instances.values())]
    if empty:
        return (f"no instance has a score in the run of {', '.join(empty)} (every instance failed, was "
                "skipped or has no metric; see Left out)")
    if min_common is not None:
        return f"no instance was scored by at least {min_common} run(s) (see Left out)"
    return ("no instance was scored by every run on the same samples (see Left out); --min-common N or "
            "--union compares the runs on what they share")
