"""The thirteenth round's bills: a УПД (status 1) with the seller's bank requisites under it, a furniture maker's
prepayment bill (half the price now, the rest on delivery), a landlord's monthly rent bill with the meter's part."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from bench.layouts.canvas import GREY, PAGE_FACES, SECOND_PAGE_FACES, SecondPage, pick_face
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    Party,
    account,
    bank,
    bank_printed,
    date_text,
    digits,
    grouped,
    in_words,
    organisation,
    past_day,
    person,
    vat_part,
)


def _account_of(rng: random.Random, party: Party, bic: str) -> str:
    """A company's settlement account (40702) or a sole trader's (40802), as banks open them."""
    return account(rng, bic, prefix="40702" if party.kpp else "40802")


def _signatory(party: Party, head: str = "Руководитель") -> str:
    """Who signs a bill: a company's head, or the sole trader himself."""
    return head if party.kpp else "Индивидуальный предприниматель"


def _signer(rng: random.Random, party: Party) -> str:
    """The signer's initials: a company's director (someone else), or the sole trader's own («ИП Фамилия Имя
    Отчество» signs as «Фамилия И. О.»); one draw from ``rng`` either way, so the photos' damage stays seeded alike."""
    director = person(rng).initials
    if party.kpp:
        return director
    surname, first, patronymic = party.name.removeprefix("ИП ").split(" ")
    return f"{surname} {first[0]}. {patronymic[0]}."


def _inn_kpp(party_inn: str, kpp: str | None) -> str:
    return f"{party_inn}/{kpp}" if kpp else party_inn


def upd_with_requisites(rng: random.Random) -> Drawn:
    """A «Универсальный передаточный документ» of status 1 (a счёт-фактура and a waybill in one), printed on a
    landscape sheet: the seller's and the buyer's ИНН/КПП, the consignee, the goods' table with VAT 20 % per row,
    «Всего к оплате (9)», and under the signatures the line sellers add so that the buyer can pay from it: «Оплату
    просим производить по реквизитам: р/с … в … БИК … к/с …». The seller is paid the total with VAT; the date is the
    document's own (never the shipment's «Дата отгрузки», a day or two later)."""
    when = past_day(rng)
    seller = organisation(rng, sole_trader=False)
    buyer = organisation(rng, sole_trader=False)
    chosen = bank(rng)
    settlement = account(rng, chosen.bic)
    number = rng.randint(12, 2400)
    goods = rng.sample(
        [
            ("Бумага офисная А4, 500 л.", "пач", Decimal("389.00")),
            ("Картридж лазерный CF283A", "шт", Decimal("2150.00")),
            ("Перчатки нитриловые, уп. 100 шт.", "уп", Decimal("640.00")),
            ("Кабель ВВГнг-LS 3х2,5", "м", Decimal("118.50")),
            ("Саморез по дереву 4,2х76 (1000 шт.)", "кор", Decimal("1290.00")),
            ("Лента упаковочная 48 мм", "шт", Decimal("74.90")),
            ("Светильник LED 36 Вт", "шт", Decimal("1385.00")),
        ],
        rng.randint(2, 5),
    )
    rows = [
        [
            "№",
            "Код",
            "Наименование товара",
            "Ед.",
            "Кол-во",
            "Цена",
            "Стоимость без налога",
            "Ставка",
            "Сумма налога",
            "Стоимость с налогом",
            "Страна",
        ]
    ]
    net_total, vat_total = Decimal(0), Decimal(0)
    for index, (name, unit, gross_price) in enumerate(goods, 1):
        count = rng.randint(1, 40)
        gross = gross_price * count
        vat = vat_part(gross, 20)
        net_total, vat_total = net_total + gross - vat, vat_total + vat
        price = ((gross - vat) / count).quantize(Decimal("0.01"))
        rows.append(
            [
                str(index),
                digits(rng, 5),
                name,
                unit,
                str(count),
                grouped(price),
                grouped(gross - vat),
                "20%",
                grouped(vat),
                grouped(gross),
                "643 Россия",
            ]
        )
    total = net_total + vat_total
    rows.append(
        ["", "", "Всего к оплате (9)", "", "", "", grouped(net_total), "X", grouped(vat_total), grouped(total), ""]
    )
    page = SecondPage(2200, pick_face(rng, PAGE_FACES), 19, margin=50)
    page.line("Универсальный передаточный документ          Статус: 1", 22, bold=True)
    page.line(f"Счёт-фактура № {number} от {date_text(rng, when)}  (1)", 24, bold=True)
    page.line("Исправление № ----  от ----  (1а)")
    page.line(f"Продавец: {seller.name}  (2)")
    page.line(f"Адрес: {seller.address}  (2а)")
    page.line(f"ИНН/КПП продавца: {_inn_kpp(seller.inn, seller.kpp)}  (2б)")
    page.line("Грузоотправитель и его адрес: он же  (3)")
    page.line(f"Грузополучатель и его адрес: {buyer.name}, {buyer.address}  (4)")
    page.line("К платёжно-расчётному документу № ----  от ----  (5)")
    page.line(f"Документ об отгрузке: № п/п 1-{len(goods)} № {number} от {when:%d.%m.%Y}  (5а)")
    page.line(f"Покупатель: {buyer.name}  (6)")
    page.line(f"Адрес: {buyer.address}  (6а)")
    page.line(f"ИНН/КПП покупателя: {_inn_kpp(buyer.inn, buyer.kpp)}  (6б)")
    page.line("Валюта: наименование, код  Российский рубль, 643  (7)")
    page.line("Идентификатор государственного контракта, договора (соглашения) (при наличии): ----  (8)")
    page.gap(8)
    page.grid(rows, [0.03, 0.05, 0.25, 0.04, 0.05, 0.08, 0.11, 0.06, 0.09, 0.11, 0.13], 17, bold_first=True)
    page.gap(12)
    director, accountant = person(rng), person(rng)
    page.pair(
        f"Руководитель организации ______ {director.initials}", f"Главный бухгалтер ______ {accountant.initials}", 17
    )
    shipped = when + timedelta(days=rng.randint(1, 3))
    page.pair(
        f"Основание передачи: Договор поставки № {rng.randint(1, 300)}/{when.year % 100} от "
        f"{when - timedelta(days=rng.randint(30, 200)):%d.%m.%Y}",
        f"Дата отгрузки, передачи: {shipped:%d.%m.%Y}",
        17,
    )
    page.pair(
        f"Товар передал: кладовщик ______ {person(rng).initials}", f"Товар получил: ______ {person(rng).initials}", 17
    )
    page.gap(14)
    printed = bank_printed(rng, chosen)
    page.line(
        f"Оплату просим производить по реквизитам: {seller.name}, ИНН {seller.inn}, КПП {seller.kpp}, "
        f"р/с {settlement} в {printed}, БИК {chosen.bic}, к/с {chosen.corr_account}",
        18,
        bold=True,
    )
    truth = invoice_details(total, when, seller, settlement, chosen, payer=buyer.name, bank_name=printed)
    return Drawn(page.finish(), "upd-status-1", truth)


def prepayment_bill(rng: random.Random) -> Drawn:
    """A kitchen maker's «Счёт на оплату» for a private buyer: the order's full price printed, half or 30 % of it
    due now («Предоплата …% по договору»), the rest on delivery, VAT inside, «Счёт действителен до …» five days on.
    The sum due is this bill's; the date is the bill's (never its validity's, nor the contract's)."""
    when = past_day(rng)
    seller = organisation(rng, sole_trader=rng.random() < 0.35)
    chosen = bank(rng)
    settlement = _account_of(rng, seller, chosen.bic)
    buyer = person(rng)
    price = Decimal(rng.randint(90, 640)) * 1000 + Decimal(rng.choice([0, 500]))
    share = rng.choice([30, 50, 70])
    due = (price * share / 100).quantize(Decimal("0.01"))
    contract = f"{rng.randint(10, 999)}-К"
    signed = when - timedelta(days=rng.randint(0, 3))
    page = SecondPage(1240, pick_face(rng, SECOND_PAGE_FACES), 21, margin=60)
    page.line(seller.name.replace("ООО ", "Кухни на заказ · ООО ", 1), 26, bold=True)
    page.line(
        f"{seller.address}, тел. +7 ({rng.randint(900, 999)}) {digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}",
        17,
        colour=GREY,
    )
    page.gap(10)
    printed = bank_printed(rng, chosen)
    page.grid(
        [
            [f"{printed}\nБанк получателя", "БИК\nСч. №", f"{chosen.bic}\n{chosen.corr_account}"],
            [
                f"ИНН {seller.inn}" + (f"    КПП {seller.kpp}" if seller.kpp else "") + f"\n{seller.name}\nПолучатель",
                "Сч. №",
                settlement,
            ],
        ],
        [0.55, 0.12, 0.33],
        19,
    )
    page.gap(20)
    page.line(f"Счёт на оплату № {rng.randint(100, 999)}-П от {date_text(rng, when)}", 28, bold=True)
    page.rule()
    page.line(f"Поставщик: {seller.name}, ИНН {seller.inn}, {seller.address}")
    page.line(f"Покупатель: {buyer.full}")
    page.line(f"Основание: Договор № {contract} от {signed:%d.%m.%Y} (общая стоимость заказа {grouped(price)} руб.)")
    page.gap(8)
    taxed = seller.kpp is not None
    page.grid(
        [
            ["№", "Наименование", "Кол-во", "Ед.", "Цена", "Сумма"],
            [
                "1",
                f"Предоплата {share}% по договору № {contract} за кухонный гарнитур по индивидуальному проекту",
                "1",
                "усл.",
                grouped(due),
                grouped(due),
            ],
        ],
        [0.05, 0.5, 0.09, 0.08, 0.14, 0.14],
        19,
        bold_first=True,
    )
    page.gap(6)
    page.pair("", f"Итого: {grouped(due)}", bold=True)
    page.pair("", f"В том числе НДС (20%): {grouped(vat_part(due, 20))}" if taxed else "Без налога (НДС)")
    page.pair("", f"Всего к оплате: {grouped(due)}", bold=True)
    page.line(f"Всего наименований 1, на сумму {grouped(due)} руб.")
    page.line(in_words(due), bold=True)
    page.gap(10)
    page.line(f"Остаток {grouped(price - due)} руб. оплачивается по факту доставки и монтажа.", colour=GREY)
    page.line(
        f"Счёт действителен до {(when + timedelta(days=5)):%d.%m.%Y}. Срок изготовления 35 рабочих дней.", colour=GREY
    )
    page.gap(20)
    page.line(f"{_signatory(seller)} ____________ {_signer(rng, seller)}")
    truth = invoice_details(due, when, seller, settlement, chosen, payer=buyer.full, bank_name=printed)
    return Drawn(page.finish(), "furniture-prepayment-bill", truth)


def rent_bill(rng: random.Random) -> Drawn:
    """A landlord's monthly bill for a shop's premises: the fixed rent for the month, the electricity by the
    meter's readings (kWh x tariff), VAT 20 % on top (or none for an ИП on УСН), «Оплатить до 5-го числа»; the
    bill is dated the month's first day and the tenant pays the total with VAT."""
    when = past_day(rng).replace(day=rng.choice([1, 1, 2, 3]))
    landlord = organisation(rng)
    tenant = organisation(rng, sole_trader=rng.random() < 0.5)
    chosen = bank(rng)
    settlement = _account_of(rng, landlord, chosen.bic)
    month = MONTHS_NOMINATIVE[when.month - 1].lower()
    area = Decimal(rng.randint(180, 1200)) / 10
    rate = Decimal(rng.choice([650, 800, 950, 1200, 1450]))
    rent = (area * rate).quantize(Decimal("0.01"))
    before = rng.randint(1000, 90000)
    used = rng.randint(120, 1400)
    tariff = Decimal(rng.choice(["7.84", "8.12", "9.37", "6.95"]))
    power = (used * tariff).quantize(Decimal("0.01"))
    net = rent + power
    taxed = landlord.kpp is not None
    vat = (net * Decimal("0.2")).quantize(Decimal("0.01")) if taxed else Decimal(0)
    total = net + vat
    page = SecondPage(1240, pick_face(rng, PAGE_FACES), 20, margin=70)
    page.line(landlord.name, 24, bold=True)
    page.line(f"ИНН {landlord.inn}" + (f" / КПП {landlord.kpp}" if landlord.kpp else ""), 18)
    page.line(landlord.address, 18)
    page.line(f"Р/с {settlement}", 18)
    printed = bank_printed(rng, chosen)
    page.line(f"Банк: {printed}", 18)
    page.line(f"БИК {chosen.bic}   К/с {chosen.corr_account}", 18)
    page.gap(24)
    page.line(
        f"СЧЁТ № А-{rng.randint(1, 240)} от {when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year} г.",
        28,
        bold=True,
        align="center",
    )
    page.line(f"за аренду нежилого помещения за {month} {when.year} г.", align="center")
    page.gap(10)
    page.line(f"Арендатор: {tenant.name}, ИНН {tenant.inn}")
    page.line(
        f"Договор аренды № {rng.randint(1, 90)}/А от {date_text(rng, when - timedelta(days=rng.randint(60, 700)))}"
    )
    page.gap(8)
    page.grid(
        [
            ["№", "Наименование", "Кол-во", "Цена", "Сумма"],
            [
                "1",
                f"Постоянная часть арендной платы за {month} {when.year} г. (помещение {area} м²)",
                f"{area} м²",
                grouped(rate),
                grouped(rent),
            ],
            [
                "2",
                f"Переменная часть: электроэнергия по счётчику № {digits(rng, 8)} "
                f"(показания {before} – {before + used})",
                f"{used} кВт·ч",
                grouped(tariff),
                grouped(power),
            ],
        ],
        [0.05, 0.53, 0.14, 0.12, 0.16],
        18,
        bold_first=True,
    )
    page.gap(6)
    page.pair("", f"Итого без НДС: {grouped(net)}")
    page.pair("", f"НДС 20%: {grouped(vat)}" if taxed else "НДС не облагается (УСН)")
    page.pair("", f"Всего к оплате: {grouped(total)}", bold=True)
    page.line(f"Сумма прописью: {in_words(total)}")
    page.gap(10)
    page.line(
        f"Оплатить до {(when.replace(day=5) if when.day < 5 else when + timedelta(days=5)):%d.%m.%Y}."
        " При просрочке начисляется пеня 0,1% за каждый день.",
        colour=GREY,
    )
    page.gap(20)
    page.line(f"{_signatory(landlord, 'Директор')} ____________ {_signer(rng, landlord)}")
    truth = invoice_details(total, when, landlord, settlement, chosen, payer=tenant.name, bank_name=printed)
    return Drawn(page.finish(), "rent-bill-with-meter", truth)


TEMPLATES = (upd_with_requisites, prepayment_bill, rent_bill)
