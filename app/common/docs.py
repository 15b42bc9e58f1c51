"""The API documentation every service serves the same way: Swagger UI from vendored files, the security schemes its
OpenAPI document names (a pasted bearer token, or signing in through the realm), and the static files it loads."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

from app.settings import ROOT

STATIC = ROOT / "frontend" / "static"

SWAGGER_UI_DIR = STATIC / "swagger-ui"
"""Vendored swagger-ui-dist (see its VERSION file): the services have no internet, so no CDN."""

SWAGGER_UI_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")
"""What the docs page itself loads."""

OAUTH2_REDIRECT_FILES = ("oauth2-redirect.html", "oauth2-redirect.js")
"""The page the realm sends the browser back to after Authorize; it hands the code to the docs page's window."""

BEARER_SCHEME = "bearerAuth"
REALM_SCHEME = "realmLogin"

DOCS_CLIENT_ID = "end-users"
"""The realm's public client Swagger UI signs in with (authorization code + PKCE, no secret to leak)."""


def bearer_security_schemes() -> dict[str, Any]:
    """The ``components.securitySchemes`` entry the routes' ``security: [{bearerAuth: []}]`` refers to."""
    return {
        BEARER_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An access token issued by the Keycloak realm: `Authorization: Bearer <token>`.",
        }
    }


def add_realm_login(document: dict[str, Any], issuer_url: str) -> None:
    """Declare the realm's authorization-code flow beside the bearer scheme and accept it wherever a bearer token is,
    so Swagger UI's Authorize signs in by itself; both send the same access token as ``Authorization: Bearer``."""
    endpoints = f"{issuer_url.rstrip('/')}/protocol/openid-connect"
    document.setdefault("components", {}).setdefault("securitySchemes", {})[REALM_SCHEME] = {
        "type": "oauth2",
        "description": f"Sign in through the realm (authorization code + PKCE, public client `{DOCS_CLIENT_ID}`).",
        "flows": {
            "authorizationCode": {
                "authorizationUrl": f"{endpoints}/auth",
                "tokenUrl": f"{endpoints}/token",
                "scopes": {"openid": "The signed-in user's identity"},
            }
        },
    }
    for item in document.get("paths", {}).values():
        for operation in item.values():
            security = operation.get("security") if isinstance(operation, dict) else None
            if security and {BEARER_SCHEME: []} in security and {REALM_SCHEME: []} not in security:
                security.append({REALM_SCHEME: []})


def docs_html(openapi_url: str, *, title: str = "Model runtime API", assets_url: str = "/static/swagger-ui") -> str:
    """A Swagger UI page for ``openapi_url`` that loads its script and style from ``assets_url``, never a CDN.

    The server mounts ``SWAGGER_UI_DIR`` at ``assets_url``. The online validator badge is off: it would call
    validator.swagger.io. Authorize's realm sign-in returns to the vendored oauth2-redirect.html on the page's own
    origin (the realm's ``end-users`` client accepts any loopback port, and its web origins let the page fetch the
    token).
    """
    response = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=title,
        swagger_js_url=f"{assets_url}/swagger-ui-bundle.js",
        swagger_css_url=f"{assets_url}/swagger-ui.css",
        swagger_favicon_url=f"{assets_url}/favicon-32x32.png",
        oauth2_redirect_url=f"{assets_url}/oauth2-redirect.html",
        init_oauth={"clientId": DOCS_CLIENT_ID, "usePkceWithAuthorizationCodeGrant": True, "scopes": "openid"},
        swagger_ui_parameters={"validatorUrl": None},
    )
    return bytes(response.body).decode("utf-8")


def mount_static(app: FastAPI) -> None:
    """``/static`` from frontend/static when the build has it (an image without the frontend serves no docs page)."""
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
