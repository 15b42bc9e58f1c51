"""Cash receipts (54-ФЗ) as four kinds of register print them: a 58 mm tape, an 80 mm tape with a card slip above,
an online shop's receipt printed from a browser on A4, and an upper-case tape of an older register."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import MONO_FACES, PAGE_FACES, Page
from bench.layouts.drawn import Drawn, receipt_details

_GOODS = (
    "Молоко 3,2% 1 л",
    "Хлеб Бородинский",
    "Сыр Российский 200 г",
    "Кофе зерновой 250 г",
    "Бананы вес",
    "Вода питьевая 1,5 л",
    "Яйцо С1 10 шт",
    "Пакет-майка",
    "Шоколад тёмный 90 г",
    "Чай чёрный 100 пак",
    "Масло сливочное 82,5%",
    "Гречка 900 г",
    "Кабель USB-C 1 м",
    "Батарейки AA 4 шт",
    "Салфетки влажные",
    "Зубная паста 100 мл",
    "Капучино 0,3",
    "Круассан",
)
_REGIMES = ("ОСН", "УСН доход", "УСН доход-расход", "ПСН", "УСН")


def _items(rng: random.Random) -> list[tuple[str, Decimal, Decimal]]:
    """Goods as (name, price, quantity)."""
    chosen = rng.sample(_GOODS, rng.randint(2, 5))
    return [
        (name, Decimal(rng.randint(25, 2500)) + Decimal(rng.choice([0, 90, 50, 99])) / 100, Decimal(rng.randint(1, 3)))
        for name in chosen
    ]


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, rng.choice([999, 99999, 999999])), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fn: str, fd: str, fp: str) -> str:
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _padded(rng: random.Random, number: str, width: int) -> str:
    """ФД and ФП as some registers print them, with the leading zeros the QR leaves out."""
    return number.zfill(width) if rng.random() < 0.5 else number


def tape_58(rng: random.Random) -> Drawn:
    """A 58 mm tape: seller on top, «ИТОГ =…», payment and VAT lines, ФН/ФД/ФП and the fiscal QR at the foot."""
    seller, items = r.organisation(rng), _items(rng)
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 23)
    page = Page(rng.randint(430, 500), rng.choice(MONO_FACES), size, margin=18)
    page.line(seller.name, bold=True, align="center")
    page.line(seller.address, size - 2, align="center")
    inn_on_top = rng.random() < 0.5
    if inn_on_top:
        page.line(f"ИНН {seller.inn}", align="center")
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.line("ПРИХОД", align="center")
    page.pair(f"Чек: {rng.randint(1, 300)}", f"Смена: {rng.randint(1, 400)}")
    for index, (name, price, qty) in enumerate(items, 1):
        page.line(f"{index}. {name}")
        page.pair(f"   {qty} x {price:.2f}", f"={price * qty:.2f}")
        page.pair("   НДС 20%", f"={r.vat_part(price * qty, 20):.2f}", size - 2)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    cash = rng.random() < 0.5
    if cash:
        paid = (total / 100).to_integral_value(rounding="ROUND_CEILING") * 100
        page.pair("НАЛИЧНЫМИ", f"={paid:.2f}")
        page.pair("ПОЛУЧЕНО", f"={paid:.2f}")
        page.pair("СДАЧА", f"={paid - total:.2f}")
    else:
        page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СУММА НДС 20%", f"={r.vat_part(total, 20):.2f}")
    page.pair("СНО:", rng.choice(_REGIMES))
    page.line(f"Кассир: {r.person(rng).initials}")
    if not inn_on_top:
        page.pair("ИНН", seller.inn)
    page.pair(when.strftime("%d.%m.%y %H:%M"), f"№{rng.randint(1, 9999):04d}")
    page.pair("РН ККТ:", r.digits(rng, 16))
    page.pair("ЗН ККТ:", r.digits(rng, 14))
    fn, fd, fp = fiscal
    page.pair("ФН:", fn)
    page.pair("ФД:", _padded(rng, fd, 6))
    page.pair("ФП:", _padded(rng, fp, 10))
    page.line("Сайт ФНС: www.nalog.gov.ru", size - 2)
    page.gap(8)
    page.qr(_qr(when, total, fn, fd, fp), rng.randint(150, 220))
    page.line("СПАСИБО ЗА ПОКУПКУ!", align="center")
    return Drawn(page.finish(), "tape-58", receipt_details(seller, total, when, fiscal))


def tape_80_with_slip(rng: random.Random) -> Drawn:
    """An 80 mm tape with the card terminal's slip printed above the receipt; the VAT-less sum as a distractor."""
    seller, items = r.organisation(rng), _items(rng)
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 24)
    page = Page(rng.randint(600, 680), rng.choice(MONO_FACES), size, margin=22)
    acquirer = rng.choice(["ПАО СБЕРБАНК", "БАНК ВТБ (ПАО)", "АО «АЛЬФА-БАНК»", "АО «ТБАНК»"])
    page.line(acquirer, bold=True, align="center")
    page.line("ОПЛАТА", align="center")
    page.pair(f"Терминал: {r.digits(rng, 8)}", f"Мерчант: {r.digits(rng, 12)}", size - 2)
    page.line(f"Карта: ************{r.digits(rng, 4)} ({rng.choice(['МИР', 'VISA', 'MASTERCARD'])})")
    page.pair("Сумма (Руб):", f"{total:.2f}")
    page.line("Комиссия за операцию - 0 Руб.")
    page.pair("ОДОБРЕНО", f"Код авторизации: {r.digits(rng, 6)}")
    page.line(when.strftime("%d.%m.%Y %H:%M"))
    page.rule(dashed=True)
    page.gap(20)
    page.line(f"Кассовый чек № {rng.randint(1, 300)}", bold=True, align="center")
    page.line("Приход", align="center")
    for name, price, qty in items:
        page.line(name)
        page.pair(f"  {qty} шт × {r.grouped(price)}", f"= {r.grouped(price * qty)}")
    page.rule()
    page.pair("ИТОГО:", r.grouped(total), size + 4, bold=True)
    page.pair("Безналичными:", r.grouped(total))
    vat = r.vat_part(total, 20)
    page.pair(rng.choice(["Сумма без НДС:", "Итого без НДС:"]), r.grouped(total - vat))
    page.pair("НДС 20%:", r.grouped(vat))
    page.rule(dashed=True)
    page.line(f"Пользователь: {seller.name}")
    page.line(f"ИНН пользователя: {seller.inn}")
    page.line(f"Адрес расчётов: {seller.address}", size - 2)
    page.line(f"Место расчётов: Магазин «{rng.choice(['Продукты', 'Всё для дома', 'Кофейня'])}»", size - 2)
    page.pair("СНО:", rng.choice(_REGIMES))
    page.pair("Дата/время:", when.strftime("%d.%m.%Y %H:%M"))
    fn, fd, fp = fiscal
    page.pair(f"ЗН ККТ {r.digits(rng, 10)}", f"РН ККТ {r.digits(rng, 16)}", size - 3)
    page.pair("ФН №", fn)
    page.pair("ФД №", _padded(rng, fd, 10))
    page.pair("ФПД", _padded(rng, fp, 10))
    page.line("Сайт ФНС: nalog.gov.ru", size - 2)
    if rng.random() < 0.5:
        page.gap(6)
        page.qr(_qr(when, total, fn, fd, fp), rng.randint(170, 230))
    return Drawn(page.finish(), "tape-80-slip", receipt_details(seller, total, when, fiscal))


def browser_print(rng: random.Random) -> Drawn:
    """An online shop's receipt printed from a browser: the print date in the header, the items as a table with an
    agent's supplier (its own ИНН) under each, the receipt's own date among the fiscal details."""
    seller, items = r.organisation(rng, sole_trader=False), _items(rng)
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.day(rng))
    printed = r.moment(rng, r.day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 24)
    page = Page(1240, rng.choice(PAGE_FACES), size, margin=60)
    page.pair(printed.strftime("%d.%m.%Y, %H:%M"), "Кассовый чек", size - 4)
    page.gap(30)
    page.line("Кассовый чек. Приход", size + 8, bold=True)
    page.line(seller.name, size + 2, bold=True)
    page.line(f"ИНН {seller.inn}")
    page.line(f"Адрес расчётов: {seller.address}")
    page.line(f"Место расчётов: {rng.choice(['www.shop-online.ru', 'market.example.ru', 'Интернет-магазин'])}")
    page.gap(10)
    rows = [["№", "Наименование", "Цена", "Кол-во", "Сумма"]]
    supplier = r.organisation(rng, sole_trader=True)
    for index, (name, price, qty) in enumerate(items, 1):
        agent = f" Поставщик: {supplier.name}, ИНН {supplier.inn}" if rng.random() < 0.6 else ""
        rows.append([str(index), name + agent, r.grouped(price), str(qty), r.grouped(price * qty)])
    page.grid(rows, [0.06, 0.54, 0.14, 0.1, 0.16], size - 2, bold_first=True)
    page.gap(10)
    page.pair("Итого:", r.money(rng, total), size + 4, bold=True)
    page.pair("Безналичными:", r.grouped(total))
    page.pair("Сумма НДС 20%:", r.grouped(r.vat_part(total, 20)))
    page.pair("СНО:", "ОСН")
    page.pair("Дата и время:", rng.choice([when.strftime("%d.%m.%Y %H:%M"), when.strftime("%Y-%m-%d %H:%M")]))
    fn, fd, fp = fiscal
    page.pair("Номер ФН:", fn)
    page.pair("Номер ФД:", fd)
    page.pair("ФПД:", _padded(rng, fp, 10))
    page.pair("Сайт ФНС:", "www.nalog.gov.ru")
    page.gap(10)
    page.qr(_qr(when, total, fn, fd, fp), 220, align="left")
    page.gap(40)
    page.pair(f"https://check.ofd.example/rec/{r.digits(rng, 10)}", "1/1", size - 4)
    return Drawn(page.finish(), "browser-print", receipt_details(seller, total, when, fiscal))


def upper_case_tape(rng: random.Random) -> Drawn:
    """An older register's tape in capitals: «ПРОДАЖА», «ИТОГ ≡…», an ИП seller, «СУММА БЕЗ НДС», no QR."""
    seller, items = r.organisation(rng, sole_trader=True), _items(rng)
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(20, 24)
    page = Page(rng.randint(520, 620), rng.choice(MONO_FACES), size, margin=20)
    page.line("ДОБРО ПОЖАЛОВАТЬ!", align="center")
    page.line(seller.name.upper(), align="center")
    page.line(f"ИНН {seller.inn}", align="center")
    page.line(f"ККТ ШТРИХ-М-01Ф   ЗН {r.digits(rng, 12)}", size - 3)
    page.pair(f"ПРОДАЖА № {rng.randint(1, 9999)}", f"СМЕНА {rng.randint(1, 400)}")
    page.line(when.strftime("%d.%m.%Y %H:%M"))
    for name, price, qty in items:
        page.line(name.upper())
        page.pair(f"{qty}.000 X {price:.2f}", f"≡{price * qty:.2f}")
    page.rule()
    page.pair("ИТОГ", f"≡{total:.2f}", size + 6, bold=True)
    page.pair(rng.choice(["ОПЛАТА КАРТОЙ", "ЭЛЕКТРОННЫМИ"]), f"≡{total:.2f}")
    page.pair("СУММА БЕЗ НДС", f"≡{total:.2f}")
    page.pair("СНО:", "УСН Д-Р")
    page.line(f"КАССИР {r.person(rng).initials.upper()}")
    fn, fd, fp = fiscal
    page.pair("ФН", fn)
    page.pair("ФД", _padded(rng, fd, 8))
    page.pair("ФП", _padded(rng, fp, 10))
    page.line("САЙТ ФНС: WWW.NALOG.GOV.RU", size - 2)
    return Drawn(page.finish(), "upper-case-tape", receipt_details(seller, total, when, fiscal))


TEMPLATES = (tape_58, tape_80_with_slip, browser_print, upper_case_tape)
