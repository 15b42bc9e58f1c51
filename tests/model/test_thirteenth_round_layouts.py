"""Classes the thirteenth round of ``bench/layouts`` left after its first fixes: a wrong amount where the evidence
was weak (a sum in words' kopecks, a misread form row's last column), a bank's SMS whose «получателю» a photo
garbled, a УПД's shipment date under a garbled caption (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import extract_candidates
from model.resolve import resolve
from model.schema import Candidate, DocumentType, Source
from model.values import read_amount
from tests.model.test_thirteenth_round_transfers import LOAN_REPAYMENT
from tests.text_reading import details_of

RENT_BILL = [
    "ИП Павлов Артём Николаевич",
    "ИНН 585730460269",
    "Р/с 40802810368216459690",
    "СЧЁТ № A-176 от 3 сентября 2026 г.",
    "за аренду нежилого помещения за сентябрь 2026 г.",
    "Vivore Ge» HURCS 106 617,16",
    "| Beers к салате: 106 617,16",
    "{words}",
    "Оплатить до 05.09.2026.",
]
"""A rent bill on a wet one-bit scan (r13_invoice_05_hard): its totals' captions garbled past reading («Итого без
НДС», «Всего к оплате»), its sum in words read, the word «копеек» after its kopecks garbled."""


@pytest.mark.parametrize(
    "words",
    [
        "Сумма прописью: Сто шесть тысяч шестьсот семнадцать рублей 10 нарнееь |",
        "Сумма прописью: Сто шесть тысяч шестьсот семнадцать рубле 16 корее",
    ],
)
def test_a_sum_in_words_kopecks_are_never_the_amount(words: str) -> None:
    """«Сумма …» labelled the amount, and its first figure, the kopecks after the words' «рублей», was taken: 10.00
    for 106 617,16. Never that: the figure whose roubles the words name (``model.amount_words``), unverified."""
    lines = [line.format(words=words) for line in RENT_BILL]
    assert details_of(lines).amount == "106617.16"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (": Сто шесть тысяч шестьсот семнадцать рублей 16 копеек", None),
        (": Двадцать рублей 00 копеек", None),
        (", руб.: 1 234,00", "1234.00"),
        (": 1 500 руб. 00 коп.", "1500.00"),
        (" в рублях: 500,00", "500.00"),
        (" к оплате: 3 600,00 руб. (Три тысячи шестьсот рублей 00 копеек)", "3600.00"),
    ],
)
def test_a_figure_after_the_roubles_in_words_is_their_kopecks(text: str, expected: str | None) -> None:
    """Only roubles written in words make the figure after them kopecks: a unit's caption («руб.», «в рублях») or
    roubles in digits do not."""
    assert read_amount(text) == expected


UPD_TOTALS = [
    "Универсальный передаточный документ Статус: 1",
    "Счёт-фактура № 115 от «11» ноября 2026 г. (1)",
    "Продавец: ООО «Светлый Дом» (2)",
    "Покупатель: ООО «Гранит» (6)",
    "Всего к оллите (9) 47 000,42 X 19 400,08 56400,57",
]
"""A УПД photographed (r13_invoice_03_photo, Indra's reading): its total row's columns do not add up (the tax read
19 400,08 for 9 400,08, the sum with tax 56 400,57 for 56 400,50): the row is misread, and the last column with it."""


def test_a_misread_total_rows_last_column_read_once_is_no_amount() -> None:
    """The last column of a row whose columns do not add up, read by one reading only, was the amount (56400.57, the
    other reader read «56400,92»): nothing confirms it; no amount rather than a wrong one."""
    assert details_of(UPD_TOTALS).amount is None


def test_a_misread_total_rows_last_column_read_twice_stands() -> None:
    """Two readings of the row agree on its last column (r13_invoice_06_photo, «70 733,70» read by both passes): the
    misread column is another."""
    row = "Всего к оплате (9) 58 944,78 X 41 788,94 70 733,70"
    assert details_of([*UPD_TOTALS[:-1], row, row]).amount == "70733.70"


SMS_THREAD = [
    "SMS/MMS",
    "28 июля",
    "Код 429142. Никому его He сообщайте.",
    "Перевод 28 750,00 р Игорю Викторовичу Л.",
    "19:33",
    "{transfer}",
    "{recipient}",
    "ъаланс 71567.23p",
]
"""A photo of a bank's SMS thread (r13 bank-sms-thread): the code's message, then the transfer's own."""


def _sms(transfer: str, recipient: str) -> list[str]:
    return [line.format(transfer=transfer, recipient=recipient) for line in SMS_THREAD]


def test_a_garbled_recipients_word_still_names_the_recipient_and_the_date() -> None:
    """r13_transfer_00_photo: «получателю» read «рйучателю», the figure «287505 9р», the date's second dot lost: the
    recipient, the date and (from the code's message) the amount were lost with them."""
    details = details_of(_sms("28.072026 19:34 Перевод no CBM 287505 9р", "рйучателю Игорь Викторович Л. Карта *9463."))
    assert (details.recipient_name, details.payment_date, details.amount) == (
        "Игорь Викторович Л.",
        "2026-07-28",
        "28750.00",
    )


def test_a_recipients_word_cut_at_the_screens_edge_still_names_the_recipient() -> None:
    """r13_transfer_06_photo: the photo cut the thread's left edge, «получателю» read «ателю», the date's day lost."""
    details = details_of(_sms(".07.2026 19:34 Перевод no СБП 28750.00p", "ателю Игорь Викторович Л. Ка"))
    assert (details.recipient_name, details.amount) == ("Игорь Викторович Л.", "28750.00")


def test_a_card_holders_dative_is_no_recipient() -> None:
    """«держателю» ends like «получателю» but names the card's holder, not whom a transfer went to."""
    lines = _sms("Уведомление", "держателю Игорь Викторович Л. Карта *9463.")
    assert details_of(lines).recipient_name is None


UPD_DATES = [
    "Универсальный передаточный документ Статус: 1",
    "Счёт-фактура № 2366 от 7 сентября 2026 г. (1)",
    "Продавец: ООО “Компас” (2)",
    "{shipment}",
]


@pytest.mark.parametrize(
    "shipment",
    [
        "Дата отту. лередаче: 09.09.2026",
        "Дата отгрузки, передачи: 09.09.2026",
        "Дата оттрузи, переданм: 09.09.2026",
        "Дата грузия, передачи: 09.09.2026",
    ],
)
def test_a_shipments_date_under_its_garbled_caption_is_never_the_payments(shipment: str) -> None:
    """r13_invoice_06_hard (the wet, cockled sheet), Indra's reading: «Дата отгрузки, передачи» garbled, its «Дата»
    labelled the goods' shipment date, which outranked the title's own date (2026-09-09 for 2026-09-07)."""
    lines = [line.format(shipment=shipment) for line in UPD_DATES]
    assert details_of(lines).payment_date == "2026-09-07"


PREPAYMENT_BILL = [
    "Кухни на заказ - ООО «ЭкоМаркет»",
    "585565, г. Воронеж, ул. Мира, д. 86, тел +7 (982) 285-98-70",
    '000 КБ "ГТ БАНК* г. Краснодар БИК 040549789',
    "Банк гу ‘ателя Cu. № 301018 950549000р789",
    "ИНН 5242441838 КПП 524901001 Cu. № 407038 1004724116 1684",
    "OOO «ЭкоМаркет»",
    "Получатель i",
    "Счёт на оплату № 857-1! от 2026-07-12",
    "Поставщик: OOO «ЭкоМаркет». ИНН {supplier}, 383365, г. Воронеж, ул. Мира, д. 86",
    "Покупатель: {buyer}",
]
"""A 1C prepayment bill on a wet sheet (r13_invoice_07_hard): the grid's ИНН misread (5242441838 for 5249441838), the
«Поставщик» row's too (5249441858), the КПП read right."""


def test_a_kpp_beside_a_misread_inn_is_kept_whatever_the_inns_other_reading() -> None:
    """The КПП's office 5249 is that of the supplier row's reading of the same ИНН, not another party's: it was left
    out as «another party's» (the ИНН chosen fails its check digits and names no office)."""
    lines = [line.format(supplier="5249441858", buyer="Морозов Артем Николаевич") for line in PREPAYMENT_BILL]
    assert details_of(lines).recipient_kpp == "524901001"


def test_a_kpp_of_the_payers_office_stays_out_beside_a_misread_inn() -> None:
    """The payer's ИНН is another party's whatever the recipient's reading: a КПП of its office is the payer's."""
    lines = [
        line.format(supplier="5249441858", buyer="ООО «Гранит», ИНН 5249493523").replace(
            "КПП 524901001", "КПП 524902001"
        )
        for line in PREPAYMENT_BILL
    ]
    lines = [line for line in lines if "Поставщик" not in line]
    assert details_of(lines).recipient_kpp is None


def test_a_soft_sign_read_as_be_still_labels_the_recipient() -> None:
    """r13_transfer_02_photo, Indra's reading of a Почта Банк СБП receipt: «ПолучателБ Евгений СергеевичК.», its
    caption's ь read as a Б; the recipient was lost."""
    lines = [
        "Квитанция об операции",
        "Перевод по Системе быстрых платежей",
        "Дата и время 22.10.2026 15:52:06 (MCK)",
        "Сумма 1 750,00 P",
        "Отправитель Игорь Юрьевич 3.",
        "ПолучателБ Евгений Сергеевич К.",
        "Банк получателя Озон Банк",
    ]
    assert details_of(lines, Source.INDRA).recipient_name == "Евгений Сергеевич К."


@pytest.mark.parametrize("caption", ["Всаго к оллате (9)", "Всего к оллите (9)"])
def test_indras_total_rows_caption_with_its_p_read_as_l_reads_the_row(caption: str) -> None:
    """r13_invoice_06_photo, Indra: «Всаго к оллате (9) 58 944,78 X 11 780,94 70 733,70» gave no amount, so nothing
    repeated Tesseract's reading of the misread row's last column."""
    row = f"{caption} 58 944,78 X 11 780,94 70 733,70"
    amounts = {c.value for c in extract_candidates([*UPD_TOTALS[:-1], row], Source.INDRA) if c.field == "amount"}
    assert amounts == {"70733.70"}


def test_a_purposes_caption_with_its_second_word_garbled_reads_the_purpose_under_it() -> None:
    """r13_transfer_01_hard, Indra: «Назначение плітежа» matched only «Назначение», and its garbled «платежа» was the
    purpose (a wrong value) over the purpose itself."""
    lines = [line.replace("Назначение платежа", "Назначение плітежа") for line in LOAN_REPAYMENT]
    assert details_of(lines, Source.INDRA).purpose == (
        "Погашение задолженности по кредитному договору № 4598338749 от 26.05.2022, Соловьёв Павел Сергеевич. "
        "НДС не облагается"
    )


def test_a_kpp_of_an_unnamed_inns_office_stays_out_beside_a_misread_inn() -> None:
    """Only the readings the page names the recipient's are the misread ИНН's: an ИНН read with nothing to say whose
    (6763650515 beside the recipient's misread 1007001001, r10_invoice_05_hard pooled) is another party's, and a КПП
    of its office stays out."""
    candidates = [
        Candidate("recipient_inn", "1007001001", Source.OCR, 1.2, named_whose=True),
        Candidate("recipient_inn", "6763650515", Source.OCR),
        Candidate("recipient_kpp", "676343001", Source.OCR, 0.9),
    ]
    details, _ = resolve(candidates, DocumentType.INVOICE, Source.OCR)
    assert details.recipient_kpp is None


@pytest.mark.parametrize(("header", "expected"), [("28 июля", "2026-07-28"), ("28 июня", None)])
def test_a_messages_date_cut_at_the_screens_edge_takes_its_days_header(header: str, expected: str | None) -> None:
    """r13_transfer_06_photo: «.05.2026 17:06 Перевод no СБП 21300.00p», the day cut off with the screen's left edge;
    the thread's header over the day's messages («4 мая») names it, only where its month is the date's own."""
    lines = [
        line.replace("28 июля", header)
        for line in _sms(".07.2026 19:34 Перевод no СБП 28750.00p", "ателю Игорь Викторович Л. Карта *9463.")
    ]
    assert details_of(lines).payment_date == expected
