"""Shared fixtures: the hub is offline for every test, and tiny datasets are built on the fly.

- `espeak_wav(text, rate=16000, channels=1)`: WAV bytes of real synthetic speech (espeak-ng,
  converted by sox), cached for the session.
- `tone(seconds, rate, freq, amplitude)`, `noise(seconds, rate, amplitude, seed)`: numpy clips.
- `make_dataset(columns, hf_path=..., audio_columns=("audio",), **kw) -> data_dir`: a local
  HF-style dataset under a temporary data dir (what `--data-dir` takes).
- `clean_columns(rows=40, audio_columns=("audio",))`: the columns of a classification instance
  that passes every data rule (speech and tones, 10+ instructions that list the options).
- `make_instance(**fields)`: an `Instance` spec without a card file.
"""

from __future__ import annotations

import os
import shutil
import subprocess

# Before anything imports huggingface_hub or datasets: tests never reach the hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dsuperb.cards import Instance  # noqa: E402
from dsuperb.local_dataset import audio_value, write_hf_folder  # noqa: E402

SPEECH_TEXTS = ("yes", "the cat sat on the mat", "open the door please", "seven")
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
def espeak_wav(tmp_path_factory):
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.fail("espeak-ng and sox are needed (apt-get install -y espeak-ng sox)")
    folder = tmp_path_factory.mktemp("espeak")
    cache: dict[tuple, bytes] = {}

    def make(text: str = "hello world", rate: int = 16_000, channels: int = 1) -> bytes:
        key = (text, rate, channels)
        if key not in cache:
            raw, out = folder / f"raw{len(cache)}.wav", folder / f"speech{len(cache)}.wav"
            subprocess.run(["espeak-ng", "-w", str(raw), text], check=True, capture_output=True)
            subprocess.run(["sox", str(raw), "-r", str(rate), "-c", str(channels), str(out)], check=True,
                           capture_output=True)
            cache[key] = out.read_bytes()
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
def clean_columns(espeak_wav, tone):
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
                    cell = audio_value(espeak_wav(SPEECH_TEXTS[i % len(SPEECH_TEXTS)]), name=f"{i}.wav")
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
