"""A bank's SMS about a transfer, as a screenshot of the bank's thread shows it.

The bank writes each operation as one sentence, no captions: «28.07.2026 19:34 Перевод по СБП 28750.00р получателю
Игорь Викторович Л. Карта *9463. Баланс 71567.23р», wrapped wherever the screen's width put it. The thread holds
other messages too: a purchase («Покупка 2951.11р … Баланс …»), the code that confirmed the transfer («Код 429142.
Никому его не сообщайте. Перевод 28 750,00 р Игорю Викторовичу Л.»). The transfer's own message, the one naming
whom it went to, decides: its figure after «Перевод» is the amount (never the balance after «Баланс»), the name
after «получателю» the recipient, masked as the bank masks it (first name, patronymic, the surname's initial),
its opening date the payment's. Another message of a transfer to a person masked so gives the amount only where
OCR lost that message's, at a lower score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.normalize import CURRENCY_MARK, FIGURE_WITH_KOPECKS, normalize_amount, normalize_date
from model.schema import Candidate, Source

_MASKED_PERSON = r"(?-i:[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.)"
"""A person as a bank's message masks them: first name, patronymic, the surname's initial («Игорь Викторович Л.»)."""
_TO_WHOM = r"(?<![а-яё])(?:[а-яё]{0,6}ч)?[аa]т[еe]лю"
"""«получателю», also as a photo's OCR reads it: garbled before its «ч» («рйучателю»), or cut at the screen's left edge
(«ателю»); no other dative a bank's message prints ends so («держателю» has no «ч»)."""
_TRANSFER_WORDS = r"(?<![а-яё])перевод(?:\s+[пn][оo]\s+[сc][бb6в][пnmм])?"
_TRANSFER = _TRANSFER_WORDS + r"\s+(?P<figure>" + FIGURE_WITH_KOPECKS + r")\s?"
"""«Перевод 28750.00р», «Перевод по СБП 28750.00р» (OCR's «по CBM», «no CBN»), up to the figure's currency."""
_DATED = r"(?<![\d.])(?P<day>\d{2})?\.(?P<month>\d{2})\.?(?P<year>20\d{2})\s+\d{1,2}:\d{2}\s+"
"""A message's opening date and time, «28.07.2026 19:34», its second dot lost on a photo («28.072026 19:34») or its
day cut off at the screen's left edge («.05.2026 17:06»)."""
_OWN_MESSAGE = re.compile(
    r"(?P<opening>(?:\d{0,2}\.\d{2}\.?\d{4}\s+\d{1,2}:\d{2}\s+)?)"
    + _TRANSFER
    + CURRENCY_MARK
    + r"\s+"
    + _TO_WHOM
    + r"\s+(?P<name>"
    + _MASKED_PERSON
    + ")",
    re.IGNORECASE,
)
"""The transfer's own message: its figure, then «получателю» and whom."""
_RECIPIENT = re.compile(_TO_WHOM + r"\s+(?P<name>" + _MASKED_PERSON + r")(?=\s+(?:карта|сч[её]т)\s*\*\s*\d{4})", re.I)
"""The message's second half alone, where OCR lost its first line or garbled its figure: «получателю Сергей Олегович
К. Карта *8589.»."""
_OPENING = re.compile(_DATED + _TRANSFER_WORDS, re.IGNORECASE)
"""The opening of a transfer's message whose figure OCR garbled: «28.072026 19:34 Перевод no CBM 287505 9р»."""
_DAYS_HEADER = re.compile(r"(?<![\d.:,])(?P<day>\d{1,2})\s+(?P<month>[а-яё]{3,8})(?=\s)", re.IGNORECASE)
"""The thread's header over each day's messages, «4 мая»: the day of a message whose own date lost it."""
_OTHER_MESSAGE = re.compile(_TRANSFER + CURRENCY_MARK + r"\s+" + _MASKED_PERSON, re.IGNORECASE)
"""Another message of a transfer to a person masked so: the code's «Перевод 28 750,00 р Игорю Викторовичу Л.»."""
_OTHER_SCORE = 0.5


def read_transfer_sms(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The amount, the recipient and the date of the transfer a bank's SMS thread reports; nothing from any other
    page. The messages are read joined, as they wrap."""
    text = " ".join(lines)
    own = list(_OWN_MESSAGE.finditer(text))
    found: list[Candidate] = []
    for message in own:
        if amount := normalize_amount(message["figure"]):
            found.append(Candidate("amount", amount, source))
        found.append(Candidate("recipient_name", " ".join(message["name"].split()), source))
        found += [Candidate("payment_date", iso, source) for iso in _dates(message["opening"], text[: message.start()])]
    if own:
        return found
    found += [
        Candidate("recipient_name", " ".join(match["name"].split()), source) for match in _RECIPIENT.finditer(text)
    ]
    if found:
        found += [
            Candidate("payment_date", iso, source)
            for match in _OPENING.finditer(text)
            for iso in _dates(match.group(), text[: match.start()])
        ]
    return found + [
        Candidate("amount", amount, source, _OTHER_SCORE)
        for match in _OTHER_MESSAGE.finditer(text)
        if (amount := normalize_amount(match["figure"]))
    ]


def _dates(opening: str, above: str) -> list[str]:
    """The date a message's ``opening`` prints (``_DATED``), as ``yyyy-mm-dd``; one whose day was cut off takes the
    day of the thread's last header ``above`` it («4 мая»), where that header's month is the date's own (a rule that
    fails when the two disagree)."""
    if (match := re.search(_DATED, opening)) is None:
        return []
    if match["day"] is not None:
        iso = normalize_date(f"{match['day']}.{match['month']}.{match['year']}")
    else:
        headers = (normalize_date(f"{h['day']} {h['month']} {match['year']}") for h in _DAYS_HEADER.finditer(above))
        iso = next((day for day in reversed([day for day in headers if day is not None])), None)
        iso = iso if iso is not None and iso[5:7] == match["month"] else None
    return [iso] if iso is not None else []


TRANSFER_TO_A_PERSON = re.compile(
    _TO_WHOM + r"\s+" + _MASKED_PERSON + "|" + _TRANSFER + CURRENCY_MARK + r"\s+" + _MASKED_PERSON, re.I
)
"""A bank's message of a transfer to a person it masks: a transfer's telltale (``model.fields.classify``)."""
