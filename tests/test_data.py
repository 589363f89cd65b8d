"""Opening instances (local folders, the offline hub) and streaming their samples."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import dsuperb.audio as audio_module
from dsuperb.audio import wav_bytes
from dsuperb.data import open_instance
from dsuperb.errors import DataError as DatasetError
from dsuperb.errors import DataUnavailable as DatasetUnavailable
from dsuperb.local_dataset import audio_value


def _decode_spy(monkeypatch):
    """Record every cell the data layer decodes (the real decoder still runs)."""
    seen, real = [], audio_module.decode

    def spy(cell, column="audio", base_dir=None):
        seen.append(cell.get("path") if isinstance(cell, dict) else cell)
        return real(cell, column, base_dir)

    monkeypatch.setattr(audio_module, "decode", spy)
    return seen


def test_local_folder_samples_are_16k_mono_float32_in_card_order(make_dataset, make_instance, speech_wav,
                                                                  tone):
    columns = {
        "file": ["a", "b", "c"],
        "audio": [audio_value(speech_wav("one", rate=22_050, channels=2)),
                  audio_value(tone(1.0, rate=44_100), 44_100), audio_value(tone(0.5))],
        "audio2": [audio_value(tone(0.25))] * 3,
        "instruction": ["Is it speech or tone?"] * 3,
        "label": ["speech", "tone", "tone"],
        "extra": [1, 2, 3],
    }
    data_dir = make_dataset(columns, audio_columns=("audio", "audio2"))
    data = open_instance(make_instance(audio_columns=("audio2", "audio")), data_dir=data_dir)
    assert data.num_rows == 3 and data.splits == ["test"] and "local folder" in data.source
    samples = list(data.samples())
    assert [s.file for s in samples] == ["a", "b", "c"] and [s.index for s in samples] == [0, 1, 2]
    first = samples[0]
    assert first.instance == "SoundType_Test" and first.instruction == "Is it speech or tone?"
    assert first.labels == {"label": "speech"} and first.label == "speech" and first.error is None
    for sample in samples:
        assert len(sample.audios) == 2 and all(a.dtype == np.float32 and a.ndim == 1 for a in sample.audios)
        assert len(sample.audios[0]) == 4000  # audio2 first: the card's order, not the dataset's
    assert abs(len(samples[1].audios[1]) - 16_000) <= 1  # 44.1 kHz resampled
    assert samples[0].clips[1].source_rate == 22_050 and samples[1].clips[1].source_rate == 44_100


def test_text_only_instance_yields_no_audio(make_dataset, make_instance):
    columns = {"file": ["x", "y"], "text": ["hello wrld", "good morning"],
               "instruction": ["Fix the text."] * 2, "label": ["hello world", "good morning"]}
    data_dir = make_dataset(columns, audio_columns=())
    inst = make_instance(audio_columns=(), text_columns=("text",), type="sequence_generation", metric="wer")
    samples = list(open_instance(inst, data_dir=data_dir).samples())
    assert [s.audios for s in samples] == [(), ()] and samples[0].texts == ("hello wrld",)


def test_audio_labels_do_not_crash(make_dataset, make_instance, tone, noise):
    clean = [audio_value(tone(0.2), name="clean0.wav"), audio_value(tone(0.2), name="clean1.wav")]
    columns = {"file": ["x", "y"], "audio": [audio_value(noise(0.2))] * 2, "instruction": ["Denoise."] * 2,
               "label": clean}
    data_dir = make_dataset(columns, audio_columns=("audio", "label"))
    data = open_instance(make_instance(type="audio_generation", metric=None), data_dir=data_dir)
    samples = list(data.samples())
    assert samples[0].labels == {"label": "<audio clean0.wav>"} and samples[0].error is None
    assert data.audio_label_columns() == ["label"] and data.label_counts() == {}


def test_path_only_cells_are_read_from_the_dataset_folder(make_dataset, make_instance, tone, tmp_path,
                                                          monkeypatch):
    folder = tmp_path / "data" / "DynamicSuperb/SoundType_Test"
    (folder / "clips").mkdir(parents=True)
    (folder / "clips" / "p.wav").write_bytes(wav_bytes(tone(0.5, rate=8_000), 8_000))
    columns = {"file": ["p"], "audio": [{"bytes": None, "path": "clips/p.wav"}], "instruction": ["Hm?"],
               "label": ["tone"]}
    monkeypatch.chdir(folder)  # datasets checks the path exists when writing
    data_dir = make_dataset(columns)
    monkeypatch.chdir(tmp_path)
    (sample,) = open_instance(make_instance(), data_dir=data_dir).samples()
    assert sample.error is None and len(sample.audios[0]) == 8000


def test_a_corrupt_clip_is_an_error_on_its_sample_and_the_stream_goes_on(make_dataset, make_instance, tone):
    columns = {"file": ["ok1", "bad", "ok2"],
               "audio": [audio_value(tone(0.1)), {"bytes": b"not audio at all", "path": "bad.wav"},
                         audio_value(tone(0.1))],
               "instruction": ["Q?"] * 3, "label": ["tone"] * 3}
    samples = list(open_instance(make_instance(), data_dir=make_dataset(columns)).samples())
    assert [s.file for s in samples] == ["ok1", "bad", "ok2"]
    assert samples[1].audios == () and samples[1].error.startswith("audio: cannot decode audio")
    assert samples[0].error is None and samples[2].error is None


@pytest.fixture
def many_rows(make_dataset, tone):
    rows = 200
    columns = {"file": [f"r{i}" for i in range(rows)],
               "audio": [audio_value(tone(0.05), name=f"r{i}.wav") for i in range(rows)],
               "instruction": ["Q?"] * rows, "label": ["tone" if i % 4 else "speech" for i in range(rows)]}
    return make_dataset(columns)


def test_limit_counts_rows_and_skipped_ids_are_never_decoded(many_rows, make_instance, monkeypatch):
    seen = _decode_spy(monkeypatch)
    data = open_instance(make_instance(), data_dir=many_rows)
    got = [s.file for s in data.samples(limit=10, skip={"r1", "r2", "r50"})]
    assert got == ["r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9"]
    assert sorted(seen) == sorted(f"{f}.wav" for f in got)
    assert len(list(data.samples(skip={f"r{i}" for i in range(190)}))) == 10


def test_prefetch_is_bounded_and_stops_when_the_consumer_does(many_rows, make_instance, monkeypatch):
    seen = _decode_spy(monkeypatch)
    data = open_instance(make_instance(), data_dir=many_rows)
    stream = data.samples(prefetch=4)
    assert next(stream).file == "r0"
    time.sleep(0.3)  # give the reader every chance to run ahead
    # queued futures + the one being submitted + those the decode workers hold
    assert 1 < len(seen) <= 1 + 4 + 1 + 4
    stream.close()
    assert not any(t.name == "dsuperb-read" and t.is_alive() for t in threading.enumerate())
    assert [s.file for s in data.samples(prefetch=0, limit=3)] == ["r0", "r1", "r2"]


@pytest.mark.parametrize("prefetch", [0, 4])
def test_a_row_the_decoder_cannot_handle_is_a_dataset_error(many_rows, make_instance, monkeypatch, prefetch):
    from dsuperb import audio

    real_decode = audio.decode

    def decode(cell, column="audio", base_dir=None):
        if cell.get("path") == "r5.wav":
            raise MemoryError("cannot allocate 9 GB")  # a clip far too long for this machine
        return real_decode(cell, column, base_dir)

    monkeypatch.setattr(audio, "decode", decode)
    data = open_instance(make_instance(), data_dir=many_rows)
    got = []
    with pytest.raises(DatasetError, match="SoundType_Test: reading local folder .* failed: MemoryError: "
                                           "cannot allocate 9 GB"):
        for sample in data.samples(prefetch=prefetch):
            got.append(sample.file)
    assert got == ["r0", "r1", "r2", "r3", "r4"]


def test_label_counts_and_num_rows(many_rows, make_instance):
    data = open_instance(make_instance(), data_dir=many_rows, streaming=True)
    assert data.num_rows == 200
    assert data.label_counts() == {"tone": 150, "speech": 50}


def test_data_dir_from_the_environment(many_rows, make_instance, monkeypatch):
    monkeypatch.setenv("DSUPERB_DATA_DIR", str(many_rows))
    assert open_instance(make_instance()).num_rows == 200


def test_missing_declared_column_is_a_clear_error(many_rows, make_instance):
    data = open_instance(make_instance(audio_columns=("audio", "audio2")), data_dir=many_rows)
    assert data.missing_columns() == ["audio2"]
    with pytest.raises(DatasetError, match="lacks column\\(s\\) audio2") as caught:
        next(data.samples())
    assert caught.value.rule == "data.declared-column"
    sample = next(data.samples(allow_missing=True))
    assert sample.error == "audio2: column is missing"


def test_no_test_split_is_a_clear_error(make_dataset, make_instance, tone):
    columns = {"file": ["a"], "audio": [audio_value(tone(0.1))], "instruction": ["Q?"], "label": ["x"]}
    data_dir = make_dataset(columns, split="train")
    with pytest.raises(DatasetError, match="has no split named 'test' \\(found: train\\)") as caught:
        open_instance(make_instance(), data_dir=data_dir)
    assert caught.value.rule == "data.split"


def test_a_folder_of_loose_files_names_the_splits_datasets_infers(tmp_path, make_instance):
    # no README configs: datasets infers a "train" split from a csv (as a NamedSplit object)
    folder = tmp_path / "DynamicSuperb" / "SoundType_Test"
    folder.mkdir(parents=True)
    (folder / "rows.csv").write_text("file,instruction,label\na,Q?,x\n")
    with pytest.raises(DatasetError, match="has no split named 'test' \\(found: train\\)"):
        open_instance(make_instance(), data_dir=tmp_path)


def test_offline_and_not_cached_fails_at_once_with_where_and_how(tmp_path, make_instance):
    inst = make_instance(name="Missing_Thing", hf_path="DynamicSuperb/Missing_Thing", revision="a" * 40)
    with pytest.raises(DatasetUnavailable) as caught:
        open_instance(inst, data_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("instance Missing_Thing: ")
    assert f"DynamicSuperb/Missing_Thing@{'a' * 40}" in message
    assert str(tmp_path / "DynamicSuperb/Missing_Thing") in message
    assert "HF_HUB_OFFLINE" in message and "go online" in message and "\n" not in message
    with pytest.raises(DatasetUnavailable, match="--data-dir DIR .or set DSUPERB_DATA_DIR."):
        open_instance(inst)


UNREACHABLE = """
from dsuperb.cards import Instance
from dsuperb.data import open_instance
from dsuperb.errors import DataUnavailable as DatasetUnavailable
inst = Instance(name="Gone_X", task="Gone", hf_path="DynamicSuperb/Gone_X", revision=None,
                type="classification", metric="llm_classification")
try:
    open_instance(inst)
except DatasetUnavailable as exc:
    print("UNAVAILABLE", exc)
"""


def test_unreachable_hub_fails_with_one_message_instead_of_retrying(tmp_path):
    # Online mode, but the hub endpoint refuses connections: the probe answers at once.
    env = {**os.environ, "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path)}
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE", "DSUPERB_DATA_DIR"):
        env.pop(name, None)
    out = subprocess.run([sys.executable, "-c", UNREACHABLE], env=env, capture_output=True, text=True,
                         timeout=120).stdout
    assert out.startswith("UNAVAILABLE instance Gone_X: no --data-dir given and the hub could not be reached "
                          "for DynamicSuperb/Gone_X"), out
    assert "HF_HUB_OFFLINE=1" in out


def test_a_broken_second_file_fails_the_stream_with_a_clear_error(many_rows, make_instance):
    data_files = many_rows / "DynamicSuperb/SoundType_Test/data"
    good = data_files / "test-00000-of-00001.parquet"
    (data_files / "test-00001-of-00001.parquet").write_bytes(good.read_bytes()[:3000])
    data = open_instance(make_instance(), data_dir=many_rows)
    seen = []
    expected = "instance SoundType_Test: reading local folder .* failed"
    with pytest.raises(DatasetError, match=expected) as caught:
        for sample in data.samples():
            seen.append(sample.file)
    assert caught.value.rule == "data.read" and len(seen) == 200


def test_file_ids_read_the_file_column_alone(many_rows, make_instance, monkeypatch):
    seen = _decode_spy(monkeypatch)
    data = open_instance(make_instance(), data_dir=many_rows)
    assert list(data.file_ids(limit=3)) == ["r0", "r1", "r2"]
    assert len(list(data.file_ids())) == 200 and seen == []


def test_parquet_split_reads_through_a_file_opener_as_hub_streaming_does(many_rows):
    import fsspec

    from dsuperb.parquet_split import ParquetSplit

    files = sorted(str(p) for p in (many_rows / "DynamicSuperb/SoundType_Test/data").glob("*.parquet"))
    opened = []

    def open_file(url):
        opened.append(url)
        return fsspec.open(f"file://{url}", "rb")

    split = ParquetSplit(files, open_file=open_file)
    rows = list(split.rows(["file", "label", "not-a-column"], batch_size=7))
    assert split.num_rows == 200 and [r["file"] for r in rows[:2]] == ["r0", "r1"] and len(rows) == 200
    assert set(rows[0]) == {"file", "label"} and opened and set(opened) == set(files)
    assert "Audio" in type(split.features["audio"]).__name__
