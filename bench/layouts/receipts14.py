"""The fourteenth round's receipts: a hypermarket's long tape of weighed goods with its «СКИДКА» block, a cinema's
e-ticket with its receipt under it, a car wash's 2018 tape of a sole trader on ЕНВД (no VAT, paid in cash with
change)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts.canvas import (
    FOURTH_TAPE_FACES,
    GREY,
    MONO_FACES,
    SCREEN_FACES,
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

LENTA = Party("ООО «Лента»", "7814148471", "781401001", "197374, г. Санкт-Петербург, ул. Савушкина, д. 112")

_WEIGHED = (
    ("Бананы весовые", "89.99"),
    ("Яблоки Голден весовые", "129.90"),
    ("Огурцы среднеплодные", "199.99"),
    ("Томаты розовые", "289.00"),
    ("Картофель молодой", "59.99"),
    ("Филе куриное охл.", "379.90"),
    ("Свинина шейка охл.", "549.00"),
    ("Сыр Российский весовой", "799.00"),
)
_PIECES = (
    ("Молоко 3,2% 930мл", "94.99", 10),
    ("Хлеб Бородинский 400г", "62.90", 10),
    ("Яйцо С1 10шт", "119.99", 10),
    ("Масло сливочное 82,5% 180г", "219.90", 10),
    ("Пакет-майка ЛЕНТА", "9.99", 20),
    ("Средство для посуды 500мл", "149.00", 20),
    ("Бумага туалетная 8 рул", "289.99", 20),
    ("Кофе молотый 250г", "459.00", 20),
)


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return fiscal_drive(rng), fiscal_number(rng, 90000), str(rng.randint(10**8, 4 * 10**9))


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _kopecks(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def hypermarket_tape(rng: random.Random) -> Drawn:
    """A Лента-like hypermarket's long tape: weighed goods as «1.234 кг x 89.99», pieces, a discount under some
    lines and a «СКИДКА» block summing them with the loyalty card's number, «ИТОГ» after the discounts, VAT 10 %
    and 20 % sums, the card paid, the fiscal rows and QR."""
    when = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    store = rng.randint(1, 299)
    lines: list[tuple[str, Decimal, str, int, Decimal]] = []
    for title, tag in rng.sample(_WEIGHED, rng.randint(2, 4)):
        weight = Decimal(rng.randint(180, 2400)) / 1000
        lines.append((title, Decimal(tag), f"{weight:.3f} кг", 10, _kopecks(weight * Decimal(tag))))
    for title, tag, vat in rng.sample(_PIECES, rng.randint(2, 5)):
        count = rng.choice([1, 1, 1, 2, 3])
        lines.append((title, Decimal(tag), f"{count} шт", vat, Decimal(tag) * count))
    rng.shuffle(lines)
    discounts = [
        _kopecks(cost * Decimal(rng.choice([10, 15, 20, 25])) / 100) if rng.random() < 0.4 else Decimal(0)
        for *_, cost in lines
    ]
    if not any(discounts):
        discounts[0] = _kopecks(lines[0][4] * Decimal("0.2"))
    paid = [cost - off for (*_, cost), off in zip(lines, discounts, strict=True)]
    total = sum(paid, Decimal(0))
    gross = sum((line[4] for line in lines), Decimal(0))
    page = SecondPage(600, pick_face(rng, rng.choice([MONO_FACES, FOURTH_TAPE_FACES])), 19, margin=22)
    page.line("ЛЕНТА", 34, bold=True, align="center")
    page.line(f"{LENTA.name}", align="center")
    page.line(f"ГИПЕРМАРКЕТ ЛЕНТА-{store}", align="center")
    page.line(address(rng).split(", оф.")[0], 16, align="center")
    page.line(f"ИНН {LENTA.inn}", align="center")
    page.gap(6)
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(f"Касса {rng.randint(1, 40)}  Смена {rng.randint(100, 2000)}", f"Чек {rng.randint(1, 400)}")
    page.pair(f"{when:%d.%m.%Y}", f"{when:%H:%M}")
    page.rule(dashed=True)
    for (name, price, quantity, rate, cost), off in zip(lines, discounts, strict=True):
        page.line(name.upper())
        page.pair(f"  {quantity} x {price:.2f}", f"={cost:.2f}")
        if off:
            page.pair("  Скидка", f"-{off:.2f}", 17)
            page.pair("  Сумма со скидкой", f"={cost - off:.2f}", 17)
        page.line(f"  НДС {rate}%", 16)
    page.rule(dashed=True)
    page.pair("СУММА БЕЗ СКИДКИ", f"={gross:.2f}")
    page.line("СКИДКА", bold=True)
    page.pair(f"  Карта «Лента» №{digits(rng, 4)}****{digits(rng, 4)}", f"-{gross - total:.2f}", 17)
    page.pair("  ВСЕГО СКИДКА", f"-{gross - total:.2f}", 17)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", 28, bold=True)
    page.pair(rng.choice(["БЕЗНАЛИЧНЫМИ", "ЭЛЕКТРОННЫМИ"]), f"={total:.2f}")
    for rate in (10, 20):
        part = sum((p for p, line in zip(paid, lines, strict=True) if line[3] == rate), Decimal(0))
        if part:
            page.pair(f"СУММА НДС {rate}%", f"={vat_part(part, rate):.2f}")
    for label, value in (
        ("Начислено баллов", str(int(total // 10))),
        ("СНО:", "ОСН"),
        ("Место расчетов:", "торговый зал"),
        ("ЗН ККТ", digits(rng, 14)),
        ("РН ККТ", "000" + digits(rng, 13)),
        ("ФН №", fiscal[0]),
        ("ФД №", fiscal[1]),
        ("ФПД", fiscal[2]),
    ):
        page.pair(label, value, 17)
    page.line("Сайт ФНС: www.nalog.gov.ru", 16)
    page.qr(_qr(when, total, fiscal), 200)
    page.line("СПАСИБО ЗА ПОКУПКУ!", 18, align="center")
    return Drawn(
        page.finish(), "hypermarket-weighed-discount", receipt_details(LENTA, total, when, fiscal), thermal=True
    )


_FILMS = ("Чебурашка 3", "Мастер и Маргарита", "Лёд 4", "Вызов", "Холоп 3", "Бременские музыканты")


def cinema_eticket(rng: random.Random) -> Drawn:
    """A cinema's e-ticket as a phone shows the e-mail: the film, the show's day and time (days after the
    purchase), the hall, row and seats, the price per seat and the service fee, the order's number; under it the
    receipt: the cinema's operator with its ИНН, «Приход», «Итого», the purchase's day and time, ФН/ФД/ФП, the QR."""
    bought = moment(rng, past_day(rng))
    show = datetime.combine(
        bought.date() + timedelta(days=rng.randint(1, 12)), time(rng.choice([11, 14, 17, 19, 21]), rng.choice([0, 30]))
    )
    fiscal = _fiscal(rng)
    base = organisation(rng, sole_trader=False)
    hall_name = rng.choice(["Октябрь", "Каро 11", "Синема Парк", "Формула Кино", "Мираж Синема"])
    cinema = Party(base.name, base.inn, base.kpp, base.address)
    seats = rng.randint(1, 4)
    price = Decimal(rng.choice([290, 350, 420, 490, 550, 650]))
    fee = Decimal(rng.choice([0, 29, 39, 49])) * seats
    total = price * seats + fee
    row = rng.randint(3, 14)
    first = rng.randint(1, 16)
    page = SecondPage(1000, pick_face(rng, rng.choice([SCREEN_FACES, THIRD_SCREEN_FACES])), 28, margin=50)
    page.pair("< Входящие", "Ответить", 24, colour=GREY)
    page.line(f"Ваш билет в кинотеатр «{hall_name}»", 34, bold=True)
    sender = rng.choice(["kinoticket", "afisha-bilet", "kassa-kino"])
    page.line(f"noreply@{sender}.ru · {bought:%d.%m.%Y, %H:%M}", 22, colour=GREY)
    page.gap(20)
    page.rule(thickness=1)
    page.line(rng.choice(_FILMS), 40, bold=True)
    page.line(f"{rng.choice(['2D', '3D', 'IMAX'])}, {rng.choice(['6+', '12+', '16+'])}", 24, colour=GREY)
    page.gap(10)
    page.line(f"Сеанс: {show.day} {MONTHS_GENITIVE[show.month - 1]} {show.year}, {show:%H:%M}", 30, bold=True)
    page.line(f"Зал {rng.randint(1, 9)}, ряд {row}, места: {', '.join(str(first + i) for i in range(seats))}")
    page.line(f"Заказ № {digits(rng, 9)}   Код бронирования: {digits(rng, 6)}")
    page.gap(10)
    page.pair(f"Билеты {seats} × {grouped(price)} ₽", f"{grouped(price * seats)} ₽")
    if fee:
        page.pair("Сервисный сбор", f"{grouped(fee)} ₽")
    page.pair("Оплачено картой", f"{grouped(total)} ₽", 32, bold=True)
    page.gap(10)
    page.line("Покажите QR-код билета на входе в зал. Вход не позднее 15 минут после начала сеанса.", 22, colour=GREY)
    page.gap(20)
    page.rule(thickness=1)
    page.line("КАССОВЫЙ ЧЕК № " + str(rng.randint(1, 999)), 28, bold=True, align="center")
    page.line("Приход", 24, align="center")
    page.line(f"{cinema.name}, ИНН {cinema.inn}", 24)
    page.line(cinema.address, 22, colour=GREY)
    page.line(f"Место расчетов: кинотеатр «{hall_name}»", 22)
    page.pair(f"Билет в кино {seats} × {grouped(price)}", f"{grouped(price * seats)}", 24)
    page.line("  НДС не облагается", 22)
    if fee:
        page.pair("Сервисный сбор", f"{grouped(fee)}", 24)
        page.line("  НДС 20%", 22)
    page.pair("ИТОГО", f"{grouped(total)}", 30, bold=True)
    for label, value in (
        ("Безналичными", grouped(total)),
        ("Дата и время", f"{bought:%d.%m.%Y %H:%M}"),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, 24)
    page.qr(_qr(bought, total, fiscal), 230)
    return Drawn(page.finish(), "cinema-eticket-receipt", receipt_details(cinema, total, bought, fiscal), screen=True)


_WASH = (
    ("Мойка кузова", 350, 650),
    ("Мойка ковриков", 100, 200),
    ("Чернение шин", 100, 200),
    ("Пылесос салона", 200, 400),
    ("Воск горячий", 250, 450),
    ("Мойка двигателя", 500, 900),
)


def envd_car_wash_tape(rng: random.Random) -> Drawn:
    """A sole trader's car wash tape of 2018 on ЕНВД (ФФД 1.05): the ИП by name and 12-digit ИНН, «ПОЛНЫЙ РАСЧЕТ»
    and «НДС НЕ ОБЛАГАЕТСЯ» under each service, «ИТОГ», cash handed and the change («НАЛИЧНЫМИ», «СДАЧА»),
    «СНО: ЕНВД», the fiscal rows and the QR."""
    when = moment(rng, date(2018, rng.randint(2, 12), rng.randint(1, 28)))
    fiscal = _fiscal(rng)
    owner = person(rng)
    seller = Party(f"ИП {owner.full}", inn_person(rng), None, address(rng))
    chosen = rng.sample(_WASH, rng.randint(1, 3))
    items = [(name, Decimal(rng.randrange(low, high + 1, 50))) for name, low, high in chosen]
    total = sum((price for _, price in items), Decimal(0))
    cash = Decimal(((int(total) // 500) + 1) * 500) if rng.random() < 0.7 else total
    page = SecondPage(520, pick_face(rng, MONO_FACES), 19, margin=20)
    page.line(f"АВТОМОЙКА «{rng.choice(['АКВА', 'БЛЕСК', 'ЧИСТЫЙ КАПОТ', 'ПЕНА'])}»", bold=True, align="center")
    page.line(seller.name, align="center")
    page.line(seller.address, 16, align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.pair("ПРИХОД", f"ЧЕК {rng.randint(1, 300)}")
    page.pair(f"СМЕНА {rng.randint(1, 400)}", f"{when:%d.%m.%y %H:%M}")
    page.line(f"КАССИР {person(rng).surname.upper()}")
    page.rule(dashed=True)
    for name, price in items:
        page.line(name.upper())
        page.pair(f"1.000 X {price:.2f}", f"={price:.2f}")
        page.line("ПОЛНЫЙ РАСЧЕТ", 16)
        page.line("НДС НЕ ОБЛАГАЕТСЯ", 16)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", 26, bold=True)
    page.pair("НАЛИЧНЫМИ", f"={cash:.2f}")
    if cash != total:
        page.pair("СДАЧА", f"={cash - total:.2f}")
    page.pair("СУММА БЕЗ НДС", f"={total:.2f}")
    page.pair("СНО:", "ЕНВД")
    page.pair("ВЕРСИЯ ФФД", "1.05", 16)
    page.pair("РН ККТ", "000" + digits(rng, 13), 16)
    page.pair("ЗН ККТ", digits(rng, 10), 16)
    page.pair("ФН", fiscal[0], 16)
    page.pair("ФД", fiscal[1], 16)
    page.pair("ФП", fiscal[2], 16)
    page.line("САЙТ ФНС: WWW.NALOG.RU", 16)
    page.qr(_qr(when, total, fiscal), 180)
    page.line("СПАСИБО! ЖДЁМ ВАС СНОВА", 17, align="center")
    return Drawn(page.finish(), "envd-car-wash-tape", receipt_details(seller, total, when, fiscal), thermal=True)


TEMPLATES = (hypermarket_tape, cinema_eticket, envd_car_wash_tape)
