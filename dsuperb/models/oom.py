"""Batches that shrink on CUDA out-of-memory: halve, retry, and keep the size that worked."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

log = logging.getLogger(__name__)


def is_out_of_memory(error: BaseException) -> bool:
    import torch

    if isinstance(error, torch.cuda.OutOfMemoryError):
        return True
    # Some kernels raise a plain RuntimeError carrying the allocator's message.
    return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()


def release_cached_memory() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()


AUTO = "auto"
AUTO_START = 64  # `--batch-size auto` starts here and halves until a batch fits


class ShrinkingBatcher:
    """Runs `step` over consecutive chunks of `size` items. A chunk that runs out of memory is
    retried at half the size; the smaller size is kept for every later call (one OOM on a long
    clip should not cost a retry on each following batch). At size 1 the error propagates.
    `size="auto"` starts at AUTO_START: the halving finds the largest size that fits."""

    def __init__(self, size: int | str):
        self.size = AUTO_START if size == AUTO else max(1, int(size))
        self.shrinks: list[int] = []  # sizes given up, for the log and the benchmark

    def run(self, items: Sequence[Item], step: Callable[[Sequence[Item]], list[Result]]) -> list[Result]:
        results: list[Result] = []
        start = 0
        while start < len(items):
            chunk = items[start:start + self.size]
            try:
                out = step(chunk)
            except Exception as error:  # noqa: BLE001 - only OOM is handled, the rest re-raised
                if self.size == 1 or not is_out_of_memory(error):
                    raise
                release_cached_memory()
                self.shrinks.append(self.size)
                self.size = max(1, self.size // 2)
                log.warning("out of GPU memory at batch size %d; retrying at %d", self.shrinks[-1], self.size)
                continue
            results.extend(out)
            start += len(chunk)
        return results
