"""Prompt strategies and system prompts: what the model is asked, what is stored and scored, the
run folder and card, every backend carrying the system prompt, and the report's side-by-side."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from runner_fixtures import classification_suite
from tiny_models import tiny_options, tiny_qwen2_audio, tiny_qwen2_audio_base, tiny_text_lm  # noqa: F401

from dsuperb.cli import main
from dsuperb.infra.hashing import sha256_text
from dsuperb.models.base import Model, Request
from dsuperb.models.options import CommonOptions
from dsuperb.report import build_report
from dsuperb.report.render import render
from dsuperb.report.render_json import validate_report
from dsuperb.runfolder import runcard
from dsuperb.runfolder.store import read_predictions
from dsuperb.scoring.api import score_rows
from dsuperb.vocab.prompts import COT_REQUEST, final_answer

SYSTEM = "You are a careful listener. Answer with one word."


class ReasoningModel(Model):
    """Reasons aloud when asked to (a final `Answer:` line), answers plainly otherwise; the answer
    is `tone` without a system prompt and `noise` with one, so a test sees both reach it."""

    name = "reasoning"
    seen: list = []

    def __init__(self, common=None, options=None):
        pass

    def generate(self, requests):
        ReasoningModel.seen.extend(requests)
        out = []
        for request in requests:
            word = "noise" if request.system else "tone"
            if COT_REQUEST in request.instruction:
                out.append(f"It could be tone or noise.\nThe clip sounds steady: {word}.\nAnswer: {word}")
            else:
                out.append(word)
        return out

    def describe(self):
        return {"id": "reasoning-test-model"}


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    rows = {"Tone_A": 12, "Tone_B": 9}
    return classification_suite(tmp_path_factory.mktemp("strategies"), "Tone", rows, seed=6)


def run(suite, out: Path, *args, model="test_prompt_strategies:ReasoningModel"):
    result = CliRunner().invoke(main, ["eval", "--model", model, "--output-dir", str(out), "--tasks-dir",
                                       str(suite[0]), "--data-dir", str(suite[1]), "--no-progress", *args],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.mark.parametrize("text, answer", [
    ("Reasoning here.\nAnswer: noise", "noise"),
    ("First line\n**Final answer:** tone\n", "tone"),
    ("Answer: tone\nMore thinking\nAnswer:\nnoise", "noise"),
    ("no marker at all\nlast line wins", "last line wins"),
    ("", ""),
])
def test_the_final_answer_is_the_last_answer_line(text, answer):
    assert final_answer(text) == answer


def test_a_step_by_step_row_is_scored_on_its_final_line_only():
    response = "It sounds like a tone at first, then like noise.\nnoise"
    row = {"instance": "Tone_A", "file": "c1", "instruction": "Tone or noise? Answer tone or noise.",
           "label": "noise", "response": response, "error": None}
    cot = score_rows([{**row, "prompt_strategy": "cot"}], metric="llm_classification").rows[0]
    direct = score_rows([row], metric="llm_classification").rows[0]
    assert cot["score"] == 1.0 and cot["answer"] == "noise" and cot["response"] == response
    assert direct["score"] == 0.0 and direct["reason"].startswith("hedges")  # read whole: both options


def test_cot_asks_for_reasoning_stores_it_whole_and_scores_the_answer(suite, tmp_path):
    ReasoningModel.seen.clear()
    run(suite, tmp_path, "--prompt-strategy", "cot")
    run_dir = tmp_path / "reasoning-test-model__cot"
    assert all(request.instruction.endswith(COT_REQUEST) for request in ReasoningModel.seen)
    rows = read_predictions(run_dir / "predictions" / "Tone_A.jsonl")
    assert all(row["prompt_strategy"] == "cot" and "\nAnswer: tone" in row["response"] for row in rows)
    assert all(COT_REQUEST not in row["instruction"] for row in rows)  # the dataset's instruction
    scored = [json.loads(line) for line in (run_dir / "scored" / "Tone_A.jsonl").read_text().splitlines()]
    assert all(row["answer"] == "tone" and row["score"] == float(row["label"] == "tone") for row in scored)
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["generation"]["prompt_strategy"] == "cot" and card["generation"]["system_prompt"] is None


def test_a_system_prompt_from_a_file_reaches_the_model_and_names_the_folder(suite, tmp_path):
    prompt_file = tmp_path / "system.txt"
    prompt_file.write_text(SYSTEM + "\n", encoding="utf-8")
    ReasoningModel.seen.clear()
    run(suite, tmp_path / "runs", "--system-prompt", f"@{prompt_file}")
    run_dir = tmp_path / "runs" / f"reasoning-test-model__sys-{sha256_text(SYSTEM)[:8]}"
    assert {request.system for request in ReasoningModel.seen} == {SYSTEM}
    card = json.loads((run_dir / "run_card.json").read_text())
    assert card["generation"]["system_prompt"] == SYSTEM
    other = {**card, "generation": {**card["generation"], "system_prompt": "Be brief."}}
    assert runcard.differences(card, other) == [f"generation.system_prompt: {SYSTEM!r} -> 'Be brief.'"]
    legacy = {**card, "generation": {k: v for k, v in card["generation"].items()
                                     if k not in ("prompt_strategy", "system_prompt")}}
    plain = {**card, "generation": {**card["generation"], "system_prompt": None}}
    assert runcard.differences(legacy, plain) == []  # a card from before: direct, no system prompt


def test_the_report_puts_strategies_of_one_model_side_by_side(suite, tmp_path):
    run(suite, tmp_path)
    run(suite, tmp_path, "--prompt-strategy", "cot", "--system-prompt", SYSTEM)
    base = tmp_path / "reasoning-test-model"
    other = tmp_path / f"reasoning-test-model__cot__sys-{sha256_text(SYSTEM)[:8]}"
    report = build_report([base, other], n_boot=200, seed=0)
    validate_report(report)
    (entry,) = report["prompt_strategies"]
    assert (entry["base"], entry["strategy"]) == ("reasoning-test-model", "cot")
    assert entry["run"] == f"reasoning-test-model [cot, sys-{sha256_text(SYSTEM)[:8]}]"
    assert entry["system_prompt_sha256"] == sha256_text(SYSTEM)[:16]
    tasks = {t["task"]: t for t in report["tasks"]}
    for row in entry["tasks"]:
        scores = tasks[row["task"]]["scores"]
        assert row["base"]["score"] == scores[entry["base"]]["score"]
        difference = scores[entry["run"]]["score"] - scores[entry["base"]]["score"]
        assert row["diff"] == pytest.approx(difference, abs=1e-3)
        assert row["ci_low"] <= row["diff"] <= row["ci_high"] and row["p_value"] is not None
    markdown = render(report, "md")
    assert "## Prompt strategies" in markdown and "| all tasks |" in markdown
    assert 'id="prompt-strategies"' in render(report, "html")
    assert "prompt_strategy,Tone," in render(report, "csv")


def test_the_baselines_ignore_a_system_prompt(suite, tmp_path):
    run(suite, tmp_path, model="random")
    run(suite, tmp_path, "--system-prompt", SYSTEM, model="random")
    plain = read_predictions(tmp_path / "random" / "predictions" / "Tone_A.jsonl")
    folder = tmp_path / f"random__sys-{sha256_text(SYSTEM)[:8]}"
    prompted = read_predictions(folder / "predictions" / "Tone_A.jsonl")
    assert [r["response"] for r in plain] == [r["response"] for r in prompted]


# --- each backend carries it


def request(system: str | None = SYSTEM) -> Request:
    return Request.of("a", "Demo", "Is the speaker male or female?", (), texts=(), system=system)


def test_the_endpoint_sends_a_system_message_first():
    from dsuperb.models.openai_chat import OpenAIChatModel

    model = OpenAIChatModel("served", CommonOptions(), {"base_url": "http://127.0.0.1:9/v1"})
    messages = model.payload(request())["messages"]
    assert messages[0] == {"role": "system", "content": SYSTEM} and messages[1]["role"] == "user"
    assert [m["role"] for m in model.payload(request(None))["messages"]] == ["user"]


def test_a_served_model_streams_variants_with_its_system_message(suite, tmp_path):
    from models_chat_server import running_server

    with running_server() as base_url:
        run(suite, tmp_path, "--base-url", base_url, "--system-prompt", SYSTEM, "--instruction-variants", "1",
            model="openai:echo")
    (run_dir,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert run_dir.name.startswith("openai_echo__sys-") and run_dir.name.endswith("__instructions-1")
    rows = read_predictions(run_dir / "predictions" / "Tone_B.jsonl")
    assert len(rows) == 18 and {row["file"].rsplit("#", 1)[1] for row in rows} == {"i0", "i1"}
    for row in rows:  # the server heard the row's own instruction, after the system message
        assert row["response"].endswith(f"system={SYSTEM}") and row["instruction"] in row["response"]


def test_transformers_chat_templates_get_a_system_turn(tiny_qwen2_audio, tiny_text_lm):  # noqa: F811
    from dsuperb.models.cascade import load_llm
    from dsuperb.models.registry import load_model

    qwen = load_model(str(tiny_qwen2_audio), *tiny_options(max_new_tokens=4))
    text = qwen.processor.tokenizer.decode(qwen.build_inputs([request()])["input_ids"][0])
    assert text.index(f"<|im_start|>system\n{SYSTEM}<|im_end|>") < text.index("<|im_start|>user")
    bare = qwen.processor.tokenizer.decode(qwen.build_inputs([request(None)])["input_ids"][0])
    assert "system" not in bare
    lm = load_llm(str(tiny_text_lm), *tiny_options(max_new_tokens=4))
    lm_text = lm.tokenizer.decode(lm.build_inputs([replace(request(), inputs=())])["input_ids"][0])
    assert lm_text.startswith(f"<|im_start|>system\n{SYSTEM}<|im_end|>")


def test_a_base_model_gets_the_system_prompt_as_its_first_line(tiny_qwen2_audio_base):  # noqa: F811
    from dsuperb.models.registry import load_model

    base = load_model(str(tiny_qwen2_audio_base), *tiny_options(max_new_tokens=4))
    text = base.processor.tokenizer.decode(base.build_inputs([request()])["input_ids"][0])
    assert text.startswith(SYSTEM + "\n") and "<|im_start|>" not in text


def test_the_cascade_gives_the_system_prompt_to_its_language_model(monkeypatch):
    from dsuperb.models import cascade

    class Echo(Model):
        name = "echo"

        def generate(self, requests):
            return [f"{r.system}|{r.instruction}" for r in requests]

    model = cascade.CascadeModel.__new__(cascade.CascadeModel)
    model.name, model.asr, model.llm = "cascade:x+y", Echo(), Echo()
    monkeypatch.setattr(model, "transcribe", lambda audios: ["words"] * len(audios), raising=False)
    answer = model.generate([Request.of("a", "D", "Say it.", (), system=SYSTEM)])[0]
    assert answer.startswith(SYSTEM + "|")
