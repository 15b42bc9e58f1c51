"""A cash receipt's payment lines: how its total was paid, a second statement of the total that can confirm «ИТОГ».

A 54-ФЗ receipt prints under its «ИТОГ» what the buyer handed over («НАЛИЧНЫМИ =200.00», «БЕЗНАЛИЧНЫМИ =150.00») and the
change («СДАЧА =50.00»): cash plus card less change is the total, on other lines than the total's, so the sum agreeing
with the amount read under «ИТОГ» confirms its digits and that it is the total paid (rule ``payment_lines``).
``model.fields`` reads the lines (``_split_payment``, which also gives their sum as the amount where blur took «ИТОГ»).
Only a receipt that prints a cash line counts: a card line alone is itself read as the amount when blur took «ИТОГ»
(``model.labels``), and would confirm itself. A payment line not read (bonuses, a gift card) makes the sum differ, so a
sum that differs refutes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from model.labels import TOTAL_SCORE
from model.pooling import AGREEMENT_BONUS
from model.schema import OCR_SOURCES, Candidate, CheckStatus, FieldCheck

AMOUNT_PAID = "amount_paid"
"""The candidates' field: cash plus card less change, when the receipt prints a cash line."""
RULE = "payment_lines"


STATED_AGAIN_BONUS = 2 * AGREEMENT_BONUS
"""Added to a total's reading that its reader's payment lines state again: above a subtotal both readers read alike
(«ВСЕГО =546.52» over «СКИДКА =27.33» and «ИТОГ =519.19»), which the two readers agreeing raises by
``AGREEMENT_BONUS``."""


def stated_totals_first(amounts: Sequence[Candidate], paid: Sequence[Candidate]) -> list[Candidate]:
    """``amounts`` with each OCR reading under a total's label raised by ``STATED_AGAIN_BONUS`` where the payment
    lines the same reader read add up to it, and to nothing else: the total stated twice, on lines of its own. Two
    readers agree on a receipt's subtotal far oftener than on a large-print «ИТОГ» one of them garbles; the payment
    lines choose between them."""
    stated: dict[object, set[Decimal]] = {}
    for candidate in paid:
        stated.setdefault(candidate.source, set()).add(Decimal(candidate.value))
    return [
        replace(c, score=c.score + STATED_AGAIN_BONUS) if _stated_again(c, stated.get(c.source, set())) else c
        for c in amounts
    ]


def _stated_again(candidate: Candidate, sums: set[Decimal]) -> bool:
    return (
        candidate.source in OCR_SOURCES
        and not candidate.by_shape
        and candidate.score >= TOTAL_SCORE
        and sums == {Decimal(candidate.value)}
    )


def paid_checked(
    check: FieldCheck, value: str | None, amounts: Sequence[Candidate], paid: Sequence[Candidate]
) -> FieldCheck:
    """The amount ``verified`` when the payment lines add up to it and a total's label, not its shape alone, read it:
    the total stated twice on different lines."""
    sums = {Decimal(c.value) for c in paid}
    if value is None or len(sums) != 1 or Decimal(value) not in sums:
        return check
    if not any(not c.by_shape and Decimal(c.value) == Decimal(value) for c in amounts):
        return check
    detail = "the receipt's payment lines (cash and card, less the change) add up to it"
    if check.status == CheckStatus.VERIFIED:
        return check.model_copy(update={"detail": f"{check.detail}; {detail}"})
    if check.status != CheckStatus.UNVERIFIED or check.rule is not None:
        return check  # another rule left it unverified (the sum in words contradicting it): that stands
    return FieldCheck(status=CheckStatus.VERIFIED, source=check.source, rule=RULE, detail=detail)
