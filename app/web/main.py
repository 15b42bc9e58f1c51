"""The web app: what end users see. A client of the platform's two APIs (the file service and the module API), called
with the signed-in person's own token, exactly as any other client of the platform would call them.

Pages are Jinja2 templates in ``frontend/templates``; their named blocks are the htmx fragments, so one route answers
a full page to a browser and a fragment to htmx. Static files (htmx vendored from npm, CSS, JS) are self-hosted.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from urllib.parse import urlparse

import jinja2
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.middleware.sessions import SessionMiddleware

from app.auth import TokenVerifier
from app.common.activity import activity_store, collecting_logs
from app.common.limits import FORM_OVERHEAD_BYTES, BodySizeLimit
from app.manifests import Manifests, ProjectIdentity, load_manifests
from app.settings import ROOT, Settings, WebSettings, refuse_unsafe_settings
from app.web import generic, history, login, monitoring, stats
from app.web.clients import FilesClient, RuntimeClient
from app.web.decodes import DecodeSlots, default_max_decodes
from app.web.errors import add_error_pages
from app.web.i18n import (
    format_day,
    format_day_input,
    format_measure,
    format_money,
    format_number,
    gettext_,
    load_catalogs,
    ngettext_,
    translated_detail,
)
from app.web.login_store import login_store
from app.web.runs import run_log
from app.web.sample import SAMPLE_PATH, add_sample, sample_policy
from app.web.session import CSRF_FIELD, CSRF_HEADER
from app.web.state import ModelChoice, WebState

LOG = logging.getLogger(__name__)
FRONTEND = ROOT / "frontend"
SESSION_MAX_AGE_S = 12 * 3600
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def content_security_policy(issuer_url: str) -> str:
    """No inline script or style, so an injected tag cannot run. Forms post to this app only, and may be redirected
    on to the realm (Chrome applies form-action to the redirects of a form post: sign-out goes there)."""
    realm = urlparse(issuer_url)
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"form-action 'self' {realm.scheme}://{realm.netloc}; frame-ancestors 'none'; base-uri 'none'"
    )


def template_environment(receipt_view: bool, project: ProjectIdentity) -> jinja2.Environment:
    """The pages' templates; the receipt view's globals and filters only where a model declares that view. The
    header and page titles name the ``project``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FRONTEND / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(gettext_, ngettext_, newstyle=True)  # type: ignore[attr-defined]
    env.globals |= {
        "CSRF_FIELD": CSRF_FIELD,
        "CSRF_HEADER": CSRF_HEADER,
        "RECEIPT_VIEW": receipt_view,
        "project": project,
    }
    env.filters |= {
        "timestamp": _timestamp,
        "money": format_money,
        "number": format_number,
        "measure": format_measure,
        "day": format_day,
        "day_input": format_day_input,
        "detail": translated_detail,
    }
    if receipt_view:  # imported only when declared: a fork deletes app/web/receipt/ (and model/)
        from app.web.receipt import TEMPLATE_FILTERS, TEMPLATE_GLOBALS

        env.globals |= TEMPLATE_GLOBALS
        env.filters |= TEMPLATE_FILTERS
    return env


def _timestamp(value: object) -> str:
    """Seconds since the epoch (as the stats API gives them) as a ``<time>`` the page's script shows in the reader's
    own time zone (UTC, labelled, without script); anything else as it is."""
    if isinstance(value, int | float):
        at = datetime.fromtimestamp(value, UTC)
        shown = at.strftime("%Y-%m-%d %H:%M:%S UTC")
        return Markup('<time datetime="{}" data-local data-seconds>{}</time>').format(at.isoformat(), shown)
    return str(value)


def oidc_client(settings: Settings) -> StarletteOAuth2App:
    """The realm as authlib's client: discovery from the issuer, PKCE S256, the confidential client's secret."""
    oauth = OAuth()
    client = oauth.register(
        name="realm",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret.get_secret_value(),
        server_metadata_url=settings.issuer_url.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid profile email", "code_challenge_method": "S256"},
    )
    assert isinstance(client, StarletteOAuth2App)
    return client


def create_web_app(settings: Settings, manifests: Manifests) -> FastAPI:
    refuse_unsafe_settings(settings, WebSettings)
    models = tuple(
        ModelChoice(
            model.name,
            model.description,
            manifests.groups_for(model.name),
            model.view,
            tuple(sorted(model.description_translations.items())),
        )
        for model in manifests.models
    )
    receipt_view = any(model.view == "receipt" for model in models)
    project = manifests.project
    state = WebState(
        settings=settings,
        models=models,
        logins=login_store(settings, SESSION_MAX_AGE_S, project.login_key_prefix),
        oidc=oidc_client(settings),
        verifier=TokenVerifier(
            settings.issuer_url, jwks_url=settings.jwks_url, allowed_clients=[settings.oidc_client_id]
        ),
        files=FilesClient(settings.files_url),
        runtime=RuntimeClient(settings.runtime_url),
        runs=run_log(settings, project.runs_key_prefix),
        templates=template_environment(receipt_view, project),
        catalogs=load_catalogs(FRONTEND / "locales"),
        project=project,
        admin_groups=manifests.admin_groups,
        activity=activity_store(settings, project.monitoring_key_prefix),
        decodes=DecodeSlots(settings.web_max_decodes or default_max_decodes(), settings.web_decode_wait_s),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        with collecting_logs(state.activity, "web"):
            yield
        state.activity.close()
        state.files.close()
        state.runtime.close()
        state.verifier.close()

    app = FastAPI(title=f"{project.name} web", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = state
    public_host = urlparse(settings.web_public_url).hostname or ""
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.web_session_secret.get_secret_value(),
        session_cookie=project.session_cookie,
        max_age=SESSION_MAX_AGE_S,
        same_site="lax",
        https_only=public_host not in LOCAL_HOSTS,
    )

    app.add_middleware(
        BodySizeLimit, max_bytes=settings.files_max_bytes + FORM_OVERHEAD_BYTES, idle_s=settings.body_idle_s
    )

    policy, sample_page_policy = content_security_policy(settings.issuer_url), sample_policy(settings)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        sample_page = request.url.path.startswith(SAMPLE_PATH + "/")
        response.headers.setdefault("Content-Security-Policy", sample_page_policy if sample_page else policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    add_error_pages(app)
    app.include_router(login.router)
    if receipt_view:  # its home page, history and result pages; generic models keep /results
        from app.web.receipt.routes import router as receipt_routes

        app.include_router(receipt_routes)
    else:
        app.add_api_route("/", generic.home, methods=["GET"], response_class=HTMLResponse)
    app.include_router(generic.router)
    app.include_router(history.router)
    app.include_router(stats.router)
    app.include_router(monitoring.router)
    app.mount("/static", StaticFiles(directory=FRONTEND / "static"), name="static")
    add_sample(app)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> RedirectResponse:
        """Browsers ask for it on pages that name no icon (an error page, a JSON answer): the brand mark."""
        return RedirectResponse(BRAND_MARK, status_code=308)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return app


BRAND_MARK = "/static/web/brand.svg"
"""The app's mark and favicon: a receipt, its lines read, and a check (an SVG, sharp at every size)."""


def serve(settings: Settings) -> None:
    """Run the web app with uvicorn on ``settings.host``:``settings.web_port`` until SIGINT/SIGTERM."""
    from app.common import serving
    from app.common.logs import configure_logging

    configure_logging()
    app = create_web_app(settings, load_manifests(settings.manifests_dir))
    serving.run(app, settings, settings.web_port)
