"""The file service's OpenAPI document: every route, with every answer it can give, and how to authenticate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auth_fixtures import TESSERACT_GROUP, TestIdentityProvider
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from files_kit import files_app, files_settings
from live_uvicorn import live_uvicorn
from schemathesis_cli import run_schemathesis

from app.common.docs import BEARER_SCHEME, REALM_SCHEME
from app.files.api import router
from app.files.service import ALLOWED_TYPES

ERROR = {"$ref": "#/components/schemas/ErrorBody"}
EXPECTED = {
    ("post", "/files"): {"201", "400", "401", "403", "408", "413", "415", "422", "429", "502", "503"},
    ("get", "/files"): {"200", "400", "401", "403", "422", "502", "503"},
    ("get", "/files/{file_id}"): {"200", "401", "403", "404", "422", "502", "503"},
    ("get", "/files/{file_id}/content"): {"200", "206", "401", "403", "404", "416", "422", "502", "503"},
    ("delete", "/files/{file_id}"): {"204", "401", "403", "404", "422", "502", "503"},
    ("get", "/files/{file_id}/url"): {"200", "401", "403", "404", "422", "502", "503"},
    ("get", "/files/signed"): {"200", "206", "403", "404", "416", "422", "502", "503"},
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestIdentityProvider() as idp:
        app = files_app(files_settings(idp, "local", tmp_path_factory.mktemp("storage")))
        with TestClient(app) as client:
            yield client


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    found: dict[str, Any] = answer.json()
    return found


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(method, path): op for path, item in document["paths"].items() for method, op in item.items()}


def test_document_lists_every_route(document: dict[str, Any]) -> None:
    routes = {
        (method.lower(), route.path)
        for route in router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods
    }
    assert set(operations(document)) == routes == set(EXPECTED)


@pytest.mark.parametrize(("method", "path"), list(EXPECTED))
def test_each_route_documents_its_answers(document: dict[str, Any], method: str, path: str) -> None:
    operation = operations(document)[(method, path)]
    assert set(operation["responses"]) == EXPECTED[(method, path)]
    assert operation["description"]
    for status, response in operation["responses"].items():
        if int(status) >= 400:
            assert response["content"]["application/json"]["schema"] == ERROR, status


@pytest.mark.parametrize(("method", "path"), [key for key in EXPECTED if key[1] != "/files/signed"])
def test_token_routes_declare_bearer_security(document: dict[str, Any], method: str, path: str) -> None:
    assert operations(document)[(method, path)]["security"] == [{BEARER_SCHEME: []}, {REALM_SCHEME: []}]
    scheme = document["components"]["securitySchemes"][BEARER_SCHEME]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")


def test_realm_login_scheme_names_the_issuers_endpoints(client: TestClient, document: dict[str, Any]) -> None:
    issuer = client.app.state.files.verifier.issuer  # type: ignore[attr-defined]
    flow = document["components"]["securitySchemes"][REALM_SCHEME]["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == f"{issuer}/protocol/openid-connect/auth"
    assert flow["tokenUrl"] == f"{issuer}/protocol/openid-connect/token"


def test_signed_link_route_needs_no_token(document: dict[str, Any]) -> None:
    assert "security" not in operations(document)[("get", "/files/signed")]


def test_upload_documents_multipart_body(document: dict[str, Any]) -> None:
    body = operations(document)[("post", "/files")]["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert body["required"] is True
    assert (schema["required"], schema["properties"]["file"]["format"]) == (["file"], "binary")


def test_downloads_document_binary_bodies_of_the_types_an_upload_may_have(document: dict[str, Any]) -> None:
    for key in [("get", "/files/{file_id}/content"), ("get", "/files/signed")]:
        responses = operations(document)[key]["responses"]
        for status in ("200", "206"):
            content = responses[status]["content"]
            assert set(content) == set(ALLOWED_TYPES), (key, status)
            assert {body["schema"]["format"] for body in content.values()} == {"binary"}


def test_docs_page_points_at_document(client: TestClient) -> None:
    answer = client.get("/docs")
    assert answer.status_code == 200
    assert "/openapi.json" in answer.text


def test_openapi_document_is_stable(client: TestClient, document: dict[str, Any]) -> None:
    assert client.get("/openapi.json").json() == document


def test_options_names_the_methods_of_the_path(client: TestClient) -> None:
    """Not a CORS preflight (no Origin): 204 with Allow as the document lists the path's methods, not a 405."""
    allowed = {"/files": "GET, POST, OPTIONS", "/files/abc": "DELETE, GET, OPTIONS", "/files/signed": "GET, OPTIONS"}
    for path, methods in allowed.items():
        answer = client.options(path)
        assert (answer.status_code, answer.headers.get("allow")) == (204, methods), path
    assert client.options("/nowhere").status_code == 404


def test_schemathesis_command_with_every_check_finds_nothing(tmp_path: Path) -> None:
    """What an outside audit runs: the CLI with --checks all, stateful links included (upload, then read)."""
    with TestIdentityProvider() as idp:
        app = files_app(files_settings(idp, "local", tmp_path))
        with live_uvicorn(app) as live:
            result = run_schemathesis(live.url, idp.mint(groups=[TESSERACT_GROUP], lifetime_s=3600))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
