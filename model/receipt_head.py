"""A cash receipt's head read again alone and enlarged, for the seller's name the page's reading garbled.

A register prints its head (the seller's name, the shop's sign, the address) smaller, fainter or in a bold condensed
face, and the page's first reading, made at the body text's scale among the rest of the page, often garbles it
(«340 "Takaen”» for «ЗАО "Тандер"», «ООО “Berona”™»). The band of lines above the receipt's first ИНН, «КАССОВЫЙ
ЧЕК» or «Чек» line, cut out of the same preprocessed page and enlarged ``HEAD_SCALE`` times, reads them right more
often; only its seller names are taken, and only those that look like a name read faithfully (``_plausible``): the
resolver chooses among them and the page's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from model.budget import Budget
from model.fields import extract_candidates
from model.ocr import OcrLine, OcrWord, recognize
from model.schema import Candidate, Source
from model.tesseract import PSM

HEAD_SCALE = 1.8
"""The page is scaled to a 20 px x-height (``model.preprocess.enhance.TARGET_X_HEIGHT``); the head is read at about
36. Measured on the real receipts' heads: 1.4 and psm 4 read fewer names right, 1.0 only the one head whose
trouble was the rest of the page."""
HEAD_MAX_PIXELS = 1_000_000
"""A head larger than this once enlarged is enlarged less, and one that can then be enlarged less than
``HEAD_MIN_SCALE`` times is not read again: it is no small print but a logo or a page of lines, whose reading cost
0.2-0.8 CPU s on the real receipts and gave no name."""
HEAD_MIN_SCALE = 1.4
HEAD_PAD_PX = 10
HEAD_NAME_SCORE = 0.35
"""Above the page's own unlabelled names (0.3): the head is read only when all of those hold OCR's garbage."""

_HEAD_END = re.compile(r"[ИN][НH][НH]|кассов|\bчек\b", re.IGNORECASE)
"""The first line that is no longer the head: the seller's ИНН, the receipt's title, or a guest check's number."""
_NAME_WORD = re.compile(r"[А-ЯЁ][а-яё]+|[А-ЯЁ]+|[а-яё]+")
"""A word read faithfully is one case or capitalised: «ЧеНТРИСТУВ», «Berona» are OCR's, not a company's."""


def head_box(lines: Sequence[OcrLine]) -> tuple[int, int, int, int] | None:
    """The box of the lines down to the first that ends a receipt's head (``_HEAD_END``), that line included (read
    without it, a head's lines came out otherwise), or None when the page's reading has no such line, or it is the
    first."""
    end = next((index for index, line in enumerate(lines) if _HEAD_END.search(line.text)), None)
    if not end:
        return None
    boxes = [line.box for line in lines[: end + 1]]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def read_head_names(
    image: np.ndarray, box: tuple[int, int, int, int], budget: Budget
) -> tuple[list[Candidate], tuple[OcrLine, ...]]:
    """The plausible seller names read in ``box`` of the grey ``image`` enlarged alone, and the lines read there,
    placed back on ``image``."""
    height, width = image.shape[:2]
    left, top = max(0, box[0] - HEAD_PAD_PX), max(0, box[1] - HEAD_PAD_PX)
    right, bottom = min(width, box[2] + HEAD_PAD_PX), min(height, box[3] + HEAD_PAD_PX)
    crop = image[top:bottom, left:right]
    if crop.size == 0:
        return [], ()
    scale = min(HEAD_SCALE, (HEAD_MAX_PIXELS / crop.size) ** 0.5)
    if scale < HEAD_MIN_SCALE:
        return [], ()
    enlarged = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    lines = recognize(enlarged, PSM.SINGLE_BLOCK, budget).lines
    found = extract_candidates([line.text for line in lines], Source.OCR)
    names = [replace(c, score=HEAD_NAME_SCORE) for c in found if c.field == "recipient_name" and _plausible(c.value)]
    return names, placed_back(lines, scale, left, top)


def placed_back(lines: Sequence[OcrLine], scale: float, dx: int, dy: int) -> tuple[OcrLine, ...]:
    """Lines read in a crop enlarged ``scale`` times, on the page the crop was cut from at ``dx``, ``dy``."""

    def back(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        left, top, right, bottom = (round(edge / scale) for edge in box)
        return left + dx, top + dy, right + dx, bottom + dy

    return tuple(
        OcrLine(
            line.text,
            line.confidence,
            back(line.box),
            tuple(OcrWord(w.text, w.confidence, back(w.box)) for w in line.words),
        )
        for line in lines
    )


def _plausible(name: str) -> bool:
    """Every word of ``name`` Cyrillic, without digits, in one case or capitalised (``_NAME_WORD``)."""
    words = re.findall(r"[^\W_]+", name)
    return bool(words) and all(_NAME_WORD.fullmatch(word) for word in words)


def needs_head(names: Sequence[str]) -> bool:
    """The page's reading gave no seller name, or only names with OCR's garbage in them."""
    return not any(_plausible(name) for name in names)
