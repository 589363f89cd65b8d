"""Decoding audio cells: soundfile decodes, soxr resamples, everything ends mono float32 at 16 kHz."""

from __future__ import annotations

import io

import numpy as np
import soundfile

from dsuperb.audio import SAMPLING_RATE, decode, read_cell, wav_bytes
from dsuperb.local_dataset import audio_value


def encoded(samples: np.ndarray, rate: int, fmt: str = "WAV", subtype: str = "PCM_16") -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format=fmt, subtype=subtype)
    return buffer.getvalue()


def test_speech_at_16k_decodes_unchanged(speech_wav):
    data = speech_wav("the cat sat down")
    expected, rate = soundfile.read(io.BytesIO(data), dtype="float32")
    samples, clip = decode({"bytes": data, "path": "x.wav"})
    assert rate == 16_000 and clip.source_rate == 16_000
    assert samples.dtype == np.float32 and samples.ndim == 1
    np.testing.assert_array_equal(samples, expected)
    assert clip.frames == len(expected) and clip.error is None and 0.05 < clip.peak <= 1.0


def test_stereo_speech_at_22k_is_downmixed_and_resampled(speech_wav):
    samples, clip = decode(audio_value(speech_wav("open the window", rate=22_050, channels=2)))
    assert clip.source_rate == 22_050
    assert samples.ndim == 1 and samples.dtype == np.float32
    assert abs(len(samples) - clip.frames * SAMPLING_RATE / 22_050) <= 2
    assert np.sqrt(np.mean(samples ** 2)) > 0.01  # the speech survives


def test_downmix_averages_channels(tone):
    left = tone(0.5)
    stereo = np.stack([left, np.zeros_like(left)], axis=1)
    samples, _ = decode({"bytes": encoded(stereo, 16_000, subtype="FLOAT"), "path": None})
    np.testing.assert_allclose(samples, left / 2, atol=1e-6)


def test_resampling_keeps_a_tone_and_its_length(tone):
    samples, clip = decode(audio_value(tone(1.0, rate=44_100, freq=1000.0), 44_100))
    assert clip.source_rate == 44_100 and abs(clip.seconds - 1.0) < 1e-3
    assert abs(len(samples) - SAMPLING_RATE) <= 1
    spectrum = np.abs(np.fft.rfft(samples))
    assert abs(np.argmax(spectrum) * SAMPLING_RATE / len(samples) - 1000.0) < 2.0


def test_flac_bytes_decode(noise):
    samples, clip = decode({"bytes": encoded(noise(0.25), 16_000, "FLAC"), "path": "n.flac"})
    assert clip.error is None and len(samples) == 4000


def test_path_only_cell_reads_relative_to_base_dir(tmp_path, tone):
    (tmp_path / "clips").mkdir()
    (tmp_path / "clips" / "a.wav").write_bytes(wav_bytes(tone(0.5), 16_000))
    samples, clip = decode({"bytes": None, "path": "clips/a.wav"}, base_dir=tmp_path)
    assert clip.error is None and len(samples) == 8000
    _, missing = decode({"bytes": None, "path": "clips/b.wav"}, base_dir=tmp_path)
    assert "clips/b.wav" in missing.error and "not found" in missing.error


def test_corrupt_bytes_give_an_error_not_an_exception():
    samples, clip = decode({"bytes": b"RIFF\x00\x00not really a wave file", "path": "bad.wav"}, "audio2")
    assert samples is None and clip.column == "audio2" and clip.error.startswith("cannot decode audio")
    # the reason alone: not the text of the in-memory file object, whose address differs per clip
    assert "0x" not in clip.error and "BytesIO" not in clip.error and "not recognised" in clip.error


def test_cells_that_are_not_audio_are_reported():
    assert decode(42)[1].error == "not an audio cell (found int)"
    assert "neither bytes nor a path" in decode({"bytes": None, "path": None})[1].error


def test_health_empty_nonfinite_and_silent():
    empty, clip = decode({"bytes": encoded(np.zeros(0, np.float32), 16_000), "path": None})
    assert clip.frames == 0 and clip.error is None and len(empty) == 0
    broken = np.full(1600, 0.1, np.float32)
    broken[100] = np.nan
    _, clip = decode({"bytes": encoded(broken, 16_000, subtype="FLOAT"), "path": None})
    assert clip.finite is False
    _, clip = decode({"bytes": encoded(np.zeros(1600, np.float32), 16_000), "path": None})
    assert clip.finite is True and clip.peak == 0.0


def test_read_cell_accepts_raw_bytes(tone):
    samples, rate = read_cell(wav_bytes(tone(0.1, rate=8_000), 8_000))
    assert rate == 8_000 and samples.shape == (800, 1)
