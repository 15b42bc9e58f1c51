"""Signing in and out through the dev realm (the Keycloak stand-in), driven by httpx as a browser would be:
authorization code with PKCE, the session cookie, the no-access page, access-token refresh, RP-initiated logout."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
from dev_idp import login_form
from web_kit import SESSION_COOKIE, DevStack

from app.web.state import WebState


def _sign_in(stack: DevStack, browser: httpx.Client, username: str) -> httpx.Response:
    start = browser.get("/auth/login?next=/history", follow_redirects=False)
    authorize = parse_qs(urlsplit(start.headers["location"]).query)
    assert authorize["code_challenge_method"] == ["S256"]
    assert authorize["redirect_uri"] == [stack.url + "/auth/callback"]
    form = login_form(browser.get(start.headers["location"]))
    return browser.post(form.action, data={"username": username, "password": f"{username}-password"})


def test_member_signs_in_refreshes_and_signs_out(dev_stack: DevStack) -> None:
    with httpx.Client(base_url=dev_stack.url, follow_redirects=True, timeout=30) as browser:
        landed = _sign_in(dev_stack, browser, "alice")
        assert landed.status_code == 200
        assert str(landed.url) == dev_stack.url + "/history"
        assert 'data-testid="username">alice<' in landed.text
        cookie = next(c for c in browser.cookies.jar if c.name == SESSION_COOKIE)
        assert cookie.has_nonstandard_attr("httponly") and cookie.get_nonstandard_attr("samesite") == "lax"
        assert len(cookie.value or "") < 1000  # the tokens stay on the server

        state: WebState = dev_stack.app.state.web
        login_id, login = list(state.logins._logins.items())[-1]  # the one this sign-in just added
        state.logins.replace(login_id, login.__class__(**(vars(login) | {"expires_at": 0.0})))
        assert browser.get("/").status_code == 200
        refreshed = state.logins.get(login_id)
        assert refreshed is not None and refreshed.access_token != login.access_token

        csrf = re.search(r'name="csrf_token" value="([^"]+)"', landed.text)
        assert csrf
        out = browser.post("/auth/logout", data={"csrf_token": csrf.group(1)}, follow_redirects=False)
        assert out.status_code == 303
        logout = urlsplit(out.headers["location"])
        assert f"{logout.scheme}://{logout.netloc}{logout.path}" == dev_stack.idp.endpoint("logout")
        query = parse_qs(logout.query)
        assert query["id_token_hint"] == [refreshed.id_token]
        assert query["post_logout_redirect_uri"] == [dev_stack.url + "/"]
        assert state.logins.get(login_id) is None
        back = browser.get(out.headers["location"])  # the realm ends its session and sends the browser home
        assert urlsplit(str(back.url)).path == "/"
        assert 'href="/auth/login"' in back.text
        assert browser.get("/history", follow_redirects=False).status_code == 303


def test_user_outside_the_groups_gets_no_access(dev_stack: DevStack) -> None:
    with httpx.Client(base_url=dev_stack.url, follow_redirects=True, timeout=30) as browser:
        landed = _sign_in(dev_stack, browser, "mallory")
        assert landed.status_code == 403
        assert 'data-testid="no-access"' in landed.text


def test_wrong_password_stays_at_the_realm(dev_stack: DevStack) -> None:
    with httpx.Client(base_url=dev_stack.url, follow_redirects=True, timeout=30) as browser:
        page = browser.get("/auth/login")
        answer = browser.post(login_form(page).action, data={"username": "alice", "password": "nope"})
        assert login_form(answer).error
        assert browser.get("/history", follow_redirects=False).status_code == 303
