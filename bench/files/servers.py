"""The processes the file benchmark measures: a SeaweedFS S3 server and the file service in front of it.

``app.stack.seaweed`` (the launcher of the tests and ``make demo``) starts ``weed mini`` on free loopback ports, and
the file service runs as ``receipt-extractor serve files`` in a process of its own (so that it does not share the
load generator's GIL), configured by ``RECEIPT_*`` settings like a deployment.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from app.stack.processes import running_service
from app.stack.seaweed import SeaweedS3
from bench.serving.run import free_port

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60


def _tests_module(name: str) -> ModuleType:
    """A helper module of tests/ (not a package), loaded once by file path as bench/serving loads auth_fixtures."""
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


def seaweed_server(folder: Path) -> SeaweedS3:
    """An unstarted ``SeaweedS3`` keeping its data and log in ``folder``; use it with ``with``."""
    folder.mkdir(parents=True, exist_ok=True)
    return SeaweedS3(folder)


def identity_provider() -> Any:
    """The tests' Keycloak-shaped identity provider (tests/auth_fixtures.py): real RS256 tokens, a local JWKS."""
    return _tests_module("auth_fixtures").TestIdentityProvider()


@dataclass(frozen=True)
class FileService:
    url: str
    pid: int


@contextmanager
def file_service(s3: SeaweedS3, issuer: str | None, max_bytes: int, log: Path) -> Iterator[FileService]:
    """``receipt-extractor serve files`` on a free port with S3 storage on ``s3``; auth on when ``issuer`` is given.

    Ready once /healthz answers; SIGTERM (then SIGKILL) afterwards."""
    port = free_port()
    env = {
        "RECEIPT_HOST": "127.0.0.1",
        "RECEIPT_FILES_PORT": str(port),
        "RECEIPT_MANIFESTS_DIR": str(ROOT / "manifests"),
        "RECEIPT_AUTH_ENABLED": "true" if issuer else "false",
        "RECEIPT_ISSUER_URL": issuer or "http://127.0.0.1:9/unused",
        "RECEIPT_STORAGE_BACKEND": "s3",
        "RECEIPT_S3_ENDPOINT": s3.endpoint,
        "RECEIPT_S3_ACCESS_KEY": s3.access_key,
        "RECEIPT_S3_SECRET_KEY": s3.secret_key,
        "RECEIPT_S3_REGION": s3.region,
        "RECEIPT_FILES_MAX_BYTES": str(max_bytes),
    }
    command = [sys.executable, "-m", "app.cli", "serve", "files"]
    url = f"http://127.0.0.1:{port}"
    with running_service(
        command, ready_url=f"{url}/healthz", log=log, cwd=ROOT, env={**os.environ, **env}, timeout_s=START_TIMEOUT_S
    ) as process:
        yield FileService(url, process.pid)
