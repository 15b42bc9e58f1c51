"""Classes the sixth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source
from tests.text_reading import details_of

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


NARROW_SBP = [
    '"БНП ПАРИБА БАНК" АО',
    "18.09.2026 14:22:05",
    "Итого",
    "27 569 ₽",
    "Тип операции",
    "Перевод по СБП",
    "Статус",
    "Успешно",
    "Отправитель",
    "Андрей Сергеевич П.",
    "Получатель",
    "Игорь Петрович С.",
    "Банк получателя",
    "Почта Банк",
    "Сумма",
    "27 569,00 ₽",
    "Комиссия",
    "0 ₽",
    '"БНП ПАРИБА БАНК" АО.',
    "БИК 044525185",
    "ИНН 7707083893",
    "к/с 30101810100000000185",
    "{executed}",
    "18.09.2026",
]


@pytest.mark.parametrize("executed", ["ОПЕРАЦИЯ ИСПОЛНЕНА", "ИСПОЛНЕНО", "ОПЕРАЦИЯ ИСПОАНЕНА"])
def test_a_stamp_of_the_sending_bank_gives_the_recipient_none_of_its_numbers(executed: str) -> None:
    """A СБП receipt names the payee's bank only; the stamp at its foot is the sending bank's: its name, БИК, ИНН
    and к/с over «ОПЕРАЦИЯ ИСПОЛНЕНА». Its ИНН (between the БИК and the к/с) is the bank's, not the recipient's."""
    details = details_of([line.format(executed=executed) for line in NARROW_SBP])
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert details.bank_name == "Почта Банк"
    assert (details.recipient_inn, details.bank_bic, details.bank_corr_account) == (None, None, None)


def test_a_correction_receipt_whose_settlement_is_unread_has_no_date() -> None:
    """A photocopy lost the «ДАТА РАСЧЕТА» line: the QR's and the print's date are still the correction's, not the
    payment's, so the receipt gets none rather than a wrong one verified by their agreement."""
    lines = [line.format(settled="") for line in CORRECTION_TAPE]
    details, _ = resolve(extract_candidates(lines) + _QR, classify(lines), Source.OCR)
    assert details.payment_date is None and details.amount == "627.90"


QR_PURCHASE = [
    "Квитанция",
    "21 января 2026, 14:47",
    "{operation}",
    "Успешно",
    "340,00 ₽",
    "Магазин Кофейня «Зерно»",
    "Получатель ИП Соколов Михаил Петрович",
    "ИНН получателя 647763170622",
    "Банк получателя ВТБ",
    "Сумма 340,00 ₽",
    "Итого 340,00 ₽",
]


@pytest.mark.parametrize(
    "operation",
    ["Оплата по QR-коду СБП", "Оплата по ОВ-коду СБП", "Оплата по QR-kogy CBN", "Оплата по СБП", "Оплата по карте"],
)
def test_how_a_purchase_was_paid_is_no_purpose(operation: str) -> None:
    """A bank's receipt of a purchase by a shop's СБП QR code names the operation, «Оплата по QR-коду СБП» (OCR:
    «ОВ-коду», «QR-kogy CBN»): how it was paid, not what for; the page prints no purpose."""
    details = details_of([line.format(operation=operation) for line in QR_PURCHASE])
    assert details.purpose is None
    assert (details.recipient_name, details.amount) == ("ИП Соколов Михаил Петрович", "340.00")


def test_a_purpose_that_opens_with_oplata_po_is_still_one() -> None:
    lines = [line.format(operation="Оплата по счёту № 15 от 12.01.2026") for line in QR_PURCHASE]
    assert details_of(lines).purpose == "Оплата по счёту № 15 от 12.01.2026"
