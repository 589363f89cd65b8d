"""Scoring speed: 100k predictions (half classification by the embedded judge, half WER) through
`dsuperb.scoring.score_rows`, against a raw jiwer loop over the same (label, response) pairs.

    python benchmarks/bench_scoring.py [--rows 100000] [--seed 0]

Prints the wall time of each and the ratio. Target: scoring under 10 s wall.
"""

from __future__ import annotations

import argparse
import random
import time

WORDS = ("the cat sat on mat a dog ran to park she said hello world we will go home today it is raining "
         "music plays loud speaker voice quiet noise open door please seven yes no").split()
EMOTIONS = ("happy", "sad", "angry", "neutral", "fearful", "surprised")
TEMPLATES = (
    "What emotion does the speaker convey? Answer with one of: {options}.",
    "Identify the emotion. The answer could be: {options}.",
    "Classify the speaker's emotion. Options: {options}.",
    "Listen and choose from the following: {options}.",
)
RESPONSES = (
    "{label}", "The answer is {label}.", "The speaker sounds {label}.", "{other}",
    "It is not {other}, it is {label}.", "{label} or {other}", "I'm sorry, I cannot determine that.",
    "Answer: {other}", "'{label}'", "I think the emotion is {label} because of the pitch.",
)


def make_rows(count: int, seed: int) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    classification, transcription = [], []
    # As many distinct instructions as the editors' rule asks of an instance this size (N // 20):
    # paraphrases times shuffled option orders.
    pool = []
    for _ in range(max(10, count // 2 // 20)):
        options = rng.sample(EMOTIONS, len(EMOTIONS))
        pool.append((rng.choice(TEMPLATES).format(options=", ".join(options)), options))
    for index in range(count // 2):
        instruction, options = rng.choice(pool)
        label, other = rng.sample(options, 2)
        response = rng.choice(RESPONSES).format(label=label, other=other)
        classification.append({"instance": "Emotion_Bench", "file": f"c{index}", "instruction": instruction,
                               "label": label, "response": response, "error": None})
    for index in range(count - count // 2):
        reference = [rng.choice(WORDS) for _ in range(rng.randint(5, 25))]
        kept = [word for word in reference if rng.random() > 0.05]
        hypothesis = [word if rng.random() > 0.15 else rng.choice(WORDS) for word in kept]
        transcription.append({"instance": "ASR_Bench", "file": f"w{index}", "instruction": "Transcribe this.",
                              "label": " ".join(reference).capitalize() + ".",
                              "response": " ".join(hypothesis), "error": None})
    return classification, transcription


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    classification, transcription = make_rows(args.rows, args.seed)

    import jiwer

    from dsuperb.scoring import score_rows

    started = time.perf_counter()
    for row in classification + transcription:
        jiwer.process_words(row["label"], row["response"])
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    judged = score_rows(classification, metric="llm_classification")
    wer = score_rows(transcription, metric="word_error_rate")
    ours = time.perf_counter() - started

    print(f"rows: {len(classification)} classification (embedded judge) + {len(transcription)} WER")
    print(f"accuracy {judged.summary['value']:.4f} (N/A {judged.summary['na_rate']:.3f}), "
          f"WER {wer.summary['value']:.4f}")
    print(f"raw jiwer loop over the same pairs: {baseline:.2f} s")
    print(f"dsuperb score_rows:                 {ours:.2f} s  (target < 10 s)")
    print(f"ratio (dsuperb / raw jiwer): {ours / baseline:.2f}x")


if __name__ == "__main__":
    main()
