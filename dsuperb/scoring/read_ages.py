"""Reading an age given in years against age-group options: "around 8 years old" is a child,
"in his 30s" is thirties, "a 70-year-old" a senior.

An option's years (`Frame.ages`, see `judge_frame.option_ages`) come from the lexicon (child 0-12,
senior 65+...), a decade word ("thirties", Common Voice's buckets) or a written range ("18-25",
"60+"). The reply's age (a number of years,
or a decade: "in their forties", "late 20s") must fall in exactly one option, the narrowest where
ranges nest; ages that point at different options are a hedge.
"""

from __future__ import annotations

import re

from ..vocab.lexicon.answer_words import DECADES, NUMBER_WORDS
from .judge_frame import ANSWER, HEDGE, NONE, Frame, Reading

_WORD_NUMBER = "|".join(sorted((w for w in NUMBER_WORDS if w.isascii() and w.isalpha()), key=len,
                              reverse=True))
_YEARS = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{_WORD_NUMBER})(?:\s*-\s*|\s+)(?:years?|yrs?)(?:\s*-\s*|\s+)old\b"
    rf"|\b(?:aged?|age of)\s+(?:about |around |roughly |approximately )?(?P<m>\d{{1,3}})\b"
    rf"|\b(?P<y>\d{{1,3}})\s+years? of age\b", re.IGNORECASE)
_DECADE = re.compile(r"\b(?:(?P<part>early|mid|late)[- ])?(?:(?P<digits>[1-9]0)'?s|(?P<word>"
                     + "|".join(DECADES) + r"))\b", re.IGNORECASE)
def read_age(text: str, frame: Frame) -> Reading | None:
    """The age group an age in years commits to; None when the reply states no age."""
    stated = [(m.group(0), _value(m.group("n") or m.group("m") or m.group("y")))
              for m in _YEARS.finditer(text)]
    ages = [(said, (value, value)) for said, value in stated if value is not None]
    ages += [(m.group(0), _decade(m)) for m in _DECADE.finditer(text)]
    if not ages:
        return None
    picked = {_option_for(span, frame.ages) for _, span in ages}
    if len(picked) > 1:
        return Reading(HEDGE, (), "hedges between ages: " + ", ".join(dict.fromkeys(s for s, _ in ages)))
    index = picked.pop()
    if index is None:
        return Reading(NONE, (), f"out of options: the age {ages[0][0]!r} is in no option's range")
    return Reading(ANSWER, (frame.choices[index],), f"reads the age {ages[0][0]!r} as {frame.choices[index]}")


def _value(said: str) -> int | None:
    if said.isdigit():
        return int(said)
    value = NUMBER_WORDS.get(said.lower())
    return int(value) if value is not None else None


def _decade(match: re.Match) -> tuple[int, int]:
    low, high = (int(match.group("digits")), int(match.group("digits")) + 9) if match.group("digits") \
        else DECADES[match.group("word").lower()]
    part = (match.group("part") or "").lower()
    if part == "early":
        return low, low + 3
    if part == "mid":
        return low + 3, low + 6
    if part == "late":
        return high - 3, high
    return low, high


def _option_for(span: tuple[int, int], ages: dict) -> int | None:
    """The narrowest option whose years hold the whole span."""
    holding = [(high - low, index) for index, (low, high) in ages.items()
               if low <= span[0] and span[1] <= high]
    return min(holding)[1] if holding else None
