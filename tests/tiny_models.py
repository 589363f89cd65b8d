"""Tiny random models saved in the hub's folder layout, so tests load them through the same
`from_pretrained` path a hub id takes: a Qwen2-Audio (chat and base), an Audio Flamingo 3, a
Whisper, a text LM.

Each uses a byte-level BPE tokenizer trained here with `tokenizers` and a `WhisperFeatureExtractor`
with 2-second windows (so the encoders stay tiny); weights are random with a fixed seed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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

CORPUS = [
    "the quick brown fox jumps over the lazy dog",
    "what is the emotion of the speaker? answer with one word: happy, sad, angry, neutral",
    "transcribe the audio. is the speaker male or female? yes no",
    "Audio 1: Audio 2: which clip is louder? the first one, the second one",
    "system user assistant You are a helpful assistant.",
] * 4

CHAT_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|AUDIO|>", "<|audio_bos|>", "<|audio_eos|>"]

CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'audio' %}<|audio_bos|><|AUDIO|><|audio_eos|>\n"
    "{% else %}{{ part['text'] }}{% endif %}{% endfor %}{% endif %}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

WINDOW_SECONDS = 2  # feature extractor window; the encoders' positions are sized to match


def bpe_vocab(specials: list[str], vocab_size: int = 400) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Train a byte-level BPE on a fixed corpus: specials first, so their ids are stable."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    tokenizer.train_from_iterator(CORPUS, trainer)
    return tokenizer.get_vocab(), _merges(tokenizer.model)


def _merges(model) -> list[tuple[str, str]]:
    import json

    state = json.loads(model.__getstate__())
    return [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in state["merges"]]


def _qwen_tokenizer(specials: list[str]):
    from transformers import Qwen2Tokenizer

    vocab, merges = bpe_vocab(specials)
    tokenizer = Qwen2Tokenizer(vocab=vocab, merges=merges)
    tokenizer.add_special_tokens({"additional_special_tokens": specials[1:]})
    return tokenizer


def _text_config(vocab_size: int, eos_id: int) -> dict:
    return dict(
        model_type="qwen2", vocab_size=vocab_size, hidden_size=32, intermediate_size=64,
        num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
        eos_token_id=eos_id, pad_token_id=eos_id, bos_token_id=eos_id, tie_word_embeddings=False,
    )


def _feature_extractor(mels: int):
    from transformers import WhisperFeatureExtractor

    return WhisperFeatureExtractor(feature_size=mels, chunk_length=WINDOW_SECONDS, sampling_rate=16_000)


def build_qwen2_audio(folder: Path, chat: bool = True, seed: int = 0) -> Path:
    """A tiny Qwen2-Audio; `chat=False` saves no chat template of its own, like the base model."""
    from transformers import Qwen2AudioConfig, Qwen2AudioForConditionalGeneration, Qwen2AudioProcessor

    tokenizer = _qwen_tokenizer(CHAT_SPECIALS)
    if chat:
        tokenizer.chat_template = CHATML
    processor = Qwen2AudioProcessor(feature_extractor=_feature_extractor(128), tokenizer=tokenizer,
                                    chat_template=CHATML if chat else None)
    eos = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    config = Qwen2AudioConfig(
        audio_config=dict(
            model_type="qwen2_audio_encoder", num_mel_bins=128, encoder_layers=1, encoder_attention_heads=2,
            encoder_ffn_dim=32, d_model=16, max_source_positions=WINDOW_SECONDS * 50,
        ),
        text_config=_text_config(len(tokenizer), eos),
        audio_token_index=tokenizer.convert_tokens_to_ids("<|AUDIO|>"),
    )
    return _save_chat_model(folder, Qwen2AudioForConditionalGeneration, config, tokenizer, processor, seed)


def build_audioflamingo3(folder: Path, seed: int = 0) -> Path:
    """A tiny Audio Flamingo 3: one `<sound>` token per audio, which the processor expands."""
    from transformers import (
        AudioFlamingo3Config,
        AudioFlamingo3ForConditionalGeneration,
        AudioFlamingo3Processor,
    )

    tokenizer = _qwen_tokenizer(CHAT_SPECIALS + ["<sound>"])
    template = CHATML.replace("<|audio_bos|><|AUDIO|><|audio_eos|>\n", "<sound>")
    tokenizer.chat_template = template
    processor = AudioFlamingo3Processor(feature_extractor=_feature_extractor(128), tokenizer=tokenizer,
                                        chat_template=template)
    eos = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    config = AudioFlamingo3Config(
        audio_config=dict(model_type="audioflamingo3_encoder", num_mel_bins=128, num_hidden_layers=1,
                          num_attention_heads=2, intermediate_size=32, hidden_size=16,
                          max_source_positions=WINDOW_SECONDS * 50),
        text_config=_text_config(len(tokenizer), eos),
        audio_token_id=tokenizer.convert_tokens_to_ids("<sound>"),
    )
    return _save_chat_model(folder, AudioFlamingo3ForConditionalGeneration, config, tokenizer, processor,
                            seed)


def build_whisper(folder: Path, seed: int = 0) -> Path:
    import torch
    from transformers import (
        WhisperConfig,
        WhisperForConditionalGeneration,
        WhisperProcessor,
        WhisperTokenizer,
    )

    specials = ["<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|transcribe|>", "<|translate|>",
                "<|notimestamps|>", "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>"]
    vocab, merges = bpe_vocab(specials)
    tokenizer = WhisperTokenizer(vocab=vocab, merges=merges)
    tokenizer.add_special_tokens({"additional_special_tokens": specials[1:]})
    ids = tokenizer.convert_tokens_to_ids
    processor = WhisperProcessor(feature_extractor=_feature_extractor(80), tokenizer=tokenizer)
    config = WhisperConfig(
        vocab_size=len(tokenizer), num_mel_bins=80, d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_source_positions=WINDOW_SECONDS * 50, max_target_positions=128,
        pad_token_id=ids("<|endoftext|>"), bos_token_id=ids("<|endoftext|>"),
        eos_token_id=ids("<|endoftext|>"),
        decoder_start_token_id=ids("<|startoftranscript|>"),
    )
    torch.manual_seed(seed)
    model = WhisperForConditionalGeneration(config).eval()
    generation = model.generation_config
    generation._from_model_config = False  # otherwise loading rebuilds it from the model config
    generation.begin_suppress_tokens = None
    generation.suppress_tokens = None
    generation.decoder_start_token_id = ids("<|startoftranscript|>")
    generation.forced_decoder_ids = None
    generation.lang_to_id = {"<|en|>": ids("<|en|>")}
    generation.task_to_id = {"transcribe": ids("<|transcribe|>"), "translate": ids("<|translate|>")}
    generation.no_timestamps_token_id = ids("<|notimestamps|>")
    generation.is_multilingual = True
    generation.eos_token_id = ids("<|endoftext|>")
    generation.pad_token_id = ids("<|endoftext|>")
    return _save(folder, model, processor)


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
    return _save(folder, model, processor)


def _save(folder: Path, model, processor) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


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
