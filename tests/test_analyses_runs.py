"""The analyses end to end: `dsuperb eval --instruction-variants K` and `--audio-permutations K` on
the demo suite and on built datasets, their run folders, shards and limits, and the report's
sections computed from them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from analysis_fixtures import LETTERS, FirstModel, LoudestModel, write_mugen_like, write_pairs
from click.testing import CliRunner
from runner_fixtures import classification_suite

from dsuperb.analyses.instructions import FEWER
from dsuperb.cli import main
from dsuperb.models.options import CommonOptions
from dsuperb.report import build_report
from dsuperb.report.render import render
from dsuperb.report.render_json import validate_report
from dsuperb.runfolder.store import read_predictions
from dsuperb.runner import EvalConfig, Runner
from dsuperb.vocab.options import parse_options
from dsuperb.vocab.variants import INSTRUCTIONS, PERMUTATIONS, Analysis

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo"


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def demo_eval(out: Path, *args: str):
    return cli("eval", "--model", "random", "--tasks", str(DEMO / "tasks"), "--data-dir", str(DEMO / "data"),
               "--output-dir", str(out), "--no-progress", *args)


def rows_of(run_dir: Path) -> dict[str, list[dict]]:
    return {p.stem: read_predictions(p) for p in sorted((run_dir / "predictions").glob("*.jsonl"))}


def scored(run_dir: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "scored" / f"{name}.jsonl").read_text().splitlines()]


def report_of(*run_dirs: Path, n_boot: int = 200) -> dict:
    report = build_report(list(run_dirs), n_boot=n_boot, seed=0)
    validate_report(report)
    return report


@pytest.fixture(scope="module")
def demo_variants(tmp_path_factory):
    out = tmp_path_factory.mktemp("variants")
    result = demo_eval(out, "--instruction-variants", "2")
    assert result.exit_code == 0, result.output
    return out / "random__instructions-2"


def test_each_sample_is_asked_under_two_other_instructions_with_the_same_options(demo_variants):
    card = json.loads((demo_variants / "run_card.json").read_text())
    assert card["analysis"] == {"kind": INSTRUCTIONS, "variants": 2}
    for name, rows in rows_of(demo_variants).items():
        by_sample: dict[str, list[dict]] = {}
        for row in rows:
            by_sample.setdefault(row["variant_of"], []).append(row)
        summary = card["instances"][name]["analysis"]
        assert summary["analysed"] == summary["samples"] == len(by_sample) and summary["skipped"] == {}
        for sample, variants in by_sample.items():
            assert sorted(row["file"] for row in variants) == [f"{sample}#i{k}" for k in range(3)]
            asked = [row["instruction"] for row in variants]
            assert len(set(asked)) == 3 and all(row["variant"] == row["instruction"] for row in variants)
            assert len({row["label"] for row in variants}) == 1  # the sample's label, kept
            options = {frozenset(o.lower() for o in parse_options(text).texts) for text in asked}
            assert len(options) == 1, (name, asked)


def test_the_same_command_adds_nothing_and_a_fresh_run_asks_the_same(demo_variants, tmp_path):
    before = rows_of(demo_variants)
    again = demo_eval(demo_variants.parent, "--instruction-variants", "2")
    assert again.exit_code == 0 and rows_of(demo_variants) == before
    fresh = demo_eval(tmp_path, "--instruction-variants", "2")
    assert fresh.exit_code == 0 and rows_of(tmp_path / "random__instructions-2") == before


def test_the_report_shows_instruction_sensitivity_from_the_rows(demo_variants):
    report = report_of(demo_variants)
    assert report["models"] == [] and report["nothing_to_compare"] is None
    entry = report["instruction_sensitivity"][0]
    assert entry["label"] == "random [instructions-2]" and entry["n_instances"] == 6
    item = next(i for i in entry["instances"] if i["instance"] == "ToneOrNoise_DemoSynthetic")
    rows = scored(demo_variants, "ToneOrNoise_DemoSynthetic")
    originals = [row["score"] for row in rows if row["file"].endswith("#i0")]
    assert item["original"]["score"] == pytest.approx(100 * np.mean(originals), abs=1e-3)
    per_instruction = {}
    for row in rows:
        per_instruction.setdefault(row["instruction"], []).append(row["score"])
    means = [100 * np.mean(v) for v in per_instruction.values()]
    assert item["mean"]["score"] == pytest.approx(np.mean(means), abs=1e-3)
    assert item["spread"]["score"] == pytest.approx(np.std(means), abs=1e-3)
    named = [m for m, v in zip(means, per_instruction.values(), strict=True) if len(v) >= 2]
    assert item["worst"]["score"] == pytest.approx(min(named), abs=1e-3)
    answers: dict[str, set] = {}
    for row in rows:
        answers.setdefault(row["variant_of"], set()).add(row["answer"])
    share = 100 * np.mean([len(found) == 1 for found in answers.values()])
    assert item["consistency"]["score"] == pytest.approx(share, abs=1e-3)
    assert item["original"]["ci_low"] <= item["original"]["score"] <= item["original"]["ci_high"]
    markdown, html = render(report, "md"), render(report, "html")
    assert "## Instruction sensitivity" in markdown and "| ToneOrNoise_DemoSynthetic |" in markdown
    assert "## Leaderboard" not in markdown  # an analysis run is not ranked
    assert 'id="instruction-sensitivity"' in html and "ToneOrNoise_DemoSynthetic" in html
    csv_text = render(report, "csv")
    assert "instruction_sensitivity,ToneOrNoise_DemoSynthetic,random [instructions-2]" in csv_text


def test_an_analysis_run_beside_normal_runs_stays_out_of_the_ranking(demo_variants, tmp_path):
    assert demo_eval(tmp_path).exit_code == 0
    report = report_of(tmp_path / "random", demo_variants)
    assert [m["label"] for m in report["models"]] == ["random"]
    assert report["instruction_sensitivity"][0]["run_dir"] == str(demo_variants)


def test_audio_permutations_on_the_demo_reorder_the_two_tones_only(tmp_path):
    result = demo_eval(tmp_path, "--audio-permutations", "3")
    assert result.exit_code == 0, result.output
    run_dir = tmp_path / "random__permutations-3"
    results = json.loads((run_dir / "results.json").read_text())["instances"]
    assert results["SamePitchPair_DemoSine"]["status"] == "ok"
    assert results["SamePitchPair_DemoSine"]["count"] == 64  # two clips: one other order only
    others = {name: r for name, r in results.items() if name != "SamePitchPair_DemoSine"}
    assert all(r["status"] == "skipped" and "1 audio input(s)" in r["message"] for r in others.values())
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["instances"]["SamePitchPair_DemoSine"]["analysis"]["partial"] != {}
    rows = rows_of(run_dir)["SamePitchPair_DemoSine"]
    assert Counter(tuple(row["variant"]) for row in rows) == {(1, 2): 32, (2, 1): 32}
    report = report_of(run_dir)
    entry = report["audio_order"][0]
    assert entry["n_instances"] == 1 and entry["overall"]["vote"]["score"] is not None
    markdown = render(report, "md")
    assert "## Audio-order self-consistency" in markdown and "no order to change" in markdown
    assert 'id="audio-order"' in render(report, "html")


def run_pairs(tmp_path: Path, model, kind=PERMUTATIONS, variants=1, **config) -> Path:
    tasks_dir, data_dir = tmp_path / "tasks", tmp_path / "data"
    if not tasks_dir.exists():
        write_pairs(tasks_dir, data_dir, rows=12)
    settings = EvalConfig(model=model.name, output_dir=tmp_path / "runs", tasks_dir=tasks_dir,
                          data_dir=data_dir, progress=False, analysis=Analysis(kind, variants), **config)
    return Runner(settings, model=model).run().run_dir


def test_a_label_naming_a_place_follows_the_swap(tmp_path):
    listening = run_pairs(tmp_path, LoudestModel())
    rows = scored(listening, "LouderClip_Pairs")
    assert all(row["score"] == 1.0 for row in rows)  # right in both orders: the label followed the swap
    swapped = [row for row in rows if row["variant"] == [2, 1]]
    originals = {row["variant_of"]: row["label"] for row in rows if row["variant"] == [1, 2]}
    assert all(row["label"] != originals[row["variant_of"]] for row in swapped)
    stubborn = run_pairs(tmp_path, FirstModel())
    report = report_of(listening, stubborn)
    by_model = {entry["model"]: entry["overall"] for entry in report["audio_order"]}
    assert by_model["loudest-test-model"]["consistency"]["score"] == 100.0
    assert by_model["loudest-test-model"]["vote"]["score"] == 100.0
    assert by_model["first-test-model"]["consistency"]["score"] == 0.0  # "first" names another clip each time
    assert by_model["first-test-model"]["original"]["score"] == pytest.approx(100 * 8 / 12)
    assert by_model["first-test-model"]["mean"]["score"] == pytest.approx(50.0)


def test_mugen_shaped_candidates_move_around_the_reference(tmp_path):
    tasks_dir, data_dir = tmp_path / "tasks", tmp_path / "data"
    write_mugen_like(tasks_dir, data_dir, rows=10)
    result = cli("eval", "--model", "analysis_fixtures:LoudestModel", "--tasks-dir", str(tasks_dir),
                 "--tasks", "LoudestCandidate", "--data-dir", str(data_dir), "--output-dir",
                 str(tmp_path / "runs"), "--audio-permutations", "4", "--no-progress")
    assert result.exit_code == 0, result.output
    run_dir = tmp_path / "runs" / "loudest-test-model__permutations-4"
    rows = scored(run_dir, "LoudestCandidate_Test")
    assert len(rows) == 50 and {row["variant_of"] for row in rows} == {f"#{i}" for i in range(10)}
    for row in rows:
        gold = int(row["variant_of"][1:]) % 5 + 1  # the loudest candidate's original place
        assert row["label"] == LETTERS[row["variant"].index(gold)] and row["score"] == 1.0
    entry = report_of(run_dir)["audio_order"][0]["instances"][0]
    assert entry["consistency"]["score"] == 100.0 and entry["vote"]["score"] == 100.0


def test_shards_of_an_analysis_run_join_into_the_whole_run(tmp_path):
    suite = classification_suite(tmp_path / "suite", "Tone", {"Tone_A": 23}, seed=4)

    def run(out, *args):
        result = cli("eval", "--model", "random", "--tasks-dir", str(suite[0]), "--data-dir", str(suite[1]),
                     "--output-dir", str(out), "--instruction-variants", "2", "--no-progress", *args)
        assert result.exit_code == 0, result.output

    run(tmp_path / "whole")
    for index in (1, 2):
        run(tmp_path / "shards", "--shard", f"{index}/2")
    shards = [tmp_path / "shards" / f"random__instructions-2__shard-{i}-of-2" for i in (1, 2)]
    samples = [{row["variant_of"] for row in rows_of(shard)["Tone_A"]} for shard in shards]
    assert samples[0] and samples[1] and not samples[0] & samples[1]  # a sample's variants stay together
    merged = cli("merge", str(tmp_path / "merged"), *map(str, shards))
    assert merged.exit_code == 0, merged.output
    whole = tmp_path / "whole" / "random__instructions-2"
    def by_file(run_dir):
        return {row["file"]: row for row in rows_of(run_dir)["Tone_A"]}

    assert by_file(tmp_path / "merged") == by_file(whole)
    joined = json.loads((tmp_path / "merged" / "results.json").read_text())
    assert joined["instances"] == json.loads((whole / "results.json").read_text())["instances"]
    assert report_of(tmp_path / "merged")["instruction_sensitivity"][0]["instances"][0]["samples"] == 23


def test_limit_counts_samples_and_scores_their_variants(tmp_path):
    out = tmp_path / "limited"
    result = demo_eval(out, "--instruction-variants", "3", "--limit", "5", "--tasks",
                       str(DEMO / "tasks" / "ToneOrNoise"))
    assert result.exit_code == 0, result.output
    results = json.loads((out / "random__instructions-3" / "results.json").read_text())
    assert results["instances"]["ToneOrNoise_DemoSynthetic"]["count"] == 20


def test_fewer_alternatives_than_asked_are_counted(tmp_path):
    run_dir = run_pairs(tmp_path, LoudestModel(), kind=INSTRUCTIONS, variants=4)
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["instances"]["LouderClip_Pairs"]["analysis"]["partial"] == {FEWER: 12}
    item = report_of(run_dir)["instruction_sensitivity"][0]["instances"][0]
    assert item["partial"] == {FEWER: 12} and "asked fewer times" in render(report_of(run_dir), "md")


@pytest.mark.parametrize("args, message", [
    (("--instruction-variants", "2", "--control", "silence"), "run the control and the analysis as two runs"),
    (("--instruction-variants", "2", "--audio-permutations", "2"), "two analyses"),
    (("--system-prompt", "@/no/such/file.txt"), "cannot read"),
    (("--suite", "sakurra"), "--suite 'sakurra' is not one of"),
])
def test_bad_analysis_options_are_one_line_errors(tmp_path, args, message):
    result = demo_eval(tmp_path, *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "random").exists()


def test_common_options_seed_the_draws(tmp_path):
    one = run_pairs(tmp_path / "a", LoudestModel(), kind=INSTRUCTIONS, variants=1,
                    common=CommonOptions(seed=1))
    two = run_pairs(tmp_path / "b", LoudestModel(), kind=INSTRUCTIONS, variants=1,
                    common=CommonOptions(seed=2))
    asked = [{row["file"]: row["instruction"] for row in rows_of(d)["LouderClip_Pairs"]} for d in (one, two)]
    assert asked[0] != asked[1]
