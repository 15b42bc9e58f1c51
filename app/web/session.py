"""Who is signed in, and the CSRF token of their session.

The session cookie is Starlette's signed cookie and holds only small things: a random login id, the CSRF token, the
language. The tokens themselves (access, refresh and ID token: several KB together, more than a cookie may hold) stay
on the server in a ``LoginStore`` keyed by that id, so they never reach the browser.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from fastapi import Request

from app.auth import Principal
from app.errors import ApiError

LOGIN_KEY = "login"
CSRF_KEY = "csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class Login:
    """One person's tokens, as the identity provider issued them, and who they name."""

    access_token: str
    refresh_token: str | None
    id_token: str | None
    expires_at: float
    principal: Principal

    def expires_within(self, seconds: float) -> bool:
        return self.expires_at - seconds <= time.time()


class LoginStore(Protocol):
    """Where the web app keeps logins by id: this process's memory, or Redis shared by every replica
    (``app.web.login_store``)."""

    def add(self, login: Login) -> str: ...

    def get(self, login_id: str | None) -> Login | None: ...

    def replace(self, login_id: str, login: Login) -> None: ...

    def remove(self, login_id: str | None) -> Login | None: ...


class MemoryLoginStore:
    """Logins by id, in this process's memory; the oldest go first beyond ``capacity``. A restart signs people out
    (they sign in again with one click while their identity-provider session lasts), and a second replica does not
    know them: one machine only."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._logins: OrderedDict[str, Login] = OrderedDict()
        self._lock = threading.Lock()
        self._capacity = capacity

    def add(self, login: Login) -> str:
        login_id = secrets.token_urlsafe(32)
        with self._lock:
            self._logins[login_id] = login
            while len(self._logins) > self._capacity:
                self._logins.popitem(last=False)
        return login_id

    def get(self, login_id: str | None) -> Login | None:
        if login_id is None:
            return None
        with self._lock:
            return self._logins.get(login_id)

    def replace(self, login_id: str, login: Login) -> None:
        with self._lock:
            if login_id in self._logins:
                self._logins[login_id] = login

    def remove(self, login_id: str | None) -> Login | None:
        with self._lock:
            return self._logins.pop(login_id, None) if login_id is not None else None


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use; forms carry it in a hidden field, htmx in a header."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return token


class CsrfError(ApiError):
    """A state-changing request without the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__(403, "the form has expired: reload the page and try again")


async def require_csrf(request: Request) -> None:
    """Dependency of every state-changing route: the header (htmx) or the form field must match the session's token."""
    expected = request.session.get(CSRF_KEY)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("multipart/form-data", "application/x-www-form-urlencoded")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or sent is None or not secrets.compare_digest(expected, sent):
        raise CsrfError
