"""How every service runs under uvicorn: one place for what uvicorn does not bound by itself.

uvicorn times out a keep-alive connection that sends nothing, but not a request whose headers arrive a byte at a
time, nor a new connection that sends nothing at all: each such connection is held for as long as the client likes,
and a few thousand of them exhaust the server's file descriptors. ``HeaderTimeoutProtocol`` closes a connection
whose request head (request line and headers) is not complete within ``header_timeout_s`` of the connection opening
or of the request's first byte. A request's body is the application's to time out (the file service's 408).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.settings import ServiceSettings

LOG = logging.getLogger(__name__)


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline on each request's head."""

    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_deadline: asyncio.TimerHandle | None = None
        self._arm_header_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_deadline()  # a keep-alive connection's next request: from its first byte

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            client = f"{self.client[0]}:{self.client[1]}" if self.client else "a client"
            LOG.info("closed %s's connection: no complete request head within %g s", client, self.header_timeout_s)
            self.transport.close()


def header_timeout_protocol(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class with its deadline set, as uvicorn's ``http`` option takes it (a class, no arguments)."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout_s": seconds})


def uvicorn_options(settings: ServiceSettings) -> dict[str, Any]:
    """What every service passes to uvicorn besides its app, host and port."""
    return {"http": header_timeout_protocol(settings.header_timeout_s), "log_config": None}


def run(app: ASGIApp, settings: ServiceSettings, port: int, **options: Any) -> None:
    """Serve ``app`` on ``settings.host``:``port`` until SIGINT/SIGTERM, with the limits every service has."""
    uvicorn.run(app, host=settings.host, port=port, **{**uvicorn_options(settings), **options})
