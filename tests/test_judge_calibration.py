"""The embedded judge against the hand-labelled calibration set, and `judge-agreement --calibration`."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from dsuperb.cli import main
from dsuperb.infra.hashing import sha256_json
from dsuperb.scoring.calibration import BUNDLED_SET, HELD_OUT_SET, calibrate, item_of, load_cases
from dsuperb.scoring.judge_base import Judge, Verdict
from dsuperb.scoring.judge_embedded import EMBEDDED_VERSION, EmbeddedJudge

KINDS = {"synonym", "number_format", "paraphrase", "other_language", "implicit_yes_no", "abbreviation",
         "hedge_both", "multilabel_extra", "single_choice_multi", "polarity_trap", "broader_term",
         "answer_first_mention", "negation_scope", "committed_markers", "refusal_irrelevant", "plain"}


# The hidden set's kinds: the held-out cases probe these only.
HIDDEN_KINDS = {"synonym", "number_format", "paraphrase", "other_language", "implicit_yes_no", "abbreviation",
                "hedge_both", "multilabel_extra", "single_choice_multi", "polarity_trap", "broader_term"}


@pytest.fixture(scope="module")
def cases():
    return load_cases(BUNDLED_SET)


@pytest.fixture(scope="module")
def held_out():
    return load_cases(HELD_OUT_SET)


def test_the_set_is_large_covers_every_kind_and_gives_each_case_a_reason(cases):
    assert len(cases) >= 300
    counts = Counter(case["kind"] for case in cases)
    assert set(counts) == KINDS
    assert min(counts.values()) >= 20
    assert all(len(case["reason"].strip()) >= 3 for case in cases)
    assert len({case["id"] for case in cases}) == len(cases)
    verdicts = Counter(case["verdict"] for case in cases)
    assert verdicts["wrong"] >= 150 and verdicts["correct"] >= 150


def test_the_held_out_set_is_fresh_labelled_and_covers_the_hidden_kinds(cases, held_out):
    assert len(held_out) >= 500
    counts = Counter(case["kind"] for case in held_out)
    assert set(counts) == HIDDEN_KINDS and min(counts.values()) >= 30
    assert all(len(case["reason"].strip()) >= 3 for case in held_out)
    assert len({case["id"] for case in cases + held_out}) == len(cases) + len(held_out)
    assert not {(c["instruction"], c["response"]) for c in held_out} & {(c["instruction"], c["response"])
                                                                       for c in cases}
    verdicts = Counter(case["verdict"] for case in held_out)
    assert verdicts["wrong"] >= 150 and verdicts["correct"] >= 150


@pytest.mark.parametrize("which", ["bundled", "held out", "both"])
def test_embedded_judge_agrees_with_the_careful_reader(cases, held_out, which):
    chosen = {"bundled": cases, "held out": held_out, "both": cases + held_out}[which]
    result = calibrate(EmbeddedJudge(), chosen)
    total = result.total
    print(f"agreement {total.agreement:.3f}, false accepts {total.false_accepts} of {total.wrong} wrong")
    assert total.agreement >= 0.92, result.disagreements[:10]
    assert total.false_accept_rate <= 0.01, [d for d in result.disagreements if d["judge"] == "accepts"]
    for kind, stats in result.kinds.items():
        assert stats.agreement >= 0.8, (kind, [d for d in result.disagreements if d["kind"] == kind])


class AlwaysYes(Judge):
    id = "always-yes"

    def judge(self, item):
        return Verdict(True, None, False, "yes")


def test_a_judge_that_accepts_everything_fails_on_the_wrong_replies(cases):
    result = calibrate(AlwaysYes(), cases)
    assert result.total.false_accepts == result.total.wrong
    assert result.total.agreement == pytest.approx(result.total.ours_correct / result.total.n)


def test_command_prints_the_per_kind_table():
    result = CliRunner().invoke(main, ["judge-agreement", "--calibration", "--show", "0"])
    assert result.exit_code == 0, result.output
    assert "embedded-rules-v" in result.output
    for kind in KINDS | {"ALL"}:
        assert kind in result.output
    as_json = CliRunner().invoke(main, ["judge-agreement", "--calibration", "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data["kinds"]["ALL"]["n"] >= 300 and data["kinds"]["ALL"]["agreement"] >= 0.92


def test_command_reads_another_calibration_file_and_names_a_bad_line(tmp_path):
    good = tmp_path / "set.jsonl"
    case = {"id": "x-1", "kind": "plain", "instruction": "Answer yes or no.", "label": "yes",
            "response": "No.", "verdict": "wrong", "reason": "says no"}
    good.write_text(json.dumps(case) + "\n")
    result = CliRunner().invoke(main, ["judge-agreement", "--calibration", str(good), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["kinds"]["ALL"]["agree"] == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text() + '{"id": "x-2", "kind": "plain"}\n')
    result = CliRunner().invoke(main, ["judge-agreement", "--calibration", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2: missing" in result.output
    bad.write_text(good.read_text() + "\n" + '{"id": "x-2", "kind": \n')  # line 3, after a blank one
    result = CliRunner().invoke(main, ["judge-agreement", "--calibration", str(bad)])
    assert result.exit_code == 2 and f"{bad}:3: malformed JSON" in result.output, result.output


def test_command_needs_two_files_without_calibration(tmp_path):
    result = CliRunner().invoke(main, ["judge-agreement", str(tmp_path / "one.jsonl")])
    assert result.exit_code == 2 and "two scored files" in result.output


# What the embedded judge of each version decides on both sets, and the lexicon it reads: a rule or
# word change that moves a verdict must move EMBEDDED_VERSION too (runs record it, and a run whose
# judge changed is scored again). On a bump, add the new version's line (the failure prints it).
VERDICT_DIGESTS = {
    "4": ("89cf8a513a7832a4cde0d38aceb14fea00461274c44471705c54162b5a6aa4f4",
          "d881c9398bf146d035c574bbfc3db991843ba5b102b8d80269b454a2f4b2a3a4"),
    "5": ("89cf8a513a7832a4cde0d38aceb14fea00461274c44471705c54162b5a6aa4f4",
          "002d9cab5c4d3843318e054261eeb82eeb4b006e1599e891e0a706e0e62efbdf"),
    "6": ("5c255e4ab834c2efa688432fff03e415075395b5f1ca45469dcbe0c2ee657917",
          "a22c2a9974dcc19f00b5ed6545f4b9be57b8047a55f10357f6cc6e9f3e06a893"),
}


def lexicon_digest() -> str:
    from dsuperb.vocab.lexicon import answer_words, lexicon, questions

    concepts = {name: [c.family, sorted(c.aliases), sorted(c.codes), sorted(c.parents), c.years]
                for name, c in lexicon().concepts.items()}
    words = {f"{module.__name__}.{name}": getattr(module, name) for module in (answer_words, questions)
             for name in dir(module) if name.isupper()}
    return sha256_json([concepts, words])


def test_a_change_of_verdicts_or_of_the_lexicon_moves_the_embedded_judge_version(cases, held_out):
    both = cases + held_out
    verdicts = EmbeddedJudge().judge_many([item_of(case) for case in both])
    decided = sha256_json([[case["id"], bool(v.correct), bool(v.na)] for case, v in zip(both, verdicts,
                                                                                         strict=True)])
    now = (decided, lexicon_digest())
    assert VERDICT_DIGESTS.get(EMBEDDED_VERSION) == now, (
        f"the embedded judge's verdicts or lexicon changed: bump EMBEDDED_VERSION (now {EMBEDDED_VERSION}) "
        f"and add its line to VERDICT_DIGESTS: {now}")
