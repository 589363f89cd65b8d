"""Parallelism of `dsuperb eval` against a served model, with the README's endpoint command.

A local OpenAI-compatible server (tests/models_chat_server.py, its own process) answers every
request after a fixed latency, as a served model does while it generates. The README's line

    dsuperb eval --model openai:my-model --base-url http://host:8000/v1 --output-dir runs/

runs unchanged against it, as its own process (plus --tasks-dir/--data-dir: a local suite of
--requests samples over --instances instances, since the hub is out of reach). Parallelism =
requests x latency / wall: how many requests were in flight on average over the whole command
(start-up, data, scoring and result files included); the most possible is the window (64). It
is also given over the request phase alone (first request in to last reply out, from the
server's clock). Baseline in the same run: the same command with --concurrency 1 (one request
in flight, what the README line did before the stream) on --baseline-requests samples.

    python benchmarks/bench_endpoint.py [--requests 1600] [--latency 0.2] [--instances 8]

Target: parallelism >= 40 over 1600 requests at 0.2 s latency.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from models_chat_server import running_server  # noqa: E402
from runner_fixtures import classification_suite  # noqa: E402

MODEL = "my-model"
TARGET = 40


def stats(base_url: str) -> dict:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats", timeout=10) as reply:
        return json.loads(reply.read())


def suite(root: Path, requests: int, instances: int) -> tuple[Path, Path]:
    sizes = [requests // instances + (1 if i < requests % instances else 0) for i in range(instances)]
    return classification_suite(root, "Served", {f"Served_{i + 1}": n for i, n in enumerate(sizes)})


def run(root: Path, requests: int, instances: int, latency: float, *extra: str) -> dict:
    """One `dsuperb eval` process against a fresh server: its wall time and what the server saw."""
    tasks_dir, data_dir = suite(root / "suite", requests, instances)
    command = [sys.executable, "-m", "dsuperb", "eval", "--model", f"openai:{MODEL}", "--base-url", "URL",
               "--output-dir", str(root / "runs"), "--tasks-dir", str(tasks_dir), "--data-dir", str(data_dir),
               "--no-progress", *extra]
    with running_server(served=MODEL, latency=latency) as base_url:
        command[command.index("URL")] = base_url
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True,
                              env={**os.environ, "HF_HUB_OFFLINE": "1"})
        wall = time.perf_counter() - started
        seen = stats(base_url)
    if done.returncode != 0:
        raise SystemExit(f"dsuperb eval failed ({done.returncode}):\n{done.stderr[-2000:]}")
    posts = seen["posts"].get(MODEL, 0)
    if posts != requests:
        raise SystemExit(f"the server got {posts} requests, expected {requests}")
    span = seen["last_reply"][MODEL] - seen["first_post"][MODEL]
    return {"wall": wall, "span": span, "most": seen["max_in_flight"][MODEL],
            "parallelism": requests * latency / wall, "in_requests": requests * latency / span}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1600)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server takes per answer")
    parser.add_argument("--instances", type=int, default=8, help="instances the requests are spread over")
    parser.add_argument("--baseline-requests", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dsuperb-bench-endpoint-") as tmp:
        streamed = run(Path(tmp) / "default", args.requests, args.instances, args.latency)
        baseline = run(Path(tmp) / "one", args.baseline_requests, 1, args.latency, "--concurrency", "1")
    print(f"{args.requests} requests over {args.instances} instances, server latency {args.latency:g} s, "
          "the README's endpoint command (default settings):")
    print(f"  wall {streamed['wall']:.2f} s (request phase {streamed['span']:.2f} s), "
          f"most in flight {streamed['most']}")
    print(f"  parallelism (requests x latency / wall): {streamed['parallelism']:.1f}  "
          f"(target >= {TARGET}: {'met' if streamed['parallelism'] >= TARGET else 'NOT met'})")
    print(f"  parallelism over the request phase alone: {streamed['in_requests']:.1f}")
    print(f"baseline, --concurrency 1 ({args.baseline_requests} requests): wall {baseline['wall']:.2f} s, "
          f"parallelism {baseline['parallelism']:.2f}, most in flight {baseline['most']}")
    rate, base_rate = args.requests / streamed["wall"], args.baseline_requests / baseline["wall"]
    print(f"throughput: {rate:.1f} requests/s against {base_rate:.1f} requests/s: {rate / base_rate:.1f}x")


if __name__ == "__main__":
    main()
