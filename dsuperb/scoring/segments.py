"""Time-segment scorers: named-entity localisation, audio segment retrieval, sound event
detection, speaker diarization.

The organisers' exact scorers are not public; each is its field's standard measure, computed on
segments read from the text (see `timeline.parse_segments`), and checked against the reference
implementation in the tests:

- named_entity_localization: frame-level F1 of entity time spans, as SLUE-NEL (types ignored):
  overlap of the predicted and reference span unions; corpus value 2*overlap / (pred + ref)
  (= pyannote.metrics DetectionPrecisionRecallFMeasure, collar 0).
- audio_segment_retrieval: intersection over union of the predicted and reference time spans;
  value = mean IoU over rows.
- sound_event_detection: segment-based F1 over 1-second segments (DCASE / sed_eval
  SegmentBasedMetrics), micro over classes and rows. An event is active in the segments
  floor(onset) .. ceil(offset) - 1, so a zero-length event on a segment edge is active in none.
  Predicted labels are mapped to the known class they name ("a dog barks" -> "dog").
- speaker_diarization: diarization error rate (missed + false alarm + confusion) / reference
  speech (= pyannote.metrics DiarizationErrorRate, collar 0, overlap scored), computed exactly
  over the segment boundaries; speakers mapped one-to-one by the Hungarian algorithm; a
  speaker's overlapping turns count once; corpus value from summed seconds. With no reference
  speech, DER is 0 when nothing is predicted and 1 otherwise (pyannote's rule).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..vocab.text import fold
from .base import Context, Metric, RowScore, error_rate_normalise, mean_of, row_labels
from .timeline import Segment, merge, overlap, parse_segments, total


def _spans(segments: list[Segment]) -> list[tuple[float, float]]:
    return [(s.start, s.end) for s in segments]


def _f1(tp: float, fp: float, fn: float) -> float:
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


class FrameF1(Metric):
    name = "named_entity_localization"
    higher_is_better = True

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref = merge(_spans(parse_segments(labels[0] if labels else "")))
        hyp = merge(_spans(parse_segments(response)))
        shared = overlap(ref, hyp)
        stats = {"overlap": shared, "pred": total(hyp), "ref": total(ref)}
        score = _f1(shared, stats["pred"] - shared, stats["ref"] - shared)
        na = not hyp and bool(ref)
        reason = (f"{len(hyp)} predicted span(s), {shared:.2f} s of {stats['ref']:.2f} s reference covered"
                  + ("; no time spans found in the response" if na else ""))
        return RowScore(score, [list(h) for h in hyp], na, reason, stats)

    def failed(self, row, reason):
        labels = row_labels(row)
        ref = total(_spans(parse_segments(labels[0] if labels else "")))
        return RowScore(0.0, None, True, reason, {"overlap": 0.0, "pred": 0.0, "ref": ref})

    def aggregate(self, stats):
        if not stats:
            return None
        shared = sum(s.get("overlap", 0.0) for s in stats)
        pred = sum(s.get("pred", 0.0) for s in stats)
        ref = sum(s.get("ref", 0.0) for s in stats)
        return 1.0 if pred + ref == 0 else 2 * shared / (pred + ref)


class SegmentIoU(Metric):
    name = "audio_segment_retrieval"
    higher_is_better = True

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref = merge(_spans(parse_segments(labels[0] if labels else "")))
        hyp = merge(_spans(parse_segments(response)))
        if not hyp:
            return RowScore(0.0, None, True, "no time span found in the response", {"iou": 0.0})
        union = total(ref + hyp)
        iou = overlap(ref, hyp) / union if union else 0.0
        return RowScore(iou, [list(h) for h in hyp], False, f"IoU {iou:.3f} with the reference span(s)",
                        {"iou": iou})

    def failed(self, row, reason):
        return RowScore(0.0, None, True, reason, {"iou": 0.0})

    def aggregate(self, stats):
        return mean_of(stats, "iou")


class SegmentBasedF1(Metric):
    name = "sound_event_detection"
    higher_is_better = True
    resolution = 1.0  # seconds per evaluation segment (DCASE segment-based metrics)

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref = parse_segments(labels[0] if labels else "")
        hyp = parse_segments(response)
        classes = tuple(sorted({s.label for s in ref if s.label} | {fold(c) for c in context.label_set or ()},
                               key=len, reverse=True))
        hyp = [Segment(_canonical(s.label, classes), s.start, s.end) for s in hyp]
        tp, fp, fn = segment_counts(ref, hyp, self.resolution)
        na = not hyp and bool(ref)
        reason = f"{len(hyp)} predicted event(s): {tp} hit, {fp} false, {fn} missed 1-s segment(s)"
        if na:
            reason = "no timed events found in the response; " + reason
        answer = [[s.label, s.start, s.end] for s in hyp]
        return RowScore(_f1(tp, fp, fn), answer, na, reason, {"tp": tp, "fp": fp, "fn": fn})

    def failed(self, row, reason):
        labels = row_labels(row)
        _, _, fn = segment_counts(parse_segments(labels[0] if labels else ""), [], self.resolution)
        return RowScore(0.0, None, True, reason, {"tp": 0, "fp": 0, "fn": fn})

    def aggregate(self, stats):
        if not stats:
            return None
        return _f1(*(sum(s.get(k, 0) for s in stats) for k in ("tp", "fp", "fn")))


def _canonical(label: str | None, classes: tuple[str, ...]) -> str | None:
    """A predicted label mapped to the known class it names: by name (longest first), else by meaning
    through the lexicon ("someone speaks" -> speech, "a dog barks" -> dog)."""
    if not label:
        return None
    for name in classes:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", label):
            return name
    return _by_meaning(label, classes) or label


@lru_cache(maxsize=4096)
def _by_meaning(label: str, classes: tuple[str, ...]) -> str | None:
    from .mentions import find
    from .option_terms import option_terms

    if not classes:
        return None
    named = {i for m in find(label, option_terms(classes)) if m.names_one for i in m.options}
    return classes[named.pop()] if len(named) == 1 else None


def segment_counts(ref: list[Segment], hyp: list[Segment], resolution: float) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) (class, segment) pairs, counted over integer
    segment ranges per class, never enumerating segments (an absurd "0-99999999" costs nothing)."""
    ref_ranges, hyp_ranges = _ranges(ref, resolution), _ranges(hyp, resolution)
    tp = sum(round(overlap(ranges, hyp_ranges.get(label, []))) for label, ranges in ref_ranges.items())
    ref_total = sum(round(total(r)) for r in ref_ranges.values())
    hyp_total = sum(round(total(r)) for r in hyp_ranges.values())
    return tp, hyp_total - tp, ref_total - tp


def _ranges(segments: list[Segment], resolution: float) -> dict[str, list[tuple[float, float]]]:
    """Per class, the segments an event is active in: floor(onset) to ceil(offset) (sed_eval's rule)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for segment in segments:
        first = math.floor(segment.start / resolution)
        last = math.ceil(segment.end / resolution)
        out.setdefault(segment.label or "", []).append((float(first), float(last)))
    return out


class DiarizationErrorRate(Metric):
    name = "speaker_diarization"
    higher_is_better = False

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref = parse_segments(labels[0] if labels else "")
        hyp = parse_segments(response)
        stats = diarization_errors(ref, hyp)
        der = der_value(stats)
        na = not hyp and bool(ref)
        reason = (f"DER {der:.3f}: missed {stats['miss']:.2f} s, false alarm {stats['fa']:.2f} s, "
                  f"confusion {stats['conf']:.2f} s of {stats['ref']:.2f} s")
        if na:
            reason = "no speaker segments found in the response; " + reason
        return RowScore(der, [[s.label, s.start, s.end] for s in hyp], na, reason, stats)

    def failed(self, row, reason):
        labels = row_labels(row)
        stats = diarization_errors(parse_segments(labels[0] if labels else ""), [])
        return RowScore(der_value(stats), None, True, reason + " (all speech missed)", stats)

    def aggregate(self, stats):
        if not stats:
            return None
        summed = {key: sum(s.get(key, 0.0) for s in stats) for key in ("miss", "fa", "conf", "ref")}
        return der_value(summed)

    def normalise(self, value):
        return error_rate_normalise(value)


def der_value(stats: dict) -> float:
    """errors / reference speech; with no reference speech, 0 if nothing was predicted, else 1."""
    errors = stats["miss"] + stats["fa"] + stats["conf"]
    if stats["ref"] > 0:
        return errors / stats["ref"]
    return 0.0 if errors == 0 else 1.0


def diarization_errors(ref: list[Segment], hyp: list[Segment]) -> dict:
    """Missed, false-alarm and confusion seconds, and reference speech seconds (overlap counted),
    swept exactly over the segment boundaries; a speaker's overlapping turns count once."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    ref_turns, hyp_turns = _turns(ref), _turns(hyp)
    ref_names, hyp_names = sorted(ref_turns), sorted(hyp_turns)
    events = sorted({t for turns in (ref_turns, hyp_turns) for spans in turns.values() for span in spans
                     for t in span})
    shared = np.zeros((len(ref_names), len(hyp_names)))
    miss = fa = matched_max = ref_total = 0.0
    for start, end in zip(events, events[1:], strict=False):
        duration, middle = end - start, (start + end) / 2
        speaking = [i for i, name in enumerate(ref_names) if _active(ref_turns[name], middle)]
        guessed = [j for j, name in enumerate(hyp_names) if _active(hyp_turns[name], middle)]
        miss += max(len(speaking) - len(guessed), 0) * duration
        fa += max(len(guessed) - len(speaking), 0) * duration
        matched_max += min(len(speaking), len(guessed)) * duration
        ref_total += len(speaking) * duration
        for i in speaking:
            for j in guessed:
                shared[i, j] += duration
    correct = 0.0
    if ref_names and hyp_names:
        rows, cols = linear_sum_assignment(-shared)
        correct = float(shared[rows, cols].sum())
    return {"miss": miss, "fa": fa, "conf": max(matched_max - correct, 0.0), "ref": ref_total}


def _turns(segments: list[Segment]) -> dict[str, list[tuple[float, float]]]:
    by_speaker: dict[str, list[tuple[float, float]]] = {}
    for segment in segments:
        by_speaker.setdefault(segment.label or "?", []).append((segment.start, segment.end))
    return {name: merged for name, spans in by_speaker.items() if (merged := merge(spans))}


def _active(spans: list[tuple[float, float]], moment: float) -> bool:
    return any(start <= moment < end for start, end in spans)


NAMED_ENTITY_LOCALIZATION = FrameF1()
AUDIO_SEGMENT_RETRIEVAL = SegmentIoU()
SOUND_EVENT_DETECTION = SegmentBasedF1()
SPEAKER_DIARIZATION = DiarizationErrorRate()
