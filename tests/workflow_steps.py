"""Runs a GitHub Actions job's shell steps locally, as GitHub would: bash -eo pipefail, step
outputs and outcomes, `if:` conditions, the job summary. Used by the workflow tests and by the
contributor test, which runs CI's own steps on a copy of the repository."""

from __future__ import annotations

import ast
import os
import re
import subprocess
from pathlib import Path

import yaml


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


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
