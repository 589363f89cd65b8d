"""Every analysis and prompt strategy end to end with a tiny real model (Qwen2-Audio, random
weights, loaded through `from_pretrained`) on the demo suite, and the README's analysis line as a
user types it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner
from tiny_models import TEST_DEVICE, tiny_qwen2_audio  # noqa: F401

from dsuperb.cli import main
from dsuperb.report import build_report
from dsuperb.report.render import render
from dsuperb.report.render_json import validate_report
from dsuperb.runfolder.store import read_predictions

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo"


def tiny_eval(model: Path, out: Path, *args: str):
    argv = ["eval", "--model", str(model), "--tasks", str(DEMO / "tasks"), "--data-dir", str(DEMO / "data"),
            "--output-dir", str(out), "--device", TEST_DEVICE, "--dtype", "float32", "--max-new-tokens", "4",
            "--batch-size", "4", "--no-progress", *args]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (run_dir,) = [p for p in out.iterdir() if p.is_dir()]
    return run_dir


def test_a_tiny_model_runs_every_analysis_and_strategy_into_one_report(tmp_path, tiny_qwen2_audio):  # noqa: F811
    plain = tiny_eval(tiny_qwen2_audio, tmp_path / "plain", "--limit", "3")
    cot = tiny_eval(tiny_qwen2_audio, tmp_path / "cot", "--limit", "3", "--prompt-strategy", "cot",
                    "--system-prompt", "You are a careful listener.")
    variants = tiny_eval(tiny_qwen2_audio, tmp_path / "variants", "--limit", "3",
                         "--instruction-variants", "1")
    orders = tiny_eval(tiny_qwen2_audio, tmp_path / "orders", "--limit", "4", "--audio-permutations", "1")
    assert "__cot__sys-" in cot.name
    assert variants.name.endswith("__instructions-1") and orders.name.endswith("__permutations-1")
    rows = read_predictions(variants / "predictions" / "ToneOrNoise_DemoSynthetic.jsonl")
    assert len(rows) == 6 and all(isinstance(row["response"], str) for row in rows)
    pairs = read_predictions(orders / "predictions" / "SamePitchPair_DemoSine.jsonl")
    assert sorted(row["file"] for row in pairs)[:2] == ["pair_00_same#p0", "pair_00_same#p1"]
    assert all(row["prompt_strategy"] == "cot" for row in read_predictions(
        cot / "predictions" / "ToneOrNoise_DemoSynthetic.jsonl"))

    report = build_report([plain, cot, variants, orders], n_boot=50, seed=0)
    validate_report(report)
    assert len(report["models"]) == 2 and len(report["prompt_strategies"]) == 1
    assert report["instruction_sensitivity"][0]["n_instances"] == 6
    assert report["audio_order"][0]["n_instances"] == 1 and report["dimensions"]
    markdown, html = render(report, "md"), render(report, "html")
    headings = ("Dimensions", "Prompt strategies", "Instruction sensitivity", "Audio-order self-consistency")
    for heading in headings:
        assert f"## {heading}" in markdown and f">{heading}</h2>" in html


def test_the_readme_analysis_line_runs_offline(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [part.split("```", 1)[0] for part in readme.split("```bash")[1:]]
    (line,) = [line for block in blocks for line in block.splitlines() if "--instruction-variants" in line]
    shutil.copytree(DEMO, tmp_path / "demo")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    env.pop("DSUPERB_DATA_DIR", None)
    env.pop("DSUPERB_TASKS_DIR", None)
    outputs = []
    for command in line.split("&&"):
        done = subprocess.run(command.split(), cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        outputs.append(done.stdout)
    assert "## Instruction sensitivity" in outputs[-1] and "| SamePitchPair_DemoSine |" in outputs[-1]
    card = json.loads((tmp_path / "runs" / "random__instructions-2" / "run_card.json").read_text())
    assert card["analysis"] == {"kind": "instructions", "variants": 2}
