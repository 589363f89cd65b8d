"""Music scorers: beat tracking (two instances), note transcription, pitch extraction.

The organisers' exact scorers are not public; each follows its field's standard (mir_eval):

- music_beat_tracking / marble_beat_tracking: beat F-measure with a +-70 ms window, beats matched
  one-to-one; value = mean F-measure over rows (MIREX averages per track). Every number in the
  text is a beat time in seconds.
- music_transcription: note onset F1 (mir_eval "onset only" with pitch): a predicted note matches
  a reference note of the same MIDI pitch whose onset is within 50 ms, one-to-one; value = mean
  F1 over rows. Notes are read as a pitch (name like C#4, or MIDI number) with the first time next
  to it. Text with no times is compared as a pitch sequence (F1 of aligned matches).
- pitch_extraction: raw pitch accuracy: the i-th predicted pitch is correct when within 50 cents
  of the i-th reference pitch; value = correct / reference pitches over the corpus. Pitches are
  note names, MIDI numbers, or Hz (numbers above 127, converted).
"""

from __future__ import annotations

import math
import re

from .base import Context, Metric, RowScore, mean_of, row_labels
from .numbers import numbers_in

_NOTE = re.compile(r"(?<![A-Za-z])([A-Ga-g])([#♯b♭]?)(-?\d)(?![\d.])")
_SEMITONE = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_CHUNK = re.compile(r"\n|;|\)\s*,?\s*\(|\]\s*,?\s*\[|,\s*(?=[A-Ga-g][#♯b♭]?-?\d)")


def note_to_midi(letter: str, accidental: str, octave: str) -> int:
    shift = 1 if accidental in ("#", "♯") else -1 if accidental in ("b", "♭") else 0
    return 12 * (int(octave) + 1) + _SEMITONE[letter.lower()] + shift


def to_midi(value: float) -> float:
    """MIDI numbers stay; values above 127 are read as Hz."""
    return 69 + 12 * math.log2(value / 440.0) if value > 127 else value


def pitch_sequence(text: str) -> list[float]:
    """Pitches in order: note names where present, else every number (MIDI or Hz)."""
    notes = _NOTE.findall(text or "")
    if notes:
        return [float(note_to_midi(*n)) for n in notes]
    return [to_midi(v) for v, _ in numbers_in(text or "") if v > 0]


def beat_times(text: str) -> list[float]:
    return sorted(v for v, _ in numbers_in(text or "") if v >= 0)


def matched(ref: list[float], hyp: list[float], window: float) -> int:
    """One-to-one matches within the window (greedy over sorted times, as the usual beat scorers)."""
    ref, hyp = sorted(ref), sorted(hyp)
    i = j = hits = 0
    while i < len(ref) and j < len(hyp):
        if abs(ref[i] - hyp[j]) <= window:
            hits += 1
            i += 1
            j += 1
        elif hyp[j] < ref[i]:
            j += 1
        else:
            i += 1
    return hits


def f_measure(hits: int, n_ref: int, n_hyp: int) -> float:
    if n_ref == 0 and n_hyp == 0:
        return 1.0
    return 2 * hits / (n_ref + n_hyp) if n_ref + n_hyp else 0.0


class BeatF(Metric):
    higher_is_better = True
    window = 0.07

    def __init__(self, name: str):
        self.name = name

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref, hyp = beat_times(labels[0] if labels else ""), beat_times(response)
        hits = matched(ref, hyp, self.window)
        f = f_measure(hits, len(ref), len(hyp))
        na = not hyp and bool(ref)
        reason = f"{hits} of {len(ref)} beats within 70 ms, {len(hyp) - hits} extra"
        return RowScore(f, hyp, na, ("no beat times in the response; " if na else "") + reason, {"f": f})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"f": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "f")


def parse_notes(text: str) -> list[tuple[float | None, int]]:
    """(onset or None, MIDI pitch) per note."""
    notes = []
    for chunk in _CHUNK.split(text or ""):
        names = list(_NOTE.finditer(chunk))
        if names:
            for index, name in enumerate(names):
                end = names[index + 1].start() if index + 1 < len(names) else len(chunk)
                times = numbers_in(chunk[name.end():end]) or numbers_in(chunk[:name.start()])
                notes.append((times[0][0] if times else None, note_to_midi(*name.groups())))
            continue
        # "onset offset pitch": the last whole number in MIDI range is the pitch, the rest are times
        values = [v for v, _ in numbers_in(chunk)]
        where = [i for i, v in enumerate(values) if float(v).is_integer() and 0 <= v <= 127]
        if len(values) >= 2 and where:
            pitch = values[where[-1]]
            times = values[:where[-1]] + values[where[-1] + 1:]
            notes.append((min(times), int(pitch)))
    return notes


class NoteOnsetF1(Metric):
    name = "music_transcription"
    higher_is_better = True
    window = 0.05

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref, hyp = parse_notes(labels[0] if labels else ""), parse_notes(response)
        timed = ref and all(t is not None for t, _ in ref)
        if timed:
            hits = sum(matched([t for t, p in ref if p == pitch],
                               [t for t, p in hyp if p == pitch and t is not None], self.window)
                       for pitch in {p for _, p in ref})
            how = "onset within 50 ms and same pitch"
        else:
            from .error_rates import alignment_hits

            hits = alignment_hits([str(p) for _, p in ref], [str(p) for _, p in hyp])
            how = "aligned pitch sequence"
        f = f_measure(hits, len(ref), len(hyp))
        na = not hyp and bool(ref)
        reason = f"{hits} of {len(ref)} notes matched ({how}), {len(hyp)} predicted"
        reason = ("no notes in the response; " if na else "") + reason
        return RowScore(f, [[t, p] for t, p in hyp], na, reason, {"f": f})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"f": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "f")


class RawPitchAccuracy(Metric):
    name = "pitch_extraction"
    higher_is_better = True
    tolerance = 0.5  # semitones (50 cents)

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref, hyp = pitch_sequence(labels[0] if labels else ""), pitch_sequence(response)
        correct = sum(1 for r, h in zip(ref, hyp, strict=False) if abs(r - h) <= self.tolerance)
        score = correct / len(ref) if ref else float(not hyp)
        na = not hyp and bool(ref)
        reason = f"{correct} of {len(ref)} pitches within 50 cents ({len(hyp)} predicted)"
        return RowScore(score, [round(h, 2) for h in hyp], na, ("no pitches in the response; " if na else "")
                        + reason, {"correct": correct, "total": len(ref)})

    def failed(self, row, reason):
        labels = row_labels(row)
        return RowScore(0.0, None, True, reason,
                        {"correct": 0, "total": len(pitch_sequence(labels[0] if labels else ""))})

    def aggregate(self, stats):
        total = sum(s.get("total", 0) for s in stats)
        return sum(s.get("correct", 0) for s in stats) / total if total else None


MUSIC_BEAT_TRACKING = BeatF("music_beat_tracking")
MARBLE_BEAT_TRACKING = BeatF("marble_beat_tracking")
MUSIC_TRANSCRIPTION = NoteOnsetF1()
PITCH_EXTRACTION = RawPitchAccuracy()
