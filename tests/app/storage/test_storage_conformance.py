"""What every backend promises (``app.storage.base.Storage``), checked on a folder and on a real S3 server alike."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime

import pytest
from storage_kit import PART, BrokenStream, ChunkedStream

from app.storage import ByteRange, ObjectNotFound, SizeLimitExceeded, Storage

LIMIT = 64 * 2**20


def put(storage: Storage, key: str, data: bytes, **metadata: str) -> None:
    storage.put_stream(key, io.BytesIO(data), size_limit=LIMIT, content_type="image/png", metadata=metadata)


def read_all(storage: Storage, key: str, byte_range: ByteRange | None = None) -> bytes:
    with storage.get(key, byte_range) as body:
        return b"".join(body.chunks())


def test_put_returns_size_digest_and_type(storage: Storage) -> None:
    data = os.urandom(10_000)
    before = datetime.now(UTC).replace(microsecond=0)
    info = storage.put_stream(
        "uploads/u1/a", ChunkedStream(data), size_limit=LIMIT, content_type="image/jpeg", metadata={"name": "a.jpg"}
    )
    assert (info.key, info.size, info.sha256, info.content_type) == (
        "uploads/u1/a",
        len(data),
        hashlib.sha256(data).hexdigest(),
        "image/jpeg",
    )
    assert info.modified >= before
    assert storage.stat("uploads/u1/a") == info
    assert read_all(storage, "uploads/u1/a") == data


def test_put_accepts_empty_stream(storage: Storage) -> None:
    info = storage.put_stream("e", io.BytesIO(b""), size_limit=LIMIT, content_type="image/png", metadata={})
    assert (info.size, info.sha256) == (0, hashlib.sha256(b"").hexdigest())
    assert read_all(storage, "e") == b""


def test_put_overwrites_existing_object(storage: Storage) -> None:
    put(storage, "k", b"first", name="one")
    put(storage, "k", b"second", name="two")
    assert read_all(storage, "k") == b"second"
    assert storage.stat("k").metadata == {"name": "two"}


@pytest.mark.parametrize(
    "name",
    ["чек №1 (копия).jpg", "emoji 🧾 receipt", "../../etc/passwd", "a%2Fb%00 +=&?", "  spaces  ", "右から\u202eleft"],
)
def test_metadata_round_trips_unicode(storage: Storage, name: str) -> None:
    put(storage, "m", b"x", name=name, owner="user-1")
    assert storage.stat("m").metadata == {"name": name, "owner": "user-1"}


def test_put_refuses_bad_metadata_names(storage: Storage) -> None:
    for metadata in ({"Name": "x"}, {"sha256": "forged"}, {"a_b": "x"}):
        with pytest.raises(ValueError, match="metadata names"):
            storage.put_stream("m", io.BytesIO(b"x"), size_limit=LIMIT, content_type="image/png", metadata=metadata)
    with pytest.raises(ObjectNotFound):
        storage.stat("m")


@pytest.mark.parametrize(
    "key",
    ["", "/abs", "a/../b", "..", "a/./b", "a//b", "a/", "a\\b", "nul\x00", "пробел/ключ", "a b", "x" * 1025],
)
def test_put_refuses_unsafe_keys(storage: Storage, key: str) -> None:
    with pytest.raises(ValueError, match="not a safe object key"):
        put(storage, key, b"x")
    assert storage.list("", limit=10) == []


@pytest.mark.parametrize(
    ("byte_range", "expected"),
    [
        (ByteRange(0, 0), slice(0, 1)),
        (ByteRange(10, 19), slice(10, 20)),
        (ByteRange(2999, 2999), slice(2999, 3000)),
        (ByteRange(2990, 5000), slice(2990, 3000)),
    ],
    ids=["first-byte", "middle", "last-byte", "past-the-end"],
)
def test_get_range_returns_those_bytes(storage: Storage, byte_range: ByteRange, expected: slice) -> None:
    data = os.urandom(3000)
    put(storage, "r", data)
    assert read_all(storage, "r", byte_range) == data[expected]


def test_get_and_stat_missing_object_raise_not_found(storage: Storage) -> None:
    with pytest.raises(ObjectNotFound) as raised:
        storage.stat("uploads/nobody/x")
    assert raised.value.key == "uploads/nobody/x"
    with pytest.raises(ObjectNotFound):
        storage.get("uploads/nobody/x")


def test_list_filters_by_prefix_after_and_limit(storage: Storage) -> None:
    keys = ["u/a/1", "u/a/2", "u/a/3", "u/a/sub/4", "u/ab/5", "u/b/6", "v/7"]
    for key in reversed(keys):
        put(storage, key, key.encode())
    listed = storage.list("u/a/", limit=100)
    assert [item.key for item in listed] == ["u/a/1", "u/a/2", "u/a/3", "u/a/sub/4"]
    assert [item.size for item in listed] == [5, 5, 5, 9]
    assert [item.key for item in storage.list("u/a", limit=100)] == [*keys[:5]]
    assert [item.key for item in storage.list("u/a/", limit=2)] == ["u/a/1", "u/a/2"]
    assert [item.key for item in storage.list("u/a/", limit=2, after="u/a/2")] == ["u/a/3", "u/a/sub/4"]
    assert storage.list("u/a/", limit=2, after="u/a/sub/4") == []
    assert storage.list("w/", limit=10) == []
    assert [item.key for item in storage.list("", limit=100)] == keys


def test_list_pages_with_after_cover_every_object_once(storage: Storage) -> None:
    keys = sorted(f"p/{n:03d}" for n in range(23))
    for key in keys:
        put(storage, key, b"x")
    seen: list[str] = []
    after = None
    while page := storage.list("p/", limit=5, after=after):
        seen += [item.key for item in page]
        after = page[-1].key
    assert seen == keys


def test_delete_removes_object_and_tolerates_missing(storage: Storage) -> None:
    put(storage, "d/1", b"x")
    put(storage, "d/2", b"y")
    storage.delete("d/1")
    storage.delete("d/1")
    storage.delete("d/never")
    with pytest.raises(ObjectNotFound):
        storage.stat("d/1")
    assert [item.key for item in storage.list("d/", limit=10)] == ["d/2"]


def test_put_just_over_part_size_stores_complete_object(storage: Storage) -> None:
    """On S3 this is the multipart path, whose digest arrives by a copy onto itself."""
    data = os.urandom(PART + 1)
    info = storage.put_stream(
        "big/a", ChunkedStream(data, 64 * 1024), size_limit=LIMIT, content_type="application/pdf", metadata={"n": "ы"}
    )
    assert (info.size, info.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert storage.stat("big/a") == info
    assert (info.content_type, info.metadata) == ("application/pdf", {"n": "ы"})
    assert read_all(storage, "big/a") == data
    assert read_all(storage, "big/a", ByteRange(PART - 2, PART)) == data[PART - 2 :]


@pytest.mark.parametrize("size", [1000, PART + 10], ids=["single-put", "multipart"])
def test_put_over_size_limit_leaves_nothing(storage: Storage, size: int) -> None:
    with pytest.raises(SizeLimitExceeded) as raised:
        storage.put_stream("l", io.BytesIO(os.urandom(size)), size_limit=size - 1, content_type="x/y", metadata={})
    assert raised.value.limit == size - 1
    with pytest.raises(ObjectNotFound):
        storage.stat("l")
    assert storage.list("", limit=10) == []


def test_put_at_size_limit_is_accepted(storage: Storage) -> None:
    info = storage.put_stream("l", io.BytesIO(b"12345"), size_limit=5, content_type="x/y", metadata={})
    assert info.size == 5


@pytest.mark.parametrize("good", [1000, 2 * PART + 10], ids=["single-put", "multipart"])
def test_stream_failing_halfway_leaves_nothing(storage: Storage, good: int) -> None:
    """The stream's own error reaches the caller unchanged (not as a storage error), and no object appears."""
    with pytest.raises(ConnectionResetError, match="went away"):
        storage.put_stream("f", BrokenStream(good), size_limit=LIMIT, content_type="x/y", metadata={})
    with pytest.raises(ObjectNotFound):
        storage.stat("f")
    assert storage.list("", limit=10) == []


def test_failed_overwrite_keeps_or_removes_but_never_mixes(storage: Storage) -> None:
    """A failed overwrite never leaves a mix: either the old object whole or nothing (S3 keeps the old one)."""
    old = os.urandom(2000)
    put(storage, "o", old)
    with pytest.raises(ConnectionResetError):
        storage.put_stream("o", BrokenStream(1000), size_limit=LIMIT, content_type="x/y", metadata={})
    try:
        info = storage.stat("o")
    except ObjectNotFound:
        return
    assert info.sha256 == hashlib.sha256(old).hexdigest()
    assert read_all(storage, "o") == old


def test_open_returns_stat_and_whole_body(storage: Storage) -> None:
    data = os.urandom(PART + 5)
    put(storage, "o/a", data, name="чек")
    info, body = storage.open("o/a")
    with body:
        assert b"".join(body.chunks()) == data
    assert info == storage.stat("o/a")
    assert (info.sha256, info.metadata) == (hashlib.sha256(data).hexdigest(), {"name": "чек"})
    with pytest.raises(ObjectNotFound):
        storage.open("o/missing")
