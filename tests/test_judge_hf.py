"""The local transformers judge, on a tiny random causal LM built here (it answers nonsense, which
shows the plumbing: prompt in, text out, no verdict line -> scored 0 with the reason recorded)."""

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
    assert row["score"] == 0.0 and row["judge_error"] and "unparseable verdict" in row["reason"]
    assert row["judge"] == {"id": f"hf:{tiny_judge_model}", "prompt_hash": PROMPT_HASH}
    assert result.summary["errors"] == 1


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(JudgeError, match="cannot load judge model"):
        make_judge(f"hf:{tmp_path / 'no_such_model'}")
