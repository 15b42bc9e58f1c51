"""The tenth round's cash receipts: a Меркурий-185Ф tape of a hardware shop paid in part by card and in part in
cash (a discount, «ИТОГ», «БЕЗНАЛИЧНЫМИ» and «НАЛИЧНЫМИ» apart, «ПОЛУЧЕНО», «СДАЧА»); a Штрих-М tape of goods
under compulsory marking (each item «[М+]» with its marking code «КМ:» of forty digits and letters under it, a loyalty
card's discount, «СУММА БЕЗ СКИДКИ»); a hotel's tape that settles a stay paid in advance («ПОЛНЫЙ РАСЧЕТ», the advance
offset as «ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА (ЗАЧЕТ АВАНСА)», the rest by card, the advance's own earlier date); and the ФНС's
«Мои чеки онлайн» app showing a scanned receipt (the day it was added to the app, later than the purchase).

Truth: the register's owner; «ИТОГ» (never the sum before a discount, a part paid by card or in cash, the cash handed
over, the advance); the receipt's own day, never the advance's or the day the app added it."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, receipt_details

TENTH_TAPE_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
    ("paratype/PTM55F.ttf", "paratype/PTM75F.ttf"),
)
"""Faces of Меркурий and Штрих-М heads: the monospaces their printers set."""

TENTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
)

_HARDWARE = (
    "Саморез по дереву 3,5х35 (100шт)",
    "Лента малярная 48мм",
    "Валик малярный 180мм",
    "Краска интерьерная белая 2,5л",
    "Перчатки х/б с ПВХ",
    "Шпатлевка финишная 5кг",
    "Дюбель-гвоздь 6х40 (50шт)",
    "Удлинитель 3м 3 гнезда",
    "Лампа LED 11W E27",
    "Герметик силиконовый прозр.",
)
_MARKED = (
    "Молоко ультрапастер. 3,2% 1л",
    "Вода питьевая негаз. 1,5л",
    "Кефир 2,5% 900г",
    "Творог 5% 350г",
    "Кроссовки мужские р.43",
    "Сигареты (МРЦ 199)",
    "Пиво светлое 0,45л",
    "Сыр полутвердый 45% 200г",
)


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 0, 90, rng.randint(1, 99)])) / 100


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 99999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _marking_code(rng: random.Random) -> str:
    """A marking code as a tape prints it: «01» and the GTIN, «21» and the serial of letters and digits."""
    serial = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(13))
    return f"01{r.digits(rng, 14)}21{serial}"


def split_payment_tape(rng: random.Random) -> Drawn:
    """A Меркурий-185Ф tape of a hardware shop: the shop's name, «КАССОВЫЙ ЧЕК ПРИХОД», items with «*» quantities,
    «СКИДКА», «ИТОГ», then the sum paid by card («БЕЗНАЛИЧНЫМИ») and the rest in cash («НАЛИЧНЫМИ», «ПОЛУЧЕНО»,
    «СДАЧА»), the card terminal's short slip inside the tape, the fiscal block and the QR."""
    seller = r.organisation(rng)
    items = [
        (name, _price(rng, 59, 1400), rng.choice([1, 1, 2, 3])) for name in rng.sample(_HARDWARE, rng.randint(3, 6))
    ]
    gross = sum((price * qty for _, price, qty in items), Decimal(0))
    discount = (gross * Decimal(rng.choice([3, 5, 7])) / 100).quantize(Decimal("0.01"))
    total = gross - discount
    cash = Decimal(rng.randint(1, max(2, int(total) // 3) // 100 + 1) * 100)
    cash = min(cash, (total / 2).quantize(Decimal("1")))
    card = total - cash
    handed = (cash / 1000).quantize(Decimal("1"), rounding="ROUND_CEILING") * 1000
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(540, 580), rng.choice(TENTH_TAPE_FACES), size, margin=12)
    page.line(f"Магазин «{r.rng_word(rng)}-Строй»", size + 2, bold=True, align="center")
    page.line(seller.name, size - 2, align="center")
    page.line(seller.address, size - 4, align="center")
    page.line(f"ИНН {seller.inn}", size - 2, align="center")
    page.rule(dashed=True, thickness=1)
    page.line("КАССОВЫЙ ЧЕК ПРИХОД", bold=True, align="center")
    page.pair(f"{when:%d-%m-%Y %H:%M}", f"ЧЕК {rng.randint(1, 900):04d}")
    for name, price, qty in items:
        page.line(name)
        page.pair(f"   {qty} * {price:.2f}", f"={price * qty:.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair("ПОДЫТОГ", f"={gross:.2f}")
    page.pair(f"СКИДКА {discount * 100 / gross:.0f}%", f"={discount:.2f}")
    page.pair("ИТОГ", f"={total:.2f}", size + 8, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={card:.2f}")
    page.pair("НАЛИЧНЫМИ", f"={cash:.2f}")
    page.pair("ПОЛУЧЕНО", f"={handed:.2f}")
    page.pair("СДАЧА", f"={handed - cash:.2f}")
    page.pair("СУММА НДС 20%", f"={r.vat_part(total, 20):.2f}")
    page.rule(dashed=True, thickness=1)
    page.line("ОПЛАТА КАРТОЙ  ОДОБРЕНО", size - 3)
    page.pair("СУММА (RUB)", f"{card:.2f}", size - 3)
    page.pair(f"КАРТА ****{r.digits(rng, 4)}", f"КОД АВТ. {r.digits(rng, 6)}", size - 3)
    page.rule(dashed=True, thickness=1)
    page.pair("КАССИР", r.person(rng).initials, size - 3)
    page.pair("СНО", "ОСН", size - 3)
    page.pair("ЗН ККТ", r.digits(rng, 14), size - 3)
    page.pair("РН ККТ", r.digits(rng, 16), size - 3)
    page.pair("ФН", fiscal[0], size - 3)
    page.pair("ФД", fiscal[1], size - 3)
    page.pair("ФПД", fiscal[2], size - 3)
    page.qr(_qr(when, total, fiscal), 230)
    return Drawn(page.finish(), "split-payment-tape", receipt_details(seller, total, when, fiscal), thermal=True)


def marked_goods_tape(rng: random.Random) -> Drawn:
    """A Штрих-М tape of a grocery: items of goods under compulsory marking, each «[М+]» with «КМ:» and its long code
    under it, «ТОВАР» and VAT 10% or 20% per item, a loyalty card's discount, «СУММА БЕЗ СКИДКИ», «ИТОГ», the card."""
    seller = r.organisation(rng)
    items = [
        (name, _price(rng, 2900, 7900) if "Кроссовки" in name else _price(rng, 45, 390), rng.choice([1, 1, 2]))
        for name in rng.sample(_MARKED, rng.randint(2, 5))
    ]
    gross = sum((price * qty for _, price, qty in items), Decimal(0))
    discount = Decimal(rng.randint(5, 40)) + Decimal(rng.randint(0, 99)) / 100
    total = gross - discount
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(560, 600), rng.choice(TENTH_TAPE_FACES), size, margin=12)
    page.line(seller.name, bold=True, align="center")
    page.line(seller.address, size - 4, align="center")
    page.gap(4)
    page.line("КАССОВЫЙ ЧЕК", size + 2, bold=True, align="center")
    page.pair("ПРИХОД", f"№{rng.randint(1, 300)}  СМЕНА {rng.randint(1, 400)}")
    for name, price, qty in items:
        page.line(f"[М+] {name}")
        page.line(f"КМ: {_marking_code(rng)}", size - 5)
        page.pair(f"   {qty} X {price:.2f}", f"={price * qty:.2f}")
        rate = 10 if any(word in name for word in ("Молоко", "Кефир", "Творог")) else 20
        page.pair("   ТОВАР  ПОЛНЫЙ РАСЧЕТ", f"НДС {rate}%", size - 4)
    page.rule(dashed=True, thickness=1)
    page.pair("СУММА БЕЗ СКИДКИ", f"={gross:.2f}")
    page.pair(f"СКИДКА ПО КАРТЕ {r.digits(rng, 4)}", f"-{discount:.2f}")
    page.pair("ИТОГ", f"={total:.2f}", size + 8, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("НАЧИСЛЕНО БАЛЛОВ", f"{int(total) // 100}", size - 3)
    page.rule(dashed=True, thickness=1)
    page.pair("ИНН", seller.inn, size - 2)
    page.pair("ДАТА ВРЕМЯ", f"{when:%d.%m.%y %H:%M}", size - 2)
    page.pair("ФН №", fiscal[0], size - 2)
    page.pair("ФД №", fiscal[1], size - 2)
    page.pair("ФП", fiscal[2], size - 2)
    page.line("Проверка КМ: [М+] код проверен", size - 5)
    page.qr(_qr(when, total, fiscal), 220)
    return Drawn(page.finish(), "marked-goods-tape", receipt_details(seller, total, when, fiscal), thermal=True)


def hotel_advance_offset(rng: random.Random) -> Drawn:
    """A hotel's 80 mm tape at check-out: «ПОЛНЫЙ РАСЧЕТ» for the nights, «ИТОГ» the stay's price, then how it was
    paid: the advance taken at booking («ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА (ЗАЧЕТ АВАНСА)», with the booking's earlier date)
    and the rest by card; «НДС не облагается»."""
    base = r.organisation(rng, sole_trader=False)
    hotel = r.Party(f"ООО «Гостиница {r.rng_word(rng)}»", base.inn, base.kpp, base.address)
    nights = rng.randint(1, 6)
    rate = Decimal(rng.choice([2900, 3400, 3900, 4500, 5200, 6800]))
    extra = Decimal(rng.choice([0, 450, 700]))
    total = rate * nights + extra
    advance = rate if rng.random() < 0.6 else (total * Decimal("0.3")).quantize(Decimal("1"))
    when = r.moment(rng, r.past_day(rng))
    booked = when - timedelta(days=rng.randint(5, 40))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 22)
    page = SecondPage(rng.randint(600, 640), rng.choice(TENTH_TAPE_FACES), size, margin=14)
    page.line(hotel.name, bold=True, align="center")
    page.line(hotel.address, size - 4, align="center")
    page.line(f"ИНН {hotel.inn}", align="center")
    page.rule(thickness=1)
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.line("ПОЛНЫЙ РАСЧЕТ", align="center")
    page.line(f"Проживание, номер {rng.randint(101, 520)}")
    page.pair(f"   {nights} сут X {rate:.2f}", f"={rate * nights:.2f}")
    page.line("   УСЛУГА  НДС НЕ ОБЛАГАЕТСЯ", size - 4)
    if extra:
        page.line("Завтрак (пакет)")
        page.pair(f"   1 X {extra:.2f}", f"={extra:.2f}")
    page.rule(thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 8, bold=True)
    page.line("ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА", size - 2)
    page.pair("(ЗАЧЕТ АВАНСА)", f"={advance:.2f}", size - 2)
    page.line(f"аванс внесен {booked:%d.%m.%Y}, бронь № {r.digits(rng, 7)}", size - 5)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total - advance:.2f}")
    page.pair("СУММА БЕЗ НДС", f"={total:.2f}", size - 2)
    page.rule(thickness=1)
    page.pair("ДАТА", f"{when:%d.%m.%Y %H:%M}", size - 2)
    page.pair("СНО", "УСН ДОХОД", size - 2)
    page.pair("ФН", fiscal[0], size - 2)
    page.pair("ФД", fiscal[1], size - 2)
    page.pair("ФП", fiscal[2], size - 2)
    page.pair("КАССИР", "Администратор", size - 2)
    page.qr(_qr(when, total, fiscal), 240)
    return Drawn(page.finish(), "hotel-advance-offset", receipt_details(hotel, total, when, fiscal), thermal=True)


def fns_app_receipt(rng: random.Random) -> Drawn:
    """The ФНС's «Мои чеки онлайн» app showing a scanned receipt: «Чек добавлен» and the day it was scanned (days
    later), the seller and its ИНН, the items, «Итого», «Безналичными», the receipt's «Дата и время» and fiscal
    numbers in a list, the QR under them."""
    seller = r.organisation(rng)
    items = [(name, _price(rng, 39, 1900), 1) for name in rng.sample(_HARDWARE + _MARKED, rng.randint(2, 4))]
    total = sum((price for _, price, _ in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    added = when + timedelta(days=rng.randint(1, 6), hours=rng.randint(1, 8))
    fiscal = _fiscal(rng)
    size = rng.randint(32, 35)
    page = SecondPage(1080, rng.choice(TENTH_SCREEN_FACES), size, margin=50)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"LTE  {rng.randint(10, 99)}%", size - 8)
    page.gap(20)
    page.line("<  Мои чеки", size - 2, colour=(0, 95, 190))
    page.gap(10)
    page.line(f"Чек добавлен {added:%d.%m.%Y %H:%M}", size - 8, colour=GREY)
    page.line(seller.name, size + 4, bold=True)
    page.line(f"ИНН {seller.inn}", size - 6, colour=GREY)
    page.gap(20)
    for name, price, _ in items:
        page.line(name, size - 4)
        page.pair("1 × " + f"{price:.2f}", f"{r.grouped(price)} ₽", size - 6, colour=GREY)
    page.rule(thickness=1)
    page.pair("Итого", f"{r.grouped(total)} ₽", size + 4, bold=True)
    page.pair("Безналичными", f"{r.grouped(total)} ₽", size - 6)
    page.gap(20)
    for label, value in (
        ("Тип операции", "Приход"),
        ("Дата и время", f"{when:%d.%m.%Y %H:%M}"),
        ("Адрес расчётов", seller.address),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.stacked(label, value, size - 10, size - 4)
    page.qr(_qr(when, total, fiscal), 300)
    return Drawn(
        page.finish(min_height=2340), "fns-app-receipt", receipt_details(seller, total, when, fiscal), screen=True
    )


TEMPLATES = (split_payment_tape, marked_goods_tape, hotel_advance_offset, fns_app_receipt)
