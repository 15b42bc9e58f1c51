"""Bills to pay: a 1C «Счёт на оплату» with the bank grid on top, a service company's modern invoice with stacked
requisites and a GOST QR, and a ПД-4 form (Извещение and Квитанция halves) of a housing company."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import PAGE_FACES, Page
from bench.layouts.drawn import Drawn, invoice_details

_SERVICES = (
    "Бумага офисная А4, 500 л.",
    "Картридж лазерный",
    "Монтаж вентиляции",
    "Абонентское обслуживание за декабрь",
    "Доставка груза",
    "Разработка сайта, этап 2",
    "Кресло офисное",
    "Консультационные услуги",
    "Аренда помещения",
    "Лицензия на ПО, 12 мес.",
    "Профиль алюминиевый 2 м",
    "Кабель ВВГнг 3х2,5",
)


def _lines(rng: random.Random) -> list[tuple[str, int, Decimal]]:
    return [
        (name, rng.randint(1, 12), Decimal(rng.randint(100, 40000)) + Decimal(rng.choice([0, 50, 99])) / 100)
        for name in rng.sample(_SERVICES, rng.randint(1, 4))
    ]


def _totals(page: Page, subtotal: Decimal, vat: Decimal, total: Decimal, *, vat_mode: str, count: int) -> None:
    """The totals under 1C's goods table: «Итого» before VAT, the VAT line, «Всего к оплате», the sum in words."""
    page.gap(8)
    page.pair("", f"Итого:   {r.grouped(subtotal)}", bold=True)
    if vat_mode == "none":
        page.pair("", "Без налога (НДС)        -", bold=True)
    elif vat_mode == "inside":
        page.pair("", f"В том числе НДС (20%):   {r.grouped(vat)}", bold=True)
    else:
        page.pair("", f"НДС (20%):   {r.grouped(vat)}", bold=True)
    page.pair("", f"Всего к оплате:   {r.grouped(total)}", bold=True)
    page.gap(8)
    page.line(f"Всего наименований {count}, на сумму {r.grouped(total)} руб.")
    page.line(r.in_words(total), bold=True)


def one_c(rng: random.Random) -> Drawn:
    """1C's «Счёт на оплату»: the payment-order grid, «Поставщик (Исполнитель):», «Покупатель (Заказчик):», the goods
    table, «Итого» before «Всего к оплате», the sum in words and a due date; VAT inside or on top of the prices."""
    supplier, buyer = r.organisation(rng), r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if supplier.kpp is None else "40702")
    lines = _lines(rng)
    when = r.day(rng)
    subtotal = sum((price * qty for _, qty, price in lines), Decimal(0))
    vat_mode = rng.choice(["inside", "on_top", "none"])
    if vat_mode == "on_top":
        vat = (subtotal * Decimal("0.2")).quantize(Decimal("0.01"), ROUND_HALF_UP)
        total = subtotal + vat
    else:
        vat = r.vat_part(subtotal, 20) if vat_mode == "inside" else Decimal(0)
        total = subtotal
    size = rng.randint(17, 20)
    page = Page(1240, rng.choice(PAGE_FACES), size, margin=70)
    if rng.random() < 0.5:
        page.line("Образец заполнения платёжного поручения", size, bold=True, align="center")
    bank_cell = r.bank_printed(rng, bank)
    inn_cell = f"ИНН {supplier.inn}" + (f"     КПП {supplier.kpp}" if supplier.kpp else "")
    page.grid(
        [
            [f"{bank_cell}\nБанк получателя", "БИК", bank.bic],
            ["", "Сч. №", bank.corr_account],
            [inn_cell, "Сч. №", account],
            [f"{supplier.name}\nПолучатель", "", ""],
        ],
        [0.56, 0.1, 0.34],
    )
    page.gap(30)
    number = rng.randint(1, 2000)
    page.line(f"Счёт на оплату № {number} от {r.date_text(rng, when)}", size + 8, bold=True)
    page.rule(thickness=3)
    supplier_text = f"{supplier.name}, ИНН {supplier.inn}" + (f", КПП {supplier.kpp}" if supplier.kpp else "")
    buyer_text = f"{buyer.name}, ИНН {buyer.inn}" + (f", КПП {buyer.kpp}" if buyer.kpp else "")
    role = rng.choice([("Поставщик (Исполнитель):", "Покупатель (Заказчик):"), ("Поставщик:", "Покупатель:")])
    page.grid([[role[0], f"{supplier_text}, {supplier.address}"]], [0.24, 0.76], size)
    page.gap(6)
    page.grid([[role[1], f"{buyer_text}, {buyer.address}"]], [0.24, 0.76], size)
    purpose = None
    if rng.random() < 0.6:
        purpose = f"Договор № {rng.randint(1, 99)}/{rng.randint(20, 26)} от {when - timedelta(days=40):%d.%m.%Y}"
        page.gap(6)
        page.grid([["Основание:", purpose]], [0.24, 0.76], size)
    page.gap(16)
    rows = [["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"]]
    for index, (name, qty, price) in enumerate(lines, 1):
        rows.append([str(index), name, str(qty), "шт", r.grouped(price), r.grouped(price * qty)])
    page.grid(rows, [0.05, 0.47, 0.1, 0.07, 0.15, 0.16], size - 1, bold_first=True)
    _totals(page, subtotal, vat, total, vat_mode=vat_mode, count=len(lines))
    page.rule(thickness=3)
    page.line(f"Оплатить не позднее {when + timedelta(days=rng.choice([3, 5, 10])):%d.%m.%Y}", size - 2)
    page.line("Оплата данного счёта означает согласие с условиями поставки товара.", size - 3)
    page.gap(40)
    head = "Руководитель" if supplier.kpp else "Предприниматель"
    page.pair(f"{head} ______________ {r.person(rng).initials}", f"Бухгалтер ______________ {r.person(rng).initials}")
    return Drawn(
        page.finish(),
        "1c-invoice",
        # no purpose: «Основание» names the contract, not the purpose (the corpus's and the real set's truth)
        invoice_details(total, when, supplier, account, bank, payer=buyer.name, bank_name=bank_cell),
    )


def service_invoice(rng: random.Random) -> Drawn:
    """A modern invoice: «СЧЁТ № INV-…», issue and due dates, «Исполнитель» and «Заказчик» blocks of stacked
    requisites (the customer's own bank and account among them), «Итого без НДС» before «Итого к оплате», a GOST QR."""
    contractor, customer = r.organisation(rng, sole_trader=False), r.organisation(rng)
    bank, customer_bank = r.bank(rng), r.bank(rng)
    account = r.account(rng, bank.bic)
    customer_account = r.account(rng, customer_bank.bic)
    lines = _lines(rng)
    when = r.day(rng)
    subtotal = sum((price * qty for _, qty, price in lines), Decimal(0))
    vat = (subtotal * Decimal("0.2")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    total = subtotal + vat
    size = rng.randint(18, 21)
    page = Page(1240, rng.choice(PAGE_FACES), size, margin=80)
    number = f"INV-{when.year}-{rng.randint(1, 999):04d}"
    page.line(f"СЧЁТ № {number}", size + 12, bold=True)
    page.pair("Дата выставления:", r.date_text(rng, when))
    page.pair("Срок оплаты:", r.date_text(rng, when + timedelta(days=10)))
    page.gap(20)
    bank_text = r.bank_printed(rng, bank)
    spaced = rng.random() < 0.5

    def block(title: str, party: r.Party, its_bank: r.Bank, its_account: str, bank_name: str) -> None:
        page.line(title, size + 2, bold=True)
        page.pair("Наименование:", party.name)
        page.pair("ИНН/КПП:", f"{party.inn} / {party.kpp}" if party.kpp else party.inn)
        page.pair("Р/с:", r.spaced(its_account) if spaced else its_account)
        page.pair("Банк:", bank_name)
        page.pair("БИК:", its_bank.bic)
        page.pair("К/с:", r.spaced(its_bank.corr_account) if spaced else its_bank.corr_account)
        page.gap(14)

    parties = [
        ("Исполнитель", contractor, bank, account, bank_text),
        ("Заказчик", customer, customer_bank, customer_account, customer_bank.name),
    ]
    if rng.random() < 0.3:
        parties.reverse()
    for title, party, its_bank, its_account, bank_name in parties:
        block(title, party, its_bank, its_account, bank_name)
    rows = [["Услуга", "Кол-во", "Цена, ₽", "Сумма, ₽"]]
    rows += [[name, str(qty), r.grouped(price), r.grouped(price * qty)] for name, qty, price in lines]
    page.grid(rows, [0.52, 0.12, 0.18, 0.18], size - 1, bold_first=True)
    page.gap(10)
    page.pair("Итого без НДС:", r.money(rng, subtotal))
    page.pair("НДС 20%:", r.money(rng, vat))
    page.pair("Итого к оплате:", r.money(rng, total), size + 4, bold=True)
    page.gap(10)
    purpose = f"Оплата по счёту № {number} от {when:%d.%m.%Y}, в т.ч. НДС 20% {r.grouped(vat)} руб."
    page.line(f"Назначение платежа: {purpose}")
    page.gap(10)
    if rng.random() < 0.7:
        payload = (
            f"ST00012|Name={contractor.name}|PersonalAcc={account}|BankName={bank_text}|BIC={bank.bic}"
            f"|CorrespAcc={bank.corr_account}|PayeeINN={contractor.inn}|KPP={contractor.kpp}"
            f"|Sum={int(total * 100)}|Purpose={purpose}"
        )
        page.qr(payload, 300, align="left")
    page.line(f"{contractor.name}, {contractor.address}, тел. +7 {r.digits(rng, 3)} {r.digits(rng, 7)}", size - 4)
    return Drawn(
        page.finish(),
        "service-invoice",
        invoice_details(
            total, when, contractor, account, bank, payer=customer.name, purpose=purpose, bank_name=bank_text
        ),
    )


def pd4(rng: random.Random) -> Drawn:
    """A ПД-4 of a housing company: the same requisites in the «Извещение» and the «Квитанция» halves, a period, a
    personal account, the payer's full name and address, the sum in roubles and kopecks, no date filled in."""
    payee = r.management_company(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    total = r.amount(rng, 800, 15000)
    month = rng.choice(r.MONTHS_NOMINATIVE)
    purpose = f"Оплата жилищно-коммунальных услуг за {month} 2026 г."
    size = rng.randint(17, 20)
    page = Page(1400, rng.choice(PAGE_FACES), size, margin=50)
    bank_text = rng.choice([f"в {bank.name}", bank.name])
    for half in ("Извещение", "Квитанция"):
        page.line(half, size + 2, bold=True)
        page.line(payee.name, bold=True, align="center")
        page.line("(наименование получателя платежа)", size - 5, align="center")
        page.grid([[f"ИНН {payee.inn}  КПП {payee.kpp}", account]], [0.45, 0.55])
        page.line("(ИНН/КПП получателя платежа)          (номер счёта получателя платежа)", size - 5)
        page.grid([[bank_text, f"БИК {bank.bic}"]], [0.7, 0.3])
        page.line("(наименование банка получателя платежа)", size - 5)
        page.pair("Номер кор./сч. банка получателя платежа", bank.corr_account)
        page.grid([[purpose, f"л/с {r.digits(rng, 9)}"]], [0.7, 0.3])
        page.line("(наименование платежа)                       (номер лицевого счёта плательщика)", size - 5)
        page.line(f"Ф.И.О. плательщика: {payer.full}")
        page.line(f"Адрес плательщика: {r.address(rng)}")
        whole, kopecks = f"{total:.2f}".split(".")
        page.line(f"Сумма платежа: {whole} руб. {kopecks} коп.    Сумма платы за услуги: ____ руб. ____ коп.")
        page.line("Итого ______ руб. ____ коп.        «____» ______________ 20___ г.")
        page.line("С условиями приёма указанной в платёжном документе суммы ознакомлен и согласен.", size - 4)
        page.line("Подпись плательщика ____________", size - 2, align="right")
        page.rule(thickness=2)
        page.gap(10)
    return Drawn(
        page.finish(),
        "pd-4",
        invoice_details(
            total, None, payee, account, bank, payer=payer.full, purpose=purpose, bank_name=bank_text.removeprefix("в ")
        ),
    )


TEMPLATES = (one_c, service_invoice, pd4)
