"""Building blocks for storage tests: S3 storages on a SeaweedFS server, the plain minio client beside them, and
streams that fail half-way or arrive in small reads."""

from __future__ import annotations

import io
import os
import uuid

from minio import Minio
from seaweed import SeaweedS3

from app.storage import S3Storage
from app.storage.s3 import MIN_PART_BYTES

PART = MIN_PART_BYTES
"""The S3 tests' part size: a file just over it takes the multipart path."""


def s3_storage(server: SeaweedS3, bucket: str, *, secret_key: str | None = None) -> S3Storage:
    return S3Storage(
        server.endpoint,
        bucket=bucket,
        access_key=server.access_key,
        secret_key=server.secret_key if secret_key is None else secret_key,
        region=server.region,
        part_size=PART,
    )


def raw_client(server: SeaweedS3) -> Minio:
    """The plain minio client, for what another tool would write or see on the same server."""
    return Minio(
        server.endpoint,
        access_key=server.access_key,
        secret_key=server.secret_key,
        region=server.region,
        secure=False,
    )


def new_bucket() -> str:
    return f"test-{uuid.uuid4().hex[:20]}"


class BrokenStream:
    """Yields ``good`` bytes, then raises ``error``: a client that went away, a disk that failed."""

    def __init__(self, good: int, error: Exception | None = None) -> None:
        self._data = io.BytesIO(os.urandom(good))
        self._error = error or ConnectionResetError("the client went away")

    def read(self, size: int = -1, /) -> bytes:
        chunk = self._data.read(size if size >= 0 else None)
        if not chunk:
            raise self._error
        return chunk


class ChunkedStream:
    """``data`` in reads of at most ``chunk`` bytes, as a socket hands them out."""

    def __init__(self, data: bytes, chunk: int = 1000) -> None:
        self._data = io.BytesIO(data)
        self._chunk = chunk

    def read(self, size: int = -1, /) -> bytes:
        return self._data.read(self._chunk if size < 0 else min(size, self._chunk))
