"""`dsuperb pin` against a local server standing in for the hub: unpinned instances get the head
commit written into the card in place (comments, order and layout kept), pinned ones are checked,
and an unknown repository, a revision the repository lacks, an offline hub and a hub that stops
answering are each one clear line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from card_text import card_head
from click.testing import CliRunner
from contributor_steps import shell_commands
from hub_stand_in import HubStandIn

from dsuperb.cardedit import set_revisions
from dsuperb.cli import main
from dsuperb.errors import CardError

REPO = Path(__file__).resolve().parents[1]

HEAD = "1111111111111111111111111111111111111111"
OLDER = "2222222222222222222222222222222222222222"
OTHER = "3333333333333333333333333333333333333333"
MISSING = "4444444444444444444444444444444444444444"

INSTANCES = """\
instances:
  - name: {name}_A
    hf_path: org/{name}_A
    revision: null   # to be pinned
    note: first
  - revision: {second}
    name: {name}_B
    hf_path: org/{name}_B
"""


def write_card(root: Path, name: str, second: str = "null") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "task.yaml"
    text = "# A hand-written comment that must survive.\n" + card_head(name) + INSTANCES
    path.write_text(text.format(name=name, second=second), encoding="utf-8")
    return path


@pytest.fixture
def online(monkeypatch):
    """The hub reachable for this test only: HF_HUB_OFFLINE unset (conftest sets it for every test)."""
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)  # huggingface_hub reads it too
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)

    def at(hub: HubStandIn) -> None:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)

    return at


def run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# --- editing a card in place


def test_set_revisions_changes_only_the_revision_lines(tmp_path):
    path = write_card(tmp_path, "Task")
    before = path.read_text(encoding="utf-8").splitlines()
    set_revisions(path, {0: HEAD, 1: OLDER})
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [("    revision: null   # to be pinned", f'    revision: "{HEAD}"   # to be pinned'),
                       ("  - revision: null", f'  - revision: "{OLDER}"')]


def test_set_revisions_keeps_windows_line_endings(tmp_path):
    path = write_card(tmp_path, "Task")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    set_revisions(path, {0: HEAD})
    raw = path.read_bytes()
    assert f'revision: "{HEAD}"   # to be pinned\r\n'.encode() in raw
    assert raw.count(b"\r\n") == raw.count(b"\n")


def test_set_revisions_refuses_what_it_cannot_edit_in_place(tmp_path):
    path = write_card(tmp_path, "Task")
    text = path.read_text(encoding="utf-8").replace(
        "  - revision: null\n    name: Task_B\n    hf_path: org/Task_B\n",
        "  - {revision: null, name: Task_B, hf_path: org/Task_B}\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CardError, match=r"task.yaml:15: the revision is not written as `revision: VALUE`"):
        set_revisions(path, {1: HEAD})
    assert path.read_text(encoding="utf-8") == text  # nothing half-written


def test_set_revisions_that_cannot_write_the_card_says_so_in_one_line(tmp_path, monkeypatch):
    """A card in a folder the user cannot write (a read-only checkout, an installed copy): a CardError
    naming the card, not an OSError's traceback, and no temporary file left in the task folder."""
    import dsuperb.infra.jsonfiles as jsonfiles

    path = write_card(tmp_path, "Task")
    original = path.read_text(encoding="utf-8")

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jsonfiles.os, "replace", refuse)
    with pytest.raises(CardError, match=r"task\.yaml: cannot write the card \(Permission denied\)"):
        set_revisions(path, {0: HEAD})
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["task.yaml"]


# --- pinning against the stand-in


def test_pin_writes_the_head_commit_and_checks_pinned_ones(tmp_path, online):
    tasks = tmp_path / "tasks"
    path = write_card(tasks, "Task", second=f'"{OLDER}"')
    original = path.read_text(encoding="utf-8")
    with HubStandIn({"org/Task_A": [HEAD], "org/Task_B": [HEAD, OLDER]}) as hub:
        online(hub)
        code, output = run("pin", "--tasks-dir", tasks)
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0].endswith(f"Task_A: pinned: pinned to {HEAD[:12]}, the head of main in org/Task_A")
    assert lines[0].startswith(f"{path}:13:") or lines[0].startswith("tasks/Task/task.yaml:13")
    assert lines[1].endswith(f"Task_B: exists: {OLDER[:12]} exists in org/Task_B")
    assert lines[-1] == "pinned 1, 1 pinned commit(s) exist, 0 problem(s)"
    assert path.read_text(encoding="utf-8") == original.replace(
        "revision: null   # to be pinned", f'revision: "{HEAD}"   # to be pinned')
    assert f"/api/datasets/org/Task_B/revision/{OLDER}" in hub.dataset_requests


def test_pin_reports_an_unknown_repository_and_a_missing_revision(tmp_path, online):
    tasks = tmp_path / "tasks"
    path = write_card(tasks, "Task", second=f'"{MISSING}"')
    original = path.read_text(encoding="utf-8")
    with HubStandIn({"org/Task_B": [HEAD]}) as hub:
        online(hub)
        code, output = run("pin", "--tasks-dir", tasks)
    assert code == 1
    problems = [line for line in output.splitlines() if ": problem: " in line]
    assert len(problems) == 2
    assert problems[0].endswith("Task_A: problem: no hub dataset at org/Task_A (or it is private, and the "
                                "token lacks access)")
    assert f"Task_B: problem: revision {MISSING} does not exist in hub dataset org/Task_B; set " \
           "`revision: null` and run `dsuperb pin` again" in problems[1]
    assert output.splitlines()[-1] == "pinned 0, 0 pinned commit(s) exist, 2 problem(s)"
    assert path.read_text(encoding="utf-8") == original


def test_pin_tries_the_earlier_hub_path_after_the_current_one(tmp_path, online):
    tasks = tmp_path / "tasks"
    path = write_card(tasks, "Task", second=f'"{HEAD}"')
    text = path.read_text(encoding="utf-8").replace(
        "    hf_path: org/Task_A\n", "    hf_path: org/Task_A\n    aliases: [org/Old_Task_A]\n")
    path.write_text(text, encoding="utf-8")
    with HubStandIn({"org/Old_Task_A": [OTHER], "org/Task_B": [HEAD]}) as hub:
        online(hub)
        code, output = run("pin", "--tasks-dir", tasks, "Task_A")  # an instance name: only that one
    assert code == 0, output
    assert hub.dataset_requests == ["/api/datasets/org/Task_A", "/api/datasets/org/Old_Task_A"]
    assert f"pinned to {OTHER[:12]}, the head of main in org/Old_Task_A (found at its earlier path " \
           "org/Old_Task_A)" in output
    assert f'revision: "{OTHER}"   # to be pinned' in path.read_text(encoding="utf-8")


def test_pin_dry_run_writes_nothing_and_json_lists_each_instance(tmp_path, online):
    tasks = tmp_path / "tasks"
    path = write_card(tasks, "Task")
    original = path.read_text(encoding="utf-8")
    with HubStandIn({"org/Task_A": [HEAD], "org/Task_B": [OTHER]}) as hub:
        online(hub)
        code, output = run("pin", "--tasks-dir", tasks, "--dry-run", "--format", "json")
    assert code == 0
    report = json.loads(output)
    assert report["counts"] == {"pinned": 2, "exists": 0, "problem": 0} and report["dry_run"]
    assert [(i["instance"], i["revision"]) for i in report["instances"]] == [("Task_A", HEAD),
                                                                                 ("Task_B", OTHER)]
    assert path.read_text(encoding="utf-8") == original


def test_pin_keeps_what_was_pinned_when_the_hub_stops_answering(tmp_path, online):
    tasks = tmp_path / "tasks"
    first, second = write_card(tasks, "Alpha"), write_card(tasks, "Beta")
    untouched = second.read_text(encoding="utf-8")
    with HubStandIn({"org/Alpha_A": [HEAD], "org/Alpha_B": [OTHER], "org/Beta_A": [HEAD]},
                    drop=("org/Beta_A",)) as hub:
        online(hub)
        code, output = run("pin", "--tasks-dir", tasks)
    assert code == 2
    error = output.strip().splitlines()[-1]
    assert error.startswith("error: the hub could not be reached for org/Beta_A (")
    assert error.endswith("cards pinned so far are written")
    assert f'revision: "{HEAD}"' in first.read_text(encoding="utf-8")
    assert f'revision: "{OTHER}"' in first.read_text(encoding="utf-8")
    assert second.read_text(encoding="utf-8") == untouched


def test_pin_refuses_to_run_offline_and_names_unknown_tasks(tmp_path):
    tasks = tmp_path / "tasks"
    write_card(tasks, "Task")
    code, output = run("pin", "--tasks-dir", tasks)  # conftest: HF_HUB_OFFLINE=1
    assert code == 2 and output.strip() == ("error: dsuperb pin needs the hub, but HF_HUB_OFFLINE (or "
                                            "TRANSFORMERS_OFFLINE) is set: "
                                            "unset it to pin or check revisions")
    code, output = run("pin", "--tasks-dir", tasks, "Tsak")
    assert code == 2
    # the one lookup `info`, `stats` and `eval` use: it names the catalogue searched and close names
    assert output.strip() == (f"error: no task or instance named 'Tsak' in the tasks folder {tasks}; did "
                              "you mean Task, Task_B, Task_A? see `dsuperb list`, or give the path of a "
                              "task folder")


def test_pin_command_reads_hf_endpoint_from_the_environment(tmp_path):
    """The command as a user runs it: a fresh process, HF_ENDPOINT set, the offline switches unset
    (CI sets HF_HUB_OFFLINE, HF_DATASETS_OFFLINE and TRANSFORMERS_OFFLINE; huggingface_hub reads
    the first and the last)."""
    tasks = tmp_path / "tasks"
    path = write_card(tasks, "Task")
    offline = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE")
    env = {key: value for key, value in os.environ.items() if key not in offline}
    with HubStandIn({"org/Task_A": [HEAD], "org/Task_B": [OLDER, HEAD]}) as hub:
        env["HF_ENDPOINT"] = hub.url
        done = subprocess.run([sys.executable, "-m", "dsuperb", "pin", "--tasks-dir", str(tasks)],
                              env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "pinned 2, 0 pinned commit(s) exist, 0 problem(s)"
    text = path.read_text(encoding="utf-8")
    assert f'revision: "{HEAD}"   # to be pinned' in text and f'  - revision: "{OLDER}"' in text
    assert text.startswith("# A hand-written comment that must survive.\n")


# --- where pin looks, and what it refuses


def pin_in(cwd: Path, *args: str, hub: HubStandIn | None = None) -> subprocess.CompletedProcess:
    """`dsuperb pin ARGS` as a user runs it from `cwd` (online at `hub` when given, else offline)."""
    offline = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE", "DSUPERB_TASKS_DIR")
    env = {key: value for key, value in os.environ.items() if key not in offline}
    env.update({"HF_ENDPOINT": hub.url} if hub else {"HF_HUB_OFFLINE": "1"})
    return subprocess.run([sys.executable, "-m", "dsuperb", "pin", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [[], ["SpeakerVerification"]])
def test_pin_outside_a_repository_refuses_to_write_into_the_installed_catalogue(tmp_path, args):
    """Outside a dsuperb repository the only catalogue is the installed one (site-packages, or the
    clone a development install links to): pinning must not write there, and says so in one line."""
    done = pin_in(tmp_path, *args)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("error: `dsuperb pin` writes into a dsuperb repository, and there is none "
                               f"from {tmp_path} upward")
    assert "Traceback" not in done.stderr
    # a dry run only reads: it may use the installed catalogue (and then needs the hub, here offline)
    done = pin_in(tmp_path, "--dry-run", *args)
    assert done.returncode == 2 and "dsuperb pin needs the hub" in done.stderr, done.stderr


def test_pin_pins_a_task_folder_given_as_a_path_outside_any_repository(tmp_path):
    """A plain folder, no git and no dsuperb repository around it: a task folder, or a folder of task
    folders, given as a path is pinned where it is."""
    first, second = write_card(tmp_path / "mine", "Alpha"), write_card(tmp_path / "mine", "Beta")
    repos = {"org/Alpha_A": [HEAD], "org/Alpha_B": [OTHER], "org/Beta_A": [HEAD], "org/Beta_B": [OTHER]}
    with HubStandIn(repos) as hub:
        one = pin_in(tmp_path, "mine/Alpha", hub=hub)
        both = pin_in(tmp_path, "mine", hub=hub)
    assert one.returncode == 0, one.stderr
    assert one.stdout.splitlines()[-1] == "pinned 2, 0 pinned commit(s) exist, 0 problem(s)"
    assert both.returncode == 0, both.stderr
    assert both.stdout.splitlines()[-1] == "pinned 2, 2 pinned commit(s) exist, 0 problem(s)"
    for path in (first, second):
        assert f'revision: "{HEAD}"   # to be pinned' in path.read_text(encoding="utf-8")


def test_pin_says_what_is_wrong_with_a_path_or_a_folder_without_cards(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "loose").mkdir()
    cases = {
        ("no/such/Task",): "error: no/such/Task: no such task folder or card",
        ("loose",): "error: cannot pin loose: loose/task.yaml: error: no task.yaml in task folder loose",
        ("--tasks-dir", "empty"): "error: no task cards to pin in the tasks folder empty",
        ("--tasks-dir", "absent"): "error: Invalid value for '--tasks-dir' (env var: 'DSUPERB_TASKS_DIR'): "
                                   "Directory 'absent' does not exist.",
    }
    for args, expected in cases.items():
        done = pin_in(tmp_path, *args)
        assert done.returncode == 2 and done.stderr.strip().startswith(expected), (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""


def test_contributing_pin_commands_pin_the_task_of_the_clone_you_stand_in(tmp_path):
    """CONTRIBUTING's step 6 as written, in a dsuperb repository that is no git repository, run from
    inside the task's folder: the name is found in that repository's tasks/."""
    documented = [line for line in shell_commands((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"))
                  if line.startswith("dsuperb pin ")]
    assert documented == ["dsuperb pin MyTask --dry-run", "dsuperb pin MyTask"]
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "schemas", clone / "schemas")
    path = write_card(clone / "tasks", "MyTask")
    original = path.read_text(encoding="utf-8")
    with HubStandIn({"org/MyTask_A": [HEAD], "org/MyTask_B": [OTHER]}) as hub:
        dry = pin_in(path.parent, *documented[0].split()[2:], hub=hub)
        assert path.read_text(encoding="utf-8") == original
        done = pin_in(path.parent, *documented[1].split()[2:], hub=hub)
    assert dry.returncode == 0 and dry.stdout.splitlines()[-1].startswith("would pin 2,"), dry.stderr
    assert done.returncode == 0 and done.stdout.splitlines()[-1].startswith("pinned 2,"), done.stderr
    assert f'revision: "{HEAD}"   # to be pinned' in path.read_text(encoding="utf-8")
