"""A fee on top of the payment: the amount is what the recipient is paid, not what the payer's account lost.

A bank's transfer receipt or a payment terminal's tape prints the sum sent, the bank's or the agent's fee, and their
total: «Сумма перевода 1 500,00 ₽», «Комиссия 15,00 ₽», «Итого списано 1 515,00 ₽». The total's label outranks a bare
«Сумма» (``model.labels``), which is right for a receipt's «ИТОГ» but here gives the recipient a sum the fee is part
of. Where a reading is another sum read on the page plus a fee the page prints, it ranks under that sum, which is the
amount. Only a non-zero fee read with its kopecks (or in whole roubles between its sum and their total, which add
up, or alone under its own caption) counts, and only a reading that is exactly the two added.

A bank app's card transfer prints the sum sent large and thin over a list of captioned rows («Комиссия» over «157 ₽»,
«Сумма списания» over «15 857 ₽»); where OCR loses the thin figure, the sum debited less the fee is the sum sent
(``sent_less_fee``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from model.labels import DEBITED
from model.normalize import CURRENCY_MARK, GROUPED_INTEGER, kopecks_shown, normalize_amount
from model.schema import Candidate, DocumentType, Source
from model.values import label, read_amount

FEE = "fee"
"""The candidates' field: a fee the page charges on top of the payment (never a payment detail)."""

_FEE_LINE = re.compile(
    r"^\W*(?:"
    + "|".join(label(words) for words in ("комиссия", "комиссия банка", "плата за перевод", "сбор банка"))
    + r")(?![а-яёa-z])(?P<rest>[^а-яёa-z]*(?:руб\w*|р\.?|₽|rub)?[^а-яёa-z]*)"
    + r"(?:(?<=\s)(?:по|согласно)\s+тариф\w*(?:\s+банка)?\W*)?$",
    re.IGNORECASE,
)
"""«Комиссия 15,00 ₽», «КОМИССИЯ: 20.00 РУБ.», «Комиссия банка: 30,00 руб.»: a fee alone on its line with its sum,
or with the tariff it is charged by after it, as a branch's transfer application prints it («Комиссия банка 223,60
руб. по тарифам банка», r17_transfer_01); a line that goes on in other words («Комиссия не взимается», «Комиссия за
перевод включена») states no fee. The currency may be its code, as an ATM's cheque prints it («КОМИССИЯ 164.00
RUB»)."""
_FEE_CAPTION = re.compile(
    r"^\W*(?:" + "|".join(label(words) for words in ("комиссия", "комиссия банка", "плата за перевод")) + r")\W*$",
    re.IGNORECASE,
)
"""A fee's caption alone on its line, its figure on the line under it, as a bank app prints each row."""
_SPECKS_AFTER = r"(?:\s(?![^\d]*[а-яё]{4})\D*)?"
"""What OCR reads after a figure's currency in a photo's margin («164,40 P =" Bae mes |», «16 604,40 P К. eae roms»):
after a space, no digit, which could be the number's, and no Russian word, which would make the line text."""
FIGURE_ALONE = re.compile(
    r"^[\s_|=~-]*"
    + GROUPED_INTEGER
    + r"(?:(?:[.,]\d{2})?\s*"
    + CURRENCY_MARK
    + _SPECKS_AFTER
    + r"|[.,]\d{2}\s+[^\s\d]|[.,]\d{2}\s+\d)\W{0,2}$",
    re.IGNORECASE,
)
"""A figure and its currency and nothing else on the line («157 ₽», «15 857Р»), but specks (``_SPECKS_AFTER``): the
value of the caption over it. A figure with its kopecks keeps them apart from one glyph after a space, its ₽ as OCR
reads a thin one («702,50 2»)."""
_DEBITED_CAPTIONS = (
    "сумма списания",
    "итого списано",
    "списано",
    "сумма с комиссией",
    "итого с комиссией",
    "итого внесено",
)
_DEBITED = re.compile(
    r"^\W*(?:" + "|".join(label(words) for words in _DEBITED_CAPTIONS) + r")(?![а-яёa-z])(?P<rest>[^а-яёa-z]*"
    r"(?:руб\w*|р\.?|₽|rub)?[^а-яёa-z]*)$",
    re.IGNORECASE,
)
"""What left the payer's account, fee and all: «Сумма списания 15 857 ₽», «Итого списано: 1 515,00», an ATM's
«ИТОГО ВНЕСЕНО 16564.00 RUB» (the cash handed in), or the caption alone with its figure on the line under it."""
_SENT = re.compile(
    r"^\W*(?:"
    + "|".join(label(words) for words in ("сумма перевода", "сумма платежа", "сумма операции"))
    + r")(?![а-яёa-z])(?P<rest>[^а-яёa-z]*(?:руб\w*|р\.?|₽|rub)?[^а-яёa-z]*)$",
    re.IGNORECASE,
)
"""The sum sent under its own caption, in roubles: «Сумма платежа 70 250,00 ₽», or the caption alone over it."""
_TOTAL_CAPTION_MISREAD = re.compile(
    r"^\W*(?:" + "|".join(label(words) for words in ("итого", "всего")) + r")(?![а-яёa-z])[^\d\n]{0,24}?"
    r"(?P<rest>\d[^а-яёa-z]*(?:руб\w*|р\.?|₽)?[^а-яёa-z]*)$",
    re.IGNORECASE,
)
"""A total whose caption goes on in words OCR garbled or that are not a debit's («Итого Crmec aed 8 142.62 руб.» for
«Итого списано», «Итого к оплате»): on a page that names one sum sent (``_SENT``), a total over it by less than
itself is that sum and its fee, the fee's own line lost or not."""
_SENT_SCORE = 1.0
"""A sum sent worked out from the page's debit and fee ranks as a bare «Сумма» does: under the page's totals, over
the debit itself, which ``fees_left_out`` ranks under it."""

_UNDER = 0.05
"""How far under the sum it restates a sum-plus-fee reading falls."""


_DEBIT_SCORE = 1.05
"""A debit under its own caption («Итого списано») ranks under the sum sent under its caption («Сумма платежа», 1.1)
and over a bare «Сумма» only where the fee is unread: with it read, ``fees_left_out`` ranks it under that sum."""


def debits(candidates: Sequence[Candidate]) -> list[Candidate]:
    """``candidates`` with each debit under its own caption (``model.labels.DEBITED``) an amount read at
    ``_DEBIT_SCORE``: what was written off, fee and all, is the amount only where the page names no sum sent."""
    return [replace(c, field="amount", score=_DEBIT_SCORE) if c.field == DEBITED else c for c in candidates]


def read_fees(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The non-zero fees the page prints, each with its kopecks or between its sum and their total
    (``_between_its_sum_and_total``)."""
    found = []
    for index, line in enumerate(lines):
        if (under := _captions_figure(lines, index, _FEE_CAPTION)) is not None:
            found.append(Candidate(FEE, under, source))  # the caption says what the figure is, kopecks or not
            continue
        match = _FEE_LINE.match(line)
        if match is None or (value := normalize_amount(match["rest"])) is None or Decimal(value) <= 0:
            continue
        if kopecks_shown(match["rest"]) or _between_its_sum_and_total(lines, index, Decimal(value)):
            found.append(Candidate(FEE, value, source))
        if (implied := _fee_by_its_rows(lines, index)) is not None and implied != value:
            found.append(Candidate(FEE, implied, source))
    return found + _debited_over_sent(lines, source)


def _debited_over_sent(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The fee a page charges where its own line was lost: what left the account under its caption («Итого
    списано 70 952,50 ₽») less the sum sent under its caption («Сумма платежа 70 250,00 ₽»), both in roubles with
    their kopecks; on a page that names one sum sent, a total under any caption counts as the debit too, its words
    garbled or not («Итого Crmec aed», ``_TOTAL_CAPTION_MISREAD``). Only a debit over the sum by less than the sum
    itself is one: a figure misread by a digit or a separator is far off."""
    sent = {Decimal(value) for index in range(len(lines)) if (value := _captioned_sum(lines, index, _SENT))}
    captions = (_DEBITED, _TOTAL_CAPTION_MISREAD) if len(sent) == 1 else (_DEBITED,)
    debited = {
        Decimal(value)
        for index in range(len(lines))
        for caption in captions
        if (value := _captioned_sum(lines, index, caption))
    }
    return [
        Candidate(FEE, f"{total - sum_:.2f}", source)
        for total in sorted(debited)
        for sum_ in sorted(sent)
        if 0 < total - sum_ < sum_
    ]


def _captioned_sum(lines: Sequence[str], index: int, caption: re.Pattern[str]) -> str | None:
    """The sum with its kopecks under ``caption`` on line ``index``, beside it or alone on the line under it."""
    if (match := caption.match(lines[index])) is not None and match["rest"].strip():
        text = match["rest"]
    elif match is not None and index + 1 < len(lines) and FIGURE_ALONE.match(lines[index + 1]):
        text = lines[index + 1]
    else:
        return None
    value = normalize_amount(text)
    return value if value is not None and kopecks_shown(text) and Decimal(value) > 0 else None


_ROW_REST = r"(?![а-яёa-z])(?P<rest>[^а-яёa-z]*(?:руб\w*|[рp]\.?|₽)?[^а-яёa-z]*)$"
"""A row's figure and its currency, the rouble's «Р» also in its Latin look-alike («350P»)."""
_SUM_SENT = re.compile(
    r"^\W*(?:" + "|".join(label(words) for words in ("сумма перевода", "сумма платежа", "сумма")) + r")" + _ROW_REST,
    re.IGNORECASE,
)
_TOTAL_ROW = re.compile(r"^\W*(?:" + "|".join(label(words) for words in ("итого", "всего")) + r")" + _ROW_REST, re.I)


def _fee_by_its_rows(lines: Sequence[str], index: int) -> str | None:
    """The fee a total under the fee's row implies, where the sum sent stands over that row: «Сумма перевода
    34377.64», «Плата за перевод 644.42», «ИТОГО =35022.06» (a post office's tape) print the sum, the fee and the
    two added, in that order. The total less the sum is then the fee, whatever digits OCR misread in the fee's
    figure or the total's kopecks it lost («ИТОГО =31302.24» under «Плата за перевод 982.24» for 582.24; «итого
    =35022. 06»): the rows say what the total is, where the arithmetic of the figures read would not."""
    if index == 0 or index + 1 >= len(lines):
        return None
    sent, total = _SUM_SENT.match(lines[index - 1]), _TOTAL_ROW.match(lines[index + 1])
    if sent is None or total is None:
        return None
    sent_value, total_value = read_amount(sent["rest"]), read_amount(total["rest"])
    if sent_value is None or total_value is None or Decimal(total_value) <= Decimal(sent_value):
        return None
    return f"{Decimal(total_value) - Decimal(sent_value):.2f}"


def _captions_figure(lines: Sequence[str], index: int, caption: re.Pattern[str]) -> str | None:
    """The non-zero figure alone on the line under line ``index`` when that line is ``caption`` alone."""
    if index + 1 >= len(lines) or not caption.match(lines[index]) or not FIGURE_ALONE.match(lines[index + 1]):
        return None
    value = normalize_amount(lines[index + 1])
    return value if value is not None and Decimal(value) > 0 else None


def sent_less_fee(lines: Sequence[str], source: Source, document_type: DocumentType) -> list[Candidate]:
    """The sum sent, where the page prints what left the payer's account (``_DEBITED``) and a fee (``read_fees``):
    the one less the other. Picked by arithmetic, not read under a label of its own (``by_shape``): two readers
    agreeing on it confirm the two figures, not that this page's debit holds its fee. None on a cash receipt, whose
    «ИТОГ», fee and all, is its fiscal total."""
    if document_type == DocumentType.CASH_RECEIPT:
        return []
    fees = {Decimal(fee.value) for fee in read_fees(lines, source)}
    found = []
    for index, line in enumerate(lines):
        debited = None
        if (match := _DEBITED.match(line)) is not None and match["rest"].strip():
            debited = normalize_amount(match["rest"])
        elif (under := _captions_figure(lines, index, _DEBITED)) is not None:
            debited = under
        if debited is None:
            continue
        unread = not kopecks_shown(match["rest"] if match is not None and match["rest"].strip() else lines[index + 1])
        found += [
            Candidate(
                "amount", f"{Decimal(debited) - fee:.2f}", source, _SENT_SCORE, by_shape=True, kopecks_unread=unread
            )
            for fee in sorted(fees)
            if Decimal(debited) > fee
        ]
    return found


def _between_its_sum_and_total(lines: Sequence[str], index: int, fee: Decimal) -> bool:
    """A fee in whole roubles («Комиссия 57 ₽», QIWI's) between the sum sent and the total, the one over it and the
    other under it, where the total is exactly the two added («Сумма 350 ₽», «Итого 407 ₽»): a figure alone without
    kopecks is too easily another one misread, but a misread one would not add up."""
    if index == 0 or index + 1 >= len(lines):
        return False
    sent, total = normalize_amount(lines[index - 1]), normalize_amount(lines[index + 1])
    return sent is not None and total is not None and Decimal(sent) + fee == Decimal(total)


def fees_left_out(amounts: Sequence[Candidate], fees: Sequence[Candidate]) -> list[Candidate]:
    """``amounts`` with every reading that equals another amount read on the page plus a fee ranked just under that
    sum: the payer's total, fee included («Итого списано», «ИТОГО»), is not what the recipient is paid."""
    charged = {Decimal(fee.value) for fee in fees}
    best: dict[Decimal, float] = {}
    for candidate in amounts:
        value = Decimal(candidate.value)
        best[value] = max(best.get(value, candidate.score), candidate.score)
    ranked = []
    for candidate in amounts:
        sent = [best[sum_] for fee in charged if (sum_ := Decimal(candidate.value) - fee) in best]
        ranked.append(replace(candidate, score=min(candidate.score, max(sent) - _UNDER)) if sent else candidate)
    return ranked
