"""The ninth round's cash receipts: an АТОЛ register's tape printed by a head with dead dots (thin blank streaks down
the print), «КАССОВЫЙ ЧЕК / ПРИХОД», each item's «ПОЛНЫЙ РАСЧЕТ», «ТОВАР» and VAT, «ИТОГ ≡», a discount, «СНО», and
the user's block (name, ИНН, the place of settlement) after the items as АТОЛ prints it; an Эвотор tape whose every
value stands UNDER its label, flush right; a marketplace's e-receipt as its site shows it (a coloured header, the
order's own earlier date, each item's supplier and ИНН, the platform as the agent who sells); and a taxi aggregator's
e-mail of a БСО for a ride (the driver's ИП as the supplier, the park that owns the register, a part of the fare paid
with points).

Truth: the register's owner (the platform or park that sells as an agent, never a supplier) and «ИТОГ» (never the
order's sum before a discount, the change, the points); the receipt's own date, never the order's."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np
from PIL import Image

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage, has_glyph, qr_image
from bench.layouts.drawn import Drawn, receipt_details

NINTH_TAPE_FACES = (
    ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
    ("paratype/PTM55F.ttf", "paratype/PTM75F.ttf"),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
    ("jetbrains-mono/JetBrainsMono-Regular.ttf", "jetbrains-mono/JetBrainsMono-ExtraBold.ttf"),
)
"""Faces of АТОЛ and Эвотор heads: a narrow Arial (no earlier round sets it on a tape) and the monospaces."""

NINTH_WEB_FACES = (
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-ExtraBoldItalic.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-MediumItalic.ttf"),
    ("noto/NotoSansDisplay-Regular.ttf", "noto/NotoSansDisplay-BoldItalic.ttf"),
)
"""Web pages' and mails' faces with headings and sums in italic cuts no earlier round sets."""

_GOODS = (
    "Хлеб Бородинский 350г",
    "Молоко 3,2% 1л",
    "Йогурт питьевой клубника",
    "Сыр Российский 200г",
    "Кофе молотый 250г",
    "Масло сливочное 82,5%",
    "Пельмени Сибирские 800г",
    "Шоколад горький 100г",
    "Батарейки AA 4шт",
    "Салфетки влажные 100шт",
    "Пакет-майка",
    "Минеральная вода 1,5л",
)
_MARKET_GOODS = (
    "Платье летнее, р. 46",
    "Наушники беспроводные TWS",
    "Органайзер для ванной",
    "Кружка керамическая 350 мл",
    "Термос 1 л",
    "Коврик для йоги",
    "Настольная лампа LED",
    "Смарт-часы детские",
    "Набор отвёрток 24 пр.",
)
_MARKET_COLOURS = ((152, 28, 170), (0, 91, 255), (255, 204, 0))


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 0, 50, rng.randint(1, 99)])) / 100


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 99999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M%S}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


@dataclass
class DeadDotPage(SecondPage):
    """A tape printed by a thermal head some of whose dots have burnt out: each dead dot leaves a blank streak one
    or two pixels wide down the whole print (the paper shows through every glyph it crosses)."""

    dead: tuple[int, ...] = ()

    def finish(self, min_height: int = 0) -> Image.Image:
        image = np.asarray(super().finish(min_height)).copy()
        for x in self.dead:
            image[:, x : x + 2] = self.background
        return Image.fromarray(image)


def atol_prihod(rng: random.Random) -> Drawn:
    """An АТОЛ 30Ф tape: «КАССОВЫЙ ЧЕК / ПРИХОД», each item numbered with «1 X 89.90 =89.90», «ПОЛНЫЙ РАСЧЕТ»,
    «ТОВАР», «НДС 20% =14.98», a discount line, «ИТОГ ≡1234.00», cash with «ПОЛУЧЕНО» and «СДАЧА», the VAT sum,
    then the user's block (its name, ИНН, the address and place of settlement, «СНО: ОСН»), the register's numbers,
    «ФН №», «ФД №», «ФП» and the QR; the head has one to three dead dots."""
    seller = r.organisation(rng, sole_trader=False)
    items = [(name, _price(rng, 39, 899), rng.choice([1, 1, 1, 2])) for name in rng.sample(_GOODS, rng.randint(3, 7))]
    discount = Decimal(rng.choice([0, 0, rng.randint(10, 120)]))
    total = sum((price * qty for _, price, qty in items), Decimal(0)) - discount
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 22)
    width = rng.randint(560, 600)
    dead = tuple(sorted(rng.sample(range(40, width - 40), rng.randint(1, 3))))
    page = DeadDotPage(width, rng.choice(NINTH_TAPE_FACES), size, margin=14, dead=dead)
    equal = "≡" if has_glyph(page.face[0], "≡") and has_glyph(page.face[1], "≡") else "="
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", size + 2, bold=True, align="center")
    page.pair(f"ЧЕК № {rng.randint(1, 400)}", f"СМЕНА № {rng.randint(1, 500)}")
    page.rule(dashed=True, thickness=1)
    for index, (name, price, qty) in enumerate(items, 1):
        page.line(f"{index}. {name}")
        page.pair(f"  {qty} X {price:.2f}", f"={price * qty:.2f}")
        page.pair("  ПОЛНЫЙ РАСЧЕТ", "ТОВАР", size - 3)
        page.pair("  НДС 20%", f"={r.vat_part(price * qty, 20):.2f}", size - 3)
    page.rule(dashed=True, thickness=1)
    if discount:
        page.pair("СКИДКА", f"={discount:.2f}")
    page.pair("ИТОГ", f"{equal}{total:.2f}", size + 8, bold=True)
    given = (total / 500).quantize(Decimal("1"), rounding="ROUND_CEILING") * 500
    page.pair("НАЛИЧНЫМИ", f"{equal}{given:.2f}")
    page.pair("ПОЛУЧЕНО", f"{equal}{given:.2f}")
    page.pair("СДАЧА", f"{equal}{given - total:.2f}")
    page.pair("СУММА НДС 20%", f"{equal}{r.vat_part(total, 20):.2f}")
    page.rule(dashed=True, thickness=1)
    page.line("ПОЛЬЗОВАТЕЛЬ:", size - 2)
    page.line(seller.name.upper())
    page.pair("ИНН:", seller.inn)
    page.line(f"АДРЕС РАСЧЕТОВ: {seller.address}", size - 3)
    page.line(f"МЕСТО РАСЧЕТОВ: Магазин «{r.rng_word(rng)}»", size - 3)
    page.pair("СНО:", "ОСН")
    page.pair("КАССИР:", r.person(rng).initials)
    page.pair("САЙТ ФНС:", "www.nalog.gov.ru", size - 3)
    page.pair("РН ККТ:", r.digits(rng, 16))
    page.pair("ЗН ККТ:", r.digits(rng, 14))
    page.pair("ФН №:", fiscal[0])
    page.pair("ФД №:", fiscal[1])
    page.pair("ФП:", fiscal[2])
    page.pair(f"{when:%d.%m.%y %H:%M}", "ПРИХОД")
    page.qr(_qr(when, total, fiscal), 240)
    return Drawn(page.finish(), "atol-prihod-dead-dots", receipt_details(seller, total, when, fiscal), thermal=True)


def evotor_values_under(rng: random.Random) -> Drawn:
    """An Эвотор 7.2 tape whose every value stands on the line under its label, flush right: «Кассовый чек»,
    «Приход», the items (name, then «2 шт × 45.00» and «90.00» under it), «Итог:» then the sum, «Безналичными:»,
    «НДС не облагается», then «ИНН:», «Дата и время:», «ФН:», «ФД:», «ФП:» each with its value under it; the QR."""
    seller = r.organisation(rng, sole_trader=rng.random() < 0.6)
    items = [(name, _price(rng, 49, 1290), rng.choice([1, 1, 2, 3])) for name in rng.sample(_GOODS, rng.randint(2, 5))]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 22)
    page = SecondPage(rng.randint(540, 580), rng.choice(NINTH_TAPE_FACES), size, margin=14)
    page.line(seller.name, bold=True, align="center")
    page.line(seller.address, size - 3, align="center")
    page.gap(6)
    page.line("Кассовый чек", size + 2, bold=True, align="center")
    page.line("Приход", align="center")
    page.rule(thickness=1)
    for name, price, qty in items:
        page.line(name)
        page.line(f"{qty} шт × {price:.2f}", size - 2, indent=20)
        page.line(f"{price * qty:.2f}", align="right")
    page.rule(thickness=1)

    def under(label: str, value: str, value_size: int | None = None, bold: bool = False) -> None:
        page.line(label, size - 2)
        page.line(value, value_size, bold=bold, align="right")

    under("Итог:", f"{total:.2f}", size + 6, bold=True)
    under("Безналичными:", f"{total:.2f}")
    under("Сумма без НДС:", f"{total:.2f}")
    page.rule(thickness=1)
    under("СНО:", "УСН доход" if seller.kpp is None else "УСН доход - расход")
    under("ИНН:", seller.inn)
    under("Дата и время:", f"{when:%d.%m.%Y %H:%M}")
    under("РН ККТ:", r.digits(rng, 16))
    under("ФН:", fiscal[0])
    under("ФД:", fiscal[1])
    under("ФП:", fiscal[2])
    under("Кассир:", r.person(rng).initials)
    page.qr(_qr(when, total, fiscal), 230)
    page.line("Проверить чек: lkdr.nalog.ru", size - 3, align="center")
    return Drawn(page.finish(), "evotor-values-under", receipt_details(seller, total, when, fiscal), thermal=True)


def marketplace_web_receipt(rng: random.Random) -> Drawn:
    """A marketplace's e-receipt page as a browser shows it: the platform's coloured header band, «Кассовый чек №»,
    «Приход», «Заказ № … от» (the order's own date, days before the receipt), each item with «Поставщик: …, ИНН …»
    and «Признак агента: комиссионер», «Итого» and «Безналичными», the platform's name and ИНН as the user, the fiscal
    numbers and the QR at the right."""
    platform = r.organisation(rng, sole_trader=False)
    platform = r.Party(f"ООО «{r.rng_word(rng)} Маркет»", platform.inn, platform.kpp, platform.address)
    items = [
        (name, _price(rng, 290, 7900), r.organisation(rng, sole_trader=rng.random() < 0.6))
        for name in rng.sample(_MARKET_GOODS, rng.randint(1, 4))
    ]
    total = sum((price for _, price, _ in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    ordered = when - timedelta(days=rng.randint(2, 9), hours=rng.randint(1, 9))
    fiscal = _fiscal(rng)
    colour = rng.choice(_MARKET_COLOURS)
    size = rng.randint(20, 22)
    page = SecondPage(1100, rng.choice(NINTH_WEB_FACES), size, margin=60)
    text = (20, 20, 20) if colour == (255, 204, 0) else (255, 255, 255)
    page.y = 0
    page.gap(40 + round((size + 14) * 1.3))
    page.box(0, colour)
    page.y = 20
    page.line(platform.name.split("«")[1].rstrip("»"), size + 14, bold=True, colour=text)
    page.gap(40)
    page.line(f"Кассовый чек № {rng.randint(1, 9000)}", size + 8, bold=True)
    page.line("Приход", size, colour=GREY)
    page.line(f"Заказ № {r.digits(rng, 9)}-{rng.randint(1, 9)} от {ordered:%d.%m.%Y}", size - 2, colour=GREY)
    page.gap(20)
    body_top = page.y
    column = 680
    body = SecondPage(column, page.face, size, margin=0)
    for index, (name, price, supplier) in enumerate(items, 1):
        body.pair(f"{index}. {name}", f"{price:.2f} ₽", bold=True)
        body.line(f"1 шт × {price:.2f}", size - 3, colour=GREY)
        body.line(f"Поставщик: {supplier.name}, ИНН {supplier.inn}", size - 4, colour=GREY)
        body.line("Признак агента: комиссионер · НДС не облагается", size - 4, colour=GREY)
        body.gap(12)
    body.rule(thickness=1)
    body.pair("Итого", f"{total:.2f} ₽", size + 8, bold=True)
    body.pair("Безналичными", f"{total:.2f} ₽")
    body.gap(10)
    for label, value in (
        ("Пользователь", platform.name),
        ("ИНН пользователя", platform.inn),
        ("Адрес расчётов", platform.address),
        ("Место расчётов", rng.choice(["www.market-place.ru", "shop.marketplace.example", "www.mp-online.ru"])),
        ("СНО", "ОСН"),
        ("Дата и время", f"{when:%d.%m.%Y %H:%M}"),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
        ("РН ККТ", r.digits(rng, 16)),
    ):
        body.pair(label, value, size - 3)
    block = body.finish()
    page.inset(block, x=page.margin)
    page.y = body_top
    page.inset(qr_image(_qr(when, total, fiscal), 260), x=page.margin + column + 40)
    page.y = max(page.y, body_top + block.height) + 20
    page.line("Чек сформирован автоматически и отправлен в ФНС", size - 5, colour=GREY)
    return Drawn(
        page.finish(min_height=1500),
        "marketplace-web-receipt",
        receipt_details(platform, total, when, fiscal),
        screen=True,
    )


def taxi_bso_mail(rng: random.Random) -> Drawn:
    """A taxi aggregator's e-mail of an electronic БСО for a ride, as a phone's mail app shows it: the letter's
    header (the sender, the letter's own date a day later), «Кассовый чек. БСО. Приход», «Услуга по перевозке
    пассажира», the route, the driver's ИП as the supplier (name, ИНН, «Признак агента: поверенный»), «Итог», the
    card and the points that paid for it, the park that owns the register and its ИНН, the fiscal numbers."""
    park = r.organisation(rng, sole_trader=False)
    park = r.Party(f"ООО «Таксопарк {r.rng_word(rng)}»", park.inn, park.kpp, park.address)
    driver = r.organisation(rng, sole_trader=True)
    fare = _price(rng, 190, 2400)
    points = Decimal(rng.choice([0, rng.randint(10, 150)]))
    when = r.moment(rng, r.past_day(rng))
    mailed = when + timedelta(hours=rng.randint(6, 30))
    fiscal = _fiscal(rng)
    size = rng.randint(32, 35)
    page = SecondPage(1080, rng.choice(NINTH_WEB_FACES), size, margin=50)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"4G  {rng.randint(10, 99)}%", size - 8)
    page.gap(20)
    page.line("<  Входящие", size - 4, colour=(0, 110, 220))
    page.gap(10)
    page.line("Кассовый чек за поездку", size + 2, bold=True)
    page.pair("Такси <noreply@taxi.example>", f"{mailed:%d.%m.%Y}", size - 8)
    page.rule(thickness=1)
    page.gap(10)
    page.line("Кассовый чек. БСО. Приход", size, bold=True)
    page.line(f"№ {rng.randint(1, 9000)} · Смена {rng.randint(1, 300)}", size - 8, colour=GREY)
    page.gap(10)
    page.line("Услуга по перевозке пассажира", size - 2)
    page.line(f"{r.address(rng).split(', оф.')[0]} → {r.address(rng).split(', оф.')[0]}", size - 10, colour=GREY)
    page.pair("1 × " + f"{fare:.2f}", f"{fare:.2f} ₽", size - 2)
    page.line(f"Поставщик: {driver.name}", size - 8, colour=GREY)
    page.line(f"ИНН поставщика: {driver.inn}", size - 8, colour=GREY)
    page.line("Признак агента: поверенный · Без НДС", size - 8, colour=GREY)
    page.rule(thickness=1)
    page.pair("Итог", f"{fare:.2f} ₽", size + 6, bold=True)
    if points:
        page.pair("Безналичными", f"{fare - points:.2f} ₽", size - 4)
        page.pair("Встречным предоставлением (баллы)", f"{points:.2f} ₽", size - 8)
    else:
        page.pair("Безналичными", f"{fare:.2f} ₽", size - 4)
    page.gap(10)
    for label, value in (
        ("Пользователь", park.name),
        ("ИНН", park.inn),
        ("СНО", "ОСН"),
        ("Дата", f"{when:%d.%m.%Y %H:%M}"),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, size - 8)
    page.qr(_qr(when, fare, fiscal), 300, align="left")
    return Drawn(page.finish(min_height=2340), "taxi-bso-mail", receipt_details(park, fare, when, fiscal), screen=True)


TEMPLATES = (atol_prihod, evotor_values_under, marketplace_web_receipt, taxi_bso_mail)
