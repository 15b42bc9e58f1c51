"""The Qwen-VL cost benchmark's results and their Markdown page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BatchFigures:
    """One batch size's figures over the pages it read (medians per batch, means per image)."""

    mode: str
    """The KV cache: "dynamic" (eager decoding) or "static" (on CUDA, transformers compiles the decoding step)."""
    batch: int
    warm_up_s: float
    """A few tokens of the longest pages first: loads kernels and, with a static cache, compiles for this size."""
    images: int
    visual_tokens: float
    """Per image, within the backend's pixel budget."""
    prompt_tokens: float
    """Per image, the chat template and the prompt (counted with the small tokenizer of the random checkpoint)."""
    prepare_ms: float
    """The processor on the CPU: resize, patches, tokens, per batch."""
    prefill_ms: float
    """From handing the prompt to ``generate`` to its first token: the vision tower and the prompt, per batch."""
    decode_ms_per_token: float
    """Each further token of the whole batch (all its answers advance together)."""
    new_tokens: float
    generate_s: float
    """The backend's ``generate`` per batch, processor included, to the cap."""
    images_per_s: float
    """Pages over the time of the backend's ``generate``."""
    peak_gpu_gb: float | None


@dataclass
class QwenResults:
    size: str
    family: str
    parameters: int
    checkpoint_gb: float
    build_s: float
    load_s: dict[str, float]
    """Per mode; with CUDA the static one's includes its warm-up, which compiles batch 1."""
    weights_gb: float | None
    max_new_tokens: int
    device: str
    dtype: str
    versions: str
    batches: list[BatchFigures] = field(default_factory=list)


def _gb(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _loads(seconds: dict[str, float]) -> str:
    return " and ".join(f"{value:.1f} s ({mode} cache)" for mode, value in seconds.items())


def answer_seconds(figures: BatchFigures, tokens: int) -> float:
    """The time one batch would take if its answers were ``tokens`` long: prefill, then one step per token."""
    return (figures.prefill_ms + figures.decode_ms_per_token * (tokens - 1)) / 1000


def markdown(results: QwenResults) -> str:
    """The page ``make bench-qwen`` writes: what was built, then one row per batch size."""
    architecture = (
        "a tiny test architecture" if results.size == "tiny" else "the default model's published architecture"
    )
    lines = [
        f"# Qwen-VL backend on {results.device}: the cost of reading a page",
        "",
        f"Written by `make bench-qwen` (`python -m bench.qwen.run`). The checkpoint has {architecture} "
        f"({results.family}, size {results.size}: {results.parameters / 1e9:.2f}B parameters, "
        f"{results.checkpoint_gb:.1f} GB of {results.dtype} on disk) with **random weights**: no model hub is "
        "reachable here, so the answers are noise and there is no F1; the costs are the architecture's. The prompt is "
        "counted with the checkpoint's small tokenizer, which splits it finer than Qwen's would: prefill is on the "
        "high side. It was built "
        f"in {results.build_s:.0f} s and loaded through `QwenExtractor` in {_loads(results.load_s)} (from the page "
        f"cache: a cold disk is slower), taking {_gb(results.weights_gb)} GB of GPU memory; {results.versions}.",
        "",
        f"Every answer runs to the backend's cap of {results.max_new_tokens} new tokens (random weights never stop "
        "early); the last column turns the measured prefill and decode into a 300-token answer, about the length of "
        "a filled-in template. Mode `dynamic` is transformers' default KV cache, decoded eagerly "
        "(`QwenExtractor(static_cache=False)`); `static` preallocates it, and on CUDA transformers then compiles "
        "the decoding step (the backend's default there). Its load ends with a warm-up that compiles batch 1; the "
        "warm-up column (a few tokens of that batch size's longest pages, first) holds any other compilation.",
        "",
        "| mode | batch | pages | visual tokens / page | prompt tokens | warm-up s | processor ms / batch "
        "| prefill ms / batch | decode ms / token | generate s / batch | pages/s | peak GPU GB "
        "| 300-token answer s / batch |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results.batches:
        lines.append(
            f"| {row.mode} | {row.batch} | {row.images} | {row.visual_tokens:.0f} | {row.prompt_tokens:.0f} "
            f"| {row.warm_up_s:.1f} | {row.prepare_ms:.0f} | {row.prefill_ms:.0f} | {row.decode_ms_per_token:.1f} "
            f"| {row.generate_s:.1f} | {row.images_per_s:.2f} | {_gb(row.peak_gpu_gb)} "
            f"| {answer_seconds(row, 300):.1f} |"
        )
    lines.extend(_speedups(results.batches))
    return "\n".join(lines) + "\n"


def _speedups(batches: list[BatchFigures]) -> list[str]:
    """One line per batch size measured both ways: how much faster each token and each page came with a static
    cache."""
    dynamic = {row.batch: row for row in batches if row.mode == "dynamic"}
    lines = []
    for row in batches:
        if row.mode == "static" and row.batch in dynamic:
            base = dynamic[row.batch]
            per_token = base.decode_ms_per_token / row.decode_ms_per_token
            lines.append(
                f"- batch {row.batch}: the static cache decodes at {per_token:.1f}x "
                f"the dynamic one's speed per token and reads {row.images_per_s / base.images_per_s:.1f}x the pages/s, "
                f"after a warm-up of {row.warm_up_s:.0f} s"
            )
    return ["", *lines] if lines else []
