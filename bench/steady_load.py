"""Steady load through a balancer: N clients, each posting the same request again as soon as the last one answered,
until stopped; what they see is recorded per phase, with the replica that answered (HAProxy's ``SERVED_BY`` header).

One home for the load of ``make bench-replicas`` and of the rolling-restart test: both count every answer that was
not a 200 as a failed request. Threads and httpx rather than ``bench.serving.loadgen``'s thin client: the load here is
a few requests a second against a slow model, and each failure's first answer is kept to say what it was.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from app.stack.haproxy import SERVED_BY
from bench.serving.loadgen import percentile


@dataclass
class Phase:
    """What the clients saw during one phase: latencies of the answers with status 200, and every other outcome."""

    name: str
    replicas: int
    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    failure_examples: dict[str, str] = field(default_factory=dict)
    """The first answer of each failed outcome, cut short: what a failure was, not only its status."""
    served_by: Counter[str] = field(default_factory=Counter)

    @property
    def requests_per_s(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def percentile_ms(self, q: float) -> float:
        return percentile(self.latencies_ms, q) if self.latencies_ms else float("nan")


class SteadyLoad:
    """``clients`` threads sending the same request through ``url`` without pause until stopped; what they see is
    recorded into the phase ``measure`` started, and dropped between phases (the warm-up)."""

    def __init__(self, url: str, body: bytes, headers: dict[str, str], clients: int, timeout_s: float = 90) -> None:
        self._url, self._body, self._headers = url, body, {"Content-Type": "application/json", **headers}
        self._timeout_s = timeout_s
        self._phase: Phase | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._client, daemon=True) for _ in range(clients)]

    def _client(self) -> None:
        with httpx.Client(timeout=self._timeout_s) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    answer = client.post(self._url, content=self._body, headers=self._headers)
                    outcome: int | str = answer.status_code
                    served_by, said = answer.headers.get(SERVED_BY, "?"), answer.text[:300]
                except httpx.HTTPError as error:
                    outcome, served_by, said = type(error).__name__, "?", str(error)[:300]
                elapsed_ms = (time.perf_counter() - started) * 1000
                with self._lock:
                    if (phase := self._phase) is None:
                        continue
                    phase.served_by[served_by] += 1
                    if outcome == 200:
                        phase.latencies_ms.append(elapsed_ms)
                    else:
                        phase.failures[str(outcome)] += 1
                        phase.failure_examples.setdefault(str(outcome), f"{served_by}: {said}")

    @contextmanager
    def measure(self, phase: Phase) -> Iterator[Phase]:
        """Record into ``phase`` for the duration of the block; its ``seconds`` are the block's wall time."""
        started = time.perf_counter()
        with self._lock:
            self._phase = phase
        try:
            yield phase
        finally:
            with self._lock:
                self._phase = None
                phase.seconds = time.perf_counter() - started

    def __enter__(self) -> SteadyLoad:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)
