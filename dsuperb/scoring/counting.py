"""Count accuracy: speaker count, phone/phoneme segment count, code-switching count.

The organisers' exact scorers are not public. Counting answers are integers, so the standard
choice is exact-match accuracy of the count: the number the response commits to (digits or
words, count words such as "a duet", and for speakers a list of people such as "a man and a woman",
see `numbers.extract_number`) must equal the label's number. No number, or a hedge over a
range ("2 or 3"), is N/A and scores 0. A label that holds no number leaves the row out.
"""

from __future__ import annotations

from .base import AccuracyMetric, Context, RowScore, unscorable
from .numbers import NumberAnswer, extract_number, parse_label_number, people_listed


class CountAccuracy(AccuracyMetric):
    def __init__(self, name: str, people: bool = False):
        self.name = name
        self.people = people  # a list of people ("a man and a woman") counts them

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        truth = parse_label_number(labels[0])
        if truth is None:  # the dataset's fault, not the model's: left out like a missing label
            return unscorable(f"label '{labels[0]}' holds no number; row not scored")
        found = extract_number(response, counting=True)
        listed = people_listed(response) if self.people and found.value is None and not found.text else None
        if listed is not None:
            found = NumberAnswer(float(listed), None, f"{listed} people listed")
        if found.value is None:
            return self.verdict(False, found.text, found.reason, na=True)
        correct = found.value == truth
        relation = "equals" if correct else "differs from"
        reason = f"{found.reason} {relation} the label {_plain(truth)}"
        return self.verdict(correct, _plain(found.value), reason)


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


SPEAKER_COUNT = CountAccuracy("speaker_count", people=True)
PHONE_SEGMENT_COUNTING = CountAccuracy("phone_segment_counting")
CODE_SWITCHING_COUNT = CountAccuracy("code_switching_count")
