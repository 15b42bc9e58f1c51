"""``make bench-qwen``: the Qwen-VL backend's cost on this machine's GPU, per batch size, on the corpus's pages.

A checkpoint of the default model's published architecture (Qwen3-VL-8B-Instruct) is built with random weights,
saved, and loaded through ``QwenExtractor`` exactly as published weights would be; the corpus's pages then go
through the backend's own ``generate``. Per KV cache and batch size it measures the processor (CPU), the prefill
(the vision tower and the prompt: until the first token), each later token, the whole greedy generation up to the
backend's cap, peak GPU memory and images per second. Random weights never stop early, so every answer runs to the
cap: the decode time per token turns that into the time of an answer of any length.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch
import transformers
from PIL import Image
from transformers.generation.stopping_criteria import StoppingCriteria, StoppingCriteriaList
from transformers.generation.streamers import BaseStreamer

from bench.qwen.checkpoint import PUBLISHED, SIZES, build_checkpoint
from bench.qwen.report import BatchFigures, QwenResults, markdown
from bench.score import load_truth
from model.qwen import QwenExtractor
from model.qwen.prompt import first_turn

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "corpus" / "data"
RESULTS = ROOT / "bench" / "results"
DYNAMIC, STATIC = "dynamic", "static"
MODES = (DYNAMIC, STATIC)
"""The backend's KV caches: growing as it goes (eager decoding), or preallocated (decoding compiled on CUDA)."""


def _synchronize(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def corpus_pages(corpus: Path, count: int) -> list[Image.Image]:
    """The first ``count`` pages of the corpus, in truth order (its three types and levels interleave)."""
    records = load_truth(corpus / "truth.jsonl")[:count]
    return [Image.open(corpus / record.file) for record in records]


class StopAfter(StoppingCriteria):
    """Ends a generation ``steps`` tokens after a prompt of ``prompt_length``, its cache sized for the full cap."""

    def __init__(self, prompt_length: int, steps: int) -> None:
        self.length = prompt_length + steps

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: Any) -> torch.Tensor:
        return torch.full((input_ids.shape[0],), input_ids.shape[1] >= self.length, device=input_ids.device)


def image_tokens(extractor: QwenExtractor, inputs: Any) -> list[int]:
    """How many visual tokens each image of prepared ``inputs`` became within the backend's pixel budget."""
    merge: int = extractor.processor.image_processor.merge_size
    return [int(grid.prod()) // merge**2 for grid in inputs["image_grid_thw"]]


def visual_tokens(extractor: QwenExtractor, page: Image.Image) -> int:
    """How many visual tokens ``page`` becomes within the backend's pixel budget."""
    return image_tokens(extractor, extractor.prepare_inputs([page], [first_turn()]))[0]


def warm_up(extractor: QwenExtractor, pages: Sequence[Image.Image]) -> float:
    """Seconds of a few tokens' generation over ``pages``: kernels load, the allocator grows, and with a static
    cache the decoding step compiles for this batch size, at a cache long enough for the longest of ``pages``."""
    started = time.perf_counter()
    inputs = extractor.prepare_inputs(pages, [first_turn()] * len(pages))
    inputs = inputs.to(device=extractor.device, dtype=extractor.dtype)
    stop = StoppingCriteriaList([StopAfter(inputs["input_ids"].shape[1], steps=8)])
    extractor.model.generate(**inputs, **extractor.generation_options, stopping_criteria=stop)
    _synchronize(extractor.device)
    return time.perf_counter() - started


class TokenClock(BaseStreamer):
    """When generation handed over the prompt and then each step's tokens: prefill and decode from one run."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def put(self, value: Any) -> None:
        self.times.append(time.perf_counter())

    def end(self) -> None:
        """Nothing to flush."""


def measure_batch(
    extractor: QwenExtractor, pages: Sequence[Image.Image], batch: int, mode: str, warm_up_s: float
) -> BatchFigures:
    """Run ``pages`` through the backend's ``generate``, ``batch`` at a time, timing its first and later tokens."""
    device = extractor.device
    if device.startswith("cuda"):
        torch.cuda.reset_peak_memory_stats()
    conversation = first_turn()
    prepare_s: list[float] = []
    prefill_s: list[float] = []
    generate_s: list[float] = []
    decode_s = 0.0
    steps = 0
    new_tokens: list[int] = []
    visual_tokens: list[int] = []
    prompt_tokens: list[int] = []
    for start in range(0, len(pages), batch):
        images = list(pages[start : start + batch])
        conversations = [conversation] * len(images)
        started = time.perf_counter()
        inputs = extractor.prepare_inputs(images, conversations)
        prepare_s.append(time.perf_counter() - started)
        per_image = image_tokens(extractor, inputs)
        visual_tokens.extend(per_image)
        prompt_tokens.extend(
            int(mask.sum()) - seen for mask, seen in zip(inputs["attention_mask"], per_image, strict=True)
        )
        clock = TokenClock()
        started = time.perf_counter()
        generations = extractor.generate(images, conversations, streamer=clock)
        _synchronize(device)
        generate_s.append(time.perf_counter() - started)
        prompt, first_token, last_token = clock.times[0], clock.times[1], clock.times[-1]
        prefill_s.append(first_token - prompt)
        decode_s += last_token - first_token
        steps += len(clock.times) - 2
        new_tokens.append(max(generation.new_tokens for generation in generations))
    return BatchFigures(
        mode=mode,
        batch=batch,
        warm_up_s=warm_up_s,
        images=len(pages),
        visual_tokens=statistics.mean(visual_tokens),
        prompt_tokens=statistics.mean(prompt_tokens),
        prepare_ms=statistics.median(prepare_s) * 1000,
        prefill_ms=statistics.median(prefill_s) * 1000,
        decode_ms_per_token=decode_s / steps * 1000 if steps else float("nan"),
        new_tokens=statistics.mean(new_tokens),
        generate_s=statistics.median(generate_s),
        images_per_s=len(pages) / sum(generate_s),  # generate runs the processor too
        peak_gpu_gb=torch.cuda.max_memory_allocated() / 1e9 if device.startswith("cuda") else None,
    )


def run(
    *,
    size: str,
    batches: Sequence[int],
    rounds: int,
    modes: Sequence[str],
    max_new_tokens: int,
    corpus: Path,
    workdir: Path,
    device: str | None,
) -> QwenResults:
    """Build, load and measure; every figure of the report comes from this one run."""
    pages = corpus_pages(corpus, rounds * max(batches))
    family = PUBLISHED[size].family if size in PUBLISHED else "qwen3_vl"
    build_device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    started = time.perf_counter()
    checkpoint = build_checkpoint(family, workdir / size, size=size, device=build_device)
    build_s = time.perf_counter() - started
    print(f"built {size} in {build_s:.0f} s", file=sys.stderr, flush=True)
    _synchronize(build_device)
    if build_device.startswith("cuda"):
        torch.cuda.empty_cache()  # the builder's copy is gone; the load below should start from an empty GPU
    figures: list[BatchFigures] = []
    load_s: dict[str, float] = {}
    tokens: list[int] = []
    for mode in modes:
        started = time.perf_counter()
        extractor = QwenExtractor(
            str(checkpoint), device=device, max_new_tokens=max_new_tokens, static_cache=mode == STATIC
        )
        _synchronize(extractor.device)
        load_s[mode] = time.perf_counter() - started  # the page cache holds the weights after the build
        parameters = sum(parameter.numel() for parameter in extractor.model.parameters())
        weights_gb = torch.cuda.memory_allocated() / 1e9 if extractor.device.startswith("cuda") else None
        tokens = tokens or [visual_tokens(extractor, page) for page in pages]  # the same processor in every mode
        for batch in batches:
            measured = range(rounds * batch)
            longest = sorted(measured, key=tokens.__getitem__, reverse=True)[:batch]
            print(f"{mode} cache, batch {batch}: warming up", file=sys.stderr, flush=True)
            warm_up_s = warm_up(extractor, [pages[index] for index in longest])
            figures.append(measure_batch(extractor, pages[: rounds * batch], batch, mode, warm_up_s))
            print(f"{figures[-1]}", file=sys.stderr, flush=True)
        device_name = torch.cuda.get_device_name() if extractor.device.startswith("cuda") else "CPU"
        dtype = str(extractor.dtype).removeprefix("torch.")
        del extractor  # the next mode loads its own copy
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    return QwenResults(
        size=size,
        family=family,
        parameters=parameters,
        checkpoint_gb=sum(path.stat().st_size for path in checkpoint.glob("*.safetensors")) / 1e9,
        build_s=build_s,
        load_s=load_s,
        weights_gb=weights_gb,
        max_new_tokens=max_new_tokens,
        device=device_name,
        dtype=dtype,
        versions=f"torch {torch.__version__}, transformers {transformers.__version__}",
        batches=figures,
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="8b", help="Architecture to build (default: 8b).")
    parser.add_argument("--batch", type=_positive, nargs="+", default=[1, 8, 32], help="Batch sizes to measure.")
    parser.add_argument("--rounds", type=_positive, default=2, help="Batches measured per batch size (default: 2).")
    parser.add_argument("--mode", nargs="+", choices=MODES, default=list(MODES), help="KV caches to measure.")
    parser.add_argument("--max-new-tokens", type=_positive, default=512, help="The backend's cap (default: its own).")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, help="Where qwen.md/.json go (default: bench/results, tiny: its tmp/).")
    parser.add_argument("--device", default=None, help="cuda or cpu (default: cuda when present).")
    args = parser.parse_args(argv)
    on_gpu = (args.device or ("cuda" if torch.cuda.is_available() else "cpu")).startswith("cuda")
    if args.size != "tiny" and not on_gpu:
        parser.error(
            f"--size {args.size} needs a CUDA GPU (an 8B model on a CPU is not a benchmark); --size tiny runs "
            "the same code on a CPU"
        )
    truth = args.corpus / "truth.jsonl"
    needed = args.rounds * max(args.batch)
    if not truth.is_file():
        parser.error(f"no corpus in {args.corpus} (truth.jsonl is missing): `make bench` generates it")
    if (pages := len(load_truth(truth))) < needed:
        parser.error(
            f"{args.rounds} round(s) of batch {max(args.batch)} need {needed} pages; {args.corpus} has {pages}"
        )
    out = args.out or RESULTS / ("tmp" if args.size == "tiny" else "")  # a tiny run's figures are not the model's
    with tempfile.TemporaryDirectory(prefix="bench-qwen-") as workdir:
        results = run(
            size=args.size,
            batches=args.batch,
            rounds=args.rounds,
            modes=args.mode,
            max_new_tokens=args.max_new_tokens,
            corpus=args.corpus,
            workdir=Path(workdir),
            device=args.device,
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / "qwen.json").write_text(json.dumps(asdict(results), indent=2) + "\n")
    page = markdown(results)
    (out / "qwen.md").write_text(page)
    print(page)


if __name__ == "__main__":
    main()
