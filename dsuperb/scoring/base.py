"""What every metric family implements, and the shape of one row's score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

LABEL_KEY_PREFIX = "label"


@dataclass
class RowScore:
    """One prediction's score. `stats` holds the numbers the corpus value is re-aggregated from."""

    score: float | None
    answer: object = None
    na: bool = False
    reason: str = ""
    stats: dict = field(default_factory=dict)
    judge_error: bool = False  # the judge failed on this row (outage, unparseable verdict)
    scorer_error: bool = False  # the scorer itself failed on this row (a bug or a pathological input)
    extra: dict = field(default_factory=dict)  # more fields for the scored row (e.g. who decided it)


@dataclass
class Context:
    """What a metric may need beyond the row: the label set and the judge for classification."""

    label_set: tuple[str, ...] | None = None
    judge: object = None


class Metric:
    """A metric family member. Subclasses set `name` and implement `score_one` and `aggregate`.

    `score_one(response, labels, row, context)` sees a usable response (a string);
    failed rows are routed to `failed` so that each metric decides its own worst case.
    """

    name = ""
    higher_is_better = True

    def score_batch(self, rows: Sequence[dict], context: Context) -> list[RowScore]:
        return [self.score_row(row, context) for row in rows]

    def score_row(self, row: dict, context: Context) -> RowScore:
        labels = row_labels(row)
        if not labels:
            return unscorable("the row has no label")
        reason = failure_reason(row)
        if reason:
            return self.failed(row, reason)
        try:
            return self.score_one(row["response"], labels, row, context)
        except Exception as exc:  # one pathological response must not end the scoring of the rest
            return unscorable(f"could not score this row ({type(exc).__name__}: {exc})", error=True)

    def score_one(self, response: str, labels: list[str], row: dict, context: Context) -> RowScore:
        raise NotImplementedError

    def failed(self, row: dict, reason: str) -> RowScore:
        """A sample with no usable response scores as badly as the metric allows."""
        return RowScore(0.0 if self.higher_is_better else None, None, True, reason, {})

    def aggregate(self, stats: Sequence[dict]) -> float | None:
        raise NotImplementedError

    def normalise(self, value: float | None) -> float | None:
        """0-100, higher is better. The default suits values in [0, 1] that are higher-is-better."""
        if value is None:
            return None
        return 100.0 * min(max(value, 0.0), 1.0)


class AccuracyMetric(Metric):
    """A metric whose rows are right or wrong: the value is the share of correct rows."""

    higher_is_better = True

    @staticmethod
    def verdict(correct: bool, answer, reason: str, na: bool = False) -> RowScore:
        value = float(correct)
        return RowScore(value, answer, na, reason, {"correct": value})

    def failed(self, row: dict, reason: str) -> RowScore:
        return self.verdict(False, None, reason, na=True)

    def aggregate(self, stats: Sequence[dict]) -> float | None:
        return mean_of(stats, "correct")


def unscorable(reason: str, error: bool = False) -> RowScore:
    """A row the metric cannot score: left out of the corpus value, counted as N/A."""
    return RowScore(None, None, True, reason, {}, scorer_error=error)


def failure_reason(row: dict) -> str | None:
    if row.get("error"):
        return f"sample failed: {str(row['error'])[:200]}"
    if "response" not in row:
        return "the row has no 'response' field"
    response = row["response"]
    if response is None:
        return "no response (null)"
    if not isinstance(response, str):
        return f"response is not text ({type(response).__name__})"
    return None


def row_labels(row: dict) -> list[str]:
    """`label`, `label2`, `label3`... in order, skipping missing and null ones. A label written as a
    JSON list (["dog", "cat"]) stands for its items."""
    keys = [k for k in row if k == LABEL_KEY_PREFIX or (k.startswith(LABEL_KEY_PREFIX)
                                                        and k[len(LABEL_KEY_PREFIX):].isdigit())]
    keys.sort(key=lambda k: int(k[len(LABEL_KEY_PREFIX):] or 1))
    labels = []
    for key in keys:
        value = row[key]
        items = value if isinstance(value, list) else [value]
        labels.extend(str(item) for item in items if item is not None)
    return labels


def mean_of(stats: Sequence[dict], key: str = "score") -> float | None:
    values = [s[key] for s in stats if s.get(key) is not None]
    return sum(values) / len(values) if values else None


def error_rate_normalise(value: float | None) -> float | None:
    """Error rates: 100 * (1 - min(value, 1)); an error rate of 100 % or more scores 0."""
    if value is None:
        return None
    return max(0.0, 100.0 * (1.0 - min(value, 1.0)))
