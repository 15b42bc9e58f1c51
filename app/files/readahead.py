"""A blocking object body read ahead in worker threads, for a response streamed from the event loop.

Reading a chunk per ``to_thread`` call keeps at most one read in flight and pays two thread hops a chunk; downloads
ran at 0.64-0.67 of the raw client's speed that way and 0.70-0.78 with read-ahead (``make bench-files``, 20 MB). A
worker thread reads chunk after chunk, up to ``depth`` ahead of the one being sent, handing each to the loop as it
arrives; when there is no room it waits briefly and then gives the thread back. A client that reads slowly thus
holds no thread of the pool, and a few of them cannot starve the service's other routes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncGenerator
from contextlib import suppress

import anyio
import anyio.to_thread

from app.storage import ObjectBody
from app.storage.base import CHUNK_BYTES

DEPTH = 3
"""Chunks read ahead: enough that reading never waits on the loop, few enough to hold per download (3 MiB)."""
HOLD_S = 0.05
"""How long a reading thread waits for room before it gives itself back: a client reading at speed makes room
within milliseconds (a thread given back at once cost downloads 0.03-0.04 of the raw client's speed), a stalled
one should not keep a thread of the pool."""


class _Pump:
    """Reads the body in worker threads, one at a time, while fewer than ``depth`` chunks wait to be sent.

    Whether a thread is reading and how many chunks wait change under one lock, so the thread that gives up waiting
    for room and the consumer that makes room cannot both leave the restarting to the other."""

    def __init__(self, body: ObjectBody, chunk_bytes: int, depth: int) -> None:
        self.body = body
        self.chunk_bytes = chunk_bytes
        self.depth = depth
        self.loop = asyncio.get_running_loop()
        self.ready: asyncio.Queue[bytes | BaseException] = asyncio.Queue()
        self.lock = threading.Lock()
        self.room = threading.Condition(self.lock)
        self.waiting = 0
        self.running = True  # read_ahead starts the first thread at once
        self.finished = False
        self.thread: asyncio.Future[None] | None = None

    def take(self) -> None:
        """A chunk left the queue: room for one more; restart the reading if it had stopped for want of room."""
        with self.lock:
            self.waiting -= 1
            restart = not (self.running or self.finished)
            self.running |= restart
            self.room.notify()
        if restart:
            self.start()

    def start(self) -> None:
        self.thread = asyncio.ensure_future(anyio.to_thread.run_sync(self.fill))

    def stop(self) -> None:
        with self.lock:
            self.finished = True
            self.room.notify()

    def fill(self) -> None:
        """In a worker thread: read while there is room, handing each chunk over as soon as it is read."""
        while True:
            with self.lock:
                if self.waiting >= self.depth and not self.finished:
                    self.room.wait(HOLD_S)
                if self.finished or self.waiting >= self.depth:
                    self.running = False
                    return
                self.waiting += 1
            try:
                chunk: bytes | BaseException = self.body.read(self.chunk_bytes)
            except Exception as exc:  # the consumer raises it
                chunk = exc
            self.loop.call_soon_threadsafe(self.ready.put_nowait, chunk)
            if not isinstance(chunk, bytes) or not chunk:
                with self.lock:
                    self.finished, self.running = True, False
                return


async def read_ahead(
    body: ObjectBody, chunk_bytes: int = CHUNK_BYTES, depth: int = DEPTH
) -> AsyncGenerator[bytes, None]:
    """The body's chunks in order; the body is closed at the end, when reading fails, or when the consumer stops
    early (a client gone mid-download), but never while a read is still in progress."""
    pump = _Pump(body, chunk_bytes, depth)
    pump.start()
    try:
        while True:
            item = await pump.ready.get()
            if isinstance(item, BaseException):
                raise item
            if not item:
                return
            pump.take()
            yield item
    finally:
        pump.stop()
        if pump.thread is not None:  # the last thread started is the only one that may still be reading
            with anyio.CancelScope(shield=True), suppress(Exception, asyncio.CancelledError):
                await pump.thread
        body.close()
