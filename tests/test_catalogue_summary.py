"""`dsuperb list --summary`, the status column of `dsuperb list`, and unconfirmed instances in
`dsuperb eval`: counted and selected from the cards' status, origin, revision and licence fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from task_folders import write_task_folder

from dsuperb.cards import Catalogue
from dsuperb.cli import main
from dsuperb.errors import UsageError
from dsuperb.selection import Filters, select_instances
from dsuperb.vocab.suites import PHASE2

REPO = Path(__file__).resolve().parents[1]  # the checkout under test

HEAD = "description: The model hears a clip and answers a question about it.\nkeywords: [example]\n"
CARDS = {
    "Alpha": HEAD + """name: Alpha
domains: [speech]
category: speaker
type: classification
metric: llm_classification
license: cc-by-4.0
license_source: "https://example.org/licence"
redistribution: allowed
origin: phase1
instances:
  - name: Alpha_One
    hf_path: org/Alpha_One
    revision: "1111111111111111111111111111111111111111"
  - name: Alpha_Two
    hf_path: org/Alpha_Two
    revision: null
    origin: phase2
""",
    "Beta": HEAD + """name: Beta
domains: [music]
category: music_generation
type: audio_generation
metric: null
license: unknown
status: unconfirmed
instances:
  - name: Beta_One
    hf_path: org/Beta_One
    revision: null
""",
    "Gamma": HEAD + """name: Gamma
domains: [audio]
category: audio_analysis
type: regression
metric: pearson_correlation_coefficient
license: other
redistribution: forbidden
instances:
  - name: Gamma_One
    hf_path: org/Gamma_One
    revision: "2222222222222222222222222222222222222222"
  - name: Gamma_Two
    hf_path: org/Gamma_Two
    revision: null
    status: unconfirmed
""",
}


@pytest.fixture
def tasks(tmp_path) -> Path:
    root = tmp_path / "tasks"
    for name, text in CARDS.items():
        write_task_folder(root / name, text)
    return root


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


def test_the_cards_are_valid(tasks):
    result = run("validate", "--tasks-dir", tasks, "--format", "json")
    assert json.loads(result.output)["totals"]["error"] == 0, result.output


def test_summary_counts_status_origin_domains_types_pins_and_licences(tasks):
    result = run("list", "--tasks-dir", tasks, "--summary")
    assert result.exit_code == 0
    assert result.output.splitlines()[:5] == [
        "catalogue  3 tasks, 5 instances",
        "status     3 confirmed, 2 unconfirmed instances (1 tasks wholly unconfirmed)",
        "origin     1 instances from Phase 1 (in 1 tasks), 1 new in Phase 2 (in 1 tasks), 3 not recorded",
        "pinned     2 of 5 instances (40.0%)",
        "licence    known for 2 of 3 tasks (66.7%); redistribution: 1 allowed, 1 forbidden, 1 not recorded",
    ]
    assert "speech  1      2" in result.output and "audio   1      2" in result.output
    assert "audio_generation  1      1" in result.output


def test_summary_as_json_with_a_filter(tasks):
    data = json.loads(run("list", "--tasks-dir", tasks, "--summary", "--format", "json").output)
    assert (data["tasks"], data["instances"], data["confirmed"], data["unconfirmed"]) == (3, 5, 3, 2)
    assert data["origin"] == {"phase1": 1, "phase2": 1, "not recorded": 3}
    assert data["types"]["regression"] == {"tasks": 1, "instances": 2}
    assert data["domains"]["music"] == {"tasks": 1, "instances": 1}
    assert (data["pinned"], data["pinned_share"], data["known_licence_share"]) == (2, 0.4, 0.6667)
    only_speech = json.loads(run("list", "--tasks-dir", tasks, "--summary", "--domain", "speech",
                                 "--format", "json").output)
    assert (only_speech["tasks"], only_speech["instances"], only_speech["pinned"]) == (1, 2, 1)


def test_list_shows_each_tasks_status(tasks):
    rows = json.loads(run("list", "--tasks-dir", tasks, "--format", "json").output)
    assert {row["task"]: row["status"] for row in rows} == {
        "Alpha": "confirmed", "Beta": "unconfirmed", "Gamma": "1 unconfirmed"}


def test_eval_selection_leaves_unconfirmed_instances_out_unless_asked(tasks):
    assert [i.name for i in select_instances((), tasks)] == ["Alpha_One", "Alpha_Two", "Gamma_One"]
    everything = select_instances((), tasks, Filters(include_unconfirmed=True))
    assert [i.name for i in everything] == ["Alpha_One", "Alpha_Two", "Beta_One", "Gamma_One", "Gamma_Two"]
    assert [i.name for i in select_instances(["Gamma"], tasks)] == ["Gamma_One"]
    with pytest.raises(UsageError, match=r"unconfirmed instances \(Beta_One\); add --include-unconfirmed"):
        select_instances(["Beta"], tasks)
    assert select_instances(["Beta"], tasks, Filters(domain="speech")) == []  # the filter, not the status


def test_eval_runs_an_unconfirmed_instance_only_when_asked(tasks, tmp_path):
    out = tmp_path / "runs"
    refused = run("eval", "--model", "random", "--tasks", "Beta", "--tasks-dir", tasks, "--output-dir", out)
    assert refused.exit_code == 2
    assert refused.output.strip() == ("error: the selection holds only unconfirmed instances (Beta_One); add "
                                      "--include-unconfirmed to run them")
    asked = run("eval", "--model", "random", "--tasks", "Gamma", "--tasks-dir", tasks, "--output-dir", out,
                "--include-unconfirmed")
    results = json.loads((out / "random" / "results.json").read_text(encoding="utf-8"))
    assert set(results["instances"]) == {"Gamma_One", "Gamma_Two"}  # no data here: both fail, both tried
    assert asked.exit_code == 1


# --- the shipped catalogue


def test_the_catalogue_summary_matches_the_cards_and_opens_docs_tasks_md():
    root = REPO / "tasks"
    data = json.loads(run("list", "--tasks-dir", root, "--summary", "--suite", PHASE2, "--format",
                          "json").output)
    everything = json.loads(run("list", "--tasks-dir", root, "--summary", "--suite", "all", "--format",
                                "json").output)
    default = json.loads(run("list", "--tasks-dir", root, "--summary", "--format", "json").output)
    assert default == {**data, "other_suites": default["other_suites"]} and default["other_suites"]
    catalogue = Catalogue.load(root)
    assert everything["tasks"] == len(catalogue.tasks) == len([p for p in root.iterdir() if p.is_dir()])
    catalogue = Catalogue([card for card in catalogue.cards if card.task.suite == PHASE2])
    instances = list(catalogue.instances())
    assert data["tasks"] == len(catalogue.tasks) < everything["tasks"]
    assert data["instances"] == len(instances)
    assert data["unconfirmed"] == sum(i.status == "unconfirmed" for i in instances) > 0
    assert data["origin"]["phase1"] == 55 and data["origin"]["not recorded"] == 0
    assert data["known_licence_share"] >= 0.8
    page = (REPO / "docs" / "TASKS.md").read_text(encoding="utf-8")
    numbers = page.index("## The catalogue in numbers")
    assert numbers < page.index("## How this relates to the paper's 180 tasks") < page.index("## Speech")
    assert f"- **catalogue**: {data['tasks']} tasks, {data['instances']} instances" in page
    assert "125 tasks new in Phase 2 plus the 55 instances of Phase 1" in page
