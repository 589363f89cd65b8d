"""The LLM judges' shared prompt, verdict reading and cache keys."""

from __future__ import annotations

import pytest

from dsuperb.scoring.judge_base import JudgeItem
from dsuperb.scoring.judge_llm import PROMPT_HASH, VerdictCache, build_prompt, explanation, parse_verdict

ITEM = JudgeItem("Is the speaker happy or sad?", ("happy",), "I'd say joyful.")


def test_prompt_holds_instruction_ground_truth_and_response():
    prompt = build_prompt(ITEM)
    assert "Is the speaker happy or sad?" in prompt and "\nhappy\n" in prompt and "I'd say joyful." in prompt
    assert 'Result: YES" or "Result: NO"' in prompt
    assert len(PROMPT_HASH) == 16
    multi = build_prompt(JudgeItem("Which sounds?", ("dog", "cat"), "dog and cat"))
    assert "dog; cat" in multi


def test_verdict_lines_are_read_strictly():
    assert parse_verdict("Joyful means happy.\nResult: YES") is True
    assert parse_verdict("Wrong option.\n**Result:** NO") is False
    assert parse_verdict("result: yes") is True
    # the last verdict line wins (models sometimes restate the format first)
    assert parse_verdict('Format: "Result: YES" or "Result: NO".\nIt is wrong.\nResult: NO') is False
    assert parse_verdict("YES, this is right.") is None
    assert parse_verdict("") is None
    assert explanation("Joyful means happy.\nResult: YES") == "Joyful means happy."


def test_cache_key_covers_judge_prompt_instruction_label_and_response(tmp_path):
    base = VerdictCache.key("openai:a", PROMPT_HASH, ITEM)
    assert base == VerdictCache.key("openai:a", PROMPT_HASH, ITEM)
    variants = [
        VerdictCache.key("openai:b", PROMPT_HASH, ITEM),
        VerdictCache.key("openai:a", "other", ITEM),
        VerdictCache.key("openai:a", PROMPT_HASH, JudgeItem("Other?", ITEM.labels, ITEM.response)),
        VerdictCache.key("openai:a", PROMPT_HASH, JudgeItem(ITEM.instruction, ("sad",), ITEM.response)),
        VerdictCache.key("openai:a", PROMPT_HASH, JudgeItem(ITEM.instruction, ITEM.labels, "sad")),
    ]
    assert len(set(variants + [base])) == 6
    cache = VerdictCache(tmp_path)
    cache.put(base, "openai:a", {"correct": True, "reply": "Result: YES"})
    cache.close()
    assert VerdictCache(tmp_path).get(base) == {"correct": True, "reply": "Result: YES"}


def test_an_interrupted_judge_keeps_the_verdicts_it_was_given(tmp_path):
    from dsuperb.scoring.judge_llm import LLMJudge

    class Interrupted(LLMJudge):
        """Answers YES, then is stopped (Ctrl-C) while asking its second chunk of prompts."""

        chunk = 2

        def complete(self, prompts):
            if self.calls > self.chunk:
                raise KeyboardInterrupt
            return ["Fine.\nResult: YES"] * len(prompts)

    items = [JudgeItem("Answer yes or no.", ("yes",), f"yes {i}") for i in range(5)]
    judge = Interrupted("test-model", cache_dir=tmp_path)
    with pytest.raises(KeyboardInterrupt):
        judge.judge_many(items)
    judge.close()
    cache = VerdictCache(tmp_path)
    kept = [cache.get(VerdictCache.key("test-model", judge.prompt_hash, item)) is not None for item in items]
    assert kept == [True, True, False, False, False]
