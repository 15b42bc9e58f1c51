"""The file service's rules, apart from HTTP: where a user's files live, what may be stored, what a listing shows.

Every file is the object ``<uploads prefix><owner>/<id>`` (the prefix from the storage manifest, the owner from the
token's ``sub``, the id random): a caller can only ever name keys under their own prefix, so another user's file is
simply not found (404, never 403, which would confirm that the id exists). The original file name is metadata and
never part of a key. Storage is the only state: listings come from it, with no database beside it.

Blocking by design (the storage clients are): the HTTP layer calls it from worker threads.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import filetype

from app.auth import Principal
from app.files.models import FileInfo, FilePage, FileServiceError, FileUrl
from app.files.ranges import parse_range
from app.manifests.models import DEFAULT_ACCEPT
from app.storage import ByteRange, ObjectBody, ObjectInfo, ObjectNotFound, Readable, SizeLimitExceeded, Storage
from app.storage.base import Prepended, read_up_to

ALLOWED_TYPES = DEFAULT_ACCEPT
"""What the receipt model reads, the storage manifest's default ``accept``; sniffed from the bytes, whatever the
client claims."""
SNIFF_BYTES = 8192
"""As much as ``filetype`` looks at."""
MAX_NAME_BYTES = 255
"""A file name's limit on common file systems; it also keeps S3's 2 KB of metadata within reach."""
FILE_ID = re.compile(r"[0-9a-f]{32}")
_CURSOR = re.compile(r"[A-Za-z0-9._~/-]{1,256}")
"""A key below the owner's prefix: only ever compared with keys, so any such string is harmless."""
_PLAIN_SUBJECT = re.compile(r"[A-Za-z0-9_-]{1,128}")


class FileNotFound(FileServiceError):  # noqa: N818 -- the answer, not an accident
    """404 for a missing file and for another user's alike, so an id never reveals that it exists."""

    def __init__(self) -> None:
        super().__init__(404, "no such file")


def owner_segment(subject: str) -> str:
    """The key segment of a token's ``sub``: as is when it is plain (Keycloak's UUIDs), else ``~`` and its SHA-256.

    A crafted ``sub`` such as ``../other`` must never reach a key, and ``~`` cannot start a plain one, so the two
    forms cannot collide.
    """
    if _PLAIN_SUBJECT.fullmatch(subject):
        return subject
    return "~" + hashlib.sha256(subject.encode()).hexdigest()


def clean_name(raw: str | None) -> str:
    """The name to keep: NFC, without control characters (NUL, newlines, escapes), at most 255 UTF-8 bytes.

    Slashes, dots and right-to-left marks stay: the name is data shown back to its owner, never a path or a key.
    """
    text = "".join(ch for ch in unicodedata.normalize("NFC", raw or "") if unicodedata.category(ch) != "Cc")
    text = text.strip().encode()[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").strip()
    return text or "unnamed"


_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Control characters no text file holds (tab, newlines and form feed are text)."""


def sniff(head: bytes) -> str | None:
    """The type from the magic bytes, whatever the client claims; ``text/plain`` for UTF-8 text, which has none (a
    multi-byte character cut at the end of ``head`` still counts). The runtime checks FILE inputs with it too."""
    mime = filetype.guess_mime(head)
    if mime:
        return str(mime)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3 or error.reason != "unexpected end of data":
            return None
        text = head[: error.start].decode("utf-8")
    return "text/plain" if text.strip() and not _BINARY_CONTROLS.search(text) else None


@dataclass(frozen=True)
class Download:
    info: FileInfo
    byte_range: ByteRange | None
    body: ObjectBody


class FileService:
    def __init__(
        self,
        storage: Storage,
        *,
        uploads_prefix: str,
        max_bytes: int,
        url_expiry: timedelta,
        stat_threads: int = 8,
        accepted_types: tuple[str, ...] = ALLOWED_TYPES,
    ) -> None:
        self.storage = storage
        self.uploads_prefix = uploads_prefix
        self.max_bytes = max_bytes
        self.url_expiry = url_expiry
        self.accepted_types = accepted_types
        self._pool = ThreadPoolExecutor(stat_threads, thread_name_prefix="files-stat")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.storage.close()

    def owner_prefix(self, owner: Principal) -> str:
        return f"{self.uploads_prefix}{owner_segment(owner.subject)}/"

    def upload(self, owner: Principal, stream: Readable, name: str | None) -> FileInfo:
        """Sniff the first bytes, then stream the rest to storage; FileServiceError 400/413/415 stores nothing."""
        head = read_up_to(stream, SNIFF_BYTES)
        if not head:
            raise FileServiceError(400, "the file is empty")
        content_type = sniff(head)
        if content_type not in self.accepted_types:
            found = content_type or "not a recognised type"
            raise FileServiceError(415, f"the file is {found}; accepted: {', '.join(self.accepted_types)}")
        file_id = uuid.uuid4().hex
        metadata = {"name": clean_name(name), "owner": owner.subject, "created": datetime.now(UTC).isoformat()}
        try:
            stored = self.storage.put_stream(
                self.owner_prefix(owner) + file_id,
                Prepended(head, stream),
                size_limit=self.max_bytes,
                content_type=content_type,
                metadata=metadata,
            )
        except SizeLimitExceeded as exc:
            raise FileServiceError(413, f"the file is over the limit of {self.max_bytes} bytes") from exc
        return self._file_info(file_id, stored)

    def list(self, owner: Principal, *, limit: int, cursor: str | None = None) -> FilePage:
        """A page of the owner's files in id order; ``cursor`` is the previous page's ``next_cursor``."""
        if cursor is not None and not _CURSOR.fullmatch(cursor):
            raise FileServiceError(400, "cursor is not one this service returned")
        prefix = self.owner_prefix(owner)
        listed = self.storage.list(prefix, limit=limit + 1, after=prefix + cursor if cursor else None)
        page = listed[:limit]
        items = [info for info in self._pool.map(self._find, (summary.key for summary in page)) if info is not None]
        next_cursor = page[-1].key.removeprefix(prefix) if len(listed) > limit else None
        return FilePage(items=items, next_cursor=next_cursor)

    def info(self, owner: Principal, file_id: str) -> FileInfo:
        found = self._find(self._key(owner, file_id))
        if found is None:
            raise FileNotFound()
        return found

    def download(self, owner: Principal, file_id: str, range_header: str | None) -> Download:
        """The file's bytes, or the range asked for (RangeNotSatisfiable for a bad one).

        A whole file takes one storage request (its metadata comes with the bytes); a range needs the size first."""
        key = self._key(owner, file_id)
        if range_header is not None:
            return self._open(key, self.info(owner, file_id), range_header)
        try:
            stored, body = self.storage.open(key)
        except ObjectNotFound as exc:
            raise FileNotFound() from exc
        info = self._visible(key, stored)
        if info is None:
            body.close()
            raise FileNotFound()
        return Download(info, None, body)

    def download_key(self, key: str, range_header: str | None) -> Download:
        """For a signed link: the key was checked by its signature, not by an owner."""
        found = self._find(key)
        if found is None:
            raise FileNotFound()
        return self._open(key, found, range_header)

    def delete(self, owner: Principal, file_id: str) -> None:
        self.info(owner, file_id)
        self.storage.delete(self._key(owner, file_id))

    def url(self, owner: Principal, file_id: str) -> FileUrl:
        self.info(owner, file_id)
        expires = datetime.now(UTC) + self.url_expiry
        return FileUrl(url=self.storage.presigned_get_url(self._key(owner, file_id), self.url_expiry), expires=expires)

    def _key(self, owner: Principal, file_id: str) -> str:
        if not FILE_ID.fullmatch(file_id):
            raise FileNotFound()
        return self.owner_prefix(owner) + file_id

    def _open(self, key: str, info: FileInfo, range_header: str | None) -> Download:
        byte_range = parse_range(range_header, info.size)
        try:
            return Download(info, byte_range, self.storage.get(key, byte_range))
        except ObjectNotFound as exc:  # deleted a moment ago
            raise FileNotFound() from exc

    def _find(self, key: str) -> FileInfo | None:
        """The file at ``key``; None when missing or not complete yet (no digest: a large upload being finished)."""
        try:
            stored = self.storage.stat(key)
        except ObjectNotFound:
            return None
        return self._visible(key, stored)

    def _visible(self, key: str, stored: ObjectInfo) -> FileInfo | None:
        """What the owner sees of a stored object: nothing while it has no digest (not complete yet)."""
        file_id = key.rpartition("/")[2]
        return self._file_info(file_id, stored) if stored.sha256 and FILE_ID.fullmatch(file_id) else None

    @staticmethod
    def _file_info(file_id: str, stored: ObjectInfo) -> FileInfo:
        try:
            created = datetime.fromisoformat(stored.metadata["created"])
        except (KeyError, ValueError):
            created = stored.modified
        return FileInfo(
            id=file_id,
            name=stored.metadata.get("name", file_id),
            size=stored.size,
            sha256=stored.sha256 or "",
            content_type=stored.content_type,
            created=created,
        )
