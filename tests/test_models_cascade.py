"""The cascade baseline with a tiny Whisper and a tiny text LM, both loaded from folders."""

from __future__ import annotations

import numpy as np
import pytest
from tiny_models import tiny_options, tiny_text_lm, tiny_whisper  # noqa: F401

from dsuperb.models.base import ModelError, Request
from dsuperb.models.cascade import CascadeModel, cascade_prompt
from dsuperb.models.registry import load_model


def clip(seconds: float, hz: float) -> np.ndarray:
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


@pytest.fixture(scope="module")
def cascade(tiny_whisper, tiny_text_lm):  # noqa: F811
    return load_model(f"cascade:{tiny_whisper}+{tiny_text_lm}", *tiny_options(batch_size=3, max_new_tokens=8))


def test_cascade_answers_from_the_transcripts(cascade):
    batch = [
        Request.of("1", "Demo", "What is the emotion?", (clip(0.6, 220),)),
        Request.of("2", "Demo", "Which clip is longer?", (clip(0.4, 440), clip(1.1, 330))),
        Request.of("3", "Demo", "Answer yes or no.", (), texts=("is this text?",)),
    ]
    answers = cascade.generate(batch)
    assert isinstance(cascade, CascadeModel)
    # The same answers as asking the text LM directly with the transcripts the ASR model gives.
    prompts = []
    for request in batch:
        transcripts = cascade.asr.transcribe(list(request.audios)) if request.audios else []
        prompt = cascade_prompt(transcripts, request.texts, request.instruction)
        prompts.append(Request.of(request.id, "Demo", prompt))
    assert answers == cascade.llm.generate(prompts)
    assert all(isinstance(a, str) for a in answers)


def test_the_llm_prompt_holds_each_transcript_then_the_instruction():
    prompt = cascade_prompt(["hello there", "good bye"], ["extra text"], "Which clip says hello?")
    assert prompt.index('audio 1: "hello there"') < prompt.index('audio 2: "good bye"')
    assert prompt.index("extra text") < prompt.index("Which clip says hello?")
    assert 'Transcript of the audio: "solo"' in cascade_prompt(["solo"], [], "Q?")


def test_cascade_is_described_with_both_stages(cascade, tiny_whisper, tiny_text_lm):  # noqa: F811
    card = cascade.describe()
    assert card["asr"]["family"] == "whisper" and card["asr"]["id"] == str(tiny_whisper)
    assert card["llm"]["family"] == "text_lm" and card["llm"]["chat_template_sha256"]
    assert len(card["prompt_sha256"]) == 64


def test_a_failed_transcription_fails_only_its_sample(cascade):
    broken = np.zeros((2, 3, 4), dtype=np.float32)  # not a mono clip: the feature extractor refuses it
    answers = cascade.generate([Request.of("1", "Demo", "Q?", (clip(0.5, 200),)),
                                Request.of("2", "Demo", "Q?", (broken,))])
    assert isinstance(answers[0], str)
    assert isinstance(answers[1], ModelError) and "transcription failed" in str(answers[1])


@pytest.mark.parametrize("spec", ["cascade:only-one-model", "cascade:+x", "cascade:a+b+c"])
def test_a_malformed_cascade_spec_is_refused(spec):
    with pytest.raises(ModelError, match="cascade:<asr model>\\+<text model>"):
        load_model(spec)
