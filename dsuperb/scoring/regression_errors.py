"""Error-based regression scorers: duration, distance, singing MOS, and sound position.

The organisers' exact definitions are not public; each scorer below is its field's standard
error measure, and states what a response without a usable number costs (N/A is never free).
"""

from __future__ import annotations

import math
import re

from ..vocab.lexicon.answer_words import TIME_UNITS
from .base import Context, Metric, RowScore, error_rate_normalise, mean_of, row_labels, unscorable
from .matching import NumberOrOptionAccuracy
from .numbers import NumberAnswer, extract_number, parse_label_number
from .structured import TIME_UNIT

# A duration's unit (answer_words.TIME_UNITS); "1 minute and 30 seconds" adds its parts.
_UNIT = re.compile(rf"\s*({TIME_UNIT})\b", re.IGNORECASE)
_AND_MORE = re.compile(r"\s*(?:,|and)?\s*(\d+(?:\.\d+)?)(?=\s*(?:s|secs?|seconds?|ms|milliseconds?)\b)",
                       re.IGNORECASE)


class _NumericError(Metric):
    """Per-row error from (prediction, truth); value = mean per-row error (lower is better)."""

    higher_is_better = False
    unit = ""

    def error(self, prediction: float, truth: float) -> float:
        raise NotImplementedError

    def read(self, response: str) -> NumberAnswer:
        """The number the response commits to, in the metric's unit."""
        return extract_number(response)

    def missing_error(self, truth: float) -> float:
        """The error charged when the response has no number (or the sample failed)."""
        raise NotImplementedError

    def score_one(self, response, labels, row, context: Context) -> RowScore:
        truth = parse_label_number(labels[0])
        if truth is None:
            return unscorable(f"label '{labels[0]}' holds no number; row not scored")
        found = self.read(response)
        if found.value is None:
            error = self.missing_error(truth)
            return RowScore(error, found.text, True, f"{found.reason}; charged error {error:.4g}",
                            {"error": error})
        error = self.error(found.value, truth)
        return RowScore(error, found.value, False, f"predicted {found.value:g}{self.unit}, true {truth:g}"
                        f"{self.unit}: error {error:.4g}", {"error": error})

    def failed(self, row, reason):
        labels = row_labels(row)
        truth = parse_label_number(labels[0]) if labels else None
        if truth is None:
            return RowScore(None, None, True, reason, {})
        error = self.missing_error(truth)
        return RowScore(error, None, True, f"{reason}; charged error {error:.4g}", {"error": error})

    def aggregate(self, stats):
        return mean_of(stats, "error")


class DurationRelativeError(_NumericError):
    """Mean absolute relative error |p - t| / t of predicted durations (seconds).

    A unit after the number converts it ("2500 ms", "1.5 minutes", "1 minute and 30 seconds");
    a bare number is seconds. No number counts as predicting 0 s (relative error 1). A true
    duration of 0 uses |p - t|.
    Normalised: 100 * (1 - min(value, 1)).
    """

    name = "audio_duration_prediction"
    unit = " s"

    def read(self, response):
        found = extract_number(response)
        if found.value is None or found.end is None:
            return found
        unit = _UNIT.match(response, found.end)
        if not unit:
            return found  # a bare number is taken to be seconds
        seconds = found.value * _unit_seconds(unit.group(1))
        more = _AND_MORE.match(response, unit.end()) if _unit_seconds(unit.group(1)) >= 60 else None
        if more:  # "1 minute and 30 seconds", "2 min 5 s"
            rest_unit = _UNIT.match(response, more.end())
            seconds += float(more.group(1)) * _unit_seconds(rest_unit.group(1))
        shown = response[found.end - len(found.text):(rest_unit if more else unit).end()].strip()
        return NumberAnswer(seconds, found.text, f"duration {shown!r} = {seconds:g} s", found.end)

    def error(self, prediction, truth):
        return abs(prediction - truth) / abs(truth) if truth else abs(prediction - truth)

    def missing_error(self, truth):
        return 1.0 if truth else 0.0

    def normalise(self, value):
        return error_rate_normalise(value)


class DistanceAbsoluteError(_NumericError):
    """Mean absolute error of predicted distances (metres).

    No number counts as predicting 0 m (error = the true distance). Normalised:
    100 * max(0, 1 - MAE / 10 m): an average error of 10 m or more scores 0.
    """

    name = "audio_spatial_distance"
    unit = " m"
    scale = 10.0

    def error(self, prediction, truth):
        return abs(prediction - truth)

    def missing_error(self, truth):
        return abs(truth)

    def normalise(self, value):
        return None if value is None else max(0.0, 100.0 * (1.0 - value / self.scale))


class MosSquaredError(_NumericError):
    """Utterance-level mean squared error of predicted MOS on the 1-5 scale (as VoiceMOS/SingMOS).

    No number is charged the worst error possible on the scale, max(t - 1, 5 - t)^2.
    Normalised: 100 * max(0, 1 - RMSE / 4), 4 being the widest possible error.
    """

    name = "singing_mos"
    low, high = 1.0, 5.0

    def error(self, prediction, truth):
        return (prediction - truth) ** 2

    def missing_error(self, truth):
        return max(truth - self.low, self.high - truth) ** 2

    def normalise(self, value):
        if value is None:
            return None
        return max(0.0, 100.0 * (1.0 - math.sqrt(value) / (self.high - self.low)))


class PositionAccuracy(NumberOrOptionAccuracy):
    """Accuracy of the predicted sound position.

    Numeric labels (an angle, an index) must be matched exactly by the number the response commits
    to; word labels ("left", "front right") are read by the embedded judge against the label set or
    the instruction's options, like classification.
    """

    name = "sound_position"

    def is_numeric(self, label: str) -> bool:
        return _numeric(label)


def _unit_seconds(unit: str) -> float:
    return TIME_UNITS[unit.lower()]


def _numeric(label: str) -> bool:
    try:
        float(str(label).strip())
    except ValueError:
        return False
    return True


AUDIO_DURATION_PREDICTION = DurationRelativeError()
AUDIO_SPATIAL_DISTANCE = DistanceAbsoluteError()
SINGING_MOS = MosSquaredError()
SOUND_POSITION = PositionAccuracy()
