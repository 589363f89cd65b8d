"""The metric catalogue: every metric a card may name, the task types it fits, its direction and
range, whether it needs a judge, and where its scorer lives.

Entries are data (the scorer is a lazy ``"module:attribute"`` string) so that `dsuperb validate`,
`list` and `new` can check and offer metric names without importing any scorer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tasktypes import TaskType

CLASSIFICATION = TaskType.CLASSIFICATION.value
REGRESSION = TaskType.REGRESSION.value
SEQUENCE = TaskType.SEQUENCE_GENERATION.value
AUDIO_GENERATION = TaskType.AUDIO_GENERATION.value
JUDGED = "llm_classification"  # the one metric a judge decides
SCORERS = "dsuperb.scoring"  # where the scorer modules live (imported only when scoring)


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


def _m(name, types, higher, lower, upper, summary, scorer):
    return MetricInfo(name, frozenset(types), higher, lower, upper, summary, f"{SCORERS}.{scorer}")


_C, _R, _S = {CLASSIFICATION}, {REGRESSION}, {SEQUENCE}

# One row per metric: name, task types it fits, higher is better, lower and upper bound, a one-line
# summary, and its scorer as "module:attribute" under dsuperb.scoring (imported only when scoring).
METRICS: dict[str, MetricInfo] = {m.name: m for m in [
    _m("llm_classification", _C | _R | _S, True, 0, 1, "a judge: does the response commit to the label",
       "classification:LLM_CLASSIFICATION"),
    _m("word_error_rate", _S, False, 0, None, "corpus WER, jiwer-style normalisation (docs/scoring.md)",
       "error_rates:WORD_ERROR_RATE"),
    _m("character_error_rate", _S, False, 0, None, "CER (Chinese ASR)",
       "error_rates:CHARACTER_ERROR_RATE"),
    _m("phoneme_error_rate", _S, False, 0, None, "PER over phones as written, split at spaces",
       "error_rates:PHONEME_ERROR_RATE"),
    _m("mix_error_rate", _S, False, 0, None, "error rate over words and CJK characters (code-switching)",
       "error_rates:MIX_ERROR_RATE"),
    _m("sacre_bleu", _S, True, 0, 100, "corpus sacreBLEU",
       "bleu:SACRE_BLEU"),
    _m("pearson_correlation_coefficient", _R, True, -1, 1, "Pearson r between predicted and true scores",
       "correlation:PEARSON"),
    _m("speaker_count", _R | _C, True, 0, 1, "speaker-count accuracy",
       "counting:SPEAKER_COUNT"),
    _m("phone_segment_counting", _R | _C, True, 0, 1, "segment-count accuracy",
       "counting:PHONE_SEGMENT_COUNTING"),
    _m("code_switching_count", _R | _C, True, 0, 1, "count accuracy",
       "counting:CODE_SWITCHING_COUNT"),
    _m("audio_duration_prediction", _R, False, 0, None, "mean absolute relative error of durations",
       "regression_errors:AUDIO_DURATION_PREDICTION"),
    _m("audio_spatial_distance", _R, False, 0, None, "mean absolute error of distances",
       "regression_errors:AUDIO_SPATIAL_DISTANCE"),
    _m("sound_position", _R | _C, True, 0, 1, "position accuracy",
       "regression_errors:SOUND_POSITION"),
    _m("singing_mos", _R, False, 0, 16, "mean squared error of predicted MOS (1-5 scale)",
       "regression_errors:SINGING_MOS"),
    _m("named_entity_recognition", _S, True, 0, 1, "entity (type, value) F1",
       "entities:NAMED_ENTITY_RECOGNITION"),
    _m("named_entity_localization", _S, True, 0, 1, "frame-level F1 of entity time spans",
       "segments:NAMED_ENTITY_LOCALIZATION"),
    _m("slot_filling", _S, True, 0, 1, "slot (type, value) F1",
       "entities:SLOT_FILLING"),
    _m("speaker_diarization", _S, False, 0, None, "diarization error rate (no collar, exact boundaries)",
       "segments:SPEAKER_DIARIZATION"),
    _m("sound_event_detection", _S, True, 0, 1, "segment-based event F1 (1 s segments, as sed_eval)",
       "segments:SOUND_EVENT_DETECTION"),
    _m("music_transcription", _S, True, 0, 1, "note onset F1 (50 ms, same pitch; mir_eval)",
       "music:MUSIC_TRANSCRIPTION"),
    _m("music_beat_tracking", _S, True, 0, 1, "beat F-measure (70 ms; mir_eval)",
       "music:MUSIC_BEAT_TRACKING"),
    _m("marble_beat_tracking", _S, True, 0, 1, "beat F-measure (70 ms, MARBLE; mir_eval)",
       "music:MARBLE_BEAT_TRACKING"),
    _m("pitch_extraction", _S, True, 0, 1, "raw pitch accuracy (50 cents; mir_eval)",
       "music:PITCH_EXTRACTION"),
    _m("third_tone_sandhi_recognition", _S, True, 0, 1, "tone accuracy (longest in-order match)",
       "tags:THIRD_TONE_SANDHI"),
    _m("pos_estimation", _S, True, 0, 1, "PoS tag accuracy (longest in-order match)",
       "tags:POS_ESTIMATION"),
    _m("audio_segment_retrieval", _S, True, 0, 1, "mean IoU of time spans",
       "segments:AUDIO_SEGMENT_RETRIEVAL"),
    _m("audio_editing_identification", _S, True, 0, 1, "editing identification accuracy",
       "matching:AUDIO_EDITING_IDENTIFICATION"),
    _m("speech_command_recognition", _S | _C, True, 0, 1, "command accuracy",
       "matching:SPEECH_COMMAND_RECOGNITION"),
]}


def get(name: str) -> MetricInfo | None:
    return METRICS.get(name)


def names() -> list[str]:
    return sorted(METRICS)


def needs_judge(name: str | None) -> bool:
    """Whether rows of this metric are decided by a judge (and carry its identity)."""
    return name == JUDGED
