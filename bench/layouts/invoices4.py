"""The fourth round's bills: a 1C «Счёт на оплату» as the program saves it (a PDF with a text layer, the bank grid
of a payment order at the top, «Всего к оплате» under «Итого» and «В том числе НДС»), a ПД-4 housing quittance whose
«Извещение» and «Квитанция» halves repeat the payee's requisites and the sum, with a GOST QR in the first, and a
small ИП's «Счёт» typed in a word processor, the requisites as a label-and-value column."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import FOURTH_PAGE_FACES, GREY, SecondPage
from bench.layouts.drawn import Drawn, details, invoice_details
from bench.layouts.invoices3 import ogrnip
from bench.layouts.pdf import TextPage
from model.schema import DocumentType

_SERVICES_1C = (
    ("Картридж лазерный CF259X", "шт"),
    ("Бумага офисная А4, 500 л.", "пач"),
    ("Техническое обслуживание МФУ", "усл"),
    ("Лицензия на ПО, 12 мес.", "шт"),
    ('Монитор 27" IPS', "шт"),
    ("Настройка сети, выезд специалиста", "ч"),
    ("Кресло офисное", "шт"),
)
_SMALL_JOBS = (
    "Изготовление вывески",
    "Фотосъёмка мероприятия",
    "Разработка логотипа",
    "Ремонт кофемашины",
    "Уборка помещения после ремонта",
    "Перевозка груза по городу",
)


def onec_invoice(rng: random.Random) -> Drawn:
    """1C's «Счёт на оплату» (the form of 1C:Бухгалтерия 3.0): a note above the grid, the grid of «Банк получателя» /
    «БИК» / «Сч. №», «ИНН … | КПП … | Сч. №», «Получатель»; the title with the number and the date in words; the
    supplier and the buyer with their ИНН, КПП and addresses; the goods table; «Итого», «В том числе НДС 20%» and
    «Всего к оплате»; «Всего наименований N, на сумму …» and the sum in words; the terms and signatures. Drawn on a
    page of A4 proportions and saved as a PDF whose text a reader can take without OCR."""
    supplier, buyer = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    rate = rng.choice([20, 20, 0])
    lines = [
        (name, unit, Decimal(rng.randint(1, 30)), Decimal(rng.randint(150, 25000)))
        for name, unit in rng.sample(_SERVICES_1C, rng.randint(1, 4))
    ]
    total = sum((qty * price for _, _, qty, price in lines), Decimal(0))
    vat = r.vat_part(total, rate) if rate else Decimal(0)
    when = r.past_day(rng)
    number = rng.randint(1, 2400)
    with_purpose = rng.random() < 0.5
    purpose = f"Оплата по счёту № {number} от {when:%d.%m.%Y}" + (
        f", в т.ч. НДС {rate}% - {vat:.2f} руб." if rate else ", НДС не облагается"
    )
    size = rng.randint(17, 19)
    page = TextPage(1240, rng.choice(FOURTH_PAGE_FACES), size, margin=70)
    page.line("Внимание! Оплата данного счёта означает согласие с условиями поставки товара.", size - 4)
    page.line("Товар отпускается по факту прихода денег на р/с Поставщика.", size - 4)
    page.gap(10)
    grid = [
        [bank.name, "БИК", bank.bic],
        ["", "Сч. №", bank.corr_account],
        ["Банк получателя", "", ""],
        [f"ИНН {supplier.inn}        КПП {supplier.kpp}", "Сч. №", account],
        [supplier.name, "", ""],
        ["Получатель", "", ""],
    ]
    if with_purpose:
        grid.append([f"Назначение платежа: {purpose}", "", ""])
    page.grid(grid, [0.58, 0.1, 0.32], size - 1)
    page.gap(24)
    page.line(
        f"Счёт на оплату № {number} от {when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year} г.",
        size + 8,
        bold=True,
    )
    page.rule(thickness=3)
    page.gap(6)
    supplier_ids = f"ИНН {supplier.inn}, КПП {supplier.kpp}"
    contract = when - timedelta(days=rng.randint(5, 300))
    buyer_ids = f"ИНН {buyer.inn}" + (f", КПП {buyer.kpp}" if buyer.kpp else "")
    page.grid(
        [
            ["Поставщик (Исполнитель):", f"{supplier.name}, {supplier_ids}, {supplier.address}"],
            ["Покупатель (Заказчик):", f"{buyer.name}, {buyer_ids}, {buyer.address}"],
            [
                "Основание:",
                f"Договор № {rng.randint(1, 99)}-{rng.randint(10, 26)} от {contract:%d.%m.%Y}",
            ],
        ],
        [0.24, 0.76],
        size - 1,
    )
    page.gap(14)
    table = [["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"]]
    for index, (name, unit, qty, price) in enumerate(lines, 1):
        table.append([str(index), name, str(qty), unit, r.grouped(price), r.grouped(qty * price)])
    page.grid(table, [0.05, 0.47, 0.09, 0.07, 0.16, 0.16], size - 1, bold_first=True)
    page.gap(8)
    page.pair("", f"Итого:   {r.grouped(total)}", bold=True)
    page.pair("", f"В том числе НДС {rate}%:   {r.grouped(vat)}" if rate else "Без налога (НДС):   -", bold=True)
    page.pair("", f"Всего к оплате:   {r.grouped(total)}", bold=True)
    page.gap(8)
    page.line(f"Всего наименований {len(lines)}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)
    page.gap(10)
    page.line(f"Оплатить не позднее {when + timedelta(days=rng.choice([3, 5, 10])):%d.%m.%Y}", size - 2)
    page.line("Счёт действителен в течение 5 банковских дней.", size - 2)
    page.rule(thickness=3)
    page.gap(30)
    chief = r.person(rng)
    page.line(f"Руководитель ________________ {chief.initials}     Бухгалтер ________________ {chief.initials}")
    image = page.finish(min_height=round(1240 * 1.414))
    return Drawn(
        image,
        "1c-invoice-pdf",
        invoice_details(
            total, when, supplier, account, bank, payer=buyer.name, purpose=purpose if with_purpose else None
        ),
        pdf=page.pdf(image.height, r.moment(rng, when)),
    )


def pd4_housing(rng: random.Random) -> Drawn:
    """A ПД-4 quittance of a homeowners' association (ТСЖ): two halves ruled apart, «Извещение» over «Кассир» on the
    left of the first and «Квитанция» on the left of the second; each repeats the payee, its ИНН and КПП, account,
    bank, БИК, к/с, the personal account, the purpose and «Сумма платежа: … руб. … коп.»; the GOST QR stands on the
    first half's left; «Сумма платы за услуги» and «Итого» are blanks to be filled at the bank."""
    payee = r.organisation(rng, sole_trader=False)
    payee = r.Party(f"ТСЖ «{r.rng_word(rng)}»", payee.inn, payee.kpp, payee.address)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40703")
    payer = r.person(rng)
    personal = f"{rng.randint(1, 999):03d}{r.digits(rng, 5)}"
    month = rng.randrange(11)
    total = Decimal(rng.randint(150000, 1200000)) / 100
    purpose = f"Взносы на капремонт и содержание за {r.MONTHS_NOMINATIVE[month]} 2026 г."
    gost = (
        f"ST00012|Name={payee.name}|PersonalAcc={account}|BankName={bank.name}|BIC={bank.bic}"
        f"|CorrespAcc={bank.corr_account}|PayeeINN={payee.inn}|KPP={payee.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}|PersAcc={personal}|LastName={payer.surname}|FirstName={payer.first}"
    )
    home = f"{r.address(rng)}, кв. {rng.randint(1, 300)}"
    size = rng.randint(16, 18)
    page = SecondPage(1400, rng.choice(FOURTH_PAGE_FACES), size, margin=40)
    page.line("Форма № ПД-4", size - 3, align="right")
    left = 300
    for half, title in enumerate(("Извещение", "Квитанция")):
        page.rule(thickness=2)
        body = SecondPage(page.width - left - 2 * page.margin, page.face, size, margin=10)
        body.line(payee.name, size + 1, bold=True, align="center")
        body.line("(наименование получателя платежа)", size - 6, align="center", colour=GREY)
        body.grid(
            [
                ["ИНН", payee.inn, "КПП", payee.kpp or ""],
                ["Р/сч.", account, "БИК", bank.bic],
                ["Банк", bank.name, "К/сч.", bank.corr_account],
            ],
            [0.1, 0.45, 0.1, 0.35],
            size - 1,
        )
        body.line(f"Лицевой счёт: {personal}    Период: {month + 1:02d}.2026", size)
        body.line(f"Назначение: {purpose}", size)
        body.line(f"Плательщик (Ф.И.О.): {payer.full}", size)
        body.line(f"Адрес плательщика: {home}", size - 1)
        body.line(f"Сумма платежа: {r.rub_kop(total)}", size + 2, bold=True)
        body.line("Сумма платы за услуги: ______ руб. __ коп.     Итого: ______ руб. __ коп.", size - 1)
        body.line("«___» ____________ 20__ г.", size - 1)
        body.line("С условиями приёма указанной в платёжном документе суммы ознакомлен и согласен.", size - 5)
        body.line("Подпись плательщика ______________", size - 1)
        card = body.finish()
        caption_y = page.y
        page.vertical_rule(page.margin + left - 4, caption_y, caption_y + card.height)
        page.inset(card, page.margin + left)
        page.y = caption_y + 10
        page.line(title, size + 4, bold=True)
        if half == 0:
            page.gap(10)
            page.qr(gost, 250, align="left")
        page.y = max(page.y, caption_y + card.height - 2 * round(size * 1.3))
        page.line("Кассир", size, bold=True)
        page.y = caption_y + card.height + 6
    page.rule(thickness=2)
    return Drawn(
        page.finish(),
        "pd4-housing",
        invoice_details(total, None, payee, account, bank, payer=payer.full, purpose=purpose),
    )


def sole_trader_bill(rng: random.Random) -> Drawn:
    """A small ИП's «Счёт» typed in a word processor: «Счёт № 7» and the date on one line, «Исполнитель» and
    «Заказчик», one or two jobs in a table without borders, «К оплате» in bold; the trader's requisites at the foot
    as a column of labels and values («Расчётный счёт», «Банк», «БИК», «Корр. счёт», «ИНН», «ОГРНИП»)."""
    trader = r.organisation(rng, sole_trader=True)
    customer = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802")
    jobs = [(name, Decimal(rng.randint(15, 400)) * 100) for name in rng.sample(_SMALL_JOBS, rng.randint(1, 2))]
    total = sum((value for _, value in jobs), Decimal(0))
    when = r.past_day(rng)
    size = rng.randint(20, 22)
    page = SecondPage(1240, rng.choice(FOURTH_PAGE_FACES), size, margin=90)
    page.pair(f"Счёт № {rng.randint(1, 60)}", r.date_text(rng, when), size + 10, bold=True)
    page.gap(20)
    page.pair("Исполнитель:", trader.name)
    page.pair("Заказчик:", customer.name)
    page.gap(20)
    for index, (name, value) in enumerate(jobs, 1):
        page.pair(f"{index}. {name}", f"{r.grouped(value)} руб.", leader=".")
    page.gap(10)
    page.pair("К оплате:", f"{r.grouped(total)} руб.", size + 4, bold=True)
    page.line(f"({r.in_words(total)})", size - 2)
    page.line("Без НДС (исполнитель применяет УСН).", size - 2, colour=GREY)
    page.gap(40)
    page.line("Реквизиты для оплаты", size + 2, bold=True)
    for label, printed in (
        ("Получатель", trader.name),
        ("ИНН", trader.inn),
        ("ОГРНИП", ogrnip(rng)),
        ("Расчётный счёт", account),
        ("Банк", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
    ):
        page.pair(label, printed, size - 1)
    page.gap(50)
    page.line(f"{trader.name} ____________________", size)
    return Drawn(
        page.finish(min_height=1500),
        "sole-trader-bill",
        details(
            DocumentType.INVOICE,
            total,
            when,
            recipient_name=trader.name,
            recipient_inn=trader.inn,
            recipient_account=account,
            bank_name=bank.name,
            bank_bic=bank.bic,
            bank_corr_account=bank.corr_account,
            payer_name=customer.name,
        ),
    )


TEMPLATES = (onec_invoice, pd4_housing, sole_trader_bill)
