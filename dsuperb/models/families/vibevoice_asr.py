"""VibeVoice-ASR: its acoustic tokenizer adds Gaussian noise to the audio latents unless told not
to (`sample=True` by default), so the same audio would get different answers from run to run and
from one batch size to another. dsuperb decodes deterministically: `sample=False`."""

from __future__ import annotations

from ..transformers_generic import TransformersModel


class VibeVoiceAsrModel(TransformersModel):
    family = "vibevoice_asr"

    def run_generate(self, inputs: dict):
        return self.model.generate(**inputs, generation_config=self.generation_config, sample=False)

    def describe(self) -> dict:
        return {**super().describe(), "audio_latents": "deterministic (sample=False)"}
