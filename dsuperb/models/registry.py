"""Model adapters by name, imported only when asked for (so `--help` imports no torch)."""

from __future__ import annotations

import importlib
import re

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
# `package.module:Class`: a model defined outside dsuperb (a lab's own adapter, a test's model)
CLASS_PATH = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")


def _import(target: str):
    module_name, attribute = target.split(":")
    return getattr(importlib.import_module(module_name), attribute)


def load_model(spec: str, options: ModelOptions | None = None) -> Model:
    """`random`, `majority`, `null`, `openai:<name>`, `cascade:<asr>+<llm>`, `module:Class`, or a hub
    id / folder."""
    options = options or ModelOptions()
    if spec in BUILTIN:
        return _import(BUILTIN[spec])(options)
    prefix, _, rest = spec.partition(":")
    if rest and prefix in PREFIXED:
        return _import(PREFIXED[prefix])(rest, options)
    if not spec.strip():
        raise ModelError("no model given")
    if CLASS_PATH.match(spec):
        return _load_class(spec, options)
    return _import(TRANSFORMERS)(spec, options)


def _load_class(spec: str, options: ModelOptions) -> Model:
    """`module:Class`, called with the options like the built-in models."""
    module_name, attribute = spec.split(":")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # missing, or failing at import: either way the user's module
        raise ModelError(f"model {spec}: cannot import {module_name} ({type(exc).__name__}: {exc})") from None
    factory = getattr(module, attribute, None)
    if factory is None:
        raise ModelError(f"model {spec}: {module_name} has no model class {attribute}")
    if not (isinstance(factory, type) and issubclass(factory, Model)):
        raise ModelError(f"model {spec}: {attribute} is not a dsuperb.models.base.Model")
    try:
        return factory(options)
    except ModelError:
        raise
    except Exception as exc:  # the user's constructor (weights not found, bad option, ...)
        raise ModelError(f"model {spec}: {attribute}() failed ({type(exc).__name__}: {exc})") from None
