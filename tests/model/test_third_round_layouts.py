"""Classes the third round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines))
    return details


@pytest.mark.parametrize(
    ("sign", "principal"),
    [
        ("к агента: Поверенный", "wk: ИП Морозов Роман Иванович, ИНН 297992661856"),
        ("Признак агента: Поверенный", "ИП Морозов Роман Иванович, ИНН 297992661856"),
        ("АГЕНТ: КОМИССИОНЕР", "ИП МОРОЗОВ РОМАН ИВАНОВИЧ ИНН 297992661856"),
    ],
    ids=["«Признак» lost", "the principal's label lost", "in capitals"],
)
@pytest.mark.parametrize("issuer_inn", ["8976999238", "3976999238"], ids=["issuer read", "issuer misread"])
def test_the_line_after_an_agents_sign_is_the_principals(sign: str, principal: str, issuer_inn: str) -> None:
    """A taxi app's receipt sells for the driver: the line under the agent's sign names the driver and a valid ИНН,
    which is never the payee's, even where OCR lost the labels of both it and the issuer's ИНН."""
    lines = [
        "Кассовый чек № 7229. Приход",
        "ООО «Байкал-Софт Мобилити»",
        issuer_inn,
        "Перевозка пассажиров и багажа легковым такси 1 656,00 руб.",
        sign,
        principal,
        "НДС не облагается",
        "ИТОГ 1 656,00 руб.",
        "ФН № 7280267055958716",
    ]
    details = _details(lines)
    assert details.recipient_inn != "297992661856"
    assert details.amount == "1656.00"
