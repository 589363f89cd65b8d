"""The catalogue builder's further sources: the gap table, the licence table and the Phase-1 list.

`build_catalogue.py` turns the Phase-2 record into cards; this module reads the other files of
`reference/` (each described, with where its facts came from, in reference/README.md):

- `catalogue_gap.tsv`: new instances (each with a status from its strength tag) and the earlier
  hub paths of instances the record already has (ALIAS/RENAME and LEGACY rows);
- `task_licences.tsv`: each task's licence, where it was read, and what it allows;
- `phase1_instances.tsv`: the instances Phase 1 already had.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

CONFIRMED, UNCONFIRMED = "confirmed", "unconfirmed"
TAG = re.compile(r"^\[([^\]]*)\]")
OLD_PATH = re.compile(r"(?:alias|rename) of TSV path (\S+)$", re.IGNORECASE)
# Strength tags that leave a row unconfirmed: a name seen only in a script or a config.
WEAK_TAGS = ("weak", "name only", "unverified")
# The record's own sources that are as weak: the instance may never have been a published test set.
WEAK_SOURCES = ("probably never published", "probably not a real repo", "defunct", "dataset is EMPTY",
                "existence on HF unverified")
REDISTRIBUTION = {"yes": "allowed", "conditional": "conditional", "no": "forbidden"}

# Instance names for gap rows whose hub name is already another instance's name.
GAP_NAMES = {
    # The organisers' sheet calls the -Test700 repository SingingVoiceSynthesis_ACEOpencpop.
    "SingingVoiceSynthesis_ACEOpencpop": "SingingVoiceSynthesis_ACEOpencpop-Full",
}

# What each new row's evidence says about the repository, in short (reference/catalogue_gap.tsv
# has the pages and files).
GAP_NOTES = {
    "SpeechSeparation_MiniLibriMix": "uploaded as an audiofolder (data/ and metadata.csv), not parquet, so "
                                     "dsuperb cannot read its test split yet; the uploader's last commit is "
                                     "681ad7f, a short hash that cannot be pinned",
    "S2ST_X2En_FLEURS": "the English-bound sibling of S2ST_En2X_FLEURS; main head seen as b1a2c7e, a short "
                        "hash that cannot be pinned",
    "HateSpeechDetection_Detoxy_VCTK_LJSpeech_CV_MELD": "pinned to the main head seen in June 2024; 603 "
                                                        "test rows",
    "HeartAnomalyDetection_HeartbeatSounds": "stored as a soundfolder, not parquet: possibly an unfinished "
                                             "upload; README commit ff61f6a (short hash)",
    "VitalSignsDetection": "the name has no _{Dataset} part; main head seen as a6d17b5 (short hash)",
    "Infant_Crying_Classification_Dataset": "pinned to the main head seen in June 2024; 414 rows, audio "
                                            "stored as CAF inside the parquet",
    "Vehicle_sounds_classification_dataset": "1.71k test rows; main head seen as 9ad231d (short hash)",
    "HEARGunshotLocationClassification_GunshotTriangulation-Fold2": "pinned to an upload of August 2024 that"
                                                                    " may no longer be the main head; HEAR's"
                                                                    " gunshot triangulation has 7 folds, of "
                                                                    "which only Fold2 and Fold7 were seen",
    "HEARGunshotLocationClassification_GunshotTriangulation-Fold7": "seen only in an uploader's activity "
                                                                    "list (12 rows)",
    "SingerVerification_M4Singer": "uploaded in November 2023, before the Phase-2 call, with a 'train' "
                                   "split: possibly not a test set",
    "SingingVoiceSynthesis_ACEOpencpop": "a second ACE-Opencpop repository (5.4k test rows) beside the "
                                         "-Test700 one the organisers' sheet lists; its README commit "
                                         "14258ea is not known to be the data commit",
    "IntentClassification_FluentSpeechCommands": "seen only in third-party scripts; apparently the unsplit "
                                                 "parent of the -Action, -Location and -Object instances",
    "L2EnglishAccuracy_speechocean762-BinaryAccuracy": "seen only in a contributor's build script that "
                                                       "pushes it; not seen on the hub",
    "L2EnglishFluency_speechocean762-BinaryAccuracy": "seen only in a contributor's build script whose push "
                                                      "is commented out: probably never published",
    "Text2Speech_LibriTTS-TestClean": "seen only in a third-party tokenisation script (text input); "
                                      "possibly private or a training set",
    "Text2Speech_LibriTTS-TestOther": "seen only in a third-party tokenisation script (text input); "
                                      "possibly private or a training set",
    "VCTK_Speaker_Recognition": "seen only in a third-party config: probably not a real repository",
}


@dataclass(frozen=True)
class Rename:
    """A record instance whose hub repository is now spelled differently."""

    old: str  # the record's hub path
    new: str  # the current hub path
    name: str  # the gap table's instance name under the current spelling


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def tag_of(row: dict) -> str:
    match = TAG.match(row["evidence"])
    if not match:
        raise SystemExit(f"catalogue_gap.tsv: {row['instance']}: evidence does not start with a [tag]")
    return match.group(1)


def _old_path(row: dict) -> str | None:
    tag = tag_of(row)
    if not (tag.startswith("ALIAS/RENAME") or tag.startswith("LEGACY")):
        return None
    match = OLD_PATH.search(tag)
    if not match:
        raise SystemExit(f"catalogue_gap.tsv: {row['instance']}: alias row names no TSV path")
    return match.group(1)


def gap_records(reference: Path) -> list[tuple[dict, str]]:
    """New instances as record-like rows (the record's columns), each with its status."""
    out = []
    for row in read_tsv(reference / "catalogue_gap.tsv"):
        if _old_path(row) is not None:
            continue
        tag = tag_of(row)
        status = UNCONFIRMED if any(word in tag.lower() for word in WEAK_TAGS) else CONFIRMED
        record = {
            "instance": GAP_NAMES.get(row["instance"], row["instance"]),
            "hf_path": row["hf_path"],
            "revision": row["revision_if_known"],
            "type": row["type_if_known"],
            "domains": "",
            "metric": row["metric_if_known"],
            "note": "",
            "source": f"reference/catalogue_gap.tsv [{tag}]",
            "gap_note": GAP_NOTES.get(row["instance"], ""),
        }
        out.append((record, status))
    return out


def hub_renames(reference: Path) -> dict[str, Rename]:
    """The record's hub path -> its current spelling (ALIAS/RENAME rows)."""
    out = {}
    for row in read_tsv(reference / "catalogue_gap.tsv"):
        old = _old_path(row)
        if old is not None and tag_of(row).startswith("ALIAS/RENAME"):
            out[old] = Rename(old, row["hf_path"], row["instance"])
    return out


def legacy_paths(reference: Path) -> dict[str, list[str]]:
    """The record's hub path -> the Phase-1 (2023) hub names of the same instance (LEGACY rows)."""
    out: dict[str, list[str]] = {}
    for row in read_tsv(reference / "catalogue_gap.tsv"):
        old = _old_path(row)
        if old is not None and tag_of(row).startswith("LEGACY"):
            out.setdefault(old, []).append(row["hf_path"])
    return out


def weak_source(record: dict) -> bool:
    return any(marker in record["source"] for marker in WEAK_SOURCES)


def licences(reference: Path) -> dict[str, dict]:
    """Task -> its licence fields as a card writes them."""
    out = {}
    for row in read_tsv(reference / "task_licences.tsv"):
        if row["redistribution"] not in REDISTRIBUTION:
            raise SystemExit(f"task_licences.tsv: {row['task']}: redistribution {row['redistribution']!r}")
        out[row["task"]] = {
            "license": row["license"],
            "license_source": row["license_source"],
            "redistribution": REDISTRIBUTION[row["redistribution"]],
            "license_note": row["note"],
        }
    return out


def phase1_names(reference: Path) -> set[str]:
    return {row["instance"] for row in read_tsv(reference / "phase1_instances.tsv")}
