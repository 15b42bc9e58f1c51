"""The file benchmark's results and their Markdown page."""

from __future__ import annotations

from dataclasses import dataclass, field

TARGET_RATIO = 0.8
"""The file service should move at least this share of what the bare minio client moves."""


@dataclass(frozen=True)
class Throughput:
    direction: str
    """"upload" or "download"."""
    service_mb_s: float
    raw_mb_s: float
    ratio: float
    """The median of the rounds' ratios: each round's two runs, back to back, met about the same outside load."""
    spread: tuple[float, float] | None = None
    """The middle half of the rounds' ratios (first and third quartile): how much the outside load moved them."""


@dataclass(frozen=True)
class PhotoLatency:
    size: int
    service_p50_ms: float
    service_p90_ms: float
    raw_p50_ms: float
    requests: int


@dataclass
class FilesResults:
    size: int
    rounds: int
    auth: bool
    load_before: float = 0.0
    load_after: float = 0.0
    throughput: list[Throughput] = field(default_factory=list)
    photo: PhotoLatency | None = None
    notes: list[str] = field(default_factory=list)


def markdown(results: FilesResults) -> str:
    lines = [
        "# File service throughput: through the service vs the raw minio client",
        "",
        "Written by `make bench-files` (`python -m bench.files.run`); the method is below the tables.",
        "",
        f"## Throughput, one {results.size / 1e6:.0f} MB file at a time (median of {results.rounds} rounds)",
        "",
        "| direction | file service MB/s | raw minio client MB/s | ratio | middle half of rounds | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in results.throughput:
        verdict = "met" if row.ratio >= TARGET_RATIO else "**missed**"
        spread = f"{row.spread[0]:.2f}–{row.spread[1]:.2f}" if row.spread else ""
        lines.append(
            f"| {row.direction} | {row.service_mb_s:.1f} | {row.raw_mb_s:.1f} | {row.ratio:.2f} | {spread} "
            f"| ≥ {TARGET_RATIO} {verdict} |"
        )
    if results.photo is not None:
        photo = results.photo
        lines += [
            "",
            f"## Latency of one {photo.size / 1e6:.1f} MB photo upload ({photo.requests} uploads, one at a time)",
            "",
            "| | p50 ms | p90 ms |",
            "|---|---:|---:|",
            f"| file service (POST /files, token checked, type sniffed, SHA-256) | {photo.service_p50_ms:.1f} "
            f"| {photo.service_p90_ms:.1f} |",
            f"| raw minio client (put_object) | {photo.raw_p50_ms:.1f} | |",
        ]
    lines += ["", "## Method", "", *(f"- {note}" for note in results.notes), ""]
    return "\n".join(lines)
