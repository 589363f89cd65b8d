"""Every command, given a bad argument of each kind, ends in one line on stderr and exit 2: never a
traceback, whatever layer the mistake is found in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from runner_fixtures import make_suite

from dsuperb.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    return make_suite(tmp_path_factory.mktemp("suite"), rows=6)


@pytest.fixture(scope="module")
def files(tmp_path_factory, suite):
    """A finished run, a predictions file, and files that are not what they claim to be."""
    root = tmp_path_factory.mktemp("files")
    tasks_dir, data_dir = suite
    CliRunner().invoke(main, ["eval", "--model", "random", "--output-dir", str(root / "runs"), "--tasks-dir",
                              str(tasks_dir), "--data-dir", str(data_dir), "--tasks", "ToneOrNoise"])
    (root / "not_json.jsonl").write_bytes(b"\xff\xfe not text")
    (root / "folder").mkdir()
    (root / "runs" / "broken").mkdir()
    (root / "runs" / "broken" / "results.json").write_text("{not json")
    clips = root / "clips"
    clips.mkdir()
    (clips / "a.wav").write_bytes(b"RIFF but not a WAV file")
    (clips / "no_label.csv").write_text("file,instruction\na.wav,Say something.\n")
    (clips / "missing.csv").write_text("file,instruction,label\nb.wav,Say something.,x\n")
    (clips / "broken.csv").write_text("file,instruction,label\na.wav,Say something.,x\n")
    return {"root": root, "run": root / "runs" / "random", "tasks": tasks_dir, "data": data_dir}


def cases(f):
    root, tasks, data, run = f["root"], str(f["tasks"]), str(f["data"]), str(f["run"])
    eval_base = ["eval", "--output-dir", str(root / "out"), "--tasks-dir", tasks, "--data-dir", data]
    clips = Path(root) / "clips"

    def pack(audio_dir, metadata, name):
        out = Path(root) / "packed" / "org" / name
        return ["pack", str(audio_dir), "--metadata", str(clips / metadata), "--out", str(out)]
    return {
        "validate: no such path": ["validate", str(root / "nowhere")],
        "validate: no tasks folder": ["validate", "--tasks-dir", str(root / "nowhere")],
        "validate: paths and --changed": ["validate", "--changed", str(root)],
        "list: unknown domain": ["list", "--domain", "spech"],
        "list: unknown metric": ["list", "--metric", "wer"],
        "list: no tasks folder": ["list", "--tasks-dir", str(root / "nowhere")],
        "info: unknown task": ["info", "NoSuchTask", "--tasks-dir", tasks],
        "docs: no tasks folder": ["docs", "--tasks-dir", str(root / "nowhere"),
                                  "--docs-dir", str(root / "d")],
        "docs: a file where the docs folder goes": ["docs", "--tasks-dir", tasks,
                                                    "--docs-dir", str(root / "not_json.jsonl" / "docs")],
        "new: bad name": ["new", "not a name", "--tasks-dir", str(root / "new")],
        "new: unknown type": ["new", "GoodName", "--type", "clasification", "--tasks-dir", str(root / "new")],
        "stats: unknown instance": ["stats", "NoSuchInstance", "--tasks-dir", tasks, "--data-dir", data],
        "pack: no audio folder": pack(root / "nowhere", "missing.csv", "a"),
        "pack: no label column": pack(clips, "no_label.csv", "b"),
        "pack: missing clip": pack(clips, "missing.csv", "c"),
        "pack: unreadable clip": pack(clips, "broken.csv", "d"),
        "pack: metadata of no known kind": pack(clips, "a.wav", "e"),
        "eval: unknown task": [*eval_base, "--model", "random", "--tasks", "NoSuchTask"],
        "eval: built-in name typo": [*eval_base, "--model", "randum"],
        "eval: bad shard": [*eval_base, "--model", "random", "--shard", "5/2"],
        "eval: bad control": [*eval_base, "--model", "random", "--control", "loud"],
        "eval: bad batch size": [*eval_base, "--model", "random", "--batch-size", "zero"],
        "eval: unknown judge": [*eval_base, "--model", "random", "--judge", "gpt:x"],
        "eval: unknown model option": [*eval_base, "--model", "random", "--model-option", "temprature=0"],
        "eval: missing data dir": [*eval_base[:-1], str(root / "nowhere"), "--model", "random"],
        "eval: unknown category": [*eval_base, "--model", "random", "--category", "noises"],
        "eval: missing model folder": [*eval_base, "--model", "./no/such/folder"],
        "eval: bad module:Class": [*eval_base, "--model", "no_such_module:Model"],
        "eval: output under a file": [*eval_base[:2], str(root / "not_json.jsonl" / "runs"), *eval_base[3:],
                                      "--model", "random"],
        "merge: not shards": ["merge", str(root / "merged"), run],
        "merge: glob matching nothing": ["merge", str(root / "merged"), str(root / "nothing__shard-*")],
        "score: missing file": ["score", str(root / "nowhere.jsonl")],
        "score: unknown judge": ["score", str(root / "nowhere.jsonl"), "--judge", "gpt:x"],
        "score: no tasks folder": ["score", str(root / "not_json.jsonl"), "--tasks-dir",
                                   str(root / "nowhere")],
        "score: unknown metric": ["score", str(root / "nowhere.jsonl"), "--metric", "accuracy"],
        "judge-agreement: missing file": ["judge-agreement", str(root / "a.jsonl"), str(root / "b.jsonl")],
        "report: no such run": ["report", str(root / "nowhere")],
        "report: not a run folder": ["report", str(root / "folder")],
        "report: damaged results": ["report", str(root / "runs" / "broken")],
        "report: unknown baseline": ["report", run, "--baseline", "nobody"],
        "report: unknown option": ["report", run, "--bootstrapp", "10"],
        "pin: unknown task": ["pin", "NoSuchTask", "--tasks-dir", tasks],
        "pin: hub offline": ["pin", "--tasks-dir", tasks],
        "unknown command": ["evl"],
    }


CASE_NAMES = list(cases({"root": Path("/x"), "run": Path("/x"), "tasks": "/x", "data": "/x"}))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_bad_argument_is_one_line_and_no_traceback(files, name):
    argv = cases(files)[name]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2, (name, result.output)
    assert "Traceback" not in result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), (name, result.stderr)


def test_a_file_system_refusal_no_layer_expected_is_one_line(files, monkeypatch):
    """The last net under every command: an OSError (a full disk, a permission) names its file."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/somewhere/tasks")
    monkeypatch.setattr("dsuperb.commands.list_tasks.Catalogue.load", refuse)
    result = CliRunner().invoke(main, ["list", "--tasks-dir", str(files["tasks"])], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: /somewhere/tasks: Permission denied"]


def test_every_command_has_a_bad_argument_case():
    probe = "import json; from dsuperb.cli import COMMANDS; print(json.dumps(list(COMMANDS)))"
    commands = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                         check=True).stdout)
    covered = {name.split(":")[0] for name in CASE_NAMES}
    assert set(commands) <= covered


def test_an_hf_judge_without_torch_is_one_line_in_eval_and_in_score(files, tmp_path):
    """torch made unimportable in a child process: both commands say so in one line."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['torch'] = None\n")
    predictions = tmp_path / "p.jsonl"
    row = {"instance": "ToneOrNoise_SetA", "file": "a", "instruction": "Tone or noise?", "label": "tone",
           "response": "tone", "error": None}
    predictions.write_text(json.dumps(row) + "\n")
    env_path = f"{tmp_path}:{REPO / 'tests'}"
    for argv in (["eval", "--model", "random", "--output-dir", str(tmp_path / "out"), "--tasks-dir",
                  str(files["tasks"]), "--data-dir", str(files["data"]), "--judge", "hf:some/judge"],
                 ["score", str(predictions), "--tasks-dir", str(files["tasks"]), "--judge", "hf:some/judge"]):
        done = subprocess.run([sys.executable, "-m", "dsuperb", *argv], capture_output=True, text=True,
                              env={"PYTHONPATH": env_path, "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 2, done.stderr
        assert len(lines) == 1 and "needs torch and transformers" in lines[0], done.stderr
