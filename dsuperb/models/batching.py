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


# A sample's length in prompt tokens, estimated without running the processor: Whisper-style audio
# encoders give the language model about 25 tokens per second of audio (Qwen2-Audio, Audio
# Flamingo 3); the text is counted by the model's tokenizer, or at about 4 characters per token.
# Only the order this gives matters.
AUDIO_TOKENS_PER_SECOND = 25
CHARS_PER_TOKEN = 4


def length_of(request, tokenizer=None) -> float:
    """About how many prompt tokens a sample takes: its audio (all clips) and its text."""
    seconds = sum(len(audio) for audio in request.audios) / request.sampling_rate
    text = request.prompt
    tokens = len(tokenizer(text)["input_ids"]) if tokenizer is not None else len(text) / CHARS_PER_TOKEN
    return seconds * AUDIO_TOKENS_PER_SECOND + tokens


def longest_first(requests: Sequence, tokenizer=None) -> list[int]:
    """Positions of `requests`, longest first; equal lengths keep their order (deterministic)."""
    lengths = [length_of(request, tokenizer) for request in requests]
    return sorted(range(len(requests)), key=lambda i: (-lengths[i], i))


def run_grouped(requests: Sequence, run: Callable[[list], list[Answer]], tokenizer=None) -> list[Answer]:
    """`run` (which batches consecutive requests) over the requests sorted longest first; the
    answers come back in the requests' own order."""
    order = longest_first(requests, tokenizer)
    answers = run([requests[i] for i in order])
    restored: list = [None] * len(requests)
    for position, index in enumerate(order):
        restored[index] = answers[position]
    return restored
