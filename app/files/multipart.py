"""A multipart/form-data upload read as it arrives, so a file goes to storage without being held whole anywhere.

Starlette's ``request.form()`` spools every file to a temporary file before the route sees it; here the storage
write starts while the body is still coming in. The storage client is blocking, so it runs in a worker thread and
pulls the body from the event loop in batches (``RequestBody.pull``); ``MultipartFile`` parses those batches and
hands on the bytes of the form's file field. A body that ends or a client that disconnects before the file's closing
boundary is UploadInterrupted: the file is incomplete, and nothing of it may be stored.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

import anyio.from_thread
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from app.files.models import FileServiceError
from app.storage.base import CHUNK_BYTES

if TYPE_CHECKING:  # a TypedDict python-multipart defines for type checkers only
    from python_multipart.multipart import MultipartCallbacks

FILE_FIELD = "file"


class UploadInterrupted(FileServiceError):  # noqa: N818 -- what happened, not a bug
    """The body ended, or the client went away, before the file's closing boundary: the file is incomplete."""

    def __init__(self, detail: str = "the upload was interrupted before the file was complete") -> None:
        super().__init__(400, detail)


class RequestBody:
    """The request body for a worker thread: ``pull()`` blocks while the event loop gathers the next batch.

    Batching (about ``CHUNK_BYTES``) keeps the thread hops to one per megabyte instead of one per socket read.
    """

    def __init__(self, request: Request, limit: int, too_large: str, idle_s: float = 20.0) -> None:
        self._chunks: AsyncIterator[bytes] = request.stream().__aiter__()
        self._limit = limit
        self._too_large = too_large
        self._idle_s = idle_s
        self.received = 0

    async def next_batch(self) -> list[bytes]:
        """The body's next pieces, about a megabyte together, as they came (joining them would copy every byte once
        more); an empty list at its end."""
        parts: list[bytes] = []
        size = 0
        while size < CHUNK_BYTES:
            try:
                with anyio.fail_after(self._idle_s):
                    chunk = await self._chunks.__anext__()
            except StopAsyncIteration:
                break
            except ClientDisconnect as exc:
                raise UploadInterrupted() from exc
            except TimeoutError as exc:  # a client trickling or stalled holds a slot: it gives it back now
                raise FileServiceError(
                    408, f"nothing of the upload arrived for {self._idle_s:g} s; send it again",
                    {"Connection": "close"},
                ) from exc  # fmt: skip
            if chunk:
                parts.append(chunk)
                size += len(chunk)
        self.received += size
        if self.received > self._limit:
            raise FileServiceError(413, self._too_large)
        return parts

    def pull(self) -> list[bytes]:
        """``next_batch`` from a thread started by ``anyio.to_thread``."""
        return anyio.from_thread.run(self.next_batch)

    async def drain(self) -> None:
        """Read what is left (the closing boundary), so the connection can serve the next request."""
        while await self.next_batch():
            pass


class MultipartFile:
    """The ``file`` field of a multipart/form-data body as a readable stream; other fields are skipped.

    ``open()`` reads up to the field's headers (its file name); ``read()`` then yields its bytes as they arrive.
    """

    def __init__(self, content_type: str, pull: Callable[[], list[bytes]]) -> None:
        kind, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise FileServiceError(415, f"send multipart/form-data with the file in a field named {FILE_FIELD!r}")
        self.name: str | None = None
        self._pull = pull
        self._data: deque[bytes] = deque()
        self._buffered = 0
        self._headers: dict[bytes, bytes] = {}
        self._header_field = self._header_value = b""
        self._state = "before"  # → "in" (the file's bytes are arriving) → "done"
        self._in_part = False
        callbacks: MultipartCallbacks = {
            "on_part_begin": self._on_part_begin,
            "on_header_field": self._on_header_field,
            "on_header_value": self._on_header_value,
            "on_header_end": self._on_header_end,
            "on_headers_finished": self._on_headers_finished,
            "on_part_data": self._on_part_data,
            "on_part_end": self._on_part_end,
        }
        self._parser = MultipartParser(boundary, callbacks)

    def open(self) -> None:
        """Read until the file field starts; 400 when the form has none."""
        while self._state == "before":
            if not self._feed():
                raise FileServiceError(400, f"the form has no field named {FILE_FIELD!r} with a file")

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes of the file (all that is left for a negative size); ``b""`` at its end."""
        wanted = size if size >= 0 else float("inf")
        while self._state == "in" and self._buffered < wanted:
            if not self._feed():
                raise UploadInterrupted()
        return self._take(size)

    def _feed(self) -> bool:
        batch = self._pull()
        try:
            for piece in batch:
                self._parser.write(piece)
        except MultipartParseError as exc:
            raise FileServiceError(400, f"the multipart body is malformed ({exc})") from exc
        return bool(batch)

    def _take(self, size: int) -> bytes:
        if size < 0 or size >= self._buffered:
            data = b"".join(self._data)
            self._data.clear()
        else:
            parts, missing = [], size
            while missing:
                piece = self._data.popleft()
                if len(piece) > missing:
                    self._data.appendleft(piece[missing:])
                    piece = piece[:missing]
                parts.append(piece)
                missing -= len(piece)
            data = b"".join(parts)
        self._buffered -= len(data)
        return data

    def _on_part_begin(self) -> None:
        self._headers = {}

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        self._headers[self._header_field.strip().lower()] = self._header_value.strip()
        self._header_field = self._header_value = b""

    def _on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if self._state == "before" and options.get(b"name") == FILE_FIELD.encode():
            self._state = "in"
            self._in_part = True
            # Browsers send the name as raw UTF-8 (WHATWG); anything else still becomes text.
            filename = options.get(b"filename")
            self.name = filename.decode("utf-8", errors="replace") if filename is not None else None

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_part:
            self._data.append(data[start:end])
            self._buffered += end - start

    def _on_part_end(self) -> None:
        if self._in_part:
            self._in_part = False
            self._state = "done"
