"""Time-segment scorers: named-entity localisation, audio segment retrieval, sound event
detection, speaker diarization.

The organisers' exact scorers are not public; each is its field's standard measure, computed on
segments read from the text (see `timeline.parse_segments`):

- named_entity_localization: frame-level F1 of entity time spans, as SLUE-NEL (types ignored):
  overlap of the predicted and reference span unions; corpus value 2*overlap / (pred + ref).
- audio_segment_retrieval: intersection over union of the predicted and reference time spans;
  value = mean IoU over rows.
- sound_event_detection: segment-based F1 over 1-second segments (DCASE / sed_eval), micro over
  classes and rows. Predicted labels are mapped to a known class they name ("a dog barks" -> "dog").
- speaker_diarization: diarization error rate (missed + false alarm + confusion) / reference
  speech, frame-based at 10 ms, no collar, overlap scored, speakers mapped one-to-one by the
  Hungarian algorithm; corpus value from summed seconds.
"""

from __future__ import annotations

import math
import re

from ..vocab.text import fold
from .base import Context, Metric, RowScore, error_rate_normalise, mean_of, row_labels
from .timeline import Segment, merge, overlap, parse_segments, total


def clip(hyp: list[Segment], ref: list[Segment]) -> list[Segment]:
    """A response may name absurd times ("99999999"); nothing past the reference's end plus 10
    minutes counts, which keeps frame grids small."""
    limit = max([s.end for s in ref] + [0.0]) + 600.0
    return [Segment(s.label, min(s.start, limit), min(s.end, limit)) for s in hyp]


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
        hyp = clip(parse_segments(response), ref)
        classes = sorted({s.label for s in ref if s.label} | {fold(c) for c in context.label_set or ()},
                         key=len, reverse=True)
        hyp = [Segment(_canonical(s.label, classes), s.start, s.end) for s in hyp]
        ref_active, hyp_active = _activity(ref, self.resolution), _activity(hyp, self.resolution)
        tp = len(ref_active & hyp_active)
        fp = len(hyp_active - ref_active)
        fn = len(ref_active - hyp_active)
        na = not hyp and bool(ref)
        reason = f"{len(hyp)} predicted event(s): {tp} hit, {fp} false, {fn} missed 1-s segment(s)"
        if na:
            reason = "no timed events found in the response; " + reason
        answer = [[s.label, s.start, s.end] for s in hyp]
        return RowScore(_f1(tp, fp, fn), answer, na, reason, {"tp": tp, "fp": fp, "fn": fn})

    def failed(self, row, reason):
        labels = row_labels(row)
        fn = len(_activity(parse_segments(labels[0] if labels else ""), self.resolution))
        return RowScore(0.0, None, True, reason, {"tp": 0, "fp": 0, "fn": fn})

    def aggregate(self, stats):
        if not stats:
            return None
        return _f1(*(sum(s.get(k, 0) for s in stats) for k in ("tp", "fp", "fn")))


def _canonical(label: str | None, classes: list[str]) -> str | None:
    """A predicted label mapped to the known class it names, longest name first."""
    if not label:
        return None
    for name in classes:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", label):
            return name
    return label


def _activity(segments: list[Segment], resolution: float) -> set[tuple[str, int]]:
    active = set()
    for segment in segments:
        first = math.floor(segment.start / resolution)
        last = math.ceil(segment.end / resolution)
        for index in range(first, max(last, first + 1)):
            active.add((segment.label or "", index))
    return active


class DiarizationErrorRate(Metric):
    name = "speaker_diarization"
    higher_is_better = False
    frame = 0.01

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        ref = parse_segments(labels[0] if labels else "")
        hyp = parse_segments(response)
        stats = diarization_errors(ref, hyp, self.frame)
        der = (stats["miss"] + stats["fa"] + stats["conf"]) / stats["ref"] if stats["ref"] else 0.0
        na = not hyp and bool(ref)
        reason = (f"DER {der:.3f}: missed {stats['miss']:.2f} s, false alarm {stats['fa']:.2f} s, "
                  f"confusion {stats['conf']:.2f} s of {stats['ref']:.2f} s")
        if na:
            reason = "no speaker segments found in the response; " + reason
        return RowScore(der, [[s.label, s.start, s.end] for s in hyp], na, reason, stats)

    def failed(self, row, reason):
        labels = row_labels(row)
        stats = diarization_errors(parse_segments(labels[0] if labels else ""), [], self.frame)
        return RowScore(1.0 if stats["ref"] else 0.0, None, True, reason + " (all speech missed)", stats)

    def aggregate(self, stats):
        if not stats:
            return None
        ref = sum(s.get("ref", 0.0) for s in stats)
        errors = sum(s.get("miss", 0.0) + s.get("fa", 0.0) + s.get("conf", 0.0) for s in stats)
        return errors / ref if ref else (0.0 if errors == 0 else math.inf)

    def normalise(self, value):
        return error_rate_normalise(value)


def diarization_errors(ref: list[Segment], hyp: list[Segment], frame: float) -> dict:
    """Missed, false-alarm and confusion seconds, and reference speech seconds (overlap counted)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    hyp = clip(hyp, ref)
    end = max([s.end for s in ref + hyp] + [0.0])
    frames = int(math.ceil(end / frame)) + 1
    ref_speakers = sorted({s.label or "?" for s in ref})
    hyp_speakers = sorted({s.label or "?" for s in hyp})
    ref_grid = _grid(ref, ref_speakers, frames, frame)
    hyp_grid = _grid(hyp, hyp_speakers, frames, frame)
    n_ref, n_hyp = ref_grid.sum(axis=0), hyp_grid.sum(axis=0)
    correct = 0
    if ref_speakers and hyp_speakers:
        shared = ref_grid.astype(np.int64) @ hyp_grid.T.astype(np.int64)  # frames both speak
        rows, cols = linear_sum_assignment(-shared)
        correct = int(shared[rows, cols].sum())
    miss = float(np.maximum(n_ref - n_hyp, 0).sum())
    false_alarm = float(np.maximum(n_hyp - n_ref, 0).sum())
    confusion = float(np.minimum(n_ref, n_hyp).sum()) - correct
    return {"miss": miss * frame, "fa": false_alarm * frame, "conf": confusion * frame,
            "ref": float(n_ref.sum()) * frame}


def _grid(segments: list[Segment], speakers: list[str], frames: int, frame: float):
    import numpy as np

    grid = np.zeros((len(speakers), frames), dtype=bool)
    index = {name: i for i, name in enumerate(speakers)}
    for segment in segments:
        first, last = int(round(segment.start / frame)), int(round(segment.end / frame))
        grid[index[segment.label or "?"], first:last] = True
    return grid


NAMED_ENTITY_LOCALIZATION = FrameF1()
AUDIO_SEGMENT_RETRIEVAL = SegmentIoU()
SOUND_EVENT_DETECTION = SegmentBasedF1()
SPEAKER_DIARIZATION = DiarizationErrorRate()
