"""Mirroring a prefix into a folder (model weights at s3://bucket/prefix), on both backends."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from seaweed import SeaweedS3
from storage_kit import raw_client

from app.storage import LocalStorage, ObjectSummary, S3Storage, Storage, StorageError, download_prefix, split_source

WEIGHTS = {
    "weights/qwen/config.json": b'{"layers": 2}',
    "weights/qwen/model-00001.safetensors": os.urandom(70_000),
    "weights/qwen/tokenizer/vocab.txt": "привет\nмир\n".encode(),
}
ELSEWHERE = {"weights/qwen-old/config.json": b"{}", "uploads/u/x": b"x"}


def fill(storage: Storage, objects: dict[str, bytes]) -> None:
    for key, data in objects.items():
        storage.put_stream(
            key, io.BytesIO(data), size_limit=10**6, content_type="application/octet-stream", metadata={}
        )


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("source", ["weights/qwen", "weights/qwen/", "s3://{bucket}/weights/qwen"])
def test_download_prefix_mirrors_prefix(storage: Storage, tmp_path: Path, source: str) -> None:
    fill(storage, WEIGHTS | ELSEWHERE)
    result = download_prefix(storage, source.format(bucket=storage.bucket), tmp_path / "qwen")
    assert tree(tmp_path / "qwen") == {key.removeprefix("weights/qwen/"): data for key, data in WEIGHTS.items()}
    assert result.files == tuple(tmp_path / "qwen" / key.removeprefix("weights/qwen/") for key in sorted(WEIGHTS))
    assert (result.downloaded, result.skipped) == (3, 0)
    assert result.downloaded_bytes == sum(len(data) for data in WEIGHTS.values())


def test_download_prefix_skips_up_to_date_files(storage: Storage, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    fill(storage, WEIGHTS)
    download_prefix(storage, "weights/qwen", dest)
    again = download_prefix(storage, "weights/qwen", dest)
    assert (again.downloaded, again.skipped, again.downloaded_bytes) == (0, 3, 0)
    (dest / "config.json").write_bytes(b"{}")  # changed here: size differs
    (dest / "tokenizer" / "vocab.txt").unlink()
    third = download_prefix(storage, "weights/qwen", dest)
    assert (third.downloaded, third.skipped) == (2, 1)
    assert tree(dest) == {key.removeprefix("weights/qwen/"): data for key, data in WEIGHTS.items()}


def test_download_prefix_of_nothing_raises_file_not_found(storage: Storage, tmp_path: Path) -> None:
    fill(storage, ELSEWHERE)
    with pytest.raises(FileNotFoundError, match="no objects under weights/qwen"):
        download_prefix(storage, "weights/qwen", tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_download_prefix_refuses_another_bucket(storage: Storage, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="but this storage serves"):
        download_prefix(storage, "s3://someone-else/weights", tmp_path)


class ListingAs(LocalStorage):
    """A folder whose listing also names keys that S3 servers accept but no file may have (AWS allows ``..``)."""

    def __init__(self, root: Path, extra: Sequence[str]) -> None:
        super().__init__(root, "bucket", "secret")
        self.extra = extra

    def list(self, prefix: str, *, limit: int, after: str | None = None) -> list[ObjectSummary]:
        listed = super().list(prefix, limit=limit, after=after)
        forged = [ObjectSummary(key, 1, datetime.now(UTC)) for key in self.extra if after is None or key > after]
        return sorted([*listed, *forged], key=lambda item: item.key)[:limit]


@pytest.mark.parametrize(
    "key",
    ["weights/qwen/../../escaped", "weights/qwen/a/../../../escaped", "weights/qwen//etc", "weights/qwen/..\\x"],
)
def test_download_prefix_refuses_keys_escaping_the_folder(tmp_path: Path, key: str) -> None:
    storage = ListingAs(tmp_path / "storage", [key])
    storage.ensure_bucket()
    fill(storage, {"weights/qwen/a": b"a"})
    with pytest.raises(StorageError, match="cannot be a file below the destination folder"):
        download_prefix(storage, "weights/qwen", tmp_path / "dest" / "qwen")
    assert not (tmp_path / "escaped").exists()
    assert not (tmp_path / "dest" / "escaped").exists()


def test_download_prefix_detects_damaged_local_object(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "storage", "bucket", "secret")
    fill(storage, WEIGHTS)
    stored = storage.base / "objects" / "weights/qwen/config.json"
    stored.write_bytes(b'{"layers": 3}')  # same size, other bytes: bit rot
    with pytest.raises(StorageError, match=r"config\.json arrived damaged"):
        download_prefix(storage, "weights/qwen", tmp_path / "dest")
    assert not (tmp_path / "dest" / "config.json").exists()
    assert [path.name for path in (tmp_path / "dest").iterdir() if path.name.startswith(".")] == []


def test_download_prefix_detects_damaged_s3_object(s3: S3Storage, seaweed: SeaweedS3, tmp_path: Path) -> None:
    wrong = hashlib.sha256(b"what was meant").hexdigest()
    raw_client(seaweed).put_object(s3.bucket, "weights/m/w.bin", io.BytesIO(b"abc"), 3, metadata={"sha256": wrong})
    with pytest.raises(StorageError, match=r"w\.bin arrived damaged"):
        download_prefix(s3, f"s3://{s3.bucket}/weights/m", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_download_prefix_takes_objects_without_digest(s3: S3Storage, seaweed: SeaweedS3, tmp_path: Path) -> None:
    raw_client(seaweed).put_object(s3.bucket, "weights/m/w.bin", io.BytesIO(b"abc"), 3)
    assert download_prefix(s3, "weights/m", tmp_path).downloaded == 1
    assert (tmp_path / "w.bin").read_bytes() == b"abc"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("s3://receipts/weights/qwen", ("receipts", "weights/qwen/")),
        ("s3://receipts/weights/qwen/", ("receipts", "weights/qwen/")),
        ("s3://receipts", ("receipts", "")),
        ("s3://receipts/", ("receipts", "")),
        ("s3://my.bucket-1/a", ("my.bucket-1", "a/")),
        ("weights/qwen", (None, "weights/qwen/")),
        ("/weights/qwen", (None, "weights/qwen/")),
        ("", (None, "")),
    ],
)
def test_split_source(source: str, expected: tuple[str | None, str]) -> None:
    assert split_source(source) == expected


@pytest.mark.parametrize("source", ["s3://", "s3://Upper/x", "s3://ab", "s3://-bad/x", "s3://bad_name/x"])
def test_split_source_refuses_bad_urls(source: str) -> None:
    with pytest.raises(ValueError, match="not an s3://bucket/prefix URL"):
        split_source(source)
