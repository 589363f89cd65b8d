"""One-off generator: the Phase-2 reference table -> one card per task under tasks/.

    python tools/build_catalogue.py [--reference DIR] [--tasks-dir DIR]

It reads `phase2_instances.tsv` (one row per known instance), the organisers' confirmed sheet (for
its Speech/Music/Audio flags) and the real instruction templates (for label sets), and through
`catalogue_sources.py` the gap table (new instances, renamed and Phase-1 hub paths), the task
licences and the Phase-1 list; it writes `tasks/<Task>/task.yaml`. The cards are then data:
committed, reviewed and edited like any card. Rerunning overwrites every card it generates, so hand
edits belong in the tables below.

Rules it applies (see docs/taxonomy.md and the issue "The Phase-2 catalogue"):
- every row becomes one instance; the task is the part of the instance name before the first `_`,
  except where TASK_OF cleans a typo or joins spellings of one task;
- the hub path and revision are copied exactly; a missing revision is written as null;
- the organisers' metric says how an instance was scored, so where the curators' type disagrees
  the type follows the metric and `curator_type` keeps the sheet's type;
- where no metric is recorded, the metric of the task's other instances (if any were scored) or the
  one that fits the type is chosen and marked `metric_source: chosen`;
- a renamed hub repository gets its current path, the record's spelling going to `aliases`; two
  record rows of one repository (MERGED_REPOS) are one instance; two instances the record pins to
  one commit name each other in `revision_shared_with`;
- weak evidence (the gap table's tags, the record's source) makes an instance `status: unconfirmed`.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import catalogue_sources as sources  # noqa: E402

from dsuperb.vocab import metrics as registry  # noqa: E402

DEFAULT_REFERENCE = REPO / "reference"
HUB = "https://huggingface.co/datasets/"
LLM = "llm_classification"
CLS, REG, SEQ, GEN = "classification", "regression", "sequence_generation", "audio_generation"

# The sheet's spellings of its types.
SHEET_TYPES = {"classification": CLS, "regression": REG, "sequence_generation": SEQ, "audio_generation": GEN}

# Task names that are not simply "the instance name up to the first `_`": typos and variant spellings
# of one task. The hub path keeps the real spelling; only the task (folder) name is cleaned.
TASK_OF = {
    "Children": "ChildrenSongTranscriptVerification",
    "GenderRecognitionbyVoice-CommonVoice-DeltaSegment-15": "GenderRecognitionByVoice",
    "Emergency": "EmergencyTrafficDetection",
    "AudioDeepFakeDetection": "AudioDeepfakeDetection",
    "EmotionClassificaitonInSongs": "EmotionClassificationInSongs",
    "CornellBirdcallIdentification": "BirdcallIdentification",
    "BirdcallIdendification": "BirdcallIdentification",
    "Code-switchSpeechRecognition": "CodeSwitchSpeechRecognition",
    "PoS": "PoSEstimation",
    "S2ST": "SpeechToSpeechTranslation",
    "GenderRecognitionbyVoice": "GenderRecognitionByVoice",
    "Infant": "InfantCryingClassification",
    "Vehicle": "VehicleSoundClassification",
    "VCTK": "SpeakerRecognition",
}

# Record rows that are another row's repository under its old name: one instance, the old path an alias.
MERGED_REPOS = {
    "DynamicSuperb/PitchClassification_Nsynth": "DynamicSuperb/InstrumentPitchClassification_Nsynth",
}
# Instance names as the validator wants them ({Task}_{Dataset}), for choosing between spellings.
CLEAN_NAME = re.compile(r"^[A-Za-z0-9]+_[A-Za-z0-9.]+(?:[-_][A-Za-z0-9.]+)*$")

# What the organisers' metric says about the type when it does not fit the sheet's type.
METRIC_TYPE = {LLM: CLS, "speaker_count": REG, "phone_segment_counting": REG, "code_switching_count": REG,
               "sound_position": REG, "speech_command_recognition": SEQ}


@dataclass(frozen=True)
class T:
    """One task's hand-written facts: category, domains, a plain description, extra keywords."""

    category: str
    domains: tuple[str, ...]
    text: str
    keywords: tuple[str, ...] = ()
    assume: str | None = None  # type for rows whose sheet type is empty
    metric: str | None = None  # metric to choose where none is recorded and the type has no default


S, M, A = ("speech",), ("music",), ("audio",)
SM, SA, AM = ("speech", "music"), ("speech", "audio"), ("audio", "music")
OPTIONS = "from the options the instruction gives"
AUDIO_OUT = "The answer is audio, which dsuperb does not score yet."

TASKS: dict[str, T] = {
    # --- speech: quality of learners' English
    "L2EnglishAccuracy": T(
        "speech_quality", S,
        "The model judges how accurately an English learner pronounces English: either a score from 0"
        " to 10 for one recording, or, given two recordings, whether the first is pronounced more "
        "accurately than the second.",
        ("L2 English", "pronunciation assessment")),
    "L2EnglishFluency": T(
        "speech_quality", S,
        "The model judges the fluency of an English learner's speech (its smoothness and flow: "
        "pauses, repetitions, stammering): either a score from 0 to 10 for one recording, or whether "
        "the first of two recordings is more fluent.",
        ("L2 English", "fluency")),
    "L2EnglishProsodic": T(
        "speech_quality", S,
        "The model judges the prosody of an English learner's speech (intonation, speaking speed, "
        "rhythm): either a score from 0 to 10 for one recording, or whether the first of two "
        "recordings has better prosody.",
        ("L2 English", "prosody")),
    "L2EnglishScoring": T(
        "speech_quality", S,
        "The model scores the pronunciation accuracy of an English learner's recording with a number.",
        ("L2 English", "pronunciation assessment"), metric="pearson_correlation_coefficient"),
    # --- speech: content
    "NBestCorrection": T(
        "content", S,
        "The model reads several candidate transcripts of one utterance (the N best guesses of a "
        "speech recogniser) and picks the correct one. There is no audio: everything is in the text.",
        ("N-best", "speech recognition", "text only")),
    "TargetSpeakerASR": T(
        "content", S,
        "The model hears a recording with more than one speaker and writes down what one particular "
        "(target) speaker says.",
        ("speech recognition", "target speaker")),
    "MultiLingualSpeechRecognition": T(
        "content", S,
        "The model transcribes speech into text, in one of several languages (German, English, "
        "Spanish, French, Italian, Dutch, Polish, Portuguese; one instance per language).",
        ("speech recognition", "multilingual")),
    "PTBRSpeechRecognition": T(
        "content", S,
        "The model transcribes Brazilian Portuguese speech into text.",
        ("speech recognition", "Portuguese")),
    "AAVESpeechRecognition": T(
        "content", S,
        "The model transcribes speech in African-American Vernacular English into text.",
        ("speech recognition", "dialect")),
    "CodeSwitchSpeechRecognition": T(
        "content", S,
        "The model transcribes speech in which the speaker switches between languages "
        "(code-switching) into text.",
        ("speech recognition", "code-switching")),
    "SpeechCommandRecognition": T(
        "content", S,
        "The model hears a short spoken command or word and says which one it is.",
        ("speech commands",)),
    "SpokenTermDetection": T(
        "content", S,
        "The model hears speech and says whether a given word or phrase is spoken in it.",
        ("keyword search",)),
    "SpeechTextMatching": T(
        "content", S,
        "The model hears speech and reads a text, and says whether the text matches what is said.",
        ("transcript",)),
    "SpeechDetection": T(
        "content", S,
        "The model hears a clip and says whether it contains speech.",
        ("voice activity",)),
    "SuperbASR": T(
        "content", S,
        "From the SUPERB benchmark: the model transcribes English speech into text.",
        ("SUPERB", "speech recognition")),
    "SuperbOODAsrAr": T(
        "content", S,
        "From the SUPERB benchmark, out-of-domain speech recognition (speech unlike the read English "
        "the benchmark's recognisers are built on): the model transcribes Arabic "
        "speech into text.",
        ("SUPERB", "speech recognition", "Arabic")),
    "SuperbOODAsrEs": T(
        "content", S,
        "From the SUPERB benchmark, out-of-domain speech recognition (speech unlike the read English "
        "the benchmark's recognisers are built on): the model transcribes Spanish "
        "speech into text.",
        ("SUPERB", "speech recognition", "Spanish")),
    "SuperbOODAsrZh": T(
        "content", S,
        "From the SUPERB benchmark, out-of-domain speech recognition (speech unlike the read English "
        "the benchmark's recognisers are built on): the model transcribes Chinese "
        "speech into text, scored by character error rate.",
        ("SUPERB", "speech recognition", "Chinese")),
    "SuperbOODAsrSpon": T(
        "content", S,
        "From the SUPERB benchmark, out-of-domain speech recognition (speech unlike the read English "
        "the benchmark's recognisers are built on): the model transcribes "
        "spontaneous (unscripted) speech into text.",
        ("SUPERB", "speech recognition", "spontaneous speech")),
    "SuperbPR": T(
        "content", S,
        "From the SUPERB benchmark: the model hears English speech and writes out the sequence of "
        "phonemes (speech sounds) spoken.",
        ("SUPERB", "phoneme recognition")),
    "SuperbKS": T(
        "content", S,
        "From the SUPERB benchmark, keyword spotting: the model hears a short spoken command and "
        "names the keyword, from the options the instruction gives.",
        ("SUPERB", "keyword spotting")),
    "SuperbQbE": T(
        "content", S,
        "From the SUPERB benchmark, query by example: the model hears a short spoken query and a "
        "longer recording (the document) and says whether the query is spoken in it.",
        ("SUPERB", "query by example", "spoken term detection")),
    "HEARSpokenCommandsClassification": T(
        "content", S,
        "From the HEAR benchmark: the model hears a short spoken command and names it, from the "
        "options the instruction gives.",
        ("HEAR", "speech commands")),
    # --- speech: speaker
    "SpeakerVerification": T(
        "speaker", S,
        "The model hears two speech recordings and says whether the same person speaks in both.",
        ("speaker identity",)),
    "SuperbSV": T(
        "speaker", S,
        "From the SUPERB benchmark, speaker verification: the model hears two recordings (an "
        "enrollment and a test recording) and says whether the same person speaks in both.",
        ("SUPERB", "speaker verification")),
    "SuperbSD": T(
        "speaker", S,
        "From the SUPERB benchmark, speaker diarization: the model hears a recording with more than "
        "one speaker and says who speaks when.",
        ("SUPERB", "speaker diarization")),
    "SpeakerCounting": T(
        "speaker", S,
        "The model hears speech and says how many different people speak.",
        ("speaker count",)),
    "HEARSpeakerCountIdentification": T(
        "speaker", S,
        "From the HEAR benchmark: the model hears a recording and counts how many people speak in it.",
        ("HEAR", "speaker count")),
    "SpeakerRecognition": T(
        "speaker", S,
        "The model hears a person speak and names the speaker, from the options the instruction gives.",
        ("speaker identity",)),
    "MultiSpeakerDetection": T(
        "speaker", S,
        "The model hears speech and says whether more than one person speaks.",
        ("speaker count",)),
    "GenderRecognitionByVoice": T(
        "speaker", S,
        "The model hears a person speak and says their gender, from the options the instruction "
        "gives.",
        ("gender",)),
    "AgeClassification": T(
        "speaker", S,
        "The model hears a person speak and says their age group, from the options the instruction "
        "gives.",
        ("speaker age",)),
    # --- speech: semantics
    "NamedEntityRecognition": T(
        "semantics", S,
        "The model hears speech and lists the named entities spoken in it (names of people, places, "
        "organisations and the like).",
        ("named entities", "spoken language understanding")),
    "NamedEntityLocalization": T(
        "semantics", S,
        "The model hears speech and gives the times at which named entities (names of people, places,"
        " organisations and the like) are spoken.",
        ("named entities", "timestamps")),
    "SentimentAnalysis": T(
        "semantics", S,
        "The model hears someone speak and says which sentiment they express, from the options the "
        "instruction gives.",
        ("sentiment",)),
    "SpeechSentimentAnalysis": T(
        "semantics", S,
        "The model hears an utterance and says which sentiment it expresses, from the options the "
        "instruction gives.",
        ("sentiment",), assume=CLS),
    "SemanticTextualSimilarity": T(
        "semantics", S,
        "The model hears four utterances forming two pairs and says whether the first pair is closer "
        "in meaning than the second.",
        ("meaning", "similarity")),
    "SentenceGrammarAcceptability": T(
        "semantics", S,
        "The model hears two spoken sentences and says which one is grammatically correct.",
        ("grammar", "syntax")),
    "CodeSwitchingSemanticGrammarAcceptabilityComparison": T(
        "semantics", S,
        "The model hears speech that mixes Chinese and English (code-switching) and judges which "
        "utterance is acceptable in meaning and grammar.",
        ("code-switching", "grammar")),
    "ConversationMatching": T(
        "semantics", S,
        "The model listens to short English conversations and answers a question about which parts "
        "match, from the options the instruction gives.",
        ("conversation", "dialogue")),
    "DialogueActPairing": T(
        "semantics", S,
        "The model hears turns of a spoken dialogue and judges how their dialogue acts (what each "
        "turn does, such as asking or answering) pair up, from the options the instruction gives.",
        ("dialogue act", "dialogue")),
    "DialogueActClassification": T(
        "semantics", S,
        "The model hears a turn of a spoken dialogue and names its dialogue act (what the turn does, "
        "such as asking a question); one instance allows several acts per turn.",
        ("dialogue act", "dialogue")),
    "IntentClassification": T(
        "semantics", S,
        "The model hears a spoken request and says what the speaker wants (the intent, action, object"
        " or location asked about), from the options the instruction gives.",
        ("intent", "spoken language understanding")),
    "HateSpeechDetection": T(
        "semantics", S,
        "The model hears an utterance and says whether it is hateful or toxic.",
        ("hate speech", "toxicity")),
    "SuperbIC": T(
        "semantics", S,
        "From the SUPERB benchmark, intent classification: the model hears a spoken request and says "
        "what the speaker intends, from the options the instruction gives.",
        ("SUPERB", "intent")),
    "SuperbSF": T(
        "semantics", S,
        "From the SUPERB benchmark, slot filling: the model hears a spoken request and extracts the "
        "details that matter (slots, such as a place or a time) with their values.",
        ("SUPERB", "slot filling")),
    "SuperbST": T(
        "semantics", S,
        "From the SUPERB benchmark: the model hears speech in one language and translates it into "
        "another, as text.",
        ("SUPERB", "speech translation")),
    "SpokenDigitArithmetic": T(
        "semantics", S,
        "The model hears spoken digits and answers an arithmetic question about them.",
        ("arithmetic", "digits")),
    "PoSEstimation": T(
        "semantics", S,
        "The model hears an English utterance and tags each word with its part of speech (noun, verb,"
        " adjective and so on); one instance also asks for the transcript.",
        ("part of speech", "syntax")),
    "SpokenQA": T(
        "semantics", S,
        "The model hears spoken content and answers a question about it in text.",
        ("question answering",), assume=SEQ, metric=LLM),
    # --- speech: degradation
    "NoiseDetection": T(
        "degradation", S,
        "The model hears speech and says whether noise has been added to it; instances differ by the "
        "speech recordings and the kind of noise (music, speech, Gaussian noise, other noise).",
        ("noise",)),
    "NoiseSNRLevelPrediction": T(
        "degradation", S,
        "The model hears speech mixed with noise (music, other speech, Gaussian noise or other noise;"
        " one instance each) and says how loud the speech is relative to the noise (the "
        "signal-to-noise ratio), from the options the instruction gives.",
        ("noise", "signal-to-noise ratio")),
    "ReverberationDetection": T(
        "degradation", S,
        "The model hears speech and says whether it sounds reverberant, as in a room with echoes; "
        "instances differ by the speech recordings and the size of the room.",
        ("reverberation", "room acoustics")),
    "EnhancementDetection": T(
        "degradation", S,
        "The model hears speech and says whether it has been processed by speech enhancement (noise "
        "removal).",
        ("speech enhancement",)),
    # --- speech: paralinguistics
    "EmotionRecognition": T(
        "paralinguistics", S,
        "The model hears speech and names the emotion expressed, from the options the instruction "
        "gives.",
        ("emotion",)),
    "SuperbER": T(
        "paralinguistics", S,
        "From the SUPERB benchmark, emotion recognition: the model hears an utterance and names the "
        "speaker's emotion, from the options the instruction gives.",
        ("SUPERB", "emotion")),
    "HEAREmotionRecognition": T(
        "paralinguistics", S,
        "From the HEAR benchmark: the model hears an utterance and names its emotion, from the "
        "options the instruction gives.",
        ("HEAR", "emotion")),
    "EmojiGroundedSpeechEmotionRecognition": T(
        "paralinguistics", S,
        "The model hears an emotional utterance and names the emotion expressed, with emotions tied "
        "to emojis.",
        ("emotion", "emoji")),
    "EmotionChangeDetection": T(
        "paralinguistics", S,
        "The model hears speech and tells whether and how the speaker's emotion changes during the "
        "recording.",
        ("emotion",)),
    "DialogueEmotionClassification": T(
        "paralinguistics", S,
        "The model hears a turn of a spoken dialogue and names the emotion expressed, from the "
        "options the instruction gives.",
        ("emotion", "dialogue")),
    "EmotionalSpeechAudioClassification": T(
        "paralinguistics", S,
        "The model hears emotional speech or vocal sounds and names the emotion, from the options the"
        " instruction gives.",
        ("emotion",), assume=CLS),
    "SarcasmDetection": T(
        "paralinguistics", S,
        "The model hears an utterance and says whether it is sarcastic.",
        ("sarcasm",)),
    "StutteringDetection": T(
        "paralinguistics", S,
        "The model hears speech and says whether, or what kind of, stuttering occurs.",
        ("stuttering", "speech disorder")),
    "VoiceDisorderClassification": T(
        "paralinguistics", S,
        "The model hears a voice recording and says whether the voice shows a disorder, from the "
        "options the instruction gives.",
        ("voice disorder", "health")),
    "VocalSoundRecognition": T(
        "paralinguistics", S,
        "The model hears a human vocal sound that is not speech (such as laughter or a cough) and "
        "names it, from the options the instruction gives.",
        ("vocal sounds",)),
    # --- speech: language
    "LanguageIdentification": T(
        "language", S,
        "The model hears speech and names the language spoken.",
        ("language",)),
    "HEARLanguageIdentification": T(
        "language", S,
        "From the HEAR benchmark: the model hears speech and names the language spoken.",
        ("HEAR", "language")),
    "AccentClassification": T(
        "language", S,
        "The model hears speech and names the speaker's accent, from the options the instruction "
        "gives.",
        ("accent",)),
    "DialectIdentification": T(
        "language", S,
        "The model hears speech and names the dialect spoken.",
        ("dialect",)),
    "CodeSwitchingSpeechRecognition": T(
        "language", S,
        "The model hears speech that mixes languages (code-switching) and answers with a count about "
        "the switches; the organisers scored it by count accuracy.",
        ("code-switching", "count")),
    "CodeSwitchingSpeechIdentification": T(
        "language", S,
        "The model hears speech and says whether the speaker switches between languages "
        "(code-switching).",
        ("code-switching",), assume=CLS),
    # --- speech: phonetics and phonology
    "PhonologicalFeatureClassification": T(
        "phonetics_phonology", S,
        "The model hears a clip of three phones (speech sounds) and names a property of the middle "
        "one: the phone itself, its manner or place of articulation, or the height, frontness or "
        "roundedness of a vowel (one instance per property).",
        ("phones", "articulation")),
    "PronunciationSimilarity": T(
        "phonetics_phonology", S,
        "The model hears three words (A, B and X) and says whether X is pronounced more like A or "
        "like B; the words come from many languages.",
        ("pronunciation", "multilingual")),
    "PhoneSegmentCounting": T(
        "phonetics_phonology", S,
        "The model hears a recording and counts the phones (individual speech sounds) in it, "
        "answering with a number.",
        ("phones", "count")),
    "PhonemeSegmentCounting": T(
        "phonetics_phonology", S,
        "The model hears English words and counts the phonemes (the distinct speech sounds) in them, "
        "answering with a number.",
        ("phonemes", "count")),
    "NonceWordDetection": T(
        "phonetics_phonology", S,
        "The model hears two spoken words and says which one is not a real English word.",
        ("lexicon", "nonce words")),
    "HeteronymDifferentiation": T(
        "phonetics_phonology", S,
        "The model hears English speech containing a heteronym (a word spelled like another but "
        "pronounced differently) and tells which one is spoken.",
        ("heteronyms", "pronunciation")),
    "ThirdToneSandhiRecognition": T(
        "phonetics_phonology", S,
        "The model hears Taiwan Mandarin speech and identifies where third-tone sandhi applies (a "
        "third tone that changes because another third tone follows it).",
        ("tone", "Mandarin")),
    # --- speech: prosody
    "ProsodyNaturalness": T(
        "prosody", S,
        "The model hears two utterances and says which one sounds more natural in its prosody "
        "(melody, stress and rhythm).",
        ("naturalness",)),
    "StressDetection": T(
        "prosody", S,
        "The model hears speech and says where the stress (the emphasis a speaker puts on a syllable or "
        "word) falls.",
        ("stress", "emphasis")),
    # --- speech: safety and spoofing
    "AudioDeepfakeDetection": T(
        "safety_spoofing", S,
        "The model hears a recording and decides whether it is genuine or generated by a machine (a "
        "deepfake).",
        ("deepfake", "anti-spoofing"), assume=CLS),
    "DeepFakeVoiceRecognition": T(
        "safety_spoofing", S,
        "The model hears a voice and decides whether it is real or machine-generated (a deepfake).",
        ("deepfake", "voice conversion")),
    "SpoofDetection": T(
        "safety_spoofing", S,
        "The model hears speech and says whether it is genuine or a spoofing attack (a replayed or "
        "machine-made voice).",
        ("anti-spoofing",)),
    "SingingVoiceDeepfakeDetection": T(
        "safety_spoofing", SM,
        "The model hears a singing voice and decides whether it is a real recording or made by a "
        "machine (a deepfake).",
        ("deepfake", "singing")),
    "FraudRobocallRecognition": T(
        "safety_spoofing", S,
        "The model hears a phone call and decides whether it is a fraudulent automated call (a "
        "robocall).",
        ("fraud", "robocall")),
    "SceneFakeDetection": T(
        "safety_spoofing", SA,
        "The model hears a recording and decides whether its acoustic scene (the background "
        "environment) has been manipulated.",
        ("deepfake", "acoustic scene")),
    # --- speech generation
    "SuperbSE": T(
        "speech_generation", S,
        "From the SUPERB benchmark, speech enhancement: the model hears noisy speech and returns a "
        "cleaned version. The answer is audio, which dsuperb does not score yet.",
        ("SUPERB", "speech enhancement")),
    "SuperbSS": T(
        "speech_generation", S,
        "From the SUPERB benchmark, source separation: the model hears a mixture of two speakers and "
        "returns each speaker's speech separately. The answer is audio, which dsuperb does not score "
        "yet.",
        ("SUPERB", "source separation")),
    "SpeechSeparation": T(
        "speech_generation", S,
        "The model hears a mixture of speakers (with background noise) and returns each speaker's "
        "speech separately. The answer is audio, which dsuperb does not score yet.",
        ("source separation", "LibriMix")),
    "Text2Speech": T(
        "speech_generation", S,
        "The model is given a text and must speak it (text-to-speech). The answer is audio, which "
        "dsuperb does not score yet.",
        ("text-to-speech", "speech synthesis", "text only")),
    "SourceSeparation": T(
        "speech_generation", S,
        "The model hears a mixture of speakers and returns each speaker's speech separately. The "
        "answer is audio, which dsuperb does not score yet.",
        ("source separation",), assume=GEN),
    "EmotionalVoiceConversion": T(
        "speech_generation", S,
        "The model hears an utterance and says it again with a different emotion. The answer is "
        "audio, which dsuperb does not score yet.",
        ("voice conversion", "emotion")),
    "SpeechToSpeechTranslation": T(
        "speech_generation", S,
        "The model hears speech in one language and says it in another (English into other languages,"
        " or other languages into English). The answer is audio, which dsuperb does not score yet.",
        ("translation", "S2ST"), assume=GEN),
    # --- music: singing
    "ChildrenSongTranscriptVerification": T(
        "singing", SM,
        "The model checks the lyric transcript of a sung children's song and answers with the "
        "corrected text, scored by word error rate against the reference.",
        ("lyrics", "children's songs")),
    "LyricTranslation": T(
        "singing", SM,
        "The model hears sung lyrics and translates them into another language, as text.",
        ("lyrics", "translation")),
    "SongLyricRecognition": T(
        "singing", M,
        "The model hears a song and writes down the sung lyrics.",
        ("lyrics", "speech recognition")),
    "SingingAutomaticMOSPrediction": T(
        "singing", SM,
        "The model hears a singing recording and predicts its mean opinion score (MOS): the average "
        "quality rating listeners would give it, as a number.",
        ("MOS", "quality")),
    "VocalTechniqueClassification": T(
        "singing", M,
        "The model hears a singer and names the singing technique used, from the options the "
        "instruction gives.",
        ("vocal technique",)),
    "MARBLEVocalTechniqueDetection": T(
        "singing", M,
        "From the MARBLE music benchmark: the model hears singing and names the vocal technique used,"
        " from the options the instruction gives.",
        ("MARBLE", "vocal technique")),
    "SingerVerification": T(
        "singing", M,
        "The model hears two recordings of singing and says whether the same singer sings in both.",
        ("singer identity",)),
    "SingerCounting": T(
        "singing", M,
        "The model hears singing and says how many singers there are.",
        ("count", "singers"), assume=CLS),
    # --- music: transcription
    "PitchExtractionByLyrics": T(
        "music_transcription", SM,
        "The model hears a sung song and reports the pitches sung, following the lyrics, as text.",
        ("pitch", "lyrics")),
    "HEARMusicTranscription": T(
        "music_transcription", M,
        "From the HEAR benchmark: the model hears music and writes out the notes played (their "
        "pitches and timing).",
        ("HEAR", "notes", "transcription")),
    # --- music: instruments
    "InstrumentClassification": T(
        "music_instruments", M,
        "The model hears music and names the instrument playing, from the options the instruction "
        "gives.",
        ("instrument",)),
    "InstrumentSourceClassification": T(
        "music_instruments", M,
        "The model hears a musical note and says what kind of source produced the instrument's sound,"
        " from the options the instruction gives.",
        ("instrument",)),
    "InstrumentCombinationRecognition": T(
        "music_instruments", M,
        "The model hears music and names all the instruments playing in it.",
        ("instrument", "multi-label")),
    "MARBLEInstrumentClassification": T(
        "music_instruments", M,
        "From the MARBLE music benchmark: the model hears music and names the instruments playing.",
        ("MARBLE", "instrument")),
    "HEARPercussionInstrumentsClassification": T(
        "music_instruments", M,
        "From the HEAR benchmark: the model hears a Beijing opera percussion instrument and names it,"
        " from the options the instruction gives.",
        ("HEAR", "percussion")),
    "HEARPercussionInstrumentsStrokeClassification": T(
        "music_instruments", M,
        "From the HEAR benchmark: the model hears a stroke played on a mridangam (a drum) and names "
        "the stroke, from the options the instruction gives.",
        ("HEAR", "percussion", "mridangam")),
    # --- music: pitch, harmony and key
    "HEARPercussionInstrumentsTonicClassification": T(
        "music_theory", M,
        "From the HEAR benchmark: the model hears a mridangam (a drum) and names its tonic, the pitch"
        " it is tuned to, from the options the instruction gives.",
        ("HEAR", "tonic", "mridangam")),
    "InstrumentPitchClassification": T(
        "music_theory", M,
        "The model hears a musical note played by an instrument and names its pitch, from the options"
        " the instruction gives.",
        ("pitch",)),
    "ChordClassification": T(
        "music_theory", M,
        "The model hears a chord played on guitar or piano and names the kind of chord, from the "
        "options the instruction gives.",
        ("chord", "harmony")),
    "MARBLEKeyDetection": T(
        "music_theory", M,
        "From the MARBLE music benchmark: the model hears music and names its key.",
        ("MARBLE", "key")),
    "NextNotePredictionInMusic": T(
        "music_theory", M,
        "The model hears a piece of music and predicts the note that comes next.",
        ("notes", "prediction"), assume=CLS),
    # --- music: rhythm
    "MusicBeatTracking": T(
        "music_rhythm", M,
        "The model hears a piece of music and gives the times at which the beats fall.",
        ("beats", "timestamps")),
    "MARBLEBeatTracking": T(
        "music_rhythm", M,
        "From the MARBLE music benchmark: the model hears music and gives the times at which the "
        "beats fall.",
        ("MARBLE", "beats")),
    # --- music: genre, mood and tags
    "MusicGenreClassification": T(
        "music_genre_mood", M,
        "The model hears music and names its genre, from the options the instruction gives.",
        ("genre",)),
    "HEARMusicGenreClassification": T(
        "music_genre_mood", M,
        "From the HEAR benchmark: the model hears music and names its genre.",
        ("HEAR", "genre")),
    "MARBLEGenreClassification": T(
        "music_genre_mood", M,
        "From the MARBLE music benchmark: the model hears music and names its genre or genres.",
        ("MARBLE", "genre")),
    "MARBLEEmotionDetection": T(
        "music_genre_mood", M,
        "From the MARBLE music benchmark: the model hears music and names the moods or themes it "
        "carries.",
        ("MARBLE", "mood", "emotion")),
    "MARBLEMusicTagging": T(
        "music_genre_mood", M,
        "From the MARBLE music benchmark: the model hears music and lists tags that describe it (such"
        " as genre, mood or instruments).",
        ("MARBLE", "tagging")),
    "EmotionClassificationInSongs": T(
        "music_genre_mood", M,
        "The model hears a song and names the emotion it conveys, from the options the instruction "
        "gives.",
        ("emotion", "songs")),
    # --- music generation
    "SongSeparation": T(
        "music_generation", M,
        "The model hears a song and returns its parts (sources) as separate audio. The answer is "
        "audio, which dsuperb does not score yet.",
        ("source separation", "songs")),
    "SingingVoiceSynthesis": T(
        "music_generation", SM,
        "The model is given lyrics and a musical score as text, with no audio input, and must sing "
        "them. The answer is audio, which dsuperb does not score yet.",
        ("singing synthesis", "text only")),
    "BackgroundMusicAdding": T(
        "music_generation", AM,
        "The model is given a recording and must return it with background music added. The answer is"
        " audio, which dsuperb does not score yet.",
        ("editing", "background music"), assume=GEN),
    # --- audio: sound events and scenes
    "EnvironmentRecognition": T(
        "sound_events", A,
        "The model hears an environmental sound and names it, from the options the instruction gives.",
        ("environmental sound",)),
    "EnvironmentalSoundClassification": T(
        "sound_events", A,
        "The model hears an everyday environmental sound and names it, from the options the "
        "instruction gives; instances cover groups of sounds such as animals or urban noises.",
        ("environmental sound",)),
    "HEAREnvironmentalSoundClassification": T(
        "sound_events", A,
        "From the HEAR benchmark: the model hears an environmental sound and names it.",
        ("HEAR", "environmental sound")),
    "HumanNonSpeechSoundRecognition": T(
        "sound_events", A,
        "The model hears a sound a person makes that is not speech and names it, from the options the"
        " instruction gives.",
        ("non-speech sounds",)),
    "HumanScreamingDetection": T(
        "sound_events", SA,
        "The model hears a recording and says whether a human scream is in it.",
        ("scream", "safety")),
    "VehicleSoundClassification": T(
        "sound_events", A,
        "The model hears a vehicle and names the kind of vehicle, from the options the instruction "
        "gives.",
        ("vehicles", "traffic")),
    "EmergencyTrafficDetection": T(
        "sound_events", A,
        "The model hears traffic sounds and says whether an emergency vehicle can be heard.",
        ("traffic", "emergency vehicles")),
    "DomesticEnvironmentSoundEventDetection": T(
        "sound_events", A,
        "The model hears a recording made in a home and lists the sound events in it with their start"
        " and end times.",
        ("sound events", "timestamps")),
    "HEARSoundEventDetection": T(
        "sound_events", A,
        "From the HEAR benchmark: the model hears a recording and lists the sound events in it with "
        "their times.",
        ("HEAR", "sound events")),
    "HEARVocalImitationClassification": T(
        "sound_events", A,
        "From the HEAR benchmark: the model hears a person imitating a sound with their voice and "
        "names the sound imitated, from the options the instruction gives.",
        ("HEAR", "vocal imitation")),
    "HEARMusicSpeechClassification": T(
        "sound_events", ('audio', 'music', 'speech'),
        "From the HEAR benchmark: the model hears a clip and says whether it is music or speech.",
        ("HEAR", "music or speech")),
    "AudioTagging": T(
        "sound_events", A,
        "The model hears a clip and names the sound classes (tags) that describe it.",
        ("tagging",), assume=CLS),
    # --- audio: animals
    "AnimalClassification": T(
        "animal_sounds", A,
        "The model hears an animal sound and names the animal, from the options the instruction "
        "gives.",
        ("animals",)),
    "BirdcallIdentification": T(
        "animal_sounds", A,
        "The model hears a bird call and names the bird, from the options the instruction gives.",
        ("birds",)),
    "BirdSoundDetection": T(
        "animal_sounds", A,
        "The model hears a recording and says whether a bird can be heard in it.",
        ("birds", "detection")),
    "CatEmotionClassification": T(
        "animal_sounds", A,
        "The model hears a cat's sound and says what emotion or state it expresses, from the options "
        "the instruction gives.",
        ("cats", "emotion")),
    "HEARBeehiveStatesClassification": T(
        "animal_sounds", A,
        "From the HEAR benchmark: the model hears a beehive and says what state the hive is in, from "
        "the options the instruction gives.",
        ("HEAR", "bees")),
    # --- audio: spatial
    "SoundPositionPrediction": T(
        "spatial_audio", A,
        "The model hears a binaural (two-ear) recording of a sound and tells where the sound is "
        "relative to the listener.",
        ("binaural", "position")),
    "HEARGunshotLocationClassification": T(
        "spatial_audio", A,
        "From the HEAR benchmark (gunshot triangulation): the model hears a gunshot recorded by one "
        "microphone and says where the microphone was, from the options the instruction gives.",
        ("HEAR", "gunshot", "localisation")),
    "AudioSpatialDistancePrediction": T(
        "spatial_audio", A,
        "The model hears a spatial recording of speech and estimates how far the sound source is from"
        " the listener, as a number.",
        ("distance",)),
    "HowFarAreYou": T(
        "spatial_audio", SA,
        "The model hears speech and says how far the speaker was from the microphone, from the "
        "options the instruction gives.",
        ("distance",)),
    "MultichannelSoundEventUnderstanding": T(
        "spatial_audio", A,
        "The model hears a multichannel (spatial) recording of a sound scene and answers a question "
        "about the sound events in it, from the options the instruction gives.",
        ("multichannel", "sound events")),
    # --- audio: health
    "Covid19CoughAudioClassification": T(
        "audio_health", A,
        "The model hears a recording of a cough and classifies it, from the options the instruction "
        "gives.",
        ("cough", "COVID-19", "health")),
    "RespiratorySoundClassification": T(
        "audio_health", A,
        "The model hears breathing sounds and classifies them, from the options the instruction "
        "gives.",
        ("respiratory sounds", "health"), assume=CLS),
    "HeartAnomalyDetection": T(
        "audio_health", A,
        "The model hears a heartbeat recording and says whether it sounds normal or names the "
        "anomaly, from the options the instruction gives.",
        ("heartbeat", "health")),
    "VitalSignsDetection": T(
        "audio_health", A,
        "The model hears a recording and says which vital sign it detects, from the options the "
        "instruction gives; the repository documents no more than its name.",
        ("vital signs", "health")),
    "InfantCryingClassification": T(
        "audio_health", A,
        "The model hears a baby crying and classifies the cry, from the options the instruction "
        "gives.",
        ("infant cry", "health")),
    # --- audio: analysis
    "AudioDurationPrediction": T(
        "audio_analysis", A,
        "The model hears a clip and says how long it lasts, as a number.",
        ("duration",)),
    "AudioEditingIdentification": T(
        "audio_analysis", A,
        "The model hears a speech recording that may have been edited and identifies the edit.",
        ("editing",)),
    "AudioSegmentRetrieval": T(
        "audio_analysis", A,
        "The model hears a clip and is given a description, and gives the part of the clip (start and"
        " end time) that matches it.",
        ("retrieval", "timestamps")),
    "SoundEffectDetection": T(
        "audio_analysis", A,
        "The model hears audio and says which sound effect (a kind of audio processing) has been "
        "applied to it, from the options the instruction gives.",
        ("audio effects",)),
    "SourceDetection": T(
        "audio_analysis", AM,
        "The model hears a short music clip and says what kind of source or wave type produced it, "
        "from the options the instruction gives.",
        ("source", "wave type"), assume=CLS),
    "AudioSearch": T(
        "audio_analysis", A,
        "A search task over audio: the model hears audio and answers what the instruction asks it to "
        "find. The record names no dataset and no type for it.",
        ("search",), assume=CLS),
}

# Input columns, from the instruction templates and the curators' notes.
INPUTS: dict[str, dict] = {
    "NonceWordDetection_sWUGGY": {"audio_columns": ["audio", "audio2"]},
    "PronunciationSimilarity_VoxAngeles": {"audio_columns": ["audio", "audio2", "audio3"]},
    "ProsodyNaturalness_ProsAudit-Lexical": {"audio_columns": ["audio", "audio2"]},
    "ProsodyNaturalness_ProsAudit-Protosyntax": {"audio_columns": ["audio", "audio2"]},
    "SemanticTextualSimilarity_SpokenSTS": {"audio_columns": ["audio", "audio2", "audio3", "audio4"]},
    "SentenceGrammarAcceptability_sBLIMP": {"audio_columns": ["audio", "audio2"]},
    "L2EnglishAccuracy_speechocean762-Ranking": {"audio_columns": ["audio", "audio2"]},
    "L2EnglishFluency_speechocean762-Ranking": {"audio_columns": ["audio", "audio2"]},
    "L2EnglishProsodic_speechocean762-Ranking": {"audio_columns": ["audio", "audio2"]},
    "L2EnglishProsodic_speechocean762-BinaryAccuracy": {"audio_columns": ["audio", "audio2"]},
    "SpeakerVerification_LibriSpeech-TestClean": {"audio_columns": ["audio", "audio2"]},
    "SpeakerVerification_LibriSpeech-TestOther": {"audio_columns": ["audio", "audio2"]},
    "SpeakerVerification_VCTK": {"audio_columns": ["audio", "audio2"]},
    "SuperbSV_VoxCeleb1-Test": {"audio_columns": ["enrollment", "testing"]},
    "SuperbQbE_Quesst14-Eval": {"audio_columns": ["query", "doc"]},
    "NBestCorrection_LibriSpeech-TestOther": {"audio_columns": []},
    "SingingVoiceSynthesis_ACEOpencpop": {"audio_columns": []},
    "SingingVoiceSynthesis_ACEOpencpop-Full": {"audio_columns": []},
    "Text2Speech_LibriTTS-TestClean": {"audio_columns": []},
    "Text2Speech_LibriTTS-TestOther": {"audio_columns": []},
    "DialogueActClassification_SLUE-HVB": {"label_columns": ["label", "label2"]},
}

# Hand-written notes for single instances (added to what the builder derives from the record).
INSTANCE_NOTES = {
    "SuperbSV_SuperbHiddenSet": "input column names are not recorded; the default (audio) is assumed",
    "DialogueActClassification_SLUE-HVB": "only label and label2 are declared; further label columns, if "
                                          "any, are not recorded",
    "PhonologicalFeatureClassification_VoxAngeles-Phone": "no label_set: the 571 phone options include "
                                                          "symbols that differ only by case",
}

# The record's terse notes about its own type column, said in full.
RECORD_NOTES = {
    "unknown": "the record does not know its type",
    "type inferred": "the record's type is inferred by its compiler, not taken from the curators' sheet",
}

# Caveats from the record's source column, turned into plain notes.
SOURCE_CAVEATS = [
    ("HF path assumed", "hub path assumed from a scoring key; not verified on the hub"),
    ("commented-out list entry", "seen only as a commented-out entry in an organisers-style judge script"),
    ("probably never published", "the contributor's build script does not push it: probably never published"),
    ("probably not a real repo", "seen only in a third-party config: probably not a real repository"),
    ("defunct", "third-party scripts call it defunct"),
    ("existence on HF unverified", "seen only in third-party training scripts; not seen on the hub"),
    ("dataset is EMPTY", "its hub page says the dataset is empty"),
    ("probably superseded", "an early name, probably superseded by L2EnglishAccuracy_speechocean762-Scoring"),
]

# Keyword phrases where splitting the task name does not make one.
PHRASES = {"PoSEstimation": "part-of-speech tagging",
           "SpeechToSpeechTranslation": "speech-to-speech translation"}

INSTANCE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


@dataclass
class Row:
    """One reference row, with its resolved card fields."""

    record: dict
    name: str
    task: str
    sheet_type: str | None
    type: str = ""
    metric: str | None = None
    metric_source: str | None = None
    curator_type: str | None = None
    label_set: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    status: str = sources.CONFIRMED
    origin: str = "phase2"
    aliases: list[str] = field(default_factory=list)
    shared_with: str | None = None

    @property
    def hf_path(self) -> str:
        return self.record["hf_path"]


def instance_name(record: dict) -> str:
    """The record's name where it is a usable {Task}_{Dataset} name, else the hub repository's name."""
    listed, hub = record["instance"], record["hf_path"].split("/", 1)[1]
    if "_" in listed and INSTANCE_NAME.match(listed):
        return listed
    return hub


def pin(recorded: str) -> tuple[str | None, str]:
    """The record's revision as a pin, and a note where it is not simply a full commit.

    A few values are not usable pins (short commits, a 64-hex hash, a commit with a remark after it):
    the card keeps what can be pinned and says what the record gave.
    """
    token = recorded.split(" ", 1)[0]
    if re.fullmatch(r"[0-9a-f]{40}", token):
        return token, (f"the record's revision reads {recorded!r}" if token != recorded else "")
    if recorded:
        return None, (f"the record's revision {recorded!r} is not a full 40-hex commit, so the card "
                      "cannot pin it; resolve the full commit on the hub to pin it")
    return None, ""


def task_name(name: str) -> str:
    prefix = name.split("_", 1)[0]
    return TASK_OF.get(prefix, prefix)


def resolve_type_and_metric(row: Row, siblings: list[Row], spec: T) -> None:
    recorded = row.record["metric"] or None
    sheet = row.sheet_type
    if sheet is None:
        if spec.assume is None:
            raise SystemExit(f"{row.name}: no type recorded and none assumed for task {row.task}")
        row.notes.append(f"no type recorded; {spec.assume} assumed here")
    base = sheet or spec.assume
    if recorded:
        row.metric, row.metric_source = recorded, "recorded"
        info = registry.get(recorded)
        if info is None:
            raise SystemExit(f"{row.name}: recorded metric {recorded!r} is not in the registry")
        wanted = CLS if recorded == LLM else (base if info.fits(base) else METRIC_TYPE.get(recorded))
        if wanted is None or not info.fits(wanted):
            raise SystemExit(f"{row.name}: no type fits the recorded metric {recorded!r}")
        row.type = wanted
    else:
        row.type = base
        row.metric, row.metric_source = chosen_metric(row, siblings, spec)
    if sheet is not None and row.type != sheet:
        row.curator_type = sheet
        how = "the organisers scored it with" if recorded else "the task's other instances were scored with"
        row.notes.append(f"the curators typed it {sheet}; {how} {row.metric}, so it is typed {row.type} here")


def chosen_metric(row: Row, siblings: list[Row], spec: T) -> tuple[str | None, str | None]:
    if row.type == GEN:
        return None, None
    # The task's other instances that were scored say best how this one would have been.
    for other in siblings:
        metric = other.record["metric"]
        if metric and other is not row and (other.sheet_type or spec.assume) == row.type:
            info = registry.get(metric)
            wanted = CLS if metric == LLM else row.type
            if info and info.fits(wanted):
                row.type = wanted
                row.notes.append(f"no metric recorded; {metric} chosen as for {other.name}")
                return metric, "chosen"
    if row.type == CLS:
        row.notes.append(f"no metric recorded; {LLM} chosen for a classification task")
        return LLM, "chosen"
    if spec.metric and registry.get(spec.metric).fits(row.type):
        row.notes.append(f"no metric recorded; {spec.metric} chosen here")
        return spec.metric, "chosen"
    raise SystemExit(f"{row.name}: no metric recorded and none chosen for a {row.type} task")


def label_sets(templates: Path) -> dict[str, list[str]]:
    """Instance -> options, where every template of the instance lists the same options."""
    found: dict[str, set[tuple[str, ...]]] = {}
    with gzip.open(templates, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item.get("options"):
                found.setdefault(item["instance"], set()).add(tuple(item["options"]))
    out = {}
    for instance, options in found.items():
        if len(options) != 1:
            continue
        labels = list(next(iter(options)))
        folded = [label.strip().lower() for label in labels]
        if len(set(folded)) == len(folded):  # a set that repeats under case-folding is not usable
            out[instance] = labels
    return out


def recorded_domains(record: dict, flags: dict[str, set[str]]) -> set[str]:
    text = record["domains"].replace("[inferred]", "")
    found = {part.strip() for part in text.split("/") if part.strip()}
    return found | flags.get(record["instance"], set())


def sheet_flags(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for item in csv.DictReader(handle):
            out[item["InstanceName"]] = {d.lower() for d in ("Speech", "Music", "Audio")
                                         if item.get(d, "").strip().upper() == "TRUE"}
    return out


def source_notes(record: dict) -> list[str]:
    notes = []
    if record["note"]:
        note = record["note"]
        notes.append(RECORD_NOTES.get(note, f"record note: {note}"))
    notes += [text for marker, text in SOURCE_CAVEATS if marker in record["source"]]
    return notes


def build(reference: Path) -> dict[str, dict]:
    with open(reference / "phase2_instances.tsv", encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter="\t"))
    flags = sheet_flags(reference / "phase2_confirmed_instances.csv")
    options = label_sets(reference / "real_instruction_templates.jsonl.gz")
    renames, legacy = sources.hub_renames(reference), sources.legacy_paths(reference)
    phase1 = sources.phase1_names(reference)

    merged: dict[str, list[str]] = {}
    rows: list[Row] = []
    inputs = [(record, None) for record in records] + sources.gap_records(reference)
    for record, gap_status in inputs:
        if record["hf_path"] in MERGED_REPOS:
            merged.setdefault(MERGED_REPOS[record["hf_path"]], []).append(record["hf_path"])
            continue
        rows.append(row_of(record, gap_status, renames, legacy, phase1))
    listed = {record["hf_path"] for record, _ in inputs}
    unknown = sorted((set(renames) | set(legacy) | set(MERGED_REPOS.values())) - listed)
    if unknown:
        raise SystemExit(f"aliases for hub paths that no row has: {unknown}")
    for row in rows:
        for old in merged.get(row.record["hf_path"], []):
            row.aliases.append(old)
            row.notes.append(f"the record also lists this repository under its earlier name {old} (same "
                             "commits, same rows) as an instance of another task: one instance here")
    mark_shared_revisions(rows)
    by_task: dict[str, list[Row]] = {}
    for row in rows:
        by_task.setdefault(row.task, []).append(row)
    for task, members in by_task.items():
        for row in members:
            resolve_type_and_metric(row, members, TASKS[task])
            if row.type == CLS and row.name in options:
                row.label_set = options[row.name]
            row.notes.append(INSTANCE_NOTES.get(row.name, ""))
            missing = recorded_domains(row.record, flags) - set(TASKS[task].domains)
            if missing:
                raise SystemExit(f"{row.name}: the record says domain(s) {sorted(missing)}, "
                                 f"task {task} lacks them")
    unused = set(TASKS) - set(by_task)
    if unused:
        raise SystemExit(f"TASKS entries without rows: {sorted(unused)}")
    licences = sources.licences(reference)
    if set(licences) != set(by_task):
        raise SystemExit(f"task_licences.tsv and the tasks differ: {sorted(set(licences) ^ set(by_task))}")
    return {task: card(task, members, licences[task]) for task, members in by_task.items()}


def row_of(record: dict, gap_status: str | None, renames: dict, legacy: dict, phase1: set[str]) -> Row:
    """One instance's row: its name, task and hub paths, with the notes that say where it came from."""
    listed_path = record["hf_path"]
    name = instance_name(record)
    rename = renames.get(listed_path)
    if rename is not None:
        record = dict(record, hf_path=rename.new)
        current = rename.new.split("/", 1)[1]
        if CLEAN_NAME.match(current) and task_name(current) == task_name(name):
            name = current
    row = Row(record, name, task_name(name), SHEET_TYPES.get(record["type"]) if record["type"] else None)
    if row.task not in TASKS:
        raise SystemExit(f"{name}: task {row.task} has no entry in TASKS")
    if gap_status is None and name != record["instance"]:
        row.notes.append(f"listed in the record as {record['instance']!r}")
    if rename is not None:
        row.aliases.append(listed_path)
        row.notes.append(f"hub path renamed: the record's {listed_path} is an earlier spelling of "
                         f"{rename.new} (reference/catalogue_gap.tsv says where each was seen)")
    row.aliases += legacy.get(listed_path, [])
    if gap_status is not None:
        row.status = gap_status
        row.notes.append("not in the organisers' sheet or scoring map: found by a wider search of public "
                         "material (reference/catalogue_gap.tsv)")
        row.notes.append(record["gap_note"])
    elif sources.weak_source(record):
        row.status = sources.UNCONFIRMED
    row.notes += source_notes(record)
    row.notes.append(pin(record["revision"])[1])
    known = {name, record["instance"], listed_path.split("/", 1)[1]}
    row.origin = "phase1" if known & phase1 else "phase2"
    return row


def mark_shared_revisions(rows: list[Row]) -> None:
    """Two repositories cannot share a commit: where the record says they do, say so on both."""
    by_revision: dict[str, list[Row]] = {}
    for row in rows:
        revision = pin(row.record["revision"])[0]
        if revision:
            by_revision.setdefault(revision, []).append(row)
    for revision, group in by_revision.items():
        if len(group) == 1:
            continue
        if len(group) > 2:
            raise SystemExit(f"{len(group)} instances share revision {revision}: settle them by hand")
        for row, other in (group, group[::-1]):
            row.shared_with = other.name
            row.notes.append(f"the record gives {other.name} the same commit; two repositories cannot "
                             "share one, so one pin is a copying error (`dsuperb pin` with hub access "
                             "says which commit each repository lacks)")


def _shared(members: list[Row], attribute: str):
    values = [getattr(row, attribute) for row in members]
    return values[0] if all(v == values[0] for v in values) else None


def card(task: str, members: list[Row], licence: dict) -> dict:
    spec = TASKS[task]
    pairs = Counter((row.type, row.metric) for row in members)
    task_type, task_metric = max(pairs, key=lambda pair: (pairs[pair], -_first(members, pair)))
    source = _shared(members, "metric_source")
    curator = _shared(members, "curator_type")
    labels = _shared(members, "label_set")
    status = _shared(members, "status")
    origins = Counter(row.origin for row in members)
    origin = max(origins, key=lambda value: (origins[value], value == "phase2"))
    data: dict = {
        "name": task,
        "description": describe(spec, members),
        "domains": list(spec.domains),
        "category": spec.category,
        "type": task_type,
        "metric": task_metric,
    }
    if source:
        data["metric_source"] = source
    if curator:
        data["curator_type"] = curator
    data["keywords"] = keywords(task, spec, members)
    data.update({key: value for key, value in licence.items() if value})
    if status == sources.UNCONFIRMED:
        data["status"] = status
    data["origin"] = origin
    data["references"] = [HUB + row.hf_path for row in members]
    if labels:
        data["label_set"] = labels
    shared = {"source": source, "curator": curator, "labels": labels, "status": status, "origin": origin}
    data["instances"] = [instance(row, task_type, task_metric, shared) for row in members]
    return data


def _first(members: list[Row], pair: tuple) -> int:
    return next(i for i, row in enumerate(members) if (row.type, row.metric) == pair)


def instance(row: Row, task_type, task_metric, shared: dict) -> dict:
    item: dict = {"name": row.name, "hf_path": row.hf_path}
    if row.aliases:
        item["aliases"] = row.aliases
    item["revision"] = pin(row.record["revision"])[0]
    if row.shared_with:
        item["revision_shared_with"] = row.shared_with
    if row.type != task_type:
        item["type"] = row.type
    if row.metric != task_metric:
        item["metric"] = row.metric
    if not shared["source"] and row.metric_source:
        item["metric_source"] = row.metric_source
    if not shared["curator"] and row.curator_type:
        item["curator_type"] = row.curator_type
    item.update(INPUTS.get(row.name, {}))
    if not shared["labels"] and row.label_set:
        item["label_set"] = row.label_set
    if not shared["status"] and row.status == sources.UNCONFIRMED:
        item["status"] = row.status
    if row.origin != shared["origin"]:
        item["origin"] = row.origin
    notes = [note for note in row.notes if note]
    if notes:
        item["note"] = "; ".join(notes)
    return item


def describe(spec: T, members: list[Row]) -> str:
    datasets, unnamed = [], 0
    for row in members:
        if "_" in row.name:
            part = row.name.split("_", 1)[1]
        elif "-" in row.name:  # e.g. GenderRecognitionbyVoice-CommonVoice-DeltaSegment-15
            part = row.name.split("-", 1)[1]
        else:
            unnamed += 1
            continue
        part = re.sub(r"-Fold\d+$", "", part)
        if part not in datasets:
            datasets.append(part)
    folds = sum(bool(re.search(r"-Fold\d+$", row.name)) for row in members)
    count = f"{len(members)} instance" + ("s" if len(members) > 1 else "")
    count += f" ({folds} folds)" if folds else ""
    sources = [", ".join(datasets)] if datasets else []
    if unnamed:
        sources.append(f"{unnamed} whose name gives no dataset" if datasets else "none named")
    return f"{spec.text} Data: {count}; datasets: {'; '.join(sources)}."


def keywords(task: str, spec: T, members: list[Row]) -> list[str]:
    stripped = re.sub(r"^(HEAR|MARBLE|Superb)(?=[A-Z])", "", task)
    words = re.findall(r"[A-Z]+\d*(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+", stripped)
    phrase = " ".join(w if w.isupper() and len(w) > 1 or w[-1].isdigit() else w.lower() for w in words)
    # SUPERB's abbreviations (ER, OODAsrAr) make no phrase: their cards list the words instead.
    phrase = PHRASES.get(task, "" if task.startswith("Superb") else phrase)
    out = []
    for word in (phrase, *spec.keywords):
        if word and word.lower() not in {w.lower() for w in out}:
            out.append(word)
    return out


# --- YAML writing: a fixed, readable layout, checked by reading it back

PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _./()'-]*$")
RESERVED = {"yes", "no", "y", "n", "on", "off", "true", "false", "null", "none"}


def scalar(value) -> str:
    if value is None:
        return "null"
    text = str(value)
    if PLAIN.match(text) and text.lower() not in RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(values: list) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def folded(key: str, text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(text, width=100 - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-"] + [f"{indent}  {line}" for line in lines]


def render(data: dict) -> str:
    out = ["# Generated by tools/build_catalogue.py from the Phase-2 reference table; edit freely."]
    for key, value in data.items():
        if key in ("description", "license_note"):
            out += folded(key, value, "")
        elif key == "references":
            out.append("references:")
            out += [f"  - {scalar(v)}" for v in value]
        elif key == "instances":
            out.append("instances:")
            for item in value:
                first = True
                for ikey, ivalue in item.items():
                    lead = "  - " if first else "    "
                    first = False
                    if ikey == "note" and len(ivalue) > 70:
                        block = folded(ikey, ivalue, "    ")
                        block[0] = lead + block[0][4:]
                        out += block
                    elif ikey == "revision" and ivalue is not None:
                        out.append(f"{lead}{ikey}: {json.dumps(ivalue)}")
                    elif isinstance(ivalue, list):
                        out.append(f"{lead}{ikey}: {flow(ivalue)}")
                    else:
                        out.append(f"{lead}{ikey}: {scalar(ivalue)}")
        elif isinstance(value, list):
            out.append(f"{key}: {flow(value)}")
        else:
            out.append(f"{key}: {scalar(value)}")
    text = "\n".join(out) + "\n"
    if yaml.safe_load(text) != data:
        raise SystemExit(f"{data['name']}: the written YAML does not read back as the card")
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--tasks-dir", type=Path, default=REPO / "tasks")
    args = parser.parse_args(argv)
    cards = build(args.reference)
    for name, data in sorted(cards.items()):
        folder = args.tasks_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "task.yaml").write_text(render(data), encoding="utf-8")
    total = sum(len(c["instances"]) for c in cards.values())
    print(f"wrote {len(cards)} cards, {total} instances, to {args.tasks_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
