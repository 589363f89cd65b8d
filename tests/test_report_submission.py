"""Export to the Dynamic-SUPERB score-submission format: one JSON file per model, a list of
{"name": instance, "scores": [{"metric", "value", "version", "seen"}]} (the organisers' tutorial,
dynamic-superb.github.io score_submission.md)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from report_scale import plan, write_scale_runs

from dsuperb.cli import main
from dsuperb.report.submission import submission_name


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return write_scale_runs(tmp_path_factory.mktemp("runs"), 2, plan(12), 20)


def test_one_file_per_model_in_the_submission_format(runs, tmp_path):
    out = tmp_path / "submissions"
    argv = ["report", *map(str, runs), "--bootstrap", "0", "--format", "json", "--submission", str(out),
            "--seen", "AAVESpeechRecognition"]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sorted(p.name for p in out.iterdir()) == ["model-01.json", "random.json"]
    assert f"wrote {out / 'model-01.json'}" in result.stderr
    document = json.loads((out / "model-01.json").read_text())
    assert (out / "model-01.json").read_text().startswith('[\n    {\n        "name": ')  # indent 4
    instances = {i["instance"]: i for i in report["instances"]}
    assert [entry["name"] for entry in document] == sorted(instances)
    for entry in document:
        assert set(entry) == {"name", "scores"} and len(entry["scores"]) == 1
        score = entry["scores"][0]
        assert set(score) == {"metric", "value", "version", "seen"}
        instance = instances[entry["name"]]
        assert score["metric"] == instance["metric"]
        assert score["value"] == instance["scores"]["model-01"]["raw"]  # the metric's own scale
        assert score["version"] == instance["dataset_revisions"]["model-01"]
        assert score["seen"] == (instance["task"] == "AAVESpeechRecognition")
    accuracy = next(e for e in document if e["scores"][0]["metric"] == "llm_classification")
    assert 0 <= accuracy["scores"][0]["value"] <= 1


def test_file_names_follow_the_tutorial():
    assert submission_name("my super model") == "my_super_model.json"
    assert submission_name("Qwen/Qwen2-Audio-7B-Instruct") == "Qwen_Qwen2-Audio-7B-Instruct.json"


def test_a_model_below_two_tasks_is_warned_about(runs, tmp_path):
    one = write_scale_runs(tmp_path / "one", 1, plan(1), 10)
    result = CliRunner().invoke(main, ["report", str(one[0]), "--bootstrap", "0", "--submission",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "warning: --submission: random: 1 task(s) in its submission; the leaderboard asks for at least 2" \
        in result.stderr
