"""A bill's total less what is set off against it (an advance paid, a prepayment, a discount): «Итого» over a
deduction's row over «Всего к оплате», the sum due where the two figures differ (text as OCR reads the pages)."""

from __future__ import annotations

from model.fields import extract_candidates
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, Source

SECURITY_BILL_TESSERACT = [
    "Счёт на оплату № 2268 от «19» октября 2026 г. |",
    "| | [беркчества Onpaira объект? (Пост 244) за СКТРАрЬ 2026 (25 = $ 201,06 $2 0,00 99 750,09",
    "Итого: 105 200,00",
    "| В том числе НДС (20%): [7 533,33",
    "Зачтеню авянсом: 31 560,00",
    "| Всего к оплате: 75 640 |",
    "Висго наяиенонаций 2, ла сумму 105 200,00 руб. =",
]
SECURITY_BILL_INDRA = [
    "Счёт на оплату № 2268 от «19» октября 2026 г.",
    "Фезгчестай охраня объекта (посе 24 ч) за сктяйрь 2026. 25 сут 4 2001,00 5.250,00 99.750,00",
    "Итoго: 105 200,00",
    "Вто числе НДС (20%): 17 533,33",
    "Зачтено авансом: 31 560,00",
    "Всего к оплате: 73 640,00",
    "Восго наименонаций 2, на сумжу 105 200,00 руб.",
]
"""A security firm's 1C bill with an advance set off (bench/layouts r16 security-company-bill, r16_invoice_03_hard):
both readers read «Итого» and 1C's «Всего наименований …, на сумму» alike, only Indra read «Всего к оплате» right."""


def _pooled(tesseract: list[str], indra: list[str]) -> tuple[str | None, CheckStatus]:
    pooled = pool_readings(extract_candidates(tesseract), extract_candidates(indra, Source.INDRA))
    details, checks = resolve(pooled, DocumentType.INVOICE)
    return details.amount, checks["amount"].status


def test_the_sum_due_that_the_total_less_the_advance_makes_wins_over_the_total_both_readers_read() -> None:
    assert _pooled(SECURITY_BILL_TESSERACT, SECURITY_BILL_INDRA) == ("73640.00", CheckStatus.UNVERIFIED)


def test_the_sum_due_wins_whichever_reader_read_it_right() -> None:
    swapped_tesseract = [line.replace("75 640 |", "73 640,00 |") for line in SECURITY_BILL_TESSERACT]
    swapped_indra = [line.replace("73 640,00", "75 640,00") for line in SECURITY_BILL_INDRA]
    assert _pooled(swapped_tesseract, swapped_indra)[0] == "73640.00"


def test_a_discount_row_between_the_total_and_the_sum_due_also_sets_it_off() -> None:
    tesseract = ["Итого: 12 000,00", "Скидка: 1 200,00", "Итого к оплате: 10 300,00"]
    indra = ["Итого: 12 000,00", "Скидка: 1 200,00", "Итого к оплате: 10 800,00"]
    assert _pooled(tesseract, indra)[0] == "10800.00"


def test_a_sum_due_that_the_deduction_does_not_make_is_not_raised() -> None:
    # neither reading of «Всего к оплате» is the total less the advance: the agreed total keeps its place
    indra = [line.replace("73 640,00", "78 640,00") for line in SECURITY_BILL_INDRA]
    assert _pooled(SECURITY_BILL_TESSERACT, indra)[0] == "105200.00"


def test_one_reader_alone_keeps_its_sum_due() -> None:
    details, checks = resolve(extract_candidates(SECURITY_BILL_INDRA, Source.INDRA), DocumentType.INVOICE)
    assert details.amount == "73640.00"
    assert checks["amount"].status == CheckStatus.UNVERIFIED
