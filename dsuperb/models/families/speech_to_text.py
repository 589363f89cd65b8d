"""Speech recognisers and speech translators with no instruction input (Moonshine, Moonshine
Streaming, Speech2Text, SpeechT5, SeamlessM4T v1/v2, Cohere ASR, Canary, Kyutai STT, Voxtral
Realtime; Whisper is one too, in whisper.py). Like Whisper they ignore the instruction (and any
system prompt) and transcribe each audio input, one line per clip: useful on recognition tasks and
as a cascade's first stage (`transcribe`).

Each family differs only in how its audio becomes inputs and what `generate` needs (a `Recipe`):
- `call`: "extractor" calls the feature extractor; "processor" calls the processor on the audio
  (it adds what the family needs: Moonshine Streaming pads to whole frames, Cohere ASR and Kyutai
  build their decoder prompts, Voxtral Realtime its mistral-common request); "request" calls the
  processor's `apply_transcription_request` (Canary's chat template of languages).
- `one_clip_per_call`: padding changes the output, so clips are never batched together. Moonshine
  normalises over the whole padded clip (GroupNorm with one group); Moonshine Streaming's outputs
  move under padding; Voxtral Realtime and Kyutai write one text step per audio frame, so a padded
  clip keeps writing over its padding.
"""

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
class SpeechToTextOptions(TransformersOptions):
    language: str | None = option(None, "the spoken language (e.g. en) for Canary and Cohere ASR "
                                         "(default: en)")
    target_language: str | None = option(None, "the language to write: SeamlessM4T (e.g. fra; default eng), "
                                                "Canary (default: the spoken one)")


@dataclass(frozen=True)
class Recipe:
    call: str = "extractor"  # extractor | processor | request
    one_clip_per_call: bool = False
    language_argument: str | None = None  # the processor's keyword for the spoken language
    default_language: str | None = None
    target_argument: str | None = None  # generate's keyword for the language to write
    default_target: str | None = None


RECIPES = {
    "moonshine": Recipe(one_clip_per_call=True),
    "moonshine_streaming": Recipe("processor", one_clip_per_call=True),
    "speech_to_text": Recipe(),
    "speecht5": Recipe(),
    "seamless_m4t": Recipe("processor", target_argument="tgt_lang", default_target="eng"),
    "seamless_m4t_v2": Recipe("processor", target_argument="tgt_lang", default_target="eng"),
    "cohere_asr": Recipe("processor", language_argument="language", default_language="en"),
    "canary": Recipe("request", language_argument="source_language", default_language="en"),
    "kyutai_speech_to_text": Recipe("processor", one_clip_per_call=True),
    "voxtral_realtime": Recipe("processor", one_clip_per_call=True),
}


class SpeechToTextModel(TransformersModel):
    family = "speech_to_text"
    Options = SpeechToTextOptions

    @property
    def recipe(self) -> Recipe:
        return RECIPES.get(self.config.model_type, Recipe())

    @property
    def chat_template(self):
        return None  # the instruction is not used: nothing to lay out

    def probe_layout(self) -> dict:
        super().probe_layout()  # the audio must reach the inputs; the instruction is ignored by design
        return {}

    # -- generation ----------------------------------------------------------------------------
    def generate_batch(self, requests: Sequence[Request]) -> list[str]:
        if any(not request.audios for request in requests):
            raise ModelError(f"{self.name}: a speech recogniser needs an audio input; this request has none")
        transcripts = iter(self.transcribe_clips([clip for r in requests for clip in self.resampled(r)]))
        # several inputs: one transcript per audio, in order, one per line
        return ["\n".join(next(transcripts) for _ in request.audios) for request in requests]

    def transcribe(self, audios: Sequence[np.ndarray]) -> list[str]:
        """One transcript per audio (16 kHz mono), in order, in batches of --batch-size."""
        return self.batcher.run(self.resample(audios, SAMPLING_RATE), self.transcribe_clips)

    def transcribe_clips(self, clips: Sequence[np.ndarray]) -> list[str]:
        """Transcripts of clips already at the model's rate."""
        if self.recipe.one_clip_per_call and len(clips) > 1:
            return [text for clip in clips for text in self.transcribe_clips([clip])]
        return self.generate_from(self.audio_inputs(list(clips)))

    def build_inputs(self, requests: Sequence[Request]):
        return self.audio_inputs([clip for request in requests for clip in self.resampled(request)])

    def audio_inputs(self, clips: list[np.ndarray]):
        recipe, rate = self.recipe, self.sampling_rate
        language = {recipe.language_argument: self.options.language or recipe.default_language} \
            if recipe.language_argument else {}
        if recipe.call == "request":
            target = {"target_language": self.options.target_language} if self.options.target_language else {}
            return self.processor.apply_transcription_request(audio=clips, return_tensors="pt", **language,
                                                              **target)
        if recipe.call == "processor":
            return self.processor(audio=clips, sampling_rate=rate, return_tensors="pt", **language)
        return self.audio_extractor(self.processor)(clips, sampling_rate=rate, padding=True,
                                                    return_attention_mask=True, return_tensors="pt")

    def generate_arguments(self) -> dict:
        recipe = self.recipe
        if not recipe.target_argument:
            return {}
        return {recipe.target_argument: self.options.target_language or recipe.default_target}

    def run_generate(self, inputs: dict):
        return self.model.generate(**inputs, generation_config=self.generation_config,
                                   **self.generate_arguments())

    def describe(self) -> dict:
        languages = {key: getattr(self.options, key, None) for key in ("language", "target_language")
                     if getattr(self.options, key, None)}
        return {**super().describe(), "task": "transcribe (instruction ignored)", **languages}
