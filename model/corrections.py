"""A correction receipt («КАССОВЫЙ ЧЕК КОРРЕКЦИИ»): a sale the till failed to register, made good days later.

It prints two dates: its own (the line of its number, and the fiscal QR's ``t``) and «ДАТА РАСЧЕТА» («Дата
совершения расчета»), the day the buyer paid. The payment's date is the latter; the correction's own date, however
well the QR and the print agree on it, dates the document, not the payment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from model.normalize import normalize_date
from model.schema import Candidate, Source
from model.values import label

SETTLED = "settled_on"
"""The candidates' field: the day a correction receipt's payment was made (never a payment detail itself)."""
CORRECTION = "correction"
"""The candidates' field that marks a page naming a correction receipt, whether or not its settlement was read."""


def _one_letter_off(word: str) -> str:
    """Regex for ``word`` in OCR's look-alikes with at most one letter read as any other (a photocopy's «КОВРЕКЦИИ»,
    «РАЕЧЕТА»): a long word of a receipt's own wording, which one letter does not make another."""
    exact = label(word)
    off = [label(word[:at]) + r"[^\W\d_]" + label(word[at + 1 :]) for at in range(len(word))]
    return r"(?:" + "|".join([exact, *off]) + r")"


_CORRECTION = re.compile(
    r"(?<![а-яёa-z])(?:"
    + r"|".join(
        [
            label("чек") + r"\w*\W+" + _one_letter_off("коррекции"),
            label("тип") + r"\W+" + _one_letter_off("коррекции"),
            label("чек") + r"\W+" + label("корр") + r"(?![а-яёa-z])",
            _one_letter_off("корректируемого"),
        ]
    )
    + r")",
    re.IGNORECASE,
)
"""What names a correction receipt, any one enough where a photocopy lost the others: its title «(КАССОВЫЙ) ЧЕК
КОРРЕКЦИИ», its number's line «ЧЕК КОРР. 39», «ТИП КОРРЕКЦИИ» («САМОСТОЯТЕЛЬНО», «ПО ПРЕДПИСАНИЮ») and the format's
«дата совершения корректируемого расчета»; each also with one letter misread. Only these phrases: a sale's receipt
may sell a «Корректор» or a «Коррекция бровей»."""
_SETTLEMENT_LINE = re.compile(
    r"^\W*(?:"
    + label("дата")
    + r"\W+(?:"
    + label("совершения")
    + r"\W+)?(?:"
    + label("корректируемого")
    + r"\W+)?"
    + _one_letter_off("расчета")
    + r"|"
    + label("дата")
    + r"\W+"
    + label("расчёта")
    + r")"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)


def read_settlement(lines: Sequence[str], source: Source) -> list[Candidate]:
    """On a correction receipt, its mark (``CORRECTION``) and the date of the payment it makes good, from its «ДАТА
    РАСЧЕТА» line; nothing on any other page (a receipt of a sale is dated by its own date)."""
    if not any(_CORRECTION.search(line) for line in lines):
        return []
    found = [Candidate(CORRECTION, "1", source)]
    for line in lines:
        if (match := _SETTLEMENT_LINE.match(line)) and (day := normalize_date(match["rest"])) is not None:
            found.append(Candidate(SETTLED, day, source))
    return found


def settled_dates_only(dates: list[Candidate], candidates: Sequence[Candidate]) -> list[Candidate]:
    """A correction receipt's payment date is the day it was settled: the readings of it among ``candidates`` stand
    in for every other date read (the QR's and the print's date of the correction itself), and where none was read
    the receipt's other dates are still the correction's, so it has none; a page that names no correction keeps its
    dates."""
    if not any(candidate.field == CORRECTION for candidate in candidates):
        return dates
    settled = [candidate for candidate in candidates if candidate.field == SETTLED]
    return [replace(candidate, field="payment_date") for candidate in settled]
