"""A bill prints the date its previous payment arrived («Последняя поступившая оплата: 22.12.2015»): that date is
another payment's, not this document's. On a Мосэнергосбыт bill of the seventh held-out batch both readers read it
alike and their agreement verified it as the payment's date; the bill itself has no date."""

from __future__ import annotations

import pytest

from tests.text_reading import details_of

BILL = [
    'Получатель платежа ПАО "Мосэнергосбыт" ИНН 7736520080 р/с 40702810738360027199',
    "Ф.И.О.: Бычкова Елена Николаевна",
    "Период: февраль 2016",
    "{first}",
    "{second}",
    "Итого по счету 966.30",
]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the caption in a side column, split over two lines beside the table (Tesseract's reading)
        (
            "| По состоянию на начало расчётного периода сумма задолженности составляет (руб.) 418.53 | Последняя "
            "поступившая",
            "| оплата: 22.12.2015 -",
        ),
        # the same with the table's numbers between the caption's words (Indra's reading of the two columns)
        (
            "По состоянию на начало расчётного периода сумма задолженности составляет (руб.) Последняя поступившая",
            "2514 2454 60 3.91 оплата: 22.12.2015 -",
        ),
        ("Последняя оплата: 22.12.2015 2000,00 руб.", "Всего начислено за текущий период 547.77"),
        ("Дата последнего платежа 22.12.2015", "Всего начислено за текущий период 547.77"),
        ("Предыдущий платёж 22.12.2015 на сумму 2000,00", "Всего начислено за текущий период 547.77"),
    ],
)
def test_a_previous_payments_date_is_no_payment_date(first: str, second: str) -> None:
    lines = [line.format(first=first, second=second) for line in BILL]
    assert details_of(lines).payment_date is None


def test_a_payment_dated_on_its_own_line_keeps_its_date() -> None:
    """The rule reads the words before the date: a transfer's «Дата платежа» and a plain dated line still date it."""
    assert details_of(["Перевод по СБП", "Дата платежа 22.12.2015", "Сумма 2000,00 ₽"]).payment_date == "2015-12-22"
    assert details_of(["Оплата услуг", "22.12.2015 14:05", "Сумма 2000,00 ₽"]).payment_date == "2015-12-22"
