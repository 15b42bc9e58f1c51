"""Start the runtime from the manifests: which module, which models, which groups, which CORS policy.

The manifests are the only place that configuration lives (a team edits ``manifests/`` and the platform reads the
same files); the environment only says where this instance runs (``app.settings``).
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp

from app.manifests import Manifests, load_manifests
from app.manifests.models import Limits
from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.settings import Settings


def runtime_config(manifests: Manifests, only: Sequence[str] = ()) -> RuntimeConfig:
    """The runtime's configuration from the manifests; ``only`` picks models by name (default: all)."""
    known = [model.name for model in manifests.models]
    unknown = [name for name in only if name not in known]
    if unknown:
        raise ValueError(f"model(s) {', '.join(unknown)} not declared in module.yaml; declared: {', '.join(known)}")
    declarations = [
        ModelDeclaration(
            model.name, model.model_key, tuple(manifests.groups_for(model.name)), model.source, dict(model.env)
        )
        for model in manifests.models
        if not only or model.name in only
    ]
    return RuntimeConfig(
        entrypoint=manifests.module.spec.entrypoint,
        models=declarations,
        limits=manifests.api.spec.restful_api.limits,
        cors=manifests.cors,
        allowed_clients=tuple(manifests.allowed_clients),
        project=manifests.project,
        bucket=manifests.bucket,
        uploads_prefix=manifests.storage.spec.prefixes.uploads,
        admin_groups=manifests.admin_groups,
    )


def serve(settings: Settings, only: Sequence[str] = ()) -> None:
    """Run the runtime with uvicorn until SIGINT/SIGTERM; requests in flight finish before it exits."""
    from app.common.logs import configure_logging
    from app.runtime.server import create_app

    configure_logging()
    config = runtime_config(load_manifests(settings.manifests_dir), only)
    run_server(create_app(settings, config), settings, config.limits)


def drain_seconds(limits: Limits) -> int:
    """How long a stopping runtime lets requests in flight finish: the longest a request may run, and a margin."""
    return int(limits.timeout_seconds) + 5


def run_server(app: ASGIApp, settings: Settings, limits: Limits) -> None:
    """Serve ``app`` with uvicorn until SIGINT/SIGTERM, letting requests in flight finish.

    On uvloop with the httptools parser (``app.common.serving``'s protocol, which also bounds the time a request's
    headers may take): a third less CPU per small request than asyncio's own loop and h11
    (bench/results/serving.md). No access log: the runtime writes its own line per request."""
    from app.common import serving

    serving.run(
        app, settings, settings.port, loop="uvloop", access_log=False, timeout_graceful_shutdown=drain_seconds(limits)
    )
