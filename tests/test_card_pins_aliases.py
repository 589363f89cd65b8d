"""Validation of pins shared between repositories and of earlier hub paths (`aliases`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from card_text import card_head
from task_folders import write_task_folder

from dsuperb.validation.cards import validate_cards

COMMIT = "0123456789abcdef0123456789abcdef01234567"
OTHER = "89abcdef0123456789abcdef0123456789abcdef"


def card(name: str, revision: str = COMMIT, extra: str = "", hf_path: str | None = None) -> str:
    return card_head(name) + textwrap.dedent(f"""\
        instances:
          - name: {name}_Data
            hf_path: {hf_path or f"org/{name}_Data"}
            revision: "{revision}"
        """) + extra


def write(root: Path, name: str, text: str) -> Path:
    return write_task_folder(root / name, text)


def findings(folders, context=()):
    return validate_cards(folders, context=context)[1]


def test_two_repositories_pinning_one_commit_is_an_error_on_both(tmp_path):
    first, second = write(tmp_path, "First", card("First")), write(tmp_path, "Second", card("Second"))
    found = findings([first, second])
    assert [(f.severity, f.rule, f.path.split("/")[-2], f.line) for f in found] == [
        ("error", "card.shared-revision", "First", 12), ("error", "card.shared-revision", "Second", 12)]
    assert "pins the same commit as Second_Data (" in found[0].message
    assert "two repositories cannot share a commit" in found[0].message


def test_a_pin_shared_with_a_card_outside_the_checked_ones_is_reported_on_the_checked_one(tmp_path):
    catalogue = write(tmp_path / "tasks", "Known", card("Known"))
    draft = write(tmp_path / "drafts", "Draft", card("Draft"))
    found = findings([draft], context=[catalogue])
    assert [(f.rule, f.path.split("/")[-2]) for f in found] == [("card.shared-revision", "Draft")]
    assert "Known_Data" in found[0].message


def test_a_known_copying_error_is_a_warning_until_settled(tmp_path):
    first = write(tmp_path, "First", card("First", extra="    revision_shared_with: Second_Data\n"))
    second = write(tmp_path, "Second", card("Second", extra="    revision_shared_with: First_Data\n"))
    found = findings([first, second])
    assert [(f.severity, f.rule) for f in found] == [("warning", "card.shared-revision")] * 2
    assert "a copying error known from the record" in found[0].message
    # settled: Second now has its own commit, and First's declaration is stale
    write(tmp_path, "Second", card("Second", revision=OTHER))
    found = findings([first, second])
    assert [(f.severity, f.rule, f.field) for f in found] == [
        ("warning", "card.shared-revision", "instances[0].revision_shared_with")]
    assert "remove revision_shared_with" in found[0].message


def test_the_same_repository_twice_is_not_a_shared_pin(tmp_path):
    first = write(tmp_path, "First", card("First", hf_path="org/Same"))
    second = write(tmp_path, "Second", card("Second", hf_path="org/Same"))
    assert not [f for f in findings([first, second]) if f.rule == "card.shared-revision"]


def test_an_earlier_hub_path_in_use_is_a_warning_naming_the_current_one(tmp_path):
    current = write(tmp_path / "tasks", "Current", card("Current", extra="    aliases: [org/OldName]\n"))
    stale = write(tmp_path / "drafts", "Stale", card("Stale", revision=OTHER, hf_path="org/oldname"))
    found = [f for f in findings([stale], context=[current]) if f.rule != "card.hub-name"]
    assert [(f.severity, f.rule, f.field) for f in found] == [
        ("warning", "card.old-hub-path", "instances[0].hf_path")]
    assert found[0].message.startswith("org/oldname is an earlier hub path of org/Current_Data (instance "
                                       "Current_Data, ")
    assert found[0].message.endswith("use the current path")
    assert not findings([current])  # an alias alone is fine


def test_an_alias_must_differ_from_the_current_path(tmp_path):
    folder = write(tmp_path, "Task", card("Task", extra="    aliases: [org/Task_Data, org/task_data]\n"))
    found = findings([folder])
    assert [(f.severity, f.rule, f.field, f.line) for f in found] == [
        ("error", "card.alias", "instances[0].aliases[0]", 13)]


def test_an_alias_that_is_not_a_hub_path_is_a_schema_error(tmp_path):
    folder = write(tmp_path, "Task", card("Task", extra="    aliases: [no-slash]\n"))
    found = findings([folder])
    assert [(f.rule, f.field) for f in found] == [("card.schema", "instances[0].aliases[0]")]
