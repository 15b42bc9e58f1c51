"""A cap on request bodies, counted as they arrive: a Content-Length can be left out (chunked), and Starlette's form
parsing would otherwise spool any amount to disk before a route could look at its size."""

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
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited, send)
