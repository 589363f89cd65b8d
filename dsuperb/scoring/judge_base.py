"""The judge interface shared by the embedded rule judge and the LLM judges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class JudgeItem:
    """What a judge sees: the instruction, the ground truth (one label, or a set), the response."""

    instruction: str
    labels: tuple[str, ...]
    response: str
    options: tuple[str, ...] = ()  # from the card's label set or the instruction; () when unknown


@dataclass(frozen=True)
class Verdict:
    correct: bool
    answer: str | None
    na: bool
    reason: str
    judge_error: bool = False  # the judge itself failed (outage, unparseable verdict)
    source: str = ""  # who decided: "rules" or "llm"
    rules_reason: str | None = None  # with `rules+...`: what the rules said of a row they left to the LLM


class Judge:
    """Decides whether responses commit to their labels. `identity` goes into every result."""

    id = "judge"
    prompt_hash = ""

    @property
    def identity(self) -> dict:
        return {"id": self.id, "prompt_hash": self.prompt_hash}

    def judge_many(self, items: Sequence[JudgeItem]) -> list[Verdict]:
        return [self.judge(item) for item in items]

    def judge(self, item: JudgeItem) -> Verdict:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the judge holds (connections, a loaded model)."""
