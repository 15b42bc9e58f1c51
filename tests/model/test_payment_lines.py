"""A cash receipt's payment lines (``model.payment_lines``): cash plus card less change states the total a second
time, and verifies the «ИТОГ» it equals; a card line alone, or a sum that differs, verifies nothing."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.payment_lines import AMOUNT_PAID, RULE
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ИТОГ =150.00", "НАЛИЧНЫМИ =200.00", "СДАЧА =50.00"], ["150.00"]),
        (["НАЛИЧНЫМИ =100.00", "ЭЛЕКТРОННЫМИ =50.00"], ["150.00"]),
        (["Наличными 1 234,50"], ["1234.50"]),
        (["ИТОГ =150.00", "БЕЗНАЛИЧНЫМИ =150.00"], []),
        (["НАЛИЧНЫМИ =200", "СДАЧА =50.00"], []),
        (["НАЛИЧНЫМИ =1000.00", "БЕЗНАЛИЧНЫМИ =517.00", "СДАЧА ≡ №"], []),
        (["НАЛИЧНЫМИ =142.00", "ПОЛУЧЕНО =150.00", "СДАЧА =8.00"], ["142.00"]),
        (["НАЛИЧНЫМИ =600.00", "ПОЛУЧЕНО =600.00", "СДАЧА =80.81"], ["519.19"]),
        (["НАЛИЧНЫМИ: 150.00 ПРИНЯТО: 150.00", "СДАЧА: 0.00"], ["150.00"]),
    ],
    ids=[
        "cash less change",
        "cash and card",
        "grouped",
        "card alone",
        "no kopecks",
        "change unread",
        "cash net of the change",
        "handed over twice",
        "handed over twice, no change",
    ],
)
def test_the_payment_lines_state_a_total_only_beside_a_cash_line(lines: list[str], expected: list[str]) -> None:
    stated = [c.value for c in extract_candidates(["КАССОВЫЙ ЧЕК", *lines], Source.OCR) if c.field == AMOUNT_PAID]
    assert sorted(set(stated)) == expected


RECEIPT = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "Хлеб 1 x 150.00 =150.00", "ИТОГ =150.00"]


@pytest.mark.parametrize(
    ("payment", "status", "rule"),
    [
        (["НАЛИЧНЫМИ =200.00", "СДАЧА =50.00"], CheckStatus.VERIFIED, RULE),
        (["НАЛИЧНЫМИ =200.00", "СДАЧА =40.00"], CheckStatus.UNVERIFIED, None),
        (["БЕЗНАЛИЧНЫМИ =150.00"], CheckStatus.UNVERIFIED, None),
        (["НАЛИЧНЫМИ =200.00", "ПОЛУЧЕНО =200.00", "СДАЧА =50.00"], CheckStatus.VERIFIED, RULE),
    ],
    ids=["they add up", "they do not", "a card line alone", "what was handed over printed twice"],
)
def test_a_receipts_total_is_verified_by_payment_lines_that_add_up_to_it(
    payment: list[str], status: CheckStatus, rule: str | None
) -> None:
    lines = [*RECEIPT, *payment]
    details, checks = resolve(extract_candidates(lines, Source.OCR), classify(lines))
    assert details.amount == "150.00"
    assert (checks["amount"].status, checks["amount"].rule) == (status, rule)


def test_an_amount_found_by_its_shape_alone_is_not_verified_by_the_payment_lines() -> None:
    """A figure no total's label names may be the cash line's own, read again: it would confirm itself."""
    lone = Candidate("amount", "150.00", Source.OCR, 0.3, by_shape=True)
    paid = Candidate(AMOUNT_PAID, "150.00", Source.OCR)
    _, checks = resolve([lone, paid], DocumentType.CASH_RECEIPT)
    assert checks["amount"].status == CheckStatus.UNVERIFIED
