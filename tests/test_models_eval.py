"""`dsuperb eval` end to end with the tiny models, offline, through the same code a hub id takes:
batched and one at a time, a two-audio instance, Whisper on transcription, the cascade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from models_chat_server import running_server
from runner_fixtures import write_classification_dataset, write_task, write_transcription_dataset
from tiny_models import TEST_DEVICE, tiny_qwen2_audio, tiny_text_lm, tiny_whisper  # noqa: F401

from dsuperb.cli import main
from dsuperb.runfolder.store import read_predictions


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    root = tmp_path_factory.mktemp("models-suite")
    tasks_dir, data_dir = root / "tasks", root / "data"
    write_task(tasks_dir, "ToneOrNoise", ["ToneOrNoise_One"])
    write_classification_dataset(data_dir, "ToneOrNoise_One", 7, seed=3)
    write_task(tasks_dir, "PairCompare", ["PairCompare_Two"], extra="    audio_columns: [audio, audio2]\n")
    write_classification_dataset(data_dir, "PairCompare_Two", 5, seed=4, two_audios=True)
    write_task(tasks_dir, "ToneTranscription", ["ToneTranscription_Words"], type_="sequence_generation",
               metric="word_error_rate", label_set=None, category="speech_recognition")
    write_transcription_dataset(data_dir, "ToneTranscription_Words", 4)
    return tasks_dir, data_dir


def run_eval(suite, out: Path, model: str, *args):
    """A transformers model on the test device in float32; an endpoint model without those flags
    (it has neither a device nor a dtype, and says so)."""
    tasks_dir, data_dir = suite
    local = [] if model.startswith("openai:") else ["--device", TEST_DEVICE, "--dtype", "float32"]
    argv = ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--no-progress", "--max-new-tokens", "6", *local, *args]
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def only_run(out: Path) -> Path:
    (run_dir,) = [p for p in out.iterdir() if p.is_dir()]
    return run_dir


def responses(run_dir: Path) -> dict[str, dict[str, str | None]]:
    return {p.stem: {row["file"]: row["response"] for row in read_predictions(p)}
            for p in (run_dir / "predictions").iterdir()}


def test_tiny_qwen2_audio_runs_end_to_end_batched_and_not(suite, tmp_path, tiny_qwen2_audio):  # noqa: F811
    tasks = ("--tasks", "ToneOrNoise,PairCompare")
    batched = run_eval(suite, tmp_path / "b4", str(tiny_qwen2_audio), "--batch-size", "4", *tasks)
    single = run_eval(suite, tmp_path / "b1", str(tiny_qwen2_audio), "--batch-size", "1", *tasks)
    assert batched.exit_code == 0, batched.output
    assert single.exit_code == 0, single.output
    answers = responses(only_run(tmp_path / "b4"))
    assert answers == responses(only_run(tmp_path / "b1"))
    assert {name: len(rows) for name, rows in answers.items()} == {"ToneOrNoise_One": 7, "PairCompare_Two": 5}
    assert all(isinstance(text, str) for rows in answers.values() for text in rows.values())
    card = json.loads((only_run(tmp_path / "b4") / "run_card.json").read_text())
    assert card["model"]["class"] == "Qwen2AudioForConditionalGeneration"
    assert len(card["model"]["chat_template_sha256"]) == 64
    assert card["model"]["trust_remote_code"] is False


def test_whisper_and_the_cascade_run_end_to_end(suite, tmp_path, tiny_whisper, tiny_text_lm):  # noqa: F811
    asr = run_eval(suite, tmp_path / "w", str(tiny_whisper), "--tasks", "ToneTranscription",
                   "--batch-size", "3")
    assert asr.exit_code == 0, asr.output
    assert len(responses(only_run(tmp_path / "w"))["ToneTranscription_Words"]) == 4
    cascade = run_eval(suite, tmp_path / "c", f"cascade:{tiny_whisper}+{tiny_text_lm}",
                       "--tasks", "PairCompare", "--batch-size", "2")
    assert cascade.exit_code == 0, cascade.output
    run_dir = only_run(tmp_path / "c")
    rows = list(read_predictions(run_dir / "predictions" / "PairCompare_Two.jsonl"))
    assert len(rows) == 5 and all(row["error"] is None for row in rows)
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["model"]["asr"]["family"] == "whisper" and card["model"]["llm"]["family"] == "text_lm"


def test_a_model_without_an_audio_processor_is_a_one_line_error(suite, tmp_path, tiny_text_lm):  # noqa: F811
    result = CliRunner().invoke(main, ["eval", "--model", str(tiny_text_lm), "--output-dir", str(tmp_path),
                                       "--tasks-dir", str(suite[0]), "--data-dir", str(suite[1])])
    assert result.exit_code == 2
    assert "no audio-capable processor" in result.output and "Traceback" not in result.output


def test_trust_remote_code_reaches_the_run_card(suite, tmp_path, tiny_whisper):  # noqa: F811
    result = run_eval(suite, tmp_path, str(tiny_whisper), "--tasks", "ToneTranscription", "--limit", "1",
                      "--trust-remote-code")
    assert result.exit_code == 0, result.output
    card = json.loads((only_run(tmp_path) / "run_card.json").read_text())
    assert card["model"]["trust_remote_code"] is True


def test_an_endpoint_model_runs_end_to_end_with_every_audio_sent(suite, tmp_path):
    with running_server() as base_url:
        result = run_eval(suite, tmp_path, "openai:echo", "--base-url", base_url, "--tasks", "PairCompare",
                          "--batch-size", "3")
    assert result.exit_code == 0, result.output
    answers = responses(only_run(tmp_path))["PairCompare_Two"]
    assert len(answers) == 5
    assert all(text.startswith("audios=2 samples=") and "max_tokens=6" in text for text in answers.values())
    card = json.loads((only_run(tmp_path) / "run_card.json").read_text())
    assert card["execution"]["base_url"] == base_url
    assert [server["url"] for server in card["execution"]["servers"]] == [base_url]
