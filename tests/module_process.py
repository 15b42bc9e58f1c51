"""A module served the way the platform serves it: ``receipt-extractor serve module`` in a process of its own, from
any checkout and manifests folder. Modules that share the package name ``model`` cannot share one interpreter, so
the example module's tests and the fork test run it out of process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cli_env(root: Path, manifests: Path, code: Path | None = None, **settings: str) -> dict[str, str]:
    """The environment of ``python -m app.cli`` for the checkout ``root``, its module's code first on the path."""
    path = [str(code)] if code is not None else []
    return {
        **os.environ,
        "RECEIPT_ENVIRONMENT": "development",
        "RECEIPT_MANIFESTS_DIR": str(manifests),
        "PYTHONPATH": os.pathsep.join([*path, str(root)]),
        **{f"RECEIPT_{name.upper()}": value for name, value in settings.items()},
    }


def run_cli(env: Mapping[str, str], cwd: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=dict(env), cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


@contextmanager
def served_module(env: Mapping[str, str], cwd: Path, *options: str, timeout_s: float = 90) -> Iterator[str]:
    """``serve module`` (with ``options``, e.g. ``--model NAME``) on a free port until ready; yields its base URL, then
    stops it (SIGTERM, then SIGKILL)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "module", "--port", str(port), *options],
        env=dict(env), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while not _ready(url):
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise AssertionError(f"the runtime did not become ready:\n{server.communicate(timeout=10)[0]}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/v2/health/ready", timeout=1).status_code == 200
    except httpx.TransportError:
        return False
