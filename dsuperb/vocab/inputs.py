"""Typed inputs: what a sample hands a model besides its instruction.

A sample (and the request made from it) carries `inputs`, a tuple of `Input(kind, column, value)`
in the card's order. Each kind has one card field that names its columns (`audio_columns`,
`text_columns`), one decoder in the data layer, and each adapter maps the kinds it accepts to
its own message parts. A new kind is a new `InputKind` member and its `CARD_FIELDS` entry here,
its decoder (`dsuperb/decoders.py`), its card field in the schema, and the adapters that take it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

SAMPLING_RATE = 16_000  # every audio input reaches a model as mono float32 at this rate


class InputKind(str, Enum):
    AUDIO = "audio"
    TEXT = "text"

    def __str__(self) -> str:
        return self.value


# kind -> the card field listing its columns (and that field's default when a card omits it)
CARD_FIELDS: dict[InputKind, tuple[str, tuple[str, ...]]] = {
    InputKind.AUDIO: ("audio_columns", ("audio",)),
    InputKind.TEXT: ("text_columns", ()),
}


@dataclass(frozen=True)
class Input:
    """One input of a sample: its kind, the dataset column it came from, and its decoded value
    (audio: a 1-D float32 array at SAMPLING_RATE; text: a string)."""

    kind: InputKind
    column: str
    value: object

    def with_value(self, value) -> Input:
        return Input(self.kind, self.column, value)


def of_kind(inputs: Iterable[Input], kind: InputKind) -> tuple:
    """The values of the inputs of one kind, in order."""
    return tuple(item.value for item in inputs if item.kind == kind)


class CarriesInputs:
    """For records holding `inputs` (a sample, a request): their audio and text values by kind."""

    inputs: tuple[Input, ...]

    @property
    def audios(self) -> tuple:
        return of_kind(self.inputs, InputKind.AUDIO)

    @property
    def texts(self) -> tuple:
        return of_kind(self.inputs, InputKind.TEXT)
