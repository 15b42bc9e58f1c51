"""Tesseract OCR of a preprocessed page into lines with their boxes and confidences.

Page mode 6 (a single uniform block) keeps a label and its value on one line far more often than automatic layout
analysis, which reorders two-column receipts (psm 3: 17-20 of 96 label/value pairs on one line; psm 6: 80-87).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import tesserocr
from PIL import Image

from model.tesseract import PSM, RIL, engine


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    confidence: float
    box: tuple[int, int, int, int]
    """left, top, right, bottom in the OCR'd image's pixels."""


@dataclass(frozen=True)
class OcrResult:
    lines: tuple[OcrLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _line_text(iterator: tesserocr.PyResultIterator) -> str:
    """The line's text; tesserocr raises instead of returning "" for a line that holds no text."""
    try:
        return str(iterator.GetUTF8Text(RIL.TEXTLINE) or "").strip()
    except RuntimeError:
        return ""


def recognize(image: np.ndarray, psm: int = PSM.SINGLE_BLOCK) -> OcrResult:
    """OCR a grey or BGR image; empty lines are dropped."""
    rgb = image if image.ndim == 2 else image[:, :, ::-1]
    api = engine(psm)
    api.SetImage(Image.fromarray(np.ascontiguousarray(rgb)))
    api.Recognize()
    lines: list[OcrLine] = []
    iterator = api.GetIterator()
    if iterator is not None:
        while True:
            text = _line_text(iterator)
            if text:
                left, top, right, bottom = iterator.BoundingBox(RIL.TEXTLINE)
                lines.append(OcrLine(text, float(iterator.Confidence(RIL.TEXTLINE)), (left, top, right, bottom)))
            if not iterator.Next(RIL.TEXTLINE):
                break
    api.Clear()
    return OcrResult(tuple(lines))
