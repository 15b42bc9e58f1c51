"""The sixth round's bills: a 1C «Счёт на оплату» of many lines that runs onto a second page (the totals, the sum in
words and the signatures on page 2; saved as a two-page PDF, photographed as two sheets side by side), a «Счёт-акт»
of a small contractor (a bill and an act of work done in one: both parties' full requisites as paragraphs, the
customer's bank among them), a small ТСЖ's «Счёт-квитанция» printed from a spreadsheet at a low resolution (meters,
charges, arrears and penalties, the sum due and a GOST QR) and a bilingual «Счёт / Invoice» whose English stands in
italic under the Russian and whose sums print in the English way («12,345.67»)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from PIL import Image

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SIXTH_PAGE_FACES, DotPage, SecondPage
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.pdf import TextPage, bound

_GOODS = (
    ("Саморез по дереву 3,5х35, уп. 200 шт", "уп"),
    ("Дюбель распорный 6х40, уп. 100 шт", "уп"),
    ("Профиль ПН 50х40, 3 м", "шт"),
    ("Профиль ПП 60х27, 3 м", "шт"),
    ("Гипсокартон влагостойкий 12,5 мм", "лист"),
    ("Шпатлёвка финишная 20 кг", "мешок"),
    ("Грунтовка глубокого проникновения 10 л", "шт"),
    ("Лента серпянка 50 мм х 90 м", "рул"),
    ("Уголок перфорированный 3 м", "шт"),
    ("Кабель ВВГнг 3х2,5, бухта 100 м", "бух"),
    ("Автоматический выключатель 16А", "шт"),
    ("Розетка двойная с заземлением", "шт"),
    ("Подрозетник 68 мм", "шт"),
    ("Труба ПП 20 мм, 2 м", "шт"),
    ("Кран шаровой 1/2", "шт"),
    ("Герметик силиконовый 280 мл", "шт"),
    ("Пена монтажная 750 мл", "шт"),
    ("Краска интерьерная белая 9 л", "ведро"),
    ("Валик малярный 250 мм", "шт"),
    ("Перчатки рабочие х/б", "пара"),
    ("Диск отрезной 125х1,2", "шт"),
    ("Сверло по бетону 8х160", "шт"),
    ("Плитка керамическая 30х60", "м2"),
    ("Клей плиточный 25 кг", "мешок"),
    ("Затирка для швов 2 кг", "шт"),
    ("Ламинат 33 класс", "м2"),
    ("Подложка под ламинат 2 мм", "м2"),
    ("Плинтус напольный 2,5 м", "шт"),
    ("Дверь межкомнатная 80 см", "шт"),
    ("Ручка дверная нажимная", "шт"),
)
_JOBS = (
    "Монтаж системы видеонаблюдения",
    "Настройка локальной сети",
    "Ремонт кровли, м2",
    "Вывоз строительного мусора",
    "Обслуживание кондиционера",
    "Замена электропроводки, м",
    "Разработка сайта, этап 1",
    "Бухгалтерское сопровождение за месяц",
)
_SERVICES_EN = (
    ("Консультационные услуги", "Consulting services"),
    ("Перевод технической документации", "Technical translation"),
    ("Лицензия на программное обеспечение", "Software licence"),
    ("Организация выставочного стенда", "Exhibition stand arrangement"),
    ("Техническая поддержка, месяц", "Technical support, month"),
    ("Логистические услуги", "Logistics services"),
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SIDE_BY_SIDE_GAP = 36


def _side_by_side(first: Image.Image, second: Image.Image) -> Image.Image:
    """Two sheets laid side by side, a little apart, on a grey sheet of the scanner's lid (the photos put them on a
    desk)."""
    height = max(first.height, second.height)
    sheet = Image.new("RGB", (first.width + second.width + _SIDE_BY_SIDE_GAP, height), (200, 200, 200))
    sheet.paste(first, (0, 0))
    sheet.paste(second, (first.width + _SIDE_BY_SIDE_GAP, 0))
    return sheet


def _totals(
    page: SecondPage,
    rng: random.Random,
    *,
    net: Decimal,
    vat: Decimal,
    total: Decimal,
    on_top: bool,
    count: int,
    when: date,
) -> None:
    """The foot of 1C's invoice: «Итого», the VAT (inside the sum or on top of it), «Всего к оплате», the count of
    lines and the sum, the sum in words, the terms and the signatures."""
    size = page.size
    page.gap(8)
    page.pair("", f"Итого:   {r.grouped(net)}", bold=True)
    page.pair("", f"{'Сумма НДС' if on_top else 'В том числе НДС'} 20%:   {r.grouped(vat)}", bold=True)
    page.pair("", f"Всего к оплате:   {r.grouped(total)}", bold=True)
    page.gap(8)
    page.line(f"Всего наименований {count}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    page.gap(10)
    page.line(f"Оплатить не позднее {when + timedelta(days=rng.choice([3, 5])):%d.%m.%Y}", size - 2)
    page.line("Счет действителен в течение 5 банковских дней.", size - 2)
    page.rule(thickness=3)
    page.gap(30)
    chief = r.person(rng)
    page.line(f"Руководитель ____________ {chief.initials}      Бухгалтер ____________ {r.person(rng).initials}")


def onec_two_pages(rng: random.Random) -> Drawn:
    """1C's «Счёт на оплату» of 40-46 goods lines that fills its first page with the bank grid, the parties and the
    table's first rows; page 2 goes on with the table under its header again, then «Итого», «НДС» (inside the sum or
    on top of it), «Всего к оплате», «Всего наименований N, на сумму …», the sum in words, the terms, the
    signatures. Saved as a two-page PDF with a text layer; its photos show both sheets side by side."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    printed_bank = r.bank_printed(rng, bank)
    account = r.account(rng, bank.bic)
    lines = [
        (
            f"{name}, арт. {r.digits(rng, 6)}",
            unit,
            Decimal(rng.randint(1, 12)),
            Decimal(rng.randint(3000, 250000)) / 100,
        )
        for name, unit in (rng.choice(_GOODS) for _ in range(rng.randint(40, 46)))
    ]
    net = sum((qty * price for _, _, qty, price in lines), Decimal(0))
    on_top = rng.random() < 0.5
    vat = (net / 5).quantize(Decimal("0.01")) if on_top else r.vat_part(net, 20)
    total = net + vat if on_top else net
    when = r.past_day(rng)
    number = rng.randint(1, 2400)
    size = rng.randint(19, 20)
    face = rng.choice(SIXTH_PAGE_FACES[:2] + SIXTH_PAGE_FACES[3:5])
    face = (face[0], face[0].replace("-Regular", "-Bold").replace("-Italic", "-Bold"))
    height = round(1240 * 1.414)
    first = TextPage(1240, face, size, margin=70)
    first.line("Внимание! Оплата данного счета означает согласие с условиями поставки товара.", size - 4)
    first.gap(8)
    first.grid(
        [
            [printed_bank, "БИК", bank.bic],
            ["", "Сч. №", bank.corr_account],
            ["Банк получателя", "", ""],
            [f"ИНН {supplier.inn}        КПП {supplier.kpp}", "Сч. №", account],
            [supplier.name, "", ""],
            ["Получатель", "", ""],
        ],
        [0.58, 0.1, 0.32],
        size - 1,
    )
    first.gap(20)
    title = f"Счет на оплату № {number} от {when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year} г."
    first.line(title, size + 7, bold=True)
    first.rule(thickness=3)
    first.grid(
        [
            [
                "Поставщик (Исполнитель):",
                f"{supplier.name}, ИНН {supplier.inn}, КПП {supplier.kpp}, {supplier.address}",
            ],
            ["Покупатель (Заказчик):", f"{buyer.name}, ИНН {buyer.inn}, КПП {buyer.kpp}, {buyer.address}"],
            ["Основание:", f"Договор поставки № {rng.randint(1, 99)}/{rng.randint(20, 26)}"],
        ],
        [0.24, 0.76],
        size - 1,
    )
    first.gap(10)
    header = ["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"]
    widths = [0.05, 0.49, 0.09, 0.07, 0.15, 0.15]
    rows = [
        [str(index), name, str(qty), unit, r.grouped(price), r.grouped(qty * price)]
        for index, (name, unit, qty, price) in enumerate(lines, 1)
    ]
    first.grid([header], widths, size - 1, bold_first=True)
    split = 0
    while split < len(rows) - 8 and first.y < height - 4 * size - 70:
        first.grid([rows[split]], widths, size - 1)
        split += 1
    first.line("стр. 1", size - 4, align="right", colour=GREY)
    second = TextPage(1240, face, size, margin=70)
    second.line(f"Счет на оплату № {number} от {when:%d.%m.%Y}", size - 3, colour=GREY)
    second.grid([header, *rows[split:]], widths, size - 1, bold_first=True)
    _totals(second, rng, net=net, vat=vat, total=total, on_top=on_top, count=len(lines), when=when)
    second.line("стр. 2", size - 4, align="right", colour=GREY)
    pages = [first.finish(min_height=height), second.finish(min_height=height)]
    created = r.moment(rng, when)
    return Drawn(
        _side_by_side(*pages),
        "1c-invoice-two-pages",
        invoice_details(total, when, supplier, account, bank, payer=buyer.name, bank_name=printed_bank),
        pdf=bound([first.pdf(pages[0].height, created), second.pdf(pages[1].height, created)], created),
    )


def invoice_act(rng: random.Random) -> Drawn:
    """A small contractor's «Счёт-акт» (one paper for the bill and the act of work done): its number and date, the
    contractor («Исполнитель») and the customer («Заказчик») as paragraphs of full requisites, each with its own bank,
    the contract, a table of jobs, «Итого», «НДС не облагается» or «в т.ч. НДС», «Всего к оплате», the sum in words,
    the clause that paying it accepts the work, and both parties' signature blocks with their names again."""
    contractor = r.organisation(rng)
    customer = r.organisation(rng, sole_trader=False)
    bank, customer_bank = r.bank(rng), r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if contractor.kpp is None else "40702")
    customer_account = r.account(rng, customer_bank.bic)
    jobs = [
        (name, Decimal(rng.randint(1, 4)), Decimal(rng.randint(800, 15000)))
        for name in rng.sample(_JOBS, rng.randint(1, 4))
    ]
    total = sum((qty * price for _, qty, price in jobs), Decimal(0))
    with_vat = contractor.kpp is not None and rng.random() < 0.5
    when = r.past_day(rng)
    number = rng.randint(1, 300)
    size = rng.randint(17, 18)
    face = rng.choice(SIXTH_PAGE_FACES)
    page = SecondPage(1240, face, size, margin=70)
    page.line(f"СЧЁТ-АКТ № {number} от {when:%d.%m.%Y}", size + 7, align="center")
    page.line("на оплату и о выполнении работ (оказании услуг)", size, bold=True, align="center")
    page.gap(16)

    def requisites(role: str, party: r.Party, own_bank: r.Bank, own_account: str) -> None:
        kpp = f", КПП {party.kpp}" if party.kpp else ""
        page.line(
            f"{role}: {party.name}, ИНН {party.inn}{kpp}, адрес: {party.address}, р/с {own_account} в "
            f"{own_bank.name}, БИК {own_bank.bic}, к/с {own_bank.corr_account}",
            size,
        )
        page.gap(8)

    requisites("Исполнитель", contractor, bank, account)
    requisites("Заказчик", customer, customer_bank, customer_account)
    page.line(
        f"Основание: договор подряда № {rng.randint(1, 90)} от {when - timedelta(days=rng.randint(10, 200)):%d.%m.%Y}"
    )
    page.gap(10)
    table = [["№", "Наименование работ, услуг", "Кол-во", "Цена, руб.", "Сумма, руб."]]
    for index, (name, qty, price) in enumerate(jobs, 1):
        table.append([str(index), name, str(qty), r.grouped(price), r.grouped(qty * price)])
    page.grid(table, [0.06, 0.5, 0.1, 0.17, 0.17], size - 1)
    page.gap(6)
    page.pair("", f"Итого: {r.grouped(total)}")
    page.pair("", f"в т.ч. НДС 20%: {r.grouped(r.vat_part(total, 20))}" if with_vat else "НДС не облагается")
    page.pair("", f"Всего к оплате: {r.grouped(total)}")
    page.line(f"Сумма прописью: {r.in_words(total)}")
    page.gap(10)
    page.line(
        "Оплата настоящего счёта-акта означает согласие Заказчика с качеством и сроками выполненных работ; "
        "при оплате акт считается подписанным обеими сторонами. Срок оплаты — 5 банковских дней.",
        size - 2,
        bold=True,
    )
    page.gap(30)
    page.pair("Исполнитель:", "Заказчик:")
    page.pair(contractor.name, customer.name, size - 1)
    page.pair("____________ / подпись /", "____________ / подпись /", size - 1)
    page.pair("М.П.", "М.П.", size - 2)
    return Drawn(
        page.finish(min_height=1500),
        "invoice-act",
        invoice_details(total, when, contractor, account, bank, payer=customer.name),
    )


def tsz_sheet_bill(rng: random.Random) -> Drawn:
    """A small ТСЖ's «Счёт-квитанция» for a month printed from a spreadsheet by a cheap printer (drawn at half size
    without anti-aliasing, every dot doubled): the ТСЖ's requisites in a header row, the payer, the flat and the
    personal account, a meters table, a charges table (tariff, volume, «Начислено», «Перерасчёт»), the arrears,
    «Пени», «ИТОГО К ОПЛАТЕ» (charges, arrears and penalties), the GOST QR of that sum and «Оплатить до …»."""
    association = r.organisation(rng, sole_trader=False)
    payee = r.Party(f"ТСЖ «{r.rng_word(rng)}»", association.inn, association.kpp, association.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40703")
    payer = r.person(rng)
    personal = r.digits(rng, 6)
    month = rng.randrange(11)
    charges = [
        ("Содержание жилья", Decimal(rng.randint(2200, 4800)) / 100, Decimal(rng.randint(35, 90))),
        ("Взнос на капремонт", Decimal(rng.randint(1100, 1800)) / 100, Decimal(rng.randint(35, 90))),
        ("Холодная вода", Decimal(rng.randint(3500, 5500)) / 100, Decimal(rng.randint(2, 9))),
        ("Горячая вода", Decimal(rng.randint(19000, 26000)) / 100, Decimal(rng.randint(1, 6))),
        ("Электроэнергия ОДН", Decimal(rng.randint(500, 700)) / 100, Decimal(rng.randint(3, 20))),
    ]
    charged = sum(((tariff * volume).quantize(Decimal("0.01")) for _, tariff, volume in charges), Decimal(0))
    debt = Decimal(rng.choice([0, 0, rng.randint(500, 9000)]))
    penalty = (debt / 300).quantize(Decimal("0.01")) if debt else Decimal(0)
    total = charged + debt + penalty
    purpose = f"Оплата ЖКУ за {r.MONTHS_NOMINATIVE[month]} 2026, л/с {personal}"
    size = rng.randint(9, 10)
    face = rng.choice(SIXTH_PAGE_FACES[:2] + SIXTH_PAGE_FACES[4:5])
    page = DotPage(820, (face[0], face[0].replace("-Regular", "-Bold")), size, margin=20)
    page.line(
        f"СЧЕТ-КВИТАНЦИЯ за {r.MONTHS_NOMINATIVE[month]} 2026 г.   Лицевой счёт № {personal}", size + 3, bold=True
    )
    page.grid(
        [
            [f"Получатель: {payee.name}", f"ИНН/КПП {payee.inn}/{payee.kpp}", f"Р/с {account}"],
            [f"Банк: {bank.name}", f"БИК {bank.bic}", f"К/с {bank.corr_account}"],
        ],
        [0.42, 0.26, 0.32],
    )
    page.grid(
        [[f"Плательщик: {payer.full}", f"Адрес: {payee.address.split(', оф.')[0]}, кв. {rng.randint(1, 120)}"]],
        [0.42, 0.58],
    )
    page.gap(6)
    meters = [["Счётчик", "Заводской №", "Предыдущие", "Текущие", "Расход"]]
    for name in ("ХВС", "ГВС"):
        before = rng.randint(100, 900)
        used = rng.randint(1, 9)
        meters.append([name, r.digits(rng, 8), str(before), str(before + used), str(used)])
    page.grid(meters, [0.2, 0.24, 0.2, 0.18, 0.18])
    page.gap(6)
    table = [["Услуга", "Тариф", "Объём", "Начислено", "Перерасчёт", "Итого"]]
    for name, tariff, volume in charges:
        amount = (tariff * volume).quantize(Decimal("0.01"))
        table.append([name, f"{tariff:.2f}", str(volume), f"{amount:.2f}", "0.00", f"{amount:.2f}"])
    table.append(["Всего за период", "", "", f"{charged:.2f}", "0.00", f"{charged:.2f}"])
    page.grid(table, [0.3, 0.12, 0.1, 0.16, 0.16, 0.16])
    page.gap(4)
    page.pair(f"Задолженность на 01.{month + 1:02d}.2026", f"{debt:.2f}")
    page.pair("Пени", f"{penalty:.2f}")
    page.pair("ИТОГО К ОПЛАТЕ", f"{total:.2f}", size + 3, bold=True)
    page.line(f"Оплатить до 25.{month + 2:02d}.2026", bold=True)
    page.gap(4)
    page.qr(
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}|PersAcc={personal}|LastName={payer.surname}",
        150,
        "left",
    )
    page.line(
        f"Председатель правления {r.person(rng).initials}   Тел. бухгалтерии 8-9{r.digits(rng, 2)}-{r.digits(rng, 3)}"
    )
    return Drawn(
        page.finish(),
        "tsz-sheet-bill",
        invoice_details(total, None, payee, account, bank, payer=payer.full, purpose=purpose),
    )


def _english(value: Decimal) -> str:
    """«12,345.67»: a sum as an English text prints it."""
    return f"{value:,.2f}"


def bilingual_invoice(rng: random.Random) -> Drawn:
    """A «Счёт / Invoice» of a Russian company to a buyer with a foreign parent: every label Russian over English in
    italic, the date both ways, the supplier's bank details («Получатель / Beneficiary», «ИНН / TIN», «Р/с / Account»,
    «Банк / Bank», «БИК / BIC», «К/с / Corr. account», a SWIFT code beside), the table, «Итого / Subtotal», «НДС 20% /
    VAT 20%» on top, «Всего к оплате / Total due: RUB 12,345.67»."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    lines = [
        (ru, en, Decimal(rng.randint(1, 3)), Decimal(rng.randint(5000, 150000)))
        for ru, en in rng.sample(_SERVICES_EN, rng.randint(1, 3))
    ]
    net = sum((qty * price for *_, qty, price in lines), Decimal(0))
    vat = (net / 5).quantize(Decimal("0.01"))
    total = net + vat
    when = r.past_day(rng)
    number = f"{when.year}-{rng.randint(1, 400):03d}"
    swift = "".join(rng.choice("ABCDEFGHKLMNPRSTUVXZ") for _ in range(4)) + "RUMM"
    size = rng.randint(18, 19)
    face = rng.choice(SIXTH_PAGE_FACES)
    page = SecondPage(1240, face, size, margin=80)

    def both(russian: str, english: str, value: str = "", big: int = 0) -> None:
        if value:
            page.pair(russian, value, size + big)
        else:
            page.line(russian, size + big)
        page.line(english, size - 3 + big, bold=True, colour=GREY)

    both(
        f"СЧЁТ № {number} от {when:%d.%m.%Y}",
        f"INVOICE No. {number} dated {_MONTHS_EN[when.month - 1]} {when.day}, {when.year}",
        big=8,
    )
    page.gap(20)
    both("Поставщик:", "Supplier:", supplier.name)
    page.line(f"{supplier.address}", size - 2)
    both("Покупатель:", "Buyer:", buyer.name)
    page.gap(16)
    page.line("Банковские реквизиты", size + 2)
    page.line("Bank details", size - 1, bold=True, colour=GREY)
    for russian, english, value in (
        ("Получатель", "Beneficiary", supplier.name),
        ("ИНН / КПП", "TIN / KPP", f"{supplier.inn} / {supplier.kpp}"),
        ("Расчётный счёт", "Account", account),
        ("Банк получателя", "Beneficiary's bank", bank.name),
        ("БИК", "BIC", bank.bic),
        ("Корр. счёт", "Corr. account", bank.corr_account),
        ("SWIFT", "SWIFT", swift),
    ):
        page.labelled(f"{russian} / {english}", value, 0.38, size)
    page.gap(16)
    table = [["№", "Описание / Description", "Кол-во / Qty", "Цена / Price", "Сумма / Amount"]]
    for index, (ru, en, qty, price) in enumerate(lines, 1):
        table.append([str(index), f"{ru} / {en}", str(qty), _english(price), _english(qty * price)])
    page.grid(table, [0.06, 0.46, 0.14, 0.17, 0.17], size - 1)
    page.gap(10)
    both("Итого:", "Subtotal:", _english(net))
    both("НДС 20%:", "VAT 20%:", _english(vat))
    both("Всего к оплате:", "Total due:", f"RUB {_english(total)}", big=3)
    page.gap(10)
    page.line(f"Срок оплаты — 10 дней / Payment due within 10 days of {when:%d.%m.%Y}", size - 2)
    page.gap(30)
    both(f"Генеральный директор ____________ {r.person(rng).initials}", "General Director")
    return Drawn(
        page.finish(min_height=1600),
        "bilingual-invoice",
        invoice_details(total, when, supplier, account, bank, payer=buyer.name),
    )


TEMPLATES = (onec_two_pages, invoice_act, tsz_sheet_bill, bilingual_invoice)
