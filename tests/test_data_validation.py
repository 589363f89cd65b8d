"""`validate --data` rules: each one broken once and caught, and a clean instance that passes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile
from click.testing import CliRunner
from task_folders import write_task_folder

from dsuperb.cli import main
from dsuperb.local_dataset import audio_value
from dsuperb.validation.data import check_instance, check_instances, render_summary


@pytest.fixture
def check(make_dataset, make_instance):
    """Write `columns` as the instance's dataset and check it: (findings, summary)."""

    def run(columns, audio_columns=("audio",), dataset_audio=None, extra_splits=None, **instance_fields):
        data_dir = make_dataset(columns, audio_columns=dataset_audio or audio_columns,
                                extra_splits=extra_splits)
        instance = make_instance(audio_columns=tuple(audio_columns), **instance_fields)
        return check_instance(instance, data_dir=data_dir)

    return run


def rules(findings) -> dict[str, list]:
    out: dict[str, list] = {}
    for finding in findings:
        out.setdefault(finding.rule, []).append(finding)
    return out


def float_wav(samples: np.ndarray, rate: int = 16_000) -> dict:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format="WAV", subtype="FLOAT")
    return {"bytes": buffer.getvalue(), "path": "f.wav"}


def test_a_clean_instance_passes_and_is_summarised(check, clean_columns):
    findings, summary = check(clean_columns(40))
    assert findings == []
    assert summary["status"] == "checked" and summary["rows"] == 40 and summary["splits"] == ["test"]
    assert summary["distinct_instructions"] == 12
    audio = summary["audio"]["audio"]
    assert audio["clips"] == 40 and audio["failed"] == 0 and audio["sampling_rates"] == {"16000": 40}
    assert 0.3 < audio["min_s"] < audio["mean_s"] < audio["max_s"] < 3 and audio["std_s"] > 0
    assert summary["audio_minutes"] == pytest.approx(audio["mean_s"] * 40 / 60, abs=0.01)
    assert summary["labels"]["label"] == {"kind": "text", "distinct": 2,
                                          "top": [["speech", 26], ["tone", 14]]}
    assert summary["findings"] == {"error": 0, "warning": 0, "info": 0}
    text = render_summary(summary)
    assert "rows 40" in text and "12 distinct instructions" in text and "'speech' 26" in text
    assert "16000 Hz x40" in text and "0 error(s)" in text


def test_split_must_be_exactly_one_named_test(check, clean_columns):
    columns = clean_columns(40)
    findings, _ = check(columns, extra_splits={"train": columns})
    (finding,) = rules(findings)["data.split"]
    assert finding.severity == "error" and "found: test, train" in finding.message


@pytest.mark.parametrize("column", ["file", "instruction", "label"])
def test_required_columns(check, clean_columns, column):
    columns = clean_columns(40)
    del columns[column]
    findings, summary = check(columns)
    found = rules(findings)
    assert [f.field for f in found["data.required-column"]] == [column]
    assert found["data.required-column"][0].path == "SoundType_Test"
    assert set(found) == {"data.required-column"}  # reported once, not again by the row rules
    assert summary["distinct_instructions"] == (0 if column == "instruction" else 12)


def test_column_types(check, clean_columns):
    columns = clean_columns(40)
    columns["file"] = list(range(40))
    columns["label"] = [i % 2 for i in range(40)]
    findings, _ = check(columns, type="regression", metric="mse")
    found = {f.field: f.message for f in rules(findings)["data.column-type"]}
    assert found == {"file": "expected text (string), found int64",
                     "label": "expected text (string) or audio, found int64"}


def test_declared_audio_column_must_be_audio(check, clean_columns):
    columns = clean_columns(40)
    columns["audio2"] = ["not audio"] * 40
    found = rules(check(columns, audio_columns=("audio", "audio2"), dataset_audio=("audio",))[0])
    assert [f.field for f in found["data.column-type"]] == ["audio2"]


def test_audio1_is_flagged_and_at_most_ten_columns_of_a_kind(check, clean_columns, tone):
    columns = clean_columns(40)
    clip = audio_value(tone(0.05))
    names = ["audio1"] + [f"audio{n}" for n in range(2, 11)]
    for name in names:
        columns[name] = [clip] * 40
    found = rules(check(columns, audio_columns=("audio", *names))[0])
    (named,) = found["data.column-name"]
    assert named.field == "audio1" and named.severity == "warning"
    (too_many,) = found["data.column-count"]
    assert "11 audio columns" in too_many.message


def test_declared_columns_exist(check, clean_columns):
    found = rules(check(clean_columns(40), audio_columns=("audio", "audio2"), dataset_audio=("audio",),
                        text_columns=("text",))[0])
    assert [f.field for f in found["data.declared-column"]] == ["audio2", "text"]


def test_file_ids_unique(check, clean_columns):
    columns = clean_columns(40)
    columns["file"][7] = columns["file"][3]
    (finding,) = rules(check(columns)[0])["data.duplicate-file"]
    assert finding.field == "row0003" and "occurs 2 times" in finding.message


def test_distinct_instructions_at_least_ten(check, clean_columns):
    columns = clean_columns(40)
    columns["instruction"] = [columns["instruction"][i % 9] for i in range(40)]
    (finding,) = rules(check(columns)[0])["data.instruction-variety"]
    assert "9 distinct instructions for 40 rows; at least 10" in finding.message


def test_distinct_instructions_grow_with_rows(check, clean_columns):
    findings, summary = check(clean_columns(300))  # 12 instructions, but 300 // 20 = 15 are needed
    (finding,) = rules(findings)["data.instruction-variety"]
    assert "at least 15" in finding.message and summary["rows"] == 300


def test_at_least_32_rows(check, clean_columns):
    (finding,) = rules(check(clean_columns(31))[0])["data.min-rows"]
    assert finding.message.startswith("31 rows")
    assert "data.min-rows" not in rules(check(clean_columns(32))[0])


def test_a_corrupt_clip_is_reported_and_the_check_goes_on(check, clean_columns):
    columns = clean_columns(40)
    columns["audio"][5] = {"bytes": b"\x00garbage, not a sound file", "path": "5.wav"}
    findings, summary = check(columns)
    (finding,) = rules(findings)["data.audio-decode"]
    assert finding.field == "row0005" and "cannot decode audio" in finding.message
    assert summary["rows"] == 40 and summary["audio"]["audio"]["failed"] == 1
    assert summary["audio"]["audio"]["clips"] == 39


def test_empty_nonfinite_and_silent_clips(check, clean_columns):
    columns = clean_columns(40)
    broken = np.full(800, 0.2, np.float32)
    broken[10] = np.inf
    columns["audio"][1] = float_wav(np.zeros(0, np.float32))
    columns["audio"][2] = float_wav(broken)
    columns["audio"][4] = float_wav(np.zeros(8000, np.float32))
    found = rules(check(columns)[0])
    assert [f.field for f in found["data.audio-empty"]] == ["row0001"]
    assert [f.field for f in found["data.audio-nonfinite"]] == ["row0002"]
    assert [f.field for f in found["data.audio-silent"]] == ["row0004"]
    assert found["data.audio-silent"][0].severity == "warning"


def test_rates_other_than_16k_are_a_warning_and_reported(check, clean_columns, speech_wav, tone):
    columns = clean_columns(40)
    columns["audio"][0] = audio_value(tone(1.0, rate=44_100), 44_100)
    columns["audio"][1] = audio_value(speech_wav("seven", rate=22_050))
    findings, summary = check(columns)
    (finding,) = rules(findings)["data.sampling-rate"]
    assert finding.severity == "warning" and "1 at 22050 Hz, 1 at 44100 Hz (of 40 clips)" in finding.message
    assert summary["audio"]["audio"]["sampling_rates"] == {"16000": 38, "22050": 1, "44100": 1}


def test_clips_over_30s_are_counted(check, clean_columns, tone):
    columns = clean_columns(40)
    columns["audio"][3] = audio_value(tone(31.0, rate=8_000), 8_000)
    findings, summary = check(columns)
    (finding,) = rules(findings)["data.long-clips"]
    assert finding.severity == "info"
    assert "1 of 40 clips are longer than 30 s (longest 31.0 s)" in finding.message
    assert summary["audio"]["audio"]["over_30s"] == 1 and summary["audio"]["audio"]["max_s"] == 31.0


def test_classification_instruction_must_list_the_options(check, clean_columns):
    columns = clean_columns(40)
    columns["instruction"][0] = "What do you hear?"
    columns["label"][1] = "music"  # not among "speech, tone" offered by its instruction
    found = rules(check(columns)[0])["data.options"]
    assert {f.field: f.message for f in found} == {
        "row0000": "the instruction lists no answer options (and no card label_set holds the label)",
        "row0001": "label 'music' is not among the options the instruction lists",
    }


def test_a_card_label_set_holding_every_label_satisfies_the_options_rule(check, clean_columns):
    columns = clean_columns(40)
    columns["instruction"][0] = "What do you hear?"
    findings, _ = check(columns, label_set=("speech", "tone"))
    assert "data.options" not in rules(findings)
    columns["label"][2] = "music"
    found = rules(check(columns, label_set=("speech", "tone"))[0])
    assert [f.field for f in found["data.label-set"]] == ["row0002"]
    assert [f.field for f in found["data.options"]] == ["row0002"]


def test_regression_labels_must_be_numbers(check, clean_columns):
    columns = clean_columns(40)
    columns["label"] = [f"{i / 10}" for i in range(40)]
    columns["label"][6] = "about three"
    columns["label"][8] = "nan"
    found = rules(check(columns, type="regression", metric="mse")[0])
    assert [f.field for f in found["data.regression-label"]] == ["row0006", "row0008"]
    assert "data.options" not in found


def test_row_findings_are_capped_per_rule(check, clean_columns):
    columns = clean_columns(40)
    for i in range(12):
        columns["audio"][i] = {"bytes": b"junk", "path": f"{i}.wav"}
    found = rules(check(columns)[0])["data.audio-decode"]
    assert len(found) == 6 and found[-1].message == "... and 7 more rows with the same problem"


def test_audio_generation_with_audio_labels_is_checked(check, clean_columns, tone):
    columns = clean_columns(40)
    columns["label"] = [audio_value(tone(0.1), name=f"target{i}.wav") for i in range(40)]
    findings, summary = check(columns, dataset_audio=("audio", "label"), type="audio_generation", metric=None)
    assert findings == [] and summary["labels"] == {"label": {"kind": "audio"}}
    assert "label: audio" in render_summary(summary)


def test_a_missing_dataset_and_a_broken_file_are_findings(make_dataset, make_instance, clean_columns):
    data_dir = make_dataset(clean_columns(40))
    missing = make_instance(name="Other_Set", hf_path="DynamicSuperb/Other_Set")
    broken = make_instance()
    parquet = data_dir / "DynamicSuperb/SoundType_Test/data/test-00000-of-00001.parquet"
    parquet.write_bytes(parquet.read_bytes()[:2000])
    findings, summaries = check_instances([missing, broken], data_dir=data_dir)
    assert [f.path for f in findings] == ["Other_Set", "SoundType_Test"]
    assert findings[0].rule == "data.unavailable" and "HF_HUB_OFFLINE" in findings[0].message
    assert findings[1].severity == "error" and "SoundType_Test" in findings[1].message
    assert summaries[0]["status"] == "unavailable"
    expected = "Other_Set: not checked: the dataset could not be opened (see its finding) [data.unavailable]"
    assert render_summary(summaries[0]) == expected


def test_an_unexpected_error_while_opening_is_a_finding_and_the_next_instance_is_checked(
        make_dataset, make_instance, clean_columns, monkeypatch):
    import dsuperb.data

    data_dir = make_dataset(clean_columns(40))
    real_open = dsuperb.data.open_instance

    def open_instance(instance, **kwargs):
        if instance.name == "Other_Set":
            raise OSError("[Errno 5] Input/output error")  # a disk failing under the dataset
        return real_open(instance, **kwargs)

    monkeypatch.setattr(dsuperb.data, "open_instance", open_instance)
    instances = [make_instance(name="Other_Set"), make_instance()]
    findings, summaries = check_instances(instances, data_dir=data_dir)
    assert findings[0].path == "Other_Set" and findings[0].rule == "data.read"
    assert "cannot open its dataset (OSError: [Errno 5] Input/output error)" in findings[0].message
    assert summaries[0]["status"] == "unavailable" and summaries[1]["rows"] == 40


# -- the commands --

CARD = """name: SoundType
description: The model hears a clip and says whether it holds speech or a tone.
domains: [audio]
category: sound_events
type: classification
metric: llm_classification
keywords: [speech, tone]
license: CC-BY-4.0
instances:
  - name: SoundType_Test
    hf_path: DynamicSuperb/SoundType_Test
    revision: null
"""


@pytest.fixture
def suite(tmp_path, make_dataset):
    def build(columns):
        tasks = tmp_path / "tasks"
        write_task_folder(tasks / "SoundType", CARD)
        return tasks, make_dataset(columns)

    return build


def test_validate_data_command(suite, clean_columns):
    tasks, data_dir = suite(clean_columns(40))
    runner = CliRunner()
    args = ["validate", "--data", str(tasks / "SoundType"), "--tasks-dir", str(tasks),
            "--data-dir", str(data_dir)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "SoundType_Test  (local folder" in result.output and "rows 40" in result.output
    result = runner.invoke(main, [*args, "--format", "json"])
    report = json.loads(result.output)
    assert report["data"][0]["rows"] == 40 and report["totals"]["error"] == 0

    columns = clean_columns(40)
    columns["file"][1] = columns["file"][0]
    tasks, data_dir = suite(columns)
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    expected = "SoundType_Test: row0000: error: file id 'row0000' occurs 2 times [data.duplicate-file]"
    assert expected in result.output


def test_stats_command(suite, clean_columns):
    tasks, data_dir = suite(clean_columns(40))
    runner = CliRunner()
    base = ["stats", "--tasks-dir", str(tasks), "--data-dir", str(data_dir)]
    result = runner.invoke(main, [*base, "SoundType_Test"])
    assert result.exit_code == 0 and "rows 40" in result.output and "'speech' 26" in result.output
    result = runner.invoke(main, [*base, "SoundType", "--format", "json"])
    summary = json.loads(result.output)
    assert summary["instance"] == "SoundType_Test" and summary["labels"]["label"]["distinct"] == 2
    result = runner.invoke(main, [*base, "SoundTyp"])
    assert result.exit_code == 2 and "did you mean SoundType, SoundType_Test?" in result.output
    misspelt = runner.invoke(main, [*base, "SondType_Tset"])
    assert misspelt.exit_code == 2 and "did you mean SoundType_Test" in misspelt.output
    unknown = runner.invoke(main, [*base, "Nothing"])
    assert unknown.exit_code == 2
    assert unknown.output.strip() == (f"error: no task or instance named 'Nothing' in the tasks folder "
                                      f"{tasks}; see `dsuperb list`, or give the path of a task folder")
    result = runner.invoke(main, ["stats", "--tasks-dir", str(tasks), "--data-dir", str(tasks),
                                  "SoundType_Test"])
    assert result.exit_code == 2 and "not in the local cache" in result.output


LIGHT_PROBE = """
import sys
from click.testing import CliRunner
from dsuperb.cli import main
result = CliRunner().invoke(main, {args!r})
print("HEAVY=" + ",".join(m for m in ("torch", "transformers", "torchcodec") if m in sys.modules))
print("EXIT=" + str(result.exit_code))
"""


def test_validate_data_stays_torch_free(suite, clean_columns):
    # datasets' IterableDataset imports torch whenever it is installed: the data layer must not use it.
    tasks, data_dir = suite(clean_columns(40))
    args = ["validate", "--data", str(tasks / "SoundType"), "--tasks-dir", str(tasks),
            "--data-dir", str(data_dir)]
    out = subprocess.run([sys.executable, "-c", LIGHT_PROBE.format(args=args)], capture_output=True,
                         text=True, check=True).stdout
    assert "HEAVY=\n" in out and "EXIT=0" in out, out


def test_a_file_broken_midway_is_a_finding_and_what_was_read_is_kept(make_dataset, make_instance,
                                                                     clean_columns):
    data_dir = make_dataset(clean_columns(40))
    data_files = data_dir / "DynamicSuperb/SoundType_Test/data"
    good = data_files / "test-00000-of-00001.parquet"
    (data_files / "test-00001-of-00001.parquet").write_bytes(good.read_bytes()[:3000])
    findings, summary = check_instance(make_instance(), data_dir=data_dir)
    (finding,) = rules(findings)["data.read"]
    assert finding.message.endswith("(after 40 rows)") and summary["rows"] == 40
