"""The fourth round's transfers: a phone screenshot of a transfer in a Т-Банк-like app (dark or light theme, the
status bar, the sum large, the recipient and his bank, a round button row), an Альфа-like PDF «Квитанция» of a
payment by requisites to an organisation (every requisite labelled, the sum apart from the fee), and a платёжное
поручение 0401060 laid out as its boxes with the fields' numbers printed small beside them, whose purpose names the
VAT inside the sum («в т.ч. НДС 20% - …»)."""

from __future__ import annotations

import random
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import (
    FOURTH_PAGE_FACES,
    FOURTH_SCREEN_FACES,
    GREY,
    SecondPage,
    has_glyph,
    payment_order_foot,
)
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details

_BANKS = ("Сбербанк", "ВТБ", "Альфа-Банк", "Озон Банк", "Яндекс Банк", "Россельхозбанк", "МТС Банк")
_DARK = ((28, 28, 30), (235, 235, 240), (150, 150, 158), (44, 44, 48))
_LIGHT = ((246, 247, 249), (20, 20, 24), (120, 122, 130), (255, 255, 255))
"""A theme: background, text, secondary text, card."""
_YELLOW = (255, 221, 45)
_ALFA_RED = (239, 49, 36)


def tbank_screenshot(rng: random.Random) -> Drawn:
    """A 1080-pixel-wide screenshot of a transfer by phone number: the status bar (clock, battery), a back arrow,
    «Перевод выполнен» or «Успешно», the sum in a huge face, the recipient as apps name him and his bank, a card of
    details («Откуда», «Комиссия», «Сообщение»), round buttons («Повторить», «Квитанция») and the tab bar."""
    payee = r.person(rng)
    total = r.amount(rng, 50, 60000)
    when = r.moment(rng, r.past_day(rng))
    payee_bank = rng.choice(_BANKS)
    message = rng.choice(["Спасибо!", "За продукты", "Долг", "На подарок"]) if rng.random() < 0.5 else None
    dark = rng.random() < 0.5
    background, ink, secondary, card = _DARK if dark else _LIGHT
    size = rng.randint(40, 44)
    page = SecondPage(1080, rng.choice(FOURTH_SCREEN_FACES), size, margin=56, background=background, ink=ink)
    page.pair(f"{rng.randint(8, 23)}:{rng.randint(0, 59):02d}", f"5G  {rng.randint(12, 99)}%", size - 8)
    page.gap(50)
    page.line("<", size + 10)
    page.gap(40)
    top = page.y
    page.gap(150)
    page.box(top, _YELLOW, left=(1080 - 150) // 2, right=(1080 + 150) // 2)
    page.y = top + 40
    tick = "✓" if has_glyph(page.face[1], "✓") else "OK"
    page.line(tick, size + 20, bold=True, align="center", colour=(20, 20, 20))
    page.y = top + 190
    page.line(rng.choice(["Перевод выполнен", "Успешно", "Готово"]), size + 6, bold=True, align="center")
    page.line(f"{r.grouped(total).removesuffix(',00')} ₽", size + 44, bold=True, align="center")
    page.line(payee.app_form, size + 2, align="center")
    page.line(
        f"{payee_bank} · +7 9{r.digits(rng, 2)} ***-**-{r.digits(rng, 2)}", size - 6, align="center", colour=secondary
    )
    page.gap(60)
    top = page.y
    rows = [
        ("Откуда", f"Black •{r.digits(rng, 4)}"),
        ("Дата", f"{when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}"),
        ("Комиссия", "Без комиссии"),
    ]
    if message:
        rows.append(("Сообщение", message))
    page.gap(30 + len(rows) * round(size * 2.4))
    page.box(top, card, left=40, right=1040)
    page.y = top + 30
    for label, value in rows:
        page.stacked(label, value, size - 10, size - 2, label_colour=secondary)
    page.gap(70)
    page.pair("Повторить        Шаблон        Квитанция", "", size - 8, colour=secondary)
    page.gap(round(size * 6))
    page.pair("Главная   Платежи   Город   Чат   Ещё", "", size - 10, colour=secondary)
    return Drawn(
        page.finish(min_height=2340),
        "tbank-screenshot-dark" if dark else "tbank-screenshot-light",
        app_transfer_details(total, when, payee, payee_bank, payer=None, message=message),
        screen=True,
    )


def alfa_requisites_receipt(rng: random.Random) -> Drawn:
    """An Альфа-like PDF «Квитанция о переводе по реквизитам»: a red logo bar, «Платёж выполнен», then two columns of
    label and value: the payer's account masked, the recipient (an organisation) with its ИНН and КПП, account, bank,
    БИК, к/с, the purpose, «Сумма», «Комиссия» (a fee on payments to organisations), «Дата операции» and a document
    number; no total of sum and fee."""
    payee = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    payer = r.person(rng)
    total = r.amount(rng, 300, 250000)
    fee = Decimal(rng.choice([0, 0, 30, 50, 100]))
    when = r.past_day(rng)
    purpose = rng.choice(
        [
            f"Оплата по счёту № {rng.randint(1, 900)} от {when:%d.%m.%Y}. НДС не облагается",
            f"Оплата за обучение по договору {rng.randint(10, 99)}/{rng.randint(1, 900)}. Без НДС",
            f"Аренда за {r.MONTHS_NOMINATIVE[when.month - 1]} 2026 г., НДС не облагается",
        ]
    )
    size = rng.randint(22, 24)
    page = SecondPage(1240, rng.choice(FOURTH_SCREEN_FACES), size, margin=80)
    top = page.y
    page.gap(70)
    page.box(top - 40, _ALFA_RED, left=80, right=160)
    page.y = top + 6
    page.line("А", size + 22, bold=True, indent=18, colour=(255, 255, 255))
    page.y = top + 6
    page.line("Альфа-Банк", size + 8, bold=True, indent=110)
    page.y = top + 100
    page.line("Квитанция о переводе по реквизитам", size + 8, bold=True)
    page.line("Платёж выполнен", size, colour=(20, 140, 60))
    page.gap(20)
    rows = [
        ("Дата операции", f"{when:%d.%m.%Y}"),
        ("Номер документа", r.digits(rng, 6)),
        ("Плательщик", payer.full),
        ("Счёт плательщика", f"40817 810 ** **** {r.digits(rng, 4)}"),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        ("КПП получателя", payee.kpp or "0"),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Назначение платежа", purpose),
        ("Сумма", f"{r.grouped(total)} RUR"),
        ("Комиссия", f"{r.grouped(fee)} RUR"),
    ]
    for label, value in rows:
        page.labelled(label, value, 0.4, size)
        page.gap(8)
    page.gap(30)
    page.line("АО «АЛЬФА-БАНК», БИК 044525593, к/с 30101810200000000593", size - 6, colour=GREY)
    page.line("Квитанция сформирована в Альфа-Онлайн и не требует подписи.", size - 6, colour=GREY)
    return Drawn(
        page.finish(min_height=1754),
        "alfa-requisites-receipt",
        transfer_details(total, when, payee, account, bank, payer=payer.full, purpose=purpose),
    )


def boxed_payment_order(rng: random.Random) -> Drawn:
    """A платёжное поручение 0401060 of a company to a supplier, laid out as the form's boxes with the field numbers
    printed small in each («(7) Сумма», «(9) Сч. №», «(11) БИК»), the sum as «12345-67», the sum in words, the
    purpose with the VAT inside the sum, and «Очер. плат. 5»."""
    payer, payee = r.organisation(rng, sole_trader=False), r.organisation(rng, sole_trader=False)
    payer_bank, payee_bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic)
    payee_account = r.account(rng, payee_bank.bic)
    total = r.amount(rng, 1000, 900000)
    when = r.past_day(rng)
    vat = r.vat_part(total, 20)
    purpose = (
        f"Оплата по счёту № {rng.randint(1, 4000)} от {when:%d.%m.%Y} за "
        f"{rng.choice(['материалы', 'услуги связи', 'транспортные услуги', 'оборудование'])}. "
        f"Сумма {total:.2f}, в т.ч. НДС (20%) {vat:.2f}"
    )
    size = rng.randint(16, 18)
    page = SecondPage(1240, rng.choice(FOURTH_PAGE_FACES), size, margin=60)
    page.pair("", "0401060", size - 2)
    page.grid([["", "", ""]], [0.22, 0.22, 0.56], size - 1)
    page.line("Поступ. в банк плат.     Списано со сч. плат.", size - 5)
    page.gap(10)
    page.line(
        f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 9999)}    {when:%d.%m.%Y}    (4) Вид платежа ______",
        size + 3,
        bold=True,
    )
    page.gap(6)
    page.grid(
        [
            ["(6) Сумма прописью", r.in_words(total), "", ""],
            [f"(60) ИНН {payer.inn}", f"(102) КПП {payer.kpp}", "(7) Сумма", r.order_sum(total)],
            [f"(8) {payer.name}", "", "(9) Сч. №", payer_account],
            ["Плательщик", "", "", ""],
            [f"(10) {payer_bank.name}", "", "(11) БИК", payer_bank.bic],
            ["Банк плательщика", "", "(12) Сч. №", payer_bank.corr_account],
            [f"(13) {payee_bank.name}", "", "(14) БИК", payee_bank.bic],
            ["Банк получателя", "", "(15) Сч. №", payee_bank.corr_account],
            [f"(61) ИНН {payee.inn}", f"(103) КПП {payee.kpp}", "(17) Сч. №", payee_account],
            [f"(16) {payee.name}", "", "(18) Вид оп. 01", "(21) Очер. плат. 5"],
            ["Получатель", "", "(20) Наз. пл.", "(23) Рез. поле"],
        ],
        [0.34, 0.22, 0.14, 0.30],
        size,
    )
    page.gap(6)
    payment_order_foot(
        page,
        f"(24) {purpose}",
        "Подписи ______________  ______________   М.П.",
        f"{payer_bank.name}   ИСПОЛНЕНО   {when:%d.%m.%Y}",
        size,
    )
    return Drawn(
        page.finish(),
        "boxed-payment-order",
        transfer_details(total, when, payee, payee_account, payee_bank, payer=payer.name, purpose=purpose),
    )


TEMPLATES = (tbank_screenshot, alfa_requisites_receipt, boxed_payment_order)
