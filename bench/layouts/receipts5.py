"""The fifth round's cash receipts: a marketplace pick-up point's tape where the platform sells as an agent and each
item names its supplier and the supplier's ИНН, a fuel station's tape with the card terminal's slip printed above
the receipt (the slip's own date, terminal and bank), a pharmacy's tape that sums VAT at 10 % and 20 % apart and
takes cash with change, and an ОФД's e-mail of an electronic receipt as a mail client shows it (the letter's date,
the ОФД's own ИНН in its footer)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, MONO_FACES, SCREEN_FACES, SECOND_TAPE_FACES, SecondPage
from bench.layouts.drawn import Drawn, receipt_details

_TAPE_FACES = MONO_FACES[:3] + SECOND_TAPE_FACES[2:4]
_MARKET_GOODS = (
    "Футболка мужская хлопок, р. 50",
    "Чехол для смартфона силиконовый",
    "Корм для кошек сухой 1,5 кг",
    "Набор контейнеров для еды 3 шт",
    "Шампунь для волос 400 мл",
    "Носки женские 5 пар",
    "Конструктор детский 120 дет.",
    "Зарядное устройство USB 20 Вт",
    "Полотенце махровое 70х140",
    "Книга «Сказки народов мира»",
)
_PLATFORMS = ("Маркетплейс", "Торговая Площадка", "ПВЗ Маркет", "Онлайн Базар")
_MEDICINES = (
    ("Парацетамол таб. 500мг №20", 10),
    ("Амоксициллин капс. 500мг №16", 10),
    ("Лоратадин таб. 10мг №10", 10),
    ("Смекта пор. д/сусп. 3г №10", 10),
    ("Бинт марлевый стерил. 7мх14см", 10),
    ("Зубная паста лечебная 75мл", 20),
    ("Крем для рук увлажняющий 50мл", 20),
    ("Бахилы полиэтилен. 2 шт", 20),
)
_FUELS = ("АИ-92", "АИ-95", "АИ-95 Премиум", "ДТ Зимнее", "АИ-100")
_OFDS = ("Первый ОФД", "ОФД.ру", "Такском", "Платформа ОФД")
_ONLINE_GOODS = (
    "Подписка на онлайн-кинотеатр, 1 мес.",
    "Билет в кино, ряд 7 место 12",
    "Доставка продуктов",
    "Пицца Маргарита 30 см",
    "Электронная книга",
    "Курс «Английский для начинающих»",
)


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 0, 90, 99, rng.randint(1, 99)])) / 100


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return (
        r.fiscal_drive(rng),
        r.fiscal_number(rng, rng.choice([9999, 99999, 999999])),
        r.fiscal_number(rng, 4294967295),
    )


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def marketplace_pickup(rng: random.Random) -> Drawn:
    """A pick-up point's 80 mm tape: the platform sells as a commission agent («ПРИЗНАК АГЕНТА: КОМИССИОНЕР») and
    under each item names its supplier («ПОСТАВЩИК: ИП …») and the supplier's ИНН; the order's number and the
    buyer's masked phone; paid by card at the point, «ИТОГ» and «ЭЛЕКТРОННЫМИ»; the point's own address."""
    platform = r.organisation(rng, sole_trader=False)
    platform = r.Party(f"ООО «{rng.choice(_PLATFORMS)} {r.rng_word(rng)}»", platform.inn, platform.kpp, "")
    items = []
    for name in rng.sample(_MARKET_GOODS, rng.randint(2, 4)):
        supplier = r.organisation(rng)
        items.append((name, _price(rng, 150, 3500), rng.choice([1, 1, 1, 2]), supplier))
    total = sum((price * qty for _, price, qty, _ in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(560, 590), rng.choice(_TAPE_FACES), size, margin=12)
    page.line(platform.name, bold=True, align="center")
    page.line(f"ИНН {platform.inn}", align="center")
    page.line(f"Пункт выдачи: {r.address(rng)}", size - 3)
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.pair("ПРИХОД", when.strftime("%d.%m.%Y %H:%M"))
    page.pair("Заказ №", f"{r.digits(rng, 9)}-{rng.randint(1, 40):04d}", size - 2)
    page.pair("Покупатель", f"+7 9** ***-{r.digits(rng, 2)}-{r.digits(rng, 2)}", size - 2)
    page.rule(dashed=True)
    for index, (name, price, qty, supplier) in enumerate(items, 1):
        page.line(f"{index}. {name}")
        page.pair(f"{qty} X {price:.2f}", f"={price * qty:.2f}")
        page.line("ПОЛНЫЙ РАСЧЕТ  ТОВАР  НДС НЕ ОБЛАГАЕТСЯ", size - 4)
        page.line("ПРИЗНАК АГЕНТА: КОМИССИОНЕР", size - 4)
        page.line(f"ПОСТАВЩИК: {supplier.name}", size - 4)
        page.line(f"ИНН ПОСТАВЩИКА: {supplier.inn}", size - 4)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("ЭЛЕКТРОННЫМИ", f"={total:.2f}")
    page.pair("СНО", "ОСН", size - 2)
    page.pair("РН ККТ", r.digits(rng, 16), size - 2)
    page.pair("ЗН ККТ", r.digits(rng, 14), size - 2)
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.pair("Сайт ФНС", "www.nalog.gov.ru", size - 3)
    page.gap(6)
    page.qr(_qr(when, total, fiscal), rng.randint(190, 220))
    page.line("Возврат товара — в приложении", size - 3, align="center")
    return Drawn(page.finish(), "marketplace-pickup", receipt_details(platform, total, when, fiscal), thermal=True)


def fuel_slip_above(rng: random.Random) -> Drawn:
    """A fuel station's tape whose card slip is printed first: the acquiring bank's name, «ОПЛАТА», the terminal,
    the merchant number, the card masked, the slip's «СУММА» and «ОДОБРЕНО» with its own date and time a minute
    before the receipt's; then the receipt: «ТРК 3», litres × price, the loyalty card's points, «ИТОГ»."""
    station = r.organisation(rng, sole_trader=False)
    station = r.Party(f"АО «{r.rng_word(rng)} Нефтепродукт»", station.inn, station.kpp, "")
    fuel = rng.choice(_FUELS)
    price = Decimal(rng.randint(5600, 7600)) / 100
    litres = Decimal(rng.randint(8000, 55000)) / 1000
    total = (price * litres).quantize(Decimal("0.01"))
    when = r.moment(rng, r.past_day(rng))
    slip_time = when - timedelta(minutes=rng.randint(1, 3))
    fiscal = _fiscal(rng)
    acquirer = r.bank(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(560, 600), rng.choice(_TAPE_FACES), size, margin=14)
    page.line(acquirer.name, size - 2, align="center")
    page.line("ОПЛАТА", bold=True, align="center")
    page.pair(slip_time.strftime("%d.%m.%y"), slip_time.strftime("%H:%M"), size - 2)
    page.pair("Терминал", r.digits(rng, 8), size - 2)
    page.pair("Мерчант", r.digits(rng, 12), size - 2)
    page.pair("Карта", f"**** **** **** {r.digits(rng, 4)}", size - 2)
    page.pair("Код авторизации", r.digits(rng, 6), size - 2)
    page.pair("СУММА", f"{total:.2f} RUB")
    page.line("ОДОБРЕНО", bold=True, align="center")
    page.line("Подпись клиента не требуется", size - 3, align="center")
    page.rule(dashed=True)
    page.gap(6)
    page.line(f"АЗС № {rng.randint(1, 300)}", size + 2, bold=True, align="center")
    page.line(station.name, align="center")
    page.line(f"ИНН {station.inn}", align="center")
    page.line(r.address(rng), size - 3, align="center")
    page.line("КАССОВЫЙ ЧЕК  ПРИХОД", bold=True)
    page.pair(f"Чек № {rng.randint(1, 900)}", when.strftime("%d.%m.%Y %H:%M"))
    page.line(f"ТРК {rng.randint(1, 10)}  {fuel}")
    page.pair(f"{litres:.3f} л * {price:.2f}", f"={total:.2f}")
    page.line("НДС 20%", size - 3)
    page.rule()
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("ПЛАТЕЖНОЙ КАРТОЙ", f"={total:.2f}")
    page.pair("СУММА НДС 20%", f"={r.vat_part(total, 20):.2f}", size - 2)
    page.pair("Карта лояльности", f"***{r.digits(rng, 4)}", size - 2)
    page.pair("Начислено баллов", str(int(litres)), size - 2)
    page.pair("ФН", fiscal[0], size - 1)
    page.pair("ФД", fiscal[1], size - 1)
    page.pair("ФП", fiscal[2], size - 1)
    page.gap(6)
    page.qr(_qr(when, total, fiscal), rng.randint(180, 210))
    return Drawn(page.finish(), "fuel-slip-above", receipt_details(station, total, when, fiscal), thermal=True)


def pharmacy_two_rates(rng: random.Random) -> Drawn:
    """A pharmacy's tape that sells medicines at 10 % VAT and cosmetics at 20 %: each item's rate under it, «Сумма
    НДС 10%» and «Сумма НДС 20%» apart under «ИТОГ», paid in cash with «ПОЛУЧЕНО» above the sum and «СДАЧА»."""
    pharmacy = r.organisation(rng, sole_trader=False)
    pharmacy = r.Party(f"ООО «Аптека {r.rng_word(rng)}»", pharmacy.inn, pharmacy.kpp, "")
    items = [(name, rate, _price(rng, 40, 900), rng.choice([1, 1, 2])) for name, rate in rng.sample(_MEDICINES, 3)]
    items = items[: rng.randint(2, 3)]
    total = sum((price * qty for _, _, price, qty in items), Decimal(0))
    by_rate = {
        rate: sum((price * qty for _, item_rate, price, qty in items if item_rate == rate), Decimal(0))
        for rate in (10, 20)
    }
    received = Decimal(((int(total) // 500) + 1) * 500)
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(540, 580), rng.choice(_TAPE_FACES), size, margin=12)
    page.line(pharmacy.name, bold=True, align="center")
    page.line(r.address(rng), size - 3, align="center")
    page.pair("ИНН", pharmacy.inn)
    page.line(f"Кассовый чек № {rng.randint(1, 500)}. Приход", bold=True)
    page.pair(when.strftime("%d.%m.%Y"), when.strftime("%H:%M"))
    page.rule()
    for name, rate, price, qty in items:
        page.line(name)
        page.pair(f"{qty} шт. x {price:.2f}", f"{price * qty:.2f}")
        page.pair(f"  НДС {rate}%", f"{r.vat_part(price * qty, rate):.2f}", size - 3)
    page.rule()
    page.pair("ИТОГ", f"{total:.2f}", size + 6, bold=True)
    page.pair("ПОЛУЧЕНО:", "")
    page.pair("  НАЛИЧНЫМИ", f"{received:.2f}")
    page.pair("СДАЧА", f"{received - total:.2f}")
    for rate, part in by_rate.items():
        if part:
            page.pair(f"Сумма НДС {rate}%", f"{r.vat_part(part, rate):.2f}", size - 2)
    page.pair("СНО", "ОСН", size - 2)
    page.pair("Провизор", r.person(rng).initials, size - 2)
    page.pair("ФН №", fiscal[0], size - 1)
    page.pair("ФД №", fiscal[1], size - 1)
    page.pair("ФП", fiscal[2], size - 1)
    page.gap(6)
    page.qr(_qr(when, total, fiscal), rng.randint(180, 210))
    page.line("Берегите себя!", align="center")
    return Drawn(page.finish(), "pharmacy-two-rates", receipt_details(pharmacy, total, when, fiscal), thermal=True)


def ofd_email(rng: random.Random) -> Drawn:
    """An ОФД's letter with an electronic receipt as a mail client shows it: the client's header (the sender, the
    subject, the letter's date an hour or days after the payment), the ОФД's logo line, the receipt as a two-column
    table, a «Проверить чек» button, and the ОФД's footer with its own name, ИНН and address."""
    seller = r.organisation(rng)
    ofd = rng.choice(_OFDS)
    ofd_inn = r.inn_org(rng)
    goods = [(name, _price(rng, 150, 2500)) for name in rng.sample(_ONLINE_GOODS, rng.randint(1, 3))]
    total = sum((price for _, price in goods), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    sent = when + timedelta(minutes=rng.randint(2, 50), days=rng.choice([0, 0, 1, 2]))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 22)
    page = SecondPage(1100, rng.choice(SCREEN_FACES), size, margin=50)
    page.line(f"Кассовый чек от {seller.name}", size + 6, bold=True)
    page.pair(f"{ofd} <noreply@{r.digits(rng, 3)}ofd.ru>", sent.strftime("%d.%m.%Y, %H:%M"), size - 2)
    page.line("Кому: мне", size - 2, colour=GREY)
    page.rule(thickness=1)
    page.gap(20)
    page.line(ofd.upper(), size + 8, bold=True, align="center")
    page.line("Электронный кассовый чек", size + 2, align="center")
    page.gap(16)
    rows = [
        ["Продавец", seller.name],
        ["ИНН продавца", seller.inn],
        ["Тип операции", "Приход"],
        ["Дата и время", when.strftime("%d.%m.%Y %H:%M")],
    ]
    for index, (name, price) in enumerate(goods, 1):
        rows.append([f"{index}. {name}", f"1 × {r.grouped(price)} = {r.grouped(price)}"])
    rows += [
        ["ИТОГО", r.grouped(total)],
        ["Безналичными", r.grouped(total)],
        ["НДС не облагается", r.grouped(total)],
        ["СНО", "УСН доход" if seller.kpp is None else "ОСН"],
        ["Адрес сайта ФНС", "www.nalog.gov.ru"],
        ["Номер ФН", fiscal[0]],
        ["Номер ФД", fiscal[1]],
        ["ФПД", fiscal[2]],
        ["Эл. почта покупателя", f"client{r.digits(rng, 3)}@mail.ru"],
    ]
    page.grid(rows, [0.45, 0.55], size)
    page.gap(20)
    page.qr(_qr(when, total, fiscal), 240)
    page.line("[ Проверить чек ]", size + 2, bold=True, align="center")
    page.gap(30)
    page.rule(thickness=1)
    page.line(
        f"Это письмо отправлено {ofd} (ООО «{ofd}», ИНН {ofd_inn}) по поручению продавца. "
        f"{r.address(rng)}. Не отвечайте на него.",
        size - 6,
        colour=GREY,
    )
    return Drawn(page.finish(), "ofd-email", receipt_details(seller, total, when, fiscal), screen=True)


TEMPLATES = (marketplace_pickup, fuel_slip_above, pharmacy_two_rates, ofd_email)
