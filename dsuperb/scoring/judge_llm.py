"""What every LLM judge shares: the prompt, reading the verdict, and the on-disk verdict cache.

The prompt follows the organisers' design: the instruction, the ground truth and the response;
a brief explanation; a last line `Result: YES` or `Result: NO`. A reply without that line is an
unparseable verdict: a judge error, left out of the score and flagged, never guessed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from ..infra.hashing import sha256_text
from .judge_base import Judge, JudgeItem, Verdict

PROMPT_TEMPLATE = """\
You are grading the answer an audio-language model gave to a question about an audio recording.

Question (instruction given to the model):
{instruction}

Ground-truth answer:
{label}

Model's response:
{response}

Decide whether the response gives the ground-truth answer. Judge by meaning, not wording: \
synonyms, letter or number choices that denote the right option, and extra explanation are fine. \
The response is wrong if it picks a different option, gives no answer or an irrelevant one, \
refuses, or gives more answers than asked (for example hedging between several options). \
If the ground truth is a set of several answers, the response must give exactly that set.

Explain your decision in one or two sentences, then end with a last line that is exactly \
"Result: YES" or "Result: NO"."""

PROMPT_HASH = sha256_text(PROMPT_TEMPLATE)[:16]
_RESULT = re.compile(r"result\s*[:：]\s*[*_`\"']*\s*(yes|no)\b", re.IGNORECASE)


def build_prompt(item: JudgeItem) -> str:
    label = item.labels[0] if len(item.labels) == 1 else "; ".join(item.labels)
    return PROMPT_TEMPLATE.format(instruction=item.instruction.strip(), label=label,
                                  response=item.response.strip())


def parse_verdict(reply: str) -> bool | None:
    """True / False from the last `Result: YES|NO` line; None when there is none."""
    found = _RESULT.findall(reply or "")
    return found[-1].lower() == "yes" if found else None


def explanation(reply: str, limit: int = 200) -> str:
    text = _RESULT.sub("", reply or "").strip()
    text = " ".join(text.split())
    return text[:limit] + ("..." if len(text) > limit else "")


class VerdictCache:
    """Verdicts on disk (SQLite), keyed by judge id, prompt hash, instruction, label and response."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "verdicts.sqlite"
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.execute("CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, judge TEXT, value TEXT)")
        self._db.commit()

    @staticmethod
    def key(judge_id: str, prompt_hash: str, item: JudgeItem) -> str:
        parts = [judge_id, prompt_hash, item.instruction, list(item.labels), item.response]
        return sha256_text(json.dumps(parts, ensure_ascii=False))

    def get(self, key: str) -> dict | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM verdicts WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, judge_id: str, value: dict) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?)",
                             (key, judge_id, json.dumps(value, ensure_ascii=False)))
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()


class LLMJudge(Judge):
    """A judge that asks a language model. Subclasses implement `complete(prompts)`, returning for
    each prompt the reply text or the exception that ended the attempt."""

    prompt_hash = PROMPT_HASH
    chunk = 32  # prompts asked between cache writes: an interrupted run keeps what it was told

    def __init__(self, judge_id: str, cache_dir: Path | None = None):
        self.id = judge_id
        self.cache = VerdictCache(Path(cache_dir)) if cache_dir is not None else None
        self.calls = 0  # replies requested from the model (cache hits excluded)

    def complete(self, prompts: Sequence[str]) -> list[str | BaseException]:
        raise NotImplementedError

    def judge(self, item: JudgeItem) -> Verdict:
        return self.judge_many([item])[0]

    def judge_many(self, items: Sequence[JudgeItem]) -> list[Verdict]:
        verdicts: list[Verdict | None] = [None] * len(items)
        keys = [VerdictCache.key(self.id, self.prompt_hash, item) for item in items] if self.cache else []
        todo = []
        for index in range(len(items)):
            cached = self.cache.get(keys[index]) if self.cache else None
            if cached is not None:
                verdicts[index] = _verdict(cached["correct"], cached["reply"], cached=True)
            else:
                todo.append(index)
        for begin in range(0, len(todo), self.chunk):
            part = todo[begin:begin + self.chunk]
            self.calls += len(part)
            replies = self.complete([build_prompt(items[i]) for i in part])
            for index, reply in zip(part, replies, strict=True):
                verdicts[index] = self._read(reply)
                if self.cache and not verdicts[index].judge_error:
                    self.cache.put(keys[index], self.id, {"correct": verdicts[index].correct, "reply": reply})
        return [_with_extraction(item, verdict) for item, verdict in zip(items, verdicts, strict=True)]

    def _read(self, reply: str | BaseException) -> Verdict:
        if isinstance(reply, BaseException):
            message = " ".join(str(reply).split())[:200] or type(reply).__name__
            return Verdict(False, None, True, f"judge failed: {message}", judge_error=True)
        correct = parse_verdict(reply)
        if correct is None:
            shown = explanation(reply, 120)
            return Verdict(False, None, True, f"unparseable verdict (no 'Result: YES/NO'): {shown!r}",
                           judge_error=True)
        return _verdict(correct, reply)

    def close(self) -> None:
        if self.cache:
            self.cache.close()


def _with_extraction(item: JudgeItem, verdict: Verdict) -> Verdict:
    """The judge decides the score; the embedded rules still report what answer was extracted.
    A YES is never N/A; a NO is N/A when the rules found no single usable answer."""
    from .judge_embedded import decide

    rules = decide(item)
    na = verdict.na if verdict.judge_error else (False if verdict.correct else rules.na)
    return Verdict(verdict.correct, rules.answer, na, verdict.reason, verdict.judge_error, source="llm")


def _verdict(correct: bool, reply: str, cached: bool = False) -> Verdict:
    why = explanation(reply) or "no explanation"
    prefix = "judge (cached): " if cached else "judge: "
    return Verdict(bool(correct), None, False, prefix + ("YES. " if correct else "NO. ") + why)
