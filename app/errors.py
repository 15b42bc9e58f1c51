"""One error type for what the services refuse, and one function that registers how every refusal is answered.

Every refusal is ``ApiError`` (or a subclass: auth, request, repository, file service): an HTTP status, a stable
``detail`` that clients and tests may match, and the headers the status needs. The APIs answer
``{"error": detail}``, the shape their OpenAPI documents declare; the web app registers the same handlers with a page
renderer, so a person sees the refusal as a page in their language. What only an operator should read (internal
addresses, the storage server's words) goes in ``reason``: logged, never sent. Borrowed from MLServer's
``errors.py`` (``MLServerError`` with ``status_code``) and ``rest/errors.py`` (handlers registered in one place).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping

from fastapi import FastAPI, Request, Response
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
    log_reason(error)
    return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers or None)


def log_reason(error: ApiError) -> None:
    """What only the operator may read about ``error``, logged with the status it was answered."""
    if error.reason is not None:
        LOG.warning("answered %d (%s): %s", error.status_code, error.detail, error.reason)


def storage_error(error: StorageError) -> ApiError:
    """A storage failure as the client may see it: retry later, without the storage server's address or words."""
    if isinstance(error, StorageUnavailable):
        return ApiError(
            503, "object storage is unreachable; try again shortly", {"Retry-After": "5"}, reason=str(error)
        )
    return ApiError(502, "object storage failed; the service's log says why", reason=str(error))


def busy_refusal(error: BaseException) -> ApiError | None:
    """A "not now" from a module or a library a service calls, as 503 with ``Retry-After``; None for anything else.

    The module never imports the platform, so the sign is an attribute: an exception carrying ``retry_after_s``
    (seconds) says the work could not be done now but may be later, as the receipt module's decoding says when the
    machine was too busy to run it (``model.documents.MachineBusyError``). Its message is the answer's."""
    seconds = getattr(error, "retry_after_s", None)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds >= 0:
        return None
    return ApiError(503, str(error) or "busy; try again shortly", {"Retry-After": str(max(1, math.ceil(seconds)))})


def refusal_of(error: Exception) -> ApiError:
    """Any exception the handlers receive as the ``ApiError`` it amounts to."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, StorageError):
        return storage_error(error)
    if isinstance(error, RequestValidationError):  # the first problem FastAPI's validation found, with where it is
        first = error.errors()[0]
        return ApiError(422, f"{'.'.join(str(part) for part in first['loc'])}: {first['msg']}")
    assert isinstance(error, HTTPException)  # Starlette's own refusals: no such route, method not allowed
    return ApiError(error.status_code, str(error.detail), error.headers)


ErrorPage = Callable[[Request, ApiError], Response]
"""How a service that answers people (the web app) shows a refusal instead of ``{"error": detail}``."""


def add_error_handlers(app: FastAPI, page: ErrorPage | None = None) -> None:
    """Answer every refusal of ``app`` with its status and headers: ``{"error": detail}``, or ``page``'s rendering."""

    async def answer(request: Request, error: Exception) -> Response:
        refusal = refusal_of(error)
        if page is None:
            return error_response(refusal)
        log_reason(refusal)
        return page(request, refusal)

    for kind in (ApiError, StorageError, RequestValidationError, HTTPException):
        app.add_exception_handler(kind, answer)
