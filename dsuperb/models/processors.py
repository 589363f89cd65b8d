"""A hub model's processor: `AutoProcessor`, or, where that fails because an image or video part
needs torchvision or timm (an audio run never uses them), the same processor class built from the
tokenizer and the audio feature extractor alone.

Multimodal processors (Qwen-Omni, Gemma 4, Phi-4-multimodal, ...) hold a video processor, which
always needs torchvision, or an image processor without a PIL variant; their audio path needs
neither. The audio-only processor keeps everything the audio path reads: the tokenizer, the
feature extractor, the chat template and the processor's own scalar settings (tokens per second
of audio and the like) from processor_config.json.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from ..errors import ModelError
from ..infra.errortext import first_line
from . import needs

# what `save_pretrained` writes for a processor that has an audio feature extractor
PROCESSOR_FILES = ("preprocessor_config.json", "processor_config.json")
VISION_PACKAGES = ("torchvision", "timm")
AUDIO_PARTS = ("feature_extractor", "audio_processor")
AUDIO_ONLY_NOTE = "audio-only (tokenizer + feature extractor; its image/video parts need torchvision)"


def load_processor(spec: str, revision: str | None, trust_remote_code: bool, model_type: str = ""):
    """(processor, note): the note says when the processor was built audio-only."""
    from transformers import AutoProcessor

    try:
        processor = AutoProcessor.from_pretrained(spec, revision=revision,
                                                  trust_remote_code=trust_remote_code)
        return processor, None
    except Exception as error:  # noqa: BLE001 - every loading failure becomes one user-facing line
        failure = error
    if _needs_vision_package(failure):
        try:
            return audio_only_processor(spec, revision, trust_remote_code, model_type), AUDIO_ONLY_NOTE
        except Exception as error:  # noqa: BLE001
            raise ModelError(f"{spec}: its processor needs torchvision, and an audio-only processor could "
                             f"not be built: {first_line(error)}; "
                             f"{needs.install_hint(['torchvision'])}") from error
    explained = needs.explain(spec, failure, "its processor")
    if explained:
        raise explained from failure
    folder = Path(spec)
    if folder.is_dir() and not any((folder / name).is_file() for name in PROCESSOR_FILES):
        raise ModelError(
            f"{spec}: the folder holds no audio processor ({' or '.join(PROCESSOR_FILES)}); save it beside "
            "the weights (processor.save_pretrained) or copy it from the model's hub repository") from failure
    raise ModelError(f"{spec}: cannot load its processor: {first_line(failure)}") from failure


def _needs_vision_package(error: BaseException) -> bool:
    """AutoProcessor failed on an image or video part: a vision package is missing, or (what it
    says when an image processor has no variant without torchvision) no image processor loads."""
    if needs.missing_package(error) in VISION_PACKAGES:
        return True
    text = f"{error}"
    return "Could not load any image processor" in text or "torchvision" in text.lower()


def audio_only_processor(spec: str, revision: str | None, trust_remote_code: bool, model_type: str = ""):
    """The model's processor class with only its tokenizer and audio feature extractor."""
    import transformers
    from transformers import AutoFeatureExtractor, AutoTokenizer

    settings = _processor_settings(spec, revision)
    name = processor_class_name(spec, revision, settings, model_type)
    base = getattr(transformers, name, None) if name else None
    if base is None:
        raise ModelError(f"{spec}: no processor class transformers knows is named for it ({name})")

    class AudioOnly(base):  # accepts None for the parts that cannot be built here
        def check_argument_for_proper_class(self, argument_name, argument):
            if argument is None:
                return None
            return super().check_argument_for_proper_class(argument_name, argument)

    AudioOnly.__name__ = AudioOnly.__qualname__ = base.__name__
    loading = dict(revision=revision, trust_remote_code=trust_remote_code)
    tokenizer = AutoTokenizer.from_pretrained(spec, **loading)
    extractor = AutoFeatureExtractor.from_pretrained(spec, **loading)
    parts = {attribute: None for attribute in base.get_attributes()}
    parts["tokenizer"] = tokenizer
    for attribute in AUDIO_PARTS:
        if attribute in parts:
            parts[attribute] = extractor
    accepted = inspect.signature(base.__init__).parameters
    scalars = {key: value for key, value in settings.items()
               if key in accepted and key not in parts and not isinstance(value, (dict, list))}
    template = _hub_text(spec, "chat_template.jinja", revision) or tokenizer.chat_template
    return AudioOnly(**parts, **scalars, chat_template=template)


def _processor_settings(spec: str, revision: str | None) -> dict:
    text = _hub_text(spec, "processor_config.json", revision)
    return json.loads(text) if text else {}


def processor_class_name(spec: str, revision: str | None, settings: dict, model_type: str) -> str | None:
    """Where checkpoints name their processor class: processor_config.json, else (older layouts)
    preprocessor_config.json or tokenizer_config.json, else transformers' own table by model type."""
    if settings.get("processor_class"):
        return settings["processor_class"]
    for name in ("preprocessor_config.json", "tokenizer_config.json"):
        text = _hub_text(spec, name, revision)
        if text and json.loads(text).get("processor_class"):
            return json.loads(text)["processor_class"]
    from transformers.models.auto.processing_auto import PROCESSOR_MAPPING_NAMES

    return PROCESSOR_MAPPING_NAMES.get(model_type)


def _hub_text(spec: str, name: str, revision: str | None) -> str | None:
    """A file of the model's folder or hub repository (from the cache when offline), or None."""
    from transformers.utils.hub import cached_file

    try:
        path = cached_file(spec, name, revision=revision, _raise_exceptions_for_missing_entries=False)
    except Exception:  # noqa: BLE001 - absent or unreachable: the caller has a fallback
        return None
    return Path(path).read_text(encoding="utf-8") if path else None
