"""The catalogue held against the rest of reference/: every publicly named instance of the gap
table is a card (weak ones unconfirmed), renamed and Phase-1 hub paths are aliases, the NSynth
duplicate is one task, licences come with their sources, and the Phase-1 instances are marked."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from dsuperb.cards import Catalogue
from dsuperb.cli import main
from dsuperb.vocab.suites import PHASE2

REPO = Path(__file__).resolve().parents[1]  # the checkout under test

REFERENCE = REPO / "reference"
TAG = re.compile(r"^\[([^\]]*)\]")


def read(name: str) -> list[dict]:
    path = REFERENCE / name
    if not path.is_file():
        pytest.fail(f"reference file missing: {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The Phase-2 cards (the sibling benchmarks' are not in reference/)."""
    cards = Catalogue.load(REPO / "tasks").cards
    return Catalogue([card for card in cards if card.task is None or card.task.suite == PHASE2])


@pytest.fixture(scope="module")
def by_path(catalogue) -> dict:
    """Every hub path, current or earlier, -> its instance."""
    return {path: inst for inst in catalogue.instances() for path in inst.hub_paths}


def tag(row: dict) -> str:
    return TAG.match(row["evidence"]).group(1)


def test_every_new_gap_row_is_an_instance_weak_ones_unconfirmed(by_path):
    new = [row for row in read("catalogue_gap.tsv") if not tag(row).startswith(("ALIAS/RENAME", "LEGACY"))]
    assert len(new) == 17
    for row in new:
        instance = by_path.get(row["hf_path"])
        assert instance is not None and instance.hf_path == row["hf_path"], row["instance"]
        weak = any(word in tag(row).lower() for word in ("weak", "name only", "unverified"))
        assert instance.status == ("unconfirmed" if weak else "confirmed"), instance.name
        assert instance.revision == (row["revision_if_known"] or None), instance.name
        if instance.type == "classification":
            assert instance.metric == "llm_classification", instance.name
            assert instance.metric_source == "chosen", instance.name
        assert instance.origin == "phase2"
    strong_or_medium = [row for row in new if re.search(r"\b(strong|medium)\b", tag(row))]
    assert len(strong_or_medium) == 9
    assert all(by_path[row["hf_path"]].confirmed for row in strong_or_medium)


def test_renamed_and_phase1_hub_paths_are_aliases_of_todays_instances(by_path):
    rows = [row for row in read("catalogue_gap.tsv") if tag(row).startswith(("ALIAS/RENAME", "LEGACY"))]
    assert len(rows) == 43
    for row in rows:
        listed = re.search(r"TSV path (\S+)$", tag(row)).group(1)
        instance = by_path[listed]
        if tag(row).startswith("ALIAS/RENAME"):  # the later spelling is current, the record's earlier
            assert (instance.hf_path, instance.aliases[0]) == (row["hf_path"], listed), instance.name
        else:
            assert instance.hf_path == listed and row["hf_path"] in instance.aliases, instance.name
            assert instance.origin == "phase1", instance.name


def test_the_nsynth_pitch_repository_is_one_task_with_its_old_name_as_alias(catalogue):
    assert catalogue.task("PitchClassification") is None
    assert not (REPO / "tasks" / "PitchClassification").exists()
    instance = catalogue.instance("InstrumentPitchClassification_Nsynth")
    assert instance.aliases == ("DynamicSuperb/PitchClassification_Nsynth",)
    assert instance.revision == "4c2f225462f08b9f9aab471b65b49acfd14a339e"


def test_the_phase1_instances_are_marked_and_no_others(catalogue):
    phase1 = {row["instance"] for row in read("phase1_instances.tsv")}
    assert len(phase1) == 55
    marked = {inst.name for inst in catalogue.instances() if inst.origin == "phase1"}
    hub_names = {inst.hf_path.split("/", 1)[1]: inst.name for inst in catalogue.instances()}
    assert marked == {hub_names.get(name, name) for name in phase1}
    assert Counter(inst.origin for inst in catalogue.instances())["phase1"] == 55


def test_licences_come_from_the_licence_table_with_their_sources(catalogue):
    table = {row["task"]: row for row in read("task_licences.tsv")}
    assert set(table) == {task.name for task in catalogue.tasks}
    redistribution = {"yes": "allowed", "conditional": "conditional", "no": "forbidden"}
    for task in catalogue.tasks:
        row = table[task.name]
        assert (task.license, task.license_source) == (row["license"], row["license_source"]), task.name
        assert task.redistribution == redistribution[row["redistribution"]], task.name
        assert task.license_source.startswith("https://"), task.name
    known = [task for task in catalogue.tasks if task.license != "unknown"]
    assert len(known) / len(catalogue.tasks) >= 0.8
    forbidden = {task.name for task in catalogue.tasks if task.redistribution == "forbidden"}
    assert {"SuperbER", "EmotionalVoiceConversion", "SuperbOODAsrSpon"} <= forbidden
    assert all(catalogue.task(name).license_note for name in forbidden)


def test_validate_warns_about_licences_only_where_unknown_and_flags_the_copied_pins(catalogue):
    result = CliRunner().invoke(main, ["validate", "--tasks-dir", str(REPO / "tasks"),
                                       "--format", "json"])
    findings = json.loads(result.output)["findings"]
    unknown = {task.name for task in catalogue.tasks if task.license == "unknown"}
    warned = {f["path"].split("/")[-2] for f in findings if f["rule"] == "card.license-unknown"}
    assert {name for name in warned if catalogue.task(name) is not None} == unknown
    shared = sorted((f["path"].split("/")[-2], f["severity"]) for f in findings
                    if f["rule"] == "card.shared-revision")
    assert shared == [("HEARLanguageIdentification", "warning")] * 2 + [
        ("HEARSpeakerCountIdentification", "warning")] * 2
    pairs = {inst.name: raw.get("revision_shared_with") for card in catalogue.cards
             for inst, raw in zip(card.task.instances, card.data["instances"], strict=True)}
    assert pairs["HEARLanguageIdentification_VoxLingua107Top10-Fold2"] == \
        "HEARLanguageIdentification_VoxLingua107Top10-Fold3"
    assert pairs["HEARSpeakerCountIdentification_LibriCount-Fold5"] == \
        "HEARSpeakerCountIdentification_LibriCount-Fold1"
    assert not [f for f in findings if f["rule"] == "card.old-hub-path"]
