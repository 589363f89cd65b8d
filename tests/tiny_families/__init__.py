"""Tiny random checkpoints of every audio-input family transformers ships, laid out as the hub has
them (config, weights, the family's processor, tokenizer and feature extractor files, and its chat
template where it publishes one), built offline in seconds: `build(name, folder)`.

Used by the family tests (tests/test_model_families.py) and by tools/model_matrix.py, which writes
docs/models.md. One builder per family, in modules by kind; shared pieces live in `common`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import asr, chat, gemma, mistral, omni, vision_llms

# family name (the folder name) -> builder, in the order of the support matrix
BUILDERS = {
    "qwen2_audio": chat.qwen2_audio,
    "audioflamingo3": chat.audioflamingo3,
    "musicflamingo": chat.musicflamingo,
    "glmasr": chat.glmasr,
    "qwen3_asr": chat.qwen3_asr,
    "moss_transcribe_diarize": chat.moss_transcribe_diarize,
    "vibevoice_asr": chat.vibevoice_asr,
    "omniasr": chat.omniasr,
    "fun_asr_nano": chat.fun_asr_nano,
    "granite_speech": chat.granite_speech,
    "granite_speech_plus": chat.granite_speech_plus,
    "qwen2_5_omni_thinker": omni.qwen2_5_omni_thinker,
    "qwen2_5_omni": omni.qwen2_5_omni,
    "qwen3_omni_moe_thinker": omni.qwen3_omni_moe_thinker,
    "qwen3_omni_moe": omni.qwen3_omni_moe,
    "gemma3n": gemma.gemma3n,
    "gemma4": gemma.gemma4,
    "gemma4_unified": gemma.gemma4_unified,
    "muse_spark": vision_llms.muse_spark,
    "dots3_note": vision_llms.dots3_note,
    "inkling": vision_llms.inkling,
    "apertus1p5": vision_llms.apertus1p5,
    "phi4_multimodal": vision_llms.phi4_multimodal,
    "voxtral": mistral.voxtral,
    "voxtral_realtime": mistral.voxtral_realtime,
    "whisper": asr.whisper,
    "canary": asr.canary,
    "cohere_asr": asr.cohere_asr,
    "moonshine": asr.moonshine,
    "moonshine_streaming": asr.moonshine_streaming,
    "speech_to_text": asr.speech_to_text,
    "speecht5": asr.speecht5,
    "seamless_m4t": asr.seamless_m4t,
    "seamless_m4t_v2": asr.seamless_m4t_v2,
    "kyutai_speech_to_text": asr.kyutai_speech_to_text,
}


def build(name: str, folder: Path) -> Path:
    """Build family `name` into `folder` (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return BUILDERS[name](folder)


_BUILT: dict[str, Path] = {}


def built_once(key: str, tmp_path_factory, builder=None) -> Path:
    """The checkpoint `key` names (a family, or another tiny model with its `builder`), built once per
    test session however many fixtures ask for it."""
    if key not in _BUILT or not _BUILT[key].exists():
        _BUILT[key] = (builder or BUILDERS[key])(tmp_path_factory.mktemp(key))
    return _BUILT[key]


@pytest.fixture(scope="session")
def tiny_family(tmp_path_factory):
    """`tiny_family(name)`: the family's tiny checkpoint folder, built once per test session."""
    return lambda name: built_once(name, tmp_path_factory)
