"""The second round's bills: a Moscow-style ЕПД for housing services (the management company above the payee, a
table of services, a GOST payment QR and a second QR for the account's page), a «Счёт-оферта» with the requisites
at its foot and a VAT-column table, and a kindergarten's ПД-4 paid into a treasury account with the sum and the date
written in by hand."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, HAND_FACES, SECOND_PAGE_FACES, SecondPage
from bench.layouts.drawn import Drawn, invoice_details

_CENT = Decimal("0.01")
_HOUSING = (
    ("Содержание жилого помещения", "м²"),
    ("Взнос на капитальный ремонт", "м²"),
    ("Холодное водоснабжение", "м³"),
    ("Горячее водоснабжение", "м³"),
    ("Водоотведение", "м³"),
    ("Отопление", "Гкал"),
    ("Обращение с ТКО", "чел."),
    ("Запирающее устройство", "кв."),
)


def _gost(payee: r.Party, account: str, bank: r.Bank, total: Decimal, purpose: str, *, extra: str = "") -> str:
    """A GOST R 56042 payment QR's text (ST00012)."""
    kpp = f"|KPP={payee.kpp}" if payee.kpp else ""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}{kpp}|Sum={int(total * 100)}|Purpose={purpose}{extra}"
    )


def epd_housing(rng: random.Random) -> Drawn:
    """A single payment document (ЕПД) for housing: the management company and its ИНН and phone in the header, the
    payee (a settlement centre) with its own requisites below, the period, a due date, the services' table
    (charged, recalculated, due), «Итого к оплате», a GOST QR and a QR linking to the account online."""
    manager = r.organisation(rng, sole_trader=False)
    manager = r.Party(f"ГБУ «Жилищник района {r.rng_word(rng)}»", manager.inn, manager.kpp, manager.address)
    payee = r.organisation(rng, sole_trader=False)
    payee = r.Party(f"АО «Единый расчётный центр {r.rng_word(rng)}»", payee.inn, payee.kpp, payee.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    personal = r.digits(rng, 10)
    month = rng.randrange(12)
    period = f"{r.MONTHS_NOMINATIVE[month]} 2026"
    area = Decimal(rng.randint(300, 900)) / 10
    rows = []
    total = Decimal(0)
    for name, unit in rng.sample(_HOUSING, rng.randint(4, 7)):
        tariff = Decimal(rng.randint(2000, 9000)) / 100
        volume = area if unit == "м²" else Decimal(rng.randint(1, 90)) / 10
        charged = (tariff * volume).quantize(_CENT, ROUND_HALF_UP)
        recalculated = -Decimal(rng.randint(1, 9000)) / 100 if rng.random() < 0.2 else Decimal(0)
        due = charged + recalculated
        total += due
        rows.append(
            [
                name,
                unit,
                r.grouped(volume),
                r.grouped(tariff),
                r.grouped(charged),
                r.grouped(recalculated),
                r.grouped(due),
            ]
        )
    purpose = f"ЕПД за {period}, л/с {personal}"
    size = rng.randint(16, 18)
    page = SecondPage(1400, rng.choice(SECOND_PAGE_FACES), size, margin=50)
    page.line(f"ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ за {period}", size + 8, bold=True, align="center")
    page.line("для внесения платы за жилищно-коммунальные услуги", size, align="center")
    page.gap(10)
    page.line(f"Управляющая организация: {manager.name}, ИНН {manager.inn}, {manager.address}", size - 1)
    page.line(f"Диспетчерская служба: +7 (495) {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}", size - 1)
    page.rule()
    page.grid(
        [
            ["Плательщик", payer.full],
            ["Адрес", r.address(rng) + f", кв. {rng.randint(1, 300)}"],
            ["Лицевой счёт", personal],
            ["Площадь, м²", r.grouped(area)],
            ["Оплатить до", f"{date(2026, month + 1, 28) + timedelta(days=rng.randint(10, 14)):%d.%m.%Y}"],
        ],
        [0.25, 0.75],
        size,
    )
    page.gap(10)
    page.line("Получатель платежа", size + 2, bold=True)
    page.grid(
        [
            ["Получатель", payee.name],
            ["ИНН / КПП", f"{payee.inn} / {payee.kpp}"],
            ["Р/с", account],
            ["Банк", bank.name],
            ["БИК / К/с", f"{bank.bic} / {bank.corr_account}"],
            ["Назначение платежа", purpose],
        ],
        [0.25, 0.75],
        size,
    )
    page.gap(10)
    head = ["Вид услуги", "Ед.", "Объём", "Тариф, руб.", "Начислено", "Перерасчёт", "Итого"]
    page.grid([head, *rows], [0.3, 0.07, 0.1, 0.13, 0.14, 0.13, 0.13], size - 1, bold_first=True)
    page.gap(8)
    page.pair(f"Задолженность на 01.{month + 1:02d}.2026", "0,00")
    page.pair(f"ИТОГО К ОПЛАТЕ за {period}:", f"{r.grouped(total)} руб.", size + 4, bold=True)
    page.gap(10)
    gost = _gost(payee, account, bank, total, purpose, extra=f"|PersAcc={personal}|LastName={payer.surname}")
    link = f"https://lk.erc.example.ru/epd?ls={personal}&p=2026{month + 1:02d}"
    payloads = [(gost, "Оплатить по QR-коду"), (link, "Личный кабинет")]
    if rng.random() < 0.5:
        payloads.reverse()
    page.qr_row(payloads, 340, size - 2)
    page.line(
        "Оплата без комиссии в приложениях банков. Показания счётчиков передавайте с 15 по 25 число.",
        size - 3,
        colour=GREY,
    )
    return Drawn(
        page.finish(),
        "epd-housing",
        invoice_details(total, None, payee, account, bank, payer=payer.full, purpose=purpose),
    )


_GOODS = (
    ("ТС-1042", "Светильник LED 36 Вт", "шт"),
    ("КБ-220", "Кабель-канал 25х16, 2 м", "шт"),
    ("ПР-11", "Перчатки нитриловые, уп. 100 шт", "уп"),
    ("БМ-500", "Бумага для принтера А4", "пач"),
    ("ЛК-07", "Лак паркетный 2,5 л", "шт"),
    ("ЗП-3", "Запчасть к насосу", "шт"),
    ("УС-9", "Услуги по доставке", "усл"),
)


def invoice_offer(rng: random.Random) -> Drawn:
    """A «Счёт-оферта»: the payer named on top, a table with the VAT as its own columns (price without VAT, rate,
    VAT, sum with VAT), «Сумма без НДС», «Сумма НДС», «Итого к оплате», a validity date, the offer's terms, and the
    supplier's requisites in a block at the foot."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    when = r.past_day(rng)
    rate = rng.choice([20, 20, 10])
    rows = [["Артикул", "Наименование", "Ед.", "Кол-во", "Цена без НДС", "НДС, %", "Сумма НДС", "Сумма с НДС"]]
    net_total, vat_total = Decimal(0), Decimal(0)
    for code, name, unit in rng.sample(_GOODS, rng.randint(2, 4)):
        qty = rng.randint(1, 40)
        price = Decimal(rng.randint(50, 9000)) + Decimal(rng.choice([0, 50])) / 100
        net = price * qty
        vat = (net * rate / 100).quantize(_CENT, ROUND_HALF_UP)
        net_total, vat_total = net_total + net, vat_total + vat
        rows.append([code, name, unit, str(qty), r.grouped(price), str(rate), r.grouped(vat), r.grouped(net + vat)])
    total = net_total + vat_total
    number = f"{rng.randint(1, 99)}-{rng.randint(100, 9999)}"
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(SECOND_PAGE_FACES), size, margin=70)
    page.pair(
        supplier.name,
        f"тел. +7 {r.digits(rng, 3)} {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}",
        size - 2,
        bold=True,
    )
    page.rule()
    page.gap(10)
    page.line(f"СЧЁТ-ОФЕРТА № {number} от {r.date_text(rng, when)}", size + 10, bold=True, align="center")
    page.gap(10)
    buyer_kpp = f", КПП {buyer.kpp}" if buyer.kpp else ""
    page.line(f"Плательщик: {buyer.name}, ИНН {buyer.inn}{buyer_kpp}")
    page.line(f"Грузополучатель: {buyer.name}, {buyer.address}", size - 1)
    page.gap(10)
    page.grid(rows, [0.1, 0.3, 0.06, 0.08, 0.13, 0.08, 0.12, 0.13], size - 2, bold_first=True)
    page.gap(6)
    page.pair("Сумма без НДС:", r.grouped(net_total))
    page.pair("Сумма НДС:", r.grouped(vat_total))
    page.pair("Итого к оплате:", r.grouped(total), size + 2, bold=True)
    page.line(f"Итого к оплате: {r.in_words(total)}", size - 1)
    page.gap(10)
    valid = when + timedelta(days=rng.choice([3, 5, 7]))
    page.line(f"Счёт действителен до {valid:%d.%m.%Y}.", bold=True)
    page.line(
        "Настоящий счёт является офертой. Оплата счёта означает акцепт оферты и согласие с условиями поставки. "
        "Товар отпускается по факту поступления денег на расчётный счёт поставщика.",
        size - 3,
    )
    page.gap(16)
    page.line("Реквизиты для оплаты", size + 2, bold=True)
    requisites = [
        ["Поставщик", supplier.name],
        ["ИНН / КПП", f"{supplier.inn} / {supplier.kpp}"],
        ["Расчётный счёт", account],
        ["Банк", r.bank_printed(rng, bank)],
        ["БИК", bank.bic],
        ["Корр. счёт", bank.corr_account],
        ["Юридический адрес", supplier.address],
    ]
    bank_text = requisites[3][1]
    page.grid(requisites, [0.3, 0.7], size)
    page.gap(30)
    page.line(f"Генеральный директор ____________ {r.person(rng).initials}        М.П.", size - 1)
    return Drawn(
        page.finish(),
        "invoice-offer",
        invoice_details(total, when, supplier, account, bank, payer=buyer.name, bank_name=bank_text),
    )


def school_pd4(rng: random.Random) -> Drawn:
    """A kindergarten's ПД-4 for a municipal institution: the treasury office as payee with the institution and its
    personal account in brackets, a казначейский счёт, the treasury's БИК and ЕКС, КБК and ОКТМО, and the sum and
    the date written in by the parent in blue ink."""
    office = r.treasury(rng)
    school = f"МБДОУ «Детский сад № {rng.randint(1, 250)}»"
    ledger = f"20{r.digits(rng, 3)}Ж{r.digits(rng, 5)}"
    payee = f"{office.name} ({school}, л/с {ledger})"
    inn = r.inn_org(rng)
    kpp = inn[:4] + "01001"
    municipality = r.oktmo(rng)
    account = "03234643" + municipality + "0000"
    code = r.kbk(rng, f"{rng.randint(900, 999)}")
    total = Decimal(rng.randint(900, 6500)) + Decimal(rng.choice([0, 0, 50])) / 100
    when = r.past_day(rng)
    child = r.person(rng)
    payer = r.person(rng)
    purpose = f"Родительская плата за {rng.choice(r.MONTHS_NOMINATIVE)} 2026 г., {child.surname} {child.first}"
    size = rng.randint(17, 19)
    hand = rng.choice(HAND_FACES)
    page = SecondPage(1400, rng.choice(SECOND_PAGE_FACES), size, margin=50)
    whole, kopecks = f"{total:.2f}".split(".")
    for half in ("ИЗВЕЩЕНИЕ", "КВИТАНЦИЯ"):
        page.pair(half, "Форма № ПД-4", size + 2, bold=True)
        page.line(payee, bold=True)
        page.line("(наименование получателя платежа)", size - 5, align="center", colour=GREY)
        page.grid([[f"ИНН {inn}", f"КПП {kpp}", f"Казначейский счёт {account}"]], [0.25, 0.25, 0.5])
        page.grid([[f"Банк: {office.bank_printed}", f"БИК {office.bic}"]], [0.72, 0.28])
        page.grid([[f"ЕКС {office.single_account}", f"ОКТМО {municipality}", f"КБК {code}"]], [0.38, 0.24, 0.38])
        page.line(f"Назначение платежа: {purpose}")
        page.line(f"Плательщик: {payer.full}")
        page.form_line(
            [("Сумма платежа: ", False), (whole, True), (" руб. ", False), (kopecks, True), (" коп.", False)],
            rng,
            hand,
        )
        page.form_line(
            [
                ("Дата: ", False),
                (f"{when:%d.%m.%Y}", True),
                ("     Подпись плательщика: ", False),
                (payer.surname, True),
            ],
            rng,
            hand,
        )
        page.rule()
        page.gap(10)
    return Drawn(
        page.finish(),
        "school-pd4",
        invoice_details(
            total, when, r.Party(payee, inn, kpp, ""), account, office.as_bank, payer=payer.full, purpose=purpose
        ),
    )


TEMPLATES = (epd_housing, invoice_offer, school_pd4)
