"""The monitoring pages admins browse: recent requests, the publication history and the services' own log lines,
across replicas.

They read the runtime's ``/v2/monitoring/*`` with the admin's own token, like every page here reads a platform API:
the runtime checks the admin group again and owns the store (``RECEIPT_MONITORING_STORE``), so the web app needs no
Redis credentials of its own for it and cannot show more than the API would. One exception, stated on the page: with
no shared store, the web app's own log lines are in this process's memory, which no runtime can read.
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.common.activity import QUERY_MAX, SERVICES, level_rank
from app.web.clients import ServiceError
from app.web.session import Login
from app.web.state import Admin, AdminsOnly, SignInRequired, render, web_state

router = APIRouter(prefix="/monitoring", tags=["monitoring"])

LIMITS = (50, 100, 200, QUERY_MAX)
STATUSES = ("error", "200", "4xx", "5xx")
LEVELS = ("info", "warning", "error")
VIEWS = ("requests", "publications", "logs")


def _limit(request: Request) -> int:
    """The page size asked for, rounded up to one the page offers (a tampered URL gets the largest, not an error)."""
    text = request.query_params.get("limit", "")
    wanted = int(text) if text.isascii() and text.isdigit() else LIMITS[0]
    return next((limit for limit in LIMITS if limit >= wanted), LIMITS[-1])


def _query(request: Request, names: tuple[str, ...]) -> dict[str, str]:
    """The filters a person set (empty form fields are 'any'), passed to the runtime as they are: it says what is
    wrong with one, and the page shows its words."""
    return {name: value for name in names if (value := request.query_params.get(name, "").strip())}


def _ask(login: Login, request: Request, listing: str, params: dict[str, str]) -> tuple[dict[str, Any], str | None]:
    """The runtime's answer, or an empty one and what went wrong; a 401 signs in again, a 403 is the admins page."""
    try:
        return web_state(request).runtime.monitoring(login.access_token, listing, params), None
    except ServiceError as error:
        if error.kind == "signed_out":
            raise SignInRequired from error
        if error.status == 403:
            raise AdminsOnly(login) from error
        return {}, f"{error.kind}: {error.detail}"


def _page(request: Request, view: str, context: dict[str, Any]) -> HTMLResponse:
    return render(request, "monitoring.html", {"view": view, "views": VIEWS, **context}, block="listing")


@router.get("", response_class=HTMLResponse)
def requests(request: Request, login: Admin) -> HTMLResponse:
    """Recent requests of every replica, newest first: filter by status and user, a page size, the payloads."""
    limit = _limit(request)
    filters = _query(request, ("status", "user"))
    answer, problem = _ask(login, request, "requests", {**filters, "limit": str(limit)})
    entries = answer.get("requests", [])
    for entry in entries:
        if "payload" in entry:
            entry["payload_text"] = json.dumps(entry["payload"], ensure_ascii=False, indent=2)
    more = next((size for size in LIMITS if size > limit), None) if len(entries) >= limit else None
    context = {
        "entries": entries, "source": answer.get("source"), "problem": problem, "filters": filters, "limit": limit,
        "limits": LIMITS, "statuses": STATUSES, "more": more,
        "replicas": sorted({str(entry.get("replica")) for entry in entries}),
    }  # fmt: skip
    return _page(request, "requests", context)


@router.get("/publications", response_class=HTMLResponse)
def publications(request: Request, login: Admin) -> HTMLResponse:
    """Each version's history: loaded (with its image's git tag), switched to, rolled back to, unloaded."""
    answer, problem = _ask(login, request, "publications", {"limit": str(QUERY_MAX)})
    context = {"events": answer.get("events", []), "source": answer.get("source"), "problem": problem}
    return _page(request, "publications", context)


@router.get("/logs", response_class=HTMLResponse)
def logs(request: Request, login: Admin) -> HTMLResponse:
    """A service's own recent log lines (not the per-request ones), from a level up."""
    limit = _limit(request)
    service = request.query_params.get("service", "runtime")
    level = request.query_params.get("level", "info")
    answer, problem = _ask(login, request, "logs", {"service": service, "level": level, "limit": str(limit)})
    lines, source, own = answer.get("lines", []), answer.get("source"), False
    if source == "process" and service == "web":  # this app's memory: the one ring no runtime can read
        state = web_state(request)
        kept = state.activity.recent("logs:web", state.activity.keep)
        lines = [line for line in kept if level_rank(line.get("level")) >= level_rank(level)]
        lines, own = lines[:limit], True
    context = {
        "lines": lines, "source": source, "problem": problem, "service": service, "services": SERVICES,
        "level": level, "levels": LEVELS, "limit": limit, "limits": LIMITS, "own": own,
    }  # fmt: skip
    return _page(request, "logs", context)
