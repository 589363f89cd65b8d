"""Structured answers as chat models write them, made plain for the parsers.

A reply to "list the speakers and their times" comes back as a numbered or bulleted list, in
markdown, inside a code fence, after a sentence ("Here is the diarization:"), with units
("0.5 s", "500 ms") and clocks ("0:05"). `plain_lines` removes the wrapping (fences, emphasis,
headings, list markers, introductory lines) and keeps the content line by line; `TIME` and
`seconds` read a time in seconds.
"""

from __future__ import annotations

import re

from ..vocab.lexicon.answer_words import TIME_UNITS
from .answer_text import unmarked

LIST_MARKER = re.compile(r"^\s*(?:[-*•·▪‣]|\(?\d{1,3}[.)](?!\d)|#\d{1,3}[.:)]?)\s+")
# "Beat 1:", "Note 2 -", "Event #3:", "Segment 1." before the content of a list item
ORDINAL_PREFIX = re.compile(r"(?:^|(?<=[\s,;(]))(?:beat|note|onset|event|segment|entity|item|pitch|tone)"
                            r"\s*#?\s*\d{1,3}\s*(?:[:)–-]|\.(?!\d))\s*", re.IGNORECASE)
# the units of a time, longest first ("ms" before "s"), as the lexicon lists them
TIME_UNIT = "|".join(re.escape(unit) for unit in sorted(TIME_UNITS, key=len, reverse=True))
TIME = re.compile(rf"(?<![\w.])(?:(?P<h>\d+):)?(?:(?P<m>\d+):)?(?P<s>\d+(?:\.\d+)?)"
                  rf"(?:\s*(?P<unit>{TIME_UNIT})\b)?", re.IGNORECASE)


def plain_lines(text: str, drop_intro: bool = True) -> list[str]:
    """The reply's content lines: no code fence, markdown or list markers; leading lines that only
    introduce what follows ("Here are the entities:", "The beats are:") dropped."""
    lines = [LIST_MARKER.sub("", line).strip() for line in unmarked(text).split("\n")]
    lines = [line for line in lines if line]
    if drop_intro:
        while len(lines) > 1 and lines[0].rstrip().endswith((":", "：")):
            lines.pop(0)
    return lines


def without_intro(line: str) -> str:
    """ "Here are the entities: PERSON: x" -> "PERSON: x": a lead-in of three or more words that ends
    with a colon, when more colons follow."""
    match = re.match(r"^([^:：]{3,80})[:：]\s+(?=\S.*[:：])", line)
    if match and len(match.group(1).split()) >= 3:
        return line[match.end():]
    return line


def seconds(match: re.Match) -> float:
    """The time a `TIME` match names, in seconds (clocks h:mm:ss / m:ss, units ms / s / min)."""
    value = float(match.group("s"))
    if match.group("m") is not None:
        value += 60 * int(match.group("m")) + 3600 * int(match.group("h") or 0)
    elif match.group("h") is not None:
        value += 60 * int(match.group("h"))
    unit = (match.group("unit") or "").lower()
    return value * TIME_UNITS.get(unit, 1.0)

