"""The one metric registry: every metric a card may name, what it fits, and where it lives.

Entries are data (the implementation is a lazy ``"module:function"`` string) so that
`dsuperb validate` can check metric names without importing any scorer.
"""

from __future__ import annotations

from dataclasses import dataclass

CLASSIFICATION = "classification"
REGRESSION = "regression"
SEQUENCE = "sequence_generation"
AUDIO_GENERATION = "audio_generation"


@dataclass(frozen=True)
class MetricInfo:
    name: str
    types: frozenset[str]
    higher_is_better: bool
    lower: float | None
    upper: float | None
    summary: str
    impl: str = ""  # "module:function" of the scorer, imported only when scoring

    def fits(self, task_type: str) -> bool:
        return task_type in self.types


def _m(name, types, higher, lower, upper, summary, impl=""):
    return MetricInfo(name, frozenset(types), higher, lower, upper, summary, impl)


_C, _R, _S = {CLASSIFICATION}, {REGRESSION}, {SEQUENCE}

METRICS: dict[str, MetricInfo] = {m.name: m for m in [
    _m("llm_classification", _C | _R | _S, True, 0, 1, "judge decides whether the response commits to the label"),
    _m("word_error_rate", _S, False, 0, None, "WER after lower-casing and stripping punctuation"),
    _m("character_error_rate", _S, False, 0, None, "CER (Chinese ASR)"),
    _m("phoneme_error_rate", _S, False, 0, None, "PER over space-separated phones"),
    _m("mix_error_rate", _S, False, 0, None, "error rate over words and CJK characters (code-switching)"),
    _m("sacre_bleu", _S, True, 0, 100, "corpus sacreBLEU"),
    _m("pearson_correlation_coefficient", _R, True, -1, 1, "Pearson r between predicted and true scores"),
    _m("speaker_count", _R | _C, True, 0, 1, "speaker-count accuracy"),
    _m("phone_segment_counting", _R | _C, True, 0, 1, "segment-count accuracy"),
    _m("code_switching_count", _R | _C, True, 0, 1, "count accuracy"),
    _m("audio_duration_prediction", _R, False, 0, None, "mean absolute relative error of durations"),
    _m("audio_spatial_distance", _R, False, 0, None, "mean absolute error of distances"),
    _m("sound_position", _R | _C, True, 0, 1, "position accuracy"),
    _m("singing_mos", _R, False, 0, None, "MOS prediction error"),
    _m("named_entity_recognition", _S, True, 0, 1, "entity F1"),
    _m("named_entity_localization", _S, True, 0, 1, "entity span F1"),
    _m("slot_filling", _S, True, 0, 1, "slot F1"),
    _m("speaker_diarization", _S, False, 0, None, "diarization error rate"),
    _m("sound_event_detection", _S, True, 0, 1, "event F1"),
    _m("music_transcription", _S, True, 0, 1, "note F1"),
    _m("music_beat_tracking", _S, True, 0, 1, "beat F-measure"),
    _m("marble_beat_tracking", _S, True, 0, 1, "beat F-measure (MARBLE)"),
    _m("pitch_extraction", _S, True, 0, 1, "raw pitch accuracy"),
    _m("third_tone_sandhi_recognition", _S, True, 0, 1, "sandhi accuracy"),
    _m("pos_estimation", _S, True, 0, 1, "PoS tag accuracy"),
    _m("audio_segment_retrieval", _S, True, 0, 1, "segment IoU"),
    _m("audio_editing_identification", _S, True, 0, 1, "editing identification accuracy"),
    _m("speech_command_recognition", _S | _C, True, 0, 1, "command accuracy"),
]}


def get(name: str) -> MetricInfo | None:
    return METRICS.get(name)


def names() -> list[str]:
    return sorted(METRICS)
