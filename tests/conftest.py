"""Shared fixtures: the hub is offline for every test, and tiny datasets are built on the fly.

- `speech_wav(text, rate=16000, channels=1)`: WAV bytes of real synthetic speech, read from the
  committed clips in tests/data/speech/ (one per text in `SPEECH_TEXTS`) and converted in Python
  (soxr resamples), so no test needs espeak-ng or sox.
- `tone(seconds, rate, freq, amplitude)`, `noise(seconds, rate, amplitude, seed)`: numpy clips.
- `make_dataset(columns, hf_path=..., audio_columns=("audio",), **kw) -> data_dir`: a local
  HF-style dataset under a temporary data dir (what `--data-dir` takes).
- `clean_columns(rows=40, audio_columns=("audio",))`: the columns of a classification instance
  that passes every data rule (speech and tones, 10+ instructions that list the options).
- `make_instance(**fields)`: an `Instance` spec without a card file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Before anything imports huggingface_hub or datasets: tests never reach the hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
# Tests run the console scripts installed beside this interpreter (dsuperb, ruff, actionlint, the
# pre-commit hooks), also when its virtual environment is not activated.
_SCRIPTS = str(Path(sys.executable).parent)
if _SCRIPTS not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _SCRIPTS + os.pathsep + os.environ.get("PATH", "")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import soundfile  # noqa: E402
import soxr  # noqa: E402

from dsuperb.audio import wav_bytes  # noqa: E402
from dsuperb.cards import Instance  # noqa: E402
from dsuperb.local_dataset import audio_value, write_hf_folder  # noqa: E402

SPEECH_DIR = Path(__file__).parent / "data" / "speech"
SPEECH_TEXTS = ("the cat sat down", "open the window", "seven", "one")
OPTIONS = ("speech", "tone")
INSTRUCTION_TEMPLATES = (
    "Does the clip hold speech or a tone? Answer with {a} or {b}.",
    "Listen and decide. Reply with {a} or {b}.",
    "Classify the recording. The answer could be: {a}, {b}.",
    "Which is it, {a} or {b}? Answer with {a} or {b}.",
    "Identify the sound type. Options: {a}, {b}.",
    "Choose from the following: {a}, {b}.",
    "Is this audio {a} or {b}? Respond with {a} or {b}.",
    "Tell me whether you hear {a} or {b}. Answer with {a} or {b}.",
    "What kind of sound is this? Choose one of the following: {a}, {b}.",
    "Decide if the recording contains {a} or a {b}. Answer {a} or {b}.",
    "Please label the audio. Possible labels: {a}, {b}.",
    "Speech or tone? The answer should be one of the following: {a}, {b}.",
)


@pytest.fixture(scope="session")
def speech_wav():
    cache: dict[tuple, bytes] = {}

    def make(text: str = "the cat sat down", rate: int = 16_000, channels: int = 1) -> bytes:
        key = (text, rate, channels)
        if key not in cache:
            source = SPEECH_DIR / f"{text.replace(' ', '_')}.flac"
            assert source.is_file(), f"no speech fixture says {text!r}; there are: {', '.join(SPEECH_TEXTS)}"
            samples, source_rate = soundfile.read(source, dtype="float32")
            if rate != source_rate:
                samples = soxr.resample(samples, source_rate, rate)
            if channels > 1:  # the same voice in every channel, slightly quieter in the later ones
                samples = np.stack([samples * (1 - 0.1 * c) for c in range(channels)], axis=1)
            cache[key] = wav_bytes(samples, rate)
        return cache[key]

    return make


@pytest.fixture(scope="session")
def tone():
    def make(seconds: float = 1.0, rate: int = 16_000, freq: float = 440.0, amplitude: float = 0.3):
        t = np.arange(int(seconds * rate)) / rate
        return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)

    return make


@pytest.fixture(scope="session")
def noise():
    def make(seconds: float = 1.0, rate: int = 16_000, amplitude: float = 0.1, seed: int = 0):
        rng = np.random.default_rng(seed)
        return (amplitude * rng.standard_normal(int(seconds * rate))).astype(np.float32)

    return make


@pytest.fixture
def make_dataset(tmp_path):
    root = tmp_path / "data"

    def make(columns, hf_path: str = "DynamicSuperb/SoundType_Test", audio_columns=("audio",), **kwargs):
        write_hf_folder(root, hf_path, columns, audio_columns, **kwargs)
        return root

    return make


@pytest.fixture
def clean_columns(speech_wav, tone):
    def make(rows: int = 40, audio_columns=("audio",)) -> dict[str, list]:
        columns: dict[str, list] = {"file": [f"row{i:04d}" for i in range(rows)], "instruction": [],
                                    "label": []}
        for column in audio_columns:
            columns[column] = []
        for i in range(rows):
            a, b = OPTIONS if i % 2 else OPTIONS[::-1]
            template = INSTRUCTION_TEMPLATES[i % len(INSTRUCTION_TEMPLATES)]
            columns["instruction"].append(template.format(a=a, b=b))
            is_speech = i % 3 != 0
            columns["label"].append("speech" if is_speech else "tone")
            for column in audio_columns:
                if is_speech:
                    cell = audio_value(speech_wav(SPEECH_TEXTS[i % len(SPEECH_TEXTS)]), name=f"{i}.wav")
                else:
                    cell = audio_value(tone(0.5, freq=200 + 10 * (i % 20)), 16_000, f"{i}.wav")
                columns[column].append(cell)
        return columns

    return make


@pytest.fixture
def make_instance():
    def make(**fields) -> Instance:
        values = {"name": "SoundType_Test", "task": "SoundType", "hf_path": "DynamicSuperb/SoundType_Test",
                  "revision": None, "type": "classification", "metric": "llm_classification"}
        values.update(fields)
        return Instance(**values)

    return make
