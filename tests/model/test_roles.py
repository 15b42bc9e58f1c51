"""Whose a number is (``model.roles``, docs/architecture.md "Trust"): check digits and keys pass another party's
number as well as the recipient's, so a recipient's number is verified only where the page says it is the
recipient's (a label or block of its own, a form's cell, a payment QR) or nothing on the page contests it. The pages
are the classes seen on real documents (issue 14): a bank's own requisites in its stamp or footer, the payer's block,
two numbers read for one field."""

from __future__ import annotations

import pytest

from model.checks import account_control_key
from model.fields import classify, extract_candidates, party_blocks
from model.pooling import pool_readings
from model.resolve import resolve
from model.roles import ROLE_RULE, UNTIED_RULE
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

PAYEE_INN, PAYER_INN, BANK_INN = "7707083893", "5050029646", "7710140679"
PAYEE_BIK, PAYEE_CORR = "044525225", "30101810400000000225"
"""ПАО Сбербанк's БИК and к/с, as the Bank of Russia's directory lists them."""
ISSUER_BIK, ISSUER_CORR = "044525974", "30101810145250000974"
"""АО «ТБанк»'s."""


def _account(body: str, bik: str) -> str:
    return body[:8] + str(account_control_key(body, bik[6:])) + body[9:]


PAYEE_ACCOUNT = _account("40702810038000000001", PAYEE_BIK)
PAYER_ACCOUNT = _account("40702810638000123453", PAYEE_BIK)


def _read(lines: list[str], source: Source = Source.PDF) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, source), classify(lines), source)


def _status(check: FieldCheck) -> tuple[str, str | None]:
    return str(check.status), check.rule


def test_a_bare_inn_beside_the_payers_block_is_not_verified() -> None:
    """A transfer whose recipient's label was lost: the only ИНН left for the payee says nothing of whose it is, and
    the payer's, above it in its own block, passes the same check digits."""
    lines = [
        "Платёжное поручение онлайн",
        "Перевод по реквизитам",
        "Плательщик: ООО «Лютик»",
        f"ИНН {PAYER_INN}",
        "Сумма перевода 1 500,00 ₽",
        f"ИНН {PAYEE_INN}",
    ]
    details, checks = _read(lines)
    assert details.recipient_inn == PAYEE_INN
    assert _status(checks["recipient_inn"]) == ("unverified", ROLE_RULE)
    assert PAYER_INN in (checks["recipient_inn"].detail or "") and "payer" in (checks["recipient_inn"].detail or "")


@pytest.mark.parametrize(
    "payee_rows",
    [
        [f"ИНН получателя {PAYEE_INN}"],
        ["Получатель: ООО «Ромашка»", f"ИНН {PAYEE_INN}"],
        [f"Получатель: ООО «Ромашка», ИНН {PAYEE_INN}"],
    ],
    ids=["its own label", "its block", "its row"],
)
def test_the_recipients_inn_where_the_page_says_whose_stays_verified(payee_rows: list[str]) -> None:
    lines = [
        "Перевод по реквизитам",
        "Плательщик: ООО «Лютик»",
        f"ИНН {PAYER_INN}",
        *payee_rows,
        "Сумма перевода 1 500,00 ₽",
    ]
    details, checks = _read(lines)
    assert details.recipient_inn == PAYEE_INN
    assert _status(checks["recipient_inn"]) == ("verified", "inn_check_digits")


def test_the_issuing_banks_footer_contests_a_bik_read_under_a_bare_label() -> None:
    """Т-Банк's footer prints its own БИК and к/с, which pass their key and the directory; the recipient's bank's
    БИК read under a bare «БИК» is then not verified by them. Under «Банк получателя» it is."""
    footer = f"АО «ТБанк», БИК {ISSUER_BIK}, к/с {ISSUER_CORR}"
    bare = ["Квитанция о переводе", "Перевод по реквизитам", f"БИК {PAYEE_BIK}", f"к/с {PAYEE_CORR}", footer]
    details, checks = _read(bare)
    assert (details.bank_bic, details.bank_corr_account) == (PAYEE_BIK, PAYEE_CORR)
    assert _status(checks["bank_bic"]) == ("unverified", ROLE_RULE)
    assert ISSUER_BIK in (checks["bank_bic"].detail or "") and "issuing bank" in (checks["bank_bic"].detail or "")
    assert _status(checks["bank_corr_account"]) == ("unverified", ROLE_RULE)

    named = [*bare[:2], f"Банк получателя: ПАО Сбербанк, БИК {PAYEE_BIK}", f"к/с {PAYEE_CORR}", footer]
    _, checks = _read(named)
    assert checks["bank_bic"].status == CheckStatus.VERIFIED
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED


def test_two_accounts_read_for_the_recipient_are_not_verified_where_nothing_says_whose() -> None:
    """A text layer out of order gives the payer's account beside the recipient's, both under «Счёт» and both keyed
    to the same bank: the one chosen is shown, for the person to compare."""
    lines = ["Квитанция о переводе", f"БИК {PAYEE_BIK}", f"Счёт {PAYER_ACCOUNT}", f"Счёт {PAYEE_ACCOUNT}"]
    _, checks = _read(lines)
    assert _status(checks["recipient_account"]) == ("unverified", ROLE_RULE)


def test_a_payment_qr_establishes_whose_the_numbers_are() -> None:
    """The payment QR is the payment's own record of the payee: a number it reads is verified whatever else the
    page prints."""
    lines = ["Квитанция о переводе", "Плательщик: ООО «Лютик»", f"ИНН {PAYER_INN}", f"ИНН {PAYEE_INN}"]
    candidates = [*extract_candidates(lines, Source.OCR), Candidate("recipient_inn", PAYEE_INN, Source.QR)]
    _, checks = resolve(candidates, DocumentType.BANK_TRANSFER)
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_cash_receipts_inn_stays_verified_beside_its_cashiers() -> None:
    """54-ФЗ prints the seller's ИНН bare and every other party's with its own words («ИНН кассира»)."""
    lines = ["КАССОВЫЙ ЧЕК", "ПРИХОД", f"ИНН {PAYEE_INN}", "Кассир Иванова ИНН 500100732259", "ИТОГ =150.00"]
    details, checks = _read(lines, Source.OCR)
    assert details.recipient_inn == PAYEE_INN
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_payment_orders_recipient_cell_stays_verified_beside_the_payers() -> None:
    """Form 0401060 in its own order: the payer's ИНН and account above «Банк плательщика», the recipient's below
    «Банк получателя»; the recipient's are the recipient's by their cells."""
    lines = [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 15   01.04.2025   электронно   0401060",
        "Сумма прописью Одна тысяча пятьсот рублей 00 копеек",
        f"ИНН {PAYER_INN}   КПП 505001001   Сумма 1500-00",
        "ООО «Лютик»",
        f"Сч. № {PAYER_ACCOUNT}",
        "Плательщик",
        f"ПАО Сбербанк г. Москва   БИК {PAYEE_BIK}",
        f"Сч. № {PAYEE_CORR}",
        "Банк плательщика",
        f"ПАО Сбербанк г. Москва   БИК {PAYEE_BIK}",
        f"Сч. № {PAYEE_CORR}",
        "Банк получателя",
        f"ИНН {PAYEE_INN}   КПП 773601001   Сч. № {PAYEE_ACCOUNT}",
        "ООО «Ромашка»   Вид оп. 01   Срок плат.",
        "Получатель",
        "Оплата по счёту № 15",
        "Назначение платежа",
    ]
    details, checks = _read(lines)
    assert (details.recipient_inn, details.recipient_account) == (PAYEE_INN, PAYEE_ACCOUNT)
    assert _status(checks["recipient_inn"]) == ("verified", "inn_check_digits")
    assert _status(checks["recipient_account"]) == ("verified", "account_key_bik")


def test_a_payment_order_whose_numbers_left_their_cells_is_not_verified_by_place() -> None:
    """The guard on a payment order's text layer checks the order of its captions; a layer that keeps them in order
    but gives the payer's ИНН row under «Банк получателя» puts two ИНН in the recipient's cells, and neither is the
    recipient's by its place: the one chosen is shown for the person to compare."""
    lines = [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 15   01.04.2025   электронно   0401060",
        "Сумма прописью Одна тысяча пятьсот рублей 00 копеек",
        "ООО «Лютик»",
        "Плательщик",
        f"ПАО Сбербанк г. Москва   БИК {PAYEE_BIK}",
        "Банк плательщика",
        f"ПАО Сбербанк г. Москва   БИК {PAYEE_BIK}",
        f"Сч. № {PAYEE_CORR}",
        "Банк получателя",
        f"ИНН {PAYER_INN}   КПП 505001001   Сумма 1500-00",
        f"ИНН {PAYEE_INN}   КПП 773601001   Сч. № {PAYEE_ACCOUNT}",
        "ООО «Ромашка»   Вид оп. 01   Срок плат.",
        "Получатель",
        "Оплата по счёту № 15",
        "Назначение платежа",
    ]
    details, checks = _read(lines)
    assert details.recipient_inn in (PAYER_INN, PAYEE_INN)
    assert _status(checks["recipient_inn"]) == ("unverified", ROLE_RULE)


def test_a_1c_grids_bank_cell_is_the_recipients_beside_the_buyers_bank_on_an_act() -> None:
    """A 1C invoice with its act on the next page: the act names the buyer's bank and БИК after its name, its
    «Заказчик:» label read a line late; the grid's bank cell over «Банк получателя» is the recipient's by its cell."""
    lines = [
        'ЮЖНЫЙ Ф-Л ПАО "ПРОМСВЯЗЬБАНК" Г. ВОЛГОГРАД БИК 041806715',
        "Сч. № 30101810100000000715",
        "Банк получателя",
        "ИНН 6161055139 КПП 616701001 Сч. № 40702810881000995201",
        'ООО "ДИАЛОГ-ТЕЛЕКОМ"',
        "Получатель",
        "Счет на оплату № 7061 от 31 мая 2020 г.",
        "Всего к оплате: 4 500,00",
        "Акт № 6208 от 31 мая 2020 г.",
        f'АО "ЩЕЛКОВО АГРОХИМ", ИНН {PAYER_INN}, 141101, Московская обл, Щелковский р-н,',
        "Заказчик: Щелково г, Заводская ул, дом № 2",
        f"банке ПАО СБЕРБАНК, БИК {PAYEE_BIK}",
    ]
    details, checks = _read(lines, Source.OCR)
    assert details.bank_bic == "041806715"
    assert checks["bank_bic"].status == CheckStatus.VERIFIED
    bare = [line for line in lines if line != "Банк получателя"]
    _, checks = _read(bare, Source.OCR)
    assert checks["bank_bic"].status != CheckStatus.VERIFIED


def test_a_lone_number_passing_a_check_digit_contests_no_labelled_inn() -> None:
    """A 10-digit number no label names, found because its check digit passes (one in eleven does), is nobody's in
    particular: it leaves the labelled ИНН verified."""
    labelled = Candidate("recipient_inn", PAYEE_INN, Source.OCR)
    lone = Candidate("recipient_inn", "1446741110", Source.OCR, 0.3, by_shape=True)
    _, checks = resolve([labelled, lone], DocumentType.OTHER)
    assert _status(checks["recipient_inn"]) == ("verified", "inn_check_digits")


BANK_FOOTER = ["Реквизиты банка:", f"ИНН {BANK_INN}", f"БИК {ISSUER_BIK}", f"к/с {ISSUER_CORR}"]
"""The issuing bank's own requisites under a heading no issuer detector of ``model.fields`` knows."""


def test_a_banks_own_numbers_alone_on_a_transfer_receipt_are_not_verified() -> None:
    """A transfer by phone names no payee's requisites; the bank's footer is the only ИНН, БИК and к/с on the page,
    nothing contests them and their checks pass (the Ozon Банк and Почта Банк receipts of the real set, their footers
    under a label the detectors miss): no account ties them to the payee, so none is verified."""
    lines = ["Квитанция о переводе", "Перевод по номеру телефона", "Сумма перевода 1 500,00 ₽", *BANK_FOOTER]
    details, checks = _read(lines)
    assert (details.recipient_inn, details.bank_bic, details.bank_corr_account) == (BANK_INN, ISSUER_BIK, ISSUER_CORR)
    for field in ("recipient_inn", "bank_bic", "bank_corr_account"):
        assert _status(checks[field]) == ("unverified", UNTIED_RULE), field
    assert "bank's own" in (checks["bank_bic"].detail or "")


def test_a_transfer_receipts_numbers_keyed_to_the_payees_account_stay_verified() -> None:
    """The recipient's account passing its key against the БИК ties the bank numbers to a client of that bank: a
    bank's own footer holds no client's account."""
    lines = ["Квитанция о переводе", "Перевод по реквизитам", f"БИК {PAYEE_BIK}", f"к/с {PAYEE_CORR}"]
    _, checks = _read([*lines, f"Счёт {PAYEE_ACCOUNT}"])
    assert _status(checks["bank_bic"])[0] == "verified"
    assert _status(checks["bank_corr_account"]) == ("verified", "corr_account_key_bik")
    assert _status(checks["recipient_account"]) == ("verified", "account_key_bik")
    _, checks = _read(lines)
    assert _status(checks["bank_corr_account"]) == ("unverified", UNTIED_RULE)


def test_an_invoices_lone_requisites_stay_verified() -> None:
    """Only a bank's own receipt prints the bank's requisites as its own: on an invoice the bank numbers with no
    account beside them are the payee's bank's, and nothing contests them."""
    lines = ["Счет на оплату № 15 от 01.04.2025", "Поставщик: ООО «Ромашка»", f"БИК {PAYEE_BIK}", f"к/с {PAYEE_CORR}"]
    details, checks = _read(lines)
    assert details.document_type == DocumentType.INVOICE
    assert _status(checks["bank_corr_account"]) == ("verified", "corr_account_key_bik")


@pytest.mark.parametrize("bank_row", ["Банк: ПАО Сбербанк", "ПАО Сбербанк"])
def test_a_corr_account_and_bank_name_tied_to_a_contested_bik_are_not_verified(bank_row: str) -> None:
    """A к/с is checked by its key against the БИК and a bank's name by the directory's entry for it: where that
    БИК's role is contested (the payer's bank's БИК in its block, its к/с not printed) they say which bank the БИК is,
    not that it is the recipient's. Under «Банк получателя» the page says whose they are."""
    lines = [
        "Счёт на оплату № 15 от 1 декабря 2026 г.",
        bank_row,
        f"БИК {PAYEE_BIK}",
        f"к/с {PAYEE_CORR}",
        "Плательщик: ООО «Лютик»",
        f"БИК {ISSUER_BIK}",
    ]
    details, checks = _read(lines)
    assert (details.bank_name, details.bank_bic, details.bank_corr_account) == ("ПАО Сбербанк", PAYEE_BIK, PAYEE_CORR)
    for field in ("bank_bic", "bank_corr_account", "bank_name"):
        assert _status(checks[field]) == ("unverified", ROLE_RULE), field
    assert PAYEE_BIK in (checks["bank_corr_account"].detail or "")

    named = [lines[0], "Банк получателя: ПАО Сбербанк", *lines[2:]]
    _, checks = _read(named)
    assert all(checks[field].status == CheckStatus.VERIFIED for field in ("bank_bic", "bank_corr_account", "bank_name"))


@pytest.mark.parametrize("payee_label", ["Получатель: ООО «Волна»", "Получатель платежа: ООО «Волна»"])
def test_a_payees_labelled_row_under_another_partys_ids_is_no_grid_caption(payee_label: str) -> None:
    """An agent's bill (``bench.hostile``'s agent_invoice): the principal's «ИНН … КПП …» row, then the payee's
    «Получатель: ООО …» row and its own requisites. That labelled row is no 1C grid's caption «Получатель» under the
    payee's cell, whose reading named the principal's ИНН and КПП the recipient's and verified them."""
    lines = [
        "Счёт № 71 от 08.08.2026",
        "Принципал: АО «Фермерская Лавка»",
        f"ИНН {PAYER_INN} КПП 505001001",
        payee_label,
        f"ИНН {PAYEE_INN}",
        "КПП 770701001",
        f"р/с {PAYEE_ACCOUNT}",
        f"БИК {PAYEE_BIK}",
        f"к/с {PAYEE_CORR}",
        "Итого к оплате: 66 120,00",
    ]
    details, checks = _read(lines)
    assert (details.recipient_inn, details.recipient_kpp) == (PAYEE_INN, "770701001")
    assert _status(checks["recipient_inn"]) == ("verified", "inn_check_digits")


def test_a_1c_grids_caption_alone_still_names_the_numbers_above_it() -> None:
    """The grid's own caption, «Получатель» alone under the payee's cell, keeps naming the row above it the
    recipient's: the buyer's ИНН on its «Покупатель» line below contests nothing."""
    lines = [
        f"ПАО Сбербанк г. Москва БИК {PAYEE_BIK}",
        f"Банк получателя Сч. № {PAYEE_CORR}",
        f"ИНН {PAYEE_INN} КПП 770701001 Сч. № {PAYEE_ACCOUNT}",
        "ООО «Волна»",
        "Получатель",
        "Счёт на оплату № 5 от 08.08.2026",
        f"Покупатель: ООО «Лютик», ИНН {PAYER_INN}, КПП 505001001",
    ]
    details, checks = _read(lines)
    assert details.recipient_inn == PAYEE_INN
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


PAYMENT_ORDER_RUN_TOGETHER = [
    "Платёжное поручение № 4494 от 24.06.2026",
    "Плательщик  Получатель",
    "ООО «Пекарня у Дома»  ИП Соловьёв Николай Николаевич",
    "ИНН 4031538420 КПП 403101001  ИНН 582064081420",
    "Счёт 40702810564665018578  Счёт 40802810724781258104",
    'Московский филиал АО "Банк Акцепт"  КУ АКБ "МАСТЕР-КАПИТАЛ" (ОАО) - ГК "АСВ"',
    "БИК 044525757  БИК 044525756",
    "К/с 30101810045250000757  К/с 30101810745250000756",
    "Сумма 74 231-13",
]
"""A payment order's two columns as a text layer runs their rows together (``bench.hostile``'s payment_order): the
payer's bank (044525757) and the payee's (044525756) are two Moscow banks whose БИК differ in one digit and к/с in
three, each keyed to its own."""


def test_two_banks_bik_and_corr_account_a_few_digits_apart_contest_each_other() -> None:
    """Not one number misread: each к/с names its own БИК's code and passes its key with it, so the first БИК and
    к/с read (the payer's bank's) are not verified as the recipient's bank's."""
    _, checks = _read(PAYMENT_ORDER_RUN_TOGETHER)
    for field in ("bank_bic", "bank_corr_account"):
        assert _status(checks[field]) == ("unverified", ROLE_RULE), field
    assert "044525756" in (checks["bank_bic"].detail or "")


def test_a_corr_account_misread_in_its_bank_code_contests_nothing() -> None:
    """A к/с read twice, once with a digit of its bank code misread, is one number: the misreading fits no БИК read."""
    lines = ["Счёт на оплату № 5 от 08.08.2026", f"Получатель: ООО «Волна», ИНН {PAYEE_INN}", f"р/с {PAYEE_ACCOUNT}",
             f"БИК {PAYEE_BIK}", f"к/с {PAYEE_CORR}", "Корр. счёт 30101810400000000226"]  # fmt: skip
    details, checks = _read(lines)
    assert details.bank_corr_account == PAYEE_CORR
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED


def _pooled(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    """Tesseract and Indra reading the same text: two readers agreeing verify a КПП's digits."""
    candidates = pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(lines, Source.INDRA))
    return resolve(candidates, classify(lines), Source.OCR)


def test_a_kpp_goes_with_its_contested_inn() -> None:
    """A payment order's columns run together, its payee an ИП: the only КПП on the page is the payer's, beside the
    payer's ИНН, which was chosen and contested by the payee's. Two readers agreeing on the КПП's digits say nothing
    of whose it is."""
    details, checks = _pooled(PAYMENT_ORDER_RUN_TOGETHER)
    assert details.recipient_inn == "4031538420"
    assert checks["recipient_inn"].rule == ROLE_RULE
    assert details.recipient_kpp == "403101001"
    assert _status(checks["recipient_kpp"]) == ("unverified", ROLE_RULE)


def test_a_kpp_beside_its_established_inn_stays_verified_by_two_readers() -> None:
    lines = ["Счёт на оплату № 5 от 08.08.2026", f"Получатель: ООО «Волна», ИНН {PAYEE_INN}, КПП 770701001",
             f"Покупатель: ООО «Лютик», ИНН {PAYER_INN}, КПП 505001001", "Итого к оплате: 1 500,00"]  # fmt: skip
    details, checks = _pooled(lines)
    assert details.recipient_kpp == "770701001"
    assert checks["recipient_kpp"].status == CheckStatus.VERIFIED


def test_a_1c_grids_bank_cell_corr_account_under_its_own_row_is_the_recipients_banks() -> None:
    """1C's grid as OCR reads a scan: the bank's «Сч. № 3010…» on a row of its own over the caption «Банк
    получателя», and lower, on an act's «Заказчик:» line that OCR broke, the buyer's bank's к/с. The cell's к/с is
    the recipient's bank's by its place; the buyer's, read for the field with no label of the recipient's, does not
    contest it (a real 1C invoice and act, sidio_examples_2.pdf)."""
    lines = [
        f"ПАО Сбербанк г. Москва БИК {PAYEE_BIK}",
        f"Сч. № {PAYEE_CORR}",
        "Банк получателя",
        f"ИНН {PAYEE_INN} КПП 770701001 Сч. № {PAYEE_ACCOUNT}",
        "ООО «Волна»",
        "Получатель",
        "Счет на оплату № 7061 от 31 мая 2020 г.",
        f"АО «Лютик», ИНН {PAYER_INN}, 141101, Московская обл, р/с {PAYER_ACCOUNT}, в",
        f"банке АО «ТБанк», БИК {ISSUER_BIK}, к/с {ISSUER_CORR}",
    ]
    details, checks = _read(lines, Source.OCR)
    assert details.bank_corr_account == PAYEE_CORR
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED


def test_the_title_under_a_1c_grids_caption_opens_no_payees_block() -> None:
    """«Получатель», the grid's caption alone on its line, then the title «Счет на оплату № …», which opens as a
    «Счёт: …» row would: no block of the recipient's, so the buyer's line under it, its label lost to OCR, is not
    named the recipient's."""
    lines = [
        "Получатель",
        "Счет на оплату № 7061 от 31 мая 2020 г.",
        f"АО «Лютик», ИНН {PAYER_INN}, 141101, Московская обл, р/с {PAYER_ACCOUNT}, в",
        f"банке АО «ТБанк», БИК {ISSUER_BIK}, к/с {ISSUER_CORR}",
    ]
    assert party_blocks(lines) == {}
    assert not any(c.named_whose for c in extract_candidates(lines, Source.OCR))
