"""Classes the thirteenth round of ``bench/layouts`` showed on a УПД of status 1 (счёт-фактура and act in one)
photographed or scanned to one bit: the form numbers its rows, and those numbers and the total row's columns
outlive the captions OCR garbles beside them (text as OCR reads such pages, values of a page of its own)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.schema import DocumentType
from tests.text_reading import details_of

UPD = [
    "Универсальный передаточный докумеат Статус: 1",
    "Счет-фактура № 2207 от 2026-04-14 (1}",
    "Исправление № -- ot =< (в)",
    "{seller}",
    "Адрес: 620014, г. Екатеринбург, ул. Малышева, д. 51 (2а)",
    "{pair}",
    "Грузоотирапитеть и его адрес: он же (3)",
    "Грузополучатель и его адрес: АО «Уралтех», 454080, г. Челябинск, пр. Ленина, д. 12 (4)",
    "{buyer}",
    "ИННЖПП покудателя: 3812045593/381201001 (66)",
    "Валюта: нанменованнь, код Россыйский рубль, 643 {7)",
    "1 40112 Перчатки нитриловые уп 12 | 1 250,00 15 000,00 20% 3 000,00 18 000,00 643 Россия",
    "2 40877 Лента упаковочная шт 40 | 125,00 5 000,00 20% 1 000,00 6 000,00 643 Россия",
    "{total}",
    "Руководитель оргаинзации Вопкоя С. A Главпый бухгаитер Морозов Н. А.",
]
"""A УПД photographed: its header rows end with their numbers in the form, (2) the seller, (2б) the seller's
ИНН/КПП, (6) the buyer, (6б) the buyer's; its total row «Всего к оплате (9)» prints the sums without tax, the
excise's «X», the tax and the sum with tax."""
_READ_WELL = {
    "seller": 'Продавец: ООО "Ладога Снаб" (2)',
    "pair": "ИНН/КПП продавца: 6625007716/662501001 (2б)",
    "buyer": "Покупатель: АО «Уралтех» (6)",
    "total": "Всего к оплате (9) 20 000,00 X 4 000,00 24 000,00",
}


def _upd(**garbled: str) -> list[str]:
    rows = _READ_WELL | garbled
    return [rows.get(line.strip("{}"), line) for line in UPD]


@pytest.mark.parametrize(
    "total",
    [
        "Г_ | р к оплато (9) о } . 20 000,00 | x 4 000,00 24 000,00 ]",
        "| Всаго к оплате (9) |20 000,00 : х ‘4 000,00 | 24 000,00 7 fo 1",
        "a4 _ | Вевго x оплате (8) —_ 20000,00 x ' 4 000,00 | 24 000,00 7 Jo |",
    ],
    ids=["caption garbled", "a letter of «Всего» misread", "the row number misread"],
)
def test_a_upds_total_row_under_a_garbled_caption_is_due_with_tax(total: str) -> None:
    """The caption's «к оплате» before the row's number in the form, over three sums, the form's columns: the last
    is the sum with tax (the row gave no amount)."""
    assert details_of(_upd(total=total)).amount == "24000.00"


def test_a_total_rows_columns_that_do_not_add_up_give_the_last_never_the_first() -> None:
    """OCR misread the tax (14 000,00 for 4 000,00): the columns no longer add up, and the sum without tax, read first,
    was the amount; the form prints the sum with tax last, the largest of the row. The misread column may be the last
    one, so it takes a second reading of the row (another pass, as here, or the other reader) to stand
    (``test_thirteenth_round_layouts``)."""
    row = "Всего к оплате (9) 20 000,00 X 14 000,00 24 000,00"
    assert details_of([*_upd(total=row), row]).amount == "24000.00"


def test_a_total_rows_last_column_smaller_than_another_gives_no_amount() -> None:
    """A last column smaller than the first is garbled (its sum with tax lost a digit): no amount rather than the sum
    without tax."""
    assert details_of(_upd(total="Всего к оплате (9) 20 000,00 X 4 000,00 2 400,00")).amount is None


def test_a_total_row_without_tax_prints_its_one_sum_twice() -> None:
    """A seller outside VAT prints «без НДС» in the tax's column: two sums, the same; the amount is that sum."""
    assert details_of(_upd(total="Всего к оплате (9) 20 000,00 X без НДС 20 000,00")).amount == "20000.00"


@pytest.mark.parametrize(
    "pair",
    [
        "ИННЖИПП продавца: 662500 7716/662501001 (26)",
        "ИННЖПП лродавца: 662500 7716662501001 (26)",
        "ИННА продваци: 66250077161662501001 (26)",
        "MAAK продавца: 66250 0771666250100t (26) я : : : :",
    ],
    ids=["the ИНН split", "the slash lost", "the slash read as a digit", "the КПП cut short"],
)
def test_a_sellers_pair_read_split_or_run_together_keeps_the_sellers_inn(pair: str) -> None:
    """The seller's word (also garbled: «лродавца», «продваци») or the row's number «(2б)» (OCR's «(26)») says whose
    the pair is; OCR split its ИНН or ran its КПП into it, the slash lost or read as a digit: the ИНН is its first ten
    digits where its check digits pass (the pair gave none)."""
    details = details_of(_upd(pair=pair))
    assert details.recipient_inn == "6625007716"
    assert details.recipient_kpp in (None, "662501001")


def test_the_buyers_pair_row_is_never_the_sellers() -> None:
    """The buyer's row «(6б)» (OCR's «(66)») with the seller's pair unread: the buyer's ИНН is nobody's to be paid."""
    details = details_of(_upd(pair="ИНИКПИ: =< (28 и"))
    assert details.recipient_inn != "3812045593"


def test_a_upds_title_makes_an_invoice_whatever_else_ocr_lost() -> None:
    """A УПД is a счёт-фактура: its title opening its line makes the page an invoice, though its footer's request to
    pay and its captions are lost (it was «other»)."""
    lines = [
        "Универсальный eee Статус: 1",
        "Счет-фактура or 2026-04-14 (1)",
        "Исправление № —— ite >",
        "os ый | | i ‘ns mare} 518 | eTADS | 24 000,00 Qe eae",
    ]
    assert classify(lines) == DocumentType.INVOICE


def test_a_transfer_that_pays_a_tax_invoice_stays_a_transfer() -> None:
    lines = ["Чек по операции", "Перевод по СБП", "Сумма 24 000,00 ₽", "Назначение: оплата по счёт-фактуре № 2207"]
    assert classify(lines) == DocumentType.BANK_TRANSFER


def test_party_rows_under_garbled_captions_name_the_seller_and_the_buyer() -> None:
    """The form's row (2) is the seller's, who is paid, and (6) the buyer's, who pays, whatever OCR made of their
    captions («Поввннне», «Покупатять»); the consignee's row (4) is no payer (neither name was read)."""
    details = details_of(_upd(seller='| Поввннне ООО "Ладога Снаб" (2)', buyer="Покупатять: AO «Уралтех» (6) :"))
    assert (details.recipient_name, details.payer_name) == ('ООО "Ладога Снаб"', "АО «Уралтех»")


def test_a_party_rows_name_in_two_scripts_is_garbled_and_left_out() -> None:
    """«ООО "tlexaptisx Снаб"»: the row's caption and its name garbled alike; no name rather than a wrong one."""
    details = details_of(_upd(seller='ipexanert: OOO "tlexaptisx Снаб” (2) 3'))
    assert details.recipient_name is None or "tlexaptisx" not in details.recipient_name


def test_a_tax_invoices_title_with_its_number_garbled_still_dates_the_page() -> None:
    """«Счет-фактура «+ 2026-04-14 (1)»: the title's «№ … от» garbled, its date is still the paper's own, read as a
    счёт-фактура's date is, above a date found by its shape alone (another reading's shipment date outranked it)."""
    lines = ["Универсальный передаточный документ Статус: 1", "Счет-фактура «+ 2026-04-14 (1)"]
    dates = [c for c in extract_candidates(lines) if c.field == "payment_date"]
    assert [(c.value, c.by_shape) for c in dates] == [("2026-04-14", False)]


def test_a_shipments_date_is_never_the_payments() -> None:
    """A УПД whose title OCR lost: the one date left is the goods' shipment's («отгрузки. поредачи:»), no date of the
    payment's; none rather than a wrong one."""
    lines = [
        "Универсальный eee Статус: 1",
        'Продавец: ООО "Ладога Снаб" (2)',
        "eee ye ome cm № 31/26 от 10.12.2025 отгрузки. поредачи: 17.04.2026",
    ]
    assert details_of(lines).payment_date is None


def test_a_tax_invoices_title_with_a_misread_future_year_gives_no_date() -> None:
    """«Счет-фактура or 2028-04-14 (1)»: a year no payment can have yet is misread; no date rather than it."""
    lines = ["Универсальный eee Статус: 1", "Счет-фактура or 2028-04-14 (1)", 'Продавец: ООО "Ладога Снаб" (2)']
    assert details_of(lines).payment_date is None
