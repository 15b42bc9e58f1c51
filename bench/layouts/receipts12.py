"""The twelfth round's cash receipts: a taxi ride's e-receipt as the ОФД's e-mail brings it (the letter's own date a
day later, the route, the car); a hotel's fiscal receipt printed on A4 by its front desk (arrival and departure days,
nights × rate, the tourist tax on top); a return receipt «ВОЗВРАТ ПРИХОДА» that names the sale it returns; a
self-checkout tape with weighed goods and the bank terminal's slip glued under it; a bakery's tiny 57 mm tape.

Truth: the register's owner; the receipt's total (the tourist tax included, never the slip's «ОДОБРЕНО» line, never
the sale's sum a return refers to); the buyer a return prints («Покупатель») as the payer; the receipt's own day and,
on a return, the return's sum and day (what the till gave back and when: its fiscal QR carries them), never the
sale's day it names, the letter's day or an arrival."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, receipt_details

TWELFTH_TAPE_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("jetbrains-mono/JetBrainsMono-Regular.ttf", "jetbrains-mono/JetBrainsMono-Bold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
)
TWELFTH_PAGE_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
)
_GOODS = (
    ("Молоко 3,2% 0,9л", (79, 119)),
    ("Хлеб Бородинский нарез.", (49, 79)),
    ("Яйцо куриное С1 10шт", (99, 149)),
    ("Сыр Российский 45%", (189, 349)),
    ("Йогурт питьевой 270г", (45, 79)),
    ("Пакет-майка ПНД", (6, 12)),
    ("Масло сливочное 82,5% 180г", (159, 249)),
)
_WEIGHED = (("Бананы весовые", (129, 179)), ("Яблоки Гала весовые", (149, 219)), ("Огурцы среднеплодные", (199, 299)))
_BAKERY = ("Круассан классич.", "Булочка с маком", "Пирожок с капустой", "Хлеб чиабатта", "Эклер ванильный", "Кофе")
_RETURNED = ("Куртка демисезонная муж.", "Утюг паровой", "Чайник электрический 1,7л", "Джинсы женские р.44")


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 99999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str], kind: int = 1) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n={kind}"


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 90, 99, rng.randint(1, 99)])) / 100


def _fiscal_rows(rng: random.Random, fiscal: tuple[str, str, str]) -> list[tuple[str, str]]:
    return [
        ("ЗН ККТ", r.digits(rng, 14)),
        ("РН ККТ", r.digits(rng, 16)),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
    ]


def taxi_ofd_email(rng: random.Random) -> Drawn:
    """A taxi ride's receipt as the ОФД's e-mail shows it on a phone: the letter's head (sender, subject, the day it
    came, a day after the ride), the carrier's name and ИНН, «Перевозка пассажиров и багажа», the route and the car,
    «ИТОГ», «Безналичными», the fiscal rows and the QR."""
    seller = r.organisation(rng, sole_trader=rng.random() < 0.4)
    total = _price(rng, 180, 2400)
    when = r.moment(rng, r.past_day(rng))
    letter = when + timedelta(days=1, hours=rng.randint(0, 5))
    fiscal = _fiscal(rng)
    size = rng.randint(24, 28)
    page = SecondPage(720, rng.choice(TWELFTH_PAGE_FACES), size, margin=36)
    page.line(f"noreply@{rng.choice(['ofd.ru', 'taxcom.ru', 'platformaofd.ru', '1-ofd.ru'])}", size - 4, colour=GREY)
    page.line(f"Кассовый чек от {rng.choice(['перевозчика', 'продавца'])}", size + 2, bold=True)
    page.line(f"{letter:%d.%m.%Y, %H:%M}", size - 4, colour=GREY)
    page.rule(thickness=1)
    page.line("КАССОВЫЙ ЧЕК", size + 2, bold=True, align="center")
    page.line("Приход", align="center")
    page.line(seller.name, bold=True)
    page.pair("ИНН", seller.inn)
    page.pair("Дата и время", f"{when:%d.%m.%Y %H:%M}")
    page.pair("Смена / Чек", f"{rng.randint(1, 400)} / {rng.randint(1, 300)}")
    page.gap(8)
    page.line("Перевозка пассажиров и багажа легковым такси")
    page.pair("1 x " + f"{total:.2f}", f"{total:.2f}")
    page.line(f"Маршрут: {r.address(rng).split(', ', 1)[1]} — {rng.choice(['аэропорт', 'вокзал', 'ТЦ'])}", size - 4)
    page.line(
        f"Автомобиль: {rng.choice(['Kia Rio', 'Hyundai Solaris', 'Skoda Octavia'])}, "
        f"{rng.choice('АВЕКМНОРСТУХ')}{rng.randint(100, 999)}{rng.choice('АВЕКМН')}{rng.choice('ОРСТ')}"
        f"{rng.randint(11, 799)}",
        size - 4,
    )
    page.pair("НДС не облагается", "", size - 4)
    page.rule(dashed=True, thickness=1)
    page.pair("ИТОГ", f"{total:.2f} ₽", size + 4, bold=True)
    page.pair("Безналичными", f"{total:.2f} ₽")
    page.pair("СНО", rng.choice(["УСН доход", "ПСН", "ОСН"]), size - 4)
    for label, value in _fiscal_rows(rng, fiscal):
        page.pair(label, value, size - 4)
    page.pair("Сайт ФНС", "www.nalog.gov.ru", size - 4)
    page.qr(_qr(when, total, fiscal), 260)
    page.line("Письмо сформировано автоматически, не отвечайте на него.", size - 6, colour=GREY)
    return Drawn(
        page.finish(min_height=1400), "taxi-ofd-email", receipt_details(seller, total, when, fiscal), screen=True
    )


def hotel_a4_receipt(rng: random.Random) -> Drawn:
    """A hotel's fiscal receipt printed on A4 at check-out: the hotel's sign and its company, the guest, «Дата
    заезда» and «Дата выезда», nights × rate, breakfasts, «Туристический налог 2%» on the stay, «ИТОГО К ОПЛАТЕ»,
    the card paid, the fiscal rows beside the QR."""
    seller = r.organisation(rng, sole_trader=False)
    nights = rng.randint(1, 5)
    rate = Decimal(rng.randint(28, 90) * 100)
    stay = rate * nights
    breakfast = Decimal(rng.choice([0, 450, 600])) * nights
    tax = (stay * Decimal("0.02")).quantize(Decimal("0.01"))
    total = stay + breakfast + tax
    when = r.moment(rng, r.past_day(rng))
    arrival = when.date() - timedelta(days=nights)
    fiscal = _fiscal(rng)
    size = rng.randint(22, 25)
    page = SecondPage(1240, rng.choice(TWELFTH_PAGE_FACES), size, margin=90)
    page.line(f"Гостиница «{r.rng_word(rng)}» ★★★", size + 10, bold=True)
    page.line(f"{seller.name}, ИНН {seller.inn}, {seller.address}", size - 4)
    page.gap(20)
    page.line(f"Кассовый чек № {rng.randint(100, 9999)}   ПРИХОД", size + 4, bold=True, align="center")
    page.line(f"Гость: {r.person(rng).full}   Номер: {rng.randint(101, 720)}", size)
    page.line(f"Дата заезда: {arrival:%d.%m.%Y}   Дата выезда: {when:%d.%m.%Y}", size)
    page.gap(10)
    rows = [
        ["Наименование", "Кол-во", "Цена", "Сумма"],
        ["Проживание, сутки", str(nights), f"{rate:.2f}", f"{stay:.2f}"],
    ]
    if breakfast:
        rows.append(["Завтрак", str(nights), f"{breakfast / nights:.2f}", f"{breakfast:.2f}"])
    rows.append(["Туристический налог 2%", "1", f"{tax:.2f}", f"{tax:.2f}"])
    page.grid(rows, [0.55, 0.13, 0.16, 0.16], size - 2, bold_first=True)
    page.gap(10)
    page.pair("ИТОГО К ОПЛАТЕ:", f"{r.grouped(total)} руб.", size + 4, bold=True)
    page.pair("Оплачено банковской картой", f"{r.grouped(total)} руб.")
    page.pair("НДС 0% (услуги проживания)", "0,00")
    page.gap(10)
    page.qr_beside(
        _qr(when, total, fiscal),
        240,
        [("Дата, время", f"{when:%d.%m.%Y %H:%M}"), *_fiscal_rows(rng, fiscal), ("Кассир", r.person(rng).initials)],
        size - 2,
    )
    page.gap(20)
    page.line("Благодарим за выбор нашей гостиницы!", size - 2, align="center")
    return Drawn(page.finish(min_height=1500), "hotel-a4-receipt", receipt_details(seller, total, when, fiscal))


def return_tape(rng: random.Random) -> Drawn:
    """A return receipt: «КАССОВЫЙ ЧЕК ВОЗВРАТ ПРИХОДА», the sale it returns («Чек продажи № … от …», days
    earlier, and its sum when only part of it comes back), the returned item, «ИТОГ», «ВОЗВРАТ НА КАРТУ», the QR of
    the return (n=2)."""
    seller = r.organisation(rng, sole_trader=False)
    item = rng.choice(_RETURNED)
    total = _price(rng, 900, 9000)
    other = _price(rng, 150, 900)
    when = r.moment(rng, r.past_day(rng))
    sold = when - timedelta(days=rng.randint(2, 13), hours=rng.randint(1, 5))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(540, 580), rng.choice(TWELFTH_TAPE_FACES), size, margin=12)
    page.line(f"Магазин «{r.rng_word(rng)}»", size + 4, bold=True, align="center")
    page.line(seller.name, size - 2, align="center")
    page.line(f"ИНН {seller.inn}", size - 2, align="center")
    page.rule(dashed=True, thickness=1)
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.line("ВОЗВРАТ ПРИХОДА", size + 4, bold=True, align="center")
    page.pair(f"{when:%d.%m.%Y %H:%M}", f"Чек № {rng.randint(1, 400)}")
    page.line(f"Основание: чек продажи № {rng.randint(1, 400)}", size - 2)
    page.line(f"от {sold:%d.%m.%Y %H:%M} на сумму {total + other:.2f}", size - 2)
    page.rule(dashed=True, thickness=1)
    page.line(item)
    page.pair(f"  1 шт x {total:.2f}", f"={total:.2f}")
    page.pair("  НДС 20%", f"{r.vat_part(total, 20):.2f}", size - 4)
    page.rule(dashed=True, thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("ВОЗВРАТ НА КАРТУ", f"{total:.2f}")
    page.pair("СУММА НДС 20%", f"{r.vat_part(total, 20):.2f}", size - 2)
    buyer = r.person(rng).initials
    page.pair("Покупатель", buyer, size - 3)
    for label, value in _fiscal_rows(rng, fiscal):
        page.pair(label, value, size - 3)
    page.qr(_qr(when, total, fiscal, kind=2), 220)
    page.line("Подпись покупателя ____________", size - 2)
    truth = receipt_details(seller, total, when, fiscal).model_copy(update={"payer_name": buyer})
    return Drawn(page.finish(), "return-tape", truth, thermal=True)


def self_checkout_tape(rng: random.Random) -> Drawn:
    """A self-checkout tape: «КАССА САМООБСЛУЖИВАНИЯ № …», weighed goods (kg × price per kg), a bag, «ИТОГ»,
    «БЕЗНАЛИЧНЫМИ», the fiscal block beside the QR, and the bank terminal's slip printed under it on the same
    tape (its own «СУММА», «ОДОБРЕНО», the card's mask, RRN)."""
    seller = r.organisation(rng, sole_trader=False)
    lines = []
    for name, (low, high) in rng.sample(_WEIGHED, rng.randint(1, 2)):
        kilos = Decimal(rng.randint(250, 2200)) / 1000
        price = _price(rng, low, high)
        lines.append((name, f"{kilos:.3f} кг x {price:.2f}", (kilos * price).quantize(Decimal("0.01"))))
    for name, (low, high) in rng.sample(_GOODS, rng.randint(2, 4)):
        qty, price = rng.choice([1, 1, 2]), _price(rng, low, high)
        lines.append((name, f"{qty} шт x {price:.2f}", price * qty))
    total = sum((line[2] for line in lines), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(560, 600), rng.choice(TWELFTH_TAPE_FACES), size, margin=12)
    page.line(f"{r.rng_word(rng).upper()} — супермаркет", size + 2, bold=True, align="center")
    page.line(f"{seller.name}  ИНН {seller.inn}", size - 3, align="center")
    page.line(f"КАССА САМООБСЛУЖИВАНИЯ № {rng.randint(11, 24)}", size - 1, align="center")
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    for name, count, sum_ in lines:
        page.line(name)
        page.pair(f"  {count}", f"{sum_:.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СУММА БЕЗ НДС", f"{total:.2f}", size - 3)
    page.qr_beside(
        _qr(when, total, fiscal),
        200,
        [("", f"{when:%d.%m.%y %H:%M}"), ("ФН", fiscal[0]), ("ФД", fiscal[1]), ("ФП", fiscal[2])],
        size - 4,
    )
    page.gap(14)
    page.rule(dashed=True, thickness=1)
    page.line(f"ТЕРМИНАЛ {r.digits(rng, 8)}", size - 2, align="center")
    page.line("ОПЛАТА ПОКУПКИ", size - 2, align="center")
    page.pair("КАРТА", f"**** **** **** {r.digits(rng, 4)}", size - 2)
    page.pair("СУММА (RUB)", f"{total:.2f}", size - 2)
    page.pair("КОД АВТОРИЗАЦИИ", r.digits(rng, 6), size - 2)
    page.pair("RRN", r.digits(rng, 12), size - 2)
    page.line("ОДОБРЕНО", size + 2, bold=True, align="center")
    return Drawn(page.finish(), "self-checkout-tape", receipt_details(seller, total, when, fiscal), thermal=True)


def bakery_57mm_tape(rng: random.Random) -> Drawn:
    """A bakery's tiny 57 mm tape: an ИП's name and ИНН squeezed into a few short lines, two or three pastries,
    «ИТОГО», «НАЛИЧНЫМИ», «ПОЛУЧЕНО» and «СДАЧА», a small QR and the fiscal numbers in small type."""
    seller = r.organisation(rng, sole_trader=True)
    items = [(name, _price(rng, 45, 260), rng.choice([1, 1, 2, 3])) for name in rng.sample(_BAKERY, rng.randint(2, 3))]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    handed = Decimal((int(total) // 100 + 1) * 100)
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(15, 16)
    page = SecondPage(410, rng.choice(TWELFTH_TAPE_FACES), size, margin=8)
    page.line(f"Пекарня «{r.rng_word(rng)}»", size + 2, bold=True, align="center")
    page.line(seller.name, size - 1, align="center")
    page.line(f"ИНН {seller.inn}", size - 1, align="center")
    page.line(f"ЧЕК ПРИХОД {when:%d.%m.%y %H:%M}", size, align="center")
    for name, price, qty in items:
        page.pair(name, f"{price * qty:.2f}", size - 1)
        if qty > 1:
            page.line(f" {qty}x{price:.2f}", size - 2)
    page.pair("ИТОГО", f"={total:.2f}", size + 4, bold=True)
    page.pair("НАЛИЧНЫМИ", f"{handed:.2f}", size - 1)
    page.pair("ПОЛУЧЕНО", f"{handed:.2f}", size - 1)
    page.pair("СДАЧА", f"{handed - total:.2f}", size - 1)
    page.line("СНО: ПСН   БЕЗ НДС", size - 2)
    page.line(f"ФН {fiscal[0]}", size - 2)
    page.line(f"ФД {fiscal[1]} ФП {fiscal[2]}", size - 2)
    page.qr(_qr(when, total, fiscal), 180)
    page.line("Спасибо! Ждём вас снова", size - 2, align="center")
    page.gap(60)
    return Drawn(
        page.finish(min_height=560), "bakery-57mm-tape", receipt_details(seller, total, when, fiscal), thermal=True
    )


TEMPLATES = (taxi_ofd_email, hotel_a4_receipt, return_tape, self_checkout_tape, bakery_57mm_tape)
