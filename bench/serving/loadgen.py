"""A bounded closed-loop load generator: N clients, each sending its next request as soon as the last one answered.

Every level warms up first (connections opened, caches and worker threads primed), then sends a fixed number of
requests, and stops at a deadline whatever happens, so a stuck server cannot keep the benchmark running. Latency is
what the client sees, from sending the request to reading the whole response. When the server's process id is known,
its CPU time during the measured requests is taken too: the client shares the machine's cores and can limit the
requests/s it sees, but not the CPU the server spends on each request.

Each client is an ``httpx.AsyncClient`` with one keep-alive connection of its own. One client with a pool of N
connections costs CPU per request in proportion to N (encode/httpx#3215): on two cores, 32 clients sharing a pool
measured 288 no-op requests/s where 32 separate clients measured 1404, the server being the same.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx


@dataclass(frozen=True)
class Target:
    """One request, sent again and again: the body is serialised once so the client spends no CPU on it."""

    url: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    server_pid: int | None = None
    """The server process (Linux): its CPU time is measured around the level's requests."""


@dataclass
class LevelResult:
    """The outcome of one concurrency level: latencies of the answered requests and a count of the others."""

    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    wall_s: float = 0.0
    server_cpu_s: float | None = None

    @property
    def ok(self) -> int:
        return len(self.latencies_ms)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def throughput(self) -> float:
        """Answered requests per second of the level's wall time."""
        return self.ok / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def server_cpu_ms_per_request(self) -> float:
        """The server's CPU time per request sent; NaN when not measured."""
        sent = self.ok + self.failed
        return self.server_cpu_s * 1000 / sent if self.server_cpu_s is not None and sent else math.nan

    def percentile_ms(self, q: float) -> float:
        return percentile(self.latencies_ms, q)


def cpu_seconds_from_stat(stat: str, ticks_per_second: int) -> float:
    """User + system CPU seconds from the text of ``/proc/<pid>/stat`` (utime and stime, fields 14 and 15; the
    command name in parentheses may itself contain spaces and parentheses)."""
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / ticks_per_second


def process_cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    return cpu_seconds_from_stat(stat, os.sysconf("SC_CLK_TCK"))


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation between the closest ranks; NaN when empty."""
    if not 0 <= q <= 100:
        raise ValueError(f"a percentile is between 0 and 100, not {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def requests_at(concurrency: int, base: int) -> int:
    """``base`` requests, but at least a quarter more than there are clients, so a level is not only its ramp."""
    return max(base, math.ceil(concurrency * 1.25))


async def _drive(
    clients: Sequence[httpx.AsyncClient], target: Target, total: int, deadline: float, sink: LevelResult
) -> None:
    issued = 0

    async def one_client(client: httpx.AsyncClient) -> None:
        nonlocal issued
        while issued < total and time.monotonic() < deadline:
            issued += 1
            started = time.perf_counter()
            try:
                response = await client.post(target.url, content=target.body, headers=dict(target.headers))
            except httpx.HTTPError as exc:
                sink.failures[type(exc).__name__] += 1
                continue
            elapsed_ms = (time.perf_counter() - started) * 1000
            if response.status_code == 200:
                sink.latencies_ms.append(elapsed_ms)
            else:
                sink.failures[str(response.status_code)] += 1

    await asyncio.gather(*(one_client(client) for client in clients))


async def measure(
    target: Target,
    concurrency: int,
    requests: int,
    *,
    warmup: int = 0,
    timeout_s: float = 60,
    deadline_s: float = 120,
) -> LevelResult:
    """Warm up with ``warmup`` requests, then send ``requests`` from ``concurrency`` clients; all of it within
    ``deadline_s`` (requests not sent by then are not sent)."""
    if concurrency < 1 or requests < 1:
        raise ValueError("concurrency and requests must be at least 1")
    deadline = time.monotonic() + deadline_s
    options: dict[str, Any] = {
        "limits": httpx.Limits(max_connections=1, max_keepalive_connections=1),
        "timeout": timeout_s,
        "headers": {"Content-Type": "application/json"},
    }
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(httpx.AsyncClient(**options)) for _ in range(concurrency)]
        if warmup:
            await _drive(clients, target, warmup, deadline, LevelResult(concurrency))
        result = LevelResult(concurrency)
        cpu_before = process_cpu_seconds(target.server_pid) if target.server_pid is not None else None
        started = time.perf_counter()
        await _drive(clients, target, requests, deadline, result)
        result.wall_s = time.perf_counter() - started
        if target.server_pid is not None and cpu_before is not None:
            result.server_cpu_s = process_cpu_seconds(target.server_pid) - cpu_before
    return result


def merge(results: Sequence[LevelResult]) -> LevelResult:
    """Several runs of one level as one: latencies pooled, failures, wall and CPU times added up."""
    if not results or len({result.concurrency for result in results}) != 1:
        raise ValueError("merge runs of one and the same level")
    merged = LevelResult(results[0].concurrency)
    for result in results:
        merged.latencies_ms += result.latencies_ms
        merged.failures += result.failures
        merged.wall_s += result.wall_s
    cpu = [result.server_cpu_s for result in results]
    merged.server_cpu_s = sum(c for c in cpu if c is not None) if all(c is not None for c in cpu) else None
    return merged


def run_level(
    target: Target, concurrency: int, requests: int, *, warmup: int = 0, timeout_s: float = 60, deadline_s: float = 120
) -> LevelResult:
    """``measure`` from synchronous code, in an event loop of its own."""
    return asyncio.run(
        measure(target, concurrency, requests, warmup=warmup, timeout_s=timeout_s, deadline_s=deadline_s)
    )
