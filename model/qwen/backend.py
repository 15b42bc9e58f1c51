"""Qwen-VL through Hugging Face transformers: load a checkpoint, generate greedily in batches, decode.

torch and transformers are imported when a model is loaded, not when this module is, so the rest of the
package (and its tests) works on hosts without them. One class serves the Qwen2-VL, Qwen2.5-VL and Qwen3-VL
families: all load through ``AutoModelForImageTextToText`` and ``AutoProcessor``.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from model.budget import check_deadline, seconds_left
from model.qwen.answer import Generation, QwenAnswer, answer_images
from model.qwen.prompt import Conversation, first_turn, retry_turn

if TYPE_CHECKING:
    import torch

DEFAULT_CHECKPOINT = "Qwen/Qwen3-VL-8B-Instruct"
"""Apache-2.0, DocVQA 96.1 / OCRBench 896 (tech report); about 17 GB of bf16 weights."""

_HUB_ID = re.compile(r"[\w.-]+/[\w.-]+")


def gpu_available() -> bool:
    """True when torch is installed and sees a CUDA device: what ``auto`` needs to choose Qwen-VL."""
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def resolve_weights(source: str) -> str:
    """Where ``from_pretrained`` should read the weights: a local checkpoint directory or a hub id.

    A hub id goes through the normal Hugging Face cache (``HF_HOME``); an offline host must have it
    pre-populated (``hf download <id>``) and should set ``HF_HUB_OFFLINE=1``.
    """
    if source.startswith("s3://"):
        raise ValueError(
            f"{source}: the module reads weights from a folder; set the model's manifest source to this URL and "
            "the runtime mirrors it into a folder before load() (RECEIPT_QWEN_WEIGHTS: $(MODEL_SOURCE))."
        )
    if "://" in source:
        raise ValueError(f"{source}: unsupported weights source; pass a local directory or a hub id (org/name).")
    path = Path(source).expanduser()
    if path.is_dir():
        return str(path.resolve())
    if path.exists():
        raise ValueError(f"{source}: is a file; pass the checkpoint directory (config.json, weights, processor).")
    if path.is_absolute() or source.startswith((".", "~")) or not _HUB_ID.fullmatch(source):
        raise FileNotFoundError(f"{source}: no such checkpoint directory.")
    return source


def _generated_length(tokens: Sequence[int], stop_ids: frozenset[int]) -> int:
    """How many of the new ``tokens`` the model produced: through the first stop token, before the padding."""
    for index, token in enumerate(tokens):
        if token in stop_ids:
            return index + 1
    return len(tokens)


def _stop_ids(*ids: int | list[int] | None) -> frozenset[int]:
    """Token ids that end a turn, gathered from the tokenizer and the checkpoint's generation config."""
    found: set[int] = set()
    for value in ids:
        if isinstance(value, int):
            found.add(value)
        elif value is not None:
            found.update(value)
    return frozenset(found)


class QwenExtractor:
    """A loaded Qwen-VL checkpoint that reads payment details from document images.

    ``device`` defaults to CUDA when present (bf16), else CPU (float32); attention is SDPA. The pixel budget
    is given in visual tokens and turned into the image processor's min/max pixels for the checkpoint's patch
    size, so the same budget means 28x28-pixel tokens on Qwen2/2.5-VL and 32x32 on Qwen3-VL. Decoding is
    greedy; the checkpoint's repetition penalty, if it sets one, still applies.

    ``static_cache`` preallocates the KV cache, and on CUDA transformers then compiles the decoding step
    (``torch.compile`` with CUDA graphs): on an H200 with Qwen3-VL-8B a token took 10 ms instead of 95
    (``make bench-qwen``). It is on by default on CUDA, where loading then ends with ``warm_up``, so that the
    compilation (49 s there) happens before the first page, not during it.
    """

    def __init__(
        self,
        source: str = DEFAULT_CHECKPOINT,
        *,
        device: str | None = None,
        dtype: str | None = None,
        max_new_tokens: int = 512,
        min_visual_tokens: int = 256,
        max_visual_tokens: int = 1280,
        static_cache: bool | None = None,
    ) -> None:
        if not 0 < min_visual_tokens <= max_visual_tokens:
            raise ValueError(f"visual token budget {min_visual_tokens}..{max_visual_tokens} is empty")
        self.source = source
        self.max_new_tokens = max_new_tokens
        self.max_visual_tokens = max_visual_tokens
        self.device, self.dtype = _device_and_dtype(device, dtype)
        self.static_cache = self.device.startswith("cuda") if static_cache is None else static_cache
        self.model, self.processor = _load(resolve_weights(source), self.device, self.dtype)
        self._generating = threading.Lock()
        """One generation at a time: the runtime calls from worker threads, and the compiled decoding step's CUDA
        graphs are recorded per thread; a second batch-1 generation beside the first would gain little anyway."""
        tokenizer = self.processor.tokenizer
        tokenizer.padding_side = "left"
        image_processor = self.processor.image_processor
        self.token_side: int = image_processor.patch_size * image_processor.merge_size
        """Pixels on a side of the square one visual token covers: 28 on Qwen2/2.5-VL, 32 on Qwen3-VL."""
        self.image_size = {
            "shortest_edge": min_visual_tokens * self.token_side**2,
            "longest_edge": max_visual_tokens * self.token_side**2,
        }
        self._stop = _stop_ids(tokenizer.eos_token_id, self.model.generation_config.eos_token_id)
        self.generation_options: dict[str, Any] = {
            "do_sample": False,
            "max_new_tokens": self.max_new_tokens,
            "eos_token_id": sorted(self._stop),
            "pad_token_id": tokenizer.pad_token_id,
            **({"cache_implementation": "static"} if self.static_cache else {}),
        }
        """What ``generate`` passes to ``model.generate``: greedy, capped, stopping at the end of the turn."""
        if self.static_cache and self.device.startswith("cuda"):
            self.warm_up()

    def warm_up(self) -> None:
        """Generate once over the longest input this extractor can be given, at batch 1 as the pipeline reads pages.

        With a static cache transformers compiles the decoding step per batch size and cache length, and keeps
        the longest cache length it has seen. A blank page at the whole pixel budget, in a retry turn after an
        answer as long as the cap (digits: one token each in Qwen's tokenizers), fixes that length for every
        later page and retry, so none of them compiles again.
        """
        width = math.isqrt(self.max_visual_tokens)
        height = self.max_visual_tokens // width
        page = Image.new("RGB", (width * self.token_side, height * self.token_side), "white")
        spare = self.max_visual_tokens - width * height + 16  # the page's missing tokens, and re-tokenizing slack
        self.generate([page], [retry_turn(first_turn(), "0" * (self.max_new_tokens + spare))])

    def extract(self, images: Sequence[Image.Image]) -> list[QwenAnswer]:
        """Payment details for each image, generated as one batch (plus one batch of retries if needed)."""
        return answer_images(images, self.generate)

    def prepare_inputs(self, images: Sequence[Image.Image], conversations: Sequence[Conversation]) -> Any:
        """Token ids, attention mask and pixel values for one batch, left-padded, within the pixel budget."""
        if len(images) != len(conversations):
            raise ValueError(f"{len(images)} images but {len(conversations)} conversations")
        texts = [
            self.processor.apply_chat_template(conversation, add_generation_prompt=True, tokenize=False)
            for conversation in conversations
        ]
        rgb = [image.convert("RGB") for image in images]
        return self.processor(text=texts, images=rgb, size=self.image_size, padding=True, return_tensors="pt")

    def generate(
        self, images: Sequence[Image.Image], conversations: Sequence[Conversation], *, streamer: Any = None
    ) -> list[Generation]:
        """Greedy answers for each (image, conversation) pair; each is charged an equal share of the time.

        ``streamer`` (a transformers ``BaseStreamer``) sees the tokens as they come: the prompt, then each step's.
        Generation stops at the caller's deadline (``model.budget``: transformers' ``max_time``, checked after each
        step), and then ``DeadlineExceededError`` is raised instead of answering from a cut-off text.
        """
        if not images:
            return []
        inputs = self.prepare_inputs(images, conversations).to(device=self.device, dtype=self.dtype)
        with self._generating:  # the time spent waiting for another generation counts against the deadline too
            check_deadline("generating")
            left = seconds_left()
            until = {} if math.isinf(left) else {"max_time": left}
            started = time.perf_counter()
            output = self.model.generate(**inputs, **self.generation_options, **until, streamer=streamer)
        check_deadline("the generation's answer was complete")
        new_tokens: list[list[int]] = output[:, inputs["input_ids"].shape[1] :].tolist()
        share_ms = (time.perf_counter() - started) * 1000 / len(images)
        return [self._decode(tokens, share_ms) for tokens in new_tokens]

    def _decode(self, tokens: list[int], generate_ms: float) -> Generation:
        length = _generated_length(tokens, self._stop)
        text = self.processor.tokenizer.decode(tokens[:length], skip_special_tokens=True)
        return Generation(text=text, new_tokens=length, generate_ms=generate_ms)


def _device_and_dtype(device: str | None, dtype: str | None) -> tuple[str, torch.dtype]:
    """CUDA when present, else CPU; bf16 on CUDA, float32 elsewhere (bf16 matmuls are slow on CPU)."""
    import torch

    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if dtype is None:
        return device, torch.bfloat16 if device.startswith("cuda") else torch.float32
    named = getattr(torch, dtype, None)
    if not isinstance(named, torch.dtype) or not named.is_floating_point:
        raise ValueError(f"dtype {dtype!r} is not a torch floating-point type (bfloat16, float16, float32)")
    return device, named


def _load(weights: str, device: str, dtype: torch.dtype) -> tuple[Any, Any]:
    """Model (in eval mode, on ``device``) and processor of the checkpoint at ``weights``."""
    import transformers

    auto_model: Any = transformers.AutoModelForImageTextToText  # its annotations do not type-check `str`
    model = auto_model.from_pretrained(weights, dtype=dtype, attn_implementation="sdpa")
    processor: Any = transformers.AutoProcessor.from_pretrained(weights)  # type: ignore[no-untyped-call]
    return model.to(device).eval(), processor
