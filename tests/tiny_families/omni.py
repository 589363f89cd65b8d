"""Qwen2.5-Omni and Qwen3-Omni: thinker-only folders (as community exports ship them) and full
checkpoints (thinker + talker + speech decoder). Their processors hold a video processor that needs
torchvision, so the processor files are written as the hub has them."""

from __future__ import annotations

from pathlib import Path

from .common import (
    WINDOW,
    chatml,
    finish_generation,
    ids,
    qwen_tokenizer,
    save_model_and_parts,
    seeded,
    small_llm,
    token_ids,
    whisper_encoder,
    whisper_features,
)

QWEN2VL_VIDEO = {
    "video_processor_type": "Qwen2VLVideoProcessor",
    "patch_size": 14,
    "temporal_patch_size": 2,
    "merge_size": 2,
    "min_pixels": 3136,
    "max_pixels": 12845056,
    "do_resize": True,
    "do_rescale": True,
    "do_normalize": True,
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_std": [0.26862954, 0.26130258, 0.27577711],
    "do_sample_frames": False,
}
OMNI25_SYSTEM = (
    "You are Qwen, a virtual human developed by the Qwen Team, Alibaba Group, capable of perceiving "
    "auditory and visual inputs, as well as generating text and speech."
)
MROPE = {"rope_type": "default", "rope_theta": 1e6, "mrope_section": [1, 1, 2]}


def qwen_image_processor(patch: int = 14):
    from transformers import Qwen2VLImageProcessorPil

    return Qwen2VLImageProcessorPil(patch_size=patch, temporal_patch_size=2, merge_size=2)


def _omni25_tokenizer():
    named = dict(
        image_token="<|IMAGE|>",
        audio_token="<|AUDIO|>",
        video_token="<|VIDEO|>",
        vision_bos_token="<|vision_bos|>",
        vision_eos_token="<|vision_eos|>",
        audio_bos_token="<|audio_bos|>",
        audio_eos_token="<|audio_eos|>",
    )
    return qwen_tokenizer([], **named), chatml("<|audio_bos|><|AUDIO|><|audio_eos|>", system=OMNI25_SYSTEM)


def _omni25_thinker(tokenizer):
    from transformers import Qwen2_5OmniThinkerConfig

    text = small_llm(None, len(tokenizer), ids(tokenizer, "<|endoftext|>"), rope_parameters=dict(MROPE))
    text.pop("head_dim")
    tokens = token_ids(
        tokenizer,
        audio_token_index="<|AUDIO|>",
        image_token_index="<|IMAGE|>",
        video_token_index="<|VIDEO|>",
        audio_start_token_id="<|audio_bos|>",
        audio_end_token_id="<|audio_eos|>",
        user_token_id="<|im_start|>",
        # not fields of the config class, but published configs carry them and the rope code reads them
        vision_start_token_id="<|vision_bos|>",
        vision_end_token_id="<|vision_eos|>",
    )
    return Qwen2_5OmniThinkerConfig(
        audio_config=whisper_encoder(
            max_source_positions=WINDOW * 50,
            n_window=100,
            output_dim=32,
        ),
        vision_config=dict(
            depth=1,
            hidden_size=16,
            intermediate_size=32,
            num_heads=2,
            out_hidden_size=32,
            fullatt_block_indexes=[0],
            patch_size=14,
            window_size=112,
        ),
        text_config=text,
        **tokens,
    )


def _save_omni(out: Path, model, tokenizer, template, processor_class: str, patch: int) -> Path:
    finish_generation(model, eos=ids(tokenizer, "<|im_end|>"), pad=ids(tokenizer, "<|endoftext|>"))
    return save_model_and_parts(
        out,
        model,
        processor_class,
        tokenizer,
        template,
        feature_extractor=whisper_features(),
        image_processor=qwen_image_processor(patch),
        video_processor=dict(QWEN2VL_VIDEO, patch_size=patch),
    )


def qwen2_5_omni_thinker(out: Path) -> Path:
    """A thinker-only Qwen2.5-Omni folder (model type qwen2_5_omni_thinker)."""
    from transformers import Qwen2_5OmniThinkerForConditionalGeneration

    tokenizer, template = _omni25_tokenizer()
    model = seeded(Qwen2_5OmniThinkerForConditionalGeneration, _omni25_thinker(tokenizer))
    return _save_omni(out, model, tokenizer, template, "Qwen2_5OmniProcessor", 14)


def qwen2_5_omni(out: Path) -> Path:
    """The full Qwen2.5-Omni checkpoint: thinker + talker + token2wav, and spk_dict.pt (its voices)."""
    import torch
    from transformers import Qwen2_5OmniConfig, Qwen2_5OmniForConditionalGeneration

    tokenizer, template = _omni25_tokenizer()
    codes = 64
    media = token_ids(
        tokenizer,
        audio_token_index="<|AUDIO|>",
        image_token_index="<|IMAGE|>",
        video_token_index="<|VIDEO|>",
        audio_start_token_id="<|audio_bos|>",
        audio_end_token_id="<|audio_eos|>",
        vision_start_token_id="<|vision_bos|>",
        vision_end_token_id="<|vision_eos|>",
    )
    talker = dict(
        vocab_size=codes,
        embedding_size=32,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=8,
        rope_parameters=dict(MROPE),
        tts_text_start_token_id=ids(tokenizer, "<|im_start|>"),
        tts_text_end_token_id=ids(tokenizer, "<|im_end|>"),
        tts_text_pad_token_id=ids(tokenizer, "<|endoftext|>"),
        tts_codec_start_token_id=codes - 3,
        tts_codec_end_token_id=codes - 2,
        tts_codec_pad_token_id=codes - 4,
        tts_codec_mask_token_id=codes - 1,
        **media,
    )
    token2wav = dict(
        dit_config=dict(
            hidden_size=32,
            num_hidden_layers=2,
            num_attention_heads=2,
            ff_mult=2,
            emb_dim=16,
            head_dim=16,
            num_embeds=codes,
            mel_dim=80,
            enc_emb_dim=16,
            enc_dim=16,
            enc_channels=[16, 16, 16, 16, 48],
            enc_attention_channels=8,
            enc_se_channels=8,
            look_ahead_layers=[1],
            look_backward_layers=[0],
        ),
        bigvgan_config=dict(
            mel_dim=80,
            upsample_initial_channel=128,
            upsample_rates=[5, 3, 2, 2, 2, 2],
            upsample_kernel_sizes=[11, 7, 4, 4, 4, 4],
        ),
    )
    config = Qwen2_5OmniConfig(
        thinker_config=_omni25_thinker(tokenizer).to_dict(),
        talker_config=talker,
        token2wav_config=token2wav,
        enable_audio_output=True,
    )
    model = seeded(Qwen2_5OmniForConditionalGeneration, config)
    folder = _save_omni(out, model, tokenizer, template, "Qwen2_5OmniProcessor", 14)
    torch.manual_seed(0)
    voices = {
        name: {"bos_token": codes - 3, "cond": torch.randn(1, 16), "ref_mel": torch.randn(1, 30, 80)}
        for name in ("Chelsie", "Ethan")
    }
    torch.save(voices, folder / "spk_dict.pt")
    return folder


def _omni3_tokenizer():
    named = dict(
        image_token="<|image_pad|>",
        audio_token="<|audio_pad|>",
        video_token="<|video_pad|>",
        vision_bos_token="<|vision_start|>",
        vision_eos_token="<|vision_end|>",
        audio_bos_token="<|audio_start|>",
        audio_eos_token="<|audio_end|>",
    )
    tokenizer = qwen_tokenizer(
        ["<think>", "</think>", "<tts_pad>", "<tts_text_bos>", "<tts_text_eod>"], **named
    )
    return tokenizer, chatml("<|audio_start|><|audio_pad|><|audio_end|>")


def _omni3_thinker(tokenizer):
    from transformers import Qwen3OmniMoeThinkerConfig

    text = small_llm(
        None,
        len(tokenizer),
        ids(tokenizer, "<|endoftext|>"),
        num_experts=4,
        num_experts_per_tok=2,
        moe_intermediate_size=32,
        decoder_sparse_step=1,
        rope_parameters=dict(MROPE, interleaved=True),
    )
    tokens = token_ids(
        tokenizer,
        audio_token_id="<|audio_pad|>",
        image_token_id="<|image_pad|>",
        video_token_id="<|video_pad|>",
        audio_start_token_id="<|audio_start|>",
        user_token_id="<|im_start|>",
        vision_start_token_id="<|vision_start|>",
        vision_end_token_id="<|vision_end|>",
    )
    return Qwen3OmniMoeThinkerConfig(
        audio_config=whisper_encoder(
            max_source_positions=1500,
            n_window=50,
            n_window_infer=800,
            output_dim=32,
            downsample_hidden_size=8,
            conv_chunksize=500,
        ),
        vision_config=dict(
            depth=1,
            hidden_size=16,
            intermediate_size=32,
            num_heads=2,
            out_hidden_size=32,
            patch_size=16,
            num_position_embeddings=64,
            deepstack_visual_indexes=[0],
        ),
        text_config=text,
        **tokens,
    )


def qwen3_omni_moe_thinker(out: Path) -> Path:
    from transformers import Qwen3OmniMoeThinkerForConditionalGeneration

    tokenizer, template = _omni3_tokenizer()
    model = seeded(Qwen3OmniMoeThinkerForConditionalGeneration, _omni3_thinker(tokenizer))
    return _save_omni(out, model, tokenizer, template, "Qwen3OmniMoeProcessor", 16)


def qwen3_omni_moe(out: Path) -> Path:
    """Full Qwen3-Omni (Instruct layout): thinker + talker (MoE text model + code predictor) + code2wav."""
    from transformers import Qwen3OmniMoeConfig, Qwen3OmniMoeForConditionalGeneration

    tokenizer, template = _omni3_tokenizer()
    codes = 128
    talker = dict(
        text_config=dict(
            vocab_size=codes,
            hidden_size=32,
            intermediate_size=64,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=2,
            head_dim=8,
            moe_intermediate_size=32,
            num_experts=4,
            num_experts_per_tok=2,
            shared_expert_intermediate_size=32,
            rope_parameters=dict(MROPE, interleaved=True),
        ),
        code_predictor_config=dict(
            vocab_size=32,
            hidden_size=32,
            intermediate_size=64,
            num_hidden_layers=1,
            num_attention_heads=4,
            num_key_value_heads=2,
            head_dim=8,
            num_code_groups=4,
        ),
        num_code_groups=4,
        thinker_hidden_size=32,
        accept_hidden_layer=1,
        codec_eos_token_id=codes - 8,
        codec_nothink_id=codes - 7,
        codec_think_bos_id=codes - 6,
        codec_think_eos_id=codes - 5,
        codec_pad_id=codes - 4,
        codec_bos_id=codes - 3,
        audio_token_id=ids(tokenizer, "<|audio_pad|>"),
        image_token_id=ids(tokenizer, "<|image_pad|>"),
        video_token_id=ids(tokenizer, "<|video_pad|>"),
        vision_start_token_id=ids(tokenizer, "<|vision_start|>"),
        audio_start_token_id=ids(tokenizer, "<|audio_start|>"),
        spatial_merge_size=2,  # read by the talker's rope code; published configs carry it
        speaker_id={"ethan": codes - 20, "chelsie": codes - 21, "aiden": codes - 22},
    )
    code2wav = dict(
        codebook_size=32,
        hidden_size=32,
        max_position_embeddings=512,
        num_attention_heads=2,
        num_key_value_heads=2,
        sliding_window=16,
        intermediate_size=64,
        num_hidden_layers=1,
        num_quantizers=4,
        upsample_rates=[2, 2, 2, 2],
        upsampling_ratios=[2, 2],
        decoder_dim=32,
    )
    config = Qwen3OmniMoeConfig(
        thinker_config=_omni3_thinker(tokenizer).to_dict(),
        talker_config=talker,
        code2wav_config=code2wav,
        enable_audio_output=True,
        im_start_token_id=ids(tokenizer, "<|im_start|>"),
        im_end_token_id=ids(tokenizer, "<|im_end|>"),
        tts_pad_token_id=ids(tokenizer, "<tts_pad>"),
        tts_bos_token_id=ids(tokenizer, "<tts_text_bos>"),
        tts_eos_token_id=ids(tokenizer, "<tts_text_eod>"),
        system_token_id=ids(tokenizer, "system"),
        user_token_id=ids(tokenizer, "user"),
        assistant_token_id=ids(tokenizer, "assistant"),
    )
    model = seeded(Qwen3OmniMoeForConditionalGeneration, config)
    return _save_omni(out, model, tokenizer, template, "Qwen3OmniMoeProcessor", 16)
