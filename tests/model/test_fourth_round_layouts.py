"""Classes the fourth round of ``bench/layouts`` showed, each a test of its own (text as OCR or a text layer reads
the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines))
    return details


SBP_SCREEN = [
    "19:12 5G 70%",
    "<",
    "{title}",
    "10 141 P",
    "{person}",
    "{bank_and_phone}",
    "Откуда",
    "Black ©3496",
    "Дата",
    "27 августа 2026, 08:50",
    "Комиссия",
    "Без комиссии",
    "Сообщение",
    "За продукты",
    "Повторить Шаблон Квитанция",
    "Главная Платежи Город Чат Ещё",
]


@pytest.mark.parametrize(
    ("person", "bank_and_phone", "recipient", "bank"),
    [
        ("Олег Иванович 3.", "Озон Банк - +7 940 *****-98", "Олег Иванович З.", "Озон Банк"),
        ("Алексей Андреевич К.", "МТС Банк : +7 915 ***-**-17", "Алексей Андреевич К.", "МТС Банк"),
        ("Мария Петровна С.", "Сбербанк · +7 (926) 123-45-67", "Мария Петровна С.", "Сбербанк"),
        ("Мария Петровна С.", "ВТБ • +7 926 ***-**-67", "Мария Петровна С.", "ВТБ"),
    ],
    ids=["З read as 3, dot as dash", "dot as colon", "whole phone", "a bank by its letters"],
)
@pytest.mark.parametrize("title", ["Успешно", "Перевод выполнен"])
def test_an_sbp_screen_names_the_recipient_over_their_bank_and_phone(
    title: str, person: str, bank_and_phone: str, recipient: str, bank: str
) -> None:
    """A bank app's success screen of a transfer by phone (СБП) prints the recipient's name under the amount and,
    under it, the bank the phone number is registered with and the masked number on one line: no captions."""
    lines = [line.format(title=title, person=person, bank_and_phone=bank_and_phone) for line in SBP_SCREEN]
    details = _details(lines)
    assert (details.recipient_name, details.bank_name) == (recipient, bank)
    assert details.amount == "10141.00"


def test_a_banks_hotline_beside_its_name_is_no_recipients_bank() -> None:
    """A receipt's footer prints the sending bank's free hotline beside its name: no recipient's phone, so neither
    the bank nor the person over it are the recipient's."""
    lines = [
        "Квитанция № 1-4-512-334-778",
        "Сумма 1 500,00 ₽",
        "Иван Петрович К.",
        "Т-Банк 8 800 555-77-78",
    ]
    details = _details(lines)
    assert details.bank_name is None
    assert details.recipient_name is None
