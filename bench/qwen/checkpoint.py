"""Build a randomly initialised Qwen-VL checkpoint on disk, offline: tiny for the tests, or full size for timings.

It has the real architecture and processor of its family and a Qwen-style chat template, so ``QwenExtractor``
loads it through the same ``from_pretrained`` path as published weights. The tiny size (a fraction of a second
to build) exercises every code path; the published size (``8b``: Qwen3-VL-8B-Instruct's configuration) costs
what the real model costs on a GPU. Either way the answers are noise: the tokenizer is a small BPE trained here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from transformers import (
    AutoModelForImageTextToText,
    GenerationConfig,
    Qwen2_5_VLConfig,
    Qwen2_5_VLProcessor,
    Qwen2Tokenizer,
    Qwen2VLConfig,
    Qwen2VLImageProcessor,
    Qwen2VLProcessor,
    Qwen2VLVideoProcessor,
    Qwen3VLConfig,
    Qwen3VLProcessor,
    Qwen3VLVideoProcessor,
)
from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

SPECIAL_TOKENS = (
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|object_ref_start|>",
    "<|object_ref_end|>",
    "<|box_start|>",
    "<|box_end|>",
    "<|quad_start|>",
    "<|quad_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|vision_pad|>",
    "<|image_pad|>",
    "<|video_pad|>",
)

CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

CORPUS = (
    "Платёжное поручение № 125 от 18.04.2024. Поступило в банк плательщика.",
    "Получатель ООО «Ромашка» ИНН 7701234567 КПП 770101001 Сч. № 40702810900000012345",
    "Банк получателя ПАО Сбербанк г. Москва БИК 044525225 Сч. № 30101810400000000225",
    "Сумма 1 234,50 руб. Назначение платежа: оплата по счёту № 17, в т.ч. НДС 20%.",
    "Кассовый чек. Приход. ИТОГ =1234.50 ФН 9960440300123456 ФД 12345 ФП 3456789012",
    "Плательщик Иванов Иван Иванович. Квитанция об оплате, дата 18 апреля 2024 г.",
    '{"document_type": "bank_transfer", "recipient_inn": "7701234567", "amount": "1234.50",'
    ' "currency": "RUB", "payment_date": "2024-04-18", "purpose": null}',
)


def build_tokenizer(vocab_size: int = 512) -> Qwen2Tokenizer:
    """A byte-level BPE with Qwen's pre-tokenizer (digits split one by one) and Qwen's special tokens."""
    backend = Tokenizer(models.BPE())
    backend.normalizer = normalizers.NFC()
    backend.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        special_tokens=list(SPECIAL_TOKENS),
        show_progress=False,
    )
    backend.train_from_iterator(CORPUS * 4, trainer)
    tokenizer = Qwen2Tokenizer(
        tokenizer_object=backend,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        extra_special_tokens=list(SPECIAL_TOKENS[1:]),
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


@dataclass(frozen=True)
class _Family:
    """A family's classes, and what its tiny size sets beyond the sizes all families share."""

    config: Any
    processor: Any
    video_processor: Any
    patch_size: int
    tiny_vision: dict[str, Any]
    tiny_text: dict[str, Any] = field(default_factory=dict)


_FAMILIES: dict[str, _Family] = {
    "qwen2_vl": _Family(
        Qwen2VLConfig,
        Qwen2VLProcessor,
        Qwen2VLVideoProcessor,
        patch_size=14,
        tiny_vision={"embed_dim": 32, "hidden_size": 64},
    ),
    "qwen2_5_vl": _Family(
        Qwen2_5_VLConfig,
        Qwen2_5_VLProcessor,
        Qwen2VLVideoProcessor,
        patch_size=14,
        tiny_vision={
            "hidden_size": 32,
            "intermediate_size": 64,
            "out_hidden_size": 64,
            "window_size": 112,
            "fullatt_block_indexes": [1],
        },
    ),
    "qwen3_vl": _Family(
        Qwen3VLConfig,
        Qwen3VLProcessor,
        Qwen3VLVideoProcessor,
        patch_size=16,
        tiny_vision={
            "hidden_size": 32,
            "intermediate_size": 64,
            "out_hidden_size": 64,
            "num_position_embeddings": 64,
            "deepstack_visual_indexes": [0, 1],
        },
        tiny_text={
            "head_dim": 16,
            "rope_parameters": {
                "rope_type": "default",
                "rope_theta": 10000.0,
                "mrope_section": [4, 2, 2],
                "mrope_interleaved": True,
            },
        },
    ),
}
FAMILIES = tuple(_FAMILIES)


_TINY_TEXT: dict[str, Any] = {
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "rope_parameters": {"rope_type": "default", "rope_theta": 10000.0, "mrope_section": [4, 2, 2]},
}
_TINY_VISION: dict[str, Any] = {"depth": 2, "num_heads": 4, "spatial_merge_size": 2, "temporal_patch_size": 2}


@dataclass(frozen=True)
class PublishedSize:
    """The towers of a published checkpoint, copied from its ``config.json``, and its parameter count."""

    family: str
    text: dict[str, Any]
    vision: dict[str, Any]
    parameters: float
    """As published, so a test can check the sizes above add up to the same model."""


PUBLISHED: dict[str, PublishedSize] = {
    "8b": PublishedSize(
        "qwen3_vl",
        text={
            "vocab_size": 151936,
            "hidden_size": 4096,
            "intermediate_size": 12288,
            "num_hidden_layers": 36,
            "num_attention_heads": 32,
            "num_key_value_heads": 8,
            "head_dim": 128,
            "max_position_embeddings": 262144,
            "rms_norm_eps": 1e-6,
            "tie_word_embeddings": False,
            "rope_parameters": {
                "rope_type": "default",
                "rope_theta": 5000000.0,
                "mrope_section": [24, 20, 20],
                "mrope_interleaved": True,
            },
        },
        vision={
            "depth": 27,
            "hidden_size": 1152,
            "intermediate_size": 4304,
            "num_heads": 16,
            "out_hidden_size": 4096,
            "patch_size": 16,
            "spatial_merge_size": 2,
            "temporal_patch_size": 2,
            "num_position_embeddings": 2304,
            "deepstack_visual_indexes": [8, 16, 24],
            "hidden_act": "gelu_pytorch_tanh",
        },
        parameters=8.77e9,
    ),
}
"""Qwen/Qwen3-VL-8B-Instruct, the backend's default checkpoint (8.77B parameters as its card states)."""
SIZES = ("tiny", *PUBLISHED)


def checkpoint_config(family: str, size: str, tokenizer: Any) -> Any:
    """The model configuration of ``family`` at ``size`` ("tiny" or a published one), with ``tokenizer``'s ids.

    Tiny: text hidden 64, 2 layers, 4 heads of 16 (mrope [4, 2, 2]), vision depth 2. A published size keeps its
    vocabulary of 151,936 (the embedding and the LM head cost what they cost); ids the small tokenizer does not
    know decode to nothing.
    """
    if family not in _FAMILIES:
        raise ValueError(f"unknown family {family!r}; expected one of {FAMILIES}")
    spec = _FAMILIES[family]
    if size == "tiny":
        text = {"vocab_size": len(tokenizer), **_TINY_TEXT, **spec.tiny_text}
        vision = {**_TINY_VISION, "patch_size": spec.patch_size, **spec.tiny_vision}
        tied: dict[str, Any] = {}
    elif size in PUBLISHED and PUBLISHED[size].family == family:
        text, vision = dict(PUBLISHED[size].text), dict(PUBLISHED[size].vision)
        tied = {"tie_word_embeddings": text["tie_word_embeddings"]}
    else:
        raise ValueError(f"no size {size!r} for {family}; expected tiny or one of {sorted(PUBLISHED)} ({SIZES})")
    text |= {
        "bos_token_id": tokenizer.pad_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
    }
    ids = tokenizer.convert_tokens_to_ids
    return spec.config(
        text_config=text,
        vision_config=vision,
        image_token_id=ids("<|image_pad|>"),
        video_token_id=ids("<|video_pad|>"),
        vision_start_token_id=ids("<|vision_start|>"),
        vision_end_token_id=ids("<|vision_end|>"),
        **tied,
    )


def build_checkpoint(family: str, directory: Path, *, size: str = "tiny", seed: int = 0, device: str = "cpu") -> Path:
    """Save a ``family`` checkpoint of ``size`` (weights, config, tokenizer, processor) into ``directory``.

    A published size is built in bfloat16 on ``device`` (a GPU builds 8B in seconds; float32 on a CPU would
    need 35 GB); the tiny one in float32.
    """
    tokenizer = build_tokenizer()
    config = checkpoint_config(family, size, tokenizer)  # refuses unknown families and sizes
    spec = _FAMILIES[family]
    torch.manual_seed(seed)
    dtype = torch.float32 if size == "tiny" else torch.bfloat16
    with torch.device(device):
        model = AutoModelForImageTextToText.from_config(config, dtype=dtype)  # type: ignore[no-untyped-call]
    model.generation_config = GenerationConfig(  # type: ignore[no-untyped-call]
        bos_token_id=tokenizer.pad_token_id,
        eos_token_id=[tokenizer.eos_token_id, tokenizer.pad_token_id],
        pad_token_id=tokenizer.pad_token_id,
    )
    processor = spec.processor(
        image_processor=Qwen2VLImageProcessor(patch_size=spec.patch_size),
        tokenizer=tokenizer,
        video_processor=spec.video_processor(patch_size=spec.patch_size),
        chat_template=CHAT_TEMPLATE,
    )
    model.save_pretrained(directory)
    processor.save_pretrained(directory)
    return directory
