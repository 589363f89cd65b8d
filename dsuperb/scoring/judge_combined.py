"""`rules+<llm>`: the embedded rules decide every row they are sure of; an LLM judge decides only the
rows the rules leave N/A (a synonym the lexicons lack, a paraphrase, a hedge that may not be one).

Each row records who decided it (`verdict_source`: rules or llm) and, for a row the LLM decided,
what the rules had said (`rules_reason`); the instance summary counts both. The LLM sees only the
rows it must, so a run costs a fraction of a pure LLM judge's calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .judge_base import Judge, JudgeItem, Verdict
from .judge_embedded import EmbeddedJudge


class RulesThenLLM(Judge):
    def __init__(self, llm: Judge):
        self.rules = EmbeddedJudge()
        self.llm = llm
        self.id = f"{self.rules.id}+{llm.id}"
        self.prompt_hash = llm.prompt_hash

    @property
    def identity(self) -> dict:
        return {**self.llm.identity, "id": self.id, "rules": self.rules.id, "llm": self.llm.id}

    def judge(self, item: JudgeItem) -> Verdict:
        return self.judge_many([item])[0]

    def judge_many(self, items: Sequence[JudgeItem]) -> list[Verdict]:
        verdicts = self.rules.judge_many(items)
        unsure = [index for index, verdict in enumerate(verdicts) if verdict.na]
        if unsure:
            asked = self.llm.judge_many([items[index] for index in unsure])
            for index, verdict in zip(unsure, asked, strict=True):
                verdicts[index] = replace(verdict, source="llm", rules_reason=verdicts[index].reason)
        return verdicts

    def close(self) -> None:
        self.llm.close()
