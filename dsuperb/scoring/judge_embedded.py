"""The embedded judge: offline rules that read a reply the way a careful grader does.

1. The question is settled first (`judge_frame`): its options (the card's label set, else the
   instruction's), its labels (one, or a set), its kind (yes/no about a property, a number, the
   first or second of two things, a comparison).
2. The reply is read where it commits (`answer_text`): the last "Final answer:", an "Answer:"
   lead, an "### Answer" section, a JSON answer, bolded words, "Field: value" lines; else its
   first short sentence when it answers first ("Noise. A tone would have..."), the explanation
   after it being no hedge unless it offers another option ("..., or maybe tone"); else the whole
   reply.
3. Each reading names options through their own words and the lexicon's aliases (synonyms,
   other languages, codes, narrower terms), gives each mention its scope (denied, supposed,
   conceded, listed, a possibility; `mentions`), and reads yes/no, numbers and comparisons by
   what they imply (`read_yesno`, `read_numbers`, `read_comparison`).
4. One option -> correct when it is the label. A set -> correct when it is exactly the label
   set (a "possibly" tag is a tag). Several options to a single-answer question, a broader term
   covering several options, a refusal, nothing usable -> N/A with the reason. The rules never
   guess: what they cannot read is N/A, and an LLM judge (`rules+...`) may take those rows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..vocab.text import fold
from .answer_text import blank_long_quotes, clean, committed_spans, leading_span, sentences
from .judge_base import Judge, JudgeItem, Verdict
from .judge_frame import ANSWER, BROAD, HEDGE, REFUSAL, SET, Frame, Reading, build_frame
from .mentions import ASSERTED, HEDGED, classify, find
from .read_ages import read_age
from .read_choice import read_choice, read_marker, refusal_or_none
from .read_comparison import read_comparison
from .read_keys import option_keys, read_keys
from .read_numbers import counted_noun, read_numbers
from .read_yesno import read_yes_no, taken_back

EMBEDDED_VERSION = "6"  # bump whenever a rule changes a verdict
_SHORT_WORDS = 6
_SHORT_ANSWER = 3  # words: a reply this short may be a code ("F", "DE", "neu")


class EmbeddedJudge(Judge):
    """Rule-based, offline, deterministic. The default judge."""

    id = f"embedded-rules-v{EMBEDDED_VERSION}"
    prompt_hash = ""

    def judge(self, item: JudgeItem) -> Verdict:
        return replace(decide(item), source="rules")


def decide(item: JudgeItem) -> Verdict:
    text, bold = clean(item.response or "")
    if not text:
        return Verdict(False, None, True, "empty response")
    return _decide(item.instruction or "", tuple(item.labels), tuple(item.options), text, tuple(bold))


@lru_cache(maxsize=65536)
def _decide(instruction: str, labels: tuple, options: tuple, text: str, bold: tuple) -> Verdict:
    """The verdict for one (question, reply): rules are deterministic, and replies repeat a lot."""
    frame = build_frame(JudgeItem(instruction, labels, text, options))
    reading = read(blank_long_quotes(text), list(bold), frame)
    return verdict(reading, frame, text)


def read(text: str, bold: list[str], frame: Frame) -> Reading:
    """What the reply commits to, looking where a grader looks first."""
    for span, how in committed_spans(text, bold):
        reading = read_span(span, frame)
        if reading.decisive or (reading.kind == HEDGE and how in ("final answer", "answer lead")):
            if reading.kind == ANSWER and how in ("answer lead", "bold") and not frame.multi:
                at = text.rfind(span)
                other = _offered_after(text[at + len(span):], frame, reading.options[0]) if at >= 0 else None
                if other:  # "The answer is sad. (Angry is also plausible.)"
                    return Reading(HEDGE, (), f"hedges: {reading.options[0]}, then offers {other}")
            return _noting(reading, f"({how})")
    lead = None if frame.multi else leading_span(text)
    if lead:
        reading = read_span(lead[0], frame)
        if reading.kind == ANSWER:
            other = _offered_after(lead[1], frame, reading.options[0])
            if other:
                return Reading(HEDGE, (), f"hedges: {reading.options[0]}, then offers {other}")
            if frame.yes_no and taken_back(lead[0], lead[1]):
                return Reading(HEDGE, (), f"hedges: {reading.options[0]}, then takes it back")
            return _noting(reading, "(answer first)")
    reading = read_span(text, frame)
    return reading if reading.kind != "none" or reading.reason else refusal_or_none(text)


def read_span(text: str, frame: Frame) -> Reading:
    short = len(text.split()) <= _SHORT_ANSWER
    marked = read_marker(text, frame)
    if marked:
        return marked
    if frame.yes_no:
        reading = read_yes_no(text, frame) or (read_comparison(text, frame) if frame.relation else None)
        return reading or refusal_or_none(text)
    keys = option_keys(frame.options)
    if keys:
        reading = read_keys(text, frame, keys)
        if reading:
            return reading
    if frame.relation:
        reading = read_comparison(text, frame)
        if reading:
            return reading
    if frame.numbers:
        reading = read_numbers(text, frame, counted_noun(frame.instruction))
        if reading:
            return reading
    reading = read_choice(text, frame, short)
    if frame.ages and not reading.decisive and reading.kind != HEDGE:
        return read_age(text, frame) or reading  # "around 8 years old" for the age groups offered
    return reading


def _offered_after(rest: str, frame: Frame, chosen: str) -> str | None:
    """An alternative the explanation still offers: "..., or maybe tone", "it could also be sad", or a
    second bare answer ("question; opinion", "Happy. Sad.")."""
    mentions = classify(rest, find(rest, frame.terms), frame.terms)
    first_sentence = sentences(rest)[0][1] if sentences(rest) else len(rest)
    for mention in mentions:
        other = mention.resolution.how == "outside" \
            or any(frame.choices[i] != chosen for i in mention.options)
        if not other:
            continue
        if mention.status == HEDGED:
            return mention.text
        bare = mention.start < first_sentence and not _BARE_REST.sub("", rest[:first_sentence].replace(
            mention.text, " ", 1)).strip()
        if mention.status == ASSERTED and mention.names_one and bare:
            return mention.text
    return None


_BARE_REST = re.compile(r"[\W_]+|\b(?:or|and|also|maybe|perhaps|possibly|then)\b", re.IGNORECASE)


def _noting(reading: Reading, note: str) -> Reading:
    return Reading(reading.kind, reading.options, f"{reading.reason} {note}".strip())


def verdict(reading: Reading, frame: Frame, response: str) -> Verdict:
    labels = list(frame.labels)
    label_folded = {fold(label) for label in labels}
    why = f"; {reading.reason}" if reading.reason else ""
    if frame.multi and reading.kind in (ANSWER, SET):
        found = list(reading.options)
        answer = ", ".join(found)
        found_folded = {fold(f) for f in found}
        if found_folded == label_folded:
            return Verdict(True, answer, False, f"names exactly the label set ({answer}){why}")
        missing = sorted(label_folded - found_folded)
        extra = sorted(found_folded - label_folded)
        detail = "; ".join(filter(None, [missing and f"missing {', '.join(missing)}",
                                         extra and f"extra {', '.join(extra)}"]))
        return Verdict(False, answer, False, f"label set does not match: {detail}")
    if reading.kind == ANSWER:
        answer = reading.options[0]
        if fold(answer) in label_folded:
            return Verdict(True, answer, False, f"commits to the label '{answer}'{why}")
        label = labels[0] if labels else ""
        return Verdict(False, answer, False, f"commits to '{answer}', label is '{label}'{why}")
    if reading.kind in (HEDGE, BROAD, REFUSAL):
        return Verdict(False, None, True, reading.reason)
    return _nothing(response, frame, reading.reason)


def _nothing(response: str, frame: Frame, reason: str) -> Verdict:
    short = response if len(response.split()) <= _SHORT_WORDS else None
    if frame.options:
        said = f" ({short!r})" if short else ""
        return Verdict(False, None, True, reason or f"out of options: no option named{said}")
    if short:  # no option list to tell "out of options" from "wrong": a short reply is an answer
        correct = fold(short) in {fold(label) for label in frame.labels}
        if correct:
            return Verdict(True, short, False, f"the reply is the label ({short!r}; no option list known)")
        return Verdict(False, short, False, f"answer {short!r} is not the label (no option list known)")
    return Verdict(False, None, True, "the label is not named and no option list is known")
