"""The one error registration: every refusal answered as ``{"error": detail}``, or as a service's page renders it."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from app.errors import ApiError, ErrorPage, add_error_handlers, busy_refusal
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


class _NotNowError(Exception):
    def __init__(self, message: str, retry_after_s: object) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@pytest.mark.parametrize(
    ("error", "retry_after"),
    [
        (_NotNowError("the machine is too busy", 5), "5"),
        (_NotNowError("the machine is too busy", 0.2), "1"),  # whole seconds, at least one
        (_NotNowError("the machine is too busy", 2.5), "3"),
        (_NotNowError("not a number", "5"), None),
        (_NotNowError("not a number", True), None),
        (_NotNowError("negative", -1), None),
        (ValueError("no sign at all"), None),
    ],
)
def test_busy_refusal_is_a_503_only_for_an_exception_that_says_when_to_retry(
    error: Exception, retry_after: str | None
) -> None:
    refusal = busy_refusal(error)
    if retry_after is None:
        assert refusal is None
    else:
        assert refusal is not None and refusal.status_code == 503
        assert refusal.headers == {"Retry-After": retry_after} and refusal.detail == str(error)
