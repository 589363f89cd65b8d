"""The light core stays light: help, validate and list import neither torch nor transformers."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from click.testing import CliRunner
from dsuperb.cli import main
result = CliRunner().invoke(main, {args!r})
heavy = sorted(m for m in ("torch", "transformers", "datasets") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
print("EXIT=" + str(result.exit_code))
"""


@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"], ["list"], ["validate"]])
def test_commands_do_not_import_model_backends(args):
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True,
                         check=True).stdout
    assert "HEAVY=\n" in out, out
    assert "EXIT=0" in out, out


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "dsuperb.cli", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert "validate" in out and "list" in out and "info" in out
