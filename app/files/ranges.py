"""HTTP Range requests (RFC 9110 §14): which bytes of a file a download asks for."""

from __future__ import annotations

import re

from app.errors import ApiError
from app.storage import ByteRange

_SINGLE = re.compile(r"bytes=([0-9]*)-([0-9]*)", re.ASCII)


class RangeNotSatisfiable(ApiError):  # noqa: N818 -- HTTP's name for it (416)
    def __init__(self, size: int) -> None:
        super().__init__(416, "the requested range is not within the file", {"Content-Range": f"bytes */{size}"})
        self.size = size


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single byte range ``header`` asks for, clipped to the file; None for the whole file.

    Other units and multi-range requests are answered with the whole file, which RFC 9110 allows; a malformed or
    unsatisfiable ``bytes=`` range is RangeNotSatisfiable (416).
    """
    if header is None:
        return None
    spec = header.strip()
    if not spec.lower().startswith("bytes=") or "," in spec:
        return None
    match = _SINGLE.fullmatch("bytes=" + spec[6:].strip())
    if match is None or match[1] == match[2] == "":
        raise RangeNotSatisfiable(size)
    first, last = match[1], match[2]
    if first == "":  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable(size)
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    end = size - 1 if last == "" else int(last)
    if start >= size or end < start:
        raise RangeNotSatisfiable(size)
    return ByteRange(start, min(end, size - 1))


def content_range(byte_range: ByteRange, size: int) -> str:
    return f"bytes {byte_range.start}-{byte_range.end}/{size}"
