"""The tenth round's bills: a municipal kindergarten's quittance for the parents' fee (the treasury «УФК по …
(МБДОУ «Детский сад № …», л/с …)» as the payee, a table of the month's charge, a recalculation for days missed and
the regional compensation taken off, the day it was formed, «Оплатить до», the GOST QR); a gardening partnership's
(СНТ) yearly quittance (membership and target fees by the plot's area, the electricity by two meter readings and the
tariff, one total; a period, no date); and an IT firm's 1C-like bill with VAT added ON TOP of the prices («Итого без
НДС», «НДС 20%», «Всего к оплате»), conditions text with a 50% prepayment, and «Счёт действителен до».

Truth: the treasury (for the kindergarten), the partnership or the firm is paid; the sum due (VAT included, after the
recalculation and compensation; never a line, the sum before VAT or the prepayment's half); the bill's own date where
it prints one, never a due date, a period or a validity's end."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage, qr_image
from bench.layouts.drawn import Drawn, invoice_details

TENTH_PAGE_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
)

_SERVICES = (
    "Сопровождение 1С:Бухгалтерия (ИТС ПРОФ), месяц",
    "Настройка обмена с банком",
    "Абонентское обслуживание рабочих мест",
    "Лицензия антивируса на 1 год",
    "Настройка VPN-доступа",
    "Выезд специалиста (час)",
    "Резервное копирование, месяц",
)


def _gost(payee: r.Party, account: str, bank: r.Bank, total: Decimal, purpose: str, *, extra: str = "") -> str:
    """The payment QR of GOST R 56042 (ST00012)."""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}{extra}"
    )


def kindergarten_fee(rng: random.Random) -> Drawn:
    """A municipal kindergarten's quittance for the parents' fee, as its accounts office prints it: «Квитанция на
    оплату родительской платы», «Дата формирования», the payee «УФК по … (МБДОУ …, л/с …)» with the kindergarten's
    ИНН and КПП, the treasury account 03234…, the bank «ОТДЕЛЕНИЕ …//УФК …», БИК and ЕКС, КБК, ОКТМО, the child and
    the group, a table (charged, days missed, compensation) and «Итого к оплате», «Оплатить до», the QR."""
    office = r.treasury(rng)
    school = r.organisation(rng, sole_trader=False)
    number = rng.randint(2, 180)
    personal = f"20{rng.randint(10, 99)}6{rng.choice('ЦЭЧ')}{r.digits(rng, 5)}"
    name = f"{office.name} (МБДОУ «Детский сад № {number}», л/с {personal})"
    payee = r.Party(name, school.inn, school.kpp, school.address)
    account = r.treasury_account(rng, municipal=True)
    kbk = r.kbk(rng, str(rng.randint(901, 975)))
    month = rng.randrange(0, 10)
    formed = date(2026, month + 1, rng.randint(1, 5)) + timedelta(days=28)
    days = rng.randint(18, 22)
    rate = Decimal(rng.choice(["152.00", "168.50", "185.00", "210.40"]))
    charged = rate * days
    missed = rng.randint(0, 6)
    recalculation = rate * missed
    compensation = ((charged - recalculation) * Decimal(rng.choice([20, 50, 70])) / 100).quantize(Decimal("0.01"))
    total = charged - recalculation - compensation
    parent = r.person(rng)
    child = r.Person(parent.surname, rng.choice(("Артём", "Матвей", "Иван", "Михаил", "Лев")), "")
    period = f"{r.MONTHS_NOMINATIVE[month]} 2026"
    purpose = f"Родительская плата за {period}, {child.surname} {child.first}, л/с {r.digits(rng, 6)}"
    size = rng.randint(16, 18)
    page = SecondPage(1400, rng.choice(TENTH_PAGE_FACES), size, margin=50)
    page.line("КВИТАНЦИЯ НА ОПЛАТУ РОДИТЕЛЬСКОЙ ПЛАТЫ", size + 4, bold=True, align="center")
    page.line(f"за присмотр и уход за ребёнком за {period}", align="center")
    page.pair(f"МБДОУ «Детский сад № {number}»", f"Дата формирования: {formed:%d.%m.%Y}")
    page.gap(10)
    page.grid(
        [
            ["Получатель", name],
            ["ИНН / КПП", f"{payee.inn} / {payee.kpp}"],
            ["Казначейский счёт", account],
            ["Банк получателя", office.bank_printed],
            ["БИК / ЕКС", f"{office.bic} / {office.single_account}"],
            ["КБК / ОКТМО", f"{kbk} / {r.oktmo(rng)}"],
            ["Плательщик", parent.full],
            ["Ребёнок, группа", f"{child.surname} {child.first}, группа «{r.rng_word(rng)}»"],
        ],
        [0.25, 0.75],
        size - 1,
    )
    page.gap(14)
    rows = [
        ["Вид начисления", "Дней", "Тариф", "Сумма, руб."],
        ["Начислено (присмотр и уход)", str(days), f"{rate:.2f}", r.grouped(charged)],
        ["Перерасчёт за дни непосещения", str(missed), f"{rate:.2f}", f"-{r.grouped(recalculation)}"],
        ["Компенсация части родительской платы", "", "", f"-{r.grouped(compensation)}"],
        ["Итого к оплате", "", "", r.grouped(total)],
    ]
    page.grid(rows, [0.52, 0.12, 0.14, 0.22], size - 1, bold_first=True)
    page.gap(10)
    page.line(f"Оплатить до 20.{(formed.month % 12) + 1:02d}.2026 без комиссии в приложении банка", size - 1)
    page.gap(10)
    top = page.y
    page.inset(qr_image(_gost(payee, account, office.as_bank, total, purpose, extra=f"|CBC={kbk}"), 230), x=page.margin)
    bottom, page.y = page.y, top + 40
    page.line(f"Назначение: {purpose}", size - 2, indent=270)
    page.line(f"К ОПЛАТЕ: {r.grouped(total)} руб.", size + 6, bold=True, indent=270)
    page.y = max(page.y, bottom)
    return Drawn(
        page.finish(),
        "kindergarten-fee",
        invoice_details(
            total,
            formed,
            payee,
            account,
            office.as_bank,
            payer=parent.full,
            purpose=purpose,
            bank_name=office.bank_printed,
        ),
    )


def snt_membership(rng: random.Random) -> Drawn:
    """A gardening partnership's yearly quittance in the ПД-4 form: «Извещение» and «Квитанция» halves, each with
    «СНТ «…»», ИНН, КПП, the 40703 account, bank, БИК, к/с, the plot and the member, a table (membership fee per
    сотка, a target fee, electricity by «Показания предыдущие / текущие» × tariff) and «Итого», «за 2026 год»."""
    base = r.organisation(rng, sole_trader=False)
    snt = r.Party(f"СНТ «{r.rng_word(rng)}»", base.inn, base.kpp, base.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40703")
    member = r.person(rng)
    plot = rng.randint(1, 420)
    area = Decimal(rng.choice([4, 6, 6, 8, 10, 12]))
    rate = Decimal(rng.choice([800, 950, 1200, 1500]))
    membership = area * rate
    target = Decimal(rng.choice([0, 1500, 2000, 3000]))
    before = rng.randint(1000, 9000)
    after = before + rng.randint(80, 1400)
    tariff = Decimal(rng.choice(["5.34", "6.12", "6.88", "7.01"]))
    power = (tariff * (after - before)).quantize(Decimal("0.01"))
    total = membership + target + power
    purpose = f"Членские и целевые взносы, электроэнергия за 2026 год, участок № {plot}"
    size = rng.randint(16, 18)
    page = SecondPage(1500, rng.choice(TENTH_PAGE_FACES), size, margin=40)
    page.line("Форма № ПД-4", size - 3, align="right")
    for half in ("Извещение", "Квитанция"):
        top = page.y
        page.line(half, size + 1, bold=True)
        page.gap(220)
        page.line("Кассир", size - 2)
        left_bottom = page.y
        page.y = top
        indent = 250
        page.line(snt.name, size + 2, bold=True, indent=indent)
        page.line(f"ИНН {snt.inn}  КПП {snt.kpp}  р/с {account}", indent=indent)
        page.line(f"в {bank.name}  БИК {bank.bic}  к/с {bank.corr_account}", indent=indent)
        page.line(f"Плательщик: {member.full}, участок № {plot}, площадь {area} сот.", indent=indent)
        page.line(f"Назначение: {purpose}", size - 1, indent=indent)
        page.y += 4
        block = SecondPage(page.width - page.margin * 2 - indent, page.face, size - 2, margin=2)
        block.grid(
            [
                ["Вид платежа", "Расчёт", "Сумма"],
                ["Членский взнос", f"{area} сот. × {rate} руб.", r.grouped(membership)],
                ["Целевой взнос (дорога)", "", r.grouped(target)],
                ["Электроэнергия", f"{after} - {before} = {after - before} кВт·ч × {tariff}", r.grouped(power)],
                ["Итого", "", r.grouped(total)],
            ],
            [0.34, 0.44, 0.22],
            size - 2,
            bold_first=True,
        )
        page.inset(block.finish(), x=page.margin + indent)
        page.line(f"Сумма платежа: {r.rub_kop(total)}", bold=True, indent=indent)
        page.line("Дата ________  Подпись плательщика ____________", size - 2, indent=indent)
        page.y = max(page.y, left_bottom) + 10
        page.vertical_rule(page.margin + indent - 14, top, page.y)
        page.rule(dashed=half == "Извещение", thickness=1)
    page.line("Взносы за 2026 год оплатить до 30 июня 2026 г. Правление СНТ.", size - 3, colour=GREY)
    return Drawn(
        page.finish(),
        "snt-membership",
        invoice_details(total, None, snt, account, bank, payer=member.full, purpose=purpose),
    )


def vat_on_top_invoice(rng: random.Random) -> Drawn:
    """An IT firm's 1C-like «Счёт на оплату» whose prices are WITHOUT VAT: the bank grid, «Поставщик» and
    «Покупатель», a table of services, «Итого без НДС», «НДС 20%», «Всего к оплате», the sum in words, conditions
    (50% prepayment within three banking days, «Счёт действителен до»), the signatures."""
    supplier = r.organisation(rng, sole_trader=False)
    buyer = r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    when = r.past_day(rng)
    valid = when + timedelta(days=rng.choice([5, 10, 14]))
    number = rng.randint(10, 2400)
    lines = []
    for name in rng.sample(_SERVICES, rng.randint(2, 5)):
        qty = rng.choice([1, 1, 2, 3, 5])
        price = Decimal(rng.randint(8, 240) * 50)
        lines.append((name, qty, price, price * qty))
    net = sum((line[3] for line in lines), Decimal(0))
    vat = (net * Decimal("0.2")).quantize(Decimal("0.01"))
    total = net + vat
    size = rng.randint(16, 18)
    page = SecondPage(1400, rng.choice(TENTH_PAGE_FACES), size, margin=60)
    page.grid(
        [
            [bank.name, f"БИК {bank.bic}"],
            ["Банк получателя", f"Сч. № {bank.corr_account}"],
            [f"ИНН {supplier.inn}    КПП {supplier.kpp}", f"Сч. № {account}"],
            [f"{supplier.name}\nПолучатель", ""],
        ],
        [0.62, 0.38],
        size - 2,
    )
    page.gap(20)
    months = r.MONTHS_GENITIVE[when.month - 1]
    page.line(f"Счёт на оплату № {number} от {when.day} {months} {when.year} г.", size + 6, bold=True)
    page.rule(thickness=2)
    page.line(f"Поставщик (Исполнитель): {supplier.name}, ИНН {supplier.inn}, КПП {supplier.kpp}, {supplier.address}")
    page.line(f"Покупатель (Заказчик): {buyer.name}, ИНН {buyer.inn}, КПП {buyer.kpp}, {buyer.address}")
    page.line(f"Основание: Договор № {rng.randint(1, 99)}/ИТ-{rng.randint(20, 26)}", size - 1)
    page.gap(10)
    rows = [["№", "Работы, услуги", "Кол-во", "Ед.", "Цена без НДС", "Сумма без НДС"]]
    for index, (name, qty, price, line_sum) in enumerate(lines, 1):
        rows.append([str(index), name, str(qty), "усл", r.grouped(price), r.grouped(line_sum)])
    page.grid(rows, [0.05, 0.47, 0.09, 0.07, 0.16, 0.16], size - 2, bold_first=True)
    page.gap(6)
    page.pair("", f"Итого без НДС: {r.grouped(net)}", bold=True)
    page.pair("", f"НДС 20%: {r.grouped(vat)}", bold=True)
    page.pair("", f"Всего к оплате: {r.grouped(total)}", bold=True)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.", size - 1)
    page.line(r.in_words(total).capitalize(), bold=True)
    page.gap(10)
    page.line(
        f"Условия: оплата 50% ({r.grouped((total / 2).quantize(Decimal('0.01')))} руб.) в течение 3 банковских дней, "
        "остаток — по подписании акта. Счёт является офертой; его оплата означает акцепт условий договора. "
        f"Счёт действителен до {valid:%d.%m.%Y}.",
        size - 2,
    )
    page.gap(30)
    page.pair(f"Руководитель ________ {r.person(rng).initials}", f"Бухгалтер ________ {r.person(rng).initials}")
    return Drawn(
        page.finish(),
        "vat-on-top-invoice",
        invoice_details(total, when, supplier, account, bank, payer=buyer.name),
    )


TEMPLATES = (kindergarten_fee, snt_membership, vat_on_top_invoice)
