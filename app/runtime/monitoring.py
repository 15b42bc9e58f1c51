"""The admin routes over ``app.common.activity``: the request log, the publication history and the services' own
log lines, with filters.

``GET /v2/monitoring/requests`` answers the newest requests (time, replica, user, model, version, status, latency,
and the redacted payload when ``RECEIPT_LOG_PAYLOADS`` is on), filtered by status (``500``, ``5xx`` or ``error``),
user and model; ``GET /v2/monitoring/publications`` answers what happened to each model's versions;
``GET /v2/monitoring/logs?service=web`` a service's recent log lines, from a level up. All are for the API
manifest's admin groups only, like the repository routes, and say which store they read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request

from app.common.activity import LOG_LEVELS, QUERY_MAX, SERVICES, ActivityStore, level_rank
from app.errors import ApiError

DEFAULT_LIMIT = 100
STATUS_FILTER = re.compile(r"[1-5]\d\d|[1-5]xx|error")
STATUS_HELP = "status must be an HTTP status (500), a class (5xx) or 'error' (anything but 200)"


def _limit(request: Request) -> int:
    text = request.query_params.get("limit", str(DEFAULT_LIMIT))
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= QUERY_MAX:
        raise ApiError(400, f"limit must be a whole number from 1 to {QUERY_MAX}, not {text[:40]!r}")
    return int(text)


def _status_matcher(text: str | None) -> Callable[[Any], bool]:
    if text is None:
        return lambda _: True
    if not STATUS_FILTER.fullmatch(text):
        raise ApiError(400, f"{STATUS_HELP}, not {text[:40]!r}")
    if text == "error":
        return lambda status: status != 200  # the one success status
    if text.endswith("xx"):
        return lambda status: isinstance(status, int) and status // 100 == int(text[0])
    return lambda status: status == int(text)


def _text_filter(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    if value is not None and not value:
        raise ApiError(400, f"{name} must not be empty; leave it out to see every {name}")
    return value


def query_requests(store: ActivityStore, request: Request) -> dict[str, Any]:
    limit = _limit(request)
    status = _status_matcher(request.query_params.get("status"))
    user, model = _text_filter(request, "user"), _text_filter(request, "model")
    filtered = any(request.query_params.get(name) is not None for name in ("status", "user", "model"))
    entries = store.recent("requests", store.keep if filtered else limit)
    chosen = [
        entry for entry in entries
        if status(entry.get("status")) and user in {None, entry.get("user")} and model in {None, entry.get("model")}
    ][:limit]  # fmt: skip
    return {"source": store.source, "kept": store.keep, "requests": chosen}


def query_publications(store: ActivityStore, request: Request) -> dict[str, Any]:
    limit = _limit(request)
    model = _text_filter(request, "model")
    entries = store.recent("publications", store.keep)
    chosen = [entry for entry in entries if model in {None, entry.get("model")}][:limit]
    return {"source": store.source, "kept": store.keep, "events": chosen}


def _choice(request: Request, name: str, choices: tuple[str, ...], default: str) -> str:
    value = request.query_params.get(name, default)
    if value not in choices:
        raise ApiError(400, f"{name} must be one of {', '.join(choices)}, not {value[:40]!r}")
    return value


def query_logs(store: ActivityStore, request: Request) -> dict[str, Any]:
    limit = _limit(request)
    service = _choice(request, "service", SERVICES, "runtime")
    level = LOG_LEVELS.index(_choice(request, "level", LOG_LEVELS, "info"))
    filtered = level > LOG_LEVELS.index("info")
    entries = store.recent(f"logs:{service}", store.keep if filtered else limit)
    chosen = [entry for entry in entries if level_rank(entry.get("level")) >= level][:limit]
    return {"source": store.source, "kept": store.keep, "service": service, "lines": chosen}


def add_monitoring_routes(app: FastAPI, store: Callable[[], ActivityStore], admin: Callable[[Request], Any]) -> None:
    """Register the three routes; ``admin`` raises 401/403 unless the caller is in the admin groups."""

    @app.get("/v2/monitoring/requests", include_in_schema=False)
    async def monitoring_requests(request: Request) -> dict[str, Any]:
        admin(request)
        return query_requests(store(), request)

    @app.get("/v2/monitoring/publications", include_in_schema=False)
    async def monitoring_publications(request: Request) -> dict[str, Any]:
        admin(request)
        return query_publications(store(), request)

    @app.get("/v2/monitoring/logs", include_in_schema=False)
    async def monitoring_logs(request: Request) -> dict[str, Any]:
        admin(request)
        return query_logs(store(), request)


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def monitoring_paths(errors: Callable[[tuple[str, ...]], dict[str, Any]], bearer: str) -> dict[str, Any]:
    """The two routes in the runtime's OpenAPI document (``errors`` gives the shared error responses)."""
    bounds = {"type": "integer", "minimum": 1, "maximum": QUERY_MAX, "default": DEFAULT_LIMIT}
    limit = _parameter("limit", "How many entries, newest first", bounds)
    model = _parameter("model", "Only this model's entries", {"type": "string", "minLength": 1})
    status = _parameter("status", STATUS_HELP, {"type": "string", "pattern": f"^({STATUS_FILTER.pattern})$"})
    user = _parameter("user", "Only this user's requests", {"type": "string", "minLength": 1})
    service = _parameter(
        "service",
        "Whose log lines (one ring per service)",
        {"type": "string", "enum": list(SERVICES), "default": "runtime"},
    )
    level = _parameter(
        "level", "Only lines of this level and above", {"type": "string", "enum": list(LOG_LEVELS), "default": "info"}
    )
    secured = {"tags": ["monitoring"], "security": [{bearer: []}]}
    answer_source = {
        "source": {"type": "string", "enum": ["redis", "process"],
                   "description": "redis: every replica's entries; process: this replica's only"},
        "kept": {"type": "integer", "description": "How many entries the store keeps"},
    }  # fmt: skip
    request_entry = {
        "type": "object",
        "properties": {
            "at": {"type": "string", "format": "date-time"}, "replica": {"type": "string"},
            "request_id": {"type": "string"}, "user": {"type": "string"}, "model": {"type": "string"},
            "version": {"type": "string"}, "status": {"type": "integer"}, "latency_ms": {"type": "number"},
            "inference_ms": {"type": ["number", "null"]}, "refused": {"type": "string"},
            "payload": {"description": "The redacted request, when RECEIPT_LOG_PAYLOADS is on"},
        },
    }  # fmt: skip
    event_entry = {
        "type": "object",
        "properties": {
            "at": {"type": "string", "format": "date-time"}, "replica": {"type": "string"},
            "model": {"type": "string"}, "version": {"type": "string"},
            "event": {"type": "string", "enum": ["loaded", "switched", "rolled_back", "unloaded"]},
            "previous": {"type": ["string", "null"]}, "by": {"type": ["string", "null"]},
            "image": {"type": "string", "description": "The runtime's build (its git tag)"},
            "source": {"type": ["string", "null"]}, "model_key": {"type": ["string", "null"]},
        },
    }  # fmt: skip

    log_line = {
        "type": "object",
        "properties": {
            "at": {"type": "string", "format": "date-time"}, "replica": {"type": "string"},
            "service": {"type": "string", "enum": list(SERVICES)},
            "level": {"type": "string", "enum": list(LOG_LEVELS)},
            "logger": {"type": "string"}, "message": {"type": "string"}, "exception": {"type": "string"},
        },
    }  # fmt: skip

    def listing(key: str, entry: dict[str, Any], **extra: Any) -> dict[str, Any]:
        properties = {**answer_source, **extra, key: {"type": "array", "items": entry}}
        schema = {"type": "object", "properties": properties}
        return {"description": "Newest first", "content": {"application/json": {"schema": schema}}}

    return {
        "/v2/monitoring/requests": {
            "get": {
                **secured,
                "operationId": "monitoring_requests",
                "summary": "Recent requests of every replica (admins)",
                "parameters": [limit, model, status, user],
                "responses": {"200": listing("requests", request_entry), **errors(("400", "401", "403", "503"))},
            }
        },
        "/v2/monitoring/publications": {
            "get": {
                **secured,
                "operationId": "monitoring_publications",
                "summary": "Versions loaded, switched to, rolled back to and unloaded (admins)",
                "parameters": [limit, model],
                "responses": {"200": listing("events", event_entry), **errors(("400", "401", "403", "503"))},
            }
        },
        "/v2/monitoring/logs": {
            "get": {
                **secured,
                "operationId": "monitoring_logs",
                "summary": "A service's own recent log lines, not the per-request ones (admins)",
                "parameters": [limit, service, level],
                "responses": {
                    "200": listing("lines", log_line, service={"type": "string", "enum": list(SERVICES)}),
                    **errors(("400", "401", "403", "503")),
                },
            }
        },
    }
