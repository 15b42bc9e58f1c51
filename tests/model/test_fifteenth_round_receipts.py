"""Classes the fifteenth round of ``bench/layouts`` showed on its receipts (a post office's tape of a housing bill
accepted as a payment agent, a sole trader's «ТОВАРНЫЙ ЧЕК» filled in by hand), each a test of its own (text as OCR
reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import DocumentType, PaymentDetails, Source

POST_TAPE = [
    "ПОЧТА РОССИИ",
    "АО «Почта России»",
    "ОПС 216614",
    "ИНН 7724490000",
    "КАССОВЫЙ ЧЕК / ПРИХОД",
    "ЧЕК № 526 СМЕНА № 92",
    "13.10.2026 18:59",
    "Оператор: Морозов Н.",
    "1. ПРИЕМ ПЛАТЕЖЕЙ ЗА ЖКУ",
    "1 x 2101.95 =2101.95",
    "НДС не облагается",
    "ПРИЗНАК АГЕНТА: ПЛАТЕЖНЫЙ АГЕНТ",
    "ПОСТАВЩИК: 000 «УК Байкал-Софт»",
    "ИНН ПОСТАВЩИКА: 5005696461",
    "ТЕЛ. ПОСТАВЩИКА: +77159978589",
    "P/C: 40702810754388655704",
    "БИК: 044525147",
    "ЛИЦ. СЧЕТ: 91954065",
    "ПЕРИОД: 09.2026",
    "итог =2101.95",
    "НАЛИЧНЫМИ =2101.95",
    "ОПЕРАЦИЯ ПЛАТЕЖНОГО АГЕНТА: ПРИЕМ ПЛАТЕЖЕЙ",
    "ФН 8710885181231875",
    "ФД 12855",
    "ФП 3298979950",
]
"""A post office's tape of a housing bill paid at its counter (bench/layouts r15 post-housing-payment-tape): the post
is the payment agent and the register's owner; its principal, a management company, is printed with its ИНН, its
account and its bank's БИК."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_payment_agents_tape_is_paid_to_the_agent() -> None:
    details = _details(POST_TAPE)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert (details.recipient_name, details.recipient_inn) == ("АО «Почта России»", "7724490000")
    assert details.amount == "2101.95"


def test_a_principals_account_and_bik_are_not_the_recipients() -> None:
    """The principal's account and БИК pass their key together, but the receipt's recipient is the register's owner:
    a record with the agent's name and the principal's account would mix two parties."""
    details = _details(POST_TAPE)
    assert (details.recipient_account, details.bank_bic, details.bank_corr_account) == (None, None, None)


@pytest.mark.parametrize(
    "opening",
    ["ДАННЫЕ ПОСТАВЩИКА: 000 «УК Байкал-Софт»", "wk: 000 «УК Байкал-Софт»"],
    ids=["«Данные поставщика»", "its label misread"],
)
def test_a_principals_block_under_another_opening_keeps_its_bank(opening: str) -> None:
    """The block opens with «Данные поставщика», or with its ИНН's own label where OCR garbled the name's."""
    lines = [opening if line.startswith("ПОСТАВЩИК") else line for line in POST_TAPE]
    details = _details(lines)
    assert (details.recipient_account, details.bank_bic) == (None, None)
    assert details.recipient_inn == "7724490000"


def test_a_receipt_with_its_own_bank_over_its_items_keeps_it() -> None:
    """The register owner's own requisites printed in its head, above the items, are the recipient's."""
    lines = [*POST_TAPE[:4], "Р/С 40702810754388655704", "БИК 044525147", *POST_TAPE[4:12], *POST_TAPE[19:]]
    details = _details(lines)
    assert (details.recipient_account, details.bank_bic) == ("40702810754388655704", "044525147")


SALES_SLIP = [
    "ИП Васильев Игорь Юрьевич",
    "ИНН 505017078431 ОГРНИП 316235413870201",
    "529913, г. Пермь, ул. Школьная, д. 85",
    "ТОВАРНЫЙ ЧЕК № 16 от « 13» августа 2026 г.",
    "№ Наименование товара Ед. Кол-во Цена Сумма",
    "1 Саморезы по дереву уп 4 200 800",
    "2 Смеситель для кухни шт 3 2110 6330",
    "Итого: 7130 р. 00 к.",
    "Сумма прописью: Семь тысяч сто",
    "тридцать рублей 00 копеек",
    "Продавец иЛье в/ Васильев Ю ИльЕВ и. Ю.",
    "Товар получен, претензий к качеству и комплектации не имею. Покупатель",
]
"""A sole trader's «ТОВАРНЫЙ ЧЕК» filled in by hand (bench/layouts r15 handwritten-sales-slip): the ИП over its ИНН at
the head, «Итого» and the sum in words, then the seller's signature row «Продавец ____ Васильев / И. Ю. /» under the
round seal, which OCR reads as a scrawl."""


def test_a_sales_slip_is_a_cash_receipt_paid_to_the_trader_at_its_head() -> None:
    details = _details(SALES_SLIP)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert (details.recipient_name, details.recipient_inn) == ("ИП Васильев Игорь Юрьевич", "505017078431")
    assert details.amount == "7130.00"


@pytest.mark.parametrize(
    "signature",
    ["Продавец Зайцев afer A, Ah.", "Продавец Козл T Козины 1,10,", "Продавец: Васильев] Васильев"],
)
def test_a_signature_row_under_the_sum_names_no_seller(signature: str) -> None:
    """«Продавец ____ surname / initials /» under the sum is the slip's signature row: the hand that signed, not the
    business paid."""
    lines = [signature if line.startswith("Продавец") else line for line in SALES_SLIP]
    assert _details(lines).recipient_name == "ИП Васильев Игорь Юрьевич"


def test_a_signature_row_under_the_sum_in_words_alone_names_no_seller() -> None:
    """«Итого» and the caption «Сумма прописью» misread: the words' end «… рублей 00 копеек» still states the sum, and
    the row under it signs; nor is that end a name over a caption."""
    lines = [
        line.replace("Итого", "110r0").replace("прописью", "пронисью").replace("Продавец иЛье в/", "Продавец – ___")
        for line in SALES_SLIP
    ]
    assert _details(lines).recipient_name == "ИП Васильев Игорь Юрьевич"


def test_a_seller_named_with_its_legal_form_under_the_sum_is_kept() -> None:
    """A receipt that names its seller, a company, under the total: a name, not a signature."""
    lines = ["Кассовый чек", "Приход", "Итого 2 499,00", 'Продавец: ООО "Звезда"', "ИНН 7707083893"]
    assert _details(lines).recipient_name == 'ООО "Звезда"'


@pytest.mark.parametrize("total", ["Итого: 4/30 р. 90x.", "Итого: 7/3 Op. Ок.", "Итого: 41 30 p. Ок."])
def test_a_handwritten_total_read_with_its_figure_broken_gives_no_amount(total: str) -> None:
    """A hand's «1» read as a slash («4/30» for 4130) or a space put into its digits before «р.» («41 30 p.»): the
    figure before the break is no sum (4.00, 41.00), and no reading of the rest says where the roubles end."""
    lines = [total if line.startswith("Итого") else line for line in SALES_SLIP if "рублей" not in line]
    assert _details(lines).amount is None


def test_a_screens_sum_whose_comma_was_lost_keeps_its_kopecks() -> None:
    """A bank's screen «Сумма 300 00 p» (a real Альфа-Банк SBP transfer): no kopecks follow the unit, so the two
    digits before it are the kopecks, not a hand's figure broken by a space."""
    lines = [
        "Перевод по СБП",
        "Счёт отправителя: 40817810905612797042",
        "Сумма 300 00 p",
        "Получатель Дмитрий Станиславович И",
        "Дата отправки перевода: 05.06 2023 19:35:21",
    ]
    assert _details(lines).amount == "300.00"


def test_a_handwritten_total_in_roubles_and_kopecks_is_read() -> None:
    lines = ["Итого: 4130 р. 00x." if line.startswith("Итого") else line for line in SALES_SLIP]
    assert _details(lines).amount == "4130.00"


TAXI_RECEIPT = [
    "Кассовый чек. БСО. Приход",
    "Услуга по перевозке пассажира",
    "1 × 560.00 560.00 ₽",
    "Поставщик: ИП Соколов Дмитрий Олегович",
    "ИНН поставщика: 503612345678",
    "Признак агента: поверенный · Без НДС",
    "Итог 560.00 ₽",
    "Безналичными 504.00 ₽",
    "Встречным предоставлением (баллы) 56.00 Р",
    "Пользователь ООО «Таксопарк Радуга»",
    "ИНН 1482768990",
    "ФН 7281440500123456",
]
"""A taxi's receipt (bench/layouts r9 taxi-bso-mail): the agent's sign printed after its principal, over «Итог»."""


def test_an_agents_sign_after_its_principal_opens_no_block_over_the_total() -> None:
    """The line after the sign is the total: the register's owner under it is the recipient, not the principal's."""
    details = _details(TAXI_RECEIPT)
    assert (details.recipient_name, details.recipient_inn) == ("ООО «Таксопарк Радуга»", "1482768990")
