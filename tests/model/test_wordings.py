"""Wordings and arrangements of real documents that the corpus generator does not print, as ``bench.variants`` found
them: label synonyms, a dash or a table's border after a label, a value under a label that goes on with more words,
a caption of a row that is no field's, a payment order printed as a list. Each test is one class of mistake; the
numbers are made up, with valid check digits."""

from __future__ import annotations

import pytest

from model.checks import account_control_key
from model.fields import classify, extract_candidates
from model.normalize import find_dates, normalize_date
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

INN, KPP = "7707083893", "770701001"
BIK, CORR = "044525593", "30101810200000000593"
ACCOUNT_BODY = "40702810001300000071"
ACCOUNT = ACCOUNT_BODY[:8] + str(account_control_key(ACCOUNT_BODY, BIK[6:])) + ACCOUNT_BODY[9:]


def _read(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)


def _details(lines: list[str]) -> PaymentDetails:
    return _read(lines)[0]


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("Банк получателя — ПАО Сбербанк", "bank_name", "ПАО Сбербанк"),
        ("Получатель – ООО «Вектор»", "recipient_name", "ООО «Вектор»"),
        ("ФД | 215530", "fiscal_document_number", "215530"),
        ("ФН | 9282000499440917", "fiscal_drive_number", "9282000499440917"),
        ("ИНН | 7707083893", "recipient_inn", INN),
    ],
)
def test_a_dash_or_a_tables_border_after_a_label_is_no_part_of_its_value(line: str, field: str, expected: str) -> None:
    """A border read as «|» before a number is not the digit 1 glued to it (ФД 1215530)."""
    assert [c.value for c in extract_candidates([line]) if c.field == field] == [expected]


@pytest.mark.parametrize("label", ["Кому", "КОМУ", "Исполнитель", "Получатель платежа", "Наименование получателя"])
def test_the_payees_label_as_transfers_and_acts_print_it(label: str) -> None:
    lines = ["Чек по операции", f"{label}: ООО «Вектор»", "Отправитель: Иван Иванович И.", "Сумма: 100,00 ₽"]
    assert _details(lines).recipient_name == "ООО «Вектор»"


@pytest.mark.parametrize(
    "line",
    ["Сообщение получателю: Оплата по договору № 5", "СООБЩЕНИЕ ПОЛУЧАТЕЛЮ | Оплата по счёту № 628", "Ипотека Банк"],
)
def test_a_word_that_starts_like_a_legal_form_names_no_company(line: str) -> None:
    """«Соо…» of «Сообщение», «Ип…» of «Ипотека»: a legal form is a word of its own, before a quote or a name."""
    assert [c for c in extract_candidates(["Чек по операции", line]) if c.field == "recipient_name"] == []


def test_a_labelled_row_above_a_bank_label_is_no_bank_name() -> None:
    """«Банк получателя» that reads no name on its line looks up for a 1C grid's cell; a row with its own label
    there («СЧЁТ ПОЛУЧАТЕЛЯ: 4070…») is another field's."""
    lines = ["Чек по операции", f"СЧЁТ ПОЛУЧАТЕЛЯ: {ACCOUNT}", "Банк получателя", f"БИК {BIK}"]
    assert [c.value for c in extract_candidates(lines) if c.field == "bank_name"] == []


@pytest.mark.parametrize("status", [["Статус: Исполнено"], ["СТАТУС | Исполнено"], ["Статус", "Исполнено"]])
def test_a_status_row_is_no_banks_stamp(status: list[str]) -> None:
    """A transfer's «Статус: Исполнено» beside the recipient's БИК is a row of its list: the БИК is the recipient's,
    not the requisites of the bank that stamped the order."""
    lines = ["Чек по операции", "Получатель: ООО «Вектор»", *status, f"БИК: {BIK}", f"Корр. счёт: {CORR}"]
    details = _details(lines)
    assert (details.bank_bic, details.bank_corr_account) == (BIK, CORR)


@pytest.mark.parametrize(
    ("following", "field", "first"),
    [
        ("Номер операции: 6834244152", "bank_name", "Банк получателя: Почта Банк"),
        ("кор. счёт 30101810200000000593", "purpose", "Назначение: Оплата по"),
        ("счёт списания: •••• 3186", "purpose", "Назначение: Оплата по"),
        ("огрн 1027700132195", "purpose", "Назначение: Оплата по"),
        ("статус | Исполнено", "purpose", "Назначение: Оплата по"),
    ],
)
def test_a_value_does_not_go_on_into_a_row_of_its_own(following: str, field: str, first: str) -> None:
    """A value that ends unfinished («… Банк», «Оплата по») goes on onto the next line only when that line is no row
    with its own caption, known to the labels or not."""
    value = first.split(": ", 1)[1]
    assert next(c.value for c in extract_candidates([first, following]) if c.field == field) == value


@pytest.mark.parametrize(
    "caption", ["Основание Договор № 93 от 11.10.2026", "Статус: Исполнено", "оплатить не позднее: 11.01.2025"]
)
def test_a_row_of_another_caption_is_no_value_under_a_label(caption: str) -> None:
    lines = ["Счёт на оплату № 5", "Получатель", caption, f"ИНН {INN}"]
    assert [c.value for c in extract_candidates(lines) if c.field == "recipient_name"] == []


@pytest.mark.parametrize("title", ["Счет-оферта № 885 от 30.06.2021", "Счёт № 885 от 2021-06-30"])
def test_an_offer_invoice_or_an_iso_date_dates_the_invoice(title: str) -> None:
    lines = [title, "ОСНОВАНИЕ: Договор № 11 от 01.11.2020", "Получатель: ООО «Вектор»", "Итого к оплате: 100,00"]
    details = _details(lines)
    assert (details.document_type, details.payment_date) == (DocumentType.INVOICE, "2021-06-30")


def test_find_dates_reads_iso_dates() -> None:
    assert list(find_dates("Дата и время операции: 2025-07-25 11:47:05")) == [(23, "2025-07-25")]


def test_an_account_number_is_no_invoice_number_over_a_date() -> None:
    """«Расчетный счет № | 4070…» over «Основание Договор № 41 от 21.09.2026»: no invoice's number, so the contract's
    date under it dates nothing."""
    lines = ["Счёт на оплату", f"Расчетный счет № | {ACCOUNT}", "Основание\tДоговор № 41 от 21.09.2026"]
    assert _details(lines).payment_date is None


@pytest.mark.parametrize(
    "caption", ["Оплатить не позднее", "Счёт действителен до:", "Срок оплаты", "Дата окончания действия"]
)
def test_a_deadline_under_its_caption_is_no_payment_date(caption: str) -> None:
    lines = ["Счёт на оплату № 5", "Получатель: ООО «Вектор»", caption, "11.06.2020", "Всего к оплате: 100,00"]
    assert _details(lines).payment_date is None


@pytest.mark.parametrize(
    ("label", "value", "field", "expected"),
    [
        ("Дата документа:", "14 мая 2020 г.", "payment_date", "2020-05-14"),
        ("Дата и время совершения", "2020-12-05, 09:12", "payment_date", "2020-12-05"),
        ("Сумма в рублях:", "1 234,56", "amount", "1234.56"),
        ("Итого без НДС:", "1 000,00", "amount", None),
        ("Дата окончания действия:", "01.01.2027", "payment_date", None),
    ],
)
def test_a_label_that_goes_on_with_words_reads_the_value_under_it(
    label: str, value: str, field: str, expected: str | None
) -> None:
    """The words after a label that hold no value («документа», «и время совершения») go on with the label; read with
    the value under them, so that a subtotal's or a validity's words still rule it out."""
    found = [
        c.value for c in extract_candidates(["Чек по операции", label, value]) if c.field == field and c.score >= 1
    ]
    assert found == ([expected] if expected else [])


def test_a_joined_inn_kpp_row_makes_no_bank_grid_of_a_list() -> None:
    """1C's grid prints ИНН and КПП in cells of their own over its «Получатель» caption; a list prints «ИНН/КПП:
    7701…/7701…» and its «Получатель» with the name beside or under it."""
    for lines in (
        [f"ИНН/КПП | {INN}/{KPP}", "Получатель\tООО «Вектор»"],
        [f"ИНН/КПП: {INN}/{KPP}", "Отправитель\tИван Иванович И.", "Получатель платежа", "ООО «Вектор»"],
    ):
        assert _details(["Чек по операции", *lines, "Сумма: 100,00 ₽"]).recipient_name == "ООО «Вектор»"


def test_a_payment_order_printed_as_a_list_is_read_by_its_labels() -> None:
    """A «Платёжное поручение» whose values stand beside their labels is no form grid: its recipient's values are
    read by their labels, not wiped as cells whose owner cannot be told."""
    lines = [
        "Платёжное поручение № 461",
        f"Кор. счёт: {CORR}",
        f"БИК: {BIK}",
        f"ИНН получателя — {INN}",
        "Сумма к оплате:",
        "223 713,74 руб.",
        "Наименование банка получателя:",
        "ПАО Сбербанк",
        f"Счет получателя — {ACCOUNT}",
        "фио плательщика | Ирина Евгеньевна К.",
        "Получатель платежа | АО «Профснаб»",
    ]
    details, checks = _read(lines)
    assert (details.recipient_name, details.recipient_inn, details.recipient_account) == (
        "АО «Профснаб»",
        INN,
        ACCOUNT,
    )
    assert (details.bank_name, details.amount, details.payer_name) == (
        "ПАО Сбербанк",
        "223713.74",
        "Ирина Евгеньевна К.",
    )
    assert checks["recipient_account"].status == CheckStatus.VERIFIED


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Квитанция об оплате", "Получатель: АО «Гермес»", "Дата операции: 20.09.2023"], DocumentType.BANK_TRANSFER),
        (["Справка об операции", "Получатель: АО «Гермес»"], DocumentType.BANK_TRANSFER),
        (["Квитанция на оплату", "Получатель: АО «Гермес»"], DocumentType.INVOICE),
        (["Счёт № 289", "Покупатель", "Оплатить не позднее: 04.01.2027"], DocumentType.INVOICE),
        (
            [
                "Платёжный документ № 683",
                "Номер операции: 8631610957",
                "Счёт списания: •••• 1335",
                "плательщик:",
                "Сумма к оплате | 853 р. 00 к.",
            ],
            DocumentType.BANK_TRANSFER,
        ),
    ],
)
def test_titles_and_rows_other_issuers_print_tell_the_document_type(lines: list[str], expected: DocumentType) -> None:
    assert classify(lines) == expected


@pytest.mark.parametrize("label", ["Кор/сч", "Корр. сч.", "Расч. счёт", "р/сч"])
def test_abbreviated_account_labels(label: str) -> None:
    field = "recipient_account" if label.lower().startswith(("р", "расч")) else "bank_corr_account"
    value = ACCOUNT if field == "recipient_account" else CORR
    assert next(c.value for c in extract_candidates([f"{label} {value}"]) if c.field == field) == value


PAYER_INN, PAYER_KPP = "5044977272", "504401001"
PAYER_ACCOUNT = "40702810594986295426"


@pytest.mark.parametrize(
    "payer",
    [
        [f"Покупатель: ООО «Ромашка», ИНН {PAYER_INN}, КПП {PAYER_KPP}"],
        ["Плательщик: ООО «Ромашка»", f"ИНН плательщика: {PAYER_INN}", f"КПП плательщика: {PAYER_KPP}"],
        ["Плательщик: ООО «Ромашка»", "ИНН плательщика:", PAYER_INN, f"Счёт плательщика: {PAYER_ACCOUNT}"],
        ["Отправитель: ООО «Ромашка»", f"ИНН: {PAYER_INN}", f"КПП: {PAYER_KPP}", f"Счёт: {PAYER_ACCOUNT}"],
        [f"Счёт списания: {PAYER_ACCOUNT}", f"ИНН отправителя {PAYER_INN}"],
    ],
)
@pytest.mark.parametrize("payee_first", [True, False])
def test_the_payers_own_requisites_are_never_the_payees(payer: list[str], payee_first: bool) -> None:
    """A payment order or a transfer prints the payer's ИНН, КПП and account too, and they pass their checks: taken
    for the payee's they would be wrong values verified. Labelled «… плательщика», on the payer's line, or in the
    payer's block under its name, they are the payer's; a page that prints only them leaves the payee's empty."""
    payee = ["Получатель: Иван Иванович И.", "Банк получателя: Почта Банк"]
    lines = ["Чек по операции", *(payee + payer if payee_first else payer + payee), "Сумма: 100,00 ₽"]
    details, checks = _read(lines)
    assert (details.recipient_inn, details.recipient_kpp, details.recipient_account) == (None, None, None)
    assert all(check.status != CheckStatus.VERIFIED for check in checks.values())
    with_payee_ids = [*lines[:-1], f"ИНН получателя: {INN}", f"Счёт получателя: {ACCOUNT}", f"БИК: {BIK}"]
    details = _details(with_payee_ids)
    assert (details.recipient_inn, details.recipient_account) == (INN, ACCOUNT)


def test_a_bank_named_by_its_region_after_in_is_the_accounts_bank() -> None:
    line = f"Банковские реквизиты: Р/с {ACCOUNT} в Северо-Западный банк ПАО Сбербанк, БИК {BIK}, К/с {CORR}"
    details = _details(["Счёт на оплату № 5", "Получатель: ООО «Вектор»", line, "Всего к оплате: 100,00"])
    assert (details.bank_name, details.bank_bic, details.recipient_account) == (
        "Северо-Западный банк ПАО Сбербанк",
        BIK,
        ACCOUNT,
    )


def test_a_transfers_line_with_the_payees_account_is_no_issuers_footer() -> None:
    """«р/с … в АО «Банк …», БИК …, к/с …» names the payee's bank the way a bank's footer names itself, but with the
    payee's account on its line."""
    line = f"Р/с {ACCOUNT} в АО «Банк Таврический», БИК {BIK}, К/с {CORR}"
    details = _details(["Чек по операции", "Получатель: ООО «Вектор»", line, "Сумма: 100,00 ₽"])
    assert (details.bank_bic, details.bank_corr_account) == (BIK, CORR)


def test_a_purpose_does_not_go_on_into_the_bank_requisites_row() -> None:
    lines = ["Назначение: Арендная плата по договору № 468 от 10.12.2024", f"банковские реквизиты р/сч {ACCOUNT}"]
    purpose = next(c.value for c in extract_candidates(lines) if c.field == "purpose")
    assert purpose == "Арендная плата по договору № 468 от 10.12.2024"


def test_a_payers_block_ends_where_a_row_reads_nothing() -> None:
    """A transfer's labels blurred away (corpus doc_0042, hard): «Отправитель» over the payer's name, then the
    payee's name and bare numbers. The payer's block ends at the first row that reads nothing; the numbers below are
    found by their shape as the payee's."""
    lines = [
        "Отправитель",
        "Дарья Игоревна С.",
        "CART свисжния",
        "Ильин Иван Иванович",
        ACCOUNT,
        "АО «ТБанк»",
        BIK,
        CORR,
    ]
    details = _details(["Чек по операции", *lines, "Сумма: 100,00 ₽"])
    assert (details.payer_name, details.recipient_account, details.bank_bic) == ("Дарья Игоревна С.", ACCOUNT, BIK)


@pytest.mark.parametrize("text", ["7020-09-10", "10.09.7020", "Дата: 3019-01-01"])
def test_a_year_no_payment_document_bears_is_no_date(text: str) -> None:
    assert normalize_date(text) is None
    assert list(find_dates(text)) == []
