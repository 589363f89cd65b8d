"""Voxtral and Voxtral Realtime: the tokenizer is a tekken.json read by mistral-common (no jinja
chat template; mistral-common lays out the conversation)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from .common import byte_bpe, finish_generation, seeded, small_llm, vocab_and_merges, whisper_features

SPECIALS = [
    "<unk>",
    "<s>",
    "</s>",
    "[INST]",
    "[/INST]",
    "[AVAILABLE_TOOLS]",
    "[/AVAILABLE_TOOLS]",
    "[TOOL_RESULTS]",
    "[/TOOL_RESULTS]",
    "[TOOL_CALLS]",
    "[IMG]",
    "<pad>",
    "[IMG_BREAK]",
    "[IMG_END]",
    "[PREFIX]",
    "[MIDDLE]",
    "[SUFFIX]",
    "[SYSTEM_PROMPT]",
    "[/SYSTEM_PROMPT]",
    "[TOOL_CONTENT]",
]
# ranks as in the published Voxtral tekken.json: VoxtralProcessor takes the audio token as id 24
PLACED = {
    24: "[AUDIO]",
    25: "[BEGIN_AUDIO]",
    32: "[ARGS]",
    33: "[CALL_ID]",
    34: "[TRANSCRIBE]",
    35: "[THINK]",
    36: "[/THINK]",
    37: "[STREAMING_PAD]",
    38: "[STREAMING_WORD]",
}
N_SPECIALS = 100
BOS, EOS, PAD, AUDIO = 1, 2, 11, 24
PATTERN = (
    r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?"
    r"[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|"
    r"\s+(?!\S)|\s+"
)


def write_tekken(folder: Path, audio: dict, version: str) -> int:
    """A tiny tekken.json: byte-level BPE ranks (256 single bytes, then a BPE's merges in order), the
    published special-token layout and an audio section. Returns the vocabulary size."""
    byte_of = {char: byte for byte, char in _bytes_to_unicode().items()}
    _, merges = vocab_and_merges(byte_bpe([], vocab_size=400))
    ranks: list[bytes] = [bytes([b]) for b in range(256)]
    for left, right in merges:
        token = bytes(byte_of[c] for c in left + right)
        if token not in ranks:
            ranks.append(token)
    vocab = [
        {"rank": i, "token_bytes": base64.b64encode(t).decode(), "token_str": t.decode("utf-8", "replace")}
        for i, t in enumerate(ranks)
    ]
    specials = [
        {
            "rank": rank,
            "token_str": SPECIALS[rank] if rank < len(SPECIALS) else PLACED.get(rank, f"<SPECIAL_{rank}>"),
            "is_control": True,
        }
        for rank in range(N_SPECIALS)
    ]
    data = {
        "config": {
            "pattern": PATTERN,
            "num_vocab_tokens": len(vocab),
            "default_vocab_size": len(vocab) + N_SPECIALS,
            "default_num_special_tokens": N_SPECIALS,
            "version": version,
        },
        "vocab": vocab,
        "special_tokens": specials,
        "version": 1,
        "type": "Tekken",
        "audio": audio,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tekken.json").write_text(json.dumps(data))
    return len(vocab) + N_SPECIALS


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's byte -> printable character table (the alphabet of byte-level BPE)."""
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("\xa1"), ord("\xac") + 1),
        *range(ord("\xae"), ord("\xff") + 1),
    ]
    table, extra = {b: chr(b) for b in printable}, 0
    for byte in range(256):
        if byte not in table:
            table[byte] = chr(256 + extra)
            extra += 1
    return table


def _save(folder: Path, model, processor_class: str, extractor) -> Path:
    finish_generation(model, eos=EOS, pad=PAD, bos=BOS)
    model.save_pretrained(folder)
    (folder / "processor_config.json").write_text(
        json.dumps(
            {"processor_class": processor_class, "feature_extractor": extractor.to_dict()},
            indent=2,
            default=str,
        )
    )
    return folder


def voxtral(out: Path) -> Path:
    """Voxtral (Mini): whisper encoder + Llama LM; `apply_chat_template` goes through mistral-common,
    which takes audio only as a URL, a path or base64 content."""
    from transformers import VoxtralConfig, VoxtralForConditionalGeneration

    folder = Path(out)
    encoding = {"num_mel_bins": 128, "hop_length": 160, "window_size": 400}
    vocab = write_tekken(
        folder,
        {
            "sampling_rate": 16000,
            "frame_rate": 12.5,
            "chunk_length_s": 30.0,
            "audio_encoding_config": encoding,
        },
        version="v7",
    )
    config = VoxtralConfig(
        # the projector folds 4 encoder frames into one token: intermediate_size is 4 x hidden_size
        audio_config=dict(
            hidden_size=16,
            intermediate_size=64,
            num_hidden_layers=1,
            num_attention_heads=2,
            num_mel_bins=128,
            max_source_positions=1500,
        ),
        text_config=small_llm("llama", vocab, EOS, pad=PAD, bos=BOS),
        audio_token_id=AUDIO,
    )
    return _save(
        folder,
        seeded(VoxtralForConditionalGeneration, config),
        "VoxtralProcessor",
        whisper_features(seconds=30),
    )


def voxtral_realtime(out: Path) -> Path:
    """Voxtral Realtime (streaming ASR): the processor builds a mistral-common transcription request
    from the audio alone: no instruction, no chat template."""
    from transformers import VoxtralRealtimeConfig, VoxtralRealtimeForConditionalGeneration
    from transformers.models.voxtral_realtime.feature_extraction_voxtral_realtime import (
        VoxtralRealtimeFeatureExtractor,
    )

    folder = Path(out)
    vocab = write_tekken(
        folder,
        {
            "sampling_rate": 16000,
            "frame_rate": 12.5,
            "chunk_length_s": None,
            "transcription_format": "streaming",
            "transcription_delay_ms": 480.0,
            "streaming_look_ahead_ms": 2.5,
            "streaming_look_back_ms": 52.5,
            "streaming_n_left_pad_tokens": 32,
            "audio_encoding_config": {"num_mel_bins": 128, "hop_length": 160, "window_size": 400},
        },
        version="v13",
    )
    config = VoxtralRealtimeConfig(
        audio_config=dict(
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            head_dim=8,
            num_mel_bins=128,
            max_position_embeddings=1500,
            sliding_window=750,
        ),
        text_config=small_llm("voxtral_realtime_text", vocab, EOS, pad=PAD, bos=BOS, sliding_window=256),
        tie_word_embeddings=False,
    )
    return _save(
        folder,
        seeded(VoxtralRealtimeForConditionalGeneration, config),
        "VoxtralRealtimeProcessor",
        VoxtralRealtimeFeatureExtractor(feature_size=128),
    )
