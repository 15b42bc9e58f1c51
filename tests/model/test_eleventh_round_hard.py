"""Classes the eleventh round of ``bench/layouts`` showed on its photos and hard photos of a client-bank's payment
order printed on a landscape sheet: field 4's date blurred (its dots lost, or past reading), the bank's stamp
«ПРОВЕДЕНО …» under it (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.payment_order import without_dates_by_shape
from model.resolve import resolve
from model.schema import Source


def _order(title: str, stamp: str = "М.П. ПРОВЕДЕНО 29.08.2026") -> list[str]:
    """The landscape order's lines (bench/layouts r11 landscape-client-bank-order) with the title and stamp given."""
    return [
        "Поступ. в банк плат. Списано со сч. плат. 0401060",
        title,
        "Сумма прописью Пятьсот пятьдесят две тысячи четыреста тридцать шесть рублей 00 копеек",
        "ИНН 5171301916 КПП 517202002 Сумма 552436-00",
        'ООО "Светлый Дом" Сч. № 40702810512423976524',
        "Плательщик",
        "Назначение платежа",
        "Оплата по счёту № 955 от 21.08.2026 за товар. Сумма 552436-00, в т.ч. НДС (20%) 92072-67",
        "Подписи Отметки банка",
        stamp,
    ]


def _date(lines: list[str]) -> str | None:
    candidates = without_dates_by_shape(extract_candidates(lines, Source.OCR), lines)
    details, _ = resolve(candidates, classify(lines), Source.OCR)
    return details.payment_date


def test_a_date_whose_dots_blur_took_is_the_orders_where_the_banks_date_follows_it() -> None:
    """«№3620 28082026»: eight digits in field 4, the stamp a day later; not the stamp's date."""
    assert _date(_order("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №3620 28082026 ТЕТ ЕР")) == "2026-08-28"


@pytest.mark.parametrize(
    "stamp", ["М.П. ПРОВЕДЕНО 29.09.2026", "М.П. ПРОВЕДЕНО 27.08.2026"], ids=["a month later", "a day before"]
)
def test_eight_digits_no_bank_date_follows_closely_are_no_date(stamp: str) -> None:
    """Digits alone could be any number, or a day misread: only a bank's date on or shortly after them confirms
    them; and the stamp's own date is no order's either."""
    assert _date(_order("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №3620 28082026 ТЕТ ЕР", stamp)) is None


def test_a_stamps_date_is_not_the_orders_whose_date_cell_blur_garbled() -> None:
    """«№ 9820 ah. 2026» in the title, «ПРОВЕДЕНО 20,08 2000» for 29.08.2026 on the stamp: no date beats the stamp's
    misread one, also where the title's first word was garbled («[ЛАТИЖНОЕ»)."""
    assert _date(_order("[ЛАТИЖНОЕ ПОРУЧЕНИЕ № 9820 ah. 2026", "At НРОВЕДЕНО 20,08 2000")) is None
    assert _date(_order("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 9820 ah. 2026")) is None


@pytest.mark.parametrize(
    "title",
    [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 3620 28.08.2026 электронно",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 3620",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 3620 | 0401060",
    ],
    ids=["its date read", "no figures after the number", "the form's code after it"],
)
def test_an_order_whose_date_cell_holds_no_garbled_figures_keeps_its_dates_by_shape(title: str) -> None:
    lines = [title, "ПРОВЕДЕНО 29.08.2026"]
    candidates = extract_candidates(lines, Source.OCR)
    assert any(c.field == "payment_date" and c.by_shape for c in candidates)
    assert without_dates_by_shape(candidates, lines) == candidates


def test_a_deadline_whose_do_blur_read_as_latin_ho_is_no_payments_date() -> None:
    """A water quittance's «Оплатить до 25.08.2026» read «Onna ho 25.05 2016.» on its hard photo (bench/layouts r11
    water-meter-quittance): «до» with its д read as h, as «go» with it read as g; the deadline is not the date paid."""
    lines = ["СЧЁТ-КВИТАНЦИЯ за холодное и горячее водоснабжение", "Итого к оплате: 2 310,40", "Onna ho 25.05 2016."]
    assert _date(lines) is None
