"""`dsuperb judge-agreement`: agreement and Cohen's kappa between two judges' scored files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dsuperb.cli import main
from dsuperb.scoring.agreement import cohen_kappa, compare


def scored(file, score, judge="a", **extra):
    return {"instance": "E", "file": file, "label": "happy", "response": f"response {file}", "score": score,
            "reason": f"judge {judge}", "judge": {"id": judge, "prompt_hash": ""}, **extra}


def test_cohen_kappa_by_hand():
    # a: 1 1 0 0 1 ; b: 1 0 0 0 1 -> observed 4/5; P(yes) a=3/5, b=2/5; chance = 6/25 + 6/25 = 12/25
    pairs = [(1, 1), (1, 0), (0, 0), (0, 0), (1, 1)]
    assert cohen_kappa(pairs) == pytest.approx((0.8 - 12 / 25) / (1 - 12 / 25))
    assert cohen_kappa([(1, 1), (1, 1)]) is None  # no variation: chance agreement is 1
    assert cohen_kappa([(1, 0), (0, 1)]) == pytest.approx(-1.0)
    assert cohen_kappa([]) is None


def test_compare_pairs_rows_by_instance_and_file():
    first = [scored("a", 1), scored("b", 1), scored("c", 0), scored("d", 0), scored("e", 1), scored("x", 1),
             scored("f", 0, judge_error=True)]
    second = [scored(f, s, judge="b") for f, s in [("e", 1), ("d", 0), ("c", 0), ("b", 0), ("a", 1), ("y", 0),
                                                    ("f", 1)]]
    result = compare(first, second)
    counts = (result.compared, result.agreed, result.only_a, result.only_b, result.judge_errors)
    assert counts == (5, 4, 1, 1, 1)
    assert result.kappa == pytest.approx((0.8 - 12 / 25) / (1 - 12 / 25))
    assert [d["file"] for d in result.disagreements] == ["b"]
    assert result.judges[0]["id"] == "a" and result.judges[1]["id"] == "b"


def write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def agreement(tmp_path, *options, first="a.jsonl", second="b.jsonl"):
    arguments = ["judge-agreement", str(tmp_path / first), str(tmp_path / second), *options]
    return CliRunner().invoke(main, arguments)


def test_command_lists_disagreements(tmp_path):
    write(tmp_path / "a.jsonl", [scored("a", 1), scored("b", 1), scored("c", 0)])
    write(tmp_path / "b.jsonl", [scored("a", 1, "b"), scored("b", 0, "b"), scored("c", 0, "b")])
    result = agreement(tmp_path)
    assert result.exit_code == 0, result.output
    assert "compared 3 row(s): agreement 0.667" in result.output
    assert "1 disagreement(s)" in result.output
    assert "  E b: label='happy' response='response b' first=1 second=0" in result.output.splitlines()
    hidden = agreement(tmp_path, "--show", "0")
    assert "E b:" not in hidden.output
    assert hidden.output.splitlines()[-1] == "  ... 1 more (--show N, or --format json)"
    as_json = agreement(tmp_path, "--format", "json")
    data = json.loads(as_json.stdout)
    assert data["agreement"] == pytest.approx(2 / 3) and data["disagreements"][0]["first"] == 1


def test_command_user_mistakes(tmp_path):
    missing = agreement(tmp_path, first="x.jsonl", second="y.jsonl")
    assert missing.exit_code == 2 and "cannot read" in missing.stderr and "Traceback" not in missing.output
    (tmp_path / "a.jsonl").write_text('{"instance": "E", "file": "a", "score": 1}\nnot json\n')
    write(tmp_path / "b.jsonl", [scored("a", 1)])
    result = agreement(tmp_path)
    assert result.exit_code == 0
    assert "a.jsonl:2: malformed JSON" in result.stderr
    assert "agreement 1.000" in result.output and "undefined" in result.output


def test_only_the_same_predictions_are_compared():
    first = [scored("a", 1), scored("b", 0), scored("c", 1), scored("c", 0)]
    second = [scored("a", 1, "b"), {**scored("b", 1, "b"), "response": "another model's reply"},
              scored("c", 0, "b"), {**scored("d", 1, "b"), "label": "sad"}]
    result = compare(first, second)
    # b differs in its response; the second "c" of the first file repeats a key and is ignored
    assert (result.compared, result.different, result.duplicates, result.only_b) == (2, 1, 1, 1)
    assert [d["file"] for d in result.disagreements] == ["c"]
    assert result.as_dict()["different_predictions"] == 1


def test_command_refuses_a_file_that_was_never_scored(tmp_path):
    write(tmp_path / "a.jsonl", [scored("a", 1)])
    write(tmp_path / "b.jsonl", [{"instance": "E", "file": "a", "label": "happy", "response": "x"}])
    result = agreement(tmp_path)
    assert result.exit_code == 2 and "b.jsonl: no scored rows" in result.stderr
    (tmp_path / "b.jsonl").write_text("")
    assert "no scored rows" in agreement(tmp_path).stderr


def test_command_reports_rows_left_out(tmp_path):
    write(tmp_path / "a.jsonl", [scored("a", 1), scored("b", 0), scored("b", 1)])
    write(tmp_path / "b.jsonl", [scored("a", 0, "b"), {**scored("b", 0, "b"), "response": "changed"}])
    result = agreement(tmp_path)
    assert result.exit_code == 0, result.output
    assert "1 row(s) left out, label or response differs" in result.output
    assert "1 row(s) ignored, repeating an (instance, file) pair" in result.output
    assert "compared 1 row(s)" in result.output
