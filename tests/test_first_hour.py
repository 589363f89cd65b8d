"""The first hour with dsuperb: what a new user types wrong or runs into, answered at once and in
plain words (the rough edges a fresh clone showed, each held by a test here or where noted)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from runner_fixtures import make_suite, write_task

from dsuperb.cli import INTERRUPTED, main
from dsuperb.commands.eval import eval_command
from dsuperb.validation.cards import validate_cards

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return make_suite(tmp_path_factory.mktemp("suite"), rows=12)


def invoke(*args) -> click.testing.Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def run_eval(suite, out, *args, model="random"):
    tasks_dir, data_dir = suite
    return invoke("eval", "--model", model, "--output-dir", out, "--tasks-dir", tasks_dir, "--data-dir",
                  data_dir, "--no-progress", *args)


def test_a_typo_in_a_built_in_model_name_is_answered_before_anything_runs(suite, tmp_path):
    result = run_eval(suite, tmp_path, model="randum")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no model 'randum': did you mean random?")
    assert not any(tmp_path.iterdir())  # no run folder, no download attempted


def test_a_data_dir_that_does_not_exist_is_an_error_before_anything_runs(suite, tmp_path):
    result = invoke("eval", "--model", "random", "--output-dir", tmp_path, "--tasks-dir", suite[0],
                    "--data-dir", tmp_path / "dat")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: --data-dir {tmp_path / 'dat'}: no such folder"
    assert not any(tmp_path.iterdir())


def test_every_eval_option_has_help_text():
    options = [param for param in eval_command.params if isinstance(param, click.Option)]
    assert len(options) > 20
    undocumented = [option.opts[0] for option in options if len((option.help or "").strip()) < 10]
    assert undocumented == []


def test_eval_filters_by_category_and_metric_as_list_does(suite, tmp_path):
    tasks = tmp_path / "tasks"  # the suite's tasks, in categories of the taxonomy
    write_task(tasks, "ToneOrNoise", ["ToneOrNoise_SetA", "ToneOrNoise_SetB"], category="sound_events")
    write_task(tasks, "ToneTranscription", ["ToneTranscription_Words"], type_="sequence_generation",
               metric="word_error_rate", label_set=None, category="content")
    mine = (tasks, suite[1])
    by_metric = run_eval(mine, tmp_path / "a", "--metric", "word_error_rate")
    assert by_metric.exit_code == 0, by_metric.output
    ran = json.loads((tmp_path / "a" / "random" / "results.json").read_text())["instances"]
    assert set(ran) == {"ToneTranscription_Words"}
    by_category = run_eval(mine, tmp_path / "b", "--category", "sound_events")
    assert by_category.exit_code == 0, by_category.output
    ran = json.loads((tmp_path / "b" / "random" / "results.json").read_text())["instances"]
    assert set(ran) == {"ToneOrNoise_SetA", "ToneOrNoise_SetB"}
    listed = invoke("list", "--tasks-dir", tasks, "--category", "sound_events", "--format", "json")
    assert [row["task"] for row in json.loads(listed.output)] == ["ToneOrNoise"]
    typo = run_eval(mine, tmp_path / "c", "--metric", "word_eror_rate")
    assert typo.exit_code == 2 and "did you mean word_error_rate?" in typo.stderr
    nothing = run_eval(mine, tmp_path / "d", "--category", "content", "--metric", "llm_classification")
    assert nothing.exit_code == 2 and "no instance matches" in nothing.stderr


def test_list_as_json_gives_lists_and_nulls(tmp_path):
    write_task(tmp_path, "Tones", ["Tones_A", "Tones_B"])
    write_task(tmp_path, "SayIt", ["SayIt_A"], type_="audio_generation", metric="null", label_set=None)
    rows = {row["task"]: row for row in json.loads(invoke("list", "--tasks-dir", tmp_path, "--format",
                                                          "json").output)}
    assert rows["Tones"] == {"task": "Tones", "instances": 2, "type": "classification",
                             "metric": "llm_classification", "domains": ["audio"], "category": "sound_event",
                             "suite": "dynamic-superb-phase2", "status": "confirmed"}
    assert rows["SayIt"]["metric"] is None
    text = invoke("list", "--tasks-dir", tmp_path).output  # the table still shows them for people
    assert re.search(r"^SayIt\s+1\s+audio_generation\s+-\s+audio\s", text, re.M)


def test_info_and_stats_take_names_in_any_case_and_task_folders(suite):
    tasks_dir, data_dir = suite
    shown = invoke("info", "tonetranscription", "--tasks-dir", tasks_dir)
    assert shown.exit_code == 0 and shown.output.startswith("ToneTranscription\n")
    assert f"card:     {tasks_dir / 'ToneTranscription' / 'task.yaml'}" in shown.output
    by_instance = invoke("info", "TONEORNOISE_SETB", "--tasks-dir", tasks_dir)
    assert by_instance.exit_code == 0 and by_instance.output.startswith("ToneOrNoise\n")
    by_folder = invoke("info", tasks_dir / "ToneOrNoise")
    assert by_folder.exit_code == 0 and by_folder.output == by_instance.output
    stats = invoke("stats", "toneornoise_seta", "--tasks-dir", tasks_dir, "--data-dir", data_dir)
    assert stats.exit_code == 0 and stats.output.startswith("ToneOrNoise_SetA  (local folder")
    folder = invoke("stats", tasks_dir / "ToneOrNoise", "--data-dir", data_dir, "--format", "json")
    assert [s["instance"] for s in json.loads(folder.output)] == ["ToneOrNoise_SetA", "ToneOrNoise_SetB"]
    wrong = invoke("info", tasks_dir / "NoSuchTask")
    assert wrong.exit_code == 2 and "no such task folder or card" in wrong.stderr


def test_a_limit_never_silently_replaces_the_scores_of_a_complete_run(suite, tmp_path):
    assert run_eval(suite, tmp_path, "--tasks", "ToneOrNoise").exit_code == 0
    results = tmp_path / "random" / "results.json"
    complete = results.read_bytes()
    limited = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", "--limit", "5")
    assert limited.exit_code == 2
    assert limited.stderr.strip() == (
        f"error: {tmp_path / 'random'} holds a run made with no --limit: --limit 5 would score 2 of its "
        "instance(s) on fewer samples and replace their scores; use another --output-dir, a --limit as "
        "large, or --overwrite")
    assert results.read_bytes() == complete
    other_tasks = run_eval(suite, tmp_path, "--tasks", "ToneTranscription", "--limit", "5")
    assert other_tasks.exit_code == 0, other_tasks.output  # instances the folder never ran: fine
    # the folder now holds instances run with two limits: each is held to its own
    again = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", "--limit", "5")
    assert again.exit_code == 2 and "holds a run made with no --limit" in again.stderr
    assert results.read_bytes() != complete  # the transcription run added its instance...
    assert json.loads(results.read_text())["instances"]["ToneOrNoise_SetA"]["count"] == 12  # ...no more
    assert run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", "--limit", "5", "--overwrite").exit_code == 0


def test_an_instance_with_failed_samples_is_never_shown_ok_beside_its_failure(suite, tmp_path, monkeypatch):
    monkeypatch.setenv("FLAKY_DIGITS", "3")
    result = run_eval(suite, tmp_path, "--tasks", "ToneOrNoise", model="runner_fixtures:FlakyModel")
    assert result.exit_code == 1
    table, failures = result.stdout.split("\nFailed:\n", 1)
    failed = [line.split(":")[0].strip() for line in failures.splitlines() if line.startswith("  ")]
    assert failed == ["ToneOrNoise_SetA", "ToneOrNoise_SetB"]
    for name in failed:
        row = next(line for line in table.splitlines() if line.startswith(name + " "))
        assert row.split()[-2:] == ["some", "failed"], row
        assert failures.count(f"  {name}: ") == 1


def test_the_instance_name_rule_quotes_the_prefix_whole(tmp_path):
    folder = write_task(tmp_path, "Tones", ["Other_A"])
    (folder / "README.md").write_text("# Tones\n\nTone or noise.\n")
    _, findings = validate_cards([folder])
    (finding,) = [f for f in findings if f.rule == "card.instance-name" and "does not start" in f.message]
    assert finding.message == ("instance name 'Other_A' does not start with the task name and an underscore "
                               "('Tones_')")
    assert "'_" not in finding.message


def _interrupt_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def test_ctrl_c_while_starting_prints_the_same_line_as_later(suite, tmp_path, monkeypatch):
    marker = tmp_path / "loading"
    env = {**os.environ, "PYTHONPATH": str(TESTS), "HF_HUB_OFFLINE": "1", "LOADING_MARKER": str(marker)}
    argv = ["eval", "--model", "runner_fixtures:SlowLoadingModel", "--output-dir", str(tmp_path / "runs"),
            "--tasks-dir", str(suite[0]), "--data-dir", str(suite[1])]
    # A shell running this suite in the background starts it with SIGINT ignored, which the child
    # would inherit (and Python then never raises KeyboardInterrupt): give it Ctrl-C's default back.
    process = subprocess.Popen([sys.executable, "-m", "dsuperb", *argv], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), process.communicate()[1] if process.poll() is not None else "never loaded"
    process.send_signal(signal.SIGINT)  # what Ctrl-C sends, while the model loads
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and _interrupt_line(stderr) == INTERRUPTED

    monkeypatch.setenv("INTERRUPT_AT_CALL", "2")  # and in the middle of the run
    later = run_eval(suite, tmp_path / "later", model="runner_fixtures:InterruptingModel")
    assert later.exit_code == 130 and _interrupt_line(later.stderr) == INTERRUPTED
