"""Audio LLMs whose processor renders a chat template: an audio encoder in front of a text LM."""

from __future__ import annotations

from pathlib import Path

from .common import (
    WINDOW,
    chatml,
    finish_generation,
    generic_tokenizer,
    ids,
    parts,
    qwen_tokenizer,
    save,
    save_model_and_parts,
    seeded,
    small_llm,
    whisper_encoder,
    whisper_features,
)

QWEN2_AUDIO_SLOT = "<|audio_bos|><|AUDIO|><|audio_eos|>\n"
QWEN2_AUDIO_TEMPLATE = chatml(
    QWEN2_AUDIO_SLOT, system="You are a helpful assistant.", numbered="Audio {{ ns.n }}: "
)


def qwen2_audio(out: Path, template: str | None = QWEN2_AUDIO_TEMPLATE) -> Path:
    """Qwen2-Audio-7B-Instruct: ChatML with its default system turn, `Audio N: <|audio_bos|><|AUDIO|>
    <|audio_eos|>` per clip; another `template`, or none (`None`, as the base model publishes)."""
    from transformers import Qwen2AudioConfig, Qwen2AudioForConditionalGeneration, Qwen2AudioProcessor

    tokenizer = qwen_tokenizer(["<|AUDIO|>", "<|audio_bos|>", "<|audio_eos|>"])
    processor = Qwen2AudioProcessor(
        feature_extractor=whisper_features(), tokenizer=tokenizer, chat_template=template
    )
    eos = ids(tokenizer, "<|endoftext|>")
    config = Qwen2AudioConfig(
        audio_config=whisper_encoder(
            model_type="qwen2_audio_encoder",
            max_source_positions=WINDOW * 50,
        ),
        text_config=small_llm("qwen2", len(tokenizer), eos),
        audio_token_index=ids(tokenizer, "<|AUDIO|>"),
    )
    model = seeded(Qwen2AudioForConditionalGeneration, config)
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=eos)
    return save(out, model, processor)


def _flamingo(out: Path, music: bool) -> Path:
    import transformers

    sound = ["<sound>", "<|sound_bos|>", "<|sound_eos|>"] if music else ["<sound>"]
    tokenizer = qwen_tokenizer(sound)
    template = chatml("<sound>")
    prefix = "MusicFlamingo" if music else "AudioFlamingo3"
    processor = getattr(transformers, prefix + "Processor")(
        feature_extractor=whisper_features(), tokenizer=tokenizer, chat_template=template
    )
    eos = ids(tokenizer, "<|endoftext|>")
    bounds = (
        dict(
            audio_bos_token_id=ids(tokenizer, "<|sound_bos|>"),
            audio_eos_token_id=ids(tokenizer, "<|sound_eos|>"),
        )
        if music
        else {}
    )
    config = getattr(transformers, prefix + "Config")(
        audio_config=dict(
            model_type="audioflamingo3_encoder",
            num_mel_bins=128,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            hidden_size=16,
            max_source_positions=WINDOW * 50,
        ),
        text_config=small_llm("qwen2", len(tokenizer), eos),
        audio_token_id=ids(tokenizer, "<sound>"),
        **bounds,
    )
    model = seeded(getattr(transformers, prefix + "ForConditionalGeneration"), config)
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=eos)
    return save(out, model, processor)


def audioflamingo3(out: Path) -> Path:
    """Audio Flamingo 3: ChatML, one `<sound>` per clip before the text (the processor expands it)."""
    return _flamingo(out, music=False)


def musicflamingo(out: Path) -> Path:
    """Music Flamingo: the AF3 encoder with rotary time embeddings; `<sound>` becomes
    `<|sound_bos|><sound>*N<|sound_eos|>`; its processor takes one audio per prompt."""
    return _flamingo(out, music=True)


def glmasr(out: Path) -> Path:
    """GLM-ASR-Nano: GLM-4 turns (`[gMASK]<sop><|user|>\\n ... <|assistant|>`), each clip in
    `<|begin_of_audio|><|pad|><|end_of_audio|>`; one audio per prompt."""
    from transformers import GlmAsrConfig, GlmAsrForConditionalGeneration, GlmAsrProcessor

    specials = [
        "[gMASK]",
        "<sop>",
        "<|system|>",
        "<|user|>",
        "<|assistant|>",
        "<|observation|>",
        "<|pad|>",
        "<|begin_of_audio|>",
        "<|end_of_audio|>",
    ]
    tokenizer = generic_tokenizer(specials, eos="<|endoftext|>", pad="<|endoftext|>")
    template = (
        "[gMASK]<sop>{% for message in messages %}<|{{ message['role'] }}|>\n"
        + parts("<|begin_of_audio|><|pad|><|end_of_audio|>\n")
        + "{% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
    )
    processor = GlmAsrProcessor(
        feature_extractor=whisper_features(), tokenizer=tokenizer, chat_template=template
    )
    eos = ids(tokenizer, "<|endoftext|>")
    stops = [eos, ids(tokenizer, "<|user|>"), ids(tokenizer, "<|observation|>")]
    config = GlmAsrConfig(
        audio_config=dict(
            model_type="glmasr_encoder",
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            max_position_embeddings=WINDOW * 50,
            num_mel_bins=128,
        ),
        text_config=small_llm("llama", len(tokenizer), stops, pad=eos, bos=eos),
        audio_token_id=ids(tokenizer, "<|pad|>"),
        tie_word_embeddings=False,
    )
    model = seeded(GlmAsrForConditionalGeneration, config)
    finish_generation(model, eos=stops, pad=eos)
    return save(out, model, processor)


def qwen3_asr(out: Path) -> Path:
    """Qwen3-ASR: optional system context, a user turn holding only the audio (user text is not
    rendered: an ASR-only template), assistant turn `language X<asr_text>...`."""
    from transformers import (
        Qwen3ASRConfig,
        Qwen3ASRFeatureExtractor,
        Qwen3ASRForConditionalGeneration,
        Qwen3ASRProcessor,
    )

    named = dict(
        audio_token="<|audio_pad|>", audio_bos_token="<|audio_start|>", audio_eos_token="<|audio_end|>"
    )
    tokenizer = qwen_tokenizer(["<asr_text>", "<timestamp>"], **named)
    user_text = "{% if message['role'] != 'user' %}{{ part['text'] }}{% endif %}"
    template = (
        "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
        + parts("<|audio_start|><|audio_pad|><|audio_end|>", text=user_text)
        + "{% if not (loop.last and continue_final_message) %}<|im_end|>\n{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    processor = Qwen3ASRProcessor(
        feature_extractor=Qwen3ASRFeatureExtractor(feature_size=128, chunk_length=WINDOW),
        tokenizer=tokenizer,
        chat_template=template,
    )
    eos, im_end = ids(tokenizer, "<|endoftext|>"), ids(tokenizer, "<|im_end|>")
    config = Qwen3ASRConfig(
        audio_config=whisper_encoder(
            model_type="qwen3_asr_encoder",
            output_dim=32,
            downsample_hidden_size=8,
            n_window=50,
            n_window_infer=800,
            max_position_embeddings=1500,
        ),
        text_config=small_llm("qwen3", len(tokenizer), [eos, im_end], pad=im_end),
        audio_token_id=ids(tokenizer, "<|audio_pad|>"),
        timestamp_token_id=ids(tokenizer, "<timestamp>"),
        pad_token_id=im_end,
        eos_token_id=[eos, im_end],
        tie_word_embeddings=False,
    )
    model = seeded(Qwen3ASRForConditionalGeneration, config)
    finish_generation(model, eos=[eos, im_end], pad=im_end)
    return save(out, model, processor)


def moss_transcribe_diarize(out: Path) -> Path:
    """MOSS-Transcribe-Diarize: whisper-style encoder + Qwen3 LM; ChatML, each clip as
    `<|audio_start|><|audio_pad|><|audio_end|>` (the processor inserts time markers every 2 s)."""
    from transformers import (
        MossTranscribeDiarizeConfig,
        MossTranscribeDiarizeFeatureExtractor,
        MossTranscribeDiarizeForConditionalGeneration,
        MossTranscribeDiarizeProcessor,
    )

    tokenizer = qwen_tokenizer(["<|audio_pad|>", "<|audio_start|>", "<|audio_end|>"])
    template = chatml("<|audio_start|><|audio_pad|><|audio_end|>")
    extractor = MossTranscribeDiarizeFeatureExtractor(feature_size=80, chunk_length=WINDOW)
    processor = MossTranscribeDiarizeProcessor(
        feature_extractor=extractor, tokenizer=tokenizer, chat_template=template
    )
    eos = ids(tokenizer, "<|endoftext|>")
    config = MossTranscribeDiarizeConfig(
        audio_config=dict(
            num_mel_bins=80,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            hidden_size=16,
            max_source_positions=WINDOW * 50,
        ),
        text_config=small_llm("qwen3", len(tokenizer), eos),
        audio_token_id=ids(tokenizer, "<|audio_pad|>"),
        audio_chunk_size=16000 * WINDOW,
        tie_word_embeddings=False,
    )
    model = seeded(MossTranscribeDiarizeForConditionalGeneration, config)
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=eos)
    return save(out, model, processor)


def vibevoice_asr(out: Path) -> Path:
    """VibeVoice-ASR: 24 kHz acoustic + semantic tokenizer encoders + Qwen2 LM; ChatML with its fixed
    system turn; the user turn holds the audio and a line with its duration (`<|AUDIO_DURATION|>`,
    filled by the processor) before any text."""
    from transformers import (
        VibeVoiceAcousticTokenizerFeatureExtractor,
        VibeVoiceAsrConfig,
        VibeVoiceAsrForConditionalGeneration,
        VibeVoiceAsrProcessor,
    )

    tokenizer = qwen_tokenizer(
        ["<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>", "<|AUDIO_DURATION|>"]
    )
    audio = (
        "<|object_ref_start|><|box_start|><|object_ref_end|>\nThis is a <|AUDIO_DURATION|> seconds audio, "
        "please transcribe it with these keys: Start time, End time, Speaker ID, Content"
    )
    template = (
        "<|im_start|>system\nYou are a helpful assistant that transcribes audio input into text output in "
        "JSON format.<|im_end|>\n{% for message in messages %}{% if message['role'] != 'system' %}"
        "<|im_start|>{{ message['role'] }}\n"
        + parts(audio, text="\n{{ part['text'] }}")
        + "<|im_end|>\n{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    processor = VibeVoiceAsrProcessor(
        feature_extractor=VibeVoiceAcousticTokenizerFeatureExtractor(),
        tokenizer=tokenizer,
        chat_template=template,
    )
    eos = ids(tokenizer, "<|endoftext|>")
    encoder = dict(
        model_type="vibevoice_acoustic_tokenizer_encoder",
        hidden_size=8,
        num_filters=4,
        depths=[1] * 7,
        downsampling_ratios=[2, 2, 4, 5, 5, 8],
    )
    config = VibeVoiceAsrConfig(
        acoustic_tokenizer_encoder_config=encoder,
        semantic_tokenizer_encoder_config=dict(encoder),
        text_config=small_llm("qwen2", len(tokenizer), eos),
        audio_token_id=ids(tokenizer, "<|box_start|>"),
        audio_bos_token_id=ids(tokenizer, "<|object_ref_start|>"),
        audio_eos_token_id=ids(tokenizer, "<|object_ref_end|>"),
        acoustic_tokenizer_chunk_size=3200 * 100,
    )
    model = seeded(VibeVoiceAsrForConditionalGeneration, config)
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=eos)
    return save(out, model, processor)


def omniasr(out: Path) -> Path:
    """omniASR-LLM: wav2vec2-style encoder over raw 16 kHz audio + Llama decoder; the prompt is the audio
    tokens, an optional `<|lang:xxx_yyyy|>` and `<s>`: no place for free text (an ASR-only model)."""
    from transformers import OmniASRConfig, OmniASRForConditionalGeneration, OmniASRProcessor
    from transformers.models.omniasr.feature_extraction_omniasr import OmniASRFeatureExtractor

    langs = ["<|lang:auto|>", "<|lang:eng_latn|>", "<|lang:deu_latn|>"]
    tokenizer = generic_tokenizer(
        ["<extra_id_1>", *langs], bos="<s>", eos="</s>", pad="<pad>", unk="<unk>", spm=True
    )
    template = (
        "{% for message in messages %}{% if message['role'] == 'user' %}{% set ns = namespace(lang=none) %}"
        "{% for part in message['content'] %}{% if part['type'] == 'audio' %}<extra_id_1>"
        "{% elif part['type'] == 'language' %}{% set ns.lang = part['language'] %}{% endif %}{% endfor %}"
        "{% if ns.lang %}<|lang:{{ ns.lang }}|>{% endif %}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}<s>{% endif %}"
    )
    processor = OmniASRProcessor(
        feature_extractor=OmniASRFeatureExtractor(),
        tokenizer=tokenizer,
        chat_template=template,
        audio_token="<extra_id_1>",
    )
    config = OmniASRConfig(
        audio_config=dict(
            hidden_size=16,
            conv_dim=[8] * 7,
            num_attention_heads=2,
            num_hidden_layers=1,
            num_conv_pos_embeddings=16,
            num_conv_pos_embedding_groups=2,
            intermediate_size=32,
            hidden_dropout=0.0,
            layerdrop=0.0,
            activation_dropout=0.0,
        ),
        text_config=small_llm(
            "llama",
            len(tokenizer),
            ids(tokenizer, "</s>"),
            pad=ids(tokenizer, "<pad>"),
            bos=ids(tokenizer, "<s>"),
        ),
        audio_token_id=ids(tokenizer, "<extra_id_1>"),
        bos_token_id=ids(tokenizer, "<s>"),
        pad_token_id=ids(tokenizer, "<pad>"),
        eos_token_id=ids(tokenizer, "</s>"),
    )
    model = seeded(OmniASRForConditionalGeneration, config)
    finish_generation(
        model, eos=ids(tokenizer, "</s>"), pad=ids(tokenizer, "<pad>"), bos=ids(tokenizer, "<s>")
    )
    return save(out, model, processor)


def fun_asr_nano(out: Path) -> Path:
    """Fun-ASR-Nano: SenseVoice-style encoder + adaptor + Qwen3 LM; ChatML with a default system turn,
    audio token `<|object_ref_start|>`. Its feature extractor needs torchaudio even to be built, so
    without it the processor is written as the hub has it."""
    from transformers import FunAsrNanoConfig, FunAsrNanoForConditionalGeneration

    tokenizer = qwen_tokenizer(["<|object_ref_start|>"])
    template = chatml("<|object_ref_start|>", system="You are a helpful assistant.")
    eos = ids(tokenizer, "<|endoftext|>")
    config = FunAsrNanoConfig(
        adaptor_config=dict(
            hidden_size=32,
            num_attention_heads=2,
            intermediate_size=8,
            num_hidden_layers=1,
            projector_hidden_size=32,
        ),
        audio_config=dict(
            num_mel_bins=80,
            hidden_size=16,
            num_attention_heads=2,
            intermediate_size=32,
            num_hidden_layers=2,
            num_stacked_frames=7,
            num_timestamp_prediction_layers=1,
            fsmn_kernel_size=3,
        ),
        text_config=small_llm("qwen3", len(tokenizer), eos),
        audio_token_id=ids(tokenizer, "<|object_ref_start|>"),
        tie_word_embeddings=False,
    )
    model = seeded(FunAsrNanoForConditionalGeneration, config)
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=eos)
    extractor = {
        "feature_extractor_type": "FunAsrNanoFeatureExtractor",
        "feature_size": 80,
        "sampling_rate": 16000,
        "padding_value": 0.0,
        "return_attention_mask": True,
    }
    try:
        from transformers import FunAsrNanoProcessor
        from transformers.models.fun_asr_nano.feature_extraction_fun_asr_nano import (
            FunAsrNanoFeatureExtractor,
        )

        processor = FunAsrNanoProcessor(
            feature_extractor=FunAsrNanoFeatureExtractor(), tokenizer=tokenizer, chat_template=template
        )
    except ImportError:  # no torchaudio here
        return save_model_and_parts(
            out,
            model,
            "FunAsrNanoProcessor",
            tokenizer,
            template,
            audio_token="<|object_ref_start|>",
            feature_extractor=extractor,
        )
    return save(out, model, processor)


GRANITE_TEMPLATE = (
    "{%- for message in messages %}<|start_of_role|>{{ message['role'] }}<|end_of_role|>"
    "{{ message['content'] }}<|end_of_text|>\n{%- endfor %}"
    "{%- if add_generation_prompt %}<|start_of_role|>assistant<|end_of_role|>{%- endif %}"
)


def _granite(out: Path, plus: bool) -> Path:
    """Granite-speech: conformer encoder + Q-Former projector + Granite LM (+ a LoRA it switches on
    when audio is present; needs peft). The processor publishes no chat template: the tokenizer's
    Granite template (in tokenizer_config.json) takes string content, with `<|audio|>` in the text.
    The feature extractor needs torchaudio even to be built: written as the hub has it."""
    import json

    import transformers

    tokenizer = generic_tokenizer(
        ["<|start_of_role|>", "<|end_of_role|>"],
        bos="<|end_of_text|>",
        eos="<|end_of_text|>",
        pad="<|end_of_text|>",
        unk="<|end_of_text|>",
        audio_token="<|audio|>",
    )
    eos = ids(tokenizer, "<|end_of_text|>")
    prefix = "GraniteSpeechPlus" if plus else "GraniteSpeech"
    encoder = dict(
        input_dim=160,
        num_layers=2,
        hidden_dim=32,
        feedforward_mult=2,
        num_heads=2,
        output_dim=42,
        context_size=20,
        max_pos_emb=64,
        dropout=0.0,
        **({"cat_hidden_layers": [0]} if plus else {}),
    )
    config = getattr(transformers, prefix + "Config")(
        text_config=small_llm("granite", len(tokenizer), eos),
        encoder_config=encoder,
        projector_config=dict(
            model_type="blip_2_qformer",
            hidden_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            encoder_hidden_size=32 * (2 if plus else 1),
            cross_attention_frequency=1,
        ),
        audio_token_index=ids(tokenizer, "<|audio|>"),
        has_lora_adapter=True,
        downsample_rate=5,
        window_size=15,
        tie_word_embeddings=False,
    )
    model = seeded(getattr(transformers, prefix + "ForConditionalGeneration"), config)
    finish_generation(model, eos=eos, pad=eos)
    extractor = {
        "feature_extractor_type": "GraniteSpeechFeatureExtractor",
        "sampling_rate": 16000,
        "n_fft": 512,
        "win_length": 400,
        "hop_length": 160,
        "n_mels": 80,
        "projector_window_size": 15,
        "projector_downsample_rate": 5,
    }
    folder = save_model_and_parts(
        out,
        model,
        "GraniteSpeechProcessor",
        tokenizer,
        None,
        audio_token="<|audio|>",
        audio_processor=extractor,
    )
    settings = folder / "tokenizer_config.json"  # the published template lives there only
    settings.write_text(
        json.dumps({**json.loads(settings.read_text()), "chat_template": GRANITE_TEMPLATE}, indent=2)
    )
    return folder


def granite_speech(out: Path) -> Path:
    return _granite(out, plus=False)


def granite_speech_plus(out: Path) -> Path:
    return _granite(out, plus=True)
