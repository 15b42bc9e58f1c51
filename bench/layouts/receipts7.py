"""The seventh round's cash receipts: a tape of the ЭКЛЗ era (2015-2016, before online registers) in the Штрих-М
layout, struck by a needle head through a violet ribbon (the ККМ's number, «ЭКЛЗ», the КПК's number and value, «ИТОГ
≡», no ФН and no QR), a parking pay station's tape (the entry and the exit times, the car's plate, the hours paid), a
ticket machine's tape of a transport card's top-up sold by a payment agent (the balance before and after) and an
online pharmacy's order as its app shows it (the order's date and the reservation's end, then the receipt of the
pick-up, dated that day).

A tape of the ЭКЛЗ era has no fiscal drive: its truth has no ФН, ФД or ФП. A payment agent's receipt is the
register's owner's, whose name and ИНН head the tape; the amount is the sum paid (never a balance); the pharmacy's
payment date is the pick-up's receipt's, not the order's."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import SEVENTH_SCREEN_FACES, SEVENTH_TAPE_FACES, NeedlePage, SecondPage, qr_image
from bench.layouts.drawn import Drawn, details, receipt_details
from model.schema import DocumentType

_SHOP_GOODS = (
    "ХЛЕБ ДАРНИЦКИЙ",
    "МОЛОКО 2.5% 1Л",
    "САХАР-ПЕСОК 1КГ",
    "ЧАЙ ЧЕРНЫЙ 100Г",
    "ПЕЧЕНЬЕ ЮБИЛЕЙНОЕ",
    "КОЛБАСА ДОКТОРСКАЯ",
    "СМЕТАНА 20% 400Г",
    "МАКАРОНЫ 450Г",
    "СПИЧКИ",
    "ПАКЕТ",
)
_MEDICINES = (
    "Ибупрофен таб. п/о 200 мг №50",
    "Нурофен Экспресс капс. 200 мг №16",
    "Амоксиклав таб. 875+125 мг №14",
    "Називин спрей наз. 0,05% 10 мл",
    "Омепразол капс. 20 мг №30",
    "Мирамистин р-р 0,01% 150 мл",
    "Витамин D3 капли 15 мл",
    "Пластырь бактерицидный №20",
    "Лоратадин таб. 10 мг №30",
)
_PHARMACIES = ("Здоровье+", "Аптека от склада", "Витаминка", "Фарма-Лайн", "Планета Аптек")
_CARDS = ("Единая", "Кошелёк", "Подорожник-М", "Транспортная карта")
_WHITE_SCREEN = (250, 250, 250)
_MUTED = (125, 128, 135)
_ACCENT = (0, 150, 110)


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 99999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def eklz_needle_tape(rng: random.Random) -> Drawn:
    """A 2015-2016 shop tape in the Штрих-М layout of the ЭКЛЗ era, needle-printed in violet: the shop's legal name,
    «ДОБРО ПОЖАЛОВАТЬ», «ККМ 00012345 ИНН 7701234567 #0345» (the register's number, the ИНН, the receipt's number),
    the date and time, «ПРОДАЖА», «ОТДЕЛ 1», each item as «1.000 X 45.90» and «=45.90», «ИТОГ ≡123.45»,
    «НАЛИЧНЫМИ ≡200.00», «СДАЧА ≡76.55», «ЭКЛЗ 1234567890», the КПК's number and value («00034567 #056789») and
    «СПАСИБО ЗА ПОКУПКУ»."""
    shop = r.organisation(rng)
    items = [
        (name, Decimal(rng.randint(900, 24000)) / 100, Decimal(rng.choice([1, 1, 1, 2, 3])))
        for name in rng.sample(_SHOP_GOODS, rng.randint(2, 6))
    ]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    cash = Decimal((int(total) // 100 + 1) * 100) if rng.random() < 0.7 else total
    when = datetime.combine(
        date(rng.choice([2015, 2016]), rng.randint(1, 12), rng.randint(1, 28)),
        time(rng.randint(8, 21), rng.randint(0, 59)),
    )
    page = NeedlePage(rng.randint(150, 160), rng.choice(SEVENTH_TAPE_FACES[:3]), rng.choice([9, 10]), margin=4)
    page.line(shop.name.upper(), bold=True, align="center")
    page.line("ДОБРО ПОЖАЛОВАТЬ", align="center")
    page.line(f"ККМ {r.digits(rng, 8)} ИНН {shop.inn} #{rng.randint(1, 9999):04d}")
    page.pair(when.strftime("%d.%m.%y %H:%M"), f"КАССИР {r.person(rng).surname.upper()}")
    page.line("ПРОДАЖА", align="center")
    for name, price, qty in items:
        page.line("ОТДЕЛ 1")
        page.line(name)
        page.pair(f"{qty:.3f} X {price:.2f}", f"={price * qty:.2f}")
    page.pair("ИТОГ", f"≡{total:.2f}", bold=True)
    page.pair("НАЛИЧНЫМИ", f"≡{cash:.2f}")
    if cash > total:
        page.pair("СДАЧА", f"≡{cash - total:.2f}")
    page.line(f"ЭКЛЗ {r.digits(rng, 10)}")
    page.line(f"{r.digits(rng, 8)} #{r.digits(rng, 6)}")
    page.line("СПАСИБО ЗА ПОКУПКУ", align="center")
    truth = details(DocumentType.CASH_RECEIPT, total, when.date(), recipient_name=shop.name, recipient_inn=shop.inn)
    return Drawn(page.finish(), "eklz-needle-tape", truth)


def parking_station(rng: random.Random) -> Drawn:
    """A parking pay station's 80 mm tape: the operator's legal name and ИНН, «ПАРКОВКА …», the ticket's number,
    the car's plate, «Въезд» (often the day before), «Оплата», «Время стоянки», the tariff, «Выезд до» (a quarter of
    an hour after paying), «ИТОГ», «ПОЛУЧЕНО» and «СДАЧА» or «БЕЗНАЛИЧНЫМИ», then the fiscal block and the QR."""
    operator = r.organisation(rng, sole_trader=False)
    tariff = Decimal(rng.choice([50, 80, 100, 150, 200]))
    hours = rng.randint(1, 30)
    total = tariff * hours
    when = r.moment(rng, r.past_day(rng))
    entered = when - timedelta(hours=hours - 1, minutes=rng.randint(1, 59))
    fiscal = _fiscal(rng)
    cash = rng.random() < 0.4
    size = rng.randint(20, 22)
    page = SecondPage(rng.randint(560, 600), rng.choice(SEVENTH_TAPE_FACES), size, margin=14)
    page.line(operator.name, bold=True, align="center")
    page.line(f"ИНН {operator.inn}", align="center")
    page.line(f"ПАРКОВКА «{r.rng_word(rng)}»", size + 2, bold=True, align="center")
    page.line(operator.address, size - 3, align="center")
    page.rule(dashed=True, thickness=1)
    page.line("КАССОВЫЙ ЧЕК  ПРИХОД", bold=True, align="center")
    letters = "АВЕКМНОРСТУХ"
    plate = f"{rng.choice(letters)}{r.digits(rng, 3)}{rng.choice(letters)}{rng.choice(letters)} {r.digits(rng, 2)}"
    for label, value in (
        ("Билет №", r.digits(rng, 8)),
        ("Гос. номер", plate),
        ("Въезд", entered.strftime("%d.%m.%Y %H:%M")),
        ("Оплата", when.strftime("%d.%m.%Y %H:%M")),
        ("Время стоянки", f"{hours} ч 00 мин"),
        ("Тариф", f"{tariff:.2f} руб/час"),
    ):
        page.pair(label, value)
    page.line("Услуга парковки")
    page.pair(f"  {hours} x {tariff:.2f}", f"={total:.2f}")
    page.line("  НДС 20%   ПОЛНЫЙ РАСЧЕТ")
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    if cash:
        given = Decimal((int(total) // 500 + 1) * 500)
        page.pair("ПОЛУЧЕНО НАЛИЧНЫМИ", f"={given:.2f}")
        page.pair("СДАЧА", f"={given - total:.2f}")
    else:
        page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("В т.ч. НДС 20%", f"={r.vat_part(total, 20):.2f}")
    page.pair("Выезд до", (when + timedelta(minutes=15)).strftime("%d.%m.%Y %H:%M"), bold=True)
    page.rule(dashed=True, thickness=1)
    page.pair("ЗН ККТ", r.digits(rng, 14))
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.pair("Сайт ФНС", "www.nalog.gov.ru")
    page.qr(_qr(when, total, fiscal), rng.randint(170, 200))
    page.line("Счастливого пути!", align="center")
    return Drawn(page.finish(), "parking-station", receipt_details(operator, total, when, fiscal), thermal=True)


def transport_topup(rng: random.Random) -> Drawn:
    """A ticket machine's tape of a transport card's top-up: the agent that owns the machine (its name and ИНН at
    the head), «ПОПОЛНЕНИЕ КАРТЫ …», the card's number, «Баланс до», «Сумма пополнения», «Баланс после», «ПЛАТЕЖНЫЙ
    АГЕНТ», the carrier as «ПОСТАВЩИК» with its ИНН and telephone, «ИТОГ», the fiscal block and the QR."""
    agent = r.organisation(rng, sole_trader=False)
    carrier = r.organisation(rng, sole_trader=False)
    carrier = r.Party(f"ГУП «Транспорт {r.rng_word(rng)}»", carrier.inn, carrier.kpp, carrier.address)
    total = Decimal(rng.choice([100, 200, 300, 500, 700, 1000, 1500, 2000, 3000]))
    before = Decimal(rng.randint(0, 900)) + Decimal(rng.choice([0, 50])) / 100
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    card = rng.choice(_CARDS)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(500, 540), rng.choice(SEVENTH_TAPE_FACES), size, margin=12)
    page.line(agent.name, bold=True, align="center")
    page.line(agent.address, size - 3, align="center")
    page.pair("ИНН", agent.inn)
    page.pair("Терминал", f"ТПБ-{r.digits(rng, 5)}")
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(when.strftime("%d.%m.%Y"), when.strftime("%H:%M"))
    page.rule(thickness=1)
    page.line(f"ПОПОЛНЕНИЕ КАРТЫ «{card.upper()}»", bold=True)
    page.pair("Карта №", f"{r.digits(rng, 4)} {r.digits(rng, 3)} {r.digits(rng, 3)}")
    page.pair("Баланс до", f"{before:.2f}")
    page.pair("Сумма пополнения", f"{total:.2f}")
    page.pair("Баланс после", f"{before + total:.2f}", bold=True)
    page.line("ПЛАТЕЖНЫЙ АГЕНТ")
    page.line(f"ПОСТАВЩИК: {carrier.name}")
    page.pair("ИНН поставщика", carrier.inn)
    page.pair("Тел. поставщика", f"8-800-{r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}")
    page.line("НДС НЕ ОБЛАГАЕТСЯ   АВАНС")
    page.rule(thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 4, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("ФН №", fiscal[0])
    page.pair("ФД №", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.qr(_qr(when, total, fiscal), rng.randint(160, 190), align="left")
    page.line("Сохраняйте чек до конца поездки", size - 2)
    return Drawn(page.finish(), "transport-topup", receipt_details(agent, total, when, fiscal), thermal=True)


def pharmacy_online_order(rng: random.Random) -> Drawn:
    """An online pharmacy's app, light theme, 1080 pixels wide: «Заказ № … от …» (the order's day), «Выдан», «Был
    забронирован до …», the pick-up point, the medicines with a prescription or marking note each, «Промокод»,
    «Списано бонусов», «Итого», «Оплачено при получении», then «Кассовый чек» of the pick-up: the pharmacy's legal
    name and ИНН, its date and time (days after the order), the fiscal numbers and the QR."""
    pharmacy = r.organisation(rng, sole_trader=False)
    pharmacy = r.Party(f"ООО «{rng.choice(_PHARMACIES)}»", pharmacy.inn, pharmacy.kpp, pharmacy.address)
    items = [
        (name, Decimal(rng.randint(8900, 189000)) / 100, rng.choice([1, 1, 2]))
        for name in rng.sample(_MEDICINES, rng.randint(1, 4))
    ]
    goods = sum((price * qty for _, price, qty in items), Decimal(0))
    promo = Decimal(rng.choice([0, 0, 100, 150, 200])).min(goods / 4).quantize(Decimal("1"))
    bonus = Decimal(rng.choice([0, 0, rng.randint(10, 90)]))
    total = goods - promo - bonus
    ordered = r.moment(rng, date(2026, rng.randint(1, 11), rng.randint(1, 24)))
    when = datetime.combine(ordered.date() + timedelta(days=rng.randint(1, 3)), time(rng.randint(9, 21), 5))
    when += timedelta(minutes=rng.randint(0, 50))
    reserved = ordered.date() + timedelta(days=4)
    fiscal = _fiscal(rng)
    size = rng.randint(34, 37)
    page = SecondPage(1080, rng.choice(SEVENTH_SCREEN_FACES), size, margin=50, background=_WHITE_SCREEN)
    page.pair(f"{rng.randint(8, 22)}:{rng.randint(0, 59):02d}", f"{rng.randint(10, 99)}%", size - 8)
    page.gap(30)
    page.line(f"<  Заказ № {r.digits(rng, 9)}", size + 4, bold=True)
    page.line(f"от {ordered:%d.%m.%Y %H:%M}", size - 4, colour=_MUTED)
    page.line("Выдан", size, colour=_ACCENT)
    page.line(f"Был забронирован до {reserved:%d.%m.%Y}", size - 6, colour=_MUTED)
    page.line(f"Аптека: {pharmacy.address.split(', оф.')[0]}", size - 6, colour=_MUTED)
    page.gap(24)
    for name, price, qty in items:
        page.line(name, size - 4)
        page.pair(f"{qty} шт. × {r.grouped(price)} ₽", f"{r.grouped(price * qty)} ₽", size - 6)
        page.line(rng.choice(["Маркированный товар", "Рецептурный препарат", "Без рецепта"]), size - 10, colour=_MUTED)
        page.gap(12)
    page.pair("Товары", f"{r.grouped(goods)} ₽", size - 4)
    if promo:
        page.pair("Промокод", f"−{r.grouped(promo)} ₽", size - 4)
    if bonus:
        page.pair("Списано бонусов", f"−{r.grouped(bonus)} ₽", size - 4)
    page.pair("Итого", f"{r.grouped(total)} ₽", size + 6, bold=True)
    page.line("Оплачено при получении картой", size - 6, colour=_MUTED)
    page.gap(30)
    page.line("Кассовый чек", size, bold=True)
    for label, value in (
        ("Продавец", pharmacy.name),
        ("ИНН", pharmacy.inn),
        ("Приход", when.strftime("%d.%m.%Y %H:%M")),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, size - 6, colour=_MUTED)
    page.gap(20)
    page.inset(qr_image(_qr(when, total, fiscal), 320))
    page.gap(20)
    page.line("Повторить заказ", size - 2, align="center", colour=_ACCENT)
    return Drawn(
        page.finish(min_height=2340),
        "pharmacy-online-order",
        receipt_details(pharmacy, total, when, fiscal),
        screen=True,
    )


TEMPLATES = (eklz_needle_tape, parking_station, transport_topup, pharmacy_online_order)
