"""`dsuperb eval` as a real process: killed with SIGKILL at several points and started again, it
ends with the scores of an uninterrupted run, no row lost and none duplicated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import killing
import pytest
from click.testing import CliRunner
from killing import lines
from runner_fixtures import classification_suite

from dsuperb.cli import main

TESTS_DIR = Path(__file__).resolve().parent
MODEL = "runner_fixtures:SlowModel"
ROWS = {"Kill_A": 30, "Kill_B": 26}


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return classification_suite(tmp_path_factory.mktemp("resume"), "Kill", ROWS, seed=5)


def command(suite, out, model=MODEL):
    return [sys.executable, "-m", "dsuperb.cli", "eval", "--model", model, "--output-dir", str(out),
            "--tasks-dir", str(suite[0]), "--data-dir", str(suite[1]), "--batch-size", "3", "--no-progress"]


def environment(delay: float) -> dict:
    path = os.pathsep.join(filter(None, [str(TESTS_DIR), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "SLOW_MODEL_DELAY": str(delay), "HF_HUB_OFFLINE": "1"}


def responses(run_dir: Path, name: str) -> dict[str, str]:
    rows = [json.loads(line) for line in (run_dir / "predictions" / f"{name}.jsonl").read_text().splitlines()]
    return {row["file"]: row["response"] for row in rows}


def kill_when(suite, out, rows_written: int) -> int:
    """Start a run and SIGKILL it once `rows_written` rows are on disk; returns the rows then."""
    run_dir = out / "slow-test-model"
    return killing.kill_when(command(suite, out), environment(0.03), lambda: len(lines(run_dir)),
                             rows_written)


def test_kill_9_at_several_points_then_resume_equals_an_uninterrupted_run(suite, tmp_path):
    reference = CliRunner().invoke(main, command(suite, tmp_path / "reference")[3:],
                                   env={"SLOW_MODEL_DELAY": "0"})
    assert reference.exit_code == 0, reference.output
    expected = json.loads((tmp_path / "reference" / "slow-test-model" / "results.json").read_text())

    out = tmp_path / "killed"
    run_dir = out / "slow-test-model"
    seen_counts = []
    for target in (1, 14, ROWS["Kill_A"] + 5):  # first batch, mid first instance, second instance
        seen_counts.append(kill_when(suite, out, target))
        if target == 14:
            # what a kill in the middle of a write leaves: a torn last line
            with open(run_dir / "predictions" / "Kill_A.jsonl", "a") as handle:
                handle.write('{"instance": "Kill_A", "file": "clip_00')
    assert seen_counts == sorted(seen_counts) and seen_counts[-1] < sum(ROWS.values())

    final = subprocess.run(command(suite, out), env=environment(0), capture_output=True, text=True,
                           timeout=120)
    assert final.returncode == 0, final.stderr
    results = json.loads((run_dir / "results.json").read_text())
    assert results["complete"] is True
    assert results["instances"] == expected["instances"]
    for name, rows in ROWS.items():
        written = [json.loads(line)["file"] for line in
                   (run_dir / "predictions" / f"{name}.jsonl").read_text().splitlines()]
        assert len(written) == rows == len(set(written)), name  # none lost, none twice
        assert responses(run_dir, name) == responses(tmp_path / "reference" / "slow-test-model", name)


def test_eval_as_a_process_with_random_matches_the_in_process_run(suite, tmp_path):
    process = subprocess.run(command(suite, tmp_path / "proc", model="random"), env=environment(0),
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    assert "Kill_A" in process.stdout and "llm_classification" in process.stdout
    in_process = CliRunner().invoke(main, command(suite, tmp_path / "inproc", model="random")[3:])
    assert in_process.exit_code == 0
    a = json.loads((tmp_path / "proc" / "random" / "results.json").read_text())
    b = json.loads((tmp_path / "inproc" / "random" / "results.json").read_text())
    assert a["instances"] == b["instances"] and a["run_card_hash"] == b["run_card_hash"]
