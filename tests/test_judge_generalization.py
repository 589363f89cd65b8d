"""The embedded judge's general readings (issue 14's generalization pass): each phenomenon with a case
it must read and one it must not."""

from __future__ import annotations

import pytest

from dsuperb.scoring.judge_base import JudgeItem
from dsuperb.scoring.judge_embedded import decide
from dsuperb.scoring.option_terms import option_terms

ACCENT = "Which accent does the speaker have? The options are American, British, Australian, Indian."
INSTRUMENT = "Which instrument is playing? Choose one of: violin, piano, trumpet, flute."
GUITARS = "Which instrument do you hear? The answer could be acoustic guitar, piano, trumpet, or drums."
ANIMAL = "What animal makes this sound? Options: dog, cat, cow, rooster, frog."
URBAN = "Classify the urban sound. Options: air_conditioner, car_horn, dog_bark, siren, street_music."
PITCH = "Is the second note higher or lower than the first?"
LOUDNESS = "Is the second sound louder or quieter than the first?"
COUNT = "How many speakers are there in this audio?"
SCORE = "Respond using an Arabic numeral between 0 and 10."
AGES = "Classify the speaker's age group. Choose from: child, teenager, adult, senior."
DECADES = "What is the speaker's age range? Options: twenties, thirties, forties, fifties."
EMOTION = "Recognize the speaker's emotion in the audio. The answer could be neutral, happy, sad, or angry."


def judge(response, label, instruction, options=()):
    return decide(JudgeItem(instruction, (label,), response, tuple(options)))


def accepts(response, label, instruction, options=()):
    return judge(response, label, instruction, options).correct


@pytest.mark.parametrize("response,label,instruction", [
    ("The speaker has a North American accent.", "American", ACCENT),
    ("A European accent.", "British", ACCENT),
    ("A string instrument.", "violin", INSTRUMENT),
    ("It's a brass instrument.", "trumpet", INSTRUMENT),
    ("A bird.", "rooster", ANIMAL),
    ("Some kind of vehicle.", "car_horn", URBAN),
])
def test_a_class_word_is_never_the_label_even_covering_one_option(response, label, instruction):
    verdict = judge(response, label, instruction)
    assert not verdict.correct and verdict.na, verdict
    assert "broader" in verdict.reason


@pytest.mark.parametrize("response,label,instruction", [
    ("A guitar.", "acoustic guitar", GUITARS),  # the option's own name, cut short
    ("A dog.", "dog_bark", URBAN),
    ("A woman.", "female", "Is the speaker male or female?"),  # a synonym, not a broader term
    ("A rooster, which is a bird.", "rooster", ANIMAL),
])
def test_a_short_name_or_a_synonym_still_names_the_option(response, label, instruction):
    assert accepts(response, label, instruction)


def test_the_broader_rule_comes_from_the_option_text_not_a_list_of_strings():
    terms = option_terms(("violin", "piano", "trumpet", "flute"))
    assert terms.resolve(("string instrument",)).how == "broad"
    guitars = option_terms(("acoustic guitar", "piano"))
    assert guitars.resolve(("guitar",)).how == "covers"


@pytest.mark.parametrize("response,label,ok", [
    ("The first note is higher.", "lower", True),
    ("The first note is higher.", "higher", False),
    ("Lower than the first.", "lower", True),
    ("Based on the audio, the melody rises.", "higher", True),
    # every verb of change says how the second differs from the first, whatever is named before it
    ("From the first note, the pitch rises.", "higher", True),
    ("From the first note, the pitch climbs.", "higher", True),
    ("From the first note, the pitch is raised.", "higher", True),
    ("第二个音更高。", "higher", True),
    ("Die erste Note ist höher.", "lower", True),
    ("La segunda nota es más alta.", "lower", False),
])
def test_comparisons_are_read_against_the_options_the_question_offers(response, label, ok):
    assert accepts(response, label, PITCH) is ok


def test_the_first_one_louder_is_no_answer_louder():
    verdict = judge("The first one is louder.", "louder", LOUDNESS)
    assert not verdict.correct and verdict.answer == "quieter"


def test_quality_comparisons_read_better_and_worse():
    question = ("Answer the question: 'Does the first recording have better prosody than the second?' "
                "with 'Yes' or 'No'.")
    first_better = "The first recording's intonation is clearly more natural than the second's."
    assert accepts(first_better, "Yes", question)
    assert accepts("The second recording flows better than the first.", "No", question)
    assert not accepts("The second recording flows better than the first.", "Yes", question)


@pytest.mark.parametrize("response,label,ok", [
    ("Three.", "3", True), ("There are three distinct voices.", "3", True), ("Hay dos hablantes.", "2", True),
    ("Two.", "3", False), ("A conversation between a man and a woman.", "2", True),
    ("A conversation between a man and a woman.", "3", False),
])
def test_a_numeric_label_is_read_as_a_number_without_an_option_list(response, label, ok):
    verdict = judge(response, label, COUNT)
    assert verdict.correct is ok, verdict
    assert not verdict.na


@pytest.mark.parametrize("response,label,ok", [
    ("I'd rate it 7/10.", "7", True), ("Seven out of ten.", "7", True), ("8/10: a few errors.", "7", False),
    ("7 on a scale of 0 to 10", "7", True),
])
def test_a_score_given_with_its_scale_is_the_score(response, label, ok):
    assert accepts(response, label, SCORE) is ok


def test_negative_numbers_keep_their_sign():
    instruction = "What is the signal-to-noise ratio? Options: -5dB, 0dB, 5dB, 10dB."
    assert accepts("-5 dB", "-5dB", instruction)
    assert not accepts("-5 dB", "5dB", instruction)


@pytest.mark.parametrize("response,label,instruction,ok", [
    ("The speaker is around 8 years old.", "child", AGES, True),
    ("The speaker is around 8 years old.", "senior", AGES, False),
    ("In his mid-forties.", "adult", AGES, True),
    ("Around 35 years old.", "thirties", DECADES, True),
    ("late 20s or early 30s", "thirties", DECADES, False),
])
def test_an_age_in_years_is_read_against_age_groups(response, label, instruction, ok):
    assert accepts(response, label, instruction) is ok


@pytest.mark.parametrize("response,label,instruction", [
    ("Only wind and distant traffic can be heard.", "no", "Is there a bird in the recording? Yes or no."),
    ("It's just a dog barking and some wind.", "no", "Does this recording contain any speech? Yes or no."),
    ("A woman shrieks in terror.", "yes", "Is someone screaming in this audio? Answer yes or no."),
    ("The speaker says 'good morning' at the start.", "yes",
     "Is the word 'morning' spoken in the audio? Answer yes or no."),
    ("The first singer is male and the second is female.", "no",
     "Do the two clips feature the same singer? Answer yes or no."),
    ("Only one person speaks throughout.", "no", "Is there more than one speaker in the audio? Yes or no."),
    ("One is a child and the other an adult.", "no", "Were both recordings spoken by the same person?"),
    ("The recording is crystal clear.", "no", "Does this recording have background noise? Yes or no."),
    ("The speaker mixes Mandarin and English.", "yes", "Does the speaker switch between languages?"),
])
def test_implicit_yes_and_no(response, label, instruction):
    assert accepts(response, label, instruction)
    assert not accepts(response, "yes" if label == "no" else "no", instruction)


def test_nested_kinds_of_people_are_one_person():
    instruction = "Were both recordings spoken by the same person? Answer yes or no."
    assert not accepts("Both: an adult man in his twenties.", "no", instruction)


@pytest.mark.parametrize("response,label,instruction", [
    ("Maybe. There's a little echo but it's hard to say.", "yes", "Is there reverb? Reply yes or no."),
    ("Yes, although it could also be no.", "yes", "Is it the same person? Answer yes or no."),
    ("Probably yes, but maybe not.", "yes", "Is it the same person? Answer yes or no."),
    ("Neutral to slightly sad.", "neutral", EMOTION),
    ("The answer is sad. (Angry is also plausible.)", "sad", EMOTION),
    ("Male, though it could be a low female voice.", "male", "Is the speaker male or female?"),
    ("A mix of rock and metal elements.", "rock", "Classify the genre. Options: rock, metal, pop, jazz."),
    ("Both indoors and outdoors: it starts inside and moves out.", "indoor", "Recorded indoors or outdoors?"),
    ("(A) and (D)", "happy", "Which emotion? (A) happy (B) sad (C) angry (D) neutral"),
])
def test_hedges_are_not_answers(response, label, instruction):
    verdict = judge(response, label, instruction)
    assert not verdict.correct and verdict.na, verdict


@pytest.mark.parametrize("response,label,instruction", [
    ("Definitely not angry. Probably sad.", "sad", EMOTION),
    ("Violin. It is not a flute, since the tone is bowed.", "violin", INSTRUMENT),
    ("This sounds like a replayed or synthesized recording, not a live human.", "spoof",
     "Is this utterance bonafide or spoof?"),
])
def test_a_commitment_with_rejected_or_repeated_alternatives_is_an_answer(response, label, instruction):
    assert accepts(response, label, instruction)


def test_a_select_every_question_is_multi_label():
    instruction = "Name every genre that applies to this track: rock, pop, electronic, jazz."
    assert not accepts("Electronic, with hints of pop.", "electronic", instruction)
    assert accepts("Electronic and pop.", "electronic, pop", instruction)


@pytest.mark.parametrize("response,label,instruction,ok", [
    ("Synth lead.", "synth_lead", "Which family? Choose one: bass, brass, flute, synth_lead, vocal.", True),
    ("A flap.", "tap/flap", "Pick one from the following: plosive, nasal, tap/flap, or vowel.", True),
    ("-back", "[-back]", "Choose one phone from the following: [+back], or [-back].", True),
    ("The vowel is a front vowel.", "[-back]", "Choose one from the following: [+back], or [-back].", True),
    ("The vowel is a front vowel.", "[+back]", "Choose one from the following: [+back], or [-back].", False),
    ("The guitar has a fuzzy, distorted sound.", "distortion",
     "Which effect? Options: distortion, chorus, tremolo, reverb.", True),
    ("It is not distorted at all.", "distortion", "Which effect? Options: distortion, reverb.", False),
])
def test_other_spellings_and_forms_of_an_option(response, label, instruction, ok):
    assert accepts(response, label, instruction) is ok


def test_a_stem_too_short_to_tell_words_apart_is_not_used():
    instruction = "What is the sentiment? Answer positive, negative, or neutral."
    assert not accepts("The speaker states their position calmly.", "positive", instruction)


@pytest.mark.parametrize("response,label,instruction", [
    ("A woman shouts angrily at someone.", "angry", EMOTION),
    ("Her emotion can be described as joyful.", "happy", EMOTION),  # "emotion" is a topic, no answer
    ("A guitar is strummed while someone sings.", "music", "Does this clip contain speech or music?"),
    ("This is an orchestral piece with strings and woodwinds.", "classical",
     "What is the genre? Options: rock, jazz, classical, pop."),  # instruments are no second genre
])
def test_captions_that_describe_the_clip_name_the_option(response, label, instruction):
    assert accepts(response, label, instruction)


@pytest.mark.parametrize("response,instruction", [
    ("Music is playing with drums and guitar.", "Is there any speech in the audio? Answer yes or no."),
    ("A man is talking about the weather.", "Is someone singing in this clip? Answer yes or no."),
    ("A dog barks.", "Is there a bird in the recording? Answer yes or no."),
])
def test_a_caption_of_other_sounds_answers_a_presence_question_no(response, instruction):
    assert accepts(response, "no", instruction)
    assert not accepts(response, "yes", instruction)


def test_a_caption_naming_the_thing_asked_or_a_kind_of_it_answers_yes():
    instruction = "Is there a bird in the recording? Answer yes or no."
    assert accepts("A duck quacks near the pond.", "yes", instruction)
    noise = "Is there background noise in the audio? Answer yes or no."
    assert not accepts("Rain and thunder behind the speaker.", "no", noise)  # noise is a category


def test_two_events_in_two_clauses_answer_a_single_choice_twice():
    instruction = "What is the main sound? Options: dog, rain, siren, footsteps."
    verdict = judge("Rain is falling and thunder rumbles.", "rain", instruction)
    assert not verdict.correct and verdict.na
    assert accepts("Rain is falling on a tin roof.", "rain", instruction)
