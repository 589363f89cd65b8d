"""Control runs: the same samples with the audio taken away, to see how much a score needs it.

- `silence`: every audio input becomes zeros of the same length.
- `shuffle`: every audio input becomes the matching input of another sample of the same instance.

A model that really listens should drop towards chance under both; one whose score barely moves
is answering from the instruction alone (or its adapter drops the audio).

Shuffling is deterministic: the stream is cut into groups by position (`GROUP` samples, the last
group folded into the one before so none is left alone), and within a group the samples are
ordered by a stable hash of (seed, instance, file id) and each takes its successor's audio. The
donor of a sample therefore depends on the dataset order and the seed only, never on batching,
resumption or sharding, provided the runner feeds every sample (it filters afterwards). A sample
with no other sample to take audio from (an instance of one clip) hears silence instead: under
a control, no sample ever hears its own audio.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

import numpy as np

from .infra.hashing import stable_int
from .vocab.controls import CONTROLS, SHUFFLE, SILENCE
from .vocab.inputs import InputKind

GROUP = 64


def with_audios(sample, audios: tuple):
    """A copy of a sample whose audio inputs hold other audio (its other inputs unchanged)."""
    replacements = iter(audios)
    inputs = tuple(item.with_value(next(replacements)) if item.kind == InputKind.AUDIO else item
                   for item in sample.inputs)
    return dataclasses.replace(sample, inputs=inputs)


def silence(samples: Iterable) -> Iterator:
    for sample in samples:
        if sample.audios:
            sample = with_audios(sample, tuple(np.zeros_like(audio) for audio in sample.audios))
        yield sample


def shuffle(samples: Iterable, seed: int, instance: str, group: int = GROUP) -> Iterator:
    buffer = []
    for sample in samples:
        buffer.append(sample)
        if len(buffer) == 2 * group:
            yield from _derange(buffer[:group], seed, instance)
            buffer = buffer[group:]
    yield from _derange(buffer, seed, instance)


def _derange(group: list, seed: int, instance: str) -> list:
    """Each sample with audio takes the audio of the next one in hash order (none keeps its own)."""
    donors = [s for s in group if s.audios and not getattr(s, "error", None)]
    if len(donors) < 2:
        return list(silence(group))
    order = sorted(donors, key=lambda s: (stable_int(seed, instance, s.file), str(s.file)))
    given = {id(s): order[(k + 1) % len(order)] for k, s in enumerate(order)}
    out = []
    for sample in group:
        donor = given.get(id(sample))
        if donor is None:
            out.append(sample)
            continue
        audios = tuple(
            donor.audios[j] if j < len(donor.audios) else np.zeros_like(own)
            for j, own in enumerate(sample.audios)
        )
        out.append(with_audios(sample, audios))
    return out


def apply(control: str | None, samples: Iterable, seed: int, instance: str) -> Iterable:
    if control is None:
        return samples
    if control == SILENCE:
        return silence(samples)
    if control == SHUFFLE:
        return shuffle(samples, seed, instance)
    raise ValueError(f"unknown control {control!r}; expected one of: {', '.join(CONTROLS)}")
