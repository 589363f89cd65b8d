"""`dsuperb pack`: clips and a metadata table become a dataset as the hub serves it, which
`validate --data` accepts and which no longer needs the clips it was made from."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
import soundfile
from click.testing import CliRunner
from task_folders import write_task_folder

from dsuperb import packing
from dsuperb.cli import main

SPEECH = Path(__file__).parent / "data" / "speech"
ROWS = 36
INSTRUCTIONS = [f"Variant {i}: is this a tone or speech? Answer tone or speech." for i in range(12)]
CARD = """name: Sounds
description: The model hears two clips and says whether the first is a tone or speech.
domains: [audio]
category: audio_analysis
type: classification
metric: llm_classification
keywords: [test]
license: CC0-1.0
label_set: [tone, speech]
instances:
  - name: Sounds_Packed
    hf_path: org/Sounds_Packed
    revision: null
    audio_columns: [audio, audio2]
"""


def tone(seconds: float, rate: int, freq: float, channels: int = 1) -> np.ndarray:
    wave = (0.3 * np.sin(2 * np.pi * freq * np.arange(int(seconds * rate)) / rate)).astype(np.float32)
    return np.stack([wave, 0.5 * wave], axis=1) if channels == 2 else wave


@pytest.fixture
def clips(tmp_path) -> Path:
    """Clips in several formats, rates and channel counts, with a CSV and a JSONL table."""
    folder = tmp_path / "clips"
    (folder / "speech").mkdir(parents=True)
    rows = []
    for i in range(ROWS):
        if i % 3 == 0:
            name = f"speech/{i:02d}.flac"
            shutil.copy(SPEECH / "seven.flac", folder / name)  # already 16 kHz: stored as it is
            label = "speech"
        else:
            name = f"tone_{i:02d}.wav"
            rate, channels = (44_100, 2) if i % 3 == 1 else (8_000, 1)
            soundfile.write(folder / name, tone(0.4, rate, 300 + 10 * i, channels), rate)
            label = "tone"
        second = f"second_{i:02d}.wav"
        soundfile.write(folder / second, tone(0.3, 22_050, 500 + i), 22_050)
        rows.append({"file": name, "audio2": second, "instruction": INSTRUCTIONS[i % 12], "label": label,
                     "speaker": f"s{i % 4}"})
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with open(folder / "metadata.jsonl", "w", encoding="utf-8") as handle:
        for i, row in enumerate(rows):
            handle.write(json.dumps({**row, "label": i % 5, "speaker": i}) + "\n")  # numbers in JSON
    return folder


def invoke(*args) -> object:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def read(folder: Path) -> dict:
    files = sorted((folder / "data").glob("*.parquet"))
    tables = [pq.read_table(path) for path in files]
    return {"files": [path.name for path in files], "schema": tables[0].schema,
            "rows": [row for table in tables for row in table.to_pylist()]}


def test_a_packed_dataset_validates_and_needs_no_clips(tmp_path, clips):
    out = tmp_path / "hub" / "org" / "Sounds_Packed"
    result = invoke("pack", clips, "--metadata", clips / "metadata.csv", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"{ROWS} rows, audio column(s) audio, audio2" in result.output
    assert "hf upload org/Sounds_Packed" in result.output and "--repo-type dataset" in result.output
    assert (out / "README.md").read_text().startswith(
        "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: test\n    path: data/test-*\n---\n")
    packed = read(out)
    assert packed["files"] == ["test-00000-of-00001.parquet"]
    assert packed["schema"].names == ["file", "audio", "audio2", "instruction", "label", "speaker"]
    assert b'"_type": "Audio"' in packed["schema"].metadata[b"huggingface"]
    rows = packed["rows"]
    assert [row["file"] for row in rows] == [f"speech/{i:02d}.flac" if i % 3 == 0 else f"tone_{i:02d}.wav"
                                             for i in range(ROWS)]
    assert rows[1]["speaker"] == "s1" and rows[0]["label"] == "speech"
    for i, row in enumerate(rows):
        samples, rate = soundfile.read(io.BytesIO(row["audio"]["bytes"]))
        assert rate == 16_000 and soundfile.read(io.BytesIO(row["audio2"]["bytes"]))[1] == 16_000
        if i % 3 == 0:  # at 16 kHz already: the very bytes of the clip
            assert row["audio"]["bytes"] == (SPEECH / "seven.flac").read_bytes()
        elif i % 3 == 1:  # 44.1 kHz stereo: resampled, channels kept
            assert samples.shape == (6_400, 2) and row["audio"]["path"] == f"tone_{i:02d}.flac"

    shutil.rmtree(clips)  # the dataset holds the audio itself
    write_task_folder(tmp_path / "tasks" / "Sounds", CARD)
    check = invoke("validate", "--data", "--data-dir", tmp_path / "hub", "--tasks-dir", tmp_path / "tasks",
                   "--format", "json")
    report = json.loads(check.output)
    assert check.exit_code == 0, check.output
    assert report["totals"]["error"] == 0 and report["data"][0]["rows"] == ROWS
    assert report["data"][0]["audio"]["audio"]["sampling_rates"] == {"16000": ROWS}


def test_out_given_as_a_bare_name_inside_the_org_folder_names_its_org(tmp_path, clips, monkeypatch):
    """`--out Sounds_Packed` typed inside DIR/org/: the dataset is DIR/org/Sounds_Packed, so its README,
    the upload line and the --data-dir to check it with name org and DIR (not '' and '.')."""
    (tmp_path / "hub" / "org").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "hub" / "org")
    result = invoke("pack", clips, "--metadata", clips / "metadata.csv", "--out", "Sounds_Packed")
    assert result.exit_code == 0, result.output
    readme = (tmp_path / "hub" / "org" / "Sounds_Packed" / "README.md").read_text(encoding="utf-8")
    assert "\n# org/Sounds_Packed\n" in readme
    lines = result.output.splitlines()
    assert lines[-2] == f"  dsuperb validate --data --data-dir {tmp_path / 'hub'} tasks/<YourTask>"
    assert lines[-1] == "  hf upload org/Sounds_Packed Sounds_Packed --repo-type dataset"


def test_the_hub_reader_sees_one_test_split_of_audio(tmp_path, clips):
    from datasets import Audio, load_dataset

    out = tmp_path / "org" / "Sounds_Packed"
    assert invoke("pack", clips, "--metadata", clips / "metadata.csv", "--out", out).exit_code == 0
    dataset = load_dataset(str(out))
    assert list(dataset) == ["test"] and dataset["test"].num_rows == ROWS
    assert isinstance(dataset["test"].features["audio"], Audio)
    assert dataset["test"].features["audio"].sampling_rate == 16_000


def test_jsonl_labels_become_text_and_keep_rate_keeps_the_rates(tmp_path, clips):
    out = tmp_path / "org" / "Sounds_Packed"
    result = invoke("pack", clips, "--metadata", clips / "metadata.jsonl", "--out", out, "--keep-rate")
    assert result.exit_code == 0, result.output
    assert "resampled" not in result.output
    rows = read(out)["rows"]
    assert [row["label"] for row in rows[:6]] == ["0", "1", "2", "3", "4", "0"]
    assert rows[3]["speaker"] == 3  # other columns keep their JSON type
    rates = [soundfile.info(io.BytesIO(row["audio"]["bytes"])).samplerate for row in rows[:3]]
    assert rates == [16_000, 44_100, 8_000]


def test_large_datasets_are_split_into_shards_the_reader_joins(tmp_path, clips, monkeypatch):
    monkeypatch.setattr(packing, "ROWS_PER_GROUP", 10)
    monkeypatch.setattr(packing, "MAX_SHARD_BYTES", 1)  # every row group opens a new file
    out = tmp_path / "hub" / "org" / "Sounds_Packed"
    assert invoke("pack", clips, "--metadata", clips / "metadata.csv", "--out", out).exit_code == 0
    packed = read(out)
    assert packed["files"] == [f"test-0000{i}-of-00004.parquet" for i in range(4)]
    assert len(packed["rows"]) == ROWS
    write_task_folder(tmp_path / "tasks" / "Sounds", CARD)
    check = invoke("validate", "--data", "--data-dir", tmp_path / "hub", "--tasks-dir", tmp_path / "tasks")
    assert check.exit_code == 0 and f"rows {ROWS}" in check.output


def edit_csv(path: Path, change) -> None:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = change(rows) or rows
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("breakage, message", [
    ("no label column", "csv: missing column(s) label (columns: file, audio2, instruction, speaker)"),
    ("missing clip", "metadata.csv:5: audio: no file 'gone.wav' under"),
    ("unreadable clip", "metadata.csv:3: audio: tone_01.wav: cannot decode audio"),
    ("repeated id", "metadata.csv:4: file 'speech/00.flac' repeats line 2"),
    ("empty instruction", "metadata.csv:7: instruction is empty"),
])
def test_bad_input_is_one_message_and_nothing_is_written(tmp_path, clips, breakage, message):
    metadata = clips / "metadata.csv"
    if breakage == "no label column":
        edit_csv(metadata, lambda rows: [{k: v for k, v in row.items() if k != "label"} for row in rows])
    elif breakage == "missing clip":
        edit_csv(metadata, lambda rows: rows[3].update(file="gone.wav"))
    elif breakage == "unreadable clip":
        (clips / "tone_01.wav").write_bytes(b"RIFF....WAVE but nothing else")
    elif breakage == "repeated id":
        edit_csv(metadata, lambda rows: rows[2].update(file=rows[0]["file"]))
    elif breakage == "empty instruction":
        edit_csv(metadata, lambda rows: rows[5].update(instruction=" "))
    out = tmp_path / "hub" / "org" / "Sounds_Packed"
    result = invoke("pack", clips, "--metadata", metadata, "--out", out)
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (tmp_path / "hub").exists() or list((tmp_path / "hub" / "org").iterdir()) == []


def test_an_existing_dataset_is_replaced_only_when_asked(tmp_path, clips):
    out = tmp_path / "org" / "Sounds_Packed"
    assert invoke("pack", clips, "--metadata", clips / "metadata.csv", "--out", out).exit_code == 0
    again = invoke("pack", clips, "--metadata", clips / "metadata.jsonl", "--out", out)
    assert again.exit_code == 2 and "already exists; pass --overwrite" in again.stderr
    assert read(out)["rows"][1]["label"] == "tone"
    replaced = invoke("pack", clips, "--metadata", clips / "metadata.jsonl", "--out", out, "--overwrite")
    assert replaced.exit_code == 0 and read(out)["rows"][1]["label"] == "1"
    assert sorted(p.name for p in out.parent.iterdir()) == ["Sounds_Packed"]  # no staging folder left


@pytest.mark.parametrize("out_of", [lambda clips: clips, lambda clips: clips.parent, lambda clips: Path(".")],
                         ids=["the clips", "their parent", "where you stand"])
def test_overwrite_never_replaces_a_folder_holding_the_clips_or_where_you_stand(tmp_path, clips, monkeypatch,
                                                                                out_of):
    monkeypatch.chdir(clips)
    before = sorted(p.name for p in clips.iterdir())
    out = out_of(clips)
    result = invoke("pack", clips, "--metadata", clips / "metadata.csv", "--out", out, "--overwrite")
    assert result.exit_code == 2 and "replacing it would delete it" in result.stderr, result.output
    assert sorted(p.name for p in clips.iterdir()) == before


def test_a_bad_jsonl_line_is_named(tmp_path, clips):
    metadata = clips / "metadata.jsonl"
    lines = metadata.read_text().splitlines()
    lines[2] = "{not json"
    metadata.write_text("\n".join(lines) + "\n")
    result = invoke("pack", clips, "--metadata", metadata, "--out", tmp_path / "org" / "x")
    assert result.exit_code == 2 and f"{metadata}:3: malformed JSON" in result.stderr
