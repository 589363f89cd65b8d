"""`dsuperb eval` adapter settings: endpoint limits and --model-option reach the model and the run card."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from runner_fixtures import make_suite

from dsuperb.cli import main


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return make_suite(tmp_path_factory.mktemp("suite"), rows=12)


def run_eval(suite, out, *args):
    tasks_dir, data_dir = suite
    argv = ["eval", "--model", "random", "--output-dir", str(out), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--no-progress", "--tasks", "ToneOrNoise", *args]
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def test_model_options_and_endpoint_limits_are_recorded(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--model-option", "language=en",
                      "--model-option", "prompt_format=base", "--concurrency", "2",
                      "--timeout", "5", "--max-retries", "1")
    assert result.exit_code == 0, result.output
    card = json.loads((tmp_path / "random" / "run_card.json").read_text())
    assert card["generation"]["model_options"] == {"language": "en", "prompt_format": "base"}
    assert card["execution"]["concurrency"] == 2
    assert card["execution"]["timeout"] == 5.0 and card["execution"]["max_retries"] == 1


def test_a_changed_model_option_is_refused_on_resume(suite, tmp_path):
    assert run_eval(suite, tmp_path, "--model-option", "language=en").exit_code == 0
    changed = run_eval(suite, tmp_path, "--model-option", "language=fr")
    assert changed.exit_code == 2 and "model_options" in changed.stderr


def test_a_malformed_model_option_is_a_usage_message(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--model-option", "language")
    assert result.exit_code == 2 and "KEY=VALUE" in result.stderr
    assert not (tmp_path / "random").exists()


def test_progress_is_shown_per_instance_and_overall(suite, tmp_path):
    tasks_dir, data_dir = suite
    argv = ["eval", "--model", "random", "--output-dir", str(tmp_path), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--tasks", "ToneOrNoise"]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    instances = sorted(p.stem for p in (tmp_path / "random" / "predictions").glob("*.jsonl"))
    assert len(instances) == 2
    assert "instances: 100%|" in result.stderr and f"{len(instances)}/{len(instances)}" in result.stderr
    for name in instances:  # one bar per instance, sized to the instance's samples
        rows = (tmp_path / "random" / "predictions" / f"{name}.jsonl").read_text().count("\n")
        assert f"{name}:   0%|          | 0/{rows} " in result.stderr
