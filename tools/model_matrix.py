#!/usr/bin/env python
"""The support matrix of the audio model families transformers ships: docs/models.md.

    python tools/model_matrix.py                      # every family; rewrites docs/models.md
    python tools/model_matrix.py --families whisper,voxtral --out -    # some rows, printed
    python tools/model_matrix.py --check              # regenerate every row; equal to docs/models.md?
    python tools/model_matrix.py --families gemma3n --device cuda --out - --require-working   # GPU check

For each family it builds a tiny random checkpoint laid out as the family publishes it
(tests/tiny_families), then runs `dsuperb eval` on the demo suite three times (batch 1, batch 1
with `--control silence`, batch 4) and records: whether it works (every sample answered, or the
one line it stops with at load), whether the audio reaches the model (answers change under
silence; else the first generated token's logits move between a tone and silence), whether batch
4 answers equal batch 1, and the adapter that ran it. Tiny random models answer gibberish: the
matrix checks the plumbing, not quality.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

DOC = REPO / "docs" / "models.md"
DEMO = REPO / "demo"
LIMIT, MAX_NEW_TOKENS = 2, 8  # samples per demo instance (12 in all, one instance with two clips), tokens
COLUMNS = ("family", "model type", "adapter", "needs (extra)", "instruction", "works here",
           "audio reaches the model", "batch 4 = batch 1")
TABLE_START, TABLE_END = "<!-- matrix:start -->", "<!-- matrix:end -->"


@dataclass(frozen=True)
class Row:
    family: str
    model_type: str
    adapter: str
    needs: str
    instruction: str
    works: str
    audio: str
    batch: str

    def cells(self) -> tuple[str, ...]:
        return astuple(self)

    def verdicts(self) -> tuple[str, ...]:
        """The row without the counts that tiny random models may shift between machines."""
        return tuple(re.sub(r" \(\d+/\d+ equal\)", "", cell) for cell in self.cells())


def adapter_of(model_type: str, description: dict) -> str:
    from dsuperb.models.registry import FAMILIES, GENERIC_FAMILY

    module, cls = FAMILIES.get(model_type, GENERIC_FAMILY).split(":")
    notes = [note for key, note in (("processor_note", "audio-only processor"),
                                    ("chat_template_source", "template from the tokenizer"),
                                    ("multi_audio", "clips joined")) if key in description]
    return "; ".join([f"`{cls}` ({module.removeprefix('dsuperb.models.').replace('.', '/')}.py)", *notes])


def needs_of(model_type: str, description: dict) -> str:
    from dsuperb.models.needs import FAMILY_NEEDS, PACKAGES

    packages = list(FAMILY_NEEDS.get(model_type, (None, ()))[1])
    if "processor_note" in description:
        packages.append("torchvision")  # for the full processor; audio runs without it
    if not packages:
        return "-"
    return ", ".join(f"{PACKAGES[p][0]} ({PACKAGES[p][1]})" for p in packages)


def instruction_of(description: dict) -> str:
    if "task" in description:
        return "ignored (speech recogniser)"
    if "instruction" in description:
        return "dropped by its chat template"
    return "in the prompt"


def check_family(name: str, work: Path, device: str = "cpu", folder: Path | None = None) -> Row:
    """Run family `name` (built under `work` unless `folder` holds it already) through `dsuperb eval`
    three ways, with run folders under `work`."""
    from tiny_families import build
    from transformers import AutoConfig

    folder = folder or build(name, work / "models" / name)
    model_type = AutoConfig.from_pretrained(folder).model_type
    single = run_eval(folder, work / "runs" / name / "b1", device)
    if isinstance(single, str):  # stopped at load
        from dsuperb.models.needs import FAMILY_NEEDS

        needs = needs_of(model_type, {"processor_note": True} if model_type not in FAMILY_NEEDS else {})
        return Row(name, model_type, adapter_of(model_type, {}), needs, "-", f"stops at load: {single}", "-",
                   "-")
    description = json.loads(next((work / "runs" / name / "b1").glob("*/run_card.json")).read_text())["model"]
    failed = [error for _, error in single.values() if error]
    works = f"yes ({len(single)} samples)" if not failed else \
        f"no ({len(failed)}/{len(single)} samples failed: {failed[0][:160]})"
    silence = run_eval(folder, work / "runs" / name / "silence", device, "--control", "silence")
    batched = run_eval(folder, work / "runs" / name / "b4", device, "--batch-size", "4")
    return Row(name, model_type, adapter_of(model_type, description), needs_of(model_type, description),
               instruction_of(description), works, audio_verdict(folder, single, silence, device),
               batch_verdict(single, batched))


def run_eval(folder: Path, out: Path, device: str, *extra: str) -> dict | str:
    """{(instance, file): (response, error)} of one run, or the line the run stopped with."""
    from click.testing import CliRunner

    from dsuperb.cli import main
    from dsuperb.runfolder.store import read_predictions

    argv = ["eval", "--model", str(folder), "--tasks", str(DEMO / "tasks"), "--data-dir", str(DEMO / "data"),
            "--output-dir", str(out), "--limit", str(LIMIT), "--max-new-tokens", str(MAX_NEW_TOKENS),
            "--device", device, "--dtype", "float32", "--no-progress", "--overwrite", *extra]
    result = CliRunner().invoke(main, argv)
    if result.exit_code == 2:
        lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
        if not lines:
            return result.output[-300:]
        return lines[-1].removeprefix("error: ").replace(str(folder), "<model>")
    rows = {}
    for path in out.glob("*/predictions/*.jsonl"):
        for row in read_predictions(path):
            rows[(row["instance"], row["file"])] = (row["response"], row["error"])
    if not rows:
        raise RuntimeError(f"{folder.name}: eval wrote no predictions (exit {result.exit_code}): "
                           f"{result.output[-500:]}")
    return rows


def audio_verdict(folder: Path, single: dict, silence: dict, device: str) -> str:
    if any(key in single and single[key][0] != response for key, (response, _) in silence.items()):
        return "yes: answers change under silence"
    if first_token_change(folder, device):
        return "yes: first-token logits move (answers unchanged)"
    return "no: answers and first-token logits ignore the audio"


def first_token_change(folder: Path, device: str) -> bool:
    """Whether the first generated token's logits differ between a 1 s tone and 1 s of silence (and
    are equal for the same tone twice, so the difference is the audio's)."""
    import numpy as np

    from dsuperb.models.base import Request
    from dsuperb.models.options import CommonOptions
    from dsuperb.models.probe import probe_request
    from dsuperb.models.registry import load_model

    model = load_model(str(folder), CommonOptions(max_new_tokens=1), {"device": device, "dtype": "float32"})
    settings = copy.deepcopy(model.generation_config)
    settings.output_scores, settings.return_dict_in_generate = True, True
    model.generation_config = settings
    tone = probe_request()
    quiet = Request.of("silence", "probe", tone.instruction, audios=(np.zeros_like(tone.audios[0]),))

    def logits(request):
        return model.run_generate(model.to_device(model.build_inputs([request]))).scores[0].float().cpu()

    first, again, silent = logits(tone), logits(tone), logits(quiet)
    model.close()
    return bool((first == again).all() and (first != silent).any())


def batch_verdict(single: dict, batched: dict) -> str:
    same = sum(1 for key, answer in batched.items() if key in single and single[key] == answer)
    return "yes" if same == len(batched) == len(single) else f"no ({same}/{len(batched)} equal)"


# -- the document --------------------------------------------------------------------------------
def render(rows: list[Row]) -> str:
    header = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS) + "\n"
    lines = ("| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |\n" for row in rows)
    body = "".join(lines)
    return f"{TABLE_START}\n{header}{body}{TABLE_END}"


def parse(text: str) -> list[Row]:
    table = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    rows = []
    for line in table.strip().splitlines()[2:]:
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        rows.append(Row(*cells))
    return rows


def write_doc(rows: list[Row], doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    doc.write_text(before + render(rows) + after, encoding="utf-8")


def main(argv=None) -> int:
    from tiny_families import BUILDERS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", help="comma-separated family names (default: all)")
    parser.add_argument("--out", default=str(DOC), help="the document whose table to rewrite, or - to print")
    parser.add_argument("--check", action="store_true", help="exit 1 when the rows differ from the document")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--require-working", action="store_true",
                        help="exit 1 unless every family checked answers every sample (the GPU check)")
    args = parser.parse_args(argv)
    names = args.families.split(",") if args.families else list(BUILDERS)
    unknown = [name for name in names if name not in BUILDERS]
    if unknown:
        parser.error(f"unknown families: {', '.join(unknown)} (known: {', '.join(BUILDERS)})")
    with tempfile.TemporaryDirectory() as work:
        rows = []
        for name in names:
            rows.append(check_family(name, Path(work), args.device))
            print(" | ".join(rows[-1].cells()), file=sys.stderr, flush=True)
    broken = [row for row in rows if not row.works.startswith("yes")]
    if args.require_working and broken:
        print("\n".join(f"not working: {row.family}: {row.works}" for row in broken))
        return 1
    if args.check:
        documented = {row.family: row for row in parse(DOC.read_text(encoding="utf-8"))}
        differ = [row for row in rows if row.family not in documented
                  or documented[row.family].verdicts() != row.verdicts()]
        for row in differ:
            old = documented.get(row.family)
            print(f"differs: {row.family}: now {row.cells()[2:]}, "
                  f"documented {old.cells()[2:] if old else None}")
        return 1 if differ else 0
    if args.out == "-":
        print(render(rows))
        return 0
    if args.families:  # some rows: replace those, keep the others
        merged = {row.family: row for row in parse(Path(args.out).read_text(encoding="utf-8"))}
        merged.update({row.family: row for row in rows})
        rows = [merged[name] for name in BUILDERS if name in merged]
    write_doc(rows, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
