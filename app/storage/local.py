"""Object storage in a local folder: the embedded default, so the file service runs on a laptop without an S3 server.

Layout under ``root/bucket``: ``objects/<key>`` holds the bytes, ``meta/<key>.json`` what S3 would keep as object
metadata, ``tmp/`` uploads in progress. The metadata file is the commit record: it is written (atomically, by rename)
only after the bytes are complete, and an object without it does not exist for ``stat``, ``get`` or ``list``.
Presigned URLs point back at the file service (``/files/signed``), signed with an HMAC of key and expiry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

from app.storage.base import (
    CHUNK_BYTES,
    ByteRange,
    Expiry,
    MeteredStream,
    ObjectBody,
    ObjectInfo,
    ObjectNotFound,
    ObjectSummary,
    Readable,
    Storage,
    StorageError,
    check_key,
    check_metadata,
)

SIGNED_URL_PATH = "/files/signed"
"""Where the file service answers the local backend's presigned URLs."""


@contextmanager
def _disk(where: Path) -> Iterator[None]:
    """A failing disk is storage failing (full, read-only, permissions), not a bug in the request."""
    try:
        yield
    except (FileNotFoundError, NotADirectoryError):
        raise
    except OSError as exc:
        raise StorageError(f"local storage {where}: {exc.strerror or exc}") from exc


class _FileBody(ObjectBody):
    def __init__(self, file: IO[bytes], length: int) -> None:
        self._file = file
        self._left = length

    def read(self, size: int = CHUNK_BYTES, /) -> bytes:
        data = self._file.read(min(size, self._left)) if self._left > 0 else b""
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._file.close()


class LocalStorage(Storage):
    def __init__(
        self,
        root: Path,
        bucket: str,
        signing_secret: str,
        url_path: str = SIGNED_URL_PATH,
        expiry: Sequence[Expiry] = (),
    ) -> None:
        if not signing_secret:
            raise ValueError("the local backend needs a signing secret for its download URLs")
        self.bucket = bucket
        self.expiry = tuple(expiry)
        self.base = root / bucket
        self._objects = self.base / "objects"
        self._meta = self.base / "meta"
        self._tmp = self.base / "tmp"
        self._secret = signing_secret.encode()
        self._url_path = url_path

    def ensure_bucket(self) -> None:
        with _disk(self.base):
            for folder in (self._objects, self._meta, self._tmp):
                folder.mkdir(parents=True, exist_ok=True)
        for rule in self.expiry:
            self._expire(rule)

    def _expire(self, rule: Expiry) -> None:
        """Delete what ``rule`` has expired. A folder has no server to do it, so this runs whenever the bucket is
        ensured: at every start of the file service."""
        cutoff = datetime.now(UTC) - timedelta(days=rule.days)
        after: str | None = None
        while page := self.list(rule.prefix, limit=1000, after=after):
            for summary in page:
                if summary.modified < cutoff:
                    self.delete(summary.key)
            after = page[-1].key

    def put_stream(
        self, key: str, stream: Readable, *, size_limit: int, content_type: str, metadata: Mapping[str, str]
    ) -> ObjectInfo:
        check_key(key)
        check_metadata(metadata)
        self.ensure_bucket()
        metered = MeteredStream(stream, size_limit)
        data_path, meta_path = self._objects / key, self._meta / f"{key}.json"
        temporary: list[Path] = []
        try:
            data_tmp = self._write_temporary(metered, temporary)
            modified = datetime.now(UTC)
            record = {
                "size": metered.size,
                "modified": modified.isoformat(),
                "content_type": content_type,
                "sha256": metered.sha256,
                "metadata": dict(metadata),
            }
            meta_tmp = self._temporary(temporary)
            with _disk(self.base):
                meta_tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
                meta_path.unlink(missing_ok=True)  # an overwrite hides the old object before its bytes change
                data_path.parent.mkdir(parents=True, exist_ok=True)
                meta_path.parent.mkdir(parents=True, exist_ok=True)
                data_tmp.replace(data_path)
                meta_tmp.replace(meta_path)
        except BaseException:
            for path in temporary:
                path.unlink(missing_ok=True)
            raise
        return ObjectInfo(key, metered.size, modified, content_type, metered.sha256, dict(metadata))

    def _temporary(self, created: list[Path]) -> Path:
        with _disk(self._tmp):
            handle, name = tempfile.mkstemp(dir=self._tmp)
            os.close(handle)
        created.append(Path(name))
        return Path(name)

    def _write_temporary(self, stream: MeteredStream, created: list[Path]) -> Path:
        """The stream's bytes in a new file under tmp/, flushed to disk so the rename publishes complete data."""
        path = self._temporary(created)
        with _disk(path):
            file = path.open("wb")
        with file:
            # Only the writes are the disk's: what the stream raises (a client gone, an OSError too) stays its own.
            while chunk := stream.read(CHUNK_BYTES):
                with _disk(path):
                    file.write(chunk)
            with _disk(path):
                file.flush()
                os.fsync(file.fileno())
        return path

    def get(self, key: str, byte_range: ByteRange | None = None) -> ObjectBody:
        info = self.stat(key)
        start, length = (byte_range.start, byte_range.length) if byte_range else (0, info.size)
        try:
            with _disk(self.base):
                file = (self._objects / key).open("rb")
        except FileNotFoundError as exc:
            raise ObjectNotFound(key) from exc
        file.seek(start)
        return _FileBody(file, min(length, max(info.size - start, 0)))

    def stat(self, key: str) -> ObjectInfo:
        try:
            check_key(key)
            with _disk(self.base):
                record = json.loads((self._meta / f"{key}.json").read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError, NotADirectoryError) as exc:
            raise ObjectNotFound(key) from exc
        return ObjectInfo(
            key=key,
            size=record["size"],
            modified=datetime.fromisoformat(record["modified"]),
            content_type=record["content_type"],
            sha256=record["sha256"],
            metadata=record["metadata"],
        )

    def list(self, prefix: str, *, limit: int, after: str | None = None) -> list[ObjectSummary]:
        """Walks the folder under the prefix and sorts: fine for a laptop, the reason production uses S3."""
        directory = prefix.rpartition("/")[0]
        try:
            folder = self._meta / check_key(directory) if directory else self._meta
        except ValueError:  # no key lies below an unsafe prefix, and ``..`` must not walk out of the folder
            return []
        keys: list[str] = []
        with _disk(self.base):
            for directory, _, names in os.walk(folder):
                relative = Path(directory).relative_to(self._meta).as_posix()
                keys += [
                    key
                    for name in names
                    if name.endswith(".json")
                    and (key := f"{relative}/{name[:-5]}".removeprefix("./")).startswith(prefix)
                    and (after is None or key > after)
                ]
        summaries = []
        for key in sorted(keys)[:limit]:
            try:
                info = self.stat(key)
            except ObjectNotFound:  # deleted since the walk
                continue
            summaries.append(ObjectSummary(info.key, info.size, info.modified))
        return summaries

    def delete(self, key: str) -> None:
        check_key(key)
        with _disk(self.base):
            (self._meta / f"{key}.json").unlink(missing_ok=True)
            (self._objects / key).unlink(missing_ok=True)

    def presigned_get_url(self, key: str, expires: timedelta) -> str:
        """A path on the file service (no scheme or host: the service answers it relative to its own URL)."""
        expiry = int(time.time() + expires.total_seconds())
        query = {"key": key, "expires": str(expiry), "signature": self._signature(key, expiry)}
        return f"{self._url_path}?{urlencode(query)}"

    def signature_valid(self, key: str, expires: int, signature: str) -> bool:
        """True for an unexpired URL this storage signed, with its key and expiry unchanged."""
        expected = self._signature(key, expires).encode()
        return expires >= time.time() and hmac.compare_digest(signature.encode("utf-8", "replace"), expected)

    def _signature(self, key: str, expires: int) -> str:
        message = f"{self.bucket}\n{key}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()
