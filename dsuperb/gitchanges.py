"""Which task folders a change touches, from git: what `dsuperb validate --changed` checks.

A task folder counts as changed when any file under it differs between the merge base of REF and
HEAD (`git diff REF...HEAD`, what a pull request shows), or differs in the working tree: staged,
unstaged or untracked, so a contributor can check edits before committing them. Only folders that
exist now are returned: a deleted task has nothing left to validate, and a renamed task is checked
under its new name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import paths
from .errors import UsageError


def changed_task_folders(base: str, tasks_dir: Path | None = None) -> list[Path]:
    """Task folders under `tasks_dir` touched since `base`; UsageError (clear message) if git cannot say."""
    location = paths.locate_tasks(tasks_dir)
    if location.origin == paths.INSTALLED:  # the installed catalogue has no branch to compare
        raise UsageError(f"--changed compares a clone's tasks with a git ref, and there is no dsuperb "
                         f"repository from {os.getcwd()} upward; run it inside a clone, or pass --tasks-dir")
    root = location.path
    if not root.is_dir():
        raise UsageError(f"no tasks folder at {root}")
    if not base or base.startswith("-"):
        raise UsageError(f"--base must name a git commit, branch or tag; found {base!r}")
    toplevel = Path(_git(root, "rev-parse", "--show-toplevel",
                         problem=f"{root} is not inside a git repository").strip())
    try:
        prefix = root.resolve().relative_to(toplevel.resolve()).as_posix()
    except ValueError as exc:
        raise UsageError(f"tasks folder {root} is outside the git repository {toplevel}") from exc
    _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}",
         problem=f"unknown git ref {base!r} (for a remote branch, fetch it first: git fetch origin)")
    spec = "." if prefix == "." else prefix
    committed = _git(toplevel, "diff", "--no-ext-diff", "--no-renames", "--name-only", "-z",
                     f"{base}...HEAD", "--", spec,
                     problem=f"git cannot compare {base!r} with HEAD (no common history?)")
    uncommitted = _git(toplevel, "diff", "--no-ext-diff", "--no-renames", "--name-only", "-z",
                       "HEAD", "--", spec, problem="git cannot compare the working tree with HEAD")
    untracked = _git(toplevel, "ls-files", "--others", "--exclude-standard", "-z", "--", spec,
                     problem="git cannot list untracked files")
    names = set()
    for changed in (committed + uncommitted + untracked).split("\0"):
        folder = _task_folder(changed, prefix)
        if folder:
            names.add(folder)
    # Deleted folders and the old names of renamed ones no longer exist: nothing to validate there.
    return [root / name for name in sorted(names) if (root / name).is_dir()]


def _task_folder(changed: str, prefix: str) -> str | None:
    """`tasks/Foo/task.yaml` -> `Foo`; None for files outside a task folder."""
    if prefix != ".":
        if not changed.startswith(prefix + "/"):
            return None
        changed = changed[len(prefix) + 1:]
    parts = changed.split("/")
    if len(parts) < 2 or parts[0].startswith((".", "_")):
        return None  # a file directly in tasks/, or a folder `discover` skips
    return parts[0]


def _git(cwd: Path, *args: str, problem: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise UsageError("git is not installed; --changed needs it") from exc
    if done.returncode != 0:
        raise UsageError(problem)
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    """`python -m dsuperb.gitchanges BASE [TASKS_DIR]`: print the changed task folders, one a line."""
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print("usage: python -m dsuperb.gitchanges BASE [TASKS_DIR]", file=sys.stderr)
        return 2
    try:
        folders = changed_task_folders(args[0], Path(args[1]) if len(args) > 1 else None)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for folder in folders:
        print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
