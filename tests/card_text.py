"""The head of a valid task card, for tests that write cards to exercise one field."""

from __future__ import annotations

import yaml

HEAD = {"description": "The model hears a clip and says which of two things it is.", "domains": ["speech"],
        "category": "speaker", "type": "classification", "metric": "llm_classification",
        "keywords": ["example"], "license": "cc-by-4.0"}


def card_head(name: str) -> str:
    """`name:` and the task fields every card needs, as YAML text; `instances:` is the caller's."""
    return yaml.safe_dump({"name": name, **HEAD}, sort_keys=False, width=200, default_flow_style=None)
