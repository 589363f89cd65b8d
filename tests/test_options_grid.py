"""The option finder on a grid: 12 question stems x 12 ways of offering their options, every one of
which must give back exactly the options offered (in order, without the instruction's other words)."""

from __future__ import annotations

import pytest

from dsuperb.vocab.options import find_options

# (stem, options): questions from different task families, each with the options it offers
STEMS = [
    ("What emotion does the speaker express?", ["happy", "sad", "angry", "neutral"]),
    ("Is this sound a tone or noise?", ["tone", "noise"]),
    ("Identify the gender of the speaker.", ["male", "female"]),
    ("Listen to the clip and classify its content.", ["speech", "music"]),
    ("Which instrument is playing in the recording?", ["piano", "violin", "acoustic guitar", "flute"]),
    ("Tell me which language is spoken.", ["English", "German", "French", "Mandarin"]),
    ("Are the two utterances from the same speaker?", ["yes", "no"]),
    ("Based on the audio, estimate the age group of the speaker.", ["child", "teenager", "adult", "senior"]),
    ("How many speakers do you hear?", ["1", "2", "3", "4"]),
    ("Please determine the recording environment.", ["indoor", "outdoor"]),
    ("Which vocal sound is in the clip?", ["laughter", "sigh", "cough", "throat clearing"]),
    ("Classify the music genre of this excerpt.", ["blues", "jazz", "hip hop", "rock"]),
]


def _listed(options, sep=", ", last=", or "):
    if len(options) == 2:
        return f"{options[0]}{last.replace(',', '')}{options[1]}"
    return sep.join(options[:-1]) + last + options[-1]


PHRASINGS = [
    lambda o: f"The answer could be {_listed(o)}.",
    lambda o: f"Possible answers: {', '.join(o)}.",
    lambda o: f"Choices: {', '.join(o)}.",
    lambda o: f"Select from {_listed(o, last=', and ')}.",
    lambda o: f"Options: {' / '.join(o)}.",
    lambda o: f"Answer with one of: {' | '.join(o)}.",
    lambda o: f"Choose one: {', '.join(o)}.",
    lambda o: f"Answer {_listed(o, last=' or ')} for this clip.",
    lambda o: f"Reply with one word ({_listed(o)}).",
    lambda o: f"The options are [{', '.join(o)}].",
    lambda o: f"Pick one of the following: {' '.join(f'({chr(65 + i)}) {x}' for i, x in enumerate(o))}",
    lambda o: f"Respond only with {_listed(o, last=' or ')}, and nothing else.",
]


@pytest.mark.parametrize("phrasing", range(len(PHRASINGS)))
@pytest.mark.parametrize("stem", range(len(STEMS)))
def test_every_stem_with_every_phrasing(stem, phrasing):
    question, options = STEMS[stem]
    instruction = f"{question} {PHRASINGS[phrasing](options)}"
    assert find_options(instruction) == options, instruction


@pytest.mark.parametrize("instruction,expected", [
    # options named twice: two lists that agree are one list
    ("Tell me whether you hear a tone or noise. Choose one: tone / noise.", ["tone", "noise"]),
    ("Is the speaker male or female? Answer with male or female.", ["male", "female"]),
    # options followed by more words
    ("Answer tone or noise for this clip.", ["tone", "noise"]),
    ("Choose one: speech, music.", ["speech", "music"]),
    ("Label it happy, sad or angry based on the voice.", ["happy", "sad", "angry"]),
    # pipes, slashes, select-all lists, Chinese lists
    ("What is the emotion? Options: happy|sad|angry", ["happy", "sad", "angry"]),
    ("What is the emotion? happy/sad/angry/neutral", ["happy", "sad", "angry", "neutral"]),
    ("Which instruments are playing? Select all that apply from: piano, guitar, drums.",
     ["piano", "guitar", "drums"]),
    ("说话人的性别是什么？请回答：男 或 女。", ["男", "女"]),
    ("这段音乐是什么风格？选择：摇滚、爵士、古典", ["摇滚", "爵士", "古典"]),
])
def test_hard_shapes(instruction, expected):
    assert find_options(instruction) == expected
