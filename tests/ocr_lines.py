"""OCR lines built from cells at given x positions, for tests of layouts that depend on where words stand."""

from __future__ import annotations

from model.ocr import OcrLine, OcrWord

CHAR_WIDTH = 12
"""Pixels a character, so that a cell's words end where a real font's would."""


def line_of_cells(cells: list[tuple[str, int]], y: int) -> OcrLine:
    """A line of words at ``y``, each cell's words from its own x."""
    words = []
    for text, start in cells:
        x = start
        for word in text.split():
            words.append(OcrWord(word, 95.0, (x, y, x + CHAR_WIDTH * len(word), y + 20)))
            x += CHAR_WIDTH * (len(word) + 1)
    box = (words[0].box[0], y, words[-1].box[2], y + 20)
    return OcrLine(" ".join(word.text for word in words), 95.0, box, tuple(words))
