"""The run card: everything that produced a run, written into its folder as run_card.json.

Settings that change the predictions (the model as it describes itself, generation settings,
seed, control, shard, and each instance's card hash and dataset revision) must match before a
run folder's predictions may be mixed with new ones. The judge changes scores, not predictions:
a run resumed with another judge (or a newer version of it) is scored again by it. Everything
else (command line, timestamps, package versions, batch size, device) is recorded for the reader
but not compared: resuming on another machine or with a smaller batch is allowed.
"""

from __future__ import annotations

import json
import sys
from importlib import metadata

from .. import __version__
from ..infra.hashing import sha256_json
from ..vocab.prompts import DIRECT
from . import provenance

# Top-level fields whose values change predictions (compared on resume) and scores (hashed into
# results.json, so equal hashes mean comparable results); instances are compared one by one.
PREDICTION_FIELDS = ("model", "generation", "seed", "control", "shard", "analysis")
SCORED_FIELDS = (*PREDICTION_FIELDS, "judge")
INSTANCE_SCORED_FIELDS = ("card_hash", "dataset_revision")
LEGACY_SPEED_KEYS = frozenset({"timeout_s", "max_retries", "concurrency", "base_url"})
PACKAGES = ("dsuperb", "datasets", "huggingface-hub", "numpy", "pyarrow", "soundfile", "soxr", "jiwer",
            "sacrebleu", "torch", "transformers", "accelerate", "openai")


def package_versions() -> dict[str, str]:
    """Installed versions, read from package metadata so that nothing (torch above all) is imported."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _plain(value):
    """JSON-safe copy of what an adapter's describe() returned (unknown objects become text)."""
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def build(*, model_spec: str, description: dict, common, model_options: dict, scored_keys: set,
          execution: dict, seed: int, control: str | None, shard: tuple[int, int] | None,
          judge_spec: str | None, judge_identity: dict | None, limit: int | None = None,
          streaming: bool = False, command: list[str] | None = None, prompt_strategy: str = DIRECT,
          system_prompt: str | None = None, analysis: dict | None = None) -> dict:
    """A new run card. `model_options` is what the user set (key -> text); `scored_keys` names the
    adapter's options that can change answers; `execution` its speed-only settings as used.
    Provenance (git commit, hardware, timing) is recorded, never compared."""
    now = _now()
    given = {key: value for key, value in model_options.items() if key in scored_keys}
    return {
        "dsuperb_version": __version__,
        "created": now,
        "updated": now,
        "command": list(sys.argv if command is None else command),
        "model": {"spec": model_spec, **_plain(description or {})},
        "generation": {
            "max_new_tokens": common.max_new_tokens,
            "dtype": given.pop("dtype", "auto"),
            "revision": given.pop("revision", None),
            # trust_remote_code is recorded by the model's own description
            "model_options": _plain({k: v for k, v in given.items() if k != "trust_remote_code"}),
            "prompt_strategy": prompt_strategy,
            "system_prompt": system_prompt,
        },
        "execution": {"batch_size": common.batch_size, "limit": limit, "streaming": streaming,
                      **_plain(execution)},
        "seed": seed,
        "control": control,
        "analysis": analysis,
        "shard": None if shard is None else {"index": shard[0], "count": shard[1]},
        "judge": {"spec": judge_spec, **_plain(judge_identity or {})},
        "instances": {},
        "packages": package_versions(),
        "git": provenance.git_state(),
        "hardware": provenance.hardware(),
        "timing": provenance.start_timing(),
    }


def instance_entry(instance, limit: int | None = None) -> dict:
    """What the run card records about one instance: enough to re-score it without its card, and
    the --limit it was last run with (its rows depend on it)."""
    return {
        "task": instance.task,
        "hf_path": instance.hf_path,
        "card_hash": instance.card_hash,
        "revision": instance.revision,
        "dataset_revision": instance.revision,
        "source": None,
        "limit": limit,
        "type": instance.type,
        "metric": instance.metric,
        "label_set": list(instance.label_set) if instance.label_set is not None else None,
        "label_columns": list(instance.label_columns),
        "domains": list(instance.domains),
        "category": instance.category,
        "suite": instance.suite,
        "audio_order": instance.audio_order.as_json() if instance.audio_order is not None else None,
    }


def scored_settings(card: dict, with_shard: bool = True, fields: tuple = SCORED_FIELDS) -> dict:
    fields = fields if with_shard else tuple(f for f in fields if f != "shard")
    settings = {field: card.get(field) for field in fields}
    if isinstance(settings.get("generation"), dict):  # cards before the prompt strategies: direct, no system
        settings["generation"] = {"prompt_strategy": DIRECT, "system_prompt": None, **settings["generation"]}
    if "judge" in fields:  # the judge is compared by what it is, not by how it was named
        settings["judge"] = {k: v for k, v in (settings.get("judge") or {}).items() if k != "spec"}
    # Speed-only settings that dsuperb 0.1 recorded in an endpoint model's description (the server's
    # address too: a run may resume against another server of the same model).
    settings["model"] = {k: v for k, v in (settings.get("model") or {}).items() if k not in LEGACY_SPEED_KEYS}
    return settings


def settings_hash(card: dict, with_shard: bool = True) -> str:
    """A short hash of the settings that change scores (instances excluded: a run may grow)."""
    return sha256_json(scored_settings(card, with_shard))[:16]


def differences(old: dict, new: dict, with_shard: bool = True) -> list[str]:
    """Prediction-changing settings that differ between two run cards, one readable line each."""
    lines = []
    old_settings = scored_settings(old, with_shard, PREDICTION_FIELDS)
    new_settings = scored_settings(new, with_shard, PREDICTION_FIELDS)
    for field in old_settings:
        lines.extend(_diff(field, old_settings[field], new_settings.get(field)))
    old_instances, new_instances = old.get("instances") or {}, new.get("instances") or {}
    for name in sorted(set(old_instances) & set(new_instances)):
        for field in INSTANCE_SCORED_FIELDS:
            before, after = old_instances[name].get(field), new_instances[name].get(field)
            if before != after:
                lines.append(f"instances.{name}.{field}: {before!r} -> {after!r}")
    return lines


def shown_differences(lines: list[str], most: int = 5) -> str:
    """The first few differences for a one-line message, and how many more there are."""
    more = f"; and {len(lines) - most} more" if len(lines) > most else ""
    return "; ".join(lines[:most]) + more


def _diff(where: str, before, after) -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after)):
            out.extend(_diff(f"{where}.{key}", before.get(key), after.get(key)))
        return out
    return [] if before == after else [f"{where}: {before!r} -> {after!r}"]


def combine(old: dict, new: dict) -> dict:
    """The card of a resumed run: the new settings, the first creation time, all instances."""
    card = dict(new)
    card["created"] = old.get("created", new.get("created"))
    card["updated"] = _now()
    card["instances"] = {**(old.get("instances") or {}), **(new.get("instances") or {})}
    card["timing"] = provenance.start_timing(old.get("timing") or {"started": old.get("created")})
    return card


def finished(card: dict) -> dict:
    """The card once a session of the run ends (done or interrupted): its end and wall time."""
    return {**card, "updated": _now(), "timing": provenance.finish_timing(card.get("timing"))}


def record_finish(folder, card: dict) -> dict:
    """Write the card of a session that just ended into the run folder; return it."""
    from ..infra.jsonfiles import write_json_atomic

    card = finished(card)
    write_json_atomic(folder.card, card)
    return card


def describe_provenance(card: dict | None) -> dict:
    """What a report shows of a run card: model revision, judge, limit, date, version, git commit,
    wall time, hardware and dataset revisions; a field an older card lacks is None."""
    card = card or {}
    model, generation = card.get("model") or {}, card.get("generation") or {}
    timing, git = card.get("timing") or {}, card.get("git") or {}
    judge = card.get("judge") or None
    instances = card.get("instances") or {}
    return {
        "model_revision": (model.get("resolved_revision") or model.get("revision")
                           or generation.get("revision")),
        "judge": {key: judge.get(key) for key in ("spec", "id", "prompt_hash")} if judge else None,
        "limit": (card.get("execution") or {}).get("limit"),
        "date": timing.get("finished") or card.get("updated") or card.get("created"),
        "dsuperb_version": card.get("dsuperb_version"),
        "git_commit": (git.get("commit", "")[:12] + ("+dirty" if git.get("dirty") else "")) or None,
        "wall_s": timing.get("wall_s"),
        "hardware": card.get("hardware"),
        "dataset_revisions": {name: entry.get("dataset_revision") for name, entry in instances.items()
                              if isinstance(entry, dict)},
        "hf_paths": {name: entry.get("hf_path") for name, entry in instances.items()
                     if isinstance(entry, dict)},
    }


def touch(card: dict) -> dict:
    return {**card, "updated": _now()}


def _now() -> str:
    return provenance.now()
