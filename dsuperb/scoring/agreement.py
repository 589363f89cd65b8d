"""Agreement between two judges' verdicts on the same predictions: raw agreement and Cohen's kappa."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import row_labels


@dataclass
class Agreement:
    compared: int = 0
    agreed: int = 0
    kappa: float | None = None
    only_a: int = 0  # rows in the first file with no partner in the second
    only_b: int = 0
    judge_errors: int = 0  # pairs left out because either judge failed on them
    not_binary: int = 0  # pairs left out because a score is not 0/1
    different: int = 0  # pairs left out because their label or response differ: not the same prediction
    duplicates: int = 0  # rows whose (instance, file) repeats an earlier row of the same file (ignored)
    disagreements: list[dict] = field(default_factory=list)
    judges: tuple = (None, None)

    @property
    def rate(self) -> float | None:
        return self.agreed / self.compared if self.compared else None

    def as_dict(self) -> dict:
        return {
            "compared": self.compared, "agreed": self.agreed, "agreement": self.rate, "kappa": self.kappa,
            "only_in_first": self.only_a, "only_in_second": self.only_b, "judge_errors": self.judge_errors,
            "not_binary": self.not_binary, "different_predictions": self.different,
            "duplicates": self.duplicates, "judges": list(self.judges), "disagreements": self.disagreements,
        }


def row_key(row: dict) -> tuple:
    return (row.get("instance"), row.get("file"))


def compare(rows_a: list[dict], rows_b: list[dict]) -> Agreement:
    """Pair rows by (instance, file) and compare their 1/0 verdicts. Only pairs that are the same
    prediction (same labels, same response) are compared; the first of repeated keys is used."""
    by_key_a, duplicates_a = _by_key(rows_a)
    by_key_b, duplicates_b = _by_key(rows_b)
    result = Agreement(only_b=sum(1 for key in by_key_b if key not in by_key_a),
                       duplicates=duplicates_a + duplicates_b, judges=(_judge(rows_a), _judge(rows_b)))
    pairs = []
    for key, row in by_key_a.items():
        other = by_key_b.get(key)
        if other is None:
            result.only_a += 1
            continue
        if not _same_prediction(row, other):
            result.different += 1
            continue
        if row.get("judge_error") or other.get("judge_error"):
            result.judge_errors += 1
            continue
        a, b = row.get("score"), other.get("score")
        if a not in (0, 1, 0.0, 1.0) or b not in (0, 1, 0.0, 1.0):
            result.not_binary += 1
            continue
        pairs.append((int(a), int(b)))
        if a != b:
            result.disagreements.append({
                "instance": row.get("instance"), "file": row.get("file"), "label": row.get("label"),
                "response": row.get("response"), "first": int(a), "second": int(b),
                "first_reason": row.get("reason"), "second_reason": other.get("reason"),
            })
    result.compared = len(pairs)
    result.agreed = sum(1 for a, b in pairs if a == b)
    result.kappa = cohen_kappa(pairs)
    return result


def _same_prediction(row: dict, other: dict) -> bool:
    """Same labels and response, where both rows carry them (a bare verdict file may not)."""
    labels, other_labels = row_labels(row), row_labels(other)
    if labels and other_labels and labels != other_labels:
        return False
    return "response" not in row or "response" not in other or row["response"] == other["response"]


def _by_key(rows: list[dict]) -> tuple[dict, int]:
    by_key: dict[tuple, dict] = {}
    for row in rows:
        by_key.setdefault(row_key(row), row)
    return by_key, len(rows) - len(by_key)


def cohen_kappa(pairs: list[tuple[int, int]]) -> float | None:
    """(observed - chance agreement) / (1 - chance); None when chance agreement is 1 (no variation)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    yes_a = sum(a for a, _ in pairs) / n
    yes_b = sum(b for _, b in pairs) / n
    chance = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1 - chance)


def _judge(rows: list[dict]):
    for row in rows:
        if row.get("judge"):
            return row["judge"]
    return None
