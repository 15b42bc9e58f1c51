"""Classes the eighth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.documents import TextWord
from model.fields import classify, extract_candidates
from model.reading_order import in_page_order
from model.resolve import resolve
from model.schema import CheckStatus, Source

FOREIGN_PRICED_BILL = [
    "Счет на оплату № 2211 от 14 августа 2026 г.",
    "Поставщик (Исполнитель): ООО «Вектор», ИНН 7707083893, КПП 770701001",
    "№ Товары (работы, услуги) Кол-во Ед. Цена, {code} Сумма, {code}",
    "1 Лицензия на программное обеспечение, 1 год 2 шт 1 240,50 2 481,00",
    "Итого, {code}: 2 481,00",
    "В том числе НДС (20%), {code}: 413,50",
    "Курс ЦБ РФ на 14.08.2026: 1 {code} = 91,2345 руб.",
    "{due} 226 353,79",
    "Всего наименований 1, на сумму 2 481,00 {code} (226 353,79 руб.)",
]


@pytest.mark.parametrize("code", ["EUR", "USD"])
@pytest.mark.parametrize("due", ["Всего к оплате в рублях:", "ВСЕГО К ОПЛАТЕ В РУБЛЯХ", "Всего к оплате в рублях"])
def test_a_bill_priced_in_another_currency_and_due_in_roubles_is_paid_in_roubles(code: str, due: str) -> None:
    """The table and the totals print dollars or euros, the rate converts them, and «Всего к оплате в рублях» states
    what is paid: the amount is that rouble sum, and so the currency is the rouble."""
    lines = [line.format(code=code, due=due) for line in FOREIGN_PRICED_BILL]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.amount == "226353.79"
    assert details.currency == "RUB"


@pytest.mark.parametrize("due", ["Всего к оплате:", "Итого к уплате в руб., см. курс"])
def test_a_bill_in_another_currency_without_a_rouble_sum_read_keeps_its_currency(due: str) -> None:
    """No sum due in roubles read beside its label: the currency of the sums read stands."""
    lines = [
        line.format(code="EUR", due=due).replace(" 226 353,79", "")
        for line in FOREIGN_PRICED_BILL
        if "Курс" not in line and "руб.)" not in line
    ]
    candidates = [c for c in extract_candidates(lines) if c.field == "currency"]
    assert {c.value for c in candidates} == {"EUR"}


def _layer_line(text: str, left: int, top: int, line: int) -> list[TextWord]:
    """One line of a PDF's text layer: its words left to right from ``left``, on the page's row at ``top``."""
    words = []
    for word in text.split():
        words.append(TextWord(word, (left, top, left + 9 * len(word), top + 14), line))
        left += 9 * len(word) + 5
    return words


COLUMN_BY_COLUMN_BILL = [
    ("Счет на оплату № 2668 от 10 сентября 2026 г.", 40, 100),
    ("Поставщик (Исполнитель):", 40, 140),
    ("Покупатель (Заказчик):", 40, 170),
    ("Основание:", 40, 200),
    ("№ Товары (работы, услуги)", 40, 240),
    ("1 Сопровождение 1С, 10 часов", 40, 270),
    ('АО "Уральские Окна", ИНН 0925680270, КПП 092501001, г. Екатеринбург', 260, 140),
    ("ПАО «ЭкоМаркет», ИНН 8770927342, КПП 877001001, г. Екатеринбург", 260, 170),
    ("Договор № 40 от 17.10.2025", 260, 200),
    ("Сумма", 800, 240),
    ("318 039,00", 800, 270),
]


def test_a_bill_whose_layer_runs_column_by_column_gives_each_caption_its_value() -> None:
    """A 1C bill saved as a PDF whose text layer lists the captions' column («Поставщик (Исполнитель):», «Покупатель
    (Заказчик):», «Основание:») and only later the values printed beside them: read in the layer's order no caption
    has its value and the payer came back empty; the captions alone with their values far off make it read in rows."""
    words = [word for index, row in enumerate(COLUMN_BY_COLUMN_BILL) for word in _layer_line(*row, index)]
    lines = in_page_order(words)[0].splitlines()
    assert lines[1] == 'Поставщик (Исполнитель): АО "Уральские Окна", ИНН 0925680270, КПП 092501001, г. Екатеринбург'
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    assert (details.recipient_name, details.payer_name) == ('АО "Уральские Окна"', "ПАО «ЭкоМаркет»")


OFD_PAGE = [
    "05.07.2026, 11:24 Чек — просмотр чека онлайн",
    "{operator}",
    "Оператор фискальных данных · ИНН 8310388444",
    "Кассовый чек",
    "Приход",
    'ООО "Мир Посуды"',
    "208310, г. Тверь, ул. Набережная, д. 67, оф. 218",
    "ИНН 2305892969",
    "Итог 4221.95 ₽",
]


@pytest.mark.parametrize(
    "operator", ["ООО «Вектор ОФД»", "ООО «Первый ОФД»", "ООО «ОФД.РУ»", "ООО «Такском»", "ООО «Компания «Тензор»"]
)
def test_the_operators_name_atop_its_receipt_page_is_never_the_seller(operator: str) -> None:
    """An ОФД's site prints its own name and ИНН atop the receipt it shows, over the seller's: the operator's name
    (one with «ОФД» in it, a licensed operator's, or any name over its caption) is no seller, nor its ИНН."""
    lines = [line.format(operator=operator) for line in OFD_PAGE]
    candidates = extract_candidates(lines)
    details, _ = resolve(candidates, classify(lines), Source.OCR)
    assert (details.recipient_name, details.recipient_inn) == ('ООО "Мир Посуды"', "2305892969")
    assert operator not in {c.value for c in candidates if c.field == "recipient_name"}


def test_an_operator_named_under_its_caption_is_no_seller() -> None:
    """«ОФД:» over its name on a receipt: the name under the caption is the operator's, whatever it is called."""
    lines = ['ООО "Мир Посуды"', "ИНН 2305892969", "Итог 4221.95", "ОФД:", "АО «Северная Звезда»", "ИНН 8310388444"]
    names = {c.value for c in extract_candidates(lines) if c.field == "recipient_name"}
    assert names == {'ООО "Мир Посуды"'}


@pytest.mark.parametrize("bill", ["Счет на оплату № 861 от 15 мая 2026 г.", "Счёт № 861 от 15.05.2026"])
def test_a_bill_under_its_tax_invoice_is_dated_by_the_bill(bill: str) -> None:
    """A «Счёт-фактура» over the «Счёт на оплату» it goes with, each dated: the bill asks for the payment, so its date
    is the payment's, not the tax invoice's above it."""
    lines = [
        "СЧЕТ-ФАКТУРА № 1379 от 30 мая 2026 г.",
        'Продавец: АО "Байкал-Софт"',
        "ИНН/КПП продавца: 7909449029/790943001",
        'Покупатель: ООО "Старт-Сервис"',
        bill,
        'Поставщик (Исполнитель): АО "Байкал-Софт", ИНН 7909449029, КПП 790943001',
        "Основание: Договор № 32 от 10.03.2026",
        "Всего к оплате: 605 959,00",
    ]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.payment_date == "2026-05-15"


def test_a_tax_invoice_alone_is_dated_by_its_title() -> None:
    lines = ["Счет-фактура № 1379 от 30 мая 2026 г.", 'Продавец: АО "Байкал-Софт"', "Отгружено 28.05.2026"]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.payment_date == "2026-05-30"


CURVED_TAPE_HEAD = [
    "Кассовый чек / Приход",
    "Герметик силиконовый 574.06 x 2 1148.12",
    "Дюбель-гвоздь 6x40 1520.97 x 3 4562.91",
    "Краска ВД белая 3кг 1614.98 x 1 1614.98",
]


@pytest.mark.parametrize("vat", ["в т.ч. НДС 20%", "вт, ч, НДС 20%", "61.4, НДС"])
def test_a_vat_figure_read_on_the_payment_line_over_its_caption_is_never_the_amount(vat: str) -> None:
    """A Dreamkas tape held curved bows its column of figures: OCR reads the VAT's figure on the card payment's row,
    over the VAT's caption left without one («Безналичными 1380.32» over «в т.ч. НДС 20%»). That figure is no amount."""
    lines = [*CURVED_TAPE_HEAD, "ИТОГО К ОПЛАТЕ: nor", "Безналичными 1380.32", vat, "ИНН: 2090336542"]
    assert "1380.32" not in {c.value for c in extract_candidates(lines) if c.field == "amount"}


def test_a_payment_line_over_a_vat_caption_whose_figure_follows_it_stays_the_amount() -> None:
    lines = [*CURVED_TAPE_HEAD, "Безналичными 7326.01", "в т.ч. НДС 20%", "=1221.00", "ИНН: 2090336542"]
    assert "7326.01" in {c.value for c in extract_candidates(lines) if c.field == "amount"}


def test_a_total_read_a_row_above_its_label_on_a_curved_tape_is_the_amount() -> None:
    """The same tape read another way: the total's figure a row above «ИТОГО К ОПЛАТЕ:», which holds none, and no
    figure under it. The figure is the total, read by its place (never verified as a labelled one)."""
    lines = [*CURVED_TAPE_HEAD, "8281.91", "ИТОГО К ОПЛАТЕ: |", "Безналичными", "вт, ч, НДС 20%", "ИНН: 2090336542"]
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.amount == "8281.91"
    assert checks["amount"].status != CheckStatus.VERIFIED


def test_an_items_figure_over_a_total_label_is_no_total() -> None:
    """A figure smaller than one printed above it is an item's, not the total's."""
    lines = [*CURVED_TAPE_HEAD, "1614.98", "ИТОГО К ОПЛАТЕ:", "Безналичными", "ИНН: 2090336542"]
    assert "1614.98" not in {c.value for c in extract_candidates(lines) if c.field == "amount"}


def test_a_qr_codes_squares_read_on_the_sellers_row_are_no_part_of_its_name() -> None:
    """The ОФД's page prints its QR at the right of the receipt's card, on the seller's row: OCR reads its finder
    squares as bracketed glyphs («[=]») with specks between them after the name."""
    lines = [line.format(operator="ООО «Орбита ОФД»") for line in OFD_PAGE]
    lines[5] = "ИП Попов Сергей Николаевич [=] ие [=]"
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.recipient_name == "ИП Попов Сергей Николаевич"


@pytest.mark.parametrize(
    ("buyer", "payer"),
    [
        ("Покупатель (Заказчик ООО «Вектор», ИНН 8299841805, КПП 829943001, 276088, г Воронеж", "ООО «Вектор»"),
        ('Покупатель (Заказни-ПАО "Полимер-М", ИНН 2500404569, КПП 250043001', 'ПАО "Полимер-М"'),
    ],
)
def test_the_payers_role_that_lost_both_its_bracket_and_colon_is_the_labels(buyer: str, payer: str) -> None:
    """1C's «Покупатель (Заказчик):» photographed, its closing bracket and colon lost (bench/layouts r8
    qr-top-right): the role's word, however OCR ended it, is still the label's, and the name follows it."""
    lines = ["Счет на оплату № 753 от 4 марта 2026 г.", buyer]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.payer_name == payer


def test_a_name_in_brackets_after_a_label_is_no_role() -> None:
    """Only a role's word in an unclosed bracket is the label's: another word stays in the value as read."""
    lines = ["Счет на оплату № 753 от 4 марта 2026 г.", "Покупатель (Вектор ООО, ИНН 8299841805"]
    payers = {c.value for c in extract_candidates(lines) if c.field == "payer_name"}
    assert all(value.startswith("(Вектор") for value in payers)
