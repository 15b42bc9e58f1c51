"""Run untrusted decoding in a child process that has a memory ceiling and a deadline, and is killed past either.

A 0.4 MB PDF whose content stream inflates to 200 MB of path operators made pdfium take 4 GB and minutes, and a
thread cannot be stopped or made to give its memory back. A child process can: ``RLIMIT_AS`` turns an allocation
past the ceiling into a failure inside the child, the parent kills it at the deadline, and when it ends the
operating system takes back all of its memory. Children come from a ``forkserver`` that has the decoders imported
already, so a child starts in a few tens of milliseconds instead of the second a fresh interpreter needs, and it is
safe to start them from the runtime's threads (a plain ``fork`` of a threaded process is not). As with every
``multiprocessing`` start method but ``fork``, a program's main module must keep what it does under
``if __name__ == "__main__":``: the forkserver and its children import the script again, so a script that decodes at
its top level would decode again in each of them. ``run_limited`` and ``start`` refuse such a call at once with
``UnguardedMainError``, naming the line, instead of letting the children fail one after another.

Those tens of milliseconds are kept off the request path by a pool of ``WARM_WORKERS`` children started ahead of
need. Each waits for exactly one piece of work and is killed once it has answered, so every document still gets a
process that has run nothing before it and whose memory goes back to the system after it; a child taken from the
pool is replaced while it works.

A service stopping is told so by SIGTERM, often sent to its whole process group (``stack``, the benchmarks, systemd,
a terminal's Ctrl-C as SIGINT), and drains: the requests in flight finish. Their decoding must finish too, so the
forkserver holds SIGTERM back (blocked: its children are forked with it blocked, so none dies of one while it
starts, work perhaps already sent to it) and ignores SIGINT; a child that has work ignores both, and ends at its
limits or when it has answered, as ever. A waiting child still ends on a SIGTERM held back (``multiprocessing``
stops a process's daemonic children that way when it exits, then waits for them), and the pool replaces it.
Before, every rolling restart failed the requests that were decoding at that moment with a 400 that blamed the file
("crashed the decoder").
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import functools
import json
import mmap
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import forkserver, process, reduction
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")

_CONTEXT = multiprocessing.get_context("forkserver")

SHARED_FROM_BYTES = 1 << 20
"""An answer carrying more than this in arrays (a decoded page is 10-40 MB) comes back through shared memory: one copy
instead of four, and not 200 kB at a time through a socket, each piece waiting for both processes to be scheduled on
a busy machine."""

WARM_WORKERS = 2
"""Children kept started and waiting: enough for the runtime's two cores to take a document each while the
children they used are replaced (an idle child costs a few MB: it shares the forkserver's pages)."""


@dataclass(frozen=True)
class WorkLimits:
    """What one child may use: address space beyond what it starts with (bytes: the interpreter and the libraries
    the program had imported are not counted, so the limit means the same under any main module), processor time,
    and wall-clock time. Processor time is the limit that matters, and it does not shrink when the machine is busy;
    the wall-clock deadline catches work that waits instead of computing."""

    memory_bytes: int
    cpu_seconds: int
    wall_seconds: float


STARVED_BELOW = 0.125
"""A child stopped at the wall clock having used less than this share of its processor-time limit was starved: the
machine did not run it (load many times its cores, a stopped process), which says nothing about the work. One that
used more and was not done was costly: with the decoding's 8 s that is 1 s, while a phone's 12 MP JPEG takes
0.15 s, a three-page scan 0.35 s, and the largest image accepted, 60 MP, 1.3 s as PNG and 1.5 s as WebP (only such
a file, starved to between 1 s and its need, would be blamed wrongly). A hostile PDF passes 1 s within the 18 s on
any machine that gives it 6% of a core (a load under about 30 on two cores), so it is still told it is one."""


class WorkLimitError(Exception):
    """The work went past its ``WorkLimits``: ``kind`` is ``"memory"``, ``"time"``, ``"crash"`` (the child died of
    a signal, as a decoder that aborts on a failed allocation does) or ``"starved"`` (stopped at the wall clock
    with less than ``STARVED_BELOW`` of its processor time used: the machine's fault, not the work's)."""

    def __init__(
        self,
        kind: str,
        limits: WorkLimits,
        detail: str = "",
        *,
        wall_clock: bool = False,
        cpu_used: float | None = None,
    ) -> None:
        self.kind, self.limits = kind, limits
        self.wall_clock = wall_clock
        """Stopped at the wall-clock deadline (not for processor time): the deadline the caller set, when shorter."""
        self.cpu_used = cpu_used
        """The child's processor seconds when it was stopped at the wall clock (None: not known, or not that stop)."""
        super().__init__(detail or f"{kind} limit exceeded")


class UnguardedMainError(RuntimeError):
    """The sandbox was called from a script's top level outside ``if __name__ == "__main__":``."""


def _refuse_unguarded_main() -> None:
    """Raise ``UnguardedMainError`` when this call comes from the main module's top level, outside its main guard
    (or from the main module's second import, in a child): the children would run that line again."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise UnguardedMainError(_GUARD_ADVICE.format(where=path or "the main module"))
    if main is None or path is None:
        return  # python -c, or an interactive session: nothing is imported again
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and not (frame.f_code.co_name == "<module>" and frame.f_globals is vars(main)):
        frame = frame.f_back
    if frame is not None and not _guarded(path, frame.f_lineno):
        raise UnguardedMainError(_GUARD_ADVICE.format(where=f"{path}:{frame.f_lineno}"))


_GUARD_ADVICE = (
    "{where} calls the decoding sandbox from the script's top level; the sandbox's child processes import the "
    'script again and would run that line again: put the script\'s work under `if __name__ == "__main__":`'
)


@functools.cache
def _main_guards(path: str) -> tuple[tuple[int, int], ...]:
    """The line ranges of ``path``'s top-level ``if __name__ == "__main__":`` bodies (their ``else`` runs on import)."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return ()
    guards = []
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1:
            sides = {ast.unparse(node.test.left), ast.unparse(node.test.comparators[0])}
            if isinstance(node.test.ops[0], ast.Eq) and sides == {"__name__", "'__main__'"}:
                guards.append((node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno))
    return tuple(guards)


def _guarded(path: str, line: int) -> bool:
    return any(first <= line <= last for first, last in _main_guards(path))


def preload(*modules: str) -> None:
    """Name the modules the forkserver imports once, before its first child; later calls add to the list."""
    _PRELOADED.update(modules)
    _CONTEXT.set_forkserver_preload([*sorted(_PRELOADED), _MAIN_IMPORTER])


_PRELOADED: set[str] = {__name__}
"""This module, which shields the forkserver when it is imported there, and the decoders (``model.documents``)."""

_MAIN_IMPORTER = "model.sandbox_main"
"""Imported last in the forkserver: the program's main module, imported there once (``_ensure_forkserver``)."""
MAIN_ENV = "RECEIPT_SANDBOX_MAIN"
"""How the forkserver learns which main module to import: the only arguments ``multiprocessing`` gives it are the
modules to preload and ``sys.path``."""


def _ensure_forkserver() -> None:
    """Start the forkserver, telling it the program's main module (``_share_main``)."""
    _share_main()
    forkserver.ensure_running()


@functools.cache
def _share_main() -> None:
    """Put the program's main module where the forkserver reads it (``MAIN_ENV``), once: a child forked from the
    server imports that module again (as ``__mp_main__``) unless the server already has. ``multiprocessing`` means
    to with its ``"__main__"`` preload, but on Python 3.11 never passes the server the main module's path, so every
    child of ``python -m app.cli serve`` imported the CLI and the services: 0.36 CPU s a document beside a phone
    photo's 0.17 s of decoding. Once, not on every call: the runtime decodes from several threads, and changing the
    environment while another thread reads it is unsafe in C."""
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    path = getattr(main, "__file__", None)
    main_data: dict[str, Any] = {"sys_argv": sys.argv}  # what a child's main module sees at import
    if name:
        main_data["init_main_from_name"] = name
    elif path:
        started_in = vars(process).get("ORIGINAL_DIR") or str(Path.cwd())
        main_data["init_main_from_path"] = os.path.normpath(os.path.join(started_in, path))  # noqa: PTH118 - as spawn
    os.environ[MAIN_ENV] = json.dumps(main_data)


_SHUTDOWN_SIGNALS = (signal.SIGTERM, signal.SIGINT)
"""What a service is stopped with: the decoding it has started is left to finish, as its requests are."""


def _ignore_shutdown_signals() -> None:
    for number in _SHUTDOWN_SIGNALS:
        signal.signal(number, signal.SIG_IGN)


def _in_the_forkserver() -> bool:
    """Whether this process is a forkserver that ``multiprocessing`` started (it runs ``main`` from ``-c``)."""
    return any(argument.startswith("from multiprocessing.forkserver import main") for argument in sys.orig_argv)


if _in_the_forkserver():
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # its children are forked with it blocked


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
    _POOL.forget()


@dataclass(frozen=True)
class _Worker:
    process: BaseProcess
    connection: Connection
    """Both ways: the work goes to the child, its answer comes back."""


class _WarmPool:
    """Children started and waiting for one piece of work each, so that a document does not wait for a start."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._wanted = threading.Event()
        self._refiller: threading.Thread | None = None

    def take(self) -> _Worker:
        """A waiting child, or a new one when none is (a child that died while waiting is dropped)."""
        with self._lock:
            while self._idle:
                worker = self._idle.pop(0)
                if worker.process.is_alive():
                    return worker
                _end(worker)
        return _start_worker()

    def refill_soon(self) -> None:
        """Have ``refill`` run on the pool's own thread: starting a child takes a few milliseconds of this process's
        time, which a request need not wait for."""
        with self._lock:
            if self._refiller is None or not self._refiller.is_alive():
                self._refiller = threading.Thread(target=self._refill_when_wanted, name="sandbox-refill", daemon=True)
                self._refiller.start()
        self._wanted.set()

    def _refill_when_wanted(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            self.refill()

    def refill(self) -> None:
        """Start children until ``size`` wait."""
        with self._lock:
            for worker in [worker for worker in self._idle if not worker.process.is_alive()]:
                self._idle.remove(worker)
                _end(worker)
            missing = self.size - len(self._idle)
        started = [_start_worker() for _ in range(missing)]
        with self._lock:
            self._idle += started
            surplus, self._idle = self._idle[self.size :], self._idle[: self.size]
        for worker in surplus:  # two threads refilled at once
            _end(worker)

    def pids(self) -> list[int]:
        """The waiting children's process ids (for tests and diagnostics)."""
        with self._lock:
            return [worker.process.pid for worker in self._idle if worker.process.pid is not None]

    def close(self) -> None:
        """End every waiting child; the pool refills on its next use."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            _end(worker)

    def forget(self) -> None:
        """In a forked child: the parent's children are not this process's to use or end, nor its thread to wake."""
        self._lock = threading.Lock()
        self._idle = []
        self._wanted = threading.Event()
        self._refiller = None


_POOL = _WarmPool(WARM_WORKERS)
os.register_at_fork(after_in_child=_forget_the_parents_forkserver)
atexit.register(_POOL.close)


def start(warm_workers: int | None = None) -> None:
    """Start the forkserver now (about a second, once per process) and fill the pool, so that the first request
    waits for neither; ``warm_workers`` changes the pool's size (0: a child is started for each piece of work)."""
    _refuse_unguarded_main()
    _ensure_forkserver()
    if warm_workers is not None:
        _POOL.size = warm_workers
        _POOL.close()
    _POOL.refill()


def stop() -> None:
    """End the waiting children now (they also end when this process does, even if it is killed)."""
    _POOL.close()


def warm_pids() -> list[int]:
    """The process ids of the children waiting for work."""
    return _POOL.pids()


def run_limited(function: Callable[..., T], *args: Any, limits: WorkLimits) -> T:
    """``function(*args)`` in a child process within ``limits``; its exceptions are raised here as they were there.

    ``function`` and its arguments and result travel by pickle, so ``function`` must be a module-level function.
    Raises ``WorkLimitError`` when the child goes past a limit or dies. The forkserver's own start (about a second,
    once per process) is not counted against the deadline.
    """
    _refuse_unguarded_main()
    _ensure_forkserver()
    started = time.monotonic()
    worker = _POOL.take()
    try:
        worker = _hand_over(worker, (function, args, limits))
        _POOL.refill_soon()
        status, value = _answer(worker, limits, started)
        _count_children_cpu(_cpu_seconds(worker.process.pid))
    finally:
        _end(worker)  # the answer is in: no need to wait for the child to free its memory on the way out
    if status == "died":
        raise _death(worker.process.exitcode, limits)
    if status == "memory":
        raise WorkLimitError("memory", limits, f"needed more than {limits.memory_bytes / 2**20:.0f} MB")
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]


_children_cpu_s = [0.0]
_children_cpu_lock = threading.Lock()
_this_threads_children = threading.local()


def _count_children_cpu(seconds: float | None) -> None:
    with _children_cpu_lock:
        _children_cpu_s[0] += seconds or 0.0
    _this_threads_children.seconds = thread_children_cpu_seconds() + (seconds or 0.0)


def children_cpu_seconds() -> float:
    """Processor seconds the children of this process have spent on the work it gave them so far (read from
    ``/proc`` as each answered). A document's decoding is part of its cost, yet no clock of this process counts it:
    the benchmarks add it to their own."""
    with _children_cpu_lock:
        return _children_cpu_s[0]


def thread_children_cpu_seconds() -> float:
    """Processor seconds the children have spent on the work this thread gave them: the part of a document's cost
    that the thread's own clock misses (its decoding), for the document's time budget (``model.budget``)."""
    return float(getattr(_this_threads_children, "seconds", 0.0))


def _hand_over(worker: _Worker, work: tuple[Any, ...]) -> _Worker:
    """Send ``work`` to ``worker``, or to a new child if that one died while it waited; returns the one that has it."""
    try:
        worker.connection.send(work)
        return worker
    except (BrokenPipeError, ConnectionResetError):
        _end(worker)
    fresh = _start_worker()
    try:
        fresh.connection.send(work)
    except BaseException:
        _end(fresh)
        raise
    return fresh


def _answer(worker: _Worker, limits: WorkLimits, started: float) -> tuple[str, Any]:
    remaining = limits.wall_seconds - (time.monotonic() - started)
    if not worker.connection.poll(max(remaining, 0.0)):
        raise _stopped_at_the_wall_clock(worker, limits)
    try:
        return _receive(worker.connection)
    except (EOFError, ConnectionResetError):  # the child died before it could answer
        return "died", None


def _stopped_at_the_wall_clock(worker: _Worker, limits: WorkLimits) -> WorkLimitError:
    """Why the child is still running at its wall-clock limit, told by the processor time it has had (read before
    it is killed): too little, and it was starved; enough, and it was working on something too costly."""
    used = _cpu_seconds(worker.process.pid)
    if used is not None and used < limits.cpu_seconds * STARVED_BELOW:
        detail = f"had only {used:.1f} s of processor time in {limits.wall_seconds:g} s"
        return WorkLimitError("starved", limits, detail, wall_clock=True, cpu_used=used)
    having = f", having used {used:.1f} s of processor time" if used is not None else ""
    detail = f"was still running after {limits.wall_seconds:g} s{having}"
    return WorkLimitError("time", limits, detail, wall_clock=True, cpu_used=used)


def _cpu_seconds(pid: int | None) -> float | None:
    """User and system processor seconds of process ``pid`` so far (``/proc``; None where there is none to read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _receive(connection: Connection) -> tuple[str, Any]:
    """The child's answer, its arrays mapped from the shared memory ``_send`` put them in (writable, freed with
    them)."""
    message = connection.recv()
    if message[0] != "shared":
        return message  # type: ignore[no-any-return]
    _, header, sizes = message
    descriptor = reduction.recv_handle(connection)
    try:
        view = memoryview(mmap.mmap(descriptor, sum(sizes)))
    finally:
        os.close(descriptor)
    starts = [sum(sizes[:index]) for index in range(len(sizes))]
    buffers = [view[start : start + size] for start, size in zip(starts, sizes, strict=True)]
    return pickle.loads(header, buffers=buffers)  # type: ignore[no-any-return]


def _start_worker() -> _Worker:
    ours, theirs = _CONTEXT.Pipe(duplex=True)
    process = _CONTEXT.Process(target=_serve_one, args=(theirs,), daemon=True)
    process.start()
    theirs.close()
    return _Worker(process, ours)


def _end(worker: _Worker) -> None:
    worker.connection.close()
    worker.process.kill()
    worker.process.join()


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


def _serve_one(connection: Connection) -> None:
    """A pool child: wait for one piece of work, do it within its limits, answer, and be ended by the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C is for the program, which ends its children
    try:
        while not connection.poll(_STOP_CHECK_S):
            if signal.SIGTERM in signal.sigpending():  # told to stop while it waited (SIGTERM is held back)
                return
        function, args, limits = connection.recv()
    except (EOFError, ConnectionResetError):  # the pool was closed, or the parent died: nothing to do
        return
    _ignore_shutdown_signals()  # which drops a SIGTERM held back since: the work goes on
    _child(connection, function, args, limits)


_STOP_CHECK_S = 0.25
"""How often a waiting child looks for a SIGTERM held back: the longest a process exiting waits for it to end."""


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
        _send(sender, answer)
    except MemoryError:
        sender.send(("memory", None))
    except Exception as exc:  # an exception that cannot be pickled still has to say what it was
        sender.send(("error", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]} ({exc})")))
    sender.close()


def _send(sender: Connection, answer: tuple[str, Any]) -> None:
    """``answer`` to the parent; past ``SHARED_FROM_BYTES`` its buffers (numpy arrays) go in one memfd whose
    descriptor follows the pickle."""
    buffers: list[pickle.PickleBuffer] = []
    header = pickle.dumps(answer, protocol=5, buffer_callback=buffers.append)
    raws = [buffer.raw() for buffer in buffers]
    sizes = [raw.nbytes for raw in raws]
    if sum(sizes) < SHARED_FROM_BYTES or not hasattr(os, "memfd_create"):
        sender.send(answer)
        return
    descriptor = os.memfd_create("sandbox-answer")
    try:
        with open(descriptor, "wb", closefd=False) as shared:
            for raw in raws:
                shared.write(raw)
        sender.send(("shared", header, sizes))
        reduction.send_handle(sender, descriptor, os.getppid())
    finally:
        os.close(descriptor)
