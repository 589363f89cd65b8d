"""Full-scale run folders for the report: many models x many instances x many samples, fast.

Each metric of the catalogue gets a small pool of (label, response) pairs, right, partly right,
wrong and unanswerable, scored once by the real scoring layer (`score_rows`). A run's instance is
then a sample of that pool's scored rows (each model draws right answers at its own rate), laid
out as `dsuperb eval` lays out a run folder: results.json (its numbers recomputed from the rows
by `aggregate`), scored/<instance>.jsonl and run_card.json. Used by the leaderboard page's
browser test, the plot-size test and benchmarks/bench_report.py.
"""

from __future__ import annotations

import json
import random
import zlib
from functools import cache
from pathlib import Path

from dsuperb.scoring import aggregate, normalise, score_rows
from dsuperb.vocab import metrics as catalogue
from dsuperb.vocab.metrics import JUDGED

CHOICE = "Which is it? Answer with one of: cat, dog, bird."
FOUR = "one two three four"

# metric -> [(label, response, right?)]: a few answers of each kind, as models write them
POOLS: dict[str, list[tuple[str, str, bool]]] = {
    "llm_classification": [("cat", "cat", True), ("dog", "The answer is dog.", True),
                           ("bird", "dog", False), ("cat", "I cannot tell.", False)],
    "word_error_rate": [(FOUR, FOUR, True), (FOUR, "one two three", False),
                        (FOUR, "one too tree for", False)],
    "character_error_rate": [("你好世界", "你好世界", True), ("你好世界", "你好", False)],
    "phoneme_error_rate": [("k ae t", "k ae t", True), ("k ae t", "k ah t s", False)],
    "mix_error_rate": [("我 like 音乐", "我 like 音乐", True), ("我 like 音乐", "我 love music", False)],
    "sacre_bleu": [("the cat sat on the mat", "the cat sat on the mat", True),
                   ("the cat sat on the mat", "a cat is on a mat", False),
                   ("hello there my friend", "", False)],
    "pearson_correlation_coefficient": [("1", "1", True), ("3", "3", True), ("5", "4.5", True),
                                        ("2", "4", False), ("4", "no idea", False)],
    "speaker_count": [("2", "2", True), ("3", "There are two speakers.", False)],
    "phone_segment_counting": [("5", "5", True), ("4", "6", False)],
    "code_switching_count": [("1", "1", True), ("2", "0", False)],
    "audio_duration_prediction": [("4.0", "4.0 seconds", True), ("2.5", "3 s", False), ("6", "long", False)],
    "audio_spatial_distance": [("3", "3 m", True), ("5", "1.5", False)],
    "sound_position": [("left", "left", True), ("right", "left", False)],
    "singing_mos": [("3.5", "3.5", True), ("4.2", "2", False), ("2", "it is fine", False)],
    "named_entity_recognition": [("PERSON: juncker", "PERSON: juncker", True),
                                 ("PLACE: strasbourg", "PERSON: strasbourg", False)],
    "slot_filling": [("date: monday", "date: monday", True), ("place: paris", "none", False)],
    "named_entity_localization": [("0.5-1.5", "0.5-1.5", True), ("2.0-3.0", "2.5-4.0", False)],
    "audio_segment_retrieval": [("1.0-2.0", "1.0-2.0", True), ("1.0-2.0", "1.5-3.0", False)],
    "sound_event_detection": [("dog 0.0 2.0", "dog 0.0 2.0", True), ("dog 0.0 2.0", "speech 0.0 2.0", False)],
    "speaker_diarization": [("A 0.0 5.0\nB 5.0 10.0", "A 0.0 5.0\nB 5.0 10.0", True),
                            ("A 0.0 5.0\nB 5.0 10.0", "A 0.0 10.0", False)],
    "music_transcription": [("C4 0.5-1.0\nE4 1.0-1.5", "C4 0.5-1.0\nE4 1.0-1.5", True),
                            ("C4 0.5-1.0\nE4 1.0-1.5", "D4 0.5-1.0", False)],
    "music_beat_tracking": [("0.5 1.0 1.5 2.0", "0.5 1.0 1.5 2.0", True),
                            ("0.5 1.0 1.5 2.0", "0.7 1.3", False)],
    "marble_beat_tracking": [("0.5 1.0 1.5 2.0", "0.5 1.0 1.5 2.0", True), ("0.5 1.0 1.5 2.0", "3.0", False)],
    "pitch_extraction": [("C4 E4 G4", "C4 E4 G4", True), ("C4 E4 G4", "C4 F4 A4", False)],
    "third_tone_sandhi_recognition": [("ni2 hao3", "ni2 hao3", True), ("ni2 hao3", "ni3 hao3", False)],
    "pos_estimation": [("PRON VERB NOUN", "PRON VERB NOUN", True), ("PRON VERB NOUN", "NOUN VERB", False)],
    "audio_editing_identification": [("hello", "The answer is hello.", True), ("hello", "world", False)],
    "speech_command_recognition": [("5", "five", True), ("3", "seven", False)],
}


@cache
def scored_pool(metric: str) -> tuple[list[dict], list[dict]]:
    """(right, wrong) scored rows of the metric's pool (scored once per process)."""
    rows = [{"instance": "pool", "file": f"p{i}", "instruction": CHOICE, "label": label, "response": response,
             "error": None} for i, (label, response, _) in enumerate(POOLS[metric])]
    label_set = ["cat", "dog", "bird"] if metric == "llm_classification" else None
    scored = score_rows(rows, metric=metric, label_set=label_set).rows
    right = [row for row, (_, _, ok) in zip(scored, POOLS[metric], strict=True) if ok]
    wrong = [row for row, (_, _, ok) in zip(scored, POOLS[metric], strict=True) if not ok]
    return right, wrong


def instance_rows(metric: str, instance: str, n_rows: int, skill: float, rng: random.Random) -> list[dict]:
    right, wrong = scored_pool(metric)
    rows = []
    for i in range(n_rows):
        source = rng.choice(right) if rng.random() < skill else rng.choice(wrong)
        rows.append({**source, "instance": instance, "file": f"{instance}-{i:04d}"})
    return rows


def plan(n_instances: int, metrics: str = "catalogue") -> list[tuple[str, str, list[str], str, str]]:
    """(instance, task, domains, category, metric) for n instances: the catalogue's scored
    instances in order (repeated under new names past its end), or only classification."""
    from dsuperb.cards import Catalogue

    real = [inst for task in Catalogue.load().tasks for inst in task.instances if inst.metric in POOLS]
    out = []
    for index in range(n_instances):
        inst = real[index % len(real)]
        lap = index // len(real)
        task = inst.task if lap == 0 else f"{inst.task}{lap + 1}"
        metric = inst.metric if metrics == "catalogue" else "llm_classification"
        out.append((inst.name if lap == 0 else f"{task}_{inst.name.split('_', 1)[-1]}", task,
                    list(inst.domains), inst.category, metric))
    return out


def write_scale_run(root: Path, model: str, skill: float, instances, n_rows: int, seed: int = 0,
                    limit: int | None = None, judge: dict | None = None) -> Path:
    """One run folder of `model` over `instances` (from `plan`), n_rows samples each."""
    rng = random.Random(f"{seed}-{model}")
    run = Path(root) / model
    (run / "scored").mkdir(parents=True)
    judge = judge or {"id": "embedded-rules-v2", "prompt_hash": ""}
    results, card_instances = {}, {}
    for name, task, domains, category, metric in instances:
        rows = instance_rows(metric, name, n_rows, skill, rng)
        if metric == "llm_classification":
            rows = [{**row, "judge": judge} for row in rows]
        (run / "scored" / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                                      encoding="utf-8")
        value = aggregate(metric, rows)
        info = catalogue.get(metric)
        results[name] = {"task": task, "domains": domains, "category": category,
                         "type": "classification" if metric == JUDGED else "sequence_generation",
                         "metric": metric, "value": value, "normalised": normalise(metric, value),
                         "higher_is_better": info.higher_is_better,
                         "na_rate": sum(bool(r["na"]) for r in rows) / len(rows), "count": len(rows),
                         "errors": 0, "status": "ok", "message": None,
                         "judge": judge if metric == "llm_classification" else None}
        card_instances[name] = {"task": task, "hf_path": f"DynamicSuperb/{name}", "card_hash": "0" * 64,
                                "revision": None, "dataset_revision": f"{zlib.crc32(name.encode()):08x}" * 5,
                                "source": None, "type": results[name]["type"], "metric": metric,
                                "label_set": None, "label_columns": ["label"], "domains": domains,
                                "category": category}
    document = {"dsuperb_version": "0.1.0", "model": {"spec": model, "id": model}, "control": None,
                "seed": 0, "shard": None, "run_card_hash": "0123456789abcdef", "complete": True,
                "instances": results}
    (run / "results.json").write_text(json.dumps(document), encoding="utf-8")
    card = {"dsuperb_version": "0.1.0", "created": "2026-01-01T00:00:00+00:00",
            "updated": "2026-01-01T01:00:00+00:00", "command": ["dsuperb", "eval", "--model", model],
            "model": {"spec": model, "id": model, "revision": "main"},
            "generation": {"max_new_tokens": 256, "dtype": "auto", "revision": None, "model_options": {}},
            "execution": {"batch_size": 8, "limit": limit, "streaming": False}, "seed": 0, "control": None,
            "shard": None, "judge": {"spec": None, **judge}, "instances": card_instances, "packages": {}}
    (run / "run_card.json").write_text(json.dumps(card), encoding="utf-8")
    return run


def write_scale_runs(root: Path, n_models: int, instances, n_rows: int) -> list[Path]:
    """n_models runs ("model-01"... plus "random" as the last one) over the same instances (from
    `plan`); the better the number, the more often a model answers right."""
    runs = []
    for index in range(n_models):
        name = "random" if index == n_models - 1 else f"model-{index + 1:02d}"
        skill = 0.3 if name == "random" else 0.35 + 0.6 * index / max(1, n_models - 1)
        runs.append(write_scale_run(root, name, skill, instances, n_rows))
    return runs
