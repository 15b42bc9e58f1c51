"""A value wrapped inside its brackets or before its city goes on on the next line (``model.labels.continued``)."""

from __future__ import annotations

import pytest

from tests.text_reading import details_of

BUDGET_RECEIPT = [
    "Оплата штрафа ГИБДД",
    "Получатель УФК по Орловской области (УГИБДД ГУ МВД России по Орловской",
    "области)",
    "ИНН получателя 1792848349",
    "Банк получателя ОТДЕЛЕНИЕ ОРЁЛ БАНКА РОССИИ//УФК по Орловской области г.",
    "Орёл",
    "БИК 015402901",
    "Сумма платежа 250,00 P",
]


def test_a_budget_payees_administrator_and_its_banks_city_are_read_whole() -> None:
    details = details_of(BUDGET_RECEIPT)
    assert details.recipient_name == "УФК по Орловской области (УГИБДД ГУ МВД России по Орловской области)"
    assert details.bank_name == "ОТДЕЛЕНИЕ ОРЁЛ БАНКА РОССИИ//УФК по Орловской области г. Орёл"


@pytest.mark.parametrize(
    ("name", "following"),
    [("ООО «Ромашка» (ИНН 7707083893)", "ИНН получателя 1792848349"), ("ООО «Ромашка»", "области)")],
    ids=["closed", "nothing open"],
)
def test_a_closed_name_does_not_take_the_next_line(name: str, following: str) -> None:
    assert details_of(["Квитанция об оплате", f"Получатель {name}", following]).recipient_name == name
