"""Comparing runs: which instances they share (and why the others are left out), and how each
model fares against a baseline model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..errors import ReportError
from .aggregate import Estimate, paired_difference
from .load import OK, Run

SIGNIFICANCE = 0.05


def why_left_out(name: str, runs: Sequence[Run], samples: dict) -> str | None:
    """Why the instance cannot be compared across all runs (None: it can); `samples`: each run's
    `sample_key` for it."""
    missing = [run.label for run in runs if name not in run.instances]
    if missing:
        return f"not in the run of {', '.join(missing)}"
    results = {run.label: run.instances[name] for run in runs}
    for label, result in results.items():
        problem = unusable(result, label)
        if problem:
            return problem
    metrics = {r.metric for r in results.values()}
    if len(metrics) > 1:
        return "scored with different metrics: " + _listing({k: r.metric for k, r in results.items()})
    counts = {label: r.count for label, r in results.items()}
    if len(set(counts.values())) > 1:
        return "different numbers of samples: " + _listing(counts)
    if len({samples[run.label] for run in runs} - {None}) > 1:
        return "different samples (the scored files hold different `file` ids)"
    return None


def unusable(result, label: str) -> str | None:
    """Why one run's record of an instance has no comparable score (None: it has one)."""
    if result.status != OK:
        detail = f": {result.message}" if result.message else ""
        return f"{result.status} in the run of {label}{detail}"
    if result.metric is None:
        return "not scored (no metric: audio generation)"
    if result.normalised is None:
        return f"no score in the run of {label} (the metric is undefined on these answers)"
    return None


def partial_selection(name: str, runs: Sequence[Run],
                      min_common: int) -> tuple[list[Run], list[str], str | None]:
    """(runs compared on the instance, why each other run is not, why the instance is left out)
    when an instance needs only `min_common` runs: every run that scored it (with the instance's
    most common metric) is compared on its own samples."""
    usable, excluded = [], []
    for run in runs:
        result = run.instances.get(name)
        problem = "not in the run" if result is None else unusable(result, run.label)
        if problem:
            excluded.append(f"{run.label}: {problem}")
        else:
            usable.append(run)
    if usable:
        metric = Counter(run.instances[name].metric for run in usable).most_common(1)[0][0]
        excluded += [f"{run.label}: scored with {run.instances[name].metric}, the others with {metric}"
                     for run in usable if run.instances[name].metric != metric]
        usable = [run for run in usable if run.instances[name].metric == metric]
    if len(usable) < min_common:
        shown = "; ".join(excluded[:3]) + (f"; and {len(excluded) - 3} more" if len(excluded) > 3 else "")
        return [], excluded, f"scored by {len(usable)} run(s), fewer than --min-common {min_common} ({shown})"
    return usable, excluded, None


def sample_key(run: Run, name: str):
    """What identifies the samples a run scored on an instance (None when its rows are missing):
    equal keys mean the two runs' scores on it are paired."""
    rows = run.rows(name)
    return None if rows is None else hash(tuple(sorted(str(row.get("file")) for row in rows)))


def _listing(values: dict) -> str:
    return ", ".join(f"{label} {value}" for label, value in values.items())


def find_baseline(runs: Sequence[Run], wanted: str) -> Run:
    """The run a user means by --baseline: its label, model id, or folder (name or path)."""
    for key in (lambda r: r.label, lambda r: r.model_id, lambda r: r.path.name, lambda r: str(r.path)):
        matches = [run for run in runs if key(run) == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ReportError(f"--baseline {wanted!r} matches several runs; give the run folder instead")
    known = ", ".join(run.label for run in runs)
    raise ReportError(f"--baseline {wanted!r} is none of the runs in this report (runs: {known})")


def baseline_comparison(baseline: str, labels: Sequence[str], tasks: Sequence[dict],
                        task_scores: dict[str, dict[str, Estimate]],
                        group_tasks: dict[str, dict[str, list[str]]],
                        paired: Callable[[str, str], set]) -> dict:
    """Per task: each model's paired difference to the baseline. Per category and domain: the
    share of tasks where the model's score is above the baseline's (and significantly so), over
    the tasks the two were scored on alike (`paired(label, baseline)`: all tasks, unless runs
    were compared on what they share)."""
    out = {"model": baseline, "significance": SIGNIFICANCE, "tasks": [], "categories": [], "domains": []}
    better: dict[str, dict[str, bool]] = {label: {} for label in labels if label != baseline}
    significant: dict[str, dict[str, bool]] = {label: {} for label in better}
    shared = {label: paired(label, baseline) for label in better}
    for task in tasks:
        name = task["task"]
        row = {"task": name, "models": {}}
        for label in better:
            if name not in shared[label]:
                continue
            test = paired_difference(task_scores[label][name], task_scores[baseline][name])
            test["beats_baseline"] = test["diff"] is not None and test["diff"] > 0
            test["significant"] = (test["beats_baseline"] and test["p_value"] is not None
                                   and test["p_value"] < SIGNIFICANCE)
            better[label][name] = test["beats_baseline"]
            significant[label][name] = test["significant"]
            row["models"][label] = test
        out["tasks"].append(row)
    for level in ("categories", "domains"):
        for group, names in group_tasks[level].items():
            row = {"name": group, "n_tasks": len(names), "models": {}}
            for label in better:
                mine = [n for n in names if n in better[label]]
                wins = sum(better[label][n] for n in mine)
                entry = {"wins": wins, "significant_wins": sum(significant[label][n] for n in mine),
                         "share": round(wins / len(mine), 4) if mine else None}
                if len(mine) != len(names):
                    entry["n_tasks"] = len(mine)
                row["models"][label] = entry
            out[level].append(row)
    return out


def dependence_entry(normal: Run, control: Run, task_scores: dict[str, dict[str, Estimate]],
                     domain_scores: dict[str, dict[str, Estimate]], overall: dict[str, Estimate],
                     notes: list[str]) -> dict:
    """How much a model's score depends on hearing the audio: its normal run's score minus its
    control run's (audio replaced by silence or another sample's audio), per task, per domain
    and over all tasks, with paired intervals. The scores given cover the tasks both runs were
    scored on alike. A model whose score drops on no task is flagged in the notes: an adapter
    that drops the audio looks exactly like that."""
    n, c = normal.label, control.label
    entry = {"model": control.model_id, "normal": n, "control": c, "kind": control.control,
             "overall": _dependence(overall[n], overall[c]),
             "domains": [{"name": name, **_dependence(score, domain_scores[c][name])}
                         for name, score in domain_scores[n].items() if name in domain_scores[c]],
             "tasks": [{"task": name, **_dependence(score, task_scores[c][name])}
                       for name, score in task_scores[n].items() if name in task_scores[c]]}
    if entry["tasks"] and all(row["depends"] is False for row in entry["tasks"]):
        notes.append(f"{n} scores no lower with its audio replaced ({control.control} control) on any task: "
                     "check that the model is given the audio")
    return entry


def dependence_pairs(runs: Sequence[Run], notes: list[str]) -> list[tuple[Run, Run]]:
    """(normal run, control run) of the same model, for every control run in the report."""
    pairs = []
    for control in (run for run in runs if run.control):
        normals = [run for run in runs if not run.control and run.model_id == control.model_id]
        if not normals:
            notes.append(f"the {control.control} control run of {control.model_id} has no normal run of the "
                         "same model in this report, so its audio dependence is not shown")
        pairs += [(normal, control) for normal in normals]
    return pairs


def _dependence(normal: Estimate, control: Estimate) -> dict:
    """Normal minus control; `depends` when that is above zero with paired p < SIGNIFICANCE
    (None without intervals)."""
    test = paired_difference(normal, control)
    if test["diff"] is None or test["p_value"] is None:
        test["depends"] = None if test["diff"] is None or test["diff"] > 0 else False
    else:
        test["depends"] = test["diff"] > 0 and test["p_value"] < SIGNIFICANCE
    return test
