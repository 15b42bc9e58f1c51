"""Two parties' requisites printed side by side, read back as one party's block after the other.

A business bank's payment («Плательщик» on the left, «Получатель» on the right, each with its name, ИНН, account,
bank, БИК and к/с below) is read by OCR row by row across both columns: «ИНН 8481985419 КПП 848101001 ИНН
843532045044», «БИК 044525376 БИК 041708708». Every number there passes its checks, and the left one, the payer's,
comes first. The headings' own positions say where the right column begins; each row's words are parted there, and
the page's text continues as the two blocks stacked, which ``model.fields.party_blocks`` reads as it reads a modern
invoice's «Исполнитель» over «Заказчик». A contract or a «Счёт-договор» prints its parties' requisites so at its foot,
under «Исполнитель:» and «Заказчик:».
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.fields import party_heading
from model.ocr import OcrLine, OcrWord

_SENDER = re.compile(r"^\W*отправитель\W*$", re.IGNORECASE)
_COLUMN_ROWS = 12
"""Rows of a side-by-side table below its headings: a party's name, ИНН and КПП, account, bank (wrapped), БИК, к/с."""
_ROW_GAP = 1.8
"""A gap between rows this many times the table's first row pitch ends it: the sum and purpose follow apart."""


def unzipped_columns(lines: Sequence[OcrLine]) -> list[str]:
    """The lines' texts, a side-by-side table of two parties (a row holding only their two headings, one the
    recipient's) read as the left column's block, then the right one's."""
    texts = [line.text for line in lines]
    for index, line in enumerate(lines):
        boundary = _right_column(line)
        if boundary is None:
            continue
        rows = _table_rows(lines[index + 1 :], boundary)
        if not rows:
            continue
        left_heading, right_heading = _parted(line.words, boundary)
        left = [text for text, _ in rows if text]
        right = [text for _, text in rows if text]
        return [*texts[:index], left_heading, *left, right_heading, *right, *texts[index + 1 + len(rows) :]]
    return texts


def _right_column(line: OcrLine) -> float | None:
    """Where the right column begins when ``line`` is two party headings apart (a payer's and the recipient's):
    a little left of the second heading, whose cell's text starts there."""
    words = [word for word in line.words if word.text.strip()]
    if len(words) != 2:
        return None
    first, second = sorted(words, key=lambda word: word.box[0])
    roles = {_role(first.text), _role(second.text)}
    if roles != {"payer", "payee"}:
        return None
    height = second.box[3] - second.box[1]
    if second.box[0] - first.box[2] < 2 * height:
        return None  # one phrase, not two columns
    return second.box[0] - height


def _role(heading: str) -> str | None:
    """Whose column a heading opens: a bank's payment heads its columns «Плательщик» (or «Отправитель») and
    «Получатель», a contract or a «Счёт-договор» its parties' requisites «Исполнитель:» and «Заказчик:»."""
    return party_heading(heading) or ("payer" if _SENDER.match(heading) else None)


def _table_rows(below: Sequence[OcrLine], boundary: float) -> list[tuple[str, str]]:
    """The table's rows, parted at ``boundary``, up to a row that crosses it or stands apart from the rows above."""
    rows: list[tuple[str, str]] = []
    pitch: float | None = None
    previous: OcrLine | None = None
    for line in below[:_COLUMN_ROWS]:
        if not line.words or any(word.box[0] < boundary < word.box[2] for word in line.words):
            break
        if previous is not None:
            step = line.box[1] - previous.box[1]
            pitch = pitch or step
            if step > _ROW_GAP * pitch:
                break
        rows.append(_parted(line.words, boundary))
        previous = line
    return rows if len(rows) >= 2 else []


def _parted(words: Sequence[OcrWord], boundary: float) -> tuple[str, str]:
    left = " ".join(word.text for word in words if word.box[0] < boundary)
    right = " ".join(word.text for word in words if word.box[0] >= boundary)
    return left, right
