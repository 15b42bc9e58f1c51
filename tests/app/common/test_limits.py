"""The body caps count a request's bytes as the app reads them, so nothing past the cap is ever read, and end a body
that stops arriving."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message, Receive, Scope, Send

from app.common.limits import BodyIdle, BodySizeLimit, BodyTooLarge, limited_receive

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


def test_a_body_that_stops_arriving_ends_with_408() -> None:
    """The audit's client sent headers and a few bytes of a 100 kB body, then nothing: the runtime held it for ever."""
    messages = [{"type": "http.request", "body": b"--b", "more_body": True}]

    async def receive() -> Message:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(60)
        raise AssertionError("never")

    async def read() -> None:
        limited = limited_receive(receive, 1000, idle_s=0.2)
        assert (await limited())["body"] == b"--b"
        await limited()

    with pytest.raises(BodyIdle) as idle:
        asyncio.run(asyncio.wait_for(read(), 5))
    assert idle.value.status_code == 408 and idle.value.headers["Connection"] == "close"


def test_after_the_body_the_app_may_wait_for_the_client_as_long_as_it_likes() -> None:
    """Once the body is complete, ``receive`` is how a route hears the client disconnect: no deadline there."""
    messages = [{"type": "http.request", "body": b"{}", "more_body": False}]

    async def receive() -> Message:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(0.5)
        return {"type": "http.disconnect"}

    async def read() -> str:
        limited = limited_receive(receive, 1000, idle_s=0.1)
        await limited()
        return str((await limited())["type"])

    assert asyncio.run(read()) == "http.disconnect"
