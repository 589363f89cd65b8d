"""A wheel carries the schemas and the catalogue, so `pip install dsuperb` works outside a clone."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from dsuperb.cards import discover

REPO = Path(__file__).resolve().parent.parent


def test_wheel_holds_schemas_and_every_card(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("dsuperb-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    schemas = {p.name for p in (REPO / "schemas").glob("*.json")}
    assert {f"dsuperb/schemas/{name}" for name in schemas} <= names
    cards = {f"dsuperb/tasks/{folder.name}/task.yaml" for folder in discover(REPO / "tasks")}
    assert cards and cards <= names
    # the installed copy finds them where the clone's paths do not exist
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    probe = ("import dsuperb.paths as p, dsuperb.infra.schemas as s; "
             "print(s.schemas_dir()); print(p.default_tasks_dir())")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target)},
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(target / "dsuperb" / "schemas"), str(target / "dsuperb" / "tasks")]
