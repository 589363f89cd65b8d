"""Decode ahead of the consumer: a reader thread and a small pool, bounded so memory stays flat."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor


def prefetched(rows: Iterator[tuple[int, dict]], make: Callable, prefetch: int,
                wrap_error: Callable[[BaseException], Exception]) -> Iterator:
    """Run `make(index, row)` in a small thread pool, about `prefetch` results ahead, in order.

    A reader thread pulls rows (arrow -> Python) and submits them in chunks of half `prefetch`
    rows, one task per chunk: a future, a queue slot and a thread hand-off per clip would cost
    as much as decoding a short clip. The bounded queue of chunk futures is what keeps memory
    flat however many rows there are.
    """
    chunk_size = max(1, prefetch // 2)
    workers = max(1, min(4, os.cpu_count() or 1))
    pending: queue.Queue = queue.Queue(maxsize=max(1, prefetch // chunk_size))
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                pending.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def make_chunk(chunk: list[tuple[int, dict]]) -> tuple[list, Exception | None]:
        """The chunk's samples, up to a row that cannot be made (and why), so the rows before it
        still reach the consumer."""
        made = []
        for index, row in chunk:
            try:
                made.append(make(index, row))
            except Exception as exc:
                return made, exc
        return made, None

    def read(pool: ThreadPoolExecutor) -> None:
        chunk: list[tuple[int, dict]] = []
        try:
            for item in rows:
                chunk.append(item)
                if len(chunk) >= chunk_size:
                    if not put(pool.submit(make_chunk, chunk)):
                        return
                    chunk = []
        except BaseException as exc:  # handed to the consumer (after the rows read before it)
            if chunk and not put(pool.submit(make_chunk, chunk)):
                return
            put(exc)
            return
        if chunk and not put(pool.submit(make_chunk, chunk)):
            return
        put(done)

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dsuperb-decode")
    reader = threading.Thread(target=read, args=(pool,), name="dsuperb-read", daemon=True)
    reader.start()
    try:
        while True:
            item = pending.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise wrap_error(item) from item
            made, error = item.result()
            yield from made
            if error is not None:  # a row the decoder could not turn into a sample
                raise wrap_error(error) from error
    finally:
        stop.set()
        while True:  # unblock the reader and drop what was decoded ahead
            try:
                item = pending.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, Future):
                item.cancel()
        reader.join(timeout=5)
        pool.shutdown(wait=False, cancel_futures=True)
