"""The dev identity provider behaves like Keycloak for our clients: layout, login, PKCE, tokens, refresh, logout."""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import dev_idp as dev_idp_module
import httpx
import jwt
import pytest
from auth_fixtures import QWEN_GROUP, TESSERACT_GROUP
from dev_idp import (
    PUBLIC_CLIENT,
    REALM_FILE,
    WEB_CLIENT,
    WEB_CLIENT_SECRET,
    DevIdentityProvider,
    IdentityProviderError,
    login_form,
    pkce_pair,
)

from app.auth import AuthError, TokenVerifier
from app.manifests import project_identity
from app.settings import ROOT

CALLBACK = "http://127.0.0.1:8002/auth/callback"


@pytest.fixture(scope="module")
def verifier(dev_idp: DevIdentityProvider) -> Iterator[TokenVerifier]:
    token_verifier = TokenVerifier(dev_idp.issuer, allowed_clients=[WEB_CLIENT, PUBLIC_CLIENT])
    yield token_verifier
    token_verifier.close()


def _claims(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


@dataclass(frozen=True)
class Authorization:
    page: httpx.Response
    """The provider's last answer: a login form, an error page, or the redirect that leaves it."""
    left_to: str | None
    """Where the provider sent the browser away to (the client's redirect URI), if it did."""

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.left_to or "").query)


def _authorize(dev_idp: DevIdentityProvider, browser: httpx.Client, **overrides: str) -> Authorization:
    """GET the authorization endpoint for receipt-web (PKCE S256), following the provider's own redirects."""
    _, challenge = pkce_pair()
    query = {
        "client_id": WEB_CLIENT,
        "response_type": "code",
        "redirect_uri": CALLBACK,
        "scope": "openid profile email",
        "state": "s1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **overrides,
    }
    query = {name: value for name, value in query.items() if value}
    response = browser.get(f"{dev_idp.endpoint('auth')}?{urlencode(query)}")
    while response.is_redirect:
        target = urljoin(str(response.url), response.headers["location"])
        if not target.startswith(dev_idp.base_url + "/"):
            return Authorization(response, target)
        response = browser.get(target)
    return Authorization(response, None)


def test_discovery_has_keycloak_paths(dev_idp: DevIdentityProvider) -> None:
    document = httpx.get(dev_idp.discovery_url, timeout=5).json()
    assert document["issuer"] == dev_idp.issuer
    for key, name in [
        ("authorization_endpoint", "auth"),
        ("token_endpoint", "token"),
        ("jwks_uri", "certs"),
        ("userinfo_endpoint", "userinfo"),
        ("end_session_endpoint", "logout"),
        ("introspection_endpoint", "token/introspect"),
        ("revocation_endpoint", "revoke"),
    ]:
        assert document[key] == dev_idp.endpoint(name)
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert "password" in document["grant_types_supported"]
    keys = httpx.get(document["jwks_uri"], timeout=5).json()["keys"]
    assert keys and all(key["kty"] == "RSA" and "d" not in key for key in keys)


def test_login_with_pkce_gives_a_token_our_verifier_accepts(
    dev_idp: DevIdentityProvider, verifier: TokenVerifier
) -> None:
    tokens = dev_idp.login("alice", redirect_uri=CALLBACK)
    principal = verifier.verify(tokens["access_token"])
    assert principal.username == "alice" and principal.email == "alice@example.org"
    assert principal.groups == {TESSERACT_GROUP, QWEN_GROUP}
    assert principal.client_id == WEB_CLIENT and "default-roles-receipts" in principal.roles
    claims = _claims(tokens["access_token"])
    assert claims["typ"] == "Bearer" and claims["sub"] == "5f3c2a9e-1b7d-4c1e-9a55-0c6f0e0d2b11"
    assert claims["name"] == "Алиса Иванова" and claims["sid"] and claims["aud"] == "account"
    assert set(claims["scope"].split()) == {"openid", "profile", "email"}
    assert jwt.get_unverified_header(tokens["access_token"])["typ"] == "JWT"
    id_token = _claims(tokens["id_token"])
    assert (
        id_token["aud"] == WEB_CLIENT and id_token["preferred_username"] == "alice" and id_token["sid"] == claims["sid"]
    )
    assert tokens["token_type"] == "Bearer" and tokens["refresh_token"]


def test_any_loopback_port_is_a_registered_redirect_uri(dev_idp: DevIdentityProvider, verifier: TokenVerifier) -> None:
    """As in Keycloak, http://127.0.0.1/auth/callback and http://localhost/auth/callback match on any port."""
    for uri in ("http://127.0.0.1:54321/auth/callback", "http://localhost:8123/auth/callback"):
        assert verifier.verify(dev_idp.login("bob", redirect_uri=uri)["access_token"]).groups == {TESSERACT_GROUP}


def test_public_client_flow_as_keycloak_js_runs_it(dev_idp: DevIdentityProvider, verifier: TokenVerifier) -> None:
    """end-users from a page: response_mode=fragment, nonce, PKCE S256, and the code exchanged without a secret."""
    page = "http://127.0.0.1:8002/sample.html"
    code_verifier, challenge = pkce_pair()
    with httpx.Client(timeout=10) as browser:
        form = login_form(
            _authorize(
                dev_idp, browser, client_id=PUBLIC_CLIENT, redirect_uri=page, code_challenge=challenge,
                response_mode="fragment", nonce="n-1", scope="openid",
            ).page
        )  # fmt: skip
        answer = browser.post(form.action, data={"username": "alice", "password": "alice-password"})
        while answer.headers["location"].startswith(dev_idp.base_url):
            answer = browser.get(answer.headers["location"])
    fragment = parse_qs(urlsplit(answer.headers["location"]).fragment)
    assert answer.headers["location"].startswith(page + "#") and fragment["state"] == ["s1"]
    data = {
        "grant_type": "authorization_code",
        "client_id": PUBLIC_CLIENT,
        "code": fragment["code"][0],
        "redirect_uri": page,
        "code_verifier": code_verifier,
    }
    tokens = httpx.post(dev_idp.endpoint("token"), data=data, headers={"Origin": "http://127.0.0.1:8002"}).json()
    assert verifier.verify(tokens["access_token"]).client_id == PUBLIC_CLIENT
    assert _claims(tokens["id_token"])["nonce"] == "n-1"


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://evil.example/auth/callback",
        "http://127.0.0.1:8002/elsewhere",
        "http://localhost.evil.example:8002/auth/callback",
        "http://127.0.0.1:8002@evil.example/auth/callback",
    ],
)
def test_unregistered_redirect_uri_is_refused_without_redirecting(
    dev_idp: DevIdentityProvider, redirect_uri: str
) -> None:
    with httpx.Client(timeout=10) as browser:
        refused = _authorize(dev_idp, browser, redirect_uri=redirect_uri)
    assert refused.left_to is None
    assert refused.page.status_code == 400 and "redirect_uri" in refused.page.text


def test_wrong_password_shows_the_form_again_with_an_error(dev_idp: DevIdentityProvider) -> None:
    with httpx.Client(timeout=10) as browser:
        form = login_form(_authorize(dev_idp, browser).page)
        assert form.error is None
        assert '<label for="username">' in form.html and '<label for="password">' in form.html
        refused = browser.post(form.action, data={"username": "alice", "password": "wrong"})
        assert refused.status_code == 200 and "location" not in refused.headers
        again = login_form(refused)
        assert again.error == "Invalid username or password."
        assert 'value="alice"' in again.html  # the username is kept
        unknown = browser.post(again.action, data={"username": "nobody", "password": "alice-password"})
        assert login_form(unknown).error == "Invalid username or password."


RUSSIAN = ("Вход в учётную запись", "Неверное имя пользователя или пароль.", "Распознавание чеков (разработка)")
ENGLISH = ("Sign in to your account", "Invalid username or password.", "Receipt extractor (development)")


@pytest.mark.parametrize(
    ("ui_locales", "accept_language", "words"),
    [("ru", "", RUSSIAN), ("", "ru-RU,ru;q=0.9,en;q=0.8", RUSSIAN), ("en", "ru-RU", ENGLISH), ("de", "", ENGLISH)],
)  # with ui_locales, the app's choice wins over the browser's
def test_login_page_speaks_the_persons_language_under_the_apps_mark(
    dev_idp: DevIdentityProvider, ui_locales: str, accept_language: str, words: tuple[str, str, str]
) -> None:
    title, error, realm_name = words
    with httpx.Client(timeout=10, headers={"Accept-Language": accept_language} if accept_language else {}) as browser:
        form = login_form(_authorize(dev_idp, browser, ui_locales=ui_locales).page)
        assert f'<h1 id="kc-page-title">{title}</h1>' in form.html
        assert 'data-testid="brand"' in form.html and "<svg" in form.html
        project = project_identity(ROOT / "manifests")  # the launcher names the manifests' project above the page
        language = "ru" if words is RUSSIAN else "en"
        assert f"<span>{project.display_name_in(language)}</span>" in form.html
        assert '<link rel="icon" href="data:image/svg+xml,' in form.html  # no request for /favicon.ico, no 404
        hint = re.search(r'<p class="hint">([^<]*)</p>', form.html)
        assert hint is not None and hint.group(1).startswith(realm_name)  # the realm's localization texts
        if words is RUSSIAN:
            assert re.search(r"[A-Za-z]{3,}", hint.group(1)) is None, hint.group(1)
        # an unknown user: a wrong password for a real one would count towards its lockout (brute-force detection)
        refused = login_form(browser.post(form.action, data={"username": "nobody", "password": "wrong"}))
        assert refused.error == error


def test_pkce_is_required(dev_idp: DevIdentityProvider) -> None:
    """Both clients carry pkce.code.challenge.method=S256: no challenge, or a plain one, is an error to the client."""
    with httpx.Client(timeout=10) as browser:
        for overrides in ({"code_challenge": "", "code_challenge_method": ""}, {"code_challenge_method": "plain"}):
            refused = _authorize(dev_idp, browser, **overrides)
            assert refused.left_to is not None and refused.left_to.startswith(CALLBACK), refused.page.text
            assert refused.query["error"] == ["invalid_request"] and refused.query["state"] == ["s1"]


def _code(dev_idp: DevIdentityProvider, browser: httpx.Client, challenge: str) -> str:
    """An authorization code for bob: through the login form, or at once while the SSO session lives."""
    authorization = _authorize(dev_idp, browser, code_challenge=challenge)
    if authorization.left_to is None:
        form = login_form(authorization.page)
        answer = browser.post(form.action, data={"username": "bob", "password": "bob-password"})
        return dev_idp.follow_to_redirect_uri(browser, answer, CALLBACK, "s1")
    return authorization.query["code"][0]


def test_code_exchange_needs_the_verifier_and_the_secret(dev_idp: DevIdentityProvider) -> None:
    verifier, challenge = pkce_pair()
    with httpx.Client(timeout=10) as browser:
        code = _code(dev_idp, browser, challenge)
        with pytest.raises(IdentityProviderError, match="invalid_grant"):
            dev_idp.exchange_code(code, redirect_uri=CALLBACK, code_verifier=pkce_pair()[0])
        code = _code(dev_idp, browser, challenge)
        with pytest.raises(IdentityProviderError, match="invalid_client"):
            dev_idp.exchange_code(code, redirect_uri=CALLBACK, code_verifier=verifier, client_secret="wrong")
        code = _code(dev_idp, browser, challenge)
        assert dev_idp.exchange_code(code, redirect_uri=CALLBACK, code_verifier=verifier)["access_token"]
        with pytest.raises(IdentityProviderError, match="invalid_grant"):  # a code is good once
            dev_idp.exchange_code(code, redirect_uri=CALLBACK, code_verifier=verifier)


def test_refresh_gives_a_new_access_token(dev_idp: DevIdentityProvider, verifier: TokenVerifier) -> None:
    tokens = dev_idp.login("alice")
    response = httpx.post(
        dev_idp.endpoint("token"),
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(WEB_CLIENT, WEB_CLIENT_SECRET),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    refreshed = response.json()
    assert refreshed["access_token"] != tokens["access_token"]
    assert verifier.verify(refreshed["access_token"]).username == "alice"
    assert _claims(refreshed["access_token"])["sid"] == _claims(tokens["access_token"])["sid"]


def test_refresh_tokens_are_jwts_as_keycloak_js_expects(dev_idp: DevIdentityProvider) -> None:
    """keycloak-js decodes the refresh token (Keycloak's are JWTs); a refreshed one is decodable too."""
    tokens = dev_idp.password_tokens("alice")
    claims = jwt.decode(tokens["refresh_token"], options={"verify_signature": False})
    assert claims["typ"] == "Refresh" and claims["azp"] == PUBLIC_CLIENT and claims["iss"] == dev_idp.issuer
    assert claims["exp"] > claims["iat"]
    data = {"grant_type": "refresh_token", "client_id": PUBLIC_CLIENT, "refresh_token": tokens["refresh_token"]}
    refreshed = httpx.post(dev_idp.endpoint("token"), data=data, timeout=10).json()
    assert jwt.decode(refreshed["refresh_token"], options={"verify_signature": False})["typ"] == "Refresh"


def test_userinfo_answers_for_a_live_token_only(dev_idp: DevIdentityProvider) -> None:
    token = dev_idp.login("bob")["access_token"]
    info = httpx.get(dev_idp.endpoint("userinfo"), headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert info.status_code == 200
    assert info.json() | {"sub": "-"} == {
        "sub": "-",
        "preferred_username": "bob",
        "email": "bob@example.org",
        "email_verified": True,
        "name": "Борис Петров",
        "given_name": "Борис",
        "family_name": "Петров",
        "groups": [TESSERACT_GROUP],
    }
    assert httpx.get(dev_idp.endpoint("userinfo"), timeout=5).status_code == 401
    forged = jwt.encode(_claims(token), secrets.token_bytes(32), algorithm="HS256")
    refused = httpx.get(dev_idp.endpoint("userinfo"), headers={"Authorization": f"Bearer {forged}"}, timeout=5)
    assert refused.status_code == 401 and "invalid_token" in refused.headers["www-authenticate"]


def test_introspection_for_confidential_clients(dev_idp: DevIdentityProvider) -> None:
    tokens = dev_idp.login("bob")

    def introspect(token: str, **auth: str) -> httpx.Response:
        return httpx.post(dev_idp.endpoint("token/introspect"), data={"token": token, **auth}, timeout=10)

    secret_post = {"client_id": WEB_CLIENT, "client_secret": WEB_CLIENT_SECRET}  # Keycloak also takes the form fields
    access = introspect(tokens["access_token"], **secret_post).json()
    assert access["active"] is True and access["username"] == "bob" and access["client_id"] == WEB_CLIENT
    assert access["groups"] == [TESSERACT_GROUP]
    refresh = introspect(tokens["refresh_token"], **secret_post).json()
    assert refresh["active"] is True and refresh["typ"] == "Refresh"
    assert introspect("not-a-token", **secret_post).json() == {"active": False}
    assert introspect(tokens["access_token"], client_id=PUBLIC_CLIENT).status_code == 401
    assert introspect(tokens["access_token"], client_id=WEB_CLIENT, client_secret="wrong").status_code == 401


def test_revoking_the_refresh_token_ends_the_grant(dev_idp: DevIdentityProvider) -> None:
    tokens = dev_idp.password_tokens("alice")
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert httpx.get(dev_idp.endpoint("userinfo"), headers=bearer, timeout=5).status_code == 200
    data = {"token": tokens["refresh_token"], "client_id": PUBLIC_CLIENT}
    assert httpx.post(dev_idp.endpoint("revoke"), data=data, timeout=10).status_code == 200
    assert httpx.get(dev_idp.endpoint("userinfo"), headers=bearer, timeout=5).status_code == 401
    refresh = {"grant_type": "refresh_token", "client_id": PUBLIC_CLIENT, "refresh_token": tokens["refresh_token"]}
    assert httpx.post(dev_idp.endpoint("token"), data=refresh, timeout=10).json()["error"] == "invalid_grant"


def _logout_url(dev_idp: DevIdentityProvider, id_token: str, post_logout_redirect_uri: str) -> str:
    query = {"id_token_hint": id_token, "post_logout_redirect_uri": post_logout_redirect_uri, "state": "bye"}
    return f"{dev_idp.endpoint('logout')}?{urlencode(query)}"


def test_logout_with_id_token_hint_ends_the_session(dev_idp: DevIdentityProvider) -> None:
    with httpx.Client(timeout=10) as browser:
        tokens = dev_idp.login("alice", client=browser)
        _, challenge = pkce_pair()
        signed_in = _authorize(dev_idp, browser, code_challenge=challenge)
        assert "code" in signed_in.query  # SSO: no form while the session lives
        response = browser.get(_logout_url(dev_idp, tokens["id_token"], "http://127.0.0.1:8002/"))
        assert response.status_code in (302, 303)
        assert response.headers["location"] == "http://127.0.0.1:8002/?state=bye"
        login_form(_authorize(dev_idp, browser).page)  # the session is gone: the form again
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert httpx.get(dev_idp.endpoint("userinfo"), headers=bearer, timeout=5).status_code == 401
    refresh = httpx.post(
        dev_idp.endpoint("token"),
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(WEB_CLIENT, WEB_CLIENT_SECRET),
        timeout=10,
    )
    assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"


def test_logout_refuses_an_unregistered_post_logout_uri(dev_idp: DevIdentityProvider) -> None:
    with httpx.Client(timeout=10) as browser:
        tokens = dev_idp.login("bob", client=browser)
        response = browser.get(_logout_url(dev_idp, tokens["id_token"], "http://evil.example/"))
        assert response.status_code == 400 and "location" not in response.headers
        assert "post_logout_redirect_uri" in response.text
        assert "code" in _authorize(dev_idp, browser).query  # still signed in


def test_password_grant_for_the_public_client(dev_idp: DevIdentityProvider, verifier: TokenVerifier) -> None:
    tokens = dev_idp.password_tokens("bob")
    principal = verifier.verify(tokens["access_token"])
    assert principal.username == "bob" and principal.groups == {TESSERACT_GROUP}
    assert principal.client_id == PUBLIC_CLIENT
    assert _claims(tokens["id_token"])["aud"] == PUBLIC_CLIENT and tokens["refresh_token"]
    assert verifier.verify(dev_idp.password_token("mallory")).groups == frozenset()
    refreshed = httpx.post(
        dev_idp.endpoint("token"),
        data={"grant_type": "refresh_token", "client_id": PUBLIC_CLIENT, "refresh_token": tokens["refresh_token"]},
        timeout=10,
    )
    assert refreshed.status_code == 200 and verifier.verify(refreshed.json()["access_token"]).username == "bob"


def test_password_grant_refuses_bad_credentials_and_other_clients(dev_idp: DevIdentityProvider) -> None:
    with pytest.raises(IdentityProviderError, match="invalid_grant"):
        dev_idp.password_token("alice", password="wrong")
    response = httpx.post(
        dev_idp.endpoint("token"),
        data={"grant_type": "password", "username": "alice", "password": "alice-password"},
        auth=(WEB_CLIENT, WEB_CLIENT_SECRET),
        timeout=10,
    )
    assert response.status_code == 400 and response.json()["error"] in {"unauthorized_client", "invalid_request"}


def test_a_token_of_another_realm_key_is_refused(dev_idp: DevIdentityProvider, verifier: TokenVerifier) -> None:
    with DevIdentityProvider(dev_idp.folder.parent / f"other-{secrets.token_hex(4)}") as other:
        foreign = other.password_token("alice")
    with pytest.raises(AuthError):
        verifier.verify(foreign)  # another issuer (port) and another key


def test_cors_follows_the_clients_web_origins(dev_idp: DevIdentityProvider) -> None:
    """The realm's webOrigins (port 8002), plus any loopback port for test pages; never another host."""

    def allowed_origin(origin: str) -> str | None:
        data = {"grant_type": "password", "client_id": PUBLIC_CLIENT, "username": "bob", "password": "bob-password"}
        response = httpx.post(dev_idp.endpoint("token"), data=data, headers={"Origin": origin}, timeout=10)
        allowed: str | None = response.headers.get("access-control-allow-origin")
        return allowed

    for origin in ("http://127.0.0.1:8002", "http://localhost:8002", "http://127.0.0.1:43210"):
        assert allowed_origin(origin) == origin
    assert allowed_origin("http://evil.example") is None
    assert allowed_origin("http://127.0.0.1.evil.example:8002") is None


def test_an_allowed_origin_may_send_credentials(dev_idp: DevIdentityProvider) -> None:
    """Keycloak allows credentials to its web origins, and keycloak-js sends its token requests with them."""
    data = {"grant_type": "password", "client_id": PUBLIC_CLIENT, "username": "bob", "password": "bob-password"}

    def cors_headers(origin: str) -> tuple[str | None, str | None]:
        response = httpx.post(dev_idp.endpoint("token"), data=data, headers={"Origin": origin}, timeout=10)
        return (
            response.headers.get("access-control-allow-origin"),
            response.headers.get("access-control-allow-credentials"),
        )

    assert cors_headers("http://127.0.0.1:8002") == ("http://127.0.0.1:8002", "true")
    assert cors_headers("http://evil.example") == (None, None)


def test_wrong_passwords_lock_the_account_for_a_while(tmp_path: Path) -> None:
    """Keycloak's brute-force detection, as the realm export configures it (here 3 failures, 1 s): then even the
    right password is refused, by the password grant and the login form alike, until the wait is over."""
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8")) | {"failureFactor": 3, "waitIncrementSeconds": 1}
    realm_file = tmp_path / "realm.json"
    realm_file.write_text(json.dumps(realm), encoding="utf-8")
    with DevIdentityProvider(tmp_path / "idp", realm_file=realm_file) as idp:
        for _ in range(3):
            with pytest.raises(IdentityProviderError, match="invalid_grant"):
                idp.password_token("alice", password="guess")
        with pytest.raises(IdentityProviderError, match="invalid_grant"):
            idp.password_token("alice")
        with pytest.raises(IdentityProviderError):
            idp.login("alice")
        assert idp.password_token("bob")  # one account's lockout is not another's
        time.sleep(1.2)
        assert idp.password_token("alice")
        for _ in range(2):  # a success starts the count over
            with pytest.raises(IdentityProviderError, match="invalid_grant"):
                idp.password_token("alice", password="guess")
        assert idp.password_token("alice")


def test_sigterm_stops_it_cleanly(tmp_path: Path) -> None:
    idp = DevIdentityProvider(tmp_path)
    idp.start()
    assert idp.running
    assert idp.stop() == 0
    assert idp.stop() is None  # stopped already
    assert "GET /realms/receipts/.well-known/openid-configuration 200" in idp.log_path.read_text()


def test_missing_node_modules_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dev_idp_module, "IDP_DIR", tmp_path)
    with pytest.raises(IdentityProviderError, match="make node-deps"):
        DevIdentityProvider(tmp_path).start()
