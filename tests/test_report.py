"""`dsuperb report` on hand-made runs (tests/report_fixtures.py): numbers checked against values
computed by hand, intervals, the baseline comparison, every format, and the plots."""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from report_fixtures import results_document, write_alpha_and_beta, write_run

from dsuperb.cli import main
from dsuperb.report import build_report, plots
from dsuperb.report.render_json import validate_report

N_BOOT = 300

# Hand-computed normalised scores (see the table in report_fixtures.py).
TASKS = {
    "alpha": {"Emotion": 100.0, "Sarcasm": 40.0, "Gender": (60 + 100) / 2, "Asr": 75.0, "Genre": 30.0,
              "Sound": 90.0},
    "beta": {"Emotion": 50.0, "Sarcasm": 80.0, "Gender": (40 + 60) / 2, "Asr": 50.0, "Genre": 70.0,
             "Sound": 90.0},
}
CATEGORIES = {
    "alpha": {"paralinguistics": (100 + 40) / 2, "speaker": 80.0, "content": 75.0, "music_genre_mood": 30.0,
              "sound_events": 90.0},
    "beta": {"paralinguistics": (50 + 80) / 2, "speaker": 50.0, "content": 50.0, "music_genre_mood": 70.0,
             "sound_events": 90.0},
}
# A domain is the mean of its categories (not of its tasks: speech would be 73.75 and 57.5 then);
# Sound counts in both audio and music.
DOMAINS = {
    "alpha": {"speech": (70 + 80 + 75) / 3, "music": (30 + 90) / 2, "audio": 90.0},
    "beta": {"speech": (65 + 50 + 50) / 3, "music": (70 + 90) / 2, "audio": 90.0},
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return write_alpha_and_beta(tmp_path_factory.mktemp("runs"))


@pytest.fixture(scope="module")
def report(runs):
    return build_report(runs, baseline="beta", n_boot=N_BOOT, seed=0)


def by_name(rows, key="name"):
    return {row[key]: row for row in rows}


def every_cell(report):
    for level in ("instances", "tasks", "categories", "domains"):
        for row in report[level]:
            for label, cell in row["scores"].items():
                yield level, row.get("name") or row.get("task") or row.get("instance"), label, cell


def test_task_category_and_domain_scores_match_hand_computed_values(report):
    tasks = by_name(report["tasks"], "task")
    categories, domains = by_name(report["categories"]), by_name(report["domains"])
    # in the taxonomy's order: speech first, its categories as schemas/taxonomy.json lists them
    assert list(tasks) == ["Asr", "Gender", "Emotion", "Sarcasm", "Genre", "Sound"]
    assert list(categories) == ["content", "speaker", "paralinguistics", "music_genre_mood", "sound_events"]
    assert [d for d in domains] == ["speech", "music", "audio"]
    for model in ("alpha", "beta"):
        for task, value in TASKS[model].items():
            assert tasks[task]["scores"][model]["score"] == pytest.approx(value, abs=1e-3), (model, task)
        for category, value in CATEGORIES[model].items():
            assert categories[category]["scores"][model]["score"] == pytest.approx(value, abs=1e-3)
        for domain, value in DOMAINS[model].items():
            assert domains[domain]["scores"][model]["score"] == pytest.approx(value, abs=1e-3), domain
    assert tasks["Gender"]["instances"] == ["Gender_A-Fold1", "Gender_A-Fold2"]
    assert domains["music"]["categories"] == ["music_genre_mood", "sound_events"]
    assert domains["speech"]["n_tasks"] == 4 and domains["music"]["n_tasks"] == 2


def test_raw_metric_na_rate_and_counts_are_kept(report):
    tasks = by_name(report["tasks"], "task")
    asr = tasks["Asr"]
    assert asr["metric"] == "word_error_rate" and asr["higher_is_better"] is False
    assert asr["scores"]["alpha"]["raw"] == pytest.approx(0.25)  # WER stays WER
    assert asr["scores"]["beta"]["raw"] == pytest.approx(0.5)
    assert tasks["Gender"]["scores"]["alpha"]["raw"] == pytest.approx(0.8)  # accuracy of the two folds
    assert tasks["Gender"]["scores"]["alpha"]["count"] == 20
    assert tasks["Genre"]["scores"]["alpha"]["na_rate"] == pytest.approx(0.1)
    assert tasks["Genre"]["scores"]["beta"]["na_rate"] == 0
    music = by_name(report["domains"])["music"]["scores"]["alpha"]
    assert music["count"] == 20 and music["na_rate"] == pytest.approx(1 / 20)


def test_instances_not_shared_are_left_out_with_the_reason(report):
    left = {item["instance"]: item["reason"] for item in report["left_out"]}
    assert set(left) == {"Extra_Only", "Broken_X"}
    assert "not in the run of beta" in left["Extra_Only"]
    assert "failed in the run of beta" in left["Broken_X"] and "dataset unavailable" in left["Broken_X"]
    assert {t["task"] for t in report["tasks"]}.isdisjoint({"Extra", "Broken"})
    models = by_name(report["models"], "label")
    assert models["alpha"]["instances"] == 9 and models["alpha"]["instances_compared"] == 7


def test_intervals_are_present_and_hold_the_point(report):
    cells = list(every_cell(report))
    assert len(cells) == 2 * (7 + 6 + 5 + 3)
    for level, name, label, cell in cells:
        assert cell["ci_low"] is not None and cell["ci_high"] is not None, (level, name, label)
        assert cell["ci_low"] <= cell["score"] + 1e-9 <= cell["ci_high"] + 2e-9, (level, name, label, cell)
    tasks = by_name(report["tasks"], "task")
    assert tasks["Emotion"]["scores"]["alpha"]["ci_low"] == 100  # every sample right: no spread
    genre = tasks["Genre"]["scores"]["alpha"]
    assert 5 < genre["ci_high"] - genre["ci_low"] < 80  # 10 samples at 30%: a wide interval
    asr = tasks["Asr"]["scores"]["beta"]
    assert asr["raw_ci_low"] == pytest.approx(0.5) == asr["raw_ci_high"]  # every row has WER 0.5
    speech = by_name(report["domains"])["speech"]["scores"]["alpha"]
    # the domain's interval is narrower than its noisiest task's
    gender = tasks["Gender"]["scores"]["alpha"]
    assert speech["ci_high"] - speech["ci_low"] < gender["ci_high"] - gender["ci_low"]


def test_baseline_shares_and_paired_tests(report):
    comparison = report["baseline"]
    assert comparison["model"] == "beta" and report["settings"]["baseline"] == "beta"
    tests = {row["task"]: row["models"]["alpha"] for row in comparison["tasks"]}
    assert set(tests) == {"Asr", "Emotion", "Sarcasm", "Gender", "Genre", "Sound"}
    assert "beta" not in comparison["tasks"][0]["models"]
    assert tests["Emotion"]["diff"] == pytest.approx(50) and tests["Emotion"]["p_value"] < 0.05
    assert tests["Emotion"]["significant"] is True
    assert tests["Genre"]["diff"] == pytest.approx(-40) and not tests["Genre"]["beats_baseline"]
    assert tests["Genre"]["ci_high"] < 0  # 3/10 vs 7/10 on the same samples
    assert tests["Sound"]["diff"] == 0 and tests["Sound"]["p_value"] == 1.0  # identical answers
    assert not tests["Sound"]["beats_baseline"]
    for test in tests.values():
        assert test["ci_low"] <= test["diff"] <= test["ci_high"]
    shares = {row["name"]: row["models"]["alpha"] for row in comparison["categories"]}
    assert {k: v["share"] for k, v in shares.items()} == {
        "paralinguistics": 0.5, "speaker": 1.0, "content": 1.0, "music_genre_mood": 0.0, "sound_events": 0.0}
    domains = {row["name"]: row["models"]["alpha"] for row in comparison["domains"]}
    assert (domains["speech"]["wins"], domains["music"]["wins"], domains["audio"]["wins"]) == (3, 0, 0)
    assert domains["speech"]["share"] == 0.75 and domains["music"]["share"] == 0.0
    assert domains["speech"]["significant_wins"] >= 1


def test_report_validates_against_its_schema_and_is_seeded(runs, report):
    validate_report(report)
    again = build_report(runs, baseline="beta", n_boot=N_BOOT, seed=0)
    assert json.dumps(again, sort_keys=True) == json.dumps(report, sort_keys=True)
    other = build_report(runs, baseline="beta", n_boot=N_BOOT, seed=1)
    assert json.dumps(other) != json.dumps(report)


def test_a_models_numbers_do_not_depend_on_the_other_runs(runs, report):
    alone = build_report(runs[:1], n_boot=N_BOOT, seed=0)
    together = by_name(report["tasks"], "task")["Genre"]["scores"]["alpha"]
    assert by_name(alone["tasks"], "task")["Genre"]["scores"]["alpha"] == together
    assert alone["baseline"] is None and alone["left_out"] == []  # Extra_Only counts when alpha is alone


def invoke(*args):
    return CliRunner().invoke(main, ["report", *map(str, args)], catch_exceptions=False)


def test_every_format_from_the_command_line(runs, report, tmp_path):
    base = [*runs, "--baseline", "beta", "--bootstrap", N_BOOT]
    outputs = {fmt: tmp_path / f"report.{fmt}" for fmt in ("md", "csv", "json", "html")}
    for path in outputs.values():
        result = invoke(*base, "--output", path)  # the format follows the extension
        assert result.exit_code == 0, result.output
    data = json.loads(outputs["json"].read_text())
    validate_report(data)
    assert data == json.loads(json.dumps(report))

    markdown = outputs["md"].read_text()
    alpha_speech = by_name(report["domains"])["speech"]["scores"]["alpha"]
    interval = f"[{alpha_speech['ci_low']:.1f}, {alpha_speech['ci_high']:.1f}]"
    assert f"| speech | 4 | 75.0 {interval} | 55.0 [" in markdown
    assert "| Asr | speech | content | word_error_rate | 75.0 [" in markdown and "| 0.250 |" in markdown
    assert "10.0% of 10" in markdown  # Genre's N/A rate for alpha
    assert "## Against the baseline: beta" in markdown and "3/4 (75%)" in markdown and "0/2 (0%)" in markdown
    assert "Extra_Only (Extra): not in the run of beta" in markdown

    rows = list(csv.DictReader(io.StringIO(outputs["csv"].read_text())))
    found = {(r["section"], r["name"], r["model"]): r for r in rows}
    assert float(found[("domain", "music", "beta")]["score"]) == pytest.approx(80)
    assert float(found[("task", "Asr", "alpha")]["raw"]) == pytest.approx(0.25)
    assert float(found[("category", "speaker", "alpha")]["score"]) == pytest.approx(80)
    assert float(found[("baseline_domain", "speech", "alpha")]["share"]) == 0.75
    assert found[("left_out", "Broken_X", "")]["note"].startswith("failed in the run of beta")

    html = outputs["html"].read_text()
    assert html.count('<table class="sortable">') >= 6 and "<script>" in html
    assert "75.0" in html and "data:image/png;base64," in html
    # self-contained: nothing is fetched (plain links to task cards are not fetches)
    assert "<link" not in html and 'src="http' not in html
    assert "url(http" not in html and "@import" not in html


def test_plots_are_written_as_png_and_svg(runs, tmp_path):
    result = invoke(*runs, "--bootstrap", 50, "--plot", tmp_path / "scores.png")
    assert result.exit_code == 0, result.output
    # the bars, then one heat map per domain
    for name in ("scores.png", "scores_tasks_speech.png", "scores_tasks_music.png", "scores_tasks_audio.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, name
    result = invoke(*runs, "--bootstrap", 0, "--plot", tmp_path / "x.svg", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "<svg" in (tmp_path / "x.svg").read_text()
    assert "<svg" in (tmp_path / "x_tasks_speech.svg").read_text()
    assert "section,name,model" in result.output


def test_an_html_report_with_png_plots_draws_each_plot_once(runs, tmp_path, monkeypatch):
    drawn = []
    original = plots.figures
    monkeypatch.setattr(plots, "figures", lambda report: drawn.append(1) or original(report))
    board, plot = tmp_path / "board.html", tmp_path / "p.png"
    result = invoke(*runs, "--bootstrap", 20, "--output", board, "--plot", plot)
    assert result.exit_code == 0, result.output
    assert len(drawn) == 1  # the page and the files share one drawing (each takes seconds at full scale)
    page = board.read_text()
    for name in ("p.png", "p_tasks_speech.png"):
        assert base64.b64encode((tmp_path / name).read_bytes()).decode() in page, name


def test_a_bad_plot_name_is_refused_before_any_run_is_read(runs, tmp_path, monkeypatch):
    """Building the report (reading, resampling, drawing) takes seconds at full scale: a plot name
    that can never be written stops the command first."""
    built = []
    monkeypatch.setattr("dsuperb.report.build_report", lambda *a, **k: built.append(1))
    result = invoke(*runs, "--format", "html", "--plot", tmp_path / "x.gif")
    assert result.exit_code == 2 and "--plot" in result.output and "ending in .png or .svg" in result.output
    assert built == []


def test_no_bootstrap_means_no_intervals_but_the_same_scores(runs, report):
    plain = build_report(runs, n_boot=0)
    pairs = zip(every_cell(plain), every_cell(report), strict=True)
    for (level, name, label, cell), (_, _, _, full) in pairs:
        assert cell["ci_low"] is None and cell["score"] == pytest.approx(full["score"]), (level, name, label)


@pytest.mark.parametrize("problem, make, expected", [
    ("missing folder", lambda runs, tmp: [tmp / "nope"], "no such run folder"),
    ("not a run", lambda runs, tmp: [tmp], "not a run folder"),
    ("unknown baseline", lambda runs, tmp: [*runs, "--baseline", "gamma"], "--baseline 'gamma' is none of"),
    ("bad plot name", lambda runs, tmp: [*runs, "--plot", tmp / "x.gif"], "ending in .png or .svg"),
    ("unwritable plot", lambda runs, tmp: [*runs, "--plot", tmp / "file" / "x.png"], "cannot write"),
])
def test_user_mistakes_get_one_line(runs, tmp_path, problem, make, expected):
    (tmp_path / "file").write_text("a file where a folder is expected")
    result = CliRunner().invoke(main, ["report", *map(str, make(runs, tmp_path)), "--bootstrap", "0"])
    assert result.exit_code == 2, problem
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_broken_files_are_named_with_their_line(runs, tmp_path):
    run = tmp_path / "alpha"
    shutil.copytree(runs[0], run)
    scored = run / "scored" / "Genre_A.jsonl"
    lines = scored.read_text().splitlines()
    lines[2] = "{not json"
    scored.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["report", str(run), "--bootstrap", "20"])
    assert result.exit_code == 2 and f"{scored}:3: not a JSON row" in result.output
    results = json.loads((run / "results.json").read_text())
    results["instances"]["Genre_A"]["value"] = "high"
    (run / "results.json").write_text(json.dumps(results))
    result = CliRunner().invoke(main, ["report", str(run)])
    expected = "results.json: not a valid results file (instances.Genre_A.value: 'high' is not"
    assert result.exit_code == 2 and expected in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("card", "problem"), [
    ("[1]", "top level: [1] is not of type 'object'"),
    ('{"timing": 5}', "top level: 'dsuperb_version' is a required")])
def test_a_damaged_run_card_is_named_not_a_traceback(runs, tmp_path, card, problem):
    run = tmp_path / "alpha"
    shutil.copytree(runs[0], run)
    (run / "run_card.json").write_text(card)
    result = CliRunner().invoke(main, ["report", str(run), "--bootstrap", "0"])
    assert result.exit_code == 2, result.output
    assert f"{run / 'run_card.json'}: not a valid run card file ({problem}" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_scored_file_gives_scores_without_interval_and_a_note(runs, tmp_path):
    run = tmp_path / "alpha"
    shutil.copytree(runs[0], run)
    (run / "scored" / "Sound_A.jsonl").unlink()
    report = build_report([run], n_boot=50)
    sound = by_name(report["tasks"], "task")["Sound"]["scores"]["alpha"]
    assert sound["score"] == pytest.approx(90) and sound["ci_low"] is None
    assert any("Sound_A.jsonl: missing" in note for note in report["notes"])


def test_report_imports_no_model_backend(runs):
    """A report reads run folders only: no model backend and no dataset loader, in any format."""
    args = ["report", str(runs[0]), str(runs[1]), "--bootstrap", "20", "--format", "html"]
    probe = ("import sys; from click.testing import CliRunner; from dsuperb.cli import main; "
             f"r = CliRunner().invoke(main, {args!r}); "
             "assert r.exit_code == 0, r.output; "
             "print(sorted(m for m in ('torch', 'transformers', 'datasets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_intervals_are_finite_numbers(report):
    for _, _, _, cell in every_cell(report):
        assert all(math.isfinite(cell[k]) for k in ("score", "ci_low", "ci_high"))


def test_a_run_with_nothing_to_compare_says_so(tmp_path):
    run = tmp_path / "r"
    run.mkdir()
    failed = {"task": "A", "domains": ["speech"], "category": "content", "type": "sequence_generation",
              "metric": "word_error_rate", "value": None, "normalised": None, "higher_is_better": None,
              "na_rate": None, "count": 0, "errors": 0, "status": "failed", "message": "boom", "judge": None}
    (run / "results.json").write_text(json.dumps(results_document("m", {"A_b": failed}, complete=False)))
    report = build_report([run], n_boot=10)
    assert report["tasks"] == [] and report["left_out"][0]["reason"] == "failed in the run of m: boom"
    assert any("incomplete" in note for note in report["notes"])
    assert any("nothing is compared" in note for note in report["notes"])
    assert "no instance has a score in the run of m" in report["nothing_to_compare"]
    result = CliRunner().invoke(main, ["report", str(run), "--plot", str(tmp_path / "p.png")])
    assert result.exit_code == 1, result.output  # the report is still written, then exit 1 with why
    assert "error: nothing to compare: no instance has a score in the run of m" in result.stderr
    assert "Nothing to compare" in result.stdout and not (tmp_path / "p.png").exists()


def test_tasks_dir_supplies_category_and_domains(runs, tmp_path):
    card = tmp_path / "tasks" / "Genre" / "task.yaml"
    card.parent.mkdir(parents=True)
    card.write_text("name: Genre\ndescription: Which genre a piece of music belongs to, in a word.\n"
                    "domains: [music]\ncategory: music_theory\ntype: classification\n"
                    "metric: llm_classification\nkeywords: [genre]\nlicense: CC0-1.0\n"
                    "instances:\n  - name: Genre_A\n    hf_path: x/Genre_A\n    revision: null\n")
    result = invoke(*runs, "--tasks-dir", tmp_path / "tasks", "--bootstrap", 0, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert by_name(data["tasks"], "task")["Genre"]["category"] == "music_theory"
    categories = by_name(data["categories"])
    assert "music_theory" in categories and "music_genre_mood" not in categories

    broken = tmp_path / "tasks" / "Emotion" / "task.yaml"
    broken.parent.mkdir()
    broken.write_text("name: Emotion\n  domains: [\n")
    result = CliRunner().invoke(main, ["report", *map(str, runs), "--tasks-dir",
                                          str(tmp_path / "tasks"), "--bootstrap", "0"])
    assert result.exit_code == 0 and f"warning: {broken}: not a readable task card" in result.stderr
    result = invoke(*runs, "--tasks-dir", tmp_path / "tasks" / "Genre" / "none", "--bootstrap", 0)
    assert result.exit_code == 2 and "does not exist" in result.output
    (tmp_path / "empty").mkdir()
    result = invoke(*runs, "--tasks-dir", tmp_path / "empty", "--bootstrap", 0)
    assert result.exit_code == 2 and "no task cards" in result.output


def test_runs_of_the_same_model_are_told_apart_by_folder(runs, tmp_path):
    twin = tmp_path / "alpha-again"
    shutil.copytree(runs[0], twin)
    report = build_report([runs[0], twin], n_boot=0, baseline=str(twin))
    labels = [m["label"] for m in report["models"]]
    assert labels == [str(runs[0]), str(twin)] and report["baseline"]["model"] == str(twin)
    shares = {row["name"]: row["models"][str(runs[0])]["share"] for row in report["baseline"]["domains"]}
    assert set(shares.values()) == {0.0}  # identical runs: never above the baseline


def test_instances_scored_on_different_samples_are_left_out(runs, tmp_path):
    beta = tmp_path / "beta"
    shutil.copytree(runs[1], beta)
    scored = beta / "scored" / "Sound_A.jsonl"
    rows = [json.loads(line) for line in scored.read_text().splitlines()]
    rows[0]["file"] = "another-clip"
    scored.write_text("".join(json.dumps(row) + "\n" for row in rows))
    results = json.loads((beta / "results.json").read_text())
    results["instances"]["Asr_A"]["count"] = 4  # as if run with --limit 4
    (beta / "results.json").write_text(json.dumps(results))
    report = build_report([runs[0], beta], n_boot=0)
    left = {item["instance"]: item["reason"] for item in report["left_out"]}
    assert left["Sound_A"].startswith("different samples")
    assert left["Asr_A"] == "different numbers of samples: alpha 8, beta 4"
    assert {t["task"] for t in report["tasks"]} == {"Emotion", "Sarcasm", "Gender", "Genre"}


@pytest.fixture(scope="module")
def control_runs(tmp_path_factory, runs):
    """Silence-control runs: alpha's answers like beta's without its audio (so it depends on the
    audio by alpha - beta), beta's are unchanged (so it does not depend on it at all)."""
    root = tmp_path_factory.mktemp("controls")
    return (write_run(root, "alpha", control="silence", answers="beta"),
            write_run(root, "beta", control="silence", answers="beta"))


def test_audio_dependence_is_normal_minus_control(runs, control_runs, report, tmp_path):
    alpha, beta = runs
    data = build_report([alpha, control_runs[0], beta, control_runs[1]], n_boot=N_BOOT, seed=0)
    validate_report(data)
    entries = {entry["normal"]: entry for entry in data["audio_dependence"]}
    assert set(entries) == {"alpha", "beta"}
    first = entries["alpha"]
    assert (first["control"], first["kind"], first["model"]) == ("alpha [silence]", "silence", "alpha")
    tasks = by_name(first["tasks"], "task")
    for task, value in TASKS["alpha"].items():
        assert tasks[task]["diff"] == pytest.approx(value - TASKS["beta"][task], abs=1e-3), task
    # the same paired test as alpha against beta (the control answered exactly as beta did)
    paired = {row["task"]: row["models"]["alpha"] for row in report["baseline"]["tasks"]}
    for task, row in tasks.items():
        assert {k: row[k] for k in ("diff", "ci_low", "ci_high", "p_value")} == \
            {k: paired[task][k] for k in ("diff", "ci_low", "ci_high", "p_value")}
    assert tasks["Emotion"]["depends"] is True and tasks["Genre"]["depends"] is False
    domains = by_name(first["domains"])
    for domain, value in DOMAINS["alpha"].items():
        assert domains[domain]["diff"] == pytest.approx(value - DOMAINS["beta"][domain], abs=1e-3)
    task_diffs = [TASKS["alpha"][t] - TASKS["beta"][t] for t in TASKS["alpha"]]
    assert first["overall"]["diff"] == pytest.approx(sum(task_diffs) / len(task_diffs), abs=1e-3)
    assert all(row["diff"] == 0 and row["depends"] is False for row in entries["beta"]["tasks"])
    warnings = [note for note in data["notes"] if "check that the model is given the audio" in note]
    assert len(warnings) == 1 and warnings[0].startswith("beta scores no lower")

    result = invoke(alpha, control_runs[0], "--bootstrap", N_BOOT)
    assert result.exit_code == 0, result.output
    assert "## Audio dependence" in result.output
    assert "| Emotion | +50.0 [" in result.output and "| alpha − alpha [silence] | p |" in result.output
    result = invoke(alpha, control_runs[0], "--bootstrap", 0, "--format", "csv")
    rows = {(r["section"], r["name"]): r for r in csv.DictReader(io.StringIO(result.output))}
    assert float(rows[("audio_dependence_task", "Sarcasm")]["diff"]) == pytest.approx(-40)
    html = invoke(alpha, control_runs[0], "--bootstrap", 0, "--format", "html").output
    assert "<h2>Audio dependence</h2>" in html and "+50.0" in html


def test_a_control_run_without_its_normal_run_is_noted(runs, control_runs):
    data = build_report([runs[1], control_runs[0]], n_boot=0)
    assert data["audio_dependence"] == []
    assert any("silence control run of alpha has no normal run" in note for note in data["notes"])


def test_half_written_run_folders(runs, tmp_path):
    started = tmp_path / "started"
    started.mkdir()
    (started / "run_card.json").write_text("{}")  # eval was stopped before its first instance ended
    result = CliRunner().invoke(main, ["report", str(started)])
    assert result.exit_code == 2 and "no results.json yet" in result.output
    assert "run the same `dsuperb eval` command again" in result.output
    interrupted = tmp_path / "interrupted"
    shutil.copytree(runs[0], interrupted)
    results = json.loads((interrupted / "results.json").read_text())
    results["complete"] = False
    (interrupted / "results.json").write_text(json.dumps(results))
    result = invoke(interrupted, "--bootstrap", 0)
    assert result.exit_code == 0 and "the run of alpha is incomplete" in result.output
    (interrupted / "results.json").write_text(json.dumps(results)[:-40])  # cut off mid-write
    result = CliRunner().invoke(main, ["report", str(interrupted)])
    assert result.exit_code == 2 and "results.json:" in result.output and "not valid JSON" in result.output


def test_results_breaking_the_schema_name_the_field(runs, tmp_path):
    run = tmp_path / "alpha"
    shutil.copytree(runs[0], run)
    results = json.loads((run / "results.json").read_text())
    del results["instances"]["Asr_A"]["count"]
    (run / "results.json").write_text(json.dumps(results))
    result = CliRunner().invoke(main, ["report", str(run)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "instances.Asr_A: 'count' is a required property" in result.output
