"""`dsuperb eval` adapter settings: each backend's own options, filled from --model-option and the
shorthand flags, reach the model and the run card; unknown ones are refused."""

from __future__ import annotations

import io
import json
import sys

import pytest
from click.testing import CliRunner
from runner_fixtures import make_suite

from dsuperb.cli import main
from dsuperb.runner import EvalConfig, Runner


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return make_suite(tmp_path_factory.mktemp("suite"), rows=12)


def run_eval(suite, out, *args, model="runner_fixtures:OptionedModel"):
    tasks_dir, data_dir = suite
    argv = ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir", str(tasks_dir),
            "--data-dir", str(data_dir), "--no-progress", "--tasks", "ToneOrNoise", *args]
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def test_model_options_reach_the_model_and_the_run_card(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--model-option", "language=fr", "--model-option", "workers=2")
    assert result.exit_code == 0, result.output
    card = json.loads((tmp_path / "optioned-test-model" / "run_card.json").read_text())
    assert card["generation"]["model_options"] == {"language": "fr"}  # changes answers: compared
    assert card["execution"]["workers"] == 2  # speed only: recorded, not compared
    rows = (tmp_path / "optioned-test-model" / "predictions").glob("*.jsonl")
    assert all('"response": "ton"' in path.read_text() for path in rows)


def test_a_changed_model_option_is_refused_on_resume_and_a_speed_option_is_not(suite, tmp_path):
    assert run_eval(suite, tmp_path, "--model-option", "language=de").exit_code == 0
    faster = run_eval(suite, tmp_path, "--model-option", "language=de", "--model-option", "workers=8")
    assert faster.exit_code == 0, faster.output
    changed = run_eval(suite, tmp_path, "--model-option", "language=fr")
    assert changed.exit_code == 2 and "model_options" in changed.stderr


def test_an_unknown_option_is_refused_with_the_known_ones(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--model-option", "langauge=fr")
    assert result.exit_code == 2
    assert "unknown model option 'langauge'" in result.stderr and "did you mean language?" in result.stderr
    assert "language, workers" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "optioned-test-model").exists()


def test_a_value_of_the_wrong_type_is_refused(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--model-option", "workers=many")
    assert result.exit_code == 2 and "workers='many' is not a int" in result.stderr


def test_a_shorthand_flag_the_backend_does_not_have_is_refused(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--base-url", "http://localhost:8000/v1", model="random")
    assert result.exit_code == 2 and "random: unknown model option 'base_url'" in result.stderr


def test_a_malformed_model_option_is_a_usage_message(suite, tmp_path):
    result = run_eval(suite, tmp_path, "--model-option", "language")
    assert result.exit_code == 2 and "KEY=VALUE" in result.stderr
    assert not (tmp_path / "optioned-test-model").exists()


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_is_shown_per_instance_and_overall_on_a_terminal_only(suite, tmp_path, monkeypatch,
                                                                       terminal):
    stream = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    tasks_dir, data_dir = suite
    config = EvalConfig(model="random", output_dir=tmp_path, tasks=("ToneOrNoise",), tasks_dir=tasks_dir,
                        data_dir=data_dir)
    outcome = Runner(config).run()
    assert not outcome.failed
    shown = stream.getvalue()
    instances = sorted(p.stem for p in (tmp_path / "random" / "predictions").glob("*.jsonl"))
    assert len(instances) == 2
    if not terminal:
        assert "instances:" not in shown and "%|" not in shown
        return
    assert "instances: 100%|" in shown and f"{len(instances)}/{len(instances)}" in shown
    for name in instances:  # one bar per instance, sized to the instance's samples
        rows = (tmp_path / "random" / "predictions" / f"{name}.jsonl").read_text().count("\n")
        assert f"{name}:   0%|          | 0/{rows} " in shown
