"""The eighth round's bills, all 1C's: a «Счёт на оплату» of 1C:Бухгалтерия 8.3 with the supplier's logo over the
bank grid and the blue round seal and a signature laid over the totals, the same form saved as a PDF whose text layer
runs column by column (a reader that takes the text in its order gets the labels of a column before their values), an
ИП's «Счёт» on УСН («Без налога (НДС)», the grid's КПП cell empty, the buyer's КПП beside), a «Счёт на оплату» with a
GOST payment QR (ST00012) at the top right and VAT on top of «Итого без НДС», a «Счёт-фактура» and the «Счёт на
оплату» it goes with on one page (the two numbered and dated apart), and a bill priced in dollars or euros and paid
in roubles at the Central Bank's rate on its date («Всего к оплате в рублях»).

Truth: the supplier is paid; the amount is the sum due in roubles, VAT included; the date is the «Счёт»'s own, never
the «Счёт-фактура»'s, a due date or a rate's date. No page prints a purpose of payment except where the grid or the QR
carries one."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from PIL import Image, ImageDraw, ImageFont

from bench.layouts import requisites as r
from bench.layouts.canvas import EIGHTH_PAGE_FACES, GREY, SecondPage, qr_image
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.pdf import ColumnTextPage

_GOODS = (
    ('Ноутбук 15,6" 16/512', "шт"),
    ("Источник бесперебойного питания 1500 ВА", "шт"),
    ("Коммутатор 24 порта", "шт"),
    ("Кабель витая пара cat.6, 305 м", "бухта"),
    ("Сопровождение 1С, 10 часов", "усл"),
    ("Аренда спецтехники (экскаватор)", "маш.-ч"),
    ("Доставка груза", "рейс"),
    ("Бумага офисная А4", "кор"),
    ("Стеллаж металлический", "шт"),
    ("Монтаж видеонаблюдения", "усл"),
)
_FX_GOODS = (
    ("Лицензия на программное обеспечение, 1 год", "шт"),
    ("Техническая поддержка, месяц", "мес"),
    ("Оборудование для измерений", "шт"),
    ("Запасные части к станку", "компл"),
    ("Подписка на облачный сервис", "мес"),
)
_BLUE = (40, 60, 170)
_SEAL_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"


def _long_date(when: date) -> str:
    return f"{when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year} г."


def _lines(
    rng: random.Random, goods: tuple[tuple[str, str], ...], low: int, high: int
) -> list[tuple[str, str, Decimal, Decimal]]:
    return [
        (name, unit, Decimal(rng.randint(1, 12)), Decimal(rng.randint(low, high)))
        for name, unit in rng.sample(goods, rng.randint(1, 4))
    ]


def _bank_grid(page: SecondPage, bank: r.Bank, payee: r.Party, account: str, size: int, *, purpose: str | None) -> None:
    """The payment order's grid 1C prints over its invoices; a КПП cell left empty for an ИП."""
    kpp = f"КПП {payee.kpp}" if payee.kpp else "КПП"
    rows = [
        [bank.name, "БИК", bank.bic],
        ["", "Сч. №", bank.corr_account],
        ["Банк получателя", "", ""],
        [f"ИНН {payee.inn}", kpp, "Сч. №", account],
        [payee.name, "", "", ""],
        ["Получатель", "", "", ""],
    ]
    page.grid(rows[:3], [0.58, 0.1, 0.32], size - 1)
    page.grid(rows[3:], [0.3, 0.28, 0.1, 0.32], size - 1)
    if purpose:
        page.grid([[f"Назначение платежа: {purpose}"]], [1.0], size - 1)


def _parties(page: SecondPage, supplier: r.Party, buyer: r.Party, size: int, *, when: date, rng: random.Random) -> None:
    def ids(party: r.Party) -> str:
        return f"ИНН {party.inn}" + (f", КПП {party.kpp}" if party.kpp else "")

    page.grid(
        [
            ["Поставщик (Исполнитель):", f"{supplier.name}, {ids(supplier)}, {supplier.address}"],
            ["Покупатель (Заказчик):", f"{buyer.name}, {ids(buyer)}, {buyer.address}"],
            ["Основание:", f"Договор № {rng.randint(1, 99)} от {when - timedelta(days=rng.randint(20, 400)):%d.%m.%Y}"],
        ],
        [0.24, 0.76],
        size - 1,
    )


def _table(page: SecondPage, lines: list[tuple[str, str, Decimal, Decimal]], size: int, money: str = "") -> None:
    table = [["№", "Товары (работы, услуги)", "Кол-во", "Ед.", f"Цена{money}", f"Сумма{money}"]]
    for index, (name, unit, qty, price) in enumerate(lines, 1):
        table.append([str(index), name, str(qty), unit, r.grouped(price), r.grouped(qty * price)])
    page.grid(table, [0.05, 0.47, 0.09, 0.07, 0.16, 0.16], size - 1, bold_first=True)


def _total_row(page: SecondPage, label: str, value: str, size: int) -> None:
    """A totals row as 1C lays it out: the label in a cell of its own, right of the table's middle, the value flush
    right (two separate texts, as the form's cells are)."""
    top = page.y
    page.line(label, size, bold=True, indent=round((page.width - 2 * page.margin) * 0.55))
    page.y = top
    page.line(value, size, bold=True, align="right")


def _title(page: SecondPage, text: str, size: int) -> None:
    page.line(text, size + 8, bold=True)
    page.rule(thickness=3)
    page.gap(6)


def _signatures(page: SecondPage, rng: random.Random, size: int) -> tuple[int, int]:
    """«Руководитель» and «Бухгалтер» with their blanks; where the signature line stands (y) for a seal."""
    page.rule(thickness=3)
    page.gap(40)
    y = page.y
    chief = r.person(rng)
    page.line(f"Руководитель ____________ {chief.initials}        Бухгалтер ____________ {chief.initials}", size)
    return y, round(page.width * 0.3)


def _logo(page: SecondPage, rng: random.Random, word: str, size: int) -> None:
    """A supplier's logo at the top left: a coloured block with the trade name in white and a slogan beside."""
    colour = rng.choice([(200, 40, 40), (20, 110, 60), (30, 80, 160), (230, 120, 20)])
    top = page.y
    page.gap(size * 3)
    page.box(top, colour, left=page.margin, right=page.margin + 330)
    page.y = top + round(size * 0.8)
    page.line(word.upper(), size + 10, bold=True, indent=20, colour=(255, 255, 255))
    page.y = top + round(size * 0.9)
    page.line(
        rng.choice(["поставки и сервис с 2009 года", "ваш надёжный партнёр", "оборудование для бизнеса"]),
        size - 2,
        indent=360,
        colour=GREY,
    )
    page.y = top + size * 3 + 16


def seal(
    image: Image.Image, centre: tuple[int, int], rng: random.Random, name: str, *, ogrn: str, city: str
) -> Image.Image:
    """A blue round seal (two rings, the name and the ОГРН round the rim in short arcs of words, «г. …» across) and a
    pen's signature, laid over ``image`` as ink: where they cross the print both show, darker."""
    radius = rng.randint(120, 150)
    layer = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    for ring in (radius, radius - 8, radius - 52):
        draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=220, width=4)
    font = ImageFont.truetype(_SEAL_FACE, 20)
    rim = f"{name} * ОГРН {ogrn} * "
    for index, character in enumerate(rim):
        angle = -math.pi / 2 + 2 * math.pi * index / len(rim)
        x = cx + (radius - 30) * math.cos(angle)
        y = cy + (radius - 30) * math.sin(angle)
        glyph = Image.new("L", (30, 30), 0)
        ImageDraw.Draw(glyph).text((6, 2), character, font=font, fill=220)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        layer.paste(220, (round(x) - 15, round(y) - 15), glyph)
    draw.text((cx - 60, cy - 14), f"г. {city}"[:14], font=font, fill=220)
    pen = [(cx - radius - 40 + i * 9, cy + 10 + rng.randint(-22, 22)) for i in range(rng.randint(16, 24))]
    draw.line(pen, fill=240, width=3, joint="curve")
    turned = layer.rotate(rng.uniform(-20, 20), center=centre, resample=Image.Resampling.BICUBIC)
    ink = Image.new("RGB", image.size, _BLUE)
    stamped = image.copy()
    stamped.paste(Image.blend(image, ink, 0.85), (0, 0), turned.point(lambda value: round(value * 0.85)))
    return stamped


def _ogrn(rng: random.Random) -> str:
    body = "1" + r.digits(rng, 11)
    return body + str(int(body) % 11 % 10)


def onec_logo_seal(rng: random.Random) -> Drawn:
    """1C:Бухгалтерия 8.3's «Счёт на оплату» printed and signed: the supplier's logo over the bank grid, the title,
    the parties, the goods, «Итого», «В том числе НДС 20%», «Всего к оплате», the sum in words, the terms and the
    signatures, the blue seal and the director's signature laid across the totals and the signature line."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    lines = _lines(rng, _GOODS, 900, 90000)
    total = sum((qty * price for *_, qty, price in lines), Decimal(0))
    when = r.past_day(rng)
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(EIGHTH_PAGE_FACES), size, margin=70)
    _logo(page, rng, supplier.name.split(" ", 1)[1].strip('«»"'), size)
    _bank_grid(page, bank, supplier, account, size, purpose=None)
    page.gap(24)
    _title(page, f"Счет на оплату № {rng.randint(1, 3000)} от {_long_date(when)}", size)
    _parties(page, supplier, buyer, size, when=when, rng=rng)
    page.gap(12)
    _table(page, lines, size)
    page.gap(8)
    totals_y = page.y
    _total_row(page, "Итого:", r.grouped(total), size)
    _total_row(page, "В том числе НДС (20%):", r.grouped(r.vat_part(total, 20)), size)
    _total_row(page, "Всего к оплате:", r.grouped(total), size)
    page.gap(8)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    page.gap(8)
    page.line(f"Оплатить не позднее {when + timedelta(days=5):%d.%m.%Y}", size - 2)
    page.line("Оплата данного счета означает согласие с условиями поставки товара.", size - 2)
    sign_y, sign_x = _signatures(page, rng, size)
    image = page.finish(min_height=1754)
    centre = (sign_x + rng.randint(0, 200), rng.randint(totals_y + 40, max(totals_y + 41, sign_y - 20)))
    city = supplier.address.split("г. ")[1].split(",")[0]
    image = seal(image, centre, rng, supplier.name, ogrn=_ogrn(rng), city=city)
    return Drawn(image, "1c83-logo-seal", invoice_details(total, when, supplier, account, bank, payer=buyer.name))


def onec_pdf_columns(rng: random.Random) -> Drawn:
    """The same «Счёт на оплату» saved as a PDF by a form designer that writes its text column by column: the text
    layer holds the left column's texts top to bottom (the bank, «Банк получателя», the ИНН, the supplier, the title,
    the parties' labels, the row numbers), then the next column's; each total's label and value are two texts."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=rng.random() < 0.3)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    lines = _lines(rng, _GOODS, 400, 40000)
    total = sum((qty * price for *_, qty, price in lines), Decimal(0))
    when = r.past_day(rng)
    number = rng.randint(1, 3000)
    purpose = f"Оплата по счету № {number} от {when:%d.%m.%Y}, в т.ч. НДС 20% {r.vat_part(total, 20):.2f} руб."
    with_purpose = rng.random() < 0.5
    size = rng.randint(17, 19)
    page = ColumnTextPage(1240, rng.choice(EIGHTH_PAGE_FACES), size, margin=70)
    page.line("Внимание! Товар отпускается по факту прихода денег на р/с Поставщика.", size - 4)
    page.gap(10)
    _bank_grid(page, bank, supplier, account, size, purpose=purpose if with_purpose else None)
    page.gap(24)
    _title(page, f"Счет на оплату № {number} от {_long_date(when)}", size)
    _parties(page, supplier, buyer, size, when=when, rng=rng)
    page.gap(12)
    _table(page, lines, size)
    page.gap(8)
    _total_row(page, "Итого:", r.grouped(total), size)
    _total_row(page, "В том числе НДС:", r.grouped(r.vat_part(total, 20)), size)
    _total_row(page, "Всего к оплате:", r.grouped(total), size)
    page.gap(8)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    _signatures(page, rng, size)
    image = page.finish(min_height=1754)
    return Drawn(
        image,
        "1c-pdf-columns",
        invoice_details(
            total, when, supplier, account, bank, payer=buyer.name, purpose=purpose if with_purpose else None
        ),
        pdf=page.pdf(image.height, r.moment(rng, when)),
    )


def sole_trader_usn(rng: random.Random) -> Drawn:
    """An ИП's «Счёт» from 1C on the simplified system: the grid's КПП cell empty, «Поставщик: ИП …, ИНН …» (no КПП),
    the buyer an ООО with its КПП, «Итого», «Без налога (НДС)» with a dash, «Всего к оплате», the note «НДС не
    облагается в связи с применением УСН», and the ИП's own signature."""
    supplier, buyer = r.organisation(rng, sole_trader=True), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802")
    lines = _lines(rng, _GOODS, 500, 30000)
    total = sum((qty * price for *_, qty, price in lines), Decimal(0))
    when = r.past_day(rng)
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(EIGHTH_PAGE_FACES), size, margin=70)
    _bank_grid(page, bank, supplier, account, size, purpose=None)
    page.gap(24)
    _title(page, f"Счет № {rng.randint(1, 400)} от {when:%d.%m.%Y}", size)
    _parties(page, supplier, buyer, size, when=when, rng=rng)
    page.gap(12)
    _table(page, lines, size)
    page.gap(8)
    _total_row(page, "Итого:", r.grouped(total), size)
    _total_row(page, "Без налога (НДС)", "-", size)
    _total_row(page, "Всего к оплате:", r.grouped(total), size)
    page.gap(8)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    page.line(
        "НДС не облагается в связи с применением упрощенной системы налогообложения (ст. 346.11 НК РФ).", size - 2
    )
    page.rule(thickness=3)
    page.gap(40)
    page.line(f"Предприниматель ______________ {supplier.name.removeprefix('ИП ')}", size)
    image = page.finish(min_height=1754)
    return Drawn(image, "sole-trader-usn", invoice_details(total, when, supplier, account, bank, payer=buyer.name))


def qr_top_right(rng: random.Random) -> Drawn:
    """A «Счёт на оплату» with the GOST payment QR (ST00012, the sum in kopecks, the purpose) at the top right beside
    the supplier's header, «Отсканируйте QR-код в приложении банка» under it, the bank grid with «Назначение
    платежа», the goods, «Итого без НДС», «НДС 20%» on top and «Всего к оплате»."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    lines = _lines(rng, _GOODS, 300, 20000)
    net = sum((qty * price for *_, qty, price in lines), Decimal(0))
    vat = (net / 5).quantize(Decimal("0.01"))
    total = net + vat
    when = r.past_day(rng)
    number = f"{rng.randint(1, 900)}"
    purpose = f"Оплата по счету № {number} от {when:%d.%m.%Y}. Сумма {total:.2f}, в т.ч. НДС 20% {vat:.2f}"
    payload = (
        f"ST00012|Name={supplier.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={supplier.inn}|KPP={supplier.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}"
    )
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(EIGHTH_PAGE_FACES), size, margin=70)
    top = page.y
    page.line(supplier.name, size + 4, bold=True)
    page.line(supplier.address, size - 2)
    page.line(f"Тел.: +7 ({r.digits(rng, 3)}) {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}", size - 2)
    page.y = top
    code = qr_image(payload, 260)
    page.inset(code, x=page.width - page.margin - code.width)
    page.line("Отсканируйте QR-код в приложении банка", size - 5, align="right")
    page.gap(16)
    _bank_grid(page, bank, supplier, account, size, purpose=purpose)
    page.gap(24)
    _title(page, f"Счет на оплату № {number} от {_long_date(when)}", size)
    _parties(page, supplier, buyer, size, when=when, rng=rng)
    page.gap(12)
    _table(page, lines, size)
    page.gap(8)
    _total_row(page, "Итого без НДС:", r.grouped(net), size)
    _total_row(page, "НДС 20%:", r.grouped(vat), size)
    _total_row(page, "Всего к оплате:", r.grouped(total), size)
    page.gap(8)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    _signatures(page, rng, size)
    image = page.finish(min_height=1754)
    return Drawn(
        image,
        "qr-top-right",
        invoice_details(total, when, supplier, account, bank, payer=buyer.name, purpose=purpose),
    )


def invoice_and_factura(rng: random.Random) -> Drawn:
    """A «Счёт-фактура» (the seller, its ИНН/КПП, the buyer's, «Валюта: Российский рубль, 643», the table's columns
    without and with VAT, «Всего к оплате») and, under a cut line, the «Счёт на оплату» it goes with: its own
    number and an earlier date, the bank grid, the goods and the totals."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    lines = _lines(rng, _GOODS, 600, 50000)
    total = sum((qty * price for *_, qty, price in lines), Decimal(0))
    vat = r.vat_part(total, 20)
    when = r.past_day(rng)
    factura = when + timedelta(days=rng.randint(1, 20))
    size = rng.randint(15, 16)
    page = SecondPage(1240, rng.choice(EIGHTH_PAGE_FACES), size, margin=60)
    page.line(f"СЧЕТ-ФАКТУРА № {rng.randint(1, 3000)} от {_long_date(factura)}", size + 4, bold=True)
    page.line("ИСПРАВЛЕНИЕ № -- от --", size - 2)
    for label, value in (
        ("Продавец:", supplier.name),
        ("Адрес:", supplier.address),
        ("ИНН/КПП продавца:", f"{supplier.inn}/{supplier.kpp}"),
        ("Грузоотправитель и его адрес:", "он же"),
        ("Грузополучатель и его адрес:", f"{buyer.name}, {buyer.address}"),
        ("Покупатель:", buyer.name),
        ("ИНН/КПП покупателя:", f"{buyer.inn}/{buyer.kpp}"),
        ("Валюта: наименование, код", "Российский рубль, 643"),
    ):
        page.labelled(label, value, 0.32, size - 1)
    table = [
        ["Наименование", "Кол-во", "Цена", "Стоимость без налога", "Ставка", "Сумма налога", "Стоимость с налогом"]
    ]
    for name, _, qty, price in lines:
        gross = qty * price
        table.append(
            [
                name,
                str(qty),
                r.grouped(price),
                r.grouped(gross - r.vat_part(gross, 20)),
                "20%",
                r.grouped(r.vat_part(gross, 20)),
                r.grouped(gross),
            ]
        )
    table.append(["Всего к оплате", "", "", r.grouped(total - vat), "X", r.grouped(vat), r.grouped(total)])
    page.grid(table, [0.3, 0.08, 0.12, 0.14, 0.08, 0.13, 0.15], size - 3, bold_first=True)
    page.gap(10)
    chief = r.person(rng)
    page.line(
        f"Руководитель организации ________ {chief.initials}   Главный бухгалтер ________ {chief.initials}", size - 2
    )
    page.gap(16)
    page.line(
        "- - - - - - - - - - - - - - - - - - линия отреза - - - - - - - - - - - - - - - - - -",
        size - 4,
        align="center",
        colour=GREY,
    )
    page.gap(16)
    _bank_grid(page, bank, supplier, account, size, purpose=None)
    page.gap(16)
    _title(page, f"Счет на оплату № {rng.randint(1, 3000)} от {_long_date(when)}", size)
    _parties(page, supplier, buyer, size, when=when, rng=rng)
    page.gap(8)
    _table(page, lines, size)
    page.gap(6)
    _total_row(page, "Итого:", r.grouped(total), size)
    _total_row(page, "В том числе НДС:", r.grouped(vat), size)
    _total_row(page, "Всего к оплате:", r.grouped(total), size)
    page.line(r.in_words(total), bold=True)
    image = page.finish(min_height=1754)
    return Drawn(image, "factura-and-invoice", invoice_details(total, when, supplier, account, bank, payer=buyer.name))


def foreign_currency_roubles(rng: random.Random) -> Drawn:
    """A «Счёт на оплату» priced in US dollars or euros (the table's «Цена, USD», «Итого: … USD», «В том числе
    НДС»), «Оплата в рублях по курсу ЦБ РФ на дату счёта», the rate («Курс ЦБ РФ на 12.05.2026: 1 USD = 81,2345
    руб.») and «Всего к оплате в рублях: … руб.», the sum in words in roubles."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    currency = rng.choice(["USD", "EUR"])
    lines = [
        (name, unit, Decimal(rng.randint(1, 6)), Decimal(rng.randint(40, 3000)) + Decimal(rng.randint(0, 99)) / 100)
        for name, unit in rng.sample(_FX_GOODS, rng.randint(1, 3))
    ]
    foreign = sum((qty * price for *_, qty, price in lines), Decimal(0))
    rate = Decimal(rng.randint(700000, 1050000)) / 10000
    total = (foreign * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    when = r.past_day(rng)
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(EIGHTH_PAGE_FACES), size, margin=70)
    _bank_grid(page, bank, supplier, account, size, purpose=None)
    page.gap(24)
    _title(page, f"Счет на оплату № {rng.randint(1, 3000)} от {_long_date(when)}", size)
    _parties(page, supplier, buyer, size, when=when, rng=rng)
    page.gap(12)
    _table(page, lines, size, money=f", {currency}")
    page.gap(8)
    _total_row(page, f"Итого, {currency}:", r.grouped(foreign), size)
    _total_row(page, f"В том числе НДС (20%), {currency}:", r.grouped(r.vat_part(foreign, 20)), size)
    _total_row(page, f"Курс ЦБ РФ на {when:%d.%m.%Y}:", f"1 {currency} = {rate:.4f} руб.".replace(".", ",", 1), size)
    _total_row(page, "Всего к оплате в рублях:", r.grouped(total), size)
    page.gap(8)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(foreign)} {currency} ({r.grouped(total)} руб.)")
    page.line(r.in_words(total), bold=True)
    page.line("Оплата производится в рублях по курсу ЦБ РФ на дату выставления счета.", size - 2)
    _signatures(page, rng, size)
    image = page.finish(min_height=1754)
    return Drawn(
        image, "foreign-currency-roubles", invoice_details(total, when, supplier, account, bank, payer=buyer.name)
    )


TEMPLATES = (
    onec_logo_seal,
    onec_pdf_columns,
    sole_trader_usn,
    qr_top_right,
    invoice_and_factura,
    foreign_currency_roubles,
)
