"""Bank statements as a bank's app or site prints them: a table of operations, each with its moment and its document
number, under the bank's own header. Not a payment document; each test is one class of mistake the real-documents
check (bench/real, the fifth held-out batch) found; the lines are written afresh, with made-up numbers."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates, is_statement
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
