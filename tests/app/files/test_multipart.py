"""The streaming multipart parser, fed the way a socket feeds it: in batches cut at any byte, boundaries included."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from app.files.models import FileServiceError
from app.files.multipart import MultipartFile, UploadInterrupted

TYPE = "multipart/form-data; boundary=XyZ"
DATA = random.Random(7).randbytes(5000) + b"\r\n--XyZnot-a-boundary" + random.Random(8).randbytes(100)
"""Fixed bytes (a random byte after a boundary-like run can be transport padding, which changes the parse), with a
run that starts like a delimiter but goes on as data."""


def form(data: bytes = DATA, name: str = "чек.png") -> bytes:
    return (
        b'--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="' + name.encode() + b'"\r\n'
        b"Content-Type: image/png\r\n\r\n" + data + b"\r\n"
        b'--XyZ\r\nContent-Disposition: form-data; name="after"\r\n\r\nbye\r\n'
        b"--XyZ--\r\n"
    )


def batches(body: bytes, size: int, per_batch: int = 1) -> Callable[[], list[bytes]]:
    parts = [body[start : start + size] for start in range(0, len(body), size)]

    def pull() -> list[bytes]:
        batch = parts[:per_batch]
        del parts[:per_batch]
        return batch

    return pull


def read_all(upload: MultipartFile, size: int = 1000) -> bytes:
    chunks = []
    while chunk := upload.read(size):
        assert len(chunk) <= size
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("per_batch", [1, 3])
@pytest.mark.parametrize("batch", [1, 7, 64, 4096, 1 << 20])
def test_file_field_read_whole_at_any_batch_size(batch: int, per_batch: int) -> None:
    upload = MultipartFile(TYPE, batches(form(), batch, per_batch))
    upload.open()
    assert upload.name == "чек.png"
    assert read_all(upload) == DATA
    assert upload.read(10) == b""


def test_read_with_negative_size_returns_the_rest() -> None:
    upload = MultipartFile(TYPE, batches(form(), 333))
    upload.open()
    assert upload.read(10) == DATA[:10]
    assert upload.read() == DATA[10:]


def test_empty_file_reads_empty() -> None:
    upload = MultipartFile(TYPE, batches(form(b""), 5))
    upload.open()
    assert upload.read(100) == b""


def test_form_without_file_field_is_400() -> None:
    body = b'--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--XyZ--\r\n'
    upload = MultipartFile(TYPE, batches(body, 10))
    with pytest.raises(FileServiceError, match="no field named 'file'") as raised:
        upload.open()
    assert raised.value.status_code == 400


@pytest.mark.parametrize("cut", [0.3, 0.9, 0.999])
def test_body_ending_before_closing_boundary_is_interrupted(cut: float) -> None:
    body = form()
    end = body.index(b'\r\n--XyZ\r\nContent-Disposition: form-data; name="after"')
    upload = MultipartFile(TYPE, batches(body[: int(end * cut)], 100))
    with pytest.raises(UploadInterrupted):
        upload.open()
        read_all(upload)


@pytest.mark.parametrize(
    "content_type", ["application/json", "multipart/form-data", "multipart/mixed; boundary=XyZ", ""]
)
def test_other_content_types_are_415(content_type: str) -> None:
    with pytest.raises(FileServiceError) as raised:
        MultipartFile(content_type, batches(form(), 10))
    assert raised.value.status_code == 415


def test_malformed_body_is_400() -> None:
    upload = MultipartFile(TYPE, batches(b"--NotTheBoundary\r\n\r\n", 10))
    with pytest.raises(FileServiceError, match="malformed") as raised:
        upload.open()
    assert raised.value.status_code == 400
