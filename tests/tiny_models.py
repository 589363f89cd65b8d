"""Tiny random models saved in the hub's folder layout, so tests load them through the same
`from_pretrained` path a hub id takes: a Qwen2-Audio (chat and base) with a plain ChatML template
(no default system turn, so tests can read the prompt), a text LM, and the Audio Flamingo 3 and
Whisper checkpoints of tests/tiny_families.

Each uses a byte-level BPE tokenizer trained here with `tokenizers` and a `WhisperFeatureExtractor`
with 2-second windows (so the encoders stay tiny); weights are random with a fixed seed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tiny_families import asr, chat
from tiny_families.common import WINDOW, qwen_tokenizer, save, small_llm, whisper_encoder, whisper_features

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

CHAT_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|AUDIO|>", "<|audio_bos|>", "<|audio_eos|>"]

CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'audio' %}<|audio_bos|><|AUDIO|><|audio_eos|>\n"
    "{% else %}{{ part['text'] }}{% endif %}{% endfor %}{% endif %}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _qwen_tokenizer(specials: list[str]):
    return qwen_tokenizer(specials)


def _text_config(vocab_size: int, eos_id: int) -> dict:
    return small_llm("qwen2", vocab_size, eos_id, max_position_embeddings=512)


def build_qwen2_audio(folder: Path, chat: bool = True, seed: int = 0) -> Path:
    """A tiny Qwen2-Audio; `chat=False` saves no chat template of its own, like the base model."""
    from transformers import Qwen2AudioConfig, Qwen2AudioForConditionalGeneration, Qwen2AudioProcessor

    tokenizer = _qwen_tokenizer(CHAT_SPECIALS)
    if chat:
        tokenizer.chat_template = CHATML
    processor = Qwen2AudioProcessor(feature_extractor=whisper_features(), tokenizer=tokenizer,
                                    chat_template=CHATML if chat else None)
    eos = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    config = Qwen2AudioConfig(
        audio_config=whisper_encoder(model_type="qwen2_audio_encoder", max_source_positions=WINDOW * 50),
        text_config=_text_config(len(tokenizer), eos),
        audio_token_index=tokenizer.convert_tokens_to_ids("<|AUDIO|>"),
    )
    return _save_chat_model(folder, Qwen2AudioForConditionalGeneration, config, tokenizer, processor, seed)


def build_audioflamingo3(folder: Path) -> Path:
    return chat.audioflamingo3(Path(folder))


def build_whisper(folder: Path) -> Path:
    return asr.whisper(Path(folder))


def build_text_lm(folder: Path, seed: int = 0) -> Path:
    from transformers import AutoConfig, AutoModelForCausalLM

    tokenizer = _qwen_tokenizer(CHAT_SPECIALS[:3])
    tokenizer.chat_template = CHATML
    eos = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    settings = _text_config(len(tokenizer), eos)
    config = AutoConfig.for_model(settings.pop("model_type"), **settings)
    return _save_chat_model(folder, AutoModelForCausalLM.from_config, config, tokenizer, tokenizer, seed)


def _save_chat_model(folder: Path, make_model, config, tokenizer, processor, seed: int) -> Path:
    """Random weights (seeded) for a ChatML model that stops at <|im_end|> and pads with <|endoftext|>."""
    import torch

    torch.manual_seed(seed)
    model = make_model(config).eval()
    model.generation_config.eos_token_id = tokenizer.convert_tokens_to_ids("<|im_end|>")
    model.generation_config.pad_token_id = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    return save(folder, model, processor)


# -- session fixtures: each tiny model is built once per test session ------------------------------
_BUILT: dict[str, Path] = {}


def _once(key: str, factory, tmp_path_factory) -> Path:
    if key not in _BUILT or not _BUILT[key].exists():
        _BUILT[key] = factory(tmp_path_factory.mktemp(key))
    return _BUILT[key]


@pytest.fixture(scope="session")
def tiny_qwen2_audio(tmp_path_factory) -> Path:
    return _once("qwen2_audio", build_qwen2_audio, tmp_path_factory)


@pytest.fixture(scope="session")
def tiny_qwen2_audio_base(tmp_path_factory) -> Path:
    return _once("qwen2_audio_base", lambda folder: build_qwen2_audio(folder, chat=False), tmp_path_factory)


@pytest.fixture(scope="session")
def tiny_audioflamingo3(tmp_path_factory) -> Path:
    return _once("audioflamingo3", build_audioflamingo3, tmp_path_factory)


@pytest.fixture(scope="session")
def tiny_whisper(tmp_path_factory) -> Path:
    return _once("whisper", build_whisper, tmp_path_factory)


@pytest.fixture(scope="session")
def tiny_text_lm(tmp_path_factory) -> Path:
    return _once("text_lm", build_text_lm, tmp_path_factory)
