"""Numbers in free text: "three speakers", "about 2.5 seconds", "10 dB", "twenty-one", "1,000", "1:30".

`extract_number` returns the one number a response commits to, or None with a reason: no number
at all, or a range / several candidates ("2 or 3", "between 2 and 3") which is a hedge.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..vocab.answers import after_last_lead

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORDS = sorted(list(_UNITS) + list(_TENS) + list(_SCALES), key=len, reverse=True)
_WORD_RUN = re.compile(
    r"\b(?:(?:" + "|".join(re.escape(w) for w in _NUMBER_WORDS) + r")(?:[\s-]+(?:and[\s-]+)?|\b))+",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"(?<![\w.])[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?(?![\d])",
                     re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|or|and|or maybe|or perhaps)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NumberAnswer:
    value: float | None
    text: str | None
    reason: str
    end: int | None = None  # where the number ends in the text (what follows may be its unit)


def extract_number(text: str | None) -> NumberAnswer:
    """The single number the text commits to."""
    if not text or not text.strip():
        return NumberAnswer(None, None, "empty response")
    lead = after_last_lead(text)
    focus = lead[0] if lead else text
    if not _spans(focus):
        focus = text
    found = _spans(focus)
    if not found:
        return NumberAnswer(None, None, "no number in the response")
    totals = [span for span in found if _TOTAL.match(focus, span[1])]
    if totals:  # "1 speaker talks first, then another joins: 2 speakers in total"
        _, end, value, raw = totals[-1]
        offset = lead[1] if lead and focus is not text else 0
        return NumberAnswer(value, raw, f"number {raw.strip()!r} (the total)", offset + end)
    if len(found) > 1 and found[0][2] != found[1][2]:
        gap = focus[found[0][1]:found[1][0]]
        before = focus[max(0, found[0][0] - 8):found[0][0]].lower()
        if _RANGE_GAP.fullmatch(gap) and (gap.strip().lower() != "and" or "between" in before):
            shown = focus[found[0][0]:found[1][1]]
            return NumberAnswer(None, shown, f"hedges over a range ({shown})")
    _, end, value, raw = found[0]
    offset = lead[1] if lead and focus is not text else 0
    return NumberAnswer(value, raw, f"number {raw.strip()!r}", offset + end)


def numbers_in(text: str) -> list[tuple[float, str]]:
    """Every number in the text, in order: digits and number words."""
    return [(value, raw) for _, _, value, raw in _spans(text)]


_TOTAL = re.compile(r"\s+(?:\w+\s+){0,2}?(?:in total|total|altogether|in all|overall)\b", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\w.:])(?:(\d{1,2}):)?(\d{1,2}):(\d{2}(?:\.\d+)?)(?![\w:])")


def _spans(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, value, text) of every number: clocks (1:30 = 90 s), digits, number words."""
    spans: list[tuple[int, int, float, str]] = []
    clocks = []
    for match in _CLOCK.finditer(text):
        hours, minutes, secs = match.groups()
        value = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
        spans.append((match.start(), match.end(), value, match.group(0)))
        clocks.append((match.start(), match.end()))
    for match in _DIGITS.finditer(text):
        if any(start <= match.start() < end for start, end in clocks):
            continue
        raw = match.group(0)
        try:
            value = float(raw.replace(",", "").replace("−", "-"))
        except ValueError:
            continue
        if math.isfinite(value):  # "1e999" is not an answer
            spans.append((match.start(), match.end(), value, raw))
    for match in _WORD_RUN.finditer(text):
        raw = re.sub(r"(?:[\s-]+and)?[\s-]*$", "", match.group(0), flags=re.IGNORECASE)
        if raw.lower() == "no" and not _zero_phrase(text, match.start() + len(raw)):
            continue
        value = words_to_number(raw)
        if value is not None:
            spans.append((match.start(), match.start() + len(raw), float(value), raw))
    spans.sort()
    return spans


def _zero_phrase(text: str, end: int) -> bool:
    """'no speakers' counts as 0 (a plural noun follows); 'No, ...', 'No.' and 'no idea' do not."""
    return bool(re.match(r"\s+[a-z]+s\b", text[end:end + 30], re.IGNORECASE))


def words_to_number(phrase: str) -> int | None:
    """'twenty-one' -> 21, 'one hundred and five' -> 105, 'a single' -> 1."""
    total, current, seen = 0, 0, False
    tokens = re.split(r"[\s-]+", phrase.lower().strip())
    index = 0
    while index < len(tokens):
        token = tokens[index]
        pair = " ".join(tokens[index:index + 2])
        if pair in _UNITS:
            current += _UNITS[pair]
            index += 2
            seen = True
            continue
        if token == "and":
            pass
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
        index += 1
    return total + current if seen else None


def parse_label_number(label: str) -> float | None:
    """A label that should hold a number ('3', '2.50', 'three')."""
    found = numbers_in(str(label))
    return found[0][0] if found else None
