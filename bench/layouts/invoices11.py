"""The eleventh round's bills: a water utility's monthly quittance (a «Водоканал»'s ЕПД-like page: the meters'
table of cold and hot water with previous and current readings, «Водоотведение», an overpayment carried from the
last month, «Итого к оплате», a Code 128 barcode and the GOST QR); a private college's bill for a student hostel
(«Счёт на оплату проживания в общежитии» for a semester's months, «НДС не облагается», a 40703 account, «Оплатить до»);
and a freight carrier's «Счёт-оферта» printed from its website (the cargo's route, the pick-up day, transport,
insurance and packing, «Итого с НДС», «в т.ч. НДС 20%»).

Truth: the utility, the college or the carrier is paid; the sum due (after the overpayment, VAT included; never a
line, a VAT part or the month's charge); the bill's own day (never a due day, a period, a pick-up day)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import zxingcpp
from PIL import Image

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage, qr_image
from bench.layouts.drawn import Drawn, invoice_details

ELEVENTH_PAGE_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
    ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
)

_CITIES_TO = ("Москва", "Казань", "Екатеринбург", "Новосибирск", "Краснодар", "Самара", "Пермь", "Воронеж")


def _gost(payee: r.Party, account: str, bank: r.Bank, total: Decimal, purpose: str) -> str:
    """The payment QR of GOST R 56042 (ST00012)."""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}"
    )


def _barcode(payload: str, height: int) -> Image.Image:
    """A Code 128 barcode of the personal account and the sum, as utilities print it for a post office's scanner."""
    bars = Image.fromarray(
        zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.Code128), scale=2)
    )
    return bars.resize((bars.width, height), Image.Resampling.NEAREST).convert("RGB")


def _meter_rows(rng: random.Random) -> list[list[str]]:
    """The cold and hot water meters' rows (service, meter, previous and current readings, volume, tariff, charge)
    and the drainage's row, charged on the volume they add up to."""
    rows = []
    volume = 0
    for label, low, high in (
        ("ХВС", Decimal("38.40"), Decimal("52.90")),
        ("ГВС", Decimal("190.10"), Decimal("265.30")),
    ):
        before = rng.randint(100, 900)
        used = rng.randint(2, 9)
        tariff = Decimal(rng.randint(int(low * 100), int(high * 100))) / 100
        charge = (tariff * used).quantize(Decimal("0.01"))
        volume += used
        rows.append(
            [label, r.digits(rng, 8), str(before), str(before + used), str(used), f"{tariff:.2f}", r.grouped(charge)]
        )
    drain_tariff = Decimal(rng.randint(2800, 4100)) / 100
    drain = (drain_tariff * volume).quantize(Decimal("0.01"))
    rows.append(["Водоотведение", "", "", "", str(volume), f"{drain_tariff:.2f}", r.grouped(drain)])
    return rows


def water_meter_quittance(rng: random.Random) -> Drawn:
    """A «Водоканал»'s quittance for a flat: the utility's requisites, «Лицевой счёт», the payer and the address,
    «Расчётный период» and «Дата формирования», a meters' table (ХВС and ГВС: meter number, previous and current
    readings, volume, tariff, charge) and «Водоотведение» of their sum, «Начислено за период», «Переплата на начало
    периода», «Итого к оплате», «Оплатить до», the barcode and the QR."""
    base = r.organisation(rng, sole_trader=False)
    utility = r.Party(f"МУП «Водоканал г. {rng.choice(_CITIES_TO)}»", base.inn, base.kpp, base.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    personal = r.digits(rng, 9)
    month = rng.randrange(0, 10)
    formed = r.past_day(rng).replace(month=month + 2, day=rng.randint(1, 6))
    rows = _meter_rows(rng)
    charged = sum((Decimal(row[6].replace(" ", "").replace(",", ".")) for row in rows), Decimal(0))
    overpaid = Decimal(rng.choice([0, 0, rng.randint(10, 300)])) + Decimal(rng.randint(0, 99)) / 100
    overpaid = min(overpaid, charged / 2).quantize(Decimal("0.01"))
    total = charged - overpaid
    period = f"{r.MONTHS_NOMINATIVE[month]} 2026"
    purpose = f"Оплата за водоснабжение, л/с {personal}, {period}"
    size = rng.randint(15, 17)
    page = SecondPage(1400, rng.choice(ELEVENTH_PAGE_FACES), size, margin=46)
    page.line(utility.name, size + 6, bold=True)
    page.line(
        f"ИНН {utility.inn} КПП {utility.kpp}, р/с {account} в {bank.name}, БИК {bank.bic}, к/с {bank.corr_account}",
        size - 2,
    )
    page.line(f"Абонентский отдел: {utility.address}", size - 2, colour=GREY)
    page.rule(thickness=2)
    page.line("СЧЁТ-КВИТАНЦИЯ за холодное и горячее водоснабжение", size + 3, bold=True, align="center")
    page.pair(f"Расчётный период: {period}", f"Дата формирования: {formed:%d.%m.%Y}")
    page.pair(f"Лицевой счёт: {personal}", f"Плательщик: {payer.full}")
    page.line(f"Адрес: {r.address(rng)}, кв. {rng.randint(1, 300)}", size - 1)
    page.gap(10)
    page.grid(
        [["Услуга", "№ прибора учёта", "Предыдущие", "Текущие", "Объём, м³", "Тариф, руб.", "Начислено, руб."], *rows],
        [0.17, 0.17, 0.13, 0.12, 0.12, 0.13, 0.16],
        size - 1,
        bold_first=True,
    )
    page.gap(8)
    page.pair("", f"Начислено за период: {r.grouped(charged)}")
    page.pair("", f"Переплата на начало периода: {r.grouped(overpaid)}")
    page.pair("", f"Итого к оплате: {r.grouped(total)} руб.", size + 4, bold=True)
    page.line(f"Оплатить до 25.{formed.month:02d}.2026. Показания передавайте с 20 по 25 число.", size - 1)
    page.gap(12)
    top = page.y
    page.inset(qr_image(_gost(utility, account, bank, total, purpose), 210), x=page.margin)
    bottom = page.y
    page.y = top + 30
    page.inset(_barcode(f"{personal}{int(total * 100):09d}", 90), x=page.margin + 260)
    page.line(f"{personal} {int(total * 100):09d}", size - 2, indent=260)
    page.line(f"Назначение: {purpose}", size - 2, indent=260)
    page.y = max(page.y, bottom) + 10
    return Drawn(
        page.finish(),
        "water-meter-quittance",
        invoice_details(total, formed, utility, account, bank, payer=payer.full, purpose=purpose),
    )


def hostel_bill(rng: random.Random) -> Drawn:
    """A private college's «Счёт на оплату № … от …» for a student's hostel place: the college (ЧУ ПО, a
    non-profit's 40703 account), the student and the group, a table of the semester's months × the monthly rate,
    «Итого», «НДС не облагается (пп. 10 п. 2 ст. 149 НК РФ)», «Всего к оплате», «Оплатить до», a stamp's place."""
    base = r.organisation(rng, sole_trader=False)
    college = r.Party(f"ЧУ ПО «Колледж {r.rng_word(rng)}»", base.inn, base.kpp, base.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40703")
    student = r.person(rng)
    when = r.past_day(rng)
    months = rng.choice([(0, 4), (8, 12), (1, 6)])
    rate = Decimal(rng.choice([1450, 1800, 2300, 2950, 3600]))
    count = months[1] - months[0]
    total = rate * count
    due = when + timedelta(days=rng.choice([10, 14, 20]))
    number = rng.randint(100, 3999)
    size = rng.randint(16, 18)
    page = SecondPage(1400, rng.choice(ELEVENTH_PAGE_FACES), size, margin=60)
    page.line(college.name, size + 4, bold=True, align="center")
    page.line(college.address, size - 2, align="center")
    page.line(f"ИНН {college.inn}  КПП {college.kpp}", size - 1, align="center")
    page.line(f"р/с {account}  {bank.name}", size - 1, align="center")
    page.line(f"БИК {bank.bic}  к/с {bank.corr_account}", size - 1, align="center")
    page.rule(thickness=2)
    months_genitive = r.MONTHS_GENITIVE[when.month - 1]
    page.line(f"СЧЁТ НА ОПЛАТУ № {number} от {when.day:02d} {months_genitive} {when.year} г.", size + 4, bold=True)
    page.line(f"Плательщик: {student.full}, студент гр. {rng.choice('ПСЭТ')}-{rng.randint(11, 49)}")
    page.line(f"Основание: договор найма жилого помещения в общежитии № {rng.randint(1, 900)}-О")
    page.gap(10)
    rows = [["№", "Наименование", "Мес.", "Цена", "Сумма"]]
    for index, month in enumerate(range(*months), 1):
        rows.append(
            [
                str(index),
                f"Проживание в общежитии, {r.MONTHS_NOMINATIVE[month].lower()} 2026",
                "1",
                r.grouped(rate),
                r.grouped(rate),
            ]
        )
    page.grid(rows, [0.06, 0.56, 0.08, 0.15, 0.15], size - 1, bold_first=True)
    page.gap(6)
    page.pair("", f"Итого: {r.grouped(total)}", bold=True)
    page.pair("", "НДС не облагается (пп. 10 п. 2 ст. 149 НК РФ)")
    page.pair("", f"Всего к оплате: {r.grouped(total)}", bold=True)
    page.line(f"Сумма прописью: {r.in_words(total)}", size - 1)
    page.line(f"Оплатить до {due:%d.%m.%Y}. В назначении платежа укажите ФИО студента.", size - 1)
    page.gap(30)
    page.pair(f"Директор ________ {r.person(rng).initials}", "М.П.")
    page.pair(f"Гл. бухгалтер ________ {r.person(rng).initials}", "")
    return Drawn(
        page.finish(),
        "hostel-bill",
        invoice_details(total, when, college, account, bank, payer=student.full, purpose=None),
    )


def freight_offer_invoice(rng: random.Random) -> Drawn:
    """A freight carrier's «Счёт-оферта № … от …» printed from its website: the carrier's logo line, its bank grid,
    the sender and the route («Москва → Казань»), «Дата забора груза» (days after the bill), places and weight, a
    table (transport, insurance, packing, delivery to the door), «Итого с НДС», «в т.ч. НДС 20%», the offer's terms."""
    base = r.organisation(rng, sole_trader=False)
    carrier = r.Party(f"ООО «{r.rng_word(rng)} Логистик»", base.inn, base.kpp, base.address)
    customer = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    when = r.past_day(rng)
    pickup = when + timedelta(days=rng.randint(1, 6))
    source, target = rng.sample(_CITIES_TO, 2)
    lines = [("Межтерминальная перевозка", Decimal(rng.randint(1200, 18000)))]
    for name, low, high in (
        ("Страхование груза", 90, 900),
        ("Жёсткая упаковка", 350, 2400),
        ("Доставка до адреса", 600, 2500),
    ):
        if rng.random() < 0.7:
            lines.append((name, Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 50]))))
    total = sum((price for _, price in lines), Decimal(0))
    number = f"{rng.randint(26, 26)}-{r.digits(rng, 8)}"
    size = rng.randint(15, 17)
    page = SecondPage(1400, rng.choice(ELEVENTH_PAGE_FACES), size, margin=56)
    page.pair(
        carrier.name.upper(), f"www.{rng.choice(['cargo', 'dl', 'gruz'])}-{r.digits(rng, 2)}.ru", size + 6, bold=True
    )
    page.line(f"Заявка № {r.digits(rng, 10)}  ·  Личный кабинет", size - 2, colour=GREY)
    page.rule(thickness=1)
    page.grid(
        [
            [bank.name, f"БИК {bank.bic}"],
            ["Банк получателя", f"Сч. № {bank.corr_account}"],
            [f"ИНН {carrier.inn}    КПП {carrier.kpp}", f"Сч. № {account}"],
            [f"{carrier.name}\nПолучатель", ""],
        ],
        [0.62, 0.38],
        size - 1,
    )
    page.gap(14)
    page.line(f"Счёт-оферта № {number} от {when:%d.%m.%Y}", size + 6, bold=True)
    page.line(f"Заказчик: {customer.name}, ИНН {customer.inn}")
    page.line(f"Маршрут: {source} → {target}.  Дата забора груза: {pickup:%d.%m.%Y}")
    page.line(f"Груз: {rng.randint(1, 12)} мест, {rng.randint(5, 900)} кг, {rng.randint(1, 40) / 10:.1f} м³", size - 1)
    page.gap(8)
    rows = [["Услуга", "Сумма, руб."], *([name, r.grouped(price)] for name, price in lines)]
    page.grid(rows, [0.7, 0.3], size, bold_first=True)
    page.gap(6)
    page.pair("", f"Итого с НДС: {r.grouped(total)}", size + 2, bold=True)
    page.pair("", f"в т.ч. НДС 20%: {r.grouped(r.vat_part(total, 20))}")
    page.gap(10)
    page.line(
        "Оплата настоящего счёта означает акцепт оферты на оказание транспортно-экспедиционных услуг. "
        f"Счёт подлежит оплате до дня забора груза ({pickup:%d.%m.%Y}). Стоимость может быть пересчитана "
        "по фактическим весу и объёму.",
        size - 2,
        colour=GREY,
    )
    return Drawn(
        page.finish(),
        "freight-offer-invoice",
        invoice_details(total, when, carrier, account, bank, payer=customer.name),
    )


TEMPLATES = (water_meter_quittance, hostel_bill, freight_offer_invoice)
