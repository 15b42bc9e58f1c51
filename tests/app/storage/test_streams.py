"""The stream helpers of uploads: a head peeked at and handed on, exact reads over short ones, size and digest."""

from __future__ import annotations

import hashlib
import io

import pytest

from app.storage.base import MeteredStream, Prepended, SizeLimitExceeded, read_up_to


class Trickle(io.BytesIO):
    """A stream of short reads, as a socket gives them."""

    def read(self, size: int | None = -1, /) -> bytes:
        return super().read(min(3, size) if size is not None and size >= 0 else 3)


def test_prepended_gives_the_head_in_pieces_then_the_stream() -> None:
    stream = Prepended(b"abcdef", io.BytesIO(b"ghij"))
    assert [stream.read(4), stream.read(4), stream.read(4), stream.read(4)] == [b"abcd", b"ef", b"ghij", b""]


def test_prepended_hands_on_a_whole_head_without_copying_it() -> None:
    head = b"x" * 1000
    assert Prepended(head, io.BytesIO()).read(5000) is head
    assert Prepended(head, io.BytesIO()).read() is head


def test_prepended_reads_everything_with_a_negative_size_in_two_steps() -> None:
    stream = Prepended(b"head", io.BytesIO(b"tail"))
    assert stream.read(1) == b"h"
    assert stream.read() == b"ead"
    assert stream.read() == b"tail"


def test_read_up_to_gathers_short_reads_and_stops_at_the_end() -> None:
    assert read_up_to(Trickle(b"0123456789"), 8) == b"01234567"
    assert read_up_to(Trickle(b"0123"), 8) == b"0123"


def test_read_up_to_returns_a_single_read_as_is() -> None:
    data = b"y" * 4096

    class Whole:
        def read(self, size: int = -1, /) -> bytes:
            return data

    assert read_up_to(Whole(), 4096) is data


def test_metered_stream_counts_hashes_and_stops_past_the_limit() -> None:
    metered = MeteredStream(io.BytesIO(b"a" * 10), limit=10)
    assert read_up_to(metered, 100) == b"a" * 10
    assert (metered.size, metered.sha256) == (10, hashlib.sha256(b"a" * 10).hexdigest())
    with pytest.raises(SizeLimitExceeded):
        read_up_to(MeteredStream(io.BytesIO(b"a" * 11), limit=10), 100)
