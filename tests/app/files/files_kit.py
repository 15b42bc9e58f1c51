"""Building blocks for file-service tests: the app on either backend, tokens, files the sniffer accepts, a live
server whose in-flight requests can be waited for, and a multipart body built by hand for raw sockets."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from auth_fixtures import TestIdentityProvider
from fastapi import FastAPI
from fastapi.testclient import TestClient
from manifests_kit import built_manifests, group_of
from seaweed import SeaweedS3

from app.files.api import FilesState
from app.files.main import create_files_app
from app.manifests import Manifests
from app.settings import Settings
from app.storage import Storage

PNG_MAGIC = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
PDF_MAGIC = b"%PDF-1.7\n"
BOUNDARY = "receipt-test-boundary"


def png(size: int) -> bytes:
    """``size`` bytes that sniff as PNG (the sniffer reads the signature; the rest is noise)."""
    return PNG_MAGIC + os.urandom(size - len(PNG_MAGIC))


READER_GROUP = group_of("reader")
OTHER_GROUP = group_of("other")
"""The groups of the two models of the tests' own manifests (``manifests_kit``): either may use the file service."""


def manifests_with_bucket(bucket: str) -> Manifests:
    return built_manifests(bucket=bucket)


def new_bucket() -> str:
    return f"files-{uuid.uuid4().hex[:20]}"


def files_settings(
    idp: TestIdentityProvider, backend: str, folder: Path, server: SeaweedS3 | None = None, **overrides: Any
) -> Settings:
    values: dict[str, Any] = {
        "issuer_url": idp.issuer,
        "storage_backend": backend,
        "storage_dir": folder,
        "storage_signing_secret": "test-signing-secret",
    }
    if server is not None:
        values |= {
            "s3_endpoint": server.endpoint,
            "s3_access_key": server.access_key,
            "s3_secret_key": server.secret_key,
            "s3_region": server.region,
        }
    return Settings(**(values | overrides))


def files_app(settings: Settings, bucket: str | None = None) -> FastAPI:
    return create_files_app(settings, manifests_with_bucket(bucket or new_bucket()))


def bearer(idp: TestIdentityProvider, subject: str | None = None, **claims: Any) -> dict[str, str]:
    """Headers of a caller: a fresh user (their own prefix) in a model's group unless told otherwise."""
    claims.setdefault("groups", [READER_GROUP])
    return {"Authorization": "Bearer " + idp.mint(sub=subject or str(uuid.uuid4()), **claims)}


def multipart_body(data: bytes, name: str = "photo.png", field: str = "file") -> bytes:
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode()


MULTIPART_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def storage_of(client: TestClient) -> Storage:
    """The storage behind a test client's service: to see what an upload left there."""
    state: FilesState = client.app.state.files  # type: ignore[attr-defined]
    return state.service.storage
