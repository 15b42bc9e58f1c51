"""Classes of mistake the real-documents check (bench/real) found in what OCR read off real pages: a speck that hid a
bank's name, a payer's block cut short by its address, a payee named twice with its legal form short and in full.
Each test writes the layout's lines afresh, with made-up numbers whose check digits pass."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source

BIK, CORR = "044525974", "30101810145250000974"


def _read(lines: list[str]) -> PaymentDetails:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)[0]


@pytest.mark.parametrize("speck", ["‘", "’", "‚"])
def test_a_speck_read_as_a_single_curly_quote_before_the_grids_bank_is_no_part_of_its_name(speck: str) -> None:
    """A 1C invoice scanned: the grid's top-left corner read as «‘» before the bank's name, its caption «Банк
    получателя» below it garbled («Bane получателя»), so only the name's own shape says it is a bank's."""
    details = _read(
        [
            f'{speck}АО "ТБАНК (СЕВЕР)" г. Москва БИК {BIK}',
            f"Cu. № {CORR} |",
            "Bane получателя и Ad ere",
            "Счет на оплату № 165 от 11 июня 2019 г.",
        ]
    )
    assert details.bank_name == 'АО "ТБАНК (СЕВЕР)" г. Москва'


def _inn(first_nine: str) -> str:
    """A ten-digit ИНН with its check digit."""
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return first_nine + str(sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11 % 10)


PAYEE_INN, PAYER_INN = _inn("616304525"), _inn("616516166")
MISREAD_PAYEE_INN = PAYEE_INN[:-1] + str((int(PAYEE_INN[-1]) + 2) % 10)


@pytest.mark.parametrize(
    "address",
    ["344000,г.Ростов-на-Дону,пр.Михаила Нагибина,д.7а,оф.5", "344000.г.Ростов-на-Донупр.Михаила Нагибина.д.7а,0ф.5"],
    ids=["as printed", "its commas read as dots"],
)
def test_the_payers_address_row_without_its_caption_keeps_the_ids_under_it_the_payers(address: str) -> None:
    """A federal agency's bill: the payer's block is «Плательщик: ООО …», its address with no caption, then
    «ИНН/КПП …»; the payee's ИНН in the grid misread. The payer's ИНН passes its check digits and is still not the
    payee's: the address row is the payer's block's, not its end."""
    details = _read(
        [
            "Образец заполнения платежного поручения",
            f"ИНН {MISREAD_PAYEE_INN} |КПП 616201001",
            "ПОЛУЧАТЕЛЬ Сч.№ 40501810260152000001",
            'УФК по Ростовской области (ФГБУ "Ростовский центр" л/с 20588Ц31650)',
            "БАНК ПОЛУЧАТЕЛЯ БИК 046015001",
            "Счет № РЦ-К02/234-333 от 04.06.2017",
            'Заказчик: ООО "Торговый Дом "РИФ"',
            'Плательщик: ООО "Торговый Дом "РИФ"',
            address,
            f"ИНН/КПП {PAYER_INN}/616501001",
            "Всего к оплате: 79 632,97",
        ]
    )
    assert details.recipient_inn != PAYER_INN
    assert details.recipient_kpp != "616501001"


@pytest.mark.parametrize(
    ("grid", "supplier"),
    [
        ("Общество с ограниченной ответственностью «Трансимпериал»", "ООО «Трансимпериал»"),
        ('Акционерное общество "Северный ветер"', 'АО "Северный ветер"'),
    ],
    ids=["limited company", "joint-stock company"],
)
def test_the_payee_the_grid_names_with_its_legal_form_in_full_is_named_so(grid: str, supplier: str) -> None:
    """A forwarder's 1C invoice as its text layer gives it: the grid's payee cell writes the legal form out, the
    «Поставщик» line abbreviates it. One company: its name is the one the payment order's sample gives it."""
    lines = [
        "Банк получателя",
        f"БИК {BIK}",
        f"Cч. № {CORR}",
        f"ИНН {PAYEE_INN} КПП 771401001 Сч. № 40702810400000233463",
        grid,
        "Получатель",
        "Счет на оплату №25-12327-k от 22.05.2025 г.",
        f"Поставщик {supplier}, ИНН {PAYEE_INN}, КПП 771401001, г. Москва, 125167, Викторенко, дом 5",
        f"Покупатель ООО «СКиФ», ИНН {PAYER_INN}, КПП 165001001, г. Набережные Челны",
        "Всего к оплате: 1200,00",
    ]
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    assert details.recipient_name == grid


def test_a_payee_abbreviated_is_not_written_out_from_another_companys_name() -> None:
    """The same words after another legal form are another company («АО "Север"» is no «Общество с ограниченной
    ответственностью "Север"»): the name read stays."""
    lines = [
        'Общество с ограниченной ответственностью "Север"',
        "Получатель",
        "Счет на оплату № 7 от 22.05.2025 г.",
        f'Поставщик АО "Север", ИНН {PAYEE_INN}, КПП 771401001, г. Москва',
        "Всего к оплате: 1200,00",
    ]
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    assert details.recipient_name == 'АО "Север"'
