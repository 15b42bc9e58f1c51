"""The API documentation every service serves the same way: Swagger UI from vendored files, the bearer scheme its
OpenAPI document names, and the static files it loads them from."""

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

BEARER_SCHEME = "bearerAuth"


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


def docs_html(openapi_url: str, *, title: str = "Model runtime API", assets_url: str = "/static/swagger-ui") -> str:
    """A Swagger UI page for ``openapi_url`` that loads its script and style from ``assets_url``, never a CDN.

    The server mounts ``SWAGGER_UI_DIR`` at ``assets_url``. The online validator badge is off: it would call
    validator.swagger.io.
    """
    response = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=title,
        swagger_js_url=f"{assets_url}/swagger-ui-bundle.js",
        swagger_css_url=f"{assets_url}/swagger-ui.css",
        swagger_favicon_url=f"{assets_url}/favicon-32x32.png",
        oauth2_redirect_url=None,
        swagger_ui_parameters={"validatorUrl": None},
    )
    return bytes(response.body).decode("utf-8")


def mount_static(app: FastAPI) -> None:
    """``/static`` from frontend/static when the build has it (an image without the frontend serves no docs page)."""
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
