"""The download pump: chunks in order, at most ``depth`` read ahead, storage errors passed on, the body closed once and
never under a read in progress, whether the consumer reads to the end or stops early."""

from __future__ import annotations

import asyncio
import threading
import time

import anyio.to_thread
import pytest

from app.files.readahead import read_ahead
from app.storage import ObjectBody, StorageUnavailable


class Body(ObjectBody):
    """``chunks`` then the end; records reads and whether close came while a read was running."""

    def __init__(self, chunks: list[bytes], fail_at: int | None = None, read_s: float = 0) -> None:
        self.parts = chunks
        self.fail_at = fail_at
        self.read_s = read_s
        self.reads = 0
        self.reading = threading.Event()
        self.closed = 0
        self.closed_while_reading = False

    def read(self, size: int = -1, /) -> bytes:
        self.reading.set()
        try:
            time.sleep(self.read_s)
            index, self.reads = self.reads, self.reads + 1
            if index == self.fail_at:
                raise StorageUnavailable("S3 went away")
            return self.parts[index] if index < len(self.parts) else b""
        finally:
            self.reading.clear()

    def close(self) -> None:
        self.closed += 1
        self.closed_while_reading |= self.reading.is_set()


def chunks(count: int) -> list[bytes]:
    return [bytes([index]) * 10 for index in range(count)]


async def collect(body: Body, depth: int = 3) -> list[bytes]:
    return [chunk async for chunk in read_ahead(body, chunk_bytes=10, depth=depth)]


def test_reads_the_body_in_order_and_closes_it_once() -> None:
    body = Body(chunks(7))
    assert asyncio.run(collect(body)) == chunks(7)
    assert (body.reads, body.closed) == (8, 1)  # seven chunks and the end


def test_reads_ahead_but_no_more_than_depth_and_a_stalled_consumer_holds_no_thread() -> None:
    body = Body(chunks(20))

    async def first_only() -> tuple[int, float]:
        stream = read_ahead(body, chunk_bytes=10, depth=3)
        await anext(stream)
        await asyncio.sleep(0.3)  # the pump could read all twenty meanwhile if nothing held it back
        reads, threads = body.reads, anyio.to_thread.current_default_thread_limiter().borrowed_tokens
        await stream.aclose()
        return reads, threads

    reads, threads = asyncio.run(first_only())
    assert 2 <= reads <= 4  # the chunk taken and up to three ahead
    assert threads == 0  # a slow client must not hold one of the pool's threads while it reads
    assert body.closed == 1


def test_a_storage_error_reaches_the_consumer_and_the_body_is_closed() -> None:
    body = Body(chunks(5), fail_at=2)
    with pytest.raises(StorageUnavailable, match="went away"):
        asyncio.run(collect(body))
    assert body.closed == 1


def test_a_consumer_that_stops_early_waits_for_the_read_in_progress_before_closing() -> None:
    body = Body(chunks(50), read_s=0.05)

    async def stop_after_two() -> None:
        stream = read_ahead(body, chunk_bytes=10, depth=1)
        await anext(stream)
        await anext(stream)
        while not body.reading.is_set():  # the third chunk is being read
            await asyncio.sleep(0.001)
        await stream.aclose()

    asyncio.run(stop_after_two())
    assert body.closed == 1
    assert not body.closed_while_reading
    assert body.reads < 50
