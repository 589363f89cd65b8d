"""The light core stays light: help, list, validate (all cards or one) and report import none of
torch, transformers or datasets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LEGACY = REPO / "tests" / "data" / "legacy_run_v0_1"

PROBE = """
import sys
from click.testing import CliRunner
from dsuperb.cli import main
result = CliRunner().invoke(main, {args!r})
heavy = sorted(m for m in ("torch", "transformers", "datasets") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
print("EXIT=" + str(result.exit_code))
"""


@pytest.mark.parametrize("args", [
    ["--help"], ["validate", "--help"], ["list"], ["validate"],
    ["validate", str(REPO / "tasks" / "AAVESpeechRecognition" / "task.yaml")],
    ["report", str(LEGACY / "random"), "--tasks-dir", str(LEGACY / "tasks"), "--bootstrap", "20"],
])
def test_commands_do_not_import_model_backends(args):
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True,
                         check=True).stdout
    assert "HEAVY=\n" in out, out
    assert "EXIT=0" in out, out


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "dsuperb.cli", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert "validate" in out and "list" in out and "info" in out
