"""Mirror an object prefix into a local folder: how a model whose weights live at ``s3://bucket/prefix`` gets them.

Loaders such as transformers' ``from_pretrained`` want a folder, so the weights are copied once and kept: a file
whose size and modification time match the object's is not fetched again (rsync's quick check), and each file
appears under its final name only when complete and, where the object carries one, its SHA-256 matches.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.storage.base import ObjectSummary, Storage, StorageError

S3_URL = re.compile(r"s3://(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/(?P<prefix>.*))?")
_PAGE = 1000


@dataclass(frozen=True)
class MirrorResult:
    files: tuple[Path, ...]
    """Every local file of the prefix, in key order."""
    downloaded: int
    skipped: int
    """Files already present with the object's size and modification time."""
    downloaded_bytes: int


def split_source(source: str) -> tuple[str | None, str]:
    """``s3://bucket/a/b`` → ("bucket", "a/b/"); a bare prefix ``a/b`` → (None, "a/b/"). A folder-like prefix
    always ends with "/", so ``weights/qwen`` never picks up ``weights/qwen-old/``."""
    if source.startswith("s3://"):
        match = S3_URL.fullmatch(source)
        if match is None:
            raise ValueError(f"not an s3://bucket/prefix URL: {source!r}")
        bucket, prefix = match["bucket"], match["prefix"] or ""
    else:
        bucket, prefix = None, source
    prefix = prefix.lstrip("/")
    return bucket, prefix if not prefix or prefix.endswith("/") else prefix + "/"


def download_prefix(storage: Storage, source: str, dest_dir: Path) -> MirrorResult:
    """Copy every object under ``source`` (``s3://bucket/prefix`` or a prefix of ``storage``'s bucket) into
    ``dest_dir``, keeping the key's path below the prefix. FileNotFoundError when nothing is there."""
    bucket, prefix = split_source(source)
    if bucket is not None and bucket != storage.bucket:
        raise ValueError(f"{source} is in bucket {bucket!r}, but this storage serves {storage.bucket!r}")
    files: list[Path] = []
    downloaded = skipped = size = 0
    after: str | None = None
    while page := storage.list(prefix, limit=_PAGE, after=after):
        after = page[-1].key
        for summary in page:
            if summary.key.endswith("/"):  # a folder marker that consoles create
                continue
            target = dest_dir / _relative_path(summary.key, prefix)
            files.append(target)
            if _up_to_date(target, summary):
                skipped += 1
                continue
            _download(storage, summary, target)
            downloaded += 1
            size += summary.size
    if not files:
        raise FileNotFoundError(f"no objects under {source}")
    return MirrorResult(tuple(files), downloaded, skipped, size)


def _relative_path(key: str, prefix: str) -> PurePosixPath:
    """The key's path below the prefix, refused when it could escape the destination folder."""
    relative = key[len(prefix) :]
    parts = relative.split("/")
    if any(part in {"", ".", ".."} or "\\" in part or "\x00" in part for part in parts):
        raise StorageError(f"object key {key!r} cannot be a file below the destination folder")
    return PurePosixPath(*parts)


def _up_to_date(target: Path, summary: ObjectSummary) -> bool:
    try:
        found = target.stat()
    except FileNotFoundError:
        return False
    return found.st_size == summary.size and abs(found.st_mtime - summary.modified.timestamp()) < 0.01


def _download(storage: Storage, summary: ObjectSummary, target: Path) -> None:
    """Into a temporary file beside the target, checked, then renamed: a crash never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    partial = Path(name)
    try:
        digest, written = hashlib.sha256(), 0
        with os.fdopen(handle, "wb") as file:
            info, body = storage.open(summary.key)  # the digest comes with the bytes: one request
            with body:
                for chunk in body.chunks():
                    file.write(chunk)
                    digest.update(chunk)
                    written += len(chunk)
        expected = info.sha256
        if written != summary.size or (expected is not None and digest.hexdigest() != expected):
            raise StorageError(f"{summary.key} arrived damaged: {written} bytes, sha256 {digest.hexdigest()}")
        stamp = summary.modified.timestamp()
        os.utime(partial, (stamp, stamp))
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
