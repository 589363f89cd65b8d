"""Music scorers: beat tracking (two instances), note transcription, pitch extraction, with
mir_eval doing the matching and the accuracy.

The organisers' exact scorers are not public; each follows its field's standard (mir_eval):

- music_beat_tracking / marble_beat_tracking: beat F-measure with a +-70 ms window, beats matched
  one-to-one by mir_eval's maximum bipartite matching (`mir_eval.util.match_events`); value =
  mean F-measure over rows (MIREX averages per track). Times are compared in whole microseconds,
  so a pair exactly 70 ms apart always matches (mir_eval.beat itself accepts such a pair or not
  depending on float rounding). Beats are not trimmed before 5 s (the clips are short).
- music_transcription: note onset F1 (`mir_eval.transcription.precision_recall_f1_overlap`, onset
  within 50 ms, pitch within 50 cents, offsets ignored); value = mean F1 over rows. Text with no
  times is compared as a pitch sequence: F1 of the longest common subsequence.
- pitch_extraction: raw pitch accuracy (`mir_eval.melody.raw_pitch_accuracy`): the i-th predicted
  pitch is correct when strictly within 50 cents of the i-th reference pitch; value = correct /
  reference pitches over the corpus. Pitches are note names, MIDI numbers, or Hz (a number with
  "Hz", or above 127).

Both empty (no beats / notes in the label and none predicted) scores 1 here; mir_eval gives 0.
"""

from __future__ import annotations

import math
import re

from .base import Context, Metric, RowScore, mean_of, row_labels
from .structured import ORDINAL_PREFIX, TIME, plain_lines, seconds

_NOTE = re.compile(r"(?<![A-Za-z])([A-Ga-g])([#♯b♭]?)(-?\d)(?!\d|\.\d)")
_SEMITONE = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_HZ = re.compile(r"(\d+(?:\.\d+)?)\s*(hz|khz)?\b", re.IGNORECASE)
_COUNT = re.compile(r"\b\d+\s+(?:beats?|notes?|pitches|onsets?)\b", re.IGNORECASE)
_KEYED = re.compile(r"\b(onset|start|offset|end|pitch|midi|note)\s*[:=]?\s*(\d+(?:\.\d+)?)", re.IGNORECASE)
_MICRO = 1_000_000


def note_to_midi(letter: str, accidental: str, octave: str) -> int:
    shift = 1 if accidental in ("#", "♯") else -1 if accidental in ("b", "♭") else 0
    return 12 * (int(octave) + 1) + _SEMITONE[letter.lower()] + shift


def to_midi(value: float) -> float:
    """MIDI numbers stay; values above 127 are read as Hz."""
    return hz_to_midi(value) if value > 127 else value


def hz_to_midi(value: float) -> float:
    return 69 + 12 * math.log2(value / 440.0)


def _content(text: str) -> str:
    """The reply without list markers, "Beat 1:" / "Note 2:" prefixes and counts ("2 beats")."""
    lines = [ORDINAL_PREFIX.sub("", line) for line in plain_lines(text)]
    return _COUNT.sub(" ", "\n".join(lines))


def pitch_sequence(text: str) -> list[float]:
    """Pitches in order (MIDI): note names where present, else numbers (with "Hz", or above 127: Hz)."""
    content = _content(text or "")
    notes = _NOTE.findall(content)
    if notes:
        return [float(note_to_midi(*n)) for n in notes]
    out = []
    for match in _HZ.finditer(content):
        value = float(match.group(1)) * (1000 if (match.group(2) or "").lower() == "khz" else 1)
        if value > 0:
            out.append(hz_to_midi(value) if match.group(2) else to_midi(value))
    return out


def beat_times(text: str) -> list[float]:
    """Every time in the reply is a beat (seconds; "500 ms" and "0:01.5" read as times)."""
    return sorted(t for t in (seconds(m) for m in TIME.finditer(_content(text or ""))) if t >= 0)


def f_measure(hits: int, n_ref: int, n_hyp: int) -> float:
    if n_ref == 0 and n_hyp == 0:
        return 1.0
    return 2 * hits / (n_ref + n_hyp) if n_ref + n_hyp else 0.0


def matched(ref: list[float], hyp: list[float], window: float) -> int:
    """One-to-one matches within the window (mir_eval's maximum bipartite matching), on whole
    microseconds so that a pair exactly on the window's edge is inside it."""
    if not ref or not hyp:
        return 0
    import numpy as np
    from mir_eval.util import match_events

    def micro(times):
        return np.array([round(t * _MICRO) for t in sorted(times)], dtype=float)

    return len(match_events(micro(ref), micro(hyp), round(window * _MICRO)))


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
    """(onset or None, MIDI pitch) per note: "C4 0.5-1.0", "0.5-1.0 C4" (times first), "C4 500 ms",
    "onset offset pitch" or "pitch onset offset" rows, "onset 0.5, pitch 60"."""
    notes = []
    for line in _content(text or "").split("\n"):
        for chunk in re.split(r"\s*;\s*|\)\s*,?\s*\(|\]\s*,?\s*\[", line):
            names = list(_NOTE.finditer(chunk))
            if names:
                notes.extend(_named_notes(chunk, names))
                continue
            pieces = [_numeric_note(piece) for piece in re.split(r",\s+", chunk)]
            notes.extend([n for piece in pieces for n in piece] if all(pieces) else _numeric_note(chunk))
    return notes


def _named_notes(chunk: str, names: list[re.Match]) -> list[tuple[float | None, int]]:
    times = [(m.start(), seconds(m)) for m in TIME.finditer(chunk)
             if not any(n.start() <= m.start() < n.end() for n in names)]
    times_first = bool(times) and times[0][0] < names[0].start()
    out = []
    for index, name in enumerate(names):
        if times_first:  # each note's times come before it, after the previous note
            low = names[index - 1].end() if index else 0
            mine = [t for at, t in times if low <= at < name.start()]
        else:
            high = names[index + 1].start() if index + 1 < len(names) else len(chunk)
            mine = [t for at, t in times if name.end() <= at < high]
        out.append((mine[0] if mine else None, note_to_midi(*name.groups())))
    return out


def _numeric_note(chunk: str) -> list[tuple[float | None, int]]:
    keyed = {key.lower(): float(value) for key, value in _KEYED.findall(chunk)}
    pitch = keyed.get("pitch", keyed.get("midi", keyed.get("note")))
    onset = keyed.get("onset", keyed.get("start"))
    if pitch is not None and onset is not None:
        return [(onset, int(round(pitch)))]
    values = [seconds(m) for m in TIME.finditer(chunk)]
    if len(values) < 2:
        return []
    # "onset offset pitch" or "pitch onset offset": the pitch is the whole MIDI-range number whose
    # reading leaves increasing times
    for position in (len(values) - 1, 0):
        pitch_value = values[position]
        rest = values[:position] + values[position + 1:]
        if float(pitch_value).is_integer() and 12 <= pitch_value <= 127 and rest == sorted(rest):
            return [(min(rest), int(pitch_value))]
    return []


class NoteOnsetF1(Metric):
    name = "music_transcription"
    higher_is_better = True
    window = 0.05

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref, hyp = parse_notes(labels[0] if labels else ""), parse_notes(response)
        timed = ref and all(t is not None for t, _ in ref)
        if timed:
            hits = _onset_matches(ref, [(t, p) for t, p in hyp if t is not None], self.window)
            how = "onset within 50 ms and same pitch"
        else:
            from .error_rates import alignment_hits

            hits = alignment_hits([p for _, p in ref], [p for _, p in hyp])
            how = "pitch sequence in order"
        f = f_measure(hits, len(ref), len(hyp))
        na = not hyp and bool(ref)
        reason = f"{hits} of {len(ref)} notes matched ({how}), {len(hyp)} predicted"
        reason = ("no notes in the response; " if na else "") + reason
        return RowScore(f, [[t, p] for t, p in hyp], na, reason, {"f": f})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"f": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "f")


def _onset_matches(ref: list[tuple[float, int]], hyp: list[tuple[float, int]], window: float) -> int:
    """Notes matched by mir_eval.transcription (onset only: offsets ignored, pitch within 50 cents)."""
    if not ref or not hyp:
        return 0
    import numpy as np
    from mir_eval.transcription import match_notes

    def arrays(notes):
        onsets = np.array([t for t, _ in notes], dtype=float)
        intervals = np.stack([onsets, onsets + 1.0], axis=1)  # offsets are not scored
        pitches = np.array([440.0 * 2 ** ((p - 69) / 12) for _, p in notes])
        return intervals, pitches

    ref_intervals, ref_pitches = arrays(ref)
    est_intervals, est_pitches = arrays(hyp)
    return len(match_notes(ref_intervals, ref_pitches, est_intervals, est_pitches, onset_tolerance=window,
                           pitch_tolerance=50.0, offset_ratio=None))


class RawPitchAccuracy(Metric):
    name = "pitch_extraction"
    higher_is_better = True
    tolerance = 50.0  # cents

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref, hyp = pitch_sequence(labels[0] if labels else ""), pitch_sequence(response)
        correct = raw_pitch_correct(ref, hyp, self.tolerance)
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


def raw_pitch_correct(ref: list[float], hyp: list[float], tolerance: float) -> int:
    """Reference pitches the i-th prediction matches, by mir_eval.melody.raw_pitch_accuracy on
    cents (100 x MIDI, exact for note names); a missing prediction is an unvoiced frame."""
    if not ref or not hyp:
        return 0
    import numpy as np
    from mir_eval.melody import raw_pitch_accuracy

    ref_cent = np.array([100.0 * p for p in ref])
    est_cent = np.array([100.0 * hyp[i] if i < len(hyp) else 0.0 for i in range(len(ref))])
    voiced = np.ones(len(ref))
    accuracy = raw_pitch_accuracy(voiced, ref_cent, (est_cent > 0).astype(float), est_cent, tolerance)
    return int(round(accuracy * len(ref)))


MUSIC_BEAT_TRACKING = BeatF("music_beat_tracking")
MARBLE_BEAT_TRACKING = BeatF("marble_beat_tracking")
MUSIC_TRANSCRIPTION = NoteOnsetF1()
PITCH_EXTRACTION = RawPitchAccuracy()
