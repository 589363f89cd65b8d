"""Model adapters by name, imported only when asked for (so `--help` imports no torch)."""

from __future__ import annotations

import importlib

from .base import Model, ModelError, ModelOptions

# prefix or exact name -> "module:Class"; anything unmatched is a hub id or local folder
BUILTIN = {
    "random": "dsuperb.models.baselines:RandomModel",
    "majority": "dsuperb.models.baselines:MajorityModel",
    "null": "dsuperb.models.baselines:NullModel",
}
PREFIXED = {
    "openai": "dsuperb.models.openai_chat:OpenAIChatModel",
    "cascade": "dsuperb.models.cascade:CascadeModel",
}
TRANSFORMERS = "dsuperb.models.transformers_generic:load_transformers_model"


def _import(target: str):
    module_name, attribute = target.split(":")
    return getattr(importlib.import_module(module_name), attribute)


def load_model(spec: str, options: ModelOptions | None = None) -> Model:
    """`random`, `majority`, `null`, `openai:<name>`, `cascade:<asr>+<llm>`, or a hub id / folder."""
    options = options or ModelOptions()
    if spec in BUILTIN:
        return _import(BUILTIN[spec])(options)
    prefix, _, rest = spec.partition(":")
    if rest and prefix in PREFIXED:
        return _import(PREFIXED[prefix])(rest, options)
    if not spec.strip():
        raise ModelError("no model given")
    return _import(TRANSFORMERS)(spec, options)
