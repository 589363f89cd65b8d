"""Scoring's public functions: score_rows, aggregate, normalise, make_judge.

`score_rows` turns prediction rows into scored rows (input + score, answer, na, reason, stats)
and a per-instance summary; a row asked step by step (`prompt_strategy: cot`) is scored on its
final answer line only. `aggregate` recomputes a metric from any subset of scored rows'
`stats`, which is what the report's bootstrap needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..errors import ScoringError
from ..vocab import metrics as registry
from ..vocab.prompts import COT, answer_text
from .base import Context, Metric
from .judges import JudgeSpecError, make_judge
from .outcome import FAILED, outcome, verdict_sources

__all__ = ["ScoredInstance", "UnknownMetric", "JudgeSpecError", "score_rows", "aggregate", "normalise",
           "make_judge", "get_metric"]


# what a scored row carries beyond RowScore's fields: the judge, and who decided (classification)
SCORED_EXTRA_KEYS = ("judge", "verdict_source", "rules_reason")


class UnknownMetric(ScoringError):
    """No scorer for this metric name (a user's mistake or an audio-generation instance)."""


@dataclass
class ScoredInstance:
    rows: list[dict]
    summary: dict = field(default_factory=dict)


@cache
def get_metric(name: str) -> Metric:
    info = registry.get(name)
    if info is None:
        raise UnknownMetric(f"unknown metric '{name}' (known: {', '.join(registry.names())})")
    if not info.impl:
        raise UnknownMetric(f"metric '{name}' has no scorer yet")
    module_name, attribute = info.impl.split(":")
    return getattr(importlib.import_module(module_name), attribute)


def score_rows(rows: Iterable[dict], instance=None, metric: str | None = None, label_set=None,
               judge=None) -> ScoredInstance:
    """Score prediction rows of one instance.

    The metric is `metric` if given, else the instance spec's; the label set likewise. The
    embedded judge is used for classification when no judge is passed.
    """
    rows = list(rows)
    metric_name = metric or (instance.metric if instance is not None else None)
    if not metric_name:
        name = instance.name if instance is not None else "these rows"
        raise UnknownMetric(f"no metric for {name}: the card names none (audio generation is not scored)")
    scorer = get_metric(metric_name)
    if label_set is None and instance is not None:
        label_set = instance.label_set
    judged = registry.needs_judge(metric_name)
    if judge is None and judged:
        judge = make_judge()
    context = Context(label_set=tuple(label_set) if label_set else None, judge=judge)
    # a step-by-step row is scored on its final answer line; the scored row keeps the whole response
    views = [{**row, "response": answer_text(row)} if row.get("prompt_strategy") == COT else row
             for row in rows]
    results = scorer.score_batch(views, context)
    judge_identity = judge.identity if judge is not None and judged else None

    scored = []
    for row, result in zip(rows, results, strict=True):
        out = dict(row)
        out.update(score=result.score, answer=result.answer, na=bool(result.na), reason=result.reason,
                   stats=result.stats)
        if result.judge_error:
            out["judge_error"] = True
        if result.scorer_error:
            out["scorer_error"] = True
        out.update(result.extra)
        if judge_identity:
            out["judge"] = judge_identity
        scored.append(out)

    value = _aggregate(scorer, [r["stats"] for r in scored])
    instance_name = instance.name if instance is not None else _common_instance(rows)
    summary = {
        "instance": instance_name,
        "metric": metric_name,
        "value": value,
        "normalised": scorer.normalise(value),
        "higher_is_better": scorer.higher_is_better,
        "na_rate": (sum(r["na"] for r in scored) / len(scored)) if scored else None,
        "count": len(scored),
        # failed samples, judge failures and scorer failures: each row counted once
        "errors": sum(1 for r in scored if r.get("error") or r.get("judge_error") or r.get("scorer_error")),
        "judge_errors": sum(1 for r in scored if r.get("judge_error")),
        "judge": judge_identity,
        "verdict_sources": verdict_sources(scored) if judge_identity else None,
    }
    summary["status"], summary["message"] = outcome(scored)
    if summary["status"] == FAILED:
        summary["value"] = summary["normalised"] = None  # a failure is never shown as a score
    return ScoredInstance(scored, summary)


def aggregate(metric: str, scored_rows: Iterable[dict]) -> float | None:
    """The metric's corpus value over these scored rows (any subset), from their `stats`."""
    return _aggregate(get_metric(metric), [row.get("stats") for row in scored_rows])


def normalise(metric: str, value: float | None) -> float | None:
    """0-100, higher is better; None stays None."""
    return get_metric(metric).normalise(value)


def _aggregate(scorer: Metric, stats: list) -> float | None:
    # Rows without stats (no label, scorer failure) carry nothing to aggregate; none at all -> None.
    usable = [s for s in stats if s]
    return scorer.aggregate(usable) if usable else None


def _common_instance(rows: list[dict]) -> str | None:
    names = {row.get("instance") for row in rows}
    return names.pop() if len(names) == 1 else None
