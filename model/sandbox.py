"""Run untrusted decoding in a child process that has a memory ceiling and a deadline, and is killed past either.

A 0.4 MB PDF whose content stream inflates to 200 MB of path operators made pdfium take 4 GB and minutes, and a
thread cannot be stopped or made to give its memory back. A child process can: ``RLIMIT_AS`` turns an allocation
past the ceiling into a failure inside the child, the parent kills it at the deadline, and when it ends the
operating system takes back all of its memory. Children come from a ``forkserver`` that has the decoders imported
already, so a child starts in a few tens of milliseconds instead of the second a fresh interpreter needs, and it is
safe to start them from the runtime's threads (a plain ``fork`` of a threaded process is not). As with every
``multiprocessing`` start method but ``fork``, a program's main module must keep what it does under
``if __name__ == "__main__":``.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

_CONTEXT = multiprocessing.get_context("forkserver")


@dataclass(frozen=True)
class WorkLimits:
    """What one child may use: address space (bytes, the interpreter and libraries included) and wall-clock time."""

    memory_bytes: int
    seconds: float


class WorkLimitError(Exception):
    """The work used more memory or time than its ``WorkLimits`` allow; ``kind`` is ``"memory"`` or ``"time"``."""

    def __init__(self, kind: str, limits: WorkLimits) -> None:
        self.kind, self.limits = kind, limits
        limit = f"{limits.memory_bytes / 2**20:.0f} MB" if kind == "memory" else f"{limits.seconds:g} s"
        super().__init__(f"{kind} limit of {limit} exceeded")


def preload(*modules: str) -> None:
    """Name the modules the forkserver imports once, before its first child; later calls add to the list."""
    _CONTEXT.set_forkserver_preload(sorted({*_PRELOADED, *modules}))
    _PRELOADED.update(modules)


_PRELOADED: set[str] = {"__main__"}
"""The program's main module too: each child re-runs it as ``__mp_main__`` (guarded code stays out), which is cheap
only when the forkserver has imported what it imports."""


def run_limited(function: Callable[..., T], *args: Any, limits: WorkLimits) -> T:
    """``function(*args)`` in a child process within ``limits``; its exceptions are raised here as they were there.

    ``function`` and its arguments and result travel by pickle, so ``function`` must be a module-level function.
    Raises ``WorkLimitError`` when the child runs out of memory, is killed at the deadline, or dies of a signal (a
    decoder that aborts on a failed allocation ends that way).
    """
    started = time.monotonic()
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(sender, function, args, limits), daemon=True)
    child.start()
    sender.close()
    try:
        remaining = limits.seconds - (time.monotonic() - started)
        if not receiver.poll(max(remaining, 0.0)):
            raise WorkLimitError("time", limits)
        try:
            status, value = receiver.recv()
        except EOFError as exc:  # the child died before it could answer: killed by the kernel or by itself
            raise WorkLimitError("memory", limits) from exc
    finally:
        receiver.close()
        child.kill()  # the answer is in: no need to wait for the child to free its memory on the way out
        child.join()
    if status == "memory":
        raise WorkLimitError("memory", limits)
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]


def _child(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...], limits: WorkLimits) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = int(limits.seconds) + 2  # a backstop should the parent be gone: the deadline is the parent's to keep
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    try:
        answer: tuple[str, Any] = ("ok", function(*args))
    except MemoryError:
        answer = ("memory", None)
    except Exception as exc:  # handed to the parent, which raises it
        answer = ("error", exc)
    try:
        sender.send(answer)
    except MemoryError:
        sender.send(("memory", None))
    except Exception as exc:  # an exception that cannot be pickled still has to say what it was
        sender.send(("error", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]} ({exc})")))
    sender.close()
