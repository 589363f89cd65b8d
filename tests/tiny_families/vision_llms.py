"""Multimodal LLMs (image, video and audio in, text out) whose processors hold image or video
processors that need torchvision: the processor files are written as the hub has them.

Chat templates: Phi-4-multimodal's layout is the published one (`<|user|>...<|end|><|assistant|>`,
one `<|audio|>` per clip). For Muse Spark, Dots3 Note, Inkling and Apertus 1.5 the published
templates were not found; each template below follows the closest public evidence, named in its
builder, and says nothing more than that (see docs/models.md).
"""

from __future__ import annotations

from pathlib import Path

from .common import (
    WINDOW,
    finish_generation,
    generic_tokenizer,
    ids,
    parts,
    qwen_tokenizer,
    save_model_and_parts,
    seeded,
    small_llm,
)
from .omni import QWEN2VL_VIDEO, qwen_image_processor


def muse_spark(out: Path) -> Path:
    """Muse Spark: raw 24 kHz audio (conv patches), vision, MoE LM. Template: the turn layout of its
    sibling Muse Glimmer as public ports document it (`<|start|>role<|message|>...<|eot|>`, generation
    prompt `<|start|>assistant`); media as single placeholders the processor expands."""
    from transformers import MuseSparkConfig, MuseSparkFeatureExtractor, MuseSparkForConditionalGeneration

    named = dict(
        audio_token="<|audio|>",
        audio_start_token="<|soft_audio_start|>",
        audio_end_token="<|soft_audio_end|>",
        image_token="<|patch|>",
        image_start_token="<|image_start|>",
        image_end_token="<|image_end|>",
        video_token="<|video|>",
        video_sep_token="<|vid_frame_separator|>",
        video_start_token="<|vid_start|>",
        video_end_token="<|vid_end|>",
    )
    tokenizer = generic_tokenizer(
        ["<|start|>", "<|message|>", "<|eot|>", "<|eom|>"],
        bos="<|begin_of_text|>",
        eos="<|end_of_text|>",
        pad="<|finetune_right_pad|>",
        unk="<|end_of_text|>",
        **named,
    )
    template = (
        "<|begin_of_text|>{% for message in messages %}<|start|>{{ message['role'] }}<|message|>"
        + parts("<|audio|>", image="<|patch|>")
        + "<|eot|>{% endfor %}"
        "{% if add_generation_prompt %}<|start|>assistant{% endif %}"
    )
    stops = [ids(tokenizer, "<|end_of_text|>"), ids(tokenizer, "<|eot|>")]
    pad = ids(tokenizer, "<|finetune_right_pad|>")
    text = small_llm(
        None,
        len(tokenizer),
        stops,
        pad=pad,
        bos=ids(tokenizer, "<|begin_of_text|>"),
        layer_types=["sliding_attention", "full_attention"],
        mlp_layer_types=["dense", "dense"],
        sliding_window=64,
        moe_intermediate_size=32,
        num_local_experts=2,
        num_experts_per_tok=1,
        moe_hidden_size=32,
    )
    config = MuseSparkConfig(
        text_config=text,
        vision_config=dict(
            patch_size=14,
            pos_emb_height=4,
            pos_emb_width=4,
            num_attention_heads=2,
            num_hidden_layers=1,
            hidden_size=16,
            intermediate_size=32,
            max_position_embeddings=16,
        ),
        audio_config=dict(
            patch_sizes=[16, 6, 5, 4],
            hidden_sizes=[8, 8, 16, 16],
            depths=[1, 1, 1, 1],
            num_hidden_layers=4,
            out_hidden_size=32,
        ),
        out_hidden_size=32,
        projector_hidden_size=32,
        image_token_id=ids(tokenizer, "<|patch|>"),
        video_token_id=ids(tokenizer, "<|video|>"),
        audio_token_id=ids(tokenizer, "<|audio|>"),
        tie_word_embeddings=False,
    )
    model = seeded(MuseSparkForConditionalGeneration, config)
    finish_generation(model, eos=stops, pad=pad)
    glimmer = {"patch_size": 14, "merge_size": 2}
    return save_model_and_parts(
        out,
        model,
        "MuseSparkProcessor",
        tokenizer,
        template,
        feature_extractor=MuseSparkFeatureExtractor(),
        image_processor={"image_processor_type": "MuseGlimmerImageProcessor", **glimmer},
        video_processor={
            "video_processor_type": "MuseGlimmerVideoProcessor",
            "temporal_patch_size": 2,
            **glimmer,
        },
    )


def dots3_note(out: Path) -> Path:
    """dots3.note: whisper-like audio encoder, Qwen2-VL-style vision, MLA/MoE LM. Template: the Dots
    family's published text layout (dots.llm1: `<|system|>...<|endofsystem|><|userprompt|>...
    <|endofuserprompt|><|response|>`) with each clip as `<|audio_comp_start|><|audio_comp_pad|>
    <|audio_comp_end|>`, the markers public ports of dots3.note insert."""
    from transformers import Dots3NoteConfig, Dots3NoteFeatureExtractor, Dots3NoteForConditionalGeneration

    tokenizer = qwen_tokenizer(
        [
            "<|system|>",
            "<|endofsystem|>",
            "<|userprompt|>",
            "<|endofuserprompt|>",
            "<|response|>",
            "<|endofresponse|>",
            "<|imgpad|>",
            "<|video_pad|>",
            "<|audio_comp_start|>",
            "<|audio_comp_end|>",
            "<|audio_comp_pad|>",
        ]
    )
    turn = (
        "{% if message['role'] == 'system' %}<|system|>{% elif message['role'] == 'user' %}<|userprompt|>"
        "{% else %}<|response|>{% endif %}"
    )
    close = (
        "{% if message['role'] == 'system' %}<|endofsystem|>{% elif message['role'] == 'user' %}"
        "<|endofuserprompt|>{% else %}<|endofresponse|>{% endif %}"
    )
    template = (
        "{% if messages[0]['role'] != 'system' %}<|system|>You are a helpful assistant.<|endofsystem|>"
        "{% endif %}{% for message in messages %}"
        + turn
        + parts("<|audio_comp_start|><|audio_comp_pad|><|audio_comp_end|>", image="<|imgpad|>")
        + close
        + "{% endfor %}{% if add_generation_prompt %}<|response|>{% endif %}"
    )
    eos, stop = ids(tokenizer, "<|endoftext|>"), ids(tokenizer, "<|endofresponse|>")
    text = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        moe_intermediate_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=2,
        n_shared_experts=1,
        n_routed_experts=2,
        kv_lora_rank=16,
        q_lora_rank=16,
        qk_rope_head_dim=8,
        v_head_dim=16,
        qk_nope_head_dim=8,
        num_experts_per_tok=1,
        max_position_embeddings=1024,
        mlp_layer_types=["dense", "dense"],
        index_topk=2048,  # as published: prompts under 2048 tokens attend to every key
        index_head_dim=16,
        index_n_heads=2,
        head_dim=16,
        shared_experts_intermediate_size=32,
        pad_token_id=eos,
        bos_token_id=eos,
        eos_token_id=stop,
        tie_word_embeddings=False,
    )
    config = Dots3NoteConfig(
        text_config=text,
        vision_config=dict(
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            moe_intermediate_size=16,
            num_local_experts=2,
            adapter_in_dim=16,
            adapter_out_dim=32,
            mlp_layer_types=["dense"],
        ),
        audio_config=dict(
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            downsample_hidden_size=8,
            adapter_input_size=16,
            adapter_out_dim=32,
            feature_size=128,
        ),
        image_token_id=ids(tokenizer, "<|imgpad|>"),
        video_token_id=ids(tokenizer, "<|video_pad|>"),
        audio_token_id=ids(tokenizer, "<|audio_comp_pad|>"),
        tie_word_embeddings=False,
    )
    model = seeded(Dots3NoteForConditionalGeneration, config)
    finish_generation(model, eos=stop, pad=eos)
    return save_model_and_parts(
        out,
        model,
        "Dots3NoteProcessor",
        tokenizer,
        template,
        feature_extractor=Dots3NoteFeatureExtractor(chunk_length=WINDOW),
        image_processor=qwen_image_processor(),
        video_processor=dict(QWEN2VL_VIDEO, video_processor_type="Qwen3VLVideoProcessor"),
    )


INKLING_CONTROL = [
    "<|message_user|>",
    "<|message_model|>",
    "<|message_system|>",
    "<|content_text|>",
    "<|content_thinking|>",
    "<|content_image|>",
    "<|content_audio_input|>",
    "<|audio_end|>",
    "<|end_message|>",
    "<|content_model_end_sampling|>",
]


def inkling(out: Path) -> Path:
    """Inkling: audio as discretised mel bins (dMel ids), vision patches, hybrid MoE LM. Template: the
    TMLv0 layout public ports of Inkling reproduce (one content type per message:
    `<|message_user|><|content_text|>...<|end_message|>`, each clip as its own message
    `<|content_audio_input|><|unused_200053|><|audio_end|>`, a system message with the thinking effort
    before the first non-system message, generation prompt `<|message_model|>`)."""
    from transformers import InklingConfig, InklingFeatureExtractor, InklingForConditionalGeneration

    named = dict(image_token="<|unused_200054|>", audio_token="<|unused_200053|>")
    tokenizer = generic_tokenizer(
        INKLING_CONTROL,
        bos="<|startoftext|>",
        eos="<|endoftext|>",
        pad="<|pad|>",
        unk="<|endoftext|>",
        **named,
    )
    role = (
        "{% set role = {'user': '<|message_user|>', 'system': '<|message_system|>', "
        "'assistant': '<|message_model|>'}[message['role']] %}"
    )
    effort = (
        "{% if not ns.effort and message['role'] != 'system' %}{% set ns.effort = true %}"
        "<|message_system|><|content_text|>Thinking effort level: 0.9<|end_message|>{% endif %}"
    )
    text_message = "{{ role }}<|content_text|>{{ part['text'] }}<|end_message|>"
    template = (
        "{% set ns = namespace(effort=false) %}{% for message in messages %}"
        + role
        + effort
        + "{% if message['content'] is string %}"
        "{{ role }}<|content_text|>{{ message['content'] }}<|end_message|>"
        "{% else %}{% for part in message['content'] %}{% if part['type'] == 'audio' %}"
        "{{ role }}<|content_audio_input|><|unused_200053|><|audio_end|><|end_message|>"
        "{% elif part['type'] == 'image' %}{{ role }}<|content_image|><|unused_200054|><|end_message|>"
        "{% elif part['type'] == 'text' %}" + text_message + "{% endif %}{% endfor %}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}<|message_model|>{% endif %}"
    )
    eos = ids(tokenizer, "<|endoftext|>")
    text = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=2,
        head_dim=16,
        swa_num_attention_heads=2,
        swa_num_key_value_heads=2,
        swa_head_dim=16,
        sliding_window_size=64,
        d_rel=4,
        rel_extent=64,
        local_layer_ids=[0],
        mlp_layer_types=["dense", "dense"],
        intermediate_size=64,
        moe_intermediate_size=32,
        n_routed_experts=2,
        num_experts_per_tok=1,
        n_shared_experts=1,
        max_position_embeddings=1024,
        pad_token_id=ids(tokenizer, "<|pad|>"),
        bos_token_id=ids(tokenizer, "<|startoftext|>"),
        eos_token_id=ids(tokenizer, "<|end_message|>"),
    )
    config = InklingConfig(
        text_config=text,
        audio_config=dict(n_mel_bins=80, mel_vocab_size=16, text_hidden_size=32),
        vision_config=dict(
            text_hidden_size=32, patch_size=40, hidden_size=16, num_hidden_layers=1, num_attention_heads=2
        ),
        image_token_id=ids(tokenizer, "<|unused_200054|>"),
        audio_token_id=ids(tokenizer, "<|unused_200053|>"),
        image_bos_token_id=ids(tokenizer, "<|content_image|>"),
        audio_bos_token_id=ids(tokenizer, "<|content_audio_input|>"),
    )
    model = seeded(InklingForConditionalGeneration, config)
    finish_generation(model, eos=[eos, ids(tokenizer, "<|end_message|>")], pad=ids(tokenizer, "<|pad|>"))
    return save_model_and_parts(
        out,
        model,
        "InklingProcessor",
        tokenizer,
        template,
        feature_extractor=InklingFeatureExtractor(),
        image_processor={"image_processor_type": "InklingImageProcessor", "patch_size": 40},
    )


def apertus1p5(out: Path) -> Path:
    """Apertus 1.5: audio -> WavTokenizer codes (24 kHz) mapped into the LM vocabulary. Template: the
    layout of Apertus-8B-Instruct-2509's published template (a system turn, by default its own
    prompt, then a developer turn `Deliberation: disabled\\nTool Capabilities: disabled`, then
    `<|user_start|>...<|user_end|><|assistant_start|>`), without its date line, and one `<|audio|>`
    per clip as the transformers docs describe."""
    from transformers import (
        Apertus1p5Config,
        Apertus1p5ForConditionalGeneration,
        WavTokenizerFeatureExtractor,
    )

    named = dict(
        image_token="<|image|>",
        audio_token="<|audio|>",
        boi_token="<|begin_of_image|>",
        eoi_token="<|end_of_image|>",
        image_wrapper_token="<|image_wrapper|>",
        eol_token="<|eol|>",
        boa_token="<|begin_of_audio|>",
        eoa_token="<|end_of_audio|>",
    )
    turns = [
        f"<|{role}_{edge}|>"
        for role in ("system", "developer", "user", "assistant")
        for edge in ("start", "end")
    ]
    tokenizer = generic_tokenizer(turns, bos="<s>", eos="</s>", pad="<pad>", unk="<unk>", **named)
    default_system = (
        "You are Apertus, a helpful assistant created by the SwissAI initiative.\nKnowledge cutoff: 2024-04"
    )
    template = (
        "<s>{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
        "<|system_start|>{% set message = messages[0] %}" + parts("") + "<|system_end|>"
        "{% else %}{% set loop_messages = messages %}<|system_start|>" + default_system + "<|system_end|>"
        "{% endif %}<|developer_start|>Deliberation: disabled\nTool Capabilities: disabled<|developer_end|>"
        "{% for message in loop_messages %}<|{{ message['role'] }}_start|>"
        + parts("<|audio|>", image="<|image|>")
        + "<|{{ message['role'] }}_end|>{% endfor %}"
        "{% if add_generation_prompt %}<|assistant_start|>{% endif %}"
    )
    base, image_codes, audio_codes = len(tokenizer), 16, 32
    stops = [ids(tokenizer, "</s>"), ids(tokenizer, "<|assistant_end|>")]
    text = dict(
        vocab_size=base + image_codes + audio_codes,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=16384,
        pad_token_id=ids(tokenizer, "<pad>"),
        bos_token_id=ids(tokenizer, "<s>"),
        eos_token_id=stops,
        tie_word_embeddings=False,
    )
    config = Apertus1p5Config(
        text_config=text,
        vision_config=dict(
            codebook_size=image_codes,
            embed_dim=8,
            latent_channels=32,
            base_channels=32,
            channel_multiplier=[1, 1],
            num_res_blocks=1,
            attn_resolutions=[],
            resolution=32,
        ),
        audio_config=dict(
            model_type="wavtokenizer_encoder",
            num_filters=4,
            hidden_size=16,
            codebook_size=audio_codes,
            codebook_dim=16,
            num_lstm_layers=1,
            decoder_hidden_size=16,
            decoder_intermediate_size=32,
            decoder_num_layers=1,
            decoder_attention_num_groups=4,
        ),
        image_token_id=ids(tokenizer, "<|image|>"),
        audio_token_id=ids(tokenizer, "<|audio|>"),
        image_token_offset=base,
        audio_token_offset=base + image_codes,
        tie_word_embeddings=False,
    )
    model = seeded(Apertus1p5ForConditionalGeneration, config)
    codebook_from_encoder(model.model.audio_tokenizer, 24_000)
    finish_generation(model, eos=stops, pad=ids(tokenizer, "<pad>"))
    return save_model_and_parts(
        out,
        model,
        "Apertus1p5Processor",
        tokenizer,
        template,
        feature_extractor=WavTokenizerFeatureExtractor(),
        image_processor={"image_processor_type": "Apertus1p5ImageProcessor", "spatial_factor": 16},
    )


def codebook_from_encoder(codec, rate: int) -> None:
    """A WavTokenizer codebook set to frames its own random encoder gives on noise, tones and silence,
    as k-means initialisation would: a random codebook sits far from the tiny encoder's outputs, so
    every frame would map to one code and the audio could not reach the LM."""
    import numpy as np
    import torch

    rng = np.random.default_rng(0)
    t = np.arange(rate) / rate
    clips = [
        rng.standard_normal(rate) * 0.3,
        np.sin(2 * np.pi * 220 * t) * 0.5,
        np.sin(2 * np.pi * 1500 * t) * 0.5,
        np.zeros(rate),
    ]
    with torch.no_grad():
        frames = torch.cat(
            [codec.encoder(torch.tensor(c, dtype=torch.float32)[None, None])[0].T for c in clips]
        )
    book = codec.quantizer.codebook
    pick = torch.from_numpy(
        rng.choice(len(frames), size=book.embed.shape[0], replace=len(frames) < book.embed.shape[0])
    )
    book.embed.copy_(frames[pick] + 1e-3 * torch.randn_like(frames[pick]))
    book.embed_avg.copy_(book.embed)
    book.cluster_size.fill_(1.0)


def phi4_multimodal(out: Path) -> Path:
    """Phi-4-multimodal-instruct (the transformers port): `<|user|>...<|end|><|assistant|>`, one
    `<|audio|>` per clip (expanded by the processor); its image processor needs torchvision."""
    from transformers import Phi4MultimodalConfig, Phi4MultimodalFeatureExtractor, Phi4MultimodalForCausalLM

    tokenizer = generic_tokenizer(
        ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>"],
        bos="<|endoftext|>",
        eos="<|endoftext|>",
        pad="<|endoftext|>",
        unk="<|endoftext|>",
        image_token="<|image|>",
        audio_token="<|audio|>",
    )
    template = (
        "{% for message in messages %}<|{{ message['role'] }}|>"
        + parts("<|audio|>", image="<|image|>")
        + "<|end|>{% endfor %}{% if add_generation_prompt %}<|assistant|>{% else %}{{ eos_token }}{% endif %}"
    )
    eos = ids(tokenizer, "<|endoftext|>")
    stops = [eos, ids(tokenizer, "<|end|>")]
    config = Phi4MultimodalConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=1024,
        original_max_position_embeddings=1024,
        bos_token_id=eos,
        eos_token_id=stops,
        pad_token_id=eos,
        tie_word_embeddings=False,
        vision_config=dict(
            hidden_size=16,
            intermediate_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            image_size=56,
            patch_size=14,
            crop_size=56,
            image_token_id=ids(tokenizer, "<|image|>"),
        ),
        audio_config=dict(
            hidden_size=16,
            intermediate_size=32,
            num_blocks=1,
            num_attention_heads=2,
            ext_pw_out_channel=16,
            depthwise_separable_out_channel=16,
            nemo_conv_channels=16,
            input_size=80,
            time_reduction=8,
            audio_token_id=ids(tokenizer, "<|audio|>"),
        ),
    )
    model = seeded(Phi4MultimodalForCausalLM, config)
    finish_generation(model, eos=stops, pad=eos)
    return save_model_and_parts(
        out,
        model,
        "Phi4MultimodalProcessor",
        tokenizer,
        template,
        audio_processor=Phi4MultimodalFeatureExtractor(),
        image_processor={
            "image_processor_type": "Phi4MultimodalImageProcessor",
            "patch_size": 14,
            "dynamic_hd": 36,
            "image_size": 448,
        },
    )
