"""Prompt strategies: how an instruction is put to a model, and where the answer is read back.

- `direct` (the default): the instruction as the dataset gives it; the whole response is the answer.
- `cot`: the instruction, then a request to reason step by step and to end with the final answer
  on a line of its own (`Answer: ...`). The stored row keeps the whole response and notes the
  strategy (`prompt_strategy: cot`), so `dsuperb score` on the file alone scores only the final
  answer: the last line that starts with `Answer:`, else the last non-empty line.
"""

from __future__ import annotations

import re

DIRECT, COT = "direct", "cot"
STRATEGIES = (DIRECT, COT)
COT_REQUEST = ("Think step by step: first explain your reasoning, then give your final answer on a "
               "line of its own, starting with \"Answer:\".")
_FINAL_LINE = re.compile(r"^\W{0,4}(?:final\s+)?answer\s*[:：]\s*(.*)$", re.IGNORECASE)


def instruction_for(instruction: str, strategy: str) -> str:
    """What the model is asked under `strategy` (the row keeps the dataset's instruction)."""
    if strategy == COT:
        return f"{instruction.rstrip()}\n{COT_REQUEST}"
    return instruction


def final_answer(response: str) -> str:
    """The final answer of a step-by-step response: what follows `Answer:` on the last line that
    starts so (the line after it when that is empty), else the last non-empty line."""
    lines = [line.strip() for line in response.splitlines()]
    for index in range(len(lines) - 1, -1, -1):
        match = _FINAL_LINE.match(lines[index].replace("*", ""))
        if match:
            after = match.group(1).strip()
            if after:
                return after
            rest = [line for line in lines[index + 1:] if line]
            return rest[0] if rest else ""
    filled = [line for line in lines if line]
    return filled[-1] if filled else ""


def answer_text(row: dict) -> str | None:
    """The text a scorer reads from a prediction row: the final answer of a step-by-step row,
    else the response as it is."""
    response = row.get("response")
    if isinstance(response, str) and row.get("prompt_strategy") == COT:
        return final_answer(response)
    return response
