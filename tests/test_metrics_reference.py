"""Every metric that has a reference implementation, against it, on randomized inputs: jiwer,
sacrebleu, scipy, scikit-learn, pyannote.metrics, sed_eval and mir_eval; with values exactly on
tolerance edges and degenerate events (zero-length, empty) mixed in.

Times are written at the precision the text carries, so what is compared is the maths; the
deliberate differences (no DER collar, N/A imputation for Pearson, corpus-level WER, both-empty
scoring 1) are tested where they are documented, in docs/scoring.md.
"""

from __future__ import annotations

import math
import random
import warnings

import pytest

from dsuperb.scoring.api import score_rows

warnings.filterwarnings("ignore", category=DeprecationWarning)
TRIALS = 120


def value(metric, pairs, label_set=None):
    rows = [{"instance": "X", "file": f"f{i}", "instruction": "", "label": label, "response": response,
             "error": None} for i, (label, response) in enumerate(pairs)]
    return score_rows(rows, metric=metric, label_set=label_set).summary["value"]


def rng_for(name):
    return random.Random(f"reference-{name}")


# -- text error rates ---------------------------------------------------------------------------

WORDS = ["the", "cat", "e-mail", "don't", "U.S.A.", "5.5", "snake_case", "state-of-the-art", "x/y",
         "well--known", "hello,", "(world)", "it's", "a", "dog", "mat", "l'été", "naïve", "co-op", "!", "—"]


def random_text(rng, low=0, high=8):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def test_word_error_rate_is_jiwer_with_its_punctuation_pipeline():
    import jiwer

    transform = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                               jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])
    rng = rng_for("wer")
    for _ in range(TRIALS):
        pairs = [(random_text(rng, 1), random_text(rng)) for _ in range(rng.randint(1, 4))]
        pairs = [(r, h) for r, h in pairs if transform(r)[0]]
        if not pairs:
            continue
        references, hypotheses = [r for r, _ in pairs], [h for _, h in pairs]
        expected = jiwer.wer(references, hypotheses, reference_transform=transform,
                             hypothesis_transform=transform)
        assert value("word_error_rate", pairs) == pytest.approx(expected), pairs


def test_character_and_mixed_error_rates_are_jiwer_on_their_tokens():
    import jiwer

    rng = rng_for("cer")
    han = "我爱你他们是好的中国人说话"
    for _ in range(TRIALS):
        ref = "".join(rng.choice(han) for _ in range(rng.randint(1, 8)))
        hyp = "".join(rng.choice(han) for _ in range(rng.randint(0, 8)))
        assert value("character_error_rate", [(ref, hyp)]) == pytest.approx(
            jiwer.wer(" ".join(ref), " ".join(hyp) or "", ) if hyp else 1.0)
        mixed_ref, mixed_hyp = f"{ref} hello world", f"{hyp} hello"
        expected = jiwer.wer(" ".join(list(ref)) + " hello world", " ".join(list(hyp)) + " hello")
        assert value("mix_error_rate", [(mixed_ref, mixed_hyp)]) == pytest.approx(expected)


def test_phoneme_error_rate_keeps_the_symbols_of_phones():
    import jiwer

    rng = rng_for("per")
    phones = ["h", "h#", "a:", "a", "ə", "tʃ", "ʔ", "aɪ", "n", "s'", "ŋ"]
    for _ in range(TRIALS):
        ref = " ".join(rng.choice(phones) for _ in range(rng.randint(1, 8)))
        hyp = " ".join(rng.choice(phones) for _ in range(rng.randint(1, 8)))
        assert value("phoneme_error_rate", [(ref, hyp)]) == pytest.approx(jiwer.wer(ref, hyp)), (ref, hyp)


def test_corpus_wer_differs_from_the_mean_of_rows_as_documented():
    # docs/scoring.md: corpus 2/3 here, the mean of per-row rates would be 0.75
    assert value("word_error_rate", [("ran mat", "mat"), ("cat", "")]) == pytest.approx(2 / 3)


# -- BLEU, correlation, accuracies, regression errors ------------------------------------------

def test_bleu_is_sacrebleu_corpus_and_sentence():
    import sacrebleu

    rng = rng_for("bleu")
    vocabulary = "the cat sat on a mat dog ran far away quickly".split()
    for _ in range(60):
        pairs = [(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 9))),
                  " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 9)))) for _ in range(3)]
        expected = sacrebleu.corpus_bleu([h for _, h in pairs], [[r for r, _ in pairs]]).score
        assert value("sacre_bleu", pairs) == pytest.approx(expected)
    ref, hyp = "我爱你们", "我爱你"
    expected = sacrebleu.corpus_bleu([hyp], [[ref]], tokenize="zh").score
    assert value("sacre_bleu", [(ref, hyp)]) == pytest.approx(expected)


def test_pearson_is_scipy_and_imputes_missing_answers_with_the_mean():
    from scipy.stats import pearsonr

    rng = rng_for("pearson")
    for _ in range(TRIALS):
        truth = [round(rng.uniform(1, 5), 2) for _ in range(rng.randint(3, 8))]
        guess = [round(t + rng.uniform(-2, 2), 2) for t in truth]
        if len(set(guess)) < 2 or len(set(truth)) < 2:
            continue
        pairs = [(str(t), str(g)) for t, g in zip(truth, guess, strict=True)]
        assert value("pearson_correlation_coefficient", pairs) == pytest.approx(pearsonr(truth, guess)[0])
    # documented: an N/A answer is imputed with the mean of the answered ones (0.342), not dropped (1.0)
    pairs = [("0.97", "no idea"), ("6.6", "7.45"), ("9.59", "12.07")]
    imputed = pearsonr([0.97, 6.6, 9.59], [(7.45 + 12.07) / 2, 7.45, 12.07])[0]
    assert value("pearson_correlation_coefficient", pairs) == pytest.approx(imputed)
    assert imputed == pytest.approx(0.342, abs=1e-3)


def test_counts_and_commands_are_accuracy_and_regressions_are_sklearn_errors():
    from sklearn.metrics import (
        accuracy_score,
        mean_absolute_error,
        mean_absolute_percentage_error,
        mean_squared_error,
    )

    rng = rng_for("regression")
    for _ in range(TRIALS // 4):
        truth = [rng.randint(1, 5) for _ in range(6)]
        guess = [rng.randint(1, 5) for _ in truth]
        pairs = [(str(t), f"There are {g} speakers.") for t, g in zip(truth, guess, strict=True)]
        assert value("speaker_count", pairs) == pytest.approx(accuracy_score(truth, guess))
        digits = [(str(t), "five" if g == 5 else str(g)) for t, g in zip(truth, guess, strict=True)]
        assert value("speech_command_recognition", digits) == pytest.approx(accuracy_score(truth, guess))
        durations = [round(rng.uniform(0.5, 20), 2) for _ in range(5)]
        guesses = [round(d * rng.uniform(0.5, 1.5), 2) for d in durations]
        pairs = [(str(d), f"about {g} seconds") for d, g in zip(durations, guesses, strict=True)]
        assert value("audio_duration_prediction", pairs) == pytest.approx(
            mean_absolute_percentage_error(durations, guesses))
        assert value("audio_spatial_distance", [(str(d), f"{g} m") for d, g in zip(durations, guesses,
                                                                                    strict=True)]) == \
            pytest.approx(mean_absolute_error(durations, guesses))
        scores = [round(rng.uniform(1, 5), 1) for _ in range(5)]
        predicted = [round(rng.uniform(1, 5), 1) for _ in scores]
        assert value("singing_mos", [(str(s), str(p)) for s, p in zip(scores, predicted, strict=True)]) == \
            pytest.approx(mean_squared_error(scores, predicted))


def test_entity_f1_is_micro_f1_over_pairs():
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    rng = rng_for("ner")
    types, values = ["PERSON", "PLACE", "ORG"], ["juncker", "strasbourg", "paris", "un", "obama"]
    for _ in range(TRIALS // 2):
        rows = []
        for _ in range(rng.randint(1, 4)):
            ref = {(rng.choice(types), rng.choice(values)) for _ in range(rng.randint(1, 3))}
            hyp = {(rng.choice(types), rng.choice(values)) for _ in range(rng.randint(0, 3))}
            rows.append((ref, hyp))
        pairs = [("; ".join(f"{t}: {v}" for t, v in sorted(r)),
                  "\n".join(f"- {t}: {v}" for t, v in sorted(h)) or "none") for r, h in rows]
        binarizer = MultiLabelBinarizer().fit([r | h for r, h in rows])
        expected = f1_score(binarizer.transform([r for r, _ in rows]),
                            binarizer.transform([h for _, h in rows]), average="micro", zero_division=0)
        assert value("named_entity_recognition", pairs) == pytest.approx(expected), pairs


# -- time segments ------------------------------------------------------------------------------

def spans(rng, labels, count, grid=0.001, zero_length=0.0, end=20.0):
    out = []
    for _ in range(count):
        start = round(rng.uniform(0, end - 1) / grid) * grid
        length = 0.0 if rng.random() < zero_length else rng.uniform(0.05, 5)
        out.append((rng.choice(labels), round(start, 3), round(min(end, start + length), 3)))
    return out


def text_of(segments, labelled=True):
    return "; ".join(f"{label}: {start:.3f}-{stop:.3f}" if labelled else f"{start:.3f}-{stop:.3f}"
                     for label, start, stop in segments)


def test_sound_event_detection_is_sed_eval_segment_based_including_zero_length_events():
    import sed_eval

    rng = rng_for("sed")
    classes = ["dog", "speech", "cat", "vacuum cleaner", "alarm bell ringing"]
    edges = [[("dog", 2.0, 2.0)], [("speech", 4.0, 4.0)], [("cat", 1.5, 1.5)], [("dog", 3.0, 5.0)]]
    for trial in range(TRIALS):
        rows = []
        for _ in range(rng.randint(1, 3)):
            ref = spans(rng, classes, rng.randint(1, 4), zero_length=0.3)
            hyp = spans(rng, classes, rng.randint(0, 4), zero_length=0.3)
            if trial < len(edges):
                ref, hyp = edges[trial], edges[(trial + 1) % len(edges)]
            rows.append((ref, hyp))
        labels = sorted({label for r, h in rows for label, _, _ in r + h})
        metric = sed_eval.sound_event.SegmentBasedMetrics(event_label_list=labels, time_resolution=1.0)
        for ref, hyp in rows:
            metric.evaluate(
                [{"event_label": lab, "onset": s, "offset": e, "filename": "x"} for lab, s, e in ref],
                [{"event_label": lab, "onset": s, "offset": e, "filename": "x"} for lab, s, e in hyp])
        tp, fp, fn = metric.overall["Ntp"], metric.overall["Nfp"], metric.overall["Nfn"]
        expected = 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
        pairs = [(text_of(ref), text_of(hyp)) for ref, hyp in rows]
        assert value("sound_event_detection", pairs) == pytest.approx(expected), pairs


def annotation(segments):
    from pyannote.core import Annotation, Segment

    result = Annotation()
    for index, (label, start, stop) in enumerate(segments):
        if stop > start:
            result[Segment(start, stop), index] = label
    return result.support()


def test_diarization_error_rate_is_pyannote_without_collar_off_the_grid():
    from pyannote.core import Segment, Timeline
    from pyannote.metrics.diarization import DiarizationErrorRate

    rng = rng_for("der")
    speakers = ["alice", "bob", "carol"]
    for _ in range(TRIALS // 2):
        rows = [(spans(rng, speakers, rng.randint(1, 5)),
                 spans(rng, ["x", "y", "z", "w"], rng.randint(1, 5))) for _ in range(rng.randint(1, 3))]
        metric = DiarizationErrorRate(collar=0.0, skip_overlap=False)
        for ref, hyp in rows:
            metric(annotation(ref), annotation(hyp), uem=Timeline([Segment(0, 100)]))
        pairs = [(text_of(ref), text_of(hyp)) for ref, hyp in rows]
        assert value("speaker_diarization", pairs) == pytest.approx(abs(metric), abs=1e-9), pairs


def test_diarization_degenerate_and_documented_cases():
    assert value("speaker_diarization", [("", "x: 0.000-1.000")]) == 1.0  # pyannote: errors over no speech
    assert value("speaker_diarization", [("", "")]) == 0.0
    # documented: no collar; pyannote with collar 0 agrees (0.020), a 0.5 s collar would give 0
    assert value("speaker_diarization", [("A: 0-5; B: 5-10", "X: 0-5.2; Y: 5.2-10")]) == pytest.approx(0.02)


def test_entity_localisation_is_pyannote_detection_f_measure():
    from pyannote.core import Annotation, Segment, Timeline
    from pyannote.metrics.detection import DetectionPrecisionRecallFMeasure

    rng = rng_for("nel")
    for _ in range(TRIALS // 2):
        rows = [(spans(rng, ["PLACE"], rng.randint(1, 3)), spans(rng, ["PLACE"], rng.randint(1, 3)))
                for _ in range(rng.randint(1, 3))]
        metric = DetectionPrecisionRecallFMeasure(collar=0.0, skip_overlap=False)
        for ref, hyp in rows:
            reference, hypothesis = Annotation(), Annotation()
            for index, segment in enumerate(annotation(ref).get_timeline()):
                reference[segment, index] = "speech"
            for index, segment in enumerate(annotation(hyp).get_timeline()):
                hypothesis[segment, index] = "speech"
            metric(reference, hypothesis, uem=Timeline([Segment(0, 100)]))
        pairs = [(text_of(ref), text_of(hyp)) for ref, hyp in rows]
        assert value("named_entity_localization", pairs) == pytest.approx(abs(metric)), pairs


def test_segment_retrieval_is_timeline_intersection_over_union():
    from pyannote.core import Segment, Timeline

    rng = rng_for("iou")
    for _ in range(TRIALS // 2):
        ref, hyp = spans(rng, ["s"], rng.randint(1, 3)), spans(rng, ["s"], rng.randint(1, 3))
        reference = Timeline([Segment(s, e) for _, s, e in ref if e > s]).support()
        hypothesis = Timeline([Segment(s, e) for _, s, e in hyp if e > s]).support()
        union = Timeline(list(reference) + list(hypothesis)).support().duration()
        shared = sum((a & b).duration for a in reference for b in hypothesis)
        expected = shared / union if union and hypothesis else 0.0
        assert value("audio_segment_retrieval", [(text_of(ref, False), text_of(hyp, False))]) == \
            pytest.approx(expected)


# -- music ----------------------------------------------------------------------------------------

def times(rng, count, step=0.01):
    return sorted({round(rng.uniform(0, 20) / step) * step for _ in range(count)})


def test_beat_f_measure_is_mir_eval_and_a_pair_on_the_70_ms_edge_always_matches():
    import mir_eval
    import numpy as np

    rng = rng_for("beats")
    for _ in range(TRIALS):
        ref = times(rng, rng.randint(1, 12))
        hyp = [round(t + rng.choice([-0.07, 0.07, rng.uniform(-0.12, 0.12)]), 2) for t in ref
               if rng.random() < 0.9]
        hyp = sorted({max(0.0, h) for h in hyp} | set(times(rng, rng.randint(0, 3))))
        # mir_eval on whole milliseconds: its float comparison is then exact at the edge
        expected = mir_eval.beat.f_measure(np.round(1000 * np.array(ref)), np.round(1000 * np.array(hyp)),
                                           f_measure_threshold=70)
        pairs = [(" ".join(f"{t:.2f}" for t in ref), ", ".join(f"{t:.2f} s" for t in hyp))]
        assert value("music_beat_tracking", pairs) == pytest.approx(expected), pairs
    assert value("music_beat_tracking", [("1.00", "1.07")]) == 1.0  # 1.07 - 1.00 = 0.07000000000000006
    assert value("music_beat_tracking", [("1.00", "1.08")]) == 0.0
    assert value("marble_beat_tracking", [("", "")]) == 1.0  # documented: both empty (mir_eval: 0)


def test_note_onset_f1_is_mir_eval_transcription_onset_only():
    import mir_eval
    import numpy as np

    rng = rng_for("notes")
    names = ["C4", "D4", "E4", "F#4", "G4", "A4", "Bb4"]
    midi = {"C4": 60, "D4": 62, "E4": 64, "F#4": 66, "G4": 67, "A4": 69, "Bb4": 70}
    for _ in range(TRIALS):
        ref = [(rng.choice(names), t) for t in times(rng, rng.randint(1, 6))]
        hyp = [(n if rng.random() < 0.8 else rng.choice(names),
                round(t + rng.choice([0.05, -0.05, 0.02, 0.08]), 2)) for n, t in ref if rng.random() < 0.9]
        hyp = [(n, max(t, 0.0)) for n, t in hyp]

        def arrays(notes):
            onsets = np.array([t for _, t in notes], dtype=float).reshape(-1)
            return (np.stack([onsets, onsets + 1.0], axis=1) if len(notes) else np.zeros((0, 2)),
                    np.array([440.0 * 2 ** ((midi[n] - 69) / 12) for n, _ in notes]))

        if not hyp:
            continue
        expected = mir_eval.transcription.precision_recall_f1_overlap(*arrays(ref), *arrays(hyp),
                                                                      offset_ratio=None)[2]
        pairs = [(", ".join(f"{n} {t:.2f}" for n, t in ref), "\n".join(f"{t:.2f} {n}" for n, t in hyp))]
        assert value("music_transcription", pairs) == pytest.approx(expected), pairs


def test_raw_pitch_accuracy_is_mir_eval_melody_strict_at_50_cents():
    import mir_eval
    import numpy as np

    rng = rng_for("pitch")
    for _ in range(TRIALS):
        ref = [rng.randint(40, 80) for _ in range(rng.randint(1, 6))]
        hyp = [r + rng.choice([0, 0, 0.5, -0.5, 0.3, 1, -2]) for r in ref][:rng.randint(1, len(ref))]
        ref_cent = np.array([100.0 * r for r in ref])
        est_cent = np.array([100.0 * hyp[i] if i < len(hyp) else 0.0 for i in range(len(ref))])
        voicing = (est_cent > 0).astype(float)
        expected = mir_eval.melody.raw_pitch_accuracy(np.ones(len(ref)), ref_cent, voicing, est_cent)
        pairs = [(" ".join(str(r) for r in ref), " ".join(str(h) for h in hyp))]
        assert value("pitch_extraction", pairs) == pytest.approx(expected), pairs
    assert value("pitch_extraction", [("A4", "69.5")]) == 0.0  # exactly 50 cents: outside, as mir_eval
    assert value("pitch_extraction", [("A2 C3", "110 Hz, 130.81 Hz")]) == 1.0


def test_tags_count_the_longest_in_order_match():
    # "ADJ VERB ADJ" vs "VERB NOUN ADJ": two minimum-edit alignments tie; the longest common
    # subsequence (2) is the well-defined count
    assert value("pos_estimation", [("ADJ VERB ADJ", "VERB NOUN ADJ")]) == pytest.approx(2 / 3)
    assert math.isclose(value("third_tone_sandhi_recognition", [("ni2 hao3", "ni2 hao3")]), 1.0)
