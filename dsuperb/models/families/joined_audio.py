"""Families whose processor takes exactly one audio per prompt (Audio Flamingo 3, Music Flamingo,
GLM-ASR, Qwen3-ASR, omniASR, Fun-ASR-Nano: they check text and audio one to one): a request with
several audio inputs gets them joined into one clip, in order, with a short silence between them."""

from __future__ import annotations

import numpy as np

from ..base import Request
from ..transformers_generic import TransformersModel

GAP_SECONDS = 0.5


class JoinedAudioModel(TransformersModel):
    @property
    def family(self) -> str:
        return self.config.model_type

    def resampled(self, request: Request) -> list[np.ndarray]:
        clips = super().resampled(request)
        if len(clips) < 2:
            return clips
        gap = np.zeros(int(GAP_SECONDS * self.sampling_rate), dtype=np.float32)
        pieces = [clips[0]]
        for clip in clips[1:]:
            pieces += [gap, clip]
        return [np.concatenate(pieces)]

    def describe(self) -> dict:
        return {**super().describe(), "multi_audio": f"joined with {GAP_SECONDS:g} s of silence"}
