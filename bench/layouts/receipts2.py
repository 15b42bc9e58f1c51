"""The second round's cash receipts: an Эвотор/АТОЛ tape with the QR beside the fiscal block and «≡»/«=» sums, a
marketplace's electronic receipt where the platform sells as an agent (each item's supplier with its own ИНН), a
fuel station's tape (ТРК, litres) with the card slip under it, and a pharmacy's tape with discounts."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SECOND_PAGE_FACES, SECOND_TAPE_FACES, SecondPage, has_glyph
from bench.layouts.drawn import Drawn, receipt_details
from bench.layouts.receipts import _fiscal, _items, _padded, _qr

_CENT = Decimal("0.01")


def _slip(page: SecondPage, rng: random.Random, total: Decimal, when: datetime, size: int) -> None:
    """A card terminal's slip: its own numbers (terminal, merchant, RRN, authorisation) and the sum in «RUB»."""
    page.line(rng.choice(["ПАО СБЕРБАНК", "БАНК ВТБ (ПАО)", "ПАО «ПРОМСВЯЗЬБАНК»", "АО «ГАЗПРОМБАНК»"]), align="center")
    page.line("ЧЕК ОПЛАТЫ", bold=True, align="center")
    page.pair(when.strftime("%d.%m.%y"), when.strftime("%H:%M"), size - 2)
    page.pair("ТЕРМИНАЛ", r.digits(rng, 8), size - 2)
    page.pair("МЕРЧАНТ", r.digits(rng, 15), size - 2)
    page.pair(rng.choice(["МИР", "MIR", "VISA"]), f"****{r.digits(rng, 4)}", size - 2)
    page.pair("СУММА:", f"{total:.2f} RUB", bold=True)
    page.pair("КОД АВТ.", r.digits(rng, 6), size - 2)
    page.pair("RRN", r.digits(rng, 12), size - 2)
    page.line("ОДОБРЕНО", bold=True, align="center")
    page.line("ПОДПИСЬ КЛИЕНТА НЕ ТРЕБУЕТСЯ", size - 3, align="center")


def evotor_qr_side(rng: random.Random) -> Drawn:
    """A smart register's tape (Эвотор, АТОЛ Sigma): a narrow sans, «ИТОГ ≡…» and «=» sums, the seller's ИНН and
    the date only in the fiscal block, which stands to the right of the QR."""
    seller, items = r.organisation(rng), _items(rng)
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 23)
    page = SecondPage(rng.randint(560, 640), rng.choice(SECOND_TAPE_FACES), size, margin=20)
    page.line(seller.name, bold=True, align="center")
    page.line(seller.address, size - 3, align="center")
    page.line(f"Место расчётов: {rng.choice(['Магазин у дома', 'Кафе «Уют»', 'Торговый зал'])}", size - 3)
    page.gap(6)
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.pair("ПРИХОД", f"Смена № {rng.randint(1, 400)}  Чек № {rng.randint(1, 300)}")
    rate = rng.choice([10, 20])
    for name, price, qty in items:
        page.line(name)
        page.pair(f"  {qty} X {price:.2f}", f"={price * qty:.2f}")
        page.pair(f"  НДС {rate}%", f"={r.vat_part(price * qty, rate):.2f}", size - 3)
    page.rule()
    sign = rng.choice(["≡", "="]) if all(has_glyph(face, "≡") for face in page.face) else "="
    page.pair("ИТОГ", f"{sign}{total:.2f}", size + 8, bold=True)
    page.pair(rng.choice(["БЕЗНАЛИЧНЫМИ", "ЭЛЕКТРОННЫМИ"]), f"{sign}{total:.2f}")
    page.pair(f"СУММА НДС {rate}%", f"={r.vat_part(total, rate):.2f}")
    page.pair("СНО", rng.choice(["ОСН", "УСН ДОХОД"]))
    page.line(f"Кассир: {r.person(rng).initials}", size - 2)
    page.gap(8)
    fn, fd, fp = fiscal
    page.qr_beside(
        _qr(when, total, fn, fd, fp),
        rng.randint(170, 200),
        [
            ("ИНН", seller.inn),
            ("", when.strftime(rng.choice(["%d.%m.%y %H:%M", "%d.%m.%Y %H:%M"]))),
            ("ЗН ККТ", r.digits(rng, 12)),
            ("РН ККТ", r.digits(rng, 16)),
            ("ФН", fn),
            ("ФД", _padded(rng, fd, 8)),
            ("ФП", _padded(rng, fp, 10)),
        ],
        size - 4,
    )
    page.line("Сайт ФНС: nalog.gov.ru", size - 3, align="center")
    return Drawn(page.finish(), "evotor-qr-side", receipt_details(seller, total, when, fiscal), thermal=True)


_MARKETPLACES = ("Маркет", "Товары", "Ритейл", "Онлайн")


def marketplace_agent(rng: random.Random) -> Drawn:
    """A marketplace's electronic receipt: the platform's register, each item sold for a supplier (its name, ИНН
    and phone under the item, «Признак агента»), the order's number, the buyer's masked e-mail."""
    platform = r.organisation(rng, sole_trader=False)
    platform = r.Party(
        f"ООО «{r.rng_word(rng).split()[0]} {rng.choice(_MARKETPLACES)}»", platform.inn, platform.kpp, platform.address
    )
    items = _items(rng)
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 22)
    page = SecondPage(1000, rng.choice(SECOND_PAGE_FACES), size, margin=60)
    top = page.y
    page.gap(28 + round((size + 8) * 1.3))
    page.box(top, (232, 240, 252))
    page.y = top + 14
    page.line(f"Кассовый чек № {rng.randint(100, 9999)}. Приход", size + 8, bold=True, indent=20)
    page.gap(14)
    page.gap(10)
    page.line(platform.name, size + 2, bold=True)
    page.line(f"ИНН {platform.inn}")
    page.line(f"Заказ № {r.digits(rng, 8)}-{r.digits(rng, 4)}", colour=GREY)
    page.line(f"Место расчётов: https://www.{rng.choice(['shop', 'market', 'mp'])}.example.ru", size - 2)
    page.line(f"Эл. адрес покупателя: {rng.choice('abcdefk')}***@{rng.choice(['mail.ru', 'yandex.ru'])}", size - 2)
    page.gap(10)
    agent = rng.choice(["Комиссионер", "Агент", "Поверенный"])
    for index, (name, price, qty) in enumerate(items, 1):
        supplier = r.organisation(rng)
        page.pair(f"{index}. {name}", r.grouped(price * qty) + " ₽", bold=True)
        page.pair(f"{qty} шт. × {r.grouped(price)} ₽", rng.choice(["НДС не облагается", "НДС 20%"]), size - 3)
        page.line(f"Признак агента: {agent}", size - 3, colour=GREY)
        page.line(f"Поставщик: {supplier.name}, ИНН {supplier.inn}", size - 3, colour=GREY)
        page.line(f"Телефон поставщика: +7{r.digits(rng, 10)}", size - 3, colour=GREY)
        page.gap(8)
    page.rule()
    page.pair("Итог", f"{r.grouped(total)} ₽", size + 6, bold=True)
    page.pair("Безналичными", f"{r.grouped(total)} ₽")
    page.pair("Предоплатой (зачёт аванса)", "0,00 ₽")
    page.gap(10)
    fn, fd, fp = fiscal
    rows = [
        ("Дата и время", when.strftime("%d.%m.%Y %H:%M")),
        ("Смена", str(rng.randint(1, 999))),
        ("СНО", "ОСН"),
        ("Регистрационный номер ККТ", r.digits(rng, 16)),
        ("Заводской номер ККТ", r.digits(rng, 14)),
        ("Номер ФН", fn),
        ("Номер ФД", fd),
        ("ФПД", fp),
    ]
    for label, value in rows:
        page.pair(label, value, size - 2, leader=".")
    page.gap(10)
    page.qr(_qr(when, total, fn, fd, fp), 200, align="left")
    page.line("Проверить чек: https://check.nalog.example/", size - 4, colour=GREY)
    return Drawn(page.finish(), "marketplace-agent", receipt_details(platform, total, when, fiscal))


_FUELS = ("АИ-92-К5", "АИ-95-К5", "АИ-95 Премиум", "ДТ-Е-К5", "АИ-98-К5")


def fuel_station(rng: random.Random) -> Drawn:
    """A fuel station's tape: the pump (ТРК) and grade, litres × price per litre, a loyalty card's points, then the
    card terminal's slip under the receipt."""
    seller = r.organisation(rng, sole_trader=False)
    seller = r.Party(f"ООО «{r.rng_word(rng)}-Ойл»", seller.inn, seller.kpp, seller.address)
    price = Decimal(rng.randint(5200, 7400)) / 100
    litres = Decimal(rng.randint(1000, 6000)) / 100
    fuel_sum = (price * litres).quantize(_CENT, ROUND_HALF_UP)
    extras = [(name, p, q) for name, p, q in _items(rng)[: rng.randint(0, 2)]]
    total = fuel_sum + sum((p * q for _, p, q in extras), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 23)
    page = SecondPage(rng.randint(480, 560), rng.choice(SECOND_TAPE_FACES), size, margin=18)
    page.line(f"АЗС № {rng.randint(1, 400)}", size + 4, bold=True, align="center")
    page.line(seller.name, align="center")
    page.line(seller.address, size - 3, align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.gap(6)
    page.pair(f"КАССОВЫЙ ЧЕК № {rng.randint(1, 999)}", "ПРИХОД")
    page.pair(when.strftime("%d.%m.%Y"), when.strftime("%H:%M"))
    page.line(f"ТРК {rng.randint(1, 12)}: {rng.choice(_FUELS)}", bold=True)
    page.pair(f"  {r.grouped(litres)} л x {r.grouped(price)}", f"= {r.grouped(fuel_sum)}")
    page.pair("  НДС 20%", f"= {r.grouped(r.vat_part(fuel_sum, 20))}", size - 3)
    for name, p, q in extras:
        page.line(name)
        page.pair(f"  {q} x {r.grouped(p)}", f"= {r.grouped(p * q)}")
    page.rule(dashed=True)
    page.pair(rng.choice(["ИТОГО К ОПЛАТЕ", "ИТОГ"]), f"= {r.grouped(total)}", size + 4, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"= {r.grouped(total)}")
    page.pair("В Т.Ч. НДС 20%", f"= {r.grouped(r.vat_part(total, 20))}")
    page.line(f"Карта лояльности: ****{r.digits(rng, 4)}", size - 2)
    page.pair("Начислено баллов:", str(rng.randint(10, 300)), size - 2)
    page.pair("Баланс баллов:", r.grouped(Decimal(rng.randint(100, 9000))), size - 2)
    fn, fd, fp = fiscal
    page.pair("ЗН ККТ", r.digits(rng, 14), size - 2)
    page.pair("ФН", fn)
    page.pair("ФД", _padded(rng, fd, 6))
    page.pair("ФП", _padded(rng, fp, 10))
    if rng.random() < 0.5:
        page.qr(_qr(when, total, fn, fd, fp), 170)
    page.rule(dashed=True)
    page.gap(14)
    _slip(page, rng, total, when, size)
    return Drawn(page.finish(), "fuel-station", receipt_details(seller, total, when, fiscal), thermal=True)


_MEDICINES = (
    "Ибупрофен таб. 200 мг №20",
    "Нурофен Экспресс капс. №16",
    "Витамин D3 капли 10 мл",
    "Мирамистин р-р 150 мл",
    "Лоратадин таб. 10 мг №10",
    "Пластырь бактерицидный №20",
    "Омепразол капс. 20 мг №30",
    "Термометр электронный",
    "Аква Марис спрей 30 мл",
)


def pharmacy_discount(rng: random.Random) -> Drawn:
    """A pharmacy's tape: marked medicines ([М]) at 10 % VAT, a discount under each item, «ИТОГО БЕЗ СКИДКИ» and
    «СКИДКА» before «ИТОГ», a licence with its own date, a discount card's number."""
    seller = r.organisation(rng, sole_trader=False)
    seller = r.Party(f"ООО «Аптека {r.rng_word(rng)}»", seller.inn, seller.kpp, seller.address)
    percent = rng.choice([3, 5, 7, 10])
    lines = []
    for name in rng.sample(_MEDICINES, rng.randint(2, 4)):
        price = Decimal(rng.randint(90, 1800)) + Decimal(rng.choice([0, 50, 90])) / 100
        qty = rng.randint(1, 2)
        off = (price * qty * percent / 100).quantize(_CENT, ROUND_HALF_UP)
        lines.append((name, price, qty, off))
    full = sum((price * qty for _, price, qty, _ in lines), Decimal(0))
    discount = sum((off for *_, off in lines), Decimal(0))
    total = full - discount
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 23)
    page = SecondPage(rng.randint(520, 600), rng.choice(SECOND_TAPE_FACES), size, margin=20)
    page.line(f"АПТЕКА «{r.rng_word(rng)}»", size + 2, bold=True, align="center")
    page.line(seller.name, align="center")
    page.line(f"ИНН {seller.inn}  КПП {seller.kpp}", size - 2, align="center")
    licensed = r.past_day(rng).replace(year=rng.randint(2012, 2022))
    page.line(f"Лицензия № ЛО-{rng.randint(10, 99)}-02-{r.digits(rng, 6)} от {licensed:%d.%m.%Y}", size - 4)
    page.line(seller.address, size - 3)
    page.pair("КАССОВЫЙ ЧЕК / ПРИХОД", f"№ {rng.randint(1, 999)}")
    for name, price, qty, off in lines:
        page.line(f"{name} [М]")
        page.pair(f"  {qty} x {r.grouped(price)}", r.grouped(price * qty))
        page.pair(f"  Скидка {percent}%", f"-{r.grouped(off)}", size - 3)
        page.pair("  Сумма со скидкой", r.grouped(price * qty - off), size - 3)
        page.pair("  НДС 10%", r.grouped(r.vat_part(price * qty - off, 10)), size - 3)
    page.rule()
    page.pair("ИТОГО БЕЗ СКИДКИ", r.grouped(full))
    page.pair("СКИДКА", r.grouped(discount))
    page.pair("ИТОГ", r.grouped(total), size + 6, bold=True)
    page.pair(rng.choice(["ОПЛАТА КАРТОЙ", "БЕЗНАЛИЧНЫМИ"]), r.grouped(total))
    page.pair("СУММА НДС 10%", r.grouped(r.vat_part(total, 10)))
    page.line(f"Дисконтная карта: {r.digits(rng, 13)}", size - 2)
    page.line(f"Фармацевт: {r.person(rng).initials}", size - 2)
    page.pair(when.strftime("%d.%m.%Y %H:%M"), "СНО: ОСН", size - 2)
    fn, fd, fp = fiscal
    page.pair("ФН №", fn)
    page.pair("ФД №", _padded(rng, fd, 7))
    page.pair("ФП", _padded(rng, fp, 10))
    page.qr(_qr(when, total, fn, fd, fp), rng.randint(160, 200))
    page.line("Будьте здоровы!", align="center")
    truth = receipt_details(seller, total, when, fiscal).model_copy(update={"recipient_kpp": seller.kpp})
    return Drawn(page.finish(), "pharmacy-discount", truth, thermal=True)


TEMPLATES = (evotor_qr_side, marketplace_agent, fuel_station, pharmacy_discount)
