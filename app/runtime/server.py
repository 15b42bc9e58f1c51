"""The module runtime's app: any module that follows the contract, published as an authenticated REST service.

This module assembles the app: the models' state, their loading at start-up, CORS, the infer fast path, static
files, error handlers and the routes. The route table is ``app.runtime.routes``, what the routes do with models is
``app.runtime.dataplane``, and reading request bodies is ``app.runtime.readers``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from functools import partial

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.auth import TokenVerifier
from app.common.activity import activity_store, collecting_logs
from app.common.docs import mount_static
from app.common.limits import FORM_OVERHEAD_BYTES, BodySizeLimit
from app.errors import add_error_handlers
from app.files.service import FileService
from app.limiter import SlotLimiter
from app.routing import add_options_route
from app.runtime.cluster_stats import PrometheusStats
from app.runtime.dataplane import RuntimeConfig, RuntimeState, load_models
from app.runtime.monitoring import add_monitoring_routes
from app.runtime.observability import Metrics
from app.runtime.readers import json_request
from app.runtime.registry import build_registry
from app.runtime.routes import add_repository_routes, add_routes, admin, infer
from app.settings import Settings, StorageSettings, refuse_unsafe_settings
from app.storage import storage_from_settings


def create_app(settings: Settings, config: RuntimeConfig) -> FastAPI:
    """A FastAPI app serving ``config.models`` of ``config.entrypoint``; models load at start-up, off the loop."""
    refuse_unsafe_settings(settings, *((StorageSettings,) if config.bucket is not None else ()))
    state = RuntimeState(
        settings, config, build_registry(config.entrypoint, config.models), Metrics(config.project.metric_prefix)
    )
    if settings.auth_enabled:
        state.verifier = TokenVerifier(
            settings.issuer_url, jwks_url=settings.jwks_url, allowed_clients=config.allowed_clients
        )
    if config.bucket is not None:
        state.files = FileService(
            storage_from_settings(settings, config.bucket),
            uploads_prefix=config.uploads_prefix,
            max_bytes=config.limits.max_request_bytes,
            url_expiry=timedelta(seconds=settings.files_url_expiry_s),
        )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        with collecting_logs(state.activity, "runtime"):
            state.limiter = SlotLimiter(config.limits.max_concurrency, config.limits.max_queue)
            await load_models(state)
            yield
        state.activity.close()
        if state.files is not None:
            state.files.close()
        if state.cluster_stats is not None:
            await state.cluster_stats.aclose()

    state.activity = activity_store(settings, config.project.monitoring_key_prefix)
    if settings.stats_prometheus_url:
        state.cluster_stats = PrometheusStats(settings.stats_prometheus_url, config.project.metric_prefix)

    app = FastAPI(title=config.project.display_name, lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
    app.state.runtime = state
    if config.cors is not None:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.cors.allow_origin,
            allow_methods=config.cors.allow_methods,
            allow_headers=config.cors.allow_headers,
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=config.cors.max_age,
        )
    app.add_middleware(InferFastPath, state=state)  # added last, so it sits in front of CORS and the router
    body_cap = config.limits.max_request_bytes + FORM_OVERHEAD_BYTES  # counted as it comes: chunked, idle
    app.add_middleware(BodySizeLimit, max_bytes=body_cap, idle_s=settings.body_idle_s)  # in front of the fast path
    mount_static(app)
    add_error_handlers(app)
    add_routes(app, state)
    add_repository_routes(app, state)
    add_monitoring_routes(app, lambda: state.activity, partial(admin, state))
    add_options_route(app)
    return app


INFER_PATH = re.compile(r"/v2/models/(?P<name>[^/]+)(?:/versions/(?P<version>[^/]+))?/infer")
"""The two JSON infer routes, as Starlette matches ``{name}`` and ``{version}``."""


class InferFastPath:
    """Answers ``POST /v2/models/{name}[/versions/{version}]/infer`` in front of FastAPI's routing and middleware.

    It is the route a runtime serves all day, and on a small request FastAPI's route matching, dependency solving and
    middleware layers took an eighth of the runtime's CPU (bench/results/serving.md). The same ``infer`` as the
    registered route answers, so the checks, headers, metrics and log line are identical. A request with an
    ``Origin`` header takes the full path, where ``CORSMiddleware`` handles it; an error escaping ``infer`` still
    reaches FastAPI's server-error middleware, which sits outside this one.
    """

    def __init__(self, app: ASGIApp, state: RuntimeState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _fast_infer_path(scope)
        if match is None:
            await self.app(scope, receive, send)
            return
        response = await infer(self.state, Request(scope, receive), match["name"], match["version"], json_request)
        await response(scope, receive, send)


def _fast_infer_path(scope: Scope) -> re.Match[str] | None:
    if scope["type"] != "http" or scope["method"] != "POST" or scope.get("root_path"):
        return None
    if any(name == b"origin" for name, _ in scope["headers"]):
        return None
    return INFER_PATH.fullmatch(scope["path"])
