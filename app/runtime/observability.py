"""What the platform shows about a published model: Prometheus metrics, call statistics, one log line per request.

Metrics carry ``model_name`` and ``model_version`` labels (as MLServer's do) so a dashboard can compare two versions
during a rollout. Statistics are kept in memory for the last hour, which is what the stats endpoint and the web
app's chart read; anything longer-lived is Prometheus's job.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from app.common.logs import ACCESS_LOGGER

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
WINDOWS_MINUTES = (1, 5, 60)
MAX_SAMPLES = 200_000
"""At most this many calls are remembered per model: an hour at 55 requests/s."""


class Metrics:
    """The runtime's Prometheus metrics, in a registry of their own (one per app, so tests don't collide), named
    ``{prefix}_requests_total`` and so on (the project's ``metric_prefix``, e.g. receipt_runtime)."""

    def __init__(self, prefix: str) -> None:
        self.registry = CollectorRegistry()
        labels = ("model_name", "model_version")
        self.requests = Counter(
            f"{prefix}_requests", "Inference requests by final HTTP status", (*labels, "status"),
            registry=self.registry,
        )  # fmt: skip
        self.request_seconds = Histogram(
            f"{prefix}_request_duration_seconds", "End-to-end request latency, queueing included", labels,
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.inference_seconds = Histogram(
            f"{prefix}_inference_duration_seconds", "Time inside the module's inference()", labels,
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.in_flight = Gauge(
            f"{prefix}_requests_in_flight", "Inference calls running now", ("model_name",), registry=self.registry
        )
        self.queued = Gauge(
            f"{prefix}_queue_depth", "Requests waiting for an inference slot", ("model_name",),
            registry=self.registry,
        )  # fmt: skip
        self.load_seconds = Gauge(
            f"{prefix}_model_load_seconds", "How long load() took", labels, registry=self.registry
        )
        self._models: dict[tuple[str, str], ModelMetrics] = {}

    def of(self, model_name: str, model_version: str) -> ModelMetrics:
        """The series of one model version, bound once and reused by every request."""
        key = (model_name, model_version)
        if (bound := self._models.get(key)) is None:
            bound = self._models[key] = ModelMetrics(self, model_name, model_version)
        return bound


class ModelMetrics:
    """One model version's series with their labels bound: ``labels()`` takes a lock and a lookup on every call,
    which adds up over the five series each request touches."""

    def __init__(self, metrics: Metrics, model_name: str, model_version: str) -> None:
        self._requests = metrics.requests
        self._labels = (model_name, model_version)
        self._requests_by_status: dict[int, Counter] = {}
        self.request_seconds = metrics.request_seconds.labels(model_name, model_version)
        self.inference_seconds = metrics.inference_seconds.labels(model_name, model_version)
        self.in_flight = metrics.in_flight.labels(model_name)
        self.queued = metrics.queued.labels(model_name)

    def requests(self, status: int) -> Counter:
        """The request counter of one final HTTP status."""
        if (counter := self._requests_by_status.get(status)) is None:
            counter = self._requests_by_status[status] = self._requests.labels(*self._labels, str(status))
        return counter


@dataclass(frozen=True, slots=True)
class _Call:
    at: float
    latency_ms: float
    ok: bool
    version: str


@dataclass
class _VersionSeen:
    first: float
    last: float
    calls: int = 0


def _percentile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * (len(sorted_values) - 1))))
    return round(sorted_values[index], 2)


def _minutes(calls: list[_Call], now: float) -> list[dict[str, Any]]:
    """The last hour minute by minute, oldest first: what a chart of calls, errors and latency over time needs."""
    first = int(now // 60) - WINDOWS_MINUTES[-1] + 1
    buckets: list[list[_Call]] = [[] for _ in range(WINDOWS_MINUTES[-1])]
    for call in calls:
        index = int(call.at // 60) - first
        if 0 <= index < len(buckets):
            buckets[index].append(call)
    series = []
    for offset, bucket in enumerate(buckets):
        latencies = sorted(call.latency_ms for call in bucket)
        series.append(
            {
                "start": (first + offset) * 60,
                "calls": len(bucket),
                "errors": sum(not call.ok for call in bucket),
                "p50_ms": _percentile(latencies, 50),
                "p95_ms": _percentile(latencies, 95),
            }
        )
    return series


@dataclass
class CallStats:
    """Calls of one model over the last hour: counts, latency percentiles, throughput (per window and per minute),
    versions served."""

    calls: deque[_Call] = field(default_factory=lambda: deque(maxlen=MAX_SAMPLES))
    versions: dict[str, _VersionSeen] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, latency_ms: float, ok: bool, version: str, now: float | None = None) -> None:
        at = time.time() if now is None else now
        with self.lock:
            self.calls.append(_Call(at, latency_ms, ok, version))
            seen = self.versions.setdefault(version, _VersionSeen(at, at))
            seen.last, seen.calls = at, seen.calls + 1
            while self.calls and self.calls[0].at < at - WINDOWS_MINUTES[-1] * 60:
                self.calls.popleft()

    def summary(self, now: float | None = None) -> dict[str, Any]:
        at = time.time() if now is None else now
        with self.lock:
            calls = list(self.calls)
            versions = {name: (seen.first, seen.last, seen.calls) for name, seen in self.versions.items()}
        windows = {}
        for minutes in WINDOWS_MINUTES:
            recent = [call for call in calls if call.at >= at - minutes * 60]
            latencies = sorted(call.latency_ms for call in recent)
            windows[f"{minutes}m"] = {
                "calls": len(recent),
                "errors": sum(not call.ok for call in recent),
                "p50_ms": _percentile(latencies, 50),
                "p95_ms": _percentile(latencies, 95),
                "p99_ms": _percentile(latencies, 99),
                "throughput_rps": round(len(recent) / (minutes * 60), 4),
            }
        return {
            "windows": windows,
            "series": _minutes(calls, at),
            "versions": [
                {"version": name, "first_seen": first, "last_seen": last, "calls": count}
                for name, (first, last, count) in sorted(versions.items(), key=lambda item: item[1][0])
            ],
        }


ACCESS_LOG = logging.getLogger(ACCESS_LOGGER)
PAYLOAD_CAP = 2048


def redact(payload: Any, cap: int = PAYLOAD_CAP) -> Any:
    """A loggable copy: long strings and bytes become a size note, tokens and secrets are masked."""
    if isinstance(payload, Mapping):
        return {
            key: "***" if str(key).lower() in {"authorization", "token", "password", "secret"} else redact(value, cap)
            for key, value in payload.items()
        }
    if isinstance(payload, list | tuple):
        return [redact(item, cap) for item in payload[:20]]
    if isinstance(payload, bytes | bytearray):
        return f"<{len(payload)} bytes>"
    if isinstance(payload, str) and len(payload) > 256:
        return f"<{len(payload)} characters>"
    return payload


def log_request(fields: Mapping[str, Any]) -> None:
    """One JSON line per request on the ``receipt.access`` logger."""
    ACCESS_LOG.info(json.dumps(fields, ensure_ascii=False, default=str))
