"""Corpus sacreBLEU (translation, lyric translation).

Each row keeps sacreBLEU's sufficient statistics (n-gram matches and totals, lengths), so the
corpus score of any subset is exact: value = BLEU over the summed statistics, sacreBLEU's
default exponential smoothing. Tokeniser: 13a, or `zh` when the reference is Chinese/Japanese/Korean
text. The row `score` is the sentence BLEU (effective order). A failed sample is an empty hypothesis.
"""

from __future__ import annotations

from functools import cache

from ..vocab.text import has_cjk
from .base import Context, Metric, RowScore, row_labels


@cache
def _bleu(tokenize: str):
    from sacrebleu.metrics import BLEU

    return BLEU(tokenize=tokenize)


class SacreBleu(Metric):
    name = "sacre_bleu"
    higher_is_better = True

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        reference = labels[0] if labels else ""
        stats = bleu_stats(response, reference)
        score = sentence_bleu(stats)
        na = not response.strip()
        reason = (f"sentence BLEU {score:.2f} ({stats['tokenize']}; "
                  f"{stats['sys_len']}/{stats['ref_len']} tokens)")
        return RowScore(score, response.strip(), na, ("empty response; " if na else "") + reason, stats)

    def failed(self, row, reason):
        labels = row_labels(row)
        stats = bleu_stats("", labels[0] if labels else "")
        return RowScore(0.0, None, True, reason + " (scored as an empty translation)", stats)

    def aggregate(self, stats):
        from sacrebleu.metrics import BLEU

        stats = [s for s in stats if "counts" in s]
        if not stats:
            return None
        counts = [sum(s["counts"][i] for s in stats) for i in range(4)]
        totals = [sum(s["totals"][i] for s in stats) for i in range(4)]
        sys_len = sum(s["sys_len"] for s in stats)
        ref_len = sum(s["ref_len"] for s in stats)
        return BLEU.compute_bleu(counts, totals, sys_len, ref_len, smooth_method="exp").score

    def normalise(self, value):
        return None if value is None else max(0.0, min(100.0, value))


def bleu_stats(hypothesis: str, reference: str) -> dict:
    tokenize = "zh" if has_cjk(reference) else "13a"
    result = _bleu(tokenize).corpus_score([hypothesis], [[reference]])
    return {"counts": list(result.counts), "totals": list(result.totals), "sys_len": result.sys_len,
            "ref_len": result.ref_len, "tokenize": tokenize}


def sentence_bleu(stats: dict) -> float:
    from sacrebleu.metrics import BLEU

    return BLEU.compute_bleu(stats["counts"], stats["totals"], stats["sys_len"], stats["ref_len"],
                             smooth_method="exp", effective_order=True).score


SACRE_BLEU = SacreBleu()
