"""The sixth round's cash receipts: an АТОЛ Sigma tape in the head's bitmap print with a loyalty block (points spent
and earned, balances) and the sum paid partly in cash and partly by card, a marketplace's electronic receipt as the
app shows it in a dark theme (the platform's register sells as a commission agent, each item's supplier named), a
correction receipt («КАССОВЫЙ ЧЕК КОРРЕКЦИИ», a sale the till failed to register, made good days later) and a
restaurant's tape: the guest bill with its service charge, the fiscal receipt under it and a tips service's QR.

A correction receipt is dated twice: its own date (the QR's ``t``) and «Дата расчёта», the day the buyer paid. The
payment's date is the latter; the amount is its «ИТОГ», VAT included."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import SIXTH_SCREEN_FACES, SIXTH_TAPE_FACES, DotPage, SecondPage, qr_image
from bench.layouts.drawn import Drawn, receipt_details

_GROCERIES = (
    "Молоко ПРОСТОКВАШИНО 3,2% 930мл",
    "Хлеб Бородинский нарезка 300г",
    "Сыр Российский 50% весовой",
    "Бананы весовые",
    "Яйцо куриное С1 10шт",
    "Кофе молотый арабика 250г",
    "Масло сливочное 82,5% 180г",
    "Пакет-майка ПНД",
    "Гречка ядрица 900г",
    "Йогурт питьевой клубника 270г",
)
_MARKET_GOODS = (
    "Наушники беспроводные TWS",
    "Органайзер для ванной, белый",
    "Лампа настольная LED",
    "Термокружка 450 мл",
    "Куртка демисезонная, р. 48",
    "Пылесос ручной аккумуляторный",
    "Коврик для йоги 183х61",
    "Набор отвёрток 24 предмета",
)
_DISHES = (
    "Борщ с говядиной",
    "Салат Цезарь с курицей",
    "Паста карбонара",
    "Стейк из лосося",
    "Пельмени домашние",
    "Морс клюквенный 0,5",
    "Чай черный чайник",
    "Чизкейк Нью-Йорк",
    "Хачапури по-аджарски",
    "Лимонад домашний 1л",
)
_PLACES = ("Белый Сад", "Тёплый Угол", "Гости", "Печь и Вино", "Полянка", "Старый Город")
_DARK = (18, 18, 20)
_DARK_CARD = (34, 34, 38)
_LIGHT_TEXT = (236, 236, 240)
_MUTED = (150, 150, 160)


def _price(rng: random.Random, low: int = 40, high: int = 900) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 0, 90, 99, rng.randint(1, 99)])) / 100


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 999999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _loyalty(page: SecondPage, rng: random.Random, balance: Decimal, points: Decimal, earned: Decimal) -> None:
    """A loyalty programme's block: the card masked, the points' balance before, spent, earned and after."""
    page.line("ПРОГРАММА ЛОЯЛЬНОСТИ", bold=True, align="center")
    page.pair("Карта", f"{r.digits(rng, 4)}****{r.digits(rng, 4)}")
    page.pair("Баланс до", f"{balance:.2f}")
    page.pair("Списано баллов", f"{points:.2f}")
    page.pair("Начислено баллов", f"{earned:.2f}")
    page.pair("Баланс после", f"{balance - points + earned:.2f}")


def sigma_loyalty_split(rng: random.Random) -> Drawn:
    """An АТОЛ Sigma's 58 mm tape in the head's bitmap font: the shop's sign over its legal name, the items with a
    discount each, «ПОДЫТОГ», «СКИДКА ПО КАРТЕ», «ИТОГ», the sum paid in two parts («НАЛИЧНЫМИ» and
    «БЕЗНАЛИЧНЫМИ»), then the loyalty block (the card masked, «Баланс до», «Списано баллов», «Начислено баллов»,
    «Баланс после», whole numbers with two places) and the fiscal block with the QR at the foot."""
    shop = r.organisation(rng, sole_trader=rng.random() < 0.4)
    items = [
        (name, _price(rng, 39, 700), rng.choice([1, 1, 1, 2])) for name in rng.sample(_GROCERIES, rng.randint(3, 6))
    ]
    subtotal = sum((price * qty for _, price, qty in items), Decimal(0))
    points = Decimal(rng.randint(0, min(300, int(subtotal) // 3)))
    total = subtotal - points
    cash = Decimal(rng.randint(1, max(1, int(total) // 100)) * 50).min(total)
    card = total - cash
    balance = Decimal(rng.randint(int(points), int(points) + 4000))
    earned = (total / 20).quantize(Decimal("1"))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(11, 12)
    page = DotPage(rng.randint(290, 300), rng.choice(SIXTH_TAPE_FACES), size, margin=6)
    page.line(f"Магазин «{r.rng_word(rng)}»", size + 2, bold=True, align="center")
    page.line(shop.name, align="center")
    page.line(shop.address, size - 1, align="center")
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.pair("ПРИХОД", f"Смена {rng.randint(1, 400)}  Чек {rng.randint(1, 300)}")
    page.rule(dashed=True, thickness=1)
    for name, price, qty in items:
        page.line(name)
        page.pair(f"  {qty} x {price:.2f}", f"={price * qty:.2f}")
        page.pair("  НДС 10%" if "Молоко" in name or "Хлеб" in name else "  НДС 20%", "")
    page.rule(dashed=True, thickness=1)
    page.pair("ПОДЫТОГ", f"={subtotal:.2f}")
    if points:
        page.pair("СКИДКА ПО КАРТЕ", f"={points:.2f}")
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    if cash:
        page.pair("НАЛИЧНЫМИ", f"={cash:.2f}")
    if card:
        page.pair("БЕЗНАЛИЧНЫМИ", f"={card:.2f}")
    page.pair("СНО:", "УСН доход" if shop.kpp is None else "ОСН")
    page.rule(dashed=True, thickness=1)
    _loyalty(page, rng, balance, points, earned)
    page.rule(dashed=True, thickness=1)
    page.pair("ИНН", shop.inn)
    page.pair("ДАТА", when.strftime("%d.%m.%y %H:%M"))
    page.pair("РН ККТ", r.digits(rng, 16))
    page.pair("ЗН ККТ", r.digits(rng, 14))
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.line("САЙТ ФНС: nalog.gov.ru", size - 1)
    page.gap(4)
    page.qr(_qr(when, total, fiscal), rng.randint(100, 120))
    page.line("СПАСИБО ЗА ПОКУПКУ!", align="center")
    return Drawn(page.finish(), "atol-sigma-loyalty", receipt_details(shop, total, when, fiscal), thermal=True)


def marketplace_app_dark(rng: random.Random) -> Drawn:
    """A marketplace's app showing an order's electronic receipt in its dark theme, a 1080-pixel screenshot: the
    status bar, «Чек к заказу № …», the platform (its register's owner) and its ИНН, each item as a card with
    «Признак агента: комиссионер» and «Поставщик» (an ИП or an ООО) with the supplier's ИНН, a delivery line, the
    total in a thin face, «Оплачено: картой •• 1234», the fiscal data as grey rows and the QR on a white tile."""
    platform = r.organisation(rng, sole_trader=False)
    platform = r.Party(f"ООО «{r.rng_word(rng)} Маркет»", platform.inn, platform.kpp, "")
    items = [
        (name, _price(rng, 290, 6900), r.organisation(rng)) for name in rng.sample(_MARKET_GOODS, rng.randint(1, 3))
    ]
    delivery = Decimal(rng.choice([0, 0, 49, 99, 149]))
    total = sum((price for _, price, _ in items), delivery)
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(34, 38)
    page = SecondPage(1080, rng.choice(SIXTH_SCREEN_FACES), size, margin=48, background=_DARK, ink=_LIGHT_TEXT)
    page.pair(f"{rng.randint(8, 23)}:{rng.randint(0, 59):02d}", f"LTE  {rng.randint(10, 99)}%", size - 8)
    page.gap(40)
    page.line(f"<  Чек к заказу № {r.digits(rng, 8)}-{r.digits(rng, 4)}", size + 2)
    page.gap(30)
    page.line("Кассовый чек. Приход", size - 4, colour=_MUTED)
    page.line(platform.name, size + 4)
    page.line(f"ИНН {platform.inn}", size - 4, colour=_MUTED)
    page.line(f"{when:%d.%m.%Y %H:%M}", size - 4, colour=_MUTED)
    page.gap(30)
    for name, price, supplier in items:
        top = page.y
        page.gap(16)
        rows = 5
        page.gap(rows * round((size - 6) * 1.3) + round(size * 1.3) + 20)
        page.box(top, _DARK_CARD, left=30, right=1050)
        page.y = top + 16
        page.pair(name, f"{r.grouped(price)} ₽", size - 2)
        page.line("1 шт. × " + r.grouped(price), size - 6, colour=_MUTED)
        page.line("Полный расчёт · Товар · НДС не облагается", size - 6, colour=_MUTED)
        page.line("Признак агента: комиссионер", size - 6, colour=_MUTED)
        page.line(f"Поставщик: {supplier.name}", size - 6, colour=_MUTED)
        page.line(f"ИНН поставщика: {supplier.inn}", size - 6, colour=_MUTED)
        page.gap(26)
    if delivery:
        page.pair("Доставка", f"{r.grouped(delivery)} ₽", size - 2)
    page.gap(20)
    page.line("Итого", size - 4, colour=_MUTED)
    page.line(f"{r.grouped(total)} ₽", size + 40, bold=True)
    page.line(f"Оплачено: картой •• {r.digits(rng, 4)}", size - 4, colour=_MUTED)
    page.gap(30)
    page.line("Фискальные данные", size, colour=_LIGHT_TEXT)
    for label, value in (
        ("СНО", "ОСН"),
        ("РН ККТ", r.digits(rng, 16)),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
        ("Смена", str(rng.randint(1, 900))),
        ("Сайт ФНС", "nalog.gov.ru"),
    ):
        page.pair(label, value, size - 6, colour=_MUTED)
    page.gap(24)
    tile = qr_image(_qr(when, total, fiscal), 300)
    page.inset(tile)
    page.gap(30)
    page.line("Поделиться     Скачать PDF", size - 4, align="center", colour=_MUTED)
    return Drawn(
        page.finish(min_height=2340),
        "marketplace-app-dark",
        receipt_details(platform, total, when, fiscal),
        screen=True,
    )


def correction_receipt(rng: random.Random) -> Drawn:
    """A correction receipt of a sale the till failed to register: «КАССОВЫЙ ЧЕК КОРРЕКЦИИ», «ПРИХОД», «Тип
    коррекции: самостоятельно», «Дата расчёта» (the day the buyer paid, days before), the receipt's own date and
    time, the items, «ИТОГ», «БЕЗНАЛИЧНЫМИ», the fiscal block and the QR (dated the correction's day)."""
    seller = r.organisation(rng)
    items = [(name, _price(rng, 90, 2400), 1) for name in rng.sample(_GROCERIES + _MARKET_GOODS, rng.randint(1, 3))]
    total = sum((price for _, price, _ in items), Decimal(0))
    paid = r.moment(rng, r.past_day(rng))
    when = paid + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 5))
    fiscal = _fiscal(rng)
    size = rng.randint(11, 12)
    page = DotPage(rng.randint(285, 300), rng.choice(SIXTH_TAPE_FACES), size, margin=6)
    page.line(seller.name, bold=True, align="center")
    page.line(seller.address, size - 1, align="center")
    page.pair("ИНН", seller.inn)
    page.rule(thickness=1)
    page.line("КАССОВЫЙ ЧЕК КОРРЕКЦИИ", bold=True, align="center")
    page.line("ПРИХОД", bold=True, align="center")
    page.pair(f"ЧЕК КОРР. {rng.randint(1, 40)}", when.strftime("%d.%m.%Y %H:%M"))
    page.pair("ТИП КОРРЕКЦИИ", "САМОСТОЯТЕЛЬНО")
    page.pair("ДАТА РАСЧЕТА", paid.strftime("%d.%m.%Y"))
    page.pair("НОМЕР ПРЕДПИСАНИЯ", "б/н")
    page.rule(dashed=True, thickness=1)
    for name, price, qty in items:
        page.line(name)
        page.pair(f"  {qty} x {price:.2f}", f"={price * qty:.2f}")
        page.line("  ПОЛНЫЙ РАСЧЕТ  НДС 20%")
    page.rule(dashed=True, thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СУММА НДС 20%", f"={r.vat_part(total, 20):.2f}")
    page.pair("СНО", "УСН доход" if seller.kpp is None else "ОСН")
    page.pair("КАССИР", r.person(rng).initials)
    page.pair("ЗН ККТ", r.digits(rng, 14))
    page.pair("ФН №", fiscal[0])
    page.pair("ФД №", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.gap(4)
    page.qr(_qr(when, total, fiscal), rng.randint(100, 120))
    details = receipt_details(seller, total, paid, fiscal)
    return Drawn(page.finish(), "correction-receipt", details, thermal=True)


def restaurant_bill_and_receipt(rng: random.Random) -> Drawn:
    """A restaurant's tape: the guest bill first («СЧЁТ № …», the table, the waiter, the guests, the dishes,
    «Сумма», «Обслуживание 10%», «К ОПЛАТЕ»), then the fiscal receipt of the same sum under the company's legal
    name and ИНН (the service charge an item of its own), its QR, and last a tips service's QR with its link."""
    company = r.organisation(rng, sole_trader=False)
    place = rng.choice(_PLACES)
    dishes = [(name, _price(rng, 180, 1400), rng.choice([1, 1, 2])) for name in rng.sample(_DISHES, rng.randint(3, 6))]
    food = sum((price * qty for _, price, qty in dishes), Decimal(0))
    service = (food / 10).quantize(Decimal("0.01"))
    total = food + service
    opened = r.moment(rng, r.past_day(rng))
    when = opened + timedelta(minutes=rng.randint(40, 150))
    fiscal = _fiscal(rng)
    size = rng.randint(11, 12)
    page = DotPage(rng.randint(290, 300), rng.choice(SIXTH_TAPE_FACES), size, margin=6)
    page.line(f"Ресторан «{place}»", size + 2, bold=True, align="center")
    page.line(f"СЧЕТ № {rng.randint(100, 9999)}", bold=True, align="center")
    page.pair(f"Стол {rng.randint(1, 40)}", f"Гостей {rng.randint(1, 6)}")
    page.pair("Официант", r.person(rng).initials)
    page.pair("Открыт", opened.strftime("%d.%m.%Y %H:%M"))
    page.rule(dashed=True, thickness=1)
    for name, price, qty in dishes:
        page.line(name)
        page.pair(f"  {qty} x {price:.2f}", f"{price * qty:.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair("Сумма", f"{food:.2f}")
    page.pair("Обслуживание 10%", f"{service:.2f}")
    page.pair("К ОПЛАТЕ", f"{total:.2f}", size + 2, bold=True)
    page.gap(20)
    page.rule(thickness=1)
    page.line(company.name, bold=True, align="center")
    page.line(company.address, size - 1, align="center")
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(f"Чек {rng.randint(1, 500)}", when.strftime("%d.%m.%y %H:%M"))
    for name, price, qty in dishes:
        page.pair(name[:22], f"{qty}x{price:.2f}")
    page.pair("Сервисный сбор", f"1x{service:.2f}")
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СУММА НДС 20%", f"={r.vat_part(total, 20):.2f}")
    page.pair("ИНН", company.inn)
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.gap(4)
    page.qr(_qr(when, total, fiscal), rng.randint(100, 115))
    page.rule(dashed=True, thickness=1)
    page.line("Оставить чаевые официанту:", align="center")
    page.qr(f"https://pay.tips{r.digits(rng, 2)}.ru/p/{r.digits(rng, 8)}", rng.randint(90, 105))
    page.line("Спасибо, что были у нас!", align="center")
    return Drawn(page.finish(), "restaurant-bill-receipt", receipt_details(company, total, when, fiscal), thermal=True)


TEMPLATES = (sigma_loyalty_split, marketplace_app_dark, correction_receipt, restaurant_bill_and_receipt)
