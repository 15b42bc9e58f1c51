"""The twelfth round's bills: an energy supplier's single bill («ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ») for electricity by day
and night zones, gas and waste removal, with a debt carried over; a tax office's «НАЛОГОВОЕ УВЕДОМЛЕНИЕ» for three
taxes with its payment slip below the cut line (the УИН, the single tax account's requisites); a sole trader's bill
typed in Word without a grid (its requisites as running lines, the items as tab-set lines); a medical clinic's bill
for a patient's services by their codes, with a discount.

Truth: the sum to pay (after the debt is added, after the discount, the taxes summed); the bill's own day — the
single bill's «Дата формирования» (its only day besides the period and the due day), the notice's date (never its
«не позднее» day), the bill's date (never the visit's); the payee (the supplier, «Казначейство России (ФНС
России)», the ИП, the clinic's company); the payer as printed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.requisites import Bank, Party

TWELFTH_FORM_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
)
_FNS = Party("Казначейство России (ФНС России)", "7727406020", "770801001", "")
_FNS_BANK = Bank(
    "017003983", "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула", "40102810445370000059", "Тула"
)
_FNS_ACCOUNT = "03100643000000018500"
_SERVICES = (
    ("B03.016.003", "Общий (клинический) анализ крови развернутый", (450, 900)),
    ("A04.16.001", "УЗИ органов брюшной полости (комплексное)", (1800, 3200)),
    ("B01.047.001", "Прием (осмотр, консультация) врача-терапевта первичный", (1500, 2800)),
    ("A05.10.006", "Регистрация электрокардиограммы", (600, 1200)),
    ("B01.023.001", "Прием врача-невролога первичный", (1900, 3300)),
    ("A09.05.023", "Исследование уровня глюкозы в крови", (250, 450)),
)
_WORKS = (
    "Разработка логотипа",
    "Верстка лендинга",
    "Настройка контекстной рекламы",
    "Фотосъемка товаров",
    "Перевод документации",
    "Монтаж видеоролика",
)


def _months(when: date) -> str:
    return f"{r.MONTHS_NOMINATIVE[when.month - 1]} {when.year}"


def _gost_qr(payee: Party, account: str, bank: Bank, total: Decimal, extra: str) -> str:
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp or ''}|Sum={round(total * 100)}{extra}"
    )


def energy_single_bill(rng: random.Random) -> Drawn:
    """An energy supplier's «ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ» for a flat: the period, «Дата формирования», the account,
    a services table (electricity by day and night zones from the meters' readings, gas by the norm, waste removal
    per person), «Задолженность на начало периода», «Итого к оплате» with the debt, «Оплатить до», the GOST QR."""
    payee = r.organisation(rng, sole_trader=False)
    payee = Party(f"{rng.choice(['АО', 'ПАО'])} «{r.rng_word(rng)}энергосбыт»", payee.inn, payee.kpp, payee.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    period = date(2026, rng.randint(1, 10), 1)
    formed = period + timedelta(days=rng.randint(32, 38))
    due = date(formed.year, formed.month, 25) if formed.day < 25 else formed + timedelta(days=10)
    day_kwh, night_kwh = rng.randint(90, 260), rng.randint(40, 140)
    day_rate, night_rate = Decimal(rng.randint(640, 790)) / 100, Decimal(rng.randint(240, 380)) / 100
    gas = Decimal(rng.randint(900, 1300)) / 100 * rng.randint(2, 4) * Decimal("8.5")
    people = rng.randint(1, 4)
    waste = Decimal(rng.randint(110, 190)) + Decimal(rng.randint(0, 99)) / 100
    rows = [
        ("Электроэнергия (день)", f"{day_kwh} кВт·ч", day_rate, (day_rate * day_kwh).quantize(Decimal("0.01"))),
        ("Электроэнергия (ночь)", f"{night_kwh} кВт·ч", night_rate, (night_rate * night_kwh).quantize(Decimal("0.01"))),
        ("Газоснабжение (по нормативу)", f"{people} чел.", None, gas.quantize(Decimal("0.01"))),
        ("Обращение с ТКО", f"{people} чел.", waste, waste * people),
    ]
    charged = sum((row[3] for row in rows), Decimal(0))
    debt = rng.choice([Decimal(0), Decimal(rng.randint(50, 900)) + Decimal(rng.randint(0, 99)) / 100])
    total = charged + debt
    personal = r.digits(rng, 10)
    size = rng.randint(20, 23)
    page = SecondPage(1240, rng.choice(TWELFTH_FORM_FACES), size, margin=60)
    page.line("ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ", size + 10, bold=True, align="center")
    page.line(f"за {_months(period)}", size + 2, align="center")
    page.gap(10)
    page.line(f"{payee.name}  ИНН {payee.inn}  КПП {payee.kpp}", size, bold=True)
    page.line(f"Р/с {account} в {bank.name}, БИК {bank.bic}, к/с {bank.corr_account}", size - 2)
    page.gap(6)
    page.pair(f"Лицевой счёт: {personal}", f"Дата формирования: {formed:%d.%m.%Y}")
    page.line(f"Плательщик: {payer.full}")
    page.line(f"Адрес: {r.address(rng).split(', оф.')[0]}, кв. {rng.randint(1, 300)}", size - 2)
    page.gap(8)
    table = [["Услуга", "Объём", "Тариф, руб.", "Начислено, руб."]]
    table += [[name, volume, f"{rate:.2f}" if rate else "—", r.grouped(sum_)] for name, volume, rate, sum_ in rows]
    table.append(["Начислено за период", "", "", r.grouped(charged)])
    page.grid(table, [0.46, 0.16, 0.16, 0.22], size - 2, bold_first=True)
    page.gap(8)
    page.pair("Задолженность на начало периода", f"{r.grouped(debt)} руб.")
    page.pair("Оплачено в периоде", "0,00 руб.")
    page.pair("ИТОГО К ОПЛАТЕ", f"{r.grouped(total)} руб.", size + 6, bold=True)
    page.line(f"Оплатить до {due:%d.%m.%Y}. Показания передавайте с 15 по 25 число.", size - 2, colour=GREY)
    page.gap(10)
    page.qr(_gost_qr(payee, account, bank, total, f"|LastName={payer.surname}|PersAcc={personal}"), 280, "left")
    page.line("Отсканируйте QR-код в приложении банка", size - 4, colour=GREY)
    details = invoice_details(total, formed, payee, account, bank, payer=payer.full)
    return Drawn(page.finish(min_height=1754), "energy-single-bill", details)


def tax_notice(rng: random.Random) -> Drawn:
    """A «НАЛОГОВОЕ УВЕДОМЛЕНИЕ № … от …» for a person: the transport, property and land taxes (the base, the rate,
    the months owned, each tax's sum), «Сумма к уплате», «не позднее 01 декабря 2026 года», and below the cut line
    the payment slip (the ЕНП's requisites, the УИН, the sum again) with its QR."""
    payer = r.person(rng)
    when = date(2026, rng.randint(6, 9), rng.randint(1, 28))
    taxes = [
        ("Транспортный налог", f"{rng.randint(90, 250)} л.с.", Decimal(rng.choice([10, 15, 25, 35]))),
        ("Налог на имущество физических лиц", f"{rng.randint(900, 6000)}000", Decimal("0.1")),
        ("Земельный налог", f"{rng.randint(300, 2000)}000", Decimal("0.3")),
    ]
    sums = [Decimal(rng.randint(300, 9000)) for _ in taxes]
    total = sum(sums, Decimal(0))
    uin = r.digits(rng, 20)
    size = rng.randint(19, 21)
    page = SecondPage(1240, rng.choice(TWELFTH_FORM_FACES), size, margin=70)
    page.line(
        f"Межрайонная ИФНС России № {rng.randint(1, 30)} по {rng.choice(['Тульской', 'Калужской', 'Рязанской'])}"
        " области",
        size - 2,
    )
    page.line(f"{payer.full}", size, bold=True, align="right")
    page.line(f"ИНН {r.inn_person(rng)}", size - 2, align="right")
    page.gap(10)
    page.line(f"НАЛОГОВОЕ УВЕДОМЛЕНИЕ № {r.digits(rng, 8)} от {when:%d.%m.%Y}", size + 6, bold=True, align="center")
    page.line(f"Уважаемый(ая) {payer.first} {payer.patronymic}!", size)
    page.line("Сообщаем, что Вам необходимо уплатить налоги за 2025 год в сумме, указанной ниже.", size - 2)
    table = [["Налог", "Налоговая база", "Ставка", "Сумма, руб."]]
    table += [[name, base, f"{rate}", r.grouped(sum_)] for (name, base, rate), sum_ in zip(taxes, sums, strict=True)]
    page.grid(table, [0.46, 0.2, 0.12, 0.22], size - 2, bold_first=True)
    page.gap(8)
    page.pair("Сумма к уплате:", f"{r.grouped(total)} руб.", size + 2, bold=True)
    page.line("Срок уплаты — не позднее 01 декабря 2026 года.", size, bold=True)
    page.gap(20)
    page.line(
        "- - - - - - - - - - - - - - - - - - линия отреза - - - - - - - - - - - - - - - - - -",
        size - 4,
        colour=GREY,
        align="center",
    )
    page.line("ПЛАТЁЖНЫЙ ДОКУМЕНТ (единый налоговый платёж)", size + 2, bold=True)
    page.pair("Получатель", _FNS.name, size - 2)
    page.pair("ИНН / КПП получателя", f"{_FNS.inn} / {_FNS.kpp}", size - 2)
    page.pair("Банк получателя", _FNS_BANK.name, size - 2)
    page.pair("БИК", _FNS_BANK.bic, size - 2)
    page.pair("Номер счёта банка получателя (ЕКС)", _FNS_BANK.corr_account, size - 2)
    page.pair("Номер казначейского счёта", _FNS_ACCOUNT, size - 2)
    page.pair("КБК", "18201061201010000510", size - 2)
    page.pair("УИН", uin, size - 2, bold=True)
    page.pair("Плательщик", payer.full, size - 2)
    page.pair("Сумма платежа", f"{r.grouped(total)} руб.", size + 2, bold=True)
    page.qr(
        _gost_qr(_FNS, _FNS_ACCOUNT, _FNS_BANK, total, f"|UIN={uin}|LastName={payer.surname}|CBC=18201061201010000510"),
        260,
        "right",
    )
    details = invoice_details(total, when, _FNS, _FNS_ACCOUNT, _FNS_BANK, payer=payer.full)
    return Drawn(page.finish(min_height=1754), "tax-notice", details)


def word_sole_trader_bill(rng: random.Random) -> Drawn:
    """A sole trader's bill typed in Word: the ИП's requisites as running lines at the top, «Счёт № … от …» in the
    middle, the customer, the works as tab-set lines «1. … — 2 шт. × … = …» without any grid, «Итого:», «НДС не
    облагается (УСН)», «Всего к оплате: … (in words)», the ИП's signature."""
    payee = r.organisation(rng, sole_trader=True)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802")
    payer = r.organisation(rng, sole_trader=False)
    when = r.past_day(rng)
    works = [(name, rng.randint(1, 3), Decimal(rng.randint(15, 250) * 100)) for name in rng.sample(_WORKS, 3)]
    total = sum((qty * price for _, qty, price in works), Decimal(0))
    size = rng.randint(22, 25)
    page = SecondPage(1240, rng.choice(TWELFTH_FORM_FACES), size, margin=110)
    page.line(payee.name, size + 2, bold=True)
    page.line(f"ИНН {payee.inn}, ОГРНИП {r.digits(rng, 15)}", size - 2)
    page.line(f"Р/с {account}", size - 2)
    page.line(f"{bank.name}", size - 2)
    page.line(f"БИК {bank.bic}  Кор. счёт {bank.corr_account}", size - 2)
    page.line(f"Тел. +7 9{r.digits(rng, 2)} {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}", size - 2)
    page.gap(40)
    page.line(f"Счёт № {rng.randint(3, 60)} от {r.date_text(rng, when)}", size + 8, bold=True, align="center")
    page.gap(20)
    page.line(f"Заказчик: {payer.name}, ИНН {payer.inn}")
    page.line(f"Основание: договор № {rng.randint(1, 30)}/{when.year} от {r.date_text(rng, when - timedelta(days=40))}")
    page.gap(16)
    for index, (name, qty, price) in enumerate(works, 1):
        page.pair(f"{index}. {name} — {qty} шт. × {r.grouped(price)}", f"{r.grouped(price * qty)} руб.")
    page.gap(10)
    page.pair("Итого:", f"{r.grouped(total)} руб.", bold=True)
    page.line("НДС не облагается (применяется УСН)", size - 2)
    page.gap(10)
    page.line(f"Всего к оплате: {r.grouped(total)} руб. ({r.in_words(total)})", bold=True)
    page.gap(60)
    page.line(f"Индивидуальный предприниматель ____________ /{payee.name.removeprefix('ИП ')}/")
    details = invoice_details(total, when, payee, account, bank, payer=payer.name)
    return Drawn(page.finish(min_height=1754), "word-sole-trader-bill", details)


def clinic_bill(rng: random.Random) -> Drawn:
    """A medical clinic's «СЧЁТ НА ОПЛАТУ МЕДИЦИНСКИХ УСЛУГ»: the clinic's company, its licence, the bank grid, the
    patient as the payer, «Дата приёма» days before the bill, the services by their codes, «Скидка 10%», «Итого к
    оплате», «НДС не облагается (пп. 2 п. 2 ст. 149 НК РФ)»."""
    payee = r.organisation(rng, sole_trader=False)
    clinic = f"Медицинский центр «{r.rng_word(rng)}»"
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    patient = r.person(rng)
    when = r.past_day(rng)
    visit = when - timedelta(days=rng.randint(1, 6))
    chosen = rng.sample(_SERVICES, rng.randint(2, 4))
    prices = [Decimal(rng.randint(low, high) // 10 * 10) for _, _, (low, high) in chosen]
    gross = sum(prices, Decimal(0))
    rate = rng.choice([0, 5, 10])
    discount = (gross * rate / 100).quantize(Decimal("0.01"))
    total = gross - discount
    size = rng.randint(19, 22)
    page = SecondPage(1240, rng.choice(TWELFTH_FORM_FACES), size, margin=70)
    page.line(clinic, size + 8, bold=True)
    page.line(f"{payee.name}, ИНН {payee.inn}, КПП {payee.kpp}", size - 2)
    page.line(f"Лицензия № Л041-{r.digits(rng, 5)}-{r.digits(rng, 2)}/{r.digits(rng, 8)}", size - 4, colour=GREY)
    page.gap(10)
    page.grid(
        [
            [f"Банк получателя: {bank.name}", f"БИК {bank.bic}"],
            ["", f"Сч. № {bank.corr_account}"],
            [f"Получатель: {payee.name}  ИНН {payee.inn} КПП {payee.kpp}", f"Сч. № {account}"],
        ],
        [0.62, 0.38],
        size - 2,
    )
    page.gap(16)
    page.line(f"СЧЁТ НА ОПЛАТУ МЕДИЦИНСКИХ УСЛУГ № {rng.randint(100, 9000)} от {when:%d.%m.%Y}", size + 4, bold=True)
    page.line(f"Пациент (плательщик): {patient.full}")
    page.line(f"Дата приёма: {visit:%d.%m.%Y}   Карта № {r.digits(rng, 6)}")
    rows = [["Код", "Услуга", "Цена, руб."]]
    rows += [[code, name, r.grouped(price)] for (code, name, _), price in zip(chosen, prices, strict=True)]
    page.grid(rows, [0.18, 0.62, 0.2], size - 2, bold_first=True)
    page.gap(8)
    page.pair("Сумма:", r.grouped(gross))
    if discount:
        page.pair(f"Скидка {rate}%:", f"-{r.grouped(discount)}")
    page.pair("Итого к оплате:", f"{r.grouped(total)} руб.", size + 4, bold=True)
    page.line("НДС не облагается (пп. 2 п. 2 ст. 149 НК РФ)", size - 2)
    page.gap(40)
    page.line(f"Администратор ____________ {r.person(rng).initials}")
    details = invoice_details(total, when, payee, account, bank, payer=patient.full)
    return Drawn(page.finish(min_height=1754), "clinic-bill", details)


TEMPLATES = (energy_single_bill, tax_notice, word_sole_trader_bill, clinic_bill)
