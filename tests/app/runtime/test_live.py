"""The runtime behind a real uvicorn socket: overload, timeouts, a client nobody here wrote, graceful shutdown."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import uvicorn
from auth_fixtures import TestIdentityProvider
from manifests_kit import group_of, write_manifests
from runtime_kit import ECHO_GROUP, limits, live_server, runtime
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.manifests import project_identity
from app.runtime.main import run_server
from app.runtime.registry import ModelDeclaration
from app.settings import Settings

SLEEPY = [ModelDeclaration("sleepy", "default", (ECHO_GROUP,))]
ROOT = Path(__file__).parents[3]


def _sleep_request(seconds: float) -> dict[str, object]:
    return {"inputs": [{"name": "seconds", "datatype": "FP64", "shape": [1], "data": [seconds]}]}


def _token(idp: TestIdentityProvider) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=[ECHO_GROUP])}"}


def _gauge(url: str, name: str, model: str = "sleepy") -> float:
    for line in httpx.get(f"{url}/metrics", timeout=5).text.splitlines():
        if line.startswith(f'{name}{{model_name="{model}"}}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def _wait_for(url: str, name: str, value: float, model: str = "sleepy") -> None:
    deadline = time.monotonic() + 20
    while _gauge(url, name, model) != value:
        assert time.monotonic() < deadline, f"{name} never reached {value}"
        time.sleep(0.05)


def test_overload_is_refused_at_once_with_retry_after(idp: TestIdentityProvider) -> None:
    app = runtime(idp, "sleepy_module", SLEEPY, maxConcurrency=1, maxQueue=1)
    with live_server(app) as url, ThreadPoolExecutor(4) as pool:
        headers = _token(idp)

        def call(seconds: float) -> httpx.Response:
            return httpx.post(
                f"{url}/v2/models/sleepy/infer", json=_sleep_request(seconds), headers=headers, timeout=60
            )

        first = pool.submit(call, 3.0)
        _wait_for(url, "module_runtime_requests_in_flight", 1)  # the first holds the only slot
        queued = pool.submit(call, 0.1)
        _wait_for(url, "module_runtime_queue_depth", 1)  # the second waits in the only queue place
        started = time.perf_counter()
        refused = call(0.1)
        assert time.perf_counter() - started < 2.0  # refused, not queued behind the 3 s call
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
        assert "busy" in refused.json()["error"]
        assert first.result().status_code == 200 and queued.result().status_code == 200


def test_slow_inference_times_out_with_504(idp: TestIdentityProvider) -> None:
    app = runtime(idp, "sleepy_module", SLEEPY, timeoutSeconds=0.3)
    with live_server(app) as url:
        response = httpx.post(
            f"{url}/v2/models/sleepy/infer", json=_sleep_request(1.5), headers=_token(idp), timeout=30
        )
    assert response.status_code == 504
    assert response.json() == {"error": "inference took longer than 0.3 s"}


def test_tritonclient_reads_metadata_and_infers(idp: TestIdentityProvider) -> None:
    import tritonclient.http as triton

    app = runtime(idp, "echo_module", [ModelDeclaration("echo", "default", (ECHO_GROUP,))])
    with live_server(app) as url:
        client = triton.InferenceServerClient(url.removeprefix("http://"))
        headers = _token(idp)
        assert client.is_server_live()
        metadata = client.get_model_metadata("echo", headers=headers)
        assert [tensor["name"] for tensor in metadata["inputs"]] == ["text", "scale"]
        text = triton.InferInput("text", [2], "BYTES")
        text.set_data_from_numpy(np.array([b"ab", b"cde"], dtype=object), binary_data=False)
        scale = triton.InferInput("scale", [2], "FP64")
        scale.set_data_from_numpy(np.array([1.0, 2.0]), binary_data=False)
        result = client.infer(
            "echo", [text, scale], outputs=[triton.InferRequestedOutput("length", binary_data=False)],
            parameters={"repeat": 2}, headers=headers, request_id="triton-1",
        )  # fmt: skip
        assert result.as_numpy("length").tolist() == [5, 14]
        assert result.get_response()["id"] == "triton-1"
        text.set_data_from_numpy(np.array([b"ab", b"cde"], dtype=object))  # the default: raw binary tensors
        scale.set_data_from_numpy(np.array([1.0, 2.0]))
        binary = client.infer("echo", [text, scale], parameters={"repeat": 2}, headers=headers)
        assert binary.as_numpy("length").tolist() == [5, 14]
        assert binary.as_numpy("result").tolist() == ["ab ab", "cde cde"]  # answered as JSON


def test_run_server_serves_on_uvloop_and_httptools(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append({"app": app, **options}))
    app = object()
    settings = Settings(host="127.0.0.1", port=8123, header_timeout_s=7)
    run_server(app, settings, limits(timeoutSeconds=20))  # type: ignore[arg-type]
    (call,) = calls
    protocol = call.pop("http")
    assert issubclass(protocol, HttpToolsProtocol) and protocol.header_timeout_s == 7
    assert call == {
        "app": app,
        "host": "127.0.0.1",
        "port": 8123,
        "loop": "uvloop",
        "log_config": None,
        "access_log": False,
        "timeout_graceful_shutdown": 25,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sigterm_lets_requests_in_flight_finish(idp: TestIdentityProvider, tmp_path: Path) -> None:
    """`receipt-extractor serve module` on SIGTERM stops taking requests but answers the one it is running."""
    manifests = write_manifests(tmp_path / "manifests", entrypoint="sleepy_module", models={"sleepy": "default"})
    port = _free_port()
    environment = {
        **os.environ,
        "RECEIPT_MANIFESTS_DIR": str(manifests),
        "RECEIPT_ISSUER_URL": idp.issuer,
        "RECEIPT_PORT": str(port),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)]),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "module", "--model", "sleepy"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/v2/health/ready", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"the runtime did not become ready:\n{server.communicate(timeout=5)[0]}")
            time.sleep(0.2)
        token = idp.mint(groups=[group_of("sleepy")])
        with ThreadPoolExecutor(1) as pool:
            in_flight = pool.submit(
                httpx.post, f"{url}/v2/models/sleepy/infer", json=_sleep_request(2.0),
                headers={"Authorization": f"Bearer {token}"}, timeout=60,
            )  # fmt: skip
            in_flight_gauge = f"{project_identity(manifests).metric_prefix}_requests_in_flight"
            _wait_for(url, in_flight_gauge, 1)
            server.send_signal(signal.SIGTERM)
            response = in_flight.result()
        assert response.status_code == 200, response.text
        assert response.json()["outputs"][0]["data"] == [2.0]
        assert server.wait(timeout=60) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once drained
        log = server.stdout.read() if server.stdout else ""
        assert '"event": "inference"' in log and '"status": 200' in log
    finally:
        if server.poll() is None:
            server.kill()


def test_a_timed_out_call_keeps_its_slot_until_its_work_ends(idp: TestIdentityProvider) -> None:
    """The 504 goes out at once, but the thread cannot be stopped: until it ends, in_flight says 1 and the only slot
    stays taken, so a second request is refused instead of starting more work beside it."""
    app = runtime(idp, "sleepy_module", SLEEPY, timeoutSeconds=0.3, maxConcurrency=1, maxQueue=0)
    with live_server(app) as url:
        headers = _token(idp)
        started = time.monotonic()
        timed_out = httpx.post(f"{url}/v2/models/sleepy/infer", json=_sleep_request(3.0), headers=headers, timeout=30)
        assert timed_out.status_code == 504
        assert time.monotonic() - started < 2.5
        assert _gauge(url, "module_runtime_requests_in_flight") == 1
        refused = httpx.post(f"{url}/v2/models/sleepy/infer", json=_sleep_request(0.0), headers=headers, timeout=30)
        assert refused.status_code == 503
        _wait_for(url, "module_runtime_requests_in_flight", 0)
        assert time.monotonic() - started > 2.9  # freed when the sleep ended, not when the 504 was sent
        again = httpx.post(f"{url}/v2/models/sleepy/infer", json=_sleep_request(0.0), headers=headers, timeout=30)
        assert again.status_code == 200


def test_a_module_that_takes_the_deadline_stops_at_the_timeout_and_frees_its_slot(idp: TestIdentityProvider) -> None:
    """Told the timeout's instant, the work ends with the 504 instead of holding the only slot for its full length."""
    import punctual_module

    models = [ModelDeclaration("punctual", "default", (ECHO_GROUP,))]
    app = runtime(idp, "punctual_module", models, timeoutSeconds=0.5, maxConcurrency=1, maxQueue=0)
    with live_server(app) as url:
        headers = _token(idp)
        infer = f"{url}/v2/models/punctual/infer"
        started = time.monotonic()
        timed_out = httpx.post(infer, json=_sleep_request(30.0), headers=headers, timeout=30)
        assert timed_out.status_code == 504
        _wait_for(url, "module_runtime_requests_in_flight", 0, model="punctual")
        assert time.monotonic() - started < 5  # not the 30 s asked for
        deadline = punctual_module.DEADLINES[-1]
        assert deadline is not None and started < deadline < started + 1.5
        served = httpx.post(infer, json=_sleep_request(0.05), headers=headers, timeout=30)
        assert served.status_code == 200 and served.json()["outputs"][0]["data"] == [0.05]
