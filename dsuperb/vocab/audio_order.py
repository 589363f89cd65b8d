"""What a card says about reordering an instance's audio inputs (its `audio_order` field).

`invariant`: the label does not depend on the order. Otherwise `columns` names the audio columns
that may be reordered (default: all of them; a reference clip left out stays where it is) and
`labels` maps each label that names an audio by its place to that place, 1-based within
`columns` ("first" -> 1, "(B)" -> 2). Labels are matched with surrounding space and case ignored
(SAKURA's answers carry stray leading spaces).
"""

from __future__ import annotations

from dataclasses import dataclass

INVARIANT = "invariant"


@dataclass(frozen=True)
class AudioOrder:
    columns: tuple[str, ...] | None = None  # None: every audio column of the instance
    labels: tuple[tuple[str, int], ...] = ()  # (label, place); empty: the order is invariant

    @classmethod
    def from_card(cls, value) -> AudioOrder | None:
        """The card's value (already schema-shaped, or anything: then None)."""
        if value == INVARIANT:
            return cls()
        if not isinstance(value, dict):
            return None
        columns = value.get("columns")
        labels = value.get("labels") or {}
        if not isinstance(labels, dict):
            return None
        return cls(tuple(str(c) for c in columns) if isinstance(columns, list) else None,
                   tuple((str(label), int(place)) for label, place in labels.items()
                         if isinstance(place, int)))

    @property
    def invariant(self) -> bool:
        return not self.labels

    def reordered(self, audio_columns: tuple[str, ...]) -> tuple[str, ...]:
        """The audio columns a permutation moves, in the card's order."""
        if self.columns is None:
            return tuple(audio_columns)
        return tuple(column for column in audio_columns if column in self.columns)

    def place_of(self, label) -> int | None:
        key = _key(label)
        return next((place for name, place in self.labels if _key(name) == key), None)

    def label_at(self, place: int) -> str | None:
        return next((name for name, at in self.labels if at == place), None)

    def as_json(self) -> dict | str:
        if self.columns is None and not self.labels:
            return INVARIANT
        out: dict = {}
        if self.columns is not None:
            out["columns"] = list(self.columns)
        if self.labels:
            out["labels"] = dict(self.labels)
        return out


def _key(label) -> str:
    return " ".join(str(label).split()).lower()
