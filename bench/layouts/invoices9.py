"""The ninth round's bills: a regional capital-repair fund's quittance for a flat's monthly contribution (two halves,
«ИЗВЕЩЕНИЕ» and «КВИТАНЦИЯ», each with the fund's requisites, the period and the due date, the GOST payment QR
ST00012 with the personal account, the payer's address and the period), a court fee's «Квитанция» ПД-4сб (налог)
with the treasury's real requisites for state fees (Казначейство России (ФНС России), its ЕКС and БИК, КБК, ОКТМО,
УИН «0», the date left blank for the bank), a private notary's numbered «Квитанция» for the tariff and the legal and
technical services, and a 1C «Счёт на оплату» whose goods table runs to thirty or forty lines in a narrow Arial (the
totals far down the page, «Счёт действителен до» beside them).

Truth: the fund, the treasury, the notary or the supplier is paid; the sum due (VAT included, never a line's or a
penalty's sum); the bill's own date where it prints one, never a due date, a period or a validity's end; a
quittance whose date the bank fills in has none."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage, qr_image
from bench.layouts.drawn import Drawn, invoice_details

NINTH_PAGE_FACES = (
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-BoldItalic.ttf"),
    ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-BoldItalic.ttf"),
    ("noto/NotoSerifDisplay-Regular.ttf", "noto/NotoSerifDisplay-BoldItalic.ttf"),
    ("freefont/FreeSans.ttf", "freefont/FreeSansBoldOblique.ttf"),
)
"""The ninth round's form faces: pairs whose bold is an italic or oblique cut no earlier round sets (DejaVu Serif
Bold Italic, Liberation Sans Narrow Bold Italic, Noto Serif Display Bold Italic, FreeSans Bold Oblique)."""

_REGIONS = ("Тульской области", "Калужской области", "Рязанской области", "Ярославской области", "Тверской области")
_COURTS = ("Пролетарский", "Центральный", "Советский", "Зареченский", "Привокзальный")
_GOODS = (
    ("Бумага офисная А4 500л", "пач"),
    ("Картридж лазерный черный", "шт"),
    ("Ручка шариковая синяя", "шт"),
    ("Папка-регистратор 75мм", "шт"),
    ("Степлер №24/6", "шт"),
    ("Скобы для степлера №24/6", "уп"),
    ("Маркер текстовыделитель", "шт"),
    ("Блок для записей 9х9", "шт"),
    ("Клей-карандаш 21г", "шт"),
    ("Файл-вкладыш А4 100шт", "уп"),
    ("Калькулятор настольный", "шт"),
    ("Ножницы офисные 21см", "шт"),
    ("Скотч прозрачный 48мм", "шт"),
    ("Лоток для бумаг", "шт"),
    ("Корректирующая лента", "шт"),
    ("Тетрадь А5 48л", "шт"),
    ("Ежедневник датированный", "шт"),
    ("Бумага для заметок с клеевым краем", "уп"),
    ("Мыло жидкое 5л", "шт"),
    ("Полотенца бумажные Z-сложения", "уп"),
    ("Салфетки для оргтехники", "уп"),
    ("Батарейки АА 4шт", "уп"),
    ("Удлинитель 5 розеток 3м", "шт"),
    ("Мешки для мусора 120л", "рул"),
    ("Средство для мытья стекол", "шт"),
    ("Конверт С4 с окном", "шт"),
    ("Короб архивный", "шт"),
    ("Доска магнитно-маркерная 60х90", "шт"),
    ("Флеш-накопитель 64 ГБ", "шт"),
    ("Мышь компьютерная", "шт"),
    ("Клавиатура проводная", "шт"),
    ("Кофе в зернах 1кг", "уп"),
    ("Чай пакетированный 100шт", "уп"),
    ("Сахар-рафинад 1кг", "уп"),
    ("Стаканы бумажные 250мл", "уп"),
    ("Вода питьевая 19л", "шт"),
    ("Перчатки нитриловые", "уп"),
    ("Губки для посуды", "уп"),
    ("Лампа светодиодная E27", "шт"),
    ("Зажим для бумаг 32мм", "уп"),
)


def _gost(payee: r.Party, account: str, bank: r.Bank, total: Decimal, purpose: str, *, extra: str = "") -> str:
    """The payment QR of GOST R 56042 (ST00012): the payee's requisites, the sum in kopecks, the purpose."""
    return (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}{extra}"
    )


def capital_repair_quittance(rng: random.Random) -> Drawn:
    """A regional fund's quittance for a flat's contribution to capital repair: the upper half «ИЗВЕЩЕНИЕ» and the
    lower «КВИТАНЦИЯ», each with the fund's name, ИНН, КПП, account, bank, БИК and к/с, the personal account, the
    payer and the flat's address and area, the rate per m², «Начислено», a penalty line, «Итого к оплате», «за
    октябрь 2026», «Оплатить до 25.11.2026»; the GOST QR at the left of the upper half."""
    region = rng.choice(_REGIONS)
    base = r.organisation(rng, sole_trader=False)
    fund = r.Party(
        f"НО «Региональный фонд капитального ремонта многоквартирных домов {region}»", base.inn, base.kpp, base.address
    )
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40603")
    payer = r.person(rng)
    personal = r.digits(rng, 12)
    month = rng.randrange(0, 10)
    area = Decimal(rng.randint(280, 1100)) / 10
    rate = Decimal(rng.choice(["9.82", "10.52", "11.30", "12.15", "14.08"]))
    charged = (area * rate).quantize(Decimal("0.01"))
    penalty = Decimal(rng.choice([0, 0, rng.randint(5, 300)])) + Decimal(rng.randint(0, 99)) / 100
    total = charged + penalty
    period = f"{r.MONTHS_NOMINATIVE[month]} 2026"
    purpose = f"Взнос на капитальный ремонт за {period}, л/с {personal}"
    flat = f"{r.address(rng).split(', оф.')[0]}, кв. {rng.randint(1, 300)}"
    size = rng.randint(16, 18)
    page = SecondPage(1500, rng.choice(NINTH_PAGE_FACES), size, margin=40)
    code = qr_image(
        _gost(
            fund,
            account,
            bank,
            total,
            purpose,
            extra=f"|PersAcc={personal}|PayerAddress={flat}|paymPeriod={month + 1:02d}26",
        ),
        240,
    )
    for half in ("ИЗВЕЩЕНИЕ", "КВИТАНЦИЯ"):
        top = page.y
        page.line(half, size + 2, bold=True)
        if half == "ИЗВЕЩЕНИЕ":
            page.inset(code, x=page.margin)
        else:
            page.line("Кассир", size - 2)
        left_bottom = page.y
        page.y = top
        indent = 300
        page.line(fund.name, size + 1, bold=True, indent=indent)
        page.line(f"ИНН {fund.inn}   КПП {fund.kpp}", indent=indent)
        page.line(f"Р/с {account} в {bank.name}", indent=indent)
        page.line(f"БИК {bank.bic}   К/с {bank.corr_account}", indent=indent)
        page.line(f"Лицевой счёт: {personal}     Период: {period}", indent=indent, bold=True)
        page.line(f"Плательщик: {payer.full}", indent=indent)
        page.line(f"Адрес: {flat}, площадь {area} м²", size - 1, indent=indent)
        page.line(f"Взнос на капремонт: {area} м² × {rate} руб. = {r.grouped(charged)} руб.", size - 1, indent=indent)
        page.line(f"Пени: {r.grouped(penalty)} руб.", size - 1, indent=indent)
        page.line(f"Итого к оплате: {r.grouped(total)} руб.", size + 3, bold=True, indent=indent)
        page.line(f"Оплатить до 25.{month + 2:02d}.2026", size - 1, indent=indent)
        page.line("Подпись плательщика ______________", size - 2, indent=indent)
        page.y = max(page.y, left_bottom) + 10
        page.vertical_rule(page.margin + indent - 14, top, page.y)
        page.rule(dashed=half == "ИЗВЕЩЕНИЕ", thickness=1)
        page.gap(10)
    page.line("Оплата по QR-коду в мобильном приложении банка — без комиссии", size - 3, colour=GREY)
    return Drawn(
        page.finish(),
        "capital-repair-quittance",
        invoice_details(total, None, fund, account, bank, payer=payer.full, purpose=purpose),
    )


_FEE_TREASURY = r.Party(
    "Казначейство России (ФНС России)", "7727406020", "770801001", "109097, г. Москва, ул. Ильинка, д. 9"
)
_FEE_BANK = r.Bank(
    "017003983", "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула", "40102810445370000059", "Тула"
)
_FEE_ACCOUNT = "03100643000000018500"
_FEE_KBK = "18210803010011050110"


def court_fee_pd4(rng: random.Random) -> Drawn:
    """A court fee's «Квитанция» in the ПД-4сб (налог) form as a court's site gives it to print: «Извещение» and
    «Квитанция» halves, each with «Казначейство России (ФНС России)», its ИНН, КПП, the treasury account, the
    bank's БИК and the ЕКС, КБК, ОКТМО, «УИН 0», the payer's name, ИНН and address, «Государственная пошлина в …
    районный суд», the sum in roubles and kopecks, and «Дата ____» left for the bank."""
    payer = r.person(rng)
    payer_inn = r.inn_person(rng)
    total = Decimal(rng.choice([300, 300, 3000, 4000, 6000, rng.randint(4000, 60000)]))
    court = rng.choice(_COURTS)
    city = rng.choice(["Тулы", "Калуги", "Рязани", "Твери"])
    purpose = f"Государственная пошлина в {court} районный суд г. {city}"
    oktmo = r.oktmo(rng)
    size = rng.randint(16, 18)
    page = SecondPage(1500, rng.choice(NINTH_PAGE_FACES), size, margin=40)
    page.line("Форма № ПД-4сб (налог)", size - 3, align="right")
    for half in ("Извещение", "Квитанция"):
        top = page.y
        page.line(half, size + 1, bold=True)
        page.gap(200)
        page.line("Кассир", size - 2)
        left_bottom = page.y
        page.y = top
        indent = 260
        page.line(f"Получатель: {_FEE_TREASURY.name}", bold=True, indent=indent)
        page.grid(
            [
                [f"ИНН {_FEE_TREASURY.inn}", f"КПП {_FEE_TREASURY.kpp}", f"ОКТМО {oktmo}"],
                [f"Счёт получателя № {_FEE_ACCOUNT}", f"БИК {_FEE_BANK.bic}", ""],
                [f"Банк получателя: {_FEE_BANK.name}", f"ЕКС {_FEE_BANK.corr_account}", ""],
                [f"КБК {_FEE_KBK}", "УИН 0", "Статус 13"],
            ],
            [0.45, 0.3, 0.25],
            size - 2,
        )
        page.line(f"Наименование платежа: {purpose}", size - 1, indent=indent)
        page.line(f"Плательщик (Ф.И.О.): {payer.full}     ИНН {payer_inn}", size - 1, indent=indent)
        page.line(f"Адрес плательщика: {r.address(rng).split(', оф.')[0]}", size - 1, indent=indent)
        page.line(f"Сумма: {r.rub_kop(total)}", size + 2, bold=True, indent=indent)
        page.line("Дата «___» __________ 20__ г.      Плательщик (подпись) __________", size - 1, indent=indent)
        page.y = max(page.y, left_bottom) + 8
        page.vertical_rule(page.margin + indent - 14, top, page.y)
        page.rule(thickness=1)
        page.gap(8)
    return Drawn(
        page.finish(),
        "court-fee-pd4",
        invoice_details(total, None, _FEE_TREASURY, _FEE_ACCOUNT, _FEE_BANK, payer=payer.full, purpose=purpose),
    )


def notary_quittance(rng: random.Random) -> Drawn:
    """A private notary's «Квитанция № … от …» on the office's letterhead: «Нотариус … нотариального округа»,
    the licence, ИНН, the account at a bank, the action («Удостоверение доверенности»), the tariff by the Tax Code
    and «УПТХ» apart, «Всего к оплате», «Оплатить в течение 3 дней» (a due date), the notary's signature."""
    notary = r.person(rng)
    inn = r.inn_person(rng)
    city = rng.choice(["Тульского", "Калужского", "Рязанского", "Тверского", "Московского"])
    payee = r.Party(f"Нотариус {notary.full}", inn, None, r.address(rng))
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802")
    client = r.person(rng)
    action = rng.choice(
        [
            ("Удостоверение доверенности", 200, 2000),
            ("Свидетельствование верности копии", 10, 90),
            ("Удостоверение согласия супруга", 500, 2800),
            ("Свидетельствование подлинности подписи", 100, 1400),
        ]
    )
    count = rng.choice([1, 1, 2, 3])
    tariff, services = Decimal(action[1] * count), Decimal(action[2] * count)
    total = tariff + services
    when = r.past_day(rng)
    number = rng.randint(10, 2900)
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(NINTH_PAGE_FACES), size, margin=80)
    page.line(f"Нотариус {city} нотариального округа", size + 2, bold=True, align="center")
    page.line(notary.full, size + 4, bold=True, align="center")
    page.line(payee.address, size - 2, align="center")
    page.line(f"Лицензия № {r.digits(rng, 6)}   ИНН {inn}", size - 2, align="center")
    page.rule(thickness=2)
    page.gap(20)
    page.line(f"КВИТАНЦИЯ № {number}", size + 6, bold=True, align="center")
    page.line(f"от {r.date_text(rng, when)}", size + 1, align="center")
    page.gap(20)
    page.line(f"Принято от: {client.full}")
    page.line(
        f"Нотариальное действие: {action[0]}, реестр № {rng.randint(1, 99)}/{rng.randint(1, 999)}-н/"
        f"{r.digits(rng, 2)}-2026-{rng.randint(1, 9)}-{rng.randint(1, 999)}"
    )
    page.gap(10)
    page.grid(
        [
            ["№", "Наименование", "Кол-во", "Сумма, руб."],
            ["1", "Нотариальный тариф (ст. 333.24 НК РФ)", str(count), r.grouped(tariff)],
            ["2", "Услуги правового и технического характера (УПТХ)", str(count), r.grouped(services)],
        ],
        [0.07, 0.6, 0.13, 0.2],
        size - 1,
        bold_first=True,
    )
    page.gap(8)
    page.pair("Всего к оплате:", f"{r.grouped(total)} руб.", size + 3, bold=True)
    page.line(f"({r.in_words(total)})", size - 2)
    page.gap(16)
    page.line("Реквизиты для оплаты:", bold=True)
    page.line(f"Получатель: {payee.name}, ИНН {inn}")
    page.line(f"Р/с {account}")
    page.line(f"Банк: {r.bank_printed(rng, bank)}")
    page.line(f"БИК {bank.bic}, к/с {bank.corr_account}")
    page.gap(10)
    page.line(f"Оплатить до {when + timedelta(days=3):%d.%m.%Y}", size - 1, colour=GREY)
    page.gap(30)
    page.pair(f"Нотариус ____________ {notary.initials}", "М.П.", size)
    purpose = None
    return Drawn(
        page.finish(min_height=1754),
        "notary-quittance",
        invoice_details(total, when, payee, account, bank, payer=client.full, purpose=purpose),
    )


def onec_long_table(rng: random.Random) -> Drawn:
    """A 1C «Счёт на оплату» of an office supplier: the bank grid, «Счет на оплату № … от …», «Поставщик» and
    «Покупатель», a goods table of thirty to forty lines in a narrow face, «Итого», «В том числе НДС», «Всего к
    оплате», the sum in words, and «Счёт действителен до …» (three banking days later) beside «Оплата данного счета
    означает согласие…»."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    lines = []
    for name, unit in rng.sample(_GOODS, rng.randint(30, 40)):
        qty = rng.choice([1, 1, 2, 3, 5, 10, 12, 20])
        price = Decimal(rng.randint(35, 4800)) + Decimal(rng.choice([0, 0, 50, rng.randint(1, 99)])) / 100
        lines.append((name, unit, qty, price))
    total = sum((qty * price for *_, qty, price in lines), Decimal(0))
    vat = r.vat_part(total, 20)
    when = r.past_day(rng)
    number = rng.randint(100, 9999)
    size = rng.randint(15, 16)
    page = SecondPage(1240, rng.choice(NINTH_PAGE_FACES[1:2] + NINTH_PAGE_FACES[3:]), size, margin=60)
    page.grid(
        [
            [bank.name, f"БИК {bank.bic}"],
            ["Банк получателя", f"Сч. № {bank.corr_account}"],
            [f"ИНН {supplier.inn}    КПП {supplier.kpp}", f"Сч. № {account}"],
            [supplier.name, ""],
            ["Получатель", ""],
        ],
        [0.62, 0.38],
        size,
    )
    page.gap(20)
    page.line(f"Счет на оплату № {number} от {r.date_text(rng, when)}", size + 6, bold=True)
    page.rule(thickness=3)
    page.line(f"Поставщик (Исполнитель): {supplier.name}, ИНН {supplier.inn}, КПП {supplier.kpp}, {supplier.address}")
    page.line(f"Покупатель (Заказчик): {buyer.name}, ИНН {buyer.inn}, КПП {buyer.kpp}, {buyer.address}")
    page.line(f"Основание: Договор поставки № {rng.randint(1, 300)}-П", size - 1)
    page.gap(10)
    rows = [["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"]]
    for index, (name, unit, qty, price) in enumerate(lines, 1):
        rows.append([str(index), name, str(qty), unit, r.grouped(price), r.grouped(price * qty)])
    page.grid(rows, [0.05, 0.5, 0.09, 0.07, 0.14, 0.15], size - 1, bold_first=True)
    page.gap(8)
    page.pair("", f"Итого: {r.grouped(total)}", size, bold=True)
    page.pair("", f"В том числе НДС (20%): {r.grouped(vat)}", size, bold=True)
    page.pair("", f"Всего к оплате: {r.grouped(total)}", size, bold=True)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    page.gap(10)
    page.line(
        f"Счет действителен до {when + timedelta(days=rng.randint(3, 10)):%d.%m.%Y}. Оплата данного счета означает "
        "согласие с условиями поставки товара.",
        size - 2,
    )
    page.rule(thickness=3)
    page.gap(20)
    page.pair(f"Руководитель ________ {r.person(rng).initials}", f"Бухгалтер ________ {r.person(rng).initials}")
    return Drawn(
        page.finish(min_height=1754),
        "onec-long-table",
        invoice_details(total, when, supplier, account, bank, payer=buyer.name),
    )


TEMPLATES = (capital_repair_quittance, court_fee_pd4, notary_quittance, onec_long_table)
