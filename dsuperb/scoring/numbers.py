"""Numbers in free text: "three speakers", "about 2.5 seconds", "10 dB", "twenty-one", "1,000", "1:30".

`extract_number` returns the one number a response commits to, or None with a reason: no number
at all, or a range / several candidates ("2 or 3", "between 2 and 3") which is a hedge.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..vocab.answers import after_last_lead
from ..vocab.lexicon.answer_words import COUNT_WORDS, NUMBER_WORDS, PERSON_WORDS
from ..vocab.text import CJK_CHAR

# Cardinals in every language the lexicon knows, but not those that are also common English words
# ("um", "due to", "sept", "tre", "dos"...): a bare extractor cannot tell those from the number, unlike
# the judge, which ties a number to the thing counted.
_ENGLISH_HOMOGRAPHS = {"um", "due", "un", "une", "ein", "eine", "tre", "sept", "dos"}
_CARDINALS = {word: value for word, value in NUMBER_WORDS.items()
              if not CJK_CHAR.search(word) and word not in _ENGLISH_HOMOGRAPHS and value < 100}
_SCALES = {"hundred": 100, "thousand": 1000}  # the words that multiply what comes before them
_ZERO = {"no": 0}  # "no speakers", only before a plural noun (see _zero_phrase)
_WORDS = {**_CARDINALS, **_ZERO, **_SCALES}


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_RUN = re.compile(rf"\b(?:(?:{_alternatives(_WORDS)})(?:[\s-]+(?:and[\s-]+)?|\b))+", re.IGNORECASE)
# "a duet", "twice", "a pair of": words that stand for a count, read when a count is asked for;
# "a single" stands for one in any answer
_COUNT_WORD = {counting: re.compile(rf"\b(?:{_alternatives(words)})\b", re.IGNORECASE)
               for counting, words in ((True, COUNT_WORDS), (False, ("a single", "single")))}
_DIGITS = re.compile(r"(?<![\w.])[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?(?![\d])",
                     re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|or|and|or maybe|or perhaps)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NumberAnswer:
    value: float | None
    text: str | None
    reason: str
    end: int | None = None  # where the number ends in the text (what follows may be its unit)


def extract_number(text: str | None, counting: bool = False) -> NumberAnswer:
    """The single number the text commits to; `counting`: count words ("a duet", "twice") are numbers."""
    if not text or not text.strip():
        return NumberAnswer(None, None, "empty response")
    lead = after_last_lead(text)
    focus = lead[0] if lead else text
    if not _spans(focus, counting):
        focus = text
    found = _spans(focus, counting)
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


def _spans(text: str, counting: bool = False) -> list[tuple[int, int, float, str]]:
    """(start, end, value, text) of every number: clocks (1:30 = 90 s), digits, number words, and
    when counting, count words."""
    spans: list[tuple[int, int, float, str]] = []
    taken = []  # clocks and count phrases: the digits and words inside them are theirs
    for match in _CLOCK.finditer(text):
        hours, minutes, secs = match.groups()
        value = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
        spans.append((match.start(), match.end(), value, match.group(0)))
        taken.append((match.start(), match.end()))
    for match in _COUNT_WORD[counting].finditer(text):
        spans.append((match.start(), match.end(), float(COUNT_WORDS[match.group(0).lower()]), match.group(0)))
        taken.append((match.start(), match.end()))
    for match in _DIGITS.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        raw = match.group(0)
        try:
            value = float(raw.replace(",", "").replace("−", "-"))
        except ValueError:
            continue
        if math.isfinite(value):  # "1e999" is not an answer
            spans.append((match.start(), match.end(), value, raw))
    for match in _WORD_RUN.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
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
    """'twenty-one' -> 21, 'one hundred and five' -> 105, 'zwei' -> 2."""
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", phrase.lower().strip()):
        if token == "and":
            continue
        if token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0
        elif token in _CARDINALS or token in _ZERO:
            current += _CARDINALS.get(token, 0)
        else:
            return None
        seen = True
    return total + current if seen else None


_PERSON = rf"\b(?:an?|one|another|the other)\s+(?:[a-z]+\s+){{0,2}}?(?:{PERSON_WORDS})\b"
_PEOPLE_LIST = re.compile(rf"{_PERSON}(?:\s*,\s*{_PERSON})*\s*,?\s+and\s+{_PERSON}", re.IGNORECASE)


def people_listed(text: str) -> int | None:
    """How many people a reply lists instead of counting them ("a man and a woman" are two); None
    when it lists none, or lists of different lengths."""
    lists = {len(re.findall(_PERSON, m.group(0), re.IGNORECASE)) for m in _PEOPLE_LIST.finditer(text)}
    return lists.pop() if len(lists) == 1 else None


def parse_label_number(label: str) -> float | None:
    """A label that should hold a number ('3', '2.50', 'three')."""
    found = numbers_in(str(label))
    return found[0][0] if found else None
