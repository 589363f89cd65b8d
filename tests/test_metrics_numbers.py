"""Number extraction for regression and counting answers, and the segment / pair readers."""

from __future__ import annotations

import pytest

from dsuperb.scoring.entities import parse_pairs
from dsuperb.scoring.numbers import extract_number, words_to_number
from dsuperb.scoring.timeline import Segment, overlap, parse_segments


@pytest.mark.parametrize("text,value", [
    ("three speakers", 3), ("about 2.5 seconds", 2.5), ("10 dB", 10), ("twenty-one", 21),
    ("1,000 people", 1000), ("It is -3.5", -3.5), ("one hundred and five", 105), ("a single speaker", 1),
    ("There are no speakers.", 0),
    ("none", 0), ("The answer is 4. I counted 1 2 3 4", 4), ("I heard 3 speakers and 2 of them were male", 3),
    ("Score: 7/10", 7), ("Approximately 12.75 m away.", 12.75),
])
def test_numbers_are_found(text, value):
    found = extract_number(text)
    assert found.value == pytest.approx(value), found


@pytest.mark.parametrize("text", ["between 2 and 3", "2 or 3 speakers", "two to three", "3-4 people"])
def test_ranges_are_hedges(text):
    found = extract_number(text)
    assert found.value is None and "hedges" in found.reason


@pytest.mark.parametrize("text", ["", "hello", "No.", "no idea", "I cannot tell."])
def test_no_number_is_na(text):
    assert extract_number(text).value is None


def test_words_to_number():
    assert words_to_number("forty two") == 42
    assert words_to_number("two thousand and twenty") == 2020
    assert words_to_number("banana") is None


def test_segments_in_many_shapes():
    assert parse_segments("dog: 0.5-1.2, 3-4; cat: 2-3") == [
        Segment("dog", 0.5, 1.2), Segment("dog", 3.0, 4.0), Segment("cat", 2.0, 3.0)]
    assert parse_segments("[0.50, 1.20] dog\n[2.0, 3.0] Alarm_bell_ringing") == [
        Segment("dog", 0.5, 1.2), Segment("alarm bell ringing", 2.0, 3.0)]
    assert parse_segments("00:01.5 - 01:03") == [Segment(None, 1.5, 63.0)]
    assert parse_segments("Speaker A from 0 to 1.5 s") == [Segment("speaker a", 0.0, 1.5)]
    assert parse_segments("no events") == []
    # bare clocks as pairs: h:mm:ss is one time, read as a range's bounds are
    assert parse_segments("dog 1:00:05 1:00:07") == [Segment("dog", 3605.0, 3607.0)]
    assert parse_segments("dog 1:05 1:07.5") == [Segment("dog", 65.0, 67.5)]
    # markdown as the judge strips it (answer_text.unmarked): bold italic leaves no stray '*'
    assert parse_segments("***dog*** 0.5-1.2\n* cat 2-3") == [Segment("dog", 0.5, 1.2),
                                                            Segment("cat", 2.0, 3.0)]
    assert overlap([(0, 2), (1, 3)], [(2, 5)]) == pytest.approx(1.0)  # unions first: [0,3] & [2,5]


def test_pairs_in_many_shapes():
    expected = [("place", "berlin"), ("person", "angela merkel")]
    assert parse_pairs("PLACE: Berlin; PERSON: Angela Merkel") == expected
    assert parse_pairs("Berlin (PLACE), Angela Merkel (PERSON)") == expected
    assert parse_pairs('{"PLACE": "Berlin", "PERSON": ["Angela Merkel"]}') == expected
    assert parse_pairs("[PLACE] Berlin\n[PERSON] Angela Merkel") == expected
    assert parse_pairs("None.") == []


@pytest.mark.parametrize("response,score", [
    ("It is a duet.", 1.0), ("Zwei Sprecher.", 1.0), ("Deux personnes parlent.", 1.0),
    ("A man and a woman are talking.", 1.0), ("A pair of voices.", 1.0),
    ("A man, a woman and a child.", 0.0),  # three listed
    ("Um, I think there are 3 speakers.", 0.0), ("Due to the noise, 2 speakers.", 1.0),  # English words
])
def test_speaker_count_reads_the_lexicons_number_and_count_words_and_listed_people(response, score):
    from dsuperb.scoring.api import score_rows

    row = {"instance": "X", "file": "a", "instruction": "How many speakers are there?", "label": "2",
           "response": response, "error": None}
    assert score_rows([row], metric="speaker_count").rows[0]["score"] == score
