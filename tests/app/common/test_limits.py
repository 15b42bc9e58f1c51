"""The body cap counts a request's bytes as the app reads them, so nothing past the cap is ever read."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message, Receive, Scope, Send

from app.common.limits import BodySizeLimit, BodyTooLarge

CHUNK = b"x" * 1000


def _run(limit: int, chunks: int) -> tuple[int, BaseException | None]:
    """Feed ``chunks`` body messages to an app that reads them all; how many were read, and what was raised."""
    read = 0
    pending = [{"type": "http.request", "body": CHUNK, "more_body": i < chunks - 1} for i in range(chunks)]

    async def receive() -> Message:
        return pending.pop(0)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal read
        while True:
            message = await receive()
            read += 1
            if not message.get("more_body"):
                return

    async def send(message: Message) -> None:
        raise AssertionError("the app sends nothing here")

    try:
        asyncio.run(BodySizeLimit(app, limit)({"type": "http"}, receive, send))
    except BodyTooLarge as error:
        return read, error
    return read, None


def test_a_body_within_the_cap_is_read_whole() -> None:
    assert _run(limit=5000, chunks=5) == (5, None)


def test_a_body_past_the_cap_stops_at_the_chunk_that_crosses_it() -> None:
    read, error = _run(limit=2500, chunks=50)

    assert read == 2  # the third chunk (3000 bytes so far) raises before the app sees it
    assert isinstance(error, BodyTooLarge) and error.limit == 2500


@pytest.mark.parametrize("kind", ["websocket", "lifespan"])
def test_other_scopes_pass_through(kind: str) -> None:
    seen: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["type"])

    async def never() -> Message:
        raise AssertionError

    async def nowhere(message: Message) -> None:
        raise AssertionError

    asyncio.run(BodySizeLimit(app, 1)({"type": kind}, never, nowhere))
    assert seen == [kind]
