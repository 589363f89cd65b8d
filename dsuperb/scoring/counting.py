"""Count accuracy: speaker count, phone/phoneme segment count, code-switching count.

The organisers' exact scorers are not public. Counting answers are integers, so the standard
choice is exact-match accuracy of the count: the number the response commits to (digits or
words, see `numbers.extract_number`) must equal the label's number. No number, or a hedge over a
range ("2 or 3"), is N/A and scores 0.
"""

from __future__ import annotations

from .base import Context, Metric, RowScore, mean_of
from .numbers import extract_number, parse_label_number


class CountAccuracy(Metric):
    higher_is_better = True

    def __init__(self, name: str):
        self.name = name

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        truth = parse_label_number(labels[0]) if labels else None
        if truth is None:
            return RowScore(0.0, None, True, f"label {labels[:1]} holds no number", {"correct": 0.0})
        found = extract_number(response)
        if found.value is None:
            return RowScore(0.0, found.text, True, found.reason, {"correct": 0.0})
        correct = float(found.value == truth)
        verdict = "equals" if correct else "differs from"
        return RowScore(correct, _plain(found.value), False,
                        f"{found.reason} {verdict} the label {_plain(truth)}", {"correct": correct})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"correct": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "correct")


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


SPEAKER_COUNT = CountAccuracy("speaker_count")
PHONE_SEGMENT_COUNTING = CountAccuracy("phone_segment_counting")
CODE_SWITCHING_COUNT = CountAccuracy("code_switching_count")
