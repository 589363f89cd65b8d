"""The OpenAI-compatible judge against a real local HTTP server process that speaks chat completions.

The server (written to a temporary file and run with this Python) picks a behaviour by model name:
`grader` answers YES when the ground truth appears in the response, `slow` waits longer than the
client's timeout, `fail` always answers HTTP 500, `flaky` answers 500 to the first try of each
prompt, `babble` answers without a verdict line, `badjson` answers a body that is not JSON.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from dsuperb.cli import main
from dsuperb.scoring import make_judge, score_rows
from dsuperb.scoring.judge_llm import PROMPT_HASH

SERVER = r'''
import json, re, sys, threading, time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
POSTS = Counter()
SEEN = set()
AUTH = []

def grade(prompt):
    label = re.search(r"Ground-truth answer:\n(.*?)\n\n", prompt, re.S).group(1).strip().lower()
    response = re.search(r"Model's response:\n(.*?)\n\nDecide", prompt, re.S).group(1).strip().lower()
    ok = re.search(r"\b" + re.escape(label) + r"\b", response) is not None
    return ("The response names the ground truth." if ok else "The response gives another answer.") + \
        "\nResult: " + ("YES" if ok else "NO")

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, raw=False):
        data = body if raw else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with LOCK:
            self.send(200, {"posts": dict(POSTS), "auth": AUTH[-1:] })

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        model = request["model"]
        prompt = request["messages"][0]["content"]
        with LOCK:
            POSTS[model] += 1
            AUTH.append(self.headers.get("Authorization"))
            first_try = (model, prompt) not in SEEN
            SEEN.add((model, prompt))
        if model == "slow":
            time.sleep(3)
        if model == "fail" or (model == "flaky" and first_try):
            return self.send(500, {"error": {"message": "overloaded"}})
        if model == "badjson":
            return self.send(200, b"<html>gateway</html>", raw=True)
        text = "I think it might be fine." if model == "babble" else grade(prompt)
        self.send(200, {"id": "x", "object": "chat.completion", "model": model,
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                     "finish_reason": "stop"}]})

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("PORT", server.server_address[1], flush=True)
server.serve_forever()
'''

INSTRUCTION = "What emotion is conveyed? Answer with one of: happy, sad, angry."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    script = tmp_path_factory.mktemp("judge_server") / "server.py"
    script.write_text(SERVER)
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        port = int(re.match(r"PORT (\d+)", line).group(1))
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def stats(url):
    with urllib.request.urlopen(url.replace("/v1", "/stats"), timeout=5) as reply:
        return json.loads(reply.read())


def rows(*pairs):
    return [{"instance": "Emotion_Test", "file": f"f{i}", "instruction": INSTRUCTION, "label": label,
             "response": response, "error": None} for i, (label, response) in enumerate(pairs)]


PAIRS = (("happy", "The speaker is happy."), ("sad", "Angry, clearly."), ("angry", "angry"))


def classify(rows, judge):
    return score_rows(rows, metric="llm_classification", judge=judge)


def judge_for(server, model, tmp_path, **options):
    options.setdefault("backoff", 0.01)
    return make_judge(f"openai:{model}", cache_dir=tmp_path / "cache", base_url=server, **options)


def test_grades_through_the_endpoint_and_records_identity(server, tmp_path):
    judge = judge_for(server, "grader", tmp_path)
    result = score_rows(rows(*PAIRS), metric="llm_classification", judge=judge)
    assert [r["score"] for r in result.rows] == [1.0, 0.0, 1.0]
    assert result.rows[0]["reason"].startswith("judge: YES")
    assert result.rows[1]["answer"] == "angry"  # extraction still reported next to the judge's verdict
    identity = result.summary["judge"]
    assert identity["id"] == "openai:grader" and identity["prompt_hash"] == PROMPT_HASH
    assert all(row["judge"] == identity for row in result.rows)
    assert result.summary["errors"] == 0


def test_verdicts_are_cached_on_disk(server, tmp_path):
    before = stats(server)["posts"].get("grader", 0)
    first = score_rows(rows(*PAIRS), metric="llm_classification", judge=judge_for(server, "grader", tmp_path))
    middle = stats(server)["posts"]["grader"]
    assert middle - before == 3
    # a new judge object over the same cache folder asks nothing again
    second = classify(rows(*PAIRS), judge_for(server, "grader", tmp_path))
    assert stats(server)["posts"]["grader"] == middle
    assert [r["score"] for r in second.rows] == [r["score"] for r in first.rows]
    assert all("cached" in r["reason"] for r in second.rows)
    # a different response is a different key
    classify(rows(("happy", "happy!")), judge_for(server, "grader", tmp_path))
    assert stats(server)["posts"]["grader"] == middle + 1


def test_server_errors_are_retried(server, tmp_path):
    result = score_rows(rows(*PAIRS), metric="llm_classification", judge=judge_for(server, "flaky", tmp_path))
    assert [r["score"] for r in result.rows] == [1.0, 0.0, 1.0]
    assert stats(server)["posts"]["flaky"] == 6  # one 500 and one success per prompt


def test_an_outage_is_recorded_never_a_crash_never_a_pass(server, tmp_path):
    judge = judge_for(server, "fail", tmp_path, retries=2)
    result = score_rows(rows(*PAIRS), metric="llm_classification", judge=judge)
    assert [r["score"] for r in result.rows] == [None, None, None]  # no verdict, no score: never a 0
    assert all(r["judge_error"] and r["na"] and r["stats"] == {} for r in result.rows)
    assert all("judge failed" in r["reason"] and "HTTP 500" in r["reason"] for r in result.rows)
    assert result.summary["errors"] == 3 and result.summary["value"] is None
    assert result.summary["status"] == "failed" and "HTTP 500" in result.summary["message"]
    assert stats(server)["posts"]["fail"] == 9  # 3 prompts x (1 try + 2 retries)
    # failures are not cached: the next run asks again
    classify(rows(PAIRS[0]), judge_for(server, "fail", tmp_path, retries=0))
    assert stats(server)["posts"]["fail"] == 10


def test_a_dead_endpoint_is_given_up_on_after_failures_in_a_row(server, tmp_path):
    before = stats(server)["posts"].get("fail", 0)
    judge = judge_for(server, "fail", tmp_path, retries=0, workers=1, give_up_after=2)
    result = classify(rows(*PAIRS, ("sad", "sad"), ("happy", "happy")), judge)
    assert stats(server)["posts"]["fail"] - before == 2
    assert all(r["judge_error"] and r["score"] is None for r in result.rows)
    assert "not sent" in result.rows[4]["reason"] and "failed 2 requests in a row" in result.rows[4]["reason"]


def test_slow_replies_time_out_and_are_recorded(server, tmp_path):
    judge = judge_for(server, "slow", tmp_path, timeout=0.4, retries=1, workers=2)
    started = time.monotonic()
    result = score_rows(rows(*PAIRS[:2]), metric="llm_classification", judge=judge)
    assert time.monotonic() - started < 10
    assert all(r["judge_error"] and "no reply" in r["reason"] for r in result.rows)
    assert [r["score"] for r in result.rows] == [None, None]


def test_unparseable_and_garbled_replies_are_judge_failures_with_a_reason(server, tmp_path):
    babble = classify(rows(PAIRS[0]), judge_for(server, "babble", tmp_path))
    row = babble.rows[0]
    assert row["score"] is None and row["judge_error"] and "unparseable verdict" in row["reason"]
    garbled = score_rows(rows(PAIRS[0]), metric="llm_classification",
                         judge=judge_for(server, "badjson", tmp_path, retries=0))
    assert garbled.rows[0]["judge_error"] and "is not JSON" in garbled.rows[0]["reason"]


def test_unreachable_endpoint(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    judge = make_judge("openai:grader", cache_dir=tmp_path, base_url=f"http://127.0.0.1:{port}/v1", retries=1,
                       backoff=0.01)
    result = score_rows(rows(PAIRS[0]), metric="llm_classification", judge=judge)
    assert result.rows[0]["judge_error"] and "cannot reach" in result.rows[0]["reason"]


def test_api_key_comes_from_the_environment(server, tmp_path, monkeypatch):
    monkeypatch.setenv("DSUPERB_JUDGE_API_KEY", "sk-test-123")
    score_rows(rows(("sad", "sad")), metric="llm_classification", judge=judge_for(server, "grader", tmp_path))
    assert stats(server)["auth"] == ["Bearer sk-test-123"]


def test_score_command_with_the_http_judge(server, tmp_path):
    predictions = tmp_path / "p.jsonl"
    predictions.write_text("\n".join(json.dumps(r) for r in rows(*PAIRS)) + "\n")
    out = tmp_path / "scored.jsonl"
    result = CliRunner().invoke(main, [
        "score", str(predictions), "--metric", "llm_classification", "--judge", "openai:grader",
        "--judge-base-url", server, "--judge-cache", str(tmp_path / "cache"), "-o", str(out),
        "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["instances"][0]
    assert summary["value"] == pytest.approx(2 / 3) and summary["judge"]["id"] == "openai:grader"
    scored = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(row["judge"]["prompt_hash"] == PROMPT_HASH for row in scored)
