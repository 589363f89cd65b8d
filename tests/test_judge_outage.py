"""A judge that cannot answer is a failure, never a score: `--judge openai:x` with no server behind it
ends with the judged instances failed (no value, the judge's message in the table) and exit 1, in
`dsuperb score` and in `dsuperb eval`; instances that need no judge are scored as usual."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner
from runner_fixtures import make_suite

from dsuperb.cli import main


@pytest.fixture()
def no_server(monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"DSUPERB_JUDGE_BASE_URL": f"http://127.0.0.1:{port}/v1", "DSUPERB_JUDGE_RETRIES": "0",
           "DSUPERB_JUDGE_CACHE": "off", "HF_HUB_OFFLINE": "1"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_score_with_an_unreachable_judge_fails_the_instance(tmp_path, no_server):
    predictions = tmp_path / "p.jsonl"
    rows = [{"instance": "Emotion_X", "file": f"f{i}", "instruction": "Happy or sad?", "label": "happy",
             "response": reply, "error": None} for i, reply in enumerate(["happy", "sad", "happy"])]
    rows.append({"instance": "Words_X", "file": "w", "instruction": "Transcribe.", "label": "a b",
                 "response": "a b", "error": None})
    predictions.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "scored.jsonl"
    result = CliRunner().invoke(main, ["score", str(predictions), "--metric", "llm_classification",
                                       "--judge", "openai:x", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "failed" in result.output and "judge failed on all" in result.output
    assert "0.0000" not in result.output.split("Failed:")[0].split("Emotion_X", 1)[1].split("\n")[0]
    scored = [json.loads(line) for line in out.read_text().splitlines()]
    emotion = [row for row in scored if row["instance"] == "Emotion_X"]
    assert all(row["judge_error"] and row["score"] is None and "cannot reach" in row["reason"]
               for row in emotion)
    as_json = CliRunner().invoke(main, ["score", str(predictions), "--metric", "llm_classification",
                                        "--judge", "openai:x", "--format", "json"])
    summary = {s["instance"]: s for s in json.loads(as_json.stdout)["instances"]}
    assert as_json.exit_code == 1
    assert summary["Emotion_X"]["status"] == "failed" and summary["Emotion_X"]["value"] is None
    assert summary["Emotion_X"]["normalised"] is None and summary["Emotion_X"]["judge_errors"] == 3


def test_eval_with_an_unreachable_judge_fails_the_judged_instances(tmp_path, no_server):
    tasks_dir, data_dir = make_suite(tmp_path / "suite", rows=6)
    out = tmp_path / "runs"
    argv = ["eval", "--model", "random", "--output-dir", str(out), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--no-progress", "--judge", "openai:x"]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    results = json.loads((out / "random" / "results.json").read_text())["instances"]
    judged = {name: entry for name, entry in results.items() if entry["metric"] == "llm_classification"}
    assert judged
    for name, entry in judged.items():
        assert entry["status"] == "failed" and entry["value"] is None and entry["normalised"] is None, name
        assert "judge failed on all" in entry["message"] and "cannot reach" in entry["message"]
        assert f"{name}: judge failed on all" in result.output
    others = [entry for entry in results.values() if entry["metric"] != "llm_classification"]
    assert others and all(entry["status"] == "ok" and entry["value"] is not None for entry in others)


@pytest.mark.parametrize(("variable", "value", "expected"), [
    ("DSUPERB_JUDGE_TIMEOUT", "abc", "DSUPERB_JUDGE_TIMEOUT=abc: expected seconds above 0"),
    ("DSUPERB_JUDGE_TIMEOUT", "0", "DSUPERB_JUDGE_TIMEOUT=0: expected seconds above 0"),
    ("DSUPERB_JUDGE_RETRIES", "-1", "DSUPERB_JUDGE_RETRIES=-1: expected a whole number of 0 or more"),
    ("DSUPERB_JUDGE_RETRIES", "2.5", "DSUPERB_JUDGE_RETRIES=2.5: expected a whole number of 0 or more"),
])
def test_a_judge_setting_out_of_range_is_one_line_before_any_scoring(tmp_path, no_server, monkeypatch,
                                                                    variable, value, expected):
    """A timeout of 0 used to reach the socket ('Timeout value out of range', a traceback per row);
    a word where a number belongs was a ValueError traceback."""
    monkeypatch.setenv(variable, value)
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(json.dumps({"instance": "Emotion_X", "file": "f", "instruction": "Happy or sad?",
                                       "label": "happy", "response": "happy", "error": None}) + "\n")
    out = tmp_path / "scored.jsonl"
    result = CliRunner().invoke(main, ["score", str(predictions), "--metric", "llm_classification",
                                       "--judge", "openai:x", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [f"error: {expected}"]
    assert not out.exists()
