"""The web app's clients of the two platform APIs, against the live services: a photo stored through the file service
is read by the module API by its id (``content_type: file_id``), never sent a second time; and the keycloak-js
sample's config and Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from auth_fixtures import TESSERACT_GROUP, TestIdentityProvider
from fastapi.testclient import TestClient
from web_kit import MANIFESTS, web_token

from app.manifests import project_identity
from app.web.clients import FilesClient, RuntimeClient, ServiceError
from app.web.sample import realm_location


def test_the_runtime_reads_a_stored_photo_by_its_id(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, sample: Path
) -> None:
    token = web_token(realm, TESSERACT_GROUP)
    files, runtime = FilesClient(files_url), RuntimeClient(runtime_url)
    try:
        stored = files.upload(token, sample.name, sample.read_bytes(), "image/png")
        reading = runtime.infer(token, "tesseract-ocr", stored.id)
    finally:
        files.close()
        runtime.close()
    assert reading.details["recipient_inn"] == "3834964079"
    assert reading.checks["recipient_inn"]["status"] == "verified"
    assert set(reading.checks["recipient_inn"]["box"]) == {"page", "x", "y", "w", "h"}  # where it was read
    assert reading.quality is not None and reading.quality["retake"] is False


def test_another_persons_file_id_is_not_found_by_the_runtime(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, sample: Path
) -> None:
    files, runtime = FilesClient(files_url), RuntimeClient(runtime_url)
    try:
        stored = files.upload(web_token(realm, TESSERACT_GROUP), sample.name, sample.read_bytes(), "image/png")
        with pytest.raises(ServiceError) as refused:
            bob = realm.mint(azp="receipt-web", groups=[TESSERACT_GROUP], preferred_username="bob", sub="bob-id")
            runtime.infer(bob, "tesseract-ocr", stored.id)
    finally:
        files.close()
        runtime.close()
    assert (refused.value.status, refused.value.kind) == (400, "not_found")  # not "not an image": the id is unknown
    assert "among your uploads" in refused.value.detail


def test_keycloak_sample_config_and_policy(client: TestClient, realm: TestIdentityProvider) -> None:
    page = client.get("/keycloak-sample/")
    assert page.status_code == 200
    assert '<script type="module" src="sample.js">' in page.text
    policy = page.headers["content-security-policy"]
    config = client.get("/keycloak-sample/config.json").json()
    url, name = realm_location(realm.issuer)
    assert config | {"moduleApi": None, "fileApi": None} == {
        "url": url,
        "realm": name,
        "clientId": "end-users",
        "moduleApi": None,
        "fileApi": None,
        "model": "tesseract-ocr",
        "project": project_identity(MANIFESTS).display_name,
    }
    for api in (config["moduleApi"], config["fileApi"], url):
        assert api in policy.split("connect-src", 1)[1].split(";", 1)[0]
    assert "connect-src" not in client.get("/").headers["content-security-policy"]  # the app's own pages: 'self'


def test_realm_location_needs_a_keycloak_realm_url() -> None:
    assert realm_location("http://127.0.0.1:8080/realms/receipts/") == ("http://127.0.0.1:8080", "receipts")
    with pytest.raises(ValueError, match="realms"):
        realm_location("http://127.0.0.1:8080/oidc")


def test_runtime_says_which_models_it_serves(runtime_url: str) -> None:
    runtime, unreachable = RuntimeClient(runtime_url), RuntimeClient("http://127.0.0.1:9")
    try:
        assert runtime.served_models() == {"tesseract-ocr"}  # the manifests declare qwen too; this runtime skips it
        assert unreachable.served_models() is None
    finally:
        runtime.close()
        unreachable.close()


@pytest.mark.parametrize(
    ("status", "down", "kind"),
    [
        (503, "model_down", "busy"),  # the module API's "not now": come back after Retry-After
        (502, "model_down", "model_down"),
        (503, "storage_down", "storage_down"),
        (415, "model_down", "not_an_image"),
        (400, "model_down", "rejected"),
    ],
)
def test_a_refusal_is_told_by_its_status_and_service(status: int, down: str, kind: str) -> None:
    import httpx

    from app.web.clients import _refusal

    answer = httpx.Response(status, json={"error": "why"}, headers={"Retry-After": "5"} if status == 503 else {})
    refusal = _refusal(answer, down)  # type: ignore[arg-type]
    assert (refusal.kind, refusal.detail, refusal.status) == (kind, "why", status)
