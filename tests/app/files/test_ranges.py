"""Range headers (RFC 9110 §14) against a 1000-byte file: which bytes, the whole file, or 416."""

from __future__ import annotations

import pytest

from app.files.ranges import RangeNotSatisfiable, content_range, parse_range
from app.storage import ByteRange

SIZE = 1000


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-0", ByteRange(0, 0)),
        ("bytes=0-499", ByteRange(0, 499)),
        ("bytes=500-", ByteRange(500, 999)),
        ("bytes=-1", ByteRange(999, 999)),
        ("bytes=-2000", ByteRange(0, 999)),
        ("bytes=990-5000", ByteRange(990, 999)),
        ("bytes=999-999", ByteRange(999, 999)),
        (" Bytes=1-2 ", ByteRange(1, 2)),
        ("bytes= 1-2", ByteRange(1, 2)),
        ("bytes=0-1, 5-6", None),
        ("items=0-5", None),
        ("", None),
    ],
)
def test_parse_range(header: str | None, expected: ByteRange | None) -> None:
    assert parse_range(header, SIZE) == expected


@pytest.mark.parametrize(
    "header", ["bytes=1000-", "bytes=1000-1001", "bytes=5-4", "bytes=-0", "bytes=-", "bytes=a-b", "bytes=1-2-3"]
)
def test_parse_range_unsatisfiable(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable) as raised:
        parse_range(header, SIZE)
    assert raised.value.size == SIZE


def test_parse_range_of_empty_file_is_unsatisfiable() -> None:
    for header in ("bytes=0-", "bytes=-5"):
        with pytest.raises(RangeNotSatisfiable):
            parse_range(header, 0)


def test_content_range() -> None:
    assert content_range(ByteRange(10, 19), SIZE) == "bytes 10-19/1000"
