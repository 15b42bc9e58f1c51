"""Two parties printed side by side (``model.columns``): each column read as its party's block."""

from __future__ import annotations

import pytest

from model.columns import unzipped_columns
from model.fields import classify, extract_candidates, party_blocks, party_heading
from model.ocr import OcrLine
from model.resolve import resolve
from model.schema import CheckStatus, PaymentDetails
from tests.ocr_lines import line_of_cells

RIGHT = 620
"""Where the right column's cells begin, in pixels."""

PAYER_CELLS = [
    'ПАО "Светлый Дом"',
    "ИНН 8481985419 КПП 848101001",
    "Счёт 40702810513919454087",
    'КУ "ДИЛ-БАНК" (ООО) - ГК "АСВ"',
    "БИК 044525376",
    "К/с 30101810345250000376",
]
PAYEE_CELLS = [
    "ИП Васильев Артём Юрьевич",
    "ИНН 843532045044",
    "Счёт 40802810051902747920",
    'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ", г.Москва',
    "БИК 041708708",
    "К/с 30101810700000000708",
]


def _page(payer_left: bool = True, heading_gap: int = RIGHT) -> list[OcrLine]:
    left, right = (PAYER_CELLS, PAYEE_CELLS) if payer_left else (PAYEE_CELLS, PAYER_CELLS)
    headings = ("Плательщик", "Получатель") if payer_left else ("Получатель", "Плательщик")
    return [
        line_of_cells([("Платёж № 4354 от 21.10.2026", 70)], 100),
        line_of_cells([(headings[0], 75), (headings[1], heading_gap + 5)], 160),
        *(
            line_of_cells([(a, 75), (b, RIGHT + 5)], 200 + 28 * n)
            for n, (a, b) in enumerate(zip(left, right, strict=True))
        ),
        line_of_cells([("Сумма", 70), ("406 784-20 р.", 1000)], 420),
        line_of_cells([("Назначение платежа: Оплата по договору поставки № 5/П. НДС не облагается", 70)], 470),
    ]


def _details(lines: list[str]) -> tuple[PaymentDetails, dict[str, CheckStatus]]:
    details, checks = resolve(extract_candidates(lines), classify(lines))
    return details, {name: CheckStatus(check.status) for name, check in checks.items()}


@pytest.mark.parametrize("payer_left", [True, False], ids=["payer left", "recipient left"])
def test_side_by_side_parties_are_read_as_one_block_after_the_other(payer_left: bool) -> None:
    """Read row by row across both columns, the payer's ИНН, account, БИК and к/с came first on each row, and the
    к/с, which its БИК's key confirms, was verified as the recipient's bank's."""
    lines = unzipped_columns(_page(payer_left))
    first, second = ("Плательщик", "Получатель") if payer_left else ("Получатель", "Плательщик")
    assert lines[1:3] == [first, (PAYER_CELLS if payer_left else PAYEE_CELLS)[0]]
    assert lines[8] == second
    assert lines[-2] == "Сумма 406 784-20 р."  # the table ends where its rows stop
    details, statuses = _details(lines)
    assert (details.recipient_name, details.payer_name) == ("ИП Васильев Артём Юрьевич", 'ПАО "Светлый Дом"')
    assert (details.recipient_inn, details.recipient_kpp) == ("843532045044", None)
    assert (details.recipient_account, details.bank_bic) == ("40802810051902747920", "041708708")
    assert details.bank_corr_account == "30101810700000000708"
    assert statuses["bank_corr_account"] == CheckStatus.VERIFIED
    assert details.amount == "406784.20"


def test_two_headings_in_one_phrase_are_no_columns() -> None:
    page = _page(heading_gap=75 + 12 * len("Плательщик ") - 5)
    assert unzipped_columns(page) == [line.text for line in page]


def test_a_partys_unlabelled_name_and_bank_stay_in_its_block() -> None:
    """Stacked blocks whose name and bank stand without a label among the labelled rows."""
    lines = ["Получатель", *PAYEE_CELLS, "Плательщик", *PAYER_CELLS, "Сумма 406 784-20 р."]
    rows = party_blocks(lines)
    assert [rows.get(index) for index in range(len(lines))] == [None] + ["payee"] * 6 + [None] + ["payer"] * 6 + [None]


@pytest.mark.parametrize("payer_left", [True, False], ids=["payer left", "recipient left"])
def test_the_bank_between_the_recipients_account_and_its_bik_is_the_recipients(payer_left: bool) -> None:
    """The recipient's bank's name stands unlabelled in its block, between its account and its БИК, seven words
    long; the payer's bank's name, as short as a receipt's bank line, was never the recipient's."""
    details, _ = _details(unzipped_columns(_page(payer_left)))
    assert details.bank_name == 'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ", г.Москва'


INDRA_PAYER_CELLS = [
    'ПАО "Светлый Дом"',
    "ИНН 8481985419 КПП 848101001",
    "CчёT 40702810513919454087",
    'КУ "ДИЛ-БАНК" (ООО) - ГК "АСВ"',
    "БИК 044525376",
    "K/c 30101810345250000376",
]
INDRA_PAYEE_CELLS = [
    "ИП Васильев Артём Юрьевич",
    "ИНΗ 843532045044",
    "С4ёт 40802810051902747920",
    'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ", г.Москва',
    "БИК 041708708",
    "K/c 30101810700000000708",
]


def test_labels_read_in_latin_and_greek_letters_keep_a_partys_block() -> None:
    """Indra's reading of the same page: «CчёT», «K/c» in Latin letters, «ИНΗ» with a Greek Eta, «С4ёт» with a 4 for
    its ч. The payer's block held its labels no longer, so its bank's name was read as the recipient's bank."""
    lines = ["Плательщик", *INDRA_PAYER_CELLS, "Получатель", *INDRA_PAYEE_CELLS, "Сумма 406 784-20 р."]
    rows = party_blocks(lines)
    assert [rows.get(index) for index in range(len(lines))] == [None] + ["payer"] * 6 + [None] + ["payee"] * 6 + [None]
    details, _ = _details(lines)
    assert details.bank_name == 'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ", г.Москва'
    assert (details.bank_bic, details.bank_corr_account) == ("041708708", "30101810700000000708")


def test_the_purpose_under_its_caption_is_not_the_sum_in_words_above_it() -> None:
    """«Назначение платежа» alone on its line reads the line under it (the payment's heading) and, as a ПД-4's caption
    under its value, the line above: there the sum in words, a row of its own label, no purpose."""
    lines = [
        "Сумма 145 150-00 руб.",
        "Сумма прописью: Сто сорок пять тысяч сто пятьдесят рублей 00 копеек",
        "Назначение платежа",
        "Оплата по счёту № 642 от 12.04.2026 за оборудование, в т.ч. НДС 20%",
        "Очерёдность 5",
    ]
    purposes = {c.value for c in extract_candidates(lines) if c.field == "purpose"}
    assert purposes == {"Оплата по счёту № 642 от 12.04.2026 за оборудование, в т.ч. НДС 20%"}


@pytest.mark.parametrize(
    "headings",
    [
        ("| Мозолнитель:", "Заказчик:"),  # r3_invoice_03_photo: a speck before the first, «Исп» read «Моз»
        ("`Исполмитель", "Зам учи:"),  # r3_invoice_07_hard: both garbled, the second read as two words
    ],
)
def test_a_contracts_headings_garbled_still_part_its_columns(headings: tuple[str, str]) -> None:
    """A «Счёт-договор»'s requisites under «Исполнитель:» and «Заказчик:» side by side, their headings garbled
    by a photo: each still reads as its role's (a few letters off), and the rows are parted under them, so the
    payee's bank is not read running on into the customer's («АО Банк "Аверс" в РЯЗАНСКИЙ РФ АО …»)."""
    page = [
        line_of_cells([("Реквизиты и подписи сторон", 70)], 100),
        line_of_cells([(headings[0], 60), (headings[1], RIGHT + 5)], 160),
        *(
            line_of_cells([(a, 75), (b, RIGHT + 5)], 200 + 28 * n)
            for n, (a, b) in enumerate(zip(PAYEE_CELLS, PAYER_CELLS, strict=True))
        ),
    ]
    lines = unzipped_columns(page)
    assert (party_heading(lines[1]), lines[2]) == ("payee", PAYEE_CELLS[0])
    assert (party_heading(lines[8]), lines[9]) == ("payer", PAYER_CELLS[0])
    details, _ = _details(lines)
    assert (details.recipient_name, details.bank_name) == (PAYEE_CELLS[0], PAYEE_CELLS[3])
    assert (details.recipient_account, details.bank_bic) == ("40802810051902747920", "041708708")


def test_two_words_far_apart_that_are_no_headings_part_no_columns() -> None:
    """A row of two words far apart that no role's heading is near («Итого:» and «Всего:»): no columns."""
    page = _page()
    page[1] = line_of_cells([("Итого:", 75), ("Всего:", RIGHT + 5)], 160)
    assert unzipped_columns(page) == [line.text for line in page]
