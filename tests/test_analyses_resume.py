"""An analysis run killed with SIGKILL at several points and started again ends with exactly the
rows and scores of an uninterrupted run: none lost, none asked twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import killing
import pytest
from analysis_fixtures import write_pairs
from killing import lines
from runner_fixtures import classification_suite

TESTS_DIR = Path(__file__).resolve().parent


def environment(delay: float) -> dict:
    path = os.pathsep.join(filter(None, [str(TESTS_DIR), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "SLOW_MODEL_DELAY": str(delay), "HF_HUB_OFFLINE": "1"}


def command(tasks_dir: Path, data_dir: Path, out: Path, model: str, *analysis: str) -> list[str]:
    return [sys.executable, "-m", "dsuperb.cli", "eval", "--model", model, "--output-dir", str(out),
            "--tasks-dir", str(tasks_dir), "--data-dir", str(data_dir), "--batch-size", "2", "--no-progress",
            *analysis]


def by_file(run_dir: Path) -> dict[tuple, dict]:
    rows = [json.loads(line) for line in lines(run_dir)]
    return {(row["instance"], row["file"]): row for row in rows}


@pytest.mark.parametrize("kind", ["instructions", "permutations"])
def test_kill_9_then_resume_equals_an_uninterrupted_analysis_run(tmp_path, kind):
    if kind == "instructions":
        rows = {"Kill_A": 14, "Kill_B": 9}
        tasks_dir, data_dir = classification_suite(tmp_path / "suite", "Kill", rows, seed=2)
        model, folder, analysis, total = "runner_fixtures:SlowModel", "slow-test-model", \
            ("--instruction-variants", "2"), 3 * 23
    else:
        tasks_dir, data_dir = tmp_path / "suite" / "tasks", tmp_path / "suite" / "data"
        write_pairs(tasks_dir, data_dir, rows=20)
        model, folder, analysis, total = "analysis_fixtures:SlowLoudestModel", "slow-loudest-test-model", \
            ("--audio-permutations", "1"), 2 * 20
    suffix = f"{kind}-{analysis[1]}"
    reference = subprocess.run(command(tasks_dir, data_dir, tmp_path / "reference", model, *analysis),
                               env=environment(0), capture_output=True, text=True, timeout=120)
    assert reference.returncode == 0, reference.stderr
    expected_dir = tmp_path / "reference" / f"{folder}__{suffix}"

    out = tmp_path / "killed"
    run_dir = out / f"{folder}__{suffix}"
    seen = []
    for target in (1, total // 3, 2 * total // 3):
        seen.append(killing.kill_when(command(tasks_dir, data_dir, out, model, *analysis), environment(0.03),
                                      lambda: len(lines(run_dir)), target))
        if target == total // 3:  # what a kill in the middle of a write leaves: a torn last line
            torn = sorted((run_dir / "predictions").glob("*.jsonl"))[-1]
            with open(torn, "a") as handle:
                handle.write('{"instance": "x", "file": "clip_00')
    assert seen == sorted(seen) and seen[-1] < total

    final = subprocess.run(command(tasks_dir, data_dir, out, model, *analysis), env=environment(0),
                           capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    written = lines(run_dir)
    assert len(written) == total == len(by_file(run_dir))  # none lost, none twice
    assert by_file(run_dir) == by_file(expected_dir)
    results = json.loads((run_dir / "results.json").read_text())
    assert results["complete"] is True
    assert results["instances"] == json.loads((expected_dir / "results.json").read_text())["instances"]
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["analysis"]["kind"] == kind and card["timing"]["sessions"] == 4
