"""Classes the eighth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Source

FOREIGN_PRICED_BILL = [
    "Счет на оплату № 2211 от 14 августа 2026 г.",
    "Поставщик (Исполнитель): ООО «Вектор», ИНН 7707083893, КПП 770701001",
    "№ Товары (работы, услуги) Кол-во Ед. Цена, {code} Сумма, {code}",
    "1 Лицензия на программное обеспечение, 1 год 2 шт 1 240,50 2 481,00",
    "Итого, {code}: 2 481,00",
    "В том числе НДС (20%), {code}: 413,50",
    "Курс ЦБ РФ на 14.08.2026: 1 {code} = 91,2345 руб.",
    "{due} 226 353,79",
    "Всего наименований 1, на сумму 2 481,00 {code} (226 353,79 руб.)",
]


@pytest.mark.parametrize("code", ["EUR", "USD"])
@pytest.mark.parametrize("due", ["Всего к оплате в рублях:", "ВСЕГО К ОПЛАТЕ В РУБЛЯХ", "Всего к оплате в рублях"])
def test_a_bill_priced_in_another_currency_and_due_in_roubles_is_paid_in_roubles(code: str, due: str) -> None:
    """The table and the totals print dollars or euros, the rate converts them, and «Всего к оплате в рублях» states
    what is paid: the amount is that rouble sum, and so the currency is the rouble."""
    lines = [line.format(code=code, due=due) for line in FOREIGN_PRICED_BILL]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.amount == "226353.79"
    assert details.currency == "RUB"


@pytest.mark.parametrize("due", ["Всего к оплате:", "Итого к уплате в руб., см. курс"])
def test_a_bill_in_another_currency_without_a_rouble_sum_read_keeps_its_currency(due: str) -> None:
    """No sum due in roubles read beside its label: the currency of the sums read stands."""
    lines = [
        line.format(code="EUR", due=due).replace(" 226 353,79", "")
        for line in FOREIGN_PRICED_BILL
        if "Курс" not in line and "руб.)" not in line
    ]
    candidates = [c for c in extract_candidates(lines) if c.field == "currency"]
    assert {c.value for c in candidates} == {"EUR"}
