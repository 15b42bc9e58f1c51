"""Where the document contradicts itself (``model.disagreements``, docs/architecture.md "Trust"): a QR code paying
another company than the text names, a file whose second page is another document, a receipt tape carrying two
receipts. Each rule that verified a value there (check digits, the directory, a QR agreeing, two readers agreeing, the
sum in words) says the value is well formed, not which of the document's disagreeing prints is the payment's: each
such value stays, ``unverified``, while the same document without its contradiction keeps it ``verified``. The pages
are of the classes the hostile check's second round draws (``bench/hostile_second.py``, issue 14)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from model.checks import account_control_key
from model.fields import classify, extract_candidates
from model.pipeline import Extractor
from model.pooling import pool_readings
from model.qr import parse_qr_payload
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source
from tests.text_pdfs import text_pdf

SBER_BIK, SBER_CORR = "044525225", "30101810400000000225"
ALFA_BIK, ALFA_CORR = "044525593", "30101810200000000593"
PAYEE_INN, PAYEE_KPP, OTHER_INN, OTHER_KPP = "7707083893", "770701001", "7728168971", "772801001"


def _account(body: str, bik: str) -> str:
    return body[:8] + str(account_control_key(body, bik[6:])) + body[9:]


PAYEE_ACCOUNT = _account("40702810038000000001", SBER_BIK)
OTHER_ACCOUNT = _account("40702810701300000017", ALFA_BIK)

BILL = [
    f"ПАО Сбербанк г. Москва   БИК {SBER_BIK}",
    f"Банк получателя   Сч. № {SBER_CORR}",
    f"ИНН {PAYEE_INN}   КПП {PAYEE_KPP}   Сч. № {PAYEE_ACCOUNT}",
    "ООО «Ромашка»",
    "Получатель",
    "Счёт на оплату № 118 от 14 марта 2025 г.",
    f"Поставщик: ООО «Ромашка», ИНН {PAYEE_INN}, КПП {PAYEE_KPP}, 125009, г. Москва, ул. Тверская, д. 7",
    "Покупатель: ИП Соколов Игорь Викторович, ИНН 705144244750, 634050, г. Томск, ул. Ленина, д. 89",
    "№ Товары (работы, услуги) Кол-во Ед. Цена Сумма",
    "1 Услуги по договору 1 усл 12 000,00",
    "Итого: 12 000,00",
    "В том числе НДС (20%): 2 000,00",
    "Всего к оплате: 12 000,00 руб.",
]


def _qr(name: str, account: str, bank: tuple[str, str, str], payee: tuple[str, str], kopecks: int) -> bytes:
    """A GOST R 56042 payment code: ``bank`` its name, БИК and к/с, ``payee`` the ИНН and КПП."""
    return (
        f"ST00012|Name={name}|PersonalAcc={account}|BankName={bank[0]}|BIC={bank[1]}|CorrespAcc={bank[2]}"
        f"|PayeeINN={payee[0]}|KPP={payee[1]}|Sum={kopecks}|Purpose=Оплата по счёту № 118"
    ).encode()


OWN_QR = _qr("ООО «Ромашка»", PAYEE_ACCOUNT, ("ПАО Сбербанк", SBER_BIK, SBER_CORR), (PAYEE_INN, PAYEE_KPP), 1200000)
OTHER_QR = _qr(
    "АО «Альфа-Сервис»", OTHER_ACCOUNT, ('АО "АЛЬФА-БАНК"', ALFA_BIK, ALFA_CORR), (OTHER_INN, OTHER_KPP), 1200000
)


def _read(
    pages: list[list[str]], codes: tuple[bytes, ...] = (), source: Source = Source.PDF
) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    """As ``model.pipeline`` reads a document: its QR codes first, then each page, its kind the QR's or page 1's;
    ``Source.INDRA`` stands for Tesseract and Indra pooled."""
    candidates: list[Candidate] = []
    kinds: list[tuple[DocumentType, Source]] = []
    for code in map(parse_qr_payload, codes):
        candidates += [
            Candidate(name, value, Source.QR) for name, value in code.fields.items() if name != "document_type"
        ]
        kinds.insert(0, (DocumentType(code.fields["document_type"]), Source.QR))
    for number, lines in enumerate(pages, 1):
        if source == Source.INDRA:
            readings = pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(lines, Source.INDRA))
        else:
            readings = extract_candidates(lines, source)
        candidates += [replace(c, page=number) for c in readings]
        kinds.append((classify(lines), Source.PDF if source == Source.PDF else Source.OCR))
    return resolve(candidates, *kinds[0])


def _verified(checks: dict[str, FieldCheck], *fields: str) -> dict[str, bool]:
    return {field: checks[field].status == CheckStatus.VERIFIED for field in fields}


BANK_AND_PAYEE = ("recipient_inn", "recipient_account", "bank_bic", "bank_corr_account", "bank_name")


def test_a_bills_own_qr_verifies_its_payee() -> None:
    details, checks = _read([BILL], (OWN_QR,))
    assert details.recipient_inn == PAYEE_INN
    assert all(_verified(checks, *BANK_AND_PAYEE, "amount").values())


HKF_BIK, HKF_CORR = "044525245", "30101810845250000245"
"""ООО "ХКФ Банк": its БИК one digit from ПАО Сбербанк's, as a misreading would make it."""
NEAR_BANK_QR = _qr(
    "АО «Альфа-Сервис»",
    _account("40702810701300000017", HKF_BIK),
    ('ООО "ХКФ Банк"', HKF_BIK, HKF_CORR),
    (OTHER_INN, OTHER_KPP),
    1200000,
)


@pytest.mark.parametrize("code", [OTHER_QR, NEAR_BANK_QR], ids=["another_bank", "a_bank_one_digit_away"])
def test_a_qr_paying_another_company_than_the_text_names_verifies_nothing_of_it(code: bytes) -> None:
    """A template's code left from another supplier: its ИНН, account and bank pass every check, and the text's
    grid names another payee (its bank's БИК one digit from the code's, or not); the code's values stay, unverified,
    the detail naming the text's."""
    details, checks = _read([BILL], (code,))
    assert details.recipient_inn == OTHER_INN
    assert not any(_verified(checks, *BANK_AND_PAYEE).values())
    assert checks["recipient_inn"].rule == "qr_contradicted" and PAYEE_INN in (checks["recipient_inn"].detail or "")


def test_two_payment_qr_codes_verify_only_what_the_text_confirms() -> None:
    """The bill's code and another's side by side: a value the text reads too is the bill's, verified; the other
    code's, which the text never reads, is not, even where it is one digit from the text's (a neighbouring БИК)."""
    near_bik, near_corr = "044525226", "30101810200000000226"
    near = _qr('ООО "Лютик"', OTHER_ACCOUNT, ("Банк", near_bik, near_corr), (OTHER_INN, OTHER_KPP), 99900)
    for codes in ((OWN_QR, near), (near, OWN_QR)):
        details, checks = _read([BILL], codes)
        for field in BANK_AND_PAYEE:
            value = getattr(details, field)
            if checks[field].status == CheckStatus.VERIFIED:
                assert value in (PAYEE_INN, PAYEE_ACCOUNT, SBER_BIK, SBER_CORR) or field == "bank_name", (field, value)
        assert details.bank_bic != near_bik or checks["bank_bic"].status != CheckStatus.VERIFIED


ACT = [
    "Акт № 725 от 25 марта 2025 г.",
    f"Исполнитель: АО «Альфа-Сервис», ИНН {OTHER_INN}, КПП {OTHER_KPP}, 107078, г. Москва, ул. Каланчёвская, д. 27,"
    f" р/с {OTHER_ACCOUNT} в АО «АЛЬФА-БАНК», БИК {ALFA_BIK}, к/с {ALFA_CORR}",
    f"Заказчик: ООО «Ромашка», ИНН {PAYEE_INN}, КПП {PAYEE_KPP}, 125009, г. Москва, ул. Тверская, д. 7",
    "№ Наименование работ, услуг Кол-во Ед. Цена Сумма",
    "1 Услуги за период 1 усл 20 946,00",
    "Итого: 20 946,00 руб.",
    "Всего оказано услуг 1, на сумму 20 946,00 руб.",
    "Двадцать тысяч девятьсот сорок шесть рублей 00 копеек",
]


def test_a_bill_alone_verifies_its_bank_and_its_total() -> None:
    _, checks = _read([BILL])
    assert all(_verified(checks, "recipient_inn", "recipient_account", "bank_bic", "bank_corr_account").values())


def test_a_second_pages_act_of_another_contractor_verifies_neither_its_values_nor_the_bills() -> None:
    """A subcontractor's act merged behind the bill: its «Исполнитель» row names the recipient's place with another
    bank, and its sum in words confirms its own total; the file holds two documents, and which is the payment's no
    rule can say. The bill's payee, whose ИНН the act names as its «Заказчик», keeps the bill's requisites and
    total, shown unverified: the words on the act's page choose none of its sums over the bill's."""
    details, checks = _read([BILL, ACT])
    assert str(details.amount) == "12000.00" and checks["amount"].rule == "pages_differ"
    assert (details.recipient_account, details.bank_bic) == (PAYEE_ACCOUNT, SBER_BIK)
    assert not any(_verified(checks, *BANK_AND_PAYEE, "amount").values())


def test_the_same_suppliers_act_of_another_month_leaves_the_amount_unverified() -> None:
    act = [
        row.replace(
            f"АО «Альфа-Сервис», ИНН {OTHER_INN}, КПП {OTHER_KPP}", f"ООО «Ромашка», ИНН {PAYEE_INN}, КПП {PAYEE_KPP}"
        )
        for row in ACT
    ]
    _, checks = _read([BILL, act])
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.UNVERIFIED, "pages_differ")


def _another_suppliers(row: str) -> str:
    for ours, theirs in (
        (PAYEE_INN, OTHER_INN), (PAYEE_KPP, OTHER_KPP), (PAYEE_ACCOUNT, OTHER_ACCOUNT), (SBER_BIK, ALFA_BIK),
        (SBER_CORR, ALFA_CORR), ("ПАО Сбербанк", "АО «АЛЬФА-БАНК»"), ("ООО «Ромашка»", "АО «Альфа-Сервис»"),
        ("12 000,00", "20 946,00"), ("2 000,00", "3 491,00"),
    ):  # fmt: skip
        row = row.replace(ours, theirs)
    return row


@pytest.mark.parametrize("source", [Source.PDF, Source.OCR])
def test_another_suppliers_bill_behind_the_bill_gives_it_none_of_its_requisites(source: Source) -> None:
    """A file whose second page is another supplier's bill: the first page's payee, whose ИНН the file's checks
    chose, keeps its own account, bank and name, unverified (the pages disagree), not the second payee's."""
    details, checks = _read([BILL, [_another_suppliers(row) for row in BILL]], source=source)
    assert (details.recipient_inn, details.recipient_account) == (PAYEE_INN, PAYEE_ACCOUNT)
    assert (details.bank_bic, details.bank_corr_account, details.recipient_name) == (
        SBER_BIK, SBER_CORR, "ООО «Ромашка»",
    )  # fmt: skip
    assert not any(_verified(checks, *BANK_AND_PAYEE, "amount").values())


def test_a_cover_letter_before_the_bill_changes_nothing_of_it() -> None:
    """A cover letter names its sender and no ИНН: the bill behind it reads and verifies as it does alone."""
    cover = ["ООО «Ромашка»", "Исх. № 12 от 14.03.2025", "Направляем вам счёт на оплату № 118 за услуги марта."]
    alone, alone_checks = _read([BILL])
    details, checks = _read([cover, BILL])
    assert details.model_dump(exclude={"payment_date"}) == alone.model_dump(exclude={"payment_date"})
    assert _verified(checks, *BANK_AND_PAYEE, "amount") == _verified(alone_checks, *BANK_AND_PAYEE, "amount")


TAIL = ["ИТОГ =15169.00", "ФН № 9287812586125400", "ФД № 50284", "ФП 3027892597", "СПАСИБО ЗА ПОКУПКУ"]
RECEIPT = [
    "АО «Мир Посуды»",
    "ИНН 7612103397",
    "КАССОВЫЙ ЧЕК",
    "ПРИХОД",
    "01.08.2025 18:09",
    "1. Гранит  1 x 5768.00 = 5768.00",
    "ИТОГ =5768.00",
    "БЕЗНАЛИЧНЫМИ =5768.00",
    "СУММА НДС 20% =961.33",
    "Кассир: Васильев П. С.",
    "РН ККТ 0003596335720219",
    "ФН № 9287812586125400",
    "ФД № 00050285",
    "ФП 3354360175",
]
RECEIPTS_QR = b"t=20250801T1809&s=5768.00&fn=9287812586125400&i=50285&fp=3354360175&n=1"
EARLIER_QR = b"t=20250801T1751&s=15169.00&fn=9287812586125400&i=50284&fp=3027892597&n=1"
ONE_RECEIPTS = ("amount", "fiscal_document_number", "fiscal_sign")


def test_a_receipts_own_qr_verifies_its_fiscal_numbers() -> None:
    details, checks = _read([RECEIPT], (RECEIPTS_QR,))
    assert (details.fiscal_document_number, details.fiscal_sign) == ("50285", "3354360175")
    assert all(_verified(checks, *ONE_RECEIPTS, "fiscal_drive_number").values())


def test_the_previous_receipts_tail_and_qr_on_the_tape_verify_neither_receipts_numbers() -> None:
    """The previous customer's receipt ends above this one on the tape, its fiscal QR the one decoded: it agrees with
    the tail's total, ФД and ФП, which the page prints beside this receipt's. Only the ФН, the register's, is both's."""
    for codes, source in (((EARLIER_QR,), Source.PDF), ((), Source.INDRA), ((EARLIER_QR, RECEIPTS_QR), Source.PDF)):
        _, checks = _read([TAIL + RECEIPT], codes, source)
        assert not any(_verified(checks, *ONE_RECEIPTS).values()), (codes, source, checks)
        assert checks["fiscal_sign"].rule in ("several_receipts", "qr_codes_differ")


BANK_NAMED_FD = [
    "Счёт на оплату № 141 от 16.05.2025",
    'АО КБ "Урал ФД" г. Пермь',
    "БИК 045773790",
    "К/с 30101810800000000790",
    "Получатель: АО «Дельта Логистик», ИНН 6009899383, КПП 600901001",
    "Всего к оплате: 88 754,00",
]


def test_a_banks_name_with_fd_in_it_gives_no_fiscal_document_number() -> None:
    """«ФД» is a word of a bank's name («Урал ФД») over its БИК: the number is the БИК, as its own label says, and a
    bill has no fiscal document."""
    for source in (Source.PDF, Source.INDRA):
        details, _ = _read([BANK_NAMED_FD], source=source)
        assert details.fiscal_document_number is None


def test_the_pipeline_tells_a_files_pages_apart() -> None:
    """``model.pipeline`` numbers each reading with its page: the bill alone verifies its bank, the bill with another
    contractor's act behind it does not, and its amount is disputed by page."""
    alone = Extractor("tesseract").extract(text_pdf([BILL]), budget_s=0)
    assert alone.checks["bank_bic"].status == CheckStatus.VERIFIED
    both = Extractor("tesseract").extract(text_pdf([BILL, ACT]), budget_s=0)
    assert both.checks["bank_bic"].status != CheckStatus.VERIFIED
    assert both.checks["amount"].status != CheckStatus.VERIFIED
