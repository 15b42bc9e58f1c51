"""How the web app shows a refusal: the platform's one error registration (``app.errors``) with a page renderer.

The APIs answer ``{"error": detail}``; a person gets a page in their language instead (a fragment when htmx asked),
with the refusal's status and headers. Three refusals are not pages: a lapsed sign-in goes to the login (htmx is told
to navigate there, a fragment cannot show a login form), and a person in none of the groups, or outside the admin
groups on the monitoring pages, sees who to ask.
"""

from __future__ import annotations

from urllib.parse import quote, urlparse

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from app.errors import ApiError, add_error_handlers
from app.web.session import CsrfError
from app.web.state import AdminsOnly, NoAccess, SignInRequired, is_htmx, render

PAGE_KINDS = {404: "not_found", 405: "not_found", 413: "too_large", 422: "invalid", 503: "unavailable"}
"""The status → what error.html says; any other refusal is "failed", with its detail."""

BUSY_RETRY_AFTER_S = 5
"""When a person is asked to try again after a "busy" problem (the module API's own ``Retry-After`` for a decoding
the machine starved)."""


def problem_headers(kind: str) -> dict[str, str]:
    """The headers of a page or fragment that reports a problem of ``kind`` (a flow's own, as the receipt's and the
    generic page's problem boxes): a "busy" one is a 503 that says when to try again."""
    return {"Retry-After": str(BUSY_RETRY_AFTER_S)} if kind == "busy" else {}


def add_error_pages(app: FastAPI) -> None:
    """Every refusal of the web app, answered as a page."""
    add_error_handlers(app, error_page)


def error_page(request: Request, error: ApiError) -> Response:
    if isinstance(error, SignInRequired):
        return _to_sign_in(request)
    if isinstance(error, NoAccess):
        request.state.login = error.login
        groups = sorted({group for model in request.app.state.web.models for group in model.groups})
        return render(request, "no_access.html", {"groups": groups}, status_code=403)
    if isinstance(error, AdminsOnly):
        request.state.login = error.login
        return render(request, "admins_only.html", {"groups": request.app.state.web.admin_groups}, status_code=403)
    kind = "csrf" if isinstance(error, CsrfError) else PAGE_KINDS.get(error.status_code, "failed")
    context = {"kind": kind, "detail": error.detail}
    return render(request, "error.html", context, block="message", status_code=error.status_code, headers=error.headers)


def _to_sign_in(request: Request) -> Response:
    """Back to the page the person was on, query included, once signed in (a fragment's page is htmx's current URL)."""
    if is_htmx(request):
        here = request.headers.get("HX-Current-URL") or "/"
    else:
        here = str(request.url) if request.method == "GET" else "/"
    url = urlparse(here)
    path = (url.path or "/") + (f"?{url.query}" if url.query else "")
    target = "/auth/login?next=" + quote(path, safe="/")
    if is_htmx(request):
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
