"""Qwen2.5-Omni and Qwen3-Omni: text answers only.

Thinker-only folders are plain audio LMs. Full checkpoints (thinker + talker + speech decoder) are
loaded with `enable_audio_output=False`, so the talker is never built (no speech synthesis, no
memory for it), and answered by the thinker's own `generate`, which honours --max-new-tokens: the
full model's `generate` would replace it with its `thinker_max_new_tokens` (1024), sample the
talker and return (text, waveform).

Every clip is zero-padded to a whole number of feature hops (under 10 ms): the Whisper feature
extractor these processors use gives a padded clip ceil(length / hop) frames but a clip alone
floor(length / hop), so unaligned, a clip could get one more audio token in a batch than alone.
"""

from __future__ import annotations

import numpy as np

from ..base import Request
from ..transformers_generic import TransformersModel


class OmniModel(TransformersModel):
    family = "omni"

    @property
    def is_full(self) -> bool:
        return hasattr(self.config, "thinker_config")

    def loading_settings(self) -> dict:
        if not self.is_full:
            return {}
        self.config.enable_audio_output = False  # the talker and the speech decoder are never built
        return {"config": self.config}

    def run_generate(self, inputs: dict):
        generator = self.model.thinker if self.is_full else self.model
        return generator.generate(**inputs, generation_config=self.generation_config)

    def resampled(self, request: Request) -> list[np.ndarray]:
        hop = getattr(self.audio_extractor(self.processor), "hop_length", None) or 1
        return [np.pad(clip, (0, (-len(clip)) % hop)) for clip in super().resampled(request)]

    def describe(self) -> dict:
        kind = "thinker only (no speech output)" if self.is_full else "thinker checkpoint"
        return {**super().describe(), "omni": kind}
