"""Classes the eleventh round of ``bench/layouts`` showed on its invoices and receipts (a college's hostel bill, a
freight carrier's «Счёт-оферта», a water utility's quittance, a pharmacy's tape), each a test of its own (text as OCR
reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source
from model.values import read_bank, read_name

FREIGHT_OFFER = [
    "ООО «ПОЛИМЕР-М ЛОГИСТИК» www.cargo-98.ru",
    "Заявка № 0875834293 - Личный кабинет",
    'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ" БИК 041708708',
    "Банк получателя Cu. № 30101810700000000708",
    "ИНН 2821369419 КПП 282143001 Cu. № 40702810510403172826",
    "OOO «Полимер-М Логистик»",
    "Получатель",
    "Счёт-оферта № 26-71621822 от 11.07.2026",
    "Заказчик: ПАО «Созвездие», ИНН 4353572786",
    "Итого с НДС: 12 032,00",
]
"""A freight carrier's «Счёт-оферта» (bench/layouts r11 freight-offer-invoice): the page its client prints from the
carrier's site, «Заявка № … - Личный кабинет» over 1C's bank grid, as a text layer's order reads it."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Морозов Михаил Иванович, студент гр. С-35", "Морозов Михаил Иванович"),
        ("Морозов Михаил Иванович, гр. С-35", "Морозов Михаил Иванович"),
        ("ООО «ПОЛИМЕР-М ЛОГИСТИК» www.cargo-98.ru", "ООО «ПОЛИМЕР-М ЛОГИСТИК»"),
        ("ООО «ПОЛИМЕР-М ЛОГИСТИК» wwwecargo-S3_ru", "ООО «ПОЛИМЕР-М ЛОГИСТИК»"),
        ("ООО «Ромашка» https://romashka.ru", "ООО «Ромашка»"),
    ],
)
def test_a_name_ends_where_a_group_note_or_a_web_address_starts(line: str, name: str) -> None:
    """A student's group after the payer's name, the payee's web address after its own: neither is the name."""
    assert read_name(line) == name


def test_a_banks_name_ends_before_a_web_address() -> None:
    assert read_bank("ПАО Сбербанк www.sberbank.ru") == "ПАО Сбербанк"


@pytest.mark.parametrize("sign", ["№", "Ne"])
def test_a_papers_number_over_the_bank_grid_is_no_part_of_the_banks_name(sign: str) -> None:
    """«Заявка № 0875834293» over the bank's row: its ten digits look like a БИК behind a border, but a number
    after «Заявка №» is the order's, so the grid's rows end under it."""
    lines = [line.replace("№ 0875", f"{sign} 0875") for line in FREIGHT_OFFER]
    assert _details(lines).bank_name == 'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ"'
