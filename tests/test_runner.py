"""`dsuperb eval` end to end, offline, on tiny local datasets: results, resume, failures, run cards,
selection, Ctrl-C, and `merge` of shards."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from runner_fixtures import make_suite, write_classification_dataset, write_task

from dsuperb.cli import main
from dsuperb.infra.schemas import load_schema
from dsuperb.local_dataset import audio_value, write_hf_folder
from dsuperb.runfolder.store import read_predictions

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return make_suite(tmp_path_factory.mktemp("suite"), rows=24)


def run_eval(suite, out, *args, model="random", env=None):
    tasks_dir, data_dir = suite
    argv = ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--no-progress", *args]
    return CliRunner().invoke(main, argv, env=env, catch_exceptions=False)


def results_of(run_dir: Path) -> dict:
    return json.loads((run_dir / "results.json").read_text())


def predictions(run_dir: Path) -> dict[str, dict[str, dict]]:
    files = sorted((run_dir / "predictions").iterdir())
    return {p.stem: {r["file"]: r for r in read_predictions(p)} for p in files}


def validate(document: dict, schema: str) -> None:
    jsonschema.Draft202012Validator(load_schema(schema)).validate(document)


def test_eval_writes_a_valid_run_folder_and_a_rerun_does_nothing_twice(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--batch-size", "4")
    assert result.exit_code == 0, result.output
    run_dir = tmp_path / "random"
    results = results_of(run_dir)
    validate(results, "results")
    card = json.loads((run_dir / "run_card.json").read_text())
    validate(card, "run_card")
    assert results["complete"] is True and results["control"] is None
    assert set(results["instances"]) == {"ToneOrNoise_SetA", "ToneOrNoise_SetB", "ToneTranscription_Words"}
    counts = {name: entry["count"] for name, entry in results["instances"].items()}
    assert counts == {"ToneOrNoise_SetA": 24, "ToneOrNoise_SetB": 31, "ToneTranscription_Words": 24}
    set_a = results["instances"]["ToneOrNoise_SetA"]
    assert set_a["status"] == "ok" and set_a["judge"]["id"] and 0 <= set_a["normalised"] <= 100
    rows = predictions(run_dir)
    assert all(r["response"] in ("tone", "noise") for r in rows["ToneOrNoise_SetA"].values())
    assert {r["label"] for r in rows["ToneOrNoise_SetA"].values()} == {"tone", "noise"}
    scored_file = run_dir / "scored" / "ToneOrNoise_SetA.jsonl"
    scored = [json.loads(line) for line in scored_file.read_text().splitlines()]
    assert len(scored) == 24 and all("score" in r and "stats" in r for r in scored)
    # what the card records
    assert card["model"]["id"] == "random" and card["seed"] == 0 and card["execution"]["batch_size"] == 4
    assert card["instances"]["ToneOrNoise_SetA"]["card_hash"] and "dsuperb" in card["packages"]
    assert card["judge"]["id"] == set_a["judge"]["id"] and "prompt_hash" in card["judge"]
    assert "ToneOrNoise_SetA" in result.stdout and "llm_classification" in result.stdout

    before = {p.name: p.read_bytes() for p in (run_dir / "predictions").iterdir()}
    scored_mtime = (run_dir / "scored" / "ToneOrNoise_SetA.jsonl").stat().st_mtime_ns
    again = run_eval(suite, tmp_path, "--batch-size", "2")  # batch size is not a score setting
    assert again.exit_code == 0, again.output
    assert {p.name: p.read_bytes() for p in (run_dir / "predictions").iterdir()} == before
    assert (run_dir / "scored" / "ToneOrNoise_SetA.jsonl").stat().st_mtime_ns == scored_mtime  # not re-scored
    assert results_of(run_dir)["instances"] == results["instances"]
    assert json.loads((run_dir / "run_card.json").read_text())["created"] == card["created"]


def test_random_predictions_do_not_depend_on_batching(suite, tmp_path):
    assert run_eval(suite, tmp_path / "a", "--batch-size", "1", "--seed", "5").exit_code == 0
    assert run_eval(suite, tmp_path / "b", "--batch-size", "7", "--seed", "5").exit_code == 0
    assert run_eval(suite, tmp_path / "c", "--batch-size", "7", "--seed", "6").exit_code == 0
    a, b, c = (predictions(tmp_path / x / "random") for x in "abc")
    assert a == b
    assert a != c


def test_selection_by_task_name_instance_folder_type_domain_and_limit(suite, tmp_path):
    tasks_dir, _ = suite
    cases = [
        (["--tasks", "ToneTranscription"], {"ToneTranscription_Words"}),
        (["--tasks", "ToneOrNoise_SetB"], {"ToneOrNoise_SetB"}),
        (["--tasks", str(tasks_dir / "ToneTranscription")], {"ToneTranscription_Words"}),
        (["--type", "classification"], {"ToneOrNoise_SetA", "ToneOrNoise_SetB"}),
        (["--domain", "audio", "--tasks", "ToneOrNoise,ToneTranscription"],
         {"ToneOrNoise_SetA", "ToneOrNoise_SetB", "ToneTranscription_Words"}),
    ]
    for number, (args, expected) in enumerate(cases):
        result = run_eval(suite, tmp_path / str(number), *args)
        assert result.exit_code == 0, (args, result.output)
        assert set(results_of(tmp_path / str(number) / "random")["instances"]) == expected, args
    limited = run_eval(suite, tmp_path / "limited", "--limit", "5", "--tasks", "ToneOrNoise")
    assert limited.exit_code == 0
    entries = results_of(tmp_path / "limited" / "random")["instances"]
    assert {e["count"] for e in entries.values()} == {5}
    assert sorted(predictions(tmp_path / "limited" / "random")["ToneOrNoise_SetA"]) == [
        f"clip_{i:04d}" for i in range(5)]
    # raising the limit on the same folder continues with the next rows
    more = run_eval(suite, tmp_path / "limited", "--limit", "9", "--tasks", "ToneOrNoise")
    assert more.exit_code == 0
    assert len(predictions(tmp_path / "limited" / "random")["ToneOrNoise_SetA"]) == 9

    unknown = run_eval(suite, tmp_path / "x", "--tasks", "NoSuchTask")
    assert unknown.exit_code == 2 and "no task or instance named 'NoSuchTask'" in unknown.stderr
    nothing = run_eval(suite, tmp_path / "y", "--domain", "music")
    assert nothing.exit_code == 2 and "no instance matches" in nothing.stderr


def test_samples_that_raise_are_recorded_and_the_run_goes_on(suite, tmp_path, monkeypatch):
    monkeypatch.setenv("FLAKY_DIGITS", "7")
    result = run_eval(suite, tmp_path, "--batch-size", "4", "--tasks", "ToneOrNoise",
                      model="runner_fixtures:FlakyModel")
    assert result.exit_code == 1, result.output
    run_dir = tmp_path / "flaky-test-model"
    rows = predictions(run_dir)["ToneOrNoise_SetA"]
    assert len(rows) == 24
    failed = {f for f, r in rows.items() if r["error"]}
    assert failed == {f for f in rows if f.endswith("7")}
    assert rows["clip_0007"]["error"] == "ValueError: cannot answer clip_0007"
    assert rows["clip_0007"]["response"] is None
    assert all(r["response"] == "tone" for f, r in rows.items() if f not in failed)  # batch mates kept
    entry = results_of(run_dir)["instances"]["ToneOrNoise_SetA"]
    assert entry["errors"] == len(failed) and entry["count"] == 24 and entry["status"] == "ok"
    assert "Failed:" in result.stdout and "ToneOrNoise_SetA: 2 sample(s) failed" in result.stdout

    # a plain re-run keeps the recorded failures; --retry-failed runs those samples again
    rerun = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", model="runner_fixtures:FlakyModel")
    assert rerun.exit_code == 1
    monkeypatch.setenv("FLAKY_DIGITS", "x")
    retried = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", "--retry-failed",
                       model="runner_fixtures:FlakyModel")
    assert retried.exit_code == 0, retried.output
    rows = predictions(run_dir)["ToneOrNoise_SetA"]
    assert len(rows) == 24 and not any(r["error"] for r in rows.values())


def test_exceptions_returned_in_place_of_answers_are_recorded(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--batch-size", "3", "--tasks", "ToneOrNoise_SetA",
                      model="runner_fixtures:ItemErrorModel")
    assert result.exit_code == 1
    rows = list(predictions(tmp_path / "item-error-test-model")["ToneOrNoise_SetA"].values())
    assert sum(1 for r in rows if r["error"]) == 8
    assert rows[0]["error"].startswith("RuntimeError: no answer for")


def test_a_clip_that_fails_to_decode_is_recorded_and_the_rest_is_scored(tmp_path):
    tasks_dir, data_dir = tmp_path / "tasks", tmp_path / "data"
    write_task(tasks_dir, "Broken", ["Broken_Clips"])
    from runner_fixtures import clip

    cells = [audio_value(clip("tone", 0.1, i), 16_000, f"{i}.wav") for i in range(6)]
    cells[2] = {"bytes": b"this is not audio", "path": "2.wav"}
    write_hf_folder(data_dir, "Test/Broken_Clips", {
        "file": [f"c{i}" for i in range(6)], "audio": cells,
        "instruction": ["Tone or noise? Answer tone or noise."] * 6, "label": ["tone"] * 6})
    result = run_eval((tasks_dir, data_dir), tmp_path / "runs")
    assert result.exit_code == 1
    rows = predictions(tmp_path / "runs" / "random")["Broken_Clips"]
    assert rows["c2"]["response"] is None and rows["c2"]["error"].startswith("decode: ")
    assert sum(1 for r in rows.values() if r["error"]) == 1
    assert results_of(tmp_path / "runs" / "random")["instances"]["Broken_Clips"]["count"] == 6


def test_a_missing_dataset_is_reported_and_skipped(suite, tmp_path, monkeypatch):
    import datasets

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    tasks_dir = tmp_path / "tasks"
    shutil.copytree(suite[0], tasks_dir)
    write_task(tasks_dir, "Absent", ["Absent_Nowhere"])
    result = run_eval((tasks_dir, suite[1]), tmp_path / "runs")
    assert result.exit_code == 1, result.output
    entries = results_of(tmp_path / "runs" / "random")["instances"]
    assert entries["Absent_Nowhere"]["status"] == "failed"
    assert "Test/Absent_Nowhere" in entries["Absent_Nowhere"]["message"]
    assert entries["ToneOrNoise_SetA"]["status"] == "ok" and entries["ToneOrNoise_SetA"]["count"] == 24
    assert "Failed:" in result.stdout and "  Absent_Nowhere: no local copy at" in result.stdout
    # said once: not while running and again at the end, and the name not twice on its line
    assert result.output.count("is not in the local cache") == 1
    assert "instance Absent_Nowhere" not in result.output
    # before the model loads, the run says where the missing instance will be read from
    notice = f"Absent_Nowhere: no local copy at {suite[1] / 'Test' / 'Absent_Nowhere'}; reading hub dataset"
    assert notice in result.stderr and "ToneOrNoise_SetA: no local copy" not in result.stderr
    validate(results_of(tmp_path / "runs" / "random"), "results")
    unloadable = run_eval((tasks_dir, suite[1]), tmp_path / "other", model="./no/such/model/folder")
    assert unloadable.exit_code == 2 and notice in unloadable.stderr
    assert unloadable.stderr.index(notice) < unloadable.stderr.index("error: ")


def test_a_changed_run_card_is_refused_unless_overwrite(suite, tmp_path):
    tasks_dir = tmp_path / "tasks"
    shutil.copytree(suite[0], tasks_dir)
    mine = (tasks_dir, suite[1])
    assert run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise").exit_code == 0
    seeded = run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise", "--seed", "1")
    assert seeded.exit_code == 2
    assert "other settings" in seeded.stderr and "seed: 0 -> 1" in seeded.stderr
    assert "--overwrite" in seeded.stderr
    tokens = run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise", "--max-new-tokens", "8")
    assert tokens.exit_code == 2 and "generation.max_new_tokens: 256 -> 8" in tokens.stderr
    card = tasks_dir / "ToneOrNoise" / "task.yaml"
    card.write_text(card.read_text().replace("steady tone", "steady sine tone"))
    edited = run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise")
    assert edited.exit_code == 2 and "instances.ToneOrNoise_SetA.card_hash" in edited.stderr
    # another task in the same folder is fine: the run grows
    other = run_eval(mine, tmp_path / "runs", "--tasks", "ToneTranscription")
    assert other.exit_code == 0
    fresh = run_eval(mine, tmp_path / "runs", "--tasks", "ToneOrNoise", "--seed", "1", "--overwrite")
    assert fresh.exit_code == 0, fresh.output
    card_now = json.loads((tmp_path / "runs" / "random" / "run_card.json").read_text())
    assert card_now["seed"] == 1 and set(card_now["instances"]) == {"ToneOrNoise_SetA", "ToneOrNoise_SetB"}
    assert set(results_of(tmp_path / "runs" / "random")["instances"]) == set(card_now["instances"])


def test_a_model_that_cannot_load_is_a_clear_error(suite, tmp_path):
    result = run_eval(suite, tmp_path, model="no_such_package_xyz:Model")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: model no_such_package_xyz:Model: cannot import")
    assert "Traceback" not in result.output
    bad_shard = run_eval(suite, tmp_path, "--shard", "5/4")
    assert bad_shard.exit_code == 2 and "--shard expects i/n" in bad_shard.stderr


def test_ctrl_c_stops_cleanly_and_the_same_command_continues(suite, tmp_path, monkeypatch):
    args = ("--batch-size", "5")
    monkeypatch.setenv("INTERRUPT_AT_CALL", "0")
    straight_run = run_eval(suite, tmp_path / "straight", *args, model="runner_fixtures:InterruptingModel")
    assert straight_run.exit_code == 0
    monkeypatch.setenv("INTERRUPT_AT_CALL", "8")  # in the second instance (5 + 7 batches)
    stopped = run_eval(suite, tmp_path / "runs", *args, model="runner_fixtures:InterruptingModel")
    assert stopped.exit_code == 130, stopped.output
    assert "interrupted" in stopped.stderr
    run_dir = tmp_path / "runs" / "interrupting-test-model"
    partial = results_of(run_dir)
    assert partial["complete"] is False and set(partial["instances"]) == {"ToneOrNoise_SetA"}
    done = predictions(run_dir)
    assert len(done["ToneOrNoise_SetA"]) == 24 and len(done["ToneOrNoise_SetB"]) == 10  # two whole batches
    monkeypatch.setenv("INTERRUPT_AT_CALL", "0")
    resumed = run_eval(suite, tmp_path / "runs", *args, model="runner_fixtures:InterruptingModel")
    assert resumed.exit_code == 0
    straight = results_of(tmp_path / "straight" / "interrupting-test-model")
    final = results_of(run_dir)
    assert final["complete"] is True and final["instances"] == straight["instances"]
    assert predictions(run_dir) == predictions(tmp_path / "straight" / "interrupting-test-model")


def test_shards_merged_equal_one_run(suite, tmp_path):
    assert run_eval(suite, tmp_path / "whole", "--batch-size", "3").exit_code == 0
    shard_dirs = []
    for index in (1, 2, 3):
        result = run_eval(suite, tmp_path / "shards", "--shard", f"{index}/3", "--batch-size", "2")
        assert result.exit_code == 0, result.output
        shard_dirs.append(tmp_path / "shards" / f"random__shard-{index}-of-3")
    sizes = [len(predictions(d)["ToneOrNoise_SetB"]) for d in shard_dirs]
    assert sum(sizes) == 31 and all(0 < s < 31 for s in sizes)
    out = tmp_path / "merged"
    merged = CliRunner().invoke(main, ["merge", str(out), *map(str, shard_dirs)])
    assert merged.exit_code == 0, merged.output
    whole = results_of(tmp_path / "whole" / "random")
    joined = results_of(out)
    validate(joined, "results")
    assert joined["instances"] == whole["instances"]
    assert joined["run_card_hash"] == whole["run_card_hash"] and joined["shard"] is None
    assert predictions(out) == predictions(tmp_path / "whole" / "random")

    again = CliRunner().invoke(main, ["merge", str(out), *map(str, shard_dirs)])
    assert again.exit_code == 2 and "already holds a run" in again.stderr
    missing = CliRunner().invoke(main, ["merge", str(tmp_path / "m2"), *map(str, shard_dirs[:2])])
    assert missing.exit_code == 2 and "shard(s) 3 of 3 missing" in missing.stderr
    assert run_eval(suite, tmp_path / "seeded", "--shard", "3/3", "--seed", "9").exit_code == 0
    mismatched = CliRunner().invoke(main, ["merge", str(tmp_path / "m3"), *map(str, shard_dirs[:2]),
                                           str(tmp_path / "seeded" / "random__shard-3-of-3")])
    assert mismatched.exit_code == 2 and "seed: 0 -> 9" in mismatched.stderr
    not_shard = CliRunner().invoke(main, ["merge", str(tmp_path / "m4"), str(tmp_path / "whole" / "random")])
    assert not_shard.exit_code == 2 and "not a shard run" in not_shard.stderr


def test_merge_leaves_no_duplicate_when_folders_overlap(suite, tmp_path):
    assert run_eval(suite, tmp_path / "s", "--shard", "1/2", "--tasks", "ToneOrNoise_SetA").exit_code == 0
    assert run_eval(suite, tmp_path / "s", "--shard", "2/2", "--tasks", "ToneOrNoise_SetA").exit_code == 0
    first, second = (tmp_path / "s" / f"random__shard-{i}-of-2" for i in (1, 2))
    # a row copied into the other shard's file: these are no longer shards of one run
    line = (first / "predictions" / "ToneOrNoise_SetA.jsonl").read_text().splitlines()[0]
    with open(second / "predictions" / "ToneOrNoise_SetA.jsonl", "a") as handle:
        handle.write(line + "\n")
    result = CliRunner().invoke(main, ["merge", str(tmp_path / "m"), str(first), str(second)])
    assert result.exit_code == 2 and "is in both" in result.stderr


def test_two_audio_inputs_reach_the_model_in_card_order(tmp_path):
    from runner_fixtures import RecordingModel

    from dsuperb.runner import EvalConfig, Runner

    tasks_dir, data_dir = tmp_path / "tasks", tmp_path / "data"
    write_task(tasks_dir, "Pair", ["Pair_Two"], extra="    audio_columns: [audio, audio2]\n")
    write_classification_dataset(data_dir, "Pair_Two", 6, two_audios=True)
    model = RecordingModel()
    config = EvalConfig(model="recording", output_dir=tmp_path / "runs", tasks_dir=tasks_dir,
                        data_dir=data_dir, progress=False)
    outcome = Runner(config, model=model).run()
    assert not outcome.failed
    assert all(len(r.audios) == 2 for r in model.seen)
    assert all(len(r.audios[0]) > len(r.audios[1]) for r in model.seen)  # 0.1+ s clip, then a 0.05 s one


def test_majority_answers_each_instances_most_frequent_label(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", model="majority")
    assert result.exit_code == 0, result.output
    for name, rows in predictions(tmp_path / "majority").items():
        labels = [r["label"] for r in rows.values()]
        most = max(sorted(set(labels)), key=labels.count)
        assert {r["response"] for r in rows.values()} == {most}, name


def test_samples_done_or_in_other_shards_are_never_decoded(suite, tmp_path, monkeypatch):
    from runner_fixtures import RecordingModel

    from dsuperb import audio
    from dsuperb.runner import EvalConfig, Runner

    decoded = []
    real_decode = audio.decode

    def counting_decode(cell, *args, **kwargs):
        decoded.append(cell["path"])
        return real_decode(cell, *args, **kwargs)

    monkeypatch.setattr(audio, "decode", counting_decode)

    def run(shard=None):
        decoded.clear()
        model = RecordingModel()
        config = EvalConfig(model="recording", output_dir=tmp_path, tasks_dir=suite[0], data_dir=suite[1],
                            tasks=("ToneOrNoise_SetB",), shard=shard, progress=False)
        Runner(config, model=model).run()
        return model

    model = run(shard=(2, 3))
    assert 0 < len(model.seen) < 31 and len(decoded) == len(model.seen)
    rows = tmp_path / "recording-test-model__shard-2-of-3" / "predictions" / "ToneOrNoise_SetB.jsonl"
    lines = rows.read_text().splitlines()
    rows.write_text("\n".join(lines[:4]) + "\n")  # as if stopped after four samples
    model = run(shard=(2, 3))
    assert len(model.seen) == len(lines) - 4 and len(decoded) == len(lines) - 4
    model = run(shard=(2, 3))
    assert model.seen == [] and decoded == []  # all done: nothing decoded, nothing asked
