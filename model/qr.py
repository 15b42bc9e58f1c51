"""Payment QR codes: find them in a photo and turn their payload into schema fields.

A QR code is the most trustworthy reading of a document (no OCR errors), so it is tried first. Two payloads
carry payment details: GOST R 56042-2014 (invoices, utility bills; ``ST0001…``, the amount in kopecks) and the
54-ФЗ fiscal receipt query string (``t=…&s=…&fn=…``, the amount in rubles).
Facts: shared/notes/payment-details.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl

import cv2
import numpy as np
import numpy.typing as npt
import zxingcpp
from pydantic import ValidationError

from model.normalize import (
    amount_from_kopecks,
    digits,
    normalize_amount,
    normalize_date,
    normalize_text,
)
from model.schema import DocumentType, PaymentDetails

QrKind = Literal["payment", "fiscal", "other"]
Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class QrCode:
    """One decoded QR code; ``fields`` maps schema field names to normalised values, empty for ``other``."""

    kind: QrKind
    text: str
    fields: dict[str, str] = field(default_factory=dict)


Normalizer = Callable[[str], str | None]


def _digits_or_none(value: str) -> str | None:
    return digits(value) or None


def _kpp(value: str) -> str | None:
    return "".join(value.split()).upper() or None


def _kopecks(value: str) -> str | None:
    return amount_from_kopecks(value.strip())


_GOST_HEADER = "ST0001"
_GOST_CODECS = {"1": "cp1251", "2": "utf-8", "3": "koi8-r"}
_GOST_FIELDS: dict[str, tuple[str, Normalizer]] = {
    "name": ("recipient_name", normalize_text),
    "personalacc": ("recipient_account", _digits_or_none),
    "bankname": ("bank_name", normalize_text),
    "bic": ("bank_bic", _digits_or_none),
    "correspacc": ("bank_corr_account", _digits_or_none),
    "payeeinn": ("recipient_inn", _digits_or_none),
    "kpp": ("recipient_kpp", _kpp),
    "sum": ("amount", _kopecks),
    "purpose": ("purpose", normalize_text),
}
_PAYER_NAME_PARTS = ("lastname", "firstname", "middlename")

_FISCAL_FIELDS: dict[str, tuple[str, Normalizer]] = {
    "t": ("payment_date", normalize_date),
    "s": ("amount", normalize_amount),
    "fn": ("fiscal_drive_number", _digits_or_none),
    "i": ("fiscal_document_number", _digits_or_none),
    "fp": ("fiscal_sign", _digits_or_none),
}


def _map_fields(pairs: dict[str, str], table: dict[str, tuple[str, Normalizer]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, (name, normalize) in table.items():
        if key in pairs and (value := normalize(pairs[key])) is not None:
            fields[name] = value
    return fields


def _schema_conformant(fields: dict[str, str]) -> dict[str, str]:
    """Drop values the schema refuses (a 19-digit account, a 13-digit BIC): callers build PaymentDetails."""
    try:
        PaymentDetails.model_validate(fields)
    except ValidationError as exc:
        refused = {err["loc"][0] for err in exc.errors() if err["loc"]}
        return {name: value for name, value in fields.items() if name not in refused}
    return fields


def _gost_pairs(text: str) -> dict[str, str]:
    """``Key=Value`` pairs after the header, keys lower-cased; segments without ``=`` are skipped."""
    separator = text[len(_GOST_HEADER) + 1]
    pairs: dict[str, str] = {}
    for segment in text[len(_GOST_HEADER) + 2 :].split(separator):
        key, equals, value = segment.partition("=")
        if equals and key.strip():
            pairs.setdefault(key.strip().lower(), value)
    return pairs


def _payer_name(pairs: dict[str, str]) -> str | None:
    """The payer's name the code carries: ``PayerName``, or the surname with a first name. A surname alone (a ЕПД's
    ``LastName=Кузнецов`` beside its personal account) is no whole name, and the code's top trust would put it over
    the page's «Плательщик Кузнецов Артём Андреевич»."""
    if name := normalize_text(pairs.get("payername", "")):
        return name
    if not normalize_text(pairs.get("firstname", "")):
        return None
    return normalize_text(" ".join(pairs.get(part, "") for part in _PAYER_NAME_PARTS))


def _parse_gost(data: bytes) -> QrCode | None:
    """GOST R 56042: ``ST0001`` + encoding digit + separator + pairs; the header names the codec."""
    if len(data) < len(_GOST_HEADER) + 2 or not data.startswith(_GOST_HEADER.encode()):
        return None
    codec = _GOST_CODECS.get(chr(data[len(_GOST_HEADER)]))
    if codec is None:
        return None
    text = data.decode(codec, errors="replace")
    pairs = _gost_pairs(text)
    fields = _map_fields(pairs, _GOST_FIELDS)
    if payer := _payer_name(pairs):
        fields["payer_name"] = payer
    fields = _schema_conformant(fields)
    if not fields:
        return None
    header = {"document_type": DocumentType.INVOICE.value, "currency": "RUB"}
    return QrCode("payment", text, header | fields)


def _parse_fiscal(data: bytes) -> QrCode | None:
    """54-ФЗ receipt: a query string with t, s, fn, i and fp; n (the operation type) is optional."""
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    pairs = {key.strip().lower(): value.strip() for key, value in parse_qsl(text, keep_blank_values=True)}
    if not _FISCAL_FIELDS.keys() <= pairs.keys():
        return None
    fields = _schema_conformant(_map_fields(pairs, _FISCAL_FIELDS))
    header = {"document_type": DocumentType.CASH_RECEIPT.value, "currency": "RUB"}
    return QrCode("fiscal", text, header | fields)


def parse_qr_payload(data: bytes) -> QrCode:
    """The payment fields of a QR payload; anything unrecognised or malformed is ``other`` with no fields."""
    parsed = _parse_gost(data) or _parse_fiscal(data)
    if parsed is not None:
        return parsed
    return QrCode("other", data.decode("utf-8", errors="replace"))


_UPSCALE_BELOW = 1600
"""Images up to this long side are also tried at 2x: their codes may have modules of 1-2 pixels."""

_DOWNSCALE_ABOVE = 2000
_DOWNSCALED_SIDE = 1400
"""Photos larger than this are also tried shrunk with area averaging, which smooths sensor noise and moire."""


def _grey(image: Image) -> Image:
    if image.dtype != np.uint8:
        raise ValueError(f"decode_qr needs a uint8 image, got {image.dtype}")
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 3:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY), dtype=np.uint8)
    raise ValueError(f"decode_qr needs a grey or BGR image, got shape {image.shape}")


def _scaled(grey: Image, factor: float) -> Image:
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return np.asarray(cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interpolation), dtype=np.uint8)


def _sharpened(grey: Image) -> Image:
    """Unsharp masking: a shaken photo's code has modules smeared into each other, which restores their edges."""
    blurred = cv2.GaussianBlur(grey, (0, 0), 2.0)
    return np.asarray(cv2.addWeighted(grey, 2.0, blurred, -1.0, 0), dtype=np.uint8)


def _otsu(grey: Image) -> Image:
    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return np.asarray(binary, dtype=np.uint8)


_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def _zxing_payloads(grey: Image) -> list[bytes]:
    """Raw bytes, not ``text``: zxing decodes a byte segment without ECI as Latin-1, mangling windows-1251."""
    found = zxingcpp.read_barcodes(grey, formats=_QR_ONLY)
    return [bytes(barcode.bytes) for barcode in found if barcode.bytes]


def _rescues(grey: Image) -> Iterator[list[bytes]]:
    """Payloads from each rescue for what zxing missed on the original, cheapest and likeliest first.

    OpenCV's detector was the last rescue until it was measured: on the corpus's 120 pages and the 47 real photos and
    scans it decoded no code that zxing's tries had missed, and it cost each page without a code 29 ms (CPU) on
    average, up to 70 ms; the flattened page's search (``model.pipeline``) covers the strong perspective it was for."""
    long_side = max(grey.shape)
    doubled = _scaled(grey, 2.0) if long_side <= _UPSCALE_BELOW else None
    if doubled is not None:
        yield _zxing_payloads(doubled)
    yield _zxing_payloads(_otsu(grey))
    if doubled is not None:
        yield _zxing_payloads(_sharpened(doubled))
    if long_side > _DOWNSCALE_ABOVE:
        yield _zxing_payloads(_scaled(grey, _DOWNSCALED_SIDE / long_side))


def decode_qr(image: Image, *, rescues: bool = True) -> list[QrCode]:
    """Every QR code in a BGR or grey ``uint8`` image, parsed; an empty list when none is readable. Without
    ``rescues`` only zxing's reading of the image as it is is tried: for a second look at pixels the rescues have
    already been through (a page flattened after its photo was searched), where they cost 20-130 ms and find
    nothing new."""
    grey = _grey(image)
    payloads = _zxing_payloads(grey)
    if not payloads and rescues:
        payloads = next((found for found in _rescues(grey) if found), [])
    return [parse_qr_payload(data) for data in dict.fromkeys(payloads)]
