"""The development identity provider (deploy/dev-idp, a Keycloak stand-in on Node) as a test fixture.

It reads deploy/keycloak/realm-export.json, the realm a real Keycloak imports: users alice, bob and mallory (password
``<name>-password``), clients ``receipt-web`` (confidential, secret ``receipt-web-secret``) and ``end-users`` (public,
password grant allowed)::

    with DevIdentityProvider(tmp_path) as idp:
        verifier = TokenVerifier(idp.issuer, allowed_clients=["end-users"])
        principal = verifier.verify(idp.password_token("alice"))
        tokens = idp.login("alice", redirect_uri="http://127.0.0.1:8002/auth/callback")  # the browser flow, by httpx

Redirect URIs on 127.0.0.1 and localhost are accepted on any port, as Keycloak does for loopback hosts.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import httpx

from app.manifests import project_identity
from app.settings import ROOT
from app.stack.idp import (
    IDP_DIR,
    LOOPBACK_ORIGINS,
    REALM_FILE,
    IdentityProviderError,
    IdentityProviderServer,
    node_binary,
    realm_name,
)

REALM = realm_name(REALM_FILE)
"""The committed dev realm's name (deploy/keycloak/realm-export.json)."""

__all__ = ["IDP_DIR", "LOOPBACK_ORIGINS", "REALM", "REALM_FILE", "IdentityProviderError", "node_binary"]

WEB_CLIENT = "receipt-web"
WEB_CLIENT_SECRET = "receipt-web-secret"
PUBLIC_CLIENT = "end-users"
USERS = {"alice": "alice-password", "bob": "bob-password", "mallory": "mallory-password", "ops": "ops-password"}
"""The realm's demo users and their dev passwords: alice in both gallery groups, bob in Tesseract's, mallory in none,
ops in Tesseract's and the admins' (who manage model versions)."""


def pkce_pair() -> tuple[str, str]:
    """A PKCE code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


@dataclass(frozen=True)
class LoginForm:
    """The login page of an authorization request: where its form posts, and the error it shows (if any)."""

    action: str
    error: str | None
    html: str


def login_form(response: httpx.Response) -> LoginForm:
    """Read Keycloak's login form (``#kc-form-login``) from a page; IdentityProviderError when there is none."""
    text = response.text
    if 'id="kc-form-login"' not in text:
        raise IdentityProviderError(f"no login form at {response.url} ({response.status_code}): {text[:300]}")
    action = re.search(r'<form id="kc-form-login"[^>]*?(?:action="([^"]*)")?[^>]*>', text)
    error = re.search(r'id="input-error"[^>]*>([^<]*)<', text)
    target = urljoin(str(response.url), unescape(action.group(1))) if action and action.group(1) else str(response.url)
    return LoginForm(action=target, error=unescape(error.group(1)) if error else None, html=text)


class DevIdentityProvider(IdentityProviderServer):
    """The app's launcher (``app.stack.idp``, what ``make demo`` runs) on a free port, with helpers that do what
    clients do."""

    def __init__(
        self, folder: Path, *, realm_file: Path = REALM_FILE, web_origins: tuple[str, ...] = LOOPBACK_ORIGINS
    ) -> None:
        # IDP_DIR is read here, not bound at import: a test points it at an empty folder. The pages name the committed
        # manifests' project, as `make demo` names them.
        brand = project_identity(ROOT / "manifests").brand_arguments()
        super().__init__(folder, realm_file=realm_file, web_origins=web_origins, idp_dir=IDP_DIR, brand=brand)

    # What clients do: the password grant of scripts, the browser's authorization code flow.

    def password_token(self, username: str, *, password: str | None = None, scope: str = "openid") -> str:
        """An access token for ``username`` by the password grant of ``end-users``, as a script or Postman gets one."""
        return str(self.password_tokens(username, password=password, scope=scope)["access_token"])

    def password_tokens(self, username: str, *, password: str | None = None, scope: str = "openid") -> dict[str, Any]:
        """The whole token response (access, refresh and ID token) of the password grant."""
        response = httpx.post(
            self.endpoint("token"),
            data={
                "grant_type": "password",
                "client_id": PUBLIC_CLIENT,
                "username": username,
                "password": USERS.get(username, "") if password is None else password,
                "scope": scope,
            },
            timeout=10,
        )
        if response.status_code != 200:
            raise IdentityProviderError(f"password grant for {username}: {response.status_code} {response.text}")
        return dict(response.json())

    def authorization_url(
        self, *, client_id: str, redirect_uri: str, code_challenge: str, state: str, scope: str = "openid profile email"
    ) -> str:
        query = {
            "client_id": client_id,
            "response_type": "code",
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": state,
            "code_challenge": code_challenge,
            "code_challenge_method": "S256",
        }
        return f"{self.endpoint('auth')}?{urlencode(query)}"

    def login(
        self,
        username: str,
        *,
        password: str | None = None,
        redirect_uri: str = "http://127.0.0.1:8002/auth/callback",
        client: httpx.Client | None = None,
    ) -> dict[str, Any]:
        """The browser flow of ``receipt-web`` driven by httpx: authorize, fill the login form, exchange the code.

        Pass ``client`` to keep the SSO session cookie (e.g. to log out afterwards); returns the token response.
        """
        owned = client is None
        browser = client or httpx.Client(timeout=10)
        try:
            verifier, challenge = pkce_pair()
            state = secrets.token_urlsafe(16)
            page = browser.get(
                self.authorization_url(
                    client_id=WEB_CLIENT, redirect_uri=redirect_uri, code_challenge=challenge, state=state
                ),
                follow_redirects=True,
            )
            form = login_form(page)
            secret = USERS.get(username, "") if password is None else password
            answer = browser.post(form.action, data={"username": username, "password": secret})
            code = self.follow_to_redirect_uri(browser, answer, redirect_uri, state)
            return self.exchange_code(code, redirect_uri=redirect_uri, code_verifier=verifier)
        finally:
            if owned:
                browser.close()

    def follow_to_redirect_uri(
        self, browser: httpx.Client, response: httpx.Response, redirect_uri: str, state: str
    ) -> str:
        """Follow the provider's redirects until one leaves for ``redirect_uri``; its ``code`` (state checked)."""
        for _ in range(10):
            location = response.headers.get("location")
            if response.status_code not in (302, 303) or location is None:
                raise IdentityProviderError(f"expected a redirect, got {response.status_code}: {response.text[:300]}")
            target = urljoin(str(response.url), location)
            if target.split("?")[0] == redirect_uri:
                query = parse_qs(urlsplit(target).query)
                if query.get("state") != [state]:
                    raise IdentityProviderError(f"state mismatch in {target}")
                if "code" not in query:
                    raise IdentityProviderError(f"no code in {target}")
                return str(query["code"][0])
            response = browser.get(target)
        raise IdentityProviderError("too many redirects")

    def exchange_code(
        self, code: str, *, redirect_uri: str, code_verifier: str, client_secret: str = WEB_CLIENT_SECRET
    ) -> dict[str, Any]:
        """The web app's back-channel call: code → tokens, authenticated with the client secret (HTTP Basic)."""
        response = httpx.post(
            self.endpoint("token"),
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": code_verifier,
            },
            auth=(WEB_CLIENT, client_secret),
            timeout=10,
        )
        if response.status_code != 200:
            raise IdentityProviderError(f"code exchange: {response.status_code} {response.text}")
        return dict(response.json())
