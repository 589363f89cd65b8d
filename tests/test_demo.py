"""The demo suite: committed, valid, checked against a rebuild by tools/make_demo.py --check, and the
README's first commands (`dsuperb eval` with the random baseline, then `dsuperb report`) work on it
offline. Nothing here needs espeak-ng or sox: the rebuild itself runs in .ci/run."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import soundfile
from tool_modules import load_tool

from dsuperb.cards import Catalogue
from dsuperb.data import open_instance
from dsuperb.task_readme import render
from dsuperb.taxonomy import load_taxonomy
from dsuperb.validation.cards import validate_cards

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo"
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


def test_the_committed_task_readmes_are_what_the_generator_writes():
    make_demo = load_tool("make_demo")
    taxonomy = load_taxonomy()
    for card in Catalogue.load(DEMO / "tasks").cards:
        readme = (card.path.parent / "README.md").read_text(encoding="utf-8")
        assert readme == render(card.task, taxonomy, make_demo.TAXONOMY_LINK), card.path
        assert (card.path.parent / make_demo.TAXONOMY_LINK).resolve() == REPO / "docs" / "taxonomy.md"


def test_the_rebuild_check_finds_what_differs(tmp_path):
    """`tools/make_demo.py --check` (run by .ci/run, where espeak-ng and sox are installed) compares
    a rebuild with the committed suite; here the comparison itself, on a copy changed by hand."""
    make_demo = load_tool("make_demo")
    assert make_demo.compare(DEMO, DEMO) == []
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    card = copy / "tasks" / "ToneOrNoise" / "task.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("CC0-1.0", "MIT"), encoding="utf-8")
    (copy / "tasks" / "SpeechRecognition" / "README.md").unlink()
    data = copy / "data" / "dsuperb-demo"
    sine = next((data / "NotePitchClassification_DemoSine" / "data").glob("*.parquet"))
    table = pq.read_table(sine)
    labels = table.column("label").to_pylist()
    labels[0] = "low" if labels[0] == "high" else "high"
    pq.write_table(table.set_column(table.schema.get_field_index("label"), "label", pa.array(labels)), sine)
    speech = next((data / "SpeechRecognition_DemoEspeak" / "data").glob("*.parquet"))
    table = pq.read_table(speech)
    cells = table.column("audio").to_pylist()
    samples, rate = soundfile.read(io.BytesIO(cells[3]["bytes"]), dtype="float32")
    buffer = io.BytesIO()
    soundfile.write(buffer, np.concatenate([samples, samples]), rate, format="FLAC")
    cells[3] = {**cells[3], "bytes": buffer.getvalue()}
    pq.write_table(table.set_column(table.schema.get_field_index("audio"), "audio",
                                    pa.array(cells, type=table.schema.field("audio").type)), speech)

    problems = make_demo.compare(DEMO, copy)
    assert len(problems) == 4, problems
    assert any("ToneOrNoise/task.yaml: differs" in p for p in problems)
    assert any("SpeechRecognition/README.md: missing" in p for p in problems)
    assert any("NotePitchClassification_DemoSine: column label differs" in p for p in problems)
    assert any("SpeechRecognition_DemoEspeak: the audio of row 3 differs" in p for p in problems)


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
