"""A fee on top of the payment: the amount is the sum the recipient is paid (``model.fees``)."""

from __future__ import annotations

import pytest

from model.fees import read_fees
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import DocumentType, Source


def _amount(lines: list[str]) -> tuple[DocumentType, str | None]:
    details, _ = resolve(extract_candidates(lines), classify(lines))
    return details.document_type, details.amount


@pytest.mark.parametrize(
    ("lines", "sent"),
    [
        # a bank's СБП receipt: the sum, the bank's fee, and what left the account
        (
            ["ВТБ", "Перевод по СБП", "Сумма перевода 1 500,00 ₽", "Комиссия 15,00 ₽", "Итого списано 1 515,00 ₽"],
            "1500.00",
        ),
        # a payment terminal's tape of a payment by requisites
        (
            [
                "КВИТАНЦИЯ",
                "ОПЛАТА ПО РЕКВИЗИТАМ",
                "ИНН 7707083893",
                "СУММА: 2000.00 РУБ.",
                "КОМИССИЯ: 20.00 РУБ.",
                "ИТОГО: 2020.00 РУБ.",
                "ОПЕРАЦИЯ ВЫПОЛНЕНА УСПЕШНО",
            ],
            "2000.00",
        ),
        # a fee in whole roubles between the sum and the total, which add up (QIWI's, an icon read as «©»)
        (["Получатель Перевод на карту Мир", "© Сумма 350P", "Комиссия 57Р", "Итого 407Р", "ИСПОЛНЕНО"], "350.00"),
        # whole roubles that do not add up (a digit misread): the rows' order still says the total holds the fee
        (["Получатель Перевод на карту Мир", "Сумма 350P", "Комиссия 57Р", "Итого 417Р"], "350.00"),
        # no fee: the total stands
        (["Перевод по СБП", "Сумма перевода 1 500,00 ₽", "Комиссия 0,00 ₽", "Итого списано 1 500,00 ₽"], "1500.00"),
        # a fee that is not the difference (misread): the total under the fee's row, itself under the sum's, holds
        # the fee all the same
        (["КВИТАНЦИЯ", "СУММА: 2000.00 РУБ.", "КОМИССИЯ: 20.00 РУБ.", "ИТОГО: 2030.00 РУБ."], "2000.00"),
        # a photo: both captions garbled («в» read as «Ф», «списано» as Latin specks) and the fee's line lost; the
        # total over the one sum sent, by less than it, is that sum and its fee
        (
            [
                "Перевод по реквизитам",
                "Сумма переФода 8 062.00 руб.",
                "Итого Crmec aed 8 142.62 руб. ;",
            ],
            "8062.00",
        ),
        # two sums sent under their captions: a total over one of them may be their sum, not one and its fee
        (
            [
                "Перевод по реквизитам",
                "Сумма платежа 1 000,00 руб.",
                "Сумма платежа 600,00 руб.",
                "Итого к оплате 1 600,00 руб.",
            ],
            "1600.00",
        ),
        # an ATM's cheque of a payment by requisites: the fee in the currency's code, the cash handed in under its
        # own caption (bench/layouts round 12, r12_transfer_01/05)
        (
            [
                "БАНКОМАТ № 967518",
                "ПЛАТЕЖ ПО РЕКВИЗИТАМ",
                "ИНН 5623327959",
                "СУММА ПЛАТЕЖА 28400.00 RUB",
                "КОМИССИЯ 284.00 RUB",
                "ИТОГО ВНЕСЕНО 28684.00 RUB",
            ],
            "28400.00",
        ),
        # the same with the fee's line lost or garbled: the cash handed in is no total due
        (
            [
                "БАНКОМАТ № 967518",
                "ПЛАТЕЖ ПО РЕКВИЗИТАМ",
                "СУММА ПЛАТЕЖА 16400.00 RUB",
                "КОМИССИЯ 164.00 ВОВ",
                "ИТОГО ВНЕСЕНО 16564.00 RUB",
            ],
            "16400.00",
        ),
        # a fee's row with no sum's row over it: the total stands
        (["КВИТАНЦИЯ", "ОПЛАТА ПО РЕКВИЗИТАМ", "КОМИССИЯ: 20.00 РУБ.", "ИТОГО: 2030.00 РУБ."], "2030.00"),
    ],
)
def test_a_total_that_is_the_sum_plus_its_fee_is_not_the_amount(lines: list[str], sent: str) -> None:
    assert _amount(lines)[1] == sent


def test_a_cash_receipts_total_keeps_its_fee() -> None:
    """A shop taking a utility payment prints a fiscal receipt whose «ИТОГ», fee and all, is what its fiscal data
    (and QR) state: a receipt's amount."""
    lines = [
        "КАССОВЫЙ ЧЕК",
        "ПРИХОД",
        "ИНН 7707083893",
        "Оплата услуг ЖКХ 1000.00",
        "Комиссия 10.00",
        "ИТОГ =1010.00",
        "НАЛИЧНЫМИ =1010.00",
        "ФН 9289000100123456",
        "ФД 12345",
        "ФП 1234567890",
    ]
    assert _amount(lines) == (DocumentType.CASH_RECEIPT, "1010.00")


@pytest.mark.parametrize(
    ("line", "fee"),
    [
        ("Комиссия 15,00 ₽", "15.00"),
        ("КОМИССИЯ: 20.00 РУБ.", "20.00"),
        ("КОМИССИЯ 164.00 RUB", "164.00"),
        ("Комиссия банка: 1 030,50 руб.", "1030.50"),
        ("Комиссия 0,00 ₽", None),
        ("Комиссия не взимается", None),
        ("Комиссия 15 ₽", None),  # no kopecks: too easily another figure read
    ],
)
def test_read_fees(line: str, fee: str | None) -> None:
    found = read_fees([line], Source.OCR)
    assert [c.value for c in found] == ([fee] if fee else [])
