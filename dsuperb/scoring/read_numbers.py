"""Reading a numeric choice: "three speakers", "3.0", "2,5 m", "half a meter", "a duet", "2nd",
"the first clip", "Clip #1".

The count a reply commits to is the one stated of the thing counted ("3 speakers: a man and two
women" is 3; "two women and one man, so three speakers in total" is 3); two candidate values
("two or three", "probably 3, maybe 4") are a hedge. Ordinals answer "which one" questions only:
in "2. The third voice is an echo of the first speaker" only 2 is a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocab.lexicon.answer_words import (
    COUNT_WORDS,
    LENGTH_UNITS,
    NUMBER_WORDS,
    ORDINALS,
    PEOPLE_NOUNS,
    TIME_UNITS,
)
from .judge_frame import ANSWER, HEDGE, NONE, Frame, Reading
from .numbers import people_listed

_ASCII_WORDS = sorted([w for w in NUMBER_WORDS if w.isascii()], key=len, reverse=True)
_COUNTS = sorted(COUNT_WORDS, key=len, reverse=True)
_ORDINAL_KEYS = sorted([w for w in ORDINALS if w.isascii()], key=len, reverse=True)
_CJK_NUMBERS = "".join(w for w in NUMBER_WORDS if not w.isascii() and len(w) == 1)
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<digits>(?:(?<![\w)])[-−](?=\d))?\d+(?:[.,]\d+)?)(?:st|nd|rd|th)?(?![\d])"
    r"|#\s*(?P<hash>\d+)"
    rf"|\b(?P<count>{'|'.join(re.escape(w) for w in _COUNTS)})\b"
    rf"|\b(?P<ordinal>{'|'.join(re.escape(w) for w in _ORDINAL_KEYS)})\b"
    rf"|\b(?P<word>{'|'.join(re.escape(w) for w in _ASCII_WORDS)})\b"
    # a Chinese numeral before its measure word, or before another numeral of a range ("两到三个", "两三个")
    rf"|(?P<cjk>[{_CJK_NUMBERS}])(?=(?:[到至或~～]|或者)?[{_CJK_NUMBERS}]*[个位名人種种]|$)",
    re.IGNORECASE)
_UNIT = re.compile(r"^\s*(?:of\s+)?(?:an?\s+)?([a-zA-Zµ米秒厘公尺分钟毫]+\.?)")
_HEDGE_BETWEEN = re.compile(r"^\s*(?:or|to|-|–|/|or maybe|or possibly|or perhaps|,\s*(?:maybe|possibly|"
                            r"perhaps|or)|到|至|或者?|~|～)?\s*$",
                            re.IGNORECASE)
_TENTATIVE = re.compile(r"\b(?:maybe|possibly|perhaps|or)\s*$", re.IGNORECASE)
_BOUND = re.compile(r"\b(?:at least|at most|more than|fewer than|less than|over|under|up to|upwards of"
                    r"|no more than|no fewer than|no less than|above|below|greater than|in excess of)\s+$",
                    re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:in total|total(?: of)?|altogether|in all|overall|so)\b", re.IGNORECASE)


@dataclass
class _Number:
    value: float
    start: int
    end: int
    text: str
    ordinal: bool = False
    unit: str = ""


def read_numbers(text: str, frame: Frame, counted: str = "") -> Reading | None:
    """The option a numeric reply commits to; None when the text holds no usable number."""
    found = [n for n in _numbers(text, frame) if not _negated(text, n) and not _scale_of(text, n)]
    if frame.ordinal:
        found = [n for n in found if n.ordinal or n.value in {v for v, _ in frame.numbers.values()}]
    else:
        found = [n for n in found if not n.ordinal]
    if not found:
        return _people_listed(text, frame, counted)
    for first, second in zip(found, found[1:], strict=False):
        gap = text[first.end:second.start]
        spaced = gap.strip() or (len(first.text) == len(second.text) == 1 and not first.text.isascii())
        if first.value != second.value and ((spaced and _HEDGE_BETWEEN.match(gap))
                                            or re.search(r"\bbetween\s*$", text[:first.start])):
            return Reading(HEDGE, (), f"hedges between {first.text} and {second.text}")
    committed = _committed(text, found, counted)
    if committed is None:
        shown = " and ".join(dict.fromkeys(n.text for n in found))
        return Reading(HEDGE, (), f"hedges between numbers: {shown}")
    bound = _BOUND.search(text[:committed.start])
    if bound:  # "more than one speaker", "at least two": a bound, not the number
        return Reading(HEDGE, (), f"gives a bound ({bound.group(0).strip()} {committed.text}), not a number")
    offered = [n for n in found if n.value != committed.value and _TENTATIVE.search(text[:n.start])]
    if offered:  # "Two speakers, possibly three."
        return Reading(HEDGE, (), f"hedges: {committed.text}, then offers {offered[0].text}")
    asked = _asked_unit(frame.instruction)
    for index, (value, unit) in frame.numbers.items():
        if abs(_in_unit(committed, unit or asked) - value) < 1e-9:
            return Reading(ANSWER, (frame.choices[index],), f"reads {committed.text!r} as "
                                                            f"{frame.choices[index]}")
    if not frame.options:  # no option list: another number is another answer
        converted = _in_unit(committed, asked) if asked else committed.value
        if abs(converted - committed.value) > 1e-9:  # "2 minutes" asked in seconds is 120
            return Reading(ANSWER, (f"{converted:g}",), f"reads {committed.text!r} {committed.unit} as "
                                                        f"{converted:g} {asked}")
        return Reading(ANSWER, (committed.text,), f"reads the number {committed.text!r}")
    return Reading(NONE, (), f"out of options: the number {committed.text!r} is not one of them")


def _people_listed(text: str, frame: Frame, counted: str) -> Reading | None:
    """A count of people given as a list of them: "a man and a woman" are two speakers."""
    if not counted or not re.fullmatch(rf"(?:{PEOPLE_NOUNS})", counted):
        return None
    count = people_listed(text)
    if count is None:
        return None
    for index, (value, _) in frame.numbers.items():
        if value == count:
            return Reading(ANSWER, (frame.choices[index],), f"counts {count} people listed")
    if not frame.options:
        return Reading(ANSWER, (str(count),), f"counts {count} people listed")
    return Reading(NONE, (), f"out of options: {count} people listed")


def _numbers(text: str, frame: Frame) -> list[_Number]:
    out = []
    decimal_comma = any("," in o or "." in o for o in frame.options)
    for match in _NUMBER.finditer(text):
        kind = match.lastgroup
        raw = match.group(kind)
        if kind == "digits":
            raw = raw.replace("−", "-")
            if "," in raw and not (decimal_comma and re.fullmatch(r"\d+,\d{1,2}", raw)):
                head = raw.split(",")[0]
                out.append(_Number(float(head), match.start(), match.start() + len(head), head))
                continue
            value = float(raw.replace(",", "."))
            is_ordinal = bool(re.search(r"(?:st|nd|rd|th)$", match.group(0)))
        elif kind == "hash":
            value, is_ordinal = float(raw), False
        elif kind == "count":
            value, is_ordinal = float(COUNT_WORDS[raw.lower()]), False
        elif kind == "ordinal":
            value, is_ordinal = float(ORDINALS[raw.lower()]), True
            if value < 0:
                value = float(max(v for v, _ in frame.numbers.values()))
        else:
            value = float(NUMBER_WORDS[raw.lower()] if kind == "word" else NUMBER_WORDS[raw])
            is_ordinal = False
        number = _Number(value, match.start(), match.end(), match.group(0).strip(), is_ordinal)
        unit = _UNIT.match(text[match.end():])
        if unit:
            number.unit = unit.group(1).lower().rstrip(".")
        out.append(number)
    # "half a meter": the count word "half a" carries the unit of what follows
    return [n for n in out if not (n.text.lower() == "one" and _followed_by_ordinalish(text, n))]


_NUMBERED = re.compile(r"\b(?:number|no\.?|option|clip|word|sentence|track|sample|audio|recording|speaker|"
                       r"note|"
                       r"utterance|file)\s+$", re.IGNORECASE)


def _followed_by_ordinalish(text: str, number: _Number) -> bool:
    """ "one of the speakers", "the second one": "one" here is no count ("word number one" is)."""
    before = text[:number.start]
    if _NUMBERED.search(before):
        return False
    return bool(re.match(r"\s+(?:of|on|in|that|which|who|is|was)\b", text[number.end:])) \
        or bool(re.search(rf"\b(?:the|this|that|which|each|every|{'|'.join(_ORDINAL_KEYS)})\s+$", before,
                          re.IGNORECASE))


# "7/10", "seven out of ten", "4 on a scale of 1 to 5": the numbers after the first give its scale
_SCALE = re.compile(r"(?<=[\w.])\s*(?:/|\bout of\b|\bon a scale (?:of|from)\b)\s*"
                    r"(?:(?:\d+|[a-z]+)\s*(?:to|-)\s*)?(?:\d+(?:[.,]\d+)?|[a-z]+)\b", re.IGNORECASE)


def _scale_of(text: str, number: _Number) -> bool:
    return any(m.start() < number.start < m.end() for m in _SCALE.finditer(text))


def _negated(text: str, number: _Number) -> bool:
    before = text[max(0, number.start - 12):number.start]
    return bool(re.search(r"\b(?:not|no|never|rather than|instead of)\s+(?:exactly\s+)?$", before,
                          re.IGNORECASE))


def _committed(text: str, found: list[_Number], counted: str) -> _Number | None:
    nouns = "|".join(filter(None, [counted, PEOPLE_NOUNS])) if counted else ""
    attached = []
    for number in found:
        after = text[number.end:number.end + 40]
        if nouns and re.match(rf"^\s+(?:\w+\s+){{0,2}}?(?:{nouns})s?\b", after, re.IGNORECASE):
            attached.append(number)
    totals = [n for n in attached if _TOTAL.search(text[max(0, n.start - 20):n.end + 15])]
    if totals:
        return totals[-1]
    if attached:
        tentative = [n for n in attached[1:] if _TENTATIVE.search(text[:n.start])]
        return None if tentative and tentative[0].value != attached[0].value else attached[0]
    if counted:  # numbers stated of other things ("two women") are a breakdown, not the count
        plain = [n for n in found if not re.match(r"^\s+(?:\w+\s+){0,1}?[a-z]+", text[n.end:n.end + 30])
                 or n.unit or n.ordinal]
        found = plain or found
    values = {n.value for n in found}
    if len(values) > 1:  # "just one tiny pause ... I'd score this a solid nine": the score given
        given = {n.value: n for n in found if _GIVEN_SCORE.search(text[max(0, n.start - 30):n.start])
                 or _OUT_OF.match(text[n.end:n.end + 12])}
        offered = any(_OR_BEFORE.search(text[max(0, n.start - 20):n.start]) for n in found)
        return next(iter(given.values())) if len(given) == 1 and not offered else None
    return found[0]


# a number put forward as the score: "I'd score this a solid nine", "I give it a 9", "9/10"
_GIVEN_SCORE = re.compile(r"\b(?:scores?|scored|scoring|rate|rated|rating|grade|merits?|deserves?|earns?"
                          r"|give (?:it|this|the \w+)"
                          r"|would say|answer(?: is)?|mos(?: is)?|final)\b(?:\s+(?:this|it|the \w+))?"
                          r"(?:\s+(?:is|of|at|as|would be|a|an|solid|strong|clear|about|around|roughly))*"
                          r"[\s:=]*$", re.IGNORECASE)
_OR_BEFORE = re.compile(r"\b(?:or|maybe|perhaps|possibly)\s+(?:(?:an?|even|maybe|possibly|perhaps)\s+)*$",
                        re.IGNORECASE)
_OUT_OF = re.compile(r"^\s*(?:/\s*\d+|out of \w+)", re.IGNORECASE)


_ASKED_UNIT = re.compile(r"\b(?:in|of|as|how many|number of)\s+(?:whole\s+)?([a-zµ]+)\b", re.IGNORECASE)


def _asked_unit(instruction: str) -> str:
    """The unit a question asks its number in ("How long is the clip in seconds?"), "" when none."""
    for match in _ASKED_UNIT.finditer(instruction or ""):
        word = match.group(1).lower()
        if any(word in table for table in (LENGTH_UNITS, TIME_UNITS)) and len(word) > 2:
            return word
    return ""


def _in_unit(number: _Number, option_unit: str) -> float:
    """The number in the option's unit ("50 cm" against "0.5m" options)."""
    for table in (LENGTH_UNITS, TIME_UNITS):
        if option_unit in table and number.unit in table:
            return number.value * table[number.unit] / table[option_unit]
    return number.value


def counted_noun(instruction: str) -> str:
    """The thing a "how many" question counts: "speakers" in "How many speakers are there?"."""
    match = re.search(r"\bhow many\s+(?:different\s+|distinct\s+|individual\s+|unique\s+)?([a-z]+?)s?\b",
                      instruction or "", re.IGNORECASE)
    return re.escape(match.group(1).lower()) if match else ""
