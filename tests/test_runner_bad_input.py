"""`dsuperb eval` and `dsuperb merge` on what users get wrong or datasets get wrong: missing columns,
corrupt clips, text-only and audio-generation instances, --limit across resumes, a one-sample
shuffle control, unknown task names, hand-edited run folders, and shards of different models."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest
from click.testing import CliRunner
from runner_fixtures import RecordingModel, clip, write_classification_dataset, write_task

from dsuperb.cli import main
from dsuperb.errors import RunError
from dsuperb.local_dataset import audio_value, write_hf_folder
from dsuperb.runfolder.store import read_predictions
from dsuperb.runner import EvalConfig, Runner

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """One good instance beside broken ones, a text-only task and an audio-generation task."""
    root = tmp_path_factory.mktemp("bad_input")
    tasks_dir, data_dir = root / "tasks", root / "data"
    write_task(tasks_dir, "ToneOrNoise", ["ToneOrNoise_Good", "ToneOrNoise_NoInstruction",
                                          "ToneOrNoise_NoLabel", "ToneOrNoise_Corrupt", "ToneOrNoise_One",
                                          "ToneOrNoise_Empty"])
    write_classification_dataset(data_dir, "ToneOrNoise_Good", 12, seed=1)
    rows = 6
    files = [f"c{i}" for i in range(rows)]
    clips = [audio_value(clip("tone", 0.1, i)) for i in range(rows)]
    question = ["Tone or noise? Answer tone or noise."] * rows
    write_hf_folder(data_dir, "Test/ToneOrNoise_NoInstruction", {"file": files, "audio": clips,
                                                                 "label": ["tone"] * rows})
    write_hf_folder(data_dir, "Test/ToneOrNoise_NoLabel", {"file": files, "audio": clips,
                                                           "instruction": question})
    garbage = [{"bytes": b"not a sound file at all", "path": f"{i}.wav"} for i in range(rows)]
    write_hf_folder(data_dir, "Test/ToneOrNoise_Corrupt", {"file": files, "audio": garbage,
                                                           "instruction": question, "label": ["tone"] * rows})
    write_hf_folder(data_dir, "Test/ToneOrNoise_One", {"file": ["only"], "audio": clips[:1],
                                                       "instruction": question[:1], "label": ["tone"]})
    no_rows = {column: [] for column in ("file", "audio", "instruction", "label")}
    write_hf_folder(data_dir, "Test/ToneOrNoise_Empty", no_rows)
    write_task(tasks_dir, "WordOrNot", ["WordOrNot_Text"], extra="    audio_columns: []\n")
    write_hf_folder(data_dir, "Test/WordOrNot_Text", {
        "file": files, "instruction": ["Is the word 'hum' a tone or noise? Answer tone or noise."] * rows,
        "label": ["tone"] * rows}, audio_columns=())
    write_task(tasks_dir, "SayIt", ["SayIt_Tone"], type_="audio_generation", metric="null", label_set=None)
    write_hf_folder(data_dir, "Test/SayIt_Tone", {"file": files, "audio": clips, "instruction": question,
                                                  "label": ["x"] * rows})
    return tasks_dir, data_dir


def run_eval(suite, out, *args, model="random"):
    tasks_dir, data_dir = suite
    argv = ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--no-progress", *args]
    return CliRunner().invoke(main, argv)


def results_of(run_dir) -> dict:
    return json.loads((run_dir / "results.json").read_text())["instances"]


def test_a_dataset_without_instruction_or_label_is_reported_not_run_and_the_rest_goes_on(suite, tmp_path):
    names = "ToneOrNoise_Good,ToneOrNoise_NoInstruction,ToneOrNoise_NoLabel"
    result = run_eval(suite, tmp_path, "--tasks", names)
    assert result.exit_code == 1, result.output
    entries = results_of(tmp_path / "random")
    assert entries["ToneOrNoise_Good"]["status"] == "ok" and entries["ToneOrNoise_Good"]["count"] == 12
    for name, column in (("ToneOrNoise_NoInstruction", "instruction"), ("ToneOrNoise_NoLabel", "label")):
        assert entries[name]["status"] == "failed"
        assert f"lacks column(s) {column} named by the card" in entries[name]["message"]
        assert f"  {name}: local folder" in result.stdout  # the final list of failures, name once
        assert result.output.count(f"lacks column(s) {column} named by the card") == 1  # said once
        assert not (tmp_path / "random" / "predictions" / f"{name}.jsonl").exists()
    assert "Traceback" not in result.output


def test_an_empty_dataset_is_a_failed_instance_not_an_empty_success(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_Empty")
    assert result.exit_code == 1
    entry = results_of(tmp_path / "random")["ToneOrNoise_Empty"]
    assert entry["status"] == "failed" and "has no rows in its 'test' split" in entry["message"]


def test_an_instance_whose_every_clip_is_corrupt_says_so_and_fails_the_run(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_Corrupt,ToneOrNoise_Good")
    assert result.exit_code == 1
    entry = results_of(tmp_path / "random")["ToneOrNoise_Corrupt"]
    assert entry["count"] == entry["errors"] == 6
    why = "ToneOrNoise_Corrupt: all 6 samples failed: first: c0: decode: audio: cannot decode audio"
    assert why in result.stdout
    assert "0x" not in result.stdout  # no object addresses in the reason
    rows = read_predictions(tmp_path / "random" / "predictions" / "ToneOrNoise_Corrupt.jsonl")
    assert len(rows) == 6 and all(r["response"] is None and r["error"] for r in rows)


@pytest.mark.parametrize("model", ["random", "null"])
def test_text_only_and_audio_generation_instances(suite, tmp_path, model):
    result = run_eval(suite, tmp_path, "--tasks", "WordOrNot,SayIt", model=model)
    assert result.exit_code == 0, result.output
    entries = results_of(tmp_path / model)
    text = entries["WordOrNot_Text"]
    assert text["status"] == "ok" and text["count"] == 6 and text["errors"] == 0
    # random picks among the instruction's options; null answers nothing, which is never right
    assert (text["na_rate"] == 1.0) == (model == "null")
    generation = entries["SayIt_Tone"]
    assert generation["status"] == "skipped" and "audio generation" in generation["message"]
    assert not (tmp_path / model / "predictions" / "SayIt_Tone.jsonl").exists()


def run_recording(suite, out, limit=None, control=None):
    model = RecordingModel()
    config = EvalConfig(model="recording", output_dir=out, tasks=("ToneOrNoise_Good", "ToneOrNoise_One"),
                        tasks_dir=suite[0], data_dir=suite[1], limit=limit, control=control, progress=False)
    outcome = Runner(config, model=model).run()
    return outcome, model.seen


def test_limit_grows_across_resumes_and_results_cover_the_limit_asked_for(suite, tmp_path):
    _, seen = run_recording(suite, tmp_path, limit=4)
    assert [r.id for r in seen if r.instance == "ToneOrNoise_Good"] == [f"clip_{i:04d}" for i in range(4)]
    outcome, seen = run_recording(suite, tmp_path, limit=8)
    assert [r.id for r in seen if r.instance == "ToneOrNoise_Good"] == [f"clip_{i:04d}" for i in range(4, 8)]
    assert outcome.results.instances["ToneOrNoise_Good"].count == 8
    predictions = tmp_path / "recording-test-model" / "predictions" / "ToneOrNoise_Good.jsonl"
    # a smaller limit afterwards would replace the scores of 8 samples by those of 3: refused
    scores = (tmp_path / "recording-test-model" / "results.json").read_bytes()
    with pytest.raises(RunError, match="made with --limit 8: --limit 3 would score 2 of its instance"):
        run_recording(suite, tmp_path, limit=3)
    assert (tmp_path / "recording-test-model" / "results.json").read_bytes() == scores
    assert len(read_predictions(predictions)) == 8
    outcome, seen = run_recording(suite, tmp_path)
    assert len(seen) == 4 and outcome.results.instances["ToneOrNoise_Good"].count == 12
    ids = [row["file"] for row in read_predictions(predictions)]
    assert sorted(ids) == [f"clip_{i:04d}" for i in range(12)]


def test_shuffle_with_a_single_sample_gives_silence_not_its_own_audio(suite, tmp_path):
    outcome, seen = run_recording(suite, tmp_path, control="shuffle")
    (alone,) = [r for r in seen if r.instance == "ToneOrNoise_One"]
    assert len(alone.audios[0]) == 1600 and not np.any(alone.audios[0])
    assert all(np.any(r.audios[0]) for r in seen if r.instance == "ToneOrNoise_Good")
    assert outcome.results.instances["ToneOrNoise_One"].status == "ok"


def test_unknown_task_names_list_close_names(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoize")
    assert result.exit_code == 2 and "no task or instance named 'ToneOrNoize'" in result.stderr
    assert "did you mean ToneOrNoise" in result.stderr
    part = run_eval(suite, tmp_path, "--tasks", "Good")
    assert part.exit_code == 2 and "did you mean ToneOrNoise_Good?" in part.stderr
    nothing = run_eval(suite, tmp_path, "--tasks", "Zzzz")
    assert nothing.exit_code == 2 and "did you mean" not in nothing.stderr
    assert "dsuperb list" in nothing.stderr
    path = run_eval(suite, tmp_path, "--tasks", "no/such/folder")
    assert path.exit_code == 2
    assert path.stderr.strip() == "error: --tasks no/such/folder: no such task folder or card"
    argv = ["eval", "--model", "random", "--output-dir", str(tmp_path), "--tasks-dir", str(tmp_path / "nope"),
            "--tasks", "ToneOrNoise"]
    no_dir = CliRunner().invoke(main, argv)
    assert no_dir.exit_code == 2 and "--tasks-dir" in no_dir.stderr and "does not exist" in no_dir.stderr


def test_a_task_with_a_broken_card_is_named_as_broken(suite, tmp_path):
    tasks_dir = tmp_path / "tasks"
    shutil.copytree(suite[0], tasks_dir)
    (tasks_dir / "WordOrNot" / "task.yaml").write_text("name: WordOrNot\ninstances: [\n")
    result = run_eval((tasks_dir, suite[1]), tmp_path / "runs", "--tasks", "WordOrNot")
    assert result.exit_code == 2 and "task WordOrNot cannot be used: its card is broken" in result.stderr


def test_the_whole_catalogue_names_a_broken_card_it_leaves_out(suite, tmp_path):
    """A task whose card cannot be read would otherwise be missing from the numbers without a word."""
    tasks_dir = tmp_path / "tasks"
    shutil.copytree(suite[0], tasks_dir)
    (tasks_dir / "WordOrNot" / "task.yaml").write_text("name: WordOrNot\ninstances: [\n")
    result = run_eval((tasks_dir, suite[1]), tmp_path / "runs")
    warned = [line for line in result.output.splitlines() if line.startswith("warning: left out")]
    assert len(warned) == 1 and "WordOrNot/task.yaml" in warned[0] and "dsuperb validate" in warned[0]
    # the rest runs (exit 1: this suite holds instances that fail on purpose)
    assert result.exit_code == 1 and "run folder:" in result.output
    assert json.loads((tmp_path / "runs" / "random" / "results.json").read_text())["instances"]


def test_a_hand_edited_run_card_is_a_clear_error_on_resume(suite, tmp_path):
    assert run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One").exit_code == 0
    card = tmp_path / "random" / "run_card.json"
    document = json.loads(card.read_text())
    document["instances"] = 5
    card.write_text(json.dumps(document))
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "run_card.json: not a valid run card file (instances:" in result.stderr
    assert "--overwrite" in result.stderr
    assert run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One", "--overwrite").exit_code == 0


def test_the_run_card_records_the_chat_template_hash_and_refuses_a_changed_one(suite, tmp_path, monkeypatch):
    model = "runner_fixtures:TemplatedModel"
    monkeypatch.setenv("TEMPLATE_TEXT", "{{ question }}")
    assert run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One", model=model).exit_code == 0
    card = json.loads((tmp_path / "templated-test-model" / "run_card.json").read_text())
    assert card["model"]["processor"] == "TinyProcessor" and len(card["model"]["chat_template_sha256"]) == 64
    monkeypatch.setenv("TEMPLATE_TEXT", "{{ system }} {{ question }}")
    changed = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One", model=model)
    assert changed.exit_code == 2 and "model.chat_template_sha256" in changed.stderr


def test_merge_refuses_shards_of_different_models_and_malformed_folders(suite, tmp_path):
    args = ("--tasks", "ToneOrNoise_Good")
    assert run_eval(suite, tmp_path, *args, "--shard", "1/2").exit_code == 0
    assert run_eval(suite, tmp_path, *args, "--shard", "2/2", model="null").exit_code == 0
    first, second = tmp_path / "random__shard-1-of-2", tmp_path / "null__shard-2-of-2"
    result = CliRunner().invoke(main, ["merge", str(tmp_path / "m"), str(first), str(second)])
    assert result.exit_code == 2
    assert f"{second} holds predictions of model 'null', {first} of model 'random'" in result.stderr
    assert not (tmp_path / "m").exists()
    card = json.loads((second / "run_card.json").read_text())
    card["shard"] = 2
    (second / "run_card.json").write_text(json.dumps(card))
    broken = CliRunner().invoke(main, ["merge", str(tmp_path / "m"), str(first), str(second)])
    assert broken.exit_code == 2 and "Traceback" not in broken.output
    assert "null__shard-2-of-2/run_card.json: not a valid run card file (shard:" in broken.stderr
    merge_into_a_shard = ["merge", str(first), str(first), "--overwrite", "--allow-incomplete"]
    into_itself = CliRunner().invoke(main, merge_into_a_shard)
    assert into_itself.exit_code == 2 and "is one of the shards" in into_itself.stderr
    assert len(read_predictions(first / "predictions" / "ToneOrNoise_Good.jsonl")) > 0
    (first / "results.json").write_text('{"instances": []}')
    results = CliRunner().invoke(main, ["merge", str(tmp_path / "m2"), str(first), "--allow-incomplete"])
    assert results.exit_code == 2 and "results.json: not a valid results file" in results.stderr


@pytest.mark.parametrize(("step", "message"), [
    ("init", "BrokenModel() failed (OSError: no weights in /models/x)"),
    ("describe", "describe() failed (KeyError: 'id')"),
])
def test_a_model_that_breaks_while_loading_is_one_line(suite, tmp_path, monkeypatch, step, message):
    monkeypatch.setenv("BROKEN_AT", step)
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One", model="runner_fixtures:BrokenModel")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: model runner_fixtures:BrokenModel: {message}"
    assert not any(tmp_path.iterdir())  # nothing written for a model that never ran


def test_a_model_that_fails_to_close_loses_nothing(suite, tmp_path, monkeypatch):
    monkeypatch.setenv("BROKEN_AT", "close")
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise_One", model="runner_fixtures:BrokenModel")
    assert result.exit_code == 0, result.output
    assert "closing the model failed: RuntimeError: device lost" in result.stderr
    document = json.loads((tmp_path / "broken-test-model" / "results.json").read_text())
    assert document["complete"] is True and document["instances"]["ToneOrNoise_One"]["count"] == 1


def test_a_file_broken_midway_keeps_what_was_done_and_the_fixed_dataset_resumes(suite, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(suite[1] / "Test" / "ToneOrNoise_Good", data_dir / "Test" / "ToneOrNoise_Good")
    files = data_dir / "Test" / "ToneOrNoise_Good" / "data"
    second = files / "test-00001-of-00001.parquet"
    second.write_bytes((files / "test-00000-of-00001.parquet").read_bytes()[:3000])
    mine = (suite[0], data_dir)
    result = run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise_Good")
    assert result.exit_code == 1
    entry = results_of(tmp_path / "runs" / "random")["ToneOrNoise_Good"]
    assert entry["status"] == "failed"
    assert entry["message"].startswith("stopped after 12 sample(s): instance ToneOrNoise_Good: reading local")
    predictions = tmp_path / "runs" / "random" / "predictions" / "ToneOrNoise_Good.jsonl"
    assert len(read_predictions(predictions)) == 12
    second.unlink()
    again = run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise_Good")
    assert again.exit_code == 0
    assert results_of(tmp_path / "runs" / "random")["ToneOrNoise_Good"]["count"] == 12
