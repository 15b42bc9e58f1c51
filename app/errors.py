"""One error type for what the services refuse, and one function that registers how every refusal is answered.

Every refusal is ``ApiError`` (or a subclass: auth, request, repository, file service): an HTTP status, a stable
``detail`` that clients and tests may match, and the headers the status needs. The answer is always
``{"error": detail}``, the shape the OpenAPI documents declare. What only an operator should read (internal
addresses, the storage server's words) goes in ``reason``: logged, never sent. Borrowed from MLServer's
``errors.py`` (``MLServerError`` with ``status_code``) and ``rest/errors.py`` (handlers registered in one place).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.storage.base import StorageError, StorageUnavailable

LOG = logging.getLogger(__name__)


class ApiError(Exception):
    """A request a service refuses, already shaped as its answer."""

    def __init__(
        self, status_code: int, detail: str, headers: Mapping[str, str] | None = None, *, reason: str | None = None
    ) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.reason = reason
        """Why, for the operator's log only (may name internal addresses); None when ``detail`` says it all."""
        self._headers = dict(headers or {})

    @property
    def headers(self) -> dict[str, str]:
        return self._headers


def error_response(error: ApiError) -> JSONResponse:
    """The answer to ``error``; its ``reason`` (if any) goes to the log."""
    if error.reason is not None:
        LOG.warning("answered %d (%s): %s", error.status_code, error.detail, error.reason)
    return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers or None)


def storage_error(error: StorageError) -> ApiError:
    """A storage failure as the client may see it: retry later, without the storage server's address or words."""
    if isinstance(error, StorageUnavailable):
        return ApiError(
            503, "object storage is unreachable; try again shortly", {"Retry-After": "5"}, reason=str(error)
        )
    return ApiError(502, "object storage failed; the service's log says why", reason=str(error))


async def _api_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error)


async def _storage_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StorageError)
    return error_response(storage_error(error))


async def _invalid_request(_: Request, error: Exception) -> JSONResponse:
    """A path, query or body value FastAPI's validation refused: the first problem, with where it is."""
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return error_response(ApiError(422, f"{where}: {first['msg']}"))


async def _http_exception(_: Request, error: Exception) -> JSONResponse:
    """Starlette's own refusals (no such route, method not allowed) in the same shape as ours."""
    assert isinstance(error, HTTPException)
    return error_response(ApiError(error.status_code, str(error.detail), error.headers))


def add_error_handlers(app: FastAPI) -> None:
    """Answer every refusal of ``app`` as ``{"error": detail}`` with its status and headers."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StorageError, _storage_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_exception)
