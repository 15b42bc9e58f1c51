"""A rolling restart under steady load: two runtime replicas behind HAProxy, each in turn drained, restarted and
ready again before the next; not one request fails."""

from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from auth_fixtures import TestIdentityProvider
from live_uvicorn import live_uvicorn
from runtime_kit import ECHO_GROUP, runtime

from app.runtime.registry import ModelDeclaration
from app.stack.haproxy import SERVED_BY, HAProxyServer
from app.stack.processes import free_ports

SLEEPY_GROUP = ECHO_GROUP
REQUEST_S = 0.05
"""Each request sleeps this long in the model, so that a draining replica has requests in flight."""


def _replica(idp: TestIdentityProvider) -> Any:
    return runtime(idp, "sleepy_module", [ModelDeclaration("sleepy", "default", (SLEEPY_GROUP,))])


class Load:
    """Clients sending inference requests through the balancer until stopped, counting the answers."""

    def __init__(self, url: str, token: str, clients: int = 3) -> None:
        self.statuses: Counter[int | str] = Counter()
        self.served_by: Counter[str] = Counter()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        body = {"inputs": [{"name": "seconds", "datatype": "FP64", "shape": [1], "data": [REQUEST_S]}]}
        headers = {"Authorization": f"Bearer {token}"}
        self._threads = [
            threading.Thread(target=self._run, args=(url, body, headers), daemon=True) for _ in range(clients)
        ]

    def _run(self, url: str, body: dict[str, Any], headers: dict[str, str]) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            while not self._stop.is_set():
                try:
                    answer = client.post("/v2/models/sleepy/infer", json=body, headers=headers)
                    status: int | str = answer.status_code
                    by = answer.headers.get(SERVED_BY, "?")
                except httpx.HTTPError as error:
                    status, by = type(error).__name__, "?"
                with self._lock:
                    self.statuses[status] += 1
                    self.served_by[by] += 1

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()


def _wait_ready_behind(balancer: HAProxyServer, replica: str, timeout_s: float = 30) -> None:
    """Until the balancer sends requests to ``replica`` again (its health check passed)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        answer = httpx.get(f"{balancer.url}/v2/health/ready")
        if answer.headers.get(SERVED_BY) == replica:
            return
        time.sleep(0.1)
    raise AssertionError(f"{replica} did not come back behind the balancer")


def _start(idp: TestIdentityProvider, port: int) -> ExitStack:
    """A replica on ``port``; closing the stack drains it the way SIGTERM does (uvicorn's graceful shutdown)."""
    stack = ExitStack()
    stack.enter_context(live_uvicorn(_replica(idp), port))
    return stack


def test_rolling_restart_under_load_fails_no_request(idp: TestIdentityProvider, tmp_path: Path) -> None:
    token = idp.mint(groups=[SLEEPY_GROUP])
    ports = free_ports(2)
    running = [_start(idp, port) for port in ports]
    try:
        targets = [f"127.0.0.1:{port}" for port in ports]
        with HAProxyServer(tmp_path, targets=targets, health_path="/v2/health/ready") as balancer:
            for name in ("replica1", "replica2"):
                _wait_ready_behind(balancer, name)
            with Load(balancer.url, token) as load:
                time.sleep(1)
                for index, port in enumerate(ports):
                    running[index].close()  # drain: requests in flight finish, new connections are refused
                    running[index] = _start(idp, port)
                    _wait_ready_behind(balancer, f"replica{index + 1}")
                time.sleep(1)
    finally:
        for stack in running:
            stack.close()
    assert set(load.statuses) == {200}, load.statuses
    assert load.statuses[200] > 50
    assert set(load.served_by) == {"replica1", "replica2"}
