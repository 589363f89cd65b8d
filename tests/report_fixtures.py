"""Hand-made run folders for the report tests: two models, known per-sample outcomes.

Predictions are written by hand and scored with the real scoring layer (`score_rows`), then laid
out as `dsuperb eval` lays out a run folder (results.json, scored/<instance>.jsonl, run_card.json).

Per-sample outcomes (correct answers out of samples; WER from edits over words):

| task (instances)        | domains      | category         | alpha       | beta        |
|-------------------------|--------------|------------------|-------------|-------------|
| Emotion (1)             | speech       | paralinguistics  | 20/20 = 100 | 10/20 = 50  |
| Sarcasm (1)             | speech       | paralinguistics  | 4/10 = 40   | 8/10 = 80   |
| Gender (Fold1, Fold2)   | speech       | speaker          | 6/10, 10/10 | 4/10, 6/10  |
| Asr (1)                 | speech       | content          | WER 0.25    | WER 0.5     |
| Genre (1)               | music        | music_genre_mood | 3/10 (1 N/A)| 7/10        |
| Sound (1)               | audio, music | sound_events     | 9/10        | 9/10 (same) |

Plus Extra_Only (only alpha ran it) and Broken_X (failed in beta's run): both left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from dsuperb.scoring import score_rows

CLASSIFICATION = "llm_classification"
WER = "word_error_rate"
INSTRUCTION = "Which animal is it? Answer cat or dog."
ASR_INSTRUCTION = "Transcribe the speech."

# instance -> (task, domains, category, metric)
INSTANCES = {
    "Emotion_A": ("Emotion", ["speech"], "paralinguistics", CLASSIFICATION),
    "Sarcasm_A": ("Sarcasm", ["speech"], "paralinguistics", CLASSIFICATION),
    "Gender_A-Fold1": ("Gender", ["speech"], "speaker", CLASSIFICATION),
    "Gender_A-Fold2": ("Gender", ["speech"], "speaker", CLASSIFICATION),
    "Asr_A": ("Asr", ["speech"], "content", WER),
    "Genre_A": ("Genre", ["music"], "music_genre_mood", CLASSIFICATION),
    "Sound_A": ("Sound", ["audio", "music"], "sound_events", CLASSIFICATION),
    "Extra_Only": ("Extra", ["audio"], "sound_events", CLASSIFICATION),
    "Broken_X": ("Broken", ["speech"], "speaker", CLASSIFICATION),
}


def classification(instance: str, n: int, correct: int, na_at: tuple[int, ...] = ()) -> list[dict]:
    """n samples labelled 'cat'; the first `correct` answered right, the others 'dog' (or a refusal)."""
    rows = []
    for i in range(n):
        response = "cat" if i < correct else ("I cannot tell." if i in na_at else "dog")
        rows.append({"instance": instance, "file": f"{instance}-{i:02d}", "instruction": INSTRUCTION,
                     "label": "cat", "response": response, "error": None})
    return rows


def transcripts(instance: str, n: int, wrong_words: int) -> list[dict]:
    """n samples of four words; each response gets `wrong_words` of them wrong."""
    words = ["one", "two", "three", "four"]
    rows = []
    for i in range(n):
        response = words[: 4 - wrong_words] + ["nine"] * wrong_words
        rows.append({"instance": instance, "file": f"{instance}-{i:02d}", "instruction": ASR_INSTRUCTION,
                     "label": " ".join(words), "response": " ".join(response), "error": None})
    return rows


def predictions(model: str) -> dict[str, list[dict]]:
    alpha = model == "alpha"
    out = {
        "Emotion_A": classification("Emotion_A", 20, 20 if alpha else 10),
        "Sarcasm_A": classification("Sarcasm_A", 10, 4 if alpha else 8),
        "Gender_A-Fold1": classification("Gender_A-Fold1", 10, 6 if alpha else 4),
        "Gender_A-Fold2": classification("Gender_A-Fold2", 10, 10 if alpha else 6),
        "Asr_A": transcripts("Asr_A", 8, 1 if alpha else 2),
        "Genre_A": classification("Genre_A", 10, 3, na_at=(9,)) if alpha
        else classification("Genre_A", 10, 7),
        "Sound_A": classification("Sound_A", 10, 9),
        "Broken_X": classification("Broken_X", 10, 5),
    }
    if alpha:
        out["Extra_Only"] = classification("Extra_Only", 10, 5)
    return out


def results_document(model: str, instances: dict, control: str | None = None, complete: bool = True) -> dict:
    """results.json as `dsuperb eval` writes it (valid under schemas/results.schema.json)."""
    return {"dsuperb_version": "0.1.0", "model": {"spec": model, "id": model}, "control": control,
            "run_card_hash": "0123456789abcdef", "complete": complete, "instances": instances}


def write_run(root: Path, model: str, control: str | None = None, answers: str | None = None) -> Path:
    """A run folder of `model`; `answers` (default: the model itself) picks whose predictions it
    holds, so a control run can answer like another model (`control`: as `--control` would record)."""
    answers = answers or model
    run = Path(root) / (model if control is None else f"{model}__{control}")
    (run / "scored").mkdir(parents=True)
    instances = {}
    for name, rows in predictions(answers).items():
        task, domains, category, metric = INSTANCES[name]
        label_set = ["cat", "dog"] if metric == CLASSIFICATION else None
        scored = score_rows(rows, metric=metric, label_set=label_set)
        entry = {"task": task, "domains": domains, "category": category,
                 "type": "classification" if metric == CLASSIFICATION else "sequence_generation",
                 **{k: scored.summary[k] for k in ("metric", "value", "normalised", "higher_is_better",
                                                    "na_rate", "count", "errors", "judge")},
                 "status": "ok", "message": None}
        if name == "Broken_X" and answers == "beta":
            entry.update(value=None, normalised=None, na_rate=None, count=0, status="failed",
                         message="dataset unavailable")
        else:
            (run / "scored" / f"{name}.jsonl").write_text(
                "".join(json.dumps(row) + "\n" for row in scored.rows), encoding="utf-8")
        instances[name] = entry
    results = results_document(model, instances, control=control)
    (run / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    card = {"dsuperb_version": "0.1.0", "created": "2026-01-01T00:00:00+00:00",
            "updated": "2026-01-01T01:00:00+00:00", "command": ["dsuperb", "eval", "--model", model],
            "model": {"spec": model, "id": model},
            "generation": {"max_new_tokens": 256, "dtype": "auto", "revision": None, "model_options": {}},
            "execution": {"batch_size": 8, "limit": None, "streaming": False}, "seed": 0, "control": control,
            "shard": None, "instances": {}, "packages": {},
            "judge": {"spec": None, **next(e["judge"] for e in instances.values() if e["judge"])}}
    (run / "run_card.json").write_text(json.dumps(card), encoding="utf-8")
    return run


def write_alpha_and_beta(root: Path) -> tuple[Path, Path]:
    """The two runs of the table above, in `root`."""
    return write_run(root, "alpha"), write_run(root, "beta")
