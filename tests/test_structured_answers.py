"""Structured answers as chat models write them: numbered and bulleted lists, "Speaker N:" labels,
units and clocks, a leading sentence, markdown and code fences. Each reply below says the same as its
label, so it must score as well as the label itself would."""

from __future__ import annotations

import pytest

from dsuperb.scoring.api import score_rows

DIARIZATION = "A: 0.00-5.00; B: 5.00-10.00"
EVENTS = "dog: 0.5-2.0; speech: 3.0-5.0"
ENTITIES = "PERSON: juncker; PLACE: strasbourg"
NOTES = "C4 0.50-1.00, E4 1.00-1.50"

CASES = [
    # (metric, label, response, value)
    ("speaker_diarization", DIARIZATION, "Speaker 1: 0.00-5.00\nSpeaker 2: 5.00-10.00", 0.0),
    ("speaker_diarization", DIARIZATION, "SPEAKER_00: 0.00-5.00\nSPEAKER_01: 5.00-10.00", 0.0),
    ("speaker_diarization", DIARIZATION, "Speaker 1 (0.00-5.00), Speaker 2 (5.00-10.00)", 0.0),
    ("speaker_diarization", DIARIZATION, "[0.00-5.00] A\n[5.00-10.00] B", 0.0),
    ("speaker_diarization", DIARIZATION, "- Speaker A: 0.00 s - 5.00 s\n- Speaker B: 5.00 s - 10.00 s", 0.0),
    ("speaker_diarization", DIARIZATION, "Here is the diarization:\nA: 0.00-5.00\nB: 5.00-10.00", 0.0),
    ("speaker_diarization", DIARIZATION, "There are 2 speakers.\nA: 0.00-5.00\nB: 5.00-10.00", 0.0),
    ("speaker_diarization", DIARIZATION, "A: 0:00-0:05\nB: 0:05-0:10", 0.0),
    ("speaker_diarization", DIARIZATION, "A: 0 ms-5000 ms\nB: 5000 ms-10000 ms", 0.0),
    ("speaker_diarization", "1089: 0.00-5.00; 121: 5.00-10.00", "A: 0.00-5.00\nB: 5.00-10.00", 0.0),
    ("speaker_diarization", DIARIZATION,
     "Speaker A speaks from 0 to 5 seconds and Speaker B from 5 to 10 seconds.", 0.0),
    ("speaker_diarization", DIARIZATION, "```\nA: 0.00-5.00\nB: 5.00-10.00\n```", 0.0),
    ("music_beat_tracking", "0.50 1.00", "Beat 1: 0.50 s\nBeat 2: 1.00 s", 1.0),
    ("music_beat_tracking", "0.50 1.00", "1. 0.50\n2. 1.00", 1.0),
    ("music_beat_tracking", "0.50 1.00", "- 0.50 s\n- 1.00 s", 1.0),
    ("music_beat_tracking", "0.50 1.00", "500 ms, 1000 ms", 1.0),
    ("music_beat_tracking", "0.50 1.00", "There are 2 beats: 0.50, 1.00", 1.0),
    ("music_beat_tracking", "0.50 1.00", "0:00.50, 0:01.00", 1.0),
    ("music_beat_tracking", "0.50 1.00", "[0.5, 1.0]", 1.0),
    ("named_entity_recognition", ENTITIES, "1. PERSON: juncker\n2. PLACE: strasbourg", 1.0),
    ("named_entity_recognition", ENTITIES, "- PERSON: juncker\n- PLACE: strasbourg", 1.0),
    ("named_entity_recognition", ENTITIES, "* **PERSON**: Juncker\n* **PLACE**: Strasbourg", 1.0),
    ("named_entity_recognition", ENTITIES, "The entities are:\nPERSON: juncker\nPLACE: strasbourg", 1.0),
    ("named_entity_recognition", ENTITIES, "Here are the entities: PERSON: juncker, PLACE: strasbourg", 1.0),
    ("named_entity_recognition", ENTITIES, "```\nPERSON: juncker\nPLACE: strasbourg\n```", 1.0),
    ("named_entity_recognition", ENTITIES, '{"PERSON": ["juncker"], "PLACE": ["strasbourg"]}', 1.0),
    ("sound_event_detection", EVENTS, "1. Dog: 0.5-2.0\n2. Speech: 3.0-5.0", 1.0),
    ("sound_event_detection", EVENTS, "Dog: 500 ms - 2000 ms\nSpeech: 3000 ms - 5000 ms", 1.0),
    ("sound_event_detection", EVENTS, "I detected 2 events:\nDog: 0.5-2.0\nSpeech: 3.0-5.0", 1.0),
    ("sound_event_detection", EVENTS, "0.5-2.0: Dog\n3.0-5.0: Speech", 1.0),
    ("sound_event_detection", EVENTS,
     "A dog barks from 0.5 to 2.0 seconds, then someone speaks from 3.0 to 5.0 seconds.", 1.0),
    ("music_transcription", NOTES, "1. C4: 0.50-1.00\n2. E4: 1.00-1.50", 1.0),
    ("music_transcription", NOTES, "0.50-1.00 C4, 1.00-1.50 E4", 1.0),
    ("music_transcription", NOTES, "C4 500 ms, E4 1000 ms", 1.0),
    ("music_transcription", "0.50 1.00 60\n1.00 1.50 64", "60 0.50 1.00\n64 1.00 1.50", 1.0),
    ("music_transcription", "0.50 1.00 60\n1.00 1.50 64",
     "onset 0.5, offset 1.0, pitch 60; onset 1.0, offset 1.5, pitch 64", 1.0),
    ("pitch_extraction", "C4 D4 E4", "The notes are C4, D4 and E4.", 1.0),
    ("pitch_extraction", "C4 D4", "1. C4\n2. D4", 1.0),
    ("pitch_extraction", "261.63 293.66", "Note 1: 261.63 Hz, Note 2: 293.66 Hz", 1.0),
    ("speaker_count", "2", "1 speaker talks first, then another joins: 2 speakers in total.", 1.0),
    ("audio_duration_prediction", "90", "1:30", 0.0),
    ("audio_duration_prediction", "2.5", "The clip lasts 2,500 ms.", 0.0),
    # one table of time units (answer_words.TIME_UNITS) for every reader
    ("audio_duration_prediction", "0.5", "It lasts 500 毫秒.", 0.0),
    ("audio_segment_retrieval", "0.5-1.2", "500 msecs - 1200 msecs", 1.0),
    ("word_error_rate", "e-mail me", "email me", 0.0),
    ("word_error_rate", "it's 5.5 percent", "its 55 percent", 0.0),
    ("named_entity_localization", "PLACE: 1.0-2.0", "1. PLACE: 1.00 s to 2.00 s", 1.0),
    ("audio_segment_retrieval", "2.0-4.0", "1. 2.0-4.0", 1.0),
]


@pytest.mark.parametrize("metric,label,response,expected", CASES,
                         ids=[f"{c[0]}:{c[2][:28]}" for c in CASES])
def test_structured_reply_scores_as_its_label(metric, label, response, expected):
    row = {"instance": "X", "file": "a", "instruction": "", "label": label, "response": response,
           "error": None}
    result = score_rows([row], metric=metric)
    assert result.summary["value"] == pytest.approx(expected), result.rows[0]["answer"]


@pytest.mark.parametrize("metric,label,response,expected", [
    # the same shapes still catch wrong answers
    ("speaker_diarization", DIARIZATION, "Speaker 1: 0.00-10.00", 0.5),
    ("music_beat_tracking", "0.50 1.00", "Beat 1: 0.50 s\nBeat 2: 2.00 s", 0.5),
    ("named_entity_recognition", ENTITIES, "1. PERSON: juncker\n2. PERSON: strasbourg", 0.5),
    ("sound_event_detection", EVENTS, "1. Dog: 0.5-2.0\n2. Cat: 3.0-5.0", 2 * 2 / (2 * 2 + 2 + 2)),
])
def test_structured_wrong_answers_still_lose(metric, label, response, expected):
    row = {"instance": "X", "file": "a", "instruction": "", "label": label, "response": response,
           "error": None}
    assert score_rows([row], metric=metric).summary["value"] == pytest.approx(expected)
