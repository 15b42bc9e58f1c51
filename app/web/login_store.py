"""Sign-ins every web-app replica shares: the login store in Redis, chosen by ``RECEIPT_WEB_SESSION_STORE``.

With the in-process store a second replica behind a load balancer does not know a session, and every restart or
rolling update signs everyone out. In Redis a login is one key per login id holding its JSON, living as long as the
session cookie: each read slides both (the cookie is re-issued on every response, GETEX renews the key).

Calls are synchronous, one round trip each on the event loop: a Redis next to the app answers in well under a
millisecond, less than a thread hand-off costs.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import redis

from app.auth import Principal
from app.errors import ApiError
from app.settings import SharedStateSettings, UnsafeSettingsError
from app.web.session import Login, LoginStore, MemoryLoginStore

DEFAULT_KEY_PREFIX = "web:login:"
"""Of the keys when no project prefix is given; the web app passes the project's (``ProjectIdentity.login_key_prefix``)
so that two projects may share one Redis."""
REDIS_SCHEMES = ("redis", "rediss", "unix")
CONNECT_TIMEOUT_S = 2.0


class LoginStoreUnavailable(ApiError):  # noqa: N818 - a condition, like IdentityProviderUnavailable
    """The shared login store cannot be reached: a 503, not a sign-out."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            503, "the sign-in store (Redis) cannot be reached; try again shortly", {"Retry-After": "5"}, reason=reason
        )


def login_to_json(login: Login) -> str:
    principal = login.principal
    return json.dumps(
        {
            "access_token": login.access_token,
            "refresh_token": login.refresh_token,
            "id_token": login.id_token,
            "expires_at": login.expires_at,
            "principal": {
                "subject": principal.subject,
                "username": principal.username,
                "email": principal.email,
                "groups": sorted(principal.groups),
                "roles": sorted(principal.roles),
                "client_id": principal.client_id,
                "claims": dict(principal.claims),
            },
        }
    )


def login_from_json(text: str | bytes) -> Login:
    data: dict[str, Any] = json.loads(text)
    principal = data["principal"]
    return Login(
        access_token=data["access_token"],
        refresh_token=data["refresh_token"],
        id_token=data["id_token"],
        expires_at=data["expires_at"],
        principal=Principal(
            subject=principal["subject"],
            username=principal["username"],
            email=principal["email"],
            groups=frozenset(principal["groups"]),
            roles=frozenset(principal["roles"]),
            client_id=principal["client_id"],
            claims=principal["claims"],
        ),
    )


class RedisLoginStore:
    """Logins in Redis under ``{key_prefix}{id}`` (``receipt-web:login:{id}``), each expiring ``ttl_s`` after its last
    use."""

    def __init__(self, client: redis.Redis, ttl_s: int, key_prefix: str = DEFAULT_KEY_PREFIX) -> None:
        self._redis = client
        self._ttl_s = ttl_s
        self._key_prefix = key_prefix

    @contextmanager
    def _reaching(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as error:
            raise LoginStoreUnavailable(str(error)) from error

    def add(self, login: Login) -> str:
        login_id = secrets.token_urlsafe(32)
        with self._reaching():
            self._redis.set(self._key_prefix + login_id, login_to_json(login), ex=self._ttl_s, nx=True)
        return login_id

    def get(self, login_id: str | None) -> Login | None:
        if login_id is None:
            return None
        with self._reaching():
            found = self._redis.getex(self._key_prefix + login_id, ex=self._ttl_s)
        return login_from_json(found) if found is not None else None

    def replace(self, login_id: str, login: Login) -> None:
        with self._reaching():
            self._redis.set(self._key_prefix + login_id, login_to_json(login), ex=self._ttl_s, xx=True)

    def remove(self, login_id: str | None) -> Login | None:
        if login_id is None:
            return None
        with self._reaching():
            found = self._redis.getdel(self._key_prefix + login_id)
        return login_from_json(found) if found is not None else None

    def close(self) -> None:
        self._redis.close()


def store_client(settings: SharedStateSettings) -> redis.Redis | None:
    """The Redis ``settings.web_session_store`` names, or None when unset (the web app keeps its state in memory)."""
    if settings.web_session_store is None:
        return None
    url = settings.web_session_store.get_secret_value()
    scheme = urlparse(url).scheme
    if scheme not in REDIS_SCHEMES:
        raise UnsafeSettingsError(
            f"RECEIPT_WEB_SESSION_STORE must be a redis://, rediss:// or unix:// URL, not one with {scheme or 'no'} "
            "scheme; unset it to keep sign-ins in the process's memory"
        )
    return redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_S, socket_timeout=CONNECT_TIMEOUT_S)


def login_store(settings: SharedStateSettings, ttl_s: int, key_prefix: str = DEFAULT_KEY_PREFIX) -> LoginStore:
    """The store ``settings.web_session_store`` names: unset, this process's memory; a redis:// URL, Redis."""
    client = store_client(settings)
    return MemoryLoginStore() if client is None else RedisLoginStore(client, ttl_s, key_prefix)
