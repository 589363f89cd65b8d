"""Provenance: what the run card records (git commit, hardware, timing) and what every report
format shows per run (model id and revision, judge id and prompt hash, limit, share of pinned
instances, date, version), the visible note on runs made differently, and old run cards."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from dsuperb.cli import main
from dsuperb.infra.schemas import first_error
from dsuperb.report import build_report
from dsuperb.report.formatting import wall_time
from dsuperb.report.render import render
from dsuperb.report.render_json import validate_report
from dsuperb.runfolder import provenance, runcard

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
LEGACY = ROOT / "tests" / "data" / "legacy_run_v0_1" / "random"
PINNED = "0123456789abcdef0123456789abcdef01234567"
COMMIT = "fedcba9876543210fedcba9876543210fedcba98"
JUDGE = {"id": "llm:judge-model", "prompt_hash": "5a5a5a5a5a5a5a5a5a5a"}


def evaluate(out: Path, model: str, limit: int) -> Path:
    argv = ["eval", "--model", model, "--tasks-dir", str(DEMO / "tasks"), "--data-dir", str(DEMO / "data"),
            "--output-dir", str(out), "--no-progress", "--limit", str(limit)]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / model


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory):
    """Real `dsuperb eval` runs of the random and majority baselines on the demo (limit 4 and 6).
    The majority run's card then says it read two datasets at a pinned commit and used a model
    revision, as a run from the hub with `--model-option revision=...` would. Both runs are then
    as an LLM judge (one prompt hash) scored them, from a clone at one commit: every provenance
    field has a value of its own, so a format that leaves one out shows "–" where it is expected."""
    out = tmp_path_factory.mktemp("runs")
    random_run, majority_run = evaluate(out, "random", 4), evaluate(out, "majority", 6)
    for run, revision in ((random_run, "v0.9"), (majority_run, "v1.2")):
        card_path = run / "run_card.json"
        card = json.loads(card_path.read_text())
        if run == majority_run:
            for name in sorted(card["instances"])[:2]:
                card["instances"][name]["dataset_revision"] = PINNED
        card["generation"]["revision"] = revision
        card["judge"] = {"spec": "llm:judge", **JUDGE}
        card["git"] = {"commit": COMMIT, "dirty": True}
        card_path.write_text(json.dumps(card))
        results_path = run / "results.json"
        results = json.loads(results_path.read_text())
        for result in results["instances"].values():
            result["judge"] = dict(JUDGE) if result["judge"] else None
        results_path.write_text(json.dumps(results))
    return random_run, majority_run


def test_the_run_card_records_git_hardware_and_timing(tmp_path):
    card = json.loads((evaluate(tmp_path, "random", 2) / "run_card.json").read_text())
    assert first_error(card, "run_card") is None
    if shutil.which("git") and (ROOT / ".git").exists():  # run from a clone: its commit
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
        assert card["git"]["commit"] == head.stdout.strip() and isinstance(card["git"]["dirty"], bool)
    assert card["hardware"]["cpu"]["count"] == os.cpu_count()
    assert isinstance(card["hardware"]["gpus"], list)
    timing = card["timing"]
    assert timing["sessions"] == 1 and timing["finished"] >= timing["started"]
    assert 0 < timing["wall_s"] < 600


def test_a_resumed_run_keeps_its_first_start_and_adds_up_wall_time(tmp_path):
    run = evaluate(tmp_path, "random", 2)
    first = json.loads((run / "run_card.json").read_text())["timing"]
    again = evaluate(tmp_path, "random", 3)
    timing = json.loads((again / "run_card.json").read_text())["timing"]
    assert timing["started"] == first["started"] and timing["sessions"] == 2
    assert timing["wall_s"] > first["wall_s"]


def test_no_git_and_no_clone_give_null_not_a_failure(monkeypatch, tmp_path):
    assert provenance.git_state(tmp_path) is None  # not a clone
    monkeypatch.setattr(provenance.shutil, "which", lambda name: None)  # git (and nvidia-smi) absent
    assert provenance.git_state() is None
    assert provenance.hardware()["gpus"] == []


def test_gpus_come_from_torch_only_when_loaded_and_the_driver_from_nvidia_smi(monkeypatch, tmp_path):
    smi = tmp_path / "nvidia-smi"
    smi.write_text("#!/bin/sh\necho 'NVIDIA H200, 143771, 550.54.15'\n")
    smi.chmod(smi.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    found = provenance.hardware()
    assert found["gpus"] == [{"name": "NVIDIA H200", "memory_mib": 143771, "driver": "550.54.15"}]
    assert found["gpu_source"] == "nvidia-smi"
    props = types.SimpleNamespace(name="NVIDIA H200", total_memory=140 * 2**30)
    cuda = types.SimpleNamespace(is_available=lambda: True, device_count=lambda: 1,
                                 get_device_properties=lambda index: props)
    fake_torch = types.SimpleNamespace(cuda=cuda, version=types.SimpleNamespace(cuda="12.4"))
    monkeypatch.setitem(sys.modules, "torch", fake_torch)
    found = provenance.hardware()
    assert found["gpu_source"] == "torch" and found["cuda"] == "12.4"
    assert found["gpus"] == [{"name": "NVIDIA H200", "memory_mib": 140 * 1024, "driver": "550.54.15"}]


def test_recording_hardware_never_imports_torch():
    probe = ("import sys; from dsuperb.runfolder import provenance; provenance.hardware(); "
             "provenance.git_state(); print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_finishing_a_card_without_timing_leaves_it_alone():
    assert runcard.finished({"model": {}})["timing"] is None
    assert provenance.finish_timing({"session_started": "not a date"}) == {"session_started": "not a date"}


# -- every format shows each run's provenance -----------------------------------------------------

@pytest.fixture(scope="module")
def provenance_report(demo_runs):
    report = build_report(list(demo_runs), n_boot=30, min_common=1)
    validate_report(report)
    return report


def expected_fields(report: dict, label: str) -> dict:
    model = next(m for m in report["models"] if m["label"] == label)
    p = model["provenance"]
    fields = {"judge": p["judges"][0]["id"], "prompt hash": p["judges"][0]["prompt_hash"][:12],
              "date": p["date"], "version": p["dsuperb_version"], "commit": p["git_commit"],
              "revision": p["model_revision"], "limit": str(p["limit"]),
              "pinned": f"{100 * p['pinned_share']:.0f}%", "wall time": wall_time(p["wall_s"]),
              "hardware": p["hardware"]}
    unknown = [field for field, value in fields.items() if not value or value == "–"]
    assert not unknown, unknown  # a field shown as "–" would match any other unknown cell
    return fields


def test_the_json_report_carries_the_provenance(provenance_report, demo_runs):
    models = {m["label"]: m["provenance"] for m in provenance_report["models"]}
    majority, random_ = models["majority"], models["random"]
    card = json.loads((demo_runs[1] / "run_card.json").read_text())
    assert majority["model_id"] == "majority" and majority["model_revision"] == "v1.2"
    assert majority["limit"] == 6 and random_["limit"] == 4
    compared = provenance_report["models"][0]["instances_compared"]
    assert majority["pinned_share"] == pytest.approx(round(2 / compared, 4)) and random_["pinned_share"] == 0
    assert majority["judges"] == random_["judges"] == [JUDGE]
    assert majority["judge"] == {"spec": "llm:judge", **JUDGE}
    assert majority["date"] == card["timing"]["finished"]
    assert majority["dsuperb_version"] == card["dsuperb_version"]
    assert majority["wall_s"] == card["timing"]["wall_s"]
    assert majority["hardware"].startswith(f"{os.cpu_count()} CPU")
    assert majority["git_commit"] == f"{COMMIT[:12]}+dirty"


def test_markdown_shows_the_provenance(provenance_report):
    text = render(provenance_report, "md")
    runs = text.split("## Runs", 1)[1].split("##", 1)[0]
    assert "| Model | Model revision | Judge | Prompt hash | Limit | Pinned data | Date | dsuperb |" in runs
    for label in ("random", "majority"):
        row = next(line for line in runs.splitlines() if line.startswith(f"| {label} |"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        for field, value in expected_fields(provenance_report, label).items():
            assert value in cells, (label, field, row)
    row = next(line for line in runs.splitlines() if line.startswith("| majority |"))
    assert "| v1.2 |" in row and "| 6 |" in row


def test_csv_shows_the_provenance(provenance_report):
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(render(provenance_report, "csv")))
            if r["section"] == "model"}
    majority = rows["majority"]
    fields = expected_fields(provenance_report, "majority")
    assert majority["model_id"] == "majority" and majority["model_revision"] == "v1.2"
    assert majority["judge_id"] == fields["judge"] and majority["limit"] == "6"
    assert float(majority["pinned_share"]) > 0 and majority["date"] == fields["date"]
    assert majority["dsuperb_version"] == fields["version"] and majority["hardware"] == fields["hardware"]
    assert majority["judge_prompt_hash"] == JUDGE["prompt_hash"]
    assert majority["git_commit"] == fields["commit"] and float(majority["wall_s"]) > 0
    assert rows["random"]["limit"] == "4" and float(rows["random"]["pinned_share"]) == 0


def test_html_shows_the_provenance(provenance_report):
    page = render(provenance_report, "html")
    runs = page.split('<h2 id="runs">Runs</h2>', 1)[1].split("<h2>", 1)[0]
    for label in ("random", "majority"):
        row = next(r for r in runs.split("<tr>") if r.startswith(f"<td>{label}</td>"))
        for field, value in expected_fields(provenance_report, label).items():
            assert f">{value}<" in row, (label, field, row)


def test_runs_made_with_other_limits_or_data_say_so_in_every_format(provenance_report, demo_runs, tmp_path):
    limits = [c for c in provenance_report["cautions"] if "different --limit" in c]
    assert limits and "random 4" in limits[0] and "majority 6" in limits[0]
    revisions = [c for c in provenance_report["cautions"] if "Dataset revisions differ" in c]
    assert revisions and "majority 0123456789" in revisions[0] and "random unpinned" in revisions[0]
    for fmt in ("md", "csv", "json", "html"):
        text = render(provenance_report, fmt)
        assert "different --limit" in text and "Dataset revisions differ" in text, fmt
    markdown = render(provenance_report, "md")
    assert markdown.index("> **Caution:**") < markdown.index("## Leaderboard")  # before the tables
    same = build_report([demo_runs[0]], n_boot=0)
    assert same["cautions"] == []


def test_a_run_card_from_version_0_1_still_loads(tmp_path):
    report = build_report([LEGACY], n_boot=20)
    validate_report(report)
    provenance_ = report["models"][0]["provenance"]
    assert provenance_["git_commit"] is None and provenance_["wall_s"] is None
    assert provenance_["hardware"] is None
    assert provenance_["judges"] == [{"id": "embedded-rules-v2", "prompt_hash": ""}]
    assert provenance_["limit"] == 6 and provenance_["date"] == "2026-11-30T06:38:48+00:00"
    for fmt in ("md", "csv", "json", "html"):
        assert "embedded-rules-v2" in render(report, fmt)
    card = json.loads((LEGACY / "run_card.json").read_text())
    assert first_error(card, "run_card") is None  # the schema still takes the old card
    assert runcard.describe_provenance(None)["judge"] is None  # a run folder without a card
