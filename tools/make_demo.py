#!/usr/bin/env python
"""Build dsuperb's demo suite: five small tasks (six instances) with their cards and data.

    python tools/make_demo.py [--output demo]     # remake the suite
    python tools/make_demo.py --check             # does a rebuild equal the committed suite?

writes `demo/tasks/<Task>/` (task.yaml, and a README.md generated from it) and
`demo/data/dsuperb-demo/<Instance>/` (HF-style folders written by
`dsuperb.local_dataset.write_hf_folder`). The result is committed, so the README's demo and the
tests run on a fresh clone without espeak-ng or sox; this script is how it was made and how to
remake it, and `--check` (run by .ci/run where espeak-ng and sox are installed) holds the
committed files equal to a rebuild. Speech comes from espeak-ng, resampled with sox to 16 kHz
mono; tones and noise from numpy with fixed seeds. Clips are stored as 16-bit FLAC to keep the
whole suite under 2 MB. The output is deterministic for a given espeak-ng version.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import soundfile

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dsuperb.cards import Catalogue  # noqa: E402
from dsuperb.local_dataset import audio_value, write_hf_folder  # noqa: E402
from dsuperb.task_readme import README_FILE, render  # noqa: E402
from dsuperb.taxonomy import load_taxonomy  # noqa: E402
from dsuperb.vocab.options import find_options  # noqa: E402

RATE = 16_000
ORG = "dsuperb-demo"
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
VOICES = [("en-us", 175, 50), ("en-gb", 165, 40), ("en-gb-scotland", 185, 60), ("en-029", 160, 35)]
TAXONOMY_LINK = "../../../docs/taxonomy.md"  # from demo/tasks/<Task>/ to the repository's docs/
# Instances made with numpy alone: a rebuild gives identical samples. espeak-ng's voices may differ
# slightly between its versions, so speech is compared by length only.
MADE_WITH_NUMPY = {"NotePitchClassification_DemoSine", "NotePitchClassification_DemoPlucked",
                   "ToneOrNoise_DemoSynthetic", "SamePitchPair_DemoSine"}
SPEECH_LENGTH_TOLERANCE = 0.15


@dataclass(frozen=True)
class InstanceData:
    name: str
    rows: dict  # column -> values


# ---- sounds -------------------------------------------------------------------------------------

def speak(text: str, voice: str, speed: int, pitch: int, workdir: Path) -> np.ndarray:
    """espeak-ng at its own rate, then sox: 16 kHz, mono, 16 bit, leading/trailing silence cut.
    `-R` (repeatable) and `-D` (no dither) make sox's output the same on every run."""
    raw, resampled = workdir / "espeak.wav", workdir / "speech.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(raw), text],
                   check=True, capture_output=True)
    subprocess.run(["sox", "-R", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(resampled),
                    "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"],
                   check=True, capture_output=True)
    samples, rate = soundfile.read(resampled, dtype="float32")
    assert rate == RATE, f"sox wrote {rate} Hz"
    return samples


def fade(samples: np.ndarray, seconds: float = 0.02) -> np.ndarray:
    ramp = np.minimum(1.0, np.arange(samples.size) / (seconds * RATE))
    return samples * ramp * ramp[::-1]


def tone(frequency: float, seconds: float, harmonics: int = 1, amplitude: float = 0.3) -> np.ndarray:
    time = np.arange(int(seconds * RATE)) / RATE
    wave = sum(np.sin(2 * np.pi * frequency * k * time) / k**1.5 for k in range(1, harmonics + 1))
    if harmonics > 1:
        wave = wave * np.exp(-3 * time)  # a plucked note dies away
    wave = wave / np.max(np.abs(wave))
    return fade(amplitude * wave).astype(np.float32)


def noise(rng: np.random.Generator, seconds: float, colour: str, amplitude: float = 0.08) -> np.ndarray:
    white = rng.standard_normal(int(seconds * RATE))
    if colour == "brown":
        white = np.cumsum(white)
        white -= np.linspace(white[0], white[-1], white.size)  # no drift
    wave = white / np.max(np.abs(white))
    return fade(amplitude * wave).astype(np.float32)


def flac(samples: np.ndarray, name: str) -> dict:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, RATE, format="FLAC", subtype="PCM_16")
    return audio_value(buffer.getvalue(), RATE, name)


# ---- instances ----------------------------------------------------------------------------------

def rotate(instructions: list[str], index: int) -> str:
    return instructions[index % len(instructions)]


DIGIT_LIST = ", ".join(DIGITS[:-1]) + " or nine"
DIGIT_INSTRUCTIONS = [
    f"Listen to the recording and say which digit is spoken. The answer could be {DIGIT_LIST}.",
    f"Which number does the speaker say? Choose from: {DIGIT_LIST}.",
    f"Identify the spoken digit. Options: {DIGIT_LIST}.",
    f"What digit do you hear? Answer with one of the following: {DIGIT_LIST}.",
    f"The clip holds one spoken digit. Select from {DIGIT_LIST}.",
    f"Tell me the digit said in the audio. The answer should be one of: {DIGIT_LIST}.",
    f"Recognise the number word in this speech. Possible answers are one of {DIGIT_LIST}.",
    f"Someone reads out a single digit. Pick one from {DIGIT_LIST}.",
    f"Transcribe the digit as a word. The options are {DIGIT_LIST}.",
    f"Which of these digits is spoken? Choices: {DIGIT_LIST}.",
]


def spoken_digits(workdir: Path) -> InstanceData:
    rows = {"file": [], "audio": [], "instruction": [], "label": []}
    index = 0
    for voice, speed, pitch in VOICES:
        for digit in DIGITS:
            name = f"digit_{digit}_{voice}"
            rows["file"].append(name)
            rows["audio"].append(flac(speak(digit, voice, speed, pitch, workdir), name + ".flac"))
            rows["instruction"].append(rotate(DIGIT_INSTRUCTIONS, index))
            rows["label"].append(digit)
            index += 1
    return InstanceData("SpokenDigitRecognition_DemoEspeak", rows)


SENTENCES = [
    "the cat sat down", "open the window", "turn left here", "three red apples",
    "the music is loud", "call me later", "it is raining", "the train is late",
    "please close the door", "she reads a book", "dogs bark at night", "my phone is here",
    "the sky is blue", "we walk to school", "bring two cups", "the shop is open",
]
ASR_INSTRUCTIONS = [
    "Transcribe the speech into text.",
    "Write down exactly what the speaker says.",
    "What is said in this recording? Give the words only.",
    "Convert the spoken sentence into written English.",
    "Please provide a transcript of the audio.",
    "Listen and type the sentence you hear.",
    "Recognise the speech and output its transcription.",
    "Give the verbatim text of this utterance.",
    "Turn this audio clip into text.",
    "Transcribe the sentence spoken in the clip, in lower case.",
]


def speech_recognition(workdir: Path) -> InstanceData:
    rows = {"file": [], "audio": [], "instruction": [], "label": []}
    for index, sentence in enumerate(SENTENCES * 2):
        voice, speed, pitch = VOICES[index % len(VOICES)]
        name = f"sentence_{index:02d}_{voice}"
        rows["file"].append(name)
        rows["audio"].append(flac(speak(sentence, voice, speed, pitch, workdir), name + ".flac"))
        rows["instruction"].append(rotate(ASR_INSTRUCTIONS, index))
        rows["label"].append(sentence)
    return InstanceData("SpeechRecognition_DemoEspeak", rows)


PITCH_INSTRUCTIONS = [
    "Is the note in this clip high or low? Answer high or low.",
    "Listen to the note. The answer could be high or low.",
    "Classify the pitch of the note. Options: high, low.",
    "Does this note sound high or low in pitch? Respond with high or low.",
    "Judge the register of the musical note. Choose from: high, low.",
    "A single note is played. Select one from high or low.",
    "Decide whether the tone is high or low. The answer should be one of: high, low.",
    "How high is the pitch of this note? Possible options are high or low.",
    "Tell whether the played note is a high one or a low one. Reply with high or low.",
    "Pitch question: is this a high note or a low note? Choices: high, low.",
]
HIGH_NOTES = [76, 77, 79, 81, 83, 84, 86, 88]  # MIDI numbers: E5 .. E6 (660-1320 Hz)
LOW_NOTES = [36, 38, 40, 41, 43, 45, 47, 48]  # C2 .. C3 (65-130 Hz)


def midi_to_hz(note: int) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def note_pitch(name: str, harmonics: int) -> InstanceData:
    rows = {"file": [], "audio": [], "instruction": [], "label": []}
    order = [(n, "high") for n in HIGH_NOTES] + [(n, "low") for n in LOW_NOTES]
    index = 0
    for repeat, seconds in enumerate((0.4, 0.6)):
        for note, label in order:
            clip = f"note_{note}_{label}_{repeat}"
            rows["file"].append(clip)
            rows["audio"].append(flac(tone(midi_to_hz(note), seconds, harmonics), clip + ".flac"))
            rows["instruction"].append(rotate(PITCH_INSTRUCTIONS, index))
            rows["label"].append(label)
            index += 1
    return InstanceData(name, rows)


NOISE_INSTRUCTIONS = [
    "Is this clip a steady tone or noise? Answer tone or noise.",
    "Listen and classify the sound. The answer could be tone or noise.",
    "What kind of signal is this? Options: tone, noise.",
    "Does the recording hold a pure tone or random noise? Respond with tone or noise.",
    "Decide what you hear. Choose from: tone, noise.",
    "Classify this sound: answer either tone or noise.",
    "The clip is either a tone or noise. Select one from tone or noise.",
    "Identify the signal type. The answer should be one of: tone, noise.",
    "Tone or noise? Reply with tone or noise.",
    "Which of these describes the sound: tone or noise? Choices: tone, noise.",
]


def tone_or_noise() -> InstanceData:
    rng = np.random.default_rng(20241)
    rows = {"file": [], "audio": [], "instruction": [], "label": []}
    for index in range(32):
        seconds = 0.3 + 0.1 * (index % 3)
        if index % 2 == 0:
            frequency = float(rng.uniform(200, 2000))
            clip, label = f"tone_{index:02d}_{frequency:.0f}hz", "tone"
            samples = tone(frequency, seconds, amplitude=0.25)
        else:
            colour = "white" if index % 4 == 1 else "brown"
            clip, label = f"noise_{index:02d}_{colour}", "noise"
            samples = noise(rng, seconds, colour)
        rows["file"].append(clip)
        rows["audio"].append(flac(samples, clip + ".flac"))
        rows["instruction"].append(rotate(NOISE_INSTRUCTIONS, index))
        rows["label"].append(label)
    return InstanceData("ToneOrNoise_DemoSynthetic", rows)


PAIR_INSTRUCTIONS = [
    "Do the two clips play the same pitch? Answer yes or no.",
    "Listen to both tones. Are they the same note? Respond with yes or no.",
    "Two tones are played one after the other. Is their pitch the same? Reply with yes or no.",
    "Compare the pitch of the two clips. Same pitch? The answer could be yes or no.",
    "Are these two notes identical in pitch? Answer with yes or no.",
    "Decide whether both clips have the same frequency. Options: yes, no.",
    "Is the second tone at the same pitch as the first? Choose from: yes, no.",
    "Do both recordings hold the same musical pitch? Select one from yes or no.",
    "Same pitch or not? Say yes if the two tones match and no if they differ. Answer yes or no.",
    "Listen to the pair of tones and tell whether they share one pitch. Choices: yes, no.",
]


def same_pitch_pairs() -> InstanceData:
    """Two short sine tones per row: the same pitch (yes) or four to twelve semitones apart (no).
    The question does not depend on which tone comes first: the order-invariant multi-audio demo
    (`dsuperb eval --audio-permutations`)."""
    rng = np.random.default_rng(20242)
    rows = {"file": [], "audio": [], "audio2": [], "instruction": [], "label": []}
    for index in range(32):
        note = int(rng.integers(57, 82))  # A3 .. A#5
        same = index % 2 == 0
        other = note if same else note + int(rng.choice([-1, 1])) * int(rng.integers(4, 13))
        clip = f"pair_{index:02d}_{'same' if same else 'differ'}"
        rows["file"].append(clip)
        rows["audio"].append(flac(tone(midi_to_hz(note), 0.3, amplitude=0.2), clip + "_a.flac"))
        rows["audio2"].append(flac(tone(midi_to_hz(other), 0.3, amplitude=0.2), clip + "_b.flac"))
        rows["instruction"].append(rotate(PAIR_INSTRUCTIONS, index))
        rows["label"].append("yes" if same else "no")
    return InstanceData("SamePitchPair_DemoSine", rows)


# ---- cards --------------------------------------------------------------------------------------

CARDS = {
    "SpokenDigitRecognition": """\
name: SpokenDigitRecognition
description: >-
  The model hears one English digit (zero to nine) read by a synthetic voice and names it.
  A demo task: the speech is made with espeak-ng in four English accents.
domains: [speech]
category: content
type: classification
metric: llm_classification
metric_source: chosen
keywords: [spoken digits, keyword recognition, demo]
license: CC0-1.0
label_set: [zero, one, two, three, four, five, six, seven, eight, nine]
instances:
  - name: SpokenDigitRecognition_DemoEspeak
    hf_path: dsuperb-demo/SpokenDigitRecognition_DemoEspeak
    revision: null
""",
    "SpeechRecognition": """\
name: SpeechRecognition
description: >-
  The model hears a short English sentence read by a synthetic voice and writes down the words.
  A demo task scored by word error rate; the speech is made with espeak-ng.
domains: [speech]
category: content
type: sequence_generation
metric: word_error_rate
metric_source: chosen
keywords: [speech recognition, transcription, demo]
license: CC0-1.0
instances:
  - name: SpeechRecognition_DemoEspeak
    hf_path: dsuperb-demo/SpeechRecognition_DemoEspeak
    revision: null
""",
    "NotePitchClassification": """\
name: NotePitchClassification
description: >-
  The model hears a single musical note and says whether it is high (E5 to E6) or low (C2 to C3).
  A demo task with two instances: pure sine notes and plucked notes with overtones.
domains: [music]
category: music_theory
type: classification
metric: llm_classification
metric_source: chosen
keywords: [pitch, register, notes, demo]
license: CC0-1.0
label_set: [high, low]
instances:
  - name: NotePitchClassification_DemoSine
    hf_path: dsuperb-demo/NotePitchClassification_DemoSine
    revision: null
  - name: NotePitchClassification_DemoPlucked
    hf_path: dsuperb-demo/NotePitchClassification_DemoPlucked
    revision: null
""",
    "ToneOrNoise": """\
name: ToneOrNoise
description: >-
  The model hears a short synthetic clip and says whether it is a steady tone or noise.
  A demo task: sine tones of random pitch against white and brown noise.
domains: [audio]
category: audio_analysis
type: classification
metric: llm_classification
metric_source: chosen
keywords: [signal type, noise, tone, demo]
license: CC0-1.0
label_set: [tone, noise]
instances:
  - name: ToneOrNoise_DemoSynthetic
    hf_path: dsuperb-demo/ToneOrNoise_DemoSynthetic
    revision: null
""",
    "SamePitchPair": """\
name: SamePitchPair
description: >-
  The model hears two short sine tones and says whether they play the same pitch. A demo task with
  two audio inputs whose answer does not depend on their order (for --audio-permutations).
domains: [music]
category: music_theory
type: classification
metric: llm_classification
metric_source: chosen
keywords: [pitch, comparison, two audios, demo]
license: CC0-1.0
label_set: ["yes", "no"]
audio_order: invariant
instances:
  - name: SamePitchPair_DemoSine
    hf_path: dsuperb-demo/SamePitchPair_DemoSine
    revision: null
    audio_columns: [audio, audio2]
""",
}


def build_instances(workdir: Path) -> list[InstanceData]:
    return [
        spoken_digits(workdir),
        speech_recognition(workdir),
        note_pitch("NotePitchClassification_DemoSine", harmonics=1),
        note_pitch("NotePitchClassification_DemoPlucked", harmonics=6),
        tone_or_noise(),
        same_pitch_pairs(),
    ]


def check_instructions(instance: InstanceData, label_set: list[str] | None) -> None:
    """Every classification instruction must list exactly the label set (the random baseline and
    the embedded judge read the options from it)."""
    if label_set is None:
        return
    for instruction in set(instance.rows["instruction"]):
        found = find_options(instruction)
        if sorted(o.lower() for o in found) != sorted(label_set):
            raise SystemExit(f"{instance.name}: instruction {instruction!r} lists {found}, not {label_set}")


LABEL_SETS = {"SpokenDigitRecognition": DIGITS, "NotePitchClassification": ["high", "low"],
              "ToneOrNoise": ["tone", "noise"], "SpeechRecognition": None, "SamePitchPair": ["yes", "no"]}


def make_demo(output: Path) -> list[Path]:
    """Write the suite under output/ (replacing tasks/ and data/ there); returns the data folders."""
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install espeak-ng sox)")
    output = Path(output)
    for part in ("tasks", "data"):
        shutil.rmtree(output / part, ignore_errors=True)
    for task, text in CARDS.items():
        (output / "tasks" / task).mkdir(parents=True)
        (output / "tasks" / task / "task.yaml").write_text(text, encoding="utf-8")
    taxonomy = load_taxonomy()
    for card in Catalogue.load(output / "tasks").cards:
        readme = render(card.task, taxonomy, TAXONOMY_LINK)
        (card.path.parent / README_FILE).write_text(readme, encoding="utf-8")
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()
    folders = []
    with tempfile.TemporaryDirectory() as workdir:
        for instance in build_instances(Path(workdir)):
            task = instance.name.split("_", 1)[0]
            check_instructions(instance, LABEL_SETS[task])
            folders.append(write_hf_folder(output / "data", f"{ORG}/{instance.name}", instance.rows,
                                           [c for c in instance.rows if c.startswith("audio")],
                                           description=f"dsuperb demo instance {instance.name}, "
                                           "made by tools/make_demo.py."))
    return folders


# ---- checking a rebuild against the committed suite -----------------------------------------------

def read_instance(folder: Path) -> dict:
    table = pq.read_table(next((folder / "data").glob("test-*.parquet"))).to_pydict()
    audio = [soundfile.read(io.BytesIO(cell["bytes"]), dtype="float32") for cell in table["audio"]]
    return {"file": table["file"], "instruction": table["instruction"], "label": table["label"],
            "rates": [rate for _, rate in audio], "audio": [samples for samples, _ in audio]}


def compare(fresh: Path, committed: Path) -> list[str]:
    """How the suite under `fresh` differs from the one under `committed` (empty: they agree)."""
    fresh, committed = Path(fresh), Path(committed)
    problems = []
    made = {p.relative_to(fresh) for p in (fresh / "tasks").rglob("*") if p.is_file()}
    kept = {p.relative_to(committed) for p in (committed / "tasks").rglob("*") if p.is_file()}
    problems += [f"{committed / name}: not made by the rebuild" for name in sorted(kept - made)]
    problems += [f"{committed / name}: missing (the rebuild makes it)" for name in sorted(made - kept)]
    for name in sorted(made & kept):
        if (fresh / name).read_bytes() != (committed / name).read_bytes():
            problems.append(f"{committed / name}: differs from the rebuild")
    for instance in Catalogue.load(fresh / "tasks").instances():
        folder = committed / "data" / instance.hf_path
        if not folder.is_dir():
            problems.append(f"{folder}: missing")
            continue
        new, old = read_instance(fresh / "data" / instance.hf_path), read_instance(folder)
        problems += [f"{folder}: column {column} differs from the rebuild"
                     for column in ("file", "instruction", "label", "rates") if new[column] != old[column]]
        for row, (made_clip, kept_clip) in enumerate(zip(new["audio"], old["audio"], strict=False)):
            if instance.name in MADE_WITH_NUMPY:
                same = made_clip.shape == kept_clip.shape and np.array_equal(made_clip, kept_clip)
            else:
                same = abs(made_clip.size - kept_clip.size) <= SPEECH_LENGTH_TOLERANCE * kept_clip.size
            if not same:
                problems.append(f"{folder}: the audio of row {row} differs from the rebuild")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=REPO / "demo", help="where tasks/ and data/ go")
    parser.add_argument("--check", action="store_true",
                        help="rebuild in a temporary folder and compare with --output; write nothing")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as fresh:
            make_demo(Path(fresh))
            problems = compare(Path(fresh), args.output)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{args.output}: {'differs from' if problems else 'equals'} a rebuild by tools/make_demo.py")
        return 1 if problems else 0
    folders = make_demo(args.output)
    total = sum(f.stat().st_size for folder in folders for f in folder.rglob("*") if f.is_file())
    print(f"wrote {len(folders)} instances under {args.output} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
