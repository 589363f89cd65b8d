"""Sibling benchmarks as cards (SAKURA, MUGEN), selected by suite and shown as their own grids, and
the survey's four dimensions: in the taxonomy, its checks, its page and every report format."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from dsuperb.cards import Catalogue
from dsuperb.cli import main
from dsuperb.infra.schemas import first_error, load_schema
from dsuperb.local_dataset import audio_value, write_hf_folder
from dsuperb.report import build_report
from dsuperb.report.render import render
from dsuperb.report.render_json import validate_report
from dsuperb.selection import Filters, select_instances
from dsuperb.taxonomy import TaxonomyError, load_taxonomy
from dsuperb.validation.cards import validate_cards
from dsuperb.vocab.suites import PHASE2, SUITES

REPO = Path(__file__).resolve().parent.parent
TASKS = REPO / "tasks"
RATE = 16_000


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def siblings():
    cards = Catalogue.load(TASKS)
    return {suite: [task for task in cards.tasks if task.suite == suite] for suite in SUITES}


# --- the cards


def test_the_schema_knows_exactly_the_suites_of_the_vocabulary():
    assert load_schema("task")["$defs"]["suite"]["enum"] == list(SUITES)


def test_sibling_cards_validate_unpinned_and_without_a_known_licence(siblings):
    folders = [TASKS / task.name for suite in ("sakura", "mugen") for task in siblings[suite]]
    assert len(folders) == 4 + 35
    _, findings = validate_cards(folders)
    assert [f.format() for f in findings if f.severity == "error"] == []
    assert {f.rule for f in findings} <= {"card.unpinned", "card.license-unknown", "card.hub-name"}
    for suite in ("sakura", "mugen"):
        for task in siblings[suite]:
            assert task.license == "unknown" and task.license_source.startswith("https://github.com/")
            assert task.license_note and task.redistribution in ("forbidden", "conditional")
            for inst in task.instances:
                assert inst.revision is None and inst.confirmed and inst.suite == suite


def test_sakura_maps_its_columns_single_and_multi_hop(siblings):
    tracks = {task.name: task for task in siblings["sakura"]}
    assert set(tracks) == {"SakuraGenderQA", "SakuraLanguageQA", "SakuraEmotionQA", "SakuraAnimalQA"}
    for name, task in tracks.items():
        single, multi = task.instances
        assert single.hf_path == multi.hf_path == f"SLLM-multi-hop/{name[6:]}"
        assert (single.instruction_column, single.label_columns) == ("single_instruction", ("single_answer",))
        assert (multi.instruction_column, multi.label_columns) == ("multi_instruction", ("multi_answer",))
        assert multi.instruction_pool == "questions" and single.instruction_pool == "paraphrases"


def test_mugen_reads_rows_without_ids_and_maps_letters_to_candidates(siblings):
    tasks = siblings["mugen"]
    with_reference = [t for t in tasks if t.instances[0].audio_columns[0] == "reference_audio"]
    assert len(with_reference) == 10
    for task in tasks:
        (inst,) = task.instances
        assert inst.hf_path.startswith("MUGEN-Benchmark/") and inst.file_column is None
        assert inst.audio_columns[-5:] == tuple(f"audio{k}" for k in range(1, 6))
        assert inst.audio_order.reordered(inst.audio_columns) == tuple(f"audio{k}" for k in range(1, 6))
        assert [inst.audio_order.label_at(k) for k in range(1, 6)] == ["(A)", "(B)", "(C)", "(D)", "(E)"]


def test_a_bad_audio_order_is_a_card_error(tmp_path):
    folder = tmp_path / "Pair"
    folder.mkdir()
    card = (TASKS / "SentenceGrammarAcceptability" / "task.yaml").read_text(encoding="utf-8")
    (folder / "task.yaml").write_text(card.replace("name: SentenceGrammarAcceptability", "name: Pair")
                                      .replace('labels: {"1": 1, "2": 2}', 'labels: {"1": 1, "2": 3}'),
                                      encoding="utf-8")
    _, findings = validate_cards([folder])
    (error,) = [f for f in findings if f.rule == "card.audio-order"]
    assert "name each place 1..2" in error.message


# --- selecting a suite


def test_without_named_tasks_eval_runs_phase_2_and_a_suite_when_asked():
    default = select_instances()
    assert default and all(inst.suite == PHASE2 for inst in default)
    sakura = select_instances(filters=Filters(suite="sakura"))
    assert sorted(inst.name for inst in sakura)[:2] == ["SakuraAnimalQA_SAKURA-MultiHop",
                                                         "SakuraAnimalQA_SAKURA-SingleHop"]
    assert len(sakura) == 8 and len(select_instances(filters=Filters(suite="mugen"))) == 35
    assert len(select_instances(filters=Filters(suite="all", include_unconfirmed=True))) == \
        len(list(Catalogue.load(TASKS).instances()))
    named = select_instances(["MugenKeyDetection"])  # a named task runs whatever its suite
    assert [inst.name for inst in named] == ["MugenKeyDetection_MUGEN-Test"]


def test_list_filters_by_suite_and_shows_it():
    rows = json.loads(cli("list", "--suite", "sakura", "--format", "json").output)
    assert {row["task"] for row in rows} == {"SakuraGenderQA", "SakuraLanguageQA", "SakuraEmotionQA",
                                             "SakuraAnimalQA"}
    assert {row["suite"] for row in rows} == {"sakura"}
    text = cli("list", "--suite", "mugen").output
    assert "MugenKeyDetection" in text and "mugen" in text and "35 task(s)" in text
    bad = cli("list", "--suite", "phase3")
    assert bad.exit_code == 2 and "--suite 'phase3' is not one of" in bad.output


# --- a SAKURA-shaped dataset through eval and the report


def write_sakura_track(data_dir: Path, track: str, rows: int = 8) -> None:
    """The hub dataset's seven columns (file, audio, attribute_label, single/multi instruction and
    answer), two options per question in either order, three wordings of the single-hop question."""
    columns = {k: [] for k in ("file", "audio", "attribute_label", "single_instruction", "single_answer",
                               "multi_instruction", "multi_answer")}
    for i in range(rows):
        a, b = ("female", "male") if i % 2 else ("male", "female")
        t = np.arange(int(0.2 * RATE)) / RATE
        columns["file"].append(f"{track.lower()}_{i}.wav")
        columns["audio"].append(audio_value((0.2 * np.sin(2 * np.pi * 200 * t)).astype(np.float32), RATE,
                                            f"{i}.wav"))
        columns["attribute_label"].append(a)
        stem = ("What is the speaker's gender?", "Which gender is it?", "Name the gender.")[i % 3]
        columns["single_instruction"].append(f"{stem} (a) {a} (b) {b}")
        columns["single_answer"].append(f" (a) {a}")  # a leading space, as in the GitHub copy
        columns["multi_instruction"].append(f"Question {i}: who would say this? (a) {a} (b) {b}")
        columns["multi_answer"].append(f"(a) {a}")
    write_hf_folder(data_dir, f"SLLM-multi-hop/{track}QA", columns, ["audio"])


def test_sakura_runs_from_its_cards_and_reports_single_against_multi_hop(tmp_path):
    tasks_dir, data_dir = tmp_path / "tasks", tmp_path / "data"
    for track in ("Gender", "Animal"):
        shutil.copytree(TASKS / f"Sakura{track}QA", tasks_dir / f"Sakura{track}QA")
        write_sakura_track(data_dir, track)
    out = tmp_path / "runs"
    result = cli("eval", "--model", "random", "--tasks-dir", tasks_dir, "--suite", "sakura", "--data-dir",
                 data_dir, "--output-dir", out, "--no-progress")
    assert result.exit_code == 0, result.output
    results = json.loads((out / "random" / "results.json").read_text())["instances"]
    assert len(results) == 4 and all(r["status"] == "ok" and r["count"] == 8 for r in results.values())
    variants = cli("eval", "--model", "random", "--tasks-dir", tasks_dir, "--suite", "sakura", "--data-dir",
                   data_dir, "--output-dir", out, "--instruction-variants", "2", "--no-progress")
    assert variants.exit_code == 0, variants.output
    card = json.loads((out / "random__instructions-2" / "run_card.json").read_text())["instances"]
    single = card["SakuraGenderQA_SAKURA-SingleHop"]["analysis"]
    assert single["analysed"] == 8 and single["partial"] == {}  # the wordings with the same letters
    assert "instruction_pool: questions" in card["SakuraGenderQA_SAKURA-MultiHop"]["analysis"]["problem"]

    report = build_report([out / "random", out / "random__instructions-2"], n_boot=100, seed=0)
    validate_report(report)
    (grid,) = report["suites"]
    assert grid["suite"] == "sakura" and grid["columns"] == ["SAKURA-MultiHop", "SAKURA-SingleHop"]
    assert [row["task"] for row in grid["rows"]] == ["SakuraGenderQA", "SakuraAnimalQA"]
    gender = grid["rows"][0]
    assert gender["scores"]["SAKURA-SingleHop"]["random"]["score"] == \
        results["SakuraGenderQA_SAKURA-SingleHop"]["normalised"]
    markdown = render(report, "md")
    assert "## Suite: sakura" in markdown and "| SakuraGenderQA |" in markdown
    assert 'id="suite-sakura"' in render(report, "html")


# --- the four dimensions


def test_every_category_sits_in_one_of_the_four_dimensions():
    taxonomy = load_taxonomy()
    assert [d.title for d in taxonomy.dimensions.values()] == [
        "General Auditory Awareness and Processing", "Knowledge and Reasoning", "Dialogue-oriented Ability",
        "Fairness, Safety, and Trustworthiness"]
    assert all(c.dimension in taxonomy.dimensions for c in taxonomy.categories.values())
    assert taxonomy.dimension_of("phonetics_phonology") == "knowledge_reasoning"
    page = (REPO / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    assert "## Evaluation dimensions" in page and "2505.15957" in page
    for dimension in taxonomy.dimensions.values():
        assert dimension.title in page


def test_the_taxonomy_is_checked_against_its_schema(tmp_path, monkeypatch):
    data = json.loads((REPO / "schemas" / "taxonomy.json").read_text(encoding="utf-8"))
    assert first_error(data, "taxonomy") is None
    missing = json.loads(json.dumps(data))
    del missing["categories"]["prosody"]["dimension"]
    assert "dimension" in first_error(missing, "taxonomy")
    unknown = json.loads(json.dumps(data))
    unknown["categories"]["prosody"]["dimension"] = "vibes"
    (tmp_path / "taxonomy.json").write_text(json.dumps(unknown), encoding="utf-8")
    monkeypatch.setattr("dsuperb.taxonomy.schemas_dir", lambda: tmp_path)
    load_taxonomy.cache_clear()
    try:
        with pytest.raises(TaxonomyError, match="unknown dimension 'vibes'"):
            load_taxonomy()
    finally:
        load_taxonomy.cache_clear()


def test_reports_aggregate_by_dimension_in_every_format(tmp_path):
    demo = REPO / "demo"
    result = cli("eval", "--model", "random", "--tasks", demo / "tasks", "--data-dir", demo / "data",
                 "--output-dir", tmp_path, "--no-progress")
    assert result.exit_code == 0, result.output
    report = build_report([tmp_path / "random"], n_boot=100, seed=0)
    validate_report(report)
    (dimension,) = report["dimensions"]  # every demo category is perception
    assert dimension["title"] == "General Auditory Awareness and Processing"
    categories = {row["name"]: row["scores"]["random"]["score"] for row in report["categories"]}
    mean = np.mean(list(categories.values()))
    assert dimension["scores"]["random"]["score"] == pytest.approx(mean, abs=1e-3)
    assert "## Dimensions" in render(report, "md") and "<h2>Dimensions</h2>" in render(report, "html")
    assert "dimension,auditory_processing,random" in render(report, "csv")


def test_data_checks_accept_a_sibling_without_ids_and_with_more_splits(tmp_path):
    """MUGEN's hub datasets have no `file` column and ship test_2..test_4 beside test: neither is a
    data error for a card that says so (`file_column: null`, a sibling suite); Phase 2 keeps its
    one-split rule."""
    from analysis_fixtures import write_mugen_like

    from dsuperb.validation.data import check_instance

    write_mugen_like(tmp_path / "tasks", tmp_path / "data", rows=4, more_splits=True)
    instance = Catalogue.load(tmp_path / "tasks").instance("LoudestCandidate_Test")
    findings, summary = check_instance(instance, tmp_path / "data")
    assert sorted(summary["splits"]) == ["test", "test_2"]
    rules = {f.rule for f in findings if f.severity == "error"}
    assert "data.split" not in rules and "data.required-column" not in rules
    phase2 = check_instance(replace(instance, suite=PHASE2), tmp_path / "data")[0]
    assert "data.split" in {f.rule for f in phase2 if f.severity == "error"}
