"""What each family adapter does that the generic one does not, on the tiny family checkpoints:
the tokenizer's chat template when the processor has none, the audio-only processor, the load-time
probe, custom code, Omni without its talker, deterministic VibeVoice, Voxtral through
mistral-common, and the speech-to-text adapter (per clip, languages, as a cascade's first stage)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from click.testing import CliRunner
from runner_fixtures import write_classification_dataset, write_task
from tiny_families import tiny_family  # noqa: F401
from tiny_models import CHATML, TEST_DEVICE, tiny_options, tiny_qwen2_audio_base, tiny_text_lm  # noqa: F401

from dsuperb.cli import main
from dsuperb.errors import ModelError
from dsuperb.infra.hashing import sha256_text
from dsuperb.models import needs
from dsuperb.models.base import Request
from dsuperb.models.families.granite_speech import string_content_prompt
from dsuperb.models.probe import check_layout, probe_request
from dsuperb.models.registry import load_model

RATE = 16_000


def tone(seconds: float, hz: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def load(folder, **changes):
    return load_model(str(folder), *tiny_options(max_new_tokens=changes.pop("max_new_tokens", 5), **changes))


def copy_of(folder: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(folder, tmp_path / folder.name))


def move_template_to_tokenizer(folder: Path) -> None:
    """The layout of checkpoints saved before processors kept their own template file."""
    template = (folder / "chat_template.jinja").read_text()
    (folder / "chat_template.jinja").unlink()
    settings = json.loads((folder / "tokenizer_config.json").read_text())
    (folder / "tokenizer_config.json").write_text(json.dumps({**settings, "chat_template": template}))


def first_logits(model, request: Request) -> torch.Tensor:
    settings = model.generation_config
    settings.output_scores = settings.return_dict_in_generate = True
    try:
        return model.run_generate(model.to_device(model.build_inputs([request]))).scores[0]
    finally:
        settings.output_scores = settings.return_dict_in_generate = False


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    root = tmp_path_factory.mktemp("family-suite")
    write_task(root / "tasks", "PairCompare", ["PairCompare_Two"],
               extra="    audio_columns: [audio, audio2]\n")
    write_classification_dataset(root / "data", "PairCompare_Two", 3, seed=4, two_audios=True)
    return root


def eval_in(suite, out: Path, model: str, *extra: str):
    return CliRunner().invoke(main, ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir",
                                     str(suite / "tasks"), "--data-dir", str(suite / "data"), "--no-progress",
                                     "--device", TEST_DEVICE, "--dtype", "float32", "--max-new-tokens", "4",
                                     *extra])


# -- chat templates and the load-time probe --------------------------------------------------------
def test_the_tokenizer_template_serves_when_the_processor_has_none(tiny_family, tmp_path):  # noqa: F811
    folder = copy_of(tiny_family("glmasr"), tmp_path)
    reference = load(tiny_family("glmasr"))
    move_template_to_tokenizer(folder)
    model = load(folder)
    assert model.processor.chat_template is None
    assert model.describe()["chat_template_source"] == "tokenizer"
    assert "chat_template_source" not in reference.describe()  # a template of its own: no note
    requests = [Request.of("a", "T", "Is it high?", (tone(0.5, 300),))]
    assert model.generate(requests) == reference.generate(requests)


def test_a_model_with_no_template_anywhere_stops_at_load_and_says_what_to_use(tiny_family, tmp_path, suite):  # noqa: F811
    folder = copy_of(tiny_family("glmasr"), tmp_path)
    template = (folder / "chat_template.jinja").read_text()
    (folder / "chat_template.jinja").unlink()
    weights = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").unlink()  # the probe runs before the weights are loaded
    result = eval_in(suite, tmp_path / "runs", str(folder))
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert "has a chat template" in line
    assert f"cascade:{folder}+" in line and "--model-option chat_template=" in line and "module:Class" in line
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())
    (folder / "model.safetensors").write_bytes(weights)
    given = tmp_path / "template.jinja"
    given.write_text(template)
    result = eval_in(suite, tmp_path / "given", str(folder), "--model-option", f"chat_template={given}")
    assert result.exit_code == 0, result.output
    card = json.loads(next((tmp_path / "given").glob("*/run_card.json")).read_text())
    assert card["model"]["chat_template_source"] == "option"


def test_a_template_given_as_an_option_makes_a_base_qwen2_audio_chat(tiny_qwen2_audio_base, tmp_path):  # noqa: F811
    given = tmp_path / "chatml.jinja"
    given.write_text(CHATML)
    base, chat = load(tiny_qwen2_audio_base), load(tiny_qwen2_audio_base, chat_template=str(given))
    assert base.describe()["prompt_format"] == "base" and chat.describe()["prompt_format"] == "chat"
    prompt = chat.tokenizer.decode(chat.build_inputs([probe_request()])["input_ids"][0])
    assert prompt.startswith("<|im_start|>user") and chat.describe()["chat_template_source"] == "option"


def test_a_template_file_is_read_once_at_load_so_every_batch_uses_what_the_card_hashes(
        tiny_qwen2_audio_base, tmp_path):  # noqa: F811
    given = tmp_path / "chatml.jinja"
    given.write_text(CHATML)
    model = load(tiny_qwen2_audio_base, chat_template=str(given))
    before = model.build_inputs([probe_request()])["input_ids"][0].tolist()
    given.write_text("CHANGED " + CHATML)  # edited while the run goes on
    assert model.build_inputs([probe_request()])["input_ids"][0].tolist() == before
    assert model.describe()["chat_template_sha256"] == sha256_text(CHATML)
    given.unlink()
    assert model.build_inputs([probe_request()])["input_ids"][0].tolist() == before


def test_a_template_that_leaves_the_audio_out_stops_at_load(tiny_family, tmp_path):  # noqa: F811
    text_only = tmp_path / "text_only.jinja"
    text_only.write_text("{% for m in messages %}{% for p in m['content'] %}{% if p['type'] == 'text' %}"
                         "{{ p['text'] }}{% endif %}{% endfor %}{% endfor %}")
    with pytest.raises(ModelError, match=r"cannot lay out audio and an instruction \(ValueError: .*cascade:"):
        load(tiny_family("glmasr"), chat_template=str(text_only))


class TextOnlyLayout:
    """A model whose layout drops the audio without the processor noticing (what the probe catches
    for processors that do not count their audio placeholders)."""

    name = "org/deaf"
    tokenizer = None

    def build_inputs(self, requests):
        return {"input_ids": torch.ones(1, 4, dtype=torch.long), "attention_mask": torch.ones(1, 4)}


def test_inputs_holding_only_text_are_refused_by_the_probe():
    with pytest.raises(ModelError, match="leaves the audio out of the prompt .*input_ids.*cascade:org/deaf"):
        check_layout(TextOnlyLayout())


def test_an_asr_style_template_is_recorded_as_dropping_the_instruction(tiny_family):  # noqa: F811
    assert "not in the prompt" in load(tiny_family("qwen3_asr")).describe()["instruction"]
    assert "instruction" not in load(tiny_family("glmasr")).describe()


def test_custom_code_without_the_flag_names_the_flag_and_what_it_allows(tmp_path, suite):
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({
        "model_type": "lab_audio_lm", "architectures": ["LabAudioLM"],
        "auto_map": {"AutoConfig": "configuration_lab.LabConfig",
                     "AutoModelForCausalLM": "modeling_lab.LabAudioLM"}}))
    result = eval_in(suite, tmp_path / "runs", str(folder))
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert "--trust-remote-code" in line and "run that code" in line and "repository you trust" in line


def test_a_missing_package_is_named_with_its_extra_before_anything_loads(monkeypatch):
    monkeypatch.setattr(needs, "installed", lambda package: package != "mistral_common")
    with pytest.raises(ModelError, match=r"Voxtral needs mistral-common .*pip install 'dsuperb\[models\]'"):
        needs.check_family("org/voxtral", "voxtral")
    needs.check_family("org/whisper", "whisper")  # nothing needed
    error = ImportError("GraniteSpeechFeatureExtractor requires the torchaudio library but it was not found")
    assert "needs torchaudio" in str(needs.explain("org/granite", error, "its processor"))
    assert needs.explain("org/x", ValueError("shape mismatch"), "the model") is None


# -- processors that need torchvision ----------------------------------------------------------------
def test_an_audio_only_processor_keeps_the_family_class_template_and_settings(tiny_family):  # noqa: F811
    model = load(tiny_family("gemma4"))
    card = model.describe()
    assert card["processor"] == "Gemma4Processor" and "audio-only" in card["processor_note"]
    assert model.processor.audio_seq_length == 750 and model.processor.image_processor is None
    template = (tiny_family("gemma4") / "chat_template.jinja").read_text()
    assert model.chat_template == template


def test_an_audio_only_processor_finds_its_class_without_processor_class(tiny_family, tmp_path):  # noqa: F811
    folder = copy_of(tiny_family("qwen2_5_omni"), tmp_path)
    settings = json.loads((folder / "processor_config.json").read_text())
    del settings["processor_class"]  # named nowhere in the folder: transformers' table by model type
    (folder / "processor_config.json").write_text(json.dumps(settings))
    model = load(folder)
    assert model.describe()["processor"] == "Qwen2_5OmniProcessor"
    assert model.generate([probe_request()]) == load(tiny_family("qwen2_5_omni")).generate([probe_request()])


# -- Omni: text only, --max-new-tokens honoured ------------------------------------------------------
def test_a_full_omni_checkpoint_answers_with_the_thinker_alone(tiny_family):  # noqa: F811
    full = load(tiny_family("qwen2_5_omni"), max_new_tokens=3)
    assert full.model.config.enable_audio_output is False and not hasattr(full.model, "talker")
    inputs = full.to_device(full.build_inputs([probe_request()]))
    output = full.run_generate(inputs)
    assert isinstance(output, torch.Tensor)  # token ids, no (text, waveform) pair
    assert output.shape[1] - inputs["input_ids"].shape[1] <= 3
    assert full.describe()["omni"].startswith("thinker only")


def test_omni_clips_are_padded_to_whole_feature_hops(tiny_family):  # noqa: F811
    model = load(tiny_family("qwen3_omni_moe_thinker"))
    (clip,) = model.resampled(Request.of("a", "T", "?", (tone(0.3151, 200),)))
    assert len(clip) % model.processor.feature_extractor.hop_length == 0 and len(clip) - 5041 < 160


# -- deterministic decoding ------------------------------------------------------------------------
def test_vibevoice_encodes_the_same_audio_the_same_way_every_time(tiny_family):  # noqa: F811
    model = load(tiny_family("vibevoice_asr"))
    request = probe_request()
    assert torch.equal(first_logits(model, request), first_logits(model, request))
    assert model.describe()["audio_latents"].startswith("deterministic")


# -- Voxtral through mistral-common ------------------------------------------------------------------
def test_voxtral_sends_each_clip_as_base64_wav_and_a_system_prompt_as_text(tiny_family):  # noqa: F811
    model = load(tiny_family("voxtral"))
    clips = (tone(0.5, 300), tone(0.7, 500))
    request = Request.of("a", "T", "Which clip is louder?", clips, system="Be brief.")
    (turn,) = model.conversation(request)
    audio = [part for part in turn["content"] if part["type"] == "audio"]
    assert len(audio) == 2 and all(set(part) == {"type", "base64"} for part in audio)
    assert turn["content"][-1]["text"] == "Be brief.\nWhich clip is louder?"  # tokenizer v7: no system turn
    inputs = model.build_inputs([request])
    assert "input_features" in inputs
    assert model.describe()["chat_template_sha256"]  # the layout (mistral-common and its version) is recorded
    assert all(isinstance(answer, str) for answer in model.generate([request]))


# -- speech recognisers ------------------------------------------------------------------------------
def test_a_speech_recogniser_transcribes_each_clip_on_its_own_line(tiny_family):  # noqa: F811
    model = load(tiny_family("moonshine"), batch_size=4)
    clips = (tone(0.6, 300), tone(0.9, 700))
    (answer,) = model.generate([Request.of("a", "T", "Ignore me.", clips)])
    assert answer.split("\n") == model.transcribe(list(clips))
    (other,) = model.generate([Request.of("a", "T", "Another instruction entirely.", clips)])
    assert other == answer
    assert model.describe()["task"].startswith("transcribe")


def test_languages_reach_the_decoder_prompt(tiny_family):  # noqa: F811
    def decoder_prompt(model) -> str:
        return model.tokenizer.decode(model.build_inputs([probe_request()])["decoder_input_ids"][0])

    assert "<|de|><|de|>" in decoder_prompt(load(tiny_family("canary"), language="de"))
    assert "<|en|><|en|>" in decoder_prompt(load(tiny_family("canary")))
    seamless = load(tiny_family("seamless_m4t"), target_language="fra")
    assert seamless.generate_arguments() == {"tgt_lang": "fra"}
    assert seamless.describe()["target_language"] == "fra"
    assert load(tiny_family("seamless_m4t")).generate_arguments() == {"tgt_lang": "eng"}


def test_a_speech_recogniser_is_a_cascade_first_stage(tiny_family, tiny_text_lm, suite, tmp_path):  # noqa: F811
    result = eval_in(suite, tmp_path, f"cascade:{tiny_family('kyutai_speech_to_text')}+{tiny_text_lm}",
                     "--batch-size", "2")
    assert result.exit_code == 0, result.output
    card = json.loads(next(tmp_path.glob("*/run_card.json")).read_text())
    assert card["model"]["asr"]["family"] == "speech_to_text"


# -- Granite-speech (its processor needs torchaudio: the prompt is checked with its tokenizer) -------
def test_granite_prompts_hold_one_audio_token_per_clip_in_string_content(tiny_family):  # noqa: F811
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_family("granite_speech"))
    request = Request.of("a", "T", "Which is louder?", (tone(0.2, 300), tone(0.2, 400)), system="Be brief.")
    prompt = string_content_prompt(tokenizer, tokenizer.chat_template, "<|audio|>", request)
    assert prompt == ("<|start_of_role|>system<|end_of_role|>Be brief.<|end_of_text|>"
                      "<|start_of_role|>user<|end_of_role|><|audio|><|audio|>Which is louder?<|end_of_text|>"
                      "<|start_of_role|>assistant<|end_of_role|>")
