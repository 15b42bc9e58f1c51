"""The third round's bills: a 1C «Универсальный передаточный документ» (status 1, landscape, the seller's and the
buyer's ИНН/КПП in numbered lines, no bank at all), an ИП's invoice on a letterhead whose requisites run as one
paragraph with a bank in another city, a regional «Счёт-извещение» for housing with the payee's requisites as one
table row under their headings and a GOST QR at the top, and a «Счёт-договор» whose terms state the sum and whose
two parties' requisites (both with a bank) stand side by side at the foot."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, THIRD_PAGE_FACES, SecondPage
from bench.layouts.drawn import Drawn, details, invoice_details
from model.schema import DocumentType

_CENT = Decimal("0.01")
_GOODS = (
    ("Труба ПП 20 мм, 4 м", "796", "шт"),
    ("Смеситель для раковины", "796", "шт"),
    ("Краска фасадная 9 л", "796", "шт"),
    ("Саморез 4,2х41, 1000 шт", "778", "упак"),
    ("Монтажные работы", "356", "ч"),
    ("Доставка до объекта", "362", "мес"),
    ("Кабель NYM 3х1,5", "006", "м"),
    ("Плитка керамическая 30х60", "055", "м2"),
)


def ogrnip(rng: random.Random) -> str:
    """A 15-digit ОГРНИП with its check digit: (the first 14 as a number mod 13) mod 10."""
    first = "3" + f"{rng.randint(10, 26)}" + f"{rng.randint(1, 89):02d}" + r.digits(rng, 9)
    return first + str(int(first) % 13 % 10)


def _lines(rng: random.Random, rate: int) -> tuple[list[tuple[str, str, str, Decimal, Decimal]], Decimal, Decimal]:
    """Goods as (name, unit code, unit, quantity, price without VAT), their sum without VAT and the VAT."""
    lines = []
    for name, code, unit in rng.sample(_GOODS, rng.randint(2, 4)):
        lines.append((name, code, unit, Decimal(rng.randint(1, 60)), Decimal(rng.randint(80, 12000))))
    net = sum((qty * price for *_, qty, price in lines), Decimal(0))
    vat = sum(((qty * price * rate / 100).quantize(_CENT, ROUND_HALF_UP) for *_, qty, price in lines), Decimal(0))
    return lines, net, vat


def upd(rng: random.Random) -> Drawn:
    """A УПД with status 1 (an invoice and a delivery note at once), landscape: the lines numbered (1)–(8) as the
    form numbers them, «ИНН/КПП продавца» and «ИНН/КПП покупателя», a goods table whose columns are numbered, «Всего
    к оплате (9)» with the sums without and with VAT; no bank and no account anywhere."""
    seller, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    rate = rng.choice([20, 20, 10])
    lines, net, vat = _lines(rng, rate)
    total = net + vat
    when = r.past_day(rng)
    number = rng.randint(1, 3000)
    size = rng.randint(15, 17)
    page = SecondPage(1754, rng.choice(THIRD_PAGE_FACES), size, margin=50)
    header_top = page.y
    page.line("Универсальный", size + 2, bold=True)
    page.line("передаточный", size + 2, bold=True)
    page.line("документ", size + 2, bold=True)
    page.gap(6)
    page.line("Статус: 1", size)
    page.line("1 – счёт-фактура и передаточный документ (акт)", size - 4)
    bottom, page.y = page.y, header_top
    indent = 260
    page.line(f"Счёт-фактура № {number} от {r.date_text(rng, when)}   (1)", size + 4, bold=True, indent=indent)
    page.line("Исправление № --  от --   (1а)", indent=indent)
    seller_kpp = f"{seller.inn}/{seller.kpp}"
    rows = [
        ("Продавец", seller.name, "2"),
        ("Адрес", seller.address, "2а"),
        ("ИНН/КПП продавца", seller_kpp, "2б"),
        ("Грузоотправитель и его адрес", "он же", "3"),
        ("Грузополучатель и его адрес", f"{buyer.name}, {buyer.address}", "4"),
        ("К платёжно-расчётному документу", f"№ {rng.randint(1, 900)} от {when - timedelta(days=3):%d.%m.%Y}", "5"),
        ("Документ об отгрузке", f"№ п/п 1-{len(lines)} № {number} от {when:%d.%m.%Y}", "5а"),
        ("Покупатель", buyer.name, "6"),
        ("Адрес", buyer.address, "6а"),
        ("ИНН/КПП покупателя", f"{buyer.inn}/{buyer.kpp}", "6б"),
        ("Валюта: наименование, код", "Российский рубль, 643", "7"),
        ("Идентификатор государственного контракта", "", "8"),
    ]
    for label, value, mark in rows:
        page.line(f"{label}: {value}   ({mark})", size - 1, indent=indent)
    page.y = max(page.y, bottom) + 10
    head = [
        "№ п/п",
        "Код товара/ работ, услуг",
        "Наименование товара (описание выполненных работ, оказанных услуг)",
        "Единица измерения: код",
        "условное обозначение",
        "Количество (объём)",
        "Цена (тариф) за единицу измерения",
        "Стоимость товаров без налога – всего",
        "В том числе сумма акциза",
        "Налоговая ставка",
        "Сумма налога, предъявляемая покупателю",
        "Стоимость товаров с налогом – всего",
    ]
    numbers = ["А", "Б", "1", "2", "2а", "3", "4", "5", "6", "7", "8", "9"]
    table = [head, numbers]
    for index, (name, code, unit, qty, price) in enumerate(lines, 1):
        line_net = qty * price
        line_vat = (line_net * rate / 100).quantize(_CENT, ROUND_HALF_UP)
        table.append(
            [
                str(index),
                r.digits(rng, 5),
                name,
                code,
                unit,
                f"{qty:.3f}".replace(".", ","),
                r.grouped(price),
                r.grouped(line_net),
                "без акциза",
                f"{rate}%",
                r.grouped(line_vat),
                r.grouped(line_net + line_vat),
            ]
        )
    table.append(
        ["", "", "Всего к оплате (9)", "", "", "", "", r.grouped(net), "X", "", r.grouped(vat), r.grouped(total)]
    )
    widths = [0.04, 0.07, 0.22, 0.06, 0.06, 0.07, 0.08, 0.1, 0.07, 0.06, 0.08, 0.09]
    page.grid(table, widths, size - 2, bold_first=True)
    page.gap(14)
    page.line(f"Документ составлен на {rng.randint(1, 3)} листах", size - 2)
    page.pair(
        f"Руководитель организации ________ {r.person(rng).initials}",
        f"Главный бухгалтер ________ {r.person(rng).initials}",
        size - 1,
    )
    page.gap(8)
    page.line(f"Основание передачи (сдачи) / получения (приёмки): Договор № {rng.randint(1, 99)}-П", size - 2)
    page.line(f"Дата отгрузки, передачи (сдачи): {r.date_text(rng, when)}", size - 2)
    page.line(f"Товар (груз) получил: ________ {r.person(rng).initials}", size - 2, colour=GREY)
    return Drawn(
        page.finish(),
        "upd-status-1",
        details(
            DocumentType.INVOICE,
            total,
            when,
            recipient_name=seller.name,
            recipient_inn=seller.inn,
            recipient_kpp=seller.kpp,
            payer_name=buyer.name,
        ),
    )


def sole_trader_letterhead(rng: random.Random) -> Drawn:
    """An ИП's invoice on a letterhead: the trader's name and ОГРНИП large, the requisites as one paragraph
    («р/с … в … г. Город, БИК …, к/с …») with a bank whose city differs from the trader's, a plain table, «НДС не
    облагается» under the simplified tax system, «Всего к оплате»; the trader's ИНН has 12 digits and no КПП."""
    trader = r.organisation(rng, sole_trader=True)
    buyer = r.organisation(rng)
    home = trader.address.split("г. ")[1].split(",")[0]
    bank = r.bank(rng)
    while bank.city == home or not bank.city:
        bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802")
    printed_bank = f"{bank.name} г. {bank.city}"
    items = [
        (name, unit, Decimal(rng.randint(1, 20)), Decimal(rng.randint(300, 9000)))
        for name, _, unit in rng.sample(_GOODS, rng.randint(1, 3))
    ]
    total = sum((qty * price for _, _, qty, price in items), Decimal(0))
    when = r.past_day(rng)
    size = rng.randint(18, 20)
    page = SecondPage(1240, rng.choice(THIRD_PAGE_FACES), size, margin=80)
    printed_name = f"Индивидуальный предприниматель {trader.name.removeprefix('ИП ')}"
    page.line(printed_name, size + 6, bold=True, align="center")
    page.line(f"ИНН {trader.inn}   ОГРНИП {ogrnip(rng)}", size, align="center")
    page.line(trader.address, size - 2, align="center")
    page.line(f"р/с {account} в {printed_bank}, БИК {bank.bic}, к/с {bank.corr_account}", size - 2, align="center")
    page.rule(thickness=3)
    page.gap(20)
    page.line(f"СЧЁТ № {rng.randint(1, 300)} от {r.date_text(rng, when)}", size + 8, bold=True, align="center")
    page.gap(16)
    buyer_ids = f"ИНН {buyer.inn}" + (f", КПП {buyer.kpp}" if buyer.kpp else "")
    page.line(f"Плательщик: {buyer.name}, {buyer_ids}")
    page.line(f"Адрес плательщика: {buyer.address}", size - 1)
    page.gap(12)
    table = [["№", "Наименование", "Ед. изм.", "Кол-во", "Цена, руб.", "Сумма, руб."]]
    for index, (name, unit, qty, price) in enumerate(items, 1):
        table.append([str(index), name, unit, str(qty), r.grouped(price), r.grouped(qty * price)])
    page.grid(table, [0.06, 0.44, 0.1, 0.1, 0.15, 0.15], size - 1, bold_first=True)
    page.gap(8)
    page.pair("Итого:", r.grouped(total), bold=True)
    page.pair("НДС:", "не облагается")
    page.pair("Всего к оплате:", r.grouped(total), size + 2, bold=True)
    page.line(f"Сумма прописью: {r.in_words(total)}", size - 1)
    page.gap(10)
    page.line(
        "НДС не облагается в связи с применением упрощённой системы налогообложения (ст. 346.11 НК РФ).", size - 3
    )
    page.line(f"Счёт действителен в течение {rng.choice([3, 5, 10])} банковских дней.", size - 3)
    page.gap(40)
    page.line(f"ИП ______________ {trader.name.removeprefix('ИП ').split()[0]} (подпись)", size)
    return Drawn(
        page.finish(),
        "sole-trader-letterhead",
        details(
            DocumentType.INVOICE,
            total,
            when,
            recipient_name=printed_name,
            recipient_inn=trader.inn,
            recipient_account=account,
            bank_name=printed_bank,
            bank_bic=bank.bic,
            bank_corr_account=bank.corr_account,
            payer_name=buyer.name,
        ),
    )


_METERED = (("ХВС", "м³"), ("ГВС", "м³"), ("Электроэнергия день", "кВт·ч"), ("Электроэнергия ночь", "кВт·ч"))
_SERVICES = (
    "Содержание и ремонт общего имущества",
    "Холодное водоснабжение",
    "Горячее водоснабжение (подогрев)",
    "Водоотведение",
    "Отопление",
    "Электроснабжение",
    "Вывоз ТКО",
    "Домофон",
)
_REGIONS = ("Нижегородская область", "Республика Татарстан", "Свердловская область", "Краснодарский край")


def regional_bill(rng: random.Random) -> Drawn:
    """A regional «Счёт-извещение» for housing: the payee's requisites as one table row under a row of headings
    (Получатель | ИНН | КПП | Р/с | Банк | БИК | К/с), a GOST QR at the top beside the payer's block, meters'
    readings (five-digit numbers), the services, then «Долг на начало периода», «Оплачено», «Начислено», «Пени» and
    «Итого к оплате» (the charge and the penalty)."""
    payee = r.organisation(rng, sole_trader=False)
    payee = r.Party(f"ООО «Расчётный центр «{r.rng_word(rng)}»", payee.inn, payee.kpp, payee.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    personal = r.digits(rng, 9)
    month = rng.randrange(11)
    period = f"{r.MONTHS_NOMINATIVE[month]} 2026"
    charges = [(name, Decimal(rng.randint(8000, 450000)) / 100) for name in rng.sample(_SERVICES, rng.randint(4, 7))]
    charged = sum((value for _, value in charges), Decimal(0))
    penalty = Decimal(rng.randint(100, 9000)) / 100 if rng.random() < 0.5 else Decimal(0)
    debt = Decimal(rng.randint(50000, 900000)) / 100
    total = charged + penalty
    purpose = f"Оплата ЖКУ за {period}, л/с {personal}"
    size = rng.randint(15, 17)
    page = SecondPage(1400, rng.choice(THIRD_PAGE_FACES), size, margin=44)
    top = page.y
    gost = (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}|PersAcc={personal}|LastName={payer.surname}|PaymPeriod={month + 1:02d}2026"
    )
    page.qr(gost, 260, align="right")
    qr_bottom, page.y = page.y, top
    page.line("СЧЁТ-ИЗВЕЩЕНИЕ", size + 10, bold=True)
    page.line(f"за {period}", size + 4)
    page.gap(8)
    page.line(f"Лицевой счёт: {personal}", size + 2, bold=True)
    page.line(f"Плательщик: {payer.full}")
    page.line(f"Адрес: {rng.choice(_REGIONS)}, {r.address(rng)}, кв. {rng.randint(1, 200)}")
    page.line(f"Общая площадь: {Decimal(rng.randint(280, 990)) / 10} м²   Проживает: {rng.randint(1, 5)} чел.")
    page.y = max(page.y, qr_bottom) + 6
    page.line("Реквизиты для оплаты", size + 1, bold=True)
    page.grid(
        [
            ["Получатель платежа", "ИНН", "КПП", "Расчётный счёт", "Банк получателя", "БИК", "Корр. счёт"],
            [payee.name, payee.inn, payee.kpp or "", account, bank.name, bank.bic, bank.corr_account],
        ],
        [0.17, 0.1, 0.09, 0.18, 0.19, 0.09, 0.18],
        size - 2,
        bold_first=True,
    )
    page.gap(10)
    page.line("Показания приборов учёта", size + 1, bold=True)
    readings = [["Прибор", "Ед.", "Заводской №", "Предыдущие", "Текущие", "Расход"]]
    for name, unit in rng.sample(_METERED, rng.randint(2, 4)):
        before = rng.randint(100, 60000)
        used = rng.randint(2, 400)
        readings.append([name, unit, r.digits(rng, 8), f"{before:05d}", f"{before + used:05d}", str(used)])
    page.grid(readings, [0.28, 0.08, 0.18, 0.16, 0.16, 0.14], size - 2, bold_first=True)
    page.gap(10)
    table = [["Услуга", "Начислено", "Перерасчёт", "К оплате"]]
    table += [[name, r.grouped(value), "0,00", r.grouped(value)] for name, value in charges]
    page.grid(table, [0.52, 0.16, 0.16, 0.16], size - 1, bold_first=True)
    page.gap(8)
    page.pair("Долг на начало периода:", r.grouped(debt))
    page.pair("Оплачено в прошлом периоде:", r.grouped(debt))
    page.pair("Начислено за период:", r.grouped(charged))
    page.pair("Пени:", r.grouped(penalty))
    page.pair("ИТОГО К ОПЛАТЕ:", f"{r.grouped(total)} руб.", size + 4, bold=True)
    page.gap(8)
    page.line("Оплатить до 25 числа следующего месяца. Передача показаний с 20 по 25 число.", size - 3, colour=GREY)
    return Drawn(
        page.finish(),
        "regional-bill",
        invoice_details(total, None, payee, account, bank, payer=payer.full, purpose=purpose),
    )


def invoice_contract(rng: random.Random) -> Drawn:
    """A «Счёт-договор»: numbered terms, the sum stated in the second («Стоимость услуг составляет … (прописью)»),
    a short table, and the two parties' requisites side by side at the foot, «Исполнитель» and «Заказчик», each with
    an account and a bank (the customer's bank a distractor)."""
    contractor = r.organisation(rng)
    customer = r.organisation(rng, sole_trader=False)
    bank, customer_bank = r.bank(rng), r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if contractor.kpp is None else "40702")
    customer_account = r.account(rng, customer_bank.bic)
    services = rng.sample(
        ["Разработка дизайн-макета", "Настройка рекламной кампании", "Техническое обслуживание", "Обучение персонала"],
        rng.randint(1, 2),
    )
    prices = [Decimal(rng.randint(30, 900) * 100) for _ in services]
    total = sum(prices, Decimal(0))
    when = r.past_day(rng)
    number = f"{rng.randint(1, 99)}/{when:%m}-{rng.randint(1, 9)}"
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(THIRD_PAGE_FACES), size, margin=80)
    page.line(f"СЧЁТ-ДОГОВОР № {number}", size + 8, bold=True, align="center")
    page.pair(f"г. {rng.choice(['Казань', 'Самара', 'Пермь', 'Тверь'])}", r.date_text(rng, when))
    page.gap(10)
    page.line(
        f"{contractor.name}, именуемый в дальнейшем «Исполнитель», с одной стороны, и {customer.name}, именуемое в "
        "дальнейшем «Заказчик», с другой стороны, заключили настоящий счёт-договор о нижеследующем:",
        size - 1,
    )
    page.gap(6)
    table = [["№", "Наименование услуги", "Кол-во", "Цена, руб.", "Сумма, руб."]]
    table += [
        [str(i), name, "1", r.grouped(price), r.grouped(price)]
        for i, (name, price) in enumerate(zip(services, prices, strict=True), 1)
    ]
    page.grid(table, [0.06, 0.5, 0.1, 0.17, 0.17], size - 1, bold_first=True)
    page.gap(8)
    vat = "НДС не облагается" if contractor.kpp is None else "в том числе НДС 20%"
    terms = [
        "1. Исполнитель обязуется оказать услуги, указанные в таблице, а Заказчик — принять и оплатить их.",
        f"2. Стоимость услуг составляет {r.grouped(total)} ({r.in_words(total)}), {vat}.",
        f"3. Оплата производится предоплатой 100% в течение {rng.choice([3, 5])} банковских дней с даты счёта.",
        f"4. Срок оказания услуг — {rng.choice([10, 14, 30])} рабочих дней с даты поступления оплаты.",
        "5. Оплата настоящего счёта-договора означает согласие Заказчика с его условиями.",
        f"6. Счёт-договор действителен до {when + timedelta(days=10):%d.%m.%Y}.",
    ]
    for term in terms:
        page.line(term, size - 1)
    page.gap(16)
    page.line("Реквизиты и подписи сторон", size + 2, bold=True, align="center")

    def column(title: str, party: r.Party, its_account: str, its_bank: r.Bank) -> str:
        ids = f"ИНН {party.inn}" + (f" КПП {party.kpp}" if party.kpp else "")
        return "\n".join(
            [
                title,
                party.name,
                ids,
                party.address,
                f"р/с {its_account}",
                f"в {its_bank.name}",
                f"БИК {its_bank.bic}",
                f"к/с {its_bank.corr_account}",
                "",
                "________________ / подпись /",
            ]
        )

    page.grid(
        [
            [
                column("Исполнитель:", contractor, account, bank),
                column("Заказчик:", customer, customer_account, customer_bank),
            ]
        ],
        [0.5, 0.5],
        size - 1,
    )
    return Drawn(
        page.finish(),
        "invoice-contract",
        invoice_details(total, when, contractor, account, bank, payer=customer.name),
    )


TEMPLATES = (upd, sole_trader_letterhead, regional_bill, invoice_contract)
