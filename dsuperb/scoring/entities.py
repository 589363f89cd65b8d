"""Typed-entity scorers: named entity recognition and slot filling.

The organisers' exact scorers are not public; both use the standard micro F1 over (type, value)
pairs (as SLUE-NER and SUPERB slot filling report). Values are compared after lower-casing and
stripping punctuation. When the reference carries no types, values alone are compared.

Pairs are read from text in any of these shapes, separated by newlines, ";", "|" or ",":
"TYPE: value", "TYPE = value", "value (TYPE)", "[TYPE] value", or a JSON object / list of pairs,
also as a numbered or bulleted list, in markdown or a code fence, after a lead-in sentence.
"none", "no entities", "N/A" (alone) mean an empty set.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from ..vocab.text import fold, normalise_text
from .base import Context, Metric, RowScore, row_labels
from .structured import plain_lines, without_intro

_SPLIT = re.compile(r"\s*(?:\n|;|\||,(?![^()\[\]]*[)\]]))\s*")
_TYPE_FIRST = re.compile(r"^\s*\[?([A-Za-z][\w .\-]{0,40}?)\]?\s*(?::|=|\]|->)\s*(.+?)\s*$")
_TYPE_AFTER = re.compile(r"^\s*(.+?)\s*[(\[]([A-Za-z][\w .\-]{0,40})[)\]]\s*$")
_EMPTY = re.compile(
    r"^\W*(?:none|no (?:named )?(?:entities|entity|slots?)(?: found)?|n/?a|nothing|empty)\W*$", re.IGNORECASE)


def parse_pairs(text: str) -> list[tuple[str | None, str]]:
    """(type, value) pairs; list markers, markdown, code fences and a lead-in sentence ("The named
    entities are:", "Here are the entities: PERSON: x") are not part of any pair."""
    text = "\n".join(without_intro(line) for line in plain_lines(text or ""))
    if not text or _EMPTY.match(text):
        return []
    from_json = _json_pairs(text)
    if from_json is not None:
        return from_json
    pairs = []
    for item in _SPLIT.split(text):
        if not item or _EMPTY.match(item):
            continue
        match = _TYPE_FIRST.match(item)
        if match:
            pairs.append((fold(match.group(1)), normalise_text(match.group(2))))
            continue
        match = _TYPE_AFTER.match(item)
        if match:
            pairs.append((fold(match.group(2)), normalise_text(match.group(1))))
            continue
        value = normalise_text(item)
        if value:
            pairs.append((None, value))
    return [(t, v) for t, v in pairs if v]


def _json_pairs(text: str) -> list[tuple[str | None, str]] | None:
    if text[:1] not in "[{":
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    pairs = []
    if isinstance(data, dict):
        for key, value in data.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((fold(str(key)), normalise_text(str(item))))
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict) and len(item) == 1:
                (key, value), = item.items()
                pairs.append((fold(str(key)), normalise_text(str(value))))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                pairs.append((fold(str(item[0])), normalise_text(str(item[1]))))
            else:
                pairs.append((None, normalise_text(str(item))))
    else:
        return None
    return [(t, v) for t, v in pairs if v]


Pair = tuple[str | None, str]


def match_counts(ref: list[Pair], hyp: list[Pair]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of multisets of pairs."""
    typed = any(t for t, _ in ref)
    key = (lambda pair: pair) if typed else (lambda pair: pair[1])
    ref_counts, hyp_counts = Counter(map(key, ref)), Counter(map(key, hyp))
    tp = sum((ref_counts & hyp_counts).values())
    return tp, sum(hyp_counts.values()) - tp, sum(ref_counts.values()) - tp


class PairF1(Metric):
    higher_is_better = True

    def __init__(self, name: str, unit: str):
        self.name = name
        self.unit = unit

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref = parse_pairs(labels[0] if labels else "")
        hyp = parse_pairs(response)
        tp, fp, fn = match_counts(ref, hyp)
        score = 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
        na = not hyp and bool(ref)
        reason = f"{tp} of {len(ref)} {self.unit}(s) found, {fp} spurious"
        if na:
            reason = f"no {self.unit}s read from the response; " + reason
        return RowScore(score, [[t, v] for t, v in hyp], na, reason, {"tp": tp, "fp": fp, "fn": fn})

    def failed(self, row, reason):
        labels = row_labels(row)
        missed = len(parse_pairs(labels[0] if labels else ""))
        return RowScore(0.0, None, True, reason, {"tp": 0, "fp": 0, "fn": missed})

    def aggregate(self, stats):
        if not stats:
            return None
        tp, fp, fn = (sum(s.get(k, 0) for s in stats) for k in ("tp", "fp", "fn"))
        return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


NAMED_ENTITY_RECOGNITION = PairF1("named_entity_recognition", "entity")
SLOT_FILLING = PairF1("slot_filling", "slot")
