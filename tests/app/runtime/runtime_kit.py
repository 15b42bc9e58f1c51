"""Building blocks for runtime tests: a runtime from real modules, and a live uvicorn server for it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from auth_fixtures import TestIdentityProvider
from fastapi import FastAPI
from live_uvicorn import live_uvicorn
from manifests_kit import CORS

from app.manifests.models import Cors, Limits
from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.settings import Settings

ECHO_GROUP = "/pu-gallery-pa-echo/gallery-echo-users"


def limits(**overrides: Any) -> Limits:
    values = {"maxRequestBytes": 5 * 1024 * 1024, "timeoutSeconds": 30, "maxConcurrency": 2, "maxQueue": 4}
    return Limits.model_validate(values | overrides)


def runtime(
    idp: TestIdentityProvider | str, entrypoint: str, models: Sequence[ModelDeclaration], **limit_overrides: Any
) -> FastAPI:
    """A runtime guarded by ``idp``: a TestIdentityProvider, or another provider's issuer URL (e.g. ``dev_idp``'s)."""
    issuer = idp if isinstance(idp, str) else idp.issuer
    settings = Settings(issuer_url=issuer, manifests_dir=".")
    config = RuntimeConfig(
        entrypoint=entrypoint,
        models=models,
        limits=limits(**limit_overrides),
        cors=Cors.model_validate(CORS),
        allowed_clients=("end-users", "receipt-web"),
    )
    return create_app(settings, config)


@contextmanager
def live_server(app: FastAPI, port: int = 0) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread, on ``port`` or a free one; yields its base URL."""
    with live_uvicorn(app, port) as live:
        yield live.url
