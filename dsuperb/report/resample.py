"""The bootstrap over all resamples at once.

The draws are the loop's draws (`aggregate.bootstrap_instance`): rows in `file` order, then
`instance_generator(seed, instance).integers(0, n, (n_boot, n))`. Here they become a count matrix
C (how often each resample draws each row), made once per instance and shared by every run scored
on that many samples. A metric's value on every resample then follows from C times a matrix of the
rows' numbers, through one of these reductions of the metric's own `aggregate`:

- `mean`: the mean of one per-row value over the rows that have it (accuracy, mean errors, F);
- `sums`: the metric's own `aggregate` applied to a single row holding the column sums (error
  rates, F1 from counts, BLEU from n-gram counts: aggregates that only ever add their rows up),
  called once per distinct sum vector;
- `correlation`: Pearson r of `pred` and `true` with the mean-imputed missing predictions.

Which reduction a metric is, is not declared here but checked on each (run, instance): the first
that reproduces the scorer's `aggregate` on all rows and on the first few resamples (computed the
loop's way) is used; when none does, the loop runs. So the vectorised numbers are the loop's
numbers (up to float summation order), and a metric changed in `scoring/` can only make this
slower, never wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from operator import itemgetter

import numpy as np

from .aggregate import in_file_order, instance_generator

CHECKED_RESAMPLES = 3  # resamples recomputed the loop's way to confirm a reduction


class Draws:
    """One instance's resamples: the drawn row indices and how often each row is drawn."""

    def __init__(self, seed: int, instance: str, n_rows: int, n_boot: int):
        self.indices = instance_generator(seed, instance).integers(0, n_rows, size=(n_boot, n_rows))
        offsets = (np.arange(n_boot) * n_rows)[:, None]
        flat = np.bincount((self.indices + offsets).ravel(), minlength=n_boot * n_rows)
        self.counts = flat.reshape(n_boot, n_rows).astype(np.float64)


class CountedDraws:
    """Resamples given by how often each row is drawn (the rows of a drawn sample come with it)."""

    def __init__(self, counts: np.ndarray):
        self.counts = np.asarray(counts, dtype=np.float64)

    def all_indices(self):
        rows = np.arange(self.counts.shape[1])
        return (np.repeat(rows, drawn.astype(np.int64)) for drawn in self.counts)

    @property
    def indices(self) -> list[np.ndarray]:
        """The drawn rows of the first resamples (those the reductions are checked on)."""
        rows = np.arange(self.counts.shape[1])
        return [np.repeat(rows, drawn.astype(np.int64)) for drawn in self.counts[:CHECKED_RESAMPLES]]


class Resampler:
    """Bootstrap replicates for many (run, instance) pairs; draws are kept for the latest instance
    only, so callers go instance by instance (every run's rows of one instance, then the next).

    A reduction confirmed for a metric and a shape of stats (their keys) is trusted for later
    rows of that shape once it reproduces the value their scorer recorded; rows that do not, and
    every new shape, are checked against the loop again."""

    def __init__(self, n_boot: int, seed: int, vectorised: bool = True):
        self.n_boot, self.seed, self.vectorised = n_boot, seed, vectorised
        self._key: tuple | None = None
        self._draws: Draws | None = None
        self._trusted: dict[tuple, tuple] = {}
        self.reductions: dict[str, int] = {}  # how often each reduction was used (benchmarks, tests)

    def draws(self, instance: str, n_rows: int) -> Draws:
        if self._key != (instance, n_rows):
            self._key, self._draws = (instance, n_rows), Draws(self.seed, instance, n_rows, self.n_boot)
        return self._draws

    def replicates(self, metric: str, rows: Sequence[dict], instance: str,
                   recorded: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(normalised, raw) replicates of the metric over resampled rows; NaN where undefined.
        `recorded`: the metric's value on all rows as the scorer wrote it (results.json)."""
        from ..scoring import aggregate, normalise

        rows = in_file_order(rows)
        if not rows or self.n_boot <= 0:
            return np.full(self.n_boot, np.nan), np.full(self.n_boot, np.nan)
        draws = self.draws(instance, len(rows))
        raw = self._vectorised(metric, rows, draws, recorded) if self.vectorised else None
        if raw is None:
            self._count(("loop",))
            raw = np.array([_value(aggregate(metric, _pick(rows, drawn))) for drawn in draws.indices])
        return _mapped(raw, lambda value: normalise(metric, value)), raw

    def replicates_from_counts(self, metric: str, rows: Sequence[dict],
                               counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(normalised, raw) replicates of the metric where resample b draws row i `counts[b, i]`
        times: rows resampled with their sample (an analysis draws samples, each with several
        rows), by the same reductions, checked the same way, as `replicates`."""
        from ..scoring import aggregate, normalise

        rows = list(rows)
        if not rows or not len(counts):
            return np.full(len(counts), np.nan), np.full(len(counts), np.nan)
        draws = CountedDraws(counts)
        raw = self._vectorised(metric, rows, draws, None) if self.vectorised else None
        if raw is None:
            self._count(("loop",))
            raw = np.array([_value(aggregate(metric, _pick(rows, drawn))) for drawn in draws.all_indices()])
        return _mapped(raw, lambda value: normalise(metric, value)), raw

    def _vectorised(self, metric: str, rows: list[dict], draws: Draws, recorded) -> np.ndarray | None:
        """The raw replicates by a reduction that agrees with the loop, else None."""
        from ..scoring import aggregate
        from ..scoring.api import get_metric

        stats = [row.get("stats") or {} for row in rows]
        scorer = get_metric(metric)

        def aggregate_one(row: dict):
            return scorer.aggregate([row])

        shape = (metric, frozenset().union(*stats))
        trusted = self._trusted.get(shape)
        if trusted is not None and recorded is not None:
            found = _apply(trusted, stats, aggregate_one, draws.counts)
            if found is not None and _same(found[1], _value(recorded)):
                self._count(trusted)
                return found[0]
        whole = _value(aggregate(metric, rows))
        checks = [_value(aggregate(metric, _pick(rows, drawn)))
                  for drawn in draws.indices[:CHECKED_RESAMPLES]]
        for name in _candidates(stats):
            found = _apply(name, stats, aggregate_one, draws.counts)
            if found is None:
                continue
            values, complete = found
            if _same(complete, whole) and all(_same(v, c) for v, c in zip(values, checks, strict=False)):
                self._trusted[shape] = name
                self._count(name)
                return values
        return None

    def _count(self, name: tuple) -> None:
        self.reductions[name[0]] = self.reductions.get(name[0], 0) + 1


def _apply(name: tuple, stats: list[dict], aggregate_one: Callable, counts: np.ndarray):
    """(values on every resample, value on all rows) by the reduction `name`, or None when it
    does not fit these stats."""
    reduce = _reduction(name, stats, aggregate_one)
    if reduce is None:
        return None
    try:
        return reduce(counts), float(reduce(np.ones((1, len(stats))))[0])
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError, OverflowError):
        return None  # the metric's aggregate cannot read a row of sums: not this reduction


def _pick(rows: list[dict], drawn: np.ndarray) -> list[dict]:
    if len(drawn) < 2:  # a resample of a subset (one instruction's rows) may draw one row, or none
        return [rows[i] for i in drawn]
    return list(itemgetter(*drawn)(rows)) if len(rows) > 1 else [rows[0]] * len(drawn)


def _value(value) -> float:
    return np.nan if value is None else float(value)


def _same(a: float, b: float) -> bool:
    if np.isnan(a) or np.isnan(b):
        return bool(np.isnan(a) and np.isnan(b))
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _mapped(values: np.ndarray, function: Callable) -> np.ndarray:
    """`function` applied to each distinct finite value once (NaN stays NaN)."""
    out = np.full(values.shape, np.nan)
    finite = ~np.isnan(values)
    if finite.any():
        distinct, inverse = np.unique(values[finite], return_inverse=True)
        mapped = np.array([_value(function(float(v))) for v in distinct])
        out[finite] = mapped[inverse]
    return out


# -- the reductions ------------------------------------------------------------------------------

def _candidates(stats: list[dict]) -> list[tuple]:
    """The reductions to try, in order: the mean of each key, the sums, the correlation."""
    names = [("mean", key) for key in sorted(set().union(*stats))]
    names.append(("sums",))
    if any("true" in s for s in stats):
        names.append(("correlation",))
    return names


def _reduction(name: tuple, stats: list[dict], aggregate_one: Callable):
    """counts -> raw values by the reduction `name`, or None when it does not fit these stats."""
    if name[0] == "mean":
        return _mean_of(stats, name[1])
    if name[0] == "sums":
        columns = _columns(stats)
        return None if columns is None else _sums(stats, columns, aggregate_one)
    if name[0] == "correlation":
        return _correlation(stats)
    return None


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _mean_of(stats: list[dict], key: str):
    """The mean of `key` over the rows that have it, or None when it is not a number in every row
    that has it."""
    try:
        values = np.array([s.get(key) for s in stats], dtype=np.float64)  # None becomes NaN
    except (TypeError, ValueError):
        return None
    if values.ndim != 1:  # lists of numbers (BLEU's n-gram counts): not a per-row value
        return None
    present = ~np.isnan(values)
    values, present = np.where(present, values, 0.0), present.astype(np.float64)

    def reduce(counts: np.ndarray) -> np.ndarray:
        total, drawn = counts @ values, counts @ present
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(drawn > 0, total / np.where(drawn > 0, drawn, 1), np.nan)

    return reduce


def _columns(stats: list[dict]) -> tuple[np.ndarray, list[tuple[str, int | None]], np.ndarray] | None:
    """(rows x columns matrix, (key, width or None for a scalar) per key, whole-number columns)
    of every key whose values are numbers, or lists of numbers of one length; keys holding text
    (BLEU's tokenizer name) are left out. None when some key mixes numbers and lists."""
    blocks, layout = [], []
    for key in sorted({key for s in stats for key in s}):
        values = [s.get(key) for s in stats]
        present = [v for v in values if v is not None]
        if not present:
            continue
        if isinstance(present[0], list):
            width = len(present[0])
            values = [[0] * width if v is None else v for v in values]
        else:
            width = None
        try:
            block = np.array(values, dtype=np.float64)
        except (TypeError, ValueError):
            if any(isinstance(v, (int, float, list)) and not isinstance(v, bool) for v in present):
                return None  # numbers here, something else there: not a column to add up
            continue
        block = np.nan_to_num(block.reshape(len(stats), -1), nan=0.0)
        if block.shape[1] != (width or 1):
            return None
        blocks.append(block)
        layout.append((key, width))
    if not blocks:
        return None
    matrix = np.hstack(blocks)
    return matrix, layout, np.all(matrix == np.round(matrix), axis=0)


def _sums(stats: list[dict], columns, aggregate_one: Callable[[dict], float | None]):
    matrix, layout, whole = columns
    usable = np.array([1.0 if s else 0.0 for s in stats])

    def one_row(sums: list) -> dict:
        row, at = {}, 0
        for key, width in layout:
            if width is None:
                row[key], at = sums[at], at + 1
            else:
                row[key], at = sums[at:at + width], at + width
        return row

    def reduce(counts: np.ndarray) -> np.ndarray:
        out = np.full(len(counts), np.nan)
        rows = (counts @ usable) > 0  # a resample without a usable row has no value (as the loop)
        if rows.any():
            distinct, inverse = np.unique(counts[rows] @ matrix, axis=0, return_inverse=True)
            # whole-number columns go back as ints: the aggregate sees what it would have summed
            as_python = np.where(whole, np.round(distinct), distinct).astype(object)
            as_python[:, whole] = np.round(distinct[:, whole]).astype(np.int64)
            values = np.array([_value(aggregate_one(one_row(list(d)))) for d in as_python])
            out[rows] = values[inverse.reshape(-1)]
        return out

    return reduce


def _correlation(stats: list[dict]):
    """Pearson r of predictions and truths, a missing prediction imputed with the mean of the
    answered ones (so it adds to the spread of the truths, not to the covariance), from sums over
    the drawn rows. Values are centred on their means over all rows first, so the sums of squares
    keep their precision; a spread below rounding noise counts as none (the loop's `== 0`)."""
    has_truth = np.array([1.0 if _number(s.get("true")) else 0.0 for s in stats])
    answered = np.array([1.0 if t and _number(s.get("pred")) else 0.0
                         for s, t in zip(stats, has_truth, strict=True)])
    truth = np.array([float(s["true"]) if t else 0.0 for s, t in zip(stats, has_truth, strict=True)])
    pred = np.array([float(s["pred"]) if a else 0.0 for s, a in zip(stats, answered, strict=True)])
    if has_truth.any():
        truth = np.where(has_truth > 0, truth - truth[has_truth > 0].mean(), 0.0)
    if answered.any():
        pred = np.where(answered > 0, pred - pred[answered > 0].mean(), 0.0)
    columns = np.column_stack([has_truth, truth, truth ** 2, answered, pred, pred ** 2, pred * truth,
                               answered * truth])

    def reduce(counts: np.ndarray) -> np.ndarray:
        n, s_t, s_tt, n_a, s_p, s_pp, s_pt, s_at = (counts @ columns).T
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_t, mean_p = s_t / n, s_p / n_a
            ss_t = s_tt - s_t * mean_t
            ss_p = s_pp - s_p * mean_p
            covariance = s_pt - mean_p * s_at - mean_t * s_p + n_a * mean_p * mean_t
            r = np.clip(covariance / np.sqrt(ss_p * ss_t), -1.0, 1.0)
        spread_t = ss_t > NOISE * np.maximum(s_tt, np.finfo(float).tiny)
        spread_p = ss_p > NOISE * np.maximum(s_pp, np.finfo(float).tiny)
        out = np.where((n_a > 0) & spread_p, r, 0.0)
        return np.where((n >= 2) & spread_t, out, np.nan)

    return reduce


NOISE = 1e-10  # relative size of a sum of squares that is rounding, not spread
