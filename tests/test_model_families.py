"""Every audio model family transformers ships, as a tiny checkpoint laid out as the family
publishes it, through `dsuperb eval` on the demo suite (tools/model_matrix.py: batch 1,
`--control silence`, batch 4): the families that load here answer every sample, the others stop at
load with one line naming the package and the extra, and docs/models.md says exactly that.

The matrix is computed once per session (under a minute on two cores) from checkpoints built once
(the `tiny_family` fixture); each test below reads its part of it."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from tiny_families import BUILDERS, tiny_family  # noqa: F401
from tool_modules import load_tool

from dsuperb.cli import main
from dsuperb.models.needs import FAMILY_NEEDS, PACKAGES, installed

matrix = load_tool("model_matrix")

# what the family needs beyond the `models` extra, as the tiny checkpoints show it
NEEDS_HERE = {"gemma3n": "timm", "granite_speech": "torchaudio", "granite_speech_plus": "torchaudio",
              "fun_asr_nano": "torchaudio"}


@pytest.fixture(scope="session")
def rows(tiny_family, tmp_path_factory) -> dict:  # noqa: F811
    work = tmp_path_factory.mktemp("matrix")
    return {name: matrix.check_family(name, work, folder=tiny_family(name)) for name in BUILDERS}


def runs_here(name: str) -> bool:
    return all(installed(package) for package in FAMILY_NEEDS.get(name, (None, ()))[1])


@pytest.mark.parametrize("name", [name for name in BUILDERS if name not in NEEDS_HERE])
def test_every_family_that_loads_here_answers_every_demo_sample(rows, name):
    row = rows[name]
    assert row.works == "yes (12 samples)", row.works
    assert row.audio.startswith("yes"), row.audio
    assert row.batch == "yes", row.batch  # batch 4 answers equal batch 1 answers


@pytest.mark.parametrize("name", sorted(NEEDS_HERE))
def test_a_family_needing_a_missing_package_stops_at_load_with_one_line(rows, tiny_family, tmp_path, name):  # noqa: F811
    package = NEEDS_HERE[name]
    if runs_here(rows[name].model_type):  # a machine with the package: the family must run instead
        assert rows[name].works.startswith("yes"), rows[name].works
        return
    demo = matrix.DEMO
    folder = tiny_family(name)
    result = CliRunner().invoke(main, ["eval", "--model", str(folder), "--output-dir", str(tmp_path),
                                       "--tasks", str(demo / "tasks"), "--data-dir", str(demo / "data"),
                                       "--device", "cpu"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert f"needs {package}" in lines[0] and "dsuperb[omni]" in lines[0]
    assert not any(tmp_path.iterdir())  # stopped before a run folder was made


def test_docs_models_md_holds_the_matrix_of_every_family(rows):
    documented = {row.family: row for row in matrix.parse(matrix.DOC.read_text(encoding="utf-8"))}
    assert list(documented) == list(BUILDERS)
    for name, row in rows.items():
        depends = [p for p in PACKAGES if PACKAGES[p][0] in row.needs and PACKAGES[p][1] == "omni"]
        if any(installed(p) for p in depends):
            continue  # the document shows a machine without the omni extra; this one has part of it
        assert documented[name].verdicts() == row.verdicts(), f"docs/models.md is stale for {name}: run " \
                                                                "python tools/model_matrix.py"


def test_the_matrix_tells_failures_and_deaf_models_apart():
    single = {("A", "1"): ("x", None), ("A", "2"): ("y", None)}
    assert matrix.batch_verdict(single, dict(single)) == "yes"
    changed = {("A", "1"): ("x", None), ("A", "2"): ("z", None)}
    assert matrix.batch_verdict(single, changed) == "no (1/2 equal)"
    row = matrix.Row("f", "f", "a", "-", "in the prompt", "yes (2 samples)", "yes", "no (1/2 equal)")
    assert matrix.parse(matrix.render([row])) == [row]
    assert re.search(r"\(\d+/\d+ equal\)", row.cells()[-1]) and row.verdicts()[-1] == "no"
