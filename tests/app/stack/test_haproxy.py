"""The dev stack's load balancer (Debian's HAProxy) against a replica that closes a kept-alive connection as the next
request arrives on it, the race a draining uvicorn runs with the balancer: the request goes to the replica again, on a
new connection, instead of the client's connection being closed without an answer."""

from __future__ import annotations

import select
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from app.stack.haproxy import SERVED_BY, HAProxyError, HAProxyServer

pytestmark = pytest.mark.skipif(shutil.which("haproxy") is None, reason="needs Debian's haproxy (make test)")

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


def _read_request(connection: socket.socket) -> bool:
    """One request, headers and body (by its Content-Length); False when the peer closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        if not (chunk := connection.recv(65536)):
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lengths = [int(line.split(b":")[1]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")]
    length = lengths[0] if lengths else 0
    while len(body) < length:
        body += connection.recv(65536)
    return True


class ClosingReplica:
    """Answers every request, except that once it closes a kept-alive connection, unread, when the next request
    arrives on it: uvicorn's graceful shutdown closes idle connections, and one may be in use by then."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.target = f"127.0.0.1:{self.listener.getsockname()[1]}"
        self.closed_on_arrival = threading.Event()

    def _serve(self, connection: socket.socket) -> None:
        with connection, suppress(ConnectionResetError):  # HAProxy ends its health checks with a reset
            served = 0
            while True:
                if served and not self.closed_on_arrival.is_set():
                    select.select([connection], [], [])
                    if connection.recv(1, socket.MSG_PEEK):  # the next request is there: close with it unread
                        self.closed_on_arrival.set()
                    return
                if not _read_request(connection):
                    return
                connection.sendall(ANSWER)
                served += 1

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    @contextmanager
    def running(self) -> Iterator[ClosingReplica]:
        threading.Thread(target=self._accept, daemon=True).start()
        try:
            yield self
        finally:
            self.listener.close()


BODY = b'{"inputs": []}'
HEADERS = {"Content-Type": "application/json", "Content-Length": str(len(BODY))}


def _late_body() -> Iterator[bytes]:
    """The body a moment after the headers, so that HAProxy has begun to send the request before it has it whole
    (httpx sends the two apart, and on a busy machine they arrive apart)."""
    time.sleep(0.05)
    yield BODY


def test_request_on_a_connection_the_replica_closes_is_sent_again(tmp_path: Path) -> None:
    with (
        ClosingReplica().running() as replica,
        HAProxyServer(tmp_path, targets=[replica.target], health_path="/healthz") as balancer,
        httpx.Client(base_url=balancer.url) as client,
    ):
        answers = [client.post("/v2/models/m/infer", content=_late_body(), headers=HEADERS) for _ in range(2)]
        assert replica.closed_on_arrival.is_set()  # the second request was on the kept-alive connection
        assert [(answer.status_code, answer.headers[SERVED_BY]) for answer in answers] == [(200, "replica1")] * 2
        # HAProxy logs a request as its stream ends, which may be after the client has the answer: wait for the line
        # before stopping it (a busy CI machine once stopped it first)
        deadline = time.monotonic() + 5
        while not _posts_logged(balancer) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)  # room for a second line, which must not come
    # the log has one line per request that was retried or failed, none for one served at the first try
    logged = _posts_logged(balancer)
    assert len(logged) == 1, logged


def _posts_logged(balancer: HAProxyServer) -> list[str]:
    """The log's lines for POST requests."""
    return [line for line in balancer.log_path.read_text(encoding="utf-8").splitlines() if "POST" in line]


class SlowReplica(ThreadingHTTPServer):
    """Answers ``GET /slow`` after half a second and anything else at once."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if self.path == "/slow":
                    time.sleep(0.5)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.target = f"127.0.0.1:{self.server_address[1]}"

    def handle_error(self, *_: object) -> None:
        """HAProxy ends its health checks with a reset."""

    @contextmanager
    def running(self) -> Iterator[SlowReplica]:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        try:
            yield self
        finally:
            self.shutdown()
            self.server_close()


def _served_by(client: httpx.Client, count: int = 4) -> list[str]:
    return [client.get("/").headers[SERVED_BY] for _ in range(count)]


def test_a_replica_taken_out_answers_what_it_has_and_gets_nothing_new_until_put_back(tmp_path: Path) -> None:
    with (
        SlowReplica().running() as first,
        SlowReplica().running() as second,
        HAProxyServer(tmp_path, targets=[first.target, second.target], health_path="/healthz") as balancer,
        httpx.Client(base_url=balancer.url) as client,
    ):
        assert sorted(_served_by(client)) == ["replica1", "replica1", "replica2", "replica2"]
        slow: list[httpx.Response] = []
        threading.Thread(target=lambda: slow.append(httpx.get(f"{balancer.url}/slow"))).start()
        busy = _wait_for_one_in_flight(balancer, ("replica1", "replica2"))
        (idle,) = {"replica1", "replica2"} - {busy}

        balancer.take_out(busy)
        assert [answer.headers[SERVED_BY] for answer in slow] == [busy]  # answered before take_out returned
        assert _served_by(client) == [idle] * 4

        balancer.put_back(busy)
        deadline = time.monotonic() + 5
        while busy not in _served_by(client) and time.monotonic() < deadline:  # its next health check
            time.sleep(0.1)
        assert sorted(_served_by(client)) == ["replica1", "replica1", "replica2", "replica2"]


def _wait_for_one_in_flight(balancer: HAProxyServer, replicas: tuple[str, ...], timeout_s: float = 5) -> str:
    """The replica the balancer sent the one request in flight to."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if busy := [replica for replica in replicas if balancer.in_flight(replica)]:
            return busy[0]
        time.sleep(0.01)
    raise AssertionError("no request in flight")


def test_a_balancer_in_a_deep_folder_still_answers_its_runtime_api(tmp_path: Path) -> None:
    folder = tmp_path / ("deep" * 20)  # the socket's path beside the log would be over the 107-byte limit
    with SlowReplica().running() as replica, HAProxyServer(folder, targets=[replica.target], health_path="/h") as lb:
        assert lb.in_flight("replica1") == 0
        with pytest.raises(HAProxyError, match="no server replica2"):
            lb.in_flight("replica2")
        with pytest.raises(HAProxyError, match="did not set replica2 ready"):
            lb.put_back("replica2")
