"""Short-answer scorers: audio editing identification and speech command recognition.

The organisers' exact scorers are not public; both are accuracies.

- audio_editing_identification: the answer (what follows "the answer is" / "Answer:", else the
  whole response, quotes and punctuation dropped, lower-cased) must equal the label, or name it
  as a whole phrase in a short reply (at most the label's length plus 5 words), so that a reply
  repeating the whole transcript does not pass.
- speech_command_recognition: numeric commands (spoken digits: "5" or "five") compare the number
  the response commits to; word commands are read by the embedded judge against the card's label
  set or the instruction's options, like classification.
"""

from __future__ import annotations

import re

from ..vocab.answers import after_last_lead, lead_pattern
from ..vocab.text import normalise_text
from .base import AccuracyMetric, Context, RowScore
from .judge_base import JudgeItem
from .numbers import extract_number, parse_label_number

_LEAD = lead_pattern(r"\bedit(?:ed)? (?:word|part|segment)s?\s*(?:is|are|:)")
_SLACK_WORDS = 5


class EditingIdentification(AccuracyMetric):
    name = "audio_editing_identification"

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        label = normalise_text(labels[0] if labels else "")
        lead = after_last_lead(response, _LEAD)
        answer = normalise_text(lead[0] if lead else response)
        if not answer:
            return self.verdict(False, None, "empty answer", na=True)
        if answer == label:
            return self.verdict(True, answer, "answer equals the label")
        short = len(answer.split()) <= len(label.split()) + _SLACK_WORDS
        if label and short and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", answer):
            return self.verdict(True, answer, "short answer names the label")
        return self.verdict(False, answer, f"answer does not name the label '{label}'")


class NumberOrOptionAccuracy(AccuracyMetric):
    """Numeric labels must equal the number the response commits to; word labels are read by the
    embedded judge against the label set or the instruction's options, like classification."""

    label_noun = "label"

    def is_numeric(self, label: str) -> bool:
        return parse_label_number(label) is not None

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        label = labels[0] if labels else ""
        truth = parse_label_number(label) if self.is_numeric(label) else None
        if truth is not None:
            found = extract_number(response)
            if found.value is None:
                return self.verdict(False, found.text, found.reason, na=True)
            return self.verdict(found.value == truth, found.value,
                                f"{found.reason} vs {self.label_noun} {truth:g}")
        from .judge_embedded import decide

        verdict = decide(JudgeItem(str(row.get("instruction") or ""), tuple(labels), response,
                                   tuple(context.label_set or ())))
        return self.verdict(verdict.correct, verdict.answer, verdict.reason, na=verdict.na)


class CommandAccuracy(NumberOrOptionAccuracy):
    name = "speech_command_recognition"
    label_noun = "command"

    def is_numeric(self, label: str) -> bool:
        # a one-word label only: "5" or "five", never a phrase that happens to hold a number
        return bool(normalise_text(label)) and len(label.split()) == 1 and super().is_numeric(label)


AUDIO_EDITING_IDENTIFICATION = EditingIdentification()
SPEECH_COMMAND_RECOGNITION = CommandAccuracy()
