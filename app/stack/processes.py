"""Child processes of the local stack: started in a process group of their own, tied to the parent's life, stopped
with SIGTERM and then SIGKILL; and the loopback ports they listen on."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

_PR_SET_PDEATHSIG = 1
# Loaded in the parent: between fork and exec the child only makes the call (no dlopen there).
_LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if sys.platform == "linux" else None


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: SIGTERM this child when the process that started it dies, even by SIGKILL (no orphan servers)."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(
    command: Sequence[str], *, log: Path, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start ``command`` with stdout and stderr appended to ``log``.

    It gets a process group of its own, so a Ctrl-C in the terminal reaches only the parent, which then stops its
    children in order; on Linux it is also sent SIGTERM when the starting thread's process dies. Start children from
    the main thread: the kernel ties them to the thread that forked them.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        return subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=dict(env) if env is not None else None,
            process_group=0,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - one foreign call, no lock taken
        )


def stop_process(process: subprocess.Popen[bytes], grace_s: float) -> int:
    """SIGTERM, then SIGKILL after ``grace_s`` seconds (at once when 0); the exit status. The signals go to the
    child's process group (``spawn`` made it the leader), so anything it started goes with it."""
    if process.poll() is not None:
        return process.returncode
    if grace_s > 0:
        _signal_group(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
    _signal_group(process, signal.SIGKILL)  # the leader if it is still there, and whatever it left behind
    return process.wait()


def _signal_group(process: subprocess.Popen[bytes], signum: signal.Signals) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):  # the group is gone (PermissionError: macOS says so for zombies)
        if process.poll() is None:
            process.send_signal(signum)


PORT_RANGE_VARIABLE = "RECEIPT_FREE_PORT_RANGE"
"""``LOW-HIGH``: where ``free_ports`` looks (HIGH excluded). Processes that pick ports side by side (the test suite's
workers) get disjoint ranges, so none can take a port another has chosen but not bound yet."""


def free_ports(count: int, host: str = "127.0.0.1", *, reserved: Collection[int] = ()) -> list[int]:
    """``count`` distinct ports free now, taken below the kernel's ephemeral range (or in ``PORT_RANGE_VARIABLE``'s),
    none of ``reserved`` (ports a caller gave its own servers that may not listen yet).

    A port the kernel hands out for ``bind(0)`` comes from the range it also gives outgoing connections, so a server
    stopped and restarted on it (the outage tests do) can find it taken by a client socket meanwhile. Below that
    range only listeners bind, and those ``port_in_use`` sees.
    """
    low, high = port_range()
    candidates = list(range(low, high))
    random.shuffle(candidates)
    chosen: list[int] = []
    for port in candidates:
        if port not in reserved and not port_in_use(port, host):
            chosen.append(port)
            if len(chosen) == count:
                return chosen
    raise RuntimeError(f"fewer than {count} free ports in {low}-{high} on {host}")


def port_slice(low: int, high: int, index: int, count: int) -> tuple[int, int]:
    """The ``index``-th of ``count`` disjoint, equal slices of the ports ``low``-``high`` (HIGH excluded)."""
    if not 0 <= index < count:
        raise ValueError(f"slice {index} of {count}: expected 0 <= index < count")
    width = (high - low) // count
    return low + index * width, low + (index + 1) * width


def port_range() -> tuple[int, int]:
    """Where ``free_ports`` looks: ``PORT_RANGE_VARIABLE`` when set, else the 12,000 ports below the ephemeral range."""
    given = os.environ.get(PORT_RANGE_VARIABLE)
    if not given:
        high = _ephemeral_low()
        return max(1024, high - 12000), high
    low_text, _, high_text = given.partition("-")
    try:
        low, high = int(low_text), int(high_text)
    except ValueError:
        raise ValueError(f"{PORT_RANGE_VARIABLE}={given!r}: expected LOW-HIGH, e.g. 20000-26000") from None
    if not 1024 <= low < high <= 65536:
        raise ValueError(f"{PORT_RANGE_VARIABLE}={given!r}: expected 1024 <= LOW < HIGH <= 65536")
    return low, high


def _ephemeral_low() -> int:
    """The first port the kernel gives outgoing connections (Linux's default 32768 where it cannot be read)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something listens on (or holds) ``host:port``: binding it fails with EADDRINUSE."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed server's TIME_WAIT does not count
        try:
            sock.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def executable_beside_python(name: str) -> Path | None:
    """A console script installed into this interpreter's environment (``.venv/bin/NAME``), if there is one."""
    beside = Path(sys.executable).parent / name
    return beside if beside.is_file() and os.access(beside, os.X_OK) else None


def system_binary(name: str, error: type[Exception], *, package: str | None = None) -> str:
    """The path of Debian's ``name`` on PATH, or ``error`` saying which package to install."""
    found = shutil.which(name)
    if found is None:
        raise error(f"no `{name}`: apt-get install {package or name} (make test does it)")
    return found


class ManagedServer(ABC):
    """A server this process starts and owns: its state folder and log, readiness by probing, stop, ``with``.

    Subclasses say how to start it (``spawn``), how to tell it answers (``answers``), its log's name and the error
    they raise; ``wait_ready`` and the rest are the same for all.
    """

    log_name: str
    error: type[Exception] = RuntimeError
    stop_grace_s: float = 10

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._process: subprocess.Popen[bytes] | None = None

    @abstractmethod
    def spawn(self) -> None:
        """Start the process without waiting for it (``wait_ready`` does); sets ``_process``."""

    @abstractmethod
    def answers(self) -> bool:
        """One probe: True once the server serves; a transport error while it is still starting."""

    @property
    def log_path(self) -> Path:
        return self.folder / self.log_name

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self._process

    def wait_ready(self, timeout_s: float) -> bool:
        """True once it answers; False when it exited early (a port was taken); ``error`` on timeout."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                self._process = None
                return False
            try:
                if self.answers():
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        raise self.error(
            f"{self.log_name.removesuffix('.log')} did not answer within {timeout_s:g} s; see {self.log_path}"
        )

    def stop(self, grace_s: float | None = None) -> int | None:
        """SIGTERM, then SIGKILL after ``grace_s`` (default ``stop_grace_s``; 0 kills at once); the exit status,
        None when it was not running."""
        if self._process is None:
            return None
        process, self._process = self._process, None
        return stop_process(process, self.stop_grace_s if grace_s is None else grace_s)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    @abstractmethod
    def start(self, timeout_s: float = 30) -> None:
        """Start and wait until it answers."""


@contextmanager
def running_service(
    command: Sequence[str],
    *,
    ready_url: str,
    log: Path,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout_s: float = 120,
    grace_s: float = 30,
) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` as a child (``spawn``) until ``ready_url`` answers 200; stopped with SIGTERM, then SIGKILL, after.

    RuntimeError with the end of its log when it exits first or is not ready within ``timeout_s``.
    """
    process = spawn(command, log=log, cwd=cwd, env=env)
    try:
        deadline = time.monotonic() + timeout_s
        while not _answers(ready_url):
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode}; its log ends:\n{_tail(log)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{ready_url} was not ready within {timeout_s:g} s; its log ends:\n{_tail(log)}")
            time.sleep(0.1)
        yield process
    finally:
        stop_process(process, grace_s)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


class OnePortServer(ManagedServer):
    """A managed server on one loopback port: the one asked for, else a free one; a port taken meanwhile by someone
    else (the process exits at once) means another free port, three tries in all."""

    def __init__(self, folder: Path, *, port: int | None = None) -> None:
        super().__init__(folder)
        self.port = port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 30) -> None:
        for attempt in range(3):
            if self.port is None or attempt:
                self.port = free_ports(1)[0]
            self.spawn()
            if self.wait_ready(timeout_s):
                return
        raise self.error(f"{self.log_name.removesuffix('.log')} did not start; see {self.log_path}")
