"""Bank statements as a bank's app or site prints them: a table of operations, each with its moment and its document
number, under the bank's own header; and their kin, a loan's or an account's balance certified, a reconciliation act,
a schedule of payments. Not payment documents; each test is one class of mistake the real-documents check (bench/real,
the fifth held-out batch; sber_loan_statement.jpg) found; the lines are written afresh, with made-up numbers."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates, is_statement, is_statement_document
from model.pipeline import Extractor
from model.resolve import resolve
from model.schema import DocumentType, Source
from model.values import digit_tokens
from tests.text_pdfs import text_pdf

OPERATION_NUMBER = "7707083893"
"""An operation's document number that happens to pass an ИНН's check digits, as one in eleven does."""


def _statement_rows(number: str) -> list[str]:
    return [
        "Справка о движении средств",
        "Дата операции Документ Назначение платежа Сумма операции",
        "22.03.2025 22:01:30 3836012586",
        "Оплата товаров/услуг на Платформе, заказ № 52842123-0273. Без",
        "НДС.",
        "- 648.30",
        f"16.03.2025 09:59:00 {number}",
        "Перевод через СБП. Отправитель: Давид Сергеевич Б. Без НДС.",
        "+ 20 000.00",
    ]


def test_the_seconds_of_a_time_are_no_part_of_the_number_printed_after_it() -> None:
    tokens = digit_tokens(f"16.03.2025 09:59:00 {OPERATION_NUMBER}")
    assert OPERATION_NUMBER in tokens
    assert f"00{OPERATION_NUMBER}" not in tokens


def test_an_operations_number_after_its_moment_is_no_registers_padded_inn() -> None:
    """«09:59:00 3768415059» read as one run gave «003768415059», an ЭКЛЗ-era register's ИНН padded with «00»."""
    lines = _statement_rows(OPERATION_NUMBER)
    details, _ = resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)
    assert details.recipient_inn is None


def test_digit_groups_that_follow_no_time_still_join() -> None:
    assert digit_tokens("4070 2810 9380")[0] == "407028109380"
    assert digit_tokens("р/с:4070 2810")[0] == "40702810"


def _statement_head(title: str) -> list[str]:
    return [
        "ООО «Звезда Банк», 123112, город Москва,",
        "Пресненская набережная, дом 10, этаж 19",
        "ИНН/КПП 7707083893/770301001",
        title,
        "Владелец:",
        "Иванов Пётр Сергеевич",
        "Номер лицевого счёта: № 40817810700004768340, открыт 02.12.2024",
        "Период выписки: 02.12.2024 – 22.03.2025",
    ]


@pytest.mark.parametrize(
    "title", ["Справка о движении средств", "Выписка по договору 5317757507", "Выписка по счёту дебетовой карты"]
)
def test_a_bank_statement_is_no_transfer_whatever_its_operations_say(title: str) -> None:
    """Its rows' «Перевод … через СБП. Отправитель: …» are a transfer's words; the title says what the page is."""
    lines = [*_statement_head(title), *_statement_rows("3836012587")[1:]]
    assert classify(lines) == DocumentType.OTHER


def test_a_sentence_about_a_statement_far_down_a_receipt_is_no_title() -> None:
    lines = ["Чек по операции", "Перевод по СБП", *[f"Строка {n}" for n in range(20)], "Выписка по счёту в приложении"]
    assert not is_statement(lines)


def test_a_statement_read_whole_names_no_payee_nor_payment() -> None:
    """A statement's pages give no payee, sum or date: neither the bank's own «ИНН/КПП» in its header (the issuer's,
    no payee's) nor, pages on, an operation's number that passes an ИНН's check digits by chance."""
    first = [*_statement_head("Справка о движении средств"), *_statement_rows("3836012587")[1:]]
    second = [f"1{n}.03.2025 09:5{n}:1{n} {OPERATION_NUMBER}" for n in range(3)] + [
        "ООО «Ромашка», оплата",
        "- 1 000.00",
    ]
    extraction = Extractor("tesseract").extract(text_pdf([first, second]), budget_s=0)
    details = extraction.details
    assert details.document_type == DocumentType.OTHER
    assert (details.recipient_name, details.recipient_inn, details.recipient_kpp) == (None, None, None)
    assert (details.amount, details.payment_date, details.bank_name) == (None, None, None)


def test_a_statements_empty_answer_says_it_is_a_statement_and_a_receipts_answer_says_nothing() -> None:
    """The reason reaches the module's output (``quality.unread_reason``), so a person is told to upload one
    operation's receipt instead of being shown a blank form."""
    receipt = ["Чек по операции", "Перевод по СБП", "Получатель ООО «Ромашка»", "ИНН 7707083893", "Сумма 1 234,50 ₽"]
    extractor = Extractor("tesseract")
    lines = [*_statement_head("Выписка по счёту дебетовой карты"), *_statement_rows("3836012587")[1:]]
    statement = extractor.extract(text_pdf([lines]), budget_s=0)
    assert statement.quality is not None and statement.quality.unread_reason == "statement"
    assert not statement.quality.retake
    read = extractor.extract(text_pdf([receipt]), budget_s=0)
    assert read.details.recipient_inn == "7707083893"
    assert read.quality is not None and read.quality.unread_reason is None


def _loan_statement(title: list[str]) -> list[str]:
    """A bank's certificate of a borrower's debt as of a date: the loan's sum, its account, the balance left."""
    return [
        "Сбербанк России",
        "Среднерусский банк ПАО Сбербанк",
        *title,
        "по состоянию за 09.10.2025",
        "ПЕТРОВ ИВАН СЕРГЕЕВИЧ",
        "кредитный договор № 205714 от 04.04.2021",
        "Сумма кредитного договора 1,843,500.00 рублей",
        "Дата окончания кредитного договора 04.04.2036",
        "№ ссудного счета 45507810740000123456",
        "Платежная дата - 4 каждого месяца",
        "Сумма к погашению на дату расчета в валюте договора 0.00 рублей",
        "основной долг 1,721,125.14 рублей",
        "Полная задолженность по кредиту на дату расчета 1,725,188.19 рублей",
    ]


@pytest.mark.parametrize(
    "title",
    [
        ["Справка о задолженности заемщика"],
        ["Справка о задолженностях заемщика"],  # as OCR read the real one
        ["СПРАВКА", "о задолженности по кредитному договору"],  # a title over two lines
        ["Справка об остатке ссудной задолженности"],
        ["Справка об отсутствии задолженности"],
        ["Справка об остатке и движении средств"],
        ["СПРАВКА", "об остатке на счёте"],
        ["Выписка по текущему счёту"],
        ["ВЫПИСКА ОПЕРАЦИЙ ПО ЛИЦЕВОМУ СЧЕТУ"],
        ["Выписка о движении денежных средств"],
        ["Акт сверки взаимных расчётов"],
        ["График платежей по кредитному договору"],
    ],
)
def test_a_statement_of_a_balance_or_a_periods_operations_is_no_payment_document(title: list[str]) -> None:
    """A debt's or an account's balance, a reconciliation, a schedule: many sums and dates, none of them «the»
    payment, whatever its lines say («Сумма к погашению», «Платежная дата»)."""
    lines = _loan_statement(title)
    assert is_statement(lines)
    assert classify(lines) == DocumentType.OTHER


@pytest.mark.parametrize(
    "lines",
    [
        # a ЖКХ bill: its debt is what it asks to pay
        [
            "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ за ноябрь 2025",
            "Лицевой счёт 1234567890",
            "Задолженность на начало периода 1 234,56",
            "Начислено за период 3 210,00",
            "Итого к оплате 4 444,56",
        ],
        # a bill whose section under its title is headed like a debt certificate
        ["Счёт-извещение за ноябрь 2025", "Справка о задолженности", "Задолженность 1 234,56", "К оплате 4 444,56"],
        ["Извещение", "Справка о задолженности на 01.11.2025: 0,00", "Сумма к оплате 4 444,56"],
        # a bank's receipt of one payment towards a loan
        ["Справка об операции", "Погашение задолженности по кредиту", "Сумма 25 000,00 ₽", "Статус: исполнен"],
        ["Чек по операции", "кредитный договор № 205714 от 04.04.2021", "Погашение кредита", "Сумма 25 000,00 ₽"],
        ["Выписка по операции по карте", "Получатель ООО «Ромашка»", "Сумма 1 234,50 ₽"],
        # an invoice with a footer «Справка» and a debt line
        [
            "Счёт на оплату № 12 от 03.11.2025",
            "Поставщик: ООО «Ромашка», ИНН 7707083893",
            "Задолженность на 01.11.2025 0,00",
            "Всего к оплате 12 000,00",
            "Справка",
            "об оплате по телефону 8 800 000-00-00",
        ],
    ],
)
def test_a_payment_document_that_speaks_of_a_debt_or_a_statement_is_still_one(lines: list[str]) -> None:
    """Only a title says the page is a statement; a bill's debt lines, a section's heading under a bill's title, one
    operation's receipt are payment documents."""
    assert not is_statement(lines)


def test_a_loan_statement_gives_no_payment_details_and_says_why() -> None:
    """The loan's sum, the certificate's date and the bank's name came back as a payment's amount, date and bank."""
    extraction = Extractor("tesseract").extract(
        text_pdf([_loan_statement(["Справка о задолженности заемщика"])]), budget_s=0
    )
    assert all(value is None for name, value in extraction.details if name != "document_type")
    assert extraction.quality is not None and extraction.quality.unread_reason == "statement"


@pytest.mark.parametrize(
    "title",
    [
        "Cправка о движении средств",  # a Latin C
        "Bыписка по счёту дебетовой карты",  # a Latin B
        "BЫПИCKA OПEPAЦИЙ ПO ЛИЦEBOMУ CЧETУ",  # capitals, half of them Latin
        "Aкт cверки взаимных расчётов",
    ],
)
def test_a_statements_title_in_ocrs_latin_look_alikes_is_still_its_title(title: str) -> None:
    """OCR reads a Cyrillic С, В, А, Е, О, Р as the Latin letter drawn the same: the title still says what the page
    is."""
    lines = [*_statement_head(title), *_statement_rows("3836012587")[1:]]
    assert is_statement(lines)
    assert classify(lines) == DocumentType.OTHER


_COVER_LETTER = [
    "ООО «Звезда Банк»",
    "Уважаемый Пётр Сергеевич!",
    "Направляем документы по вашему запросу от 20.03.2025.",
    "Приложение: на 2 л.",
]
"""A bank's cover letter, the first page of a statement's PDF."""


def test_a_statement_whose_title_is_on_its_second_page_is_a_statement() -> None:
    """Its operations' sums, dates and parties are nobody's payment wherever its title stands."""
    statement = [*_statement_head("Выписка по счёту дебетовой карты"), *_statement_rows("3836012587")[1:]]
    assert is_statement_document([_COVER_LETTER, statement])
    extraction = Extractor("tesseract").extract(text_pdf([_COVER_LETTER, statement]), budget_s=0)
    assert (extraction.details.amount, extraction.details.recipient_inn) == (None, None)
    assert extraction.quality is not None and extraction.quality.unread_reason == "statement"


def test_a_payment_document_that_a_statements_page_follows_is_still_that_document() -> None:
    receipt = ["Чек по операции", "Перевод по СБП", "Получатель ООО «Ромашка»", "ИНН 7707083893", "Сумма 1 234,50 ₽"]
    statement = [*_statement_head("Выписка по счёту дебетовой карты"), *_statement_rows("3836012587")[1:]]
    assert not is_statement_document([receipt, statement])
    extraction = Extractor("tesseract").extract(text_pdf([receipt, statement]), budget_s=0)
    assert extraction.details.recipient_inn == "7707083893"
