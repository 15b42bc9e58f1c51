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

import contextlib
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_CONTEXT = multiprocessing.get_context("forkserver")


@dataclass(frozen=True)
class WorkLimits:
    """What one child may use: address space beyond what it starts with (bytes: the interpreter and the libraries
    the program had imported are not counted, so the limit means the same under any main module), processor time,
    and wall-clock time. Processor time is the limit that matters, and it does not shrink when the machine is busy;
    the wall-clock deadline catches work that waits instead of computing."""

    memory_bytes: int
    cpu_seconds: int
    wall_seconds: float


class WorkLimitError(Exception):
    """The work went past its ``WorkLimits``: ``kind`` is ``"memory"``, ``"time"`` or ``"crash"`` (the child died of
    a signal, as a decoder that aborts on a failed allocation does)."""

    def __init__(self, kind: str, limits: WorkLimits, detail: str = "") -> None:
        self.kind, self.limits = kind, limits
        super().__init__(detail or f"{kind} limit exceeded")


def preload(*modules: str) -> None:
    """Name the modules the forkserver imports once, before its first child; later calls add to the list."""
    _PRELOADED.update(modules)
    _CONTEXT.set_forkserver_preload(sorted(_PRELOADED))


_PRELOADED: set[str] = {"__main__"}
"""The program's main module too: each child re-runs it as ``__mp_main__`` (guarded code stays out), which is cheap
only when the forkserver has imported what it imports."""


def _forget_the_parents_forkserver() -> None:
    """In a child made by a plain ``fork`` (``ProcessPoolExecutor``'s default on Linux): the parent's forkserver is
    not this process's child, so ``ensure_running``'s ``waitpid`` on it fails with ECHILD. Start afresh: the child
    gets a forkserver of its own on first use, and a lock no thread of the parent can be holding."""
    server: Any = vars(forkserver)["_forkserver"]  # the module's one server; it has no public reset
    alive_fd = server._forkserver_alive_fd
    server._lock = threading.Lock()
    server._forkserver_pid = server._forkserver_address = server._forkserver_alive_fd = None
    if alive_fd is not None:
        with contextlib.suppress(OSError):
            os.close(alive_fd)  # the parent's copy keeps its forkserver alive; this one need not


os.register_at_fork(after_in_child=_forget_the_parents_forkserver)


def start() -> None:
    """Start the forkserver now (about a second, once per process), so that the first request does not wait for it."""
    forkserver.ensure_running()


def run_limited(function: Callable[..., T], *args: Any, limits: WorkLimits) -> T:
    """``function(*args)`` in a child process within ``limits``; its exceptions are raised here as they were there.

    ``function`` and its arguments and result travel by pickle, so ``function`` must be a module-level function.
    Raises ``WorkLimitError`` when the child goes past a limit or dies. The forkserver's own start (about a second,
    once per process) is not counted against the deadline.
    """
    start()
    started = time.monotonic()
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(sender, function, args, limits), daemon=True)
    child.start()
    sender.close()
    try:
        remaining = limits.wall_seconds - (time.monotonic() - started)
        if not receiver.poll(max(remaining, 0.0)):
            raise WorkLimitError("time", limits, f"was still running after {limits.wall_seconds:g} s")
        try:
            status, value = receiver.recv()
        except EOFError:  # the child died before it could answer
            status, value = "died", None
    finally:
        receiver.close()
        child.kill()  # the answer is in: no need to wait for the child to free its memory on the way out
        child.join()
    if status == "died":
        raise _death(child.exitcode, limits)
    if status == "memory":
        raise WorkLimitError("memory", limits, f"needed more than {limits.memory_bytes / 2**20:.0f} MB")
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]


def _death(exitcode: int | None, limits: WorkLimits) -> WorkLimitError:
    if exitcode == -signal.SIGXCPU:
        return WorkLimitError("time", limits, f"used more than {limits.cpu_seconds} s of processor time")
    name = signal.Signals(-exitcode).name if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    ceiling = f"{limits.memory_bytes / 2**20:.0f} MB"
    return WorkLimitError("crash", limits, f"crashed the decoder ({name}), most often a sign of going past {ceiling}")


def _address_space() -> int:
    """This process's virtual size now, in bytes (``VmSize``; 0 where there is no /proc, leaving only the limit)."""
    try:
        return int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...], limits: WorkLimits) -> None:
    ceiling = _address_space() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))  # SIGXCPU, then SIGKILL
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
