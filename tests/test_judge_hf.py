"""The local transformers judge, on a tiny random causal LM built here (it answers nonsense, which
shows the plumbing: prompt in, text out, no verdict line -> a judge failure, left out of the score,
with the reason recorded)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from dsuperb.errors import JudgeError  # noqa: E402
from dsuperb.scoring import make_judge, score_rows  # noqa: E402
from dsuperb.scoring.judge_hf import TransformersJudge  # noqa: E402
from dsuperb.scoring.judge_llm import PROMPT_HASH  # noqa: E402

CORPUS = ["grade the response to the question about the audio recording",
          "ground truth answer model response result yes no happy sad angry"] * 8


@pytest.fixture(scope="module")
def tiny_judge_model(tmp_path_factory):
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    raw.train_from_iterator(CORPUS, trainers.BpeTrainer(
        vocab_size=300, special_tokens=["<eos>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False))
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=raw, eos_token="<eos>", pad_token="<eos>")
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=2048,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.eos_token_id,
                         bos_token_id=tokenizer.eos_token_id)
    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny_judge")
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_local_judge_runs_and_records_nonsense_as_a_judge_failure(tiny_judge_model, tmp_path):
    judge = make_judge(f"hf:{tiny_judge_model}", cache_dir=tmp_path / "cache", max_new_tokens=8)
    assert isinstance(judge, TransformersJudge)
    rows = [{"instance": "E", "file": "a", "instruction": "Happy or sad?", "label": "happy",
             "response": "happy", "error": None}]
    result = score_rows(rows, metric="llm_classification", judge=judge)
    row = result.rows[0]
    assert judge.calls == 1
    assert row["score"] is None and row["judge_error"] and "unparseable verdict" in row["reason"]
    assert row["judge"] == {"id": f"hf:{tiny_judge_model}", "prompt_hash": PROMPT_HASH}
    assert result.summary["errors"] == 1 and result.summary["status"] == "failed"
    assert result.summary["value"] is None and "judge failed on all 1 rows" in result.summary["message"]


def test_rules_then_local_llm_asks_the_model_only_what_the_rules_leave_open(tiny_judge_model, tmp_path):
    judge = make_judge(f"rules+hf:{tiny_judge_model}", cache_dir=tmp_path / "cache", max_new_tokens=8)
    replies = [("a", "happy"), ("b", "Sad."), ("c", "Hard to pin down.")]
    rows = [{"instance": "E", "file": name, "instruction": "Happy or sad?", "label": "happy",
             "response": reply, "error": None} for name, reply in replies]
    result = score_rows(rows, metric="llm_classification", judge=judge)
    assert judge.llm.calls == 1  # only "Hard to pin down." reached the model
    by_file = {row["file"]: row for row in result.rows}
    assert by_file["a"]["verdict_source"] == "rules" and by_file["a"]["score"] == 1.0
    assert by_file["b"]["verdict_source"] == "rules" and by_file["b"]["score"] == 0.0
    assert by_file["c"]["verdict_source"] == "llm" and by_file["c"]["judge_error"]
    assert "out of options" in by_file["c"]["rules_reason"]
    summary = result.summary
    assert summary["verdict_sources"] == {"llm": 1, "rules": 2} and summary["value"] == 0.5
    assert summary["status"] == "ok" and "judge failed on 1 of 3 rows" in summary["message"]
    assert summary["judge"]["id"] == f"embedded-rules-v6+hf:{tiny_judge_model}"


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(JudgeError, match="cannot load judge model"):
        make_judge(f"hf:{tmp_path / 'no_such_model'}")
