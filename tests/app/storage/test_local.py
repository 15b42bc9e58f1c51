"""The local-folder backend: what lies on disk, its signed download links, and what it refuses to walk."""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from storage_kit import BrokenStream

from app.storage import Expiry, LocalStorage, ObjectNotFound
from app.storage.local import SIGNED_URL_PATH


@pytest.fixture
def local(tmp_path: Path) -> LocalStorage:
    storage = LocalStorage(tmp_path, "bucket", "secret")
    storage.ensure_bucket()
    return storage


def put(storage: LocalStorage, key: str, data: bytes) -> None:
    storage.put_stream(key, io.BytesIO(data), size_limit=100, content_type="image/png", metadata={})


def link(storage: LocalStorage, key: str, expires: timedelta) -> tuple[str, int, str]:
    url = storage.presigned_get_url(key, expires)
    assert url.startswith(SIGNED_URL_PATH + "?")
    query = dict(parse_qsl(urlsplit(url).query))
    return query["key"], int(query["expires"]), query["signature"]


def test_signed_link_is_valid_until_it_expires(local: LocalStorage) -> None:
    key, expires, signature = link(local, "uploads/u/a", timedelta(minutes=5))
    assert key == "uploads/u/a"
    assert expires == pytest.approx(time.time() + 300, abs=2)
    assert local.signature_valid(key, expires, signature)
    assert not local.signature_valid(*link(local, "uploads/u/a", timedelta(seconds=-1)))


def test_signed_link_tampered_is_refused(local: LocalStorage, tmp_path: Path) -> None:
    key, expires, signature = link(local, "uploads/u/a", timedelta(minutes=5))
    assert not local.signature_valid("uploads/v/a", expires, signature)
    assert not local.signature_valid(key, expires, "Þ\udc80")  # not ASCII: refused, not a TypeError
    assert not local.signature_valid(key, expires + 3600, signature)
    assert not local.signature_valid(key, expires, signature[:-1] + ("0" if signature[-1] != "0" else "1"))
    assert not local.signature_valid(key, expires, "")
    assert not LocalStorage(tmp_path, "bucket", "other secret").signature_valid(key, expires, signature)
    assert not LocalStorage(tmp_path, "other-bucket", "secret").signature_valid(key, expires, signature)


def test_signing_secret_is_required(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="signing secret"):
        LocalStorage(tmp_path, "bucket", "")


def test_failed_write_leaves_no_temporary_files(local: LocalStorage) -> None:
    with pytest.raises(ConnectionResetError):
        local.put_stream("a", BrokenStream(5000), size_limit=10**6, content_type="x/y", metadata={})
    assert list((local.base / "tmp").iterdir()) == []
    assert list((local.base / "objects").iterdir()) == []


def test_bytes_without_commit_record_are_no_object(local: LocalStorage) -> None:
    """The metadata file is the commit record: bytes a crash left without it are invisible."""
    (local.base / "objects" / "half").write_bytes(b"partial")
    with pytest.raises(ObjectNotFound):
        local.stat("half")
    with pytest.raises(ObjectNotFound):
        local.get("half")
    assert local.list("", limit=10) == []


@pytest.mark.parametrize("prefix", ["../", "../../", "a/../../", "/etc/"])
def test_list_below_unsafe_prefix_finds_nothing(local: LocalStorage, prefix: str) -> None:
    put(local, "a/b", b"x")
    assert local.list(prefix, limit=10) == []


def test_objects_live_under_the_bucket_folder(local: LocalStorage, tmp_path: Path) -> None:
    put(local, "uploads/u/a", b"bytes")
    assert (tmp_path / "bucket" / "objects" / "uploads" / "u" / "a").read_bytes() == b"bytes"
    assert (tmp_path / "bucket" / "meta" / "uploads" / "u" / "a.json").is_file()


def age(storage: LocalStorage, key: str, days: float) -> None:
    """Make ``key`` look written ``days`` ago."""
    meta = storage.base / "meta" / f"{key}.json"
    record = json.loads(meta.read_text(encoding="utf-8"))
    record["modified"] = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    meta.write_text(json.dumps(record), encoding="utf-8")


def test_ensure_bucket_deletes_what_the_lifecycle_expired(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path, "bucket", "secret", expiry=(Expiry("uploads/", 30),))
    storage.ensure_bucket()
    for key, days in {"uploads/u/old": 31, "uploads/u/new": 29, "weights/old": 400}.items():
        put(storage, key, b"x")
        age(storage, key, days)
    storage.ensure_bucket()
    assert [summary.key for summary in storage.list("", limit=10)] == ["uploads/u/new", "weights/old"]
