"""The one error registration: every refusal answered as ``{"error": detail}``, or as a service's page renders it."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from app.errors import ApiError, ErrorPage, add_error_handlers
from app.storage.base import StorageUnavailable


def _app(page: ErrorPage | None = None) -> FastAPI:
    app = FastAPI()
    add_error_handlers(app, page)

    @app.get("/refused")
    async def refused() -> None:
        raise ApiError(409, "already done", {"X-Why": "twice"}, reason="internal 10.0.0.7 said so")

    @app.get("/storage")
    async def storage() -> None:
        raise StorageUnavailable("http://10.0.0.7:8333 refused the connection")

    @app.get("/number/{value}")
    async def number(value: int) -> int:
        return value

    return app


def test_refusals_are_json_with_status_and_headers(caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(_app()) as client, caplog.at_level(logging.WARNING, logger="app.errors"):
        refused = client.get("/refused")
        storage = client.get("/storage")
        invalid = client.get("/number/seven")
        missing = client.get("/nowhere")
    assert (refused.status_code, refused.json(), refused.headers["X-Why"]) == (409, {"error": "already done"}, "twice")
    assert (storage.status_code, storage.headers["Retry-After"]) == (503, "5")
    assert "10.0.0.7" not in storage.text and "10.0.0.7" in caplog.text  # the reason is the operator's only
    assert invalid.status_code == 422 and invalid.json()["error"].startswith("path.value:")
    assert (missing.status_code, missing.json()) == (404, {"error": "Not Found"})


def test_a_page_renderer_gets_every_refusal_as_api_error() -> None:
    seen: list[ApiError] = []

    def page(_: Request, error: ApiError) -> Response:
        seen.append(error)
        return PlainTextResponse(f"page: {error.detail}", status_code=error.status_code, headers=error.headers)

    with TestClient(_app(page)) as client:
        refused = client.get("/refused")
        answers = [client.get(path).status_code for path in ("/storage", "/number/seven", "/nowhere")]
    assert (refused.text, refused.headers["X-Why"]) == ("page: already done", "twice")
    assert answers == [503, 422, 404]
    assert [error.status_code for error in seen] == [409, 503, 422, 404]
