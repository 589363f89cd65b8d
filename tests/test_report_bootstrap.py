"""The vectorised bootstrap gives the loop's statistics: the same draws (seed, instance), the same
replicates for every metric of the catalogue, the same report; a metric it cannot reduce falls
back to the loop. (Its speed is measured by benchmarks/bench_report.py, not here.)"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from report_fixtures import write_run
from report_scale import POOLS, instance_rows, plan, write_scale_runs

from dsuperb.report import build_report
from dsuperb.report.aggregate import bootstrap_instance
from dsuperb.report.resample import Resampler
from dsuperb.scoring import aggregate, score_rows
from dsuperb.vocab import metrics as catalogue

N_BOOT = 300


def test_every_metric_with_a_scorer_has_rows_here():
    assert {name for name in catalogue.names() if catalogue.get(name).impl} == set(POOLS)


@pytest.mark.parametrize("metric", sorted(POOLS))
def test_replicates_equal_the_loop_for_every_metric(metric):
    resampler = Resampler(N_BOOT, seed=7)
    for n_rows, skill in ((1, 0.5), (2, 0.0), (37, 0.6), (60, 1.0)):
        rows = instance_rows(metric, f"X_{metric}", n_rows, skill, random.Random(n_rows))
        fast = resampler.replicates(metric, rows, f"X_{metric}", aggregate(metric, rows))
        loop = bootstrap_instance(metric, rows, N_BOOT, 7, f"X_{metric}")
        for got, want in zip(fast, loop, strict=True):
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, equal_nan=True)
    assert "loop" not in resampler.reductions  # every metric of the catalogue is vectorised


def test_correlation_on_continuous_scores_equals_the_loop():
    rng = random.Random(3)
    rows = []
    for i in range(150):
        truth = rng.uniform(1, 5)
        response = "no idea" if i % 9 == 0 else f"{truth + rng.gauss(0, 1.2):.3f}"
        rows.append({"instance": "P", "file": f"p{i:03d}", "instruction": "Rate it from 1 to 5.",
                     "label": f"{truth:.4f}", "response": response, "error": None})
    scored = score_rows(rows, metric="pearson_correlation_coefficient").rows
    resampler = Resampler(N_BOOT, seed=5)
    fast = resampler.replicates("pearson_correlation_coefficient", scored, "P")
    loop = bootstrap_instance("pearson_correlation_coefficient", scored, N_BOOT, 5, "P")
    assert resampler.reductions == {"correlation": 1}
    np.testing.assert_allclose(fast[1], loop[1], rtol=1e-9, atol=1e-12)


def test_a_report_is_the_same_with_either_bootstrap(tmp_path):
    small = [write_run(tmp_path / "small", "alpha"), write_run(tmp_path / "small", "beta")]
    scale = write_scale_runs(tmp_path / "scale", 3, plan(40), 25)
    for runs in (small, scale):
        fast = build_report(runs, n_boot=N_BOOT, seed=3)
        loop = build_report(runs, n_boot=N_BOOT, seed=3, vectorised=False)
        assert_same(fast, loop)


def assert_same(fast, loop, where="report"):
    """Equal, numbers up to one unit of the report's rounding (1e-4): the replicates agree to
    1e-12, but a value that falls on a rounding boundary may round either way."""
    if isinstance(fast, dict):
        assert list(fast) == list(loop), where
        for key in fast:
            assert_same(fast[key], loop[key], f"{where}.{key}")
    elif isinstance(fast, list):
        assert len(fast) == len(loop), where
        for index, (a, b) in enumerate(zip(fast, loop, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(fast, float) and isinstance(loop, float):
        assert fast == pytest.approx(loop, abs=1.01e-4), where
    else:
        assert fast == loop, where


def test_draws_are_shared_by_runs_scored_on_the_same_samples():
    resampler = Resampler(50, seed=1)
    first = resampler.draws("Inst", 10)
    assert resampler.draws("Inst", 10) is first  # made once per instance
    assert first.counts.sum(axis=1).tolist() == [10] * 50  # every resample draws n rows
    for row, drawn in zip(first.counts, first.indices, strict=True):
        assert row.tolist() == np.bincount(drawn, minlength=10).tolist()


def test_a_metric_it_cannot_reduce_falls_back_to_the_loop(monkeypatch):
    from dsuperb.scoring import classification

    def median_of_correct(stats):  # neither a mean, nor a function of sums
        values = sorted(s["correct"] for s in stats if "correct" in s)
        return values[len(values) // 2] if values else None

    monkeypatch.setattr(classification.LLM_CLASSIFICATION, "aggregate", median_of_correct)
    rows = instance_rows("llm_classification", "Med", 31, 0.5, random.Random(0))
    resampler = Resampler(N_BOOT, seed=2)
    fast = resampler.replicates("llm_classification", rows, "Med", aggregate("llm_classification", rows))
    loop = bootstrap_instance("llm_classification", rows, N_BOOT, 2, "Med")
    assert resampler.reductions == {"loop": 1}
    np.testing.assert_allclose(fast[1], loop[1], equal_nan=True)


def test_a_trusted_reduction_is_checked_again_when_the_recorded_value_disagrees():
    rows = instance_rows("word_error_rate", "W", 40, 0.5, random.Random(1))
    resampler = Resampler(N_BOOT, seed=4)
    resampler.replicates("word_error_rate", rows, "W", aggregate("word_error_rate", rows))
    assert resampler.reductions == {"sums": 1}
    fast = resampler.replicates("word_error_rate", rows, "W", recorded=123.0)  # a stale results.json
    loop = bootstrap_instance("word_error_rate", rows, N_BOOT, 4, "W")
    np.testing.assert_allclose(fast[1], loop[1], rtol=1e-12)
    assert resampler.reductions == {"sums": 2}


def test_intervals_are_numpys_percentiles():
    from dsuperb.report.aggregate import percentile_interval

    rng = np.random.default_rng(0)
    tail = (1 - 0.95) / 2 * 100  # as the report has always asked numpy
    for size in (20, 21, 999, 1000, 1001):
        for values in (rng.normal(50, 10, size), rng.integers(0, 5, size).astype(float)):
            values[::7] = np.nan  # undefined replicates are left out
            finite = values[np.isfinite(values)]
            if finite.size < 20:
                continue
            assert percentile_interval(values) == tuple(np.percentile(finite, [tail, 100 - tail]))
    assert percentile_interval(np.full(10, 1.0)) == (None, None)  # too few to say


@pytest.mark.parametrize("text, rows", [
    ('{"a": 1}\n{"b": 2}\n', [{"a": 1}, {"b": 2}]),
    ('{"a": 1}\r\n{"b": 2}', [{"a": 1}, {"b": 2}]),  # CRLF, no final newline
    ('{"a": 1}\n\n{"b": 2}\n', [{"a": 1}, {"b": 2}]),  # a blank line: read line by line
    ("", []),
])
def test_scored_files_are_read_whole(tmp_path, text, rows):
    from dsuperb.runfolder.reader import read_scored

    path = tmp_path / "x.jsonl"
    path.write_text(text)
    assert read_scored(path) == rows


@pytest.mark.parametrize("text, message", [
    ('{"a": 1}, {"b": 2}\n', "x.jsonl:1: not a JSON row"),  # valid as an array, not as JSONL
    ('{"a": 1}\n[1]\n', "x.jsonl:2: expected a JSON object, found list"),
])
def test_a_bad_scored_line_is_named(tmp_path, text, message):
    from dsuperb.errors import StoreError
    from dsuperb.runfolder.reader import read_scored

    path = tmp_path / "x.jsonl"
    path.write_text(text)
    with pytest.raises(StoreError, match=message):
        read_scored(path)


@pytest.mark.parametrize("script, args, expected", [
    ("bench_report.py", ["--models", "2", "--instances", "6", "--rows", "8", "--bootstrap", "30",
                         "--loop-instances", "3"], "target: the full report under 5 s"),
    ("bench_analyses.py", ["--instances", "2", "--samples", "12", "--loop-instances", "1",
                           "--bootstrap", "30"], "same numbers on the timed instances: True"),
])
def test_the_report_benchmarks_run_on_folders_the_report_reads(script, args, expected):
    """The benchmarks write their own run folders: at a tiny size they still run to the end (the
    report checks a run card against its schema), with the vectorised numbers equal to the loop's."""
    bench = Path(__file__).resolve().parent.parent / "benchmarks" / script
    done = subprocess.run([sys.executable, str(bench), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in done.stdout, done.stdout
