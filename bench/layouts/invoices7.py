"""The seventh round's bills: an «Акт сверки взаимных расчётов» for a half-year whose closing balance a «Счёт на
оплату» attached under it asks to pay (1C saves both as one PDF with a text layer), an energy supplier's own bill for
a flat printed by its billing system in a typewriter's monospace (day and night meters, arrears, a Code 128 barcode
of the personal account and the sum, a tear-off slip that repeats the requisites), a state university's tuition bill
paid into a treasury account («УФК по … (ФГБОУ ВО … л/с …)», КБК, ОКТМО, a GOST QR) and a telecom operator's monthly
invoice to a company (services, «Итого без НДС», VAT on top, «Всего к оплате», the account's balance beside).

Truth: the attached bill is what is paid (its sum, its date, its supplier), never the act's period, turnovers or
opening balance; a bill for a month that prints no date of its own has none (a due date is not one); the operator's
balance is not the amount."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import zxingcpp
from PIL import Image

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SEVENTH_PAGE_FACES, SecondPage
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.pdf import TextPage

_SERVICES = (
    "Поставка товара по накладной",
    "Оказание услуг по договору",
    "Поставка материалов",
    "Выполнение работ по акту",
)
_TELECOM = (
    ("Доступ в интернет, тариф «Бизнес 200»", Decimal("4500")),
    ("Аренда статического IP-адреса", Decimal("300")),
    ("Виртуальная АТС, 10 абонентов", Decimal("2900")),
    ("Местная телефонная связь", Decimal("1250")),
    ("Облачное хранилище 500 ГБ", Decimal("990")),
    ("Техническая поддержка 24/7", Decimal("1500")),
)
_SUPPLIERS = ("Волгаэнергосбыт", "Северэнергосбыт", "Уралэнергосбыт", "Камаэнергосбыт", "Приокскэнергосбыт")
_UNIVERSITIES = (
    "Северный государственный университет",
    "Волжский технический университет",
    "Уральский аграрный университет",
    "Сибирский медицинский университет",
)


def _gost(payee: r.Party, account: str, bank: r.Bank, total: Decimal, purpose: str, *, extra: str = "") -> str:
    """The payment QR of GOST R 56042 (ST00012): the payee's requisites, the sum in kopecks, the purpose."""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}{extra}"
    )


def _barcode(payload: str, height: int) -> Image.Image:
    """A Code 128 barcode of ``payload``, ``height`` pixels tall, as billing systems print the account and sum."""
    bars = Image.fromarray(
        zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.Code128), scale=2)
    )
    return bars.resize((bars.width, height), Image.Resampling.NEAREST).convert("RGB")


def _balance_bill(
    page: TextPage,
    rng: random.Random,
    *,
    supplier: r.Party,
    buyer: r.Party,
    bank: r.Bank,
    account: str,
    closing: Decimal,
    when: date,
    end: date,
) -> None:
    """The «Счёт на оплату» of an act's closing balance under its cut line: 1C's bank grid, the title, the parties,
    one line, «Итого», «В том числе НДС», «Всего к оплате», the count and the sum in words, the signatures."""
    size = page.size
    page.grid(
        [
            [bank.name, "БИК", bank.bic],
            ["Банк получателя", "Сч. №", bank.corr_account],
            [f"ИНН {supplier.inn}   КПП {supplier.kpp}", "Сч. №", account],
            [f"{supplier.name}\nПолучатель", "", ""],
        ],
        [0.56, 0.1, 0.34],
        size - 1,
    )
    page.gap(10)
    number = rng.randint(1, 2000)
    page.line(
        f"Счет на оплату № {number} от {when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year} г.",
        size + 5,
        bold=True,
    )
    page.rule(thickness=2)
    page.line(f"Поставщик: {supplier.name}, ИНН {supplier.inn}, КПП {supplier.kpp}, {supplier.address}", size - 1)
    page.line(f"Покупатель: {buyer.name}, ИНН {buyer.inn}, КПП {buyer.kpp}, {buyer.address}", size - 1)
    page.gap(6)
    page.grid(
        [
            ["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"],
            [
                "1",
                f"Оплата задолженности по акту сверки на {end:%d.%m.%Y}",
                "1",
                "шт",
                r.grouped(closing),
                r.grouped(closing),
            ],
        ],
        [0.05, 0.49, 0.09, 0.07, 0.15, 0.15],
        size - 1,
        bold_first=True,
    )
    page.pair("", f"Итого: {r.grouped(closing)}", bold=True)
    page.pair("", f"В том числе НДС: {r.grouped(r.vat_part(closing, 20))}", bold=True)
    page.pair("", f"Всего к оплате: {r.grouped(closing)}", bold=True)
    page.line(f"Всего наименований 1, на сумму {r.grouped(closing)} руб.", size - 1)
    page.line(r.in_words(closing), size - 1, bold=True)
    page.gap(16)
    page.line(f"Руководитель ________ {r.person(rng).initials}     Бухгалтер ________ {r.person(rng).initials}")


def reconciliation_with_bill(rng: random.Random) -> Drawn:
    """1C's «Акт сверки взаимных расчётов за период с 01.01 по 30.06» between a supplier and its customer (the
    opening balance, each shipment and payment with its date on the debit or the credit side, the turnovers, the
    closing balance and «задолженность в пользу …» in words), then, after a cut line, «Счёт на оплату № … от …» of
    the closing balance: the bank grid, the two parties, one line «Оплата задолженности по акту сверки», «Итого», «В
    том числе НДС», «Всего к оплате». Saved as a PDF with a text layer."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    half = rng.choice([(1, 6), (4, 9)])
    start, end = date(2026, half[0], 1), date(2026, half[1], 30)
    opening = Decimal(rng.randint(0, 90000)) + Decimal(rng.randint(0, 99)) / 100
    rows: list[tuple[date, str, Decimal, Decimal]] = []
    for _ in range(rng.randint(4, 8)):
        when = start + timedelta(days=rng.randint(0, (end - start).days))
        value = Decimal(rng.randint(5000, 180000)) + Decimal(rng.randint(0, 99)) / 100
        if rng.random() < 0.55:
            rows.append((when, f"Продажа ({rng.choice(_SERVICES).lower()} № {rng.randint(1, 900)})", value, Decimal(0)))
        else:
            rows.append((when, f"Оплата (п/п № {rng.randint(1, 900)})", Decimal(0), value))
    rows.sort()
    debit = sum((row[2] for row in rows), Decimal(0))
    credit = sum((row[3] for row in rows), Decimal(0))
    closing = opening + debit - credit
    if closing <= 0:
        rows.append((end, f"Продажа (поставка товара № {rng.randint(1, 900)})", -closing + 15000, Decimal(0)))
        debit += -closing + 15000
        closing = Decimal(15000)
    when = end + timedelta(days=rng.randint(1, 25))
    size = rng.randint(16, 17)
    face = rng.choice(SEVENTH_PAGE_FACES[2:4] + SEVENTH_PAGE_FACES[:1])
    page = TextPage(1240, face, size, margin=60)
    page.line("Акт сверки", size + 6, bold=True, align="center")
    page.line(
        f"взаимных расчетов за период: {start:%d.%m.%Y} - {end:%d.%m.%Y} между {supplier.name} и {buyer.name}",
        size,
        align="center",
    )
    page.gap(6)
    page.line(
        f"Мы, нижеподписавшиеся, представители {supplier.name} и {buyer.name}, составили настоящий акт сверки "
        "в том, что состояние взаимных расчетов по данным учета следующее:",
        size - 1,
    )
    page.gap(6)
    table = [["Дата", "Документ", "Дебет", "Кредит"], ["", "Сальдо начальное", r.grouped(opening), ""]]
    for day, document, plus, minus in rows:
        table.append([f"{day:%d.%m.%Y}", document, r.grouped(plus) if plus else "", r.grouped(minus) if minus else ""])
    table.append(["", "Обороты за период", r.grouped(debit), r.grouped(credit)])
    table.append(["", "Сальдо конечное", r.grouped(closing), ""])
    page.grid(table, [0.14, 0.5, 0.18, 0.18], size - 1, bold_first=True)
    page.line(
        f"по данным {supplier.name} на {end:%d.%m.%Y} задолженность в пользу {supplier.name} {r.grouped(closing)} руб. "
        f"({r.in_words(closing)})",
        size - 1,
        bold=True,
    )
    page.gap(10)
    page.pair(f"От {supplier.name}", f"От {buyer.name}", size - 1)
    page.pair(f"Главный бухгалтер ______ {r.person(rng).initials}", "______________ (              )", size - 1)
    page.gap(16)
    page.line("- " * 60, size - 4, colour=GREY)
    page.gap(10)
    _balance_bill(
        page, rng, supplier=supplier, buyer=buyer, bank=bank, account=account, closing=closing, when=when, end=end
    )
    image = page.finish(min_height=1754)
    return Drawn(
        image,
        "reconciliation-with-bill",
        invoice_details(closing, when, supplier, account, bank, payer=buyer.name),
        pdf=page.pdf(image.height, r.moment(rng, when)),
    )


def power_bill_barcode(rng: random.Random) -> Drawn:
    """An energy supplier's «СЧЁТ за электроэнергию» for a flat, printed by its billing system in monospace on half
    a sheet: the supplier's name and requisites, the personal account, the payer and the address, «Расчётный период»,
    a meters table (day and night zones: previous and current readings, kWh, tariff, sum), «Задолженность на начало
    периода», «Оплачено», «Начислено», «ИТОГО К ОПЛАТЕ», «Оплатить до …», a Code 128 barcode of the personal account
    and the sum in kopecks, then a tear-off «КВИТАНЦИЯ» repeating the payee, the account and the sum."""
    company = r.organisation(rng, sole_trader=False)
    payee = r.Party(f"АО «{rng.choice(_SUPPLIERS)}»", company.inn, company.kpp, company.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    personal = r.digits(rng, 10)
    month = rng.randrange(10)
    zones = []
    for zone, tariff in (
        ("День (Т1)", Decimal(rng.randint(620, 890)) / 100),
        ("Ночь (Т2)", Decimal(rng.randint(240, 390)) / 100),
    ):
        before = rng.randint(1000, 40000)
        used = rng.randint(40, 400)
        zones.append((zone, before, before + used, used, tariff, (tariff * used).quantize(Decimal("0.01"))))
    charged = sum((zone[5] for zone in zones), Decimal(0))
    debt = Decimal(rng.choice([0, 0, rng.randint(100, 3000)]))
    paid = debt
    if rng.random() < 0.4:
        paid = (debt / 2).quantize(Decimal("1"))
    total = debt - paid + charged
    due = date(2026, month + 2, 10)
    size = rng.randint(15, 16)
    page = SecondPage(1240, rng.choice(SEVENTH_PAGE_FACES[:2]), size, margin=50)
    page.line(payee.name, size + 4, bold=True)
    page.line(f"ИНН {payee.inn}  КПП {payee.kpp}  р/с {account}", size - 1)
    page.line(f"{bank.name}  БИК {bank.bic}  к/с {bank.corr_account}", size - 1)
    page.rule(thickness=1)
    page.line(f"СЧЕТ ЗА ЭЛЕКТРОЭНЕРГИЮ за {r.MONTHS_NOMINATIVE[month]} 2026 г.", size + 3, bold=True, align="center")
    page.pair("Лицевой счет:", personal, bold=True)
    page.pair("Плательщик:", payer.full)
    page.pair("Адрес:", f"{r.address(rng).split(', оф.')[0]}, кв. {rng.randint(1, 300)}")
    page.pair("Расчетный период:", f"01.{month + 1:02d}.2026 - 28.{month + 1:02d}.2026")
    page.gap(6)
    table = [["Зона", "Предыд.", "Текущ.", "кВт*ч", "Тариф", "Сумма"]]
    for zone, before, after, used, tariff, cost in zones:
        table.append([zone, str(before), str(after), str(used), f"{tariff:.2f}", f"{cost:.2f}"])
    page.grid(table, [0.22, 0.15, 0.15, 0.13, 0.15, 0.2], size - 1)
    page.gap(6)
    for label, value in (
        (f"Задолженность на 01.{month + 1:02d}.2026", debt),
        ("Оплачено", paid),
        ("Начислено за период", charged),
    ):
        page.pair(label, f"{value:.2f}")
    page.pair("ИТОГО К ОПЛАТЕ", f"{total:.2f}", size + 3, bold=True)
    page.pair("Оплатить до", f"{due:%d.%m.%Y}")
    page.gap(8)
    bars = _barcode(f"{personal}{int(total * 100):09d}", 90)
    page.inset(bars, page.margin)
    page.line(f"{personal} {int(total * 100):09d}", size - 3)
    page.gap(10)
    page.line("- - - - - - - - - - - - линия отреза - - - - - - - - - - - -", size - 3, align="center", colour=GREY)
    page.line("КВИТАНЦИЯ", size + 1, bold=True)
    page.grid(
        [
            ["Получатель", f"{payee.name}, ИНН {payee.inn}, КПП {payee.kpp}"],
            ["Р/с, банк", f"{account} в {bank.name}, БИК {bank.bic}, к/с {bank.corr_account}"],
            ["Лицевой счет", personal],
            ["Плательщик", payer.full],
            ["Сумма к оплате", f"{total:.2f}"],
        ],
        [0.25, 0.75],
        size - 1,
    )
    return Drawn(
        page.finish(),
        "power-bill-barcode",
        invoice_details(total, None, payee, account, bank, payer=payer.full),
    )


def tuition_treasury(rng: random.Random) -> Drawn:
    """A state university's «Квитанция на оплату обучения» from its student portal: the payee «УФК по … (ФГБОУ ВО
    «…» л/с 20…)», the university's ИНН and КПП, the treasury account 03214…, the bank «ОТДЕЛЕНИЕ … БАНКА РОССИИ//УФК
    по …», its БИК and ЕКС, КБК (…130) and ОКТМО, the student, the contract and the semester, «Сумма», «Оплатить до»,
    and the GOST QR of all of it."""
    office = r.treasury(rng)
    university = r.organisation(rng, sole_trader=False)
    personal = f"20{rng.randint(10, 99)}6X{r.digits(rng, 5)}"
    name = f"{office.name} (ФГБОУ ВО «{rng.choice(_UNIVERSITIES)}» л/с {personal})"
    payee = r.Party(name, university.inn, university.kpp, university.address)
    account = "03214643000000" + r.digits(rng, 2) + "0" + r.digits(rng, 3)
    code = "00000000000000000130"
    municipality = r.oktmo(rng)
    student = r.person(rng)
    contract = f"{rng.randint(1, 9999)}/{rng.randint(20, 26)}-К"
    total = Decimal(rng.choice([45000, 62500, 78000, 95400, 121000, 134750]))
    semester = rng.choice(["1 семестр 2026/2027 уч. г.", "2 семестр 2025/2026 уч. г."])
    due = date(2026, rng.choice([2, 9]), rng.choice([1, 15]))
    purpose = f"КБК {code}; оплата обучения по договору № {contract}, {semester}, студент {student.full}"
    size = rng.randint(17, 18)
    page = SecondPage(1240, rng.choice(SEVENTH_PAGE_FACES[1:]), size, margin=60)
    page.line("Квитанция на оплату обучения", size + 8, bold=True, align="center")
    page.line("сформирована в личном кабинете студента", size - 2, align="center", colour=GREY)
    page.gap(14)
    for label, value in (
        ("Получатель", payee.name),
        ("ИНН / КПП", f"{payee.inn} / {payee.kpp}"),
        ("Казначейский счёт", account),
        ("Банк получателя", office.bank_printed),
        ("БИК", office.bic),
        ("Единый казначейский счёт", office.single_account),
        ("КБК", code),
        ("ОКТМО", municipality),
        ("Плательщик", student.full),
        ("Договор", f"№ {contract}"),
        ("Период", semester),
        ("Назначение платежа", purpose),
        ("Сумма", f"{r.grouped(total)} руб."),
        ("Оплатить до", f"{due:%d.%m.%Y}"),
    ):
        page.labelled(label, value, 0.3, size)
        page.gap(4)
    page.gap(14)
    page.qr(
        _gost(
            payee,
            account,
            office.as_bank,
            total,
            purpose,
            extra=f"|CBC={code}|OKTMO={municipality}|LastName={student.surname}",
        ),
        280,
        "left",
    )
    page.line("Оплата по QR-коду в мобильном приложении банка. Комиссия банка не взимается.", size - 3, colour=GREY)
    return Drawn(
        page.finish(),
        "tuition-treasury",
        invoice_details(total, None, payee, account, office.as_bank, payer=student.full, purpose=purpose),
    )


def telecom_invoice(rng: random.Random) -> Drawn:
    """A telecom operator's monthly «Счёт № … от …» to a company: the operator's name with its requisites in small
    print at the top right, «Лицевой счёт», «Договор», «Период», a services table (without VAT), «Итого без НДС»,
    «НДС 20%», «Всего к оплате», «Баланс лицевого счёта на …» (a credit or a debt beside the bill), the bank details
    again at the foot."""
    operator = r.organisation(rng, sole_trader=False)
    operator = r.Party(f"ПАО «{r.rng_word(rng)} Телеком»", operator.inn, operator.kpp, operator.address)
    customer = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    services = rng.sample(_TELECOM, rng.randint(2, 5))
    net = sum((price for _, price in services), Decimal(0))
    vat = (net / 5).quantize(Decimal("0.01"))
    total = net + vat
    when = r.past_day(rng)
    balance = -(Decimal(rng.randint(0, 30000)) + Decimal(rng.randint(0, 99)) / 100)
    size = rng.randint(17, 18)
    page = SecondPage(1240, rng.choice(SEVENTH_PAGE_FACES), size, margin=60)
    top = page.y
    page.line(operator.name, size + 10, bold=True)
    page.y = top
    for text in (
        f"ИНН {operator.inn} КПП {operator.kpp}",
        operator.address,
        f"р/с {account}",
        f"{bank.name}",
        f"БИК {bank.bic} к/с {bank.corr_account}",
    ):
        page.line(text, size - 5, align="right", colour=GREY)
    page.gap(20)
    page.line(f"СЧЁТ № {r.digits(rng, 2)}-{r.digits(rng, 6)} от {when:%d.%m.%Y}", size + 6, bold=True)
    period = when.replace(day=1) - timedelta(days=1)
    page.line(f"за услуги связи за {r.MONTHS_NOMINATIVE[period.month - 1]} {period.year} г.", size)
    page.gap(10)
    for label, value in (
        ("Плательщик", customer.name),
        ("ИНН плательщика", customer.inn),
        ("Лицевой счёт", r.digits(rng, 12)),
        ("Договор", f"№ {r.digits(rng, 7)} от {when - timedelta(days=rng.randint(100, 900)):%d.%m.%Y}"),
    ):
        page.pair(label, value)
    page.gap(10)
    table = [["Услуга", "Сумма без НДС, руб."]]
    table += [[service, r.grouped(price)] for service, price in services]
    page.grid(table, [0.7, 0.3], size - 1, bold_first=True)
    page.gap(6)
    page.pair("Итого без НДС", r.grouped(net))
    page.pair("НДС 20%", r.grouped(vat))
    page.pair("Всего к оплате", r.grouped(total), size + 3, bold=True)
    page.gap(10)
    page.pair(f"Баланс лицевого счёта на {when:%d.%m.%Y}", f"−{r.grouped(-balance)}" if balance else "0,00", size - 1)
    page.line("Счёт оплачивается до 25 числа месяца, следующего за расчётным.", size - 3, colour=GREY)
    page.gap(20)
    page.line(
        f"Получатель: {operator.name}, ИНН {operator.inn}, КПП {operator.kpp}, р/с {account} в {bank.name}, "
        f"БИК {bank.bic}, к/с {bank.corr_account}. В назначении платежа укажите номер лицевого счёта.",
        size - 3,
    )
    return Drawn(
        page.finish(min_height=1500),
        "telecom-invoice",
        invoice_details(total, when, operator, account, bank, payer=customer.name),
    )


TEMPLATES = (reconciliation_with_bill, power_bill_barcode, tuition_treasury, telecom_invoice)
