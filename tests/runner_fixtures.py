"""Tiny task suites and misbehaving models for the runner's tests (imported by tests/test_runner*.py,
and by subprocesses through PYTHONPATH=tests, as `runner_fixtures:SlowModel` and the like).

A suite is a tasks folder of real cards plus a data folder of local HF-style datasets (numpy tones
and noise, written with `dsuperb.local_dataset.write_hf_folder`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dsuperb.local_dataset import audio_value, write_hf_folder
from dsuperb.models.base import Model
from dsuperb.models.options import option

RATE = 16_000

CARD = """name: {task}
description: The model hears a short clip and says whether it holds a steady tone or noise.
domains: [audio]
category: {category}
type: {type}
metric: {metric}
keywords: [tone, noise]
license: CC-BY-4.0
{label_set}instances:
{instances}
"""

INSTANCE = """  - name: {name}
    hf_path: Test/{name}
    revision: null
{extra}"""


def clip(kind: str, seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    if kind == "tone":
        return (0.3 * np.sin(2 * np.pi * (220 + 20 * (seed % 7)) * t)).astype(np.float32)
    return (0.1 * rng.standard_normal(t.size)).astype(np.float32)


def write_classification_dataset(data_dir: Path, name: str, rows: int, seed: int = 0, two_audios=False,
                                 file_prefix: str = "clip") -> Path:
    instructions = [
        "Is this clip a tone or noise? Answer with tone or noise.",
        "Listen and decide: tone or noise? The answer could be tone or noise.",
        "Classify the sound. Options: tone, noise.",
    ]
    kinds = ["tone" if (i * 7 + seed) % 3 else "noise" for i in range(rows)]
    columns = {
        "file": [f"{file_prefix}_{i:04d}" for i in range(rows)],
        "audio": [audio_value(clip(k, 0.1 + 0.01 * (i % 5), seed * 1000 + i), RATE, f"{i}.wav")
                  for i, k in enumerate(kinds)],
        "instruction": [instructions[i % len(instructions)] for i in range(rows)],
        "label": kinds,
    }
    audio_columns = ["audio"]
    if two_audios:
        columns["audio2"] = [audio_value(clip("noise", 0.05, seed * 2000 + i), RATE, f"b{i}.wav")
                             for i in range(rows)]
        audio_columns.append("audio2")
    return write_hf_folder(data_dir, f"Test/{name}", columns, audio_columns)


def write_transcription_dataset(data_dir: Path, name: str, rows: int) -> Path:
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    columns = {
        "file": [f"utt_{i:04d}" for i in range(rows)],
        "audio": [audio_value(clip("tone", 0.1, i), RATE, f"{i}.wav") for i in range(rows)],
        "instruction": ["Transcribe the speech." for _ in range(rows)],
        "label": [" ".join(words[(i + j) % 5] for j in range(3)) for i in range(rows)],
    }
    return write_hf_folder(data_dir, f"Test/{name}", columns, ["audio"])


def write_task(tasks_dir: Path, task: str, instances: list[str], type_: str = "classification",
               metric: str = "llm_classification", label_set=("tone", "noise"), extra: str = "",
               category: str = "sound_event") -> Path:
    folder = Path(tasks_dir) / task
    folder.mkdir(parents=True, exist_ok=True)
    labels = f"label_set: [{', '.join(label_set)}]\n" if label_set else ""
    body = "".join(INSTANCE.format(name=name, extra=extra) for name in instances)
    (folder / "task.yaml").write_text(CARD.format(task=task, type=type_, metric=metric, label_set=labels,
                                                  instances=body, category=category), encoding="utf-8")
    return folder


def classification_suite(root: Path, task: str, rows: dict[str, int], seed: int = 0) -> tuple[Path, Path]:
    """One classification task, an instance per `rows` entry (name -> rows), with its data."""
    tasks_dir, data_dir = Path(root) / "tasks", Path(root) / "data"
    write_task(tasks_dir, task, list(rows))
    for offset, (name, count) in enumerate(rows.items()):
        write_classification_dataset(data_dir, name, count, seed=seed + offset)
    return tasks_dir, data_dir


def make_suite(root: Path, rows: int = 30) -> tuple[Path, Path]:
    """Two tasks, three instances (one classification task on two datasets, one transcription)."""
    tasks_dir, data_dir = Path(root) / "tasks", Path(root) / "data"
    write_task(tasks_dir, "ToneOrNoise", ["ToneOrNoise_SetA", "ToneOrNoise_SetB"])
    write_classification_dataset(data_dir, "ToneOrNoise_SetA", rows, seed=1)
    write_classification_dataset(data_dir, "ToneOrNoise_SetB", rows + 7, seed=2)
    write_task(tasks_dir, "ToneTranscription", ["ToneTranscription_Words"], type_="sequence_generation",
               metric="word_error_rate", label_set=None, category="speech_recognition")
    write_transcription_dataset(data_dir, "ToneTranscription_Words", rows)
    return tasks_dir, data_dir


class SlowModel(Model):
    """Answers like `random` would not: the first option it finds, after a pause per request
    (so a test can kill the process in the middle). Pause from $SLOW_MODEL_DELAY seconds."""

    name = "slow"

    def __init__(self, common=None, options=None):
        self.delay = float(os.environ.get("SLOW_MODEL_DELAY", "0.05"))

    def generate(self, requests):
        time.sleep(self.delay * len(requests))
        # The answer depends on the audio so that a control run can tell (tone clips are louder).
        out = []
        for request in requests:
            loud = bool(request.audios) and float(np.abs(request.audios[0]).max()) > 0.2
            out.append("tone" if loud else "noise")
        return out

    def describe(self):
        return {"id": "slow-test-model"}


class FlakyModel(Model):
    """Raises for samples whose id ends in a digit from $FLAKY_DIGITS; a whole batch holding one
    raises too (the runner must then retry one by one)."""

    name = "flaky"

    def __init__(self, common=None, options=None):
        self.bad = tuple(os.environ.get("FLAKY_DIGITS", "7"))
        self.calls = 0

    def generate(self, requests):
        self.calls += 1
        if any(r.id.endswith(self.bad) for r in requests):
            if len(requests) > 1:
                raise RuntimeError("batch contains a poisoned sample")
            raise ValueError(f"cannot answer {requests[0].id}")
        return ["tone" for _ in requests]

    def describe(self):
        return {"id": "flaky-test-model"}


class ItemErrorModel(Model):
    """Returns an exception object in place of the answer for every third request."""

    name = "item-error"

    def __init__(self, common=None, options=None):
        pass

    def generate(self, requests):
        return [RuntimeError(f"no answer for {r.id}") if i % 3 == 0 else "noise"
                for i, r in enumerate(requests)]

    def describe(self):
        return {"id": "item-error-test-model"}


class RecordingModel(Model):
    """Remembers every request it saw (to check what the runner fed it: controls, resume)."""

    name = "recording"

    def __init__(self, common=None, options=None):
        self.seen: list = []

    def generate(self, requests):
        self.seen.extend(requests)
        return ["tone" for _ in requests]

    def describe(self):
        return {"id": "recording-test-model"}


class InterruptingModel(Model):
    """Answers `tone`, but its Nth call raises KeyboardInterrupt, as Ctrl-C would
    (N from $INTERRUPT_AT_CALL; 0 never)."""

    name = "interrupting"

    def __init__(self, common=None, options=None):
        self.at = int(os.environ.get("INTERRUPT_AT_CALL", "0"))
        self.calls = 0

    def generate(self, requests):
        self.calls += 1
        if self.calls == self.at:
            raise KeyboardInterrupt
        return ["tone" if r.id[-1] in "02468" else "noise" for r in requests]

    def describe(self):
        return {"id": "interrupting-test-model"}


class SlowLoadingModel(Model):
    """Takes long to load, as a large model does: writes the file $LOADING_MARKER, then waits up to a
    minute (a test presses Ctrl-C meanwhile)."""

    name = "slow-loading"

    def __init__(self, common=None, options=None):
        Path(os.environ["LOADING_MARKER"]).write_text("loading\n")
        time.sleep(60)

    def generate(self, requests):
        return ["tone" for _ in requests]

    def describe(self):
        return {"id": "slow-loading-test-model"}


class TemplatedModel(Model):
    """Describes itself with a processor and chat-template hash, as the transformers adapter does
    (the template text from $TEMPLATE_TEXT), so a test can change the template between runs."""

    name = "templated"

    def __init__(self, common=None, options=None):
        import hashlib

        self.template_hash = hashlib.sha256(os.environ.get("TEMPLATE_TEXT", "{{ q }}").encode()).hexdigest()

    def generate(self, requests):
        return ["tone" for _ in requests]

    def describe(self):
        return {"id": "templated-test-model", "processor": "TinyProcessor",
                "chat_template_sha256": self.template_hash}


class BrokenModel(Model):
    """Raises in the step named by $BROKEN_AT: init, describe or close (an adapter's bugs)."""

    name = "broken"

    def __init__(self, common=None, options=None):
        self.at = os.environ.get("BROKEN_AT", "")
        if self.at == "init":
            raise OSError("no weights in /models/x")

    def generate(self, requests):
        return ["tone" for _ in requests]

    def describe(self):
        if self.at == "describe":
            raise KeyError("id")
        return {"id": "broken-test-model"}

    def close(self):
        if self.at == "close":
            raise RuntimeError("device lost")


@dataclass(frozen=True)
class OptionedOptions:
    language: str = option("en", "the language it answers in")
    workers: int = option(1, "threads it would use (speed only)", scored=False)


class OptionedModel(Model):
    """A backend with options of its own, one that changes answers and one that does not."""

    name = "optioned"
    Options = OptionedOptions

    def __init__(self, common=None, options=None):
        self.options = options or OptionedOptions()

    def generate(self, requests):
        return ["tone" if self.options.language == "en" else "ton" for _ in requests]

    def describe(self):
        return {"id": "optioned-test-model", "language": self.options.language}
