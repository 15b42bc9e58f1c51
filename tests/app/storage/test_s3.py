"""The S3 backend against a real server (SeaweedFS): signatures, credentials, outages, buckets, multipart clean-up."""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
import urllib3
from minio.error import S3Error
from seaweed import SeaweedS3
from storage_kit import PART, BrokenStream, new_bucket, raw_client, s3_storage

from app.storage import Expiry, ObjectNotFound, S3Storage, StorageError, StorageUnavailable

LIMIT = 64 * 2**20


def put(storage: S3Storage, key: str, data: bytes) -> None:
    storage.put_stream(key, io.BytesIO(data), size_limit=LIMIT, content_type="image/png", metadata={"name": "ф"})


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query)) | changes
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_presigned_url_downloads_without_credentials(s3: S3Storage) -> None:
    data = os.urandom(5000)
    put(s3, "uploads/u/a", data)
    url = s3.presigned_get_url("uploads/u/a", timedelta(minutes=5))
    answer = httpx.get(url)
    assert answer.status_code == 200
    assert answer.content == data
    assert httpx.get(url, headers={"Range": "bytes=0-9"}).content == data[:10]


def test_presigned_url_tampered_is_refused(s3: S3Storage) -> None:
    put(s3, "uploads/u/a", b"mine")
    put(s3, "uploads/v/b", b"theirs")
    url = s3.presigned_get_url("uploads/u/a", timedelta(minutes=5))
    signature = dict(parse_qsl(urlsplit(url).query))["X-Amz-Signature"]
    tampered = [
        url.replace("uploads/u/a", "uploads/v/b"),
        with_query(url, **{"X-Amz-Expires": "604800"}),
        with_query(url, **{"X-Amz-Signature": ("0" if signature[0] != "0" else "1") + signature[1:]}),
    ]
    for forged in tampered:
        answer = httpx.get(forged)
        assert answer.status_code == 403, forged
        assert b"theirs" not in answer.content


def test_presigned_url_expired_is_refused(s3: S3Storage) -> None:
    put(s3, "uploads/u/a", b"soon gone")
    url = s3.presigned_get_url("uploads/u/a", timedelta(seconds=3))
    assert httpx.get(url).status_code == 200
    # The signature counts from X-Amz-Date, whole seconds that can sit up to a second before the signing: with one
    # second to live a loaded machine's request could arrive after the end (403 in CI). Wait past the real end.
    signed = datetime.strptime(dict(parse_qsl(urlsplit(url).query))["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    ends = signed.replace(tzinfo=UTC) + timedelta(seconds=3)
    time.sleep(max(0.0, (ends - datetime.now(UTC)).total_seconds()) + 1.1)
    assert httpx.get(url).status_code == 403


def test_wrong_secret_key_is_refused_with_clear_error(make_s3: Callable[..., S3Storage], s3: S3Storage) -> None:
    put(s3, "k", b"x")
    wrong = make_s3(bucket=s3.bucket, secret_key="not-the-secret")
    with pytest.raises(StorageError, match="check the access key and secret key") as raised:
        wrong.stat("k")
    assert not isinstance(raised.value, StorageUnavailable)
    with pytest.raises(StorageError, match=r"SignatureDoesNotMatch|AccessDenied"):
        wrong.put_stream("k2", io.BytesIO(b"x"), size_limit=10, content_type="x/y", metadata={})
    with pytest.raises(ObjectNotFound):
        s3.stat("k2")


def test_unreachable_storage_is_unavailable_quickly_then_recovers(tmp_path: Path) -> None:
    with SeaweedS3(tmp_path / "own") as server:
        storage = s3_storage(server, new_bucket())
        put(storage, "before", b"kept")
        server.stop()
        for attempt in (
            lambda: storage.stat("before"),
            lambda: put(storage, "during", b"lost"),
            lambda: storage.list("", limit=10),
            lambda: storage.get("before"),
            lambda: storage.delete("before"),
        ):
            started = time.monotonic()
            with pytest.raises(StorageUnavailable, match=rf"{server.endpoint}: Connection refused"):
                attempt()
            assert time.monotonic() - started < 2
        server.start()
        put(storage, "after", b"stored")
        assert [item.key for item in storage.list("", limit=10)] == ["after", "before"]
        assert storage.stat("before").sha256 == hashlib.sha256(b"kept").hexdigest()
        storage.close()


def test_ensure_bucket_creates_missing_bucket_once(seaweed: SeaweedS3) -> None:
    bucket = new_bucket()
    client = raw_client(seaweed)
    storage = s3_storage(seaweed, bucket)
    assert not client.bucket_exists(bucket)
    storage.ensure_bucket()
    storage.ensure_bucket()
    assert client.bucket_exists(bucket)
    s3_storage(seaweed, bucket).ensure_bucket()  # another instance finds it there


def test_first_use_creates_bucket_when_start_up_could_not(seaweed: SeaweedS3) -> None:
    bucket = new_bucket()
    storage = s3_storage(seaweed, bucket)
    put(storage, "k", b"x")
    assert raw_client(seaweed).bucket_exists(bucket)


@pytest.mark.parametrize("good", [100, 2 * PART + 10], ids=["single-put", "multipart"])
def test_failed_upload_leaves_no_pending_multipart_upload(s3: S3Storage, seaweed: SeaweedS3, good: int) -> None:
    with pytest.raises(ConnectionResetError):
        s3.put_stream("f", BrokenStream(good), size_limit=LIMIT, content_type="x/y", metadata={})
    # minio has no public call for ListMultipartUploads; an upload left behind would hold its parts forever.
    pending = raw_client(seaweed)._list_multipart_uploads(s3.bucket)
    assert [upload.object_name for upload in pending.uploads] == []


def test_objects_other_tools_wrote_have_no_digest(s3: S3Storage, seaweed: SeaweedS3) -> None:
    raw_client(seaweed).put_object(s3.bucket, "weights/m/config.json", io.BytesIO(b"{}"), 2, metadata={"a": "b"})
    info = s3.stat("weights/m/config.json")
    assert (info.size, info.sha256, info.metadata) == (2, None, {"a": "b"})


def test_metadata_travels_percent_encoded(s3: S3Storage, seaweed: SeaweedS3) -> None:
    """HTTP headers carry only ASCII: other tools see the name percent-encoded, and we read it back as written."""
    s3.put_stream("m", io.BytesIO(b"x"), size_limit=10, content_type="x/y", metadata={"name": "чек 1.jpg"})
    headers = raw_client(seaweed).stat_object(s3.bucket, "m").metadata
    assert headers is not None
    assert headers["x-amz-meta-name"] == "%D1%87%D0%B5%D0%BA%201.jpg"
    assert s3.stat("m").metadata == {"name": "чек 1.jpg"}


def test_part_size_below_s3_minimum_is_refused(seaweed: SeaweedS3) -> None:
    with pytest.raises(ValueError, match="at least"):
        S3Storage(seaweed.endpoint, bucket="b-b-b", access_key="a", secret_key="s", part_size=PART - 1)


def test_presigned_url_names_the_public_address_and_works_there(s3: S3Storage, seaweed: SeaweedS3) -> None:
    """Behind compose the service reaches S3 as minio:9000 and browsers as 127.0.0.1:9000; the link is signed for the
    host it names, so it is signed for the public one (here localhost standing in for it)."""
    port = seaweed.endpoint.rpartition(":")[2]
    public = S3Storage(
        seaweed.endpoint,
        bucket=s3.bucket,
        access_key=seaweed.access_key,
        secret_key=seaweed.secret_key,
        region=seaweed.region,
        public_url=f"http://localhost:{port}",
    )
    put(s3, "uploads/u/public", b"for the browser")

    url = public.presigned_get_url("uploads/u/public", timedelta(minutes=5))

    assert url.startswith(f"http://localhost:{port}/{s3.bucket}/uploads/u/public?")
    assert httpx.get(url).content == b"for the browser"
    moved = urlunsplit(urlsplit(url)._replace(netloc=seaweed.endpoint))
    assert httpx.get(moved).status_code == 403  # the host is part of the signature


@pytest.mark.parametrize("public_url", ["localhost:9000", "ftp://host", "http://host:9000/bucket"])
def test_public_url_must_be_scheme_host_port(seaweed: SeaweedS3, public_url: str) -> None:
    with pytest.raises(ValueError, match="public S3 URL must be"):
        S3Storage(seaweed.endpoint, bucket="b-public", access_key="a", secret_key="s", public_url=public_url)


def test_ensure_bucket_sets_the_lifecycle_rules(seaweed: SeaweedS3) -> None:
    storage = S3Storage(
        seaweed.endpoint,
        bucket=new_bucket(),
        access_key=seaweed.access_key,
        secret_key=seaweed.secret_key,
        region=seaweed.region,
        expiry=(Expiry("uploads/", 30), Expiry("tmp/", 1)),
    )
    storage.ensure_bucket()
    config = raw_client(seaweed).get_bucket_lifecycle(storage.bucket)
    assert config is not None
    rules = [
        (rule.rule_filter and rule.rule_filter.prefix, rule.expiration and rule.expiration.days)
        for rule in config.rules
    ]
    assert rules == [("uploads/", 30), ("tmp/", 1)]


def test_a_refused_lifecycle_leaves_the_bucket_usable(
    seaweed: SeaweedS3, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    storage = s3_storage(seaweed, new_bucket())
    storage.expiry = (Expiry("uploads/", 30),)

    def refuse(bucket: str, config: object) -> None:
        raise S3Error(urllib3.HTTPResponse(status=403), "AccessDenied", "not allowed", bucket, "", "")

    monkeypatch.setattr(storage._client, "set_bucket_lifecycle", refuse)
    storage.ensure_bucket()
    put(storage, "uploads/u/a", b"kept")
    assert storage.stat("uploads/u/a").size == 4
    assert "refused the lifecycle" in caplog.text and "AccessDenied" in caplog.text


def test_a_server_takes_more_buckets_than_one_per_free_gigabyte(tmp_path: Path) -> None:
    """Each bucket is a SeaweedFS collection with volumes of its own: the launcher sets the volume count, so a
    long test session or a busy demo does not run out of volumes (mini's own limit is free disk / 1 GB)."""
    with SeaweedS3(tmp_path) as server:
        for index in range(60):
            storage = s3_storage(server, f"many-{index}")
            storage.ensure_bucket()
            put(storage, "o", b"x")
            storage.close()
