"""One decoder per input kind: a dataset cell in, the value a model gets out.

`decode_inputs` walks an instance's input columns in the card's order and hands each cell to its
kind's decoder. A decoder returns the value, what it found out about the cell (for audio, a `Clip`
with the source rate, length and health; None for kinds with nothing to report) and an error
message when the cell cannot be used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import audio
from .vocab.inputs import Input, InputKind

Decoded = tuple[object, object | None, str | None]  # (value, clip, error)


def decode_audio(cell, column: str, base_dir: Path | None) -> Decoded:
    samples, clip = audio.decode(cell, column, base_dir)  # looked up here, so tests can watch it
    return samples, clip, clip.error


def decode_text(cell, column: str, base_dir: Path | None) -> Decoded:
    return ("" if cell is None else str(cell)), None, None


DECODERS: dict[InputKind, Callable[[object, str, Path | None], Decoded]] = {
    InputKind.AUDIO: decode_audio,
    InputKind.TEXT: decode_text,
}


def decode_inputs(columns: tuple[tuple[InputKind, str], ...], row: dict,
                  base_dir: Path | None) -> tuple[tuple[Input, ...], tuple, list[str]]:
    """(the decoded inputs, the audio clips found, one error per unusable cell)."""
    inputs, clips, errors = [], [], []
    for kind, column in columns:
        if column not in row:
            if kind == InputKind.AUDIO:
                clips.append(audio.Clip(column, error=f"column {column} is missing"))
            errors.append(f"{column}: column is missing")
            continue
        value, clip, error = DECODERS[kind](row[column], column, base_dir)
        if clip is not None:
            clips.append(clip)
        if error:
            errors.append(f"{column}: {error}")
        else:
            inputs.append(Input(kind, column, value))
    return tuple(inputs), tuple(clips), errors
