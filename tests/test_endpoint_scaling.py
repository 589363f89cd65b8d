"""`dsuperb eval --model openai:...` at scale: the stream across instances, several servers, what each
server serves, and kill -9 during a streaming run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from killing import kill_when, lines
from models_chat_server import running_server
from runner_fixtures import classification_suite

from dsuperb.cli import main
from dsuperb.errors import ModelError
from dsuperb.models.options import CommonOptions
from dsuperb.models.registry import load_model
from dsuperb.runner import EvalConfig, Runner
from dsuperb.scoring.judge_embedded import EmbeddedJudge

TESTS_DIR = Path(__file__).resolve().parent
ROWS = {"Stream_A": 30, "Stream_B": 26}


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    root = tmp_path_factory.mktemp("stream")
    classification_suite(root, "Small", {"Small_A": 5, "Small_B": 5}, seed=9)
    return classification_suite(root, "Stream", ROWS, seed=3)


def arguments(suite, out, *extra, tasks="Stream") -> list[str]:
    return ["eval", "--model", "openai:echo", "--output-dir", str(out), "--tasks-dir", str(suite[0]),
            "--data-dir", str(suite[1]), "--tasks", tasks, "--no-progress", *extra]


def stats(base_url: str) -> dict:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats", timeout=5) as reply:
        return json.loads(reply.read())


def card_of(run_dir: Path) -> dict:
    return json.loads((run_dir / "run_card.json").read_text())


def test_the_window_stays_full_across_instance_boundaries(suite, tmp_path):
    with running_server(latency=0.5) as url:
        result = CliRunner().invoke(main, arguments(suite, tmp_path, "--base-url", url, "--concurrency", "8",
                                                    tasks="Small"))
        most = stats(url)["max_in_flight"]["echo"]
    assert result.exit_code == 0, result.output
    # each instance has 5 samples: more than 5 at once means the second instance's requests were
    # sent while the first's were still on their way (no barrier at the instance boundary)
    assert most == 8
    run_dir = tmp_path / "openai_echo"
    for name in ("Small_A", "Small_B"):
        rows = (run_dir / "predictions" / f"{name}.jsonl").read_text().splitlines()
        assert len(rows) == 5 and all(json.loads(row)["instance"] == name for row in rows)
    assert list(json.loads((run_dir / "results.json").read_text())["instances"]) == ["Small_A", "Small_B"]


def test_requests_spread_over_every_base_url_and_the_card_records_each_server(suite, tmp_path):
    with running_server() as first, running_server() as second:
        urls = ("--base-url", first, "--base-url", second)
        result = CliRunner().invoke(main, arguments(suite, tmp_path, *urls, "--revision", "0123abc"))
        counts = [stats(url)["posts"].get("echo", 0) for url in (first, second)]
    assert result.exit_code == 0, result.output
    assert sum(counts) == sum(ROWS.values()) and min(counts) > 0, counts
    card = card_of(tmp_path / "openai_echo")
    assert card["generation"]["revision"] == "0123abc"  # as the user stated it: servers do not report it
    execution = card["execution"]
    assert execution["base_url"] == f"{first},{second}" and execution["concurrency"] == 64
    assert [(s["url"], s["id"], s["root"]) for s in execution["servers"]] == [
        (first, "echo", "/models/echo"), (second, "echo", "/models/echo")]


def test_a_server_serving_another_model_stops_the_run_before_anything_is_written(suite, tmp_path):
    with running_server() as right, running_server(served="Qwen/Qwen2-Audio-7B-Instruct") as wrong:
        urls = ("--base-url", right, "--base-url", wrong)
        result = CliRunner().invoke(main, arguments(suite, tmp_path, *urls))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: openai:echo: {wrong} serves Qwen/Qwen2-Audio-7B-Instruct, not 'echo' (name the served "
        "model: --model openai:<id as /v1/models lists it>)")
    assert not (tmp_path / "openai_echo").exists()


def test_a_server_that_lists_nothing_is_recorded_and_used():
    with running_server(served="none") as url:
        model = load_model("openai:echo", CommonOptions(), {"base_url": url})
        model.describe()
        [server] = model.execution()["servers"]
        assert server["listed"] is False and "HTTP 404" in server["message"]
        assert model.generate([]) == []


def test_an_unreachable_server_beside_a_live_one_is_recorded_and_all_unreachable_is_an_error():
    dead = "http://127.0.0.1:9/v1"
    with running_server() as url:
        model = load_model("openai:echo", CommonOptions(), {"base_url": f"{dead},{url}"})
        model.describe()
        servers = model.execution()["servers"]
    assert servers[0]["url"] == dead and "cannot reach" in servers[0]["unreachable"]
    assert servers[1]["id"] == "echo"
    alone = load_model("openai:echo", CommonOptions(), {"base_url": dead})
    with pytest.raises(ModelError, match=r"^openai:echo: cannot reach http://127\.0\.0\.1:9/v1/models"):
        alone.describe()


class JudgeWaitingForTheNextInstance(EmbeddedJudge):
    """Scores the first instance only once the next one's answers are all stored (or gives up):
    that can happen only if scoring leaves the stream running."""

    def __init__(self, predictions: Path, rows: int):
        super().__init__()
        self.predictions, self.rows = predictions, rows
        self.next_instance_answered: bool | None = None

    def judge_many(self, items):
        if self.next_instance_answered is None:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.stored() < self.rows:
                time.sleep(0.02)
            self.next_instance_answered = self.stored() >= self.rows
        return super().judge_many(items)

    def stored(self) -> int:
        return len(self.predictions.read_text().splitlines()) if self.predictions.exists() else 0


def test_scoring_a_finished_instance_leaves_the_stream_running(suite, tmp_path):
    """An LLM judge takes a while per instance: the next instance's requests keep going meanwhile."""
    with running_server(latency=0.05) as url:
        model = load_model("openai:echo", CommonOptions(), {"base_url": url, "concurrency": "2"})
        config = EvalConfig(model="openai:echo", output_dir=tmp_path / "runs", tasks=("Small",),
                            tasks_dir=suite[0], data_dir=suite[1], progress=False)
        predictions = tmp_path / "runs" / "openai_echo" / "predictions" / "Small_B.jsonl"
        judge = JudgeWaitingForTheNextInstance(predictions, 5)
        outcome = Runner(config, model=model, judge=judge).run()
    assert judge.next_instance_answered is True
    assert not outcome.failed and outcome.results.complete
    assert [name for name, result in outcome.results.instances.items() if result.count == 5] == \
        ["Small_A", "Small_B"]


@pytest.mark.parametrize("option, message", [
    ({"timeout": "-1"}, "openai:echo: model option timeout=-1: expected seconds above 0"),
    ({"timeout": "0"}, "openai:echo: model option timeout=0: expected seconds above 0"),
    ({"backoff": "-0.5"}, "openai:echo: model option backoff=-0.5: expected seconds of 0 or more"),
])
def test_a_timeout_or_backoff_out_of_range_is_refused_at_load_naming_the_option(option, message):
    with pytest.raises(ModelError) as refused:
        load_model("openai:echo", CommonOptions(), {"base_url": "http://127.0.0.1:9/v1", **option})
    assert str(refused.value) == message


def test_a_base_url_that_is_not_http_is_refused():
    with pytest.raises(ModelError, match="--base-url localhost:8000/v1: not an http:// or https:// URL"):
        load_model("openai:echo", CommonOptions(), {"base_url": "localhost:8000/v1"})


# -- kill -9 during a streaming run ----------------------------------------------------------------

def environment() -> dict:
    path = os.pathsep.join(filter(None, [str(TESTS_DIR), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "HF_HUB_OFFLINE": "1"}


def answers(run_dir: Path, name: str) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in (run_dir / "predictions" / f"{name}.jsonl").read_text().splitlines()]
    return sorted((row["file"], row["response"]) for row in rows)


def test_kill_9_during_a_streaming_run_then_resume_equals_an_uninterrupted_run(suite, tmp_path):
    with running_server(latency=0.05) as url:
        reference = CliRunner().invoke(main, arguments(suite, tmp_path / "reference", "--base-url", url))
        assert reference.exit_code == 0, reference.output
        command = [sys.executable, "-m", "dsuperb", *arguments(suite, tmp_path / "killed", "--base-url", url,
                                                                "--concurrency", "4")]
        run_dir = tmp_path / "killed" / "openai_echo"
        seen = [kill_when(command, environment(), lambda: len(lines(run_dir)), target)
                for target in (3, 20, ROWS["Stream_A"] + 6)]
        assert seen == sorted(seen) and seen[-1] < sum(ROWS.values())
        final = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    expected = json.loads((tmp_path / "reference" / "openai_echo" / "results.json").read_text())
    results = json.loads((run_dir / "results.json").read_text())
    assert results["complete"] is True and results["instances"] == expected["instances"]
    for name, rows in ROWS.items():
        got = answers(run_dir, name)
        assert len(got) == rows == len({file for file, _ in got}), name  # none lost, none twice
        assert got == answers(tmp_path / "reference" / "openai_echo", name)
