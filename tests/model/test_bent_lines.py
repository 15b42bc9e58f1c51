"""A curled receipt's bent lines, straightened for the unsure page's second reading
(``model.preprocess.lines``)."""

from __future__ import annotations

import math
from functools import cache

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from model.ocr import recognize_straightened
from model.pipeline import Extraction, Extractor
from model.preprocess.lines import glyph_height, straighten_lines

MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 22
RECEIPT = (
    'МЕСТО РАСЧЕТОВ: Магазин "SOLOMON" г.Кисл',
    "ИНН 262809350221   ФН 9287440300774213",
    "РН ККТ 0004817227050482  СМЕНА 0042",
    "КАССОВЫЙ ЧЕК ПРИХОД  ЧЕК 0117 ОСН ККТ",
    "хлеб да соль белый нарезной  1 шт",
    "30.00 X 1.000              =30.00",
    "Пакет ФА майка большой белый",
    "2.00 X 1.000                =2.00",
    "ИТОГ                       =32.00",
)
"""A register's tape in bold monospace type, its ИНН and ФН on one line, printed with almost no leading."""
TOP = 30


def _step(pitch: float) -> int:
    return round(SIZE * pitch)


def _sag(width: int, pitch: float, amplitude: float) -> NDArray[np.float32]:
    """How far each column of the page has sunk: a wave across the tape, ``amplitude`` lines deep in the middle."""
    across = np.arange(width, dtype=np.float32) / width
    return (amplitude * _step(pitch) * 0.5 * (1 - np.cos(2 * math.pi * across))).astype(np.float32)


@cache
def _curled_receipt(pitch: float, amplitude: float) -> NDArray[np.uint8]:
    """The receipt drawn flat at ``pitch`` font sizes a line, then bent (``_sag``)."""
    font = ImageFont.truetype(MONO_BOLD, SIZE)
    step = _step(pitch)
    drawn = Image.new("L", (40 + 23 * SIZE, TOP + step * len(RECEIPT) + 90), 255)
    draw = ImageDraw.Draw(drawn)
    for index, line in enumerate(RECEIPT):
        draw.text((20, TOP + index * step), line, font=font, fill=0)
    flat = np.asarray(drawn)
    height, width = flat.shape
    rows = np.arange(height, dtype=np.float32)[:, None] - _sag(width, pitch, amplitude)[None, :]
    columns = np.broadcast_to(np.arange(width, dtype=np.float32), (height, width))
    bent = cv2.remap(flat, np.ascontiguousarray(columns), np.ascontiguousarray(rows), cv2.INTER_LINEAR, borderValue=255)
    return np.asarray(bent, dtype=np.uint8)


@cache
def _extracted(pitch: float, amplitude: float) -> Extraction:
    _, png = cv2.imencode(".png", _curled_receipt(pitch, amplitude))
    return Extractor("tesseract").extract(png.tobytes())


def _second_reading(extraction: Extraction) -> str:
    return next(step.detail for step in extraction.steps if step.name == "second_reading")


def test_a_curled_receipts_fiscal_drive_number_is_read_on_its_straightened_lines() -> None:
    """Read as it is, in page mode 6 and then 4, the ФН's line ran into the line under it where the tape sagged and
    the ФН came out with a digit wrong (…4219)."""
    extraction = _extracted(1.05, 0.5)
    assert "bent lines straightened" in _second_reading(extraction)
    assert extraction.details.fiscal_drive_number == "9287440300774213"


def test_a_curled_receipts_total_and_numbers_are_read_on_its_straightened_lines() -> None:
    """With a little more leading, read as it was the total came out as 2.00 (the «=32.00» run into the line above
    it), the ФН as …4229 and the ИНН not at all."""
    extraction = _extracted(1.1, 0.5)
    assert "bent lines straightened" in _second_reading(extraction)
    assert extraction.details.amount == "32.00"
    assert extraction.details.recipient_inn == "262809350221"
    assert extraction.details.fiscal_drive_number == "9287440300774213"


def test_a_flat_page_is_not_straightened() -> None:
    flat = _curled_receipt(1.05, 0.0)
    glyph = glyph_height(flat)
    assert glyph is not None
    assert straighten_lines(flat, glyph) is None


def test_a_word_read_on_the_straightened_page_is_boxed_where_it_lies_on_the_curled_page() -> None:
    page = _curled_receipt(1.05, 0.5)
    result = recognize_straightened(page)
    assert result is not None
    words = [word for line in result.lines for word in line.words if "9287440300774213" in word.text]
    assert words, result.text
    left, top, right, bottom = words[0].box
    middle = (left + right) // 2
    printed = TOP + _step(1.05) + SIZE / 2 + float(_sag(page.shape[1], 1.05, 0.5)[middle])
    assert abs((top + bottom) / 2 - printed) < SIZE / 2
