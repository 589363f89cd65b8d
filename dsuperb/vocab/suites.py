"""The benchmark suites a task card may belong to (`suite:`), held equal to the card schema's enum
by a test. A card without the field belongs to Dynamic-SUPERB Phase 2. `dsuperb eval` without
named tasks runs that suite only; `--suite NAME` (or `--suite all`) chooses another."""

from __future__ import annotations

PHASE2 = "dynamic-superb-phase2"
ALL = "all"

# name -> what it is (the one line `dsuperb list --suite` and the report show)
SUITES: dict[str, str] = {
    PHASE2: "Dynamic-SUPERB Phase 2: instruction-following tasks over speech, music and audio "
            "(arXiv 2411.05361)",
    "sakura": "SAKURA: single- and multi-hop reasoning over speaker, language, emotion and animal "
              "attributes (arXiv 2505.13237)",
    "mugen": "MUGEN: multi-audio understanding, five candidate clips per question (arXiv 2603.09714)",
}


def check_suite(name: str) -> str | None:
    """Why `name` is not a suite to select (None when it is one, or `all`)."""
    if name == ALL or name in SUITES:
        return None
    return f"--suite {name!r} is not one of: {', '.join([*SUITES, ALL])}"
