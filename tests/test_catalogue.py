"""The Phase-2 catalogue held against the public record, the taxonomy and the generated docs.

The record (`reference/phase2_instances.tsv`, with where each fact came from in reference/README.md)
is required: without it these tests fail rather than skip, because a catalogue checked against
nothing proves nothing. Every record row must be in the catalogue, but the catalogue may hold more:
a contributor's new task is checked by `dsuperb validate` like every card, and the rules that only
describe how the Phase-2 cards were generated (label sets taken from the real instruction
templates, descriptions ending in a "Data:" sentence) apply to the record's instances and tasks
alone.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tool_modules import load_tool

from dsuperb.cards import Catalogue, read_card
from dsuperb.cli import main
from dsuperb.infra.schemas import load_schema
from dsuperb.taxonomy import load_taxonomy
from dsuperb.vocab import metrics as registry
from dsuperb.vocab.suites import PHASE2

REPO = Path(__file__).resolve().parents[1]  # the checkout under test (also a copy of it)
RECORD = REPO / "reference" / "phase2_instances.tsv"
ALLOWED_WARNINGS = {"card.unpinned", "card.license-unknown", "card.hub-name", "card.instance-name",
                    "card.shared-revision"}
# Record rows that are another row's repository under its earlier name (reference/README.md, known errors).
MERGED = {"PitchClassification_Nsynth"}
FULL_COMMIT = re.compile(r"[0-9a-f]{40}")


@pytest.fixture(scope="module")
def record() -> list[dict]:
    if not RECORD.is_file():
        pytest.fail(f"the Phase-2 reference table is missing: expected {RECORD}; the catalogue test "
                    "cannot run without it")
    with open(RECORD, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows, f"{RECORD} holds no rows"
    return rows


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(REPO / "tasks")


@pytest.fixture(scope="module")
def by_hub_path(catalogue) -> dict[str, tuple]:
    """hf_path or earlier hub path (alias) -> (Instance spec, the instance's raw card entry); unique
    among the Phase-2 cards (SAKURA's single- and multi-hop instances read one repository)."""
    out = {}
    for card in (card for card in catalogue.cards if card.task.suite == PHASE2):
        for spec, raw in zip(card.task.instances, card.data["instances"], strict=True):
            for path in spec.hub_paths:
                assert path not in out, f"{path} is the hub path of two instances"
                out[path] = (spec, raw)
    return out


@pytest.fixture(scope="module")
def phase2_instances(record, catalogue) -> list:
    """The catalogue's instances that the record holds (by hub path)."""
    recorded = {row["hf_path"] for row in record}
    return [inst for inst in catalogue.instances() if inst.hf_path in recorded]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def expected_revision(recorded: str) -> str | None:
    """A full commit where the record gives one (a remark may follow it); None otherwise."""
    token = recorded.split(" ", 1)[0]
    return token if FULL_COMMIT.fullmatch(token) else None


# --- the record


def test_every_row_is_one_instance_with_its_hub_path_and_revision(record, by_hub_path):
    for row in record:
        assert row["hf_path"] in by_hub_path, f"{row['instance']}: no instance points at {row['hf_path']}"
        spec, raw = by_hub_path[row["hf_path"]]
        if row["instance"] in MERGED:  # its facts are those of the row under the current name
            continue
        assert spec.name in {row["instance"], row["hf_path"].split("/", 1)[1],
                             spec.hf_path.split("/", 1)[1]}, spec.name
        assert spec.revision == expected_revision(row["revision"]), spec.name
        if row["revision"] and spec.revision != row["revision"]:
            # a value that is not simply a full commit is kept in the note, never dropped silently
            assert row["revision"] in raw.get("note", ""), f"{spec.name}: the record's revision is lost"


def test_types_follow_the_organisers_metric(record, by_hub_path):
    for row in record:
        spec, _ = by_hub_path[row["hf_path"]]
        if row["instance"] in MERGED:
            continue
        info = registry.get(spec.metric) if spec.metric else None
        if spec.type == registry.AUDIO_GENERATION:
            assert spec.metric is None, spec.name
        else:
            assert info is not None and info.fits(spec.type), f"{spec.name}: {spec.metric} on {spec.type}"
        if row["metric"]:
            assert (spec.metric, spec.metric_source) == (row["metric"], "recorded"), spec.name
            if row["metric"] == "llm_classification":
                assert spec.type == registry.CLASSIFICATION, spec.name
        else:
            assert spec.metric_source == ("chosen" if spec.metric else None), spec.name
        if row["type"] and row["type"] != spec.type:
            assert spec.curator_type == row["type"], f"{spec.name}: the curators' type is not kept"
        else:
            assert spec.curator_type is None, spec.name


def test_input_and_label_columns(catalogue):
    columns = {inst.name: inst.audio_columns for inst in catalogue.instances()}
    assert columns["SuperbSV_VoxCeleb1-Test"] == ("enrollment", "testing")
    assert columns["SuperbQbE_Quesst14-Eval"] == ("query", "doc")
    assert columns["NBestCorrection_LibriSpeech-TestOther"] == ()
    assert columns["PronunciationSimilarity_VoxAngeles"] == ("audio", "audio2", "audio3")
    assert all(len(columns[name]) == 2 for name in columns if name.startswith("SpeakerVerification_"))
    assert catalogue.instance("DialogueActClassification_SLUE-HVB").label_columns[:2] == ("label", "label2")


def test_label_sets_come_from_the_instruction_templates(phase2_instances):
    templates = REPO / "reference" / "real_instruction_templates.jsonl.gz"
    options = {}
    for line in gzip.decompress(templates.read_bytes()).decode("utf-8").splitlines():
        item = json.loads(line)
        if item.get("options"):
            options.setdefault(item["instance"], set()).update(item["options"])
    with_labels = [inst for inst in phase2_instances if inst.label_set]
    assert with_labels
    for inst in with_labels:
        assert inst.name in options, f"{inst.name}: a label set without evidence"
        assert set(inst.label_set) == options[inst.name], inst.name


def test_task_names_are_clean_and_descriptions_plain(catalogue, phase2_instances):
    phase2_tasks = {inst.task for inst in phase2_instances}
    assert len(phase2_tasks) >= 140
    for task in catalogue.tasks:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", task.name), task.name
        assert task.keywords, task.name
        if task.name in phase2_tasks:  # how the generator wrote the Phase-2 cards
            assert task.description.startswith(("The model", "From the", "A search task")), task.name
            assert "Data:" in task.description, task.name


def test_validate_reports_no_errors_and_only_expected_warnings():
    result = run("validate", "--tasks-dir", str(REPO / "tasks"), "--format", "json")
    report = json.loads(result.output)
    assert report["totals"]["error"] == 0, [f for f in report["findings"] if f["severity"] == "error"][:3]
    assert {f["rule"] for f in report["findings"]} <= ALLOWED_WARNINGS
    assert result.exit_code == 0


# --- the taxonomy


def test_schema_category_enum_mirrors_the_taxonomy():
    taxonomy = load_taxonomy()
    enum = load_schema("task")["$defs"]["category"]["enum"]
    assert enum == list(taxonomy.categories)
    assert set(taxonomy.domains) == set(load_schema("task")["$defs"]["domain"]["enum"])
    assert all(len(c.definition) > 20 and c.title for c in taxonomy.categories.values())
    for domain in taxonomy.domains:
        assert taxonomy.under(domain), f"domain {domain} has no category"


def test_every_task_has_a_category_of_one_of_its_domains(catalogue):
    taxonomy = load_taxonomy()
    used = set()
    for task in catalogue.tasks:
        assert task.category in taxonomy.categories, f"{task.name}: {task.category!r}"
        assert taxonomy.domain_of(task.category) in task.domains, task.name
        used.add(task.category)
    assert used == set(taxonomy.categories), f"categories without tasks: {set(taxonomy.categories) - used}"


# --- listing


def listed(*args: str) -> list[dict]:
    result = run("list", "--tasks-dir", str(REPO / "tasks"), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_list_shows_every_task(catalogue):
    assert {row["task"] for row in listed()} == {path.name for path in (REPO / "tasks").iterdir()
                                                 if (path / "task.yaml").is_file()}


@pytest.mark.parametrize("domain,task_type", [("music", "regression"), ("audio", "regression"),
                                              ("speech", "sequence_generation"), ("music", "classification")])
def test_list_filters_give_sensible_answers(catalogue, domain, task_type):
    rows = listed("--domain", domain, "--type", task_type)
    assert rows, f"no {domain} task of type {task_type}"
    for row in rows:
        task = catalogue.task(row["task"])
        assert domain in task.domains
        assert task_type in {task.type} | {inst.type for inst in task.instances}
    wanted = {t.name for t in catalogue.tasks if domain in t.domains
              and task_type in {t.type} | {i.type for i in t.instances}}
    assert {row["task"] for row in rows} == wanted


def test_list_keeps_a_task_when_eval_with_the_same_filters_would_run_an_instance_of_it(tmp_path):
    """Filters hold per instance, as eval selects: a task whose regression instance is scored with
    one metric and whose classification instance with another has no regression instance scored
    with the second, so `list --type regression --metric <second>` leaves it out."""
    from card_text import card_head
    from task_folders import write_task_folder

    from dsuperb.selection import Filters, select_instances

    instances = ("instances:\n"
                 "  - {name: Mixed_Labels, hf_path: org/Mixed_Labels, revision: null}\n"
                 "  - {name: Mixed_Ages, hf_path: org/Mixed_Ages, revision: null, type: regression,\n"
                 "     metric: pearson_correlation_coefficient}\n")
    write_task_folder(tmp_path / "Mixed", card_head("Mixed") + instances)

    def names(*args: str) -> list[str]:
        result = run("list", "--tasks-dir", str(tmp_path), "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [row["task"] for row in json.loads(result.output)]

    assert names("--type", "regression") == ["Mixed"]
    assert names("--type", "regression", "--metric", "pearson_correlation_coefficient") == ["Mixed"]
    assert names("--type", "regression", "--metric", "llm_classification") == []
    assert select_instances(["Mixed"], tmp_path, Filters(task_type="regression",
                                                         metric="llm_classification")) == []


def test_audio_generation_tasks_have_no_metric():
    rows = listed("--type", "audio_generation")
    assert len(rows) >= 5 and all(row["metric"] is None for row in rows)


# --- generated docs


def test_docs_are_up_to_date():
    """docs/TASKS.md, docs/taxonomy.md and every task's README agree with the cards (`dsuperb docs`
    regenerates them; the pre-commit hook does it on every commit that changes a card)."""
    result = run("docs", "--check", "--tasks-dir", str(REPO / "tasks"), "--docs-dir", str(REPO / "docs"))
    assert result.exit_code == 0, result.output


def test_docs_check_fails_after_a_card_changes_and_docs_repairs_it(tmp_path):
    tasks, docs = tmp_path / "tasks", tmp_path / "docs"
    shutil.copytree(REPO / "tasks", tasks)
    docs.mkdir()
    assert run("docs", "--tasks-dir", str(tasks), "--docs-dir", str(docs)).exit_code == 0
    assert run("docs", "--check", "--tasks-dir", str(tasks), "--docs-dir", str(docs)).exit_code == 0

    card = tasks / "SpeakerVerification" / "task.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("category: speaker", "category: paralinguistics"), encoding="utf-8")
    stale = run("docs", "--check", "--tasks-dir", str(tasks), "--docs-dir", str(docs))
    assert stale.exit_code == 1 and "TASKS.md" in stale.output

    assert run("docs", "--tasks-dir", str(tasks), "--docs-dir", str(docs)).exit_code == 0
    assert run("docs", "--check", "--tasks-dir", str(tasks), "--docs-dir", str(docs)).exit_code == 0
    page = (docs / "TASKS.md").read_text(encoding="utf-8")
    section = page.split("### Paralinguistics", 1)[1].split("###", 1)[0]
    assert "[SpeakerVerification]" in section


def test_docs_list_every_task_and_category(catalogue):
    tasks_page = (REPO / "docs" / "TASKS.md").read_text(encoding="utf-8")
    taxonomy_page = (REPO / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    for task in catalogue.tasks:
        assert f"[{task.name}](../tasks/{task.name}/task.yaml)" in tasks_page
    for category in load_taxonomy().categories.values():
        assert f"`{category.name}`" in taxonomy_page and category.definition in taxonomy_page


@pytest.mark.parametrize("text, problem", [
    ("name: [unclosed\n", "invalid YAML"),
    # parses, but with a bare string for a list: the task it describes would be garbled
    ((REPO / "tasks" / "SpeakerVerification" / "task.yaml").read_text(encoding="utf-8")
     .replace("name: SpeakerVerification", "name: Broken").replace("domains: [speech]", "domains: speech"),
     "wrong type"),
])
def test_docs_refuses_an_unreadable_card(tmp_path, text, problem):
    folder = tmp_path / "tasks" / "Broken"
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["docs", "--check", "--tasks-dir", str(tmp_path / "tasks"),
                                       "--docs-dir", str(tmp_path / "docs")])
    assert result.exit_code == 2 and "Broken" in result.output and "Traceback" not in result.output
    assert problem in result.output


# --- the generator


def test_builder_keeps_what_the_record_gives(record, tmp_path):
    builder = load_tool("build_catalogue")
    commit = "9d2e04be40ee9d3dd268f937066299d0804c3ceb"
    assert builder.pin(commit) == (commit, "")
    assert builder.pin(f"{commit} (initial commit)")[0] == commit
    revision, note = builder.pin("d54ebc4")
    assert revision is None and "d54ebc4" in note
    cards = builder.build(RECORD.parent)
    gap = builder.sources.gap_records(RECORD.parent)
    assert sum(len(card["instances"]) for card in cards.values()) == len(record) - len(MERGED) + len(gap)
    text = builder.render(cards["SuperbQbE"])
    assert read_card(_write(tmp_path, "SuperbQbE", text)).task.instances[0].audio_columns == ("query", "doc")


def _write(root: Path, name: str, text: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "task.yaml").write_text(text, encoding="utf-8")
    return folder
