"""A bounded window of calls in flight, fed from an iterator, answered in completion order.

The endpoint model sends requests through it: `window` requests wait on servers at once, and
the moment one is answered the next is sent, so a slow request never holds up the others (no
barrier between batches). `prepare` (encoding a request) runs in the same worker threads up to
`ahead` items before a send slot is free, so a freed slot never waits for its next request.

The source is pulled in the caller's thread, between yields: whatever the source does (open the
next instance's dataset, write a row for a clip that could not be decoded) happens in one thread.
Workers are daemon threads: an interrupted run does not wait for replies still on their way.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

Item = TypeVar("Item")
Prepared = TypeVar("Prepared")
Result = TypeVar("Result")

_STOP = object()


class _Workers(Generic[Item, Prepared, Result]):
    def __init__(self, prepare: Callable[[Item], Prepared], call: Callable[[Prepared], Result],
                 window: int, ahead: int):
        self.prepare, self.call = prepare, call
        self.tasks: queue.SimpleQueue = queue.SimpleQueue()
        self.results: queue.SimpleQueue = queue.SimpleQueue()
        self.send_slots = threading.BoundedSemaphore(window)
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self._work, name=f"dsuperb-send-{i}", daemon=True)
                        for i in range(window + ahead)]
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        while True:
            item = self.tasks.get()
            if item is _STOP:
                return
            try:
                prepared = self.prepare(item)
                with self.send_slots:
                    if self.stopped.is_set():
                        continue  # the caller is gone: an item prepared ahead is not sent
                    result = self.call(prepared)
            except Exception as error:  # noqa: BLE001 - the item's own failure, handed back as its result
                result = error
            self.results.put((item, result))

    def stop(self) -> None:
        """No new calls: items not yet sent are dropped, calls under way end on their own."""
        self.stopped.set()
        while True:
            try:
                self.tasks.get_nowait()
            except queue.Empty:
                break
        for _ in self.threads:
            self.tasks.put(_STOP)


def windowed(items: Iterable[Item], prepare: Callable[[Item], Prepared], call: Callable[[Prepared], Result],
             window: int, ahead: int | None = None) -> Iterator[list[tuple[Item, Result | BaseException]]]:
    """Run `call(prepare(item))` for every item with at most `window` calls at once; yield groups of
    (item, result or the exception it raised) as they complete (a group is what finished together).

    At most `window + ahead` items are taken from the source before their results are yielded, so
    memory stays bounded however long the source is. An exception from the source itself is raised
    to the caller (the items in flight are then dropped)."""
    window = max(1, int(window))
    ahead = max(1, window // 4) if ahead is None else max(0, int(ahead))
    workers = _Workers(prepare, call, window, ahead)
    source = iter(items)
    outstanding, exhausted = 0, False
    try:
        while True:
            while not exhausted and outstanding < window + ahead:
                item = next(source, _STOP)
                if item is _STOP:
                    exhausted = True
                    break
                workers.tasks.put(item)
                outstanding += 1
            if outstanding == 0:
                return
            group = [workers.results.get()]
            while True:
                try:
                    group.append(workers.results.get_nowait())
                except queue.Empty:
                    break
            outstanding -= len(group)
            yield group
    finally:
        workers.stop()
