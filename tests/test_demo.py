"""The demo suite: committed, valid, reproducible from tools/make_demo.py, and the README's first
commands (`dsuperb eval` with the random baseline, then `dsuperb report`) work on it offline."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import soundfile

from dsuperb.cards import Catalogue
from dsuperb.data import open_instance
from dsuperb.validation.cards import validate_cards

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo"
MADE_WITH_NUMPY = {"NotePitchClassification_DemoSine", "NotePitchClassification_DemoPlucked",
                   "ToneOrNoise_DemoSynthetic", "SamePitchPair_DemoSine"}
README_EVAL = "dsuperb eval --model random --tasks demo/tasks --data-dir demo/data --output-dir runs/"
README_REPORT = "dsuperb report runs/random"


def demo_instances():
    return list(Catalogue.load(DEMO / "tasks").instances())


def test_demo_cards_are_valid_and_cover_domains_and_metrics():
    cards, findings = validate_cards(sorted((DEMO / "tasks").iterdir()))
    assert [f.format() for f in findings if f.severity == "error"] == []
    instances = demo_instances()
    assert 4 <= len(instances) <= 6 and len(cards) >= 3
    assert {d for inst in instances for d in inst.domains} == {"speech", "music", "audio"}
    metrics = {inst.metric for inst in instances}
    assert "llm_classification" in metrics and len(metrics) >= 2  # classification plus one other metric
    assert all(inst.hf_path == f"dsuperb-demo/{inst.name}" for inst in instances)


def test_demo_data_is_small_and_reads_as_16k_mono_clips():
    total = sum(f.stat().st_size for f in (DEMO / "data").rglob("*") if f.is_file())
    assert total < 2_000_000
    for instance in demo_instances():
        data = open_instance(instance, data_dir=DEMO / "data")
        samples = list(data.samples())
        assert 32 <= len(samples) <= 60, instance.name
        assert len({s.file for s in samples}) == len(samples)
        for sample in samples:
            assert sample.error is None, (instance.name, sample.file, sample.error)
            clip = sample.audios[0]
            assert clip.dtype == np.float32 and clip.ndim == 1 and 0.2 * 16_000 < clip.size < 3 * 16_000
            assert np.abs(clip).max() > 0.01  # not silence
        if instance.label_set:
            assert {s.label for s in samples} == set(instance.label_set), instance.name


def read_instance(folder: Path) -> dict:
    table = pq.read_table(next((folder / "data").glob("test-*.parquet"))).to_pydict()
    audio = [soundfile.read(io.BytesIO(cell["bytes"]), dtype="float32") for cell in table["audio"]]
    return {"file": table["file"], "instruction": table["instruction"], "label": table["label"],
            "rates": [rate for _, rate in audio], "audio": [samples for samples, _ in audio]}


def test_generator_remakes_the_committed_suite(tmp_path):
    """Needs espeak-ng and sox (.ci/run installs them)."""
    subprocess.run([sys.executable, str(REPO / "tools" / "make_demo.py"), "--output", str(tmp_path)],
                   check=True, capture_output=True, text=True)
    made = sorted(p.relative_to(tmp_path / "tasks") for p in (tmp_path / "tasks").rglob("task.yaml"))
    assert made == sorted(p.relative_to(DEMO / "tasks") for p in (DEMO / "tasks").rglob("task.yaml"))
    for card in made:
        assert (tmp_path / "tasks" / card).read_text() == (DEMO / "tasks" / card).read_text()
    for instance in demo_instances():
        fresh = read_instance(tmp_path / "data" / instance.hf_path)
        committed = read_instance(DEMO / "data" / instance.hf_path)
        for column in ("file", "instruction", "label", "rates"):
            assert fresh[column] == committed[column], (instance.name, column)
        for new, old in zip(fresh["audio"], committed["audio"], strict=True):
            if instance.name in MADE_WITH_NUMPY:
                np.testing.assert_array_equal(new, old)  # seeded numpy: identical samples
            else:  # espeak-ng's voices may differ slightly between its versions
                assert abs(new.size - old.size) <= 0.15 * old.size, instance.name


def test_readme_demo_runs_end_to_end_offline(tmp_path):
    """The README's exact commands, from a folder holding a copy of demo/ (as a fresh clone does)."""
    shutil.copytree(DEMO, tmp_path / "demo")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    env.pop("DSUPERB_DATA_DIR", None)
    env.pop("DSUPERB_TASKS_DIR", None)
    evaluated = subprocess.run(README_EVAL.split(), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert evaluated.returncode == 0, evaluated.stderr[-3000:]
    results = json.loads((tmp_path / "runs" / "random" / "results.json").read_text())
    names = {inst.name for inst in demo_instances()}
    assert set(results["instances"]) == names
    assert all(entry["status"] == "ok" for entry in results["instances"].values()), results["instances"]

    reported = subprocess.run(README_REPORT.split(), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert reported.returncode == 0, reported.stderr[-3000:]
    text = reported.stdout
    assert "## Domains" in text and "## Tasks" in text
    for task in {inst.task for inst in demo_instances()}:
        assert f"| {task} |" in text
    # the report's task scores are the instances' scores from results.json, folds averaged
    entries = results["instances"]
    for task in {entry["task"] for entry in entries.values()}:
        scores = [e["normalised"] for e in entries.values() if e["task"] == task]
        line = next(row for row in text.splitlines() if row.startswith(f"| {task} |"))
        assert f"| {np.mean(scores):.1f} [" in line, line
