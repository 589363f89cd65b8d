"""A wheel carries the schemas and the catalogue, so `pip install dsuperb` works outside a clone;
installed from a wheel, the commands that write still act on the clone you stand in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dsuperb.cards import discover

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the wheel, the folder it is installed into with pip --target)."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = root.glob("dsuperb-*.whl")
    target = root / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    return wheel, target


def from_wheel(target: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run with the wheel's copy of dsuperb first on the path (not this checkout's)."""
    env = {key: value for key, value in os.environ.items() if key != "DSUPERB_TASKS_DIR"}
    env.update(PYTHONPATH=str(target), HF_HUB_OFFLINE="1")
    return subprocess.run([sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_wheel_holds_schemas_and_every_card(installed, tmp_path):
    wheel, target = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    schemas = {p.name for p in (REPO / "schemas").glob("*.json")}
    assert {f"dsuperb/schemas/{name}" for name in schemas} <= names
    folders = discover(REPO / "tasks")
    cards = {f"dsuperb/tasks/{folder.name}/task.yaml" for folder in folders}
    readmes = {f"dsuperb/tasks/{folder.name}/README.md" for folder in folders}
    assert cards and cards <= names and readmes <= names
    # the installed copy finds them where the clone's paths do not exist
    probe = ("import dsuperb.paths as p, dsuperb.infra.schemas as s; "
             "print(s.schemas_dir()); print(p.tasks_dir_or_default())")
    out = from_wheel(target, "-c", probe, cwd=tmp_path).stdout.split()
    assert out == [str(target / "dsuperb" / "schemas"), str(target / "dsuperb" / "tasks")]


def test_new_from_a_wheel_install_writes_into_the_clone_you_stand_in(installed, tmp_path):
    _, target = installed
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "schemas", clone / "schemas")
    shutil.copy(REPO / "pyproject.toml", clone / "pyproject.toml")
    shutil.copytree(REPO / "tasks" / "SpeakerVerification", clone / "tasks" / "SpeakerVerification")
    where = from_wheel(target, "-c", "import dsuperb; print(dsuperb.__file__)", cwd=clone)
    assert where.stdout.startswith(str(target))  # really the wheel's code

    done = from_wheel(target, "-m", "dsuperb", "new", "FooTask", cwd=clone / "tasks" / "SpeakerVerification")
    assert done.returncode == 0, done.stderr
    assert (clone / "tasks" / "FooTask" / "task.yaml").is_file()
    assert not (target / "dsuperb" / "tasks" / "FooTask").exists()
    listed = from_wheel(target, "-m", "dsuperb", "list", cwd=clone)
    assert "SpeakerVerification" in listed.stdout and "FooTask" in listed.stdout  # the clone's catalogue

    outside = from_wheel(target, "-m", "dsuperb", "new", "BarTask", cwd=tmp_path)
    assert outside.returncode == 2 and "run it inside a clone" in outside.stderr
    assert not (target / "dsuperb" / "tasks" / "BarTask").exists()
