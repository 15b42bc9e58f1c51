"""The fifteenth round's receipts: an airline's itinerary receipt with its fiscal receipt under it, a sole trader's
«ТОВАРНЫЙ ЧЕК» filled in by hand and stamped, a post office's tape of a housing bill accepted as a payment agent."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from bench.layouts.canvas import (
    FOURTH_PAGE_FACES,
    FOURTH_TAPE_FACES,
    GREY,
    HAND_FACES,
    MONO_FACES,
    PAGE_FACES,
    SECOND_PAGE_FACES,
    SecondPage,
    pick_face,
)
from bench.layouts.drawn import Drawn, details, receipt_details
from bench.layouts.receipts13 import POST
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    Party,
    account,
    address,
    bank,
    digits,
    fiscal_drive,
    fiscal_number,
    grouped,
    in_words,
    inn_org,
    inn_person,
    management_company,
    moment,
    past_day,
    person,
    vat_part,
)
from model.schema import DocumentType


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return fiscal_drive(rng), fiscal_number(rng, 90000), str(rng.randint(10**8, 4 * 10**9))


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


_AIRLINES = ("Северный Ветер", "Меридиан", "Орбита", "Созвездие", "Байкал Авиа", "Волга Эйр")
_AIRPORTS = (
    ("МОСКВА", "SVO"),
    ("МОСКВА", "VKO"),
    ("САНКТ-ПЕТЕРБУРГ", "LED"),
    ("КАЗАНЬ", "KZN"),
    ("СОЧИ", "AER"),
    ("ЕКАТЕРИНБУРГ", "SVX"),
    ("НОВОСИБИРСК", "OVB"),
    ("КАЛИНИНГРАД", "KGD"),
    ("МИНЕРАЛЬНЫЕ ВОДЫ", "MRV"),
)
_EN_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_LATIN = str.maketrans(
    {
        "А": "A",
        "Б": "B",
        "В": "V",
        "Г": "G",
        "Д": "D",
        "Е": "E",
        "Ё": "E",
        "Ж": "ZH",
        "З": "Z",
        "И": "I",
        "Й": "I",
        "К": "K",
        "Л": "L",
        "М": "M",
        "Н": "N",
        "О": "O",
        "П": "P",
        "Р": "R",
        "С": "S",
        "Т": "T",
        "У": "U",
        "Ф": "F",
        "Х": "KH",
        "Ц": "TS",
        "Ч": "CH",
        "Ш": "SH",
        "Щ": "SHCH",
        "Ы": "Y",
        "Ь": "",
        "Ъ": "IE",
        "Э": "E",
        "Ю": "IU",
        "Я": "IA",
    }
)


def _airline_day(when: datetime) -> str:
    """«14MAR26», how an airline's ticket prints a day."""
    return f"{when.day:02d}{_EN_MONTHS[when.month - 1]}{when:%y}"


def airline_itinerary(rng: random.Random) -> Drawn:
    """An airline's «МАРШРУТНАЯ КВИТАНЦИЯ ЭЛЕКТРОННОГО БИЛЕТА» printed from its site: the passenger in Latin, the
    ticket's number and its day of issue as «14MAR26», one or two flights days or weeks later, the fare, the taxes
    by their codes and the total, the card; under it the fiscal receipt of the sale (the airline, «ИТОГО», the
    issue's day and time, ФН/ФД/ФП and the QR)."""
    issued = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    carrier = Party(f"АО «Авиакомпания «{rng.choice(_AIRLINES)}»»", inn_org(rng), None, address(rng))
    carrier = Party(carrier.name, carrier.inn, carrier.inn[:4] + "01001", carrier.address)
    code = f"{rng.choice('ABDFGHKLNSUWXYZ')}{rng.randint(2, 9)}"
    passenger = person(rng)
    latin = f"{passenger.surname.upper().translate(_LATIN)}/{passenger.first.upper().translate(_LATIN)} MR"
    origin, destination = rng.sample(_AIRPORTS, 2)
    there = datetime.combine(
        issued.date() + timedelta(days=rng.randint(3, 60)), time(rng.randint(6, 22), 5 * rng.randint(0, 11))
    )
    legs = [(origin, destination, there)]
    if rng.random() < 0.5:
        back = datetime.combine(
            there.date() + timedelta(days=rng.randint(2, 14)), time(rng.randint(6, 22), 5 * rng.randint(0, 11))
        )
        legs.append((destination, origin, back))
    fare = Decimal(rng.randrange(3200, 24000, 50)) * len(legs)
    taxes = [
        ("YQ", Decimal(rng.randrange(400, 2400, 50)) * len(legs)),
        ("RI", Decimal(rng.randrange(100, 600, 10))),
        ("ZZ", Decimal(rng.choice([100, 150, 200]))),
    ]
    total = fare + sum((value for _, value in taxes), Decimal(0))
    ticket = f"{rng.randint(100, 999)} {digits(rng, 10)}"
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, FOURTH_PAGE_FACES])), 22, margin=70)
    blue = (20, 60, 140)
    page.line(carrier.name.upper(), 34, bold=True, colour=blue)
    page.line("МАРШРУТНАЯ КВИТАНЦИЯ ЭЛЕКТРОННОГО БИЛЕТА / ITINERARY RECEIPT", 26, bold=True)
    page.rule(thickness=2)
    for label, value in (
        ("Пассажир / Passenger", latin),
        ("Документ / ID", f"PS {digits(rng, 4)}XXXXXX"),
        ("Номер билета / Ticket number", ticket),
        ("Дата выдачи / Date of issue", _airline_day(issued)),
        ("Бронирование / Booking ref", "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6))),
        ("Выдан / Issued by", f"{code} сайт авиакомпании, {carrier.address.split(',')[1].strip()}"),
    ):
        page.labelled(label, value, 0.42)
    page.gap(12)
    rows = [["Рейс / Flight", "Откуда / From", "Куда / To", "Дата / Date", "Вылет", "Класс", "Багаж"]]
    for start, end, when in legs:
        rows.append(
            [
                f"{code} {rng.randint(100, 1999)}",
                f"{start[0]} {start[1]}",
                f"{end[0]} {end[1]}",
                f"{when.day:02d}{_EN_MONTHS[when.month - 1]}",
                f"{when:%H:%M}",
                rng.choice(["Y", "B", "M", "Q"]),
                rng.choice(["1PC", "0PC", "23K"]),
            ]
        )
    page.grid(rows, [0.14, 0.2, 0.2, 0.12, 0.1, 0.1, 0.14], 19, bold_first=True)
    page.gap(12)
    page.labelled("Тариф / Fare", f"RUB {fare:.0f}", 0.42)
    page.labelled("Таксы / Taxes", "  ".join(f"RUB {value:.0f}{tax}" for tax, value in taxes), 0.42)
    page.labelled("Итого / Total", f"RUB {total:.0f}", 0.42)
    page.labelled("Форма оплаты / Payment", f"CC {rng.choice(['VI', 'CA', 'MIR'])} XXXXXXXXXXXX{digits(rng, 4)}", 0.42)
    page.labelled("Расчёт тарифа / Fare calc", f"{legs[0][0][1]} {code} {legs[0][1][1]} {fare:.0f}RUB END", 0.42)
    page.gap(6)
    page.line(
        "Маршрутная квитанция является выпиской из электронного билета и не требует печати. Регистрация на рейс "
        "закрывается за 40 минут до вылета.",
        17,
        colour=GREY,
    )
    page.gap(14)
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК", 24, bold=True, align="center")
    page.line("Приход", align="center")
    page.line(f"{carrier.name}, ИНН {carrier.inn}")
    page.line(f"Услуга по перевозке пассажира, билет № {ticket.replace(' ', '')}", 20)
    page.pair(f"  1 x {grouped(total)}", f"={grouped(total)}", 20)
    page.line("  НДС 10%", 18)
    page.pair("ИТОГО", f"={grouped(total)}", 26, bold=True)
    for label, value in (
        ("Безналичными", f"={grouped(total)}"),
        ("в т.ч. НДС 10%", f"={grouped(vat_part(total, 10))}"),
        ("Дата и время", f"{issued:%d.%m.%Y %H:%M}"),
        ("СНО", "ОСН"),
        ("РН ККТ", "000" + digits(rng, 13)),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, 19)
    page.qr(_qr(issued, total, fiscal), 200, align="left")
    return Drawn(page.finish(), "airline-itinerary-receipt", receipt_details(carrier, total, issued, fiscal))


_STALL_GOODS = (
    ("Смеситель для кухни", "шт", 1800, 4200),
    ("Кран шаровой 1/2", "шт", 280, 650),
    ("Шланг гибкий 60 см", "шт", 190, 420),
    ("Саморезы по дереву", "уп", 90, 260),
    ("Удлинитель 5 м", "шт", 450, 980),
    ("Лампа светодиодная", "шт", 90, 240),
    ("Замок врезной", "шт", 900, 2600),
    ("Клей монтажный", "шт", 230, 540),
    ("Герметик силиконовый", "шт", 250, 470),
    ("Перчатки рабочие", "пар", 40, 120),
)


def _ogrnip(rng: random.Random) -> str:
    """A sole trader's 15-digit ОГРНИП: 3, the year, the region, nine digits, and its remainder modulo 13."""
    body = f"3{rng.randint(4, 24):02d}{rng.randint(1, 89):02d}" + digits(rng, 9)
    return body + str(int(body) % 13 % 10)


def _seal(lines: list[str], size: int, angle: float) -> Image.Image:
    """A sole trader's round blue seal: two rings, the name and numbers inside, pressed at an angle."""
    side = size * 12
    seal = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    ink = (40, 60, 170, 170)
    draw.ellipse((4, 4, side - 4, side - 4), outline=ink, width=5)
    draw.ellipse((size, size, side - size, side - size), outline=ink, width=2)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", size)
    top = side / 2 - len(lines) * size * 0.65
    for n, text in enumerate(lines):
        width = draw.textlength(text, font=font)
        draw.text(((side - width) / 2, top + n * size * 1.3), text, font=font, fill=ink)
    return seal.rotate(angle, resample=Image.Resampling.BICUBIC)


def _hand_amount(rng: random.Random, value: Decimal) -> str:
    whole, kop = f"{value:.2f}".split(".")
    return rng.choice([f"{whole}-{kop}", f"{whole},{kop}", f"{whole} р. {kop} к."])


def handwritten_sales_slip(rng: random.Random) -> Drawn:
    """A sole trader's «ТОВАРНЫЙ ЧЕК» on a printed form: the ИП, its ИНН and ОГРНИП typed at the top, the number,
    the day, the goods, their quantities, prices and sums and «Итого» written in by hand in blue, the sum in words
    by hand, the seller's signature and the round seal over it; no register, no fiscal numbers."""
    when = moment(rng, past_day(rng))
    owner = person(rng)
    seller = Party(f"ИП {owner.full}", inn_person(rng), None, address(rng))
    hand = rng.choice(HAND_FACES)
    chosen = rng.sample(_STALL_GOODS, rng.randint(2, 5))
    items = []
    for name, unit, low, high in chosen:
        count = rng.choice([1, 1, 1, 2, 3, 4])
        price = Decimal(rng.randrange(low, high, 10))
        items.append((name, unit, count, price, price * count))
    total = sum((item[4] for item in items), Decimal(0))
    page = SecondPage(1100, pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES])), 22, margin=60)
    page.line(seller.name, 26, bold=True, align="center")
    page.line(f"ИНН {seller.inn}   ОГРНИП {_ogrnip(rng)}", 20, align="center")
    page.line(seller.address, 18, align="center")
    page.gap(24)
    month = MONTHS_GENITIVE[when.month - 1]
    page.form_line(
        [
            ("ТОВАРНЫЙ ЧЕК №", False),
            (str(rng.randint(1, 240)), True),
            ("от «", False),
            (str(when.day), True),
            ("»", False),
            (month, True),
            (f" {when.year} г.", False),
        ],
        rng,
        hand,
        26,
    )
    page.gap(10)
    widths = [0.07, 0.43, 0.08, 0.1, 0.15, 0.17]
    page.grid([["№", "Наименование товара", "Ед.", "Кол-во", "Цена", "Сумма"]], widths, 20, bold_first=True)
    room = page.width - 2 * page.margin
    edges = [page.margin]
    for fraction in widths:
        edges.append(edges[-1] + round(fraction * room))
    rows = [
        [str(n + 1), name, unit, str(count), f"{price:.0f}", f"{cost:.0f}"]
        for n, (name, unit, count, price, cost) in enumerate(items)
    ]
    rows += [["", "", "", "", "", ""]] * rng.randint(1, 3)
    for row in rows:
        top = page.y
        page.grid([[""] * 6], widths, 34)
        bottom = page.y
        page.y = top + 16
        for text, left in zip(row, edges, strict=False):
            if text:
                page.scrawl(text, left + 8, rng, 24, hand)
        page.y = bottom
    page.gap(16)
    page.form_line([("Итого:", False), (_hand_amount(rng, total), True)], rng, hand, 26)
    words = in_words(total).split()
    first = " ".join(words[: len(words) // 2])
    page.form_line([("Сумма прописью:", False), (first, True)], rng, hand, 22)
    page.form_line([("", False), (" ".join(words[len(words) // 2 :]), True)], rng, hand, 22)
    page.gap(20)
    seal_top = page.y - 40
    page.form_line(
        [("Продавец ____________", False), (owner.surname, True), (f"/ {owner.initials} /", False)], rng, hand, 22
    )
    page.line("Товар получен, претензий к качеству и комплектации не имею. Покупатель ____________", 18, colour=GREY)
    page.gap(70)
    image = page.finish()
    seal = _seal(["ИП", owner.initials.upper(), f"ИНН {seller.inn}", "* ТОВАРНЫЙ *"], 18, rng.uniform(-25, 25))
    image.paste(seal, (round(page.width * rng.uniform(0.32, 0.5)), seal_top - 30), seal)
    truth = details(DocumentType.CASH_RECEIPT, total, when.date(), recipient_name=seller.name, recipient_inn=seller.inn)
    return Drawn(image, "handwritten-sales-slip", truth)


def post_housing_payment_tape(rng: random.Random) -> Drawn:
    """A post office's tape of a housing bill paid at its counter: АО «Почта России» as a payment agent («ПЛАТЕЖНЫЙ
    АГЕНТ»), the supplier (a УК) with its ИНН, phone and even its account and БИК, the personal account and the
    period, the payment «НДС не облагается», sometimes the post's own fee as a second line at VAT 20 %, «ИТОГ», the
    fiscal rows and the QR. The register is the post's: its seller is the post, never the supplier."""
    when = moment(rng, past_day(rng))
    fiscal = _fiscal(rng)
    supplier = management_company(rng)
    chosen = bank(rng)
    paid = Decimal(rng.randint(90000, 1400000)) / 100
    fee = (paid * Decimal("0.015")).quantize(Decimal("0.01")) if rng.random() < 0.5 else Decimal(0)
    total = paid + fee
    office = rng.randint(101000, 692999)
    page = SecondPage(560, pick_face(rng, rng.choice([MONO_FACES, FOURTH_TAPE_FACES])), 18, margin=20)
    page.line("ПОЧТА РОССИИ", 28, bold=True, align="center")
    page.line(POST.name, align="center")
    page.line(f"ОПС {office}", align="center")
    page.line(f"ИНН {POST.inn}", align="center")
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(f"ЧЕК № {rng.randint(1, 900)}", f"СМЕНА № {rng.randint(10, 900)}")
    page.pair(f"{when:%d.%m.%Y}", f"{when:%H:%M}")
    page.line(f"Оператор: {person(rng).surname} {rng.choice('АЕИНОТ')}.")
    page.rule(dashed=True)
    page.line("1. ПРИЕМ ПЛАТЕЖЕЙ ЗА ЖКУ", bold=True)
    page.pair(f"  1 x {paid:.2f}", f"={paid:.2f}")
    page.line("  НДС не облагается", 16)
    page.line("  ПРИЗНАК АГЕНТА: ПЛАТЕЖНЫЙ АГЕНТ", 16)
    page.line(f"  ПОСТАВЩИК: {supplier.name}", 16)
    page.line(f"  ИНН ПОСТАВЩИКА: {supplier.inn}", 16)
    page.line(f"  ТЕЛ. ПОСТАВЩИКА: +7{digits(rng, 10)}", 16)
    page.line(f"  Р/С: {account(rng, chosen.bic)}", 16)
    page.line(f"  БИК: {chosen.bic}", 16)
    page.line(f"  ЛИЦ. СЧЕТ: {digits(rng, rng.choice([8, 10]))}", 16)
    page.line(f"  ПЕРИОД: {rng.randint(1, 12):02d}.{when.year}", 16)
    if fee:
        page.line("2. ПЛАТА ЗА ПРИЕМ ПЛАТЕЖА", bold=True)
        page.pair(f"  1 x {fee:.2f}", f"={fee:.2f}")
        page.line("  НДС 20%", 16)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", 26, bold=True)
    page.pair(rng.choice(["НАЛИЧНЫМИ", "БЕЗНАЛИЧНЫМИ"]), f"={total:.2f}")
    page.pair("СУММА БЕЗ НДС", f"={paid:.2f}", 16)
    if fee:
        page.pair("СУММА НДС 20%", f"={vat_part(fee, 20):.2f}", 16)
    page.line("ОПЕРАЦИЯ ПЛАТЕЖНОГО АГЕНТА: ПРИЕМ ПЛАТЕЖЕЙ", 15)
    page.line("ТЕЛ. ПЛАТЕЖНОГО АГЕНТА: 88001001000", 15)
    for label, value in (
        ("МЕСТО РАСЧЕТОВ", f"ОПС {office}"),
        ("СНО", "ОСН"),
        ("ЗН ККТ", digits(rng, 14)),
        ("РН ККТ", "000" + digits(rng, 13)),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ):
        page.pair(label, value, 16)
    page.qr(_qr(when, total, fiscal), 190)
    page.line("СОХРАНЯЙТЕ ЧЕК ДО ЗАЧИСЛЕНИЯ ПЛАТЕЖА", 15, align="center")
    return Drawn(page.finish(), "post-housing-payment-tape", receipt_details(POST, total, when, fiscal), thermal=True)


TEMPLATES = (airline_itinerary, handwritten_sales_slip, post_housing_payment_tape)
