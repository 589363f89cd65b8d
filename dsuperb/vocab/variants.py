"""The names of an analysis run's rows: which analysis, which variant of which sample.

A variant row is keyed `<file>#i<k>` (instructions) or `<file>#p<k>` (permutations), k = 0 being
the sample as the dataset gives it; `dsuperb/analyses/` plans the variants, the runner asks them,
the report reads them back through `base_id` and `variant_index`.
"""

from __future__ import annotations

from dataclasses import dataclass

INSTRUCTIONS, PERMUTATIONS = "instructions", "permutations"
KINDS = (INSTRUCTIONS, PERMUTATIONS)
MARKS = {INSTRUCTIONS: "i", PERMUTATIONS: "p"}


@dataclass(frozen=True)
class Analysis:
    kind: str
    variants: int  # K: answers asked for besides the sample's own

    @property
    def folder_suffix(self) -> str:
        """What the run folder's name says of it: `instructions-3`."""
        return f"{self.kind}-{self.variants}"

    def key(self, file: str, index: int) -> str:
        """The row id of a sample's `index`-th variant (0: the sample as it is)."""
        return f"{file}#{MARKS[self.kind]}{index}"

    def as_json(self) -> dict:
        return {"kind": self.kind, "variants": self.variants}

    @classmethod
    def from_json(cls, value) -> Analysis | None:
        if not isinstance(value, dict) or value.get("kind") not in KINDS:
            return None
        return cls(str(value["kind"]), int(value.get("variants") or 0))


@dataclass(frozen=True)
class Variant:
    """One way of asking a sample: its row id, index (0: the original), the instruction and, for
    a permutation, the order of the audios (original 1-based places in the order shown)."""

    key: str
    index: int
    instruction: str
    order: tuple[int, ...] | None = None

    @property
    def recorded(self):
        """What the row's `variant` field holds: the instruction used, or the order as a list."""
        return list(self.order) if self.order is not None else self.instruction


def base_id(file: str) -> str:
    """The sample a variant row belongs to: `clip_7#i2` -> `clip_7` (an id without a variant mark
    is its own sample)."""
    head, sep, tail = file.rpartition("#")
    if sep and tail[:1] in MARKS.values() and tail[1:].isdigit() and head:
        return head
    return file


def variant_index(file: str) -> int | None:
    """`clip_7#i2` -> 2; None for an id without a variant mark."""
    head, sep, tail = file.rpartition("#")
    if sep and head and tail[:1] in MARKS.values() and tail[1:].isdigit():
        return int(tail[1:])
    return None
