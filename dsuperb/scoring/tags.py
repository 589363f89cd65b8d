"""Tag-sequence scorers: part-of-speech estimation and Mandarin third-tone sandhi.

The organisers' exact scorers are not public. Both compare a sequence of tags: the reference and
the predicted tags are aligned by edit distance (jiwer) and the value is the share of aligned
matches, hits / max(reference length, predicted length), so missing and extra tags both cost.
Corpus value: summed hits over summed lengths.

- pos_estimation: Universal POS tags (upper-case words such as NOUN, VERB); for the
  "transcript / TAGS" form only the part after the last "/" is read. Other words are ignored.
- third_tone_sandhi_recognition: tone-numbered pinyin syllables ("ni2 hao3") if the reference has
  them, else the tone digits 1-5 in order.
"""

from __future__ import annotations

import re

from ..vocab.text import normalise_text
from .base import Context, Metric, RowScore, row_labels
from .error_rates import alignment_hits

UPOS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())
_SYLLABLE = re.compile(r"[a-zü:v]+[1-5]")
_TONE = re.compile(r"(?<![\d.])[1-5](?![\d.])")


def pos_tags(text: str) -> list[str]:
    text = text or ""
    if "/" in text:
        text = text.rsplit("/", 1)[1]
    tags = [t for t in re.findall(r"[A-Z]+", text) if t in UPOS]
    return tags


def sandhi_tokens(text: str, syllables: bool) -> list[str]:
    lowered = (text or "").lower()
    return _SYLLABLE.findall(lowered) if syllables else _TONE.findall(lowered)


class AlignedTagAccuracy(Metric):
    higher_is_better = True

    def __init__(self, name: str, unit: str):
        self.name = name
        self.unit = unit

    def tokens(self, label: str, text: str) -> list[str]:
        raise NotImplementedError

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        label = labels[0] if labels else ""
        ref, hyp = self.tokens(label, label), self.tokens(label, response)
        hits = alignment_hits(ref, hyp)
        total = max(len(ref), len(hyp))
        score = hits / total if total else 1.0
        na = not hyp and bool(ref)
        reason = f"{hits} of {len(ref)} {self.unit}s aligned ({len(hyp)} predicted)"
        reason = (f"no {self.unit}s in the response; " if na else "") + reason
        return RowScore(score, " ".join(hyp), na, reason, {"hits": hits, "total": total})

    def failed(self, row, reason):
        labels = row_labels(row)
        label = labels[0] if labels else ""
        return RowScore(0.0, None, True, reason, {"hits": 0, "total": len(self.tokens(label, label))})

    def aggregate(self, stats):
        total = sum(s.get("total", 0) for s in stats)
        if not stats:
            return None
        return sum(s.get("hits", 0) for s in stats) / total if total else 1.0


class PosAccuracy(AlignedTagAccuracy):
    def tokens(self, label, text):
        tags = pos_tags(text)
        if not pos_tags(label):  # a label set other than UPOS: every word after "/" is a tag
            part = text.rsplit("/", 1)[1] if "/" in (text or "") else text
            return normalise_text(part or "").split()
        return tags


class SandhiAccuracy(AlignedTagAccuracy):
    def tokens(self, label, text):
        return sandhi_tokens(text, syllables=bool(_SYLLABLE.search((label or "").lower())))


POS_ESTIMATION = PosAccuracy("pos_estimation", "tag")
THIRD_TONE_SANDHI = SandhiAccuracy("third_tone_sandhi_recognition", "tone")
