"""Classes of mistake that the second held-out batch of real bills and bank receipts (bench/real, «held-out
2026-12-05b») showed; each test writes that layout's lines afresh, with made-up numbers whose check digits pass, so
that a wrong party's number would be called valid too."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from model.checks import account_control_key, inn_valid
from model.fields import classify, extract_candidates
from model.pooling import pool_readings
from model.preprocess import detect
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

BIK, CORR = "044525974", "30101810145250000974"


def _inn(first_nine: str) -> str:
    """A ten-digit ИНН with its check digit."""
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    inn = first_nine + str(sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11 % 10)
    assert inn_valid(inn)
    return inn


def _account(body: str) -> str:
    return body[:8] + str(account_control_key(body, BIK[6:])) + body[9:]


COMPANY_INN, PAYEE_INN, EMPLOYER_INN = _inn("500199999"), _inn("503700111"), _inn("391100115")
ACCOUNT = _account("40702810000000001111")


def _read(lines: list[str], source: Source = Source.PDF) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, source), classify(lines), source)


def _epd() -> list[str]:
    """A Moscow-region ЕПД as its text layer gives it: the management company's requisites a line above the payee's."""
    return [
        "ЕДИНЫЙ ПЛАТЕЖНЫЙ ДОКУМЕНТ",
        "ЖИЛИЩНО-КОММУНАЛЬНЫЕ И ИНЫЕ УСЛУГИ ЗА февраль 2026 г.",
        'ВАША УПРАВЛЯЮЩАЯ ОРГАНИЗАЦИЯ: ООО "УК "Солнечный"142700, Московская область, г. Видное,',
        f"ул. Центральная, д. 5, офис 3, +74951234567, ОГРН 1175053099999, ИНН {COMPANY_INN}, КПП 500101001",
        f'ПОЛУЧАТЕЛЬ ПЛАТЕЖА: ООО "РасчётЦентр" ИНН {PAYEE_INN} КПП 503701001 р/с {ACCOUNT}',
        f"БИК {BIK} к/с {CORR}; 142700, Московская обл., г. Видное, ул. Мира, д. 10, помещ. 100.",
        "Лицевой счет: 1 2 3 4 5 - 6 7 8 Просим оплатить счет до 10.03.2026",
        "ФИО: ИВАНОВ ИВАН ИВАНОВИЧ",
        "Итого к оплате за февраль 2026 без учета добровольного страхования: 5 172,20",
        "Виды услуг ИПУ/ Номер Дата Показания приборов учета Объем",
        "ОДПУ прибора поверки коммунальных услуг потребления",
        "ГОРЯЧЕЕ В/С (НОСИТЕЛЬ) ИПУ 100200300 15.06.2099 45.000000 46.000000 1.000000 3.500000",
    ]


def test_a_bills_payee_row_outranks_the_management_companys_valid_inn_above_it() -> None:
    details, checks = _read(_epd())
    assert (details.recipient_name, details.recipient_inn, details.recipient_kpp) == (
        'ООО "РасчётЦентр"',
        PAYEE_INN,
        "503701001",
    )
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED  # the right party's, by its check digits
    assert details.recipient_account == ACCOUNT


def test_a_bills_holder_after_fio_is_the_payer_but_fio_before_another_word_is_no_label() -> None:
    assert _read(_epd())[0].payer_name == "ИВАНОВ ИВАН ИВАНОВИЧ"
    assert _read(["Квитанция на оплату", "Ковалев Егор Владимирович", "ФИО Клиента"])[0].payer_name is None


def test_the_billing_period_after_a_total_is_no_sum_and_a_meters_verification_date_no_payment_date() -> None:
    details, _ = _read(_epd())
    assert (details.amount, details.payment_date) == ("5172.20", None)


@pytest.mark.parametrize("rest", ["р ОИ к. :", "руб. коп.", "p. OИ k."])
def test_a_totals_units_of_roubles_and_kopecks_whose_figures_ocr_lost_hold_the_sum_on_that_line(rest: str) -> None:
    """«Итого к оплате: 966 р. 30 к.» read with its figures lost: the sum stood on that line, so the next line's count
    of days (its caption behind specks) is no amount; with its figures read the units change nothing."""
    lines = ["Квитанция", f"Итого к оплате: {rest}", "№ ы Срок оплаты счета - в течение 10 дней", "Подпись"]
    assert _read(lines, Source.OCR)[0].amount is None
    read = _read(["Квитанция", "Итого к оплате: 966 р. 30 к.", "Срок оплаты счета - в течение 10 дней"], Source.OCR)
    assert read[0].amount == "966.30"
    stacked = _read(["Квитанция", "Итого к оплате, руб.:", "966.30"], Source.OCR)
    assert stacked[0].amount == "966.30"


def test_an_incoming_transfers_title_inn_is_the_payers_and_its_name_the_payer() -> None:
    """ВТБ's receipt of a salary: the employer's ИНН and name head it; the payee is the unnamed holder."""
    lines = [
        "Поступление заработной платы",
        f"{EMPLOYER_INN} ГБУ КО ПОО",
        '"ТЕХНОЛОГИЧЕСКИЙ КОЛЛЕДЖ"',
        "Поступление заработной платы/иных выплат",
        "Статус Выполнено",
        "Дата операции 04.02.2026, 10:42",
        "Счет зачисления *9426",
        "Сумма операции 1 100 ₽",
        "Банк ВТБ (ПАО) Операция выполнена",
    ]
    details, _ = _read(lines)
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert (details.recipient_inn, details.payer_name) == (None, 'ГБУ КО ПОО "ТЕХНОЛОГИЧЕСКИЙ КОЛЛЕДЖ"')
    assert details.bank_name == "ВТБ (ПАО)"  # the stamp's status is no part of the name


def test_an_outgoing_transfers_or_a_top_up_receipts_unlabelled_inn_is_still_the_payees() -> None:
    """Only money received turns the page's bare ИНН into the payer's; a cash receipt's «Пополнение» is an item."""
    lines = ["Чек по операции", "Перевод организации", f"{EMPLOYER_INN}", "Сумма перевода 100,00 ₽"]
    assert _read(lines)[0].recipient_inn == EMPLOYER_INN
    receipt = ["Пополнение баланса телефона", "КАССОВЫЙ ЧЕК", "ПРИХОД", f"{EMPLOYER_INN}", "ИТОГ =100.00"]
    assert _read(receipt, Source.OCR)[0].recipient_inn == EMPLOYER_INN


def test_an_applications_addressee_is_not_the_payees_bank_and_its_bank_label_is_read() -> None:
    lines = [
        "В АО «ОТП Банк» от Клиента:",
        "Ковалев Егор Владимирович",
        "Прошу перевести остаток денежных средств по следующим реквизитам:",
        "Лицевой счет получателя 4081 7810 6000 8019 2504",
        "ФИО получателя Ковалев Егор Владимирович",
        'Название Банка получателя АО "ТБанк"',
        "БИК Банка получателя 044 525 974",
        "Корреспондентский счет 3010 1810 1452 5000 0974",
    ]
    details, _ = _read(lines)
    assert (details.bank_name, details.bank_bic, details.bank_corr_account) == ('АО "ТБанк"', BIK, CORR)
    assert _read(["Оплата по счету", "В АО «ОТП Банк» от Клиента"])[0].bank_name is None


def test_a_transfers_named_purpose_label_keeps_its_second_word() -> None:
    lines = ["Перевод по номеру телефона в другую страну", "Назначение перевода Перевод самому себе"]
    assert _read(lines)[0].purpose == "Перевод самому себе"


def test_a_transfer_abroads_payout_in_the_recipients_currency_is_not_the_amount() -> None:
    """ВТБ to Armenia: the payout in drams is what the recipient gets; the page states what the payer paid too."""
    lines = [
        "Перевод по номеру телефона в другую страну",
        "Курс обмена 1 ₽ = 4.5 ֏",
        "Сумма выплаты 449.65 AMD",
        "Комиссия 30 ₽",
        "Сумма операции 100 ₽",
    ]
    assert _read(lines)[0].amount == "100.00"


def _vat_invoice() -> list[str]:
    buyer_inn = "292675119114"
    return [
        'СЧЕТ-ФАКТУРА N 44 от" 28 " сентября 2010 (1)',
        "Продавец Татэнерго (2)",
        "Адрес 189569,к. Красная Поляна, пер. Севастопольский, д. 2/4 (2а)",
        "ИНН/КПП продавца 247899609419/199345731 (2б)",
        "Покупатель РАО «Шашков-Меркушев» (6)",
        "Адрес 165596,ст. Раменское, пр. Автомобилистов, д. 930 к. 3 (6а)",
        f"ИНН/КПП покупателя {buyer_inn}/189443405 (6б)",
        "Валюта: наименование, код Российский рубль, 643 (7)",
        "Пастух отдел мрачно. --- 796 шт. 1 9955 9955 — 18% 1792 11747 --- --- ---",
        "Всего к оплате 28953.0 X 5212.0 34165.0",
    ]


def test_a_vat_invoices_buyer_pair_is_never_the_payees_inn() -> None:
    """«ИНН/КПП покупателя» names the payer: were the seller's ИНН lost, the buyer's valid one must not stand in
    (its check digits would call it verified)."""
    lines = [line.replace("247899609419", "") for line in _vat_invoice()]
    details, _ = _read(lines, Source.OCR)
    assert details.recipient_inn is None


def test_a_vat_invoices_parties_date_and_total_with_tax() -> None:
    details, _ = _read(_vat_invoice(), Source.OCR)
    assert (details.recipient_name, details.payer_name) == ("Татэнерго", "РАО «Шашков-Меркушев»")
    assert (details.payment_date, details.amount) == ("2010-09-28", "34165.00")


@pytest.mark.parametrize(
    ("row", "total"),
    [
        ("Всего к оплате 51 765,52 X 10 353,10 62 118,62", "62118.62"),
        ("Всего к оплате 51\u00a0765,52 X 10\u00a0353,10 62\u00a0118,62", "62118.62"),
        ("Всего к оплате 35 064,17 X 7 012,83 42 077,00", "42077.00"),
    ],
    ids=["spaces", "no-break spaces", "bare groups adding up: 35 + 42 = 77"],
)
def test_a_vat_invoices_total_row_with_grouped_figures_is_due_with_tax(row: str, total: str) -> None:
    """The same row as 1C prints its figures, thousands grouped: the sum before VAT, read first, was the amount, and
    Tesseract and Indra agreeing on it verified it; read as bare figures, the groups 35 and 42 of the third row made
    a sum 77.00 of their own (``bench.hostile``'s invoice_facture)."""
    lines = [*_vat_invoice()[:-1], row]
    candidates = pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(lines, Source.INDRA))
    details, checks = resolve(candidates, classify(lines), Source.OCR)
    assert details.amount == total
    assert checks["amount"].status == CheckStatus.VERIFIED


def _page_with_a_table(header_lines: int) -> np.ndarray:
    """A white A4 page at 500 px: ``header_lines`` of text above a ruled table, and text inside the table."""
    page = np.full((707, 500), 255, np.uint8)
    for row in range(header_lines):
        cv2.putText(page, "Prodavec Tatenergo INN 247899609419", (30, 40 + 22 * row), 0, 0.5, 0, 1)
    top = 60 + 22 * header_lines
    cv2.rectangle(page, (20, top), (480, top + 240), 0, 2)
    for row in range(8):
        cv2.putText(page, "Pastuh 796 sht 9955 18% 1792", (30, top + 30 + 26 * row), 0, 0.5, 0, 1)
    return page


def test_a_table_ruled_on_the_page_is_not_taken_for_the_papers_edge_when_text_lies_around_it() -> None:
    page = _page_with_a_table(header_lines=10)
    quad = detect.classic_canny(page)
    assert quad is not None and detect.frame_drawn_on_the_page(page, quad)
    assert detect.find_document(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)) is None


@pytest.mark.parametrize("header_lines", [1, 3])
def test_a_table_with_any_line_of_text_around_it_is_not_the_papers_edge(header_lines: int) -> None:
    """A bank receipt's name and date above its table (a tenth of the ink), a tax payment document's notice line with
    its date and a QR code (a quarter): cropped to the table, the date was lost (bench/layouts r2_transfer_02,
    r5_invoice_01)."""
    page = _page_with_a_table(header_lines=header_lines)
    quad = detect.classic_canny(page)
    assert quad is not None and detect.frame_drawn_on_the_page(page, quad)


def test_a_form_framed_with_all_its_text_inside_and_paper_on_a_dark_desk_are_still_cropped() -> None:
    framed = _page_with_a_table(header_lines=0)
    quad = detect.classic_canny(framed)
    assert quad is not None and not detect.frame_drawn_on_the_page(framed, quad)
    desk = np.full((707, 600), 90, np.uint8)
    desk[60:640, 80:520] = _page_with_a_table(header_lines=8)[40:620, 30:470]
    found = detect.find_document(cv2.cvtColor(desk, cv2.COLOR_GRAY2BGR))
    assert found is not None and found.cover > 0.5
