"""Tesseract OCR of a preprocessed page into lines with their boxes and confidences.

Page mode 6 (a single uniform block) keeps a label and its value on one line far more often than automatic layout
analysis, which reorders two-column receipts (psm 3: 17-20 of 96 label/value pairs on one line; psm 6: 80-87).
A block is read at the size of its body text, though, and a much taller line, a bank receipt's amount in large
bold type, is misread more often there than alone ("516,00 ₽" for 316,00, "384,18 2" for 384,18 ₽): such lines
are read again on their own; rows in large type that the block's reading dropped altogether (a transfer screen's
amount in light type) or lost its total in (a register's double-height «ИТОГ») are found among the page's glyphs and
read alone.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import tesserocr
from PIL import Image

from model.budget import Budget
from model.preprocess.enhance import component_stats
from model.preprocess.lines import StraightenedPage, glyph_height, straighten_lines
from model.tesseract import PSM, RIL, engine, recognize_within

Box = tuple[int, int, int, int]
"""left, top, right, bottom in the OCR'd image's pixels."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word (Tesseract) or text segment (Indra) of a line: what a field's value is located by."""

    text: str
    confidence: float
    box: Box


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    confidence: float
    box: Box
    words: tuple[OcrWord, ...] = ()
    """The line's words with their own boxes and confidences, from the same reading (no second pass)."""


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


TALL_LINE = 1.6
"""A line this many times the page's median line height is read again alone. Measured on the benchmark: clean
0.988 → 0.990, photo 0.985 → 0.989, hard unchanged, for 25 ms (8%) more OCR on a median clean or photo page. It is
no cure for 3 against 5 in large bold type (two such amounts came right, one went wrong; scaling the line to body
size first swapped which), and reading every line alone lost F1 (clean 0.981): a line alone loses its context."""


def recognize(image: np.ndarray, psm: int = PSM.SINGLE_BLOCK, budget: Budget | None = None) -> OcrResult:
    """OCR a grey or BGR image; empty lines are dropped, lines much taller than the rest are read again alone.
    With a ``budget``, Tesseract stops at its deadline and the lines read by then are returned."""
    budget = budget or Budget(None)
    rgb = np.ascontiguousarray(image if image.ndim == 2 else image[:, :, ::-1])
    lines = _reread_tall_lines(rgb, _read_lines(rgb, psm, budget), budget)
    if psm == PSM.SINGLE_BLOCK:
        lines = _with_missed_rows(rgb, lines, budget)
    return OcrResult(tuple(lines))


def recognize_straightened(image: np.ndarray, budget: Budget | None = None) -> OcrResult | None:
    """The page read as one column of lines (page mode 4) with its bent lines straightened first
    (``model.preprocess.lines``), its boxes put back on the page; None when its lines run straight."""
    grey: np.ndarray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    grey = grey.astype(np.uint8, copy=False)
    glyph = glyph_height(grey)
    straight = None if glyph is None else straighten_lines(grey, glyph)
    if straight is None:
        return None
    read = recognize(straight.image, PSM.SINGLE_COLUMN, budget)
    return OcrResult(tuple(_on_page(line, straight) for line in read.lines))


def _on_page(line: OcrLine, straight: StraightenedPage) -> OcrLine:
    """A line read on the straightened page, with its box and its words' boxes on the page."""
    words = tuple(OcrWord(word.text, word.confidence, straight.page_box(word.box)) for word in line.words)
    return OcrLine(line.text, line.confidence, straight.page_box(line.box), words)


def _read_lines(image: np.ndarray, psm: int, budget: Budget) -> list[OcrLine]:
    if not budget.starts("a reading not started at the deadline"):
        return []
    api = engine(psm)
    api.SetImage(Image.fromarray(image))
    if not recognize_within(api, budget):
        budget.skip("a reading cut short at the deadline")
    lines: list[OcrLine] = []
    iterator = api.GetIterator()
    if iterator is not None:
        line: OcrLine | None = None
        words: list[OcrWord] = []
        while True:  # word by word; a word that begins a line also gives the line's text, box and confidence
            if iterator.IsAtBeginningOf(RIL.TEXTLINE):
                _add_line(lines, line, words)
                line, words = _line_at(iterator), []
            word = _word_at(iterator)
            if word is not None:
                words.append(word)
            if not iterator.Next(RIL.WORD):
                break
        _add_line(lines, line, words)
    api.Clear()
    return lines


def _line_at(iterator: tesserocr.PyResultIterator) -> OcrLine | None:
    text = _line_text(iterator)
    if not text:
        return None
    left, top, right, bottom = iterator.BoundingBox(RIL.TEXTLINE)
    return OcrLine(text, float(iterator.Confidence(RIL.TEXTLINE)), (left, top, right, bottom))


def _word_at(iterator: tesserocr.PyResultIterator) -> OcrWord | None:
    try:
        text = str(iterator.GetUTF8Text(RIL.WORD) or "").strip()
    except RuntimeError:
        return None
    box = iterator.BoundingBox(RIL.WORD)
    return OcrWord(text, float(iterator.Confidence(RIL.WORD)), tuple(box)) if text and box else None


def _add_line(lines: list[OcrLine], line: OcrLine | None, words: list[OcrWord]) -> None:
    if line is not None:
        lines.append(OcrLine(line.text, line.confidence, line.box, tuple(words)))


TALL_LINE_MAX_WORDS = 4
"""Only a short tall line holding a digit is read again: an amount or a total in large type. The other tall lines of
real scans are table rows run into their rules, stamps and signatures (11 on one invoice, 0.6 CPU s), which a second
reading never improved: measured in paired runs, CPU -2.6% on the corpus and -5% on the real documents, F1 the
same on both."""


def _worth_reading_alone(line: OcrLine, median: float) -> bool:
    """A line much taller than the page's median that may be an amount in large type (``TALL_LINE``)."""
    tall = line.box[3] - line.box[1] > TALL_LINE * median
    return tall and len(line.text.split()) <= TALL_LINE_MAX_WORDS and any(char.isdigit() for char in line.text)


def _reread_tall_lines(image: np.ndarray, lines: list[OcrLine], budget: Budget | None = None) -> list[OcrLine]:
    """Each short line with a digit over ``TALL_LINE`` times the median height read alone (page mode 7); the new
    reading replaces the old only when it is one line and Tesseract is at least as sure of it. Then the line is read
    once more with room past its box's ends (``_with_an_ends_digits``)."""
    if len(lines) < 3:
        return lines
    budget = budget or Budget(None)
    median = statistics.median(line.box[3] - line.box[1] for line in lines)
    for index, line in enumerate(lines):
        if not _worth_reading_alone(line, median):
            continue
        if not budget.allows(0.0):
            budget.skip("tall lines read again alone")
            break
        pad = (line.box[3] - line.box[1]) // 4
        alone = _read_crop(image, line, pad, pad, budget)
        chosen = alone if alone is not None and alone.confidence >= line.confidence else line
        lines[index] = _with_an_ends_digits(image, chosen, budget)
    return lines


def _read_crop(image: np.ndarray, line: OcrLine, pad: int, side: int, budget: Budget) -> OcrLine | None:
    """``line`` read alone in a crop ``pad`` past its box above and below and ``side`` past its ends; None unless it
    reads as one line. The box stays the block's."""
    left, top, right, bottom = line.box
    x0, y0 = max(0, left - side), max(0, top - pad)
    again = _read_lines(np.ascontiguousarray(image[y0 : bottom + pad, x0 : right + side]), PSM.SINGLE_LINE, budget)
    if len(again) != 1:
        return None
    words = tuple(_shifted(word, x0, y0) for word in again[0].words)
    return OcrLine(again[0].text, again[0].confidence, line.box, words)


_FOLDED = str.maketrans("PpOoCcEeAaXxyBHKMT", "РрОоСсЕеАаХхуВНКМТ")


def _squashed(text: str) -> str:
    return "".join(text.split()).translate(_FOLDED)


def _with_an_ends_digits(image: np.ndarray, line: OcrLine, budget: Budget) -> OcrLine:
    """``line``, or the line read with a line's height of room past its box's ends where that reading is the same
    with digits more at an end, and as sure. The block's reading may drop an end's glyph with the box: a fax's
    vertical streak through the 1 of «12 126,00 ₽» left «2 126,00 Р» and a box from the 2, and the crop of that box
    read the same. A reading with room that differs otherwise (a dark screen's edge read as «_ 9172,50 2») is not
    taken."""
    height = line.box[3] - line.box[1]
    wide = _read_crop(image, line, height // 4, height, budget)
    if wide is None or wide.confidence < line.confidence:
        return line
    read, reread = _squashed(line.text), _squashed(wide.text)
    at = reread.find(read)
    extra = reread[:at] + reread[at + len(read) :] if at >= 0 else ""
    return wide if read and extra.isdigit() else line


def _shifted(word: OcrWord, dx: int, dy: int) -> OcrWord:
    """A word read in a crop, placed back on the page the crop was cut from."""
    left, top, right, bottom = word.box
    return OcrWord(word.text, word.confidence, (left + dx, top + dy, right + dx, bottom + dy))


LARGE_GLYPH = 1.7
"""A glyph this many times the page's median glyph height is in large type: a cash register prints its total
(«ИТОГ ≡1416.00») double height, and a block reading (page mode 6) loses that row or merges it with the next
(«A: Сумма НДС 18% =142, 06» for «ИТОГ ≡142.00» over «A: Сумма НДС 18% ≡10.46»)."""
LARGE_ROW_GLYPHS = (3, 20)
"""A row of large type has a label or a sum (at least three glyphs) and is no barcode (dozens of bars)."""
LARGE_ROW_HEIGHT_PX = 40
"""The glyph height a large row is read at: the size Tesseract reads best, measured on five receipts' total rows."""
LARGE_ROWS_READ = 3
"""At most so many large rows are read (each 15-50 ms a group): a title, a shop's name and the total."""
WORD_GAP = 1.2
"""A gap between large glyphs this many times their height parts a row's groups: «ИТОГ» on the left, the sum on the
right. Each is read on its own: a photo's slant puts the two at different heights, and one crop of both read the
sum as «416.00» (the 1 lost) or not at all."""
SIGN_ROOM = 0.7
"""How far left of a group's first glyph, in glyph heights, its crop reaches: the «≡» before a sum is three thin bars,
no large glyph, and a crop without room for it cut a narrow 1 («64.00» for ≡164.00)."""


@dataclass(frozen=True, slots=True)
class LargeRow:
    """A row of large type: its groups of glyphs (``WORD_GAP``), left to right, and its glyphs' median height."""

    groups: tuple[Box, ...]
    height: int

    @property
    def box(self) -> Box:
        return _union(self.groups)


def read_large_rows(image: np.ndarray, budget: Budget | None = None) -> list[OcrLine]:
    """Each row of large type (``LARGE_GLYPH``) read alone (``_read_row``). The row is found from its glyphs' sizes,
    since the block reading may have lost its words."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return _read_rows(grey, large_rows(grey), budget or Budget(None))


def _read_rows(grey: np.ndarray, rows: list[LargeRow], budget: Budget) -> list[OcrLine]:
    """The first ``LARGE_ROWS_READ`` of ``rows`` read alone (``_read_row``), while the budget allows."""
    lines: list[OcrLine] = []
    for row in rows[:LARGE_ROWS_READ]:
        if not budget.allows(0.0):
            budget.skip("rows in large type read alone")
            break
        if (line := _read_row(grey, row, budget)) is not None:
            lines.append(line)
    return lines


def _read_row(grey: np.ndarray, row: LargeRow, budget: Budget) -> OcrLine | None:
    """A row of large type read group by group at ``LARGE_ROW_HEIGHT_PX``: as one line (page mode 7) or, where
    Tesseract 5.5 reads a cut-out word as nothing in that mode («ИТОГ» often), as a raw line (mode 13, which reads
    the «≡» of a sum as a 2 more often)."""
    read = [line for group in row.groups if (line := _read_group(grey, group, row.height, budget)) is not None]
    if not read:
        return None
    text = " ".join(line.text for line in read)
    words = tuple(word for line in read for word in line.words)
    return OcrLine(text, min(line.confidence for line in read), row.box, words)


MISSED_ROWS_PAGE_CONFIDENCE = 75.0
"""Rows in large type that no line of the block's reading covers are looked for only on a page read at least this
surely (``_with_missed_rows``): on a blurred page letters run together into blobs of every size, and reading them
alone (0.03-0.28 CPU s on each of the corpus's hard pages) added no line."""
MISSED_ROW_CONFIDENCE = 60.0
"""Such a row read alone below this confidence is a picture's texture or a stamp, not text, and is left out."""


def _with_missed_rows(image: np.ndarray, lines: list[OcrLine], budget: Budget) -> list[OcrLine]:
    """``lines`` with each row of large type that no line covers read alone and put in its place, top to bottom.
    Page mode 6 reads a block at its body size and may leave out what is far taller: a bank app's «100 000 ₽» in
    large light type under «Перевод» came out as nothing, though Tesseract reads it alone at 91%."""
    characters = sum(len(line.text) for line in lines)
    surely = sum(line.confidence * len(line.text) for line in lines) >= MISSED_ROWS_PAGE_CONFIDENCE * characters
    if len(lines) < 3 or not surely:
        return lines
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    missed = [row for row in large_rows(grey) if not _covered(row.box, lines)]
    found = [line for line in _read_rows(grey, missed, budget) if line.confidence >= MISSED_ROW_CONFIDENCE]
    return sorted([*lines, *found], key=lambda line: line.box[1]) if found else lines


def _covered(box: Box, lines: list[OcrLine]) -> bool:
    """Whether a line's box holds the middle of ``box``: the block's reading has that row."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(left <= x <= right and top <= y <= bottom for left, top, right, bottom in (line.box for line in lines))


def _read_group(grey: np.ndarray, group: Box, height: int, budget: Budget) -> OcrLine | None:
    """One group of a large row cut out with room for a sign before it, scaled and read (page mode 7, else 13)."""
    left, top, right, bottom = group
    pad = max(2, height * 15 // 100)
    x0, y0 = max(0, left - int(SIGN_ROOM * height)), max(0, top - pad)
    crop = grey[y0 : bottom + pad, x0 : right + pad]
    scale = LARGE_ROW_HEIGHT_PX / height
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    scaled = np.ascontiguousarray(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interpolation))
    for psm in (PSM.SINGLE_LINE, PSM.RAW_LINE):
        read = _read_lines(scaled, psm, budget)
        if read:
            words = tuple(_scaled_back(word, scale, x0, y0) for line in read for word in line.words)
            text = " ".join(line.text for line in read)
            return OcrLine(text, min(line.confidence for line in read), (x0, y0, right + pad, bottom + pad), words)
    return None


_Glyph = tuple[int, int, int, int]
"""left, top, width, height of a connected component."""


def large_rows(grey: np.ndarray) -> list[LargeRow]:
    """The rows of glyphs ``LARGE_GLYPH`` times the page's median glyph height or more, top to bottom: connected
    components of the binarised page, grouped by their vertical middles, then parted at wide gaps."""
    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, stats = component_stats(binary)
    x, y, w, h, area = stats[1:].T
    kept = (h >= 6) & (w >= 2) & (w <= 3 * h) & (area >= 0.1 * w * h)  # no specks, rules or hollow frames
    if not kept.any():
        return []
    median = float(np.median(h[kept]))
    large = kept & (h >= LARGE_GLYPH * median) & (h <= 5 * median) & (w <= 1.5 * h)
    order = np.argsort(y[large], kind="stable")
    glyphs = [(left, top, width, tall) for left, top, width, tall in np.stack([x, y, w, h], 1)[large][order].tolist()]
    rows: list[list[_Glyph]] = []
    bottoms: list[int] = []
    for glyph in glyphs:
        index = _row_holding(rows, bottoms, glyph)
        if index is None:
            rows.append([glyph])
            bottoms.append(glyph[1] + glyph[3])
        else:
            rows[index].append(glyph)
            bottoms[index] = max(bottoms[index], glyph[1] + glyph[3])
    low, high = LARGE_ROW_GLYPHS
    return [_parted(row) for row in rows if low <= len(row) <= high]


def _row_holding(rows: list[list[_Glyph]], bottoms: list[int], glyph: _Glyph) -> int | None:
    """The first row ``glyph`` stands in: its middle within the row's span, its height within 30% of the row's first
    glyph's. The glyphs come top first, so a row's top is its first glyph's; ``bottoms`` holds each row's lowest edge,
    kept as the row grows rather than measured again for every glyph (a noisy page has thousands)."""
    middle, height = glyph[1] + glyph[3] / 2, glyph[3]
    for index, row in enumerate(rows):
        first = row[0]
        if first[1] <= middle <= bottoms[index] and abs(height - first[3]) <= 0.3 * first[3]:
            return index
    return None


def _parted(row: list[_Glyph]) -> LargeRow:
    """The row's glyphs, left to right, in groups parted by gaps over ``WORD_GAP`` glyph heights."""
    height = int(statistics.median(g[3] for g in row))
    ordered = sorted(row)
    groups: list[list[_Glyph]] = [[ordered[0]]]
    for glyph in ordered[1:]:
        last = groups[-1][-1]
        if glyph[0] - (last[0] + last[2]) > WORD_GAP * height:
            groups.append([glyph])
        else:
            groups[-1].append(glyph)
    return LargeRow(tuple(_union([(x, y, x + w, y + h) for x, y, w, h in group]) for group in groups), height)


def _union(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _scaled_back(word: OcrWord, scale: float, dx: int, dy: int) -> OcrWord:
    """A word read in a scaled crop, placed back on the page the crop was cut from."""
    left, top, right, bottom = (round(edge / scale) for edge in word.box)
    return OcrWord(word.text, word.confidence, (left + dx, top + dy, right + dx, bottom + dy))
