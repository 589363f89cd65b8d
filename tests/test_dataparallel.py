"""Data parallel on one node: `accelerate launch -m dsuperb eval ...` with two CPU processes (gloo)
gives the run one process would have written; a launch killed with SIGKILL resumes its shares."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from killing import kill_when, lines
from runner_fixtures import make_suite
from tiny_models import tiny_qwen2_audio  # noqa: F401

from dsuperb.cli import main
from dsuperb.dataparallel import merge_shares, run_eval
from dsuperb.errors import RunError, UsageError
from dsuperb.runner import EvalConfig, RunOutcome

TESTS_DIR = Path(__file__).resolve().parent
INSTANCES = ("ToneOrNoise_SetA", "ToneOrNoise_SetB", "ToneTranscription_Words")


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return make_suite(tmp_path_factory.mktemp("dp"), rows=12)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def eval_arguments(suite, out: Path, model: str, *extra: str) -> list[str]:
    return ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir", str(suite[0]),
            "--data-dir", str(suite[1]), "--no-progress", *extra]


def launch(arguments: list[str]) -> list[str]:
    """The documented command, on CPU: --multi_gpu makes accelerate start torchrun's two workers."""
    return [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", "2",
            "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
            "--main_process_port", str(free_port()), "-m", "dsuperb", *arguments]


def environment(**extra: str) -> dict:
    path = os.pathsep.join(filter(None, [str(TESTS_DIR), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", **extra}


def rows_of(run_dir: Path, name: str) -> list[tuple]:
    lines = (run_dir / "predictions" / f"{name}.jsonl").read_text().splitlines()
    return sorted((row["file"], row["response"], row["error"]) for row in map(json.loads, lines))


def assert_same_run(run_dir: Path, reference: Path) -> None:
    got, expected = (json.loads((folder / "results.json").read_text()) for folder in (run_dir, reference))
    assert got["complete"] is True
    assert got["instances"] == expected["instances"]
    assert got["run_card_hash"] == expected["run_card_hash"]
    for name in INSTANCES:
        rows = rows_of(run_dir, name)
        assert len(rows) == len({row[0] for row in rows}), name  # no sample twice
        assert rows == rows_of(reference, name), name


def test_two_processes_join_into_the_run_one_process_writes(suite, tmp_path, tiny_qwen2_audio):  # noqa: F811
    options = ("--device", "cpu", "--dtype", "float32", "--max-new-tokens", "4", "--batch-size", "4")
    one = CliRunner().invoke(main, eval_arguments(suite, tmp_path / "one", str(tiny_qwen2_audio), *options))
    assert one.exit_code == 0, one.output
    out = tmp_path / "two"
    command = launch(eval_arguments(suite, out, str(tiny_qwen2_audio), *options))
    done = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    [reference] = [p for p in (tmp_path / "one").iterdir()]
    run_dir = out / reference.name
    assert_same_run(run_dir, reference)
    assert done.stdout.count("ToneOrNoise_SetA") == 1  # the main process alone shows the table
    shares = sorted(p.name for p in out.iterdir() if p != run_dir)
    assert shares == [f"{reference.name}__shard-1-of-2", f"{reference.name}__shard-2-of-2"]
    for share in shares:  # each process ran a part, not the whole
        counts = [len(rows_of(out / share, name)) for name in INSTANCES]
        assert 0 < sum(counts) < sum(len(rows_of(reference, name)) for name in INSTANCES)
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["merged_from"] == [str(out / share) for share in shares]

    # joining again replaces its own earlier join, never a run that is not one
    config = EvalConfig(model=str(tiny_qwen2_audio), output_dir=out)
    mine = RunOutcome(out / shares[0], None)
    again = merge_shares(config, card["model"]["id"], 2, mine, say=None)
    assert again.run_dir == run_dir and not again.interrupted
    (run_dir / "run_card.json").write_text(json.dumps({**card, "merged_from": None}))
    with pytest.raises(RunError, match="already holds a run"):
        merge_shares(config, card["model"]["id"], 2, mine, say=None)


def count_rows(out: Path) -> int:
    return len(lines(out, pattern="*__shard-*/predictions/*.jsonl"))


def test_a_killed_launch_resumes_each_share_and_joins_them(suite, tmp_path):
    model = "runner_fixtures:SlowModel"
    reference = CliRunner().invoke(main, eval_arguments(suite, tmp_path / "one", model),
                                   env={"SLOW_MODEL_DELAY": "0"})
    assert reference.exit_code == 0, reference.output
    out = tmp_path / "two"
    command = launch(eval_arguments(suite, out, model, "--batch-size", "2"))
    killed_at = kill_when(command, environment(SLOW_MODEL_DELAY="0.1"), lambda: count_rows(out), 12,
                          timeout=120, group=True)  # the launcher and both workers at once
    assert 12 <= killed_at < 43 and not (out / "slow-test-model").exists()
    done = subprocess.run(command, env=environment(SLOW_MODEL_DELAY="0"), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert_same_run(out / "slow-test-model", tmp_path / "one" / "slow-test-model")


def test_shard_and_several_processes_together_are_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("WORLD_SIZE", "2")
    config = EvalConfig(model="random", output_dir=tmp_path, shard=(1, 4))
    with pytest.raises(UsageError, match="--shard with several processes"):
        run_eval(config)


def test_merge_takes_a_quoted_glob_of_shard_folders(suite, tmp_path):
    for shard in ("1/3", "2/3", "3/3"):
        arguments = eval_arguments(suite, tmp_path / "runs", "random", "--shard", shard)
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 0, result.output
    whole = CliRunner().invoke(main, eval_arguments(suite, tmp_path / "one", "random"))
    assert whole.exit_code == 0, whole.output
    pattern = str(tmp_path / "runs" / "random__shard-*")  # quoted: dsuperb expands it, not the shell
    merged = CliRunner().invoke(main, ["merge", str(tmp_path / "merged"), pattern])
    assert merged.exit_code == 0, merged.output
    assert "merged 3 shard(s)" in merged.output
    assert_same_run(tmp_path / "merged", tmp_path / "one" / "random")


def test_a_share_not_finished_leaves_the_join_for_the_next_run(suite, tmp_path):
    """One share complete, the other interrupted: nothing is joined, the main process says why, and
    the same command joins once the share is finished."""
    from dsuperb.runner import Runner

    tasks_dir, data_dir = suite
    config = EvalConfig(model="random", output_dir=tmp_path, tasks_dir=tasks_dir, data_dir=data_dir,
                        progress=False)
    outcomes = [Runner(EvalConfig(**{**config.__dict__, "shard": (index, 2)})).run() for index in (1, 2)]
    second = outcomes[1].run_dir / "results.json"
    document = json.loads(second.read_text())
    second.write_text(json.dumps({**document, "complete": False}))
    said = []
    waiting = merge_shares(config, "random", 2, outcomes[0], say=said.append)
    assert waiting.interrupted and waiting.run_dir == outcomes[0].run_dir
    assert not (tmp_path / "random").exists()
    assert said == [f"not joined: share(s) not finished: {outcomes[1].run_dir}; run the same command again "
                    "to finish them"]
    second.write_text(json.dumps(document))
    joined = merge_shares(config, "random", 2, outcomes[0], say=said.append)
    assert not joined.interrupted and joined.run_dir == tmp_path / "random"
    assert (tmp_path / "random" / "results.json").exists() and len(said) == 1
