"""Comparing runs: which instances they share (and why the others are left out), and how each
model fares against a baseline model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..errors import ReportError
from .aggregate import Estimate, paired_difference
from .load import OK, Run

SIGNIFICANCE = 0.05


def shared_instances(runs: Sequence[Run]) -> tuple[list[str], list[dict]]:
    """Instances every run scored on the same samples; the rest with the reason they are left out."""
    names = sorted({name for run in runs for name in run.instances})
    shared, left_out = [], []
    for name in names:
        reason = _why_left_out(name, runs)
        if reason:
            task = next(run.instances[name].task for run in runs if name in run.instances)
            left_out.append({"instance": name, "task": task, "reason": reason})
        else:
            shared.append(name)
    return shared, left_out


def _why_left_out(name: str, runs: Sequence[Run]) -> str | None:
    missing = [run.label for run in runs if name not in run.instances]
    if missing:
        return f"not in the run of {', '.join(missing)}"
    results = {run.label: run.instances[name] for run in runs}
    for label, result in results.items():
        if result.status != OK:
            detail = f": {result.message}" if result.message else ""
            return f"{result.status} in the run of {label}{detail}"
    for label, result in results.items():
        if result.metric is None:
            return "not scored (no metric: audio generation)"
        if result.normalised is None:
            return f"no score in the run of {label} (the metric is undefined on these answers)"
    metrics = {r.metric for r in results.values()}
    if len(metrics) > 1:
        return "scored with different metrics: " + _listing({k: r.metric for k, r in results.items()})
    counts = {label: r.count for label, r in results.items()}
    if len(set(counts.values())) > 1:
        return "different numbers of samples: " + _listing(counts)
    samples = {run.label: _sample_ids(run, name) for run in runs}
    known = {label: ids for label, ids in samples.items() if ids is not None}
    if len({frozenset(ids.items()) for ids in known.values()}) > 1:
        return "different samples (the scored files hold different `file` ids)"
    return None


def _listing(values: dict) -> str:
    return ", ".join(f"{label} {value}" for label, value in values.items())


def _sample_ids(run: Run, name: str) -> Counter | None:
    rows = run.rows(name)
    return None if rows is None else Counter(str(row.get("file")) for row in rows)


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
                        group_tasks: dict[str, dict[str, list[str]]]) -> dict:
    """Per task: each model's paired difference to the baseline. Per category and domain: the
    share of tasks where the model's score is above the baseline's (and significantly so)."""
    out = {"model": baseline, "significance": SIGNIFICANCE, "tasks": [], "categories": [], "domains": []}
    better: dict[str, dict[str, bool]] = {}
    significant: dict[str, dict[str, bool]] = {}
    for task in tasks:
        name = task["task"]
        row = {"task": name, "models": {}}
        for label in labels:
            if label == baseline:
                continue
            test = paired_difference(task_scores[label][name], task_scores[baseline][name])
            test["beats_baseline"] = test["diff"] is not None and test["diff"] > 0
            test["significant"] = (test["beats_baseline"] and test["p_value"] is not None
                                   and test["p_value"] < SIGNIFICANCE)
            better.setdefault(label, {})[name] = test["beats_baseline"]
            significant.setdefault(label, {})[name] = test["significant"]
            row["models"][label] = test
        out["tasks"].append(row)
    for level in ("categories", "domains"):
        for group, names in group_tasks[level].items():
            row = {"name": group, "n_tasks": len(names), "models": {}}
            for label in better:
                wins = sum(better[label][n] for n in names)
                sig = sum(significant[label][n] for n in names)
                row["models"][label] = {"wins": wins, "significant_wins": sig,
                                        "share": round(wins / len(names), 4) if names else None}
            out[level].append(row)
    return out


def audio_dependence(runs: Sequence[Run], task_scores: dict[str, dict[str, Estimate]],
                     domain_scores: dict[str, dict[str, Estimate]], overall: dict[str, Estimate],
                     notes: list[str]) -> list[dict]:
    """How much each model's score depends on hearing the audio: for every control run (audio
    replaced by silence or another sample's audio) beside a normal run of the same model, the
    normal score minus the control's, per task, per domain and over all tasks, with paired
    intervals. A model whose score does not drop on any task is flagged in the notes: an adapter
    that drops the audio looks exactly like that."""
    out = []
    for control in (run for run in runs if run.control):
        normals = [run for run in runs if not run.control and run.model_id == control.model_id]
        if not normals:
            notes.append(f"the {control.control} control run of {control.model_id} has no normal run of the "
                         "same model in this report, so its audio dependence is not shown")
        for normal in normals:
            entry = {"model": control.model_id, "normal": normal.label, "control": control.label,
                     "kind": control.control,
                     "overall": _dependence(overall[normal.label], overall[control.label]),
                     "domains": [{"name": name, **_dependence(score, domain_scores[control.label][name])}
                                 for name, score in domain_scores[normal.label].items()],
                     "tasks": [{"task": name, **_dependence(score, task_scores[control.label][name])}
                               for name, score in task_scores[normal.label].items()]}
            if entry["tasks"] and all(row["depends"] is False for row in entry["tasks"]):
                notes.append(f"{normal.label} scores no lower with its audio replaced ({control.control} "
                             f"control) on any task: check that the model is given the audio")
            out.append(entry)
    return out


def _dependence(normal: Estimate, control: Estimate) -> dict:
    """Normal minus control; `depends` when that is above zero with paired p < SIGNIFICANCE
    (None without intervals)."""
    test = paired_difference(normal, control)
    if test["diff"] is None or test["p_value"] is None:
        test["depends"] = None if test["diff"] is None or test["diff"] > 0 else False
    else:
        test["depends"] = test["diff"] > 0 and test["p_value"] < SIGNIFICANCE
    return test
