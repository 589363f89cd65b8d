"""Build the report: load runs, keep the instances they share, aggregate, compare to a baseline.

The result is one plain dict (the JSON format, `schemas/report.schema.json`); every renderer and
the plots read that dict, so all formats show the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..errors import ReportError
from ..taxonomy import TaxonomyError, load_taxonomy
from .aggregate import CONFIDENCE, Cell, Estimate, bootstrap_instance, combine
from .compare import audio_dependence, baseline_comparison, find_baseline, shared_instances
from .load import InstanceResult, Run, label_runs, load_run


def build_report(run_dirs: Sequence[Path], baseline: str | None = None, n_boot: int = 1000, seed: int = 0,
                 catalogue=None) -> dict:
    """The report over run folders. `catalogue` (a `dsuperb.cards.Catalogue`), when given, supplies
    each instance's task, category and domains instead of what the runs recorded."""
    if not run_dirs:
        raise ReportError("no run folders given")
    if n_boot < 0:
        raise ReportError(f"--bootstrap must be 0 or more, found {n_boot}")
    runs = [load_run(Path(d)) for d in run_dirs]
    label_runs(runs)
    baseline_run = find_baseline(runs, baseline) if baseline else None
    shared, left_out = shared_instances(runs)
    meta = {name: _meta(name, runs[0].instances[name], catalogue) for name in shared}
    notes = [f"the run of {run.label} is incomplete (interrupted, or one shard of several): {run.path}"
             for run in runs if not run.complete]
    if not shared:
        notes.append("no instance was scored in every run, so nothing is compared (see Left out)")

    instance_cells = {run.label: {name: _instance_cell(run, name, n_boot, seed, notes) for name in shared}
                      for run in runs}
    tasks = _tasks(shared, meta)
    task_cells = {label: {t["task"]: combine([cells[i] for i in t["instances"]], with_raw=t["raw_metric"])
                          for t in tasks}
                  for label, cells in instance_cells.items()}
    categories = _group(tasks, lambda t: [t["category"]], rank=lambda c: _category_rank(c, tasks))
    domains = _group(tasks, lambda t: t["domains"], rank=_domain_rank)
    category_cells = {label: {name: combine([cells[n] for n in names], n_tasks=len(names))
                              for name, names in categories.items()}
                      for label, cells in task_cells.items()}
    domain_cells = {label: {name: _domain_cell(names, tasks, cells) for name, names in domains.items()}
                    for label, cells in task_cells.items()}
    labels = [run.label for run in runs]
    report = {
        "dsuperb_version": __version__,
        "settings": {"confidence": CONFIDENCE, "bootstrap": n_boot, "seed": seed,
                     "baseline": baseline_run.label if baseline_run else None},
        "models": [_model_entry(run, shared) for run in runs],
        "left_out": left_out,
        "notes": notes,
        "instances": [{"instance": name, "task": meta[name].task, "metric": meta[name].metric,
                       "scores": {label: instance_cells[label][name].as_dict() for label in labels}}
                      for name in shared],
        "tasks": [{**{k: v for k, v in t.items() if k != "raw_metric"},
                   "scores": {label: task_cells[label][t["task"]].as_dict() for label in labels}}
                  for t in tasks],
        "categories": [{"name": name, "n_tasks": len(names),
                        "scores": {label: category_cells[label][name].as_dict() for label in labels}}
                       for name, names in categories.items()],
        "domains": [{"name": name, "n_tasks": len(names), "categories": list(_categories_of(names, tasks)),
                     "scores": {label: domain_cells[label][name].as_dict() for label in labels}}
                    for name, names in domains.items()],
        "baseline": None,
        "audio_dependence": [],
    }
    task_scores = {label: {name: cell.score for name, cell in cells.items()}
                   for label, cells in task_cells.items()}
    if baseline_run:
        report["baseline"] = baseline_comparison(baseline_run.label, labels, tasks, task_scores,
                                                 {"categories": categories, "domains": domains})
    if shared:
        domain_scores = {label: {name: cell.score for name, cell in cells.items()}
                         for label, cells in domain_cells.items()}
        overall = {label: combine(list(cells.values())).score for label, cells in task_cells.items()}
        report["audio_dependence"] = audio_dependence(runs, task_scores, domain_scores, overall, notes)
    return report


def _meta(name: str, result: InstanceResult, catalogue) -> InstanceResult:
    spec = catalogue.instance(name) if catalogue is not None else None
    if spec is None:
        return result
    return replace(result, task=spec.task, category=spec.category or result.category,
                   domains=tuple(spec.domains) or result.domains)


def _instance_cell(run: Run, name: str, n_boot: int, seed: int, notes: list[str]) -> Cell:
    result = run.instances[name]
    score, raw = Estimate(result.normalised), Estimate(result.value)
    if n_boot:
        rows = run.rows(name)
        if rows is None:
            notes.append(f"{run.scored_path(name)}: missing, so {name} has no interval "
                         f"in the run of {run.label}")
        else:
            try:
                score.replicates, raw.replicates = bootstrap_instance(result.metric, rows, n_boot, seed, name)
            except (KeyError, TypeError, ValueError) as exc:
                raise ReportError(f"{run.scored_path(name)}: cannot recompute {result.metric} on its rows "
                                  f"({type(exc).__name__}: {exc})") from None
    return Cell(score=score, raw=raw, na_rate=result.na_rate, count=result.count, errors=result.errors)


def _tasks(shared: Sequence[str], meta: dict[str, InstanceResult]) -> list[dict]:
    by_task: dict[str, list[str]] = {}
    for name in shared:
        by_task.setdefault(meta[name].task, []).append(name)
    tasks = []
    for task, names in by_task.items():
        results = [meta[n] for n in names]
        metrics = sorted({str(r.metric) for r in results})
        domains = list(dict.fromkeys(d for r in results for d in r.domains)) or ["unknown"]
        category = Counter(r.category for r in results).most_common(1)[0][0]
        higher = {r.higher_is_better for r in results}
        tasks.append({
            "task": task, "domains": domains, "category": category,
            "metric": metrics[0] if len(metrics) == 1 else "mixed",
            "higher_is_better": higher.pop() if len(higher) == 1 else None,
            "instances": names, "raw_metric": len(metrics) == 1,
        })
    return sorted(tasks, key=lambda t: (_category_rank(t["category"], [t]), t["task"]))


# Display order comes from the taxonomy (schemas/taxonomy.json): its domains in order, categories
# under their domain in the order listed there; names it lacks follow, by name.
def _taxonomy():
    try:
        return load_taxonomy()
    except TaxonomyError as exc:
        raise ReportError(str(exc)) from None


def _domain_rank(domain: str) -> tuple:
    domains = list(_taxonomy().domains)
    return (domains.index(domain) if domain in domains else len(domains), domain)


def _category_rank(category: str, tasks: Sequence[dict]) -> tuple:
    """A category the taxonomy lacks goes under the first domain of its first task."""
    taxonomy = _taxonomy()
    names = list(taxonomy.categories)
    if category in taxonomy.categories:
        return (_domain_rank(taxonomy.domain_of(category)), names.index(category), category)
    domain = next(t["domains"][0] for t in tasks if t["category"] == category)
    return (_domain_rank(domain), len(names), category)


def _group(tasks: Sequence[dict], keys, rank) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for task in tasks:
        for key in keys(task):
            groups.setdefault(key, []).append(task["task"])
    return {g: groups[g] for g in sorted(groups, key=rank)}


def _categories_of(names: Sequence[str], tasks: Sequence[dict]) -> dict[str, list[str]]:
    """The tasks among `names` by category."""
    members = set(names)
    categories: dict[str, list[str]] = {}
    for task in tasks:
        if task["task"] in members:
            categories.setdefault(task["category"], []).append(task["task"])
    return dict(sorted(categories.items()))


def _domain_cell(names: Sequence[str], tasks: Sequence[dict], task_cells: dict[str, Cell]) -> Cell:
    """A domain is the mean of its categories (each the mean of its tasks in this domain), so a
    category with many tasks does not outweigh the others."""
    parts = [combine([task_cells[n] for n in members]) for members in _categories_of(names, tasks).values()]
    return combine(parts, n_tasks=len(names))


def _model_entry(run: Run, shared: Sequence[str]) -> dict:
    ok = [n for n, r in run.instances.items() if r.status == "ok"]
    return {"label": run.label, "run_dir": str(run.path), "model": run.model, "control": run.control,
            "instances": len(run.instances), "instances_ok": len(ok), "instances_compared": len(shared)}
