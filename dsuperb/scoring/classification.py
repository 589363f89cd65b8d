"""`llm_classification`: a judge decides whether each response commits to the label; value = accuracy.

A row the judge could not decide (outage, unparseable verdict) has no score and no stats: it is
left out of the value, never counted as wrong, and flagged `judge_error`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..infra.isolate import each_on_failure
from .base import Context, Metric, RowScore, failure_reason, mean_of, row_labels, unscorable
from .judge_base import JudgeItem


class JudgedClassification(Metric):
    """Accuracy as judged. Rows the judge failed on are left out and flagged."""

    name = "llm_classification"
    higher_is_better = True

    def score_batch(self, rows: Sequence[dict], context: Context) -> list[RowScore]:
        judge = context.judge  # score_rows passes the default judge when none was asked for
        options = tuple(context.label_set or ())
        out: list[RowScore | None] = [None] * len(rows)
        items, where = [], []
        for index, row in enumerate(rows):
            labels = tuple(row_labels(row))
            reason = failure_reason(row)
            if not labels:
                out[index] = unscorable("the row has no label")
            elif reason:
                out[index] = self.failed(row, reason)
            else:
                items.append(JudgeItem(str(row.get("instruction") or ""), labels, row["response"], options))
                where.append(index)
        # a judge that raises on one reply (a rule's bug, a pathological text) costs that row only
        for index, verdict in zip(where, each_on_failure(items, judge.judge_many), strict=True):
            if isinstance(verdict, BaseException):
                why = f"judge failed: {type(verdict).__name__}: {' '.join(str(verdict).split())[:200]}"
                out[index] = RowScore(None, None, True, why, {}, judge_error=True)
                continue
            extra = {"verdict_source": verdict.source} if verdict.source else {}
            if verdict.rules_reason is not None:
                extra["rules_reason"] = verdict.rules_reason
            if verdict.judge_error:
                out[index] = RowScore(None, verdict.answer, True, verdict.reason, {}, judge_error=True,
                                      extra=extra)
                continue
            score = 1.0 if verdict.correct else 0.0
            out[index] = RowScore(score, verdict.answer, verdict.na, verdict.reason, {"correct": score},
                                  extra=extra)
        return out

    def failed(self, row: dict, reason: str) -> RowScore:
        return RowScore(0.0, None, True, reason, {"correct": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "correct")


LLM_CLASSIFICATION = JudgedClassification()
