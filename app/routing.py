"""What the runtime and the file service answer alike outside their own routes: OPTIONS on any path they serve.

A CORS preflight (Origin and Access-Control-Request-Method) is the CORS middleware's; any other OPTIONS request is
answered 204 with ``Allow`` naming the methods the path takes (RFC 9110), not the 405 of whichever route the router
met first. The OpenAPI document says which methods a path takes (a literal path before a template, as routers pick
them: ``/files/signed`` is not ``/files/{file_id}``); the routes answer for paths it leaves out (``/docs``).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Response
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Receive, Scope, Send

METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def documented_methods(document: dict[str, Any], path: str) -> list[str] | None:
    """The methods the document lists for ``path``: its literal entry, else the first template matching it."""
    paths: dict[str, dict[str, Any]] = document.get("paths", {})
    template = path if path in paths else None
    for candidate in paths if template is None else ():
        if "{" in candidate and re.fullmatch(re.sub(r"\\{[^/}]+\\}", "[^/]+", re.escape(candidate)), path):
            template = candidate
            break
    if template is None:
        return None
    return [method for method in METHODS if method.lower() in paths[template]]


def add_options_route(app: FastAPI) -> None:
    """Answer OPTIONS for every path ``app`` serves (404 for the others), in front of the routes: a catch-all route
    would turn every unknown path into a 405 for the other methods."""

    def allowed(scope: Scope) -> list[str]:
        methods = documented_methods(app.openapi(), scope["path"])
        if methods is None:
            routes = [route for route in app.router.routes if not isinstance(route, Mount)]
            probes = [{**scope, "method": method} for method in METHODS]
            methods = [p["method"] for p in probes if any(r.matches(p)[0] == Match.FULL for r in routes)]
        return methods

    class OptionsAnswer:
        def __init__(self, inner: ASGIApp) -> None:
            self.inner = inner

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["method"] != "OPTIONS" or _is_preflight(scope):
                await self.inner(scope, receive, send)
                return
            methods = allowed(scope)
            headers = {"Allow": ", ".join([*methods, "OPTIONS"])} if methods else None
            await Response(status_code=204 if methods else 404, headers=headers)(scope, receive, send)

    app.add_middleware(OptionsAnswer)


def _is_preflight(scope: Scope) -> bool:
    """A CORS preflight, which the CORS middleware answers (or refuses)."""
    names = {name for name, _ in scope["headers"]}
    return b"origin" in names and b"access-control-request-method" in names
