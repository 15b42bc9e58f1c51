"""The images' HEALTHCHECK probe against a real HTTP server on a free port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.healthcheck import main, probe_url


class _Answers(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/v2/health/ready" else 404)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[_Answers]]:
    handler = type("Handler", (_Answers,), {})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    monkeypatch.setenv("RECEIPT_PORT", str(httpd.server_address[1]))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handler
    httpd.shutdown()
    httpd.server_close()


def test_probe_url_defaults_to_the_settings_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RECEIPT_PORT", "RECEIPT_FILES_PORT", "RECEIPT_WEB_PORT"):
        monkeypatch.delenv(name, raising=False)
    assert probe_url("module") == "http://127.0.0.1:8000/v2/health/ready"
    assert probe_url("files") == "http://127.0.0.1:8001/healthz"
    assert probe_url("web") == "http://127.0.0.1:8002/healthz"
    monkeypatch.setenv("RECEIPT_WEB_PORT", "9102")
    assert probe_url("web") == "http://127.0.0.1:9102/healthz"


def test_main_ready_is_0(server: type[_Answers]) -> None:
    assert main(["module"]) == 0


def test_main_not_ready_is_1(server: type[_Answers]) -> None:
    server.status = 503
    assert main(["module"]) == 1


def test_main_nothing_listening_is_1(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("RECEIPT_PORT", str(port))
    assert main(["module"]) == 1


def test_main_unknown_service_is_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["worker"]) == 2
    assert "module|files|web" in capsys.readouterr().err
