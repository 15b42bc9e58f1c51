"""The third round's cash receipts: a refund («ВОЗВРАТ ПРИХОДА») on a 58 mm tape whose long lines wrap, a taxi
app's electronic receipt (the aggregator's register, the driver as the supplier, the trip's cost before a promo
code), an ОФД's web receipt that names every field by its tag's full name («Заводской номер ФН», «Порядковый номер
ФД»), and a marketplace pick-up point's 80 mm tape in capitals where a prepayment is offset («ЗАЧЕТ ПРЕДОПЛАТЫ»)."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, THIRD_PAGE_FACES, THIRD_SCREEN_FACES, THIRD_TAPE_FACES, SecondPage
from bench.layouts.drawn import Drawn, receipt_details

_LONG_GOODS = (
    "Молоко ультрапастеризованное «Простоквашино» 3,2% 950 г",
    "Сыр полутвёрдый «Российский молодой» 50% весовой",
    "Кофе молотый арабика «Жокей» для турки 250 г",
    "Пакет-майка ПНД 30х55 см с логотипом магазина",
    "Порошок стиральный автомат «Миф» Морозная свежесть 2,4 кг",
    "Наушники беспроводные TWS с зарядным кейсом, чёрные",
    "Чехол силиконовый для смартфона, прозрачный",
    "Батон нарезной высший сорт в нарезке 400 г",
    "Шампунь для всех типов волос 400 мл",
    "Зарядное устройство сетевое USB-C 20 Вт",
)


def _price(rng: random.Random, low: int = 40, high: int = 3500) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 0, 90, 99, 49])) / 100


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return (
        r.fiscal_drive(rng),
        r.fiscal_number(rng, rng.choice([9999, 99999, 999999])),
        r.fiscal_number(rng, 4294967295),
    )


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str], kind: int = 1) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M%S}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n={kind}"


def refund_tape(rng: random.Random) -> Drawn:
    """A refund on a 58 mm tape (48 mm printed, about 400 dots): «ВОЗВРАТ ПРИХОДА», the goods' long names wrapped
    over two or three lines, «ИТОГ» of the refund, «ВОЗВРАТ НАЛИЧНЫМИ/БЕЗНАЛИЧНЫМИ», the fiscal QR with n=2, and the
    original sale's receipt named above («Чек продажи № … от …», another date and a larger sum)."""
    seller = r.organisation(rng)
    returned = [(name, _price(rng), Decimal(rng.randint(1, 2))) for name in rng.sample(_LONG_GOODS, rng.randint(1, 3))]
    total = sum((price * qty for _, price, qty in returned), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    sold = when.date().replace(day=max(1, when.day - rng.randint(1, 20)))
    sale_total = total + _price(rng, 100, 2000)
    fiscal = _fiscal(rng)
    size = rng.randint(17, 19)
    page = SecondPage(rng.randint(400, 420), rng.choice(THIRD_TAPE_FACES), size, margin=8)
    page.line(seller.name, bold=True, align="center")
    page.line(seller.address, size - 2, align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.line("ВОЗВРАТ ПРИХОДА", size + 2, bold=True, align="center")
    page.pair(f"ЧЕК {rng.randint(1, 300)}", f"СМЕНА {rng.randint(1, 400)}")
    page.line(f"Основание: чек продажи № {rng.randint(1, 300)} от {sold:%d.%m.%Y} на сумму {sale_total:.2f}", size - 2)
    rate = rng.choice([10, 20])
    for name, price, qty in returned:
        page.line(name)
        page.pair(f"{qty} x {price:.2f}", f"={price * qty:.2f}")
        page.pair(f"НДС {rate}%", f"={r.vat_part(price * qty, rate):.2f}", size - 2)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    page.pair(rng.choice(["ВОЗВРАТ БЕЗНАЛИЧНЫМИ", "БЕЗНАЛИЧНЫМИ", "НАЛИЧНЫМИ"]), f"={total:.2f}")
    page.pair(f"СУММА НДС {rate}%", f"={r.vat_part(total, rate):.2f}")
    page.pair("СНО", rng.choice(["ОСН", "УСН"]))
    page.line(f"Кассир {r.person(rng).initials}", size - 1)
    page.line(f"ЗН ККТ {r.digits(rng, 14)}", size - 1)
    page.line(f"РН ККТ {r.digits(rng, 16)}", size - 1)
    fn, fd, fp = fiscal
    page.line(f"ФН {fn}")
    page.pair(f"ФД {fd}", f"ФП {fp}")
    page.line(when.strftime(rng.choice(["%d.%m.%y %H:%M", "%d.%m.%Y %H:%M"])))
    page.gap(6)
    page.qr(_qr(when, total, fiscal, kind=2), rng.randint(160, 190))
    page.line("Сайт ФНС: www.nalog.gov.ru", size - 2, align="center")
    return Drawn(page.finish(), "refund-tape-58", receipt_details(seller, total, when, fiscal), thermal=True)


_CLASSES = ("Эконом", "Комфорт", "Комфорт+", "Бизнес")


def taxi_receipt(rng: random.Random) -> Drawn:
    """A taxi app's electronic receipt: the trip (route, class, distance, time), its cost, a promo code's discount
    and the sum charged; then the fiscal part, where the aggregator's register sells for the driver (an ИП with a
    12-digit ИНН) as «Признак агента: Поверенный»; a tip charged apart with its own sum."""
    aggregator = r.organisation(rng, sole_trader=False)
    aggregator = r.Party(
        f"ООО «{r.rng_word(rng).split()[0]} Мобилити»", aggregator.inn, aggregator.kpp, aggregator.address
    )
    driver = r.organisation(rng, sole_trader=True)
    cost = Decimal(rng.randint(180, 2400))
    promo = Decimal(rng.choice([0, 0, 50, 100, 150])) if cost > 300 else Decimal(0)
    total = cost - promo
    tip = Decimal(rng.choice([0, 30, 50, 100]))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(22, 25)
    page = SecondPage(rng.randint(880, 960), rng.choice(THIRD_SCREEN_FACES), size, margin=48)
    top = page.y
    page.gap(round(size * 3.2))
    page.box(top, (255, 221, 45))
    page.y = top + 14
    page.line(f"Поездка {when.day} {r.MONTHS_GENITIVE[when.month - 1]}, {when:%H:%M}", size + 8, bold=True, indent=8)
    page.gap(20)
    page.stacked("Откуда", f"ул. {rng.choice(['Ленина', 'Мира', 'Гагарина'])}, {rng.randint(1, 99)}", size - 6, size)
    page.stacked("Куда", f"ул. {rng.choice(['Садовая', 'Победы', 'Школьная'])}, {rng.randint(1, 99)}", size - 6, size)
    page.pair("Тариф", rng.choice(_CLASSES))
    page.pair("Расстояние", f"{Decimal(rng.randint(15, 400)) / 10} км".replace(".", ","))
    page.pair("В пути", f"{rng.randint(6, 80)} мин")
    page.pair("Водитель", driver.name.removeprefix("ИП "), size - 2)
    page.rule()
    page.pair("Стоимость поездки", f"{r.grouped(cost)} ₽")
    if promo:
        page.pair("Скидка по промокоду", f"−{r.grouped(promo)} ₽")
    page.pair("Оплачено картой", f"{r.grouped(total)} ₽", size + 4, bold=True)
    if tip:
        page.pair("Чаевые водителю (отдельный платёж)", f"{r.grouped(tip)} ₽", size - 3, colour=GREY)
    page.gap(24)
    page.line(f"Кассовый чек № {rng.randint(1, 9999)}. Приход", size + 2, bold=True)
    page.line(aggregator.name)
    page.line(f"ИНН {aggregator.inn}", size - 2)
    page.line("Место расчётов: https://taxi.example.ru", size - 4)
    page.pair("Перевозка пассажиров и багажа легковым такси", f"{r.grouped(total)} ₽", size - 3)
    page.line("Признак агента: Поверенный", size - 5, colour=GREY)
    page.line(f"Поставщик: {driver.name}, ИНН {driver.inn}", size - 5, colour=GREY)
    page.line("НДС не облагается", size - 5, colour=GREY)
    page.pair("ИТОГ", f"{r.grouped(total)} ₽", bold=True)
    page.pair("Безналичными", f"{r.grouped(total)} ₽", size - 3)
    fn, fd, fp = fiscal
    for label, value in (
        ("СНО", "ОСН"),
        ("Дата и время", when.strftime("%d.%m.%Y %H:%M")),
        ("РН ККТ", r.digits(rng, 16)),
        ("ФН №", fn),
        ("ФД №", fd),
        ("ФП", fp),
    ):
        page.pair(label, value, size - 4)
    page.gap(10)
    page.qr(_qr(when, total, fiscal), 190, align="left")
    return Drawn(page.finish(), "taxi-receipt", receipt_details(aggregator, total, when, fiscal))


def ofd_web_receipt(rng: random.Random) -> Drawn:
    """An ОФД's web page of a receipt: a two-column table whose labels are the format's full tag names
    («Наименование пользователя», «ИНН пользователя», «Заводской номер ФН», «Порядковый номер ФД», «Фискальный
    признак документа»), each item as its own block of rows, «ИТОГ» among «Сумма НДС чека…» rows."""
    seller = r.organisation(rng)
    items = [(name, _price(rng), Decimal(rng.randint(1, 3))) for name in rng.sample(_LONG_GOODS, rng.randint(1, 3))]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    fn, fd, fp = fiscal
    size = rng.randint(18, 20)
    page = SecondPage(1100, rng.choice(THIRD_PAGE_FACES), size, margin=60)
    page.pair("ОФД «Платформа»", "Проверка чека", size, bold=True, colour=(0, 110, 180))
    page.rule()
    page.line("Кассовый чек", size + 10, bold=True)
    page.gap(10)
    rows = [
        ["Наименование пользователя", seller.name],
        ["ИНН пользователя", seller.inn],
        ["Адрес расчётов", seller.address],
        ["Признак расчёта", "Приход"],
        ["Номер смены", str(rng.randint(1, 500))],
        ["Номер чека за смену", str(rng.randint(1, 300))],
        ["Дата и время", when.strftime(rng.choice(["%d.%m.%Y %H:%M", "%d.%m.%y %H:%M:%S"]))],
    ]
    page.grid(rows, [0.4, 0.6], size)
    page.gap(10)
    rate = rng.choice([10, 20])
    for index, (name, price, qty) in enumerate(items, 1):
        page.line(f"Предмет расчёта {index}", size, bold=True)
        page.grid(
            [
                ["Наименование предмета расчёта", name],
                ["Цена за единицу", r.grouped(price)],
                ["Количество", f"{qty}"],
                ["Стоимость предмета расчёта", r.grouped(price * qty)],
                ["Ставка НДС", f"НДС {rate}%"],
                ["Признак способа расчёта", "Полный расчёт"],
            ],
            [0.4, 0.6],
            size - 1,
        )
        page.gap(6)
    page.gap(6)
    page.grid(
        [
            ["ИТОГ", r.grouped(total)],
            ["Сумма по чеку наличными", "0,00"],
            ["Сумма по чеку безналичными", r.grouped(total)],
            [f"Сумма НДС чека по ставке {rate}%", r.grouped(r.vat_part(total, rate))],
            ["Применяемая система налогообложения", "ОСН"],
            ["Регистрационный номер ККТ", r.digits(rng, 16)],
            ["Заводской номер ФН", fn],
            ["Порядковый номер ФД", fd],
            ["Фискальный признак документа", fp],
            ["Адрес сайта ФНС", "www.nalog.gov.ru"],
        ],
        [0.4, 0.6],
        size,
    )
    page.gap(10)
    page.qr(_qr(when, total, fiscal), 200, align="right")
    return Drawn(page.finish(), "ofd-web-receipt", receipt_details(seller, total, when, fiscal))


def pickup_point_tape(rng: random.Random) -> Drawn:
    """A marketplace pick-up point's 80 mm tape in capitals: the platform's register, each item with its supplier's
    name and ИНН and a marking code, the order prepaid online so that «ЗАЧЕТ ПРЕДОПЛАТЫ» carries the whole sum and
    «БЕЗНАЛИЧНЫМИ» reads zero; the pick-up point's own address and number."""
    platform = r.organisation(rng, sole_trader=False)
    platform = r.Party(f"ООО «{r.rng_word(rng).split()[0]} МАРКЕТ»", platform.inn, platform.kpp, platform.address)
    items = [(name, _price(rng, 90, 6000), Decimal(1)) for name in rng.sample(_LONG_GOODS, rng.randint(1, 3))]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    fn, fd, fp = fiscal
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(560, 600), rng.choice(THIRD_TAPE_FACES), size, margin=14)
    page.line(platform.name, bold=True, align="center")
    page.line(f"ИНН {platform.inn}", align="center")
    page.line(f"ПВЗ № {rng.randint(100, 99999)}: {r.address(rng).upper()}", size - 3)
    page.line(f"КАССОВЫЙ ЧЕК № {rng.randint(1, 999)}  ПРИХОД", bold=True)
    page.line(when.strftime("%d.%m.%Y %H:%M"))
    for index, (name, price, qty) in enumerate(items, 1):
        supplier = r.organisation(rng)
        page.line(f"{index}. {name.upper()}")
        page.pair(f"{qty} X {price:.2f}", f"={price * qty:.2f}")
        page.line("ПОЛНЫЙ РАСЧЕТ  ТОВАР  [М+]", size - 3)
        page.line(f"АГЕНТ: КОМИССИОНЕР. ПОСТАВЩИК: {supplier.name.upper()}", size - 3)
        page.line(f"ИНН ПОСТАВЩИКА: {supplier.inn}", size - 3)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    page.pair("ЗАЧЕТ ПРЕДОПЛАТЫ", f"={total:.2f}")
    page.pair("БЕЗНАЛИЧНЫМИ", "=0.00")
    page.pair("НАЛИЧНЫМИ", "=0.00")
    page.pair("СУММА БЕЗ НДС", f"={total:.2f}")
    page.pair("СНО", "ОСН")
    page.pair("ЗН ККТ", r.digits(rng, 14), size - 2)
    page.pair("ФН", fn)
    page.pair("ФД", fd)
    page.pair("ФП", fp)
    page.gap(6)
    page.qr(_qr(when, total, fiscal), rng.randint(170, 200), align="left")
    page.line("ЧЕК ОТПРАВЛЕН НА ЭЛ. АДРЕС ПОКУПАТЕЛЯ", size - 3)
    return Drawn(page.finish(), "pickup-point-tape", receipt_details(platform, total, when, fiscal), thermal=True)


TEMPLATES = (refund_tape, taxi_receipt, ofd_web_receipt, pickup_point_tape)
