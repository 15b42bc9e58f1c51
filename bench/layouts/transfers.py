"""Bank transfers: a light phone screen of a transfer by phone number, a dark one, a bank's PDF receipt of a
transfer to an organisation, and a payment order on form 0401060. Each carries the sending bank's own requisites
or the payer's as distractors."""

from __future__ import annotations

import random
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import PAGE_FACES, SCREEN_FACES, Colour, Page, payment_order_foot
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details

_APP_BANKS = ("Сбербанк", "Т-Банк", "Альфа-Банк", "ВТБ", "Райффайзенбанк", "Газпромбанк", "Совкомбанк", "Озон Банк")
_MESSAGES = ("За ужин", "Долг за билеты", "Подарок", "Аренда за декабрь", "Оплата репетитора", "На продукты")


def _phone() -> str:
    return "+7 9•• •••-••-"


def _footer(page: Page, rng: random.Random, sender: r.Bank, size: int) -> None:
    """The sending bank's own requisites and licence, printed at the foot of its receipts."""
    page.gap(30)
    page.line(
        f"{sender.name}. ИНН {r.inn_org(rng)}, БИК {sender.bic}, к/с {sender.corr_account}. "
        f"Генеральная лицензия Банка России № {rng.randint(1000, 3500)}",
        size,
        colour=(130, 130, 130),
    )


def phone_screen(rng: random.Random, dark: bool = False) -> Drawn:
    """A transfer by phone number as an app shows it: the amount large on top, details as label and value."""
    sender_bank = r.bank(rng)
    payee, payer = r.person(rng), r.person(rng)
    total = r.amount(rng, 100, 60000)
    when = r.moment(rng, r.day(rng))
    payee_bank = rng.choice(_APP_BANKS)
    message = rng.choice(_MESSAGES) if rng.random() < 0.6 else None
    size = rng.randint(28, 34)
    background: Colour = (28, 28, 32) if dark else (255, 255, 255)
    ink: Colour = (236, 236, 236) if dark else (25, 25, 25)
    page = Page(rng.randint(720, 860), rng.choice(SCREEN_FACES), size, margin=48, background=background, ink=ink)
    label: Colour = (150, 150, 155) if dark else (125, 125, 130)
    page.pair(when.strftime("%H:%M"), f"{rng.randint(20, 99)}%", size - 6)
    page.gap(30)
    page.line(rng.choice(["Перевод выполнен", "Чек по операции", "Успешно"]), size + 6, bold=True, align="center")
    page.line(r.money(rng, total, currency=False) + " ₽", size + 22, bold=True, align="center")
    page.gap(30)
    when_text = rng.choice([when.strftime("%d.%m.%Y %H:%M:%S"), f"{r.date_text(rng, when.date())} {when:%H:%M}"])
    stacked = rng.random() < 0.5
    rows = [
        ("Дата и время" if stacked else "Дата операции", when_text),
        (rng.choice(["Получатель", "Кому", "ФИО получателя"]), payee.app_form),
        ("Телефон получателя", _phone() + r.digits(rng, 2)),
        ("Банк получателя", payee_bank),
        (rng.choice(["Отправитель", "ФИО отправителя"]), payer.app_form),
        ("Счёт списания", f"{rng.choice(['Мастер-счёт', 'Дебетовая карта', 'Счёт'])} •• {r.digits(rng, 4)}"),
        ("Комиссия", rng.choice(["0 ₽", "Без комиссии", "0,00 ₽"])),
    ]
    if message:
        rows.append((rng.choice(["Сообщение получателю", "Сообщение", "Назначение"]), message))
    rows.append(("Номер операции", r.digits(rng, 12)))
    if rng.random() < 0.5:
        rows.insert(0, rows.pop(1))
    for name, value in rows:
        if stacked:
            page.stacked(name, value, size - 8, size, label)
        else:
            page.pair(name, value, size - 4, colour=label)
            page.gap(8)
    _footer(page, rng, sender_bank, size - 12)
    return Drawn(
        page.finish(min_height=round(page.width * 2.0)),
        "phone-dark" if dark else "phone-light",
        app_transfer_details(total, when, payee, payee_bank, payer=payer.app_form, message=message),
    )


def phone_light(rng: random.Random) -> Drawn:
    return phone_screen(rng)


def phone_dark(rng: random.Random) -> Drawn:
    return phone_screen(rng, dark=True)


def pdf_receipt(rng: random.Random) -> Drawn:
    """A bank's PDF receipt of a transfer to an organisation: a two-column table whose labels vary by bank, the
    payer's own account among the rows, the bank's stamp with its own БИК at the foot."""
    sender_bank, bank = r.bank(rng), r.bank(rng)
    payee = r.organisation(rng)
    payer = r.person(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    payer_account = r.account(rng, sender_bank.bic, "40817")
    total = r.amount(rng, 300, 250000)
    when = r.moment(rng, r.day(rng))
    purpose = rng.choice(
        [
            f"Оплата по счёту № {rng.randint(1, 999)} от {when:%d.%m.%Y}. НДС не облагается",
            f"Оплата по договору № {rng.randint(1, 99)}-{rng.randint(1, 9)}, в т.ч. НДС 20%",
            "Оплата за обучение",
        ]
    )
    size = rng.randint(19, 22)
    page = Page(1240, rng.choice(PAGE_FACES), size, margin=80)
    page.line(sender_bank.name, size + 4, bold=True)
    page.gap(10)
    page.line(
        rng.choice(["Квитанция о переводе", "Платёжное поручение № " + r.digits(rng, 5), "Чек по операции"]),
        size + 10,
        bold=True,
    )
    page.gap(20)
    printed_bank = r.bank_printed(rng, bank)
    spaced = rng.random() < 0.4
    rows = [
        [rng.choice(["Дата операции", "Дата", "Дата и время"]), r.date_text(rng, when.date())],
        ["Статус", rng.choice(["Исполнен", "Выполнен", "Проведено"])],
        [rng.choice(["Сумма", "Сумма перевода", "Сумма платежа"]), r.money(rng, total)],
        ["Комиссия", r.money(rng, Decimal(0))],
        [rng.choice(["Плательщик", "Отправитель", "ФИО плательщика"]), payer.full],
        ["Счёт списания", r.spaced(payer_account) if spaced else payer_account],
        [rng.choice(["Получатель", "Наименование получателя", "Кому"]), payee.name],
        ["ИНН получателя", payee.inn],
    ]
    if payee.kpp:
        rows.append(["КПП получателя", payee.kpp])
    rows += [
        [
            rng.choice(["Счёт получателя", "Номер счёта получателя", "Счёт зачисления"]),
            r.spaced(account) if spaced else account,
        ],
        [rng.choice(["Банк получателя", "Наименование банка получателя"]), printed_bank],
        [rng.choice(["БИК банка получателя", "БИК"]), bank.bic],
        [rng.choice(["Корр. счёт", "К/с банка получателя", "Корреспондентский счёт"]), bank.corr_account],
        [rng.choice(["Назначение платежа", "Назначение"]), purpose],
    ]
    page.grid(rows, [0.36, 0.64], size)
    page.gap(30)
    page.line(f"{sender_bank.name}  БИК {sender_bank.bic}", size - 2, bold=True, colour=(40, 60, 160))
    page.line(f"ИСПОЛНЕНО {when:%d.%m.%Y}", size - 2, bold=True, colour=(40, 60, 160))
    return Drawn(
        page.finish(),
        "pdf-receipt",
        transfer_details(
            total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose, bank_name=printed_bank
        ),
    )


def payment_order(rng: random.Random) -> Drawn:
    """A платёжное поручение on form 0401060: the payer's block and bank above the recipient's, their БИКs and
    accounts side by side, the sum in words and as «12345-67», fields numbered by the Bank of Russia's rules."""
    payer, payee = r.organisation(rng), r.organisation(rng)
    payer_bank, bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic, "40802" if payer.kpp is None else "40702")
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    total = r.amount(rng, 1000, 900000)
    when = r.day(rng)
    purpose = f"Оплата по счёту № {rng.randint(1, 999)} от {when:%d.%m.%Y} за товары. В т.ч. НДС 20%"
    size = rng.randint(17, 19)
    page = Page(1240, rng.choice(PAGE_FACES), size, margin=60)
    page.line("0401060", size, align="right")
    page.grid([[f"{when:%d.%m.%Y}", f"{when:%d.%m.%Y}", ""]], [0.25, 0.25, 0.5], size - 1)
    page.line("Поступ. в банк плат.      Списано со сч. плат.", size - 4)
    page.gap(10)
    page.line(f"ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 999)}      {when:%d.%m.%Y}      электронно", size + 4, bold=True)
    page.line("Дата                      Вид платежа", size - 4, indent=380)
    page.gap(6)
    payer_inn = f"ИНН {payer.inn}"
    payee_inn = f"ИНН {payee.inn}"
    rows = [
        ["Сумма прописью", r.in_words(total), "", ""],
        [payer_inn, f"КПП {payer.kpp or ''}", "Сумма", r.order_sum(total)],
        [f"{payer.name}\nПлательщик", "", "Сч. №", payer_account],
        [f"{payer_bank.name}\nБанк плательщика", "", "БИК", payer_bank.bic],
        ["", "", "Сч. №", payer_bank.corr_account],
        [f"{bank.name}\nБанк получателя", "", "БИК", bank.bic],
        ["", "", "Сч. №", bank.corr_account],
        [payee_inn, f"КПП {payee.kpp or ''}", "Сч. №", account],
        [f"{payee.name}\nПолучатель", "", "Вид оп.  01", "Срок плат."],
        ["", "", "Наз. пл.", "Очер. плат.  5"],
        ["", "", "Код  0", "Рез. поле"],
    ]
    page.grid(rows, [0.34, 0.22, 0.13, 0.31], size)
    page.gap(8)
    payment_order_foot(page, purpose, "Подписи ______________", f"{payer_bank.name}  ИСПОЛНЕНО  {when:%d.%m.%Y}", size)
    return Drawn(
        page.finish(),
        "payment-order-0401060",
        transfer_details(total, when, payee, account, bank, payer=payer.name, purpose=purpose),
    )


TEMPLATES = (phone_light, phone_dark, pdf_receipt, payment_order)
