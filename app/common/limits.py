"""Caps on request bodies, applied as the bytes arrive, in front of every route of the runtime and the web app.

Size: a Content-Length can be left out (chunked), and Starlette's form parsing would otherwise spool any amount to
disk before a route could look at its size (the runtime's multipart route read a 200 MB part into memory whole).
Idle time: a client that starts a body and then sends nothing held its connection, and what it had sent, for ever;
the file service's uploads end the same way (``app.files.multipart``)."""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import ApiError

FORM_OVERHEAD_BYTES = 64 * 1024
"""Room for the multipart boundaries and the other fields around the photo."""

CLOSE = {"Connection": "close"}
"""A body cut off midway leaves the rest of it on the connection: it cannot carry another request."""


class BodyTooLarge(ApiError):  # noqa: N818 - what the client sent, not a fault here
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over {limit} bytes")
        self.limit = limit


class BodyIdle(ApiError):  # noqa: N818 - what the client did, not a fault here
    def __init__(self, idle_s: float) -> None:
        super().__init__(408, f"nothing of the request body arrived for {idle_s:g} s; send it again", CLOSE)


class BodySizeLimit:
    """Raises ``BodyTooLarge`` from ``receive`` once a request's body passes ``max_bytes``, and ``BodyIdle`` when the
    body, not yet complete, sends nothing for ``idle_s``; the route or an exception handler answers 413 or 408."""

    def __init__(self, app: ASGIApp, max_bytes: int, idle_s: float | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.idle_s = idle_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, limited_receive(receive, self.max_bytes, self.idle_s), send)


def limited_receive(receive: Receive, max_bytes: int, idle_s: float | None = None) -> Receive:
    """``receive`` raising ``BodyTooLarge`` once the body it has passed on is over ``max_bytes``, and ``BodyIdle``
    when a body still to come sends nothing for ``idle_s`` (after the body's end it waits as long as the app likes:
    that is how a route hears the client go)."""
    received = 0
    complete = False

    async def limited() -> Message:
        nonlocal received, complete
        if complete or idle_s is None:
            message = await receive()
        else:
            try:
                with anyio.fail_after(idle_s):
                    message = await receive()
            except TimeoutError as exc:
                raise BodyIdle(idle_s) from exc
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            complete = not message.get("more_body", False)
            if received > max_bytes:
                raise BodyTooLarge(max_bytes)
        return message

    return limited
