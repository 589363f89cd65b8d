"""Gemma-3n, Gemma 4 and Gemma 4 Unified: Gemma turns (`<start_of_turn>user ... <end_of_turn>`, the
assistant as `model`, a system prompt folded into the first user turn)."""

from __future__ import annotations

from pathlib import Path

from .common import (
    finish_generation,
    gemma_tokenizer,
    ids,
    save,
    save_model_and_parts,
    seeded,
    small_llm,
    token_ids,
)

GEMMA4_VIDEO = {
    "video_processor_type": "Gemma4VideoProcessor",
    "patch_size": 16,
    "pooling_kernel_size": 3,
    "max_soft_tokens": 70,
    "do_sample_frames": True,
    "num_frames": 32,
}


def gemma_template(turn_open: str, turn_close: str, audio: str, image: str) -> str:
    return (
        "<bos>{% if messages[0]['role'] == 'system' %}"
        "{% set first = messages[0]['content'] if messages[0]['content'] is string "
        "else messages[0]['content'][0]['text'] %}{% set loop_messages = messages[1:] %}"
        "{% else %}{% set first = '' %}{% set loop_messages = messages %}{% endif %}"
        "{% for message in loop_messages %}{% set role = 'model' if message['role'] == 'assistant' "
        "else message['role'] %}"
        + turn_open
        + "{{ role }}\n{% if loop.first and first %}{{ first }}\n\n{% endif %}"
        "{% if message['content'] is string %}{{ message['content'] | trim }}{% else %}"
        "{% for part in message['content'] %}{% if part['type'] == 'audio' %}"
        + audio
        + "{% elif part['type'] == 'image' %}"
        + image
        + "{% elif part['type'] == 'text' %}{{ part['text'] | trim }}"
        "{% endif %}{% endfor %}{% endif %}" + turn_close + "\n{% endfor %}"
        "{% if add_generation_prompt %}" + turn_open + "model\n{% endif %}"
    )


def gemma3n(out: Path) -> Path:
    """Gemma-3n: its vision tower is a timm MobileNetV5, so the model can only be built where timm
    is installed (timm needs torchvision). Without timm this writes the config and the processor
    only: the adapter must stop before it looks for weights."""
    from transformers import Gemma3nConfig, Gemma3nProcessor, SiglipImageProcessorPil
    from transformers.models.gemma3n.feature_extraction_gemma3n import Gemma3nAudioFeatureExtractor

    named = dict(
        audio_token="<audio_soft_token>",
        boa_token="<start_of_audio>",
        eoa_token="<end_of_audio>",
        image_token="<image_soft_token>",
        boi_token="<start_of_image>",
        eoi_token="<end_of_image>",
    )
    tokenizer = gemma_tokenizer(["<start_of_turn>", "<end_of_turn>"], **named)
    template = gemma_template("<start_of_turn>", "<end_of_turn>", "<audio_soft_token>", "<image_soft_token>")
    base = len(tokenizer)
    # soft tokens live in two 128-id ranges after the text vocabulary: vision first, then audio
    text = small_llm(
        None,
        base + 256,
        ids(tokenizer, "<eos>"),
        pad=ids(tokenizer, "<pad>"),
        bos=ids(tokenizer, "<bos>"),
        vocab_size_per_layer_input=base,
        hidden_size_per_layer_input=8,
        num_kv_shared_layers=0,
        laurel_rank=4,
        altup_num_inputs=2,
        layer_types=["sliding_attention", "full_attention"],
        activation_sparsity_pattern=[0.0, 0.0],
        sliding_window=64,
    )
    tokens = token_ids(
        tokenizer,
        boi_token_id="<start_of_image>",
        eoi_token_id="<end_of_image>",
        image_token_id="<image_soft_token>",
        boa_token_id="<start_of_audio>",
        eoa_token_id="<end_of_audio>",
        audio_token_id="<audio_soft_token>",
    )
    config = Gemma3nConfig(
        text_config=text,
        vision_config=dict(
            architecture="mobilenetv5_300m_enc", hidden_size=32, vocab_size=128, vocab_offset=base
        ),
        audio_config=dict(
            vocab_size=128,
            vocab_offset=base + 128,
            input_feat_size=128,
            hidden_size=32,
            conf_num_attention_heads=2,
            conf_num_hidden_layers=1,
            sscp_conv_channel_size=[8, 8],
        ),
        audio_soft_tokens_per_image=188,
        vision_soft_tokens_per_image=256,
        tie_word_embeddings=False,
        **tokens,
    )
    processor = Gemma3nProcessor(
        feature_extractor=Gemma3nAudioFeatureExtractor(),
        image_processor=SiglipImageProcessorPil(),
        tokenizer=tokenizer,
        chat_template=template,
        audio_seq_length=188,
    )
    try:
        from transformers import Gemma3nForConditionalGeneration

        model = seeded(Gemma3nForConditionalGeneration, config)
    except ImportError:  # no timm here: config and processor only
        out = Path(out)
        config.save_pretrained(out)
        processor.save_pretrained(out)
        return out
    finish_generation(
        model, eos=[ids(tokenizer, "<eos>"), ids(tokenizer, "<end_of_turn>")], pad=ids(tokenizer, "<pad>")
    )
    return save(out, model, processor)


def _gemma4(out: Path, unified: bool) -> Path:
    import transformers

    named = dict(
        audio_token="<|audio|>",
        boa_token="<|audio>",
        eoa_token="<audio|>",
        image_token="<|image|>",
        boi_token="<|image>",
        eoi_token="<image|>",
    )
    tokenizer = gemma_tokenizer(["<|turn>", "<turn|>", "<|video|>"], **named)
    template = gemma_template("<|turn>", "<turn|>", "<|audio|>", "<|image|>")
    text = small_llm(
        None,
        len(tokenizer) + 8,
        ids(tokenizer, "<eos>"),
        pad=ids(tokenizer, "<pad>"),
        bos=ids(tokenizer, "<bos>"),
        layer_types=["sliding_attention", "full_attention"],
        sliding_window=64,
        global_head_dim=16,
        num_global_key_value_heads=2,
    )
    tokens = token_ids(
        tokenizer,
        boi_token_id="<|image>",
        eoi_token_id="<image|>",
        image_token_id="<|image|>",
        video_token_id="<|video|>",
        boa_token_id="<|audio>",
        eoa_token_index="<audio|>",
        audio_token_id="<|audio|>",
    )
    if unified:
        from transformers.models.gemma4_unified.feature_extraction_gemma4_unified import (
            Gemma4UnifiedAudioFeatureExtractor as Extractor,
        )

        towers = dict(
            vision_config=dict(
                patch_size=16, pooling_kernel_size=3, mm_embed_dim=32, mm_posemb_size=64, output_proj_dims=32
            ),
            audio_config=dict(audio_embed_dim=640),
        )
        # its image processor needs torchvision (no PIL variant): written as the hub has it
        image = {
            "image_processor_type": "Gemma4UnifiedImageProcessor",
            "patch_size": 16,
            "pooling_kernel_size": 3,
            "max_soft_tokens": 280,
        }
        video, extra, prefix = (
            dict(GEMMA4_VIDEO, video_processor_type="Gemma4UnifiedVideoProcessor"),
            {},
            "Gemma4Unified",
        )
    else:
        from transformers.models.gemma4.feature_extraction_gemma4 import (
            Gemma4AudioFeatureExtractor as Extractor,
        )

        text.update(vocab_size_per_layer_input=len(tokenizer) + 8, hidden_size_per_layer_input=8)
        towers = dict(
            vision_config=dict(
                hidden_size=16,
                intermediate_size=32,
                num_hidden_layers=1,
                num_attention_heads=2,
                num_key_value_heads=2,
                head_dim=8,
                position_embedding_size=64,
            ),
            audio_config=dict(
                hidden_size=16,
                num_hidden_layers=1,
                num_attention_heads=2,
                subsampling_conv_channels=[128, 8],
                output_proj_dims=32,
            ),
        )
        image, video, prefix = transformers.Gemma4ImageProcessorPil(), dict(GEMMA4_VIDEO), "Gemma4"
        extra = dict(image_seq_length=280, audio_seq_length=750, audio_ms_per_token=40)
    config = getattr(transformers, prefix + "Config")(
        text_config=text, tie_word_embeddings=False, **towers, **tokens
    )
    model = seeded(getattr(transformers, prefix + "ForConditionalGeneration"), config)
    finish_generation(
        model,
        eos=[ids(tokenizer, "<eos>"), ids(tokenizer, "<turn|>")],
        pad=ids(tokenizer, "<pad>"),
        bos=ids(tokenizer, "<bos>"),
    )
    return save_model_and_parts(
        out,
        model,
        prefix + "Processor",
        tokenizer,
        template,
        feature_extractor=Extractor(),
        image_processor=image,
        video_processor=video,
        **extra,
    )


def gemma4(out: Path) -> Path:
    return _gemma4(out, unified=False)


def gemma4_unified(out: Path) -> Path:
    return _gemma4(out, unified=True)
