"""The file service's pure rules: owner key segments, kept file names, download names."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from app.auth import Principal
from app.files.api import content_disposition
from app.files.models import FileServiceError
from app.files.service import (
    ALLOWED_TYPES,
    MAX_NAME_BYTES,
    SNIFF_BYTES,
    FileService,
    clean_name,
    owner_segment,
    sniff,
)
from app.storage import LocalStorage
from app.storage.base import check_key


@pytest.mark.parametrize(
    ("subject", "segment"),
    [
        ("5f3c2a9e-1b7d-4c1e-9a55-0c6f0e0d2b11", "5f3c2a9e-1b7d-4c1e-9a55-0c6f0e0d2b11"),
        ("service-account_1", "service-account_1"),
        ("../bob", "~" + hashlib.sha256(b"../bob").hexdigest()),
        ("a/b", "~" + hashlib.sha256(b"a/b").hexdigest()),
        ("алиса", "~" + hashlib.sha256("алиса".encode()).hexdigest()),
        ("", "~" + hashlib.sha256(b"").hexdigest()),
        ("x" * 129, "~" + hashlib.sha256(b"x" * 129).hexdigest()),
    ],
)
def test_owner_segment(subject: str, segment: str) -> None:
    assert owner_segment(subject) == segment
    assert check_key(f"uploads/{segment}/0123") == f"uploads/{segment}/0123"


def test_owner_segment_forms_cannot_collide() -> None:
    hashed = owner_segment("../x")
    assert owner_segment(hashed) != hashed  # a subject that looks hashed is hashed again: `~` is not plain


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("photo.jpg", "photo.jpg"),
        (None, "unnamed"),
        ("", "unnamed"),
        ("\x00\x01\x7f", "unnamed"),
        ("  a b  ", "a b"),
        ("line\nbreak\r.png", "linebreak.png"),
        ("e\u0301", "é"),
        ("../../x", "../../x"),
        ("ж" * 200, "ж" * 127),
        ("a" * 254 + "ж", "a" * 254),
    ],
)
def test_clean_name(raw: str | None, kept: str) -> None:
    assert clean_name(raw) == kept
    assert len(clean_name(raw).encode()) <= MAX_NAME_BYTES


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("a.png", "attachment; filename=\"a.png\"; filename*=UTF-8''a.png"),
        ('q"u\\o.png', "attachment; filename=\"q_u_o.png\"; filename*=UTF-8''q%22u%5Co.png"),
        ("чек.pdf", "attachment; filename=\"___.pdf\"; filename*=UTF-8''%D1%87%D0%B5%D0%BA.pdf"),
        ("a;b=c.png", "attachment; filename=\"a;b=c.png\"; filename*=UTF-8''a%3Bb%3Dc.png"),
    ],
)
def test_content_disposition(name: str, header: str) -> None:
    assert content_disposition(name) == header


def encoded(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("image_format", "mime"),
    [
        ("JPEG", "image/jpeg"),
        ("PNG", "image/png"),
        ("WEBP", "image/webp"),
        ("TIFF", "image/tiff"),
        ("PDF", "application/pdf"),
    ],
)
def test_sniff_accepts_what_the_model_reads(image_format: str, mime: str) -> None:
    assert sniff(encoded(image_format)[:SNIFF_BYTES]) == mime
    assert mime in ALLOWED_TYPES


@pytest.mark.parametrize(("image_format", "mime"), [("GIF", "image/gif"), ("BMP", "image/bmp")])
def test_sniff_names_types_outside_the_allow_list(image_format: str, mime: str) -> None:
    assert sniff(encoded(image_format)) == mime
    assert mime not in ALLOWED_TYPES


@pytest.mark.parametrize(
    "head",
    [b"hello, not a photo", "Итого: 1 250,00 ₽\r\n\tспасибо\f".encode(), "ж".encode() * 100 + "ж".encode()[:1]],
    ids=["ascii", "utf-8 with tab, newlines, form feed", "a character cut at the end of the head"],
)
def test_sniff_of_utf8_text_is_text_plain(head: bytes) -> None:
    """Text has no magic bytes: a module that reads text/plain (a fork's) gets it from its UTF-8 and controls."""
    assert sniff(head) == "text/plain"
    assert "text/plain" not in ALLOWED_TYPES  # the receipt model's files are not text


@pytest.mark.parametrize(
    "head", [b"text\x00with a NUL", b"\x1b[31mescape", "слово".encode("cp1251"), b"  \n\t "], ids=str
)
def test_sniff_of_binary_or_blank_is_none(head: bytes) -> None:
    assert sniff(head) is None


def test_service_stores_the_types_its_manifest_accepts(tmp_path: Path) -> None:
    """``storage.yaml``'s ``spec.accept``: a fork whose module reads text stores text, and only what it declared."""
    service = FileService(
        LocalStorage(tmp_path, "bucket", "secret"), uploads_prefix="uploads/", max_bytes=1000,
        url_expiry=timedelta(minutes=5), accepted_types=("text/plain",),
    )  # fmt: skip
    owner = Principal("alice", "alice", None, frozenset(), frozenset(), None)
    try:
        stored = service.upload(owner, io.BytesIO(b"three short words"), "words.txt")
        assert (stored.content_type, stored.name) == ("text/plain", "words.txt")
        with pytest.raises(FileServiceError) as refused:
            service.upload(owner, io.BytesIO(encoded("PNG")), "photo.png")
        refusal = (refused.value.status_code, str(refused.value.detail))
        assert refusal == (415, "the file is image/png; accepted: text/plain")
    finally:
        service.close()
