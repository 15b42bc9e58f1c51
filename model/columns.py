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

from rapidfuzz.distance import Levenshtein

from model.fields import PARTY_HEADING_WORDS, party_heading
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
        headings = _headings(line)
        if headings is None:
            continue
        (left_heading, right_heading), boundary, read_as_printed = headings
        rows = _table_rows(lines[index + 1 :], boundary)
        if not rows or not (read_as_printed or any(_both_parties_row(row) for row in rows)):
            continue
        left = [text for text, _ in rows if text]
        right = [text for _, text in rows if text]
        return [*texts[:index], left_heading, *left, right_heading, *right, *texts[index + 1 + len(rows) :]]
    return texts


def _headings(line: OcrLine) -> tuple[tuple[str, str], float, bool] | None:
    """The two headings when ``line`` is two party headings apart (a payer's and the recipient's), where the right
    column begins (a little left of the second heading, whose cell's text starts there), and whether both read as
    printed. A photo garbles a heading («Мозолнитель:», «Зам учи:»): one a few letters off its role's word still
    names it (``_garbled_role``), and beside a heading that reads the other is the other party's, whatever OCR
    made of it; such headings are given as their roles' words."""
    phrases = _phrases([word for word in line.words if any(ch.isalnum() for ch in word.text)])
    if len(phrases) != 2:
        return None  # one phrase, not two columns
    texts = [" ".join(word.text for word in phrase) for phrase in phrases]
    roles = [_role(text) for text in texts]
    read_as_printed = set(roles) == {"payer", "payee"}
    if not read_as_printed:
        roles = [role or _garbled_role(text) for role, text in zip(roles, texts, strict=True)]
        if roles.count(None) == 1 and all(_wordy(text) for text in texts):
            known = next(role for role in roles if role is not None)
            roles = [role or ("payer" if known == "payee" else "payee") for role in roles]
        if set(roles) != {"payer", "payee"}:
            return None
        texts = [text if _role(text) else _ROLES_HEADING[str(role)] for role, text in zip(roles, texts, strict=True)]
    second = phrases[1][0]
    return (texts[0], texts[1]), second.box[0] - (second.box[3] - second.box[1]), read_as_printed


def _phrases(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """The words in phrases, left to right: a gap of two heights or more parts two phrases."""
    phrases: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda word: word.box[0]):
        height = word.box[3] - word.box[1]
        if phrases and word.box[0] - phrases[-1][-1].box[2] < 2 * height:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return phrases


def _role(heading: str) -> str | None:
    """Whose column a heading opens: a bank's payment heads its columns «Плательщик» (or «Отправитель») and
    «Получатель», a contract or a «Счёт-договор» its parties' requisites «Исполнитель:» and «Заказчик:»."""
    return party_heading(heading) or ("payer" if _SENDER.match(heading) else None)


_HEADING_LIKENESS = 0.7
"""How like a role's word a garbled heading's letters are at least (``Levenshtein.normalized_similarity``):
«Мозолнитель» is 0.73 like «исполнитель», three letters off eleven; «Покупатель» and «Получатель» are 0.7 alike, but
each reads as printed as itself first."""
_ROLES_HEADING = {"payee": "Получатель", "payer": "Плательщик"}
"""A garbled heading given as its role's word."""


def _garbled_role(heading: str) -> str | None:
    """The role whose heading word ``heading``'s letters are most like, if like enough (``_HEADING_LIKENESS``)."""
    letters = re.sub(r"[^а-яё]", "", heading.lower())
    likeness = {
        (role, word): Levenshtein.normalized_similarity(letters, word)
        for role, words in PARTY_HEADING_WORDS.items()
        for word in words
    }
    (role, _), best = max(likeness.items(), key=lambda item: item[1])
    return role if best >= _HEADING_LIKENESS else None


def _wordy(heading: str) -> bool:
    """A heading's look: a word or two of letters (five at least), no number."""
    return len(re.findall(r"[а-яёa-z]", heading, re.IGNORECASE)) >= 5 and not re.search(r"\d", heading)


_REQUISITE = re.compile(r"(?<![а-яё])(?:инн|бик|р\s?/\s?с|к\s?/\s?с)(?![а-яё])", re.IGNORECASE)


def _both_parties_row(row: tuple[str, str]) -> bool:
    """A row with a requisite's label in each column («ИНН … ИНН …», «БИК … БИК …»): two parties' blocks side by
    side, which headings garbled cannot say alone."""
    return all(_REQUISITE.search(half) for half in row)


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
