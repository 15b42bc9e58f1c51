"""The fourteenth round's bills: a management company's single housing bill (ЕПД) with its services' table and the
GOST payment QR, an internet provider's monthly bill to a firm, a bar association's bill for a lawyer's fee."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts.canvas import (
    FOURTH_PAGE_FACES,
    GREY,
    PAGE_FACES,
    SECOND_PAGE_FACES,
    THIRD_PAGE_FACES,
    Colour,
    SecondPage,
    pick_face,
    qr_image,
)
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    Bank,
    Party,
    account,
    address,
    bank,
    bank_printed,
    date_text,
    digits,
    grouped,
    in_words,
    inn_org,
    management_company,
    organisation,
    past_day,
    person,
    vat_part,
)


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _gost(payee: Party, acc: str, chosen: Bank, total: Decimal, *, purpose: str, extra: str, bank_name: str) -> str:
    """The payment QR of GOST R 56042 (ST00012) as a housing bill prints it: the bank's name as its requisites
    print it (the billing system fills both from one field)."""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={acc}|BankName={bank_name}|BIC={chosen.bic}"
        f"|CorrespAcc={chosen.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}{extra}"
    )


_SERVICES = (
    ("Содержание жилого помещения", "м²", None, ("28.40", "31.75", "36.12")),
    ("Холодное водоснабжение", "м³", (2, 9), ("48.37", "52.10", "57.94")),
    ("Горячее водоснабжение", "м³", (1, 6), ("243.15", "256.80", "271.40")),
    ("Водоотведение", "м³", (3, 14), ("36.22", "39.80", "44.05")),
    ("Электроэнергия", "кВт·ч", (90, 340), ("6.43", "7.06", "8.12")),
    ("Отопление", "Гкал", None, ("2845.17", "3012.66")),
    ("Обращение с ТКО", "чел.", (1, 4), ("132.40", "158.90")),
    ("Домофон", "кв.", (1, 1), ("55.00", "70.00")),
)


def _services(rng: random.Random, area: Decimal) -> tuple[list[list[str]], Decimal]:
    """The ЕПД's table of services (its head first) and the sum of their «Итого»: each service's volume by the
    flat's area, a meter or the residents, its tariff, the charge, an occasional recalculation."""
    rows: list[list[str]] = [["Вид услуги", "Ед.", "Объём", "Тариф, руб.", "Начислено", "Перерасчёт", "Итого"]]
    charged_total = Decimal(0)
    for name, unit, span, tariffs in _SERVICES:
        tariff = Decimal(rng.choice(tariffs))
        if name == "Отопление":
            volume = (area * Decimal("0.0162")).quantize(Decimal("0.0001"))
        elif span is None:
            volume = area
        else:
            low, high = span
            volume = Decimal(rng.randint(low * 10, high * 10)) / 10 if unit == "м³" else Decimal(rng.randint(low, high))
        charged = _money(volume * tariff)
        again = _money(Decimal(rng.randint(-300, 0)) / 10) if rng.random() < 0.15 else Decimal(0)
        due = charged + again
        charged_total += due
        rows.append(
            [name, unit, str(volume).replace(".", ","), grouped(tariff), grouped(charged), grouped(again), grouped(due)]
        )
    return rows, charged_total


def housing_epd(rng: random.Random) -> Drawn:
    """A management company's «Единый платёжный документ» for a month: the company's requisites and the flat's
    personal account, the payer and the flat's area, a table of services (volume, tariff, charged, recalculation,
    due), the debt at the month's start and the payments received, «Итого к оплате», «Оплатить до 10-го», the GOST
    QR carrying the same sum; no day of issue printed beyond the month."""
    company = management_company(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    payer = person(rng)
    personal = digits(rng, rng.choice([8, 10]))
    month = rng.randrange(0, 11)
    period = f"{MONTHS_NOMINATIVE[month]} 2026"
    area = Decimal(rng.randint(320, 980)) / 10
    flat = f"{address(rng).split(', оф.')[0]}, кв. {rng.randint(1, 240)}"
    rows, charged_total = _services(rng, area)
    debt = Decimal(rng.randint(10000, 600000)) / 100 if rng.random() < 0.35 else Decimal(0)
    received = debt if rng.random() < 0.7 else Decimal(0)
    total = charged_total + debt - received
    purpose = f"Оплата ЖКУ за {period}, л/с {personal}"
    face = pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES]))
    size = rng.randint(17, 19)
    page = SecondPage(1600, face, size, margin=44)
    page.line("ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ", size + 10, bold=True, align="center")
    page.line(f"для внесения платы за жилое помещение и коммунальные услуги за {period}", size + 1, align="center")
    page.gap(10)
    top = page.y
    printed = bank_printed(rng, chosen)
    emergency = f"8 (800) {digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}"
    residents = rng.randint(1, 4)
    columns: tuple[tuple[int, list[tuple[str, int, bool, Colour | None]]], ...] = (
        (
            0,
            [
                ("Исполнитель услуг:", -1, False, GREY),
                (company.name, 2, True, None),
                (f"ИНН {company.inn}  КПП {company.kpp}", 0, False, None),
                (company.address, -1, False, None),
                (f"Р/с {acc}", 0, False, None),
                (f"в {printed}", 0, False, None),
                (f"БИК {chosen.bic}  К/с {chosen.corr_account}", 0, False, None),
                (f"Аварийно-диспетчерская служба: {emergency}", -2, False, None),
            ],
        ),
        (
            820,
            [
                ("Плательщик:", -1, False, GREY),
                (payer.full, 2, True, None),
                (f"Адрес: {flat}", 0, False, None),
                (f"Лицевой счёт: {personal}", 4, True, None),
                (f"Общая площадь: {area} м²   Зарегистрировано: {residents} чел.", -1, False, None),
                (f"Расчётный период: {period}", 0, False, None),
            ],
        ),
    )
    left_bottom = top
    for indent, lines in columns:
        page.y = top
        for text, delta, bold, colour in lines:
            page.line(text, size + delta, bold=bold, indent=indent, colour=colour)
        left_bottom = max(left_bottom, page.y)
    page.y = max(page.y, left_bottom) + 14
    page.grid(rows, [0.27, 0.07, 0.1, 0.13, 0.14, 0.14, 0.15], size - 2, bold_first=True)
    page.gap(10)
    for label, value, bigger in (
        ("Всего начислено за период:", charged_total, 0),
        ("Задолженность на начало периода:", debt, 0),
        ("Оплачено в периоде:", received, 0),
        ("ИТОГО К ОПЛАТЕ:", total, 6),
    ):
        page.pair(label, f"{grouped(value)} руб.", size + bigger, bold=bigger > 0)
    due_month = month + 2
    page.line(f"Оплатить до 10.{due_month:02d}.2026. За просрочку начисляются пени.", size - 1)
    page.line(f"Назначение платежа: {purpose}", size)
    page.gap(12)
    page.rule(dashed=True, thickness=1)
    page.line("Отрезать и сохранить для оплаты", size - 4, colour=GREY, align="center")
    page.gap(10)
    extra = f"|PersAcc={personal}|LastName={payer.surname}|PayerAddress={flat}|paymPeriod={month + 1:02d}26"
    code = qr_image(_gost(company, acc, chosen, total, purpose=purpose, extra=extra, bank_name=printed), 260)
    top = page.y
    page.inset(code, x=page.margin)
    bottom = page.y
    page.y = top + 20
    for text, bigger in (
        ("Оплатите по QR-коду в приложении вашего банка", 2),
        (f"Лицевой счёт {personal}, {period}", 0),
        (f"Сумма: {grouped(total)} руб.", 2),
    ):
        page.line(text, size + bigger, bold=bigger > 0, indent=320)
    page.y = max(page.y, bottom)
    return Drawn(
        page.finish(),
        "housing-epd-gost-qr",
        invoice_details(total, None, company, acc, chosen, payer=payer.full, purpose=purpose, bank_name=printed),
    )


_TARIFFS = ("Бизнес 100", "Бизнес 200", "Офис 500", "Оптимальный 300")


def internet_provider_bill(rng: random.Random) -> Drawn:
    """An internet provider's monthly bill to a firm: its logo line and requisites in running text, «Счёт № … от …»,
    the subscriber's contract and personal account, a table of the tariff, a static IP and a router's rent, VAT
    20 % inside («в т.ч. НДС»), «Итого к оплате», the sum in words and the purpose to copy; «Оплатить до …»."""
    provider = organisation(rng, sole_trader=False)
    brand = rng.choice(["NetLine", "СкайНет", "ГорСеть", "Интерсвязь-Т", "ТелеКом Плюс"])
    provider = Party(f"ООО «{brand}»", provider.inn, provider.kpp, provider.address)
    client = organisation(rng, sole_trader=rng.random() < 0.3)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    when = past_day(rng)
    month = MONTHS_NOMINATIVE[when.month - 1]
    number = f"{rng.choice(['ИН', 'С', 'B2B'])}-{rng.randint(10000, 99999)}"
    contract = f"{rng.randint(100, 9999)}/{rng.randint(19, 26)}"
    personal = digits(rng, 9)
    tariff = f"Доступ в Интернет, тариф «{rng.choice(_TARIFFS)}» за {month} {when.year}"
    items = [(tariff, Decimal(rng.choice([1490, 2490, 3900, 5600])))]
    if rng.random() < 0.6:
        items.append(("Аренда статического IP-адреса", Decimal(rng.choice([150, 200, 300]))))
    if rng.random() < 0.5:
        items.append(("Аренда Wi-Fi роутера", Decimal(rng.choice([99, 150, 250]))))
    total = sum((price for _, price in items), Decimal(0))
    vat = vat_part(total, 20)
    purpose = f"Оплата по счёту № {number} от {when:%d.%m.%Y}, л/с {personal}, в т.ч. НДС 20% {grouped(vat)} руб."
    face = pick_face(rng, rng.choice([THIRD_PAGE_FACES, FOURTH_PAGE_FACES]))
    size = rng.randint(18, 20)
    page = SecondPage(1240, face, size, margin=60)
    page.line(brand, size + 18, bold=True, colour=(0, 110, 190))
    page.line("Интернет • Телефония • Видеонаблюдение", size - 2, colour=GREY)
    page.gap(8)
    page.line(
        f"{provider.name}, ИНН {provider.inn}, КПП {provider.kpp}, {provider.address}. Р/с {acc} в "
        f"{chosen.name}, БИК {chosen.bic}, к/с {chosen.corr_account}",
        size - 2,
    )
    page.rule(thickness=1)
    page.gap(10)
    page.line(f"СЧЁТ № {number} от {date_text(rng, when)}", size + 8, bold=True, align="center")
    page.gap(10)
    page.line(f"Абонент: {client.name}, ИНН {client.inn}", size)
    page.line(f"Договор № {contract}   Лицевой счёт: {personal}", size)
    page.line(f"Расчётный период: {month} {when.year}", size)
    page.gap(8)
    rows = [["№", "Услуга", "Кол-во", "Цена, руб.", "Сумма, руб."]]
    for index, (name, price) in enumerate(items, 1):
        rows.append([str(index), name, "1", grouped(price), grouped(price)])
    page.grid(rows, [0.06, 0.54, 0.1, 0.15, 0.15], size - 1, bold_first=True)
    page.gap(8)
    page.pair("", f"Итого: {grouped(total)}", size, bold=True)
    page.pair("", f"в т.ч. НДС 20%: {grouped(vat)}", size)
    page.pair("", f"Итого к оплате: {grouped(total)} руб.", size + 4, bold=True)
    page.line(f"Сумма прописью: {in_words(total)}", size)
    page.gap(10)
    page.line(f"Назначение платежа: {purpose}", size - 1)
    page.line(
        f"Оплатить до {date_text(rng, when + timedelta(days=rng.choice([10, 15, 20])))}. При неоплате доступ "
        "приостанавливается.",
        size - 2,
        colour=GREY,
    )
    page.gap(30)
    page.line(f"Начальник абонентского отдела ____________ {person(rng).initials}", size - 1)
    return Drawn(
        page.finish(min_height=1500),
        "internet-provider-bill",
        invoice_details(total, when, provider, acc, chosen, payer=client.name, purpose=purpose),
    )


_BARS = ("Правовой щит", "Юстиция", "Гарант", "Паритет", "Защита", "Статус", "Эгида")


def bar_association_bill(rng: random.Random) -> Drawn:
    """A bar association's bill for a lawyer's fee: the association as a non-profit («НО «Коллегия адвокатов …»»)
    with its 40703 account, the bill's number and day, the client («Доверитель»), the agreement of some weeks
    before, the fee without VAT (advocates are not VAT payers), the sum in words, the chairman's and the
    accountant's signatures."""
    city = rng.choice(["Москвы", "Санкт-Петербурга", "Казани", "Екатеринбурга", "Новосибирска"])
    inn = inn_org(rng)
    association = Party(
        f"НО «Коллегия адвокатов «{rng.choice(_BARS)}» г. {city}»", inn, inn[:4] + "01001", address(rng)
    )
    chosen = bank(rng)
    acc = account(rng, chosen.bic, prefix="40703")
    when = past_day(rng)
    signed = when - timedelta(days=rng.randint(10, 90))
    agreement = f"{rng.randint(1, 300)}/{when.year % 100}"
    lawyer = person(rng)
    client = person(rng)
    fee = Decimal(rng.choice([15, 25, 30, 40, 50, 75, 100, 150])) * 1000
    stage = rng.choice(
        [
            "представление интересов в суде первой инстанции",
            "составление искового заявления",
            "консультация и правовой анализ документов",
            "защита по уголовному делу на стадии предварительного следствия",
        ]
    )
    purpose = (
        f"Оплата юридической помощи по соглашению № {agreement} от {signed:%d.%m.%Y} (адвокат {lawyer.initials}). "
        "НДС не облагается"
    )
    face = pick_face(rng, rng.choice([PAGE_FACES, FOURTH_PAGE_FACES]))
    size = rng.randint(19, 21)
    page = SecondPage(1240, face, size, margin=80)
    page.line(association.name, size + 4, bold=True, align="center")
    page.line(
        f"Адвокатское образование, реестровый № 77/{rng.randint(100, 999)}", size - 2, align="center", colour=GREY
    )
    page.line(association.address, size - 2, align="center")
    page.rule(thickness=2)
    page.gap(10)
    page.grid(
        [
            [f"Получатель: {association.name}", "Сч. №", acc],
            [f"ИНН {association.inn}   КПП {association.kpp}", "", ""],
            [f"Банк получателя: {chosen.name}", "БИК", chosen.bic],
            ["", "Сч. №", chosen.corr_account],
        ],
        [0.55, 0.1, 0.35],
        size - 1,
    )
    page.gap(20)
    written = (
        f"{when:%d.%m.%Y}"
        if rng.random() < 0.5
        else f"«{when.day:02d}» {MONTHS_GENITIVE[when.month - 1]} {when.year} года"
    )
    page.line(f"СЧЁТ № {rng.randint(1, 400)} от {written}", size + 8, bold=True, align="center")
    page.gap(10)
    page.line(f"Доверитель: {client.full}", size)
    page.line(f"Основание: Соглашение об оказании юридической помощи № {agreement} от {signed:%d.%m.%Y}", size)
    page.gap(8)
    page.grid(
        [
            ["№", "Наименование", "Сумма, руб."],
            ["1", f"Юридическая помощь (адвокат {lawyer.full}): {stage}", grouped(fee)],
        ],
        [0.07, 0.68, 0.25],
        size - 1,
        bold_first=True,
    )
    page.pair("", f"Итого к оплате: {grouped(fee)}", size + 2, bold=True)
    page.pair("", "Без НДС (пп. 14 п. 3 ст. 149 НК РФ)", size - 1)
    page.line(f"Всего к оплате: {in_words(fee)}", size)
    page.gap(8)
    page.line(f"В назначении платежа указывать: «{purpose}»", size - 1)
    page.gap(40)
    page.line(f"Председатель коллегии ______________ {person(rng).initials}", size)
    page.gap(10)
    page.line(f"Главный бухгалтер ______________ {person(rng).initials}", size)
    return Drawn(
        page.finish(min_height=1500),
        "bar-association-bill",
        invoice_details(fee, when, association, acc, chosen, payer=client.full, purpose=purpose),
    )


TEMPLATES = (housing_epd, internet_provider_bill, bar_association_bill)
