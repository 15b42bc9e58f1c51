import pytest

from model.normalize import (
    amount_from_kopecks,
    digits,
    find_dates,
    normalize_amount,
    normalize_currency,
    normalize_date,
    normalize_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56 ₽", "1234.56"),
        ("1234.56 RUB", "1234.56"),
        ("Сумма: 1\u00a0234\u00a0567,5 руб.", "1234567.50"),
        ("= 3943.26", "3943.26"),
        ("500 ₽", "500.00"),
        ("12'500,00", "12500.00"),
        ("0,99", "0.99"),
        ("нет суммы", None),
        ("Сумма платежа: 13 011 руб. 46 коп.", "13011.46"),
        ("Сумма платежа: 13 011 руб. 46 кол.", "13011.46"),  # OCR's readings of "коп."
        ("Итого: 616 руб. 86 кп.", "616.86"),
        ("Итого: 5 036 рб. 43 к.", "5036.43"),
        ("Итого: 616 руб. 86 копеек", "616.86"),
        ("Сумма платежа 13011 руб. 46 лов. — __ Anata за услуи: руб.", "13011.46"),  # blurred "коп."
        ("Cysee measteme 616 руб 86 cor ees", "616.86"),
        ("Сумма платежа: 13 011 руб. 46 коя.", "13011.46"),
        ("Итого: 616 руб. 10 руб. плата за услуги", "616.00"),
        ("Итого: 616 руб. Плата за услуги: 10 руб.", "616.00"),
        ("Итого к оплате: 12 345, 67 руб.", "12345.67"),  # a space OCR put after the comma (Liberation Mono Italic)
        ("12 345, 67", "12345.67"),
        ("12 345, 67 ₽", "12345.67"),
        ("12 345, 67 Р", "12345.67"),  # a Р alone is the ₽ as OCR reads it (normalize.CURRENCY_MARK)
        ("12 345, 67 Руб", "12345.67"),
        ("12 345, 67 Рязань", "12345.00"),  # a word's Р is no mark: the 67 is another thing's
        ("1 250, 30 шт.", "1250.00"),  # a count after a comma, no kopecks
        ("1570-80", "1570.80"),  # a payment order's field 7: kopecks after a dash
        ("КПП 300-00", "300.00"),
        ("Сумма 4237-53, в т.ч. НДС (20%) 706-26", "4237.53"),
        ("18-04-2019", "18.00"),  # a date's day and month, no kopecks
        ("8-800-555-35-35", "8.00"),
        ("ооо фовофо соо 088 150,00 руб.", "150.00"),  # a dotted leader's dots read as «088»: no sum starts 0
        ("07 1 250,00", "1250.00"),
        ("ИТОГ 0406.00", "406.00"),  # a «≡» read as 0 right before the roubles
    ],
)
def test_normalize_amount_reads_printed_forms(text: str, expected: str | None) -> None:
    assert normalize_amount(text) == expected


@pytest.mark.parametrize(
    ("kopecks", "expected"),
    [("123456", "1234.56"), ("5", "0.05"), ("100", "1.00"), ("12a", None), ("", None)],
)
def test_amount_from_kopecks_converts_gost_sum(kopecks: str, expected: str | None) -> None:
    assert amount_from_kopecks(kopecks) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18.04.2019 21:16", "2019-04-18"),
        ("Дата операции 01/02/24", "2024-02-01"),
        ("2019-04-18", "2019-04-18"),
        ("t=20190418T211655&s=1", "2019-04-18"),
        ("18 апреля 2019 г.", "2019-04-18"),
        ("3 мая 2023", "2023-05-03"),
        ("31.02.2020", None),
        ("без даты", None),
        ("Дата операции: 28.11 2024 17:25", "2024-11-28"),  # a blurred dot lost
        ("\\09.05:2026 10:4/01 (MCK)", "2026-05-09"),  # a dot read as a colon, before a four-digit year only
        ("Время 10.05:20", None),
        ("10:05:2026", None),
        ("Казань, пер. Чистый, д. 114 от 11,04,2021", "2021-04-11"),  # dots read as commas
        ("31.02.2020, оплачено 01.03.2020", "2020-03-01"),  # the first *real* date
        ("Итого 1 234,56 2024", None),  # an amount before a year is no date
        ("НДС 12,50 20%", None),
    ],
)
def test_normalize_date_reads_common_formats(text: str, expected: str | None) -> None:
    assert normalize_date(text) == expected


def test_find_dates_gives_each_date_with_where_it_starts_in_reading_order() -> None:
    text = "Договор от 18 апреля 2019, счёт от 01.02.2020"
    assert list(find_dates(text)) == [(11, "2019-04-18"), (35, "2020-02-01")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56 ₽", "RUB"),
        ("100 руб.", "RUB"),
        ("10.00 USD", "USD"),
        ("€ 5", "EUR"),
        ("1234", None),
        ("5,75 бел. руб.", "BYN"),
        ("СУММА: 5,75 BYN", "BYN"),
        ("401.00 ГРН", "UAH"),
        ("1 500 ₸", "KZT"),
    ],
)
def test_normalize_currency_maps_signs_and_codes(text: str, expected: str | None) -> None:
    assert normalize_currency(text) == expected


def test_digits_and_text_helpers() -> None:
    assert digits("ИНН 7707-083 893") == "7707083893"
    assert normalize_text("  ООО   «Ромашка» ; ") == "ООО «Ромашка»"
    assert normalize_text("  :  ") is None
