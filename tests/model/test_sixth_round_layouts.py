"""Classes the sixth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source

CORRECTION_TAPE = [
    'ООО "Волна"',
    "346713, г. Пермь, ул. Победы, д. 103",
    "ИНН 2971605390",
    "КАССОВЫЙ ЧЕК КОРРЕКЦИИ",
    "ПРИХОД",
    "ЧЕК КОРР. 7 19.06.2026 14:05",
    "ТИП КОРРЕКЦИИ САМОСТОЯТЕЛЬНО",
    "{settled}",
    "НОМЕР ПРЕДПИСАНИЯ б/н",
    "Кофе молотый арабика 250г",
    "1 x 627.90 =627.90",
    "ИТОГ =627.90",
    "БЕЗНАЛИЧНЫМИ =627.90",
    "ФН № 9960725827413639",
    "ФД № 257542",
    "ФП 230539431",
]
_QR = [
    Candidate("payment_date", "2026-06-19", Source.QR),
    Candidate("amount", "627.90", Source.QR),
    Candidate("fiscal_drive_number", "9960725827413639", Source.QR),
    Candidate("fiscal_document_number", "257542", Source.QR),
    Candidate("fiscal_sign", "230539431", Source.QR),
]


@pytest.mark.parametrize(
    "settled",
    ["ДАТА РАСЧЕТА 11.06.2026", "Дата совершения расчета: 11.06.2026", "ДATA PACЧETA   11.06.2026"],
    ids=["a tape's", "the format's tag name", "in Latin look-alikes"],
)
def test_a_correction_receipt_is_dated_by_the_day_it_was_paid(settled: str) -> None:
    """A correction receipt's QR and its own line date the correction (19 June); the payment it makes good was
    made on «ДАТА РАСЧЕТА» (11 June): that is the payment's date, and the QR's agreement with the print verifies
    only the correction's, so it is no check of it."""
    lines = [line.format(settled=settled) for line in CORRECTION_TAPE]
    details, checks = resolve(extract_candidates(lines) + _QR, classify(lines), Source.OCR)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert details.payment_date == "2026-06-11"
    assert checks["payment_date"].status != CheckStatus.VERIFIED
    assert details.amount == "627.90" and checks["amount"].status == CheckStatus.VERIFIED


def test_a_receipt_of_a_sale_keeps_its_own_date() -> None:
    """A sale's receipt that prints a «Дата расчёта»-like line but no correction keeps its QR's date."""
    lines = [line.format(settled="ДАТА РАСЧЕТА 11.06.2026") for line in CORRECTION_TAPE if "КОРР" not in line]
    details, checks = resolve(extract_candidates(lines) + _QR, classify(lines), Source.OCR)
    assert details.payment_date == "2026-06-19" and checks["payment_date"].source == Source.QR
