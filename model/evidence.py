"""Where each chosen value was read, and how sure the OCR was of it: the words it came from, found again.

The parser turns lines of text into values and keeps no positions, so the value is looked up afterwards in the words
of the readings that produced it (Tesseract's words, Indra's segments, a PDF's text-layer words), each with its box
and confidence from the same reading: no second OCR pass. The lookup is per kind of value: digits with the
separators documents print ("4070 2810 …", "1 234,50", "09.04.2022"), a date with its month in words, a name by its
letters and digits alone (OCR mixes Latin and Cyrillic look-alikes). A repaired identifier is found by the reading
it was repaired from, one digit apart. A value from a QR code gets the box of the printed words that repeat it, if a
reading has them; a value no reading shows (a currency assumed, a QR's value the OCR missed) gets no box.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from model.ocr import OcrLine, OcrWord
from model.preprocess.geometry import Matrix, box_on_page
from model.schema import VALUE_FIELDS, CheckStatus, FieldBox, FieldCheck, PaymentDetails, Source


@dataclass(frozen=True)
class PageReading:
    """One OCR reading of one page: its lines, and the map from the page's pixels onto the image that was read."""

    page: int
    """1 for the first page."""
    source: Source
    lines: tuple[OcrLine, ...]
    to_image: Matrix
    page_shape: tuple[int, ...]


_DIGIT_FIELDS = frozenset(
    {"recipient_inn", "recipient_kpp", "recipient_account", "bank_bic", "bank_corr_account", "fiscal_drive_number"}
)
_NUMBER_FIELDS = frozenset({"fiscal_document_number", "fiscal_sign"})
"""Printed with leading zeros that the value drops."""
_NO_EVIDENCE = frozenset({"currency"})
"""Assumed (roubles) or read from a mark beside the amount: no words of its own to show."""

_SEPARATOR = r"[ .,\u00a0]?"
_MONTHS = ("январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
_LOOKALIKES = str.maketrans(dict(zip("aceopxykmthbё0", "асеорхукмтнвео", strict=True)))
"""Latin letters OCR reads for Cyrillic ones (and ё for е, 0 for О: "000 «Вектор»"), folded together before names
are compared."""
_DATE_SEPARATOR = r"(?:\s?[./-]\s?|\s)"
"""Between day, month and year: a dot, slash or dash, or a space where blur lost the dot ("28.11 2024")."""


def with_evidence(
    details: PaymentDetails, checks: dict[str, FieldCheck], readings: Sequence[PageReading]
) -> dict[str, FieldCheck]:
    """``checks`` with each value's box and confidence added where a reading's words show it: those of the reader that
    chose it first; for a value from a QR code, the printed words that repeat it."""
    found = dict(checks)
    for field in VALUE_FIELDS:
        value, check = getattr(details, field), checks[field]
        if value is None or field in _NO_EVIDENCE:
            continue
        same_reader = [r for r in readings if r.source == check.source]
        others = [r for r in readings if r.source != check.source]
        evidence = _locate(field, str(value), check.status == CheckStatus.REPAIRED, [*same_reader, *others])
        if evidence is not None:
            found[field] = check.model_copy(update={"box": evidence[0], "confidence": evidence[1]})
    return found


def _locate(field: str, value: str, repaired: bool, readings: Iterable[PageReading]) -> tuple[FieldBox, float] | None:
    """The box and mean confidence of the first words that show ``value``, in reading order."""
    pattern = _pattern(field, value)
    for reading in readings:
        words = _find(pattern, reading.lines) if pattern is not None else _find_text(field, value, reading.lines)
        if words is None and repaired and value.isdigit():
            words = _find_one_digit_apart(value, reading.lines)
        if words:
            box = _union(word.box for word in words)
            on_page = box_on_page(box, reading.to_image, reading.page_shape)
            if on_page is not None:
                x, y, w, h = (round(part, 4) for part in on_page)
                confidence = round(statistics.fmean(word.confidence for word in words), 1)
                return FieldBox(page=reading.page, x=x, y=y, w=w, h=h), min(100.0, max(0.0, confidence))
    return None


_BORDERED = frozenset({"recipient_account", "bank_bic", "bank_corr_account"})


def _printed_before(field: str, value: str) -> str:
    """What the parser reads past before an identifier's digits, so that its words are found with them: a cash
    register's ИНН padded to twelve digits with 00 («ИНН 002310031475», ``resolve._unpadded``), a table's border read
    as a 1 glued to a р/с, БИК or к/с («Сч № 140702810300014867399», ``values.past_a_border``)."""
    if field == "recipient_inn" and len(value) == 10:
        return rf"(?:0{_SEPARATOR}0{_SEPARATOR})?"
    return rf"(?:1{_SEPARATOR})?" if field in _BORDERED else ""


def _pattern(field: str, value: str) -> re.Pattern[str] | None:
    if field in _DIGIT_FIELDS:
        return re.compile(rf"(?<!\d){_printed_before(field, value)}{_digits(value)}(?!\d)")
    if field in _NUMBER_FIELDS:
        return re.compile(rf"(?<!\d)0*{_digits(value.lstrip('0') or '0')}(?!\d)")
    if field == "amount":
        return _amount_pattern(value)
    if field == "payment_date":
        return _date_pattern(value)
    return None


def _digits(digits: str) -> str:
    """The digits as printed: each may be followed by a space or a dot that groups them."""
    return _SEPARATOR.join(digits)


def _amount_pattern(value: str) -> re.Pattern[str]:
    roubles, kopecks = value.split(".")
    whole = rf"(?<![\d.,]){_digits(roubles)}"
    with_kopecks = rf"{whole}\s?(?:[.,=-]|руб\w*\.?|р\.?)\s?{kopecks}(?!\d)"
    if kopecks == "00":  # "165 ₽", "165 руб." print no kopecks
        return re.compile(rf"{with_kopecks}|{whole}(?![\d]|[.,]\d)")
    return re.compile(with_kopecks)


def _date_pattern(value: str) -> re.Pattern[str] | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:  # not a calendar date: nothing printed can show it
        return None
    dd, mm, yyyy = f"{day.day:02d}", f"{day.month:02d}", str(day.year)
    d = rf"0?{day.day}" if day.day < 10 else dd
    numeric = rf"(?<!\d){d}{_DATE_SEPARATOR}{mm}{_DATE_SEPARATOR}(?:{yyyy}|{yyyy[2:]})(?!\d)"
    in_words = rf"(?<!\d){d}\s?[«\"]?\s?{_MONTHS[day.month - 1]}[а-яё]*\.?\s?{yyyy}"
    iso = rf"(?<!\d){yyyy}-{mm}-{dd}(?!\d)"
    return re.compile(f"{numeric}|{in_words}|{iso}", re.IGNORECASE)


def _find(pattern: re.Pattern[str], lines: Sequence[OcrLine]) -> list[OcrWord] | None:
    """The words of the first line where ``pattern`` matches the words joined by spaces."""
    for line in lines:
        text, spans = _joined(line.words)
        match = pattern.search(text)
        if match is not None:
            return [word for word, (start, end) in zip(line.words, spans, strict=True) if _overlaps(match, start, end)]
    return None


def _joined(words: Sequence[OcrWord]) -> tuple[str, list[tuple[int, int]]]:
    spans, position = [], 0
    for word in words:
        spans.append((position, position + len(word.text)))
        position += len(word.text) + 1
    return " ".join(word.text for word in words), spans


def _overlaps(match: re.Match[str], start: int, end: int) -> bool:
    return start < match.end() and match.start() < end


_DIGIT_RUN = re.compile(r"\d(?:[ \u00a0]?\d)*")


def _find_one_digit_apart(value: str, lines: Sequence[OcrLine]) -> list[OcrWord] | None:
    """The words of the first run of as many digits as ``value`` differing from it in one: the reading that was
    repaired."""
    for line in lines:
        text, spans = _joined(line.words)
        for match in _DIGIT_RUN.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            if len(digits) == len(value) and sum(a != b for a, b in zip(digits, value, strict=True)) == 1:
                return [w for w, (start, end) in zip(line.words, spans, strict=True) if _overlaps(match, start, end)]
    return None


def _union(boxes: Iterable[tuple[int, int, int, int]]) -> tuple[float, float, float, float]:
    lefts, tops, rights, bottoms = zip(*boxes, strict=True)
    return float(min(lefts)), float(min(tops)), float(max(rights)), float(max(bottoms))


TEXT_PREFIX = 12
"""A name or purpose not found whole (the parser tidied its quotes or spaces away) is found by this many of its first
letters and digits."""


def _find_text(field: str, value: str, lines: Sequence[OcrLine]) -> list[OcrWord] | None:
    """The words showing ``value``'s letters and digits in order, across the ends of lines (a purpose wraps), with
    case, punctuation and Latin look-alikes ignored. Numbers and dates are found by their patterns only: as letters
    and digits alone a date that is no calendar date could match any run of digits."""
    if field in _DIGIT_FIELDS | _NUMBER_FIELDS or field in ("amount", "payment_date"):
        return None
    letters: list[str] = []
    owners: list[OcrWord] = []
    for line in lines:
        for word in line.words:
            for character in _folded(word.text):
                letters.append(character)
                owners.append(word)
    text, target = "".join(letters), _folded(value)
    start = text.find(target) if target else -1
    if start < 0 and len(target) > TEXT_PREFIX:
        target = target[:TEXT_PREFIX]
        start = text.find(target)
    if start < 0:
        return None
    return list(dict.fromkeys(owners[start : start + len(target)]))


def _folded(text: str) -> str:
    return "".join(c for c in text.lower().translate(_LOOKALIKES) if c.isalnum())
