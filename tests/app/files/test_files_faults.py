"""Faults against a live server: uploads cut off half-way, bodies past the limit, storage that is down and comes back.
Whatever happens, no object (or pending multipart upload) is left half-written."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from files_kit import (
    MULTIPART_TYPE,
    bearer,
    files_app,
    files_settings,
    multipart_body,
    new_bucket,
    png,
    storage_of,
)
from live_uvicorn import live_uvicorn as live_server
from seaweed import SeaweedS3

from app.storage import LocalStorage, S3Storage, Storage

MAX_BYTES = 16 * 2**20


def pending_uploads(storage: Storage) -> list[str]:
    """Multipart uploads started and never completed or aborted (S3), files half-written (local)."""
    if isinstance(storage, LocalStorage):
        return [path.name for path in (storage.base / "tmp").iterdir()]
    assert isinstance(storage, S3Storage)
    # minio has no public ListMultipartUploads; its private call is what `mc ls --incomplete` does.
    listed = storage._client._list_multipart_uploads(storage.bucket)
    return [str(upload.object_name) for upload in listed.uploads]


def everything(storage: Storage) -> list[str]:
    return [item.key for item in storage.list("", limit=1000)]


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@contextmanager
def partial_upload(port: int, headers: dict[str, str], body: bytes, sent: int) -> Iterator[None]:
    """A client that announces the whole body and sends ``sent`` bytes of it; it goes away when the block ends."""
    head = [
        "POST /files HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"Content-Type: {MULTIPART_TYPE}",
        f"Content-Length: {len(body)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        sock.sendall(body[:sent])
        yield


def send_half(port: int, headers: dict[str, str], body: bytes, sent: int) -> None:
    """A client that announces the whole body, sends ``sent`` bytes of it and goes away."""
    with partial_upload(port, headers, body, sent):
        pass


@pytest.mark.parametrize("backend", ["local", "s3"])
@pytest.mark.parametrize("sizes", [(200_000, 100_000), (12 * 2**20, 10 * 2**20)], ids=["single-put", "after-a-part"])
def test_upload_interrupted_halfway_leaves_nothing(
    idp: TestIdentityProvider, tmp_path: Path, request: pytest.FixtureRequest, backend: str, sizes: tuple[int, int]
) -> None:
    """``sizes``: the file, and how much of it arrives; 10 of 12 MiB means S3 has had a part of it already."""
    size, sent = sizes
    server = request.getfixturevalue("seaweed") if backend == "s3" else None
    app = files_app(files_settings(idp, backend, tmp_path, server, files_max_bytes=MAX_BYTES))
    user = bearer(idp)
    with TestClient(app) as client, live_server(app) as live:
        send_half(live.port, user, multipart_body(png(size)), sent)
        live.wait_idle()
        storage = storage_of(client)
        assert everything(storage) == []
        assert pending_uploads(storage) == []
        answer = httpx.post(
            f"{live.url}/files", headers=user | {"Content-Type": MULTIPART_TYPE}, content=multipart_body(png(size))
        )
        assert answer.status_code == 201
        assert [key.rpartition("/")[2] for key in everything(storage)] == [answer.json()["id"]]


def test_uploads_past_the_slots_and_queue_are_503_while_the_other_routes_answer(
    idp: TestIdentityProvider, tmp_path: Path
) -> None:
    """One slot, no queue: a client that sends half its file and stalls holds the slot (and its worker thread), the
    next upload is told to come back, listing still answers, and once the stalled client goes uploads work again."""
    settings = files_settings(idp, "local", tmp_path, files_max_uploads=1, files_upload_queue=0)
    app = files_app(settings)
    user = bearer(idp)
    body = multipart_body(png(200_000))

    def upload() -> httpx.Response:
        return httpx.post(f"{live.url}/files", headers=user | {"Content-Type": MULTIPART_TYPE}, content=body)

    with TestClient(app), live_server(app) as live:
        assert httpx.get(f"{live.url}/files", headers=user).status_code == 200  # the provider's keys fetched first
        with partial_upload(live.port, user, body, 100_000):
            deadline = time.monotonic() + 30  # a busy machine (CI's -n 2) is slow to hand the stalled one over
            while (answer := upload()).status_code != 503 and time.monotonic() < deadline:
                time.sleep(0.05)  # the stalled client has not reached its slot yet
            assert answer.status_code == 503
            assert answer.json() == {"error": "too many uploads at once; try again shortly"}
            assert answer.headers["retry-after"] == "1"
            assert httpx.get(f"{live.url}/files", headers=user).status_code == 200
        live.wait_idle(timeout_s=30)
        assert upload().status_code == 201


@pytest.mark.parametrize("backend", ["local", "s3"])
def test_chunked_upload_past_limit_is_413(
    idp: TestIdentityProvider, tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    """No Content-Length to refuse up front: the stream is cut at the limit, and nothing is kept."""
    server = request.getfixturevalue("seaweed") if backend == "s3" else None
    app = files_app(files_settings(idp, backend, tmp_path, server, files_max_bytes=300_000))
    body = multipart_body(png(400_000))

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    with TestClient(app) as client, live_server(app) as live:
        answer = httpx.post(
            f"{live.url}/files", headers=bearer(idp) | {"Content-Type": MULTIPART_TYPE}, content=chunks()
        )
        assert (answer.status_code, answer.json()) == (413, {"error": "the file is over the limit of 300000 bytes"})
        live.wait_idle()
        assert everything(storage_of(client)) == []
        assert pending_uploads(storage_of(client)) == []


def test_storage_down_is_503_then_retry_succeeds(idp: TestIdentityProvider, tmp_path: Path) -> None:
    user = bearer(idp)
    with SeaweedS3(tmp_path / "s3") as server:
        app = files_app(files_settings(idp, "s3", tmp_path, server, files_max_bytes=MAX_BYTES))
        with TestClient(app) as client:
            before = client.post("/files", headers=user, files={"file": ("a.png", png(1000))}).json()
            server.stop()
            refused = [
                client.post("/files", headers=user, files={"file": ("b.png", png(1000))}),
                client.post("/files", headers=user, files={"file": ("c.png", png(9 * 2**20))}),
                client.get("/files", headers=user),
                client.get(f"/files/{before['id']}", headers=user),
                client.get(f"/files/{before['id']}/content", headers=user),
                client.get(f"/files/{before['id']}/url", headers=user),
                client.delete(f"/files/{before['id']}", headers=user),
            ]
            for answer in refused:
                assert answer.status_code == 503, answer.request.url
                assert answer.json() == {"error": "object storage is unreachable; try again shortly"}
                assert server.endpoint not in answer.text  # the internal address is for the log only
                assert answer.headers["retry-after"] == "5"
            server.start()
            retried = client.post("/files", headers=user, files={"file": ("b.png", png(9 * 2**20))})
            assert retried.status_code == 201
            listed = client.get("/files", headers=user).json()["items"]
            assert sorted(item["id"] for item in listed) == sorted([before["id"], retried.json()["id"]])
            assert pending_uploads(storage_of(client)) == []


def test_service_starts_while_storage_is_down(idp: TestIdentityProvider, tmp_path: Path) -> None:
    """The bucket cannot be created at start-up: requests get 503 until storage is back, then it is made."""
    user = bearer(idp)
    with SeaweedS3(tmp_path / "s3") as server:
        server.stop()
        bucket = new_bucket()
        app = files_app(files_settings(idp, "s3", tmp_path, server), bucket)
        with TestClient(app) as client:
            assert client.get("/files", headers=user).status_code == 503
            server.start()
            assert client.get("/files", headers=user).json() == {"items": [], "next_cursor": None}
            assert client.post("/files", headers=user, files={"file": ("a.png", png(100))}).status_code == 201
            assert isinstance(storage := storage_of(client), S3Storage)
            assert storage._client.bucket_exists(bucket)


def test_start_up_creates_missing_bucket(idp: TestIdentityProvider, tmp_path: Path, seaweed: SeaweedS3) -> None:
    bucket = new_bucket()
    app = files_app(files_settings(idp, "s3", tmp_path, seaweed), bucket)
    storage = app.state.files.service.storage
    assert isinstance(storage, S3Storage)
    assert not storage._client.bucket_exists(bucket)
    with TestClient(app):
        assert storage._client.bucket_exists(bucket)


@pytest.mark.parametrize("backend", ["local", "s3"])
def test_download_abandoned_midway_leaves_service_healthy(
    idp: TestIdentityProvider, tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    """A client that reads a little of a large download and hangs up: the read ahead ends, the body is closed,
    and the next download is whole."""
    server = request.getfixturevalue("seaweed") if backend == "s3" else None
    app = files_app(files_settings(idp, backend, tmp_path, server, files_max_bytes=MAX_BYTES))
    user = bearer(idp)
    data = png(9 * 2**20)
    with TestClient(app) as client, live_server(app) as live:
        file_id = client.post("/files", headers=user, files={"file": ("big.png", data)}).json()["id"]
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", live.port)) as sock:
                head = f"GET /files/{file_id}/content HTTP/1.1\r\nHost: x\r\n"
                sock.sendall((head + f"Authorization: {user['Authorization']}\r\n\r\n").encode())
                assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        live.wait_idle()
        answer = httpx.get(f"{live.url}/files/{file_id}/content", headers=user)
        assert (answer.status_code, answer.content) == (200, data)


def test_an_upload_that_stops_sending_ends_with_408_and_gives_its_slot_back(
    idp: TestIdentityProvider, tmp_path: Path
) -> None:
    """One slot: a client that sends half its file and then nothing is answered 408 after the idle time, the
    connection is closed, and the next upload gets the slot."""
    settings = files_settings(idp, "local", tmp_path, files_max_uploads=1, files_upload_queue=0, body_idle_s=1)
    app = files_app(settings)
    user = bearer(idp)
    body = multipart_body(png(200_000))
    with TestClient(app) as client, live_server(app) as live:
        head = [
            "POST /files HTTP/1.1",
            f"Host: 127.0.0.1:{live.port}",
            f"Content-Type: {MULTIPART_TYPE}",
            f"Content-Length: {len(body)}",
            *(f"{name}: {value}" for name, value in user.items()),
        ]
        with socket.create_connection(("127.0.0.1", live.port), timeout=15) as sock:
            started = time.monotonic()
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body[:100_000])
            answer = b""
            while chunk := sock.recv(65536):  # the server answers and closes: recv returns b"" at the end
                answer += chunk
            assert time.monotonic() - started < 10
        assert answer.startswith(b"HTTP/1.1 408 ")
        assert b"nothing of the upload arrived for 1 s; send it again" in answer
        assert everything(storage_of(client)) == []
        uploaded = httpx.post(f"{live.url}/files", headers=user | {"Content-Type": MULTIPART_TYPE}, content=body)
        assert uploaded.status_code == 201


def test_one_user_cannot_take_every_upload_slot(idp: TestIdentityProvider, tmp_path: Path) -> None:
    """Two uploads per user: a third stalled upload of the same user is 429, while another user still uploads."""
    settings = files_settings(idp, "local", tmp_path, files_max_uploads=4, files_uploads_per_user=2)
    app = files_app(settings)
    greedy, other = bearer(idp), bearer(idp)
    body = multipart_body(png(200_000))

    def upload(user: dict[str, str]) -> httpx.Response:
        return httpx.post(f"{live.url}/files", headers=user | {"Content-Type": MULTIPART_TYPE}, content=body)

    with TestClient(app), live_server(app) as live:
        # the first request fetches the provider's keys; on a busy machine a stalled upload doing it may fail there
        assert httpx.get(f"{live.url}/files", headers=greedy).status_code == 200
        with partial_upload(live.port, greedy, body, 100_000), partial_upload(live.port, greedy, body, 100_000):
            deadline = time.monotonic() + 30  # a busy machine (CI's -n 2) is slow to hand the stalled ones over
            while (answer := upload(greedy)).status_code != 429 and time.monotonic() < deadline:
                time.sleep(0.05)  # the stalled uploads have not reached the route yet
            assert answer.status_code == 429
            assert answer.json() == {"error": "you have 2 uploads in progress already; wait for one to finish"}
            assert answer.headers["retry-after"] == "1"
            assert upload(other).status_code == 201
        live.wait_idle(timeout_s=30)
        assert upload(greedy).status_code == 201
