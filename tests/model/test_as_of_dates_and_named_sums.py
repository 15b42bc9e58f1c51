"""A balance's date is no payment's, and the sum a page names as the payment's outranks a bare «Сумма …» of
something else, and a total for a billing period keeps its kopecks: classes the second round of ``bench/layouts``
showed (a housing ЕПД, a fine paid at a discount)."""

from __future__ import annotations

import pytest

from tests.text_reading import details_of

EPD = [
    "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ за ноябрь 2026",
    "для внесения платы за жилищно-коммунальные услуги",
    "Плательщик Кузнецов Артём Андреевич",
    "Лицевой счёт 2415499095",
    "{as_of}",
    "ИТОГО К ОПЛАТЕ за ноябрь 2026: 2 370,06 руб.",
]


@pytest.mark.parametrize(
    "as_of",
    [
        "Задолженность на 01.11.2026 0,00",
        "Задолженность Ha 01.11.2026 0,00",
        "Остаток на 01.11.2026: 0,00",
        "Сальдо на начало периода 01.11.2026 0,00",
        "Показания счётчиков по состоянию на 25.10.2026",
    ],
)
def test_a_balance_as_of_a_date_gives_no_payment_date(as_of: str) -> None:
    """Both readers read «Задолженность на 01.12.2026» alike, and their agreement verified it as the payment's
    date, which a bill to pay does not have."""
    lines = [line.format(as_of=as_of) for line in EPD]
    details = details_of(lines)
    assert details.payment_date is None
    assert details.amount == "2370.06"


def test_a_date_after_na_in_a_title_still_dates_the_document() -> None:
    assert details_of(["Квитанция на оплату № 12 от 05.11.2026", "Итого к оплате: 350,00"]).payment_date == "2026-11-05"


FINE = [
    "Оплата штрафа ГИБДД",
    "26.01.2026 14:05:11 (МСК)",
    "Плательщик Соловьёв Евгений Петрович",
    "Сумма штрафа 1 000,00 ₽",
    "Скидка 50% -500,00 ₽",
    "Сумма платежа 500,00 ₽",
    "Комиссия 0,00 ₽",
    "Получатель УФК по г. Москве (ГУ МВД России по г. Москве)",
]


@pytest.mark.parametrize("order", ["fine first", "payment first"])
def test_the_sum_named_the_payments_outranks_another_sum(order: str) -> None:
    """A fine paid at half its sum: «Сумма штрафа» before the discount, «Сумма платежа» what was paid."""
    lines = FINE if order == "fine first" else [*FINE[:3], FINE[5], FINE[3], FINE[4], *FINE[6:]]
    assert details_of(lines).amount == "500.00"


def test_a_bare_sum_alone_is_still_the_amount() -> None:
    assert details_of([*FINE[:3], FINE[3], FINE[6], FINE[7]]).amount == "1000.00"


@pytest.mark.parametrize("period", ["за ноябрь 2026", "за 2026 г.", ""])
def test_a_total_for_a_billing_period_keeps_its_kopecks(period: str) -> None:
    """The period's year came first on the total's line, so the total's kopecks were taken for unread, and the
    total, read with kopecks, then dropped itself as its own whole-rouble reading."""
    lines = ["Счёт на оплату № 7 от 02.11.2026", f"ИТОГО К ОПЛАТЕ {period}: 2 370,06 руб."]
    assert details_of(lines).amount == "2370.06"
