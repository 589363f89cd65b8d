"""The report's later sections as text tables, the same for Markdown and HTML: prompt strategies
side by side, sibling suites, instruction sensitivity and audio-order self-consistency.

A section is (anchor, title, notes, tables); a table is (caption, headers, rows of text). The
renderers only lay them out, so both formats show the same numbers in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import formatting as fmt

INSTRUCTION_NOTE = (
    "Each sample asked again under other instructions of its own dataset that offer the same answer options "
    "(`dsuperb eval --instruction-variants K`), its label kept. Original: the score under the dataset's own "
    "instruction. Mean and spread: the mean and standard deviation of the scores under each distinct "
    "instruction asked. Worst: the instruction scored lowest. Consistency: the share of samples answered "
    "alike under every instruction asked.")
ORDER_NOTE = (
    "Each multi-audio sample asked again with its audios in other orders (`dsuperb eval --audio-permutations "
    "K`), the label following the order as the card's `audio_order` says. Original: the score in the "
    "dataset's order. Mean: over every order asked. Consistency: the share of samples whose every order "
    "chose the same answer, mapped back to the original clips. Vote: the score of each sample's majority "
    "answer over the orders (MUGEN's audio-permutational self-consistency).")
STRATEGY_NOTE = ("A run under another prompt beside the plain run of the same model (direct, no system "
                 "prompt): both scores and the difference (run minus plain) with its paired-bootstrap "
                 "interval and p-value, per task and over the tasks both were scored on alike.")
SUITE_NOTE = ("Each sibling benchmark as a grid: its tasks by its instances' variants (what follows the "
              "task's name), every model's score in each cell; the last row is the mean over its tasks.")


@dataclass
class Section:
    anchor: str
    title: str
    notes: list[str] = field(default_factory=list)
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)


def later_sections(report: dict) -> list[Section]:
    out = []
    if report.get("prompt_strategies"):
        out.append(_strategies(report))
    for suite in report.get("suites") or []:
        out.append(_suite(report, suite))
    if report.get("instruction_sensitivity"):
        out.append(_analysis(report["instruction_sensitivity"], "instruction-sensitivity",
                             "Instruction sensitivity", INSTRUCTION_NOTE, True))
    if report.get("audio_order"):
        out.append(_analysis(report["audio_order"], "audio-order", "Audio-order self-consistency",
                             ORDER_NOTE, False))
    return out


def _strategies(report: dict) -> Section:
    section = Section("prompt-strategies", "Prompt strategies", [STRATEGY_NOTE])
    n_boot = report["settings"]["bootstrap"]
    for entry in report["prompt_strategies"]:
        rows = []
        for name, test in [("all tasks", entry["overall"])] + [(t["task"], t) for t in entry["tasks"]]:
            if test:
                rows.append([name, fmt.score_with_interval(test["base"]),
                             fmt.score_with_interval(test["run"]), fmt.difference(test),
                             fmt.p_value(test["p_value"], n_boot)])
        system = entry["system_prompt_sha256"]
        system = f", system prompt sha256 {system}" if system else ""
        caption = f"{entry['run']} against {entry['base']} (strategy {entry['strategy']}{system})"
        section.tables.append((caption, ["Task", entry["base"], entry["run"], "difference", "p"], rows))
    return section


def _suite(report: dict, suite: dict) -> Section:
    labels = [m["label"] for m in report["models"]]
    headers = ["Task"] + [f"{column} · {label}" if len(labels) > 1 else column
                          for column in suite["columns"] for label in labels]
    rows = [[row["task"], *(fmt.score_with_interval(row["scores"].get(column, {}).get(label))
                            for column in suite["columns"] for label in labels)] for row in suite["rows"]]
    rows.append(["mean over tasks", *(fmt.score_with_interval(suite["mean"].get(column, {}).get(label))
                                      for column in suite["columns"] for label in labels)])
    return Section(f"suite-{suite['suite']}", f"Suite: {suite['suite']}", [suite["title"], SUITE_NOTE],
                   [("", headers, rows)])


def _analysis(entries: list[dict], anchor: str, title: str, note: str, instructions: bool) -> Section:
    section = Section(anchor, title, [note])
    names = ["original", "mean", "spread", "consistency"] if instructions else \
        ["original", "mean", "vote", "consistency"]
    headers = ["Instance", "Original", "Mean", "Spread" if instructions else "Vote", "Consistency %"]
    headers += ["Worst instruction"] if instructions else []
    headers += ["Samples asked", "Not asked again"]
    for entry in entries:
        rows = [["all instances", *(fmt.score_with_interval(entry["overall"].get(n)) for n in names)]
                + ([""] if instructions else []) + [f"{entry['n_instances']} instances", ""]]
        for item in entry["instances"]:
            if item.get("original") is None:
                why = item["message"] or item["status"]
                rows.append([item["instance"], *(["–"] * len(names)), *([""] if instructions else []),
                             "–", why])
                continue
            row = [item["instance"], *(fmt.score_with_interval(item.get(n)) for n in names)]
            if instructions:
                row.append(_worst(item.get("worst")))
            row += [f"{item['analysed']} of {item['samples']}", _reasons(item)]
            rows.append(row)
        caption = f"{entry['label']}: each sample asked {entry['variants']} more time(s) ({entry['run_dir']})"
        section.tables.append((caption, headers, rows))
    return section


def _worst(worst: dict | None) -> str:
    if not worst:
        return "–"
    text = worst["instruction"] if len(worst["instruction"]) <= 70 else worst["instruction"][:67] + "..."
    return f"{fmt.score_with_interval(worst)} over {worst['count']} answers: \"{text}\""


def _reasons(item: dict) -> str:
    parts = [f"{count}: {reason}" for reason, count in item["skipped"].items()]
    parts += [f"{count} asked fewer times: {reason}" for reason, count in item["partial"].items()]
    return "; ".join(parts) or "none"
