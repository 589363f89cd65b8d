"""A run folder written by dsuperb 0.1 (committed under tests/data/legacy_run_v0_1, made with
`dsuperb eval --model random --tasks demo/tasks --data-dir demo/data --limit 6`, cards copied
beside it) resumes under today's code: same settings, nothing run twice, new rows added."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from dsuperb.cli import main

HERE = Path(__file__).resolve().parent
LEGACY = HERE / "data" / "legacy_run_v0_1"
DEMO_DATA = HERE.parent / "demo" / "data"


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_a_run_made_by_version_0_1_resumes(tmp_path):
    out = tmp_path / "runs"
    shutil.copytree(LEGACY / "random", out / "random")
    before = {p.name: lines(p) for p in (out / "random" / "predictions").glob("*.jsonl")}
    created = json.loads((out / "random" / "run_card.json").read_text())["created"]
    argv = ["eval", "--model", "random", "--tasks-dir", str(LEGACY / "tasks"), "--data-dir", str(DEMO_DATA),
            "--output-dir", str(out), "--no-progress", "--limit", "8"]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "other settings" not in result.output
    card = json.loads((out / "random" / "run_card.json").read_text())
    assert card["created"] == created  # resumed, not started afresh
    results = json.loads((out / "random" / "results.json").read_text())
    assert results["instances"] and all(entry["count"] == 8 for entry in results["instances"].values())
    for name, old in before.items():
        now = lines(out / "random" / "predictions" / name)
        assert now[:len(old)] == old and len(now) == 8  # kept as written, two rows added


def test_a_run_resumed_under_another_judge_version_is_scored_again_not_refused(tmp_path):
    """Predictions do not depend on the judge; scores do. A run folder judged by an older rule
    version is taken as it is and every instance is scored again by today's judge."""
    out = tmp_path / "runs"
    shutil.copytree(LEGACY / "random", out / "random")
    card_path, results_path = out / "random" / "run_card.json", out / "random" / "results.json"
    card, results = json.loads(card_path.read_text()), json.loads(results_path.read_text())
    card["judge"]["id"] = "embedded-rules-v0"
    for entry in results["instances"].values():
        if entry["judge"]:
            entry["judge"]["id"] = "embedded-rules-v0"
    card_path.write_text(json.dumps(card))
    results_path.write_text(json.dumps(results))
    argv = ["eval", "--model", "random", "--tasks-dir", str(LEGACY / "tasks"), "--data-dir", str(DEMO_DATA),
            "--output-dir", str(out), "--no-progress", "--limit", "6"]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    from dsuperb.scoring import make_judge

    today = make_judge().identity
    rescored = json.loads(results_path.read_text())["instances"]
    judged = [entry for entry in rescored.values() if entry["metric"] == "llm_classification"]
    assert judged and all(entry["judge"] == today for entry in judged)
    assert json.loads(card_path.read_text())["judge"]["id"] == today["id"]
