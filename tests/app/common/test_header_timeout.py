"""Every service's uvicorn closes connections whose request headers come too slowly, while others are served."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from live_uvicorn import LiveServer, live_uvicorn

from app.common.serving import header_timeout_protocol
from app.settings import Settings

TIMEOUT_S = 0.5


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    return app


@pytest.fixture(scope="module")
def server() -> Any:
    with live_uvicorn(_app(), http=header_timeout_protocol(TIMEOUT_S)) as live:
        yield live


def _closed_after(connection: socket.socket, trickle: bytes, seconds: float) -> float | None:
    """Send ``trickle`` a byte every 0.05 s (then nothing) until the server closes; the seconds that took, or None
    when it was still open after ``seconds``."""
    started = time.monotonic()
    connection.settimeout(0.05)
    for index in range(int(seconds / 0.05)):
        try:
            if index < len(trickle):
                connection.sendall(trickle[index : index + 1])
            if connection.recv(4096) == b"":
                return time.monotonic() - started
        except TimeoutError:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - started
    return None


def test_headers_sent_a_byte_at_a_time_are_cut_off_while_others_are_served(server: LiveServer) -> None:
    head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 200
    with socket.create_connection(("127.0.0.1", server.port)) as slow, httpx.Client() as client:
        slow.sendall(head[:5])
        assert client.get(f"{server.url}/").json() == {"hello": "world"}  # served while the slow one trickles
        closed = _closed_after(slow, head[5:], seconds=5)
    assert closed is not None and closed < TIMEOUT_S + 3  # the deadline, and slack for a busy machine


def test_a_connection_that_sends_nothing_is_closed(server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port)) as idle:
        closed = _closed_after(idle, b"", seconds=5)
    assert closed is not None and closed < TIMEOUT_S + 3  # the deadline, and slack for a busy machine


def test_a_keep_alive_connections_next_request_has_the_same_deadline(server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port)) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert connection.recv(4096).startswith(b"HTTP/1.1 200")
        time.sleep(TIMEOUT_S * 1.5)  # idle between requests: the keep-alive timeout's business (5 s), not this one's
        closed = _closed_after(connection, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200, seconds=5)
    assert closed is not None and closed < TIMEOUT_S + 3  # the deadline, and slack for a busy machine


def test_headers_within_the_deadline_are_served_even_when_slow() -> None:
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with (
        live_uvicorn(_app(), http=header_timeout_protocol(10.0)) as patient,
        socket.create_connection(("127.0.0.1", patient.port)) as connection,
    ):
        for byte in range(0, len(request), 10):  # over a second: twice the deadline of the tests above
            connection.sendall(request[byte : byte + 10])
            time.sleep(0.15)
        connection.settimeout(10)
        assert connection.recv(4096).startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("service", ["app.files.main", "app.web.main", "app.runtime.main"])
def test_every_service_serves_with_the_header_timeout(
    service: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import importlib

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    settings = Settings(header_timeout_s=3, storage_dir=tmp_path)
    importlib.import_module(service).serve(settings)
    (options,) = calls
    assert options["http"].header_timeout_s == 3
