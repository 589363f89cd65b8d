"""Agreement between two judges' verdicts on the same predictions: raw agreement and Cohen's kappa."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Agreement:
    compared: int = 0
    agreed: int = 0
    kappa: float | None = None
    only_a: int = 0  # rows in the first file with no partner in the second
    only_b: int = 0
    judge_errors: int = 0  # pairs left out because either judge failed on them
    not_binary: int = 0  # pairs left out because a score is not 0/1
    disagreements: list[dict] = field(default_factory=list)
    judges: tuple = (None, None)

    @property
    def rate(self) -> float | None:
        return self.agreed / self.compared if self.compared else None

    def as_dict(self) -> dict:
        return {
            "compared": self.compared, "agreed": self.agreed, "agreement": self.rate, "kappa": self.kappa,
            "only_in_first": self.only_a, "only_in_second": self.only_b, "judge_errors": self.judge_errors,
            "not_binary": self.not_binary, "judges": list(self.judges), "disagreements": self.disagreements,
        }


def row_key(row: dict) -> tuple:
    return (row.get("instance"), row.get("file"))


def compare(rows_a: list[dict], rows_b: list[dict]) -> Agreement:
    """Pair rows by (instance, file) and compare their 1/0 verdicts."""
    by_key_b = {row_key(row): row for row in rows_b}
    keys_a = {row_key(row) for row in rows_a}
    result = Agreement(only_b=sum(1 for key in by_key_b if key not in keys_a),
                       judges=(_judge(rows_a), _judge(rows_b)))
    pairs = []
    for row in rows_a:
        other = by_key_b.get(row_key(row))
        if other is None:
            result.only_a += 1
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
