"""Model settings: the few every backend honours, and each backend's own options dataclass.

`CommonOptions` (batch size, max new tokens, seed) goes to every model. Everything else is a
backend's own: it declares a frozen dataclass of fields with defaults and help, and the user fills
it with `--model-option key=value` (or a shorthand flag such as `--dtype`). Unknown keys are an
error listing the known ones, so a typo never silently does nothing. A field marked
`scored=False` (device, timeouts, concurrency) changes speed, not answers: the run card records
it under `execution` and a run may resume with another value.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from dataclasses import dataclass

from ..errors import ModelError

AUTO = "auto"


def option(default, help: str, scored: bool = True):
    """A backend option: its default, one line of help, and whether it can change answers."""
    return dataclasses.field(default=default, metadata={"help": help, "scored": scored})


@dataclass(frozen=True)
class CommonOptions:
    """What every backend honours."""

    batch_size: int | str = 1  # or "auto": the largest size that fits (backends that batch)
    max_new_tokens: int = 256
    seed: int = 0


@dataclass(frozen=True)
class NoOptions:
    """A backend without settings of its own (the baselines)."""


def known_keys(options_class) -> list[str]:
    return [f.name for f in dataclasses.fields(options_class)]


def parse_options(options_class, raw: dict[str, str], owner: str):
    """Fill `options_class` from text values; ModelError for an unknown key or a bad value."""
    known = {f.name: f for f in dataclasses.fields(options_class)}
    values = {}
    for key, text in raw.items():
        if key not in known:
            raise ModelError(unknown_option_message(key, list(known), owner))
        values[key] = _convert(text, known[key], owner)
    return options_class(**values)


def unknown_option_message(key: str, known: list[str], owner: str) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}? " if close else ""
    listing = ", ".join(known) if known else "none"
    return f"{owner}: unknown model option {key!r}; {hint}its options are: {listing}"


def split_options(options) -> tuple[dict, dict]:
    """(answer-changing settings, execution-only settings) of an options dataclass, as plain values."""
    scored, execution = {}, {}
    for f in dataclasses.fields(options):
        target = scored if f.metadata.get("scored", True) else execution
        target[f.name] = getattr(options, f.name)
    return scored, execution


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _convert(text, field: dataclasses.Field, owner: str):
    """A text value as the field's type (bool, int, float, str, or None for 'none'/'null')."""
    if not isinstance(text, str):
        return text  # given programmatically, already typed
    kinds = _types(field)
    value = text.strip()
    if type(None) in kinds and value.lower() in ("", "none", "null"):
        return None
    for kind in kinds:
        if kind is bool:
            if value.lower() in _TRUE | _FALSE:
                return value.lower() in _TRUE
        elif kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                continue
        elif kind is str:
            return value
    wanted = " or ".join(k.__name__ for k in kinds if k is not type(None))
    raise ModelError(f"{owner}: model option {field.name}={text!r} is not a {wanted}")


def _types(field: dataclasses.Field) -> tuple:
    hint = field.type
    if isinstance(hint, str):  # postponed annotations: resolve the few builtins options use
        names = {"int": int, "float": float, "str": str, "bool": bool, "None": type(None)}
        return tuple(names[part.strip()] for part in hint.split("|") if part.strip() in names) or (str,)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return typing.get_args(hint)
    return (hint,)
