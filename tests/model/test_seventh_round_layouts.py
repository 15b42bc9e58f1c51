"""Classes the seventh round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, Source
from tests.text_reading import details_of

ENERGY_BILL = [
    "АО «Волгаэнергосбыт»",
    "ИНН 3824242596 КПП 382401001 р/с 40702810459534323309",
    "МУРМАНСКОЕ ОТДЕЛЕНИЕ N8627 ПАО СБЕРБАНК БИК 044705615 к/с 30101810300000000615",
    "СЧЕТ ЗА ЭЛЕКТРОЭНЕРГИЮ за июль 2026 г.",
    "Лицевой счет: 7635496207",
    "Плательщик: Козлов Андрей Николаевич",
    "Адрес: 671934, г. Казань, ул. Набережная, д. 32, кв. 5",
    "{period}",
    "Зона Предыд. Текущ. кВт*ч Тариф Сумма",
    "День (Т1) 30324 30502 178 7.68 1367.04",
    "Ночь (Т2) 6920 7233 313 3.00 939.00",
    "Задолженность на 01.07.2026 0.00",
    "Оплачено 0.00",
    "Начислено за период 2306.04",
    "ИТОГО К ОПЛАТЕ 2306.04",
    "Оплатить до 10.08.2026",
]


def _pooled(lines: list[str]) -> list[Candidate]:
    return pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(lines, Source.INDRA))


@pytest.mark.parametrize(
    "period",
    [
        "Расчетный период: 01.07.2026 - 28.07.2026",
        "Расчетный период:   01.07.2026-28.07.2026",
        "Период с 01.07.2026 по 28.07.2026",
        "за период: 01.07.2026 — 28.07.2026",
        "01.07.2026 - 28.07.2026",
    ],
)
def test_a_periods_bounds_never_date_the_payment(period: str) -> None:
    """An energy bill for a month prints no date of its own, only its period's bounds, the balance's day and a due
    date (r7_invoice_01_clean, pooled: the period's first day verified by the two readers' agreement). A period's
    bounds are when the charges ran, not when anything was paid: the bill has no date, by one reader or two."""
    lines = [line.format(period=period) for line in ENERGY_BILL]
    assert details_of(lines).payment_date is None
    details, checks = resolve(_pooled(lines), classify(lines), Source.OCR)
    assert details.payment_date is None and checks["payment_date"].status != CheckStatus.VERIFIED
    assert details.amount == "2306.04"


def test_a_date_beside_a_period_still_dates_its_document() -> None:
    """A document dated in its own right keeps that date where a period's bounds stand elsewhere on it."""
    lines = [line.format(period="Расчетный период: 01.07.2026 - 28.07.2026") for line in ENERGY_BILL]
    lines.insert(4, "Дата 02.08.2026")
    assert details_of(lines).payment_date == "2026-08-02"


@pytest.mark.parametrize(
    "line", ["Перевод с карты *1234 12.03.2026 14:35", "12.03.2026 14:35 списано с карты", "Дата операции 12.03.2026"]
)
def test_a_date_on_a_line_that_names_no_period_still_dates_a_transfer(line: str) -> None:
    lines = ["Перевод выполнен", "Сумма 1 500,00 ₽", line, "Получатель Иван Петрович С."]
    assert details_of(lines).payment_date == "2026-03-12"
