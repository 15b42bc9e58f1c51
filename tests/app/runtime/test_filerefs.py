"""FILE inputs by file-service id: read as the caller from the module's storage, checked like uploaded bytes."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from PIL import Image
from runtime_kit import ECHO_GROUP, limits
from seaweed import free_ports

from app.auth import Principal
from app.files.service import FileService
from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.settings import Settings
from app.storage import LocalStorage

BUCKET = "receipts-test"
SIGNING_SECRET = "test-signing-secret"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _owner(subject: str) -> Principal:
    return Principal(subject, None, None, frozenset(), frozenset(), "end-users")


def _runtime(idp: TestIdentityProvider, settings: Settings, **limit_overrides: Any) -> TestClient:
    config = RuntimeConfig(
        entrypoint="digest_module",
        models=[ModelDeclaration("digest", "default", (ECHO_GROUP,))],
        limits=limits(**limit_overrides),
        allowed_clients=("end-users",),
        bucket=BUCKET,
    )
    return TestClient(create_app(settings, config))


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture
def settings(idp: TestIdentityProvider, tmp_path: Path) -> Settings:
    return Settings(
        issuer_url=idp.issuer, manifests_dir=".", storage_dir=tmp_path, storage_signing_secret=SIGNING_SECRET
    )


@pytest.fixture
def files(tmp_path: Path) -> FileService:
    """The file service's rules over the same folder the runtime reads: an upload as the file API would store it."""
    storage = LocalStorage(tmp_path, BUCKET, SIGNING_SECRET)
    return FileService(storage, uploads_prefix="uploads/", max_bytes=2**20, url_expiry=timedelta(minutes=1))


@pytest.fixture
def digest(idp: TestIdentityProvider, settings: Settings) -> Iterator[TestClient]:
    with _runtime(idp, settings) as client:
        yield client


def _infer(client: TestClient, token: str, *file_ids: str) -> Any:
    tensor = {"name": "image", "datatype": "BYTES", "shape": [len(file_ids)], "data": list(file_ids)}
    body = {"inputs": [{**tensor, "parameters": {"content_type": "file_id"}}]}
    return client.post("/v2/models/digest/infer", json=body, headers={"Authorization": f"Bearer {token}"})


def _token(idp: TestIdentityProvider, subject: str) -> str:
    return idp.mint(sub=subject, groups=[ECHO_GROUP])


def test_infer_reads_the_callers_uploads_by_id(
    digest: TestClient, files: FileService, idp: TestIdentityProvider
) -> None:
    red, blue = _png("red"), _png("blue")
    first = files.upload(_owner("alice-id"), io.BytesIO(red), "red.png")
    second = files.upload(_owner("alice-id"), io.BytesIO(blue), "blue.png")

    response = _infer(digest, _token(idp, "alice-id"), first.id, second.id)

    assert response.status_code == 200, response.text
    output = response.json()["outputs"][0]
    assert output["data"] == [hashlib.sha256(red).hexdigest(), hashlib.sha256(blue).hexdigest()]


def test_infer_does_not_find_another_users_upload(
    digest: TestClient, files: FileService, idp: TestIdentityProvider
) -> None:
    alices = files.upload(_owner("alice-id"), io.BytesIO(_png()), "mine.png")

    response = _infer(digest, _token(idp, "bob-id"), alices.id)

    assert response.status_code == 400
    assert response.json() == {
        "error": f"inputs.image[0]: no file {alices.id!r} among your uploads in the file service"
    }


@pytest.mark.parametrize("file_id", ["0" * 32, "../alice-id/" + "0" * 32, "not-an-id"])
def test_infer_refuses_ids_that_name_no_upload(digest: TestClient, idp: TestIdentityProvider, file_id: str) -> None:
    response = _infer(digest, _token(idp, "alice-id"), file_id)

    assert response.status_code == 400
    assert "among your uploads" in response.json()["error"]


def test_infer_refuses_a_non_string_file_id(digest: TestClient, idp: TestIdentityProvider) -> None:
    body = {"inputs": [{"name": "image", "datatype": "BYTES", "shape": [1], "data": [42],
                        "parameters": {"content_type": "file_id"}}]}  # fmt: skip
    headers = {"Authorization": f"Bearer {_token(idp, 'alice-id')}"}

    response = digest.post("/v2/models/digest/infer", json=body, headers=headers)

    assert response.status_code == 400
    assert response.json()["error"].startswith("inputs.image[0] must be the id the file service gave the file")


def test_infer_checks_a_referenced_files_type_like_an_upload(
    digest: TestClient, files: FileService, idp: TestIdentityProvider
) -> None:
    pdf = files.upload(_owner("alice-id"), io.BytesIO(PDF), "scan.pdf")

    response = _infer(digest, _token(idp, "alice-id"), pdf.id)

    assert response.status_code == 415
    assert response.json()["error"] == "inputs.image[0] is application/pdf; accepted: image/png, image/jpeg"


def test_infer_refuses_a_referenced_file_over_the_request_limit(
    idp: TestIdentityProvider, settings: Settings, files: FileService
) -> None:
    big = Image.effect_noise((200, 200), 64).convert("RGB")
    buffer = io.BytesIO()
    big.save(buffer, format="PNG")
    stored = files.upload(_owner("alice-id"), io.BytesIO(buffer.getvalue()), "noise.png")

    with _runtime(idp, settings, maxRequestBytes=stored.size - 1) as client:
        response = _infer(client, _token(idp, "alice-id"), stored.id)

    assert response.status_code == 413
    assert f"the file is {stored.size} bytes" in response.json()["error"]


def test_infer_answers_503_when_storage_is_unreachable(idp: TestIdentityProvider, tmp_path: Path) -> None:
    (port,) = free_ports(1)
    settings = Settings(issuer_url=idp.issuer, manifests_dir=".", storage_backend="s3", s3_endpoint=f"127.0.0.1:{port}")
    with _runtime(idp, settings) as client:
        response = _infer(client, _token(idp, "alice-id"), "0" * 32)

    assert response.status_code == 503
    assert response.json()["error"].startswith("object storage is unreachable")
    assert response.headers["Retry-After"] == "5"


def test_runtime_without_storage_says_file_ids_are_not_available(idp: TestIdentityProvider, settings: Settings) -> None:
    config = RuntimeConfig(
        entrypoint="digest_module",
        models=[ModelDeclaration("digest", "default", (ECHO_GROUP,))],
        limits=limits(),
        allowed_clients=("end-users",),
    )
    with TestClient(create_app(settings, config)) as client:
        response = _infer(client, _token(idp, "alice-id"), "0" * 32)

    assert response.status_code == 400
    assert "no file service" in response.json()["error"]
