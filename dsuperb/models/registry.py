"""Model adapters by name, imported only when asked for (so `--help` imports no torch).

A spec is a built-in name (`random`, `majority`, `null`), a prefixed backend (`openai:<name>`,
`cascade:<asr>+<llm>`), a `package.module:Class` of the user's, or anything else: a hub id or
local folder for transformers, which picks a family adapter by the config's `model_type`.
"""

from __future__ import annotations

import difflib
import importlib
import re
from pathlib import Path

from ..errors import ModelError
from .base import Model
from .options import CommonOptions, parse_options

# exact name -> "module:Class"
BUILTIN = {
    "random": "dsuperb.models.baselines:RandomModel",
    "majority": "dsuperb.models.baselines:MajorityModel",
    "null": "dsuperb.models.baselines:NullModel",
}
# prefix before ":" -> "module:Class"
PREFIXED = {
    "openai": "dsuperb.models.openai_chat:OpenAIChatModel",
    "cascade": "dsuperb.models.cascade:CascadeModel",
}
TRANSFORMERS = "dsuperb.models.transformers_generic:load_transformers_model"
_FAMILY = "dsuperb.models.families."
_ASR = _FAMILY + "speech_to_text:SpeechToTextModel"
_JOINED = _FAMILY + "joined_audio:JoinedAudioModel"
_OMNI = _FAMILY + "omni:OmniModel"
_GRANITE = _FAMILY + "granite_speech:GraniteSpeechModel"
# config.model_type -> "module:Class": families the generic transformers adapter cannot serve
# (docs/models.md lists every family and the adapter that runs it)
FAMILIES = {
    "qwen2_audio": _FAMILY + "qwen2_audio:Qwen2AudioModel",
    "whisper": _FAMILY + "whisper:WhisperModel",
    **dict.fromkeys(("audioflamingo3", "musicflamingo", "glmasr", "qwen3_asr", "omniasr", "fun_asr_nano"),
                    _JOINED),
    **dict.fromkeys(("moonshine", "moonshine_streaming", "speech_to_text", "speecht5", "seamless_m4t",
                     "seamless_m4t_v2", "cohere_asr", "canary", "kyutai_speech_to_text", "voxtral_realtime"),
                    _ASR),
    **dict.fromkeys(("qwen2_5_omni", "qwen2_5_omni_thinker", "qwen3_omni_moe", "qwen3_omni_moe_thinker"),
                    _OMNI),
    **dict.fromkeys(("granite_speech", "granite_speech_plus"), _GRANITE),
    "voxtral": _FAMILY + "voxtral:VoxtralModel",
    "vibevoice_asr": _FAMILY + "vibevoice_asr:VibeVoiceAsrModel",
}
GENERIC_FAMILY = "dsuperb.models.transformers_generic:TransformersModel"
# `package.module:Class`: a model defined outside dsuperb (a lab's own adapter, a test's model)
CLASS_PATH = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")


def import_target(target: str):
    module_name, attribute = target.split(":")
    return getattr(importlib.import_module(module_name), attribute)


def family_class(model_type: str):
    """The adapter class for a transformers config's model type (the generic one by default)."""
    return import_target(FAMILIES.get(model_type, GENERIC_FAMILY))


def load_model(spec: str, common: CommonOptions | None = None, raw_options: dict | None = None) -> Model:
    """Build the model a spec names, its own options filled from `raw_options` (key -> text)."""
    common = common or CommonOptions()
    raw = dict(raw_options or {})
    if not spec.strip():
        raise ModelError("no model given")
    if spec in BUILTIN:
        cls = import_target(BUILTIN[spec])
        return cls(common, parse_options(cls.Options, raw, spec))
    prefix, _, rest = spec.partition(":")
    if rest and prefix in PREFIXED:
        cls = import_target(PREFIXED[prefix])
        return cls(rest, common, raw)
    if CLASS_PATH.match(spec):
        return _load_class(spec, common, raw)
    _refuse_near_builtin(spec)
    return import_target(TRANSFORMERS)(spec, common, raw)


def _refuse_near_builtin(spec: str) -> None:
    """`randum` is a typo of a built-in name, not a hub id to try: say so before any download."""
    if "/" in spec or Path(spec).expanduser().exists():
        return
    names = list(BUILTIN) + [f"{prefix}:<name>" for prefix in PREFIXED]
    close = difflib.get_close_matches(spec.lower(), list(BUILTIN), n=1, cutoff=0.6)
    if close:
        raise ModelError(f"no model {spec!r}: did you mean {close[0]}? (built-in models: {', '.join(names)}; "
                         "otherwise give a hub id such as org/name, or a local folder)")


def _load_class(spec: str, common: CommonOptions, raw: dict) -> Model:
    """`module:Class`, called with the common options and its own filled options."""
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
    options = parse_options(factory.Options, raw, spec)
    try:
        return factory(common, options)
    except ModelError:
        raise
    except Exception as exc:  # the user's constructor (weights not found, bad option, ...)
        raise ModelError(f"model {spec}: {attribute}() failed ({type(exc).__name__}: {exc})") from None
