"""Building blocks for web app tests: the platform services it is a client of, live, and a signed-in session."""

from __future__ import annotations

import base64
import io
import json
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from auth_fixtures import TestIdentityProvider
from dev_idp import DevIdentityProvider
from fastapi import FastAPI
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from app.files.main import create_files_app
from app.manifests import load_manifests, project_identity
from app.runtime.main import runtime_config
from app.runtime.server import create_app
from app.settings import ROOT, Settings
from app.web.main import create_web_app
from app.web.session import Login
from app.web.state import WebState
from tests.app.runtime.runtime_kit import live_server

MANIFESTS = ROOT / "manifests"
SESSION_COOKIE = project_identity(MANIFESTS).session_cookie
"""The session cookie of a web app serving the repository's manifests."""


@dataclass(frozen=True)
class DevStack:
    """The web app live on a port of its own, with the dev identity provider's realm in front of every service."""

    idp: DevIdentityProvider
    url: str
    app: FastAPI
    runtime_url: str
    files_url: str


CLOSED_URL = "http://127.0.0.1:9"
"""The discard port: nothing listens there, so a client gets 'connection refused' at once."""


def web_settings(issuer: str, runtime_url: str, files_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "issuer_url": issuer,
        "runtime_url": runtime_url,
        "files_url": files_url,
        "web_public_url": "http://localhost",
        "manifests_dir": MANIFESTS,
    }
    return Settings(**(values | overrides))  # type: ignore[arg-type]


def web_app(settings: Settings) -> FastAPI:
    return create_web_app(settings, load_manifests(settings.manifests_dir))


@contextmanager
def live_files(issuer: str, storage_dir: Path, manifests_dir: Path = MANIFESTS) -> Iterator[str]:
    """The file service with local storage in ``storage_dir``, served on a free port."""
    settings = Settings(issuer_url=issuer, storage_dir=storage_dir, manifests_dir=manifests_dir)
    with live_server(create_files_app(settings, load_manifests(manifests_dir))) as url:
        yield url


def cors_manifests(folder: Path, origins: list[str]) -> Path:
    """A copy of the manifests in ``folder`` whose API manifest allows exactly ``origins`` (CORS ``allowOrigin``)."""
    shutil.copytree(MANIFESTS, folder, dirs_exist_ok=True)
    api_file = folder / "api.yaml"
    api = yaml.safe_load(api_file.read_text(encoding="utf-8"))
    api["spec"]["restfulApi"]["cors"]["allowOrigin"] = origins
    api_file.write_text(yaml.safe_dump(api, sort_keys=False), encoding="utf-8")
    return folder


@contextmanager
def live_runtime(issuer: str, storage_dir: Path, manifests_dir: Path = MANIFESTS) -> Iterator[str]:
    """The module runtime as the manifests declare it (groups, CORS origins, limits, bucket), serving the Tesseract
    model, on a free port; it reads file ids from ``storage_dir``, the file service's local storage."""
    settings = Settings(issuer_url=issuer, storage_dir=storage_dir, manifests_dir=manifests_dir)
    config = runtime_config(load_manifests(manifests_dir), ["tesseract-ocr"])
    with live_server(create_app(settings, config)) as url:
        yield url


def sign_in(client: TestClient, token: str) -> str:
    """Put a login with ``token`` in the app's store and its id in a signed session cookie, as the login callback
    does; returns the session's CSRF token."""
    app = client.app
    assert isinstance(app, FastAPI)
    cookie, csrf = session_cookie(app, token)
    client.cookies.set(app.state.web.project.session_cookie, cookie)
    return csrf


def session_cookie(app: FastAPI, token: str) -> tuple[str, str]:
    """The signed session cookie of a login with ``token`` put in ``app``'s store, and the session's CSRF token: what
    a browser holds after the login callback."""
    state: WebState = app.state.web
    principal = state.verifier.verify(token)
    login_id = state.logins.add(Login(token, None, None, float(principal.claims["exp"]), principal))
    csrf = secrets.token_urlsafe(16)
    data = base64.b64encode(json.dumps({"login": login_id, "csrf": csrf}).encode())
    secret = state.settings.web_session_secret.get_secret_value()
    return TimestampSigner(secret).sign(data).decode(), csrf


def web_token(
    idp: TestIdentityProvider, *groups: str, username: str = "alice", lifetime_s: float = 600, **claims: object
) -> str:
    """An access token as the realm issues it to the web app's client (``claims`` add or override, e.g. ``sub``)."""
    return idp.mint(
        azp="receipt-web", groups=list(groups), preferred_username=username, lifetime_s=lifetime_s, **claims
    )


def attribute(html: str, testid: str, name: str) -> str | None:
    """The value of attribute ``name`` on the element with ``data-testid=testid``."""
    tag = re.search(rf'<[^>]*data-testid="{re.escape(testid)}"[^>]*>', html)
    if tag is None:
        return None
    found = re.search(rf'\s{re.escape(name)}="([^"]*)"', tag.group(0))
    return found.group(1) if found else None


def pdf_pages(*pages: tuple[tuple[float, float], list[str]]) -> bytes:
    """A PDF with a text layer, one page per ``((width, height) in inches, lines)``: each page's lines from 10% of its
    width and 10% below its top, 4% of its height apart."""
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    matplotlib.rcParams["pdf.fonttype"] = 42
    buffer = io.BytesIO()
    with PdfPages(buffer) as pdf:
        for size, lines in pages:
            figure = plt.figure(figsize=size)
            for index, line in enumerate(lines):
                figure.text(0.1, 0.9 - index * 0.04, line, fontsize=12)
            pdf.savefig(figure)
            plt.close(figure)
    return buffer.getvalue()
