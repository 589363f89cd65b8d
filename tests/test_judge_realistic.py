"""The embedded judge on replies shaped like real audio-LLM answers: each verdict, answer and reason.

Every case is (instruction, label, response) -> (correct, na, answer, a word the reason must hold).
"""

from __future__ import annotations

import pytest

from dsuperb.scoring.judge_base import JudgeItem
from dsuperb.scoring.judge_embedded import decide

EMOTION = "What emotion does the speaker convey? Answer with one of: happy, sad, angry, neutral."
SAME = "Are the two recordings from the same speaker? Answer yes or no."
GENDER = "What is the gender of the speaker? (A) male (B) female"
LOUDER = "Which clip is louder? Respond with 1 or 2."
CHINESE = "这段语音的情绪是什么？答案可以是：开心、难过、生气。"
QUESTION = "Is the speaker male or female?"

CASES = [
    # plain commitments, in the wordings models use
    (EMOTION, "happy", "The speaker sounds happy.", True, False, "happy", "commits"),
    (EMOTION, "neutral", "Based on the audio, I would say the emotion is neutral, although there are "
                         "hints of sadness.", True, False, "neutral", "commits"),
    (EMOTION, "sad", "Based on the audio, I would say the emotion is neutral, although there are "
                     "hints of sadness.", False, False, "neutral", "label is 'sad'"),
    (EMOTION, "neutral", "I would say neutral, although it could also be sad.", False, True, None, "hedges"),
    (EMOTION, "sad", "The answer is: sad", True, False, "sad", "commits"),
    (EMOTION, "sad", "The answer is: Sad.", True, False, "sad", "commits"),
    (EMOTION, "happy", "**Answer:** happy", True, False, "happy", "commits"),
    (EMOTION, "happy", "## Answer\nHappy", True, False, "happy", "commits"),
    (EMOTION, "happy", "Sure! The emotion conveyed is happy.", True, False, "happy", "commits"),
    (EMOTION, "happy", "happy\n\nThe speaker's tone is upbeat.", True, False, "happy", "commits"),
    (EMOTION, "angry", "The speaker sounds angry, not happy.", True, False, "angry", "commits"),
    (EMOTION, "sad", "The speaker does not sound happy; rather, they sound sad.", True, False, "sad",
     "commits"),
    (EMOTION, "sad", "The speaker sounds sad. However, I cannot be completely certain.", True, False, "sad",
     "commits"),
    (EMOTION, "happy", "I'm sorry, but the speaker sounds happy.", True, False, "happy", "commits"),
    # hedges and refusals
    (EMOTION, "sad", "I think it's either angry or sad", False, True, None, "hedges"),
    (EMOTION, "happy", "It is not possible to determine the emotion from the audio.", False, True, None,
     "refusal"),
    (EMOTION, "happy", "It is not possible to determine whether the speaker is happy or sad.", False, True,
     None, "refusal"),
    (EMOTION, "happy", "I cannot determine whether the speaker is happy.", False, True, None, "refusal"),
    (EMOTION, "happy", "It could be happy or sad; I cannot tell.", False, True, None, "hedges"),
    (EMOTION, "happy", "happy/sad", False, True, None, "hedges"),
    (SAME, "no", "No idea.", False, True, None, "refusal"),
    (EMOTION, "happy", "Hard to tell, but it sounds happy.", True, False, "happy", "commits"),
    (EMOTION, "happy", "It's hard to say whether it is happy.", False, True, None, "refusal"),
    # the option list repeated
    (EMOTION, "happy", "happy, sad, angry, neutral", False, True, None, "hedges"),
    (EMOTION, "happy", "The options are happy, sad, angry, and neutral. The speaker sounds happy.", True,
     False, "happy", "commits"),
    (EMOTION, "sad", "Happy, sad, angry, neutral: of these, the speaker sounds sad.", True, False, "sad",
     "commits"),
    (EMOTION, "sad", "Out of happy, sad, angry and neutral, I'd pick sad.", True, False, "sad", "commits"),
    (GENDER, "female", "The choices are male and female. The voice is female.", True, False, "female",
     "commits"),
    (GENDER, "female", "The choices are male and female.", False, True, None, "hedges"),
    # letters
    (GENDER, "female", "A", False, False, "male", "label is 'female'"),
    (GENDER, "male", "A", True, False, "male", "commits"),
    (GENDER, "female", "(B) female", True, False, "female", "commits"),
    (GENDER, "female", "The speaker is a female.", True, False, "female", "commits"),
    # yes / no
    (SAME, "yes", "Yes, the two recordings are from the same speaker.", True, False, "yes", "commits"),
    (SAME, "no", "No.", True, False, "no", "commits"),
    (SAME, "yes", "No.", False, False, "no", "label is 'yes'"),
    (SAME, "yes", "Yes or no", False, True, None, "hedges"),
    (SAME, "yes", "Yes/No", False, True, None, "hedges"),
    (SAME, "no", "No, I cannot tell whether they are the same speaker.", False, True, None, "refusal"),
    (SAME, "yes", "I cannot tell whether they are the same speaker.", False, True, None, "refusal"),
    (SAME, "no", "Noisy background makes it hard, but no.", True, False, "no", "commits"),
    (SAME, "no", "The answer is no.", True, False, "no", "commits"),
    # meaning read through the lexicons: an implicit no, a synonym
    (SAME, "no", "They are from different speakers.", True, False, "no", "different speakers"),
    (EMOTION, "sad", "Sadness.", True, False, "sad", "commits"),
    # meaning the rules cannot read: N/A with a reason, never a pass
    (EMOTION, "sad", "The mood is hard to pin down, somewhere in the middle.", False, True, None,
     "out of options"),
    # numeric option labels
    (LOUDER, "2", "2", True, False, "2", "commits"),
    (LOUDER, "2", "The second clip is louder, so the answer is 2.", True, False, "2", "commits"),
    (LOUDER, "1", "1.", True, False, "1", "commits"),
    (LOUDER, "1", "Clip 1 is louder than clip 2.", True, False, "1", "commits"),
    (LOUDER, "1", "Clip 2 is quieter than clip 1.", True, False, "1", "commits"),
    (LOUDER, "2", "Clip 1 is quieter.", True, False, "2", "commits"),
    # Chinese labels: no spaces around the option, and 不 negates
    (CHINESE, "开心", "开心", True, False, "开心", "commits"),
    (CHINESE, "开心", "答案是开心", True, False, "开心", "commits"),
    (CHINESE, "难过", "说话人听起来很难过。", True, False, "难过", "commits"),
    (CHINESE, "开心", "难过", False, False, "难过", "label is '开心'"),
    (CHINESE, "开心", "说话人不开心", False, True, None, "out of options"),
    # options offered only by the question
    (QUESTION, "female", "The speaker is male.", False, False, "male", "label is 'female'"),
    (QUESTION, "female", "Female.", True, False, "female", "commits"),
    ("Answer with speech or tone only.", "tone", "The difference is in tone.", True, False, "tone",
     "commits"),
    ("is it a or b? Reply with one word.", "b", "a", False, False, "a", "label is 'b'"),
]


@pytest.mark.parametrize("instruction,label,response,correct,na,answer,why", CASES,
                         ids=[f"{case[1]}:{case[2][:30]}" for case in CASES])
def test_realistic_replies(instruction, label, response, correct, na, answer, why):
    verdict = decide(JudgeItem(instruction, (label,), response))
    assert (verdict.correct, verdict.na) == (correct, na), verdict
    assert (verdict.answer.lower() if verdict.answer else None) == answer, verdict
    assert why in verdict.reason, verdict
