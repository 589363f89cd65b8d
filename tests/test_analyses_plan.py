"""What an analysis asks: which other instructions may ask a sample's question, which orders of
its audios are drawn and how its label follows them, and the plan made from a dataset's text."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
from analysis_fixtures import write_mugen_like, write_pairs

from dsuperb.analyses import instructions, permutations
from dsuperb.analyses.plan import asked, plan_instance
from dsuperb.cards import Catalogue, Instance
from dsuperb.data import Sample, open_instance
from dsuperb.vocab.audio_order import AudioOrder
from dsuperb.vocab.inputs import Input, InputKind
from dsuperb.vocab.variants import INSTRUCTIONS, PERMUTATIONS, Analysis, base_id, variant_index


def spec(**changes) -> Instance:
    base = Instance(name="T_X", task="T", hf_path="o/T_X", revision=None, type="classification",
                    metric="llm_classification")
    return replace(base, **changes)


# --- instructions


def test_alternatives_offer_the_same_options_with_the_same_letters():
    pool = ["Is the speaker happy or sad? Answer happy or sad.",
            "Classify the emotion. Options: sad, happy.",
            "What emotion is it? Choose from: happy, sad, angry.",
            "Which emotion? (a) happy (b) sad",
            "Which emotion is this? (a) sad (b) happy",
            "The emotion is (a) happy (b) sad. Which one?"]
    alternatives = instructions.Alternatives(spec(), pool)
    alike, why = alternatives.compatible(pool[0])
    assert alike == [pool[1]] and why is None  # the three-way list and the lettered lists differ
    lettered, _ = alternatives.compatible(pool[3])
    assert lettered == [pool[5]]  # (a) sad (b) happy makes the label "(a) happy" wrong: left out
    assert alternatives.compatible(pool[2]) == ([], instructions.NONE_ALIKE)


def test_the_label_set_stands_for_options_an_instruction_does_not_name():
    pool = ["What is the speaker's emotion?", "Describe the emotion you hear.", "Options: happy, sad."]
    with_labels = instructions.Alternatives(spec(label_set=("happy", "sad")), pool)
    assert with_labels.compatible(pool[0])[0] == [pool[1], pool[2]]
    bare = instructions.Alternatives(spec(), pool)
    assert bare.compatible(pool[0]) == ([], instructions.NO_OPTIONS)


def test_other_types_keep_instructions_that_ask_for_the_same_output():
    pool = ["Transcribe the speech.", "Write down what is said.", "Answer yes or no: is it speech?"]
    alternatives = instructions.Alternatives(spec(type="sequence_generation", metric="word_error_rate"), pool)
    assert alternatives.compatible(pool[0])[0] == [pool[1]]


def test_draws_are_seeded_by_the_sample_and_without_repeats():
    pool = [f"Wording {i}: is the speaker happy or sad? Answer happy or sad." for i in range(12)]
    alternatives = instructions.Alternatives(spec(), pool)
    first, _ = alternatives.draw(pool[0], 4, seed=0, file="clip_1")
    assert first == alternatives.draw(pool[0], 4, seed=0, file="clip_1")[0]
    assert len(set(first)) == 4 and pool[0] not in first
    assert first != alternatives.draw(pool[0], 4, seed=1, file="clip_1")[0]
    assert first != alternatives.draw(pool[0], 4, seed=0, file="clip_2")[0]
    everything, why = alternatives.draw(pool[0], 20, seed=0, file="clip_1")
    assert sorted(everything) == sorted(pool[1:]) and why == instructions.FEWER


def test_an_instance_of_separate_questions_or_one_wording_is_not_asked_again():
    assert "instruction_pool: questions" in instructions.instance_problem(
        spec(instruction_pool="questions"), ["a?", "b?"])
    assert "one distinct instruction" in instructions.instance_problem(spec(), ["only one"])
    assert instructions.instance_problem(spec(), ["a?", "b?"]) is None


# --- audio orders


def test_orders_are_distinct_other_than_the_original_and_seeded():
    orders = permutations.draw_orders(4, 5, seed=0, instance="I", file="#3")
    assert len(set(orders)) == 4 and (1, 2, 3, 4, 5) not in orders
    assert all(sorted(order) == [1, 2, 3, 4, 5] for order in orders)
    assert orders == permutations.draw_orders(4, 5, seed=0, instance="I", file="#3")
    assert orders != permutations.draw_orders(4, 5, seed=0, instance="I", file="#4")
    assert permutations.draw_orders(5, 2, 0, "I", "x") == [(2, 1)]  # only one other order exists
    every = permutations.draw_orders(10, 3, 0, "I", "x")
    assert sorted(every) == sorted(p for p in itertools.permutations((1, 2, 3)) if p != (1, 2, 3))
    many = permutations.draw_orders(6, 9, 0, "I", "x")  # 9! orders: drawn, not listed
    assert len(set(many)) == 6 and (tuple(range(1, 10))) not in many


def test_a_label_naming_a_place_follows_the_order():
    order = AudioOrder(labels=(("(A)", 1), ("(B)", 2), ("(C)", 3), ("(D)", 4), ("(E)", 5)))
    # candidate 2, which was (B), is shown fourth under this order: the answer becomes (D)
    shown = (3, 5, 1, 2, 4)
    assert permutations.mapped_labels({"answer": "(B)"}, order, shown) == {"answer": "(D)"}
    assert permutations.mapped_labels({"answer": " (b) "}, order, shown) == {"answer": "(D)"}
    assert permutations.mapped_labels({"answer": "(Z)"}, order, shown) is None
    invariant = AudioOrder.from_card("invariant")
    assert permutations.mapped_labels({"label": "yes"}, invariant, (2, 1)) == {"label": "yes"}
    assert permutations.labels_follow({"label": "(C)"}, order) and not permutations.labels_follow(
        {"label": "maybe"}, order)


def test_reordering_moves_the_candidates_and_leaves_the_reference():
    columns = ("reference_audio", "audio1", "audio2", "audio3")
    instance = spec(audio_columns=columns, audio_order=AudioOrder(("audio1", "audio2", "audio3")))
    values = {c: np.full(3, i, dtype=np.float32) for i, c in enumerate(columns)}
    sample = Sample("T_X", "#0", "q", {"label": "x"},
                    inputs=tuple(Input(InputKind.AUDIO, c, values[c]) for c in columns)
                    + (Input(InputKind.TEXT, "text", "context"),))
    moved = permutations.reordered(sample, instance, (3, 1, 2))
    assert [item.column for item in moved.inputs] == [*columns, "text"]
    assert [float(item.value[0]) for item in moved.inputs[:4]] == [0.0, 3.0, 1.0, 2.0]
    assert moved.inputs[4].value == "context"


def test_an_instance_needs_an_order_to_change_and_a_card_saying_how():
    assert "1 audio input" in permutations.instance_problem(spec(audio_order=AudioOrder()))
    assert "audio_order" in permutations.instance_problem(spec(audio_columns=("audio", "audio2")))
    only_one = AudioOrder(("audio2",))
    assert "1 audio input(s) to reorder" in permutations.instance_problem(
        spec(audio_columns=("audio", "audio2"), audio_order=only_one))


# --- the plan and the row ids


def test_variant_ids_name_their_sample_and_place():
    analysis = Analysis(INSTRUCTIONS, 3)
    assert analysis.key("clip_7", 2) == "clip_7#i2" and analysis.folder_suffix == "instructions-3"
    assert base_id("clip_7#i2") == "clip_7" and variant_index("clip_7#i2") == 2
    assert base_id("#12#p0") == "#12" and variant_index("#12#p0") == 0
    assert base_id("#12") == "#12" and variant_index("#12") is None
    assert base_id("a#b") == "a#b"


def test_a_plan_from_the_text_columns_with_limit_and_reasons(tmp_path):
    write_pairs(tmp_path / "tasks", tmp_path / "data", rows=9)
    instance = Catalogue.load(tmp_path / "tasks").instance("LouderClip_Pairs")
    data = open_instance(instance, tmp_path / "data")
    plan = plan_instance(Analysis(INSTRUCTIONS, 5), instance, data, seed=0, limit=6)
    assert plan.files == [f"pair_{i:03d}" for i in range(6)]
    assert all(len(v) == 3 for v in plan.variants.values())  # the two other wordings only
    assert plan.summary()["partial"] == {instructions.FEWER: 6} and plan.summary()["rows"] == 18
    orders = plan_instance(Analysis(PERMUTATIONS, 3), instance, data, seed=0, limit=None)
    assert [v.order for v in orders.variants["pair_000"]] == [(1, 2), (2, 1)]
    sample = next(data.samples(limit=1))
    shown = [(v.index, s.labels["label"], [float(np.abs(i.value).max()) > 0.3 for i in s.inputs])
             for v, s in asked(sample, orders.variants["pair_000"], instance, done=set())]
    assert shown == [(0, "second", [False, True]), (1, "first", [True, False])]  # row 0: second is louder
    assert [v.key for v, _ in asked(sample, orders.variants["pair_000"], instance,
                                    done={"pair_000#p0"})] == ["pair_000#p1"]


def test_a_dataset_without_ids_is_named_by_row_and_planned_so(tmp_path):
    write_mugen_like(tmp_path / "tasks", tmp_path / "data", rows=4)
    instance = Catalogue.load(tmp_path / "tasks").instance("LoudestCandidate_Test")
    data = open_instance(instance, tmp_path / "data")
    assert list(data.file_ids()) == ["#0", "#1", "#2", "#3"]
    assert [s.file for s in data.samples()] == ["#0", "#1", "#2", "#3"]
    plan = plan_instance(Analysis(PERMUTATIONS, 2), instance, data, seed=0, limit=None)
    assert [v.key for v in plan.variants["#2"]] == ["#2#p0", "#2#p1", "#2#p2"]


@pytest.mark.parametrize("value, expected", [
    ("invariant", "invariant"),
    ({"labels": {"first": 1, "second": 2}}, {"labels": {"first": 1, "second": 2}}),
    ({"columns": ["a", "b"]}, {"columns": ["a", "b"]}),
])
def test_audio_order_reads_the_card_and_writes_it_back(value, expected):
    assert AudioOrder.from_card(value).as_json() == expected
    assert AudioOrder.from_card(None) is None and AudioOrder.from_card(3) is None
