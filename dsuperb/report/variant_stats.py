"""The numbers of one analysed instance: its scored variant rows in, scores, spread, consistency
and the majority vote out, each with a bootstrap interval.

The bootstrap draws samples, not rows: a drawn sample brings every one of its variant rows, so
the score under the original instruction, the score under each other instruction, the
consistency and the vote of one resample all rest on the same samples (and are paired). Each
statistic is recomputed on every resample through the metric's own aggregate (`Resampler`), so
an error rate stays a ratio of sums and an accuracy a share.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..vocab.audio_order import AudioOrder
from ..vocab.text import fold
from ..vocab.variants import INSTRUCTIONS, base_id, variant_index
from .aggregate import Estimate
from .resample import Draws, Resampler

WORST_MIN_ROWS = 2  # an instruction asked of fewer samples is not named the worst (too few to tell)


@dataclass
class Sampled:
    """An instance's rows grouped by sample, with the bootstrap's draws over the samples."""

    rows: list[dict]
    sample_of: np.ndarray  # each row's sample (index into `samples`)
    samples: list[str]
    counts: np.ndarray  # resamples x samples: how often each sample is drawn

    def rows_of(self, mask: np.ndarray) -> tuple[list[dict], np.ndarray]:
        picked = np.flatnonzero(mask)
        return [self.rows[i] for i in picked], self.counts[:, self.sample_of[picked]]


def sampled(rows: list[dict], name: str, n_boot: int, seed: int) -> Sampled:
    """Rows in (sample, variant) order, and `n_boot` draws of the samples seeded by the instance."""
    def order(row: dict):
        return _sample(row), variant_index(str(row.get("file"))) or 0

    rows = sorted(rows, key=order)
    samples = sorted({_sample(row) for row in rows})
    where = {sample: index for index, sample in enumerate(samples)}
    sample_of = np.array([where[_sample(row)] for row in rows], dtype=np.int64)
    if n_boot and samples:
        counts = Draws(seed, name, len(samples), n_boot).counts
    else:
        counts = np.zeros((0, len(samples)))
    return Sampled(rows, sample_of, samples, counts)


def _sample(row: dict) -> str:
    return str(row.get("variant_of") or base_id(str(row.get("file"))))


def instance_numbers(kind: str, metric: str, rows: list[dict], name: str, resampler: Resampler,
                     audio_order: AudioOrder | None) -> dict:
    """Estimates of an analysed instance: `original` (the dataset's own instruction or order),
    `mean` and `spread` over instructions (or `mean` over orders), `consistency` (share of samples
    answered alike under every variant, 0-100) and, for orders, `vote` (the majority answer over
    orders); `worst` names the instruction scored lowest."""
    data = sampled(rows, name, resampler.n_boot, resampler.seed)
    index = np.array([variant_index(str(row.get("file"))) or 0 for row in data.rows])
    out = {"original": _estimate(metric, data, index == 0, resampler),
           "samples": len(data.samples)}
    keys = [answer_key(row, audio_order) for row in data.rows]
    out["consistency"] = _consistency(data, keys)
    if kind == INSTRUCTIONS:
        asked = np.array([str(row.get("instruction")) for row in data.rows], dtype=object)
        by_instruction = {text: _estimate(metric, data, asked == text, resampler)
                          for text in dict.fromkeys(asked)}
        counts = Counter(asked)
        out["instructions"] = len(by_instruction)
        out["mean"], out["spread"] = _mean_and_spread(list(by_instruction.values()))
        named = {text: e for text, e in by_instruction.items()
                 if e.value is not None and counts[text] >= WORST_MIN_ROWS}
        if named:
            text = min(named, key=lambda t: named[t].value)
            out["worst"] = (text, named[text], counts[text])
    else:
        out["mean"] = _estimate(metric, data, np.ones(len(data.rows), dtype=bool), resampler)
        out["vote"] = _estimate(metric, data, _vote(data, keys, index), resampler)
    return out


def _estimate(metric: str, data: Sampled, mask: np.ndarray, resampler: Resampler) -> Estimate:
    from ..scoring import aggregate, normalise

    rows, counts = data.rows_of(mask)
    if not rows:
        return Estimate(None)
    estimate = Estimate(normalise(metric, aggregate(metric, rows)))
    if resampler.n_boot:
        estimate.replicates = resampler.replicates_from_counts(metric, rows, counts)[0]
    return estimate


def _mean_and_spread(estimates: list[Estimate]) -> tuple[Estimate, Estimate]:
    """The mean and the standard deviation of the instructions' scores, resample by resample."""
    known = [e for e in estimates if e.value is not None]
    if not known:
        return Estimate(None), Estimate(None)
    values = np.array([e.value for e in known])
    mean, spread = Estimate(float(values.mean())), Estimate(float(values.std()))
    if all(e.replicates is not None for e in known):
        matrix = np.vstack([e.replicates for e in known])
        with warnings.catch_warnings():  # resamples that drew no row of an instruction: NaN, said once
            warnings.simplefilter("ignore", RuntimeWarning)
            mean.replicates, spread.replicates = np.nanmean(matrix, axis=0), np.nanstd(matrix, axis=0)
    return mean, spread


def answer_key(row: dict, audio_order: AudioOrder | None):
    """What a row answered, comparable across its sample's variants: the scorer's answer (or the
    response where the scorer names none), folded; under a reordering whose labels name places,
    the original place of the audio chosen. None: no answer to compare (failed, or a place the
    labels do not name)."""
    if row.get("error") or not isinstance(row.get("response"), str):
        return None
    answer = row.get("answer")
    text = fold(str(answer)) if answer is not None else f"response: {fold(row['response'])}"
    if audio_order is None or audio_order.invariant:
        return text
    order = row.get("variant")
    place = audio_order.place_of(answer) if answer is not None else None
    if place is None or not isinstance(order, list) or not 1 <= place <= len(order):
        return None
    return f"place {order[place - 1]}"


def _consistency(data: Sampled, keys: list) -> Estimate:
    """The share of samples (0-100) whose every variant gave the same answer; a sample counts
    when all its variants got an answer to compare, and it has two or more."""
    by_sample: dict[int, list] = {}
    for sample, key in zip(data.sample_of, keys, strict=True):
        by_sample.setdefault(int(sample), []).append(key)
    defined = np.zeros(len(data.samples))
    alike = np.zeros(len(data.samples))
    for sample, found in by_sample.items():
        if len(found) >= 2 and None not in found:
            defined[sample], alike[sample] = 1.0, float(len(set(found)) == 1)
    if not defined.any():
        return Estimate(None)
    estimate = Estimate(100.0 * alike.sum() / defined.sum())
    if len(data.counts):
        drawn = data.counts @ defined
        with np.errstate(invalid="ignore", divide="ignore"):
            estimate.replicates = np.where(drawn > 0, 100.0 * (data.counts @ alike) / drawn, np.nan)
    return estimate


def _vote(data: Sampled, keys: list, index: np.ndarray) -> np.ndarray:
    """One row per sample: the first (lowest variant) row giving the answer most variants gave;
    a tie goes to the answer given in the original order, else to the earliest variant's."""
    chosen = np.zeros(len(data.rows), dtype=bool)
    rows_of: dict[int, list[int]] = {}
    for position, sample in enumerate(data.sample_of):
        rows_of.setdefault(int(sample), []).append(position)
    for positions in rows_of.values():
        positions.sort(key=lambda p: index[p])
        tally = Counter(keys[p] for p in positions if keys[p] is not None)
        if not tally:
            chosen[positions[0]] = True
            continue
        top = max(tally.values())
        winner = next(keys[p] for p in positions if tally.get(keys[p]) == top)
        chosen[next(p for p in positions if keys[p] == winner)] = True
    return chosen

