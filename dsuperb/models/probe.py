"""The load-time check of a transformers adapter: before the first batch, build the model inputs of
one probe request (a 1 s tone and a short instruction) the way every sample will be built. A model
that cannot lay out audio plus an instruction stops there, with one line that says why and what to
use instead, rather than failing every sample of the run."""

from __future__ import annotations

import numpy as np

from ..errors import ModelError
from ..infra.errortext import first_line
from ..vocab.inputs import SAMPLING_RATE
from .base import Request

PROBE_INSTRUCTION = "Is this a tone or a voice? Answer in one word."
# inputs that only carry text: a layout with nothing else left the audio out
TEXT_ONLY_KEYS = {"input_ids", "attention_mask", "token_type_ids", "position_ids", "decoder_input_ids",
                  "decoder_attention_mask"}


def probe_request() -> Request:
    t = np.arange(SAMPLING_RATE) / SAMPLING_RATE
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    return Request.of("probe", "probe", PROBE_INSTRUCTION, audios=(tone,))


def alternatives(spec: str) -> str:
    return ("a speech recogniser can answer as the first stage of a cascade "
            f"(--model cascade:{spec}+<text model>); "
            "a chat template kept elsewhere can be given with --model-option chat_template=<file.jinja>; "
            "any other model needs its own adapter (--model package.module:Class)")


def check_layout(model) -> dict:
    """Build the probe's inputs with `model.build_inputs`; ModelError when that fails or when the
    inputs hold nothing but text. Returns what the run card should know about the layout (empty
    when the instruction reaches the prompt as it should)."""
    try:
        inputs = model.build_inputs([probe_request()])
    except ModelError as error:
        raise ModelError(f"{error}; {alternatives(model.name)}") from error
    except Exception as error:  # noqa: BLE001 - the processor's own failure, as one line
        reason = f"{type(error).__name__}: {first_line(error)}"
        raise ModelError(f"{model.name}: cannot lay out audio and an instruction ({reason}); "
                         f"{alternatives(model.name)}") from error
    keys = set(dict(inputs))
    if keys <= TEXT_ONLY_KEYS:
        raise ModelError(f"{model.name}: its chat template leaves the audio out of the prompt (the inputs "
                         f"hold only {', '.join(sorted(keys))}); {alternatives(model.name)}")
    if "input_ids" in keys and not _mentions_instruction(model.tokenizer, inputs["input_ids"][0]):
        return {"instruction": "not in the prompt (the model's chat template has no place for it)"}
    return {}


def _mentions_instruction(tokenizer, input_ids) -> bool:
    """Whether the probe's instruction is in the rendered prompt (spacing aside: tokenizers differ)."""
    decode = getattr(tokenizer, "decode", None)
    if decode is None:
        return True  # nothing to read the prompt back with: assume it is there
    text = decode(input_ids, skip_special_tokens=False)
    return "".join(PROBE_INSTRUCTION.split()) in "".join(str(text).split())
