"""The keycloak-js sample (frontend/keycloak-sample/), served at /keycloak-sample/: a static page that signs in with
the real keycloak-js adapter as the platform's public client and calls the module and file APIs cross-origin.

The web app adds two things a plain static server would not: ``config.json`` built from the settings (where the realm
and the two APIs are, for a browser), and a Content-Security-Policy that lets the page connect to exactly those.
Whether the APIs answer is theirs to decide: only origins in the API manifest's CORS block get an answer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from app.settings import ROOT, Settings, WebSettings
from app.web.state import web_state

SAMPLE_DIR = ROOT / "frontend" / "keycloak-sample"
SAMPLE_PATH = "/keycloak-sample"
PUBLIC_CLIENT = "end-users"
"""The platform's public client: browsers (keycloak-js) and scripts sign in with it."""

router = APIRouter(prefix=SAMPLE_PATH, tags=["keycloak-sample"])


def realm_location(issuer_url: str) -> tuple[str, str]:
    """keycloak-js's ``url`` and ``realm`` from a Keycloak issuer (``{url}/realms/{realm}``)."""
    base, separator, realm = issuer_url.rstrip("/").rpartition("/realms/")
    if not separator or not realm:
        raise ValueError(f"not a Keycloak realm URL (…/realms/NAME): {issuer_url}")
    return base, realm


def browser_urls(settings: WebSettings) -> tuple[str, str]:
    """Where a browser reaches the module API and the file service."""
    runtime = settings.public_runtime_url or settings.runtime_url
    files = settings.public_files_url or settings.files_url
    return runtime.rstrip("/"), files.rstrip("/")


def sample_config(settings: Settings, model: str, project: str) -> dict[str, Any]:
    """What the page needs: the realm, its public client, the two APIs, a model to call and the project's name."""
    url, realm = realm_location(settings.issuer_url)
    runtime, files = browser_urls(settings)
    return {
        "url": url,
        "realm": realm,
        "clientId": PUBLIC_CLIENT,
        "moduleApi": runtime,
        "fileApi": files,
        "model": model,
        "project": project,
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def sample_policy(settings: Settings) -> str:
    """The app's CSP, plus connections to the realm and the two APIs (and the realm's login-status iframe)."""
    realm = _origin(settings.issuer_url)
    apis = " ".join(dict.fromkeys(_origin(url) for url in browser_urls(settings)))
    return (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        f"connect-src 'self' {realm} {apis}; frame-src {realm}; form-action 'self' {realm}; "
        "frame-ancestors 'none'; base-uri 'none'"
    )


@router.get("/config.json")
def config(request: Request) -> JSONResponse:
    """Where the realm and the APIs are, for the sample page."""
    state = web_state(request)
    return JSONResponse(sample_config(state.settings, state.models[0].name, state.project.display_name))


def add_sample(app: FastAPI) -> None:
    """``config.json`` first, then the folder's files (``/keycloak-sample/`` is its index.html)."""
    app.include_router(router)
    app.mount(SAMPLE_PATH, StaticFiles(directory=SAMPLE_DIR, html=True), name="keycloak-sample")
