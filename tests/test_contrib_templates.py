"""Issue forms and the pull request template: valid for GitHub, and in step with the schema and the docs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dsuperb.infra.schemas import load_schema

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"
PROPOSAL = TEMPLATES / "task-proposal.yml"
FORMS = [PROPOSAL, TEMPLATES / "bug-report.yml"]


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    # The GitHub schemas ship inside check-jsonschema, so this needs no network.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, files)], capture_output=True, text=True, timeout=120)


def form_fields(path: Path) -> dict[str, dict]:
    return {item["id"]: item for item in yaml.safe_load(path.read_text())["body"] if "id" in item}


def test_issue_forms_follow_githubs_schema():
    done = check_jsonschema("vendor.github-issue-forms", *FORMS)
    assert done.returncode == 0, done.stdout + done.stderr
    done = check_jsonschema("vendor.github-issue-config", TEMPLATES / "config.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def duplicate_ids(path: Path) -> list[str]:
    ids = [item["id"] for item in yaml.safe_load(path.read_text())["body"] if "id" in item]
    return sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("old, new", [
    ("  - type: dropdown\n", "  - type: dropdownn\n"),  # no such field type
    ("name: Task proposal\n", ""),  # a form needs a name
    ("        - sequence_generation\n", "        - 42\n"),  # options are strings
])
def test_a_form_breaking_githubs_schema_is_caught(tmp_path, old, new):
    text = PROPOSAL.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "task-proposal.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", broken).returncode == 1


def test_unique_field_ids(tmp_path):
    for form in FORMS:
        assert duplicate_ids(form) == [], form.name
    broken = tmp_path / "task-proposal.yml"
    broken.write_text(PROPOSAL.read_text().replace("    id: task-type\n", "    id: objective\n"))
    assert duplicate_ids(broken) == ["objective"]


def test_proposal_offers_the_schemas_types_and_domains():
    schema = load_schema("task")
    fields = form_fields(PROPOSAL)
    assert fields["task-type"]["attributes"]["options"] == schema["$defs"]["task_type"]["enum"]
    domains = [option["label"] for option in fields["domains"]["attributes"]["options"]]
    assert domains == schema["$defs"]["domain"]["enum"]


def test_proposal_asks_what_review_needs():
    fields = form_fields(PROPOSAL)
    for field in ("task-name", "objective", "datasets", "instructions", "evaluation", "justification"):
        assert fields[field]["validations"]["required"] is True, field
    promises = [option["label"] for option in fields["checks"]["attributes"]["options"]]
    assert any("redistribution" in p for p in promises) and any("32" in p for p in promises)
    assert all(option.get("required") for option in fields["checks"]["attributes"]["options"])


def test_pull_request_template_carries_the_review_criteria():
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Review criteria", 1)[1].split("\n## ", 1)[0]
    criteria = re.findall(r"^- \*\*(.+?)\*\*", section, re.M)
    assert len(criteria) >= 6
    template = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", template, re.M)
    for criterion in criteria:
        if criterion == "Large enough":
            assert any("32 examples" in box for box in boxes)
        else:
            assert any(box.startswith(f"**{criterion}**") for box in boxes), criterion
    assert "dsuperb validate --data" in template
