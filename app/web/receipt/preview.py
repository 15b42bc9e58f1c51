"""The preprocessing preview and the stored result: what the person sees before the model reads the photo.

Preprocessing runs here with the extraction library itself (``model.preprocess``: the same OpenCV steps the module
runs), only to show the person what happens to their photo; the reading is the module API's job.

The result of a reading is stored *inside* the processed PNG, as an iTXt chunk, and that PNG goes through the file
service like the original. Why there: the file service accepts only sniffed image and PDF types (a JSON upload would
need an exception in its allow-list, a hole in the one check that keeps arbitrary content out of storage), and the
session cookie holds 4 KB and dies at logout, while history must reopen a receipt weeks later. A PNG with a text
chunk is an ordinary image to every tool, and the result can never be separated from the image it was read from.
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image, PngImagePlugin

from model.documents import MAX_PDF_PAGES, DocumentError, MachineBusyError, load_document
from model.preprocess import PreprocessOptions, Step, preprocess

PREVIEW_PX = 960
"""Longest side of the preview images: sharp on a phone, light in the page."""
THUMBNAIL_PX = 160
"""Longest side of a history row's picture."""
RECORD_KEY = "receipt-extractor:result"
"""The iTXt keyword of the result in a processed PNG."""

__all__ = [
    "MAX_PDF_PAGES",
    "DocumentError",
    "MachineBusyError",
    "NoSuchPageError",
    "Preview",
    "make_preview",
    "processed_png",
    "read_record",
    "with_record",
]


@dataclass(frozen=True)
class Preview:
    """The photo before and after preprocessing (thumbnails as data URIs), the steps, and the full processed image."""

    before: str
    after: str
    steps: tuple[Step, ...]
    processed: np.ndarray
    width: int
    height: int

    @property
    def total_ms(self) -> float:
        return round(sum(step.ms for step in self.steps), 1)


def make_preview(data: bytes, max_bytes: int) -> Preview:
    """Decode the upload (first page of a PDF) and preprocess it; DocumentError says what is wrong with the file,
    MachineBusyError that the machine was too busy to decode it (the file is fine)."""
    page = load_document(data, max_bytes=max_bytes).pages[0]
    done = preprocess(page.image, PreprocessOptions())
    height, width = page.image.shape[:2]
    return Preview(
        before=_thumbnail(page.image),
        after=_thumbnail(done.image),
        steps=tuple(done.steps),
        processed=done.image,
        width=width,
        height=height,
    )


class NoSuchPageError(LookupError):
    """A page the stored file does not have (an image has one page; a PDF is read up to ``MAX_PDF_PAGES``)."""


def _thumbnail(image: np.ndarray) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(_jpeg(image)).decode("ascii")


def _jpeg(image: np.ndarray, px: int = PREVIEW_PX) -> bytes:
    height, width = image.shape[:2]
    factor = min(1.0, px / max(height, width))
    if factor < 1.0:
        image = cv2.resize(image, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 82])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 image it decoded
        raise DocumentError("the preview could not be drawn")
    return bytes(encoded.tobytes())


def displayable_jpeg(data: bytes, max_bytes: int, px: int = PREVIEW_PX, page: int = 1) -> bytes:
    """A stored image browsers cannot show (HEIC, TIFF, PDF), or one to shrink, as a JPEG of its ``page`` (1 for the
    first; ``NoSuchPageError`` when it has fewer) at most ``px`` on its longest side, EXIF turn applied."""
    pages = load_document(data, max_bytes=max_bytes).pages
    if not 1 <= page <= len(pages):
        raise NoSuchPageError(f"the file has {len(pages)} page(s), not a page {page}")
    return _jpeg(pages[page - 1].image, px)


def processed_png(image: np.ndarray, record: dict[str, Any], *, rgb: bool = False) -> bytes:
    """The processed image (grey, or BGR as OpenCV holds it unless ``rgb``) as PNG with ``record`` (JSON) in a
    compressed iTXt chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_itxt(RECORD_KEY, json.dumps(record, ensure_ascii=False), zip=True)
    if image.ndim == 3 and not rgb:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    out = io.BytesIO()
    Image.fromarray(image).save(out, format="PNG", pnginfo=info, optimize=False, compress_level=6)
    return out.getvalue()


def with_record(png: bytes, record: dict[str, Any]) -> bytes:
    """The same image with ``record`` in place of the result it carried (pixels decoded and encoded losslessly)."""
    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("L") if image.mode == "L" else image.convert("RGB"))
    return processed_png(pixels, record, rgb=True)


def read_record(png: bytes) -> dict[str, Any] | None:
    """The result stored in a processed PNG, or None when the PNG carries none (or is not one of ours)."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            text = getattr(image, "text", {}).get(RECORD_KEY)
    except (OSError, ValueError):
        return None
    if not isinstance(text, str):
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None
