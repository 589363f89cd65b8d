"""Reading labelled time segments out of free text, and interval arithmetic on them.

Accepted shapes (one or many per text, any separator): "dog: 0.5-1.2", "Speaker A 0.0 to 1.5 s",
"[0.50, 1.20] dog", "0.5 1.2 dog", "00:01.5 - 00:03", "dog 0.5-1.2, 3-4; cat 2-3". Whether labels
come before or after their times is decided by what the text starts with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"(?P<clock>\d+:\d+(?:\.\d+)?)|(?P<num>\d+(?:\.\d+)?)|(?P<word>[^\W\d_][\w'’]*)")
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
    items = _items(text or "")
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
        if match.group("clock"):
            minutes, seconds = match.group("clock").split(":")
            items.append(("num", int(minutes) * 60 + float(seconds)))
        else:
            items.append(("num", float(match.group("num"))))
        # separators between words of different labels ("dog, cat") end a label
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
