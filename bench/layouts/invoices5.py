"""The fifth round's bills: a Moscow ЕПД whose one payee collects for several service providers (each named in the
services table with its own ИНН) with a voluntary insurance line beside the sum due, a tax office's payment document
that comes with a tax notice (УИН, КБК, ОКТМО, the treasury's account and ЕКС, the payer's own ИНН, a due date), a
traffic police ruling's payment slip (the ruling's number as the УИН, the offence's date and time, the halving rule
in words) and a school's ПД-4 for meals into a municipal treasury account, each bill with its GOST payment QR."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, PAGE_FACES, THIRD_PAGE_FACES, SecondPage
from bench.layouts.drawn import Drawn, invoice_details

_FACES = PAGE_FACES[:7] + THIRD_PAGE_FACES[:2]
_PROVIDERS = (
    ("Содержание и ремонт жилого помещения", "ГБУ «Жилищник района {0}»"),
    ("Отопление", "ПАО «Теплосеть {0}»"),
    ("Горячее водоснабжение", "ПАО «Теплосеть {0}»"),
    ("Холодное водоснабжение", "АО «Водоканал {0}»"),
    ("Водоотведение", "АО «Водоканал {0}»"),
    ("Обращение с ТКО", "ООО «Эко-Транс {0}»"),
    ("Запирающее устройство", "ООО «Домофон {0}»"),
    ("Антенна", "ООО «ТВ-Сеть {0}»"),
)
_DISTRICTS = ("Хамовники", "Сокольники", "Марьино", "Тёплый Стан", "Лефортово", "Бутово", "Митино", "Перово")


def _gost(payee: r.Party, account: str, bank: r.Bank, total: Decimal, purpose: str, *, extra: str = "") -> str:
    """The payment QR of GOST R 56042 (ST00012): the payee's requisites, the sum in kopecks, the purpose."""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}{extra}"
    )


def _uin(rng: random.Random, prefix: str) -> str:
    return prefix + r.digits(rng, 20 - len(prefix))


def epd_moscow(rng: random.Random) -> Drawn:
    """A Moscow ЕПД: the header «ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ … за МЕСЯЦ ГГГГ», the payer, the flat and the personal
    account, the payee (the settlement centre) with its requisites, a services table naming each provider and its
    ИНН, «Задолженность на 01.MM», «Оплачено», «ИТОГО К ОПЛАТЕ» and, under it, the sum with voluntary insurance;
    the GOST QR of the sum due; «Оплатить до 10.MM» (a due date, not the document's)."""
    district = rng.choice(_DISTRICTS)
    centre = r.organisation(rng, sole_trader=False)
    payee = r.Party(f"ГБУ «ЕИРЦ {r.rng_word(rng)}»", centre.inn, centre.kpp, "")
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40603")
    payer = r.person(rng)
    personal = r.digits(rng, 10)
    month = rng.randrange(1, 11)
    services = []
    for service, provider in rng.sample(_PROVIDERS, rng.randint(4, 7)):
        charged = Decimal(rng.randint(15000, 900000)) / 100
        services.append((service, provider.format(district), r.inn_org(rng), charged))
    total = sum((charged for *_, charged in services), Decimal(0))
    debt = Decimal(rng.choice([0, 0, rng.randint(100, 5000)]))
    total += debt
    insurance = Decimal(rng.randint(4000, 15000)) / 100
    purpose = f"Оплата ЖКУ за {r.MONTHS_NOMINATIVE[month]} 2026, л/с {personal}"
    size = rng.randint(16, 18)
    page = SecondPage(1500, rng.choice(_FACES), size, margin=40)
    page.line(
        f"ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ для внесения платы за жилищно-коммунальные услуги за "
        f"{r.MONTHS_NOMINATIVE[month].upper()} 2026 г.",
        size + 3,
        bold=True,
        align="center",
    )
    page.gap(8)
    page.grid(
        [
            ["Плательщик:", payer.full, "Код плательщика:", personal],
            ["Адрес:", f"{r.address(rng)}, кв. {rng.randint(1, 400)}", "Площадь, м²:", f"{rng.randint(30, 110)}"],
        ],
        [0.14, 0.46, 0.2, 0.2],
        size - 1,
    )
    page.gap(8)
    page.line("Получатель платежа", size, bold=True)
    page.grid(
        [
            [payee.name, f"ИНН {payee.inn}", f"КПП {payee.kpp}"],
            [f"Р/с {account}", f"в {bank.name}", f"БИК {bank.bic}"],
            [f"К/с {bank.corr_account}", f"Тел. +7 495 {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}", ""],
        ],
        [0.4, 0.38, 0.22],
        size - 1,
    )
    page.gap(8)
    table = [["Вид услуги", "Исполнитель услуги", "ИНН исполнителя", "Начислено, руб."]]
    for service, provider, provider_inn, charged in services:
        table.append([service, provider, provider_inn, r.grouped(charged)])
    page.grid(table, [0.32, 0.34, 0.16, 0.18], size - 1, bold_first=True)
    page.gap(6)
    page.pair(f"Задолженность на 01.{month + 1:02d}.2026", r.grouped(debt), size)
    page.pair("Оплачено в расчётном периоде", r.grouped(Decimal(rng.randint(2000, 9000))), size)
    page.pair("ИТОГО К ОПЛАТЕ", f"{r.grouped(total)} руб.", size + 4, bold=True)
    page.pair("Итого к оплате с учётом добровольного страхования", f"{r.grouped(total + insurance)} руб.", size - 1)
    page.line(f"Оплатить до 10.{month + 2:02d}.2026", size, bold=True)
    page.gap(10)
    page.qr(
        _gost(payee, account, bank, total, purpose, extra=f"|PersAcc={personal}|LastName={payer.surname}"), 260, "left"
    )
    page.line("Оплатить по QR-коду в приложении банка без комиссии", size - 3, colour=GREY)
    return Drawn(
        page.finish(),
        "epd-moscow-providers",
        invoice_details(total, None, payee, account, bank, payer=payer.full, purpose=purpose),
    )


def tax_notice_slip(rng: random.Random) -> Drawn:
    """A tax office's «Платёжный документ» sent with a tax notice: the notice's number and date, the payer's name,
    ИНН and address, the УИН (the document index), the recipient «УФК по … (ИФНС России № …)» with its ИНН and КПП,
    the treasury account 03100643…, the treasury's БИК and ЕКС, КБК and ОКТМО, «Сумма к уплате», «Срок уплаты»."""
    office = r.treasury(rng)
    inspection = f"ИФНС России № {rng.randint(1, 40)}"
    inn = r.inn_org(rng)
    payee = r.Party(f"{office.name} ({inspection})", inn, inn[:4] + "01001", "")
    account = "03100643000000" + r.digits(rng, 2) + "0000"
    uin = _uin(rng, "1820")
    code = "18210601020041000110"
    municipality = r.oktmo(rng)
    payer = r.person(rng)
    payer_inn = r.inn_person(rng)
    total = Decimal(rng.randint(120, 48000)) + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    when = date(2026, rng.randint(6, 10), rng.randint(1, 28))
    due = date(2026, 12, 1)
    purpose = f"Налог на имущество физических лиц за 2025 год, УИН {uin}"
    size = rng.randint(17, 19)
    page = SecondPage(1300, rng.choice(_FACES), size, margin=50)
    page.line(f"Налоговое уведомление № {r.digits(rng, 9)} от {when:%d.%m.%Y}", size, align="right")
    page.line("ПЛАТЁЖНЫЙ ДОКУМЕНТ", size + 6, bold=True, align="center")
    page.line("(для уплаты налогов физическими лицами)", size - 3, align="center", colour=GREY)
    page.gap(10)
    rows = [
        ["Индекс документа (УИН)", uin],
        ["Плательщик", payer.full],
        ["ИНН плательщика", payer_inn],
        ["Адрес плательщика", r.address(rng)],
        ["Получатель", payee.name],
        ["ИНН получателя", payee.inn],
        ["КПП получателя", payee.kpp or ""],
        ["Номер казначейского счёта", account],
        ["Банк получателя", office.bank_printed],
        ["БИК", office.bic],
        ["Единый казначейский счёт", office.single_account],
        ["КБК", code],
        ["ОКТМО", municipality],
        ["Назначение платежа", purpose],
        ["Сумма к уплате, руб.", r.grouped(total)],
        ["Срок уплаты", f"не позднее {due:%d.%m.%Y}"],
    ]
    page.grid(rows, [0.34, 0.66], size)
    page.gap(14)
    page.qr(
        _gost(
            payee,
            account,
            office.as_bank,
            total,
            purpose,
            extra=f"|LastName={payer.surname}|PayerINN={payer_inn}|CBC={code}|OKTMO={municipality}|UIN={uin}",
        ),
        250,
        "left",
    )
    page.line("Подпись плательщика ____________  Дата ____________", size - 1)
    return Drawn(
        page.finish(),
        "tax-notice-slip",
        invoice_details(total, when, payee, account, office.as_bank, payer=payer.full, purpose=purpose),
    )


def traffic_fine_slip(rng: random.Random) -> Drawn:
    """A traffic police ruling's payment slip: «Постановление № 188100…» (the УИН) and its date, the offence's date
    and time and the camera, the car's plate; the payee «УФК по … (ГУ МВД России по …)» with its treasury
    requisites, КБК 188 and ОКТМО; «Сумма штрафа» due, the halving within 20 days said in words; the GOST QR."""
    office = r.treasury(rng)
    inn = r.inn_org(rng)
    payee = r.Party(f"{office.name} (ГУ МВД России по {office.city})", inn, inn[:4] + "01001", "")
    account = "03100643000000017" + r.digits(rng, 1) + "00"
    uin = _uin(rng, "18810")
    code = "18811601123010001140"
    municipality = r.oktmo(rng)
    driver = r.person(rng)
    total = Decimal(rng.choice([500, 500, 1000, 1500, 2000, 3000, 5000]))
    offence = r.moment(rng, r.past_day(rng))
    ruled = offence.date() + timedelta(days=rng.randint(1, 6))
    purpose = f"Штраф по постановлению № {uin} от {ruled:%d.%m.%Y}"
    letters = "АВЕКМНОРСТУХ"
    plate = f"{rng.choice(letters)}{r.digits(rng, 3)}{rng.choice(letters)}{rng.choice(letters[:6])} {r.digits(rng, 2)}"
    size = rng.randint(17, 19)
    page = SecondPage(1300, rng.choice(_FACES), size, margin=50)
    page.line("ПОСТАНОВЛЕНИЕ", size + 6, bold=True, align="center")
    page.line(f"№ {uin} по делу об административном правонарушении", size, align="center")
    page.pair(f"г. {office.city}", f"{ruled:%d.%m.%Y}", size)
    page.gap(8)
    page.line(
        f"{offence:%d.%m.%Y} в {offence:%H:%M:%S} по адресу {r.address(rng)} водитель транспортного средства "
        f"{plate}, собственником которого является {driver.full}, превысил установленную скорость движения. "
        f"Правонарушение зафиксировано комплексом «Кордон», заводской № {r.digits(rng, 6)}.",
        size - 1,
    )
    page.line(f"Назначить административный штраф в размере {total:.0f} рублей.", size, bold=True)
    page.gap(14)
    page.line("Реквизиты для уплаты штрафа", size + 2, bold=True)
    page.grid(
        [
            ["Получатель", payee.name],
            ["ИНН / КПП", f"{payee.inn} / {payee.kpp}"],
            ["Счёт получателя", account],
            ["Банк получателя", office.bank_printed],
            ["БИК / Кор. счёт", f"{office.bic} / {office.single_account}"],
            ["КБК / ОКТМО", f"{code} / {municipality}"],
            ["УИН", uin],
            ["Плательщик", driver.full],
            ["Сумма штрафа", f"{total:.2f} руб."],
        ],
        [0.3, 0.7],
        size,
    )
    page.line(
        "При уплате не позднее двадцати дней со дня вынесения постановления штраф может быть уплачен в размере "
        "половины суммы.",
        size - 3,
    )
    page.gap(10)
    page.qr(
        _gost(payee, account, office.as_bank, total, purpose, extra=f"|LastName={driver.surname}|CBC={code}|UIN={uin}"),
        230,
        "right",
    )
    page.line(f"Инспектор ЦАФАП {r.person(rng).initials}", size - 1)
    return Drawn(
        page.finish(),
        "traffic-fine-slip",
        invoice_details(total, ruled, payee, account, office.as_bank, payer=driver.full, purpose=purpose),
    )


def school_meals_pd4(rng: random.Random) -> Drawn:
    """A school's ПД-4 printed by its accounting program for meals: «Извещение» / «Квитанция» in the left column,
    the payee «Финансовое управление … (МАОУ «СОШ № N», л/с …)», a municipal treasury account 03234643…, the
    treasury's БИК and ЕКС, КБК, ОКТМО, the pupil and the class, «Сумма к оплате» printed, the date left blank."""
    office = r.treasury(rng)
    school = f"МАОУ «СОШ № {rng.randint(1, 180)}»"
    ledger = f"30{r.digits(rng, 3)}Ш{r.digits(rng, 5)}"
    inn = r.inn_org(rng)
    payee = r.Party(
        f"Финансовое управление администрации г. {office.city} ({school}, л/с {ledger})", inn, inn[:4] + "01001", ""
    )
    municipality = r.oktmo(rng)
    account = "03234643" + municipality + "0000"
    code = r.kbk(rng, f"{rng.randint(900, 999)}")
    pupil, parent = r.person(rng), r.person(rng)
    days = rng.randint(12, 22)
    per_day = Decimal(rng.randint(95, 210))
    total = per_day * days
    month = rng.randrange(11)
    purpose = f"Питание {pupil.surname} {pupil.first}, {rng.randint(1, 11)} класс, {r.MONTHS_NOMINATIVE[month]} 2026"
    size = rng.randint(16, 18)
    page = SecondPage(1400, rng.choice(_FACES), size, margin=40)
    left = 260
    for title in ("Извещение", "Квитанция"):
        page.rule(thickness=2)
        body = SecondPage(page.width - left - 2 * page.margin, page.face, size, margin=8)
        body.line(payee.name, size, bold=True)
        body.line("(получатель платежа)", size - 6, colour=GREY)
        body.grid(
            [
                [f"ИНН {payee.inn}", f"КПП {payee.kpp}", f"Сч. {account}"],
                [f"БИК {office.bic}", f"ЕКС {office.single_account}", f"ОКТМО {municipality}"],
            ],
            [0.28, 0.38, 0.34],
            size - 1,
        )
        body.line(f"Банк: {office.bank_printed}", size - 1)
        body.line(f"КБК {code}", size - 1)
        body.line(f"Назначение: {purpose}", size)
        body.line(f"Плательщик: {parent.full}", size)
        body.line(f"{days} дн. × {per_day:.2f} руб.", size - 1)
        body.line(f"Сумма к оплате: {r.grouped(total)} руб.", size + 2, bold=True)
        body.line("Дата ____________   Подпись плательщика ____________", size - 1)
        card = body.finish()
        top = page.y
        page.vertical_rule(page.margin + left - 4, top, top + card.height)
        page.inset(card, page.margin + left)
        page.y = top + 10
        page.line(title, size + 3, bold=True)
        if title == "Извещение":
            page.qr(
                _gost(payee, account, office.as_bank, total, purpose, extra=f"|CBC={code}|OKTMO={municipality}"),
                200,
                "left",
            )
        page.y = top + card.height + 6
    page.rule(thickness=2)
    return Drawn(
        page.finish(),
        "school-meals-pd4",
        invoice_details(total, None, payee, account, office.as_bank, payer=parent.full, purpose=purpose),
    )


TEMPLATES = (epd_moscow, tax_notice_slip, traffic_fine_slip, school_meals_pd4)
