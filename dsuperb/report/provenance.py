"""What each run is (model revision, judge, limit, pinned data, date, version, hardware) and the
cautions a reader must see before comparing runs: different judges, limits or dataset revisions.

Runs judged differently are not compared unless the user asks (`--allow-mixed-judges`): a judge
decides classification scores, so two judges make two different benchmarks.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ReportError
from .load import Run

SHOWN = 3  # examples named in a caution


def run_provenance(run: Run, compared: Sequence[str]) -> dict:
    """The provenance fields every report format shows for one run."""
    card = run.provenance
    revisions = card["dataset_revisions"]
    known = [name for name in compared if name in revisions]
    pinned = sum(1 for name in known if revisions[name])
    return {
        "model_id": run.model_id,
        "model_revision": card["model_revision"] or run.model.get("revision"),
        "judge": card["judge"],
        "judges": run.judges(compared),
        "limit": card["limit"],
        "pinned_share": round(pinned / len(known), 4) if known else None,
        "date": card["date"],
        "dsuperb_version": card["dsuperb_version"] or run.results.dsuperb_version,
        "git_commit": card["git_commit"],
        "wall_s": card["wall_s"],
        "hardware": hardware_line(card["hardware"]),
        "run_card": run.run_card is not None,
    }


def hardware_line(hardware: dict | None) -> str | None:
    """'2x Intel Xeon ...; 1x NVIDIA H200 (141 GiB), driver 550.54, CUDA 12.4' or None."""
    if not hardware:
        return None
    cpu = hardware.get("cpu") or {}
    parts = []
    if cpu.get("model") or cpu.get("count"):
        parts.append(f"{cpu.get('count') or '?'} CPU {cpu.get('model') or ''}".strip())
    gpus = hardware.get("gpus") or []
    names: dict[str, int] = {}
    for gpu in gpus:
        memory = f" ({gpu['memory_mib'] / 1024:.0f} GiB)" if gpu.get("memory_mib") else ""
        key = f"{gpu.get('name') or 'GPU'}{memory}"
        names[key] = names.get(key, 0) + 1
    for name, count in names.items():
        parts.append(f"{count}x {name}")
    driver = next((gpu.get("driver") for gpu in gpus if gpu.get("driver")), None)
    if driver:
        parts.append(f"driver {driver}")
    if hardware.get("cuda"):
        parts.append(f"CUDA {hardware['cuda']}")
    if not gpus:
        parts.append("no GPU")
    return "; ".join(parts)


def judge_name(judge: dict) -> str:
    hash_ = judge.get("prompt_hash") or ""
    return f"{judge.get('id')}" + (f" (prompt {hash_[:12]})" if hash_ else "")


def check_judges(runs: Sequence[Run], judged: dict[str, list[dict]], allow_mixed: bool) -> str | None:
    """A caution when the runs were judged differently (with `allow_mixed`), else a ReportError;
    None when they agree. `judged`: label -> the judges of its compared instances."""
    seen = {(j["id"], j["prompt_hash"]) for judges in judged.values() for j in judges}
    if len(seen) <= 1:
        return None
    listing = "; ".join(f"{label}: {', '.join(judge_name(j) for j in judges)}"
                        for label, judges in judged.items() if judges)
    if not allow_mixed:
        raise ReportError(f"the runs were scored by different judges ({listing}), so their classification "
                          "scores are not comparable; score them again with one judge (`dsuperb score`), or "
                          "pass --allow-mixed-judges to compare them anyway")
    return f"Mixed judges (--allow-mixed-judges): {listing}. Classification scores of runs judged " \
           "differently are not strictly comparable."


def cautions(runs: Sequence[Run], compared: dict[str, list[str]]) -> list[str]:
    """Visible notes on runs made differently: --limit, dataset revisions."""
    out = []
    limits = {run.label: run.provenance["limit"] for run in runs if run.run_card is not None}
    if len(set(limits.values())) > 1:
        shown = ", ".join(f"{label} {limit if limit is not None else 'none'}"
                          for label, limit in limits.items())
        out.append(f"Runs were made with different --limit ({shown}): their scores rest on different "
                   "numbers of samples.")
    by_label = {run.label: run for run in runs}
    differing = []
    for name, labels in compared.items():
        revisions = {}
        for label in labels:
            card = by_label[label].provenance["dataset_revisions"]
            if name in card:
                revisions[label] = card[name]
        if len(set(revisions.values())) > 1:
            differing.append((name, revisions))
    if differing:
        examples = "; ".join(f"{name}: " + ", ".join(f"{label} {_short(rev)}" for label, rev in revs.items())
                             for name, revs in differing[:SHOWN])
        more = f"; and {len(differing) - SHOWN} more" if len(differing) > SHOWN else ""
        out.append(f"Dataset revisions differ between runs on {len(differing)} instance(s) "
                   f"({examples}{more}): those runs may have read different data.")
    return out


def _short(revision: str | None) -> str:
    return "unpinned" if not revision else revision[:10]
