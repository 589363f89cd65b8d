"""What a transformers model needs that this machine lacks or the user has not allowed, as one line
that says what to do: a package (and the dsuperb extra that brings it), or the model's own code
(`--trust-remote-code`).

Families known to need a package are checked from the config alone, before any weights are
downloaded; a package transformers itself reports missing later (while building a processor or
the model) gets the same line.
"""

from __future__ import annotations

import importlib.util
import re

from ..errors import ModelError

# package (as imported) -> (what pip calls it, the dsuperb extra that installs it)
PACKAGES = {
    "torchvision": ("torchvision", "omni"),
    "timm": ("timm", "omni"),
    "torchaudio": ("torchaudio", "omni"),
    "peft": ("peft", "omni"),
    "mistral_common": ("mistral-common", "models"),
    "sentencepiece": ("sentencepiece", "models"),
}
# config.model_type -> (family name, packages it cannot run without, why)
FAMILY_NEEDS = {
    "gemma3n": ("Gemma-3n", ("timm",), "its vision tower is a timm model, built even for audio"),
    "granite_speech": ("Granite-speech", ("torchaudio", "peft"),
                       "its feature extractor is torchaudio's; its audio LoRA needs peft"),
    "granite_speech_plus": ("Granite-speech-plus", ("torchaudio", "peft"),
                            "its feature extractor is torchaudio's; its audio LoRA needs peft"),
    "fun_asr_nano": ("Fun-ASR-Nano", ("torchaudio",), "its feature extractor is torchaudio's"),
    "voxtral": ("Voxtral", ("mistral_common",), "mistral-common lays out its conversations"),
    "voxtral_realtime": ("Voxtral Realtime", ("mistral_common",), "mistral-common builds its requests"),
    "speech_to_text": ("Speech2Text", ("sentencepiece",), "its tokenizer is a sentencepiece model"),
    "speecht5": ("SpeechT5", ("sentencepiece",), "its tokenizer is a sentencepiece model"),
}
# how transformers says a package is missing ("... requires the torchaudio library but it was not found")
_REQUIRES = re.compile(r"requires the (\w[\w-]*) library", re.IGNORECASE)
_NAMES = {**{package: package for package in PACKAGES}, "mistral-common": "mistral_common"}

REMOTE_CODE_HINT = ("it ships its own Python code (its config names it in auto_map); --trust-remote-code "
                    "lets dsuperb import and run that code, downloaded from the model's repository, on this "
                    "machine: give it only for a repository you trust")


def installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def install_hint(packages: list[str]) -> str:
    pip_names = " ".join(PACKAGES.get(p, (p,))[0] for p in packages)
    extras = {PACKAGES[p][1] for p in packages if p in PACKAGES}
    if "omni" in extras:
        return (f"pip install 'dsuperb[omni]' (or {pip_names}) where torch has matching torchvision and "
                "torchaudio builds")
    if extras:
        return f"pip install 'dsuperb[{extras.pop()}]' (or {pip_names})"
    return f"pip install {pip_names}"


def check_family(spec: str, model_type: str) -> None:
    """Stop before loading anything when the family needs a package that is not installed."""
    family, packages, why = FAMILY_NEEDS.get(model_type, (None, (), ""))
    missing = [package for package in packages if not installed(package)]
    if missing:
        names = " and ".join(PACKAGES.get(p, (p,))[0] for p in missing)
        verb = "is" if len(missing) == 1 else "are"
        raise ModelError(f"{spec}: {family} needs {names} ({why}), which {verb} not installed: "
                         f"{install_hint(missing)}")


def missing_package(error: BaseException) -> str | None:
    """The package a transformers error says is missing (its import name), if it names one."""
    text = f"{error}"
    match = _REQUIRES.search(text)
    if match:
        return _NAMES.get(match.group(1).lower(), match.group(1))
    if isinstance(error, ModuleNotFoundError) and error.name:
        return error.name.split(".")[0]
    return None


def needs_remote_code(error: BaseException) -> bool:
    return "trust_remote_code" in f"{error}"


def explain(spec: str, error: BaseException, what: str) -> ModelError | None:
    """A one-line ModelError for a loading failure caused by a missing package or by custom code
    the user has not allowed; None when the failure is something else."""
    if needs_remote_code(error):
        return ModelError(f"{spec}: cannot load {what} without --trust-remote-code: {REMOTE_CODE_HINT}")
    package = missing_package(error)
    if package:
        return ModelError(f"{spec}: cannot load {what}: it needs {PACKAGES.get(package, (package,))[0]}, "
                          f"which is not installed: {install_hint([package])}")
    return None
