"""What is compared: exit 1 when nothing can be, `--min-common N` / `--union` to compare runs on
what they share (labelled as such), and runs scored by different judges refused unless
`--allow-mixed-judges` (then labelled)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner
from report_fixtures import write_alpha_and_beta

from dsuperb.cli import main
from dsuperb.report import build_report
from dsuperb.report.render import render
from dsuperb.report.render_json import validate_report
from dsuperb.scoring import aggregate, normalise

LIMIT = 4


def invoke(*args):
    return CliRunner().invoke(main, ["report", *map(str, args)])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return write_alpha_and_beta(tmp_path_factory.mktemp("runs"))


@pytest.fixture(scope="module")
def limited(runs, tmp_path_factory):
    """gamma: beta's answers, but run with --limit 4 (every instance's first four samples)."""
    run = tmp_path_factory.mktemp("limited") / "gamma"
    shutil.copytree(runs[1], run)
    results = json.loads((run / "results.json").read_text())
    results["model"] = {"spec": "gamma", "id": "gamma"}
    for name, entry in results["instances"].items():
        scored = run / "scored" / f"{name}.jsonl"
        if not scored.exists():
            continue
        rows = [json.loads(line) for line in scored.read_text().splitlines()][:LIMIT]
        scored.write_text("".join(json.dumps(row) + "\n" for row in rows))
        value = aggregate(entry["metric"], rows)
        entry.update(value=value, normalised=normalise(entry["metric"], value), count=len(rows),
                     na_rate=sum(r["na"] for r in rows) / len(rows))
    (run / "results.json").write_text(json.dumps(results))
    return run


def test_runs_with_no_instance_in_common_exit_1_with_the_reason(runs, limited):
    result = invoke(*runs, limited, "--bootstrap", 0)
    assert result.exit_code == 1
    reason = "no instance was scored by every run on the same samples"
    assert f"error: nothing to compare: {reason}" in result.stderr and "--union" in result.stderr
    assert "Nothing to compare" in result.stdout  # the report, with its Left out section, is still there
    assert "different numbers of samples: alpha 20, beta 20, gamma 4" in result.stdout


def test_min_common_compares_what_runs_share_and_says_so(runs, limited):
    both = build_report(list(runs), n_boot=100, seed=0)
    report = build_report([*runs, limited], n_boot=100, seed=0, min_common=2, baseline="beta")
    validate_report(report)
    assert report["nothing_to_compare"] is None and report["settings"]["comparison"] == "min_common"
    assert any("--min-common 2" in caution for caution in report["cautions"])
    # alpha and beta keep the numbers they have alone together (their own samples, same draws)
    for level, key in (("tasks", "task"), ("domains", "name")):
        alone = {row[key]: row["scores"] for row in both[level]}
        for row in report[level]:
            for label in ("alpha", "beta"):
                assert row["scores"][label] == alone[row[key]][label], (level, row[key], label)
    # gamma is scored on its own four samples and labelled by its coverage
    gamma = next(m for m in report["models"] if m["label"] == "gamma")
    assert gamma["instances_compared"] == 7 and gamma["tasks_compared"] == 6
    emotion = next(t for t in report["tasks"] if t["task"] == "Emotion")
    assert emotion["scores"]["gamma"]["count"] == LIMIT
    # ... and never paired with runs that scored other samples
    tests = {row["task"]: row["models"] for row in report["baseline"]["tasks"]}
    assert all("gamma" not in models and "alpha" in models for models in tests.values())
    speech = next(row for row in report["baseline"]["domains"] if row["name"] == "speech")
    assert speech["models"]["gamma"] == {"wins": 0, "significant_wins": 0, "share": None, "n_tasks": 0}
    markdown = render(report, "md")
    assert "> **Caution:** Compared on what the runs share (--min-common 2)" in markdown


def test_min_common_leaves_out_what_too_few_runs_scored(runs, limited):
    report = build_report([*runs, limited], n_boot=0, min_common=3)
    left = {item["instance"]: item["reason"] for item in report["left_out"]}
    assert left["Extra_Only"].startswith("scored by 1 run(s), fewer than --min-common 3")
    assert left["Broken_X"].startswith("scored by 1 run(s), fewer than --min-common 3 (beta: failed")
    union = build_report([*runs, limited], n_boot=0, min_common=1)
    assert "Extra_Only" in {i["instance"] for i in union["instances"]}
    notes = {item["reason"] for item in union["left_out"] if item["instance"] == "Broken_X"}
    assert notes == {"not compared for beta: failed in the run of beta: dataset unavailable",
                     "not compared for gamma: failed in the run of gamma: dataset unavailable"}


def test_union_on_the_command_line(runs, limited, tmp_path):
    result = invoke(*runs, limited, "--union", "--bootstrap", 0, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(r["section"] == "caution" and "--min-common 1" in r["note"] for r in rows)
    assert {r["model"] for r in rows if r["section"] == "task" and r["name"] == "Extra"} == {"alpha"}
    result = invoke(*runs, "--union", "--min-common", 2)
    assert result.exit_code == 2 and "--union and --min-common are one choice" in result.stderr


@pytest.fixture(scope="module")
def judged_elsewhere(runs, tmp_path_factory):
    """beta's run, its classification scored by an LLM judge instead of the embedded rules."""
    run = tmp_path_factory.mktemp("judge") / "beta"
    shutil.copytree(runs[1], run)
    results = json.loads((run / "results.json").read_text())
    for entry in results["instances"].values():
        if entry["judge"]:
            entry["judge"] = {"id": "llm:gpt-4o-mini", "prompt_hash": "abcdef0123456789"}
    (run / "results.json").write_text(json.dumps(results))
    return run


def test_runs_judged_differently_are_refused(runs, judged_elsewhere):
    result = invoke(runs[0], judged_elsewhere, "--bootstrap", 0)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "scored by different judges" in result.stderr and "--allow-mixed-judges" in result.stderr
    assert "beta: llm:gpt-4o-mini (prompt abcdef012345)" in result.stderr
    assert "alpha: embedded" in result.stderr


def test_allow_mixed_judges_labels_every_format(runs, judged_elsewhere):
    report = build_report([runs[0], judged_elsewhere], n_boot=0, allow_mixed_judges=True)
    assert report["settings"]["mixed_judges"] is True
    assert report["cautions"][0].startswith("Mixed judges (--allow-mixed-judges)")
    markdown = render(report, "md")
    assert "## Leaderboard (runs judged differently: see the caution)" in markdown
    board = markdown.split("## Leaderboard", 1)[1].split("## Runs", 1)[0]
    assert "llm:gpt-4o-mini" in board and "embedded" in board  # the Judge column
    html = render(report, "html")
    assert "Leaderboard (runs judged differently: see the caution)" in html and 'class="caution"' in html
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert any(r["section"] == "caution" and r["note"].startswith("Mixed judges") for r in rows)
    judges = {r["name"]: r["judge_id"] for r in rows if r["section"] == "model"}
    assert judges["beta"] == "llm:gpt-4o-mini" and judges["alpha"].startswith("embedded")
    # one judge throughout: nothing to say
    assert build_report(list(runs), n_boot=0)["settings"]["mixed_judges"] is False
