"""``python -m bench.sandbox``: what a document's decoding sandbox costs, and what its pool and shared memory save.

All ways in one run, alternating round by round so that other load on the machine falls on each alike:

- "started, socket": a child started for the document (the pool's size 0), the decoded pages pickled back through
  the socket, as before the pool;
- "pooled, socket": a child the pool started ahead (``model.sandbox.WARM_WORKERS``), pages through the socket;
- "pooled, shared": as the sandbox runs now, pages back through shared memory (``SHARED_FROM_BYTES``).

Between documents the pool has 0.1 s to replace the child taken, as between requests. "in-process" decodes without
a sandbox, for scale; ``len`` is work that costs nothing, so its time is the sandbox's own.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from model import sandbox
from model.documents import DECODE_LIMITS, MAX_BYTES, MAX_PIXELS, Document, _decode

SAMPLE = Path(__file__).resolve().parents[1] / "model" / "samples" / "doc_0001.jpg"
ROOMY = sandbox.WorkLimits(memory_bytes=256 * 2**20, cpu_seconds=5, wall_seconds=10.0)
WAYS = {
    "started, socket": (0, False),
    "pooled, socket": (sandbox.WARM_WORKERS, False),
    "pooled, shared": (sandbox.WARM_WORKERS, True),
}
"""Each way: the pool's size, and whether answers may come back through shared memory."""


def _decode_answering(shared: bool, data: bytes) -> Document:
    """``_decode`` in the child, its answer sent as ``shared`` says (the child's own threshold)."""
    sandbox.SHARED_FROM_BYTES = sandbox.SHARED_FROM_BYTES if shared else 1 << 62
    return _decode(data, MAX_PIXELS, MAX_BYTES)


def _timed_ms(work: Callable[[], object], count: int) -> list[float]:
    times = []
    for _ in range(count):
        time.sleep(0.1)
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(rounds: int, per_round: int, photo: bytes) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per piece of work, by workload and way."""
    decode, nothing = f"decode {SAMPLE.name}", "nothing (len)"
    times: dict[str, dict[str, list[float]]] = {decode: {way: [] for way in WAYS}, nothing: {}}
    for _ in range(rounds):
        for way, (pool_size, shared) in WAYS.items():
            sandbox.start(warm_workers=pool_size)
            work = partial(sandbox.run_limited, _decode_answering, shared, photo, limits=DECODE_LIMITS)
            times[decode][way] += _timed_ms(work, per_round)
            if not shared:
                len_times = _timed_ms(lambda: sandbox.run_limited(len, b"x", limits=ROOMY), per_round)
                times[nothing].setdefault(way.split(",")[0], []).extend(len_times)
    times[decode]["in-process"] = _timed_ms(lambda: _decode(photo, MAX_PIXELS, MAX_BYTES), rounds * per_round)
    return times


def report(times: dict[str, dict[str, list[float]]]) -> str:
    lines = ["| work | way | median ms | p90 ms |", "|---|---|---|---|"]
    for name, ways in times.items():
        for way, values in ways.items():
            p90 = statistics.quantiles(values, n=10)[-1]
            lines.append(f"| {name} | {way} | {statistics.median(values):.1f} | {p90:.1f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=6)
    options = parser.parse_args()
    sandbox.start()
    print(report(measure(options.rounds, options.per_round, SAMPLE.read_bytes())))


if __name__ == "__main__":
    main()
