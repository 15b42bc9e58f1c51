"""A cap on request bodies, counted as they arrive: a Content-Length can be left out (chunked), and Starlette's form
parsing would otherwise spool any amount to disk before a route could look at its size (the runtime's multipart
route then read a 200 MB part into memory whole). The web app caps every body; the runtime its form route."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import ApiError

FORM_OVERHEAD_BYTES = 64 * 1024
"""Room for the multipart boundaries and the other fields around the photo."""


class BodyTooLarge(ApiError):  # noqa: N818 - what the client sent, not a fault here
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over {limit} bytes")
        self.limit = limit


class BodySizeLimit:
    """Raises ``BodyTooLarge`` from ``receive`` once a request's body passes ``max_bytes``; the route or an exception
    handler turns it into a 413 page."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, limited_receive(receive, self.max_bytes), send)


def limited_receive(receive: Receive, max_bytes: int) -> Receive:
    """``receive`` raising ``BodyTooLarge`` once the body it has passed on is over ``max_bytes``."""
    received = 0

    async def limited() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > max_bytes:
                raise BodyTooLarge(max_bytes)
        return message

    return limited
