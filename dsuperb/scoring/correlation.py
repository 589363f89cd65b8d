"""Pearson correlation between predicted and true scores (L2 English scoring).

A response without a number is N/A. Its prediction is imputed with the mean of the answered
predictions, so it adds nothing to the covariance but still counts in the spread of the labels:
N/A answers pull r toward 0 instead of silently dropping out. Constant predictions carry no
information: r = 0. Labels without spread leave r undefined (None).
Normalised: 100 * max(r, 0) (a negative correlation is no better than none).
"""

from __future__ import annotations

import math

from .base import Context, Metric, RowScore, row_labels, unscorable
from .numbers import extract_number, parse_label_number


class PearsonCorrelation(Metric):
    name = "pearson_correlation_coefficient"
    higher_is_better = True

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        truth = parse_label_number(labels[0])
        if truth is None:
            return unscorable(f"label '{labels[0]}' holds no number; row not scored")
        found = extract_number(response)
        if found.value is None:
            return RowScore(None, found.text, True, f"{found.reason}; imputed with the mean prediction",
                            {"true": truth})
        return RowScore(None, found.value, False, f"predicted {found.value:g}, true {truth:g}",
                        {"pred": found.value, "true": truth})

    def failed(self, row, reason):
        labels = row_labels(row)
        truth = parse_label_number(labels[0]) if labels else None
        return RowScore(None, None, True, reason, {"true": truth} if truth is not None else {})

    def aggregate(self, stats):
        pairs = [(s.get("pred"), s["true"]) for s in stats if s.get("true") is not None]
        answered = [p for p, _ in pairs if p is not None]
        if len(pairs) < 2:
            return None
        truths = [t for _, t in pairs]
        mean_t = sum(truths) / len(truths)
        ss_t = sum((t - mean_t) ** 2 for t in truths)
        if ss_t == 0:
            return None
        if not answered:
            return 0.0
        mean_p = sum(answered) / len(answered)
        ss_p = sum((p - mean_p) ** 2 for p in answered)
        if ss_p == 0:
            return 0.0
        covariance = sum((p - mean_p) * (t - mean_t) for p, t in pairs if p is not None)
        return max(-1.0, min(1.0, covariance / math.sqrt(ss_p * ss_t)))

    def normalise(self, value):
        return None if value is None else 100.0 * min(max(value, 0.0), 1.0)


PEARSON = PearsonCorrelation()
