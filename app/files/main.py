"""The file service as an app: storage from the settings, bucket and prefixes from the storage manifest, token
clients and groups from the API manifest, errors as ``{"error": "..."}`` like every service here.

Storage being down never stops the start: the bucket is created at start-up when storage answers, else on first
use, and meanwhile requests get 503 with what is wrong.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse

from app.auth import TokenVerifier
from app.common.activity import shared_logs
from app.common.docs import add_realm_login, bearer_security_schemes, docs_html, mount_static
from app.common.version import build_version
from app.errors import add_error_handlers
from app.files.api import FilesState, router
from app.files.service import FileService
from app.limiter import SlotLimiter
from app.manifests import Manifests, load_manifests
from app.routing import add_options_route
from app.settings import Settings, StorageSettings, refuse_unsafe_settings
from app.storage import StorageError, storage_from_settings

LOG = logging.getLogger(__name__)
DESCRIPTION = (
    "Uploaded files (images and PDFs), kept in the module's object storage for its models to read. Each user sees only "
    "their own files. Bearer tokens from the realm; members of any model's group may use it."
)


def model_groups(manifests: Manifests) -> tuple[str, ...]:
    """Every group that may call one of the module's models, in manifest order."""
    return tuple(dict.fromkeys(group for model in manifests.models for group in manifests.groups_for(model.name)))


def create_files_app(settings: Settings, manifests: Manifests) -> FastAPI:
    refuse_unsafe_settings(settings, StorageSettings)
    storage = storage_from_settings(settings, manifests.bucket, manifests.storage.spec.lifecycle)
    service = FileService(
        storage,
        uploads_prefix=manifests.storage.spec.prefixes.uploads,
        max_bytes=settings.files_max_bytes,
        url_expiry=timedelta(seconds=settings.files_url_expiry_s),
        accepted_types=manifests.storage.spec.accept,
    )
    verifier = (
        TokenVerifier(settings.issuer_url, jwks_url=settings.jwks_url, allowed_clients=manifests.allowed_clients)
        if settings.auth_enabled
        else None
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        with shared_logs(settings, "files", manifests.project.monitoring_key_prefix):
            try:
                await anyio.to_thread.run_sync(storage.ensure_bucket)
            except StorageError as exc:
                LOG.warning("object storage not ready at start-up, will retry on first use: %s", exc)
            yield
        service.close()
        if verifier is not None:
            verifier.close()

    app = FastAPI(
        title=f"{manifests.module.metadata.name} files",
        description=DESCRIPTION,
        version=build_version(),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    uploads = SlotLimiter(settings.files_max_uploads, settings.files_upload_queue)
    app.state.files = FilesState(
        service, verifier, model_groups(manifests), uploads, settings.files_uploads_per_user, settings.body_idle_s
    )
    add_error_handlers(app)
    if (cors := manifests.cors) is not None:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=cors.allow_origin,
            allow_methods=cors.allow_methods,
            allow_headers=cors.allow_headers,
            expose_headers=["Content-Range", "Content-Disposition", "Content-Length", "ETag"],
            max_age=cors.max_age,
        )
    app.include_router(router)
    mount_static(app)

    issuer_url = settings.issuer_url if settings.auth_enabled else None
    app.openapi = lambda: _openapi(app, issuer_url)  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html("/openapi.json", title=app.title))

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        """Liveness, open like the runtime's: the process answers. Storage faults show per request (503), not here,
        so an S3 outage does not make an orchestrator restart a service that would come back by itself."""
        return JSONResponse({"status": "ok"})

    add_options_route(app)
    return app


def _openapi(app: FastAPI, issuer_url: str | None) -> dict[str, Any]:
    """FastAPI's document plus the schemes the routes' ``security`` refers to (realm sign-in with ``issuer_url``)."""
    if app.openapi_schema is None:
        document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        document.setdefault("components", {})["securitySchemes"] = bearer_security_schemes()
        if issuer_url:
            add_realm_login(document, issuer_url)
        app.openapi_schema = document
    return app.openapi_schema


def serve(settings: Settings) -> None:
    """Run the file service with uvicorn on ``settings.host``:``settings.files_port`` until SIGINT/SIGTERM."""
    from app.common import serving
    from app.common.logs import configure_logging

    configure_logging()
    app = create_files_app(settings, load_manifests(settings.manifests_dir))
    serving.run(app, settings, settings.files_port)
