"""Two web-app replicas behind a real load balancer (Debian's HAProxy) sharing a real Redis: a person signed in
stays signed in whichever replica answers."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import httpx
import pytest
import redis
from auth_fixtures import TestIdentityProvider
from itsdangerous import TimestampSigner
from pydantic import SecretStr
from web_kit import SESSION_COOKIE, web_app, web_settings, web_token

from app.settings import Settings
from app.stack.haproxy import SERVED_BY, HAProxyServer
from app.stack.redis_server import RedisServer
from app.web.login_store import RedisLoginStore
from app.web.session import Login
from tests.app.runtime.runtime_kit import live_server

GROUP = "/pu-gallery-pa-tesseract-ocr/gallery-tesseract-users"


@pytest.fixture(scope="module")
def balanced(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Settings, RedisServer]]:
    """HAProxy's URL in front of two web apps, the settings they share, and their Redis."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        settings = web_settings(realm.issuer, runtime_url, files_url, web_session_store=SecretStr(server.url))
        with live_server(web_app(settings)) as first, live_server(web_app(settings)) as second:
            targets = [first.removeprefix("http://"), second.removeprefix("http://")]
            folder = tmp_path_factory.mktemp("haproxy")
            with HAProxyServer(folder, targets=targets, health_path="/healthz") as balancer:
                _wait_until_both_serve(balancer.url)
                yield balancer.url, settings, server


def _wait_until_both_serve(url: str, attempts: int = 100) -> None:
    seen: set[str] = set()
    for _ in range(attempts):
        answer = httpx.get(f"{url}/healthz")
        if answer.status_code == 200:
            seen.add(answer.headers[SERVED_BY])
        if len(seen) == 2:
            return
        time.sleep(0.1)
    raise AssertionError(f"only {seen or 'no replica'} answered through HAProxy")


def _session_cookie(settings: Settings, server: RedisServer, realm: TestIdentityProvider) -> str:
    """A signed-in session as the login callback leaves it: the login in the shared store, its id in the cookie."""
    web = web_app(settings).state.web
    store = RedisLoginStore(redis.Redis.from_url(server.url), 3600, web.project.login_key_prefix)
    token = web_token(realm, GROUP, username="dora")
    principal = web.verifier.verify(token)
    login_id = store.add(Login(token, None, None, float(principal.claims["exp"]), principal))
    data = base64.b64encode(json.dumps({"login": login_id, "csrf": "x"}).encode())
    return TimestampSigner(settings.web_session_secret.get_secret_value()).sign(data).decode()


def test_signed_in_on_every_replica_behind_the_load_balancer(
    balanced: tuple[str, Settings, RedisServer], realm: TestIdentityProvider
) -> None:
    url, settings, server = balanced
    cookie = _session_cookie(settings, server, realm)
    served_by = set()
    with httpx.Client(base_url=url, cookies={SESSION_COOKIE: cookie}) as browser:
        for _ in range(4):
            page = browser.get("/history")
            assert page.status_code == 200
            assert 'data-testid="username">dora<' in page.text
            served_by.add(page.headers[SERVED_BY])
    assert served_by == {"replica1", "replica2"}  # round robin: both replicas knew the session
