"""The fifteenth round's bills: an insurer's bill for a motor policy's premium, a car service's work order with its
bill, a marketplace's bill to a business buyer printed from its site."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from bench.layouts.canvas import (
    FOURTH_PAGE_FACES,
    GREY,
    PAGE_FACES,
    SECOND_PAGE_FACES,
    THIRD_PAGE_FACES,
    SecondPage,
    pick_face,
    qr_image,
)
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.requisites import (
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
    rng_word,
    vat_part,
)

_INSURERS = ("Гарантия Плюс", "Надёжный Полис", "Щит", "Северная Страховая", "Опора", "Ренессанс-Регион")
_CARS = (
    ("LADA Vesta", "XTA"),
    ("Kia Rio", "Z94"),
    ("Hyundai Solaris", "Z94"),
    ("Haval Jolion", "XZG"),
    ("Skoda Octavia", "XW8"),
    ("Chery Tiggo 7 Pro", "LVV"),
)
_PLATE_LETTERS = "АВЕКМНОРСТУХ"


def _plate(rng: random.Random) -> str:
    letters = [rng.choice(_PLATE_LETTERS) for _ in range(3)]
    number = rng.randint(1, 999)
    region = rng.choice(["77", "197", "50", "16", "116", "66", "178"])
    return f"{letters[0]} {number:03d} {letters[1]}{letters[2]} {region}"


def _vin(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(14))


def _insurer(rng: random.Random) -> Party:
    inn = inn_org(rng)
    return Party(f"САО «{rng.choice(_INSURERS)}»", inn, inn[:4] + "01001", address(rng))


def insurance_premium_bill(rng: random.Random) -> Drawn:
    """An insurer's «СЧЁТ на оплату страховой премии» for a motor policy (ОСАГО, КАСКО or both): the insurer's
    requisites as labelled lines (its 40701 account), «Страхователь» (the payer), the car with its plate and VIN,
    a table of policies with their numbers and the insurance period (starting days after the bill), «Итого к
    оплате», «НДС не облагается (пп. 7 п. 3 ст. 149 НК РФ)», the sum in words, the purpose to copy, «Счёт
    действителен до …»."""
    billed = past_day(rng)
    insurer = _insurer(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40701")
    printed_bank = bank_printed(rng, chosen)
    holder = person(rng)
    car, vin_prefix = rng.choice(_CARS)
    start = billed + timedelta(days=rng.randint(2, 12))
    end = start.replace(year=start.year + 1) - timedelta(days=1)
    series = rng.choice(["ХХХ", "ТТТ", "ААС"])
    policies = [("ОСАГО", f"{series} № {digits(rng, 10)}", Decimal(rng.randint(450000, 1800000)) / 100)]
    if rng.random() < 0.5:
        policies.append(
            ("КАСКО", f"{rng.randint(1000, 9999)}-{digits(rng, 7)}", Decimal(rng.randrange(18000, 95000, 10)))
        )
    total = sum((premium for *_, premium in policies), Decimal(0))
    number = f"{rng.choice(['ОС', 'СП', 'Ф'])}-{rng.randint(1000, 99999)}"
    first_policy = policies[0][1]
    purpose = (
        f"Оплата страховой премии по полису {'ОСАГО' if len(policies) == 1 else 'ОСАГО и КАСКО'} {first_policy}, "
        f"страхователь {holder.full}. НДС не облагается"
    )
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, THIRD_PAGE_FACES])), 22, margin=70)
    green = (0, 110, 80)
    page.line(insurer.name, 32, bold=True, colour=green)
    page.line(
        f"Лицензия ЦБ РФ СИ № {rng.randint(1000, 4000)} "
        f"от {rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.20{rng.randint(15, 23)}",
        18,
        colour=GREY,
    )
    page.line(insurer.address, 18, colour=GREY)
    page.gap(8)
    for label, value in (
        ("Получатель", insurer.name),
        ("ИНН / КПП", f"{insurer.inn} / {insurer.kpp}"),
        ("Расчётный счёт", acc),
        ("Банк", printed_bank),
        ("БИК", chosen.bic),
        ("Корр. счёт", chosen.corr_account),
    ):
        page.labelled(label, value, 0.25, 20)
    page.gap(18)
    page.line(f"СЧЁТ № {number} от {date_text(rng, billed)}", 30, bold=True, align="center")
    page.line("на оплату страховой премии", 24, align="center")
    page.gap(12)
    page.labelled("Страхователь:", holder.full, 0.25)
    page.labelled("Адрес:", address(rng).split(", оф.")[0], 0.25)
    page.labelled("Транспортное средство:", f"{car}, г/н {_plate(rng)}, VIN {_vin(rng, vin_prefix)}", 0.25)
    page.gap(10)
    rows = [["№", "Вид страхования", "Полис", "Период страхования", "Страховая премия, руб."]]
    for n, (kind, policy, premium) in enumerate(policies, 1):
        rows.append([str(n), kind, policy, f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}", grouped(premium)])
    page.grid(rows, [0.06, 0.2, 0.26, 0.28, 0.2], 20, bold_first=True)
    page.gap(8)
    page.pair("Итого к оплате:", f"{grouped(total)} руб.", 24, bold=True)
    page.line("НДС не облагается (пп. 7 п. 3 ст. 149 НК РФ)", 20)
    page.line(f"Сумма прописью: {in_words(total)}", 20)
    page.gap(10)
    page.line(f"Назначение платежа: {purpose}", 20, bold=True)
    page.line(
        f"Счёт действителен до {billed + timedelta(days=5):%d.%m.%Y}. Договор страхования вступает в силу с даты, "
        "указанной в полисе, при условии оплаты страховой премии в полном объёме.",
        18,
        colour=GREY,
    )
    page.gap(30)
    page.line(f"Представитель страховщика ______________ / {person(rng).initials} /", 20)
    truth = invoice_details(
        total, billed, insurer, acc, chosen, payer=holder.full, purpose=purpose, bank_name=printed_bank
    )
    return Drawn(page.finish(min_height=1500), "insurance-premium-bill", truth)


_WORKS = (
    ("Замена масла в ДВС", 0.5),
    ("Замена фильтра салона", 0.3),
    ("Замена тормозных колодок передних", 1.2),
    ("Диагностика подвески", 0.6),
    ("Развал-схождение", 1.0),
    ("Замена свечей зажигания", 0.8),
    ("Компьютерная диагностика", 0.5),
    ("Замена ремня ГРМ", 3.5),
)
_PARTS = (
    ("Масло моторное 5W-40, 4 л", "шт", 2900, 4600),
    ("Фильтр масляный", "шт", 380, 900),
    ("Фильтр салонный", "шт", 420, 1100),
    ("Колодки тормозные передние", "к-т", 2100, 5200),
    ("Свеча зажигания", "шт", 390, 980),
    ("Ремень ГРМ, комплект", "к-т", 5200, 12800),
    ("Жидкость тормозная DOT-4", "шт", 450, 900),
)


def _parts(rng: random.Random) -> list[tuple[str, str, int, Decimal]]:
    """One to four parts and materials: name, unit, count, price."""
    parts = []
    for name, unit, low, high in rng.sample(_PARTS, rng.randint(1, 4)):
        count = rng.choice([1, 1, 2, 4]) if unit == "шт" else 1
        parts.append((name, unit, count, Decimal(rng.randrange(low, high, 10))))
    return parts


def _requisites_foot(page: SecondPage, payee: Party, acc: str, printed_bank: str, chosen: Bank) -> None:
    """The payee's requisites as two running lines under a rule at the page's foot."""
    page.gap(16)
    page.rule(thickness=1)
    kpp = f", КПП {payee.kpp}" if payee.kpp else ""
    page.line(f"Реквизиты для оплаты: {payee.name}, ИНН {payee.inn}{kpp}", 18)
    page.line(f"р/с {acc} в {printed_bank}, БИК {chosen.bic}, к/с {chosen.corr_account}", 18)


def car_service_bill(rng: random.Random) -> Drawn:
    """A car service's «ЗАКАЗ-НАРЯД № …» with «СЧЁТ НА ОПЛАТУ № … от …» over it: the car taken in days before
    («Дата приёма»), handed back on the bill's day, the customer (the payer), the car with plate, VIN and mileage,
    the works in standard hours x the hour's rate and the parts, «Итого по работам», «Итого по запчастям», a
    discount on the works, «Всего к оплате», VAT 20 % inside (an ООО) or «Без НДС (УСН)» (an ИП), and the service's
    requisites at the foot."""
    billed = past_day(rng)
    taken = billed - timedelta(days=rng.randint(1, 6))
    service = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40802" if service.kpp is None else "40702")
    printed_bank = bank_printed(rng, chosen)
    customer = person(rng)
    car, vin_prefix = rng.choice(_CARS)
    rate = Decimal(rng.choice([1800, 2200, 2500, 2900, 3200]))
    works = [(name, Decimal(str(hours))) for name, hours in rng.sample(_WORKS, rng.randint(2, 4))]
    parts = _parts(rng)
    labour = sum((rate * hours for _, hours in works), Decimal(0))
    discount = (labour * Decimal(rng.choice([0, 0, 5, 10])) / 100).quantize(Decimal("0.01"))
    goods = sum((price * count for *_, count, price in parts), Decimal(0))
    total = labour - discount + goods
    number = rng.randint(100, 9999)
    page = SecondPage(
        1240, pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES, FOURTH_PAGE_FACES])), 20, margin=60
    )
    page.line(f"Автосервис «{rng_word(rng)}»", 30, bold=True)
    page.line(
        f"{service.name}, {service.address}, "
        f"тел. +7 ({rng.randint(300, 999)}) {digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}",
        18,
        colour=GREY,
    )
    page.rule(thickness=2)
    page.line(f"ЗАКАЗ-НАРЯД № {number}", 28, bold=True, align="center")
    page.line(f"СЧЁТ НА ОПЛАТУ № {number} от {date_text(rng, billed)}", 24, bold=True, align="center")
    page.gap(8)
    for label, value in (
        (
            "Дата приёма:",
            f"{datetime.combine(taken, time(rng.randint(8, 18), rng.choice([0, 15, 30, 45]))):%d.%m.%Y %H:%M}",
        ),
        ("Дата выдачи:", f"{billed:%d.%m.%Y}"),
        ("Заказчик:", f"{customer.full}, тел. +7 9{digits(rng, 2)} {digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}"),
        ("Автомобиль:", f"{car}, гос. номер {_plate(rng)}"),
        ("VIN:", _vin(rng, vin_prefix)),
        ("Пробег:", f"{rng.randint(8, 240) * 1000 + rng.randint(0, 999)} км"),
    ):
        page.labelled(label, value, 0.2)
    page.gap(10)
    page.line("Работы", 22, bold=True)
    rows = [["№", "Наименование работ", "Н/ч", "Цена н/ч", "Сумма"]]
    rows += [
        [str(n), name, f"{hours:.1f}", grouped(rate), grouped(rate * hours)] for n, (name, hours) in enumerate(works, 1)
    ]
    page.grid(rows, [0.06, 0.5, 0.1, 0.16, 0.18], 19, bold_first=True)
    page.pair("Итого по работам:", grouped(labour), 20, bold=True)
    if discount:
        page.pair("Скидка на работы:", f"-{grouped(discount)}", 20)
    page.gap(6)
    page.line("Запасные части и материалы", 22, bold=True)
    rows = [["№", "Артикул", "Наименование", "Ед.", "Кол-во", "Цена", "Сумма"]]
    rows += [
        [
            str(n),
            f"{rng.choice(['MN', 'BS', 'FL', 'GT'])}{digits(rng, 6)}",
            name,
            unit,
            str(count),
            grouped(price),
            grouped(price * count),
        ]
        for n, (name, unit, count, price) in enumerate(parts, 1)
    ]
    page.grid(rows, [0.05, 0.14, 0.37, 0.07, 0.09, 0.13, 0.15], 19, bold_first=True)
    page.pair("Итого по запчастям:", grouped(goods), 20, bold=True)
    page.gap(6)
    page.pair("ВСЕГО К ОПЛАТЕ:", f"{grouped(total)} руб.", 26, bold=True)
    page.line(f"в т.ч. НДС 20%: {grouped(vat_part(total, 20))} руб." if service.kpp else "Без НДС (УСН)", 20)
    page.line(f"Сумма прописью: {in_words(total)}", 20)
    page.gap(10)
    page.line(
        "Гарантия на работы — 30 дней или 1000 км пробега. Автомобиль принял, претензий не имею.", 18, colour=GREY
    )
    page.line(
        f"Мастер-приёмщик ____________ {person(rng).initials}        Заказчик ____________ {customer.initials}", 20
    )
    _requisites_foot(page, service, acc, printed_bank, chosen)
    truth = invoice_details(total, billed, service, acc, chosen, payer=customer.full, bank_name=printed_bank)
    return Drawn(page.finish(), "car-service-work-order-bill", truth)


_MARKETS = ("Полка", "Корзина", "Базар", "Склад24", "Маркет Плюс")
_OFFICE_GOODS = (
    ("Бумага офисная А4, 500 л.", 290, 520, 20),
    ("Картридж лазерный HP 85A, совместимый", 890, 1900, 20),
    ("Кофе в зёрнах 1 кг", 1200, 2400, 20),
    ("Вода питьевая 19 л", 290, 480, 20),
    ("Стул офисный", 4200, 9800, 20),
    ("Папка-регистратор 75 мм", 160, 340, 20),
    ("Салфетки бумажные, 100 шт", 60, 140, 20),
    ("Чай чёрный пакетированный, 100 шт", 290, 690, 20),
)


def marketplace_business_bill(rng: random.Random) -> Drawn:
    """A marketplace's «Счёт на оплату» to a business buyer printed from its site: the browser's head with the
    print's day and time (days after the bill) and its foot with the address, the platform as the supplier with
    its requisites as labelled lines, the buyer firm (the payer), the order's number, goods each with the seller
    that ships them and his ИНН, the delivery, VAT 20 % inside, «Всего к оплате», «Оплатите до …», the purpose to
    copy and a GOST payment QR."""
    billed = past_day(rng)
    printed_at = datetime.combine(
        billed + timedelta(days=rng.randint(0, 3)), time(rng.randint(8, 20), rng.randint(0, 59))
    )
    market = rng.choice(_MARKETS)
    base = organisation(rng, sole_trader=False)
    platform = Party(f"ООО «{market} Интернет Решения»", base.inn, base.kpp, base.address)
    buyer = organisation(rng, sole_trader=False)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    order = f"{rng.randint(10, 99)}{digits(rng, 7)}"
    number = f"{order}-{rng.randint(1, 30):04d}"
    lines = []
    for name, low, high, _vat in rng.sample(_OFFICE_GOODS, rng.randint(2, 5)):
        seller = organisation(rng)
        lines.append((name, rng.randint(1, 6), Decimal(rng.randrange(low, high, 10)), seller))
    delivery = Decimal(rng.choice([0, 0, 199, 349, 590]))
    total = sum((price * count for _, count, price, _ in lines), Decimal(0)) + delivery
    vat = vat_part(total, 20)
    purpose = f"Оплата по счёту № {number} за заказ № {order}. В т.ч. НДС 20% {grouped(vat)} руб."
    page = SecondPage(1240, pick_face(rng, rng.choice([SECOND_PAGE_FACES, FOURTH_PAGE_FACES])), 20, margin=56)
    page.pair(f"{printed_at:%d.%m.%Y, %H:%M}", f"Счёт на оплату — {market} для бизнеса", 16, colour=GREY)
    page.gap(20)
    page.line(f"{market.upper()} ДЛЯ БИЗНЕСА", 30, bold=True, colour=(110, 40, 170))
    page.gap(6)
    page.line(f"Счёт на оплату № {number} от {date_text(rng, billed)}", 28, bold=True)
    page.gap(6)
    for label, value in (
        ("Поставщик", f"{platform.name}, ИНН {platform.inn}, КПП {platform.kpp}, {platform.address}"),
        ("Покупатель", f"{buyer.name}, ИНН {buyer.inn}, КПП {buyer.kpp}"),
        ("Заказ", f"№ {order}"),
        ("Получатель платежа", platform.name),
        ("Расчётный счёт", acc),
        ("Банк получателя", chosen.name),
        ("БИК", chosen.bic),
        ("Корреспондентский счёт", chosen.corr_account),
    ):
        page.labelled(label, value, 0.27, 19)
    page.gap(10)
    rows = [["№", "Товар", "Продавец", "Кол-во", "Цена", "Сумма"]]
    for n, (name, count, price, seller) in enumerate(lines, 1):
        rows.append(
            [str(n), name, f"{seller.name}, ИНН {seller.inn}", str(count), grouped(price), grouped(price * count)]
        )
    if delivery:
        rows.append(
            [str(len(lines) + 1), "Доставка до двери", platform.name, "1", grouped(delivery), grouped(delivery)]
        )
    page.grid(rows, [0.05, 0.32, 0.3, 0.08, 0.12, 0.13], 18, bold_first=True)
    page.pair("Итого:", grouped(total), 20, bold=True)
    page.pair("В том числе НДС 20%:", grouped(vat), 20)
    page.pair("Всего к оплате:", f"{grouped(total)} ₽", 24, bold=True)
    page.line(f"Всего наименований {len(rows) - 1}, на сумму {grouped(total)} руб. {in_words(total)}", 18)
    page.gap(8)
    page.line(f"Оплатите счёт до {billed + timedelta(days=3):%d.%m.%Y}, иначе заказ будет отменён.", 19, bold=True)
    page.line(f"В назначении платежа укажите: {purpose}", 19)
    page.gap(8)
    gost = (
        f"ST00012|Name={platform.name}|PersonalAcc={acc}|BankName={chosen.name}|BIC={chosen.bic}"
        f"|CorrespAcc={chosen.corr_account}|PayeeINN={platform.inn}|KPP={platform.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}"
    )
    top = page.y
    page.inset(qr_image(gost, 230))
    bottom = page.y
    page.y = top + 80
    page.line("Отсканируйте QR-код в приложении банка для оплаты", 18, indent=270, colour=GREY)
    page.y = bottom + 20
    page.pair(f"https://business.{market.lower().replace(' ', '')}.ru/orders/{order}/invoice", "1/1", 16, colour=GREY)
    truth = invoice_details(total, billed, platform, acc, chosen, payer=buyer.name, purpose=purpose)
    return Drawn(page.finish(), "marketplace-business-bill", truth)


TEMPLATES = (insurance_premium_bill, car_service_bill, marketplace_business_bill)
