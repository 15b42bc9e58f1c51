"""Signing in and out through the realm: authorization code with PKCE (S256), and RP-initiated logout.

authlib keeps the state, nonce and PKCE verifier in the session between the redirect and the callback and checks
the ID token; the access token is then verified like every service verifies it (``app.auth``), so the groups the
page shows are the groups the APIs will enforce.
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import logging
from typing import Annotated

import anyio.to_thread
import httpx
from authlib.integrations.base_client import OAuthError
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.auth import AuthError, IdentityProviderUnavailable
from app.web.i18n import LANGUAGES, SESSION_KEY, request_language
from app.web.session import LOGIN_KEY, csrf_token
from app.web.state import CsrfChecked, login_from_token, render, web_state

LOG = logging.getLogger(__name__)
NEXT_KEY = "next"

router = APIRouter(tags=["login"])


def safe_next(target: str | None) -> str:
    """Only a path of this app: an absolute or scheme-relative URL would make the login an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/auth/login")
async def login(request: Request, next_path: Annotated[str | None, Query(alias="next")] = None) -> Response:
    """Send the browser to the realm's login page."""
    state = web_state(request)
    request.session[NEXT_KEY] = safe_next(next_path)
    redirect_uri = state.settings.web_public_url.rstrip("/") + "/auth/callback"
    try:
        # the realm's pages in the person's language (OpenID Connect ui_locales; Keycloak and the stand-in honour it)
        language = request_language(request)
        response: Response = await state.oidc.authorize_redirect(request, redirect_uri, ui_locales=language)
    except Exception as error:  # discovery failed: the provider is down or misconfigured
        LOG.warning("cannot start a login: %s", error)
        return render(request, "error.html", {"kind": "idp_down"}, status_code=503)
    return response


@router.get("/auth/callback")
async def callback(request: Request) -> Response:
    """The realm sends the browser back here with a code; exchange it, verify the access token, open the session."""
    state = web_state(request)
    try:
        token = await state.oidc.authorize_access_token(request)
        principal = await anyio.to_thread.run_sync(state.verifier.verify, token["access_token"])
    except (OAuthError, AuthError, KeyError) as error:
        LOG.warning("login refused: %s", error)
        return render(request, "error.html", {"kind": "login_failed"}, status_code=400)
    except (IdentityProviderUnavailable, httpx.HTTPError) as error:
        LOG.warning("login failed at the identity provider: %s", error)
        return render(request, "error.html", {"kind": "idp_down"}, status_code=503)
    target = safe_next(request.session.pop(NEXT_KEY, None))
    old = request.session.get(LOGIN_KEY)
    state.logins.remove(old if isinstance(old, str) else None)
    language = request.session.get(SESSION_KEY)
    request.session.clear()  # a new session for the new login: nothing from before it survives (fixation)
    if isinstance(language, str):
        request.session[SESSION_KEY] = language
    request.session[LOGIN_KEY] = state.logins.add(login_from_token(token, principal))
    csrf_token(request)
    return RedirectResponse(target, status_code=303)


@router.post("/auth/logout", dependencies=[CsrfChecked])
async def logout(request: Request) -> Response:
    """End the session here and at the realm (RP-initiated logout with id_token_hint), then come back to the start."""
    state = web_state(request)
    login_id = request.session.get(LOGIN_KEY)
    login = state.logins.remove(login_id if isinstance(login_id, str) else None)
    language = request.session.get(SESSION_KEY)
    request.session.clear()
    if isinstance(language, str):
        request.session[SESSION_KEY] = language
    home = state.settings.web_public_url.rstrip("/") + "/"
    if login is None or login.id_token is None:
        return RedirectResponse("/", status_code=303)
    try:
        logout_url = await state.oidc.create_logout_url(
            post_logout_redirect_uri=home, id_token_hint=login.id_token, client_id=state.settings.oidc_client_id
        )
    except Exception as error:  # no end_session_endpoint or provider down: signed out here at least
        LOG.warning("cannot sign out at the identity provider: %s", error)
        return RedirectResponse("/", status_code=303)
    return RedirectResponse(logout_url["url"], status_code=303)


@router.get("/language/{language}")
async def switch_language(
    request: Request, language: str, next_path: Annotated[str | None, Query(alias="next")] = None
) -> RedirectResponse:
    """Remember the language chosen with the switch (a preference, so a plain link may set it)."""
    if language in LANGUAGES:
        request.session[SESSION_KEY] = language
    return RedirectResponse(safe_next(next_path), status_code=303)
