"""Speech recognisers and translators: encoder-decoders (and Kyutai's streaming decoder) that take
audio and no instruction."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .common import (
    CORPUS,
    WINDOW,
    byte_bpe,
    finish_generation,
    generic_tokenizer,
    ids,
    metaspace_bpe,
    save,
    seeded,
    vocab_and_merges,
    whisper_features,
)

CANARY_LANGS = ["en", "de", "fr", "es"]
SEAMLESS_LANGS = ["eng", "fra", "deu", "spa"]
# the FastConformer encoder Canary and Cohere ASR share
PARAKEET_ENCODER = dict(
    model_type="parakeet_encoder",
    hidden_size=32,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=64,
    num_mel_bins=128,
    subsampling_conv_channels=8,
    layerdrop=0.0,
    dropout=0.0,
    activation_dropout=0.0,
    attention_dropout=0.0,
)


def whisper(out: Path) -> Path:
    from transformers import (
        WhisperConfig,
        WhisperForConditionalGeneration,
        WhisperProcessor,
        WhisperTokenizer,
    )

    specials = [
        "<|endoftext|>",
        "<|startoftranscript|>",
        "<|en|>",
        "<|transcribe|>",
        "<|translate|>",
        "<|notimestamps|>",
        "<|startoflm|>",
        "<|startofprev|>",
        "<|nocaptions|>",
    ]
    vocab, merges = vocab_and_merges(byte_bpe(specials))
    tokenizer = WhisperTokenizer(vocab=vocab, merges=merges)
    tokenizer.add_special_tokens({"additional_special_tokens": specials[1:]})
    end, start = ids(tokenizer, "<|endoftext|>"), ids(tokenizer, "<|startoftranscript|>")
    processor = WhisperProcessor(feature_extractor=whisper_features(80), tokenizer=tokenizer)
    config = WhisperConfig(
        vocab_size=len(tokenizer),
        num_mel_bins=80,
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_source_positions=WINDOW * 50,
        max_target_positions=448,
        pad_token_id=end,
        bos_token_id=end,
        eos_token_id=end,
        decoder_start_token_id=start,
    )
    model = seeded(WhisperForConditionalGeneration, config)
    finish_generation(
        model,
        eos=end,
        pad=end,
        decoder_start=start,
        begin_suppress_tokens=None,
        suppress_tokens=None,
        forced_decoder_ids=None,
        lang_to_id={"<|en|>": ids(tokenizer, "<|en|>")},
        task_to_id={
            "transcribe": ids(tokenizer, "<|transcribe|>"),
            "translate": ids(tokenizer, "<|translate|>"),
        },
        no_timestamps_token_id=ids(tokenizer, "<|notimestamps|>"),
        is_multilingual=True,
    )
    return save(out, model, processor)


def canary(out: Path) -> Path:
    """Canary (FastConformer encoder + transformer decoder). Its processor's chat template turns the
    user turn's audio + {source_language, target_language, punctuation} into the decoder prompt; free
    text is not part of it."""
    from transformers import (
        CanaryConfig,
        CanaryForConditionalGeneration,
        CanaryProcessor,
        ParakeetFeatureExtractor,
    )

    specials = [
        "<|nospeech|>",
        "<|startofcontext|>",
        "<|startoftranscript|>",
        "<|emo:undefined|>",
        "<|pnc|>",
        "<|nopnc|>",
        "<|itn|>",
        "<|noitn|>",
        "<|timestamp|>",
        "<|notimestamp|>",
        "<|diarize|>",
        "<|nodiarize|>",
        *[f"<|{code}|>" for code in CANARY_LANGS],
    ]
    tokenizer = generic_tokenizer(
        specials, bos="<|startoftranscript|>", eos="<|endoftext|>", pad="<pad>", unk="<unk>", spm=True
    )
    template = (
        "{% for message in messages %}{% if message['role'] == 'user' %}"
        "{% set ns = namespace(src='en', tgt=none, pnc=true) %}{% for part in message['content'] %}"
        "{% if part['type'] == 'text' %}"
        "{% if part.get('source_language') %}{% set ns.src = part['source_language'] %}{% endif %}"
        "{% if part.get('target_language') %}{% set ns.tgt = part['target_language'] %}{% endif %}"
        "{% if part.get('punctuation') is not none and 'punctuation' in part %}"
        "{% set ns.pnc = part['punctuation'] %}{% endif %}{% endif %}{% endfor %}"
        "<|startofcontext|><|startoftranscript|><|emo:undefined|><|{{ ns.src }}|><|{{ ns.tgt or ns.src }}|>"
        "{{ '<|pnc|>' if ns.pnc else '<|nopnc|>' }}<|noitn|><|notimestamp|><|nodiarize|>"
        "{% endif %}{% endfor %}"
    )
    processor = CanaryProcessor(
        feature_extractor=ParakeetFeatureExtractor(feature_size=128),
        tokenizer=tokenizer,
        chat_template=template,
    )
    pad, start, end = (
        ids(tokenizer, "<pad>"),
        ids(tokenizer, "<|startoftranscript|>"),
        ids(tokenizer, "<|endoftext|>"),
    )
    context = ids(tokenizer, "<|startofcontext|>")
    config = CanaryConfig(
        encoder_config=dict(PARAKEET_ENCODER, scale_input=False),
        decoder_config=dict(
            vocab_size=len(tokenizer),
            hidden_size=32,
            intermediate_size=64,
            num_hidden_layers=1,
            num_attention_heads=2,
            num_key_value_heads=2,
            head_dim=16,
            max_position_embeddings=512,
            pad_token_id=pad,
            bos_token_id=start,
            eos_token_id=end,
        ),
        vocab_size=len(tokenizer),
        pad_token_id=pad,
        bos_token_id=start,
        eos_token_id=end,
        decoder_start_token_id=context,
        tie_word_embeddings=False,
    )
    model = seeded(CanaryForConditionalGeneration, config)
    finish_generation(model, eos=end, pad=pad, bos=start, decoder_start=context)
    return save(out, model, processor)


def cohere_asr(out: Path) -> Path:
    """Cohere ASR (Parakeet encoder + decoder): `processor(audio, language=...)` builds the decoder
    prompt; no chat template, no instruction."""
    from transformers import CohereAsrConfig, CohereAsrForConditionalGeneration, CohereAsrProcessor
    from transformers.models.cohere_asr.feature_extraction_cohere_asr import CohereAsrFeatureExtractor

    specials = [
        "\u2581",
        "<|startofcontext|>",
        "<|startoftranscript|>",
        "<|emo:undefined|>",
        "<|pnc|>",
        "<|nopnc|>",
        "<|noitn|>",
        "<|notimestamp|>",
        "<|nodiarize|>",
        *[f"<|{code}|>" for code in CANARY_LANGS],
    ]
    tokenizer = generic_tokenizer(
        specials, bos="<|startoftranscript|>", eos="<|endoftext|>", pad="<pad>", unk="<unk>", spm=True
    )
    processor = CohereAsrProcessor(
        feature_extractor=CohereAsrFeatureExtractor(feature_size=128), tokenizer=tokenizer
    )
    pad, start, end = (
        ids(tokenizer, "<pad>"),
        ids(tokenizer, "<|startoftranscript|>"),
        ids(tokenizer, "<|endoftext|>"),
    )
    config = CohereAsrConfig(
        encoder_config=PARAKEET_ENCODER,
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        pad_token_id=pad,
        eos_token_id=end,
        bos_token_id=start,
        decoder_start_token_id=start,
    )
    model = seeded(CohereAsrForConditionalGeneration, config)
    finish_generation(model, eos=end, pad=pad, decoder_start=start)
    return save(out, model, processor)


def _moonshine(out: Path, streaming: bool) -> Path:
    import transformers
    from transformers import Wav2Vec2FeatureExtractor

    tokenizer = generic_tokenizer([], bos="<s>", eos="</s>", pad="<pad>", unk="<unk>", spm=True)
    extractor = Wav2Vec2FeatureExtractor(
        feature_size=1, sampling_rate=16000, padding_value=0.0, do_normalize=False, return_attention_mask=True
    )
    start, end, pad = ids(tokenizer, "<s>"), ids(tokenizer, "</s>"), ids(tokenizer, "<pad>")
    shared = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        max_position_embeddings=512,
        decoder_start_token_id=start,
        bos_token_id=start,
        eos_token_id=end,
        pad_token_id=pad,
        tie_word_embeddings=False,
    )
    if streaming:
        processor = transformers.MoonshineStreamingProcessor(feature_extractor=extractor, tokenizer=tokenizer)
        config = transformers.MoonshineStreamingConfig(
            encoder_config=dict(
                hidden_size=32,
                intermediate_size=64,
                num_hidden_layers=2,
                num_attention_heads=2,
                num_key_value_heads=2,
                sliding_windows=[[16, 4], [16, 0]],
            ),
            num_hidden_layers=1,
            num_attention_heads=2,
            num_key_value_heads=2,  # read by the decoder; published configs carry it
            **shared,
        )
        model = seeded(transformers.MoonshineStreamingForConditionalGeneration, config)
    else:
        processor = transformers.Wav2Vec2Processor(feature_extractor=extractor, tokenizer=tokenizer)
        config = transformers.MoonshineConfig(
            encoder_num_hidden_layers=1,
            decoder_num_hidden_layers=1,
            encoder_num_attention_heads=2,
            decoder_num_attention_heads=2,
            **shared,
        )
        model = seeded(transformers.MoonshineForConditionalGeneration, config)
    finish_generation(model, eos=end, pad=pad, decoder_start=start, bos=start)
    return save(out, model, processor)


def moonshine(out: Path) -> Path:
    """Moonshine: raw 16 kHz audio (a Wav2Vec2 processor, no template) -> encoder-decoder."""
    return _moonshine(out, streaming=False)


def moonshine_streaming(out: Path) -> Path:
    """Moonshine Streaming: its processor pads clips to whole 80-sample frames."""
    return _moonshine(out, streaming=True)


def _sentencepiece_model(folder: Path, name: str, kind: str = "bpe", vocab_size: int = 120) -> Path:
    """A tiny sentencepiece model (the published S2T and SpeechT5 tokenizers are sentencepiece files)."""
    import io

    import sentencepiece

    buffer = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 3),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type=kind,
        bos_id=0,
        pad_id=1,
        eos_id=2,
        unk_id=3,
        minloglevel=2,
        hard_vocab_limit=False,
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def fairseq_ids(tokenizer) -> dict:
    """Special ids of a sentencepiece seq2seq model whose decoder starts at </s> (fairseq's way)."""
    return dict(
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        tie_word_embeddings=False,
    )


def _encoder_decoder(out: Path, model_class, config, processor, tokenizer) -> Path:
    """Save a sentencepiece seq2seq model whose decoder starts at </s> (fairseq's convention)."""
    model = seeded(model_class, config)
    finish_generation(
        model, eos=tokenizer.eos_token_id, pad=tokenizer.pad_token_id, decoder_start=tokenizer.eos_token_id
    )
    return save(out, model, processor)


def speech_to_text(out: Path) -> Path:
    """Speech2Text (fairseq S2T): filter banks + conv + transformer; sentencepiece tokenizer."""
    import sentencepiece
    from transformers import (
        Speech2TextConfig,
        Speech2TextFeatureExtractor,
        Speech2TextForConditionalGeneration,
        Speech2TextProcessor,
        Speech2TextTokenizer,
    )

    scratch = Path(out) / "_spm"
    model_file = _sentencepiece_model(scratch, "sentencepiece.bpe.model")
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
    vocab = {pieces.id_to_piece(i): i for i in range(pieces.get_piece_size())}
    (scratch / "vocab.json").write_text(json.dumps(vocab))
    tokenizer = Speech2TextTokenizer(vocab_file=str(scratch / "vocab.json"), spm_file=str(model_file))
    processor = Speech2TextProcessor(
        feature_extractor=Speech2TextFeatureExtractor(feature_size=80), tokenizer=tokenizer
    )
    config = Speech2TextConfig(
        vocab_size=len(vocab),
        encoder_layers=1,
        encoder_ffn_dim=32,
        encoder_attention_heads=2,
        decoder_layers=1,
        decoder_ffn_dim=32,
        decoder_attention_heads=2,
        d_model=16,
        conv_channels=16,
        max_source_positions=600,
        max_target_positions=512,
        **fairseq_ids(tokenizer),
    )
    folder = _encoder_decoder(out, Speech2TextForConditionalGeneration, config, processor, tokenizer)
    shutil.rmtree(scratch)
    return folder


def speecht5(out: Path) -> Path:
    """SpeechT5 (ASR head): raw audio -> speech prenet -> text decoder; character sentencepiece."""
    from transformers import (
        SpeechT5Config,
        SpeechT5FeatureExtractor,
        SpeechT5ForSpeechToText,
        SpeechT5Processor,
        SpeechT5Tokenizer,
    )

    scratch = Path(out) / "_spm"
    tokenizer = SpeechT5Tokenizer(vocab_file=str(_sentencepiece_model(scratch, "spm_char.model", "char", 60)))
    processor = SpeechT5Processor(feature_extractor=SpeechT5FeatureExtractor(), tokenizer=tokenizer)
    config = SpeechT5Config(
        vocab_size=len(tokenizer),
        hidden_size=16,
        encoder_layers=1,
        encoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_layers=1,
        decoder_ffn_dim=32,
        decoder_attention_heads=2,
        conv_dim=[8] * 7,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
        speech_decoder_prenet_units=16,
        speaker_embedding_dim=8,
        speech_decoder_postnet_units=16,
        max_text_positions=512,
        encoder_layerdrop=0.0,
        decoder_layerdrop=0.0,
        apply_spec_augment=False,
        **fairseq_ids(tokenizer),
    )
    folder = _encoder_decoder(out, SpeechT5ForSpeechToText, config, processor, tokenizer)
    shutil.rmtree(scratch)
    return folder


def _seamless(out: Path, v2: bool) -> Path:
    """SeamlessM4T (v1 / v2) full checkpoint: speech + text encoders, text decoder, T2U, vocoder.
    Speech-to-text generation needs a target language; no chat template."""
    import transformers
    from transformers import SeamlessM4TFeatureExtractor, SeamlessM4TProcessor, SeamlessM4TTokenizer

    langs = [f"__{code}__" for code in SEAMLESS_LANGS]
    vocab, merges = vocab_and_merges(metaspace_bpe(["<pad>", "<unk>", "<s>", "</s>", *langs]))
    tokenizer = SeamlessM4TTokenizer(
        vocab=vocab, merges=merges, additional_special_tokens=langs, src_lang="eng", tgt_lang="eng"
    )
    processor = SeamlessM4TProcessor(feature_extractor=SeamlessM4TFeatureExtractor(), tokenizer=tokenizer)
    pad, start, end = ids(tokenizer, "<pad>"), ids(tokenizer, "<s>"), ids(tokenizer, "</s>")
    units = 64
    settings = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        encoder_layers=1,
        encoder_ffn_dim=32,
        encoder_attention_heads=2,
        decoder_layers=1,
        decoder_ffn_dim=32,
        decoder_attention_heads=2,
        max_position_embeddings=512,
        speech_encoder_layers=1,
        speech_encoder_attention_heads=2,
        speech_encoder_intermediate_size=32,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
        adaptor_kernel_size=8,
        adaptor_stride=8,
        conv_depthwise_kernel_size=5,
        encoder_layerdrop=0.0,
        decoder_layerdrop=0.0,
        speech_encoder_layerdrop=0.0,
        t2u_vocab_size=units + 8,
        t2u_encoder_layers=1,
        t2u_encoder_ffn_dim=32,
        t2u_encoder_attention_heads=2,
        t2u_decoder_layers=1,
        t2u_decoder_ffn_dim=32,
        t2u_decoder_attention_heads=2,
        t2u_max_position_embeddings=256,
        unit_hifi_gan_vocab_size=units,
        unit_embed_dim=16,
        lang_embed_dim=8,
        spkr_embed_dim=8,
        upsample_initial_channel=64,
        vocoder_num_langs=len(SEAMLESS_LANGS),
        vocoder_num_spkrs=2,
        pad_token_id=pad,
        bos_token_id=start,
        eos_token_id=end,
        decoder_start_token_id=end,
        tie_word_embeddings=False,
    )
    if v2:
        settings.update(
            char_vocab_size=64,
            t2u_variance_predictor_embed_dim=16,
            t2u_variance_predictor_hidden_dim=16,
            t2u_variance_pred_dropout=0.0,
        )
    prefix = "SeamlessM4Tv2" if v2 else "SeamlessM4T"
    model = seeded(
        getattr(transformers, prefix + "Model"), getattr(transformers, prefix + "Config")(**settings)
    )
    finish_generation(
        model,
        eos=end,
        pad=pad,
        decoder_start=end,
        bos=start,
        text_decoder_lang_to_code_id={c: ids(tokenizer, f"__{c}__") for c in SEAMLESS_LANGS},
        t2u_lang_code_to_id={c: units + 4 + i for i, c in enumerate(SEAMLESS_LANGS)},
        vocoder_lang_code_to_id={c: i for i, c in enumerate(SEAMLESS_LANGS)},
    )
    return save(out, model, processor)


def seamless_m4t(out: Path) -> Path:
    return _seamless(out, v2=False)


def seamless_m4t_v2(out: Path) -> Path:
    return _seamless(out, v2=True)


def kyutai_speech_to_text(out: Path) -> Path:
    """Kyutai STT: Mimi codec (24 kHz) tokens streamed into a decoder-only LM that writes text with a
    delay; `processor(audio)` then `generate`; no instruction, no template."""
    from transformers import (
        KyutaiSpeechToTextConfig,
        KyutaiSpeechToTextFeatureExtractor,
        KyutaiSpeechToTextForConditionalGeneration,
        KyutaiSpeechToTextProcessor,
    )

    tokenizer = generic_tokenizer(["<pad_text>"], bos="<s>", eos="</s>", pad="<pad>", unk="<unk>", spm=True)
    processor = KyutaiSpeechToTextProcessor(
        feature_extractor=KyutaiSpeechToTextFeatureExtractor(), tokenizer=tokenizer
    )
    codebooks, codes = 4, 33
    config = KyutaiSpeechToTextConfig(
        codebook_vocab_size=codes,
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        head_dim=16,
        max_position_embeddings=750,
        sliding_window=375,
        ffn_dim=64,
        num_codebooks=codebooks,
        audio_bos_token_id=codes - 1,
        audio_pad_token_id=len(tokenizer) + codebooks * codes,
        pad_token_id=ids(tokenizer, "<pad_text>"),
        bos_token_id=ids(tokenizer, "<s>"),
        eos_token_id=None,
        codec_config=dict(
            model_type="mimi",
            hidden_size=16,
            num_filters=4,
            codebook_size=codes - 1,
            codebook_dim=8,
            num_quantizers=codebooks,
            vector_quantization_hidden_dimension=8,
            num_semantic_quantizers=1,
            upsample_groups=16,
            num_hidden_layers=1,
            intermediate_size=32,
            num_attention_heads=2,
            num_key_value_heads=2,
            head_dim=8,
        ),
        tie_word_embeddings=False,
    )
    model = seeded(KyutaiSpeechToTextForConditionalGeneration, config)
    random_codebooks(model)
    finish_generation(model, pad=ids(tokenizer, "<pad_text>"), bos=ids(tokenizer, "<s>"))
    return save(out, model, processor)


def random_codebooks(model) -> None:
    """Random VQ codebooks: Mimi keeps them in buffers that random init leaves at zero, so every frame
    would map to one code and the audio could not reach the LM."""
    import torch

    generator = torch.Generator().manual_seed(0)
    for name, buffer in model.named_buffers():
        leaf = name.rsplit(".", 1)[-1]
        if "codebook" in name and leaf in ("embed_sum", "embed", "embed_avg"):
            buffer.copy_(torch.randn(buffer.shape, generator=generator))
        elif "codebook" in name and leaf in ("cluster_usage", "cluster_size"):
            buffer.fill_(1.0)
