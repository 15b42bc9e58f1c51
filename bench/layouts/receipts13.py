"""The thirteenth round's receipts: a post office's tape for a parcel, a railway e-ticket's control coupon, a
self-employed person's receipt from «Мой налог»."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts.canvas import GREY, MONO_FACES, PAGE_FACES, SCREEN_FACES, SecondPage, pick_face
from bench.layouts.drawn import Drawn, details, receipt_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    Party,
    digits,
    fiscal_drive,
    fiscal_number,
    grouped,
    inn_person,
    moment,
    past_day,
    person,
    vat_part,
)
from model.schema import DocumentType

POST = Party("АО «Почта России»", "7724490000", "772401001", "131000, г. Москва, ул. Мясницкая, д. 26")
RAILWAY = Party("ОАО «РЖД»", "7708503727", "770801001", "107174, г. Москва, ул. Новая Басманная, д. 2/1, стр. 1")


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return fiscal_drive(rng), fiscal_number(rng, 60000), str(rng.randint(10**8, 4 * 10**9))


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _rpo(rng: random.Random, index: int, month: int) -> str:
    """A postal item's 14-digit identifier (ШПИ): the office's index, the month, five digits and the check digit
    (odd places weighted 3, even 1)."""
    body = f"{index}{month:02d}" + digits(rng, 5)
    weighted = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(body))
    return body + str((10 - weighted % 10) % 10)


def post_office_parcel_tape(rng: random.Random) -> Drawn:
    """An office's tape for a parcel sent: the postage with the item's ШПИ and weight, a box and a card bought with
    it, VAT 20 % in each, the office's index and the company's legal requisites; the register's owner is paid."""
    when = moment(rng, past_day(rng))
    index = rng.randint(101000, 692999)
    fiscal = _fiscal(rng)
    weight = Decimal(rng.randint(250, 4800)) / 1000
    postage = Decimal(rng.randint(290, 890)) + Decimal(rng.choice([0, 50, 40, 99])) / 100
    items = [(rng.choice(["Посылка стандарт", "Посылка 1 класса", "Отправление EMS"]), 1, postage)]
    if rng.random() < 0.8:
        items.append(
            (rng.choice(["Коробка S", "Коробка M", "Пакет почтовый 250х353"]), 1, Decimal(rng.choice([45, 70, 95])))
        )
    if rng.random() < 0.5:
        items.append(("Открытка поздравительная", rng.randint(1, 3), Decimal("39.00")))
    total = sum((price * count for _, count, price in items), Decimal(0))
    page = SecondPage(560, pick_face(rng, MONO_FACES), 19, margin=24)
    page.line('АО "Почта России"', bold=True, align="center")
    page.line(f"ОПС {index} {rng.choice(['Москва', 'Казань', 'Пермь', 'Тверь', 'Омск'])}", align="center")
    page.line(POST.address, 16, align="center")
    page.line(f"ИНН {POST.inn}", align="center")
    page.gap(6)
    page.line("КАССОВЫЙ ЧЕК", bold=True, align="center")
    page.line("ПРИХОД", align="center")
    page.pair(f"Смена № {rng.randint(100, 900)}", f"Чек № {rng.randint(1, 200)}")
    page.line(f"Оператор: {person(rng).initials}")
    page.rule(dashed=True)
    for number, (name, count, price) in enumerate(items, 1):
        page.line(f"{number}. {name}")
        if number == 1:
            page.line(f"   ШПИ {_rpo(rng, index, when.month)}", 17)
            page.line(f"   Вес: {weight:.3f} кг", 17)
        page.pair(f"   {count} x {price:.2f}", f"={price * count:.2f}")
        page.line("   НДС 20%", 17)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", 24, bold=True)
    page.pair(rng.choice(["БЕЗНАЛИЧНЫМИ", "ЭЛЕКТРОННЫМИ"]), f"={total:.2f}")
    page.pair("СУММА НДС 20%", f"={vat_part(total, 20):.2f}")
    page.line("Отслеживайте отправление на pochta.ru", 16)
    page.line(f"Место расчетов: ОПС {index}", 16)
    page.line("Сайт ФНС: www.nalog.gov.ru", 16)
    page.pair("ЗН ККТ", digits(rng, 12), 17)
    page.pair("РН ККТ", "000" + digits(rng, 13), 17)
    page.pair("ФН", fiscal[0], 17)
    page.pair("ФД", fiscal[1], 17)
    page.pair("ФП", fiscal[2], 17)
    page.line(f"{when:%d.%m.%y %H:%M}", align="center")
    page.qr(_qr(when, total, fiscal), 190)
    page.line("СПАСИБО ЗА ОБРАЩЕНИЕ!", 17, align="center")
    return Drawn(page.finish(), "post-office-parcel-tape", receipt_details(POST, total, when, fiscal), thermal=True)


def railway_ticket_coupon(rng: random.Random) -> Drawn:
    """An e-ticket's «КОНТРОЛЬНЫЙ КУПОН» printed from the carrier's site: the trip's day and time (weeks after
    the purchase), the carriage and seat, the fare with its VAT 0 % and the service with VAT 20 %, the order's
    number, and the purchase's day («Дата и время оформления»), which is the receipt's and its QR's."""
    bought = moment(rng, past_day(rng))
    trip = bought + timedelta(days=rng.randint(5, 60), hours=rng.randint(1, 9))
    fiscal = _fiscal(rng)
    fare = Decimal(rng.randint(1200, 7800)) + Decimal(rng.randint(0, 99)) / 100
    service = Decimal(rng.randint(90, 420)) + Decimal(rng.randint(0, 99)) / 100
    total = fare + service
    traveller = person(rng)
    route = rng.choice(
        [("МОСКВА ОКТ", "САНКТ-ПЕТЕРБУРГ ГЛАВН."), ("МОСКВА КАЗАНСКАЯ", "КАЗАНЬ ПАСС"), ("ЕКАТЕРИНБУРГ-П", "ПЕРМЬ 2")]
    )
    page = SecondPage(1240, pick_face(rng, PAGE_FACES), 22, margin=60)
    page.line("ЭЛЕКТРОННЫЙ БИЛЕТ", 30, bold=True)
    page.line("КОНТРОЛЬНЫЙ КУПОН", 22, bold=True)
    page.line(f"{RAILWAY.name}  ИНН {RAILWAY.inn}  {RAILWAY.address}", 16, colour=GREY)
    page.rule()
    page.pair(f"Заказ № {digits(rng, 14)}", f"Электронный билет № {digits(rng, 14)}")
    page.pair(
        f"Поезд № {rng.randint(1, 780):03d}{rng.choice('АМЕЧЙ')}",
        f"Вагон {rng.randint(1, 16):02d}   Место {rng.randint(1, 60):03d}",
    )
    page.line(f"Отправление: {trip:%d.%m.%Y} в {trip:%H:%M} (МСК)  {route[0]}", bold=True)
    arrive = trip + timedelta(hours=rng.randint(3, 12))
    page.line(f"Прибытие: {arrive:%d.%m.%Y} в {arrive:%H:%M} (МСК)  {route[1]}")
    page.line(f"Пассажир: {traveller.surname.upper()} {traveller.first.upper()} {traveller.patronymic.upper()}")
    page.line(f"Документ: паспорт РФ {digits(rng, 4)}******, тариф: полный")
    page.rule()
    page.grid(
        [
            ["Наименование", "Стоимость, руб.", "В т.ч. НДС"],
            ["Билет (перевозка пассажира)", grouped(fare), "0% — 0,00"],
            [
                "Сервисные услуги (постельное бельё, питание)",
                grouped(service),
                f"20% — {grouped(vat_part(service, 20))}",
            ],
            ["ИТОГО", grouped(total), ""],
        ],
        [0.56, 0.22, 0.22],
        20,
        bold_first=True,
    )
    page.gap(14)
    page.line(f"Дата и время оформления: {bought:%d.%m.%Y %H:%M} (МСК)")
    page.line("Способ оплаты: банковская карта (безналичными)")
    page.line(f"ФН {fiscal[0]}  ФД {fiscal[1]}  ФП {fiscal[2]}  Смена {rng.randint(1, 999)}", 18)
    page.qr(_qr(bought, total, fiscal), 220, align="left")
    page.line(
        "Посадка по документу, удостоверяющему личность. Возврат билета — не позднее чем за 6 часов до отправления.",
        16,
        colour=GREY,
    )
    return Drawn(page.finish(), "railway-ticket-coupon", receipt_details(RAILWAY, total, bought, fiscal))


def self_employed_receipt(rng: random.Random) -> Drawn:
    """A self-employed person's receipt made in «Мой налог» and sent as the app's picture: «Чек №» with its
    alphanumeric number, the day and zone, the seller by full name and 12-digit ИНН, «Режим НО: НПД», the services,
    «Итого», the buyer (an organisation is the payer, «Физическое лицо» names nobody), the check QR to
    lknpd.nalog.ru; no ФН, ФД or ФП (the tax is not a register's)."""
    when = moment(rng, past_day(rng))
    seller = person(rng)
    inn = inn_person(rng)
    services = [
        (
            rng.choice(
                [
                    "Ремонт стиральной машины",
                    "Репетиторство по математике",
                    "Маникюр с покрытием",
                    "Сборка мебели",
                    "Фотосъёмка",
                    "Уборка квартиры",
                ]
            ),
            Decimal(rng.randint(8, 90)) * 100,
        )
    ]
    if rng.random() < 0.4:
        services.append((rng.choice(["Выезд мастера", "Материалы"]), Decimal(rng.randint(3, 15)) * 100))
    total = sum((price for _, price in services), Decimal(0))
    number = "20" + "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(8))
    page = SecondPage(760, pick_face(rng, SCREEN_FACES), 24, margin=48)
    page.line(f"Чек №{number}", 30, bold=True, align="center")
    page.line(f"{when:%d.%m.%y %H:%M}(+03:00)", align="center", colour=GREY)
    page.gap(16)
    page.line(seller.full, 26, bold=True, align="center")
    page.gap(10)
    page.rule(thickness=1)
    page.pair("Наименование", "Сумма", 20, colour=GREY)
    for index, (name, price) in enumerate(services, 1):
        page.pair(f"{index}. {name}", f"{grouped(price)} ₽")
    page.rule(thickness=1)
    page.pair("Итого:", f"{grouped(total)} ₽", 28, bold=True)
    page.gap(10)
    page.pair("Режим НО", "НПД")
    page.pair("ИНН", inn)
    buyer = rng.choice(["Физическое лицо", "ООО «" + rng.choice(["Сфера", "Вектор", "Альфа-Сервис"]) + "»"])
    page.pair("Покупатель", buyer)
    page.pair("Чек сформировал", "Мой налог")
    page.gap(10)
    page.qr(f"https://lknpd.nalog.ru/api/v1/receipt/{inn}/{number}/print", 240)
    page.line(
        f"Сформирован {when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year} г.", 18, align="center", colour=GREY
    )
    truth = details(
        DocumentType.CASH_RECEIPT,
        total,
        when.date(),
        recipient_name=seller.full,
        recipient_inn=inn,
        payer_name=None if buyer == "Физическое лицо" else buyer,
    )
    return Drawn(page.finish(), "self-employed-npd-receipt", truth, screen=True)


TEMPLATES = (post_office_parcel_tape, railway_ticket_coupon, self_employed_receipt)
