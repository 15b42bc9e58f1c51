"""Classes the fifteenth round of ``bench/layouts`` showed on its bills (an insurer's bill for a premium, a car
service's work order with its bill, a marketplace's bill printed from a browser), each a test of its own (text as
OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails

INSURERS_INN = "4159379502"
POLICYHOLDERS_INN = "3333640179"

INSURANCE_BILL = [
    "САО «Северная Страховая»",
    "Получатель САО «Северная Страховая»",
    f"ИНН / КПП {INSURERS_INN} | 415901001",
    "Расчётный счёт 40701810834701332787",
    "СЧЕТ № Ф-70071 от 8 февраля 2026 г.",
    "на оплату страховой премии",
    "Страхователь: Лебедев Дмитрий Николаевич",
    "Адрес: 442150, г. Казань, ул. Победы, д. 58",
    "Итого к оплате: 95 928,30 руб.",
    "Назначение платежа: Оплата страховой премии по полису ОСАГО и КАСКО ТТТ № 7438469605, страхователь Лебедев "
    "Дмитрий",
    "Николаевич. НДС не облагается",
    "Представитель страховщика | Зайцев А. И. |",
]
"""An insurer's bill for an ОСАГО and КАСКО premium (bench/layouts r15 insurance-premium-bill, r15_invoice_00_clean):
the policyholder, «Страхователь», is who pays; the purpose wrapped before the policyholder's patronymic."""

CAR_SERVICE_BILL = [
    "Автосервис «Старт-Сервис»",
    'ООО "Альфа-Строй", 677735, г. Екатеринбург, ул. Школьная, д. 38, оф. 357',
    "ЗАКАЗ-НАРЯД № 9579",
    "СЧЁТ НА ОПЛАТУ № 9579 от 25.03.2026",
    "Дата приёма: 21.03.2026 16:00",
    "Дата выдачи: 25.03.2026",
    "Заказчик: Волков Игорь Олегович, тел. +7 909 457-09-81",
    "Пробег: 224094 км",
    "ВСЕГО К ОПЛАТЕ: 17 206,00 руб.",
]
"""A car service's work order with its bill (bench/layouts r15 car-service-work-order-bill, r15_invoice_01_clean):
«Дата приёма» is the day the car came in, days before the bill."""

MARKETPLACE_BILL = [
    "10.11.2026, 08:20 Счёт на оплату — Полка для бизнеса",
    "ПОЛКА ДЛЯ БИЗНЕСА",
    "Счёт на оплату № 804852845-0008 от 2026-11-08",
    "Поставщик ООО «Полка Интернет Решения», ИНН 4966656058, КПП 496601001, 419667, г. Самара,",
    "Покупатель АО «Светлый Дом», ИНН 8385771816, КПП 838501001",
    "Всего к оплате: 18 389,00 P",
]
"""A marketplace's bill to a firm printed from the browser (bench/layouts r15 marketplace-business-bill,
r15_invoice_05_clean): the browser's header, the moment of printing and the page's title, atop the page."""


def _resolved(lines: list[str]) -> PaymentDetails:
    return resolve(extract_candidates(lines), classify(lines), None)[0]


def test_the_policyholder_is_the_payer() -> None:
    assert _resolved(INSURANCE_BILL).payer_name == "Лебедев Дмитрий Николаевич"


def test_the_policyholder_without_a_colon_is_the_payer() -> None:
    lines = [line.replace("Страхователь:", "Страхователь") for line in INSURANCE_BILL]
    assert _resolved(lines).payer_name == "Лебедев Дмитрий Николаевич"


def test_an_inn_after_the_policyholders_caption_is_the_payers() -> None:
    lines = ["СЧЁТ № 5 от 01.06.2026", f"Страхователь: ООО «Орбита», ИНН {POLICYHOLDERS_INN}", "Итого к оплате: 500,00"]
    assert POLICYHOLDERS_INN not in {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}


def test_a_purpose_wrapped_before_the_patronymic_goes_on() -> None:
    assert _resolved(INSURANCE_BILL).purpose == (
        "Оплата страховой премии по полису ОСАГО и КАСКО ТТТ № 7438469605, страхователь Лебедев Дмитрий Николаевич. "
        "НДС не облагается"
    )


def test_a_purpose_wrapped_before_the_policyholders_word_goes_on() -> None:
    """«…, страхователь Зайцев Евгений Сергеевич» on the purpose's second line (r15_invoice_03_clean): the role's word
    in lower case inside a sentence is the purpose's, no caption of a row of its own."""
    lines = [
        "Назначение платежа: Оплата страховой премии по полису ОСАГО и КАСКО ААС № 8495336452,",
        "страхователь Зайцев Евгений Сергеевич. НДС не облагается",
        "Страхователь: Зайцев Евгений Сергеевич",
    ]
    details = _resolved(lines)
    assert details.purpose is not None
    assert details.purpose.startswith("Оплата страховой премии")
    assert details.purpose.endswith("страхователь Зайцев Евгений Сергеевич. НДС не облагается")
    assert details.payer_name == "Зайцев Евгений Сергеевич"


def test_the_cars_intake_date_is_not_the_bills() -> None:
    assert _resolved(CAR_SERVICE_BILL).payment_date == "2026-03-25"


@pytest.mark.parametrize("title", ["ЗАКАЗ-НАРЯД № 9579", "Заказ-наряд № 9579", "НАРЯД-ЗАКАЗ № 9579"])
def test_a_work_orders_intake_date_is_never_the_payments(title: str) -> None:
    lines = [title, "Дата приёма: 21.03.2026 16:00", "Итого к оплате: 500,00"]
    assert _resolved(lines).payment_date is None


def test_a_post_offices_reception_date_is_still_the_payments() -> None:
    """A postal money order's «Дата приёма» is the day the post office took the money (no work order on the page)."""
    lines = ["ПОЧТОВЫЙ ПЕРЕВОД", "Дата приёма: 05.03.2026", "Сумма: 500,00"]
    assert _resolved(lines).payment_date == "2026-03-05"


def test_a_browsers_print_header_does_not_date_the_bill() -> None:
    assert _resolved(MARKETPLACE_BILL).payment_date == "2026-11-08"


WORKSHOP_REQUISITES = [
    "Реквизиты для оплаты: ИП Соловьёв Алексей Андреевич, ИНН 156459444221",
    'р/с 40802810065674331672 в ф-л ПАО "Банк "Санкт-Петербург" в г.Москве, БИК 044525142, к/с 30101810045250000142',
    "ВСЕГО К ОПЛАТЕ: 16 290,00 руб.",
]
"""A workshop's requisites at the foot of its bill (r15_invoice_07_photo, the head with the payee's name lost): the
payee and its ИНН after «Реквизиты для оплаты:», its bank a branch the directory shortens to «ф-л»."""


def test_a_bank_branch_shortened_to_f_l_is_the_bank() -> None:
    assert _resolved(WORKSHOP_REQUISITES).bank_name == 'ф-л ПАО "Банк "Санкт-Петербург" в г.Москве'


def test_the_name_before_its_inn_under_the_requisites_caption_is_the_payees() -> None:
    assert _resolved(WORKSHOP_REQUISITES).recipient_name == "ИП Соловьёв Алексей Андреевич"


def test_the_requisites_caption_over_an_account_names_nobody() -> None:
    lines = ["Реквизиты для оплаты:", *WORKSHOP_REQUISITES[1:]]
    assert _resolved(lines).recipient_name is None


@pytest.mark.parametrize(
    "lines",
    [
        # a bill's title over two lines, a photo's specks before the second (r15_invoice_00_hard)
        ["ЧАН ° - , СЧЕТ № @-70071 от 8 февраля 2026г. =‘ ть", "и e3 4 на оплату страховой премии : : РЕ"],
        # a bill's number in a series, specks before the title (r15_invoice_03_hard, r15_invoice_06_hard)
        ["а _ СЧЕТ № СП-52346 от «16» марта 2026г. .. =.", "Страхователь Зайцев Евгений Сергеевич"],
        ["к SS eam СЧЁТ№ 0С-37627 от 2026-05-08 те |", "Страхователь: Павлов Игорь Викторович"],
    ],
)
def test_an_insurers_bill_read_through_specks_is_a_bill(lines: list[str]) -> None:
    assert classify(lines) == "invoice"


def test_a_bank_whose_bik_ran_into_its_name_is_not_read() -> None:
    """r15_invoice_07_hard: the «БИК» caption blurred, the name's end with it; the БИК's digits mark the misreading."""
    lines = ['р/с 40802810065674331672 в ф-л ПАО "Банк "Санкт eB *K,044825142, к/с 30101810045250000142']
    assert _resolved(lines).bank_name is None
