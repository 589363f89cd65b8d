"""Datasets and models for the analysis tests (instruction variants, audio permutations): a pair
task whose answer names a clip by its place ("first"/"second"), a MUGEN-shaped task (a reference
clip, five candidates audio1..audio5, answers (A)..(E), no `file` column), and models that listen
(the loudest clip) or do not (always the first)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from runner_fixtures import RATE

from dsuperb.local_dataset import audio_value, write_hf_folder
from dsuperb.models.base import Model

PAIR_INSTRUCTIONS = [
    "Which clip is louder? Answer first or second.",
    "One of the two clips is louder. Respond with first or second.",
    "Listen to both clips. The louder one is the first or the second? Answer first or second.",
]
LETTERS = ["(A)", "(B)", "(C)", "(D)", "(E)"]

PAIR_CARD = """name: LouderClip
description: The model hears two clips and says which one is louder, the first or the second.
domains: [audio]
category: audio_analysis
type: classification
metric: llm_classification
keywords: [loudness, two audios]
license: CC0-1.0
label_set: [first, second]
audio_order:
  labels: {{first: 1, second: 2}}
instances:
  - name: LouderClip_Pairs
    hf_path: Test/LouderClip_Pairs
    revision: null
    audio_columns: [audio, audio2]
{extra}"""

MUGEN_CARD = """name: LoudestCandidate
description: The model hears a reference clip and five candidates and names the loudest candidate.
domains: [audio]
category: audio_analysis
type: classification
metric: llm_classification
keywords: [loudness, five audios]
license: CC0-1.0
label_set: ["(A)", "(B)", "(C)", "(D)", "(E)"]
suite: mugen
audio_order:
  columns: [audio1, audio2, audio3, audio4, audio5]
  labels: {"(A)": 1, "(B)": 2, "(C)": 3, "(D)": 4, "(E)": 5}
instances:
  - name: LoudestCandidate_Test
    hf_path: Test/LoudestCandidate_Test
    revision: null
    file_column: null
    audio_columns: [reference_audio, audio1, audio2, audio3, audio4, audio5]
    label_columns: [answer]
"""


def tone(level: float, seconds: float = 0.1, seed: int = 0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (level * np.sin(2 * np.pi * (300 + 10 * (seed % 9)) * t)).astype(np.float32)


def write_pairs(tasks_dir: Path, data_dir: Path, rows: int = 12, extra: str = "") -> None:
    folder = Path(tasks_dir) / "LouderClip"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "task.yaml").write_text(PAIR_CARD.format(extra=extra), encoding="utf-8")
    columns = {"file": [], "audio": [], "audio2": [], "instruction": [], "label": []}
    for i in range(rows):
        first_louder = i % 3 != 0
        levels = (0.6, 0.1) if first_louder else (0.1, 0.6)
        columns["file"].append(f"pair_{i:03d}")
        columns["audio"].append(audio_value(tone(levels[0], seed=i), RATE, f"{i}a.wav"))
        columns["audio2"].append(audio_value(tone(levels[1], seed=i + 1), RATE, f"{i}b.wav"))
        columns["instruction"].append(PAIR_INSTRUCTIONS[i % len(PAIR_INSTRUCTIONS)])
        columns["label"].append("first" if first_louder else "second")
    write_hf_folder(data_dir, "Test/LouderClip_Pairs", columns, ["audio", "audio2"])


def write_mugen_like(tasks_dir: Path, data_dir: Path, rows: int = 10, more_splits: bool = False) -> None:
    """Its hub layout: no `file` column; with `more_splits`, a second split (test_2) as MUGEN ships."""
    folder = Path(tasks_dir) / "LoudestCandidate"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "task.yaml").write_text(MUGEN_CARD, encoding="utf-8")
    columns = {"instruction": [], "answer": [], "reference_audio": []}
    columns.update({f"audio{k}": [] for k in range(1, 6)})
    for i in range(rows):
        loudest = i % 5
        columns["instruction"].append("Which candidate is the loudest? Answer (A), (B), (C), (D) or (E).")
        columns["answer"].append(LETTERS[loudest])
        columns["reference_audio"].append(audio_value(tone(0.9, seed=i), RATE, f"r{i}.wav"))
        for k in range(5):
            level = 0.7 if k == loudest else 0.05 + 0.02 * k
            columns[f"audio{k + 1}"].append(audio_value(tone(level, seed=i + k), RATE, f"{i}_{k}.wav"))
    write_hf_folder(data_dir, "Test/LoudestCandidate_Test", columns,
                    ["reference_audio", *(f"audio{k}" for k in range(1, 6))],
                    extra_splits={"test_2": columns} if more_splits else None)


class LoudestModel(Model):
    """Names the loudest clip by its place: first/second for two clips; (A)..(E) among the clips
    after a reference (an input named reference_audio is never a candidate). It listens, so its
    answers follow any reordering: consistent across orders, and right."""

    name = "loudest"

    def __init__(self, common=None, options=None):
        pass

    def generate(self, requests):
        out = []
        for request in requests:
            clips = [item.value for item in request.inputs if item.column != "reference_audio"]
            loudest = int(np.argmax([float(np.abs(c).max()) for c in clips]))
            out.append(["first", "second"][loudest] if len(clips) == 2 else LETTERS[loudest])
        return out

    def describe(self):
        return {"id": "loudest-test-model"}


class FirstModel(Model):
    """Always the first clip, whatever it hears: never consistent under a swap of two clips."""

    name = "first"

    def __init__(self, common=None, options=None):
        pass

    def generate(self, requests):
        return ["first" if len(request.audios) == 2 else "(A)" for request in requests]

    def describe(self):
        return {"id": "first-test-model"}


class SlowLoudestModel(LoudestModel):
    """The loudest clip, after a pause per request from $SLOW_MODEL_DELAY (a test kills it midway)."""

    name = "slow-loudest"

    def __init__(self, common=None, options=None):
        import os

        self.delay = float(os.environ.get("SLOW_MODEL_DELAY", "0.05"))

    def generate(self, requests):
        import time

        time.sleep(self.delay * len(requests))
        return super().generate(requests)

    def describe(self):
        return {"id": "slow-loudest-test-model"}
