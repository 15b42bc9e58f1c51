"""The eleventh round's cash receipts: a pharmacy's tape with a loyalty card's discount («ИТОГО БЕЗ СКИДКИ»,
«СКИДКА ПО КАРТЕ», «СУММА ПО ЧЕКУ», VAT 10% on medicines); a filling station's tape (the pump «ТРК», litres × price
per litre, a coffee, paid in cash with change); a marketplace pick-up point's tape whose items are sold as an agent
(«ПРИЗНАК АГЕНТА», each item's «ПОСТАВЩИК» and «ИНН ПОСТ.»); and a vending machine's e-receipt opened from its QR on
a phone (the ОФД's narrow page: «Автоматический режим», the machine's number and place).

Truth: the register's owner (never an agent's supplier); the receipt's total (never the sum before a discount, the
cash handed over, the change); the receipt's own day."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, receipt_details

ELEVENTH_TAPE_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
    ("paratype/PTM55F.ttf", "paratype/PTM75F.ttf"),
)
"""Pharmacy, filling-station and pick-up-point registers print in a monospace."""

ELEVENTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf"),
)

_MEDICINES = (
    "Ибупрофен таб. п/о 200мг №50",
    "Нурофен Экспресс капс. 200мг №16",
    "Називин спрей наз. 0,05% 10мл",
    "Лоратадин таб. 10мг №10",
    "Мирамистин р-р 0,01% 150мл",
    "Пластырь бактерицидный 1,9х7,2 №20",
    "Аквамарис спрей наз. 30мл",
    "Витамин D3 капли 15мл",
    "Смекта пор. д/сусп. 3г №10",
)
_FUELS = (("АИ-92", (52, 55)), ("АИ-95", (56, 60)), ("АИ-95 ЭКТО", (58, 62)), ("ДТ ЕВРО", (64, 70)))
_PARCELS = (
    "Футболка женская хлопок, р.46",
    "Чехол для смартфона силикон.",
    "Кабель USB Type-C 1м",
    "Корм для кошек сухой 1,5кг",
    "Набор контейнеров 3шт",
    "Наушники беспроводные",
    "Кроссовки детские р.31",
    "Термокружка 450мл",
)
_SNACKS = ("Вода питьевая 0,5л", "Шоколадный батончик 50г", "Кофе капучино 200мл", "Чипсы картофельные 70г")


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 99999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 90, rng.randint(1, 99)])) / 100


def _fiscal_block(page: SecondPage, rng: random.Random, fiscal: tuple[str, str, str], size: int) -> None:
    page.pair("ЗН ККТ", r.digits(rng, 14), size)
    page.pair("РН ККТ", r.digits(rng, 16), size)
    page.pair("ФН №", fiscal[0], size)
    page.pair("ФД №", fiscal[1], size)
    page.pair("ФП", fiscal[2], size)


def pharmacy_loyalty_tape(rng: random.Random) -> Drawn:
    """A pharmacy chain's tape: «Аптека «…»», the chain's legal name and ИНН, the medicines with VAT 10%, the loyalty
    card's number, «ИТОГО БЕЗ СКИДКИ», «СКИДКА ПО КАРТЕ», «СУММА ПО ЧЕКУ», «ОПЛАТА КАРТОЙ», the fiscal block, the
    QR, and a line «ВАША ЭКОНОМИЯ» repeating the discount."""
    seller = r.organisation(rng, sole_trader=False)
    items = [(name, _price(rng, 89, 980), rng.choice([1, 1, 2])) for name in rng.sample(_MEDICINES, rng.randint(2, 5))]
    gross = sum((price * qty for _, price, qty in items), Decimal(0))
    discount = (gross * Decimal(rng.choice([3, 5, 10])) / 100).quantize(Decimal("0.01"))
    total = gross - discount
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(540, 580), rng.choice(ELEVENTH_TAPE_FACES), size, margin=12)
    page.line(f"Аптека «{r.rng_word(rng)}»", size + 4, bold=True, align="center")
    page.line(seller.name, size - 2, align="center")
    page.line(seller.address, size - 4, align="center")
    page.line(f"ИНН {seller.inn}", size - 2, align="center")
    page.rule(dashed=True, thickness=1)
    page.line("КАССОВЫЙ ЧЕК  ПРИХОД", bold=True, align="center")
    page.pair(f"{when:%d.%m.%Y %H:%M}", f"Чек № {rng.randint(1, 400)}")
    for name, price, qty in items:
        page.line(name)
        page.pair(f"  {qty} шт x {price:.2f}", f"{price * qty:.2f}")
        page.pair("  НДС 10%", f"{r.vat_part(price * qty, 10):.2f}", size - 4)
    page.rule(dashed=True, thickness=1)
    page.line(f"Карта лояльности *{r.digits(rng, 4)}", size - 2)
    page.pair("ИТОГО БЕЗ СКИДКИ", f"{gross:.2f}")
    page.pair("СКИДКА ПО КАРТЕ", f"-{discount:.2f}")
    page.pair("СУММА ПО ЧЕКУ", f"={total:.2f}", size + 6, bold=True)
    page.pair("ОПЛАТА КАРТОЙ", f"{total:.2f}")
    page.pair("СУММА НДС 10%", f"{r.vat_part(total, 10):.2f}", size - 2)
    page.rule(dashed=True, thickness=1)
    page.pair("ВАША ЭКОНОМИЯ", f"{discount:.2f} руб.", size - 2)
    page.pair("Фармацевт", r.person(rng).initials, size - 3)
    page.pair("СНО", "ОСН", size - 3)
    _fiscal_block(page, rng, fiscal, size - 3)
    page.qr(_qr(when, total, fiscal), 220)
    page.line("Будьте здоровы!", size - 2, align="center")
    return Drawn(page.finish(), "pharmacy-loyalty-tape", receipt_details(seller, total, when, fiscal), thermal=True)


def fuel_station_tape(rng: random.Random) -> Drawn:
    """A filling station's tape: «АЗС № …», the pump («ТРК 4»), the fuel «АИ-95» as litres × the price per litre,
    a snack from the shop, «ИТОГ», «НАЛИЧНЫМИ», «ПОЛУЧЕНО», «СДАЧА», the fiscal block and the QR."""
    seller = r.organisation(rng, sole_trader=False)
    fuel, (low, high) = rng.choice(_FUELS)
    price = Decimal(rng.randint(low, high)) + Decimal(rng.randint(0, 99)) / 100
    litres = Decimal(rng.randint(1200, 5500)) / 100
    fuel_sum = (price * litres).quantize(Decimal("0.01"))
    snack = (rng.choice(_SNACKS), _price(rng, 60, 240)) if rng.random() < 0.6 else None
    total = fuel_sum + (snack[1] if snack else Decimal(0))
    handed = (total / 500).quantize(Decimal("1"), rounding="ROUND_CEILING") * 500
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(540, 580), rng.choice(ELEVENTH_TAPE_FACES), size, margin=12)
    page.line(f"АЗС № {rng.randint(1, 480)}", size + 4, bold=True, align="center")
    page.line(seller.name, size - 2, align="center")
    page.line(seller.address, size - 4, align="center")
    page.line(f"ИНН {seller.inn}", size - 2, align="center")
    page.rule(dashed=True, thickness=1)
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(f"{when:%d.%m.%y %H:%M}", f"СМЕНА {rng.randint(1, 900)} ЧЕК {rng.randint(1, 300)}")
    page.line(f"ТРК {rng.randint(1, 8)}: {fuel}")
    page.pair(f"  {litres:.2f} л x {price:.2f}", f"={fuel_sum:.2f}")
    page.pair("  НДС 20%", f"={r.vat_part(fuel_sum, 20):.2f}", size - 4)
    if snack:
        page.line(snack[0])
        page.pair(f"  1 x {snack[1]:.2f}", f"={snack[1]:.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 8, bold=True)
    page.pair("НАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("ПОЛУЧЕНО", f"={handed:.2f}")
    page.pair("СДАЧА", f"={handed - total:.2f}")
    page.pair("СУММА НДС 20%", f"={r.vat_part(total, 20):.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair("КАССИР", r.person(rng).initials, size - 3)
    _fiscal_block(page, rng, fiscal, size - 3)
    page.qr(_qr(when, total, fiscal), 220)
    page.line("СПАСИБО! СЧАСТЛИВОГО ПУТИ!", size - 3, align="center")
    return Drawn(page.finish(), "fuel-station-tape", receipt_details(seller, total, when, fiscal), thermal=True)


def agent_pickup_tape(rng: random.Random) -> Drawn:
    """A marketplace pick-up point's tape: the marketplace's company owns the register and sells as a commission
    agent, so each item prints «ПРИЗНАК АГЕНТА: КОМИССИОНЕР», «ПОСТАВЩИК» (a seller, often an ИП) and «ИНН ПОСТ.»;
    then «ИТОГ», «БЕЗНАЛИЧНЫМИ» (prepaid online: «ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА (АВАНС)» offsets it on a second line), the
    fiscal block and the QR."""
    seller = r.organisation(rng, sole_trader=False)
    items = []
    for name in rng.sample(_PARCELS, rng.randint(1, 4)):
        supplier = r.organisation(rng)
        items.append((name, _price(rng, 149, 3900), supplier))
    total = sum((price for _, price, _ in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(560, 600), rng.choice(ELEVENTH_TAPE_FACES), size, margin=12)
    page.line(seller.name, bold=True, align="center")
    page.line(f"Пункт выдачи заказов: {r.address(rng)}", size - 4, align="center")
    page.line(f"ИНН {seller.inn}", size - 2, align="center")
    page.rule(dashed=True, thickness=1)
    page.line("КАССОВЫЙ ЧЕК  ПРИХОД", bold=True, align="center")
    page.pair(f"Заказ № {r.digits(rng, 8)}-{r.digits(rng, 4)}", f"{when:%d.%m.%Y %H:%M}", size - 2)
    for name, price, supplier in items:
        page.line(name)
        page.pair("  1 x " + f"{price:.2f}", f"={price:.2f}")
        page.line("  ПРИЗНАК АГЕНТА: КОМИССИОНЕР", size - 5)
        page.line(f"  ПОСТАВЩИК: {supplier.name}", size - 5)
        page.line(f"  ИНН ПОСТ.: {supplier.inn}", size - 5)
        page.line("  НДС НЕ ОБЛАГАЕТСЯ" if supplier.kpp is None else "  НДС 20%", size - 5)
    page.rule(dashed=True, thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 8, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair("СНО", "ОСН", size - 3)
    page.pair("Эл. адрес отправителя", "noreply@check.ru", size - 4)
    _fiscal_block(page, rng, fiscal, size - 3)
    page.qr(_qr(when, total, fiscal), 220)
    return Drawn(page.finish(), "agent-pickup-tape", receipt_details(seller, total, when, fiscal), thermal=True)


def vending_e_receipt(rng: random.Random) -> Drawn:
    """A vending machine's e-receipt, opened on a phone from the sticker's QR: the ОФД's narrow page, «Кассовый чек
    / Приход», one snack, «Итого», «Безналичными», the operator's name and ИНН, «Автоматический режим», «Номер
    автомата», «Место расчётов», «Дата/время», the fiscal numbers in small grey type."""
    seller = r.organisation(rng)
    name, price = rng.choice(_SNACKS), _price(rng, 45, 190)
    qty = rng.choice([1, 1, 1, 2])
    total = price * qty
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(26, 29)
    page = SecondPage(720, rng.choice(ELEVENTH_SCREEN_FACES), size, margin=40)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"4G  {rng.randint(10, 99)}%", size - 8)
    page.line(f"check.ofd.ru/rec/{r.digits(rng, 10)}", size - 10, align="center", colour=GREY)
    page.gap(16)
    page.line("Кассовый чек", size + 4, bold=True, align="center")
    page.line("Приход", size - 4, align="center", colour=GREY)
    page.gap(10)
    page.line(seller.name, size - 2, bold=True)
    page.line(f"ИНН {seller.inn}", size - 6, colour=GREY)
    page.rule(thickness=1)
    page.line(name, size - 2)
    page.pair(f"{qty} × {price:.2f}", f"{total:.2f}", size - 4)
    page.line("НДС не облагается", size - 8, colour=GREY)
    page.rule(thickness=1)
    page.pair("Итого", f"{total:.2f}", size + 4, bold=True)
    page.pair("Безналичными", f"{total:.2f}", size - 6)
    page.gap(10)
    for label, value in (
        ("Автоматический режим", f"Номер автомата {r.digits(rng, 6)}"),
        ("Место расчётов", f"Вендинговый автомат, {rng.choice(['ТЦ', 'БЦ', 'вокзал'])}, 1 этаж"),
        ("Дата/время", f"{when:%d.%m.%Y %H:%M}"),
        ("ФН / ФД / ФП", f"{fiscal[0]} / {fiscal[1]} / {fiscal[2]}"),
    ):
        page.stacked(label, value, size - 10, size - 8)
    page.qr(_qr(when, total, fiscal), 200)
    return Drawn(
        page.finish(min_height=1280), "vending-e-receipt", receipt_details(seller, total, when, fiscal), screen=True
    )


TEMPLATES = (pharmacy_loyalty_tape, fuel_station_tape, agent_pickup_tape, vending_e_receipt)
