"""A PDF's text layer as lines in the order the page shows them, also where the layer's own order cannot be trusted.

A text layer lists its text in the order the producing program drew it, which need not be the page's: a bank's
payment order (Тинькофф's 0401060) draws each cell on its own, captions first, values last, so the payer's account
comes before the «Плательщик» caption under it and the recipient's caption far from its values. Read in that order,
whose each number is cannot be told, and a parser that tells it by position takes the payer's numbers for the
payee's. The words' boxes still say where each word is printed, so the lines are rebuilt from them, the way OCR reads
a page: rows top to bottom, words left to right, on a page printed turned too (a landscape form laid on its side).

The layer's order is kept when it reads down the page (``ORDERLY_SHARE``): a 1C invoice or a bank's receipt writes
its lines in order, and its own line breaks keep a wrapped cell's words together, which rows rebuilt across the whole
page would interleave with the cells beside it (a 1C invoice's seller with its address; Альфа-Банк's receipt, two
columns of stacked captions and values). Measured on the real set's 17 labelled text-layer PDFs: the layer's lines
everywhere 0.894 (both Тинькофф orders read nothing), rows rebuilt everywhere 0.973, rows only where the layer is
out of order 0.992. Either way the lines are built from the layer's words: pdfium's bounded text glues some of the
layer's lines end to end («Банк получателяИНН 2310…», PSB On-Line's payment order).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.documents import TextWord

ORDERLY_SHARE = 0.7
"""A layer whose lines step down the page (or stay on the same row) at least this often reads in the page's order.
Columns and a table's cells step back up now and then; a layer drawn cell by cell in no order steps up about every
second line (measured on the real set: in-order layers 0.8-1.0, Тинькофф's payment orders 0.55). A form filled in
over its template, its captions in order and then its values, reads down the page twice and passes: its values then
follow the form's last caption, where ``model.payment_order`` reads no party's number."""


@dataclass(frozen=True, slots=True)
class _Axes:
    """How the page's text runs: ``along`` reads a line, ``across`` goes to the next, each the sign it has on the
    image's axis (y along a turned page's lines, x along an upright one's)."""

    vertical: bool
    along: int
    across: int

    def place(self, box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        """The box as (start, end) along the line and (start, end) across the lines, in reading order."""
        left, top, right, bottom = box
        along, across = ((top, bottom), (left, right)) if self.vertical else ((left, right), (top, bottom))
        return (*_oriented(along, self.along), *_oriented(across, self.across))


def _oriented(span: tuple[int, int], sign: int) -> tuple[float, float]:
    return (span[0], span[1]) if sign > 0 else (-span[1], -span[0])


def in_page_order(words: Sequence[TextWord]) -> tuple[str, tuple[TextWord, ...]]:
    """The page's text as lines of its words, and the words with the numbers of those lines: the layer's own lines
    when they read down the page, else rows rebuilt from the words' boxes."""
    axes = _axes(words)
    if axes is None or (_orderly(words, axes) and not _values_apart(words, axes)):
        by_line: dict[int, list[TextWord]] = {}
        for word in words:
            by_line.setdefault(word.line, []).append(word)
        rows = _rejoin_figures(
            [line for _, line in sorted(by_line.items())], axes or _Axes(vertical=False, along=1, across=1)
        )
    else:
        rows = _rows(words, axes)
    text = "\n".join(" ".join(word.text for word in row) for row in rows)
    placed = tuple(replace(word, line=index) for index, row in enumerate(rows) for word in row)
    return text, placed


def _axes(words: Sequence[TextWord]) -> _Axes | None:
    """Which way the text runs: turned when most words of three letters or more are taller than wide; forwards or
    backwards by the steps between the words of one layer line, which the layer keeps in order within a cell."""
    long_words = [word for word in words if len(word.text) >= 3]
    if not long_words:
        return None
    tall = sum(word.box[3] - word.box[1] > word.box[2] - word.box[0] for word in long_words)
    vertical = 2 * tall > len(long_words)
    axis = 1 if vertical else 0
    steps = sum(
        (1 if after.box[axis] > before.box[axis] else -1)
        for before, after in pairwise(words)
        if before.line == after.line and after.box[axis] != before.box[axis]
    )
    along = 1 if steps >= 0 else -1
    # Text read upwards (turned anticlockwise) has its next line to the right; read downwards, to the left.
    across = -along if vertical else along
    return _Axes(vertical, along, across)


def _orderly(words: Sequence[TextWord], axes: _Axes) -> bool:
    """Whether the layer's lines step down the page: each line's place across the lines against the previous one's,
    a step back up by more than a line's height counted as out of order."""
    by_line: dict[int, list[tuple[float, float, float, float]]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(axes.place(word.box))
    lines = [(median(p[2] for p in found), median(p[3] - p[2] for p in found)) for _, found in sorted(by_line.items())]
    if len(lines) < 3:
        return True
    forward = sum(after[0] >= before[0] - max(before[1], after[1]) for before, after in pairwise(lines))
    return forward >= ORDERLY_SHARE * (len(lines) - 1)


VALUES_APART = 2
"""How many requisite numbers drawn apart from their captions make a layer read in rows although it steps down the
page: a form filled in over its template (an Access report's «Образец заполнения платежного поручения») lists its grid's
captions («ИНН», «КПП», «Сч.№», «БИК») in order and then its values, each on a line of digits alone, so the grid's
cells come out empty and the only «ИНН» followed by a number is the payer's. One such number could be a stray; two
in one grid are the layer's order, not the page's."""
_REQUISITE_CAPTION = re.compile(r"^(?:ИНН|КПП|БИК|Сч\.?№?|№|[рк]/с|сч[её]т)[:.]?$", re.IGNORECASE)
_REQUISITE_NUMBER = re.compile(r"^\d{9,20}$")
"""A requisite as a grid prints it: a КПП or БИК (9 digits), an ИНН (10, 12) or an account (20)."""


def _values_apart(words: Sequence[TextWord], axes: _Axes) -> bool:
    """Whether the layer draws ``VALUES_APART`` requisite numbers on lines of digits alone, further than
    ``FIGURE_LOOKAHEAD`` lines from the caption printed beside them on the page, whose own line holds no number: the
    values of a form drawn after all its captions. A receipt that draws a caption and its value as two objects in a
    row keeps them within a line or two, and a grid that writes «ИНН 7707083893» in one object is not counted."""
    by_line: dict[int, list[TextWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    order = {line: index for index, line in enumerate(sorted(by_line))}
    values = [
        word
        for line in by_line.values()
        if all(part.text.isdigit() for part in line)
        for word in line
        if _REQUISITE_NUMBER.match(word.text)
    ]
    captions = [
        word
        for line in by_line.values()
        if not any(_REQUISITE_NUMBER.match(part.text) for part in line)
        for word in line
        if _REQUISITE_CAPTION.match(word.text)
    ]
    apart = {
        id(value)
        for value in values
        for caption in captions
        if abs(order[value.line] - order[caption.line]) > FIGURE_LOOKAHEAD
        and _beside([axes.place(caption.box)], [value], axes)
    }
    return len(apart) + len(_captions_apart(by_line, order, axes)) >= VALUES_APART


_CAPTION_ALONE = re.compile(r"^\D{2,60}:$")
"""A caption alone on its layer line, ending with its colon and holding no digit («Покупатель (Заказчик):»,
«Всего к оплате:»)."""


def _captions_apart(by_line: dict[int, list[TextWord]], order: dict[int, int], axes: _Axes) -> set[int]:
    """The layer lines of captions alone (``_CAPTION_ALONE``) whose value the page prints on their row, right after
    them, while the layer draws it more than ``FIGURE_LOOKAHEAD`` lines away: a 1C bill saved as a PDF column by
    column lists «Поставщик (Исполнитель):», «Покупатель (Заказчик):», «Основание:» one under another and the three
    parties' lines only after the bank's grid, so in the layer's order no caption has its value under it and the
    payer goes unread."""
    starts = {line: min(words, key=lambda word: axes.place(word.box)[0]) for line, words in by_line.items()}
    return {
        line
        for line, words in by_line.items()
        if _CAPTION_ALONE.match(" ".join(word.text for word in words))
        and any(
            abs(order[other] - order[line]) > FIGURE_LOOKAHEAD
            and _beside([axes.place(word.box) for word in words], [start], axes)
            for other, start in starts.items()
        )
    }


FIGURE_LOOKAHEAD = 3
"""How many of the layer's lines after a caption alone may hold its figure: a receipt draws its large «Итого» and
«15 901 ₽» as separate objects with the goods table's header between them (Т-Путешествия's electronic receipt)."""
_FIGURE = re.compile(r"^[\s\d.,=≡₽$€%-]*\d[\s\d.,=≡₽$€%-]*(?:руб\.?|р\.)?$", re.IGNORECASE)
"""A layer line holding only a figure: digits with their separators and a currency sign."""


def _rejoin_figures(rows: list[list[TextWord]], axes: _Axes) -> list[list[TextWord]]:
    """A caption alone on its layer line (a few words, no digit) gets back its figure when a later line, within
    ``FIGURE_LOOKAHEAD``, holds only a figure printed on the caption's row to its right: the layer drew them apart,
    the page prints «Итого 15 901 ₽» as one row, and OCR would read it so. Wrapped cells stay as the layer keeps them:
    a figure alone is no cell's wrapped words, and a caption with digits is a value already read with its own."""
    rows = [list(row) for row in rows]
    for index, row in enumerate(rows):
        if not row or len(row) > 3 or any(char.isdigit() for word in row for char in word.text):
            continue
        caption = [axes.place(word.box) for word in row]
        for later in rows[index + 1 : index + 1 + FIGURE_LOOKAHEAD]:
            if later and _FIGURE.match(" ".join(word.text for word in later)) and _beside(caption, later, axes):
                row.extend(later)
                later.clear()
                break
    return [row for row in rows if row]


def _beside(caption: list[tuple[float, float, float, float]], figure: Sequence[TextWord], axes: _Axes) -> bool:
    """The figure stands on the caption's row (``ROW_OVERLAP``), wholly after it along the line."""
    places = [axes.place(word.box) for word in figure]
    top, bottom = min(p[2] for p in caption), max(p[3] for p in caption)
    f_top, f_bottom = min(p[2] for p in places), max(p[3] for p in places)
    overlap = min(bottom, f_bottom) - max(top, f_top)
    after = min(p[0] for p in places) >= max(p[1] for p in caption)
    return after and overlap >= ROW_OVERLAP * min(bottom - top, f_bottom - f_top)


ROW_OVERLAP = 0.35
"""Two words stand on one row when their spans across the lines overlap by this share of the smaller one's height:
a form prints a cell's value a little above or below its caption («Сумма» 9 px over its figure beside «ИНН»), while
the next line's words touch the row at most by a descender."""


def _rows(words: Sequence[TextWord], axes: _Axes) -> list[list[TextWord]]:
    """The words in rows: in order across the page, each joins the last row its span overlaps by ``ROW_OVERLAP`` (a
    row spans all its words), or starts one; words in order along each row."""
    placed = sorted(((axes.place(word.box), word) for word in words), key=lambda item: (item[0][2] + item[0][3]) / 2)
    rows: list[tuple[list[float], list[tuple[float, TextWord]]]] = []
    for (start, _, top, bottom), word in placed:
        for span, members in reversed(rows[-2:]):
            overlap = min(bottom, span[1]) - max(top, span[0])
            if overlap >= ROW_OVERLAP * min(bottom - top, span[1] - span[0]):
                span[0], span[1] = min(span[0], top), max(span[1], bottom)
                members.append((start, word))
                break
        else:
            rows.append(([top, bottom], [(start, word)]))
    return [[word for _, word in sorted(members, key=lambda item: item[0])] for _, members in rows]
