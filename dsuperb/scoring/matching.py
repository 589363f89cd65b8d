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

from .base import Context, Metric, RowScore, mean_of
from .judge_base import JudgeItem
from .numbers import extract_number, parse_label_number
from .text import normalise_text

_LEAD = re.compile(
    r"(?:\b(?:the )?(?:final )?answer\s*(?:is|:)|\bedit(?:ed)? (?:word|part|segment)s?\s*(?:is|are|:))\s*",
    re.IGNORECASE)
_SLACK_WORDS = 5


class EditingIdentification(Metric):
    name = "audio_editing_identification"
    higher_is_better = True

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        label = normalise_text(labels[0] if labels else "")
        leads = list(_LEAD.finditer(response))
        answer = normalise_text(response[leads[-1].end():] if leads else response)
        if not answer:
            return RowScore(0.0, None, True, "empty answer", {"correct": 0.0})
        if answer == label:
            return RowScore(1.0, answer, False, "answer equals the label", {"correct": 1.0})
        short = len(answer.split()) <= len(label.split()) + _SLACK_WORDS
        if label and short and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", answer):
            return RowScore(1.0, answer, False, "short answer names the label", {"correct": 1.0})
        return RowScore(0.0, answer, False, f"answer does not name the label '{label}'", {"correct": 0.0})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"correct": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "correct")


class CommandAccuracy(Metric):
    name = "speech_command_recognition"
    higher_is_better = True

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        label = labels[0] if labels else ""
        truth = parse_label_number(label) if normalise_text(label) and len(label.split()) == 1 else None
        if truth is not None:
            found = extract_number(response)
            if found.value is None:
                return RowScore(0.0, found.text, True, found.reason, {"correct": 0.0})
            correct = float(found.value == truth)
            return RowScore(correct, found.value, False, f"{found.reason} vs command {truth:g}",
                            {"correct": correct})
        from .judge_embedded import decide

        verdict = decide(JudgeItem(str(row.get("instruction") or ""), tuple(labels), response,
                                   tuple(context.label_set or ())))
        correct = float(verdict.correct)
        return RowScore(correct, verdict.answer, verdict.na, verdict.reason, {"correct": correct})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"correct": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "correct")


AUDIO_EDITING_IDENTIFICATION = EditingIdentification()
SPEECH_COMMAND_RECOGNITION = CommandAccuracy()
