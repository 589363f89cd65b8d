"""Numbers: instance -> task -> category -> domain on normalised 0-100 scores, with bootstrap
confidence intervals.

An instance's interval comes from resampling its scored rows (with replacement) and recomputing
the metric with `dsuperb.scoring.aggregate`, then `normalise`; aggregates average the instances'
replicates draw by draw, so every level's interval comes from the same resamples. Each instance's
random generator is seeded from the seed and the instance name, and rows are put in `file` order
first: two models scored on the same samples get the same draws, which makes the per-model
replicates paired (the baseline test uses that) and makes a model's numbers independent of which
other runs are in the report.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

CONFIDENCE = 0.95
MIN_REPLICATES = 20  # fewer defined replicates than this: no interval rather than a noisy one


@dataclass
class Estimate:
    """A point value, its 95% interval, and the bootstrap replicates behind the interval."""

    value: float | None
    replicates: np.ndarray | None = None

    @property
    def interval(self) -> tuple[float | None, float | None]:
        return percentile_interval(self.replicates)


@dataclass
class Cell:
    """One model's numbers at one place of a table (an instance, task, category or domain)."""

    score: Estimate
    raw: Estimate | None = None
    na_rate: float | None = None
    count: int = 0
    errors: int = 0
    n_tasks: int | None = None

    def as_dict(self) -> dict:
        low, high = self.score.interval
        out = {"score": _round(self.score.value), "ci_low": _round(low), "ci_high": _round(high)}
        if self.raw is not None:
            raw_low, raw_high = self.raw.interval
            out.update(raw=_round(self.raw.value, 6), raw_ci_low=_round(raw_low, 6),
                       raw_ci_high=_round(raw_high, 6))
        out.update(na_rate=_round(self.na_rate, 6), count=self.count, errors=self.errors)
        if self.n_tasks is not None:
            out["n_tasks"] = self.n_tasks
        return out


def _round(value, digits: int = 4):
    return None if value is None else round(float(value), digits)


def percentile_interval(replicates: np.ndarray | None) -> tuple[float | None, float | None]:
    """The central CONFIDENCE interval of the finite replicates: numpy's linear percentiles,
    computed with one partial sort (a report asks for thousands of them)."""
    if replicates is None:
        return None, None
    finite = replicates[np.isfinite(replicates)]
    if finite.size < MIN_REPLICATES:
        return None, None
    tail = (1 - CONFIDENCE) / 2 * 100
    positions = np.array([tail, 100 - tail]) / 100 * (finite.size - 1)
    below = np.floor(positions).astype(np.intp)
    above = np.minimum(below + 1, finite.size - 1)
    ordered = np.partition(finite, np.unique(np.concatenate([below, above])))
    a, b, t = ordered[below], ordered[above], positions - below
    # numpy's interpolation, from the nearer end: the same floating-point result as np.percentile
    low, high = np.where(t >= 0.5, b - (b - a) * (1 - t), a + (b - a) * t)
    return float(low), float(high)


def instance_generator(seed: int, instance: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(instance.encode("utf-8"))])


def in_file_order(rows: Sequence[dict]) -> list[dict]:
    """Rows sorted by sample id (stably), so the same draw picks the same samples for every model."""
    return sorted(rows, key=_file_id)


def _file_id(row: dict) -> str:
    return str(row.get("file"))


def bootstrap_instance(metric: str, rows: Sequence[dict], n_boot: int, seed: int,
                       instance: str) -> tuple[np.ndarray, np.ndarray]:
    """(normalised, raw) replicates of the metric over resampled rows; NaN where undefined."""
    from ..scoring import aggregate, normalise

    rows = in_file_order(rows)
    normalised = np.full(n_boot, np.nan)
    raw = np.full(n_boot, np.nan)
    if not rows or n_boot <= 0:
        return normalised, raw
    draws = instance_generator(seed, instance).integers(0, len(rows), size=(n_boot, len(rows)))
    for index, draw in enumerate(draws):
        value = aggregate(metric, itemgetter(*draw)(rows) if len(rows) > 1 else rows)
        if value is None:
            continue
        raw[index] = value
        scaled = normalise(metric, value)
        if scaled is not None:
            normalised[index] = scaled
    return normalised, raw


def mean_estimate(estimates: Sequence[Estimate | None]) -> Estimate:
    """The unweighted mean of several estimates, replicate by replicate."""
    if not estimates or any(e is None or e.value is None for e in estimates):
        return Estimate(None)
    value = float(np.mean([e.value for e in estimates]))
    if any(e.replicates is None for e in estimates):
        return Estimate(value)
    return Estimate(value, np.mean(np.vstack([e.replicates for e in estimates]), axis=0))


def pooled_na_rate(cells: Sequence[Cell]) -> float | None:
    """N/A rate over all samples of the cells (weighted by their counts)."""
    known = [c for c in cells if c.na_rate is not None and c.count]
    total = sum(c.count for c in known)
    return sum(c.na_rate * c.count for c in known) / total if total else None


def combine(cells: Sequence[Cell], with_raw: bool = False, n_tasks: int | None = None) -> Cell:
    """Average cells (instances into a task; tasks into a category; categories into a domain)."""
    raw = mean_estimate([c.raw for c in cells]) if with_raw else None
    return Cell(score=mean_estimate([c.score for c in cells]), raw=raw, na_rate=pooled_na_rate(cells),
                count=sum(c.count for c in cells), errors=sum(c.errors for c in cells), n_tasks=n_tasks)


def paired_difference(model: Estimate, baseline: Estimate) -> dict:
    """Point difference, its 95% interval, and a two-sided paired-bootstrap p-value.

    The replicates of both come from the same resamples (see the module docstring), so their
    difference replicate by replicate is the paired bootstrap distribution of the difference.
    p is twice the smaller share of replicates on either side of zero (capped at 1).
    """
    if model.value is None or baseline.value is None:
        return {"diff": None, "ci_low": None, "ci_high": None, "p_value": None}
    diff = Estimate(model.value - baseline.value)
    p_value = None
    if model.replicates is not None and baseline.replicates is not None:
        diff.replicates = model.replicates - baseline.replicates
        finite = diff.replicates[np.isfinite(diff.replicates)]
        if finite.size >= MIN_REPLICATES:
            p_value = min(1.0, 2 * min(np.mean(finite <= 0), np.mean(finite >= 0)))
    low, high = diff.interval
    return {"diff": _round(diff.value), "ci_low": _round(low), "ci_high": _round(high),
            "p_value": _round(p_value)}
