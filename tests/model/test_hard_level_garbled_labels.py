"""Labels and values that the hard level's blur and crop garble, from the OCR lines of bench/layouts rounds 3-8."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Source

TERMINAL_TAPE = [
    "БАНК ВТБ (ПАО)",
    "ДАТА 05.02.26 ВРЕМЯ 18:38",
    "ОПЛАТА УСЛУГ ПО РЕКВИЗИТАМ",
    "ПОЛУЧАТЕЛЬ: ООО «УК МИР ПОСУДЫ»",
    "ИНН ПОЛУЧАТЕЛЯ: 0221303170",
    "КПП: 022143001 |",
    "“YET: 40702810359514939952 |",
    '‚АНК ПОЛУЧАТЕЛЯ: АКБ "Абсолют Банк" (ПАО)',
    "ИК: 044525976",
    "/СЧ: 30101810500000000976",
    "АЗНАЧЕНИЕ: ОПЛАТА ЖКУ Л/С 75285913",
    "ЛАТЕЛЬЩИК: ЗАЙЦЕВ ЕВГЕНИЙ НИКОЛАЕВИЧ",
    "УММА: 10130.43 РУБ.",
    "ОМИССИЯ: 101.30 РУБ.",
    "roro: 10231.73 PYB.",
]
"""A terminal's tape cut at its left edge (r3_transfer_03_hard): each caption lost its first letter."""


def _details(lines: list[str]):  # type: ignore[no-untyped-def]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_captions_that_lost_their_first_letter_still_name_their_values() -> None:
    """«УММА:», «ЛАТЕЛЬЩИК:», «АЗНАЧЕНИЕ:», «АНК ПОЛУЧАТЕЛЯ:» are «СУММА:», «ПЛАТЕЛЬЩИК:», «НАЗНАЧЕНИЕ:», «БАНК
    ПОЛУЧАТЕЛЯ:» with the tape's edge cut off."""
    details = _details(TERMINAL_TAPE)
    assert details.amount == "10130.43"
    assert details.payer_name == "ЗАЙЦЕВ ЕВГЕНИЙ НИКОЛАЕВИЧ"
    assert details.purpose == "ОПЛАТА ЖКУ Л/С 75285913"
    assert details.bank_name == 'АКБ "Абсолют Банк" (ПАО)'


def test_a_clipped_caption_read_with_a_look_alike_still_names_its_value() -> None:
    """Indra's «үмма» for a blurred «Сумма» (r7_invoice_02_hard): its С lost, its у read as a Kazakh «ү»."""
    amounts = {c.value for c in extract_candidates(["үмма 95 400,00 руб."]) if c.field == "amount"}
    assert amounts == {"95400.00"}


@pytest.mark.parametrize("line", ["Того: 150.00", "сего 150,00"])
def test_a_word_that_a_clipped_caption_spells_is_no_caption(line: str) -> None:
    """A clipped «Итого» or «Всего» is a word of its own («того», «сего»): no total's caption then."""
    assert not [c for c in extract_candidates([line]) if c.field == "amount"]


def test_the_purposes_garbled_second_word_before_the_purpose_is_the_captions() -> None:
    """«Назначение плазежа Аренда …» (r4_transfer_04_hard): the caption's «платежа» garbled past its spellings
    stands before the purpose on the same line, and is no part of it."""
    purposes = {
        c.value
        for c in extract_candidates(["Назначение плазежа Аренда за март 2026 г., НДС не облагается"])
        if c.field == "purpose"
    }
    assert purposes == {"Аренда за март 2026 г., НДС не облагается"}


@pytest.mark.parametrize(
    ("buyer", "payer"),
    [
        ("Покупатель (Зажжазник O00 «Светлый Дом», ИНН 4909210832, КПП 490301001. 101331", "ООО «Светлый Дом»"),
        ("Покупатель Заказчик): = АО «Пекарня у Дома», ИНН 8792170786, КПП 879243002", "АО «Пекарня у Дома»"),
    ],
)
def test_the_payers_garbled_role_before_the_name_is_the_labels(buyer: str, payer: str) -> None:
    """1C's «Покупатель (Заказчик):» blurred (r8_invoice_08_hard, r8_invoice_07_hard): the role's word garbled in
    its bracket, or its opening bracket lost, is still the label's."""
    lines = ["Счет на оплату № 2028 от 9 ноября 2026 г.", buyer]
    assert _details(lines).payer_name == payer


@pytest.mark.parametrize("line", ["06 11 2026. 08:27", "06 11 2026,08:27"])
def test_a_date_whose_dots_were_read_as_spaces_under_its_label(line: str) -> None:
    """A dark screen's «06.11.2026, 08:27» under «Дата и время», its dots lost (r7_transfer_00_hard)."""
    dates = {c.value for c in extract_candidates(["Дата и время", line]) if c.field == "payment_date"}
    assert dates == {"2026-11-06"}


def test_figures_spaced_like_a_date_without_a_dates_label_are_no_date() -> None:
    """Only a date's label makes three spaced figures a date: a row of an item's figures is none."""
    assert not [c for c in extract_candidates(["Товар 06 11 2026"]) if c.field == "payment_date"]


@pytest.mark.parametrize(
    ("line", "payer"),
    [
        ('Заказчик: mee АО "Полимер-М”', 'АО "Полимер-М”'),
        ("Покупатель: _ == - = - Sexe a i | OOO «Уральские Окна»", "ООО «Уральские Окна»"),
    ],
)
def test_specks_before_a_companys_legal_form_are_no_part_of_its_name(line: str, payer: str) -> None:
    """Crumbs with no Russian letter between the caption and a company's legal form (r4_invoice_02_hard,
    r6_invoice_03_hard): the name opens with its legal form."""
    lines = ["Счёт № 9 от 19.05.2026", line]
    assert _details(lines).payer_name == payer


def test_a_russian_word_before_a_companys_legal_form_stays() -> None:
    """Only crumbs without a Russian letter go: a word of the name's line stays as read."""
    lines = ["Счёт № 9 от 19.05.2026", 'Заказчик: Филиал АО "Полимер-М"']
    assert _details(lines).payer_name == 'Филиал АО "Полимер-М"'


def test_a_personal_accounts_row_under_the_bank_is_no_part_of_its_name() -> None:
    """A ПД-4's «Лицевой счёт» row under the bank's, its second word garbled (r4_invoice_01_hard): its own row, not
    the bank's name wrapped."""
    lines = [
        "Банк. НИЖЕГОРОДСКИЙ ФИЛИАЛ AO ЮНИКРЕДИТ БАНКА Kien 30101810500000000799",
        "Лицевой utr. 07933783 Периал- 03 3006",
    ]
    banks = {c.value for c in extract_candidates(lines) if c.field == "bank_name"}
    assert banks == {"НИЖЕГОРОДСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА"}


@pytest.mark.parametrize("title", ["СЧЁТ F 38-796380 от 24.11.2026", "СЧЁТ Р 38-796380 от 24.11.2026"])
def test_an_invoices_number_sign_read_as_a_capital_still_dates_the_invoice(title: str) -> None:
    """A telecom bill's title blurred (r7_invoice_03_hard): its «№» read as «F» or «Р»; the contract's date under
    it is another paper's."""
    lines = ["ПАО «Северный Ветер Телеком»", title, "Договор № 9755594 от 28.02.2026"]
    assert _details(lines).payment_date == "2026-11-24"


def test_a_legal_forms_blurred_o_read_as_g_is_still_the_form() -> None:
    """A taxi receipt's seller «GOO «Сфера Мобилити»» (r3_receipt_01_hard): a blurred О's gap read as G."""
    lines = ["Кассовый чек № 701. Приход", "| ' GOO «Сфера Мобилити»", "* ИНН 0265424340", "ИТОГ 1 549,00 руб."]
    assert _details(lines).recipient_name == "ООО «Сфера Мобилити»"


def test_a_date_whose_dots_were_lost_under_its_label() -> None:
    """A transfer receipt's «Дата операции 23.04.2026» blurred to «23042026» (r4_transfer_01_hard)."""
    dates = {c.value for c in extract_candidates(["дата операции 23042026"]) if c.field == "payment_date"}
    assert dates == {"2026-04-23"}


def test_a_payers_caption_whose_shcha_lost_its_tail() -> None:
    """«Плательшик:» for «Плательщик:» (r4_transfer_01_hard): a blurred щ read as ш."""
    payers = {
        c.value for c in extract_candidates(["Плательшик: | Соловьев Михаил Иванович"]) if c.field == "payer_name"
    }
    assert payers == {"Соловьев Михаил Иванович"}


def test_a_total_whose_kopecks_comma_was_lost_yields_to_the_sum_read_with_it() -> None:
    """An SBP receipt (r6_transfer_02_hard): «Сумма 4844,00 р», and «Итого 484400 P», its comma lost in blur."""
    lines = [
        "Квитанция",
        "23 марта 2026, 11:09",
        "Оплата по QR-коду СБП",
        "484400 P",
        "Получатель ПАО «Байкал-Софт»",
        "ИНН получателя 4621138513",
        "Сумма 4844,00 р",
        "Комиссия 0,00 P",
        "Итого 484400 P",
    ]
    assert _details(lines).amount == "4844.00"


def test_a_purposes_caption_blurred_in_both_words() -> None:
    """Indra's «Назнацение платсжа КБК …» (r7_invoice_06_hard): ч read as ц, е as с; the purpose follows."""
    line = "Назнацение платсжа КБК 00000000000000000130; оплата обучения по договору № 2003/24-К, 1 семестр"
    purposes = {c.value for c in extract_candidates([line]) if c.field == "purpose"}
    assert purposes == {"КБК 00000000000000000130; оплата обучения по договору № 2003/24-К, 1 семестр"}


def test_a_word_opening_with_goo_is_no_legal_form() -> None:
    """Only «GOO» in capitals before a quoted name is a blurred «ООО»: Tesseract's «Goo Bante!» for a blurred
    «ООО "Волна"» (r6_receipt_02_hard) names no company."""
    lines = ["Кассовый чек № 39. Приход", "Goo Bante!", "ИНН 2232172035", "ИТОГ =1557.00"]
    assert _details(lines).recipient_name is None
