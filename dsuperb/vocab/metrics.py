"""The metric catalogue: every metric a card may name, the task types it fits, its direction and
range, whether it needs a judge, and where its scorer lives.

Entries are data (the scorer is a lazy ``"module:attribute"`` string) so that `dsuperb validate`,
`list` and `new` can check and offer metric names without importing any scorer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .tasktypes import TaskType

CLASSIFICATION = TaskType.CLASSIFICATION.value
REGRESSION = TaskType.REGRESSION.value
SEQUENCE = TaskType.SEQUENCE_GENERATION.value
AUDIO_GENERATION = TaskType.AUDIO_GENERATION.value
JUDGED = "llm_classification"  # the one metric a judge decides


@dataclass(frozen=True)
class MetricInfo:
    name: str
    types: frozenset[str]
    higher_is_better: bool
    lower: float | None
    upper: float | None
    summary: str
    impl: str = ""  # "module:attribute" of the scorer, imported only when scoring

    def fits(self, task_type: str) -> bool:
        return task_type in self.types

    @property
    def needs_judge(self) -> bool:
        return self.name == JUDGED


def _m(name, types, higher, lower, upper, summary, impl=""):
    return MetricInfo(name, frozenset(types), higher, lower, upper, summary, impl)


_C, _R, _S = {CLASSIFICATION}, {REGRESSION}, {SEQUENCE}

METRICS: dict[str, MetricInfo] = {m.name: m for m in [
    _m("llm_classification", _C | _R | _S, True, 0, 1, "a judge: does the response commit to the label"),
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
    _m("singing_mos", _R, False, 0, 16, "mean squared error of predicted MOS (1-5 scale)"),
    _m("named_entity_recognition", _S, True, 0, 1, "entity (type, value) F1"),
    _m("named_entity_localization", _S, True, 0, 1, "frame-level F1 of entity time spans"),
    _m("slot_filling", _S, True, 0, 1, "slot (type, value) F1"),
    _m("speaker_diarization", _S, False, 0, None, "diarization error rate"),
    _m("sound_event_detection", _S, True, 0, 1, "segment-based event F1 (1 s segments)"),
    _m("music_transcription", _S, True, 0, 1, "note onset F1 (50 ms, same pitch)"),
    _m("music_beat_tracking", _S, True, 0, 1, "beat F-measure (70 ms)"),
    _m("marble_beat_tracking", _S, True, 0, 1, "beat F-measure (70 ms, MARBLE)"),
    _m("pitch_extraction", _S, True, 0, 1, "raw pitch accuracy (50 cents)"),
    _m("third_tone_sandhi_recognition", _S, True, 0, 1, "aligned tone accuracy"),
    _m("pos_estimation", _S, True, 0, 1, "aligned PoS tag accuracy"),
    _m("audio_segment_retrieval", _S, True, 0, 1, "mean IoU of time spans"),
    _m("audio_editing_identification", _S, True, 0, 1, "editing identification accuracy"),
    _m("speech_command_recognition", _S | _C, True, 0, 1, "command accuracy"),
]}

# Where each scorer lives, relative to dsuperb.scoring (one module per metric family).
_IMPLS = {
    "llm_classification": "classification:LLM_CLASSIFICATION",
    "word_error_rate": "error_rates:WORD_ERROR_RATE",
    "character_error_rate": "error_rates:CHARACTER_ERROR_RATE",
    "phoneme_error_rate": "error_rates:PHONEME_ERROR_RATE",
    "mix_error_rate": "error_rates:MIX_ERROR_RATE",
    "sacre_bleu": "bleu:SACRE_BLEU",
    "pearson_correlation_coefficient": "correlation:PEARSON",
    "speaker_count": "counting:SPEAKER_COUNT",
    "phone_segment_counting": "counting:PHONE_SEGMENT_COUNTING",
    "code_switching_count": "counting:CODE_SWITCHING_COUNT",
    "audio_duration_prediction": "regression_errors:AUDIO_DURATION_PREDICTION",
    "audio_spatial_distance": "regression_errors:AUDIO_SPATIAL_DISTANCE",
    "sound_position": "regression_errors:SOUND_POSITION",
    "singing_mos": "regression_errors:SINGING_MOS",
    "named_entity_recognition": "entities:NAMED_ENTITY_RECOGNITION",
    "named_entity_localization": "segments:NAMED_ENTITY_LOCALIZATION",
    "slot_filling": "entities:SLOT_FILLING",
    "speaker_diarization": "segments:SPEAKER_DIARIZATION",
    "sound_event_detection": "segments:SOUND_EVENT_DETECTION",
    "music_transcription": "music:MUSIC_TRANSCRIPTION",
    "music_beat_tracking": "music:MUSIC_BEAT_TRACKING",
    "marble_beat_tracking": "music:MARBLE_BEAT_TRACKING",
    "pitch_extraction": "music:PITCH_EXTRACTION",
    "third_tone_sandhi_recognition": "tags:THIRD_TONE_SANDHI",
    "pos_estimation": "tags:POS_ESTIMATION",
    "audio_segment_retrieval": "segments:AUDIO_SEGMENT_RETRIEVAL",
    "audio_editing_identification": "matching:AUDIO_EDITING_IDENTIFICATION",
    "speech_command_recognition": "matching:SPEECH_COMMAND_RECOGNITION",
}
METRICS = {name: replace(info, impl=f"dsuperb.scoring.{_IMPLS[name]}") if name in _IMPLS else info
           for name, info in METRICS.items()}


def get(name: str) -> MetricInfo | None:
    return METRICS.get(name)


def names() -> list[str]:
    return sorted(METRICS)


# Types whose metric is fixed by the Phase-2 protocol (regression and sequence generation name their own).
FIXED_METRIC = {CLASSIFICATION: JUDGED, AUDIO_GENERATION: None}
