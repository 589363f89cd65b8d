"""score_rows / aggregate / normalise / make_judge, and `dsuperb score` on hand-made files."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from dsuperb.cli import main
from dsuperb.scoring import JudgeSpecError, UnknownMetric, aggregate, make_judge, normalise, score_rows

INSTRUCTION = "What emotion is conveyed? Answer with one of: happy, sad, angry."


def prediction(file, label, response, instance="Emotion_Test", error=None, instruction=INSTRUCTION):
    return {"instance": instance, "file": file, "instruction": instruction, "label": label,
            "response": response, "error": error}


ROWS = [
    prediction("a", "happy", "Happy."),
    prediction("b", "sad", "It is sad."),
    prediction("c", "angry", "happy or angry"),
    prediction("d", "sad", None, error="decode failed: corrupt clip"),
]


def test_scored_rows_carry_the_contract_fields(make_instance):
    result = score_rows(ROWS, instance=make_instance(name="Emotion_Test"))
    for row in result.rows:
        assert {"score", "answer", "na", "reason", "stats", "judge"} <= row.keys()
        assert row["judge"]["id"].startswith("embedded")
    assert [r["score"] for r in result.rows] == [1.0, 1.0, 0.0, 0.0]
    assert [r["na"] for r in result.rows] == [False, False, True, True]
    assert "decode failed" in result.rows[3]["reason"]
    assert result.rows[0]["label"] == "happy" and result.rows[0]["file"] == "a"  # input kept
    summary = result.summary
    assert summary == {
        "instance": "Emotion_Test", "metric": "llm_classification", "value": 0.5, "normalised": 50.0,
        "higher_is_better": True, "na_rate": 0.5, "count": 4, "errors": 1, "judge": summary["judge"],
        "judge_errors": 0, "status": "ok", "message": None, "verdict_sources": {"rules": 3},
    }
    assert summary["judge"]["id"].startswith("embedded")


def test_aggregate_recomputes_any_subset():
    scored = score_rows(ROWS, metric="llm_classification").rows
    assert aggregate("llm_classification", scored[:2]) == 1.0
    assert aggregate("llm_classification", scored[2:]) == 0.0
    assert aggregate("llm_classification", [scored[0], scored[0], scored[2]]) == pytest.approx(2 / 3)
    assert aggregate("llm_classification", []) is None
    # scored rows survive a JSON round trip (what the report reads back)
    assert aggregate("llm_classification", json.loads(json.dumps(scored))) == 0.5


def test_card_label_set_reaches_the_judge(make_instance):
    rows = [prediction("a", "dog", "It is a dog, not a cat.", instruction="What animal is it?")]
    with_set = score_rows(rows, instance=make_instance(label_set=("dog", "cat")))
    assert with_set.rows[0]["score"] == 1.0
    hedge = [prediction("a", "dog", "a dog or a cat", instruction="What animal is it?")]
    assert score_rows(hedge, instance=make_instance(label_set=("dog", "cat"))).rows[0]["na"]


def test_explicit_metric_overrides_the_instance(make_instance):
    rows = [prediction("a", "hello world", "hello word", instance="X")]
    result = score_rows(rows, instance=make_instance(metric="llm_classification"), metric="word_error_rate")
    assert result.summary["metric"] == "word_error_rate" and result.summary["value"] == 0.5
    assert result.summary["judge"] is None


def test_unknown_or_missing_metric_is_a_clear_error(make_instance):
    with pytest.raises(UnknownMetric, match="unknown metric 'bogus'"):
        score_rows(ROWS, metric="bogus")
    with pytest.raises(UnknownMetric, match="no metric"):
        score_rows(ROWS, instance=make_instance(metric=None, type="audio_generation"))


def test_normalise_and_make_judge():
    assert normalise("llm_classification", 0.25) == 25.0
    assert normalise("word_error_rate", 0.25) == 75.0
    assert make_judge().identity == {"id": "embedded-rules-v6", "prompt_hash": ""}
    with pytest.raises(JudgeSpecError, match="unknown judge 'gpt'"):
        make_judge("gpt")


# -- the command -----------------------------------------------------------------------------------

def write_catalogue(root):
    folder = root / "tasks" / "EmotionRecognition"
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(textwrap.dedent("""\
        name: EmotionRecognition
        description: Recognise the emotion.
        domains: [speech]
        category: paralinguistics
        type: classification
        metric: llm_classification
        license: cc-by-4.0
        label_set: [happy, sad, angry]
        instances:
          - name: Emotion_Test
            hf_path: DynamicSuperb/Emotion_Test
        """))
    folder = root / "tasks" / "SpeechRecognition"
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(textwrap.dedent("""\
        name: SpeechRecognition
        description: Transcribe.
        domains: [speech]
        category: content
        type: sequence_generation
        metric: word_error_rate
        license: cc-by-4.0
        instances:
          - name: ASR_Test
            hf_path: DynamicSuperb/ASR_Test
        """))
    return root / "tasks"


def write_predictions(path, rows, bad_lines=()):
    lines = [json.dumps(row) for row in rows]
    for index, text in bad_lines:
        lines.insert(index, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_score_command_on_a_hand_made_file(tmp_path):
    tasks = write_catalogue(tmp_path)
    predictions = tmp_path / "predictions.jsonl"
    rows = ROWS + [prediction("e", "the cat sat", "the cat sat down", instance="ASR_Test")]
    write_predictions(predictions, rows)
    out = tmp_path / "scored.jsonl"
    result = CliRunner().invoke(main, ["score", str(predictions), "--tasks-dir", str(tasks),
                                       "--output", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    by_instance = {s["instance"]: s for s in report["instances"]}
    assert by_instance["Emotion_Test"]["value"] == 0.5
    assert by_instance["ASR_Test"]["metric"] == "word_error_rate"
    assert by_instance["ASR_Test"]["value"] == pytest.approx(1 / 3)
    scored = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(scored) == 5 and all("reason" in row and "stats" in row for row in scored)

    text = CliRunner().invoke(main, ["score", str(predictions), "--tasks-dir", str(tasks)])
    assert text.exit_code == 0
    assert "Emotion_Test" in text.output and "0.5000" in text.output and "judge:" in text.output


def test_malformed_lines_are_named_and_the_rest_still_scored(tmp_path):
    tasks = write_catalogue(tmp_path)
    predictions = tmp_path / "predictions.jsonl"
    broken = [(1, '{"instance": "Emotion_Test", "file": '), (3, "[1, 2]")]
    write_predictions(predictions, ROWS, bad_lines=broken)
    out = tmp_path / "scored.jsonl"
    result = CliRunner().invoke(main, ["score", str(predictions), "--tasks-dir", str(tasks), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{predictions}:2: malformed JSON" in result.stderr
    assert f"{predictions}:4: expected a JSON object, found list" in result.stderr
    assert "Traceback" not in result.output
    assert len(out.read_text().splitlines()) == 4  # every good row scored


def test_unknown_instance_needs_metric(tmp_path):
    tasks = write_catalogue(tmp_path)
    predictions = tmp_path / "predictions.jsonl"
    write_predictions(predictions, [prediction("a", "hello there", "hello there", instance="Mystery_Set")])
    result = CliRunner().invoke(main, ["score", str(predictions), "--tasks-dir", str(tasks)])
    assert result.exit_code == 1
    assert "instance 'Mystery_Set' is not in the catalogue" in result.stderr and "--metric" in result.stderr
    forced = CliRunner().invoke(main, ["score", str(predictions), "--tasks-dir", str(tasks),
                                       "--metric", "word_error_rate", "--format", "json"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout)["instances"][0]["value"] == 0.0


def test_score_command_user_mistakes_are_one_line_messages(tmp_path):
    missing = CliRunner().invoke(main, ["score", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    predictions = tmp_path / "p.jsonl"
    write_predictions(predictions, ROWS)
    bad_metric = CliRunner().invoke(main, ["score", str(predictions), "--metric", "bleu4"])
    assert bad_metric.exit_code == 2 and "unknown metric 'bleu4'" in bad_metric.stderr
    bad_judge = CliRunner().invoke(main, ["score", str(predictions), "--metric", "llm_classification",
                                          "--judge", "nonsense"])
    assert bad_judge.exit_code == 2 and "unknown judge 'nonsense'" in bad_judge.stderr


def test_score_command_stays_light(tmp_path):
    predictions = tmp_path / "p.jsonl"
    write_predictions(predictions, ROWS)
    probe = textwrap.dedent(f"""
        import sys
        from click.testing import CliRunner
        from dsuperb.cli import main
        result = CliRunner().invoke(main, ["score", {str(predictions)!r}, "--metric", "llm_classification"])
        heavy = sorted(m for m in ("torch", "transformers", "datasets") if m in sys.modules)
        print("HEAVY=" + ",".join(heavy), "EXIT=" + str(result.exit_code))
        """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "HEAVY= EXIT=0" in out, out


def test_rows_without_a_label_are_left_out_not_guessed():
    rows = [prediction("a", "happy", "happy"), {**prediction("b", None, "sad"), "label": None}]
    result = score_rows(rows, metric="llm_classification")
    assert result.rows[1]["score"] is None and result.rows[1]["na"] and "no label" in result.rows[1]["reason"]
    assert result.summary["value"] == 1.0 and result.summary["na_rate"] == 0.5
    wer = score_rows([{"instance": "A", "file": "x", "response": "hello"}], metric="word_error_rate")
    assert wer.rows[0]["score"] is None and wer.summary["value"] is None


def test_a_scorer_failure_on_one_row_is_recorded_and_the_rest_scored():
    from dsuperb.scoring.base import Context
    from dsuperb.scoring.error_rates import WORD_ERROR_RATE, EditErrorRate

    class Fragile(EditErrorRate):
        """The real WER scorer, except that it chokes on one particular response."""

        def score_one(self, response, labels, row, context):
            if response == "boom":
                raise ZeroDivisionError("division by zero")
            return super().score_one(response, labels, row, context)

    fragile = Fragile("word_error_rate", WORD_ERROR_RATE.tokenize, "word")
    scored = fragile.score_batch([prediction("a", "a b", "a b"), prediction("b", "a b", "boom")], Context())
    assert scored[0].score == 0.0
    assert scored[1].score is None and scored[1].scorer_error and "ZeroDivisionError" in scored[1].reason


def test_a_judge_that_raises_on_one_reply_costs_that_row_only():
    from dsuperb.scoring.judge_embedded import EmbeddedJudge

    class Fragile(EmbeddedJudge):
        """The embedded judge, except that it chokes on one particular reply."""

        def judge(self, item):
            if item.response == "boom":
                raise IndexError("list index out of range")
            return super().judge(item)

    rows = [prediction("a", "happy", "Happy."), prediction("b", "sad", "boom"),
            prediction("c", "sad", "happy")]
    result = score_rows(rows, metric="llm_classification", judge=Fragile())
    assert [r["score"] for r in result.rows] == [1.0, None, 0.0]
    assert result.rows[1]["judge_error"] and "IndexError: list index out of range" in result.rows[1]["reason"]
    assert result.summary["judge_errors"] == 1 and result.summary["value"] == 0.5


def test_absurd_numbers_in_responses_stay_harmless():
    from dsuperb.scoring.numbers import extract_number

    assert extract_number("1e999 seconds").value is None
    # counted in full, as sed_eval and pyannote count them, without a segment grid or frame per second
    sed = score_rows([prediction("a", "dog 0-2", "dog 0-99999999999", instance="S")],
                     metric="sound_event_detection")
    assert sed.rows[0]["stats"]["fp"] == 99999999999 - 2
    der = score_rows([prediction("a", "A 0-10", "A 0-99999999999", instance="D")],
                     metric="speaker_diarization")
    assert der.rows[0]["stats"]["fa"] == pytest.approx(99999999999 - 10)


def test_score_command_on_a_messy_file_scores_what_it_can_and_names_the_rest(tmp_path):
    tasks = write_catalogue(tmp_path)
    predictions = tmp_path / "predictions.jsonl"
    no_response = {k: v for k, v in prediction("n", "sad", "x").items() if k != "response"}
    rows = [prediction("a", "happy", "Happy."),
            prediction("w", "the cat sat", "the cat sat", instance="ASR_Test"),
            prediction("u", "x", "x", instance="Mystery_Set"), no_response,
            {"file": "i", "label": "sad", "response": "sad"}]
    write_predictions(predictions, rows, bad_lines=[(2, "not json at all")])
    (tmp_path / "empty.jsonl").write_text("")
    out = tmp_path / "scored.jsonl"
    result = CliRunner().invoke(main, ["score", str(predictions), str(tmp_path / "empty.jsonl"),
                                       "--tasks-dir", str(tasks), "-o", str(out), "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    problems = json.loads(result.stdout)["problems"]
    assert any(f"{predictions}:3: malformed JSON" in p for p in problems)
    assert any("instance 'Mystery_Set' is not in the catalogue" in p for p in problems)
    assert any(f"{predictions}:6: no 'instance' field" in p for p in problems)
    assert any(f"{predictions}:5: no 'response' field; row skipped" in p for p in problems)
    assert any("empty.jsonl: no prediction rows" in p for p in problems)
    scored = {row["file"]: row for row in map(json.loads, out.read_text().splitlines())}
    assert sorted(scored) == ["a", "w"]  # both instances scored, the rejected rows named
    assert scored["a"]["score"] == 1.0 and scored["w"]["score"] == 0.0


def test_score_command_rejects_rows_without_label_or_response_and_flags_unknown_keys(tmp_path):
    predictions = tmp_path / "p.jsonl"
    rows = [prediction("a", "x y", "x y", instance="ASR"),
            {"instance": "ASR", "file": "b", "label": "x y", "respone": "x y"},
            {"instance": "ASR", "file": "c", "response": "x y"},
            {**prediction("d", "x y", "x", instance="ASR"), "confidence": 0.9}]
    write_predictions(predictions, rows)
    result = CliRunner().invoke(main, ["score", str(predictions), "--metric", "word_error_rate"])
    assert result.exit_code == 1
    assert f"{predictions}:2: no 'response' field; row skipped" in result.stderr
    assert f"{predictions}:2: unknown key 'respone' (did you mean 'response'?)" in result.stderr
    assert f"{predictions}:3: no 'label' field; row skipped" in result.stderr
    assert f"{predictions}:4: unknown key 'confidence' (ignored)" in result.stderr
    assert "ASR" in result.stdout and "0.2500" in result.stdout  # the two good rows: 1 error in 4 words


def test_score_command_warns_on_a_misspelled_key_of_a_scored_row(tmp_path):
    predictions = tmp_path / "p.jsonl"
    write_predictions(predictions, [{**prediction("a", "x", "x", instance="ASR"), "lable2": "y"}])
    result = CliRunner().invoke(main, ["score", str(predictions), "--metric", "word_error_rate"])
    assert result.exit_code == 0, result.output
    assert f"{predictions}:1: unknown key 'lable2' (did you mean 'label'?)" in result.stderr


def test_score_command_knows_every_key_the_runner_and_the_scorer_write(tmp_path):
    from dataclasses import fields

    from dsuperb.runfolder.records import PredictionRow

    # a runner's row with every optional field set (an analysis row asked step by step)
    row = PredictionRow("Emotion_Test", "a#i1", INSTRUCTION, labels=("happy", "sad"),
                        response="Final answer: happy", variant_of="a", variant="Which emotion?",
                        prompt_strategy="cot")
    assert {f.name for f in fields(PredictionRow)} - {"labels"} <= row.to_json().keys()
    predictions, scored = tmp_path / "p.jsonl", tmp_path / "scored.jsonl"
    write_predictions(predictions, [row.to_json()])
    first = CliRunner().invoke(main, ["score", str(predictions), "--metric", "llm_classification",
                                      "-o", str(scored)])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["score", str(scored), "--metric", "llm_classification"])
    assert again.exit_code == 0, again.output
    assert "verdict_source" in scored.read_text()  # the scored row's own keys were read back
    assert "unknown key" not in first.stderr + again.stderr


def test_score_command_on_an_empty_file_says_so(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n")
    result = CliRunner().invoke(main, ["score", str(tmp_path / "empty.jsonl")])
    assert result.exit_code == 1
    assert "no prediction rows" in result.stderr and "no instance scored" in result.stdout


def test_a_mistyped_judge_is_refused_before_anything_is_scored(tmp_path):
    predictions = tmp_path / "p.jsonl"
    write_predictions(predictions, [prediction("a", "x", "x", instance="ASR")])
    result = CliRunner().invoke(main, ["score", str(predictions), "--metric", "word_error_rate",
                                       "--judge", "gpt4o", "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "unknown judge 'gpt4o'" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_a_label_written_as_a_json_list_is_a_label_set():
    instruction = "Which sounds are present? Options: dog, cat, bird."
    row = prediction("a", ["dog", "cat"], "I hear a cat and a dog.", instruction=instruction)
    assert score_rows([row], metric="llm_classification").rows[0]["score"] == 1.0
    row = prediction("b", ["dog", "cat"], "Only a dog.", instruction=instruction)
    assert score_rows([row], metric="llm_classification").rows[0]["score"] == 0.0


def test_an_output_that_cannot_be_written_is_a_one_line_message(tmp_path):
    predictions = tmp_path / "p.jsonl"
    write_predictions(predictions, [prediction("a", "x", "x", instance="ASR")])
    (tmp_path / "taken").write_text("a file, not a folder")
    result = CliRunner().invoke(main, ["score", str(predictions), "--metric", "word_error_rate",
                                       "-o", str(tmp_path / "taken" / "scored.jsonl")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cannot create its folder" in result.stderr and "taken" in result.stderr


class HalfOutage:
    """A judge whose endpoint answers only some prompts (the others fail)."""

    id, prompt_hash = "outage", ""
    identity = {"id": "outage", "prompt_hash": ""}

    def judge_many(self, items):
        from dsuperb.scoring.judge_base import Verdict

        return [Verdict(True, "happy", False, "judge: YES", source="llm") if item.response == "happy"
                else Verdict(False, None, True, "judge failed: HTTP 503", judge_error=True, source="llm")
                for item in items]


def test_a_partial_judge_outage_leaves_the_failed_rows_out_and_says_so():
    rows = [prediction("a", "happy", "happy"), prediction("b", "happy", "happy"),
            prediction("c", "happy", "sad")]
    result = score_rows(rows, metric="llm_classification", judge=HalfOutage())
    summary = result.summary
    assert summary["value"] == 1.0  # the two judged rows, not 2/3: an unanswered row is not a wrong one
    assert summary["status"] == "ok" and summary["errors"] == 1 and summary["judge_errors"] == 1
    assert summary["message"] == "judge failed on 1 of 3 rows (left out of the value): judge failed: HTTP 503"
    assert result.rows[2]["score"] is None and result.rows[2]["stats"] == {}
    assert aggregate("llm_classification", result.rows) == 1.0
