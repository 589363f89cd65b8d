"""Judge specs -> judges: `embedded` (default), `openai:<model>`, `hf:<model id or folder>`."""

from __future__ import annotations

import os
from pathlib import Path

from .judge_base import Judge

DEFAULT_JUDGE = "embedded"


class JudgeSpecError(ValueError):
    """A judge spec that names no known judge (a user's mistake: the message says what is accepted)."""


def make_judge(spec: str | None = None, cache_dir: Path | str | None = None, **options) -> Judge:
    """Build the judge a spec names. LLM judges cache verdicts under `cache_dir`
    (default `$DSUPERB_CACHE_DIR/judge` or `~/.cache/dsuperb/judge`)."""
    spec = (spec or DEFAULT_JUDGE).strip()
    kind, _, name = spec.partition(":")
    if kind == "embedded" and not name:
        from .judge_embedded import EmbeddedJudge

        return EmbeddedJudge()
    if kind in ("openai", "http") and name:
        from .judge_http import HttpJudge

        return HttpJudge(name, cache_dir=_cache_dir(cache_dir), **options)
    if kind in ("hf", "transformers") and name:
        from .judge_hf import TransformersJudge

        return TransformersJudge(name, cache_dir=_cache_dir(cache_dir), **options)
    raise JudgeSpecError(f"unknown judge '{spec}': expected 'embedded', 'openai:<model>' or "
                         f"'hf:<model id or folder>'")


def _cache_dir(cache_dir) -> Path | None:
    if cache_dir is not None:
        return Path(cache_dir)
    if os.environ.get("DSUPERB_JUDGE_CACHE") == "off":
        return None
    root = os.environ.get("DSUPERB_CACHE_DIR") or Path.home() / ".cache" / "dsuperb"
    return Path(root) / "judge"
