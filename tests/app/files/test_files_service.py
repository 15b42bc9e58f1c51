"""The file service's pure rules: owner key segments, kept file names, download names."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from app.files.api import content_disposition
from app.files.service import ALLOWED_TYPES, MAX_NAME_BYTES, SNIFF_BYTES, clean_name, owner_segment, sniff
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


def test_sniff_of_text_is_none() -> None:
    assert sniff(b"hello, not a photo") is None
