"""Bounded concurrency with a bounded queue, so an overloaded service says "come back later" instead of timing out.

The runtime's inference and the file service's uploads each hold a worker thread while they run: ``max_concurrency``
of them at once, at most ``max_queue`` requests waiting (on the event loop, holding no thread) for a slot, and
everything beyond is refused at once with 503 and Retry-After.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


class SaturatedError(Exception):
    """Every slot is busy and the queue is full."""


class SlotLimiter:
    def __init__(self, max_concurrency: int, max_queue: int) -> None:
        if max_concurrency < 1 or max_queue < 0:
            raise ValueError("max_concurrency must be ≥ 1 and max_queue ≥ 0")
        self._slots = asyncio.Semaphore(max_concurrency)
        self._max_queue = max_queue
        self.waiting = 0
        self.running = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the body of the ``async with``; raises ``SaturatedError`` when full."""
        release = await self.acquire()
        try:
            yield
        finally:
            release()

    async def acquire(self) -> Callable[[], None]:
        """Take one slot and return the call that gives it back (once; later calls do nothing).

        For work that can outlive its request: a thread the runtime answered 504 for keeps running, and its slot has
        to stay taken until it ends, or the limit counts requests instead of work. Raises ``SaturatedError``.
        """
        if self._slots.locked() and self.waiting >= self._max_queue:
            raise SaturatedError
        self.waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self.waiting -= 1
        self.running += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self.running -= 1
                self._slots.release()

        return release
