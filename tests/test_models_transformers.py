"""The transformers adapters on tiny random models loaded from folders, through the same
`from_pretrained` path a hub id takes."""

from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pytest
import torch
from tiny_models import (  # noqa: F401
    tiny_audioflamingo3,
    tiny_options,
    tiny_qwen2_audio,
    tiny_qwen2_audio_base,
    tiny_text_lm,
    tiny_whisper,
)

from dsuperb.errors import ModelError
from dsuperb.models.base import Request
from dsuperb.models.oom import ShrinkingBatcher
from dsuperb.models.registry import load_model

RATE = 16_000


def tone(seconds: float, hz: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def noise(seconds: float, seed: int) -> np.ndarray:
    return (0.1 * np.random.default_rng(seed).standard_normal(int(seconds * RATE))).astype(np.float32)


def requests() -> list[Request]:
    """Clips of different lengths (so left padding matters), one with two audios, one text-only."""
    return [
        Request.of("a", "Demo", "What is the emotion of the speaker?", (tone(0.5, 220),)),
        Request.of("b", "Demo", "Which clip is louder?", (noise(1.2, 1), tone(0.3, 440))),
        Request.of("c", "Demo", "Is the speaker male or female?", (noise(0.8, 2),)),
        Request.of("d", "Demo", "Answer yes or no.", (), texts=("the quick brown fox",)),
        Request.of("e", "Demo", "Transcribe the audio.", (tone(1.5, 330),)),
    ]


@pytest.fixture(scope="module")
def qwen(tiny_qwen2_audio):  # noqa: F811
    return load_model(str(tiny_qwen2_audio), *tiny_options(batch_size=4, max_new_tokens=6))


@pytest.fixture(scope="module")
def qwen_base(tiny_qwen2_audio_base):  # noqa: F811
    return load_model(str(tiny_qwen2_audio_base), *tiny_options(batch_size=4, max_new_tokens=6))


@pytest.fixture(scope="module")
def flamingo(tiny_audioflamingo3):  # noqa: F811
    return load_model(str(tiny_audioflamingo3), *tiny_options(batch_size=4, max_new_tokens=6))


@pytest.fixture(scope="module")
def whisper(tiny_whisper):  # noqa: F811
    return load_model(str(tiny_whisper), *tiny_options(batch_size=4, max_new_tokens=6))


def generate_at(model, size: int, batch: list[Request]) -> list:
    model.batcher.size = size
    return model.generate(batch)


def test_folder_loads_through_the_auto_classes_and_is_described(qwen, tiny_qwen2_audio):  # noqa: F811
    card = qwen.describe()
    assert card["class"] == "Qwen2AudioForConditionalGeneration"
    assert card["family"] == "qwen2_audio" and card["prompt_format"] == "chat"
    template = (tiny_qwen2_audio / "chat_template.jinja").read_text(encoding="utf-8")
    assert card["chat_template_sha256"] == hashlib.sha256(template.encode()).hexdigest()
    assert card["trust_remote_code"] is False
    assert card["generation"]["max_new_tokens"] == 6 and card["dtype"] == "float32"
    assert qwen.processor.tokenizer.padding_side == "left"
    assert card["processor"] == "Qwen2AudioProcessor" and len(card["audio_settings_sha256"]) == 64


def test_audio_settings_hash_follows_the_feature_extractor(qwen):
    extractor = qwen.processor.feature_extractor
    before = qwen.describe()["audio_settings_sha256"]
    extractor.n_fft, original = extractor.n_fft * 2, extractor.n_fft
    try:
        assert qwen.describe()["audio_settings_sha256"] != before
    finally:
        extractor.n_fft = original
    assert qwen.describe()["audio_settings_sha256"] == before


@pytest.mark.parametrize("fixture", ["qwen", "qwen_base", "flamingo"])
def test_batched_and_one_at_a_time_give_the_same_greedy_answers(fixture, request):
    model = request.getfixturevalue(fixture)
    batch = requests()
    single = generate_at(model, 1, batch)
    batched = generate_at(model, 4, batch)
    assert all(isinstance(answer, str) for answer in single), single
    assert batched == single
    assert len(set(single)) > 1  # the answers depend on the inputs


def test_prompt_holds_every_audio_in_order_then_the_instruction(qwen):
    request = requests()[1]
    inputs = qwen.build_inputs([request])
    text = qwen.processor.tokenizer.decode(inputs["input_ids"][0])
    assert text.count("<|audio_bos|>") == 2
    assert text.rindex("<|audio_eos|>") < text.index("Which clip is louder?")
    assert text.endswith("<|im_start|>assistant\n")
    # the features come in the order of the request's audios
    extractor = qwen.processor.feature_extractor
    for row, audio in enumerate(request.audios):
        expected = extractor(audio, sampling_rate=RATE, padding="max_length", return_tensors="pt")
        assert torch.allclose(inputs["input_features"][row], expected["input_features"][0], atol=1e-5)


def test_base_model_gets_the_base_prompt(qwen_base):
    inputs = qwen_base.build_inputs([requests()[1]])
    text = qwen_base.processor.tokenizer.decode(inputs["input_ids"][0])
    assert text.startswith("<|audio_bos|>") and "<|im_start|>" not in text
    assert text.count("<|audio_bos|>") == 2 and text.endswith("Which clip is louder?")
    assert qwen_base.describe()["prompt_format"] == "base"
    assert qwen_base.describe()["chat_template_sha256"] is None


@pytest.mark.parametrize("name, options, expected", [
    ("Qwen2-Audio-7B-Instruct", {}, "chat"),
    ("Qwen2-Audio-7B", {}, "base"),
    ("Qwen2-Audio-7B-Instruct", {"prompt_format": "base"}, "base"),
])
def test_base_or_chat_follows_the_name_and_can_be_chosen(tiny_qwen2_audio, tmp_path, name, options,  # noqa: F811
                                                         expected):
    import shutil

    folder = shutil.copytree(tiny_qwen2_audio, tmp_path / name)
    model = load_model(str(folder), *tiny_options(extra=options))
    assert model.describe()["prompt_format"] == expected


@pytest.mark.parametrize("fixture", ["qwen", "qwen_base", "flamingo"])
def test_changing_the_audio_changes_what_the_model_computes(fixture, request):
    """Fails if an adapter drops or ignores the audio: same instruction, different clips."""
    model = request.getfixturevalue(fixture)
    one = Request.of("x", "Demo", "What do you hear?", (tone(1.0, 220),))
    other = Request.of("x", "Demo", "What do you hear?", (noise(1.0, 5),))
    logits = []
    for item in (one, other):
        inputs = model.to_device(model.build_inputs([item]))
        assert "input_features" in inputs
        with torch.inference_mode():
            logits.append(model.model(**inputs).logits[0, -1])
    assert not torch.allclose(logits[0], logits[1], atol=1e-4)


def test_audio_flamingo_hears_several_audios_as_one_joined_clip(flamingo):
    """Its processor takes one audio per prompt: two clips become one, in order, with a gap."""
    first, second = tone(0.5, 220), noise(0.3, 4)
    inputs = flamingo.build_inputs([Request.of("x", "Demo", "Which is louder?", (first, second))])
    assert inputs["input_features"].shape[0] == 1
    frames = int(inputs["input_features_mask"][0].sum())
    assert frames == (len(first) + 8000 + len(second)) // 160
    assert flamingo.describe()["family"] == "audioflamingo3"
    swapped = flamingo.build_inputs([Request.of("x", "Demo", "Which is louder?", (second, first))])
    assert not torch.allclose(inputs["input_features"], swapped["input_features"])


def test_whisper_transcribes_each_audio_and_ignores_the_instruction(whisper):
    clip = tone(0.7, 300)
    asked = [Request.of("1", "Demo", "Transcribe the audio.", (clip,)),
             Request.of("2", "Demo", "What is the emotion?", (clip,))]
    answers = generate_at(whisper, 4, asked)
    assert answers[0] == answers[1]
    assert whisper.describe()["family"] == "whisper"
    two = generate_at(whisper, 4, [Request.of("3", "Demo", "x", (clip, noise(0.4, 3)))])[0]
    assert two.split("\n")[0] == whisper.transcribe([clip])[0]
    assert len(two.split("\n")) == 2


def test_whisper_batched_equals_unbatched_and_a_bad_sample_fails_alone(whisper):
    batch = requests()
    single = generate_at(whisper, 1, batch)
    batched = generate_at(whisper, 4, batch)
    assert [type(a) for a in batched] == [type(a) for a in single]
    assert [a for a in batched if isinstance(a, str)] == [a for a in single if isinstance(a, str)]
    failed = [a for a in batched if isinstance(a, BaseException)]
    assert len(failed) == 1 and "needs an audio input" in str(failed[0])  # the text-only request


def test_text_only_model_is_refused_with_a_clear_message(tiny_text_lm):  # noqa: F811
    with pytest.raises(ModelError, match="no audio-capable processor.*cascade"):
        load_model(str(tiny_text_lm))


@pytest.mark.parametrize("keep", [
    ("config.json", "generation_config.json", "model.safetensors"),  # weights only
    ("config.json", "generation_config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
     "chat_template.jinja"),  # a tokenizer but no feature extractor
])
def test_a_folder_without_its_audio_processor_says_so(tiny_qwen2_audio, tmp_path, keep):  # noqa: F811
    folder = tmp_path / "model"
    folder.mkdir()
    for name in keep:
        shutil.copy(tiny_qwen2_audio / name, folder / name)
    with pytest.raises(ModelError) as caught:
        load_model(str(folder), *tiny_options())
    message = str(caught.value)
    assert message.startswith(f"{folder}: the folder holds no audio processor (preprocessor_config.json")
    assert "\n" not in message


def test_missing_model_is_a_one_line_model_error(tmp_path):
    with pytest.raises(ModelError) as caught:
        load_model(str(tmp_path / "no-such-model"))
    assert str(caught.value) == f"{tmp_path / 'no-such-model'}: no such model folder"


@pytest.mark.parametrize("options, message", [
    ({"dtype": "float8"}, "--dtype float8"),
    ({"device": "cuda"}, "no CUDA device"),
])
def test_bad_device_or_dtype(tiny_qwen2_audio, options, message):  # noqa: F811
    if message == "no CUDA device" and torch.cuda.is_available():
        options, message = {"device": "cuda:99"}, "--device cuda:99: this machine has"
    with pytest.raises(ModelError, match=message):
        load_model(str(tiny_qwen2_audio), None, options)


def test_trust_remote_code_is_recorded_when_asked(tiny_whisper):  # noqa: F811
    model = load_model(str(tiny_whisper), *tiny_options(trust_remote_code=True))
    assert model.describe()["trust_remote_code"] is True


def test_out_of_memory_halves_the_batch_and_remembers(qwen, monkeypatch):
    """CUDA OOM cannot happen on the CPU, so the model's `generate` raises the real CUDA error
    class for batches above two, as a card with that much memory would."""
    batch = requests()
    expected = generate_at(qwen, 1, batch)
    real_generate = qwen.model.generate

    def limited(**inputs):
        if inputs["input_ids"].shape[0] > 2:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_generate(**inputs)

    monkeypatch.setattr(qwen.model, "generate", limited)
    qwen.batcher = ShrinkingBatcher(8)
    assert qwen.generate(batch) == expected
    assert qwen.batcher.size == 2 and qwen.batcher.shrinks == [8, 4]
    qwen.generate(batch[:3])
    assert qwen.batcher.shrinks == [8, 4]  # the size that worked is kept


def test_out_of_memory_on_a_single_sample_is_that_sample_error(qwen, monkeypatch):
    def always(**inputs):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory")

    monkeypatch.setattr(qwen.model, "generate", always)
    qwen.batcher = ShrinkingBatcher(2)
    answers = qwen.generate(requests()[:3])
    assert all(isinstance(a, torch.cuda.OutOfMemoryError) for a in answers) and len(answers) == 3
    assert qwen.batcher.size == 1


def test_batcher_passes_other_errors_through():
    def step(chunk):
        raise ValueError("broken")

    batcher = ShrinkingBatcher(4)
    with pytest.raises(ValueError):
        batcher.run([1, 2, 3], step)
    assert batcher.size == 4


def test_a_hub_id_loads_from_the_hub_cache_and_records_its_commit(tiny_qwen2_audio, tmp_path,  # noqa: F811
                                                                   monkeypatch):
    """The tiny model laid out as the hub cache holds a download; loading `org/name` offline goes
    through the hub code path and the run card gets the snapshot's commit."""
    import shutil

    import huggingface_hub.constants

    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hub" / "models--dsuperb-test--tiny-qwen2-audio"
    shutil.copytree(tiny_qwen2_audio, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    model = load_model("dsuperb-test/tiny-qwen2-audio", *tiny_options(max_new_tokens=4))
    card = model.describe()
    assert card["id"] == "dsuperb-test/tiny-qwen2-audio" and card["resolved_revision"] == commit
    assert isinstance(model.generate(requests()[:1])[0], str)
