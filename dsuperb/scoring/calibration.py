"""A judge measured against hand-labelled cases: agreement, false accepts and N/A, per kind.

The bundled set (`data/judge_calibration.jsonl`, see `data/README.md`) holds replies written the
way chat models answer, each labelled by a careful reader (`correct` / `wrong`, with a one-line
reason) and tagged with the weakness it probes (`kind`). A judge *accepts* a reply only with a
YES verdict; an N/A verdict counts as NO (so N/A on a wrong reply agrees).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ScoringError
from ..infra.jsonfiles import read_jsonl_lenient
from .judge_base import Judge, JudgeItem

BUNDLED_SET = Path(__file__).resolve().parent / "data" / "judge_calibration.jsonl"
# Written afterwards, in the hidden set's kinds and other reply styles (see data/README.md):
# `dsuperb judge-agreement --calibration` with this file's path measures a judge on it.
HELD_OUT_SET = BUNDLED_SET.with_name("judge_heldout.jsonl")
FIELDS = ("id", "kind", "instruction", "label", "response", "verdict", "reason")
ALL = "ALL"


@dataclass
class KindStats:
    n: int = 0
    ours_correct: int = 0
    agree: int = 0
    false_accepts: int = 0
    false_rejects: int = 0
    na: int = 0
    judge_errors: int = 0

    @property
    def wrong(self) -> int:
        return self.n - self.ours_correct

    @property
    def agreement(self) -> float | None:
        return self.agree / self.n if self.n else None

    @property
    def false_accept_rate(self) -> float | None:
        """False accepts per reply a careful reader calls wrong."""
        return self.false_accepts / self.wrong if self.wrong else None

    def as_dict(self) -> dict:
        return {"n": self.n, "ours_correct": self.ours_correct, "agree": self.agree,
                "agreement": self.agreement, "false_accepts": self.false_accepts,
                "false_accept_rate": self.false_accept_rate, "false_rejects": self.false_rejects,
                "na": self.na, "judge_errors": self.judge_errors}


@dataclass
class Calibration:
    judge: dict
    kinds: dict[str, KindStats] = field(default_factory=dict)
    disagreements: list[dict] = field(default_factory=list)

    @property
    def total(self) -> KindStats:
        return self.kinds[ALL]

    def as_dict(self) -> dict:
        return {"judge": self.judge, "kinds": {k: v.as_dict() for k, v in self.kinds.items()},
                "disagreements": self.disagreements}


def load_cases(path: Path | str = BUNDLED_SET) -> list[dict]:
    """The cases of a calibration file; ScoringError naming file:line for a malformed one."""
    rows, problems = read_jsonl_lenient(Path(path))
    if problems:  # a calibration set is read whole or not at all
        raise ScoringError(problems[0])
    cases = []
    for case in rows:
        where = f"{path}:{case.pop('_line')}"
        missing = [name for name in FIELDS if name not in case]
        if missing:
            raise ScoringError(f"{where}: missing {', '.join(missing)}")
        if case["verdict"] not in ("correct", "wrong"):
            raise ScoringError(f"{where}: verdict must be 'correct' or 'wrong', not {case['verdict']!r}")
        cases.append(case)
    if not cases:
        raise ScoringError(f"{path}: no calibration cases")
    return cases


def item_of(case: dict) -> JudgeItem:
    """The row a case stands for, as scoring would pass it: a list label is several labels, a card
    label set (when the instruction lists no options) is the option list."""
    label = case["label"]
    labels = tuple(str(x) for x in label) if isinstance(label, list) else (str(label),)
    return JudgeItem(case["instruction"], labels, case["response"], tuple(case.get("label_set") or ()))


def calibrate(judge: Judge, cases: Sequence[dict]) -> Calibration:
    verdicts = judge.judge_many([item_of(case) for case in cases])
    result = Calibration(judge.identity, {})
    for case, verdict in zip(cases, verdicts, strict=True):
        ours = case["verdict"] == "correct"
        accepts = bool(verdict.correct) and not verdict.judge_error
        for key in (case["kind"], ALL):
            stats = result.kinds.setdefault(key, KindStats())
            stats.n += 1
            stats.ours_correct += ours
            stats.agree += accepts == ours
            stats.false_accepts += accepts and not ours
            stats.false_rejects += ours and not accepts
            stats.na += bool(verdict.na)
            stats.judge_errors += bool(verdict.judge_error)
        if accepts != ours:
            result.disagreements.append({
                "id": case["id"], "kind": case["kind"], "label": case["label"], "response": case["response"],
                "ours": case["verdict"], "our_reason": case["reason"],
                "judge": "accepts" if accepts else ("N/A" if verdict.na else "rejects"),
                "judge_reason": verdict.reason,
            })
    total = result.kinds.pop(ALL)
    result.kinds = dict(sorted(result.kinds.items())) | {ALL: total}
    return result
