"""Transfer classes the tenth round of ``bench/layouts`` showed, each a test of its own (text as a PDF's layer or OCR
reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates, is_statement
from model.pipeline import Extractor
from model.resolve import resolve
from model.schema import DocumentType, PaymentDetails, Source
from tests.text_pdfs import text_pdf


def _details(lines: list[str], source: Source = Source.PDF) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines, source), classify(lines), source)
    return details


LABELLED_ORDER = [
    "ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № 475",
    "от 09.05.2026 Вид платежа: электронно",
    "Сумма 7 191,36 RUR",
    "Сумма прописью Семь тысяч сто девяносто один рубль 36 копеек",
    "Плательщик Соловьёв Дмитрий Андреевич",
    "Счёт плательщика 40817810609848731839",
    "Банк плательщика АО «Райффайзенбанк» г. Москва, БИК 044525700",
    "Получатель АО «Полимер-М»",
    "ИНН / КПП получателя 5688659952 / 568843001",
    "Счёт получателя 40702810255348269672",
    "Банк получателя ФИЛИАЛ БАНКА ВТБ (ПАО) В Г. СТАВРОПОЛЕ",
    "БИК 040702788",
    "Корр. счёт 30101810100000000788",
    "Назначение платежа Оплата по счёту № 593 от 02.05.2026 за стройматериалы",
]


@pytest.mark.parametrize("source", [Source.PDF, Source.OCR])
def test_a_payment_order_printed_as_rows_labelled_one_space_from_their_values_is_read_by_its_labels(
    source: Source,
) -> None:
    """«Получатель АО …», «Счёт получателя 4070…»: a list of labelled rows, though its «Сумма прописью» is a cell the
    form's grid prints too. Read as a grid, the payee's name became its bank's, and the payer's row with the sum
    was blanked as the grid's payer block."""
    details = _details(LABELLED_ORDER, source)
    assert details.bank_name == "ФИЛИАЛ БАНКА ВТБ (ПАО) В Г. СТАВРОПОЛЕ"
    assert details.recipient_name == "АО «Полимер-М»"
    assert details.payer_name == "Соловьёв Дмитрий Андреевич"
    assert details.amount == "7191.36"


@pytest.mark.parametrize("mark", ["RUB", "руб."])
def test_a_sum_alone_on_its_line_with_the_roubles_code_is_the_amount(mark: str) -> None:
    """«7 191,36 RUB» under a transfer's status. Not RUR alone on its line (``normalize.CURRENCY_MARK`` says why)."""
    lines = ["Перевод выполнен", f"7 191,36 {mark}", "Получатель", "Иван Иванович И.", "Дата операции 09.05.2026"]
    details = _details(lines, Source.OCR)
    assert (details.amount, details.currency) == ("7191.36", "RUB")


STATEMENT_HEAD = [
    'РФ АО "Россельхозбанк" "ЦРМБ"',
    "БИК 044525430 Дата формирования: 04.06.2026",
    "ВЫПИСКА ПО СЧЁТУ",
    "за период с 01.05.2026 по 31.05.2026",
    "Клиент: ИП Кузнецов Михаил Николаевич, ИНН 280712980846",
    "Счёт: 40802810833652795840 Валюта: RUB",
    "Входящий остаток: 119 483,00",
    "Дата № док. Контрагент Назначение платежа Приход Расход",
]
ONE_DEBIT = [
    "16.05.2026 275 ПАО «Зелёный Квартал»",
    "ИНН 1056809204 КПП 105601001",
    "Сч. 40702810569454192803",
    "БИК 049514608",
    "Оплата по договору аренды № 66 за май. Без НДС 49 503,00",
]
STATEMENT_FOOT = [
    "Обороты за период: приход 0,00 расход 49 503,00",
    "Исходящий остаток: 69 980,00",
    "Банк получателя: АБАКАНСКОЕ ОТДЕЛЕНИЕ N8602 ПАО СБЕРБАНК, к/с 30101810500000000608",
]
ONE_DEBIT_READ = {
    "document_type": "bank_transfer",
    "recipient_name": "ПАО «Зелёный Квартал»",
    "recipient_inn": "1056809204",
    "recipient_kpp": "105601001",
    "recipient_account": "40702810569454192803",
    "bank_name": "АБАКАНСКОЕ ОТДЕЛЕНИЕ №8602 ПАО СБЕРБАНК",  # a Latin N before a number in a Russian name is its №
    "bank_bic": "049514608",
    "bank_corr_account": "30101810500000000608",
    "amount": "49503.00",
    "currency": "RUB",
    "payment_date": "2026-05-16",
    "purpose": "Оплата по договору аренды № 66 за май. Без НДС",
    "payer_name": "ИП Кузнецов Михаил Николаевич",
}


def test_a_statement_whose_only_operation_is_a_debit_is_that_payments_record() -> None:
    """One debit in the period, the turnover confirming it: the row's counterparty is the recipient, its debit the
    amount, its date the payment's (not the period's bounds nor the day the statement was formed), the client the
    payer; the header's БИК, account and ИНН are the payer's and its bank's, and are not read."""
    extraction = Extractor("tesseract").extract(text_pdf([STATEMENT_HEAD + ONE_DEBIT + STATEMENT_FOOT]), budget_s=0)
    read = {name: value for name, value in extraction.details.model_dump().items() if value is not None}
    assert read == ONE_DEBIT_READ
    assert extraction.quality is not None and extraction.quality.unread_reason is None


def test_a_one_debit_statements_columns_read_on_one_line_are_parted() -> None:
    """A photo's OCR reads the name's and the purpose's columns on the date's line, the table's rules as bars."""
    row = [
        "| 16.05.2026 | 275 | ПАО «Зелёный Квартал» Оплата по договору аренды № 66 за май. Без НДС | 49 503,00 | |",
        "| ИНН 1056809204 КПП 105601001 | |",
        "| Cu. 40702810569454 192803 | |",
        "| БИК 049514608 | | |",
    ]
    details = _details(STATEMENT_HEAD + row + STATEMENT_FOOT, Source.OCR)
    assert details.recipient_name == "ПАО «Зелёный Квартал»"
    assert details.purpose == "Оплата по договору аренды № 66 за май. Без НДС"
    assert (details.recipient_account, details.amount) == ("40702810569454192803", "49503.00")


SECOND_OPERATION = ["20.05.2026 281 ООО «Ромашка»", "ИНН 7707083893", "Оплата товара 1 000,00"]


@pytest.mark.parametrize(
    ("rows", "foot"),
    [
        (ONE_DEBIT + SECOND_OPERATION, ["Обороты за период: приход 0,00 расход 50 503,00", *STATEMENT_FOOT[1:]]),
        (ONE_DEBIT, ["Обороты за период: приход 49 503,00 расход 0,00", *STATEMENT_FOOT[1:]]),
        (ONE_DEBIT, STATEMENT_FOOT[1:]),
    ],
    ids=["two operations", "a credit", "no turnover printed"],
)
def test_a_statement_of_several_operations_or_a_credit_invents_no_payment(rows: list[str], foot: list[str]) -> None:
    """Several rows, a credit, or no turnover to confirm the row is the one debit: still a statement, read as none."""
    lines = STATEMENT_HEAD + rows + foot
    assert is_statement(lines)
    assert classify(lines) == DocumentType.OTHER
    extraction = Extractor("tesseract").extract(text_pdf([lines]), budget_s=0)
    assert extraction.details.model_dump(exclude_none=True) == {"document_type": "other"}
    assert extraction.quality is not None and extraction.quality.unread_reason == "statement"


OWN_ACCOUNTS_SBP = [
    "Перевод себе",
    "через СБП",
    "80 000,27 руб.",
    "Успешно",
    "Откуда",
    "Дебетовая карта ·· 6310",
    "{where}",
    "Отправитель",
    "Андрей Сергеевич С.",
    "Получатель",
    "Андрей Сергеевич С.",
    "Дата и время",
    "19.02.2026, 10:22",
]


@pytest.mark.parametrize(
    ("where", "bank"),
    [
        ("Куда\nМКБ, счёт -. 3187", "МКБ"),
        ("Куда: Почта Банк, счёт ·· 7312", "Почта Банк"),
        ("Куда\nВклад Накопительный, счёт ·· 7312", None),
        ("Куда\nИван И., счёт ·· 7312", None),
    ],
)
def test_the_bank_of_the_account_a_transfer_went_to_is_the_recipients_bank(where: str, bank: str | None) -> None:
    """«Куда» over «МКБ, счёт ·· 3187» on a transfer to one's own account in another bank: the bank that holds it.
    A deposit's or a person's name before the masked account is no bank's."""
    lines = "\n".join(OWN_ACCOUNTS_SBP).format(where=where).splitlines()
    assert _details(lines, Source.OCR).bank_name == bank


@pytest.mark.parametrize("mark", ["RUR", "₽"])
def test_a_figure_alone_under_a_fees_caption_is_no_amount(mark: str) -> None:
    """«Сумма комиссии, включая НДС» over «49,20 RUR»: the fee's row, whose figure is not the payment's sum printed
    large atop a bank's receipt, whichever mark of the rouble it ends with."""
    assert _details(["Сумма комиссии, включая НДС", f"49,20 {mark}"]).amount is None
