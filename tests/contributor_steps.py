"""What a contributor does by hand, done by tests: fill the values `dsuperb validate` reports as
unfilled (card and README), and read the commands CONTRIBUTING.md documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

# What a contributor writes in place of each marked value, by the field validate names.
FILLED = {
    "description": "The model hears one speech clip and says whether the speaker sounds happy or sad.",
    "domains[0]": "speech",
    "category": "paralinguistics",
    "keywords[0]": "emotion",
    "license": "CC-BY-4.0",
    "references[0]": "https://example.org/paper",
    "label_set[0]": "happy",
    "label_set[1]": "sad",
    "instances[0].name": "MyTask_MyDataset",
    "instances[0].hf_path": "your-org/MyTask_MyDataset",
    "instances[0].revision": "0123456789abcdef0123456789abcdef01234567",
}
METRIC_FOR = {"regression": "pearson_correlation_coefficient", "sequence_generation": "word_error_rate"}
MARKED = {"description", "domains[0]", "category", "keywords[0]", "license", "references[0]",
          "instances[0].name", "instances[0].hf_path", "instances[0].revision"}
PLACEHOLDER_TOKEN = re.compile(r'"[^"\n]*<fill:[^>]*>[^"\n]*"|<fill:[^>]*>')


def marked_fields(task_type: str) -> set[str]:
    extra = {"classification": {"label_set[0]", "label_set[1]"}, "regression": {"metric"},
             "sequence_generation": {"metric"}, "audio_generation": set()}
    return MARKED | extra[task_type]


def fill_from_findings(card: Path, findings: list[dict], task_type: str) -> None:
    """Replace each placeholder at the line validate reported, as a contributor would."""
    lines = card.read_text(encoding="utf-8").split("\n")
    for finding in sorted(findings, key=lambda f: f["line"]):
        value = METRIC_FOR[task_type] if finding["field"] == "metric" else FILLED[finding["field"]]
        index = finding["line"] - 1
        while "<fill:" not in lines[index]:  # a folded value sits on the lines below its key
            index += 1
        lines[index] = PLACEHOLDER_TOKEN.sub(json.dumps(value), lines[index], count=1)
    card.write_text("\n".join(lines), encoding="utf-8")


def shell_commands(markdown: str) -> list[str]:
    """Commands in the ```sh blocks, without their trailing comments."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", markdown, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                commands.append(line)
    return commands


FILLED_README = {
    "what the task is": "The model hears one speech clip and says whether the speaker sounds happy or sad.",
    "what ability": "Telling a happy voice from a sad one, which a spoken assistant needs to answer in kind.",
    "for each instance": "MyTask_MyDataset: 40 clips recorded for this task, balanced between happy and sad; "
                         "CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/).",
    "how the instructions": "Twelve paraphrases rotate over the rows; each lists both answers.",
    "how answers are scored": "The judge checks the answer names the right mood; chance is 50%.",
    "papers and dataset pages": "- https://example.org/paper",
}
README_MARKER = re.compile(r"<fill: ([^>]*)>", re.S)


def fill_readme(readme: Path) -> None:
    """Replace each `<fill: ...>` of a scaffolded README with text, as a contributor would."""
    def text_for(match: re.Match) -> str:
        hint = " ".join(match.group(1).split())
        return next(value for key, value in FILLED_README.items() if hint.startswith(key))

    readme.write_text(README_MARKER.sub(text_for, readme.read_text(encoding="utf-8")), encoding="utf-8")
