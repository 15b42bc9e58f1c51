"""The sum in words (``model.amount_words``): read only when every word is a numeral, and a rule that verifies the
amount it repeats, picks the total due among the page's sums, and refutes an amount it contradicts."""

from __future__ import annotations

import pytest

from model.amount_words import AMOUNT_IN_WORDS, read_amount_in_words
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Три тысячи семьсот семьдесят пять рублей 36 копеек"], ["3775.36"]),
        (["Сумма прописью Одна тысяча пятьсот рублей 00 копеек"], ["1500.00"]),
        (["Четыреста девяносто три рубля 00", "копеек"], ["493.00"]),
        (["Сто двенадцать тысяч", "четыреста рублей 05 коп."], ["112400.05"]),
        (["Итого: Двадцать одна тысяча руб. 50 коп."], ["21000.50"]),
        (["Всего наименований 3, на сумму 3 775,36 руб."], []),
        (["Три тысячи семьсот семъдесят пять рублей 36 копеек"], []),
        (["Оплата пятьсот рублей"], []),
    ],
    ids=["1C", "payment order", "kopecks wrapped", "words wrapped", "label", "digits", "garbled word", "no kopecks"],
)
def test_the_sum_in_words_is_read_only_when_every_word_is_a_numeral(lines: list[str], expected: list[str]) -> None:
    assert [c.value for c in read_amount_in_words(lines, Source.OCR)] == expected


INVOICE = [
    "Счет на оплату № 15 от 01.04.2025",
    "Поставщик: ООО «Ромашка»",
    "Итого: 1 000,00",
    "НДС 20%: 200,00",
    "Всего к оплате: 1 200,00",
    "Всего наименований 1, на сумму 1 200,00 руб.",
]


def test_an_invoices_total_that_the_words_repeat_is_verified() -> None:
    lines = [*INVOICE, "Одна тысяча двести рублей 00 копеек"]
    details, checks = resolve(extract_candidates(lines, Source.OCR), classify(lines))
    assert details.amount is not None and float(details.amount) == 1200
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.VERIFIED, AMOUNT_IN_WORDS)


def test_an_amount_without_words_stays_unverified() -> None:
    details, checks = resolve(extract_candidates(INVOICE, Source.OCR), classify(INVOICE))
    assert details.amount is not None and float(details.amount) == 1200
    assert checks["amount"].status == CheckStatus.UNVERIFIED


def test_two_readers_agreeing_on_the_total_before_vat_are_refuted_by_the_words() -> None:
    """«Всего к оплате» lost by both readers: «Итого» before VAT is all they read, and their agreement would verify
    it; the words name 1 200,00, which no digits read, so the amount is shown unverified with the words' sum."""
    readings = [Candidate("amount", "1000.00", source, 2.0) for source in (Source.OCR, Source.INDRA)]
    words = Candidate(AMOUNT_IN_WORDS, "1200.00", Source.OCR)
    _, checks = resolve(readings, DocumentType.INVOICE)
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.VERIFIED, "readers_agree")
    details, checks = resolve([*readings, words], DocumentType.INVOICE)
    assert details.amount == "1000.00"
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.UNVERIFIED, AMOUNT_IN_WORDS)
    assert "1200.00" in (checks["amount"].detail or "")


def test_the_words_pick_the_total_due_among_the_pages_sums() -> None:
    readings = [Candidate("amount", "1000.00", Source.OCR, 2.0), Candidate("amount", "1200.00", Source.OCR, 1.0)]
    words = Candidate(AMOUNT_IN_WORDS, "1200.00", Source.OCR)
    details, checks = resolve([*readings, words], DocumentType.INVOICE)
    assert details.amount == "1200.00"
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.VERIFIED, AMOUNT_IN_WORDS)


def test_two_sums_in_words_judge_nothing() -> None:
    """Two documents in one file, each with its sum in words: neither says which is the payment's."""
    readings = [Candidate("amount", "1000.00", Source.OCR, 2.0)]
    spelled = [Candidate(AMOUNT_IN_WORDS, value, Source.OCR) for value in ("1000.00", "1200.00")]
    _, checks = resolve([*readings, *spelled], DocumentType.INVOICE)
    assert checks["amount"].status == CheckStatus.UNVERIFIED
    assert checks["amount"].rule is None


RESTAURANT_RECEIPT = [
    "ИП Ким Вячеслав",
    "ИНН 650125159002",
    "ТОВАРНЫЙ ЧЕК",
    "Дата: 30.11.2025 19:11",
    "Сет 23 Пибимпаб с МОРЕПРОДУКТАМИ",
    "1 порц x 545,00 545,00",
    "Итого к оплате:",
    "Наличные Wan",
    "Всего наименований: в",
    "Ha суму: Девятьсот пятнадцать рублей 00 копеек.",
]
"""A restaurant's товарный чек as Tesseract reads a photo of it: the figure of «Итого к оплате» lost to blur, the
sum written out under «Всего наименований» read whole, its label «На сумму:» misread."""


def test_a_receipts_sum_in_words_after_its_label_is_the_amount_where_no_figure_was_read() -> None:
    details, checks = resolve(extract_candidates(RESTAURANT_RECEIPT, Source.OCR), classify(RESTAURANT_RECEIPT))
    assert (details.amount, details.currency) == ("915.00", "RUB")
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.UNVERIFIED, AMOUNT_IN_WORDS)
    assert checks["currency"].status == CheckStatus.UNVERIFIED


def test_the_figure_read_beside_the_words_is_verified_by_them() -> None:
    lines = [line.replace("Итого к оплате:", "Итого к оплате: 915,00") for line in RESTAURANT_RECEIPT]
    details, checks = resolve(extract_candidates(lines, Source.OCR), classify(lines))
    assert details.amount == "915.00"
    assert (checks["amount"].status, checks["amount"].rule) == (CheckStatus.VERIFIED, AMOUNT_IN_WORDS)


@pytest.mark.parametrize(
    "words",
    [
        ["Девятьсот пятнадцать рублей 00 копеек."],  # no label: a numeral may have stood on the line above
        ["Сто тысяч", "Девятьсот пятнадцать рублей 00 копеек."],  # the words' start on the line above
    ],
    ids=["no label", "line above"],
)
def test_words_give_no_amount_where_their_start_is_not_known(words: list[str]) -> None:
    lines = [*RESTAURANT_RECEIPT[:-1], *words]
    details, _ = resolve(extract_candidates(lines, Source.OCR), classify(lines))
    assert details.amount is None and details.currency is None


def test_two_sums_in_words_give_no_amount() -> None:
    lines = [*RESTAURANT_RECEIPT, "На сумму: Сто рублей 00 копеек"]
    details, _ = resolve(extract_candidates(lines, Source.OCR), classify(lines))
    assert details.amount is None
