"""The window of calls in flight (infra/window.py) and the server pool (infra/chat.py), on their own."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest
from models_chat_server import running_server

from dsuperb.infra.chat import ChatClient, ChatSettings, ServerFailure, ServerPool
from dsuperb.infra.window import windowed


class Gauge:
    """Counts calls in flight and remembers the most seen at once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now = self.most = 0

    def __enter__(self):
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc):
        with self.lock:
            self.now -= 1


def test_a_slow_call_holds_up_no_other_and_the_window_is_never_exceeded():
    released = threading.Event()
    gauge = Gauge()

    def call(item):
        with gauge:
            if item == 0:
                return "slow", released.wait(timeout=30)  # held until many others are done
            time.sleep(0.02)  # long enough for the window to fill
            return "fast", True

    completed = []
    for group in windowed(range(20), prepare=lambda item: item, call=call, window=3):
        for item, result in group:
            completed.append((item, result))
            if sum(1 for i, _ in completed if i != 0) >= 12:
                released.set()
    assert sorted(item for item, _ in completed) == list(range(20))  # each exactly once
    assert dict(completed)[0] == ("slow", True)  # 12 others finished while item 0 was in flight
    assert [item for item, _ in completed].index(0) >= 12  # answers come in completion order
    assert gauge.most == 3


def test_the_source_is_read_only_a_bounded_way_ahead():
    pulled, answered = [], []

    def source():
        for item in range(100):
            # what was taken but not yet handed back never exceeds window + ahead
            assert len(pulled) - len(answered) <= 4 + 2
            pulled.append(item)
            yield item

    for group in windowed(source(), prepare=lambda item: item, call=lambda item: item * 2, window=4, ahead=2):
        answered.extend(item for item, _ in group)
    assert sorted(answered) == list(range(100))


def test_a_failing_prepare_or_call_is_that_item_result_and_a_broken_source_is_raised():
    def prepare(item):
        if item == 2:
            raise ValueError("cannot encode")
        return item

    def call(item):
        if item == 3:
            raise RuntimeError("cannot send")
        return item

    results = dict(pair for group in windowed(range(5), prepare, call, window=2) for pair in group)
    assert isinstance(results[2], ValueError) and isinstance(results[3], RuntimeError)
    assert [results[i] for i in (0, 1, 4)] == [0, 1, 4]

    def broken():
        yield from range(3)
        raise OSError("the dataset broke")

    with pytest.raises(OSError, match="the dataset broke"):
        for _ in windowed(broken(), prepare, lambda item: item, window=2):
            pass


def test_a_caller_that_stops_reading_sends_nothing_more():
    calls = []

    def call(item):
        calls.append(item)
        time.sleep(0.05)
        return item

    for _group in windowed(range(10), prepare=lambda item: item, call=call, window=1, ahead=3):
        break  # an interrupted run: three more items were taken and prepared
    time.sleep(0.3)
    # the freed slot may have gone to the next item before the caller stopped; no others are sent
    assert calls[0] == 0 and len(calls) <= 2


def posts(base_url: str, model: str) -> int:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats", timeout=5) as reply:
        return json.loads(reply.read())["posts"].get(model, 0)


def payload(text: str, model: str = "busy") -> dict:
    return {"model": model, "messages": [{"role": "user", "content": [{"type": "text", "text": text}]}]}


def test_requests_spread_over_servers_least_busy_first():
    with running_server() as first, running_server() as second:
        pool = ServerPool([ChatClient(first), ChatClient(second)])
        texts = [f"question {i}" for i in range(16)]
        answers = dict(pair for group in windowed(texts, payload, pool.complete, window=8) for pair in group)
        assert all(answers[text].endswith(f"text={text} max_tokens=None") for text in texts)
        counts = [posts(first, "busy"), posts(second, "busy")]
    assert sum(counts) == 16 and min(counts) >= 4, counts  # eight in flight, four on each
    assert [entry["sent"] for entry in pool.counts()] == counts


def test_a_dead_server_is_passed_over_and_then_backed_off():
    settings = ChatSettings(timeout=5, max_retries=0, backoff=0.01, give_up_after=2)
    with running_server() as good:
        dead = ChatClient("http://127.0.0.1:9/v1", settings=settings)
        pool = ServerPool([dead, ChatClient(good, settings=settings)])
        answers = [pool.complete(payload(f"q{i}")) for i in range(10)]
    assert all("text=q" in answer for answer in answers)
    counts = {entry["url"]: entry for entry in pool.counts()}
    # tried first twice (fewest sent, first listed), then its breaker is open and it gets nothing
    assert counts["http://127.0.0.1:9/v1"] == {"url": "http://127.0.0.1:9/v1", "sent": 2, "failed": 2}
    assert dead.is_down and counts[good]["sent"] == 10


def test_when_every_server_fails_the_request_fails_with_the_last_reason():
    settings = ChatSettings(timeout=5, max_retries=0, backoff=0.01)
    pool = ServerPool([ChatClient("http://127.0.0.1:9/v1", settings=settings),
                       ChatClient("http://127.0.0.1:7/v1", settings=settings)])
    with pytest.raises(ServerFailure, match="cannot reach"):
        pool.complete(payload("hello"))
    assert [entry["failed"] for entry in pool.counts()] == [1, 1]


def test_an_open_breaker_lets_one_request_through_after_its_cooldown_and_closes_when_it_succeeds():
    now = [0.0]
    settings = ChatSettings(timeout=5, max_retries=0, give_up_after=2, cooldown=60)
    with running_server() as url:
        client = ChatClient(url, settings=settings, clock=lambda: now[0])
        for _ in range(2):
            with pytest.raises(ServerFailure, match="HTTP 500"):
                client.complete(payload("q", model="fail"))
        with pytest.raises(ServerFailure, match="not sent"):  # open: even a good request waits
            client.complete(payload("q"))
        now[0] = 61.0
        assert not client.is_down
        with pytest.raises(ServerFailure, match="HTTP 500"):  # the one let through fails: open again
            client.complete(payload("q", model="fail"))
        with pytest.raises(ServerFailure, match="not sent"):
            client.complete(payload("q"))
        now[0] = 122.0
        assert "text=q" in client.complete(payload("q"))  # the one let through answers: closed
        assert "text=r" in client.complete(payload("r")) and not client.is_down
        assert posts(url, "fail") == 3 and posts(url, "busy") == 2
