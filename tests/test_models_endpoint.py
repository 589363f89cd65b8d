"""The OpenAI-compatible endpoint adapter against a real local HTTP server process."""

from __future__ import annotations

import json
import time
import urllib.request

import numpy as np
import pytest
from models_chat_server import running_server
from tiny_models import tiny_whisper  # noqa: F401

from dsuperb.errors import EndpointError, ModelError
from dsuperb.models.base import Request
from dsuperb.models.openai_chat import OpenAIChatModel
from dsuperb.models.options import CommonOptions
from dsuperb.models.registry import load_model


@pytest.fixture(scope="module")
def server():
    with running_server(slow_seconds=1.5) as base_url:
        yield base_url


def stats(base_url: str) -> dict:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats", timeout=5) as reply:
        return json.loads(reply.read())


def options(base_url: str, max_new_tokens: int = 32, **changes) -> tuple[CommonOptions, dict]:
    """(common options, endpoint options): `OpenAIChatModel(name, *options(url))`."""
    settings = dict(base_url=base_url, timeout=5.0, max_retries=2, concurrency=4, backoff=0.05)
    settings.update(changes)
    return CommonOptions(max_new_tokens=max_new_tokens), settings


def clip(samples: int) -> np.ndarray:
    return (0.2 * np.sin(np.arange(samples) / 10)).astype(np.float32)


def test_each_audio_arrives_as_a_wav_before_the_instruction(server):
    model = load_model("openai:echo", *options(server))
    answers = model.generate([
        Request.of("1", "Demo", "Which is louder?", (clip(16000), clip(8000))),
        Request.of("2", "Demo", "Say hi.", ()),
    ])
    assert answers[0] == "audios=2 samples=16000@16000,8000@16000 text=Which is louder? max_tokens=32"
    assert answers[1] == "audios=0 samples= text=Say hi. max_tokens=32"
    card = model.describe()
    assert card["id"] == "openai:echo" and "base_url" not in card  # another server may resume the run
    assert model.execution() == {"servers": [{"url": server, "id": "echo", "root": "/models/echo",
                                              "max_model_len": 4096, "owned_by": "test"}]}
    assert card["generation"]["temperature"] == 0


def test_a_slow_reply_is_recorded_as_a_timeout_after_retries(server):
    model = OpenAIChatModel("slow", *options(server, timeout=0.3, max_retries=1))
    before = stats(server)["posts"].get("slow", 0)
    answers = model.generate([Request.of("1", "Demo", "hello", (clip(1600),))])
    assert isinstance(answers[0], EndpointError)
    assert "within 0.3 s" in str(answers[0]) and "2 tries" in str(answers[0])
    assert stats(server)["posts"]["slow"] - before == 2


def test_server_errors_are_retried_then_recorded_per_sample(server):
    model = OpenAIChatModel("fail", *options(server, max_retries=2))
    answers = model.generate([Request.of("1", "Demo", "hello", ()), Request.of("2", "Demo", "again", ())])
    assert all(isinstance(a, EndpointError) and "HTTP 500" in str(a) for a in answers)
    assert stats(server)["posts"]["fail"] == 6  # 2 samples x (1 try + 2 retries)


def test_a_transient_failure_succeeds_on_retry(server):
    model = OpenAIChatModel("flaky", *options(server))
    answers = model.generate([Request.of("1", "Demo", "first", ()), Request.of("2", "Demo", "second", ())])
    assert answers == [f"audios=0 samples= text={word} max_tokens=32" for word in ("first", "second")]
    assert stats(server)["posts"]["flaky"] == 4


def test_client_errors_are_not_retried(server):
    model = OpenAIChatModel("reject", *options(server))
    answers = model.generate([Request.of("1", "Demo", "hello", ())])
    assert isinstance(answers[0], EndpointError) and "HTTP 400" in str(answers[0])
    assert stats(server)["posts"]["reject"] == 1


def test_a_reply_without_text_is_an_error_for_that_sample(server):
    answers = OpenAIChatModel("empty", *options(server)).generate([Request.of("1", "Demo", "hello", ())])
    assert isinstance(answers[0], EndpointError) and "no text" in str(answers[0])


@pytest.mark.parametrize("behaviour, message", [
    ("garbled", "is not JSON: b'{\"choices\""),
    ("nochoices", "has no choices"),
])
def test_a_malformed_reply_is_an_error_for_that_sample_not_retried(server, behaviour, message):
    model = OpenAIChatModel(behaviour, *options(server))
    answers = model.generate([Request.of("1", "Demo", "hello", ()), Request.of("2", "Demo", "again", ())])
    assert all(isinstance(a, EndpointError) and message in str(a) for a in answers), answers
    assert f"openai:{behaviour}: reply from {server}/chat/completions" in str(answers[0])
    assert "\n" not in str(answers[0])
    assert stats(server)["posts"][behaviour] == 2  # a well-formed HTTP reply is not retried


def test_concurrency_is_bounded_and_order_kept(server):
    model = OpenAIChatModel("busy", *options(server, concurrency=2))
    batch = [Request.of(str(i), "Demo", f"question {i}", ()) for i in range(6)]
    started = time.monotonic()
    answers = model.generate(batch)
    assert answers == [f"audios=0 samples= text=question {i} max_tokens=32" for i in range(6)]
    assert stats(server)["max_in_flight"]["busy"] <= 2
    assert time.monotonic() - started >= 0.55  # 6 replies of 0.2 s, two at a time


def test_an_unreachable_server_is_recorded_not_raised():
    model = OpenAIChatModel("echo", CommonOptions(), {"base_url": "http://127.0.0.1:9/v1", "max_retries": 1,
                                                      "timeout": 2, "backoff": 0.01})
    answers = model.generate([Request.of("1", "Demo", "hello", ())])
    assert isinstance(answers[0], EndpointError) and "cannot reach" in str(answers[0])


def test_the_hosted_api_without_a_key_is_refused(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ModelError, match="OPENAI_API_KEY"):
        load_model("openai:gpt-4o-audio-preview")


def test_cascade_into_an_endpoint_passes_the_transcripts(server, tiny_whisper):  # noqa: F811
    cascade = load_model(f"cascade:{tiny_whisper}+openai:echo", *options(server, max_new_tokens=8))
    audios = (clip(8000), clip(12000))
    answer = cascade.generate([Request.of("1", "Demo", "Which clip mentions a dog?", audios)])[0]
    transcripts = cascade.asr.transcribe(list(audios))
    assert answer.startswith("audios=0 samples= text=")  # the LLM gets text only
    for number, transcript in enumerate(transcripts, 1):
        assert f'Transcript of audio {number}: "{transcript}"' in answer
    assert answer.index("Transcript of audio 2") < answer.index("Which clip mentions a dog?")
    assert cascade.describe()["llm"]["id"] == "openai:echo"
