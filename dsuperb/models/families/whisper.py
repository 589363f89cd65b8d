"""Whisper: speech recognition only. It ignores the instruction (and any system prompt) and
transcribes each audio input; useful on ASR tasks and as a cascade's first stage (`transcribe`).
The speech-to-text adapter with Whisper's own `generate` arguments (task, language)."""

from __future__ import annotations

from dataclasses import dataclass

from ..options import option
from ..transformers_generic import TransformersModel, TransformersOptions
from .speech_to_text import SpeechToTextModel


@dataclass(frozen=True)
class WhisperOptions(TransformersOptions):
    language: str | None = option(None, "the spoken language's code (e.g. en); default: detected")


class WhisperModel(SpeechToTextModel):
    family = "whisper"
    Options = WhisperOptions

    def audio_inputs(self, clips):
        # padded to Whisper's whole window (30 s as published), as its encoder expects
        return self.processor.feature_extractor(clips, sampling_rate=self.sampling_rate,
                                                return_attention_mask=True, return_tensors="pt")

    def run_generate(self, inputs: dict):
        return self.model.generate(**inputs, generation_config=self.generation_config, task="transcribe",
                                   language=self.options.language)

    def describe(self) -> dict:
        return {**TransformersModel.describe(self), "task": "transcribe", "language": self.options.language}
