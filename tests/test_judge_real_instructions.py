"""The embedded judge on 830 of the organisers' real instructions, with answers written around a real
label L and another real option O the way chat models write them: every committed form of L is
accepted, and no hedge between L and O, and no answer O, ever is."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from dsuperb.scoring.judge_base import JudgeItem
from dsuperb.scoring.judge_embedded import decide

REAL = Path(__file__).resolve().parent.parent / "reference" / "real_instruction_templates.jsonl.gz"
COMMITTED = ["{L}", "The answer is {L}.", "**Answer:** {L}", "{L}. It matches what I hear.",
             "{L}. It does not sound like {O}.", "I think it is {L}.", "My answer: '{L}'",
             "{L}, because {O} would sound different.", "Final answer: {L}"]
NOT_COMMITTED = ["{O}. It does not sound like {L}.", "It could be {L} or {O}.", "{O}", "Either {O} or {L}."]


@pytest.fixture(scope="module")
def cases():
    with gzip.open(REAL, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [row for row in rows if row["options"] and 2 <= len(row["options"]) <= 60]
    rng = random.Random(0)
    rng.shuffle(rows)
    out = []
    for row in rows[:830]:
        label, other = rng.sample([option.strip() for option in row["options"]], 2)
        out.append((row["instruction"], label, other))
    return out


@pytest.mark.parametrize("template", COMMITTED)
def test_committed_answers_are_accepted(cases, template):
    misses = [(text, template.format(L=label, O=other)) for text, label, other in cases
              if not decide(JudgeItem(text, (label,), template.format(L=label, O=other))).correct]
    assert len(misses) <= len(cases) // 100, misses[:5]


@pytest.mark.parametrize("template", NOT_COMMITTED)
def test_other_answers_and_hedges_are_never_accepted(cases, template):
    accepted = [(text, template.format(L=label, O=other)) for text, label, other in cases
                if decide(JudgeItem(text, (label,), template.format(L=label, O=other))).correct]
    assert not accepted, accepted[:5]
