"""Decode audio cells to mono float32 at 16 kHz, without torch (soundfile decodes, soxr resamples).

An audio cell is what `datasets.Audio(decode=False)` gives: ``{"bytes": ..., "path": ...}``.
When the bytes are missing the path is read from disk (relative paths against the dataset's folder).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

SAMPLING_RATE = 16_000
# Peak below this (about -80 dBFS) counts as silence: quieter than one step of 13-bit audio.
SILENCE_PEAK = 1e-4


class AudioError(Exception):
    """A clip that cannot be decoded; the message says why, for people."""


@dataclass(frozen=True)
class Clip:
    """What decoding one cell found out: the source rate and length, and the signal's health."""

    column: str
    source_rate: int | None = None
    frames: int = 0
    peak: float = 0.0
    finite: bool = True
    error: str | None = None

    @property
    def seconds(self) -> float:
        return self.frames / self.source_rate if self.source_rate else 0.0


def read_cell(cell, base_dir: Path | None = None) -> tuple[np.ndarray, int]:
    """The samples (frames x channels, float32) and sampling rate of an audio cell, as stored."""
    if isinstance(cell, dict):
        data, path = cell.get("bytes"), cell.get("path")
    elif isinstance(cell, (bytes, bytearray)):
        data, path = cell, None
    elif isinstance(cell, str):
        data, path = None, cell
    else:
        raise AudioError(f"not an audio cell (found {type(cell).__name__})")
    if data:
        source = io.BytesIO(data)
    elif path:
        source = _local_file(path, base_dir)
    else:
        raise AudioError("audio cell holds neither bytes nor a path")
    try:
        samples, rate = soundfile.read(source, dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, ValueError, TypeError) as exc:
        raise AudioError(f"cannot decode audio ({_first_line(exc)})") from None
    return samples, int(rate)


def _local_file(path: str, base_dir: Path | None) -> Path:
    candidate = Path(path)
    if not candidate.is_absolute() and base_dir is not None:
        candidate = Path(base_dir) / candidate
    if not candidate.is_file():
        raise AudioError(f"audio cell has no bytes and its file {path!r} was not found")
    return candidate


def to_model_input(samples: np.ndarray, rate: int) -> np.ndarray:
    """Downmix (frames x channels) to mono and resample to 16 kHz; float32, contiguous."""
    mono = samples.mean(axis=1, dtype=np.float32) if samples.shape[1] > 1 else samples[:, 0]
    if rate != SAMPLING_RATE and len(mono):
        mono = soxr.resample(mono, rate, SAMPLING_RATE)
    return np.ascontiguousarray(mono, dtype=np.float32)


def decode(cell, column: str = "audio", base_dir: Path | None = None) -> tuple[np.ndarray | None, Clip]:
    """Decode one cell: (16 kHz mono float32 or None on failure, what was found)."""
    try:
        samples, rate = read_cell(cell, base_dir)
    except AudioError as exc:
        return None, Clip(column, error=str(exc))
    finite = bool(np.isfinite(samples).all())
    peak = float(np.abs(samples).max()) if samples.size and finite else 0.0
    clip = Clip(column, rate, int(samples.shape[0]), peak, finite)
    if not samples.size:
        return np.zeros(0, dtype=np.float32), clip
    try:
        return to_model_input(samples, rate), clip
    except (ValueError, RuntimeError, MemoryError) as exc:  # e.g. a rate soxr cannot convert from
        message = f"cannot resample from {rate} Hz ({_first_line(exc)})"
        return None, Clip(column, rate, clip.frames, clip.peak, clip.finite, message)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
