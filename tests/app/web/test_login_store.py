"""Sign-ins in a real Redis (Debian's redis-server, started per module): shared by web-app replicas, expiring."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import pytest
import redis
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from pydantic import SecretStr
from web_kit import SESSION_COOKIE, sign_in, web_app, web_settings, web_token

from app.auth import Principal
from app.settings import Settings, UnsafeSettingsError
from app.stack.redis_server import RedisServer
from app.web.login_store import LoginStoreUnavailable, RedisLoginStore, login_store
from app.web.session import Login, MemoryLoginStore

GROUP = "/pu-gallery-pa-tesseract-ocr/gallery-tesseract-users"


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


def _store(server: RedisServer, ttl_s: int) -> RedisLoginStore:
    return RedisLoginStore(redis.Redis.from_url(server.url), ttl_s)


def _login(username: str = "alice") -> Login:
    principal = Principal(
        subject="sub-1",
        username=username,
        email=f"{username}@example.org",
        groups=frozenset({GROUP, "/other"}),
        roles=frozenset({"user"}),
        client_id="receipt-web",
        claims={"exp": 2_000_000_000, "preferred_username": username, "groups": [GROUP]},
    )
    return Login("access", "refresh", "id-token", 2_000_000_000.0, principal)


def test_redis_store_returns_the_login_it_was_given(redis_server: RedisServer) -> None:
    store = _store(redis_server, 60)
    login = _login()
    login_id = store.add(login)
    assert store.get(login_id) == login
    assert store.get(login_id).principal.claims == login.principal.claims  # type: ignore[union-attr]


def test_redis_store_unknown_or_missing_id_is_nobody(redis_server: RedisServer) -> None:
    store = _store(redis_server, 60)
    assert store.get("no-such-login") is None
    assert store.get(None) is None
    assert store.remove(None) is None


def test_redis_store_remove_returns_the_login_once(redis_server: RedisServer) -> None:
    store = _store(redis_server, 60)
    login_id = store.add(_login())
    assert store.remove(login_id) == _login()
    assert store.remove(login_id) is None
    assert store.get(login_id) is None


def test_redis_store_replace_updates_only_a_live_login(redis_server: RedisServer) -> None:
    store = _store(redis_server, 60)
    login_id = store.add(_login())
    store.replace(login_id, _login("bob"))
    assert store.get(login_id) == _login("bob")
    store.replace("gone", _login("bob"))
    assert store.get("gone") is None


def test_redis_store_login_expires_after_its_ttl(redis_server: RedisServer) -> None:
    store = _store(redis_server, 1)
    login_id = store.add(_login())
    assert store.get(login_id) is not None
    time.sleep(2.2)
    assert store.get(login_id) is None


def test_redis_store_use_slides_the_expiry(redis_server: RedisServer) -> None:
    store = _store(redis_server, 2)
    login_id = store.add(_login())
    for _ in range(3):
        time.sleep(1.2)
        assert store.get(login_id) is not None  # 3.6 s after add: alive only because each read renewed it


def test_redis_store_unreachable_raises_unavailable() -> None:
    store = RedisLoginStore(redis.Redis(port=9, socket_connect_timeout=1), 60)  # the discard port: refused at once
    with pytest.raises(LoginStoreUnavailable, match=r"sign-in store \(Redis\) cannot be reached"):
        store.get("any")


def test_login_store_unset_is_the_process_memory() -> None:
    assert isinstance(login_store(Settings(environment="development"), 60), MemoryLoginStore)


def test_login_store_other_scheme_is_refused_without_echoing_the_url() -> None:
    settings = Settings(environment="development", web_session_store=SecretStr("http://user:hunter2@cache:6379"))
    with pytest.raises(UnsafeSettingsError, match="RECEIPT_WEB_SESSION_STORE must be a redis://") as refused:
        login_store(settings, 60)
    assert "hunter2" not in str(refused.value)


@pytest.fixture(scope="module")
def replicas(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, redis_server: RedisServer
) -> Iterator[tuple[TestClient, TestClient]]:
    """Two web-app instances sharing one Redis and one cookie key, as replicas behind a load balancer are."""
    settings = web_settings(realm.issuer, runtime_url, files_url, web_session_store=SecretStr(redis_server.url))
    with TestClient(web_app(settings)) as first, TestClient(web_app(settings)) as second:
        yield first, second


def test_login_on_one_replica_works_on_the_other(
    replicas: tuple[TestClient, TestClient], realm: TestIdentityProvider
) -> None:
    first, second = replicas
    csrf = sign_in(first, web_token(realm, GROUP, username="carol"))
    second.cookies.set(SESSION_COOKIE, first.cookies[SESSION_COOKIE])

    page = second.get("/history", follow_redirects=False)
    assert page.status_code == 200
    assert 'data-testid="username">carol<' in page.text

    out = second.post("/auth/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert first.get("/history", follow_redirects=False).status_code == 303  # signed out on every replica


def test_in_process_store_does_not_share_the_login(
    realm: TestIdentityProvider, runtime_url: str, files_url: str
) -> None:
    """The control: without Redis the second instance does not know the session."""
    settings = web_settings(realm.issuer, runtime_url, files_url)
    with TestClient(web_app(settings)) as first, TestClient(web_app(settings)) as second:
        sign_in(first, web_token(realm, GROUP))
        second.cookies.set(SESSION_COOKIE, first.cookies[SESSION_COOKIE])
        assert first.get("/history", follow_redirects=False).status_code == 200
        assert second.get("/history", follow_redirects=False).status_code == 303


def test_web_app_with_redis_down_answers_503(realm: TestIdentityProvider, runtime_url: str, files_url: str) -> None:
    settings = web_settings(realm.issuer, runtime_url, files_url, web_session_store=SecretStr("redis://127.0.0.1:9/0"))
    with TestClient(web_app(settings)) as client:
        cookie = base64.b64encode(json.dumps({"login": "some-login-id"}).encode())
        signed = TimestampSigner(settings.web_session_secret.get_secret_value()).sign(cookie).decode()
        client.cookies.set(SESSION_COOKIE, signed)
        answer = client.get("/history", follow_redirects=False)
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert "sign-in store (Redis) cannot be reached" in answer.text
