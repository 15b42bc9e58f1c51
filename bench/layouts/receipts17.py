"""The seventeenth round's receipts: a theatre box office's tape of tickets for a performance weeks later, a
bookshop's tape paid part by a gift certificate (an advance set off) and the rest by card, a car-sharing trip's
e-receipt in its e-mail, the trip begun before midnight and charged after it."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts.canvas import (
    EIGHTH_TAPE_FACES,
    GREY,
    MONO_FACES,
    SCREEN_FACES,
    SEVENTH_TAPE_FACES,
    SIXTH_SCREEN_FACES,
    THIRD_TAPE_FACES,
    SecondPage,
    pick_face,
)
from bench.layouts.drawn import Drawn, receipt_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    Party,
    digits,
    fiscal_drive,
    fiscal_number,
    grouped,
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


_THEATRES = (
    ("Драматический театр", "ГАУК"),
    ("Театр юного зрителя", "МАУК"),
    ("Театр оперетты", "ГБУК"),
    ("Камерный театр", "АУК"),
    ("Театр кукол", "МБУК"),
)
_PLAYS = ("Вишнёвый сад", "Ревизор", "Горе от ума", "Щелкунчик", "Три сестры", "Летучая мышь", "Морозко", "Гамлет")
_ZONES = (("Партер", 1800, 4200), ("Амфитеатр", 1200, 2600), ("Бельэтаж", 900, 2200), ("Балкон 1 яруса", 500, 1400))


def theatre_box_office_tape(rng: random.Random) -> Drawn:
    """A theatre box office's 80 mm tape: the state theatre's name, ИНН and КПП (all three in the truth),
    «КАССОВЫЙ ЧЕК / ПРИХОД», each ticket a line with the play, the performance's day and hour (weeks after the
    purchase: a rival date), the zone, row and seat and its price; «ИТОГ», paid by card or by СБП, «НДС не
    облагается» (culture is exempt), the fiscal rows and the QR; the day of purchase printed «07.12.26 14:05»."""
    when = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    name, form = rng.choice(_THEATRES)
    base = organisation(rng, sole_trader=False)
    seller = Party(f"{form} «{name}»", base.inn, base.kpp, base.address)
    play = rng.choice(_PLAYS)
    show = (when + timedelta(days=rng.randint(9, 60))).replace(hour=rng.choice([12, 18, 19]), minute=0)
    zone, low, high = rng.choice(_ZONES)
    price = Decimal(rng.randrange(low, high, 100))
    row = rng.randint(1, 18)
    seats = range(rng.randint(1, 20), 0, -1)[: rng.randint(1, 4)]
    total = price * len(seats)
    page = SecondPage(576, pick_face(rng, rng.choice([MONO_FACES, THIRD_TAPE_FACES])), 19, margin=20)
    page.line(seller.name, 22, bold=True, align="center")
    page.line(seller.address, 16, align="center")
    page.line(f"ИНН {seller.inn}  КПП {seller.kpp}", 17, align="center")
    page.line("Театральная касса № 1", 17, align="center")
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", 21, bold=True, align="center")
    page.pair(f"{when:%d.%m.%y %H:%M}", f"ЧЕК № {rng.randint(1, 250)}")
    page.pair(f"Смена № {rng.randint(10, 900)}", f"Кассир {person(rng).surname}")
    page.rule(dashed=True)
    for n, seat in enumerate(sorted(seats), 1):
        page.line(f"{n}. Билет «{play}»", bold=True)
        page.line(f"   {show:%d.%m.%Y %H:%M}, {zone}", 16)
        page.line(f"   ряд {row}, место {seat}", 16)
        page.pair("   1 x " + grouped(price, sep=""), "=" + grouped(price, sep=""))
        page.line("   НДС не облагается", 15)
    page.rule(dashed=True)
    page.pair("ИТОГ", "=" + grouped(total, sep=""), 28, bold=True)
    page.pair(rng.choice(["БЕЗНАЛИЧНЫМИ", "ЭЛЕКТРОННЫМИ", "ОПЛАТА СБП"]), "=" + grouped(total, sep=""))
    page.pair("СУММА БЕЗ НДС", "=" + grouped(total, sep=""), 16)
    for label, value in (
        ("СНО", "ОСН"),
        ("Место расчётов", "Касса театра"),
        ("РН ККТ", "000" + digits(rng, 13)),
        ("ЗН ККТ", digits(rng, 14)),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, 16)
    page.qr(_qr(when, total, fiscal), 210)
    page.line("Возврат билетов — не позднее чем", 16, align="center")
    page.line(f"за 3 дня до спектакля ({(show - timedelta(days=3)):%d.%m.%Y})", 16, align="center")
    page.line("Приятного просмотра!", 17, align="center")
    truth = receipt_details(seller, total, when, fiscal).model_copy(update={"recipient_kpp": seller.kpp})
    return Drawn(page.finish(), "theatre-box-office-tape", truth, thermal=True)


_BOOKS = (
    ("Булгаков М. Мастер и Маргарита", 10, 390, 890),
    ("Толстой Л. Война и мир. Т.1", 10, 450, 990),
    ("Энциклопедия для детей. Космос", 10, 690, 1490),
    ("Атлас мира. Настольный", 20, 790, 1890),
    ("Чехов А. Рассказы", 10, 290, 590),
    ("Ежедневник недатированный А5", 20, 350, 890),
    ("Пушкин А. Сказки (илл.)", 10, 490, 1190),
    ("Закладка магнитная", 20, 90, 190),
    ("Пелевин В. Generation П", 10, 450, 790),
)
_SHOPS = ("Читай-Город", "Книжный Дом", "Буквоед", "Республика Слов", "Дом Книги", "Переплёт")


def bookshop_certificate_tape(rng: random.Random) -> Drawn:
    """A bookshop's tape: books at 10 % VAT and stationery at 20 %, «ИТОГ», then «ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА
    (ЗАЧЕТ АВАНСА)» by a gift certificate with its number and «БЕЗНАЛИЧНЫМИ» for the rest (both smaller than the
    total: rivals), the two VAT sums, the fiscal rows beside the QR, the certificate's balance left under it."""
    when = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    seller = organisation(rng, sole_trader=False)
    items = [
        (title, rate, Decimal(rng.randrange(low, high, 10)), rng.choice([1, 1, 1, 2]))
        for title, rate, low, high in rng.sample(_BOOKS, rng.randint(2, 5))
    ]
    total = sum((price * count for _, _, price, count in items), Decimal(0))
    nominal = Decimal(next(n for n in (3000, 2000, 1500, 1000, 500, 300) if n < total))
    used = nominal if rng.random() < 0.7 else _kopecks(nominal * Decimal("0.6"))
    rest = total - used
    page = SecondPage(576, pick_face(rng, rng.choice([SEVENTH_TAPE_FACES, EIGHTH_TAPE_FACES])), 18, margin=20)
    page.line(f"Книжный магазин «{rng.choice(_SHOPS)}»", 22, bold=True, align="center")
    page.line(seller.name, align="center")
    page.line(seller.address, 15, align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.line("КАССОВЫЙ ЧЕК", 21, bold=True, align="center")
    page.line("ПРИХОД", align="center")
    page.pair(f"№ {rng.randint(1, 900)}", f"{when:%d.%m.%Y %H:%M}")
    page.rule()
    vats = {10: Decimal(0), 20: Decimal(0)}
    for title, rate, price, count in items:
        cost = price * count
        vats[rate] += vat_part(cost, rate)
        page.line(title)
        page.pair(f"  {count} шт x {grouped(price, sep='')}", grouped(cost, sep=""))
        page.line(f"  НДС {rate}%", 15)
    page.rule()
    page.pair("ИТОГ", grouped(total, sep=""), 27, bold=True)
    page.pair("ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА (ЗАЧЕТ АВАНСА)", grouped(used, sep=""), 16)
    page.pair(f"  Подарочный сертификат № {digits(rng, 10)}", "", 15)
    page.pair("БЕЗНАЛИЧНЫМИ", grouped(rest, sep=""))
    for rate, value in vats.items():
        if value:
            page.pair(f"СУММА НДС {rate}%", grouped(value, sep=""), 16)
    page.rule()
    page.qr_beside(
        _qr(when, total, fiscal),
        190,
        [("СНО", "ОСН"), ("ФН", fiscal[0]), ("ФД", fiscal[1]), ("ФП", fiscal[2]), ("ЗН", digits(rng, 10))],
        15,
    )
    page.line(f"Остаток по сертификату: {grouped(nominal - used, sep='')}", 16)
    page.line("Спасибо! Читайте с удовольствием!", 16, align="center")
    return Drawn(page.finish(), "bookshop-certificate-tape", receipt_details(seller, total, when, fiscal), thermal=True)


_CARSHARE = (("ГородДрайв", "gorod-drive.ru"), ("Колёса Рядом", "kolesa-ryadom.ru"), ("ЕдуСам", "edusam.ru"))
_CARS = ("Kia Rio", "Hyundai Solaris", "Volkswagen Polo", "Skoda Rapid", "Renault Logan", "Haval Jolion")


def carsharing_trip_ereceipt(rng: random.Random) -> Drawn:
    """A car-sharing firm's e-mail «Чек за поездку»: the car and its plate, the trip from before midnight to after
    it («14 марта, 23:41 — 15 марта, 00:27»), minutes of driving and of parking at their rates, the insurance, bonus
    points spent, «Итого к списанию»; under it the firm's «Кассовый чек» dated at the trip's end (when the card was
    charged: the truth's day), its ИНН, VAT 20 % inside, ФН, ФД, ФП and the QR."""
    drive = rng.randint(25, 70)
    parked = rng.randint(0, 12)
    start = moment(rng, past_day(rng)).replace(hour=23, minute=60 - rng.randint(5, min(drive - 5, 55)))
    end = start + timedelta(minutes=drive + parked)
    charged = end + timedelta(seconds=rng.randint(20, 90))
    fiscal = _fiscal(rng)
    seller = organisation(rng, sole_trader=False)
    brand, domain = rng.choice(_CARSHARE)
    rate = Decimal(rng.choice(["8.90", "9.50", "10.90", "12.40", "7.90"]))
    park_rate = Decimal(rng.choice(["3.50", "4.00", "2.90"]))
    insurance = Decimal(rng.choice([0, 39, 49, 69]))
    bonus = Decimal(rng.choice([0, 0, 50, 100]))
    riding = _kopecks(rate * drive)
    parking = _kopecks(park_rate * parked)
    total = riding + parking + insurance - bonus
    dark = rng.random() < 0.4
    background, ink = ((26, 27, 32), (232, 232, 236)) if dark else ((255, 255, 255), (25, 25, 30))
    label = (150, 150, 160) if dark else GREY
    page = SecondPage(
        1080,
        pick_face(rng, rng.choice([SCREEN_FACES, SIXTH_SCREEN_FACES])),
        26,
        margin=52,
        background=background,
        ink=ink,
    )
    page.line(f"{brand} <receipt@{domain}>", 20, colour=label)
    page.line(f"Чек за поездку {start.day} {MONTHS_GENITIVE[start.month - 1]}", 20, colour=label)
    page.gap(16)
    page.line(brand, 46, bold=True, colour=(0, 170, 120))
    page.line("Спасибо за поездку!", 32, bold=True)
    page.line(
        f"{rng.choice(_CARS)}, госномер {rng.choice('АВЕКМНОРСТУХ')}{rng.randint(100, 999)}"
        f"{rng.choice('АВЕКМНОРСТУХ')}{rng.choice('АВЕКМНОРСТУХ')} {rng.choice([77, 97, 177, 799, 50, 750])}",
        22,
        colour=label,
    )
    page.line(
        f"{start.day} {MONTHS_GENITIVE[start.month - 1]}, {start:%H:%M} — "
        f"{end.day} {MONTHS_GENITIVE[end.month - 1]}, {end:%H:%M}",
        24,
    )
    page.line(f"Пробег {rng.randint(4, 38)} км", 22, colour=label)
    page.gap(8)
    page.rule()
    page.pair(f"В пути: {drive} мин × {grouped(rate)} ₽", f"{grouped(riding)} ₽", 24)
    if parked:
        page.pair(f"Ожидание: {parked} мин × {grouped(park_rate)} ₽", f"{grouped(parking)} ₽", 24)
    if insurance:
        page.pair("Расширенная страховка", f"{grouped(insurance)} ₽", 24)
    if bonus:
        page.pair("Списано бонусов", f"−{grouped(bonus)} ₽", 24)
    page.rule()
    page.pair("Итого к списанию", f"{grouped(total)} ₽", 32, bold=True)
    page.line(f"Карта •••• {digits(rng, 4)}", 22, colour=label)
    page.gap(24)
    page.line("Кассовый чек № " + str(rng.randint(1000, 99999)), 28, bold=True)
    page.line("Приход", 22)
    for caption, value in (
        ("Организация", seller.name),
        ("ИНН", seller.inn),
        ("Место расчётов", f"https://{domain}"),
        ("Дата и время", f"{charged:%d.%m.%Y %H:%M}"),
        ("Услуга аренды автомобиля", f"{grouped(total)} ₽"),
        ("Итого", f"{grouped(total)} ₽"),
        ("Безналичными", f"{grouped(total)} ₽"),
        ("в т.ч. НДС 20%", f"{grouped(vat_part(total, 20))} ₽"),
        ("СНО", "ОСН"),
        ("ФН №", fiscal[0]),
        ("ФД №", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.labelled(caption, value, 0.4, 22)
    page.gap(10)
    page.qr(_qr(charged, total, fiscal), 230, align="left")
    page.line("Чек также доступен в приложении в разделе «История поездок»", 18, colour=label)
    truth = receipt_details(seller, total, charged, fiscal)
    return Drawn(page.finish(), "carsharing-trip-ereceipt", truth, screen=True)


TEMPLATES = (theatre_box_office_tape, bookshop_certificate_tape, carsharing_trip_ereceipt)
