"""Reading labelled time segments out of free text, and interval arithmetic on them.

Accepted shapes, one or many per line (lines and ";" separate items; list markers, markdown, code
fences and a leading "Here is ...:" line are ignored, see `structured`):

- label first: "dog: 0.5-1.2", "Speaker 1: 0.00-5.00", "SPEAKER_00 (0.0 to 1.5 s)", "1089: 0-5",
  "dog 0.5-1.2, 3-4" (several spans for one label);
- times first: "[0.50-1.20] dog", "0.5-1.2: dog";
- prose: "a dog barks from 0.5 to 2.0 seconds, then someone speaks from 3 to 5 seconds";
- units and clocks: "0.5 s - 2 s", "500 ms - 2000 ms", "00:01.5 - 00:03";
- bare pairs: "0.5 1.2 dog", "[0.50, 1.20] dog".

A label keeps its digits and underscores ("Speaker 1", "SPEAKER_00", "1089"); "_" reads as a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structured import ORDINAL_PREFIX, TIME, plain_lines, seconds

_T = re.sub(r"\?P<\w+>", "?:", TIME.pattern)  # TIME without its group names, to use twice
_RANGE = re.compile(
    rf"(?P<a>{_T})\s*(?:-|–|—|~|to|until|till|through)\s*(?P<b>{_T})"
    rf"|\[\s*(?P<c>{_T})\s*,\s*(?P<d>{_T})\s*\]", re.IGNORECASE)
_LABEL_FILLER = re.compile(
    r"^(?:and|then|also|while|with|plus|the|a|an)\s+(?=\S)|\s*\b(?:from|between|at|during|is|are|was|were|active|"
    r"present|occurs?|starts?|begins?|heard|time|times|span|spans)\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"(?P<clock>\d+(?::\d+){1,2}(?:\.\d+)?)|(?P<num>\d+(?:\.\d+)?)|(?P<word>[^\W\d_][\w'’]*)")
_FILLER = {
    "to", "from", "and", "s", "sec", "secs", "second", "seconds", "ms", "start", "end", "onset", "offset",
    "at", "between", "time", "begins", "ends", "starts", "until", "till", "the", "is", "active", "present",
    "occurs",
}


@dataclass(frozen=True)
class Segment:
    label: str | None
    start: float
    end: float


def parse_segments(text: str) -> list[Segment]:
    segments: list[Segment] = []
    for line in plain_lines(text):
        for item in re.split(r"\s*;\s*", line):
            item = ORDINAL_PREFIX.sub("", item)
            segments.extend(_item_segments(item) if _RANGE.search(item) else _token_segments(item))
    return segments


def _item_segments(item: str) -> list[Segment]:
    """Spans written as ranges, each labelled by the words before it (label first) or after it."""
    ranges = list(_RANGE.finditer(item))
    labels_first = bool(_clean_label(item[:ranges[0].start()]))
    out, label = [], None
    for index, match in enumerate(ranges):
        if labels_first:
            found = _clean_label(item[(ranges[index - 1].end() if index else 0):match.start()])
        else:
            stop = ranges[index + 1].start() if index + 1 < len(ranges) else None
            found = _clean_label(item[match.end():stop])
        label = found or label
        start, end = _bounds(match)
        out.append(Segment(label, min(start, end), max(start, end)))
    return out


def _bounds(match: re.Match) -> tuple[float, float]:
    if match.group("a"):
        first, second = match.group("a"), match.group("b")
    else:
        first, second = match.group("c"), match.group("d")
    start, end = TIME.fullmatch(first.strip()), TIME.fullmatch(second.strip())
    a, b = seconds(start), seconds(end)
    if end.group("unit") and not start.group("unit"):  # "500-2000 ms": the unit serves both
        a = seconds(TIME.fullmatch(first.strip() + " " + end.group("unit")))
    return a, b


def _clean_label(text: str) -> str | None:
    label = re.sub(r"[\[\](){}:,\-–—=|>]+", " ", text).replace("_", " ")
    label = " ".join(label.split())
    previous = None
    while label != previous:
        previous, label = label, _LABEL_FILLER.sub("", label).strip()
    return label.lower() or None


def _token_segments(text: str) -> list[Segment]:
    """Pairs of bare numbers and the words around them ("0.5 1.2 dog", "dog 0.5 1.2"); whether labels
    come first is decided by what the text starts with."""
    items = _items(text)
    if not items:
        return []
    labels_first = items[0][0] == "label"
    segments: list[Segment] = []
    label: str | None = None
    numbers: list[float] = []

    def flush_pairs(with_label: str | None):
        for index in range(0, len(numbers) - 1, 2):
            start, end = numbers[index], numbers[index + 1]
            segments.append(Segment(with_label, min(start, end), max(start, end)))
        numbers.clear()

    for kind, value in items:
        if kind == "num":
            numbers.append(value)
            continue
        if labels_first:
            flush_pairs(label)
            label = value
        else:
            flush_pairs(value)
    flush_pairs(label if labels_first else None)
    return segments


def _items(text: str) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    words: list[str] = []

    def flush_words():
        label = " ".join(w for w in words if w.lower() not in _FILLER)
        if label:
            items.append(("label", label.lower().replace("_", " ")))
        words.clear()

    for match in _TOKEN.finditer(text.replace("_", " ")):
        if match.group("word"):
            words.append(match.group("word"))
            continue
        flush_words()
        if match.group("clock"):  # m:ss or h:mm:ss, read as a range's bounds are
            items.append(("num", seconds(TIME.fullmatch(match.group("clock")))))
        else:
            items.append(("num", float(match.group("num"))))
    flush_words()
    return items


def merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of intervals as sorted, disjoint intervals."""
    out: list[list[float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def total(intervals: list[tuple[float, float]]) -> float:
    return sum(end - start for start, end in merge(intervals))


def overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    """Length of the intersection of two unions of intervals."""
    a, b = merge(a), merge(b)
    i = j = 0
    length = 0.0
    while i < len(a) and j < len(b):
        low, high = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if high > low:
            length += high - low
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return length
