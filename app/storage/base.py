"""The object storage interface shared by the file service and the model's weight loader, and its errors.

Two backends implement it: S3 (``app.storage.s3``: MinIO in production, SeaweedFS in development, AWS alike) and a
local folder (``app.storage.local``, the embedded default). Writes are all-or-nothing: ``put_stream`` either leaves a
complete object with its SHA-256 or nothing at all, whatever happens to the stream, the size limit or the server.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType
from typing import Protocol

CHUNK_BYTES = 1 << 20
"""How much is read or written at a time: large enough for throughput, small enough to hold per request."""

MAX_KEY_BYTES = 1024
_KEY_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
_META_NAME = re.compile(r"[a-z0-9-]{1,64}")


class StorageError(Exception):
    """Object storage failed or refused the request; ``str()`` says why in words an operator can act on."""


class StorageUnavailable(StorageError):  # noqa: N818 -- reads as a state, like IdentityProviderUnavailable
    """Object storage cannot be reached (connection, DNS, timeout, 5xx): the same request may succeed later."""


class ObjectNotFound(Exception):  # noqa: N818 -- the name says what the caller learns
    """No complete object under the key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"no object {key!r}")
        self.key = key


class SizeLimitExceeded(Exception):  # noqa: N818
    """The stream went on past ``limit`` bytes; nothing was stored."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


class Readable(Protocol):
    """What ``put_stream`` reads from: a binary file, a socket body, a multipart field. ``b""`` means the end."""

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` through ``end`` of an object, both inclusive as in HTTP's Content-Range."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"not a byte range: {self.start}-{self.end}")

    @property
    def length(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True)
class ObjectSummary:
    """What a listing says about an object."""

    key: str
    size: int
    modified: datetime


@dataclass(frozen=True)
class ObjectInfo(ObjectSummary):
    """Everything known about a stored object."""

    content_type: str
    sha256: str | None
    """Hex digest computed while ``put_stream`` wrote the object; None for objects other tools wrote."""
    metadata: Mapping[str, str] = field(default_factory=dict)
    """User metadata as given to ``put_stream`` (any Unicode); backends encode it as their format needs."""


class ObjectBody(ABC):
    """An object's bytes (or a range of them) as they come from storage; close it, or use it as a context manager."""

    @abstractmethod
    def read(self, size: int = CHUNK_BYTES, /) -> bytes:
        """Up to ``size`` bytes; ``b""`` at the end."""

    @abstractmethod
    def close(self) -> None: ...

    def chunks(self, size: int = CHUNK_BYTES) -> Iterator[bytes]:
        while chunk := self.read(size):
            yield chunk

    def __enter__(self) -> ObjectBody:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


@dataclass(frozen=True)
class Expiry:
    """Objects under ``prefix`` are deleted ``days`` after they were written (storage.yaml's ``lifecycle``)."""

    prefix: str
    days: int


class Storage(ABC):
    """One bucket of object storage. Thread-safe: the file service calls it from worker threads."""

    bucket: str
    expiry: tuple[Expiry, ...] = ()
    """Applied by ``ensure_bucket``: as the bucket's lifecycle configuration on S3, by a sweep on the local backend."""

    @abstractmethod
    def ensure_bucket(self) -> None:
        """Create the bucket when it is missing and apply ``expiry``; StorageUnavailable when storage cannot be
        reached."""

    @abstractmethod
    def put_stream(
        self, key: str, stream: Readable, *, size_limit: int, content_type: str, metadata: Mapping[str, str]
    ) -> ObjectInfo:
        """Store everything ``stream`` yields under ``key``, computing its SHA-256 on the way.

        All or nothing: SizeLimitExceeded past ``size_limit`` bytes, and any error the stream or the server raises,
        leave no object (and no partial upload) behind. Metadata names are ``[a-z0-9-]``; values any Unicode.
        """

    @abstractmethod
    def get(self, key: str, byte_range: ByteRange | None = None) -> ObjectBody:
        """The object's bytes, or only ``byte_range`` of them; ObjectNotFound when there is no such object."""

    def open(self, key: str) -> tuple[ObjectInfo, ObjectBody]:
        """What ``stat`` says and the whole body; backends that can answer both in one request do (S3: one GET
        instead of a HEAD and a GET). ObjectNotFound when there is no such object."""
        return self.stat(key), self.get(key)

    @abstractmethod
    def stat(self, key: str) -> ObjectInfo:
        """The object's size, type, digest and metadata; ObjectNotFound when there is no such object."""

    @abstractmethod
    def list(self, prefix: str, *, limit: int, after: str | None = None) -> list[ObjectSummary]:
        """Up to ``limit`` objects whose keys start with ``prefix`` and sort after ``after``, in key order."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; removing a missing one is not an error (as in S3)."""

    @abstractmethod
    def presigned_get_url(self, key: str, expires: timedelta) -> str:
        """A URL anyone holding it may GET the object with until ``expires`` from now; tampering voids it."""

    def close(self) -> None:  # noqa: B027 -- optional hook; most backends hold nothing to release
        """Release connections and files."""


def check_key(key: str) -> str:
    """``key`` when it is a safe object key: relative, no empty, ``.`` or ``..`` segments, a plain character set.

    Keys become file paths in the local backend and URL paths in S3, so one rule for both keeps them identical.
    """
    segments = key.split("/")
    if (
        not key
        or len(key.encode()) > MAX_KEY_BYTES
        or any(segment in {"", ".", ".."} or not _KEY_SEGMENT.fullmatch(segment) for segment in segments)
    ):
        raise ValueError(f"not a safe object key: {key!r}")
    return key


def check_metadata(metadata: Mapping[str, str]) -> Mapping[str, str]:
    bad = [name for name in metadata if not _META_NAME.fullmatch(name) or name == "sha256"]
    if bad:
        raise ValueError(f"metadata names must be [a-z0-9-] and not 'sha256': {bad}")
    return metadata


class MeteredStream:
    """Wraps a stream: counts and hashes what passes, and raises SizeLimitExceeded once it goes past ``limit``."""

    def __init__(self, stream: Readable, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._stream.read(size)
        self.size += len(data)
        if self.size > self._limit:
            raise SizeLimitExceeded(self._limit)
        self._sha256.update(data)
        return data

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()


def read_up_to(stream: Readable, size: int) -> bytes:
    """Exactly ``size`` bytes, or fewer only when the stream ends first (``read`` may return short reads).

    Asks for all that is missing at once: a stream that has it returns one piece, which is then not copied again."""
    parts: list[bytes] = []
    missing = size
    while missing > 0 and (chunk := stream.read(missing)):
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)


class Prepended:
    """``head`` followed by the rest of ``stream``: lets a caller peek at the first bytes and still store them all."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self._head: bytes | memoryview = head
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        head = self._head
        if not head:
            return self._stream.read(size)
        if 0 <= size < len(head):
            self._head = memoryview(head)[size:]
            return bytes(head[:size])
        self._head = b""
        return head if isinstance(head, bytes) else bytes(head)  # all of an untouched head: the object itself
