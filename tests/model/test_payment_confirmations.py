"""A bank's confirmation of a payment (not of a transfer) is a bank transfer's page, whose footer is the bank's own."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import DocumentType

OPERATOR_PAYMENT = [
    "08:04 5G",
    "Билайн",
    "+7 916 613-18-60",
    "300,00 руб.",
    "{status}",
    "Дата и время",
    "21.07.2026, 08:04",
    "Получатель",
    "ПАО «ВымпелКом»",
    "ИНН получателя",
    "7713076301",
    "Сумма",
    "300,00 руб.",
    "Комиссия",
    "0 руб.",
    "{debited}",
    "МИР •• 9099",
    "ПАО СБЕРБАНК. Генеральная лицензия № 1481",
]


@pytest.mark.parametrize(
    ("status", "debited"),
    [("Платёж выполнен", "Списано с карты"), ("Статус: исполнен", "Карта"), ("Готово", "Списано со счёта")],
)
def test_a_payment_confirmed_by_a_bank_is_a_transfer_and_its_footer_is_no_payees_bank(
    status: str, debited: str
) -> None:
    lines = [line.format(status=status, debited=debited) for line in OPERATOR_PAYMENT]
    assert classify(lines) == DocumentType.BANK_TRANSFER
    details, _ = resolve(extract_candidates(lines), classify(lines))
    assert details.bank_name is None  # the app's bank, not the operator's
    assert (details.recipient_name, details.recipient_inn) == ("ПАО «ВымпелКом»", "7713076301")
