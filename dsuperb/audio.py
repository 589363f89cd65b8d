"""Decode audio cells to mono float32 at 16 kHz, without torch (soundfile decodes, soxr resamples).

An audio cell is what `datasets.Audio(decode=False)` gives: ``{"bytes": ..., "path": ...}``.
When the bytes are missing the path is read from disk (relative paths against the dataset's folder).
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

from .errors import DataError
from .infra.errortext import first_line
from .vocab.inputs import SAMPLING_RATE

_HAS_MEMFD = hasattr(os, "memfd_create")

# Peak below this (about -80 dBFS) counts as silence: quieter than one step of 13-bit audio.
SILENCE_PEAK = 1e-4


class AudioError(DataError):
    """A clip that cannot be decoded; the message says why, for people."""

    def __init__(self, message: str):
        super().__init__(message, "data.audio")


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
        decoded = _read_in_memory_file(data)
        if decoded is not None:
            return decoded
        source = io.BytesIO(data)
    elif path:
        source = _local_file(path, base_dir)
    else:
        raise AudioError("audio cell holds neither bytes nor a path")
    try:
        samples, rate = soundfile.read(source, dtype="float32", always_2d=True)
    except soundfile.LibsndfileError as exc:  # its text names the BytesIO object: keep the reason only
        raise AudioError(f"cannot decode audio ({exc.error_string.strip() or 'libsndfile error'})") from None
    except (RuntimeError, ValueError, TypeError) as exc:
        raise AudioError(f"cannot decode audio ({first_line(exc)})") from None
    return samples, int(rate)


def _read_in_memory_file(data: bytes) -> tuple[np.ndarray, int] | None:
    """Decode bytes through an in-memory file descriptor (Linux memfd), or None where that fails.

    Reading a BytesIO, libsndfile calls back into Python for every read, seek and tell (dozens
    per clip), and each call-back must take the GIL: decoding threads then mostly wait on each
    other. Reading a descriptor, libsndfile stays in C. A clip that fails here (or a system
    without memfd) is read again from a BytesIO, so errors read as they always have.
    """
    if not _HAS_MEMFD:
        return None
    try:
        handle = os.memfd_create("dsuperb-clip", os.MFD_CLOEXEC)
    except OSError:
        return None
    try:
        view = memoryview(data)
        written = 0
        while written < len(view):
            written += os.write(handle, view[written:])
        os.lseek(handle, 0, os.SEEK_SET)
        samples, rate = soundfile.read(handle, dtype="float32", always_2d=True, closefd=False)
        return samples, int(rate)
    except Exception:  # the BytesIO path decides, and words the error
        return None
    finally:
        os.close(handle)


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
    # max and min propagate NaN and keep inf: two passes without the temporary arrays that
    # isfinite() and abs() would allocate for every clip
    high, low = (float(samples.max()), float(samples.min())) if samples.size else (0.0, 0.0)
    finite = math.isfinite(high) and math.isfinite(low)
    peak = max(high, -low) if finite else 0.0
    clip = Clip(column, rate, int(samples.shape[0]), peak, finite)
    if not samples.size:
        return np.zeros(0, dtype=np.float32), clip
    try:
        return to_model_input(samples, rate), clip
    except (ValueError, RuntimeError, MemoryError) as exc:  # e.g. a rate soxr cannot convert from
        message = f"cannot resample from {rate} Hz ({first_line(exc)})"
        return None, Clip(column, rate, clip.frames, clip.peak, clip.finite, message)


def wav_bytes(samples: np.ndarray, sampling_rate: int, subtype: str = "PCM_16") -> bytes:
    """Samples encoded as a WAV file in memory (what an endpoint or a dataset cell carries)."""
    buffer = io.BytesIO()
    soundfile.write(buffer, np.asarray(samples), sampling_rate, format="WAV", subtype=subtype)
    return buffer.getvalue()
