"""A bound on the documents the web app decodes at once (previews, thumbnails, a PDF's pages as JPEGs).

Each decode runs in a sandbox child of its own with a memory ceiling and a deadline (``model/sandbox.py``), but the
web app's routes run in a thread pool of 40, so without a bound of its own 40 children could each take their ceiling
at once. A decode takes a slot for its whole run in the thread that does it, and the sandbox returns only once its
child has ended (killed and reaped), so the slot is given back when the child's memory is, not when the request is
answered: a cancelled or abandoned request's thread still holds it until the work is really over, as the runtime's
limiter does (``app.limiter``). A decode waits ``wait_s`` at most for a slot; past it, ``DecodesBusyError``, which the
routes answer as their "busy" problem (503 with Retry-After), the photo kept (in the page's form, or stored).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class DecodesBusyError(RuntimeError):
    """Every decoding slot stayed taken for the whole wait: the server's load, not the file's fault."""


def default_max_decodes() -> int:
    """One decode per processor this process may run on: a decode is CPU-bound, more would only starve each other."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class DecodeSlots:
    """At most ``max_decodes`` decodes at once, each waiting up to ``wait_s`` for a slot; thread-safe (the routes
    decode in worker threads)."""

    def __init__(self, max_decodes: int, wait_s: float) -> None:
        if max_decodes < 1 or wait_s < 0:
            raise ValueError("max_decodes must be ≥ 1 and wait_s ≥ 0")
        self.max_decodes = max_decodes
        self.wait_s = wait_s
        self._slots = threading.BoundedSemaphore(max_decodes)
        self._lock = threading.Lock()
        self._running = 0
        self._waiting = 0

    @property
    def running(self) -> int:
        """Decodes holding a slot now."""
        return self._running

    @property
    def waiting(self) -> int:
        """Decodes waiting for one."""
        return self._waiting

    def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a slot, in this thread; ``DecodesBusyError`` when none came free in ``wait_s``."""
        with self._lock:
            self._waiting += 1
        try:
            got = self._slots.acquire(timeout=self.wait_s)
        finally:
            with self._lock:
                self._waiting -= 1
        if not got:
            raise DecodesBusyError(
                f"the server is decoding {self.max_decodes} other document(s) and none finished within "
                f"{self.wait_s:g} s; the file is not at fault, try again in a few seconds"
            )
        with self._lock:
            self._running += 1
        try:
            return function(*args)
        finally:
            with self._lock:
                self._running -= 1
            self._slots.release()
