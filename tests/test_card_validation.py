"""Card validation: a good card passes; every kind of broken card gives a precise finding."""

from __future__ import annotations

import json
import textwrap
from hashlib import sha1
from pathlib import Path

import pytest
from click.testing import CliRunner
from task_folders import write_task_folder

from dsuperb.cards import Catalogue, read_card
from dsuperb.cli import main
from dsuperb.validation.cards import validate_cards

GOOD = """\
name: {name}
description: The model hears a clip and says which of two things it is.
domains: [speech]
category: speaker
type: classification
metric: llm_classification
keywords: [example]
license: cc-by-4.0
references: [https://example.org/paper]
label_set: ["yes", "no"]
instances:
  - name: {name}_DatasetA
    hf_path: DynamicSuperb/{name}_DatasetA
    revision: {rev}
"""
REV = "0123456789abcdef0123456789abcdef01234567"


def write_task(root: Path, name: str, text: str | bytes) -> Path:
    """A task folder: the card as given, and a filled README (every task folder needs one)."""
    folder = write_task_folder(root / name, "")
    card = folder / "task.yaml"
    if isinstance(text, bytes):
        card.write_bytes(text)
    else:
        card.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def good(name: str = "GoodTask", rev: str | None = None) -> str:
    # each repository its own commit: two instances pinning one commit is an error
    return GOOD.format(name=name, rev=rev or (REV if name == "GoodTask" else sha1(name.encode()).hexdigest()))


def findings_for(folder: Path, context=()):
    _, findings = validate_cards([folder], context=context)
    return findings


def rules(findings):
    return [(f.severity, f.rule) for f in findings]


def test_good_card_has_no_findings(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good())
    assert findings_for(folder) == []
    task = read_card(folder).task
    assert task.name == "GoodTask"
    assert task.instances[0].revision == REV
    assert task.instances[0].audio_columns == ("audio",)
    assert task.instances[0].metric == "llm_classification"
    assert task.instances[0].label_set == ("yes", "no")


def test_specs_are_frozen(tmp_path):
    task = read_card(write_task(tmp_path, "GoodTask", good())).task
    with pytest.raises(AttributeError):
        task.name = "Other"  # type: ignore[misc]


def test_instance_overrides_take_precedence(tmp_path):
    text = good() + "    type: regression\n    metric: pearson_correlation_coefficient\n"
    text = text.replace('label_set: ["yes", "no"]\n', "")
    folder = write_task(tmp_path, "GoodTask", text)
    instance = read_card(folder).task.instances[0]
    assert (instance.type, instance.metric) == ("regression", "pearson_correlation_coefficient")
    assert findings_for(folder) == []


def test_malformed_yaml_names_the_line(tmp_path):
    text = good("Broken").replace("keywords: [example]", "keywords: [example")
    folder = write_task(tmp_path, "Broken", text)
    [finding] = findings_for(folder)
    assert finding.rule == "card.yaml" and finding.severity == "error"
    assert finding.path.endswith("Broken/task.yaml")
    assert finding.line is not None and finding.line >= 7


@pytest.mark.parametrize("text, found", [("- a\n- b\n", "list"), ("just a string\n", "str"), ("42\n", "int")])
def test_card_that_is_not_a_mapping(tmp_path, text, found):
    [finding] = findings_for(write_task(tmp_path, "Shape", text))
    assert finding.rule == "card.shape"
    assert found in finding.message


def test_wrong_type_names_field_line_expected_and_found(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good().replace("keywords: [example]", "keywords: 7"))
    [finding] = findings_for(folder)
    assert finding.field == "keywords"
    assert finding.line == 7
    assert "expected array" in finding.message and "int 7" in finding.message


def test_unknown_field_is_reported_with_the_allowed_ones(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good() + "colour: blue\n")
    [finding] = findings_for(folder)
    assert finding.rule == "card.schema"
    assert "colour" in finding.message and "description" in finding.message


def test_unknown_instance_field(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good() + "    revison: abc\n")
    [finding] = findings_for(folder)
    assert finding.field == "instances[0].revison" and "revison" in finding.message
    assert finding.line == 15


def test_missing_required_fields(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good().replace("license: cc-by-4.0\n", "").replace(
        "category: speaker\n", ""))
    [finding] = findings_for(folder)
    assert "missing required field(s)" in finding.message
    assert "license" in finding.message and "category" in finding.message


def test_duplicate_keys_are_errors(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good().replace("type: classification\n",
                                                             "type: classification\ntype: regression\n"))
    found = [f for f in findings_for(folder) if f.rule == "card.duplicate-key"]
    assert len(found) == 1 and found[0].field == "type" and found[0].line == 6


@pytest.mark.parametrize("extra, key, line", [
    ("yes: 1\n", "yes", 15), ("1: a\nzz: b\n", "1", 15), ("null: x\n", "null", 15),
    ("    on: true\n", "instances[0].on", 15),
])
def test_keys_yaml_reads_as_booleans_numbers_or_null(tmp_path, extra, key, line):
    findings = findings_for(write_task(tmp_path, "GoodTask", good() + extra))
    assert [(f.rule, f.field, f.line) for f in findings] == [("card.key-type", key, line)]
    assert "quote it" in findings[0].message


def test_python_tags_are_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\n"
    [finding] = findings_for(write_task(tmp_path, "Evil", text))
    assert finding.rule == "card.yaml" and "tag" in finding.message
    assert not marker.exists()


@pytest.mark.parametrize("extra, line, message", [
    ("notes: &loop [*loop]\n", 15, "alias *loop is not allowed"),  # a value containing itself
    ("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"  # ten lines that stand for 10**10 values
     + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 10)), 16, "alias *l0"),
    ("notes: " + "[" * 200_000 + "]" * 200_000 + "\n", 15, "nested more than 32 levels"),  # crashed libyaml
    ("notes:\n" + "- " * 200_000 + "x\n", 16, "nested more than 32 levels"),
])
def test_aliases_and_deep_nesting_are_refused_before_building(tmp_path, extra, line, message):
    [finding] = findings_for(write_task(tmp_path, "GoodTask", good() + extra))
    assert (finding.rule, finding.line) == ("card.yaml", line) and message in finding.message


def test_non_utf8_bytes(tmp_path):
    raw = good().encode().replace(b"example]", b"ex\xffample]")
    [finding] = findings_for(write_task(tmp_path, "GoodTask", raw))
    assert finding.rule == "card.yaml" and "UTF-8" in finding.message and finding.line == 7


def test_empty_file(tmp_path):
    [finding] = findings_for(write_task(tmp_path, "Empty", ""))
    assert "empty" in finding.message


def test_very_large_file(tmp_path):
    text = good() + "notes: " + "x" * 1_200_000 + "\n"
    [finding] = findings_for(write_task(tmp_path, "GoodTask", text))
    assert finding.rule == "card.yaml" and "bytes" in finding.message


def test_folder_without_a_card(tmp_path):
    folder = tmp_path / "NoCard"
    folder.mkdir()
    [finding] = findings_for(folder)
    assert finding.rule == "card.missing" and "NoCard" in finding.message


def test_task_name_must_equal_folder(tmp_path):
    folder = write_task(tmp_path, "OtherName", good())
    found = [f for f in findings_for(folder) if f.rule == "card.folder-name"]
    assert found and found[0].line == 1 and "OtherName" in found[0].message


def test_duplicate_instance_names_across_tasks(tmp_path):
    first = write_task(tmp_path, "GoodTask", good())
    second = write_task(tmp_path, "Second", good("Second").replace("Second_DatasetA", "GoodTask_DatasetA"))
    findings = findings_for(second, context=[first, second])
    dupes = [f for f in findings if f.rule == "card.duplicate-instance"]
    assert len(dupes) == 1 and dupes[0].path.endswith("Second/task.yaml")
    assert "GoodTask" in dupes[0].message and dupes[0].severity == "error"
    # each use, as file:line
    assert "GoodTask/task.yaml:12" in dupes[0].message and "Second/task.yaml:12" in dupes[0].message


def test_a_card_named_twice_is_checked_once(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good(rev="null"))
    cards, findings = validate_cards([folder, folder / "task.yaml"], context=[folder])
    assert len(cards) == 1
    assert rules(findings) == [("warning", "card.unpinned")]  # and no clash with itself


@pytest.mark.parametrize("old, new", [
    ("domains: [speech]", "domains: speech"),  # a bare string must not become a tuple of letters
    ("metric: llm_classification", "metric: [llm_classification]"),
    (f"revision: {REV}", "revision: 1234567890"),  # YAML reads an all-digit value as a number
    ("  - name: GoodTask_DatasetA\n", "  - hf_path_only: true\n"),
])
def test_a_card_with_wrongly_shaped_fields_describes_no_task(tmp_path, old, new):
    text = good()
    assert old in text
    card = read_card(write_task(tmp_path, "GoodTask", text.replace(old, new)))
    assert card.task is None
    assert "GoodTask/task.yaml" in card.problem and "missing or have the wrong type" in card.problem


def test_naming_convention_and_hub_spelling_are_warnings(tmp_path):
    text = good().replace("DynamicSuperb/GoodTask_DatasetA", "DynamicSuperb/GoodTsak_DatasetA")
    text = text.replace("  - name: GoodTask_DatasetA", "  - name: GoodTask-DatasetA")
    found = rules(findings_for(write_task(tmp_path, "GoodTask", text)))
    assert ("warning", "card.instance-name") in found and ("warning", "card.hub-name") in found
    assert all(severity == "warning" for severity, _ in found)


def test_hub_path_and_revision_shapes(tmp_path):
    text = good(rev="abc123").replace("DynamicSuperb/GoodTask_DatasetA", "no-slash")
    findings = findings_for(write_task(tmp_path, "GoodTask", text))
    fields = {f.field for f in findings if f.rule == "card.schema"}
    assert {"instances[0].hf_path", "instances[0].revision"} <= fields


def test_unpinned_revision_warns(tmp_path):
    findings = findings_for(write_task(tmp_path, "GoodTask", good(rev="null")))
    assert rules(findings) == [("warning", "card.unpinned")]


def test_unknown_license_warns(tmp_path):
    findings = findings_for(write_task(tmp_path, "GoodTask", good().replace("cc-by-4.0", "unknown")))
    assert rules(findings) == [("warning", "card.license-unknown")]


def test_metric_must_be_known_and_fit_the_type(tmp_path):
    unknown = findings_for(write_task(tmp_path / "a", "GoodTask", good().replace(
        "metric: llm_classification", "metric: accuracy_of_vibes")))
    assert [f.rule for f in unknown] == ["card.metric-unknown"]
    misfit = findings_for(write_task(tmp_path / "b", "GoodTask", good().replace(
        "metric: llm_classification", "metric: word_error_rate")))
    assert [f.rule for f in misfit] == ["card.metric-type"]
    assert "sequence_generation" in misfit[0].message


def test_audio_generation_needs_no_metric_but_others_do(tmp_path):
    base = good().replace('label_set: ["yes", "no"]\n', "")
    generation = base.replace("type: classification", "type: audio_generation").replace(
        "metric: llm_classification", "metric: null")
    assert findings_for(write_task(tmp_path / "a", "GoodTask", generation)) == []
    missing = base.replace("metric: llm_classification\n", "")
    assert [f.rule for f in findings_for(write_task(tmp_path / "b", "GoodTask", missing))] == [
        "card.metric-missing"]


def test_label_set_consistency(tmp_path):
    text = good() + '    label_set: ["yes", "maybe"]\n'
    findings = findings_for(write_task(tmp_path / "a", "GoodTask", text))
    assert [f.rule for f in findings] == ["card.label-set"] and "maybe" in findings[0].message
    folded = good().replace('["yes", "no"]', '["Yes", "yes"]')
    assert "card.label-set" in [f.rule for f in findings_for(write_task(tmp_path / "b", "GoodTask", folded))]


def test_unquoted_yes_no_labels_get_a_hint(tmp_path):
    text = good().replace('label_set: ["yes", "no"]', "label_set: [yes, no]")
    findings = findings_for(write_task(tmp_path, "GoodTask", text))
    assert {f.field for f in findings} == {"label_set[0]", "label_set[1]"}
    assert all("quote the value" in f.message for f in findings)


def test_placeholders_are_rejected(tmp_path):
    text = good().replace("The model hears a clip and says which of two things it is.",
                          "TODO describe the task for a non-expert reader")
    findings = findings_for(write_task(tmp_path, "GoodTask", text))
    assert [f.rule for f in findings] == ["card.placeholder"] and findings[0].field == "description"


def test_catalogue_lookups(tmp_path):
    write_task(tmp_path, "GoodTask", good())
    write_task(tmp_path, "Second", good("Second"))
    catalogue = Catalogue.load(tmp_path)
    assert [t.name for t in catalogue.tasks] == ["GoodTask", "Second"]
    assert catalogue.instance("Second_DatasetA").task == "Second"
    assert catalogue.task("Missing") is None


# --- the command line -----------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_validate_cli_exit_codes_and_lines(tmp_path):
    write_task(tmp_path, "GoodTask", good(rev="null"))
    ok = run("validate", "--tasks-dir", tmp_path)
    assert ok.exit_code == 0, ok.output
    assert "task.yaml:14: instances[0].revision: warning: unpinned" in ok.output
    assert "1 card(s), 1 instance(s): 0 error(s), 1 warning(s)" in ok.output
    strict = run("validate", "--tasks-dir", tmp_path, "--strict")
    assert strict.exit_code == 1 and "error: unpinned" in strict.output
    write_task(tmp_path, "Bad", "- not a card\n")
    bad = run("validate", "--tasks-dir", tmp_path)
    assert bad.exit_code == 1 and "Bad/task.yaml:1: error: expected a mapping" in bad.output


def test_validate_cli_json_and_single_path(tmp_path):
    folder = write_task(tmp_path, "GoodTask", good().replace("cc-by-4.0", "unknown"))
    write_task(tmp_path, "Broken", "name: [\n")
    result = run("validate", "--format", "json", "--tasks-dir", tmp_path, folder / "task.yaml")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["cards"] == 1 and payload["totals"]["warning"] == 1
    assert payload["findings"][0]["rule"] == "card.license-unknown"


def test_validate_cli_missing_path_is_a_message(tmp_path):
    result = run("validate", tmp_path / "Nope")
    assert result.exit_code == 2 and "no such task folder" in result.output
    assert "Traceback" not in result.output


def test_list_and_info(tmp_path):
    write_task(tmp_path, "GoodTask", good())
    speech = good("Second").replace("domains: [speech]", "domains: [music]")
    write_task(tmp_path, "Second", speech)
    listed = run("list", "--tasks-dir", tmp_path, "--domain", "music")
    assert listed.exit_code == 0 and "Second" in listed.output and "GoodTask" not in listed.output
    as_json = json.loads(run("list", "--tasks-dir", tmp_path, "--format", "json").output)
    assert [row["task"] for row in as_json] == ["GoodTask", "Second"]
    shown = run("info", "GoodTask", "--tasks-dir", tmp_path)
    assert shown.exit_code == 0 and "DynamicSuperb/GoodTask_DatasetA @ 0123456789ab" in shown.output
    by_instance = run("info", "Second_DatasetA", "--tasks-dir", tmp_path)
    assert by_instance.exit_code == 0 and "Second" in by_instance.output
    missing = run("info", "Good", "--tasks-dir", tmp_path)
    assert missing.exit_code == 2 and "did you mean GoodTask" in missing.output


BROKEN = [("Broken", "invalid YAML"), ("Garbled", "wrong type"), ("NoCard", "no task.yaml")]


def test_list_and_info_name_a_broken_card_and_keep_the_good_ones(tmp_path):
    write_task(tmp_path, "GoodTask", good())
    write_task(tmp_path, "Broken", "name: [\n")
    write_task(tmp_path, "Garbled", good("Garbled").replace("domains: [speech]", "domains: speech"))
    (tmp_path / "NoCard").mkdir()
    listed = run("list", "--tasks-dir", tmp_path)
    assert listed.exit_code == 0 and "Traceback" not in listed.output
    assert "GoodTask" in listed.stdout and "1 task(s), 1 instance(s)" in listed.stdout
    notes = sorted(listed.stderr.splitlines())
    assert len(notes) == 3 and all(line.startswith("not listed: ") for line in notes)
    for line, (name, problem) in zip(notes, BROKEN, strict=True):  # each names its file and problem
        assert f"{name}/task.yaml" in line and problem in line
    as_json = run("list", "--tasks-dir", tmp_path, "--format", "json")
    assert [row["task"] for row in json.loads(as_json.stdout)] == ["GoodTask"]
    for name, problem in BROKEN:
        shown = run("info", name, "--tasks-dir", tmp_path)
        assert shown.exit_code == 2 and "Traceback" not in shown.output
        assert f"task {name} cannot be used: its card is broken" in shown.stderr and problem in shown.stderr
        assert f"{name}/task.yaml" in shown.stderr


@pytest.mark.parametrize("command", [["validate"], ["list"], ["info", "GoodTask"]])
def test_a_missing_tasks_folder_is_a_message_not_an_empty_catalogue(tmp_path, command):
    result = run(*command, "--tasks-dir", tmp_path / "taks")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"Directory '{tmp_path / 'taks'}' does not exist" in result.stderr


def test_validate_a_folder_of_tasks_checks_each_task(tmp_path):
    write_task(tmp_path, "GoodTask", good())
    write_task(tmp_path, "Second", good("Second"))
    result = run("validate", "--tasks-dir", tmp_path, tmp_path)
    assert result.exit_code == 0 and "2 card(s), 2 instance(s): 0 error(s)" in result.output


def test_validate_a_card_outside_the_tasks_folder(tmp_path):
    catalogue = tmp_path / "tasks"
    write_task(catalogue, "GoodTask", good())
    elsewhere = write_task(tmp_path / "drafts", "Draft", good("Draft"))
    ok = run("validate", "--tasks-dir", catalogue, elsewhere)
    assert ok.exit_code == 0 and "1 card(s), 1 instance(s): 0 error(s), 0 warning(s)" in ok.output
    text = good("Clash").replace("Clash_DatasetA", "GoodTask_DatasetA")
    clash = write_task(tmp_path / "drafts", "Clash", text)
    bad = run("validate", "--tasks-dir", catalogue, clash / "task.yaml")
    assert bad.exit_code == 1 and "Clash/task.yaml:12: instances[0].name: error: instance name" in bad.output
    assert "tasks/GoodTask/task.yaml:12" in bad.output


@pytest.mark.parametrize("option, value", [("--domain", "musik"), ("--type", "regresion"),
                                           ("--metric", "accuracy_typo"), ("--category", "speakers")])
def test_list_filter_typo_is_an_error_naming_the_choices(tmp_path, option, value):
    write_task(tmp_path, "GoodTask", good())
    result = run("list", "--tasks-dir", tmp_path, option, value)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{option} {value!r} is not one of:" in result.stderr
    assert {"--domain": "speech", "--type": "classification", "--metric": "llm_classification",
            "--category": "speaker"}[option] in result.stderr


def test_info_suggests_a_misspelt_task(tmp_path):
    write_task(tmp_path, "GoodTask", good())
    result = run("info", "GodTask", "--tasks-dir", tmp_path)
    assert result.exit_code == 2 and "did you mean GoodTask?" in result.stderr
