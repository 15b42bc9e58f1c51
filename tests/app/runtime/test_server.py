"""The runtime over HTTP: Open Inference Protocol routes, auth per model group, errors, limits, stats, metrics, CORS."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from auth_fixtures import QWEN_GROUP, TestIdentityProvider
from fastapi.testclient import TestClient
from manifests_kit import CORS, ORIGIN
from runtime_kit import ECHO_GROUP

from app.runtime.server import _fast_infer_path


def _auth(idp: TestIdentityProvider, *groups: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=list(groups))}"}


def _echo_request(**extra: Any) -> dict[str, Any]:
    return {
        "inputs": [
            {"name": "text", "datatype": "BYTES", "shape": [2], "data": ["ab", "cde"]},
            {"name": "scale", "datatype": "FP64", "shape": [2], "data": [1.0, 2.0]},
        ],
        **extra,
    }


def test_health_metrics_and_server_metadata_are_open(echo: TestClient) -> None:
    assert echo.get("/v2/health/live").json() == {"live": True}
    ready = echo.get("/v2/health/ready")
    assert ready.status_code == 200 and ready.json()["models"]["echo"] == {"ready": True, "error": None}
    server = echo.get("/v2").json()
    assert server["name"] == "module-runtime" and "openapi" in server["extensions"]
    assert "module_runtime_model_load_seconds" in echo.get("/metrics").text


@pytest.mark.parametrize("path", ["/v2/models/echo", "/v2/models/echo/ready", "/v2/models/echo/stats"])
def test_model_routes_need_a_token_of_the_models_group(echo: TestClient, idp: TestIdentityProvider, path: str) -> None:
    anonymous = echo.get(path)
    assert anonymous.status_code == 401
    assert anonymous.json() == {"error": "missing bearer token"}
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert echo.get(path, headers={"Authorization": "Bearer not-a-jwt"}).status_code == 401
    outsider = echo.get(path, headers=_auth(idp, QWEN_GROUP))
    assert (outsider.status_code, outsider.json()) == (403, {"error": "not in an allowed group"})
    assert echo.get(path, headers=_auth(idp, ECHO_GROUP)).status_code == 200


def test_model_metadata_comes_from_the_docstring(echo: TestClient, idp: TestIdentityProvider) -> None:
    metadata = echo.get("/v2/models/echo", headers=_auth(idp, ECHO_GROUP)).json()
    assert metadata["name"] == "echo"
    assert [(t["name"], t["datatype"]) for t in metadata["inputs"]] == [("text", "BYTES"), ("scale", "FP64")]
    assert [t["name"] for t in metadata["outputs"]] == ["result", "length"]
    version = metadata["versions"][0]
    versioned = echo.get(f"/v2/models/echo/versions/{version}", headers=_auth(idp, ECHO_GROUP))
    assert versioned.json() == metadata


def test_infer_runs_the_module_and_echoes_the_request_id(echo: TestClient, idp: TestIdentityProvider) -> None:
    body = _echo_request(id="req-42", parameters={"repeat": 2}, outputs=[{"name": "length"}])
    response = echo.post("/v2/models/echo/infer", json=body, headers=_auth(idp, ECHO_GROUP))
    assert response.status_code == 200, response.text
    payload = response.json()
    assert payload["id"] == "req-42" and response.headers["X-Request-ID"] == "req-42"
    assert payload["model_name"] == "echo"
    assert payload["outputs"] == [{"name": "length", "datatype": "INT64", "shape": [2], "data": [5, 14]}]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"inputs": "x"}, 400, "must be a JSON object with an 'inputs' list"),
        ({"inputs": [{"name": "text", "data": ["a"]}]}, 400, "inputs.scale is missing"),
        ({"inputs": [{"name": "image", "data": ["a"]}]}, 400, "'image' is not an input of this model"),
        (_echo_request(parameters={"repeat": "two"}), 400, "parameters.repeat must be a 64-bit integer"),
        (_echo_request(parameters={"speed": 1}), 400, "parameters.speed is not a parameter of this model"),
        (_echo_request(outputs=[{"name": "summary"}]), 400, "'summary' is not an output of this model"),
        (_echo_request(parameters={"repeat": 0}), 400, "parameters.repeat must be from 1 to 1000"),  # the module's own
    ],
)
def test_infer_refuses_bad_requests_with_the_reason(
    echo: TestClient, idp: TestIdentityProvider, body: dict[str, Any], status: int, message: str
) -> None:
    response = echo.post("/v2/models/echo/infer", json=body, headers=_auth(idp, ECHO_GROUP))
    assert response.status_code == status
    assert message in response.json()["error"]


def test_infer_file_of_a_module_without_files_takes_a_plain_form(echo: TestClient, idp: TestIdentityProvider) -> None:
    """The echo module declares no FILE input: an HTML form's url-encoded fields are enough; other bodies are 415."""
    fields = {"text": "ab", "scale": "2"}
    plain = echo.post("/v2/models/echo/infer-file", data=fields, headers=_auth(idp, ECHO_GROUP))
    multipart = echo.post(
        "/v2/models/echo/infer-file", files={name: (None, value) for name, value in fields.items()},
        headers=_auth(idp, ECHO_GROUP),
    )  # fmt: skip
    assert plain.status_code == 200, plain.text
    assert plain.json() == multipart.json()
    other = echo.post("/v2/models/echo/infer-file", content=b"text=ab", headers=_auth(idp, ECHO_GROUP))
    assert other.status_code == 415 and "application/x-www-form-urlencoded" in other.json()["error"]


def test_infer_refuses_invalid_json_and_unknown_models(echo: TestClient, idp: TestIdentityProvider) -> None:
    headers = _auth(idp, ECHO_GROUP)
    broken = echo.post("/v2/models/echo/infer", content=b"{not json", headers=headers)
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["error"]
    assert echo.post("/v2/models/nope/infer", json=_echo_request(), headers=headers).status_code == 404
    wrong_version = echo.post("/v2/models/echo/versions/v0.0.0-nope/infer", json=_echo_request(), headers=headers)
    assert wrong_version.status_code == 404 and "has no version" in wrong_version.json()["error"]


def test_infer_refuses_bodies_over_the_limit(idp: TestIdentityProvider) -> None:
    from runtime_kit import runtime

    from app.runtime.registry import ModelDeclaration

    app = runtime(idp, "echo_module", [ModelDeclaration("echo", "default", (ECHO_GROUP,))], maxRequestBytes=200)
    with TestClient(app) as client:
        body = _echo_request()
        body["inputs"][0]["data"] = ["x" * 500]
        response = client.post("/v2/models/echo/infer", json=body, headers=_auth(idp, ECHO_GROUP))
    assert response.status_code == 413
    assert "the limit is 200" in response.json()["error"]


def test_stats_and_metrics_count_the_calls(echo: TestClient, idp: TestIdentityProvider) -> None:
    headers = _auth(idp, ECHO_GROUP)
    for _ in range(3):
        assert echo.post("/v2/models/echo/infer", json=_echo_request(), headers=headers).status_code == 200
    echo.post("/v2/models/echo/infer", json=_echo_request(parameters={"repeat": 0}), headers=headers)
    stats = echo.get("/v2/models/echo/stats", headers=headers).json()
    minute = stats["windows"]["1m"]
    assert minute["calls"] >= 4 and minute["errors"] >= 1
    assert minute["p50_ms"] is not None and minute["p99_ms"] >= minute["p50_ms"]
    assert [v["version"] for v in stats["versions"]] == [stats["model_version"]]
    metrics = echo.get("/metrics").text
    version = stats["model_version"]
    assert f'module_runtime_requests_total{{model_name="echo",model_version="{version}",status="200"}}' in metrics
    assert f'module_runtime_requests_total{{model_name="echo",model_version="{version}",status="400"}}' in metrics
    assert "module_runtime_inference_duration_seconds_bucket" in metrics


def test_cors_follows_the_api_manifest(echo: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    allowed = echo.options("/v2/models/echo/infer", headers={"Origin": ORIGIN, **preflight})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ORIGIN
    refused = echo.options("/v2/models/echo/infer", headers={"Origin": "http://evil.example", **preflight})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers


def test_preflight_answers_the_manifests_methods_headers_and_max_age(echo: TestClient) -> None:
    def preflight(method: str, headers: str) -> httpx.Response:
        asked = {"Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers}
        return echo.options("/v2/models/echo/infer", headers={"Origin": ORIGIN, **asked})

    allowed = preflight("POST", "authorization, x-request-id")
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-methods"].split(", ") == CORS["allowMethods"]
    assert allowed.headers["access-control-max-age"] == str(CORS["maxAge"])
    assert preflight("PUT", "authorization").status_code == 400
    assert preflight("POST", "x-not-declared").status_code == 400


@pytest.mark.parametrize(
    ("path", "body", "authorized"),
    [
        ("/v2/models/echo/infer", _echo_request(id="same-1"), True),
        ("/v2/models/echo/infer", _echo_request(id="same-2"), False),
        ("/v2/models/echo/infer", {"inputs": "x", "id": "same-3"}, True),
        ("/v2/models/nope/infer", _echo_request(id="same-4"), True),
        ("/v2/models/echo/versions/v0.0.0-nope/infer", _echo_request(id="same-5"), True),
    ],
)
def test_infer_answers_alike_on_the_fast_path_and_through_cors(
    echo: TestClient, idp: TestIdentityProvider, path: str, body: dict[str, Any], authorized: bool
) -> None:
    headers = {"X-Request-ID": body["id"], **(_auth(idp, ECHO_GROUP) if authorized else {})}
    fast = echo.post(path, json=body, headers=headers)
    cross_origin = echo.post(path, json=body, headers={"Origin": ORIGIN, **headers})
    assert (fast.status_code, fast.json()) == (cross_origin.status_code, cross_origin.json())
    for header in ("X-Request-ID", "WWW-Authenticate", "Content-Type"):
        assert fast.headers.get(header) == cross_origin.headers.get(header)
    assert "access-control-allow-origin" not in fast.headers
    assert cross_origin.headers["access-control-allow-origin"] == ORIGIN


@pytest.mark.parametrize(
    ("method", "path", "headers", "root_path", "expected"),
    [
        ("POST", "/v2/models/echo/infer", [], "", ("echo", None)),
        ("POST", "/v2/models/echo/versions/v1.2/infer", [(b"x-request-id", b"1")], "", ("echo", "v1.2")),
        ("POST", "/v2/models/echo/infer", [(b"origin", ORIGIN.encode())], "", None),
        ("POST", "/v2/models/echo/infer", [], "/prefix", None),
        ("POST", "/v2/models/echo/infer/", [], "", None),
        ("POST", "/v2/models/echo/infer-file", [], "", None),
        ("POST", "/v2/models/a/b/infer", [], "", None),
        ("GET", "/v2/models/echo/infer", [], "", None),
        ("POST", "/v2/repository/models/echo/load", [], "", None),
    ],
)
def test_fast_path_takes_only_plain_json_infer_requests(
    method: str, path: str, headers: list[tuple[bytes, bytes]], root_path: str, expected: tuple[str, str] | None
) -> None:
    scope = {"type": "http", "method": method, "path": path, "headers": headers, "root_path": root_path}
    match = _fast_infer_path(scope)
    assert (match and (match["name"], match["version"])) == expected


def test_every_request_gets_one_json_log_line(
    echo: TestClient, idp: TestIdentityProvider, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="receipt.access"):
        echo.post("/v2/models/echo/infer", json=_echo_request(id="log-1"), headers=_auth(idp, ECHO_GROUP))
        echo.post("/v2/models/echo/infer", json=_echo_request(id="log-2"))
        echo.post("/v2/models/echo/infer", json=_echo_request(id="log-3"), headers=_auth(idp, "/other-group"))
    lines = [json.loads(record.getMessage()) for record in caplog.records if record.name == "receipt.access"]
    assert [(line["request_id"], line["status"], line["user"], line.get("refused")) for line in lines] == [
        ("log-1", 200, "alice", None),
        (lines[1]["request_id"], 401, "anonymous", "missing bearer token"),
        (lines[2]["request_id"], 403, "alice", "not in an allowed group"),
    ]
    assert lines[0]["model"] == "echo" and lines[0]["input_bytes"]["text"] > 0 and "payload" not in lines[0]


def test_docs_and_openapi_are_served_without_a_token(echo: TestClient) -> None:
    document = echo.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert "/v2/models/echo/infer" in document["paths"]
    docs = echo.get("/docs")
    assert docs.status_code == 200 and "swagger-ui" in docs.text.lower()


def test_openapi_offers_the_realm_sign_in_beside_the_bearer_token(echo: TestClient, idp: TestIdentityProvider) -> None:
    document = echo.get("/openapi.json").json()
    flow = document["components"]["securitySchemes"]["realmLogin"]["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == f"{idp.issuer}/protocol/openid-connect/auth"
    assert flow["tokenUrl"] == f"{idp.issuer}/protocol/openid-connect/token"
    infer = document["paths"]["/v2/models/echo/infer"]["post"]
    assert infer["security"] == [{"bearerAuth": []}, {"realmLogin": []}]
    assert "security" not in document["paths"]["/v2/health/live"]["get"]


def test_a_unicode_request_id_is_echoed_in_the_body_and_percent_encoded_in_the_header(
    echo: TestClient, idp: TestIdentityProvider
) -> None:
    response = echo.post("/v2/models/echo/infer", json=_echo_request(id="чек-1"), headers=_auth(idp, ECHO_GROUP))

    assert response.status_code == 200
    assert response.json()["id"] == "чек-1"
    assert response.headers["X-Request-ID"] == "%D1%87%D0%B5%D0%BA-1"
