"""The stats API over two runtime replicas, read from a real Prometheus (Debian's) scraping both every second."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from runtime_kit import ECHO_GROUP, limits, live_server

from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.settings import Settings
from app.stack.processes import free_ports
from app.stack.prometheus_server import PrometheusServer

SCRAPE_S = 1.0
SAMPLES = 20
"""Samples of every series before counts are read: increase() extrapolates to the window's end by at most about one
scrape's worth of the average rate, so over 20 samples its error stays well under half a call."""


def _replica(idp: TestIdentityProvider, prometheus_url: str | None) -> Any:
    settings = Settings(issuer_url=idp.issuer, manifests_dir=Path(), stats_prometheus_url=prometheus_url)
    config = RuntimeConfig(
        entrypoint="echo_module",
        models=[ModelDeclaration("echo", "default", (ECHO_GROUP,))],
        limits=limits(),
        allowed_clients=("end-users",),
    )
    return create_app(settings, config)


def _echo(repeat: int = 1) -> dict[str, Any]:
    return {
        "inputs": [
            {"name": "text", "datatype": "BYTES", "shape": [1], "data": ["ab"]},
            {"name": "scale", "datatype": "FP64", "shape": [1], "data": [1.0]},
        ],
        "parameters": {"repeat": repeat},
    }


def _query(prometheus: PrometheusServer, query: str) -> float | None:
    result = httpx.get(f"{prometheus.url}/api/v1/query", params={"query": query}).json()["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def _wait_for(prometheus: PrometheusServer, query: str, expected: float, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while _query(prometheus, query) != expected:
        assert time.monotonic() < deadline, f"Prometheus never saw {query} == {expected}"
        time.sleep(0.2)


def _wait_for_at_least(prometheus: PrometheusServer, query: str, least: float, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while (_query(prometheus, query) or 0) < least:
        assert time.monotonic() < deadline, f"Prometheus never saw {query} >= {least}"
        time.sleep(0.2)


@dataclass
class Cluster:
    first: str
    second: str
    prometheus: PrometheusServer
    headers: dict[str, str]


@pytest.fixture(scope="module")
def cluster(idp: TestIdentityProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two replicas of one model; the first reads its stats from Prometheus, the second keeps its own."""
    port = free_ports(1)[0]
    url = f"http://127.0.0.1:{port}"
    with live_server(_replica(idp, url)) as first, live_server(_replica(idp, None)) as second:
        targets = [urlparse(first).netloc, urlparse(second).netloc]
        folder = tmp_path_factory.mktemp("prometheus")
        with PrometheusServer(folder, targets=targets, port=port, scrape_interval_s=SCRAPE_S) as prometheus:
            _wait_for(prometheus, 'count(module_runtime_requests_total{model_name="echo"})', 2)
            headers = {"Authorization": f"Bearer {idp.mint(groups=[ECHO_GROUP])}"}
            for replica, calls in ((first, [1, 1, 1]), (second, [1, 0])):  # repeat=0 is refused: one error
                for repeat in calls:
                    httpx.post(f"{replica}/v2/models/echo/infer", json=_echo(repeat), headers=headers)
            _wait_for(prometheus, 'sum(module_runtime_requests_total{model_name="echo"})', 5)
            samples = 'min(count_over_time(module_runtime_request_duration_seconds_count{model_name="echo"}[5m]))'
            _wait_for_at_least(prometheus, samples, SAMPLES)
            yield Cluster(first, second, prometheus, headers)


def test_stats_from_prometheus_sum_the_replicas(cluster: Cluster) -> None:
    stats = httpx.get(f"{cluster.first}/v2/models/echo/stats", headers=cluster.headers).json()
    assert stats["source"] == "prometheus"
    assert stats["replicas"] == 2
    for window in ("5m", "60m"):
        assert (stats["windows"][window]["calls"], stats["windows"][window]["errors"]) == (5, 1)
        assert stats["windows"][window]["p50_ms"] > 0
    assert abs(sum(minute["calls"] for minute in stats["series"]) - 5) <= 1  # per-minute increase() estimates
    assert len(stats["series"]) == 60
    assert [v["version"] for v in stats["versions"]] == [stats["model_version"]]


def test_stats_without_prometheus_are_this_process_only(cluster: Cluster) -> None:
    """The control: the second replica, not configured for Prometheus, counts only its own two calls."""
    stats = httpx.get(f"{cluster.second}/v2/models/echo/stats", headers=cluster.headers).json()
    assert stats["source"] == "process"
    assert (stats["windows"]["5m"]["calls"], stats["windows"]["5m"]["errors"]) == (2, 1)


def test_stats_fall_back_to_the_process_when_prometheus_is_down(cluster: Cluster) -> None:
    cluster.prometheus.stop()
    stats = httpx.get(f"{cluster.first}/v2/models/echo/stats", headers=cluster.headers).json()
    assert stats["source"] == "process"
    assert "did not answer" in stats["source_error"]
    assert stats["windows"]["5m"]["calls"] == 3
