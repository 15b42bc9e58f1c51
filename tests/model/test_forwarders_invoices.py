"""A freight forwarder's 1C invoices (bench/real «held-out 2026-12-06i», picked after the batch's fixes): an invoice in
US dollars names its currency only in words after its sum, and the bank's grid cell holds the bank's address."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Source
from model.values import read_bank


def _currency(total_line: str) -> str | None:
    lines = ["Счет на оплату №26-00378-tl от 27.01.2026 г.", "Всего к оплате: 2700,00", total_line]
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    return details.currency


@pytest.mark.parametrize(
    ("line", "currency"),
    [
        ("Всего наименований 2, на сумму 2700,00 Доллар США", "USD"),
        ("Всего наименований 2, на сумму 2700,00 Евро", "EUR"),
        ("Всего наименований 1, на сумму 910,34 Российский рубль", "RUB"),
    ],
)
def test_an_invoice_names_its_currency_in_words_after_its_sum(line: str, currency: str) -> None:
    assert _currency(line) == currency


def test_a_banks_address_in_its_grid_cell_is_no_part_of_its_name() -> None:
    assert read_bank('АО "Райффайзенбанк", Россия, 119002, г. Москва,') == 'АО "Райффайзенбанк"'
    assert read_bank("ПАО СБЕРБАНК Г.МОСКВА") == "ПАО СБЕРБАНК Г.МОСКВА"


def test_a_banks_name_is_read_over_its_address_wrapped_down_to_the_caption() -> None:
    """The same invoice's other text layer: the bank's cell wraps its address over two more rows before «Банк
    получателя», so the row right over the caption is the address's last line."""
    lines = [
        'АО "Райффайзенбанк", Россия, 119002, г. Москва,',
        "вн.тер.г. муниципальный округ Арбат, пл Смоленская-Сенная,",
        "д. 28",
        "Банк получателя",
        "БИК 044525700",
        "Cч. № 30101810200000000700",
    ]
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    assert details.bank_name == 'АО "Райффайзенбанк"'


def test_a_requisites_row_between_stops_the_look_up_for_the_banks_name() -> None:
    """A row holding an account between the caption and a name over a postcode: that name is another cell's."""
    lines = [
        'АО "Райффайзенбанк", Россия, 119002, г. Москва,',
        "ИНН 7743772602 КПП 771401001",
        "д. 28",
        "Банк получателя",
    ]
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    assert details.bank_name is None
