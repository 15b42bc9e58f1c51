"""A sum printed after its currency code («Всего к оплате: RUB 88,266.00», a bilingual invoice's total due), with a
photo's speck read as a digit or a letter before the code (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import extract_candidates
from model.resolve import resolve
from model.schema import DocumentType
from model.values import read_amount

BILINGUAL_INVOICE_HARD = [
    "СЧЕТ № 2026-360 от 10.11.2026",
    "INVOICE No. 2026-360 dated November 10, 2026",
    "2]. 11 | Лицензия ца программное обеспечение / Software ficence 1 | 73,555.00 `_. 173.555 00 p 32 .",
    "- HAC 20% о о ee | nn ne - 142150.",
    ". Всего коплате ~~ © = = 1 . RUB 88,266.00",
    "} Срок оглаты — 1D aHed / Payment dlue.with Nn 19435: 5' 10.11.2026 * : a i у",
]
"""A bilingual invoice's photo (bench/layouts r6 bilingual-invoice, r6_invoice_03_hard, Tesseract): a speck before
the total due's code read «1»."""


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("~~ © = = 1 . RUB 88,266.00", "88266.00"),
        ("7 RUB 88,266.00", "88266.00"),
        ("иж RUB 229,500.00", "229500.00"),
        ("RUB 88,266.00", "88266.00"),
        ("1 USD 1,250.50", "1250.50"),
    ],
)
def test_a_speck_before_a_sums_currency_code_is_no_sum(text: str, amount: str) -> None:
    assert read_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 200,00 RUB 1 250,00", "1200.00"),  # a sum before the code is read as before
        ("88,266.00 RUB", "88266.00"),
        ("1 USD = 81,2345 руб.", "1.00"),  # a rate, no sum after the code: as before
    ],
)
def test_a_figure_before_the_code_that_is_a_sum_stays_the_sum(text: str, amount: str) -> None:
    assert read_amount(text) == amount


def test_the_total_due_after_a_speck_and_its_code_is_the_amount_with_its_kopecks() -> None:
    candidates = extract_candidates(BILINGUAL_INVOICE_HARD)
    details, _ = resolve(candidates, DocumentType.INVOICE)
    assert details.amount == "88266.00"
    assert not any(c.kopecks_unread for c in candidates if c.field == "amount" and c.value == "88266.00")
