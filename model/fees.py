"""A fee on top of the payment: the amount is what the recipient is paid, not what the payer's account lost.

A bank's transfer receipt or a payment terminal's tape prints the sum sent, the bank's or the agent's fee, and their
total: «Сумма перевода 1 500,00 ₽», «Комиссия 15,00 ₽», «Итого списано 1 515,00 ₽». The total's label outranks a bare
«Сумма» (``model.labels``), which is right for a receipt's «ИТОГ» but here gives the recipient a sum the fee is part
of. Where a reading is another sum read on the page plus a fee the page prints, it ranks under that sum, which is the
amount. Only a non-zero fee read with its kopecks (or in whole roubles between its sum and their total, which add
up) counts, and only a reading that is exactly the two added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from model.normalize import kopecks_shown, normalize_amount
from model.schema import Candidate, Source
from model.values import label

FEE = "fee"
"""The candidates' field: a fee the page charges on top of the payment (never a payment detail)."""

_FEE_LINE = re.compile(
    r"^\W*(?:"
    + "|".join(label(words) for words in ("комиссия", "комиссия банка", "плата за перевод", "сбор банка"))
    + r")(?![а-яёa-z])(?P<rest>[^а-яёa-z]*(?:руб\w*|р\.?|₽)?[^а-яёa-z]*)$",
    re.IGNORECASE,
)
"""«Комиссия 15,00 ₽», «КОМИССИЯ: 20.00 РУБ.», «Комиссия банка: 30,00 руб.»: a fee alone on its line with its sum;
a line that goes on in words («Комиссия не взимается», «Комиссия за перевод включена») states no fee."""

_UNDER = 0.05
"""How far under the sum it restates a sum-plus-fee reading falls."""


def read_fees(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The non-zero fees the page prints, each with its kopecks or between its sum and their total
    (``_between_its_sum_and_total``)."""
    found = []
    for index, line in enumerate(lines):
        match = _FEE_LINE.match(line)
        if match is None or (value := normalize_amount(match["rest"])) is None or Decimal(value) <= 0:
            continue
        if kopecks_shown(match["rest"]) or _between_its_sum_and_total(lines, index, Decimal(value)):
            found.append(Candidate(FEE, value, source))
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
