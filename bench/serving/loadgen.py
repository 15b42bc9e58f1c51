"""A bounded closed-loop load generator: N clients, each sending its next request as soon as the last one answered.

Every level opens its connections and warms up first (caches and worker threads primed), then sends a fixed number
of requests, and stops at a deadline whatever happens, so a stuck server cannot keep the benchmark running. Latency
is what the client sees, from sending the request to reading the whole response. When the server's process id is
known, its CPU time during the measured requests is taken too: the client shares the machine's cores and can limit
the requests/s it sees, but not the CPU the server spends on each request.

Each client is one keep-alive HTTP/1.1 connection, an asyncio protocol that writes the request, serialised once,
and reads the status line, the headers and ``Content-Length`` bytes of body. It is this thin because the client
shares two cores with the servers it measures: httpx spent 0.8–1.2 ms of CPU per request, more than either server,
so a level's requests/s measured httpx as much as the server (on two cores it capped both servers alike near
1,000 no-op requests/s); this client spends about a tenth of that.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Target:
    """One request, sent again and again: the body is serialised once so the client spends no CPU on it."""

    url: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    server_pid: int | None = None
    """The server process (Linux): its CPU time is measured around the level's requests."""

    def http_request(self) -> bytes:
        """The whole HTTP/1.1 POST, head and body; ``Content-Type: application/json`` unless the headers say
        otherwise."""
        parts = urlsplit(self.url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"host": ("Host", parts.netloc), "content-type": ("Content-Type", "application/json")}
        headers |= {name.lower(): (name, value) for name, value in self.headers.items()}
        headers["content-length"] = ("Content-Length", str(len(self.body)))
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.values())
        return f"POST {path} HTTP/1.1\r\n{head}\r\n".encode("latin-1") + self.body


@dataclass
class LevelResult:
    """The outcome of one concurrency level: latencies of the answered requests and a count of the others."""

    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    wall_s: float = 0.0
    server_cpu_s: float | None = None
    client_cpu_s: float | None = None
    """The load generator's own CPU time (this process) over the level's requests."""

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

    @property
    def client_cpu_ms_per_request(self) -> float:
        """The load generator's CPU time per request sent; NaN when not measured."""
        sent = self.ok + self.failed
        return self.client_cpu_s * 1000 / sent if self.client_cpu_s is not None and sent else math.nan

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


class ProtocolError(Exception):
    """An answer this client does not read: no ``Content-Length`` (chunked), or not HTTP/1.x at all."""


def parse_response_head(head: bytes) -> tuple[int, int, bool]:
    """``(status, body length, server closes)`` from a response's status line and headers (without the blank
    line)."""
    status_line, *lines = head.split(b"\r\n")
    version, _, rest = status_line.partition(b" ")
    if not version.startswith(b"HTTP/1.") or not rest[:3].isdigit():
        raise ProtocolError(f"not an HTTP/1.x status line: {status_line[:80]!r}")
    length, closes = None, version == b"HTTP/1.0"
    for line in lines:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection":
            closes = value.strip().lower() == b"close"
        elif name == b"transfer-encoding":
            raise ProtocolError(f"transfer-encoding {value.strip().decode('latin-1')} is not read by this client")
    if length is None:
        raise ProtocolError("the response has no Content-Length")
    return int(rest[:3]), length, closes


class _Connection(asyncio.Protocol):
    """One keep-alive connection, one request at a time; ``ask`` answers the status once the whole body is read."""

    def __init__(self, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._head: tuple[int, int, bool] | None = None
        self._answer: asyncio.Future[int] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def ask(self, request: bytes) -> asyncio.Future[int]:
        assert self._transport is not None
        loop = asyncio.get_running_loop()
        self._answer = loop.create_future()
        self._timer = loop.call_later(self._timeout_s, self._fail, TimeoutError("no answer in time"))
        self._transport.write(request)
        return self._answer

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        try:
            self._read_answer()
        except (ProtocolError, ValueError) as exc:
            self._fail(exc if isinstance(exc, ProtocolError) else ProtocolError(str(exc)))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._settle(error=ConnectionError("the server closed the connection"))

    def _read_answer(self) -> None:
        if self._head is None:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self._head = parse_response_head(bytes(self._buffer[:end]))
            del self._buffer[: end + 4]
        status, length, closes = self._head
        if len(self._buffer) < length:
            return
        del self._buffer[:length]
        self._head = None
        if closes:
            self.close()
        self._settle(status=status)

    def _fail(self, error: Exception) -> None:
        self.close()
        self._settle(error=error)

    def close(self) -> None:
        self.closed = True
        if self._transport is not None:
            self._transport.close()

    def _settle(self, status: int = 0, error: Exception | None = None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        answer, self._answer = self._answer, None
        if answer is None or answer.done():
            return
        if error is None:
            answer.set_result(status)
        else:
            answer.set_exception(error)


class _Client:
    """A simulated client: one connection, reopened when the server closes it."""

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self._host, self._port, self._timeout_s = host, port, timeout_s
        self._connection: _Connection | None = None

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        connect = loop.create_connection(lambda: _Connection(self._timeout_s), self._host, self._port)
        _, self._connection = await asyncio.wait_for(connect, self._timeout_s)

    async def ask(self, request: bytes) -> int:
        if self._connection is None or self._connection.closed:
            await self.connect()
        assert self._connection is not None
        return await self._connection.ask(request)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


async def _drive(clients: Sequence[_Client], request: bytes, total: int, deadline: float, sink: LevelResult) -> None:
    issued = 0

    async def one_client(client: _Client) -> None:
        nonlocal issued
        while issued < total and time.monotonic() < deadline:
            issued += 1
            started = time.perf_counter()
            try:
                status = await client.ask(request)
            except (OSError, TimeoutError, ProtocolError) as exc:
                sink.failures[type(exc).__name__] += 1
                continue
            elapsed_ms = (time.perf_counter() - started) * 1000
            if status == 200:
                sink.latencies_ms.append(elapsed_ms)
            else:
                sink.failures[str(status)] += 1

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
    """Open ``concurrency`` connections, warm up with ``warmup`` requests, then send ``requests``; all of it within
    ``deadline_s`` (requests not sent by then are not sent)."""
    if concurrency < 1 or requests < 1:
        raise ValueError("concurrency and requests must be at least 1")
    deadline = time.monotonic() + deadline_s
    parts = urlsplit(target.url)
    if parts.scheme != "http" or parts.hostname is None:
        raise ValueError(f"the load generator speaks plain http to a host, not {target.url}")
    request = target.http_request()
    clients = [_Client(parts.hostname, parts.port or 80, timeout_s) for _ in range(concurrency)]
    try:
        # A connection that cannot be opened now is tried again by its client's first request, and counted there.
        await asyncio.gather(*(client.connect() for client in clients), return_exceptions=True)
        if warmup:
            await _drive(clients, request, warmup, deadline, LevelResult(concurrency))
        result = LevelResult(concurrency)
        cpu_before = process_cpu_seconds(target.server_pid) if target.server_pid is not None else None
        client_cpu_before, started = time.process_time(), time.perf_counter()
        await _drive(clients, request, requests, deadline, result)
        result.wall_s = time.perf_counter() - started
        result.client_cpu_s = time.process_time() - client_cpu_before
        if target.server_pid is not None and cpu_before is not None:
            result.server_cpu_s = process_cpu_seconds(target.server_pid) - cpu_before
    finally:
        for client in clients:
            client.close()
        await asyncio.sleep(0)  # the transports finish closing their sockets before the loop ends
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
    merged.server_cpu_s = _total([result.server_cpu_s for result in results])
    merged.client_cpu_s = _total([result.client_cpu_s for result in results])
    return merged


def _total(seconds: Sequence[float | None]) -> float | None:
    """The sum, or None when any part is unknown."""
    return None if any(part is None for part in seconds) else sum(part or 0.0 for part in seconds)


def run_level(
    target: Target, concurrency: int, requests: int, *, warmup: int = 0, timeout_s: float = 60, deadline_s: float = 120
) -> LevelResult:
    """``measure`` from synchronous code, in an event loop of its own."""
    return asyncio.run(
        measure(target, concurrency, requests, warmup=warmup, timeout_s=timeout_s, deadline_s=deadline_s)
    )
