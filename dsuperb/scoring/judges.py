"""Judge specs -> judges: `embedded` (default), `openai:<model>`, `hf:<model id or folder>`, and
`rules+openai:<model>` / `rules+hf:<model>` (the rules first, the LLM only where they are unsure)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import JudgeError
from .judge_base import Judge

DEFAULT_JUDGE = "embedded"


class JudgeSpecError(JudgeError):
    """A judge spec that names no known judge (a user's mistake: the message says what is accepted)."""


def make_judge(spec: str | None = None, cache_dir: Path | str | None = None, **options) -> Judge:
    """Build the judge a spec names. LLM judges cache verdicts under `cache_dir`
    (default `$DSUPERB_CACHE_DIR/judge` or `~/.cache/dsuperb/judge`)."""
    kind, name = parse_judge_spec(spec)
    if kind == "embedded":
        from .judge_embedded import EmbeddedJudge

        return EmbeddedJudge()
    if kind.startswith("rules+"):
        from .judge_combined import RulesThenLLM

        return RulesThenLLM(make_judge(f"{kind[len('rules+'):]}:{name}", cache_dir, **options))
    if kind == "openai":
        from .judge_http import HttpJudge

        return HttpJudge(name, cache_dir=_cache_dir(cache_dir), **options)
    from .judge_hf import TransformersJudge

    return TransformersJudge(name, cache_dir=_cache_dir(cache_dir), **options)


def parse_judge_spec(spec: str | None) -> tuple[str, str]:
    """("embedded" | "openai" | "hf" | "rules+openai" | "rules+hf", model name) for a spec;
    JudgeSpecError when it names no judge.
    Cheap: lets a command reject a mistyped --judge before it reads or scores anything."""
    spec = (spec or DEFAULT_JUDGE).strip()
    if spec.startswith(("rules+", "embedded+")):
        inner_kind, inner_name = parse_judge_spec(spec.partition("+")[2])
        if inner_kind in ("openai", "hf"):
            return f"rules+{inner_kind}", inner_name
        raise JudgeSpecError(f"unknown judge '{spec}': rules+ takes an LLM judge, 'rules+openai:<model>' or "
                             f"'rules+hf:<model id or folder>'")
    kind, _, name = spec.partition(":")
    name = name.strip()
    if kind == "embedded" and not name:
        return "embedded", ""
    if kind in ("openai", "http") and name:
        return "openai", name
    if kind in ("hf", "transformers") and name:
        return "hf", name
    raise JudgeSpecError(f"unknown judge '{spec}': expected 'embedded', 'openai:<model>', "
                         f"'hf:<model id or folder>', or 'rules+' before either")


def _cache_dir(cache_dir) -> Path | None:
    if cache_dir is not None:
        return Path(cache_dir)
    if os.environ.get("DSUPERB_JUDGE_CACHE") == "off":
        return None
    root = os.environ.get("DSUPERB_CACHE_DIR") or Path.home() / ".cache" / "dsuperb"
    return Path(root) / "judge"
