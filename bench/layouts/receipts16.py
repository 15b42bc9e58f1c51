"""The sixteenth round's receipts: a beauty salon's tape of services by their masters with a client card's discount
and the next appointment, a food delivery's e-receipt in its e-mail with the courier's tip paid apart, a market
stall's 57 mm tape of weighed goods from a small online register, paid in cash with change."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts.canvas import (
    FOURTH_TAPE_FACES,
    GREY,
    MONO_FACES,
    SCREEN_FACES,
    SECOND_TAPE_FACES,
    THIRD_SCREEN_FACES,
    SecondPage,
    pick_face,
)
from bench.layouts.drawn import Drawn, receipt_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    Party,
    address,
    digits,
    fiscal_drive,
    fiscal_number,
    grouped,
    inn_person,
    moment,
    organisation,
    past_day,
    person,
    vat_part,
)


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return fiscal_drive(rng), fiscal_number(rng, 90000), str(rng.randint(10**8, 4 * 10**9))


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M%S}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _kopecks(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


_SALONS = ("Шарм", "Локон", "Белла", "Аура", "Студия 12", "Мята", "Бархат", "Лаванда")
_SERVICES = (
    ("Стрижка женская", 1200, 2800),
    ("Стрижка мужская", 700, 1500),
    ("Окрашивание в один тон", 2800, 6500),
    ("Маникюр с покрытием гель-лак", 1500, 2600),
    ("Педикюр аппаратный", 1900, 3200),
    ("Укладка", 900, 1800),
    ("Коррекция бровей", 450, 900),
    ("Уход для волос", 1100, 2400),
)
_MASTERS = ("Анна", "Екатерина", "Ольга", "Марина", "Дарья", "Виктория", "Светлана")


def beauty_salon_tape(rng: random.Random) -> Drawn:
    """A beauty salon's 80 mm tape: the salon's sign and its sole trader or firm, the services each with its master,
    «СУММА БЕЗ СКИДКИ», the client card's discount, «ИТОГ», paid by card or by СБП, «НДС не облагается» under
    УСН, the fiscal rows and the QR; under it the next appointment's day and time (a later day than the payment)."""
    when = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    seller = organisation(rng, sole_trader=rng.random() < 0.6)
    chosen = rng.sample(_SERVICES, rng.randint(1, 4))
    items = [(name, Decimal(rng.randrange(low, high, 50)), rng.choice(_MASTERS)) for name, low, high in chosen]
    gross = sum((price for _, price, _ in items), Decimal(0))
    rate = rng.choice([5, 7, 10, 15])
    discount = _kopecks(gross * rate / 100)
    total = gross - discount
    page = SecondPage(576, pick_face(rng, rng.choice([MONO_FACES, SECOND_TAPE_FACES])), 19, margin=22)
    page.line(f"САЛОН КРАСОТЫ «{rng.choice(_SALONS).upper()}»", 24, bold=True, align="center")
    page.line(seller.name, align="center")
    page.line(seller.address, 16, align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК", 22, bold=True, align="center")
    page.line("ПРИХОД", align="center")
    page.pair(f"Чек № {rng.randint(1, 400)}", f"Смена № {rng.randint(5, 600)}")
    page.pair("Дата", f"{when:%d.%m.%y %H:%M}")
    page.line(f"Администратор: {person(rng).surname}", 17)
    page.rule(dashed=True)
    for n, (name, price, master) in enumerate(items, 1):
        page.line(f"{n}. {name}", bold=True)
        page.line(f"   мастер: {master}", 16)
        page.pair("   1 x " + grouped(price, sep=""), "=" + grouped(price, sep=""))
        page.line("   Услуга, полный расчёт", 15)
        page.line("   НДС не облагается", 15)
    page.rule(dashed=True)
    page.pair("СУММА БЕЗ СКИДКИ", "=" + grouped(gross, sep=""))
    page.pair(f"СКИДКА {rate}% (карта клиента)", "=" + grouped(discount, sep=""))
    page.pair("ИТОГ", "=" + grouped(total, sep=""), 28, bold=True)
    page.pair(rng.choice(["БЕЗНАЛИЧНЫМИ", "ЭЛЕКТРОННЫМИ"]), "=" + grouped(total, sep=""))
    page.pair("СУММА БЕЗ НДС", "=" + grouped(total, sep=""), 16)
    for label, value in (
        ("СНО", "УСН доход"),
        ("Место расчётов", "Салон"),
        ("РН ККТ", "000" + digits(rng, 13)),
        ("ЗН ККТ", digits(rng, 14)),
        ("ФН №", fiscal[0]),
        ("ФД №", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, 16)
    page.line("Сайт ФНС: www.nalog.gov.ru", 16)
    page.qr(_qr(when, total, fiscal), 210)
    page.rule(dashed=True)
    follow = when + timedelta(days=rng.randint(14, 42), hours=rng.randint(-3, 3))
    page.line("Ваша следующая запись:", 17, align="center")
    page.line(f"{follow:%d.%m.%Y} в {follow:%H}:00, мастер {items[0][2]}", 17, bold=True, align="center")
    page.line("Спасибо, что выбираете нас!", 17, align="center")
    return Drawn(page.finish(), "beauty-salon-tape", receipt_details(seller, total, when, fiscal), thermal=True)


_DISHES = (
    ("Пицца Маргарита 30 см", 450, 690),
    ("Ролл Филадельфия", 520, 790),
    ("Суп том ям", 420, 590),
    ("Бургер классический", 330, 520),
    ("Картофель фри", 150, 240),
    ("Салат Цезарь с курицей", 380, 560),
    ("Лимонад домашний 0,5 л", 190, 290),
    ("Вок с курицей и овощами", 410, 620),
    ("Хачапури по-аджарски", 460, 680),
)


_BRANDS = (
    ("Вкусно Рядом", "vkusno-ryadom.ru"),
    ("Еда за 30", "eda30.ru"),
    ("Горячая Доставка", "hotdostavka.ru"),
    ("СуперЕда", "supereda.com"),
)


def delivery_ereceipt(rng: random.Random) -> Drawn:
    """A food delivery's e-mail «Ваш заказ доставлен»: the order's number and the time it was placed, a late order
    delivered after midnight, the dishes, the delivery and the service fee, a promo code's discount, «Итого оплачено»;
    the courier's tip paid apart («не входят в чек»); under it the restaurant's «Кассовый чек» with its ИНН, the same
    sum, the day and time of payment (the order's, not the delivery's), ФН, ФД, ФП and the QR."""
    ordered = moment(rng, past_day(rng))
    if rng.random() < 0.5:
        ordered = ordered.replace(hour=23, minute=rng.randint(5, 40))
    delivered = ordered + timedelta(minutes=rng.randint(35, 80))
    fiscal = _fiscal(rng)
    seller = organisation(rng, sole_trader=False)
    brand, domain = rng.choice(_BRANDS)
    dishes = []
    for name, low, high in rng.sample(_DISHES, rng.randint(2, 5)):
        count = rng.choice([1, 1, 2])
        price = Decimal(rng.randrange(low, high, 10))
        dishes.append((name, count, price))
    food = sum((price * count for _, count, price in dishes), Decimal(0))
    delivery = Decimal(rng.choice([0, 99, 149, 199, 249]))
    service = Decimal(rng.choice([29, 39, 49, 59]))
    promo = Decimal(rng.choice([0, 0, 150, 200, 300]))
    total = food + delivery + service - promo
    tip = Decimal(rng.choice([50, 100, 150, 200]))
    page = SecondPage(1080, pick_face(rng, rng.choice([SCREEN_FACES, THIRD_SCREEN_FACES])), 26, margin=56)
    page.line(f"От: {brand} <noreply@{domain}>", 20, colour=GREY)
    page.line(f"Тема: Заказ № {digits(rng, 8)} доставлен", 20, colour=GREY)
    page.gap(16)
    page.line(brand, 44, bold=True, colour=(230, 80, 30))
    page.line("Ваш заказ доставлен. Приятного аппетита!", 30, bold=True)
    page.line(f"Оформлен {ordered:%d.%m.%Y в %H:%M}, доставлен {delivered:%d.%m.%Y в %H:%M}", 22, colour=GREY)
    page.line(f"Ресторан: {seller.name}", 22, colour=GREY)
    page.gap(10)
    page.rule()
    for name, count, price in dishes:
        page.pair(f"{name} × {count}", f"{grouped(price * count)} ₽", 24)
    page.pair("Доставка", f"{grouped(delivery)} ₽" if delivery else "бесплатно", 24)
    page.pair("Сервисный сбор", f"{grouped(service)} ₽", 24)
    if promo:
        page.pair(
            f"Промокод {rng.choice(['ВКУСНО', 'ПЕРВЫЙ', 'ЛЕТО'])}{rng.randint(10, 99)}", f"−{grouped(promo)} ₽", 24
        )
    page.rule()
    page.pair("Итого оплачено", f"{grouped(total)} ₽", 32, bold=True)
    page.pair(f"Чаевые курьеру {person(rng).first}", f"{grouped(tip)} ₽", 22, colour=GREY)
    page.line("Чаевые переведены курьеру отдельно и не входят в кассовый чек", 19, colour=GREY)
    page.gap(24)
    page.line("Кассовый чек", 30, bold=True)
    page.line("Приход", 22)
    for label, value in (
        ("Продавец", seller.name),
        ("ИНН", seller.inn),
        ("Адрес расчётов", seller.address),
        ("Место расчётов", f"https://{domain}"),
        ("Дата и время", f"{ordered.day} {MONTHS_GENITIVE[ordered.month - 1]} {ordered.year}, {ordered:%H:%M}"),
        ("Итого", f"{grouped(total)} ₽"),
        ("Безналичными", f"{grouped(total)} ₽"),
        ("НДС 20%", f"{grouped(vat_part(total, 20))} ₽"),
        ("СНО", "ОСН"),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
        ("РН ККТ", "000" + digits(rng, 13)),
    ):
        page.labelled(label, value, 0.36, 22)
    page.gap(10)
    page.qr(_qr(ordered, total, fiscal), 230, align="left")
    page.line("Проверить чек можно в приложении «Проверка чеков» ФНС России", 18, colour=GREY)
    truth = receipt_details(seller, total, ordered, fiscal)
    return Drawn(page.finish(), "delivery-ereceipt", truth, screen=True)


_PRODUCE = (
    ("Томаты", 149, 349),
    ("Огурцы", 99, 249),
    ("Картофель", 35, 79),
    ("Яблоки Голден", 119, 229),
    ("Мандарины", 149, 289),
    ("Лук репчатый", 39, 69),
    ("Перец болгарский", 199, 399),
    ("Бананы", 119, 169),
    ("Виноград Кишмиш", 249, 449),
)


def market_stall_tape(rng: random.Random) -> Drawn:
    """A market stall's 57 mm tape from a small online register: a sole trader, the weighed goods as «1,236 кг x
    189,00», «ИТОГ», «НАЛИЧНЫМИ» with the note handed over and «СДАЧА», the fiscal rows squeezed two to a line and
    a small QR; the day printed «14-03-26»."""
    when = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    owner = person(rng)
    seller = Party(f"ИП {owner.full}", inn_person(rng), None, address(rng))
    lines = []
    for name, low, high in rng.sample(_PRODUCE, rng.randint(2, 5)):
        weight = Decimal(rng.randint(250, 3200)) / 1000
        price = Decimal(rng.randrange(low, high))
        lines.append((name, weight, price, _kopecks(weight * price)))
    total = sum((cost for *_, cost in lines), Decimal(0))
    cash = next(note for note in (Decimal(n) for n in (100, 200, 500, 1000, 2000, 5000)) if note >= total)
    if rng.random() < 0.4:
        cash = total
    page = SecondPage(540, pick_face(rng, rng.choice([MONO_FACES, FOURTH_TAPE_FACES])), 20, margin=16)
    page.line(seller.name, 21, bold=True, align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.line(f"Рынок, павильон {rng.randint(1, 60)}", 19, align="center")
    page.line("КАССОВЫЙ ЧЕК. ПРИХОД", bold=True, align="center")
    page.pair(f"{when:%d-%m-%y} {when:%H:%M}", f"ЧЕК {rng.randint(1, 300)}")
    page.rule(dashed=True)
    for name, weight, price, cost in lines:
        page.line(name.upper())
        page.pair(f" {str(weight).replace('.', ',')} кг x {grouped(price, sep='')}", "=" + grouped(cost, sep=""))
    page.rule(dashed=True)
    page.pair("ИТОГ", "=" + grouped(total, sep=""), 28, bold=True)
    page.pair("НАЛИЧНЫМИ", "=" + grouped(cash, sep=""))
    if cash > total:
        page.pair("СДАЧА", "=" + grouped(cash - total, sep=""))
    page.line("НДС НЕ ОБЛАГАЕТСЯ", 18)
    page.pair("СНО: ПСН", f"ЗН {digits(rng, 10)}", 18)
    page.pair(f"ФН {fiscal[0]}", "", 18)
    page.pair(f"ФД {fiscal[1]}", f"ФП {fiscal[2]}", 18)
    page.qr(_qr(when, total, fiscal), 200)
    page.line("СПАСИБО ЗА ПОКУПКУ", 18, align="center")
    return Drawn(page.finish(), "market-stall-tape", receipt_details(seller, total, when, fiscal), thermal=True)


TEMPLATES = (beauty_salon_tape, delivery_ereceipt, market_stall_tape)
