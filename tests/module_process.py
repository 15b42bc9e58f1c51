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
    with served("module", "/v2/health/ready", env, cwd, *options, timeout_s=timeout_s) as url:
        yield url


@contextmanager
def served(
    service: str,
    ready_path: str,
    env: Mapping[str, str],
    cwd: Path,
    *options: str,
    port: int | None = None,
    timeout_s: float = 90,
) -> Iterator[str]:
    """``serve SERVICE`` (module, files, web; with ``options``) on ``port`` or a free one until ``ready_path`` answers
    200; yields its base URL, then stops it (SIGTERM, then SIGKILL)."""
    port = port or free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", service, "--port", str(port), *options],
        env=dict(env), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while not _ready(url + ready_path):
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise AssertionError(f"serve {service} did not become ready:\n{server.communicate(timeout=10)[0]}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@contextmanager
def served_web_stack(env: Mapping[str, str], cwd: Path, storage: Path) -> Iterator[str]:
    """The module, the file service and the web app, each ``serve``d from the checkout ``env`` names, sharing the
    local storage folder ``storage`` (the module reads the files the file service stored by id); yields the web app's
    URL. ``env`` names the identity provider (``RECEIPT_ISSUER_URL``) every service trusts."""
    env = {**env, "RECEIPT_STORAGE_DIR": str(storage)}
    with (
        served_module(env, cwd) as runtime_url,
        served("files", "/healthz", env, cwd) as files_url,
    ):
        web_port = free_port()
        web_env = env | {
            "RECEIPT_RUNTIME_URL": runtime_url,
            "RECEIPT_FILES_URL": files_url,
            "RECEIPT_WEB_PUBLIC_URL": f"http://127.0.0.1:{web_port}",
        }
        with served("web", "/healthz", web_env, cwd, port=web_port) as web_url:
            yield web_url


def _ready(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False
