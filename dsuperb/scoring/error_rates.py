"""Edit-distance error rates: word, character, phoneme, and mixed word/character (code-switching).

Text is normalised by the one convention of every text error rate (`vocab.text.ERROR_RATE_CONVENTION`:
jiwer-style, punctuation inside a word deleted, elsewhere a space); phones are compared as written
(lower-cased, split at whitespace and commas), since ":", "'" or "#" are part of phone symbols.
Edits are counted as jiwer does and aggregated over the corpus: total edits / total reference
tokens (not the mean of per-row rates).
A failed sample counts as an empty hypothesis: every reference token is a deletion.
An empty reference counts every hypothesis token as an insertion over zero reference tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz.distance import LCSseq, Levenshtein

from ..vocab.text import characters, mixed_tokens, words
from .base import Context, Metric, RowScore, error_rate_normalise, row_labels


class EditErrorRate(Metric):
    higher_is_better = False

    def __init__(self, name: str, tokenize: Callable[[str], list[str]], unit: str):
        self.name = name
        self.tokenize = tokenize
        self.unit = unit

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        reference = self.tokenize(labels[0] if labels else "")
        hypothesis = self.tokenize(response)
        return self.result(reference, hypothesis, edit_errors(reference, hypothesis))

    def result(self, reference: list[str], hypothesis: list[str], errors: int) -> RowScore:
        rate = errors / len(reference) if reference else (0.0 if not hypothesis else float(errors))
        na = not hypothesis
        reason = f"{errors} edit(s) over {len(reference)} reference {self.unit}(s)"
        if na:
            reason = "empty transcript after normalisation; " + reason
        return RowScore(rate, " ".join(hypothesis), na, reason, {"errors": errors, "ref": len(reference)})

    def failed(self, row, reason) -> RowScore:
        labels = row_labels(row)
        length = len(self.tokenize(labels[0])) if labels else 0
        return RowScore(1.0 if length else 0.0, None, True, reason + " (scored as all deletions)",
                        {"errors": length, "ref": length})

    def aggregate(self, stats):
        errors = sum(s.get("errors", 0) for s in stats)
        ref = sum(s.get("ref", 0) for s in stats)
        if not stats:
            return None
        return errors / ref if ref else (0.0 if errors == 0 else float(errors))

    def normalise(self, value):
        return error_rate_normalise(value)


def edit_errors(reference: list[str], hypothesis: list[str]) -> int:
    """Substitutions + deletions + insertions between token lists.

    This is the count jiwer reports (S + D + I of `jiwer.process_words`), computed by the same
    Levenshtein engine jiwer runs on (rapidfuzz) without jiwer's per-call text transforms, which
    cost more than the alignment itself; tests check the two agree.
    """
    return Levenshtein.distance(reference, hypothesis)


def alignment_hits(reference: list, hypothesis: list) -> int:
    """The most tokens that match in order (longest common subsequence): well defined where several
    minimum-edit alignments tie ("ADJ VERB ADJ" vs "VERB NOUN ADJ": 2, not 1)."""
    if not reference or not hypothesis:
        return 0
    return LCSseq.similarity(reference, hypothesis)


def _phones(text: str) -> list[str]:
    return [phone for phone in re.split(r"[\s,]+", text.lower()) if phone]


WORD_ERROR_RATE = EditErrorRate("word_error_rate", words, "word")
CHARACTER_ERROR_RATE = EditErrorRate("character_error_rate", characters, "character")
PHONEME_ERROR_RATE = EditErrorRate("phoneme_error_rate", _phones, "phone")
MIX_ERROR_RATE = EditErrorRate("mix_error_rate", mixed_tokens, "token")
