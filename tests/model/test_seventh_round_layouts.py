"""Classes the seventh round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source
from tests.text_reading import details_of

ENERGY_BILL = [
    "АО «Волгаэнергосбыт»",
    "ИНН 3824242596 КПП 382401001 р/с 40702810459534323309",
    "МУРМАНСКОЕ ОТДЕЛЕНИЕ N8627 ПАО СБЕРБАНК БИК 044705615 к/с 30101810300000000615",
    "СЧЕТ ЗА ЭЛЕКТРОЭНЕРГИЮ за июль 2026 г.",
    "Лицевой счет: 7635496207",
    "Плательщик: Козлов Андрей Николаевич",
    "Адрес: 671934, г. Казань, ул. Набережная, д. 32, кв. 5",
    "{period}",
    "Зона Предыд. Текущ. кВт*ч Тариф Сумма",
    "День (Т1) 30324 30502 178 7.68 1367.04",
    "Ночь (Т2) 6920 7233 313 3.00 939.00",
    "Задолженность на 01.07.2026 0.00",
    "Оплачено 0.00",
    "Начислено за период 2306.04",
    "ИТОГО К ОПЛАТЕ 2306.04",
    "Оплатить до 10.08.2026",
]


def _pooled(lines: list[str]) -> list[Candidate]:
    return pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(lines, Source.INDRA))


@pytest.mark.parametrize(
    "period",
    [
        "Расчетный период: 01.07.2026 - 28.07.2026",
        "Расчетный период:   01.07.2026-28.07.2026",
        "Период с 01.07.2026 по 28.07.2026",
        "за период: 01.07.2026 — 28.07.2026",
        "01.07.2026 - 28.07.2026",
    ],
)
def test_a_periods_bounds_never_date_the_payment(period: str) -> None:
    """An energy bill for a month prints no date of its own, only its period's bounds, the balance's day and a due
    date (r7_invoice_01_clean, pooled: the period's first day verified by the two readers' agreement). A period's
    bounds are when the charges ran, not when anything was paid: the bill has no date, by one reader or two."""
    lines = [line.format(period=period) for line in ENERGY_BILL]
    assert details_of(lines).payment_date is None
    details, checks = resolve(_pooled(lines), classify(lines), Source.OCR)
    assert details.payment_date is None and checks["payment_date"].status != CheckStatus.VERIFIED
    assert details.amount == "2306.04"


def test_a_date_beside_a_period_still_dates_its_document() -> None:
    """A document dated in its own right keeps that date where a period's bounds stand elsewhere on it."""
    lines = [line.format(period="Расчетный период: 01.07.2026 - 28.07.2026") for line in ENERGY_BILL]
    lines.insert(4, "Дата 02.08.2026")
    assert details_of(lines).payment_date == "2026-08-02"


@pytest.mark.parametrize(
    "line", ["Перевод с карты *1234 12.03.2026 14:35", "12.03.2026 14:35 списано с карты", "Дата операции 12.03.2026"]
)
def test_a_date_on_a_line_that_names_no_period_still_dates_a_transfer(line: str) -> None:
    lines = ["Перевод выполнен", "Сумма 1 500,00 ₽", line, "Получатель Иван Петрович С."]
    assert details_of(lines).payment_date == "2026-03-12"


RECONCILIATION_WITH_BILL = [
    "Акт сверки",
    'взаимных расчетов за период: 01.01.2026 - 30.06.2026 между ООО «Орбита» и ООО "Байкал-Софт"',
    "Дата Документ Дебет Кредит",
    "Сальдо начальное 15 582,58",
    "16.01.2026 Оплата (п/п № 301) 122 127,87",
    "18.01.2026 Продажа (оказание услуг по договору № 116) 138 327,82",
    "15.06.2026 Оплата (п/п № 820) 118 363,89",
    "Обороты за период 713 359,75 260 988,00",
    "Сальдо конечное 467 954,33",
    "по данным ООО «Орбита» на 30.06.2026 задолженность в пользу ООО «Орбита» 467 954,33 руб.",
    "- - - - - - - - - - - - - - - - - - - -",
    'АО "РЕАЛИСТ БАНК" БИК 044525285',
    "Банк получателя Сч. № 30101810245250000285",
    "ИНН 8197499124 КПП 819701001 Сч. № 40702810434973531587",
    "ООО «Орбита»",
    "Получатель",
    "{title}",
    "Поставщик: ООО «Орбита», ИНН 8197499124, КПП 819701001, 649497, г. Новосибирск, ул. Московская, д. 31",
    'Покупатель: ООО "Байкал-Софт", ИНН 5865739020, КПП 586501001, 254492, г. Екатеринбург, ул. Ленина, д. 51',
    "№ Товары (работы, услуги) Кол-во Ед. Цена Сумма",
    "1 Оплата задолженности по акту сверки на 30.06.2026 1 шт 467 954,33 467 954,33",
    "Итого: 467 954,33",
    "В том числе НДС: 77 992,39",
    "Всего к оплате: 467 954,33",
]


@pytest.mark.parametrize("title", ["Счет на оплату № 1163 от 16 июля 2026 г.", "Счёт на оплату №1163 от 16.07.2026"])
def test_an_act_of_reconciliation_with_its_bill_attached_is_that_bill(title: str) -> None:
    """1C's «Акт сверки» with the «Счёт на оплату № …» of its closing balance under a cut line, one PDF
    (r7_invoice_00 and _04: called «other» and read empty at every level, the text layer included). The act alone is a
    statement, whose sums and dates answer no «which payment»; the numbered bill under it is what is paid."""
    details = details_of([line.format(title=title) for line in RECONCILIATION_WITH_BILL])
    assert details.document_type == DocumentType.INVOICE
    assert (details.amount, details.payment_date) == ("467954.33", "2026-07-16")
    assert (details.recipient_name, details.recipient_inn) == ("ООО «Орбита»", "8197499124")
    assert details.recipient_account == "40702810434973531587" and details.bank_bic == "044525285"


@pytest.mark.parametrize(
    "line",
    ["Оплата по счету на оплату № 1163 от 16.07.2026", "1 Счет на оплату № 1163 467 954,33", "{title}"],
    ids=["a purpose that names a bill", "a row that names a bill", "no bill at all"],
)
def test_an_act_of_reconciliation_alone_is_still_no_payment_document(line: str) -> None:
    """Without a numbered bill's title opening its own line, the act stays a statement: nothing is read from it."""
    act = [*RECONCILIATION_WITH_BILL[:10], line.format(title="")]
    assert details_of(act).document_type == DocumentType.OTHER


@pytest.mark.parametrize("written_off", ["−64 618 ₽", "-64 618 ₽", "— 64 618 ₽", "–64 618,00 ₽"])
def test_an_apps_sum_written_off_with_a_minus_is_the_amount(written_off: str) -> None:
    """A ВТБ-like СБП screen and an e-wallet print the sum alone under the status, with a minus
    (r7_transfer_00/04/07: no amount at any level, by either reader): the minus says it was written off."""
    screen = ["Перевод выполнен", written_off, "Перевод по номеру телефона (СБП)", "Получатель", "Роман Петрович П."]
    details = details_of([*screen, "Комиссия", "0 ₽", "Дата и время", "04.04.2026, 22:01"])
    assert details.amount == "64618.00"


WEB_BANK_PRINT = [
    "09.01.2026, 15:39 Интернет-банк — Детали платежа",
    "Платёжное поручение № 449",
    "Статус Исполнен",
    "{created}",
    "{executed}",
    "Плательщик ИП Попов Роман Петрович",
    "Получатель ПАО «Старт-Сервис»",
    "ИНН получателя 3629190802",
    "Сумма 51 753,00 руб.",
    "Комиссия 0,00 руб.",
]


@pytest.mark.parametrize(
    ("created", "executed"),
    [
        ("Дата создания 03.01.2026 10:39", "Дата исполнения 04.01.2026"),
        ("Дата исполнения 04.01.2026", "Дата создания 03.01.2026 10:39"),
        ("Дата создания 03.01.2026 10:39", "Дата списания 04.01.2026"),
    ],
    ids=["created first", "executed first", "debited"],
)
def test_a_web_banks_payment_is_dated_when_it_was_executed(created: str, executed: str) -> None:
    """A web bank's print of a payment order states when it was created and when the bank executed it
    (r7_transfer_01, clean: dated by «Дата создания»): the payment was made on its execution's date."""
    lines = [line.format(created=created, executed=executed) for line in WEB_BANK_PRINT]
    assert details_of(lines).payment_date == "2026-01-04"


def test_a_created_date_alone_still_dates_the_payment() -> None:
    """A print that states only when the payment was created is dated by it."""
    lines = [line.format(created="Дата создания 03.01.2026 10:39", executed="") for line in WEB_BANK_PRINT]
    assert details_of(lines).payment_date == "2026-01-03"


POST_OFFICE_TAPE = [
    "АО «ПОЧТА РОССИИ»",
    "ОПС 198462",
    "ПОЧТОВЫЙ ПЕРЕВОД",
    "Перевод № 71312168086602",
    "Отправитель: Волков Алексей Сергеевич",
    "Получатель: Соколов Роман Петрович",
    "Сумма перевода 34377.64",
    "{fee}",
    "{total}",
    "ПОЛУЧЕНО =36000.00",
    "СДАЧА =977.94",
]


@pytest.mark.parametrize(
    ("fee", "total"),
    [
        ("Плата за перевод 644.42", "итого =35022. 06"),
        ("Плата за перевод 944.42", "ИТОГО =35022.06_"),
        ("Плата за перевод 644.42", "ИТОГО =35022.06"),
    ],
    ids=["the total's kopecks lost", "the fee misread", "read right"],
)
def test_a_post_offices_total_under_its_fee_is_not_the_sum_sent(fee: str, total: str) -> None:
    """A post office's tape prints the sum sent, the fee and «ИТОГО» of both (r7_transfer_02/06 photo: «ИТОГО» taken
    for the amount where OCR misread the fee's digits or lost the total's kopecks, so the two no longer added up):
    the total under the fee's row, itself under the sum's, is that sum and the fee by the rows' order."""
    lines = [line.format(fee=fee, total=total) for line in POST_OFFICE_TAPE]
    assert details_of(lines).amount == "34377.64"


def test_a_total_with_no_sum_over_its_fee_is_still_the_amount() -> None:
    """Without the sum sent over the fee's row, a total under the fee says nothing of what it holds."""
    lines = [line.format(fee="Плата за перевод 644.42", total="ИТОГО =35022.06") for line in POST_OFFICE_TAPE]
    lines.remove("Сумма перевода 34377.64")
    assert details_of(lines).amount == "35022.06"
