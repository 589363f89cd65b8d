"""`--control silence|shuffle`: what the model hears, the run folder, and determinism."""

from __future__ import annotations

import hashlib
import json
import os

import numpy as np
import pytest
from click.testing import CliRunner
from runner_fixtures import RecordingModel, write_classification_dataset, write_task

from dsuperb.cli import main
from dsuperb.controls import shuffle
from dsuperb.data import open_instance
from dsuperb.models.options import CommonOptions
from dsuperb.runfolder.store import read_predictions
from dsuperb.runner import EvalConfig, Runner

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROWS = 150  # more than two shuffle groups, with a short last one


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    root = tmp_path_factory.mktemp("controls")
    tasks_dir, data_dir = root / "tasks", root / "data"
    write_task(tasks_dir, "ToneOrNoise", ["ToneOrNoise_Big"])
    write_classification_dataset(data_dir, "ToneOrNoise_Big", ROWS, seed=3)
    return tasks_dir, data_dir


def fingerprint(audio: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(audio).tobytes()).hexdigest()


def original_audio(suite) -> dict[str, str]:
    from dsuperb.cards import Catalogue

    instance = Catalogue.load(suite[0]).instance("ToneOrNoise_Big")
    return {s.file: fingerprint(s.audios[0]) for s in open_instance(instance, suite[1]).samples()}


def run(suite, out, control, batch_size=4, seed=0, shard=None):
    model = RecordingModel()
    config = EvalConfig(model="recording", output_dir=out, tasks_dir=suite[0], data_dir=suite[1],
                        control=control, progress=False, shard=shard,
                        common=CommonOptions(batch_size=batch_size, seed=seed))
    outcome = Runner(config, model=model).run()
    return outcome, {r.id: r for r in model.seen}


def test_silence_gives_zeros_of_the_same_length(suite, tmp_path):
    outcome, seen = run(suite, tmp_path, "silence")
    originals = original_audio(suite)
    assert outcome.run_dir.name == "recording-test-model__silence"
    assert len(seen) == ROWS
    from dsuperb.cards import Catalogue

    instance = Catalogue.load(suite[0]).instance("ToneOrNoise_Big")
    lengths = {s.file: len(s.audios[0]) for s in open_instance(instance, suite[1]).samples()}
    for file, request in seen.items():
        assert len(request.audios[0]) == lengths[file] and not request.audios[0].any()
    assert set(originals) == set(seen)
    results = json.loads((outcome.run_dir / "results.json").read_text())
    assert results["control"] == "silence"


def test_shuffle_gives_every_sample_another_samples_audio_deterministically(suite, tmp_path):
    outcome, seen = run(suite, tmp_path / "a", "shuffle", batch_size=4)
    originals = original_audio(suite)
    given = {file: fingerprint(r.audios[0]) for file, r in seen.items()}
    assert outcome.run_dir.name == "recording-test-model__shuffle"
    assert all(given[f] != originals[f] for f in originals)  # nobody keeps their own audio
    assert sorted(given.values()) == sorted(originals.values())  # a permutation: every clip used once
    _, again = run(suite, tmp_path / "b", "shuffle", batch_size=7)
    assert {f: fingerprint(r.audios[0]) for f, r in again.items()} == given  # batching changes nothing
    _, reseeded = run(suite, tmp_path / "c", "shuffle", seed=1)
    assert {f: fingerprint(r.audios[0]) for f, r in reseeded.items()} != given
    assert json.loads((outcome.run_dir / "results.json").read_text())["control"] == "shuffle"


def test_shuffle_donors_survive_resumption_and_sharding(suite, tmp_path):
    _, seen = run(suite, tmp_path / "whole", "shuffle")
    given = {file: fingerprint(r.audios[0]) for file, r in seen.items()}
    # resume: keep the first 37 rows of a run, run again; the rest get the same donors as before
    outcome, _ = run(suite, tmp_path / "resumed", "shuffle")
    path = outcome.run_dir / "predictions" / "ToneOrNoise_Big.jsonl"
    kept = path.read_text().splitlines()[:37]
    path.write_text("\n".join(kept) + "\n")
    _, rest = run(suite, tmp_path / "resumed", "shuffle")
    assert len(rest) == ROWS - 37
    assert {f: fingerprint(r.audios[0]) for f, r in rest.items()} == {f: given[f] for f in rest}
    assert len(read_predictions(path)) == ROWS
    # shards: each sees only its own samples, with the donors of the whole run
    for index in (1, 2):
        _, part = run(suite, tmp_path / "shards", "shuffle", shard=(index, 2))
        assert {f: fingerprint(r.audios[0]) for f, r in part.items()} == {f: given[f] for f in part}


def test_shuffle_leaves_failed_clips_alone_and_never_a_sample_alone():
    from dsuperb.data import Sample
    from dsuperb.vocab.inputs import Input, InputKind

    def sample(i, error=None):
        audio = () if error else (Input(InputKind.AUDIO, "audio", np.full(10, i, dtype=np.float32)),)
        return Sample("I", f"f{i}", "q", {"label": "x"}, audio, error=error)

    samples = [sample(i, "bad clip" if i == 3 else None) for i in range(65)]  # groups of 64 + 1
    out = list(shuffle(samples, seed=0, instance="I", group=64))
    assert [s.file for s in out] == [s.file for s in samples]
    assert out[3].audios == () and out[3].error == "bad clip"
    for before, after in zip(samples, out, strict=True):
        if before.audios:
            assert after.audios[0][0] != before.audios[0][0]


def test_control_via_the_command_line_names_the_folder(suite, tmp_path):
    argv = ["eval", "--model", "random", "--output-dir", str(tmp_path), "--tasks-dir", str(suite[0]),
            "--data-dir", str(suite[1]), "--control", "silence", "--limit", "10", "--no-progress"]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "random__silence" / "results.json").read_text())["control"] == "silence"
    bad = CliRunner().invoke(main, argv[:-4] + ["--control", "loud"])
    assert bad.exit_code == 2
