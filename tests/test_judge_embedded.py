"""The embedded judge: every reading rule, each with a case that passes and one that must not."""

from __future__ import annotations

import pytest

from dsuperb.scoring.judge_base import JudgeItem
from dsuperb.scoring.judge_embedded import EmbeddedJudge, decide

EMOTION = "What emotion does the speaker convey? Answer with one of: happy, sad, angry, neutral."
YES_NO = "Are the two utterances spoken by the same speaker? Answer yes or no."
LETTERED = "Which instrument is playing? (A) piano (B) violin (C) guitar (D) drums"


def judge(response, label, instruction=EMOTION, options=(), labels=None):
    return decide(JudgeItem(instruction, tuple(labels or [label]), response, tuple(options)))


@pytest.mark.parametrize("response", [
    "happy", "Happy", "HAPPY.", "'happy'", '"Happy"', "**happy**", "  happy  \n",
    "The answer is happy.", "Answer: happy", "The speaker sounds happy.",
    "I think the emotion is happy because of the rising pitch.",
])
def test_commits_to_the_label_in_many_wordings(response):
    verdict = judge(response, "happy")
    assert verdict.correct and not verdict.na, verdict
    assert verdict.answer == "happy"
    assert verdict.reason


def test_wrong_option_is_wrong_but_not_na():
    verdict = judge("The speaker is angry.", "happy")
    assert not verdict.correct and not verdict.na
    assert verdict.answer == "angry"
    assert "angry" in verdict.reason and "happy" in verdict.reason


def test_negated_option_is_not_an_answer():
    assert judge("The speaker is not angry, they are happy.", "happy").correct
    verdict = judge("not angry", "angry")
    assert not verdict.correct and verdict.na
    assert judge("It sounds sad rather than happy.", "sad").correct
    assert not judge("It sounds sad rather than happy.", "happy").correct


def test_hedge_between_options_is_na():
    for response in ("happy or sad", "It could be happy or sad.", "Either angry or neutral."):
        verdict = judge(response, "happy")
        assert not verdict.correct and verdict.na, response
        assert "hedges" in verdict.reason


def test_several_options_listed_is_na_even_when_the_label_is_among_them():
    verdict = judge("happy, sad, angry, neutral", "happy")
    assert not verdict.correct and verdict.na


def test_answer_is_phrase_overrides_discussion_of_other_options():
    response = "It might sound sad or angry at first, but the answer is happy."
    assert judge(response, "happy").correct
    assert not judge(response, "sad").correct


@pytest.mark.parametrize("response", [
    "I'm sorry, I cannot determine the emotion from this audio.",
    "I am unable to listen to audio files.",
    "As an AI, I don't have access to the recording.",
])
def test_refusals_are_na(response):
    verdict = judge(response, "happy")
    assert not verdict.correct and verdict.na
    assert verdict.reason.startswith("refusal")


def test_empty_response_is_na():
    verdict = judge("   ", "happy")
    assert verdict.na and not verdict.correct and verdict.reason == "empty response"


def test_out_of_options_answer_is_na_and_reported():
    verdict = judge("sleepy", "happy")
    assert not verdict.correct and verdict.na
    assert verdict.reason.startswith("out of options") and "sleepy" in verdict.reason
    assert verdict.answer is None


def test_substring_trap_no_inside_noise():
    instruction = "Is there any noise in the recording? Answer yes or no."
    assert not judge("There is background noise.", "no", instruction).correct
    # the reply asserts the noise: an implicit yes, never the "no" inside "noise"
    assert judge("There is background noise.", "no", instruction).answer == "yes"
    assert judge("No, the recording is clean.", "no", instruction).correct
    # "happy" inside "unhappy" is not a mention of happy
    assert not judge("The speaker is unhappy.", "happy").correct


def test_yes_no_questions_read_the_leading_word():
    assert judge("Yes, it is the same speaker.", "yes", YES_NO).correct
    assert judge("yes", "yes", YES_NO).correct
    verdict = judge("No. The voices differ, although yes, both are male.", "no", YES_NO)
    assert verdict.correct and verdict.answer.lower() == "no"
    assert not judge("No, they are different.", "yes", YES_NO).correct


def test_yes_no_label_without_listed_options():
    assert judge("Yes.", "yes", "Is the speaker female?").correct
    assert not judge("No.", "yes", "Is the speaker female?").correct


@pytest.mark.parametrize("response,correct", [
    ("B", True), ("(B)", True), ("b)", True), ("B. violin", True), ("Option B", True), ("violin", True),
    ("The answer is (B).", True), ("A", False), ("piano", False), ("(A) piano", False),
])
def test_option_letters_map_to_their_options(response, correct):
    verdict = judge(response, "violin", LETTERED)
    assert verdict.correct is correct, verdict


def test_a_label_given_as_the_option_letter():
    assert judge("violin", "B", LETTERED).correct
    assert judge("(B)", "b", LETTERED).correct
    assert not judge("piano", "B", LETTERED).correct


def test_article_a_is_not_option_a():
    verdict = judge("A violin is playing.", "violin", LETTERED)
    assert verdict.correct, verdict


def test_longest_option_wins_where_options_overlap():
    instruction = "Rate the noise: choose from low noise, high noise, noise."
    assert judge("It has high noise.", "high noise", instruction).correct
    assert not judge("It has high noise.", "noise", instruction).correct


def test_card_label_set_is_used_when_the_instruction_lists_nothing():
    verdict = judge("Sounds like a dog barking. Definitely a dog.", "dog", "What animal is this?",
                    options=("dog", "cat", "bird"))
    assert verdict.correct
    hedge = judge("a dog or a cat", "dog", "What animal is this?", options=("dog", "cat", "bird"))
    assert hedge.na and not hedge.correct


def test_multi_label_sets_must_match_exactly():
    instruction = "Which sounds are present? Options: dog, cat, bird, car."
    assert judge("dog and cat", None, instruction, labels=["dog", "cat"]).correct
    assert judge("I hear a cat and a dog.", None, instruction, labels=["dog", "cat"]).correct
    missing = judge("dog", None, instruction, labels=["dog", "cat"])
    assert not missing.correct and "missing cat" in missing.reason
    extra = judge("dog, cat and bird", None, instruction, labels=["dog", "cat"])
    assert not extra.correct and "extra bird" in extra.reason
    # one label holding a comma-separated set of options is a set too
    assert judge("cat, dog", "dog, cat", instruction).correct
    assert not judge("dog", "dog, cat", instruction).correct


def test_without_options_the_label_is_compared_directly():
    assert judge("Paris", "paris", "Which city is mentioned?").correct
    wrong = judge("London", "paris", "Which city is mentioned?")
    assert not wrong.correct and wrong.answer == "London" and not wrong.na
    rambling = judge("The recording talks about travelling across Europe by train for many weeks.", "paris",
                     "Which city is mentioned?")
    assert not rambling.correct and rambling.na and rambling.answer is None


def test_ipa_options_respect_diacritics():
    instruction = "What is the phone in the middle? The answer could be: t, t̠, d, s."
    assert judge("t̠", "t̠", instruction).correct
    assert not judge("t̠", "t", instruction).correct
    assert judge("t", "t", instruction).correct


def test_bracketed_feature_options():
    instruction = "What is the frontness of the vowel? The answer could be: [+back], or [-back]."
    assert judge("[-back]", "[-back]", instruction).correct
    assert not judge("[+back]", "[-back]", instruction).correct


def test_numbered_options_with_numeric_answers():
    instruction = "Which sentence is grammatical? Respond with 1 or 2."
    assert judge("2", "2", instruction).correct
    assert judge("Sentence 2 is grammatical.", "2", instruction).correct
    assert not judge("1", "2", instruction).correct


def test_the_judge_object_reports_its_identity():
    embedded = EmbeddedJudge()
    assert embedded.identity["id"].startswith("embedded")
    items = [JudgeItem(EMOTION, ("sad",), "sad"), JudgeItem(EMOTION, ("sad",), "happy")]
    verdicts = embedded.judge_many(items)
    assert [v.correct for v in verdicts] == [True, False]


@pytest.mark.parametrize("entry, said", [
    ({"aliases": "cheery|glad|cheery"}, "lists the alias 'cheery' twice"),
    ({"aliases": "glee|jolly"}, "lists the alias 'jolly' twice"),  # the concept's own name again
    ({"aliases": "glee", "codes": "jl|jl"}, "lists the code 'jl' twice"),
])
def test_a_lexicon_entry_that_repeats_a_word_is_refused_naming_file_and_word(monkeypatch, entry, said):
    from dsuperb.vocab.lexicon import emotions, lexicon

    monkeypatch.setitem(emotions.CONCEPTS, "jolly", entry)
    lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match=f"lexicon emotions.py: concept 'jolly' {said}"):
            lexicon()
    finally:
        monkeypatch.undo()
        lexicon.cache_clear()
    assert "jolly" not in lexicon().concepts


def test_the_judge_and_the_error_rates_agree_on_what_a_cjk_character_is():
    from dsuperb.vocab.lexicon import WORD, phrase_key
    from dsuperb.vocab.text import mixed_tokens

    text = "𠮷野家 ok"  # 𠮷 is in CJK extension B
    assert mixed_tokens(text) == ["𠮷", "野", "家", "ok"]
    assert WORD.findall(text) == ["ok"]  # CJK characters are left to the substring scan
    assert phrase_key("𠮷野 家") == "𠮷野家"  # a CJK phrase keeps no spaces


# Replies that took the judge in before (a blind batch, now held-out set `-g`): each is no answer.
@pytest.mark.parametrize("instruction, label, response", [
    ("Is the speech fast, normal, or slow?", "fast",
     "The speaker speaks at a relaxed pace; I wouldn't call it fast at all."),
    ("Is the speech fast, normal, or slow?", "fast", "I would not describe it as fast."),
    ("Is the speech fast, normal, or slow?", "fast", "It's not what I'd describe as fast."),
    ("How many people are speaking? Answer with a number.", "3", "我听到两到三个人在说话。"),
    ("How many people are speaking? Answer with a number.", "3", "大概两三个人。"),
    ("Is the speaker sarcastic? Answer yes or no.", "yes",
     "Yes, the words sound positive... Actually, on reflection, the tone is sincere, so no."),
    ("Is the speaker sarcastic? Answer yes or no.", "yes", "Yes. Actually, no."),
    ("Which clip is louder, the first or the second?", "second",
     "They're very close in level; the second may be slightly louder, or they may be equal."),
    ("Which clip is louder, the first or the second?", "second",
     "Probably the second, though they could be equally loud."),
])
def test_a_negation_a_range_a_taken_back_answer_or_an_offered_tie_commits_to_nothing(instruction, label,
                                                                                   response):
    verdict = judge(response, label, instruction=instruction)
    assert not verdict.correct, verdict.reason


@pytest.mark.parametrize("instruction, label, response", [
    ("How many people are speaking? Answer with a number.", "3", "我听到三个人在说话。"),
    ("Is the speaker sarcastic? Answer yes or no.", "yes", "Yes, no doubt about it."),
    ("Is the speaker sarcastic? Answer yes or no.", "no", "No, the tone is sincere, so no."),
    ("Which clip is louder, the first or the second?", "second",
     "The second is louder, though they are similar in pitch."),
])
def test_the_same_words_in_a_committed_answer_still_commit(instruction, label, response):
    verdict = judge(response, label, instruction=instruction)
    assert verdict.correct, verdict.reason


NATIVE = "Is the speaker a native speaker of English? Answer yes or no."


@pytest.mark.parametrize("response, answer", [
    ("The speaker has a standard American accent with no noticeable foreign features.", "yes"),
    ("She has a British accent.", "yes"),
    ("There is no foreign accent at all.", "yes"),
    ("The speaker has a strong French accent.", "no"),
    ("He is clearly a non-native speaker.", "no"),
])
def test_an_accent_of_english_answers_a_native_speaker_question_yes_another_language_no(response, answer):
    """An English accent is no rival of English (a generic reading took 'American' for another
    member of the language family, so 'no')."""
    assert judge(response, answer, instruction=NATIVE).correct
    assert not judge(response, "no" if answer == "yes" else "yes", instruction=NATIVE).correct


def test_an_instrument_of_the_violin_family_is_a_class_word_not_the_violin():
    instruction = "Which instrument is playing the melody? Choose one: violin, piano, flute, guitar, trumpet."
    assert not judge("An instrument of the violin family.", "violin", instruction=instruction).correct
    assert judge("The violin, the smallest of the violin family.", "violin", instruction=instruction).correct



@pytest.mark.parametrize("instruction, label, response", [
    ("Identify the quality of the chord played in the audio. The answer could be major, minor, diminished, "
     "or augmented.", "major", "Ce n'est pas un accord majeur, mais un accord augmenté."),
    ("Which sound events are present in the clip? Select all that apply from: speech, music, rain, thunder, "
     "siren.", "rain, thunder", "Thunder. The hissing in the background might be rain, but it could also "
                                "just be static."),
    ("Does the first recording have better prosody than the second? Answer Yes or No.", "Yes",
     "Both recordings have comparable pacing; neither one is clearly better than the other."),
])
def test_a_negation_in_french_a_possible_tag_or_a_tie_commits_to_nothing(instruction, label, response):
    verdict = judge(response, label, instruction=instruction)
    assert not verdict.correct, verdict.reason


def test_another_languages_chord_names_and_a_committed_tag_set_still_commit():
    chord = ("Identify the quality of the chord played in the audio. The answer could be major, minor, "
             "diminished, or augmented.")
    french = "Ce n'est pas un accord majeur, mais un accord augmenté."
    assert judge(french, "augmented", instruction=chord).correct
    events = "Which sound events are present? Select all that apply from: speech, music, rain, thunder."
    assert judge("Thunder and rain, no speech.", "rain, thunder", instruction=events).correct


RATING = "Rate the fluency of the speech on a scale from 1 to 10. Answer with a number."


@pytest.mark.parametrize("response, label, correct", [
    ("There is just one tiny pause before the last phrase. I would score this a solid nine.", "9", True),
    ("There is one pause, but overall I give it a 9.", "9", True),
    ("Two pauses, so I rate it 7.", "2", False),
    ("I would give it a 7 or an 8.", "7", False),
    ("If the noise were removed I would give it a 6, but as recorded it only merits a 5.", "6", False),
])
def test_the_score_given_is_read_over_numbers_said_of_other_things(response, label, correct):
    """A count in the explanation ("one pause") is no second answer; a score offered with another
    ("a 7 or an 8", "would give it a 6, but ... merits a 5") is still a hedge."""
    verdict = judge(response, label, instruction=RATING)
    assert verdict.correct is correct, verdict.reason


@pytest.mark.parametrize("instruction, label, response, correct", [
    ("Is the machine sound normal or anomalous?", "normal",
     "I wouldn't call this machine sound normal. That grinding is a clear sign of trouble.", False),
    ("Is the machine sound normal or anomalous?", "anomalous", "I wouldn't call this machine sound normal.",
     True),
    ("Is there a gunshot in the audio? Answer yes or no.", "yes", "I wouldn't rule out a gunshot.", False),
    ("Is there a gunshot in the audio? Answer yes or no.", "no", "I wouldn't rule out a gunshot.", False),
    ("Is there a gunshot in the audio? Answer yes or no.", "no", "We can rule out a gunshot.", True),
    ("Which sound is it? Choose one: gunshot, firework, door slam.", "firework",
     "It's a firework, though I can't rule out a gunshot.", False),
])
def test_a_negated_naming_verb_reaches_its_complement_and_not_ruled_out_is_only_possible(instruction, label,
                                                                                       response, correct):
    verdict = judge(response, label, instruction=instruction)
    assert verdict.correct is correct, verdict.reason


BETTER = ("Answer the question: 'Is the pronunciation accuracy of the first audio better than the second "
          "audio?' with 'Yes' if the first audio is better, and 'No' if the second audio is better.")


@pytest.mark.parametrize("instruction, response, label", [
    (BETTER, "The first audio is not better than the second.", "No"),
    ("Which clip is louder, the first or the second?", "The second is not louder than the first.", "first"),
    ("Which clip is louder, the first or the second?", "The first clip is no louder than the second.",
     "second"),
])
def test_a_negated_comparative_points_the_other_way(instruction, response, label):
    assert judge(response, label, instruction=instruction).correct
    other = {"No": "Yes", "first": "second", "second": "first"}[label]
    assert not judge(response, other, instruction=instruction).correct


VOICES = "Which vocal range does the singer belong to? Choose one from: soprano, alto, tenor, bass."
PLACES = ("What is the place of articulation of the consonant? Choose one from: bilabial, labio-dental, "
          "dental, alveolar, palato-alveolar, retroflex, palatal, velar, uvular, glottal.")
BEARING = ("Identify the condition of the rolling bearing from its vibration sound. Choose one from: normal, "
           "inner race fault, outer race fault, ball fault.")
DIALECT = ("Which Arabic dialect is spoken? Choose one from: Modern Standard Arabic, Egyptian, Gulf, "
           "Levantine.")


@pytest.mark.parametrize("instruction, label, other, response", [
    (VOICES, "alto", "tenor", "The singer is a contralto, with a rich, dark, low female voice."),
    (VOICES, "soprano", "alto", "Die Sängerin ist eine Sopranistin."),
    (VOICES, "bass", "tenor", "A basso profondo."),
    (PLACES, "labio-dental", "dental", "It is a labiodental fricative."),
    (PLACES, "velar", "uvular", "软腭音"),
    (PLACES, "retroflex", "alveolar", "A retroflex consonant, like Hindi ʈ."),
    (BEARING, "outer race fault", "inner race fault", "The damage seems to be on the bearing's outer ring."),
    ("Listen to the heart sound recording and classify it as normal or abnormal.", "abnormal", "normal",
     "I'd classify this as a pathological heart sound."),
    ("Is the cough wet or dry? Answer wet or dry.", "wet", "dry", "A productive, chesty cough."),
    (DIALECT, "Egyptian", "Levantine", "Cairene Arabic."),
    (DIALECT, "Levantine", "Gulf", "Le locuteur parle un dialecte levantin."),
    (DIALECT, "Modern Standard Arabic", "Egyptian", "MSA"),
    ("What is the time signature of the music? The answer could be 2/4, 3/4, 4/4, or 6/8.", "4/4", "3/4",
     "Meter: common time."),
    ("Identify the recording device used to capture this audio. The answer could be smartphone, studio "
     "microphone, laptop, or headset.", "smartphone", "laptop", "This was captured on a mobile phone."),
    ("Is the sound source located on the left or the right of the listener? Answer left or right.", "right",
     "left", "R"),
])
def test_an_option_named_by_a_new_alias_is_that_option_and_no_other(instruction, label, other, response):
    assert judge(response, label, instruction=instruction).correct
    assert not judge(response, other, instruction=instruction).correct


def test_a_class_word_of_places_commits_to_no_member():
    verdict = judge("A labial sound.", "bilabial", instruction=PLACES)
    assert not verdict.correct
