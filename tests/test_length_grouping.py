"""Less padding: samples of similar length batched together (models/batching.py), and
`--batch-size auto` (the largest size that fits, found by halving on out-of-memory)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from click.testing import CliRunner
from runner_fixtures import classification_suite
from tiny_models import TEST_DEVICE, tiny_options, tiny_qwen2_audio  # noqa: F401

from dsuperb.cli import main
from dsuperb.models.base import Request
from dsuperb.models.batching import longest_first, run_grouped, window_rows
from dsuperb.models.oom import AUTO_START, ShrinkingBatcher
from dsuperb.models.registry import load_model

RATE = 16_000
SECONDS = [0.2, 1.8, 0.3, 1.5, 0.25, 1.7, 0.9, 0.35, 1.6, 0.4, 1.2, 0.3]  # short and long, interleaved


def clip(seconds: float, seed: int) -> np.ndarray:
    return (0.1 * np.random.default_rng(seed).standard_normal(int(seconds * RATE))).astype(np.float32)


def mixed_requests() -> list[Request]:
    return [Request.of(str(i), "Demo", "What do you hear?", (clip(s, i),)) for i, s in enumerate(SECONDS)]


def padding(batches: list[list[int]]) -> float:
    """Share of a batch's cells that are padding, when each sample is padded to its batch's longest."""
    cells = sum(max(batch) * len(batch) for batch in batches)
    return 1 - sum(map(sum, batches)) / cells


def test_a_window_is_batched_longest_first_and_answered_in_its_own_order():
    requests = mixed_requests()
    batches: list[list[int]] = []

    def run(items):  # a batcher of three: answers are the sample ids
        for start in range(0, len(items), 3):
            batches.append([len(r.audios[0]) for r in items[start:start + 3]])
        return [r.id for r in items]

    assert run_grouped(requests, run) == [r.id for r in requests]
    flat = [length for batch in batches for length in batch]
    assert flat == sorted(flat, reverse=True)
    in_order = [[len(r.audios[0]) for r in requests[i:i + 3]] for i in range(0, len(requests), 3)]
    assert padding(batches) < padding(in_order) / 2


def test_equal_lengths_keep_their_order_and_the_window_is_bounded():
    same = [Request.of(str(i), "Demo", "Same?", (np.zeros(800, np.float32),)) for i in range(6)]
    assert longest_first(same) == list(range(6))
    assert [window_rows(size) for size in (1, 8, 64, 1000)] == [4, 32, 256, 256]


@pytest.fixture(scope="module")
def grouped(tiny_qwen2_audio):  # noqa: F811
    return load_model(str(tiny_qwen2_audio), *tiny_options(batch_size=3, max_new_tokens=5))


def test_the_adapter_groups_by_length_with_the_same_answers(grouped, tiny_qwen2_audio, monkeypatch):  # noqa: F811
    plain = load_model(str(tiny_qwen2_audio), *tiny_options(batch_size=3, max_new_tokens=5,
                                                           group_by_length="false"))
    requests = mixed_requests()
    seen: dict[str, list[list[int]]] = {"grouped": [], "plain": []}
    for key, model in (("grouped", grouped), ("plain", plain)):
        real = model.build_inputs

        def spy(batch, real=real, key=key):
            inputs = real(batch)
            seen[key].append(inputs["attention_mask"].sum(dim=1).tolist())  # prompt tokens per sample
            return inputs

        monkeypatch.setattr(model, "build_inputs", spy)
    assert grouped.generate(requests) == plain.generate(requests)
    assert padding(seen["grouped"]) < padding(seen["plain"]) / 2
    assert grouped.rows_per_call(3) == 12 and plain.rows_per_call(3) == 3
    assert grouped.describe() == plain.describe()  # grouping changes speed, not what is asked


def test_auto_starts_high_and_keeps_the_largest_size_that_fits(grouped, monkeypatch):
    requests = mixed_requests()[:5]
    expected = grouped.generate(requests)
    real_generate = grouped.model.generate

    def limited(**inputs):  # a card that holds three samples at once
        if inputs["input_ids"].shape[0] > 3:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 4.00 GiB")
        return real_generate(**inputs)

    monkeypatch.setattr(grouped.model, "generate", limited)
    monkeypatch.setattr(grouped, "batcher", ShrinkingBatcher("auto"))
    assert grouped.batcher.size == AUTO_START
    assert grouped.generate(requests) == expected
    assert grouped.batcher.shrinks == [64, 32, 16, 8, 4] and grouped.batcher.size == 2


def test_eval_with_batch_size_auto_stores_rows_in_dataset_order_and_resumes(tiny_qwen2_audio, tmp_path):  # noqa: F811
    tasks_dir, data_dir = classification_suite(tmp_path / "suite", "Lengths", {"Lengths_A": 13}, seed=4)
    arguments = ["eval", "--model", str(tiny_qwen2_audio), "--output-dir", str(tmp_path / "runs"),
                 "--tasks-dir", str(tasks_dir), "--data-dir", str(data_dir), "--device", TEST_DEVICE,
                 "--dtype", "float32", "--max-new-tokens", "3", "--no-progress"]
    auto = CliRunner().invoke(main, [*arguments, "--batch-size", "auto"])
    assert auto.exit_code == 0, auto.output
    [run_dir] = (tmp_path / "runs").iterdir()
    stored = (run_dir / "predictions" / "Lengths_A.jsonl").read_text()
    rows = [json.loads(line) for line in stored.splitlines()]
    assert [row["file"] for row in rows] == [f"clip_{i:04d}" for i in range(13)]  # clips vary in length
    assert json.loads((run_dir / "run_card.json").read_text())["execution"]["batch_size"] == "auto"
    again = CliRunner().invoke(main, [*arguments, "--batch-size", "2"])  # resumes the same run folder
    assert again.exit_code == 0, again.output
    single = CliRunner().invoke(main, [*arguments, "--batch-size", "1", "--output-dir", str(tmp_path / "b1")])
    assert single.exit_code == 0, single.output
    one = (tmp_path / "b1" / run_dir.name / "predictions" / "Lengths_A.jsonl").read_text()
    assert one == (run_dir / "predictions" / "Lengths_A.jsonl").read_text()
