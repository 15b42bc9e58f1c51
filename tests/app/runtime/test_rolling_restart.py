"""A rolling restart under steady load: two runtime replicas behind HAProxy, each in turn drained, restarted and
ready again before the next; not one request fails. Twice: a replica stopped by SIGTERM alone, the balancer sending
again what it refused or dropped; and the rollout's order, the replica out of the balancer's rotation before the
SIGTERM, with requests too large for the balancer to send again."""

from __future__ import annotations

import json
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from live_uvicorn import live_uvicorn
from runtime_kit import ECHO_GROUP, runtime

from app.runtime.registry import ModelDeclaration
from app.stack.haproxy import SERVED_BY, HAProxyServer
from app.stack.processes import free_ports
from bench.steady_load import Phase, SteadyLoad

SLEEPY_GROUP = ECHO_GROUP
REQUEST_S = 0.05
"""Each request sleeps this long in the model, so that a draining replica has requests in flight."""
BODY = json.dumps({"inputs": [{"name": "seconds", "datatype": "FP64", "shape": [1], "data": [REQUEST_S]}]}).encode()
LARGE_BODY = BODY + b" " * 64 * 1024
"""The same request over HAProxy's 16 kB buffer, as a photo's: the balancer never sends it again."""


def _replica(idp: TestIdentityProvider) -> Any:
    return runtime(idp, "sleepy_module", [ModelDeclaration("sleepy", "default", (SLEEPY_GROUP,))])


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


@pytest.mark.parametrize(("taken_out_first", "body"), [(False, BODY), (True, LARGE_BODY)], ids=["sigterm", "rollout"])
def test_rolling_restart_under_load_fails_no_request(
    idp: TestIdentityProvider, tmp_path: Path, taken_out_first: bool, body: bytes
) -> None:
    token = idp.mint(groups=[SLEEPY_GROUP])
    ports = free_ports(2)
    running = [_start(idp, port) for port in ports]
    try:
        targets = [f"127.0.0.1:{port}" for port in ports]
        with HAProxyServer(tmp_path, targets=targets, health_path="/v2/health/ready") as balancer:
            for name in ("replica1", "replica2"):
                _wait_ready_behind(balancer, name)
            url, headers = f"{balancer.url}/v2/models/sleepy/infer", {"Authorization": f"Bearer {token}"}
            with (
                SteadyLoad(url, body, headers, clients=3, timeout_s=30) as load,
                load.measure(Phase("rolling restart", replicas=2, clients=3)) as phase,
            ):
                time.sleep(1)
                for index, port in enumerate(ports):
                    name = f"replica{index + 1}"
                    if taken_out_first:
                        balancer.take_out(name)
                    running[index].close()  # drain: requests in flight finish, new connections are refused
                    running[index] = _start(idp, port)
                    if taken_out_first:
                        balancer.put_back(name)
                    _wait_ready_behind(balancer, name)
                time.sleep(1)
    finally:
        for stack in running:
            stack.close()
    assert phase.failed == 0, phase.failure_examples
    if taken_out_first:  # no request reached a stopped replica: none was sent again (HAProxy logs those)
        assert "POST" not in balancer.log_path.read_text(encoding="utf-8")
    assert len(phase.latencies_ms) > 50
    assert set(phase.served_by) == {"replica1", "replica2"}
