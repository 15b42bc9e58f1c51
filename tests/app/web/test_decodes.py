"""The web app's bound on concurrent decodes: the slot logic in isolation (a decode stood in by a function that waits
for an event), and through the real app with the real sandbox (tests/app/web/test_pages.py)."""

from __future__ import annotations

import asyncio
import threading

import anyio.to_thread
import pytest

from app.web.decodes import DecodesBusyError, DecodeSlots


def _held(started: threading.Event, finish: threading.Event) -> str:
    started.set()
    assert finish.wait(10)
    return "decoded"


def test_a_second_decode_waits_then_is_refused_while_the_only_slot_is_taken() -> None:
    slots = DecodeSlots(1, wait_s=0.2)
    started, finish = threading.Event(), threading.Event()
    first = threading.Thread(target=slots.run, args=(_held, started, finish))
    first.start()
    assert started.wait(5)
    assert (slots.running, slots.waiting) == (1, 0)
    with pytest.raises(DecodesBusyError, match="decoding 1 other document"):
        slots.run(str, "second")
    finish.set()
    first.join(5)
    assert (slots.running, slots.waiting) == (0, 0)
    assert slots.run(str, "second") == "second"


def test_a_waiting_decode_gets_the_slot_when_it_comes_free_within_the_wait() -> None:
    slots = DecodeSlots(1, wait_s=5)
    started, finish = threading.Event(), threading.Event()
    first = threading.Thread(target=slots.run, args=(_held, started, finish))
    first.start()
    assert started.wait(5)
    threading.Timer(0.3, finish.set).start()
    assert slots.run(str, "second") == "second"
    first.join(5)
    assert slots.running == 0


def test_a_failing_decode_gives_its_slot_back() -> None:
    slots = DecodeSlots(1, wait_s=0)
    with pytest.raises(ZeroDivisionError):
        slots.run(divmod, 1, 0)
    assert slots.running == 0
    assert slots.run(str, 1) == "1"


def test_a_cancelled_request_keeps_the_slot_until_its_decode_has_ended() -> None:
    """The request's task can be cancelled (the client left, a timeout); the thread decoding cannot, so the slot
    stays taken until that thread is done, or each cancelled request would let one more decode start."""
    slots = DecodeSlots(1, wait_s=0)
    started, finish = threading.Event(), threading.Event()

    async def scenario() -> None:
        request = asyncio.ensure_future(
            anyio.to_thread.run_sync(slots.run, _held, started, finish, abandon_on_cancel=True)
        )
        while not started.is_set():
            await asyncio.sleep(0.01)
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request
        assert slots.running == 1
        with pytest.raises(DecodesBusyError):
            slots.run(str, "another")
        finish.set()
        for _ in range(500):
            if slots.running == 0:
                break
            await asyncio.sleep(0.01)
        assert slots.running == 0

    asyncio.run(scenario())


def test_bad_bounds_are_refused() -> None:
    with pytest.raises(ValueError, match="max_decodes"):
        DecodeSlots(0, wait_s=1)
