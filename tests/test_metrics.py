"""Every Phase-2 metric on hand-computed cases (the arithmetic is in the comments)."""

from __future__ import annotations

import math

import pytest

from dsuperb.scoring import aggregate, normalise, score_rows
from dsuperb.scoring.api import get_metric
from dsuperb.vocab import metrics as registry

# The `metric` column of the organisers' instance map (reference/phase2_instances.tsv).
PHASE2_METRICS = {
    "llm_classification", "word_error_rate", "character_error_rate", "phoneme_error_rate", "mix_error_rate",
    "sacre_bleu", "pearson_correlation_coefficient", "speaker_count", "phone_segment_counting",
    "code_switching_count", "audio_duration_prediction", "audio_spatial_distance", "sound_position",
    "singing_mos", "named_entity_recognition", "named_entity_localization", "slot_filling",
    "speaker_diarization", "sound_event_detection", "music_transcription", "music_beat_tracking",
    "marble_beat_tracking", "pitch_extraction", "third_tone_sandhi_recognition", "pos_estimation",
    "audio_segment_retrieval", "audio_editing_identification", "speech_command_recognition",
}


def rows(*pairs, instruction="", **extra):
    return [{"instance": "T", "file": f"f{i}", "instruction": instruction, "label": label,
             "response": response, "error": None, **extra} for i, (label, response) in enumerate(pairs)]


def run(metric, *pairs, **kw):
    return score_rows(rows(*pairs, **kw), metric=metric)


def test_every_phase2_metric_has_a_scorer_that_declares_itself():
    assert PHASE2_METRICS <= set(registry.names())
    for name in PHASE2_METRICS:
        info, scorer = registry.get(name), get_metric(name)
        assert scorer.name == name
        assert scorer.higher_is_better == info.higher_is_better
        assert info.lower is not None and info.summary


# -- error rates ------------------------------------------------------------------------------------

def test_word_error_rate_is_corpus_level_after_normalisation():
    result = run("word_error_rate",
                 ("The cat sat on the mat.", "the cat sit on mat"),  # sat->sit, "the" deleted: 2 / 6
                 ("Hello, World!", "hello world"))  # 0 / 2 (case and punctuation ignored)
    assert [r["score"] for r in result.rows] == pytest.approx([2 / 6, 0.0])
    assert result.rows[0]["stats"] == {"errors": 2, "ref": 6}
    assert result.summary["value"] == pytest.approx(2 / 8)  # not the mean of row rates (1/6)
    assert result.summary["normalised"] == pytest.approx(75.0)
    assert result.summary["higher_is_better"] is False
    assert aggregate("word_error_rate", result.rows[:1]) == pytest.approx(1 / 3)


def test_word_error_rate_charges_failed_samples_all_deletions():
    pairs = rows(("a b c", "a b c"), ("d e f", None))
    pairs[1]["error"] = "CUDA out of memory"
    result = score_rows(pairs, metric="word_error_rate")
    failed = result.rows[1]
    assert failed["score"] == 1.0 and failed["na"] and "CUDA out of memory" in failed["reason"]
    assert result.summary["value"] == pytest.approx(3 / 6)
    assert result.summary["errors"] == 1 and result.summary["na_rate"] == 0.5


def test_word_error_rate_with_an_empty_reference_counts_insertions():
    result = run("word_error_rate", ("", "x y"), ("a b", "a b"))
    assert result.rows[0]["stats"] == {"errors": 2, "ref": 0}
    assert result.summary["value"] == pytest.approx(2 / 2)


def test_character_error_rate_ignores_spaces_and_punctuation():
    result = run("character_error_rate", ("我爱你。", "我 爱 他"))  # 你->他: 1 / 3
    assert result.summary["value"] == pytest.approx(1 / 3)


def test_phoneme_error_rate_over_phones():
    result = run("phoneme_error_rate", ("DH AH0 K AE1 T", "dh ah0 k ae1 t s"))  # one insertion / 5
    assert result.summary["value"] == pytest.approx(0.2)


def test_mix_error_rate_counts_cjk_characters_and_words():
    # tokens: 我 们 go to 学 校 (6); "go" -> "going" is one substitution
    result = run("mix_error_rate", ("我们 go to 学校", "我们 going to 学校"))
    assert result.summary["value"] == pytest.approx(1 / 6)


def test_error_rate_normalisation_caps_at_zero():
    assert normalise("word_error_rate", 0.0) == 100.0
    assert normalise("word_error_rate", 0.25) == pytest.approx(75.0)
    assert normalise("word_error_rate", 1.7) == 0.0
    assert normalise("word_error_rate", None) is None


# -- BLEU ------------------------------------------------------------------------------------------

def test_sacre_bleu_corpus_from_row_statistics():
    import sacrebleu

    sentence = "the quick brown fox jumps today"
    result = run("sacre_bleu", (sentence, sentence), (sentence, ""))
    # matches 6/5/4/3 of 6/5/4/3 n-grams: precision 1; hypothesis 6 tokens, reference 12: BP = e^(1-2)
    assert result.summary["value"] == pytest.approx(100 * math.exp(-1), abs=1e-6)
    assert result.rows[0]["score"] == pytest.approx(100.0)
    assert result.rows[1]["na"]
    expected = sacrebleu.corpus_bleu([sentence, ""], [[sentence, sentence]]).score
    assert result.summary["value"] == pytest.approx(expected)
    assert aggregate("sacre_bleu", result.rows[:1]) == pytest.approx(100.0)
    assert normalise("sacre_bleu", 36.8) == pytest.approx(36.8)


def test_sacre_bleu_tokenises_chinese_references():
    result = run("sacre_bleu", ("我爱你", "我爱他"))
    assert result.rows[0]["stats"]["tokenize"] == "zh"
    assert result.rows[0]["stats"]["counts"][0] == 2  # 我, 爱 match as single characters


# -- regression ------------------------------------------------------------------------------------

def test_pearson_on_perfect_and_imputed_predictions():
    perfect = run("pearson_correlation_coefficient", ("1", "Score: 1"), ("2", "2"), ("3", "I'd say three."))
    assert perfect.summary["value"] == pytest.approx(1.0)
    # the N/A row is imputed with the answered mean 2: r(1,2,3,2 ; 1,2,3,4) = 2 / sqrt(2 * 5)
    imputed = run("pearson_correlation_coefficient", ("1", "1"), ("2", "2"), ("3", "3"), ("4", "no idea"))
    assert imputed.summary["value"] == pytest.approx(2 / math.sqrt(10))
    assert imputed.summary["na_rate"] == 0.25
    assert imputed.rows[3]["na"] and "imputed" in imputed.rows[3]["reason"]


def test_pearson_edge_cases_and_normalisation():
    constant = run("pearson_correlation_coefficient", ("1", "5"), ("2", "5"), ("3", "5"))
    assert constant.summary["value"] == 0.0
    inverse = run("pearson_correlation_coefficient", ("1", "3"), ("2", "2"), ("3", "1"))
    assert inverse.summary["value"] == pytest.approx(-1.0) and inverse.summary["normalised"] == 0.0
    assert run("pearson_correlation_coefficient", ("2", "1"), ("2", "3")).summary["value"] is None
    assert normalise("pearson_correlation_coefficient", 0.6) == pytest.approx(60.0)


@pytest.mark.parametrize("metric", ["speaker_count", "phone_segment_counting", "code_switching_count"])
def test_count_accuracy(metric):
    result = run(metric, ("3", "There are three speakers."), ("3", "2 or 3"), ("3", "4"),
                 ("0", "no speakers"))
    assert [r["score"] for r in result.rows] == [1.0, 0.0, 0.0, 1.0]
    assert [r["na"] for r in result.rows] == [False, True, False, False]
    assert result.rows[0]["answer"] == 3
    assert result.summary["value"] == pytest.approx(0.5)
    assert result.summary["normalised"] == pytest.approx(50.0)


@pytest.mark.parametrize("metric", ["speaker_count", "audio_duration_prediction",
                                    "pearson_correlation_coefficient"])
def test_a_label_without_a_number_leaves_the_row_out(metric):
    result = run(metric, ("3", "3"), ("4", "4"), ("unknown", "3"))
    left_out = result.rows[2]
    assert left_out["score"] is None and left_out["na"] and left_out["stats"] == {}
    assert "label 'unknown' holds no number" in left_out["reason"]
    assert result.summary["value"] == run(metric, ("3", "3"), ("4", "4")).summary["value"]


def test_duration_relative_error():
    result = run("audio_duration_prediction", ("4.0", "about 5 seconds"), ("2", "I cannot tell"))
    assert [r["score"] for r in result.rows] == pytest.approx([0.25, 1.0])  # |5-4|/4; no number = 1
    assert result.summary["value"] == pytest.approx(0.625)
    assert result.summary["normalised"] == pytest.approx(37.5)


@pytest.mark.parametrize("response,seconds", [
    ("2500 ms", 2.5), ("It lasts 1.5 minutes.", 90), ("1 minute and 30 seconds", 90), ("2 min 5 s", 125),
    ("The clip is 4s long.", 4), ("five seconds", 5), ("The answer is 3", 3),
])
def test_duration_units_convert_to_seconds(response, seconds):
    row = run("audio_duration_prediction", ("10", response)).rows[0]
    assert row["answer"] == pytest.approx(seconds), row
    assert row["score"] == pytest.approx(abs(seconds - 10) / 10)


def test_distance_absolute_error():
    result = run("audio_spatial_distance", ("3.5", "2 meters"), ("1.0", "1 m"), ("2.0", "far away"))
    assert [r["score"] for r in result.rows] == pytest.approx([1.5, 0.0, 2.0])  # no number = predicting 0
    assert result.summary["value"] == pytest.approx(3.5 / 3)
    assert normalise("audio_spatial_distance", 0.75) == pytest.approx(92.5)
    assert normalise("audio_spatial_distance", 12.0) == 0.0


def test_singing_mos_squared_error():
    result = run("singing_mos", ("4", "3.5"), ("2", "no idea"))
    # 0.5^2 = 0.25; no number: worst on the 1-5 scale for truth 2 is |5 - 2| = 3 -> 9
    assert [r["score"] for r in result.rows] == pytest.approx([0.25, 9.0])
    assert result.summary["value"] == pytest.approx(4.625)
    assert result.summary["normalised"] == pytest.approx(100 * (1 - math.sqrt(4.625) / 4))


def test_sound_position_numeric_and_worded():
    numeric = run("sound_position", ("90", "At 90 degrees."), ("45", "90"))
    assert [r["score"] for r in numeric.rows] == [1.0, 0.0]
    worded = run("sound_position", ("left", "It comes from the right."), ("left", "left side"),
                 instruction="Where is the sound? Answer left or right.")
    assert [r["score"] for r in worded.rows] == [0.0, 1.0]


# -- typed entities --------------------------------------------------------------------------------

def test_named_entity_recognition_f1():
    result = run("named_entity_recognition",
                 ("PERSON: angela merkel; PLACE: berlin", "Angela Merkel (PERSON), Paris (PLACE)"))
    assert result.rows[0]["stats"] == {"tp": 1, "fp": 1, "fn": 1}
    assert result.summary["value"] == pytest.approx(0.5)


def test_named_entity_recognition_empty_sets():
    result = run("named_entity_recognition", ("none", "No entities."), ("PLACE: rome", "none"))
    assert result.rows[0]["score"] == 1.0 and not result.rows[0]["na"]
    assert result.rows[1]["score"] == 0.0 and result.rows[1]["na"]
    assert result.summary["value"] == 0.0  # tp 0, fn 1


def test_slot_filling_micro_f1():
    result = run("slot_filling", ("date: tomorrow; city: paris", '{"date": "tomorrow", "city": "Paris"}'),
                 ("date: today", "date: tomorrow"))
    assert [r["score"] for r in result.rows] == [1.0, 0.0]
    assert result.summary["value"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))


# -- time segments ---------------------------------------------------------------------------------

def test_named_entity_localization_frame_f1():
    result = run("named_entity_localization", ("1.0-2.0; 3.0-4.0", "1.5-2.5"))
    # overlap 0.5 s, predicted 1.0 s, reference 2.0 s: F1 = 2 * 0.5 / 3
    assert result.summary["value"] == pytest.approx(1 / 3)


def test_audio_segment_retrieval_iou():
    result = run("audio_segment_retrieval", ("2.0-4.0", "from 3 to 5 seconds"), ("1-2", "I don't know"))
    assert [r["score"] for r in result.rows] == pytest.approx([1 / 3, 0.0])  # 1 s shared of 3 s union
    assert result.rows[1]["na"]
    assert result.summary["value"] == pytest.approx(1 / 6)


def test_sound_event_detection_segment_f1():
    result = run("sound_event_detection", ("dog 0.0-2.0; cat 1.0-3.0", "dog barking 0.0-1.0; cat 1.0-3.0"))
    # 1-s segments: ref dog {0,1}, cat {1,2}; predicted dog {0}, cat {1,2}: tp 3, fp 0, fn 1
    assert result.rows[0]["stats"] == {"tp": 3, "fp": 0, "fn": 1}
    assert result.summary["value"] == pytest.approx(6 / 7)


def test_speaker_diarization_error_rate():
    result = run("speaker_diarization", ("A 0-10; B 10-20", "spk1 0-12; spk2 12-20"))
    # best mapping A->spk1, B->spk2; 10-12 s is B's speech given to spk1: confusion 2 s of 20 s
    assert result.summary["value"] == pytest.approx(0.1, abs=1e-6)
    assert result.summary["normalised"] == pytest.approx(90.0, abs=1e-4)
    overlap = run("speaker_diarization", ("A 0-10; B 5-15", "X 0-10"))
    # 20 s of reference speech; 5-10 s has two speakers but one predicted (5 s missed), 10-15 s missed
    assert overlap.summary["value"] == pytest.approx(0.5, abs=1e-6)
    assert overlap.rows[0]["stats"]["miss"] == pytest.approx(10.0)


# -- music -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("metric", ["music_beat_tracking", "marble_beat_tracking"])
def test_beat_f_measure(metric):
    result = run(metric, ("0.5 1.0 1.5 2.0", "0.52, 1.1, 1.49, 3.0"))
    # hits: 0.52 (20 ms) and 1.49 (10 ms); 1.1 is 100 ms off: F = 2*2 / (4 + 4)
    assert result.summary["value"] == pytest.approx(0.5)


def test_music_transcription_onset_f1():
    result = run("music_transcription", ("C4 0.50-1.00, E4 1.00-1.50, G4 1.50-2.00",
                                         "C4 0.52-1.0, E4 1.2-1.5, A4 1.5-2.0"))
    # C4 within 50 ms; E4 200 ms late; A4 is the wrong pitch: F = 2*1 / (3 + 3)
    assert result.summary["value"] == pytest.approx(1 / 3)
    untimed = run("music_transcription", ("C4 E4 G4", "C4 E4"))
    assert untimed.summary["value"] == pytest.approx(2 * 2 / 5)


def test_pitch_extraction_raw_pitch_accuracy():
    assert run("pitch_extraction", ("C4 D4 E4", "C4 D#4 E4")).summary["value"] == pytest.approx(2 / 3)
    # 261.63 Hz is MIDI 60.0; 300 Hz is MIDI 62.37 (within 50 cents of 62)
    assert run("pitch_extraction", ("60 62", "261.63 300")).summary["value"] == pytest.approx(1.0)


# -- tag sequences and short answers ---------------------------------------------------------------

def test_third_tone_sandhi_aligned_accuracy():
    syllables = run("third_tone_sandhi_recognition", ("ni2 hao3", "ni3 hao3"))
    assert syllables.summary["value"] == pytest.approx(0.5)
    digits = run("third_tone_sandhi_recognition", ("2 3 3", "The tones are 2, 3"))
    assert digits.summary["value"] == pytest.approx(2 / 3)


def test_pos_estimation_aligned_accuracy():
    result = run("pos_estimation", ("The cat sat / DET NOUN VERB", "DET NOUN NOUN"),
                 ("DET NOUN VERB", "Tags: DET NOUN VERB ADV"))
    assert [r["score"] for r in result.rows] == pytest.approx([2 / 3, 3 / 4])
    assert result.summary["value"] == pytest.approx(5 / 7)


def test_audio_editing_identification():
    long_reply = "the speaker said hello there my friend and many other words that go on and on"
    result = run("audio_editing_identification", ("hello", "The edited word is 'hello'."),
                 ("hello", long_reply), ("hello", "goodbye"))
    assert [r["score"] for r in result.rows] == [1.0, 0.0, 0.0]


def test_speech_command_recognition():
    digits = run("speech_command_recognition", ("5", "five"), ("5", "It's 3."))
    assert [r["score"] for r in digits.rows] == [1.0, 0.0]
    words = run("speech_command_recognition", ("yes", "up"), ("down", "The command is down."),
                instruction="Which command? Answer with one of: yes, no, up, down.")
    assert [r["score"] for r in words.rows] == [0.0, 1.0]


def test_every_metric_normalises_into_0_100():
    for name in registry.names():
        scorer = get_metric(name)
        for value in (0.0, 0.5, 1.0, 3.0):
            scaled = scorer.normalise(value)
            assert scaled is not None and 0.0 <= scaled <= 100.0, (name, value, scaled)
        assert scorer.normalise(None) is None


def test_edit_counts_agree_with_jiwer():
    import random

    import jiwer

    from dsuperb.scoring.error_rates import edit_errors

    rng = random.Random(3)
    words = "a b c d e f".split()
    for _ in range(300):
        ref = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        hyp = [w for w in ref if rng.random() > 0.2] + [rng.choice(words)] * rng.randint(0, 2)
        if rng.random() < 0.3:
            hyp = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        if not hyp:
            continue
        out = jiwer.process_words(" ".join(ref), " ".join(hyp))
        assert edit_errors(ref, hyp) == out.substitutions + out.deletions + out.insertions
    assert edit_errors([], ["x", "y"]) == 2 and edit_errors(["x"], []) == 1
