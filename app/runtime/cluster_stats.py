"""A model's call statistics over every replica, read from the Prometheus that scrapes them all.

Each runtime counts only its own calls (``CallStats``); with N replicas each would answer a Nth of the truth. The
counters and histograms every replica exports on ``/metrics`` sum correctly in Prometheus, so with
``RECEIPT_STATS_PROMETHEUS_URL`` set the stats API asks it and answers the same shape as the per-process figures,
marked ``"source": "prometheus"``. Differences a reader should know: counts come from ``increase()`` (which survives
a replica's restart, and is rounded to whole calls), percentiles are estimated from the histogram buckets.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from typing import Any

import httpx

from app.runtime.observability import WINDOWS_MINUTES, CallStats

LOG = logging.getLogger(__name__)

QUANTILES = {"p50_ms": 0.5, "p95_ms": 0.95, "p99_ms": 0.99}
QUERY_TIMEOUT_S = 3.0
MINUTE = 60


class PrometheusUnavailable(Exception):  # noqa: N818 - a condition: the caller falls back to its own figures
    """Prometheus did not answer, or answered an error: the message says which."""


def _selector(model: str, metric: str) -> str:
    quoted = model.replace("\\", "\\\\").replace('"', '\\"')
    return f'{metric}{{model_name="{quoted}"}}'


def _calls(prefix: str, model: str, window: str, by: str = "") -> str:
    """Every final answer counts, from the latency histogram: its series exist from the model's load on, where a
    status's counter appears only with its first call, too late for increase() to count that call."""
    total = _selector(model, f"{prefix}_request_duration_seconds_count")
    return f"sum by ({by}) (increase({total}[{window}]))"


def _counts(prefix: str, model: str, window: str) -> str:
    """Calls and successes (status 200, exported at 0 from the load on) in one query, told apart by ``kind``."""
    ok = _selector(model, f"{prefix}_requests_total").replace("}", ', status="200"}')
    return (
        f'label_replace({_calls(prefix, model, window)}, "kind", "calls", "", "") or '
        f'label_replace(sum(increase({ok}[{window}])), "kind", "ok", "", "")'
    )


def _quantile(prefix: str, model: str, window: str, q: float) -> str:
    buckets = _selector(model, f"{prefix}_request_duration_seconds_bucket")
    return f"histogram_quantile({q}, sum by (le) (rate({buckets}[{window}]))) * 1000"


def _quantiles(prefix: str, model: str, window: str) -> str:
    """All percentiles of one window in one query, told apart by a ``q`` label."""
    return " or ".join(
        f'label_replace({_quantile(prefix, model, window, q)}, "q", "{name}", "", "")' for name, q in QUANTILES.items()
    )


def _number(value: str) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number  # NaN: no calls in the window


def _ms(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


class PrometheusStats:
    """Queries one Prometheus (its HTTP API, ``/api/v1/query`` and ``/api/v1/query_range``)."""

    def __init__(self, url: str, metric_prefix: str, client: httpx.AsyncClient | None = None) -> None:
        self._url = url.rstrip("/")
        self._prefix = metric_prefix
        """The runtime's metric names' (``ProjectIdentity.metric_prefix``)."""
        self._client = client or httpx.AsyncClient(timeout=QUERY_TIMEOUT_S)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _query(self, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            answer = await self._client.get(f"{self._url}/api/v1/{path}", params=params)
            body = answer.json()
        except (httpx.HTTPError, ValueError) as error:
            raise PrometheusUnavailable(f"Prometheus at {self._url} did not answer: {error}") from error
        if answer.status_code != 200 or body.get("status") != "success":
            raise PrometheusUnavailable(f"Prometheus at {self._url} answered {answer.status_code}: {body.get('error')}")
        return body["data"]["result"]  # type: ignore[no-any-return]

    async def _instant(self, query: str, at: float) -> list[dict[str, Any]]:
        return await self._query("query", {"query": query, "time": at})

    async def _range(self, query: str, start: float, end: float) -> list[dict[str, Any]]:
        return await self._query("query_range", {"query": query, "start": start, "end": end, "step": MINUTE})

    async def summary(self, model: str, now: float) -> dict[str, Any]:
        """Windows, the last hour minute by minute, versions seen and replicas reporting: ``CallStats.summary``'s
        shape plus ``replicas``."""
        prefix = self._prefix
        end = round(now)
        start = end - (WINDOWS_MINUTES[-1] - 1) * MINUTE
        windows = [f"{minutes}m" for minutes in WINDOWS_MINUTES]
        replicas = f"count(count by (instance) ({_selector(model, f'{prefix}_model_load_seconds')}))"
        answers = await asyncio.gather(
            *(self._instant(_counts(prefix, model, window), now) for window in windows),
            *(self._instant(_quantiles(prefix, model, window), now) for window in windows),
            self._range(_counts(prefix, model, "1m"), start, end),
            self._range(_quantile(prefix, model, "1m", QUANTILES["p50_ms"]), start, end),
            self._range(_quantile(prefix, model, "1m", QUANTILES["p95_ms"]), start, end),
            self._range(_calls(prefix, model, "1m", "model_version"), start, end),
            self._instant(replicas, now),
        )
        counts, percentiles = answers[: len(windows)], answers[len(windows) : 2 * len(windows)]
        minute_calls, minute_p50, minute_p95, by_version, replica_count = answers[2 * len(windows) :]
        return {
            "windows": {
                window: _window(counts[i], percentiles[i], WINDOWS_MINUTES[i]) for i, window in enumerate(windows)
            },
            "series": _series(minute_calls, minute_p50, minute_p95, start),
            "versions": _versions(by_version),
            "replicas": int(float(replica_count[0]["value"][1])) if replica_count else 0,
        }


def _split(counts: list[dict[str, Any]]) -> tuple[int, int]:
    """(calls, errors) from the ``kind`` series; an error is any final status but 200, as in ``CallStats``."""
    found = {series["metric"].get("kind"): _number(series["value"][1]) or 0.0 for series in counts}
    calls, ok = round(found.get("calls", 0.0)), round(found.get("ok", 0.0))
    return calls, max(0, calls - ok)


def _window(counts: list[dict[str, Any]], percentiles: list[dict[str, Any]], minutes: int) -> dict[str, Any]:
    calls, errors = _split(counts)
    found = {series["metric"].get("q"): _number(series["value"][1]) for series in percentiles}
    return {
        "calls": calls,
        "errors": errors,
        **{name: _ms(found.get(name)) if calls else None for name in QUANTILES},
        "throughput_rps": round(calls / (minutes * MINUTE), 4),
    }


def _by_time(result: list[dict[str, Any]]) -> dict[int, float | None]:
    return {round(float(at)): _number(value) for series in result for at, value in series["values"]}


def _series(
    calls: list[dict[str, Any]], p50: list[dict[str, Any]], p95: list[dict[str, Any]], start: int
) -> list[dict[str, Any]]:
    """The last hour oldest first, ending now; the point at time t covers the 60 s before it: its start is t - 60."""
    per_minute: dict[int, list[dict[str, Any]]] = {}
    for series in calls:
        for at, value in series["values"]:
            per_minute.setdefault(round(float(at)), []).append({"metric": series["metric"], "value": [at, value]})
    p50_at, p95_at = _by_time(p50), _by_time(p95)
    points = []
    for offset in range(WINDOWS_MINUTES[-1]):
        at = start + offset * MINUTE
        minute_calls, minute_errors = _split(per_minute.get(at, []))
        points.append(
            {
                "start": at - MINUTE,
                "calls": minute_calls,
                "errors": minute_errors,
                "p50_ms": _ms(p50_at.get(at)) if minute_calls else None,
                "p95_ms": _ms(p95_at.get(at)) if minute_calls else None,
            }
        )
    return points


def _versions(by_version: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each version that took calls in the last hour: the first and last minute it did, and how many."""
    versions = []
    for series in by_version:
        busy = [(float(at), _number(value) or 0.0) for at, value in series["values"] if (_number(value) or 0) > 0]
        if not busy:
            continue
        versions.append(
            {
                "version": series["metric"].get("model_version", ""),
                "first_seen": busy[0][0] - MINUTE,
                "last_seen": busy[-1][0],
                "calls": round(sum(value for _, value in busy)),
            }
        )
    return sorted(versions, key=lambda version: version["first_seen"])


async def model_stats(local: CallStats, cluster: PrometheusStats | None, model: str) -> dict[str, Any]:
    """Prometheus' figures over every replica when it is configured and answers, else this process's; ``source``
    says which (with ``source_error`` when Prometheus was asked and failed)."""
    if cluster is not None:
        try:
            return {"source": "prometheus", **await cluster.summary(model, time.time())}
        except PrometheusUnavailable as error:
            LOG.warning("stats of %s from this process only: %s", model, error)
            return {"source": "process", "source_error": str(error), **local.summary()}
    return {"source": "process", **local.summary()}
