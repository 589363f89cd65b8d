"""Rules for an instance's dataset, and the reviewer's summary of what it holds.

Structure rules read the split names and column types; then one streaming pass over the rows
(the same `samples()` the runner uses, so every clip is really decoded) feeds the row rules and
the summary. A corrupt clip is a finding, never a crash; per-row findings are capped per rule so
a broken column does not print ten thousand lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..audio import SILENCE_PEAK, Clip
from ..cards import Instance
from ..errors import DataError
from ..findings import ERROR, INFO, WARNING, Finding, count
from ..vocab.inputs import SAMPLING_RATE
from ..vocab.suites import PHASE2

MIN_ROWS = 32
MIN_INSTRUCTIONS = 10
INSTRUCTIONS_PER_ROWS = 20  # at least one distinct instruction per 20 rows
MAX_COLUMNS_OF_A_KIND = 10
LONG_CLIP_SECONDS = 30.0
ROW_FINDINGS_PER_RULE = 5
TOP_LABELS = 10
_NUMBERED_COLUMN = re.compile(r"^(audio|text|label)(\d*)$")


def check_instances(instances: Iterable[Instance], data_dir: Path | str | None = None,
                    streaming: bool = False) -> tuple[list[Finding], list[dict]]:
    """Check each instance's dataset: all findings, and one JSON-able summary per instance."""
    findings, summaries = [], []
    for instance in instances:
        instance_findings, summary = check_instance(instance, data_dir, streaming)
        findings.extend(instance_findings)
        summaries.append(summary)
    return findings, summaries


def check_instance(instance: Instance, data_dir: Path | str | None = None, streaming: bool = False,
                   prefetch: int = 8) -> tuple[list[Finding], dict]:
    from ..data import open_instance

    try:
        data = open_instance(instance, data_dir=data_dir, streaming=streaming)
    except DataError as exc:
        return _unavailable(instance, str(exc), exc.rule)
    except Exception as exc:  # whatever else opening raises: report it, check the other instances
        return _unavailable(instance, f"instance {instance.name}: cannot open its dataset "
                            f"({type(exc).__name__}: {exc})", "data.read")
    findings = list(structure_findings(instance, data))
    tally = Tally(instance, skip_columns=set(data.missing_columns()), audio_labels=data.audio_label_columns())
    try:
        for sample in data.samples(prefetch=prefetch, allow_missing=True):
            tally.add(sample)
    except DataError as exc:  # a broken file mid-way: report it, keep what was counted
        findings.append(Finding(ERROR, instance.name, "", f"{exc} (after {tally.rows} rows)", exc.rule))
    findings.extend(tally.findings())
    return findings, summarise(instance, data, tally, findings)


def _unavailable(instance: Instance, message: str, rule: str) -> tuple[list[Finding], dict]:
    finding = Finding(ERROR, instance.name, "", message, rule)
    return [finding], {"instance": instance.name, "status": "unavailable", "message": message,
                       "findings": count([finding]), "rules": {rule: 1}}


# -- structure: splits, column names and types --


def structure_findings(instance: Instance, data) -> Iterator[Finding]:
    yield from split_rule(instance, data)
    yield from required_columns_rule(instance, data)
    yield from declared_columns_rule(instance, data)
    yield from column_names_rule(instance, data)
    yield from column_types_rule(instance, data)


def split_rule(instance: Instance, data) -> Iterator[Finding]:
    one = instance.suite == PHASE2  # Phase 2 ships one split; a sibling may ship more (MUGEN: test_2)
    if data.splits != [instance.split] if one else instance.split not in data.splits:
        yield Finding(ERROR, instance.name, "", f"expected {'exactly one split' if one else 'a split'} named "
                      f"{instance.split!r}, found: {', '.join(data.splits)}", "data.split")


def required_columns_rule(instance: Instance, data) -> Iterator[Finding]:
    present = set(data.column_names)
    for column in (instance.file_column, instance.instruction_column, *instance.label_columns[:1]):
        if column is not None and column not in present:
            yield Finding(ERROR, instance.name, column, f"required column {column!r} is missing (columns: "
                          f"{', '.join(data.column_names)})", "data.required-column")


def declared_columns_rule(instance: Instance, data) -> Iterator[Finding]:
    present = set(data.column_names)
    for column in (*instance.audio_columns, *instance.text_columns, *instance.label_columns[1:]):
        if column not in present:
            columns = ", ".join(data.column_names)
            yield Finding(ERROR, instance.name, column, f"the card declares column {column!r} but the "
                          f"dataset has none (columns: {columns})", "data.declared-column")


def column_names_rule(instance: Instance, data) -> Iterator[Finding]:
    kinds: dict[str, list[str]] = {}
    for column in data.column_names:
        match = _NUMBERED_COLUMN.match(column)
        if not match:
            continue
        kind, number = match.groups()
        kinds.setdefault(kind, []).append(column)
        if number == "1" or number.startswith("0"):
            yield Finding(WARNING, instance.name, column, f"name the first {kind} input {kind!r} and the "
                          f"next {kind}2, {kind}3, ... (found {column!r})", "data.column-name")
    for kind, columns in kinds.items():
        if len(columns) > MAX_COLUMNS_OF_A_KIND:
            yield Finding(ERROR, instance.name, kind, f"{len(columns)} {kind} columns; at most "
                          f"{MAX_COLUMNS_OF_A_KIND} are allowed", "data.column-count")


def column_types_rule(instance: Instance, data) -> Iterator[Finding]:
    features = data.features
    if features is None:  # a stream that does not declare its features: the row pass still runs
        return
    text_columns = (instance.file_column, instance.instruction_column, *instance.text_columns)
    for column in text_columns:
        if column is not None and column in features and not _is_text(features[column]):
            yield _type_finding(instance, column, "text (string)", features[column])
    for column in instance.label_columns:
        if column in features and not (_is_text(features[column]) or _is_audio(features[column])):
            yield _type_finding(instance, column, "text (string) or audio", features[column])
    for column in instance.audio_columns:
        if column in features and not _is_audio(features[column]):
            yield _type_finding(instance, column, "audio", features[column])


def _type_finding(instance: Instance, column: str, expected: str, feature) -> Finding:
    return Finding(ERROR, instance.name, column, f"expected {expected}, found {_describe(feature)}",
                   "data.column-type")


def _is_text(feature) -> bool:
    return getattr(feature, "dtype", None) in ("string", "large_string")


def _is_audio(feature) -> bool:
    from ..data import is_audio_feature

    return is_audio_feature(feature)


def _describe(feature) -> str:
    dtype = getattr(feature, "dtype", None)
    return str(dtype) if isinstance(dtype, str) and dtype != "dict" else type(feature).__name__


# -- the row pass --


@dataclass
class Durations:
    """Running duration statistics of one audio column (Welford), so memory stays flat."""

    clips: int = 0
    mean: float = 0.0
    m2: float = 0.0
    low: float = math.inf
    high: float = 0.0
    failed: int = 0
    long: int = 0
    rates: Counter = field(default_factory=Counter)

    def add(self, seconds: float) -> None:
        self.clips += 1
        delta = seconds - self.mean
        self.mean += delta / self.clips
        self.m2 += delta * (seconds - self.mean)
        self.low = min(self.low, seconds)
        self.high = max(self.high, seconds)
        self.long += seconds > LONG_CLIP_SECONDS

    def as_dict(self) -> dict:
        std = math.sqrt(self.m2 / self.clips) if self.clips else 0.0
        return {
            "clips": self.clips, "minutes": round(self.mean * self.clips / 60, 3),
            "mean_s": round(self.mean, 3), "std_s": round(std, 3),
            "min_s": round(self.low, 3) if self.clips else 0.0, "max_s": round(self.high, 3),
            "sampling_rates": {str(rate): n for rate, n in sorted(self.rates.items())},
            "over_30s": self.long, "failed": self.failed,
        }


class Tally:
    """What one pass over the rows counts, and the row findings it collects (capped per rule)."""

    def __init__(self, instance: Instance, skip_columns: Iterable[str] = (),
                 audio_labels: Iterable[str] = ()):
        self.instance = instance
        self.skip_columns = set(skip_columns)
        self.audio_labels = set(audio_labels)
        self.rows = 0
        self.file_ids: set[str] = set()
        self.duplicates: Counter[str] = Counter()
        self.instructions: set[str] = set()
        self.labels = {c: Counter() for c in instance.label_columns
                       if c not in self.skip_columns and c not in self.audio_labels}
        self.durations = {c: Durations() for c in instance.audio_columns if c not in self.skip_columns}
        self.row_findings: dict[str, list[Finding]] = {}
        self.row_counts: Counter[str] = Counter()
        self._options_cache: dict[str, frozenset[str]] = {}
        self._label_set = ({_fold(v) for v in instance.label_set} if instance.label_set is not None else None)

    def add(self, sample) -> None:
        self.rows += 1
        if sample.file in self.file_ids:
            self.duplicates[sample.file] += 1
        else:
            self.file_ids.add(sample.file)
        if self.instance.instruction_column not in self.skip_columns:
            self.instructions.add(sample.instruction)
        for column, value in sample.labels.items():
            if column in self.labels:
                self.labels[column][value] += 1
        for clip in sample.clips:
            self._clip(sample, clip)
        if self.instance.instruction_column in self.skip_columns:
            return  # the row rules below read the instruction; its absence is reported once
        if self.instance.type == "classification":
            self._classification(sample)
        elif self.instance.type == "regression":
            self._regression(sample)

    def _clip(self, sample, clip: Clip) -> None:
        if clip.column in self.skip_columns:
            return
        stats = self.durations[clip.column]
        if clip.error:
            stats.failed += 1
            self._row(ERROR, sample, f"{clip.column}: {clip.error}", "data.audio-decode")
            return
        stats.rates[clip.source_rate] += 1
        stats.add(clip.seconds)
        if clip.frames == 0:
            self._row(ERROR, sample, f"{clip.column}: the clip is empty (0 samples)", "data.audio-empty")
        elif not clip.finite:
            self._row(ERROR, sample, f"{clip.column}: the clip holds NaN or infinite samples",
                      "data.audio-nonfinite")
        elif clip.peak <= SILENCE_PEAK:
            self._row(WARNING, sample, f"{clip.column}: the clip is silent (peak {clip.peak:.1e})",
                      "data.audio-silent")

    def _classification(self, sample) -> None:
        column = self.instance.label_columns[0]
        if column not in self.labels:  # missing or audio: other rules say so
            return
        label = sample.labels.get(column, "")
        folded = _fold(label)
        if self._label_set is not None and folded not in self._label_set:
            self._row(ERROR, sample, f"label {label!r} is not in the card's label_set", "data.label-set")
        options = self._options(sample.instruction)
        if folded in options or (self._label_set is not None and folded in self._label_set):
            return
        if options:
            message = f"label {label!r} is not among the options the instruction lists"
        else:
            message = "the instruction lists no answer options (and no card label_set holds the label)"
        self._row(ERROR, sample, message, "data.options")

    def _options(self, instruction: str) -> frozenset[str]:
        cached = self._options_cache.get(instruction)
        if cached is None:
            from ..vocab.options import parse_options

            parsed = parse_options(instruction)
            cached = frozenset(_fold(o) for o in (*parsed.texts, *parsed.markers))
            if len(self._options_cache) < 10_000:
                self._options_cache[instruction] = cached
        return cached

    def _regression(self, sample) -> None:
        for column, value in sample.labels.items():
            if column not in self.labels:
                continue
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                self._row(ERROR, sample, f"{column} {value!r} is not a number", "data.regression-label")

    def _row(self, severity: str, sample, message: str, rule: str) -> None:
        self.row_counts[rule] += 1
        kept = self.row_findings.setdefault(rule, [])
        if len(kept) < ROW_FINDINGS_PER_RULE:
            kept.append(Finding(severity, self.instance.name, sample.file, message, rule))

    def findings(self) -> list[Finding]:
        name = self.instance.name
        out = []
        if self.rows < MIN_ROWS:
            out.append(Finding(ERROR, name, "", f"{self.rows} rows; an instance needs at least {MIN_ROWS}",
                               "data.min-rows"))
        needed = max(MIN_INSTRUCTIONS, self.rows // INSTRUCTIONS_PER_ROWS)
        if len(self.instructions) < needed and self.instance.instruction_column not in self.skip_columns:
            out.append(Finding(ERROR, name, self.instance.instruction_column,
                               f"{len(self.instructions)} distinct instructions for {self.rows} rows; at "
                               f"least {needed} are needed (max({MIN_INSTRUCTIONS}, rows // "
                               f"{INSTRUCTIONS_PER_ROWS}))",
                               "data.instruction-variety"))
        for file_id, extra in list(self.duplicates.items())[:ROW_FINDINGS_PER_RULE]:
            out.append(Finding(ERROR, name, file_id, f"file id {file_id!r} occurs {extra + 1} times",
                               "data.duplicate-file"))
        if len(self.duplicates) > ROW_FINDINGS_PER_RULE:
            out.append(Finding(ERROR, name, "file", f"... and {len(self.duplicates) - ROW_FINDINGS_PER_RULE} "
                               "more duplicated file ids", "data.duplicate-file"))
        for column, stats in self.durations.items():
            other = {rate: n for rate, n in stats.rates.items() if rate != SAMPLING_RATE}
            if other:
                rates = ", ".join(f"{n} at {rate} Hz" for rate, n in sorted(other.items()))
                out.append(Finding(WARNING, name, column, f"{rates} (of {stats.clips} clips); the convention "
                                   f"is {SAMPLING_RATE} Hz (they are resampled)", "data.sampling-rate"))
            if stats.long:
                out.append(Finding(INFO, name, column, f"{stats.long} of {stats.clips} clips are longer than "
                                   f"{LONG_CLIP_SECONDS:.0f} s (longest {stats.high:.1f} s); Whisper-style "
                                   "encoders see only the first 30 s", "data.long-clips"))
        for rule, kept in self.row_findings.items():
            out.extend(kept)
            more = self.row_counts[rule] - len(kept)
            if more:
                out.append(Finding(kept[0].severity, name, "", f"... and {more} more rows with the same "
                                   "problem", rule))
        return out


def _fold(text: str) -> str:
    from ..vocab.text import fold

    return fold(text)


# -- the reviewer's summary --


def summarise(instance: Instance, data, tally: Tally, findings: list[Finding]) -> dict:
    audio = {column: stats.as_dict() for column, stats in tally.durations.items()}
    labels = {column: {"kind": "audio"} for column in tally.audio_labels}
    for column, counts in tally.labels.items():
        labels[column] = {"kind": "text", "distinct": len(counts),
                          "top": [[label, n] for label, n in counts.most_common(TOP_LABELS)]}
    return {
        "instance": instance.name,
        "status": "checked",
        "source": data.source,
        "splits": data.splits,
        "columns": data.column_names,
        "rows": tally.rows,
        "audio_minutes": round(sum(a["minutes"] for a in audio.values()), 3),
        "audio": audio,
        "distinct_instructions": len(tally.instructions),
        "labels": labels,
        "findings": count(findings),
        "rules": dict(Counter(f.rule for f in findings)),
    }


def render_summary(summary: dict) -> str:
    """The summary as a few lines of text for a reviewer."""
    name = summary["instance"]
    if summary.get("status") == "unavailable":
        rule = next(iter(summary.get("rules", {})), "data.unavailable")
        return f"{name}: not checked: the dataset could not be opened (see its finding) [{rule}]"
    lines = [f"{name}  ({summary['source']})",
             f"  rows {summary['rows']}, audio {summary['audio_minutes']:.1f} min, "
             f"{summary['distinct_instructions']} distinct instructions, "
             f"splits: {', '.join(summary['splits'])}"]
    for column, stats in summary["audio"].items():
        rates = ", ".join(f"{rate} Hz x{n}" for rate, n in stats["sampling_rates"].items()) or "none"
        lines.append(f"  {column}: {stats['clips']} clips, {stats['minutes']:.1f} min, duration mean "
                     f"{stats['mean_s']:.2f} s, std {stats['std_s']:.2f}, min {stats['min_s']:.2f}, max "
                     f"{stats['max_s']:.2f}; over 30 s: {stats['over_30s']}; failed: {stats['failed']}; "
                     f"rates: {rates}")
    for column, stats in summary["labels"].items():
        if stats["kind"] == "audio":
            lines.append(f"  {column}: audio")
            continue
        top = ", ".join(f"{label!r} {n}" for label, n in stats["top"])
        more = f" (top {len(stats['top'])})" if stats["distinct"] > len(stats["top"]) else ""
        lines.append(f"  {column}: {stats['distinct']} distinct{more}: {top}")
    totals = summary["findings"]
    lines.append(f"  findings: {totals['error']} error(s), {totals['warning']} warning(s), "
                 f"{totals['info']} info")
    return "\n".join(lines)
