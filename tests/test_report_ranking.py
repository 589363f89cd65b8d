"""Ranking: the overall score (mean of the domains, each the mean of its categories) with its
bootstrap interval, tables sorted by it, the random baseline as an unranked chance-level row and
a dashed line in the plots, and captions that say what the bars and intervals are."""

from __future__ import annotations

import json

import numpy as np
import pytest
from report_fixtures import results_document, write_alpha_and_beta
from report_scale import plan, write_scale_run

from dsuperb.report import build_report
from dsuperb.report.plots import bars_figure, pyplot
from dsuperb.report.render import render

N_BOOT = 200


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return write_alpha_and_beta(tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="module")
def ranked_runs(tmp_path_factory):
    """Three models of clearly different skill and the random baseline, given worst first."""
    root = tmp_path_factory.mktemp("ranked")
    instances = plan(24)
    return [write_scale_run(root, name, skill, instances, 30)
            for name, skill in (("random", 0.3), ("weak", 0.45), ("middle", 0.7), ("strong", 0.95))]


def test_overall_is_the_mean_of_the_domains_with_an_interval(small):
    report = build_report(small, n_boot=N_BOOT, seed=0)
    overall = {m["label"]: m["overall"] for m in report["models"]}
    # alpha: speech (70 + 80 + 75) / 3, music (30 + 90) / 2, audio 90; beta: 55, 80, 90 (see test_report.py)
    assert overall["alpha"]["score"] == pytest.approx((75 + 60 + 90) / 3, abs=1e-3)
    assert overall["beta"]["score"] == pytest.approx((55 + 80 + 90) / 3, abs=1e-3)
    for cell in overall.values():
        assert cell["ci_low"] < cell["score"] < cell["ci_high"] and cell["n_tasks"] == 6
    # a tie keeps the order given
    assert [m["label"] for m in report["models"]] == ["alpha", "beta"]
    assert [m["label"] for m in build_report(small[::-1], n_boot=0)["models"]] == ["beta", "alpha"]


def test_models_are_ranked_by_overall_score_and_random_is_the_chance_level(ranked_runs):
    report = build_report(ranked_runs, n_boot=N_BOOT, seed=0)
    models = report["models"]
    assert [m["label"] for m in models] == ["strong", "middle", "weak", "random"]
    assert [m["rank"] for m in models] == [1, 2, 3, None]
    assert [m["chance"] for m in models] == [False, False, False, True]
    assert report["settings"]["chance"] == "random"
    scores = [m["overall"]["score"] for m in models]
    assert scores == sorted(scores, reverse=True)
    for model in models:  # the overall score is the mean of the model's domain scores
        domains = [d["scores"][model["label"]]["score"] for d in report["domains"]]
        assert model["overall"]["score"] == pytest.approx(np.mean(domains), abs=1e-3)
    # every table lists the models in that order
    for level in ("tasks", "domains", "categories", "instances"):
        assert list(report[level][0]["scores"]) == ["strong", "middle", "weak", "random"], level


def test_the_leaderboard_table_and_captions_in_each_format(ranked_runs):
    report = build_report(ranked_runs, n_boot=N_BOOT, seed=0)
    markdown = render(report, "md")
    board = markdown.split("## Leaderboard", 1)[1].split("## Runs", 1)[0]
    assert "| Rank | Model | Overall | speech |" in board
    lines = [line for line in board.splitlines() if line.startswith("| ")][2:]
    names = [line.split("|")[2].strip() for line in lines]
    assert names == ["strong", "middle", "weak", "random (chance level)"]
    assert lines[0].startswith("| 1 | strong |") and lines[-1].startswith("| – | random (chance level) |")
    assert f"95% bootstrap percentile intervals ({N_BOOT} resamples of each instance's samples" in board
    assert "random is the chance level, shown unranked" in board
    html = render(report, "html")
    assert f"error bars: 95% bootstrap percentile intervals ({N_BOOT} resamples" in html
    assert "dashed line: chance level (random)" in html and html.count("<figcaption>") >= 2
    assert "random (chance level)" in html


def test_the_chance_level_is_a_dashed_line_in_the_bars(ranked_runs):
    report = build_report(ranked_runs, n_boot=50, seed=0)
    chance = next(m for m in report["models"] if m["chance"])["overall"]["score"]
    figure = bars_figure(report)
    try:
        overall, domains, categories = figure.axes[:3]
        dashed = [line for line in overall.lines if line.get_linestyle() == "--"]
        assert dashed and dashed[0].get_xdata()[0] == pytest.approx(chance)
        bars = [patch.get_width() for patch in overall.patches]
        assert len(bars) == 3  # the chance level is a line, not a bar
        for axis, level in ((domains, "domains"), (categories, "categories")):
            lines = [line for line in axis.lines if line.get_linestyle() == "--"]
            expected = [g["scores"]["random"]["score"] for g in report[level]]
            assert [line.get_ydata()[0] for line in lines] == pytest.approx(expected), level
        assert "error bars: 95% bootstrap percentile intervals (50 resamples" in figure._suptitle.get_text()
    finally:
        pyplot().close(figure)


def test_a_run_without_a_score_is_listed_last_without_a_rank(small, tmp_path):
    failed = tmp_path / "broken"
    failed.mkdir()
    entry = {"task": "Asr", "domains": ["speech"], "category": "content", "type": "sequence_generation",
             "metric": "word_error_rate", "value": None, "normalised": None, "higher_is_better": None,
             "na_rate": None, "count": 0, "errors": 0, "status": "failed", "message": "boom", "judge": None}
    (failed / "results.json").write_text(json.dumps(results_document("broken", {"Asr_A": entry})))
    report = build_report([failed, *small], n_boot=0, min_common=1)
    assert report["models"][2]["label"] == "broken"
    assert [m["rank"] for m in report["models"]] == [1, 2, None]
    assert report["models"][2]["overall"] is None
