"""Classes the receipts of round 17 of ``bench/layouts`` showed (a theatre's box-office tape), each a test of its own
(text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source


def _details(lines: list[str], source: Source = Source.OCR) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines, source), classify(lines), source)
    return details


def _box_office_tape(seller: str) -> list[str]:
    """A theatre's box-office tape as Tesseract reads it (bench/layouts r17_receipt_00, clean)."""
    return [
        seller,
        "412890, г. Ярославль, ул. Гагарина, д. 112",
        "ИНН 8491261006 КПП 849101001",
        "Театральная касса № 1",
        "КАССОВЫЙ ЧЕК / ПРИХОД",
        "06.11.26 09:57 ЧЕК № 201",
        "Смена № 628 Кассир Попов",
        "1. Билет «Три сестры»",
        "11.12.2026 18:00, Бельэтаж",
        "1 x 1900, 00 =1900,00",
        "НДС не облагается",
        "ИТОГ =1900, 00",
        "ОПЛАТА СБП =1900,00",
        "ФН 8710483520278062",
        "ФД 86117",
        "ФП 611091714",
    ]


@pytest.mark.parametrize(
    "seller", ["МАУК «Театр юного зрителя»", "АУК «Камерный театр»", "ГБУК «Областная филармония»"]
)
def test_a_culture_institutions_form_opens_the_sellers_name(seller: str) -> None:
    """A state or municipal theatre is an «учреждение культуры»: its form ends in «УК» (МАУК, АУК, ГБУК), which
    the school and kindergarten forms (МБДОУ, ФГБОУ) did not cover (r17_receipt_00, 03, 06)."""
    assert _details(_box_office_tape(seller)).recipient_name == seller


def test_a_receivers_ku_before_a_company_is_no_culture_institution() -> None:
    """«КУ» opens a bank under a receiver («КУ ООО "УИК-БАНК"»): an «УК» form needs its Б, К or А before the У."""
    assert _details(_box_office_tape("КУ Иванов")).recipient_name != "КУ Иванов"
