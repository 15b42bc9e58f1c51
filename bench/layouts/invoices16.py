"""The sixteenth round's bills: a security company's 1C bill with a discount column and an advance set off against
it, a private school's bill for one instalment of a year's fee with the schedule printed, a gas supplier's
«Счёт-извещение» for a flat with its meter, debt and penalties and a GOST QR."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts.canvas import (
    FOURTH_PAGE_FACES,
    GREY,
    PAGE_FACES,
    SECOND_PAGE_FACES,
    SecondPage,
    pick_face,
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
    organisation,
    past_day,
    person,
    vat_part,
)


def _kopecks(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _bank_grid(page: SecondPage, payee: Party, chosen: Bank, acc: str, *, printed: str, size: int) -> None:
    """The payment order's grid at the top of a 1C bill: the bank, its БИК and к/с, the payee's ИНН, КПП, account."""
    page.grid(
        [
            [f"{printed}\n\nБанк получателя", "БИК\nСч. №", f"{chosen.bic}\n{chosen.corr_account}"],
            [
                f"ИНН {payee.inn}    КПП {payee.kpp or ''}\n{payee.name}\n\nПолучатель",
                "Сч. №",
                acc,
            ],
        ],
        [0.56, 0.1, 0.34],
        size,
    )


def _signatures(page: SecondPage, rng: random.Random) -> None:
    page.gap(30)
    page.rule(thickness=1)
    page.pair(f"Руководитель ________ {person(rng).initials}", f"Бухгалтер ________ {person(rng).initials}")


_GUARDS = ("Щит", "Бастион", "Легион", "Гарант-Охрана", "Цитадель", "Кордон", "Страж")
_SECURITY = (
    ("Пультовая охрана объекта", "мес", 4500, 18000),
    ("Техническое обслуживание охранно-пожарной сигнализации", "мес", 1800, 6500),
    ("Физическая охрана объекта (пост 24 ч)", "сут", 3900, 5600),
    ("Выезд группы быстрого реагирования по тревоге", "усл", 1200, 2500),
    ("Обслуживание системы видеонаблюдения", "мес", 2500, 9000),
)


def _security_rows(rng: random.Random, when: date) -> tuple[list[list[str]], Decimal]:
    """The bill's table of a month's services with their discounts, and its total after the discounts."""
    month = MONTHS_NOMINATIVE[when.month - 1]
    rows = [["№", "Работы, услуги", "Кол-во", "Ед.", "Цена", "Скидка", "Сумма"]]
    full = Decimal(0)
    for n, (name, unit, low, high) in enumerate(rng.sample(_SECURITY, rng.randint(2, 4)), 1):
        count = rng.randint(1, 31) if unit == "сут" else rng.randint(1, 3) if unit == "усл" else 1
        price = Decimal(rng.randrange(low, high, 50))
        off = _kopecks(price * count * rng.choice([0, 0, 5, 10]) / 100)
        cost = price * count - off
        full += cost
        rows.append(
            [
                str(n),
                f"{name} за {month.lower()} {when.year} г.",
                str(count),
                unit,
                grouped(price),
                grouped(off),
                grouped(cost),
            ]
        )
    return rows, full


def security_company_bill(rng: random.Random) -> Drawn:
    """A private security company's 1C «Счёт на оплату»: the bank grid, the guard firm as «Исполнитель», the
    client, the contract, the services of a month with a «Скидка» column, «Итого», «В том числе НДС», then
    «Зачтено авансом» (an advance already paid) and «Всего к оплате» (the remainder: the sum due), the words of it,
    «Оплатить не позднее». The sum due is the remainder after the advance."""
    when = past_day(rng)
    guard = organisation(rng, sole_trader=False)
    guard = Party(f"ООО ЧОП «{rng.choice(_GUARDS)}»", guard.inn, guard.kpp, guard.address)
    client = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    printed = bank_printed(rng, chosen)
    rows, full = _security_rows(rng, when)
    advance = (
        _kopecks(full * rng.choice([Decimal("0.3"), Decimal("0.5"), Decimal("0.25")]))
        if rng.random() < 0.7
        else Decimal(0)
    )
    due = full - advance
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, FOURTH_PAGE_FACES])), 19, margin=60)
    page.line(guard.name, 24, bold=True)
    licensed = date(rng.randint(2012, 2022), rng.randint(1, 12), rng.randint(1, 28))
    page.line(f"Лицензия ЧО № {digits(rng, 3)} от {licensed:%d.%m.%Y}", 16, colour=GREY)
    page.gap(10)
    _bank_grid(page, guard, chosen, acc, printed=printed, size=18)
    page.gap(20)
    number = rng.randint(100, 2400)
    page.line(f"Счёт на оплату № {number} от {date_text(rng, when)}", 28, bold=True)
    page.rule(thickness=3)
    page.labelled("Исполнитель:", f"{guard.name}, ИНН {guard.inn}, КПП {guard.kpp}, {guard.address}", 0.17)
    buyer = f"{client.name}, ИНН {client.inn}" + (f", КПП {client.kpp}" if client.kpp else "") + f", {client.address}"
    page.labelled("Заказчик:", buyer, 0.17)
    signed = when - timedelta(days=rng.randint(90, 700))
    page.labelled(
        "Основание:", f"Договор на оказание охранных услуг № {rng.randint(1, 300)}-О от {signed:%d.%m.%Y}", 0.17
    )
    page.gap(8)
    page.grid(rows, [0.05, 0.41, 0.08, 0.06, 0.13, 0.12, 0.15], 17, bold_first=True)
    page.gap(6)
    page.pair("", f"Итого: {grouped(full)}", bold=True)
    page.pair("", f"В том числе НДС (20%): {grouped(vat_part(full, 20))}")
    if advance:
        page.pair("", f"Зачтено авансом: {grouped(advance)}")
    page.pair("", f"Всего к оплате: {grouped(due)}", 21, bold=True)
    page.line(f"Всего наименований {len(rows) - 1}, на сумму {grouped(full)} руб.")
    page.line(in_words(due), bold=True)
    page.gap(8)
    page.line(f"Оплатить не позднее {(when + timedelta(days=rng.choice([5, 10]))):%d.%m.%Y}", colour=GREY)
    if advance:
        received = when - timedelta(days=rng.randint(20, 40))
        page.line(f"Аванс {grouped(advance)} руб. получен платёжным поручением от {received:%d.%m.%Y}.", colour=GREY)
    _signatures(page, rng)
    truth = invoice_details(due, when, guard, acc, chosen, payer=client.name, bank_name=printed)
    return Drawn(page.finish(), "security-company-bill", truth)


_SCHOOLS = ("Наследие", "Эрудит", "Новая школа", "Образование Плюс", "Лицей будущего", "Квантум")


def private_school_bill(rng: random.Random) -> Drawn:
    """A private school's bill for one instalment of a year's tuition: the autonomous non-profit's name, its ИНН
    and КПП, a 40703 account, the contract with the parent and the pupil's name and class, the year's fee and the
    schedule of four instalments with their days, the next one due marked as this bill's, «К оплате по настоящему
    счёту», the purpose to write «НДС не облагается», the bill's day (the payment day: none is printed)."""
    when = past_day(rng)
    base = organisation(rng, sole_trader=False)
    school = Party(f"АНО ОО «{rng.choice(_SCHOOLS)}»", base.inn, base.kpp, base.address)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40703")
    printed = bank_printed(rng, chosen)
    parent, pupil = person(rng), person(rng)
    year = Decimal(rng.randrange(240000, 720000, 4000))
    share = _kopecks(year / 4)
    start = when.year if when.month >= 8 else when.year - 1
    schedule = [date(start, 9, 1), date(start, 11, 15), date(start + 1, 2, 1), date(start + 1, 4, 15)]
    part = next((n for n, day in enumerate(schedule) if day >= when), 3)
    shares = [share, share, share, year - 3 * share]
    due = shares[part]
    contract = f"{rng.randint(10, 480)}/{start % 100}-{start % 100 + 1}"
    grade = f"{rng.randint(1, 11)} «{rng.choice('АБВ')}»"
    purpose = (
        f"Оплата обучения {pupil.surname} {pupil.first[0]}. по договору № {contract}, {part + 1}-й взнос. "
        "НДС не облагается"
    )
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES])), 20, margin=64)
    page.line(
        f"Автономная некоммерческая организация общеобразовательная «{school.name[8:-1]}»",
        22,
        bold=True,
        align="center",
    )
    page.line(f"{school.address}", 17, align="center", colour=GREY)
    page.gap(14)
    _bank_grid(page, school, chosen, acc, printed=printed, size=18)
    page.gap(18)
    page.line(f"СЧЁТ № {rng.randint(1, 900)} от {when:%d.%m.%Y}", 28, bold=True, align="center")
    page.line(f"на оплату обучения за {start}/{start + 1} учебный год", 20, align="center")
    page.gap(10)
    page.labelled("Плательщик:", f"{parent.full} (законный представитель)", 0.24)
    page.labelled("Обучающийся:", f"{pupil.full}, {grade} класс", 0.24)
    page.labelled("Основание:", f"Договор об оказании платных образовательных услуг № {contract}", 0.24)
    page.labelled("Стоимость за год:", f"{grouped(year)} руб.", 0.24)
    page.gap(8)
    page.line("График платежей", bold=True)
    rows = [["Взнос", "Оплатить до", "Сумма, руб.", "Отметка"]]
    for n, (day, value) in enumerate(zip(schedule, shares, strict=True)):
        mark = "по настоящему счёту" if n == part else ("оплачен" if n < part else "")
        rows.append([f"{n + 1}-й", f"{day:%d.%m.%Y}", grouped(value), mark])
    page.grid(rows, [0.15, 0.25, 0.25, 0.35], 18, bold_first=True)
    page.gap(10)
    page.pair("К оплате по настоящему счёту:", f"{grouped(due)} руб.", 24, bold=True)
    page.line(f"({in_words(due)}). НДС не облагается (пп. 14 п. 2 ст. 149 НК РФ)")
    page.gap(6)
    page.labelled("Назначение платежа:", purpose, 0.24)
    page.gap(24)
    page.pair(f"Директор __________ {person(rng).initials}", f"Главный бухгалтер __________ {person(rng).initials}", 18)
    truth = invoice_details(due, when, school, acc, chosen, payer=parent.full, purpose=purpose, bank_name=printed)
    return Drawn(page.finish(), "private-school-bill", truth)


_GAS_CITIES = ("Тверь", "Ярославль", "Воронеж", "Самара", "Пермь", "Томск")


def gas_supplier_bill(rng: random.Random) -> Drawn:
    """A gas supplier's «Счёт-извещение» for a flat: the supplier (ООО «Газ-Регион <город>»), its requisites in
    a block, the personal account, the payer and address, the period, the meter's readings and the volume at the
    tariff, the debt at the start, the payments in the month, the penalties, «Итого к оплате» (with the debt and
    penalties), «Оплатить до», the purpose and the GOST QR that carries the same sum and purpose."""
    when = past_day(rng)
    city = rng.choice(_GAS_CITIES)
    supplier = Party(f"ООО «Газ-Регион {city}»", inn_org(rng), "", "")
    supplier = Party(
        supplier.name, supplier.inn, supplier.inn[:4] + "01001", f"г. {city}, ул. Советская, д. {rng.randint(1, 90)}"
    )
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    payer = person(rng)
    personal = digits(rng, 10)
    period = MONTHS_NOMINATIVE[(when.month - 2) % 12]
    before = rng.randint(1000, 30000)
    volume = rng.randint(8, 140)
    tariff = Decimal(rng.choice(["7.95", "8.42", "9.11", "7.38", "8.87"]))
    charge = _kopecks(volume * tariff)
    debt = Decimal(rng.choice([0, 0, rng.randint(20000, 300000)])) / 100
    paid = debt if rng.random() < 0.4 else Decimal(0)
    penalty = Decimal(rng.randint(50, 2500)) / 100 if debt > paid else Decimal(0)
    total = debt - paid + charge + penalty
    purpose = f"Оплата за газ по л/с {personal} за {period.lower()}"
    gost = (
        f"ST00012|Name={supplier.name}|PersonalAcc={acc}|BankName={chosen.name}|BIC={chosen.bic}"
        f"|CorrespAcc={chosen.corr_account}|PayeeINN={supplier.inn}|KPP={supplier.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}|PersAcc={personal}|LastName={payer.surname}"
    )
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, FOURTH_PAGE_FACES])), 19, margin=56)
    page.line(supplier.name, 26, bold=True, colour=(20, 80, 160))
    page.line(f"{supplier.address}. Аварийная служба: 04, 104", 16, colour=GREY)
    page.gap(8)
    page.line(
        f"СЧЁТ-ИЗВЕЩЕНИЕ № {digits(rng, 7)} от {when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year} г.",
        24,
        bold=True,
    )
    page.line(f"за {period.lower()} (расчётный период)", 19)
    page.gap(8)
    page.labelled("Лицевой счёт:", personal, 0.26)
    page.labelled("Абонент:", payer.full, 0.26)
    page.labelled("Адрес:", address(rng).split(", ", 1)[1].split(", оф.")[0] + f", кв. {rng.randint(1, 200)}", 0.26)
    page.labelled("Прописано / площадь:", f"{rng.randint(1, 5)} чел. / {rng.randint(28, 95)} м²", 0.26)
    page.gap(8)
    page.grid(
        [
            ["Услуга", "Показания пред.", "Показания тек.", "Объём, м³", "Тариф, руб.", "Начислено, руб."],
            [
                "Газоснабжение природным газом",
                str(before),
                str(before + volume),
                str(volume),
                str(tariff),
                grouped(charge),
            ],
        ],
        [0.3, 0.14, 0.14, 0.12, 0.13, 0.17],
        17,
        bold_first=True,
    )
    page.gap(10)
    for label, value in (
        ("Задолженность на начало периода", debt),
        ("Оплачено в периоде", paid),
        ("Начислено за период", charge),
        ("Пени", penalty),
    ):
        page.pair(label, grouped(value), leader=".")
    page.pair("ИТОГО К ОПЛАТЕ", f"{grouped(total)} руб.", 26, bold=True)
    page.line(f"Оплатить до 10.{(when.month % 12) + 1:02d}.{when.year + (when.month == 12)}", 19, colour=GREY)
    page.gap(12)
    page.rule(dashed=True)
    page.line("Реквизиты для оплаты", bold=True)
    for caption, text in (
        ("Получатель", supplier.name),
        ("ИНН / КПП", f"{supplier.inn} / {supplier.kpp}"),
        ("Р/с", acc),
        ("Банк", chosen.name),
        ("БИК", chosen.bic),
        ("К/с", chosen.corr_account),
        ("Назначение платежа", purpose),
    ):
        page.labelled(caption, text, 0.26, 18)
    page.gap(8)
    page.qr(gost, 260, align="left")
    page.line("Оплату можно произвести без комиссии в приложениях банков по QR-коду.", 16, colour=GREY)
    truth = invoice_details(total, when, supplier, acc, chosen, payer=payer.full, purpose=purpose)
    return Drawn(page.finish(), "gas-supplier-bill", truth)


TEMPLATES = (security_company_bill, private_school_bill, gas_supplier_bill)
