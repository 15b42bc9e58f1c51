"""Object storage on an S3 server through the ``minio`` client: MinIO in production, SeaweedFS in development and
the tests, AWS S3 alike.

S3 fixes an object's metadata when the upload starts, but the SHA-256 is known only at its end. Objects up to one
part (``part_size``) are read into memory first and go up in one PUT that carries the digest. Larger ones go up as
a multipart upload (a few parts in memory at a time) and get the digest by a server-side copy onto themselves
(metadata-only on MinIO; SeaweedFS copies the data). Tagging the digest instead, which rewrites nothing, measured no
faster end to end and costs every later read of the object one more request. Until the digest is there an object
carries none, which the file service treats as "not there yet". A multipart upload that fails is aborted, so
nothing is left behind.

Metadata values are percent-encoded UTF-8, as HTTP headers carry only ASCII.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from itertools import islice
from typing import BinaryIO, cast
from urllib.parse import quote, unquote, urlsplit

import urllib3
from minio import Minio
from minio.commonconfig import ENABLED, REPLACE, CopySource, Filter
from minio.error import MinioException, S3Error, ServerError
from minio.helpers import DictType
from minio.lifecycleconfig import Expiration, LifecycleConfig, Rule

from app.storage.base import (
    CHUNK_BYTES,
    ByteRange,
    Expiry,
    MeteredStream,
    ObjectBody,
    ObjectInfo,
    ObjectNotFound,
    ObjectSummary,
    Prepended,
    Readable,
    Storage,
    StorageError,
    StorageUnavailable,
    check_key,
    check_metadata,
    read_up_to,
)

LOG = logging.getLogger(__name__)
MIN_PART_BYTES = 5 * 2**20
"""S3's smallest part of a multipart upload (except the last)."""
DEFAULT_PART_BYTES = 8 * 2**20
_META_PREFIX = "x-amz-meta-"
_NOT_FOUND = frozenset({"NoSuchKey", "NoSuchObject", "ResourceNotFound"})
_CREDENTIALS = frozenset({"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"})
"""What a wrong access key or secret gets (a HEAD has no body, so a bad signature reads as AccessDenied there)."""


def _http_client(connect_timeout_s: float, read_timeout_s: float) -> urllib3.PoolManager:
    """Fail fast when the server is down (minio's default retries for ~6 s), retry briefly on a blip."""
    retries = urllib3.Retry(total=2, backoff_factor=0.1, status_forcelist=(500, 502, 503, 504))
    timeout = urllib3.Timeout(connect=connect_timeout_s, read=read_timeout_s)
    return urllib3.PoolManager(timeout=timeout, retries=retries, maxsize=16)


def lifecycle_config(expiry: Sequence[Expiry]) -> LifecycleConfig:
    """One S3 expiration rule per prefix; the server deletes the objects, so nothing of ours has to run."""
    rules = [
        Rule(
            ENABLED,
            rule_filter=Filter(prefix=rule.prefix),
            rule_id=f"expire-{index}",
            expiration=Expiration(days=rule.days),
        )
        for index, rule in enumerate(expiry)
    ]
    return LifecycleConfig(rules)


def _reason(error: BaseException) -> str:
    """The innermost cause in words ("Connection refused"), without urllib3's object reprs."""
    while True:
        inner = getattr(error, "reason", None) or error.__cause__ or error.__context__
        if not isinstance(inner, BaseException) or inner is error:
            break
        error = inner
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).rpartition(": ")[2] or type(error).__name__


class _Source:
    """The caller's stream, remembering what it raised: its errors are the caller's, not the server's."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self.error: Exception | None = None

    def read(self, size: int = -1, /) -> bytes:
        try:
            return self._stream.read(size)
        except Exception as exc:
            self.error = exc
            raise


class _ResponseBody(ObjectBody):
    def __init__(self, storage: S3Storage, response: urllib3.BaseHTTPResponse) -> None:
        self._storage = storage
        self._response = response

    def read(self, size: int = CHUNK_BYTES, /) -> bytes:
        with self._storage.translated():
            return self._response.read(size)

    def close(self) -> None:
        self._response.close()
        self._response.release_conn()


class S3Storage(Storage):
    def __init__(
        self,
        endpoint: str,
        *,
        bucket: str,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        secure: bool = False,
        part_size: int = DEFAULT_PART_BYTES,
        connect_timeout_s: float = 3,
        read_timeout_s: float = 60,
        public_url: str | None = None,
        expiry: Sequence[Expiry] = (),
    ) -> None:
        if part_size < MIN_PART_BYTES:
            raise ValueError(f"S3 parts are at least {MIN_PART_BYTES} bytes, not {part_size}")
        self.bucket = bucket
        self.expiry = tuple(expiry)
        self.endpoint = endpoint
        self.part_size = part_size
        self._http = _http_client(connect_timeout_s, read_timeout_s)
        # The region is given so that presigning and every request skip the bucket-location lookup.
        self._client = Minio(
            endpoint, access_key=access_key, secret_key=secret_key, region=region, secure=secure, http_client=self._http
        )
        # A link is signed for the host it names, so links for browsers are signed by a client of the public address
        # (presigning is local: that client never connects).
        self._signer = self._client
        if public_url is not None:
            public = urlsplit(public_url)
            if public.scheme not in {"http", "https"} or not public.netloc or public.path not in {"", "/"}:
                raise ValueError(f"the public S3 URL must be http(s)://host[:port], not {public_url!r}")
            self._signer = Minio(
                public.netloc, access_key=access_key, secret_key=secret_key, region=region,
                secure=public.scheme == "https",
            )  # fmt: skip
        self._bucket_ready = False
        self._lock = threading.Lock()

    @contextmanager
    def translated(self, key: str | None = None) -> Iterator[None]:
        """minio's and urllib3's exceptions as the storage errors callers handle."""
        try:
            yield
        except S3Error as exc:
            if key is not None and exc.code in _NOT_FOUND:
                raise ObjectNotFound(key) from exc
            hint = "; check the access key and secret key (RECEIPT_S3_*)" if exc.code in _CREDENTIALS else ""
            raise StorageError(f"S3 at {self.endpoint} refused the request: {exc.code} ({exc.message}){hint}") from exc
        except ServerError as exc:
            raise StorageUnavailable(f"S3 at {self.endpoint} answered HTTP {exc.status_code}") from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(f"{self.endpoint}: {_reason(exc)}") from exc
        except MinioException as exc:
            raise StorageError(f"S3 at {self.endpoint}: {exc}") from exc

    def ensure_bucket(self) -> None:
        with self._lock, self.translated():
            if self._bucket_ready:
                return
            if not self._client.bucket_exists(self.bucket):
                try:
                    self._client.make_bucket(self.bucket)
                except S3Error as exc:
                    if exc.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                        raise
            if self.expiry:
                self._set_lifecycle()
            self._bucket_ready = True

    def _set_lifecycle(self) -> None:
        """Replace the bucket's lifecycle with ``expiry``. A server or user that may not set it leaves the bucket
        usable: uploads keep working and the log says what an operator has to do."""
        try:
            self._client.set_bucket_lifecycle(self.bucket, lifecycle_config(self.expiry))
        except S3Error as exc:
            LOG.warning(
                "S3 at %s refused the lifecycle of bucket %s (%s: %s); objects will not expire until an operator sets "
                "it (storage.yaml's lifecycle, e.g. with `mc ilm import`)",
                self.endpoint, self.bucket, exc.code, exc.message,
            )  # fmt: skip

    def _ready(self) -> None:
        """Create the bucket on first use when start-up could not (storage was down then)."""
        if not self._bucket_ready:
            self.ensure_bucket()

    def put_stream(
        self, key: str, stream: Readable, *, size_limit: int, content_type: str, metadata: Mapping[str, str]
    ) -> ObjectInfo:
        check_key(key)
        headers = _encode(check_metadata(metadata))
        self._ready()
        metered = MeteredStream(stream, size_limit)
        head = read_up_to(metered, self.part_size + 1)
        if len(head) <= self.part_size:
            headers["sha256"] = metered.sha256
            with self.translated(key):
                self._client.put_object(self.bucket, key, io.BytesIO(head), len(head), content_type, headers)
        else:
            source = _Source(Prepended(head, metered))
            try:
                with self.translated(key):
                    self._put_multipart(key, source, content_type, headers, metered)
            except StorageError:
                # minio lets the stream's own error through, which ``translated`` would take for the server's (an
                # OSError is "unreachable"): the caller gets what its stream raised, as in the single-PUT path.
                if source.error is not None:
                    raise source.error from None
                raise
        with self.translated(key):
            return self.stat(key)

    def _put_multipart(
        self, key: str, stream: Readable, content_type: str, headers: DictType, metered: MeteredStream
    ) -> None:
        """minio aborts the multipart upload when the stream raises; the digest copy is the last step."""
        body = cast(BinaryIO, stream)  # minio only calls read()
        self._client.put_object(self.bucket, key, body, -1, content_type, headers, part_size=self.part_size)
        try:
            self._client.copy_object(
                self.bucket,
                key,
                CopySource(self.bucket, key),
                metadata={**headers, "sha256": metered.sha256, "Content-Type": content_type},
                metadata_directive=REPLACE,
            )
        except BaseException:
            self._remove_quietly(key)
            raise

    def _remove_quietly(self, key: str) -> None:
        """Best effort: when storage is gone, the object without a digest stays invisible until lifecycle expiry."""
        with suppress(MinioException, urllib3.exceptions.HTTPError, OSError):
            self._client.remove_object(self.bucket, key)

    def get(self, key: str, byte_range: ByteRange | None = None) -> ObjectBody:
        self._ready()
        offset, length = (byte_range.start, byte_range.length) if byte_range else (0, 0)
        with self.translated(key):
            return _ResponseBody(self, self._client.get_object(self.bucket, key, offset=offset, length=length))

    def open(self, key: str) -> tuple[ObjectInfo, ObjectBody]:
        self._ready()
        with self.translated(key):
            response = self._client.get_object(self.bucket, key)
        body = _ResponseBody(self, response)
        try:
            return _object_info(key, response.headers), body
        except BaseException:
            body.close()
            raise

    def stat(self, key: str) -> ObjectInfo:
        self._ready()
        with self.translated(key):
            found = self._client.stat_object(self.bucket, key)
        return _object_info(key, found.metadata or {})

    def list(self, prefix: str, *, limit: int, after: str | None = None) -> list[ObjectSummary]:
        self._ready()
        with self.translated():
            listed = self._client.list_objects(self.bucket, prefix=prefix, recursive=True, start_after=after)
            files = (item for item in listed if item.object_name is not None and not item.is_dir)
            return [
                ObjectSummary(cast(str, item.object_name), item.size or 0, item.last_modified or datetime.now(UTC))
                for item in islice(files, limit)
            ]

    def delete(self, key: str) -> None:
        self._ready()
        with self.translated(key):
            self._client.remove_object(self.bucket, key)

    def presigned_get_url(self, key: str, expires: timedelta) -> str:
        with self.translated(key):
            return self._signer.presigned_get_object(self.bucket, key, expires=expires)

    def close(self) -> None:
        self._http.clear()


def _object_info(key: str, headers: Mapping[str, str]) -> ObjectInfo:
    """What the headers of a HEAD or a whole-object GET say about the object."""
    fields = {name.lower(): value for name, value in headers.items()}
    metadata = _decode(fields)
    sha256 = metadata.pop("sha256", None)
    modified = fields.get("last-modified")
    return ObjectInfo(
        key=key,
        size=int(fields.get("content-length", 0)),
        modified=parsedate_to_datetime(modified) if modified else datetime.now(UTC),
        content_type=fields.get("content-type") or "application/octet-stream",
        sha256=sha256,
        metadata=metadata,
    )


def _encode(metadata: Mapping[str, str]) -> DictType:
    return {name: quote(value, safe="") for name, value in metadata.items()}


def _decode(headers: Mapping[str, str]) -> dict[str, str]:
    return {
        name.lower().removeprefix(_META_PREFIX): unquote(value)
        for name, value in headers.items()
        if name.lower().startswith(_META_PREFIX)
    }
