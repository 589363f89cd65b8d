"""Instruction sensitivity: which other instructions may ask a sample's question, and which K do.

The pool is the instance's distinct instructions, in the order the dataset first gives them. An
alternative may ask a sample again only when it asks for the same answer: for classification, it
offers the same options (the same texts, and the same letters or numbers where they are
enumerated, since the label "(a) Female" is right only where (a) is Female), or, where an
instruction names no options, the card's label set stands for them; for other types it names no
options the original does not (both ask for a transcript, a number, a caption). The K are drawn
without replacement by a generator seeded with (seed, instance, sample id), so a sample's
variants never depend on batching, sharding or resumption.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..cards import Instance
from ..infra.hashing import stable_int
from ..vocab.options import parse_options
from ..vocab.tasktypes import TaskType
from ..vocab.text import fold

QUESTIONS = "questions"
NO_OPTIONS = "the instruction offers no answer options and the card has no label_set"
NONE_ALIKE = "no other instruction of the dataset offers the same answer options"
FEWER = "fewer instructions offer the same answer options than asked for"


def instance_problem(instance: Instance, pool: Sequence[str]) -> str | None:
    """Why no sample of the instance can be asked again in other words (None: some may be)."""
    if instance.instruction_pool == QUESTIONS:
        return "its card says each row asks its own question (instruction_pool: questions)"
    if len(pool) < 2:
        return "its dataset holds one distinct instruction"
    return None


def answer_options(instruction: str, instance: Instance) -> tuple | None:
    """What an instruction lets the model answer: (option texts, their markers), folded; the
    card's label set where the instruction names none; None where neither says."""
    parsed = parse_options(instruction)
    if parsed.texts:
        return (frozenset(fold(text) for text in parsed.texts),
                tuple(sorted((marker, fold(text)) for marker, text in parsed.markers.items())))
    if instance.label_set:
        return frozenset(fold(label) for label in instance.label_set), ()
    return None


class Alternatives:
    """The pool of one instance, with each instruction's options worked out once."""

    def __init__(self, instance: Instance, pool: Sequence[str]):
        self.instance = instance
        self.pool = list(dict.fromkeys(pool))
        self.options = {text: answer_options(text, instance) for text in self.pool}
        self.alike: dict[tuple | None, list[str]] = {}  # options -> the instructions offering them
        for text, options in self.options.items():
            self.alike.setdefault(options, []).append(text)
        self.classification = instance.type == TaskType.CLASSIFICATION

    def compatible(self, instruction: str) -> tuple[list[str], str | None]:
        """(the other instructions that ask for the same answer, why there are none)."""
        own = self.options[instruction] if instruction in self.options else answer_options(instruction,
                                                                                             self.instance)
        if self.classification and own is None:
            return [], NO_OPTIONS
        # classification: the same options; other types: no options either, or the same ones
        alike = [text for text in self.alike.get(own, ()) if text != instruction]
        return alike, (None if alike else NONE_ALIKE)

    def draw(self, instruction: str, count: int, seed: int, file: str) -> tuple[list[str], str | None]:
        """Up to `count` other instructions for one sample, and why there are fewer (or none)."""
        alike, why = self.compatible(instruction)
        if not alike:
            return [], why
        rng = random.Random(stable_int(seed, self.instance.name, file, "instructions"))
        chosen = rng.sample(alike, min(count, len(alike)))
        return chosen, (FEWER if len(chosen) < count else None)

