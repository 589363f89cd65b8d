"""What every tiny family builder shares: tokenizers trained here on a fixed corpus (specials first,
so their ids are stable), chat-template pieces, tiny text-model configs, and saving in the hub's
layout (`save_pretrained` of the model and of the family's real processor class, or, where a part of
the processor needs a package this machine lacks, the processor files written as the hub has them).

Notes that apply to every builder: decoder LMs get untied embeddings (tied random embeddings make a
tiny LM emit only newlines); generation configs are saved with `_from_model_config = False`, so
loading keeps them; dims are tiny (hidden 16-64, 1-2 layers), so each model builds in seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

SEED = 0
WINDOW = 2  # seconds in a whisper-style feature window; the encoders' positions are sized to match

CORPUS = [
    "the quick brown fox jumps over the lazy dog",
    "what is the emotion of the speaker? answer with one word: happy, sad, angry, neutral",
    "transcribe the audio. is the speaker male or female? yes no",
    "Is the note in this clip high or low? Answer high or low. tone or noise",
    "Listen to the recording and say which digit is spoken.",
    "zero one two three four five six seven eight nine",
    "Transcribe the speech into text. Write down exactly what the speaker says.",
    "system user assistant You are a helpful assistant. model",
    "system",
    "user",
    "assistant",
    "model",
] * 4


# -- tokenizers ------------------------------------------------------------------------------------
def byte_bpe(specials: list[str], vocab_size: int = 500):
    """A `tokenizers.Tokenizer`: byte-level BPE trained on the corpus, specials first."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(dict.fromkeys(specials)),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(CORPUS, trainer)
    return tokenizer


def metaspace_bpe(specials: list[str], vocab_size: int = 500):
    """A sentencepiece-style BPE (spaces as U+2581), for tokenizer classes that normalise that way."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE(unk_token=specials[0] if specials else None))
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="\u2581", prepend_scheme="never", split=False
    )
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="never", split=False)
    alphabet = sorted(set("".join(CORPUS).replace(" ", "\u2581")) | {"\u2581", "\n"})
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(dict.fromkeys(specials)),
        initial_alphabet=alphabet,
        show_progress=False,
    )
    tokenizer.train_from_iterator([line.replace(" ", "\u2581") for line in CORPUS], trainer)
    return tokenizer


def vocab_and_merges(tokenizer) -> tuple[dict[str, int], list[tuple[str, str]]]:
    state = json.loads(tokenizer.model.__getstate__())
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in state["merges"]]
    return tokenizer.get_vocab(), merges


def _register(tokenizer, everything: list[str], base: tuple):
    tokenizer.add_special_tokens({"additional_special_tokens": [t for t in everything if t not in base]})
    return tokenizer


def qwen_tokenizer(specials: list[str], **named):
    """Qwen2Tokenizer (what every Qwen-based audio LM publishes)."""
    from transformers import Qwen2Tokenizer

    everything = list(
        dict.fromkeys(["<|endoftext|>", "<|im_start|>", "<|im_end|>", *specials, *named.values()])
    )
    vocab, merges = vocab_and_merges(byte_bpe(everything))
    return _register(Qwen2Tokenizer(vocab=vocab, merges=merges, **named), everything, ("<|endoftext|>",))


def generic_tokenizer(
    specials: list[str], bos=None, eos=None, pad=None, unk=None, spm: bool = False, **named
):
    """transformers' generic fast tokenizer (`TokenizersBackend`) over a byte-level BPE, or over a
    sentencepiece-style one (`spm=True`)."""
    from transformers import TokenizersBackend

    base = tuple(t for t in (unk, pad, eos, bos) if t)
    everything = list(dict.fromkeys([*base, *specials, *named.values()]))
    raw = metaspace_bpe(everything) if spm else byte_bpe(everything)
    tokenizer = TokenizersBackend(
        tokenizer_object=raw, bos_token=bos, eos_token=eos, pad_token=pad, unk_token=unk, **named
    )
    return _register(tokenizer, everything, base)


def gemma_tokenizer(specials: list[str], **named):
    from transformers import GemmaTokenizer

    base = ("<unk>", "<pad>", "<eos>", "<bos>", "<mask>")
    everything = list(dict.fromkeys([*base, *specials, *named.values()]))
    vocab, merges = vocab_and_merges(metaspace_bpe(everything))
    return _register(GemmaTokenizer(vocab=vocab, merges=merges, **named), everything, base)


def token_ids(tokenizer, **fields: str) -> dict[str, int]:
    """Config fields that hold token ids, given by token: token_ids(tokenizer, audio_token_id="<|AUDIO|>")."""
    return {field: ids(tokenizer, token) for field, token in fields.items()}


def whisper_encoder(**more) -> dict:
    """A tiny Whisper-style audio encoder config over 128 mel bins."""
    return dict(
        num_mel_bins=128, encoder_layers=1, encoder_attention_heads=2, encoder_ffn_dim=32, d_model=16, **more
    )


def ids(tokenizer, token: str) -> int:
    value = tokenizer.convert_tokens_to_ids(token)
    assert value is not None and (value != tokenizer.unk_token_id or token == tokenizer.unk_token), token
    return value


# -- chat templates ----------------------------------------------------------------------------------
def parts(audio: str, image: str = "", text: str = "{{ part['text'] }}") -> str:
    """The loop over a message's content parts (string content printed as it is)."""
    return (
        "{% if message['content'] is string %}{{ message['content'] }}{% else %}"
        "{% for part in message['content'] %}{% if part['type'] == 'audio' %}"
        + audio
        + ("{% elif part['type'] == 'image' %}" + image if image else "")
        + "{% elif part['type'] == 'text' %}"
        + text
        + "{% endif %}{% endfor %}{% endif %}"
    )


def chatml(audio: str, system: str | None = None, numbered: str = "") -> str:
    """ChatML with each audio part rendered as `audio` (after `numbered`, which may print the
    clip's number `ns.n`), and a default system turn when the family publishes one."""
    default = (
        "{% if messages[0]['role'] != 'system' %}<|im_start|>system\n" + system + "<|im_end|>\n{% endif %}"
        if system
        else ""
    )
    return (
        "{% set ns = namespace(n=0) %}"
        + default
        + "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
        + parts("{% set ns.n = ns.n + 1 %}" + numbered + audio)
        + "<|im_end|>\n{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )


# -- configs and saving ------------------------------------------------------------------------------
def small_llm(model_type: str | None, vocab_size: int, eos, pad=None, bos=None, **more) -> dict:
    """A tiny decoder LM text config with untied embeddings (no model_type when None); `more` adds
    or overrides fields."""
    config = dict(
        vocab_size=vocab_size,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=8,
        max_position_embeddings=1024,
        eos_token_id=eos,
        pad_token_id=first(eos) if pad is None else pad,
        bos_token_id=first(eos) if bos is None else bos,
        tie_word_embeddings=False,
    )
    config.update(more)
    if model_type:
        config["model_type"] = model_type
    return config


def first(value):
    return value[0] if isinstance(value, (list, tuple)) else value


def whisper_features(mels: int = 128, seconds: int = WINDOW, **more):
    from transformers import WhisperFeatureExtractor

    return WhisperFeatureExtractor(feature_size=mels, chunk_length=seconds, sampling_rate=16_000, **more)


def seeded(make, config):
    import torch

    torch.manual_seed(SEED)
    return make(config).eval()


def finish_generation(model, eos=None, pad=None, bos=None, decoder_start=None, **more) -> None:
    """The generation config the family publishes (stop and pad ids), kept as saved on load."""
    generation = model.generation_config
    generation._from_model_config = False
    for key, value in dict(
        eos_token_id=eos, pad_token_id=pad, bos_token_id=bos, decoder_start_token_id=decoder_start, **more
    ).items():
        if value is not None or key in more:
            setattr(generation, key, value)


def save(folder: Path, model, processor) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


def save_processor_parts(
    folder: Path, processor_class: str, tokenizer, chat_template: str | None, **parts
) -> None:
    """The processor files as `save_pretrained` lays them out (processor_config.json holding every
    sub-processor, the tokenizer files, chat_template.jinja), written without building the processor:
    for families whose image or video processor needs torchvision. A part is an object with
    `to_dict()` or the dict the hub holds."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config = {"processor_class": processor_class}
    for name, part in parts.items():
        config[name] = part if isinstance(part, (dict, int, float, str)) else part.to_dict()
    (folder / "processor_config.json").write_text(json.dumps(config, indent=2, sort_keys=True, default=str))
    tokenizer.save_pretrained(folder)
    if chat_template:
        (folder / "chat_template.jinja").write_text(chat_template)


def save_model_and_parts(
    folder: Path, model, processor_class: str, tokenizer, chat_template, **parts
) -> Path:
    folder = Path(folder)
    model.save_pretrained(folder)
    save_processor_parts(folder, processor_class, tokenizer, chat_template, **parts)
    return folder
