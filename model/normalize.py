"""Turn values as printed (or as a model writes them) into the schema's canonical form.

Every reader — QR, OCR, PDF text, Qwen-VL — goes through these functions, so "1 234,56 ₽", "1234.56 RUB" and
"1234,56" all become "1234.56", and two readings of the same document compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

_MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip

_CURRENCIES = {
    # the neighbours' currencies first: a Belarusian «бел. руб.» holds the Russian «руб»
    "бел. руб": "BYN", "бел.руб": "BYN", "byn": "BYN", "byr": "BYR",
    "грн": "UAH", "₴": "UAH", "uah": "UAH", "тенге": "KZT", "₸": "KZT", "kzt": "KZT",
    "₽": "RUB", "руб": "RUB", "rub": "RUB", "р.": "RUB", "rur": "RUB",
    "$": "USD", "usd": "USD", "доллар": "USD", "€": "EUR", "eur": "EUR", "евро": "EUR", "¥": "CNY", "cny": "CNY",
    "юан": "CNY",
}  # fmt: skip

CURRENCY_MARK = r"(?i:₽|[PР](?![а-яёa-z])|руб\.?|р\.|RUB)"
"""The rouble's marks a figure ends with as OCR reads them, in any case: a Latin or Cyrillic P for the ₽ when no letter
follows (the Р of «Руб» or of a word is none), the word, its short forms, the code. Every pattern that ends a figure
with its currency spells the mark with this one. Not RUR, the code before 1998 that some banks still print: as a lone
figure's mark it made an Альфа receipt's fee row («50,00 RUR» under «198 882,89.RUR -») the amount, which both readers
then agreed on (bench/layouts r4_transfer_04_hard, pooled: a wrong amount verified). A labelled «Сумма 7 191,36 RUR»
still reads."""
GROUPED_INTEGER = r"(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)"
"""A sum's roubles, grouped by threes with spaces or not: the head of a figure that stands alone on its line."""
FIGURE_WITH_KOPECKS = GROUPED_INTEGER + r"[.,]\d{2}(?!\d)"
"""A sum printed with its kopecks, its roubles grouped by threes or not («69 885,00», «1570.80»): a statement's or a
tape's column figure, which needs no currency to be money."""

# One verbose block with the currency mark put in.
# fmt: off
_AMOUNT = re.compile(
    r"""(?<![\d.,])
        (?P<int>(?!0)\d{1,3}(?:,\d{3})+(?=\.\d{1,2}(?!\d))  # 46,750.00: commas group, a dot ends the roubles
          |(?!0)\d{1,3}(?:\.\d{3})+(?=,\d{2}(?!\d))         # 29.889,68: dots group, a comma ends the roubles
          |(?!0)\d{1,3}(?:,\d{3})+(?=,\d{2}(?!\d))          # 70,952,50: OCR read the group's space as a comma
          |(?!0)\d{4}(?:[ \u00a0\u202f]\d{3})+(?=[.,]\d{2}(?!\d))  # 3442 750,00: OCR lost the first group's space
          |(?!0)\d{1,3}(?::\d{3})+(?=[.,]\d{2}(?!\d))         # 70:250,00: OCR read the group's space as a colon
          |(?!0)\d{1,3}(?:[ \u00a0\u202f']\d{3})+           # 1 234 567; no group of a sum starts with 0
          |0\d+(?=[.,]\d)|[1-9]\d*|0)                    # 1234567; a 0 before digits only right before kopecks
                                                        # («≡0406.00»): «088 150,00» is a dotted leader, then 150
        (?:[.,](?P<frac>\d{1,2})                        # ,56 or .5
          |,\s(?P<spaced>\d{2})(?=\s*""" + CURRENCY_MARK + r"""|\s*$)  # «345, 67 руб.»: OCR put a space in
          |-(?P<dashed>\d{2})(?![\d./-]))?              # 1570-80: a payment order's field 7
        (?![\d])(?!\s?%)                                # 18 % is a rate, never money""",
    re.VERBOSE,
)
# fmt: on


_DATE_NUMERIC = re.compile(
    r"(?<!\d)(?<!\d[.,/-])(\d{1,2})[./,-](\d{1,2})(?:[./,-]|[\s:](?=(?:19|20)\d\d(?!\d)))(\d{4}|\d{2})(?!\d)(?![./-]\d)"
)
"""18.04.2019, 18/04/19, 18-04-2019, and as OCR reads a blurred one: 18,04,2019, 18.04 2019 (a dot lost) or
18.04:2019 (a dot read as a colon, a cracked screen's «09.05:2026 10:4/01 (MCK)»), these two only before a four-digit
year, so that "1.5 20" stays no date. Not a piece of a longer dash- or dot-joined number: a receipt's number
«Квитанция № 1-3-02-433-4312» holds no date."""
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATE_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})T\d{4}")
_DATE_WORDS = re.compile(r"(?<!\d)(\d{1,2})(?:\s*[»\"”“'])?\s+([А-Яа-яЁё]{3,9})\.?\s+(\d{4})")
"""«28 сентября 2010», also with the day in quotes as forms print it («28» сентября, " 28 " сентября)."""


def digits(text: str) -> str:
    """Only the digits of ``text``: identifiers are compared and stored as bare digit strings."""
    return "".join(ch for ch in text if ch.isdigit())


_RUBLES_KOPECKS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)\s*(?:руб|рб|р)[.,]?\s*(\d{1,2})\s*(?:[кk]|[лc][а-яa-z]{1,2}\b)",
    re.IGNORECASE,
)
""""10 808 руб. 10 коп." as forms print it, and as OCR reads it: "рб.", "руб,", "кол.", "коя", "кп.", "к.", and with
the к lost in blur, "лов." or "cor"."""


_KOPECKS_JOINED = re.compile(r"(?<![\d.,])((?!0)\d{1,3}(?:[ \u00a0]\d{3})+)[ \u00a0]?(\d{2})\s*" + CURRENCY_MARK)
"""Roubles grouped by threes with the kopecks' comma lost, the currency right after: «280 22500 P» is 280 225,00 ₽,
«1 416 50 руб.» 1 416,50 (a photo's blur). The groups place the kopecks: a group of five or of two is no group, and
its last two digits before the currency are the kopecks. Without groups («20147052Р») nothing says where the
roubles end, and nothing is read here."""


def _kopecks_joined(text: str) -> re.Match[str] | None:
    """The first amount in ``text`` when it is one whose kopecks' separator was lost (``_KOPECKS_JOINED``)."""
    joined = _KOPECKS_JOINED.search(text)
    if joined is None or _RUBLES_KOPECKS.search(text):
        return None
    match = _AMOUNT.search(text)
    return joined if match is None or match.start() >= joined.start() else None


def separator_lost(text: str) -> bool:
    """Whether the first amount in ``text`` is read with a separator put back where OCR lost or misread it: the
    kopecks' (``_KOPECKS_JOINED``) or a group's read as a colon («70:250,00»). Its shape alone says so, and its
    readers mark such a reading as found by shape: nothing on the page confirmed it."""
    text = text.replace("\u2009", " ")
    if _kopecks_joined(text) is not None:
        return True
    match = None if _RUBLES_KOPECKS.search(text) else _AMOUNT.search(text)
    return match is not None and ":" in match["int"]


def normalize_amount(text: str) -> str | None:
    """``"1 234,56 ₽"`` → ``"1234.56"``; ``None`` when no amount is found.

    Takes the first number that looks like money; thousands may be grouped by spaces, no-break spaces or
    apostrophes, the decimal separator may be a comma or a dot; commas group thousands when a dot ends the roubles
    ("46,750.00", as 1C prints with an English locale), and dots or commas group them when a comma and two digits end
    the roubles ("29.889,68"; "30,338,03", a group's space read as a comma). A space OCR lost after a four-digit
    first group is put back when groups of three and kopecks follow ("3442 750,00" is 3 442 750,00), and so is the
    kopecks' separator lost between groups and the currency ("280 22500 P", ``separator_lost``). Forms ask for
    "10 808 руб. 10 коп."; a payment order writes its kopecks after a dash ("1570-80", field 7 by the Bank of
    Russia's rules).
    """
    text = text.replace("\u2009", " ")
    if rubles := _RUBLES_KOPECKS.search(text):
        whole = re.sub(r"\D", "", rubles[1])
        return f"{Decimal(whole + '.' + rubles[2].rjust(2, '0')):.2f}"
    if joined := _kopecks_joined(text):
        return f"{Decimal(digits(joined[1]) + '.' + joined[2]):.2f}"
    match = _AMOUNT.search(text)
    if match is None:
        return None
    whole = re.sub(r"\D", "", match["int"])
    dashed = match["dashed"] if not text[: match.start()].endswith("-") else None  # 12-05-80 is no sum
    frac = (match["frac"] or match["spaced"] or dashed or "").ljust(2, "0")
    try:
        value = Decimal(f"{whole}.{frac}")
    except InvalidOperation:  # pragma: no cover - the regex admits digits only
        return None
    return f"{value:.2f}"


def kopecks_shown(text: str) -> bool:
    """Whether the first amount in ``text`` (as :func:`normalize_amount` finds it) prints its kopecks: "1 726,00",
    "10 808 руб. 10 коп.", not "13 011 руб." nor "13 011 руб. 46.s0n-"."""
    text = text.replace("\u2009", " ")
    if _RUBLES_KOPECKS.search(text) or _kopecks_joined(text):
        return True
    match = _AMOUNT.search(text)
    return match is not None and (
        match["spaced"] is not None
        or match["dashed"] is not None
        or (match["frac"] is not None and len(match["frac"]) == 2)
    )


def amount_from_kopecks(kopecks: str) -> str | None:
    """GOST R 56042 QR codes carry ``Sum`` in kopecks: ``"123456"`` → ``"1234.56"``."""
    if not kopecks.isdigit():
        return None
    return f"{Decimal(int(kopecks)) / 100:.2f}"


_YEARS = range(1990, 2100)
"""The years a payment document is dated in: «7020-09-10» is OCR's misreading or another number, no date."""


def _iso(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(text: str) -> str | None:
    """The first date in ``text`` as ``yyyy-mm-dd``: 2019-04-18, 20190418T2116 (QR codes), else the first of
    :func:`find_dates`. ``None`` when there is no real calendar date."""
    if match := _DATE_ISO.search(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := _DATE_COMPACT.search(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    return next((iso for _, iso in find_dates(text)), None)


def find_dates(text: str) -> Iterator[tuple[int, str]]:
    """Where each printed date starts in ``text`` and its ``yyyy-mm-dd``, in reading order: 18.04.2019,
    18/04/19, "18 апреля 2019", 2019-04-18 (an online bank's or a text layer's); what only looks like a date
    (31.02.2020, 12.50.20) is skipped."""
    found = [
        (match.start(), _iso(int(match[3]), int(match[2]), int(match[1]))) for match in _DATE_NUMERIC.finditer(text)
    ]
    found += [(match.start(), _iso(int(match[1]), int(match[2]), int(match[3]))) for match in _DATE_ISO.finditer(text)]
    for match in _DATE_WORDS.finditer(text):
        if (month := _MONTHS.get(match[2].lower()[:3])) is not None:
            found.append((match.start(), _iso(int(match[3]), month, int(match[1]))))
    yield from sorted((start, iso) for start, iso in found if iso is not None)


def normalize_currency(text: str) -> str | None:
    """ISO 4217 code for a currency sign or word in ``text`` (₽, руб., RUB, $, USD, €…)."""
    lowered = text.lower()
    if match := re.search(r"\b([a-z]{3})\b", lowered):
        code = _CURRENCIES.get(match[1])
        if code:
            return code
    for token, code in _CURRENCIES.items():
        if token in lowered:
            return code
    return None


def normalize_text(text: str) -> str | None:
    """Collapse whitespace; empty text becomes ``None``."""
    collapsed = " ".join(text.split()).strip(" ,;:")
    return collapsed or None
