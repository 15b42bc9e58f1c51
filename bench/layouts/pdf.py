"""A page drawn as an image and, stroke for stroke, as a PDF with a text layer: what a program like 1C saves when
a user chooses «Сохранить в PDF», so that a reader can take the text without OCR.

Every ``text``, ``line`` and outlined ``rectangle`` the page draws is recorded and replayed into a PDF page of A4
width (the page's pixels scaled to points) through pdfium's page-object API, the faces embedded as TrueType.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageDraw, ImageFont

from bench.layouts.canvas import SecondPage

A4_WIDTH_PT = 595.0
_FILE_ID = re.compile(rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]")
_CREATED = re.compile(rb"/CreationDate\(D:\d{14}[+-]\d\d'\d\d'\)")


def _seeded(data: bytes, created: datetime) -> bytes:
    """``data`` with what pdfium takes from the clock and from chance, the creation date and the file identifier,
    replaced by ``created`` and the content's digest (of the same lengths, so the offsets hold): the same page,
    the same bytes."""
    stamp = f"/CreationDate(D:{created:%Y%m%d%H%M%S}+03'00')".encode()
    data = _CREATED.sub(stamp, data)
    digest = hashlib.md5(_FILE_ID.sub(b"", data)).hexdigest().upper().encode()
    return _FILE_ID.sub(b"/ID[<" + digest + b"><" + digest + b">]", data)


@dataclass(frozen=True)
class _Text:
    x: float
    y: float
    text: str
    font: ImageFont.FreeTypeFont
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class _Stroke:
    points: tuple[float, float, float, float]
    width: float
    rectangle: bool


class _Recorder:
    """An ``ImageDraw`` that draws and remembers the text and the strokes for the PDF."""

    def __init__(self, draw: ImageDraw.ImageDraw) -> None:
        self._draw = draw
        self.texts: list[_Text] = []
        self.strokes: list[_Stroke] = []

    def text(self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, fill: Any = None) -> None:
        self._draw.text(xy, text, font=font, fill=fill)
        if text.strip():
            self.texts.append(_Text(xy[0], xy[1], text, font, tuple(fill or (0, 0, 0))))

    def line(self, xy: tuple[float, float, float, float], fill: Any = None, width: int = 1) -> None:
        self._draw.line(xy, fill=fill, width=width)
        self.strokes.append(_Stroke(xy, width, rectangle=False))

    def rectangle(
        self, xy: tuple[float, float, float, float], fill: Any = None, outline: Any = None, width: int = 1
    ) -> None:
        self._draw.rectangle(xy, fill=fill, outline=outline, width=width)
        if outline is not None and fill is None:
            self.strokes.append(_Stroke(xy, width, rectangle=True))

    def textlength(self, text: str, font: ImageFont.FreeTypeFont) -> float:
        return self._draw.textlength(text, font=font)


@dataclass
class TextPage(SecondPage):
    """A ``SecondPage`` whose drawing is recorded: ``pdf()`` saves it as a PDF with a text layer."""

    _recorder: _Recorder = field(init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._recorder = _Recorder(self._draw)
        self._draw = self._recorder  # type: ignore[assignment]

    def pdf(self, height: int, created: datetime) -> bytes:
        """The page, ``height`` pixels tall, as PDF bytes saved at ``created``: the text as text objects in the
        page's faces, the rules and the grid's borders as paths."""
        scale = A4_WIDTH_PT / self.width
        document = pdfium.PdfDocument.new()
        page = document.new_page(self.width * scale, height * scale)
        fonts: dict[str, Any] = {}
        buffers: list[Any] = []
        for text in self._recorder.texts:
            path = str(text.font.path)
            if path not in fonts:
                data = Path(path).read_bytes()
                buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
                buffers.append(buffer)
                fonts[path] = pdfium_c.FPDFText_LoadFont(
                    document.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True
                )
            size = text.font.size * scale
            item = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, fonts[path], size)
            wide = ctypes.create_string_buffer((text.text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(item, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_SetFillColor(item, *text.colour, 255)
            baseline = text.y + text.font.getmetrics()[0]
            pdfium_c.FPDFPageObj_Transform(item, 1, 0, 0, 1, text.x * scale, (height - baseline) * scale)
            pdfium_c.FPDFPage_InsertObject(page.raw, item)
        for stroke in self._recorder.strokes:
            x0, y0, x1, y1 = (value * scale for value in stroke.points)
            top = height * scale
            if stroke.rectangle:
                path_obj = pdfium_c.FPDFPageObj_CreateNewRect(x0, top - y1, x1 - x0, y1 - y0)
            else:
                path_obj = pdfium_c.FPDFPageObj_CreateNewPath(x0, top - y0)
                pdfium_c.FPDFPath_LineTo(path_obj, x1, top - y1)
            pdfium_c.FPDFPageObj_SetStrokeColor(path_obj, 20, 20, 20, 255)
            pdfium_c.FPDFPageObj_SetStrokeWidth(path_obj, max(0.5, stroke.width * scale))
            pdfium_c.FPDFPath_SetDrawMode(path_obj, pdfium_c.FPDF_FILLMODE_NONE, True)
            pdfium_c.FPDFPage_InsertObject(page.raw, path_obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
        out = BytesIO()
        document.save(out)
        page.close()
        document.close()
        del buffers
        return _seeded(out.getvalue(), created)


def bound(pages: list[bytes], created: datetime) -> bytes:
    """One PDF of the one-page PDFs ``pages`` in turn, as a program saves a document of several pages, seeded like
    each page (``created`` for its date, its content's digest for its identifier)."""
    document = pdfium.PdfDocument.new()
    for data in pages:
        document.import_pages(pdfium.PdfDocument(data))
    out = BytesIO()
    document.save(out)
    document.close()
    return _seeded(out.getvalue(), created)


@dataclass
class ColumnTextPage(TextPage):
    """A ``TextPage`` whose PDF writes its text column by column, as some form designers export a page: the texts
    ordered by the ``column``-pixel band they start in, then top to bottom, so the text layer's order is not the
    order a person reads."""

    column: int = 220

    def pdf(self, height: int, created: datetime) -> bytes:
        self._recorder.texts.sort(key=lambda text: (int(text.x // self.column), text.y))
        return super().pdf(height, created)
