"""``python -m bench.sandbox``: what a document's decoding sandbox costs with and without the pool of waiting children.

Both ways in one run, alternating round by round so that other load on the machine falls on both alike: "started"
starts a child for each document (the pool's size 0), "pooled" takes one the pool started ahead
(``model.sandbox.WARM_WORKERS``). Each document follows the previous one at once, the pool's worst case: its
replacement has only the previous document's time to start. "in-process" decodes without a sandbox, for scale;
``len`` is a piece of work that costs nothing, so its time is the sandbox's own.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from model import sandbox
from model.documents import DECODE_LIMITS, MAX_BYTES, MAX_PIXELS, _decode, load_document

SAMPLE = Path(__file__).resolve().parents[1] / "model" / "samples" / "doc_0001.jpg"
ROOMY = sandbox.WorkLimits(memory_bytes=256 * 2**20, cpu_seconds=5, wall_seconds=10.0)


def _timed_ms(work: Callable[[], object], count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(rounds: int, per_round: int, photo: bytes) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per piece of work, by workload and way."""
    workloads: dict[str, Callable[[], object]] = {
        "nothing (len)": lambda: sandbox.run_limited(len, b"x", limits=ROOMY),
        f"decode {SAMPLE.name}": lambda: load_document(photo, limits=DECODE_LIMITS),
    }
    times: dict[str, dict[str, list[float]]] = {name: {"started": [], "pooled": []} for name in workloads}
    for _ in range(rounds):
        for way, size in (("started", 0), ("pooled", sandbox.WARM_WORKERS)):
            sandbox.start(warm_workers=size)
            time.sleep(0.2)  # the pool's children are ready, as between requests
            for name, work in workloads.items():
                times[name][way] += _timed_ms(work, per_round)
    in_process = _timed_ms(lambda: _decode(photo, MAX_PIXELS, MAX_BYTES), rounds * per_round)
    times[f"decode {SAMPLE.name}"]["in-process"] = in_process
    return times


def report(times: dict[str, dict[str, list[float]]]) -> str:
    lines = ["| work | way | median ms | p90 ms |", "|---|---|---|---|"]
    for name, ways in times.items():
        for way, values in ways.items():
            p90 = statistics.quantiles(values, n=10)[-1]
            lines.append(f"| {name} | {way} | {statistics.median(values):.1f} | {p90:.1f} |")
        ratio = statistics.median(ways["started"]) / statistics.median(ways["pooled"])
        lines.append(f"| {name} | started / pooled | {ratio:.2f}× | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=10)
    options = parser.parse_args()
    sandbox.start()
    print(report(measure(options.rounds, options.per_round, SAMPLE.read_bytes())))


if __name__ == "__main__":
    main()
