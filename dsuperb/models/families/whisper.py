"""Whisper: speech recognition only. It ignores the instruction (and any system prompt) and
transcribes each audio input; useful on ASR tasks and as a cascade's first stage (`transcribe`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...errors import ModelError
from ...vocab.inputs import SAMPLING_RATE
from ..base import Request
from ..options import option
from ..transformers_generic import TransformersModel, TransformersOptions


@dataclass(frozen=True)
class WhisperOptions(TransformersOptions):
    language: str | None = option(None, "the spoken language's code (e.g. en); default: detected")


class WhisperModel(TransformersModel):
    family = "whisper"
    Options = WhisperOptions

    @property
    def chat_template(self):
        return None

    def generate_batch(self, requests: Sequence[Request]) -> list[str]:
        if any(not request.audios for request in requests):
            raise ModelError(f"{self.name}: Whisper needs an audio input; this request has none")
        transcripts = iter(self.transcribe_chunk([a for r in requests for a in self.resampled(r)]))
        # several inputs: one transcript per audio, in order, one per line
        return ["\n".join(next(transcripts) for _ in request.audios) for request in requests]

    def transcribe(self, audios: Sequence[np.ndarray]) -> list[str]:
        """One transcript per audio (16 kHz mono), in order, in batches of --batch-size."""
        return self.batcher.run(list(audios), self.transcribe_chunk)

    def transcribe_chunk(self, audios: Sequence[np.ndarray]) -> list[str]:
        import torch

        extractor = self.processor.feature_extractor
        features = extractor([np.asarray(a, dtype=np.float32) for a in audios], sampling_rate=SAMPLING_RATE,
                             return_attention_mask=True, return_tensors="pt")
        language = self.options.language
        with torch.inference_mode():
            output = self.model.generate(**self.to_device(features), generation_config=self.generation_config,
                                         task="transcribe", language=language)
        return self.decode(getattr(output, "sequences", output), {})

    def describe(self) -> dict:
        return {**super().describe(), "task": "transcribe", "language": self.options.language}
