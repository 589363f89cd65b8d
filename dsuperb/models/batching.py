"""Length grouping: batches of samples of similar length, so that a batch pads little.

A batch pads every sample to its longest one: a 2-second clip batched with a 30-second one costs
the model 28 seconds of padding (for audio-language models, hundreds of padded prompt tokens).
The transformers adapter is handed a window of a few batches' worth of samples (`window_rows`),
sorts the window by length (longest first, so that a batch too large for memory shows up on the
window's first batch; ties keep their order), cuts it into batches and gives the answers back in
the window's own order. The window bounds memory (never more than a few batches of clips are
held) and keeps the stored rows in the dataset's order, whatever the batch size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Answer = TypeVar("Answer")

GROUP_FACTOR = 4  # batches per window: more groups better, but holds more clips in memory
MAX_WINDOW_ROWS = 256


def window_rows(batch_size: int) -> int:
    """How many samples to sort together for batches of `batch_size`."""
    return min(MAX_WINDOW_ROWS, max(1, int(batch_size)) * GROUP_FACTOR)


def length_of(request) -> tuple[int, int]:
    """What makes a sample long: its audio (samples, all clips together), then its prompt's text."""
    return sum(len(audio) for audio in request.audios), len(request.prompt)


def longest_first(requests: Sequence) -> list[int]:
    """Positions of `requests`, longest first; equal lengths keep their order (deterministic)."""
    lengths = [length_of(request) for request in requests]
    return sorted(range(len(requests)), key=lambda i: (-lengths[i][0], -lengths[i][1], i))


def run_grouped(requests: Sequence, run: Callable[[list], list[Answer]]) -> list[Answer]:
    """`run` (which batches consecutive requests) over the requests sorted longest first; the
    answers come back in the requests' own order."""
    order = longest_first(requests)
    answers = run([requests[i] for i in order])
    restored: list = [None] * len(requests)
    for position, index in enumerate(order):
        restored[index] = answers[position]
    return restored
