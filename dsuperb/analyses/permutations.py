"""Audio-order self-consistency (after MUGEN's audio-permutational self-consistency): the same
multi-audio sample with its audios in other orders.

An order is written as the original 1-based places of the reordered audio columns in the order
they are shown: (2, 1) swaps two clips. The card's `audio_order` says which columns move (a
reference clip left out stays where it is) and how the label follows: an invariant label stays;
a label naming a place ("second", "(B)") becomes the label of the place that clip is shown at.
K orders other than the original are drawn, distinct, by a generator seeded with (seed,
instance, sample id); where fewer other orders exist, all of them are used.
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np

from ..cards import Instance
from ..infra.hashing import stable_int
from ..vocab.audio_order import AudioOrder
from ..vocab.inputs import InputKind

UNMAPPED = "its label names no place in audio_order.labels"
FEWER = "fewer other orders of its audios exist than asked for"
ENUMERATE_UP_TO = 5040  # 7!: every order is listed; beyond it, orders are drawn at random


def instance_problem(instance: Instance) -> str | None:
    """Why the instance's audios are not reordered (None: they are)."""
    order = instance.audio_order
    if len(instance.audio_columns) < 2:
        return f"it has {len(instance.audio_columns)} audio input(s): no order to change"
    if order is None:
        return ("its card does not declare audio_order (invariant, or how the label follows the "
                "order of its audios)")
    moved = order.reordered(instance.audio_columns)
    if len(moved) < 2:
        return f"it has {len(moved)} audio input(s) to reorder"
    return None


def draw_orders(count: int, size: int, seed: int, instance: str, file: str) -> list[tuple[int, ...]]:
    """Up to `count` distinct orders of `size` clips, the original order excluded."""
    identity = tuple(range(1, size + 1))
    others = math.factorial(size) - 1
    rng = np.random.default_rng(stable_int(seed, instance, file, "permutations"))
    if others <= count:
        return [p for p in itertools.permutations(identity) if p != identity]
    if others <= ENUMERATE_UP_TO:
        every = [p for p in itertools.permutations(identity) if p != identity]
        return [every[i] for i in sorted(rng.choice(len(every), size=count, replace=False))]
    chosen: dict[tuple[int, ...], None] = {}
    while len(chosen) < count:
        order = tuple(int(i) + 1 for i in rng.permutation(size))
        if order != identity:
            chosen.setdefault(order)
    return list(chosen)


def mapped_labels(labels: dict[str, str], audio_order: AudioOrder, order: tuple[int, ...]) -> dict | None:
    """The labels as they read with the audios shown in `order`; None when the first label names
    no place although the card maps places to labels (the sample cannot be reordered)."""
    if audio_order.invariant:
        return dict(labels)
    out = {}
    for position, (column, value) in enumerate(labels.items()):
        place = audio_order.place_of(value)
        if place is None:
            if position == 0:
                return None
            out[column] = value
            continue
        out[column] = audio_order.label_at(order.index(place) + 1)
    return out


def labels_follow(labels: dict[str, str], audio_order: AudioOrder) -> bool:
    """Whether the sample's labels can follow a reordering (its first label names a place)."""
    return audio_order.invariant or (bool(labels) and audio_order.place_of(next(iter(labels.values())))
                                     is not None)


def reordered(sample, instance: Instance, order: tuple[int, ...]):
    """A copy of the sample with its moved audio inputs shown in `order` (the others in place)."""
    moved = instance.audio_order.reordered(instance.audio_columns)
    values = {item.column: item.value for item in sample.inputs
              if item.kind == InputKind.AUDIO and item.column in moved}
    shown = {column: values[moved[place - 1]] for column, place in zip(moved, order, strict=True)}
    inputs = tuple(item.with_value(shown[item.column]) if item.column in shown else item
                   for item in sample.inputs)
    return dataclasses.replace(sample, inputs=inputs)
