"""An ASGI app under a real uvicorn on a loopback port, in a thread: for tests that need real sockets (streamed bodies,
interrupted uploads, browsers, other processes calling in)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import FastAPI


@dataclass(frozen=True)
class LiveServer:
    url: str
    port: int
    server: uvicorn.Server

    def wait_idle(self, timeout_s: float = 10) -> None:
        """Until no request is being handled: what a handler leaves behind is final after this."""
        deadline = time.monotonic() + timeout_s
        while self.server.server_state.tasks or self.server.server_state.connections:
            if time.monotonic() > deadline:
                raise TimeoutError("the server is still handling requests")
            time.sleep(0.02)


@contextmanager
def live_uvicorn(app: FastAPI, port: int = 0, **options: Any) -> Iterator[LiveServer]:
    """``app`` served on ``port`` (a free one when 0) until the block ends; the server drains and stops then.
    ``options`` are uvicorn's (``http``: the protocol class)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield LiveServer(f"http://127.0.0.1:{bound}", bound, server)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
