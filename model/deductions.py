"""A bill's sum due where it prints its total less what it sets off: «Итого: 105 200,00», «Зачтено авансом: 31 560,00»,
«Всего к оплате: 73 640,00» (an advance paid, a prepayment, a discount).

The sum due outranks «Итого» by its label already (``model.labels``), but two readers agreeing on the total raise it to
a tie with a sum due that only one of them read right, and the tie goes to the first reader's. The arithmetic chooses:
a reading of the sum due that is one of the page's totals less one of its deductions is the sum due read right. It
only ranks readings: the sum checks out against figures OCR read on the same page, which is no independent reading,
so nothing is ``verified`` by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from model.labels import DEDUCTED, TOTAL_DUE
from model.pooling import AGREEMENT_BONUS
from model.schema import OCR_SOURCES, Candidate

SET_OFF_BONUS = AGREEMENT_BONUS
"""Added to a reading of the sum due that the total less a deduction makes: more than the lead that two readers
agreeing give a total or 1C's «Всего наименований …, на сумму» (2.5 + ``AGREEMENT_BONUS``) over the sum due's label
(3.0)."""


def sums_due_first(amounts: Sequence[Candidate], candidates: Sequence[Candidate]) -> list[Candidate]:
    """``amounts`` with each OCR reading under a label of the total due (``TOTAL_DUE``, by the same reader) raised by
    ``SET_OFF_BONUS`` where another amount read on the page less a deduction read on it (``DEDUCTED``) makes it."""
    due = {(c.source, c.value) for c in candidates if c.field == TOTAL_DUE and c.value}
    deducted = {Decimal(c.value) for c in candidates if c.field == DEDUCTED and c.source in OCR_SOURCES}
    totals = {Decimal(c.value) for c in amounts if c.source in OCR_SOURCES and not c.by_shape}
    made = {total - deduction for total in totals for deduction in deducted if 0 < deduction < total}
    return [
        replace(c, score=c.score + SET_OFF_BONUS)
        if (c.source, c.value) in due and not c.by_shape and Decimal(c.value) in made
        else c
        for c in amounts
    ]
