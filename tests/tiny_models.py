"""Tiny random models saved in the hub's folder layout, so tests load them through the same
`from_pretrained` path a hub id takes: a Qwen2-Audio (chat and base) with a plain ChatML template
(no default system turn, so tests can read the prompt), a text LM, and the Audio Flamingo 3 and
Whisper checkpoints of tests/tiny_families. Built through tests/tiny_families' one session cache,
so a checkpoint the family tests use as well is built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tiny_families import built_once, chat
from tiny_families.chat import QWEN2_AUDIO_SLOT
from tiny_families.common import chatml, finish_generation, ids, qwen_tokenizer, save, seeded, small_llm

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never reach the hub
# CPU in CI; the GPU check (benchmarks/gpu_check.sh) runs the same tests with cuda
TEST_DEVICE = os.environ.get("DSUPERB_TEST_DEVICE", "cpu")


COMMON_KEYS = ("batch_size", "max_new_tokens", "seed")


def tiny_options(extra: dict | None = None, **changes) -> tuple:
    """(common options, model options) for the tests: the test device, float32 (so greedy answers
    are exact); `load_model(spec, *tiny_options(...))`."""
    from dsuperb.models.options import CommonOptions

    common = CommonOptions(**{k: v for k, v in changes.items() if k in COMMON_KEYS})
    raw = {"device": TEST_DEVICE, "dtype": "float32",
           **{k: v for k, v in changes.items() if k not in COMMON_KEYS}, **(extra or {})}
    return common, raw


CHATML = chatml(QWEN2_AUDIO_SLOT)  # ChatML without a default system turn


def build_qwen2_audio(folder: Path, chat_layout: bool = True) -> Path:
    """A tiny Qwen2-Audio; `chat_layout=False` saves no chat template of its own, like the base model."""
    return chat.qwen2_audio(Path(folder), CHATML if chat_layout else None)


def build_text_lm(folder: Path) -> Path:
    from transformers import AutoConfig, AutoModelForCausalLM

    tokenizer = qwen_tokenizer([])
    tokenizer.chat_template = CHATML
    eos = ids(tokenizer, "<|endoftext|>")
    settings = small_llm("qwen2", len(tokenizer), eos)
    config = AutoConfig.for_model(settings.pop("model_type"), **settings)
    model = seeded(AutoModelForCausalLM.from_config, config)
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=eos)
    return save(folder, model, tokenizer)


# -- session fixtures: each tiny model is built once per test session ------------------------------
@pytest.fixture(scope="session")
def tiny_qwen2_audio(tmp_path_factory) -> Path:
    return built_once("qwen2_audio_chatml", tmp_path_factory, build_qwen2_audio)


@pytest.fixture(scope="session")
def tiny_qwen2_audio_base(tmp_path_factory) -> Path:
    return built_once("qwen2_audio_base", tmp_path_factory, lambda folder: build_qwen2_audio(folder, False))


@pytest.fixture(scope="session")
def tiny_audioflamingo3(tmp_path_factory) -> Path:
    return built_once("audioflamingo3", tmp_path_factory)


@pytest.fixture(scope="session")
def tiny_whisper(tmp_path_factory) -> Path:
    return built_once("whisper", tmp_path_factory)


@pytest.fixture(scope="session")
def tiny_text_lm(tmp_path_factory) -> Path:
    return built_once("text_lm", tmp_path_factory, build_text_lm)
