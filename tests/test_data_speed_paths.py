"""The data layer's and runner's speed paths give what the plain paths give: opening a local folder
without instantiating a `datasets` builder, decoding bytes through an in-memory file, decoding in
chunks, and freezing the heap for the sample loop."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import soundfile
from datasets import load_dataset_builder

from dsuperb import audio, data_sources
from dsuperb.data import open_instance
from dsuperb.local_dataset import audio_value, write_hf_folder

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _files(builder) -> tuple[str, dict[str, list[str]]]:
    return builder.name, {str(split): list(files) for split, files in builder.config.data_files.items()}


def _folders(root: Path) -> dict[str, Path]:
    table = pa.table({"file": ["a"], "label": ["x"]})
    bare = root / "bare"  # no README: datasets infers the splits from the file names
    (bare / "data").mkdir(parents=True)
    pq.write_table(table, bare / "data" / "test-00000-of-00001.parquet")
    pq.write_table(table, bare / "data" / "train-00000-of-00001.parquet")
    chosen = root / "default_config"  # two configs, one marked default
    (chosen / "x").mkdir(parents=True)
    pq.write_table(table, chosen / "x" / "test.parquet")
    pq.write_table(table, chosen / "x" / "dev.parquet")
    (chosen / "README.md").write_text(
        "---\nconfigs:\n- config_name: other\n  data_files:\n  - split: test\n    path: x/dev.parquet\n"
        "- config_name: main\n  default: true\n  data_files:\n  - split: test\n    path: x/test.parquet\n"
        "  - split: validation\n    path: x/dev.parquet\n---\n", encoding="utf-8")
    columns = {"file": ["c0"], "audio": [audio_value(np.zeros(160, np.float32), 16_000, "c0.wav")],
               "instruction": ["Q?"], "label": ["tone"]}
    write_hf_folder(root / "hf", "Org/Name", columns, ["audio"])
    return {"bare": bare, "default_config": chosen, "hf": root / "hf" / "Org" / "Name"}


def test_local_folders_resolve_as_load_dataset_builder_resolves_them(tmp_path):
    for name, folder in _folders(tmp_path).items():
        assert _files(data_sources._local_builder(folder)) == _files(load_dataset_builder(str(folder))), name


def test_an_ambiguous_folder_fails_as_datasets_says(tmp_path):
    folder = tmp_path / "two"
    for config in ("a", "b"):
        (folder / config).mkdir(parents=True)
        pq.write_table(pa.table({"file": ["a"]}), folder / config / "test.parquet")
    (folder / "README.md").write_text(
        "---\nconfigs:\n- config_name: a\n  data_files:\n  - split: test\n    path: a/*.parquet\n"
        "- config_name: b\n  data_files:\n  - split: test\n    path: b/*.parquet\n---\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Config name is missing"):
        data_sources._local_builder(folder)


def test_opening_a_local_folder_imports_neither_scipy_io_nor_torch(tmp_path):
    folder = _folders(tmp_path)["hf"].parent.parent
    code = ("import sys\nfrom dsuperb.cards import Instance\nfrom dsuperb.data import open_instance\n"
            "inst = Instance(name='N', task='T', hf_path='Org/Name', revision=None, type='classification', "
            "metric='llm_classification')\n"
            f"assert [s.file for s in open_instance(inst, {str(folder)!r}).samples()] == ['c0']\n"
            "print(sorted(m for m in ('scipy.io', 'torch') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("fmt", "subtype"), [("WAV", "PCM_16"), ("FLAC", "PCM_24"), ("OGG", "VORBIS")])
def test_bytes_decode_through_memory_as_through_bytesio(fmt, subtype):
    clip = (np.random.default_rng(1).standard_normal((4000, 2)) * 0.1).astype(np.float32)
    buffer = io.BytesIO()
    soundfile.write(buffer, clip, 22_050, format=fmt, subtype=subtype)
    expected, rate = soundfile.read(io.BytesIO(buffer.getvalue()), dtype="float32", always_2d=True)
    got, got_rate = audio.read_cell({"bytes": buffer.getvalue(), "path": None})
    assert got_rate == rate == 22_050 and np.array_equal(got, expected)


def test_undecodable_bytes_keep_their_message_and_leave_no_descriptor_open():
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _ in range(50):
        samples, clip = audio.decode({"bytes": b"RIFF not really a wave file", "path": None})
        assert samples is None and clip.error == "cannot decode audio (Format not recognised.)"
        assert audio.decode({"bytes": audio_value(np.ones(80, np.float32), 8_000)["bytes"]})[1].error is None
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) == fds


def test_health_of_a_clip_is_measured_as_before():
    cases = {"quiet": [[0.1], [-0.4], [0.2]], "nan": [[0.1], [np.nan]], "inf": [[-np.inf], [0.2]],
             "positive": [[0.1], [0.3]]}
    for name, values in cases.items():
        samples = np.array(values, np.float32)
        buffer = io.BytesIO()
        soundfile.write(buffer, samples, 16_000, format="WAV", subtype="FLOAT")
        clip = audio.decode({"bytes": buffer.getvalue()})[1]
        finite = bool(np.isfinite(samples).all())
        assert clip.finite == finite, name
        assert clip.peak == pytest.approx(float(np.abs(samples).max()) if finite else 0.0), name


def test_chunked_prefetch_keeps_order_limit_and_skips(make_dataset, make_instance, tone):
    rows = 37  # not a multiple of any chunk size
    columns = {"file": [f"r{i}" for i in range(rows)],
               "audio": [audio_value(tone(0.02)) for _ in range(rows)],
               "instruction": ["Q?"] * rows, "label": ["tone"] * rows}
    opened = open_instance(make_instance(), data_dir=make_dataset(columns))
    expected = [f"r{i}" for i in range(rows) if i % 5]
    skip = {f"r{i}" for i in range(0, rows, 5)}
    for prefetch in (0, 1, 2, 5, 16, 64):
        assert [s.file for s in opened.samples(prefetch=prefetch, skip=skip)] == expected, prefetch
        assert [s.index for s in opened.samples(prefetch=prefetch, limit=11)] == list(range(11)), prefetch


def test_the_runner_freezes_the_heap_for_its_sample_loop_only(tmp_path):
    from runner_fixtures import make_suite

    from dsuperb.models.base import Model
    from dsuperb.models.options import CommonOptions
    from dsuperb.runner import EvalConfig, Runner

    seen: list[int] = []

    class Recording(Model):
        def generate(self, requests):
            seen.append(gc.get_freeze_count())
            return ["tone"] * len(requests)

        def describe(self):
            return {"id": "recording"}

    tasks_dir, data_dir = make_suite(tmp_path / "suite", rows=6)
    config = EvalConfig(model="recording", output_dir=tmp_path / "runs", tasks_dir=tasks_dir,
                        data_dir=data_dir, common=CommonOptions(batch_size=4), progress=False)
    assert gc.get_freeze_count() == 0
    outcome = Runner(config, model=Recording()).run()
    assert seen and all(count > 0 for count in seen)
    assert gc.get_freeze_count() == 0  # unfrozen when the run ends
    assert all(entry.count > 0 for entry in outcome.results.instances.values())
