"""The third round's transfers: a Сбер-style «Чек по операции» of a card-to-card transfer (the cards masked, a stamp
«Операция выполнена»), a ВТБ-style PDF of a transfer by phone through СБП where a fee may stand beside the sum and
«Итого списано» adds them, a платёжное поручение 0401060 of a tax payment with the budget fields 101–110 in their
own row, and a self-service terminal's tape of a payment by requisites in capitals with a fee and «ИТОГО».

Where a fee is charged, the payment's amount is the sum sent to the recipient, not the sum written off the payer's
card: the fee is the sending bank's."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import (
    GREY,
    THIRD_PAGE_FACES,
    THIRD_SCREEN_FACES,
    THIRD_TAPE_FACES,
    SecondPage,
    payment_order_foot,
)
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details

_CENT = Decimal("0.01")
_SBER_GREEN = (33, 160, 56)
_VTB_BLUE = (0, 40, 130)
_BANKS = ("Т-Банк", "Альфа-Банк", "Газпромбанк", "Райффайзенбанк", "Совкомбанк", "Почта Банк", "ОТП Банк", "Сбербанк")


def _card() -> str:
    return "•••• "


def sber_card_to_card(rng: random.Random) -> Drawn:
    """A «Чек по операции» of a transfer to another client's card: small grey labels over their values, «ФИО
    получателя перевода», the cards masked, «Сумма перевода», «Комиссия», an authorisation code and a document
    number, and a framed stamp of the bank with «Операция выполнена»."""
    payee, payer = r.person(rng), r.person(rng)
    total = r.amount(rng, 100, 150000)
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(24, 27)
    page = SecondPage(rng.randint(760, 840), rng.choice(THIRD_SCREEN_FACES), size, margin=56)
    page.line("СБЕР", size + 6, bold=True, colour=_SBER_GREEN)
    page.gap(16)
    page.line("Чек по операции", size + 8, bold=True)
    page.line(f"{when:%d.%m.%Y %H:%M:%S} (МСК)", size - 4, colour=GREY)
    page.gap(20)
    rows = [
        ("Операция", rng.choice(["Перевод клиенту СберБанка", "Перевод с карты на карту"])),
        ("ФИО получателя перевода", payee.app_form),
        ("Номер карты получателя", _card() + r.digits(rng, 4)),
        ("ФИО отправителя", payer.app_form),
        ("Карта отправителя", _card() + r.digits(rng, 4)),
        ("Сумма перевода", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Код авторизации", r.digits(rng, 6)),
        ("Номер документа", r.digits(rng, 10)),
    ]
    for label, value in rows:
        page.stacked(label, value, size - 9, size - 1)
    page.gap(20)
    top = page.y
    page.gap(16 + round((size - 4) * 1.3) + 2 * round((size - 6) * 1.3))
    page.box(top, (232, 246, 234), left=page.margin, right=page.margin + 360)
    page.y = top + 10
    page.line("ПАО СБЕРБАНК", size - 4, bold=True, indent=20, colour=_SBER_GREEN)
    page.line("ОПЕРАЦИЯ ВЫПОЛНЕНА", size - 6, bold=True, indent=20, colour=_SBER_GREEN)
    page.line(f"{when:%d.%m.%Y}", size - 6, indent=20, colour=_SBER_GREEN)
    page.gap(26)
    page.line("По вопросам: 900 (бесплатно с мобильных телефонов)", size - 10, colour=GREY)
    return Drawn(
        page.finish(min_height=round(page.width * 1.7)),
        "sber-card-to-card",
        app_transfer_details(total, when, payee, None, payer=payer.app_form, message=None),
    )


def vtb_sbp_pdf(rng: random.Random) -> Drawn:
    """A ВТБ-style PDF «Квитанция об операции» of a transfer through СБП: a blue band with the bank's name, rows of
    label and value, the recipient's name and bank, a fee of 0.5 % (at most 1 500 ₽) on transfers over the month's
    free limit, then «Итого списано», the sum and the fee together."""
    payee, payer = r.person(rng), r.person(rng)
    total = r.amount(rng, 500, 300000)
    charged = rng.random() < 0.4
    fee = min((total * Decimal("0.005")).quantize(_CENT, ROUND_HALF_UP), Decimal(1500)) if charged else Decimal(0)
    when = r.moment(rng, r.past_day(rng))
    payee_bank = rng.choice(_BANKS)
    message = rng.choice(["За ремонт", "Возврат", "Аренда", "С днём рождения!"]) if rng.random() < 0.4 else None
    size = rng.randint(19, 21)
    page = SecondPage(1240, rng.choice(THIRD_SCREEN_FACES), size, margin=70)
    top = page.y
    page.gap(round(size * 3.4))
    page.box(0, _VTB_BLUE)
    page.y = top + 12
    page.line("ВТБ", size + 14, bold=True, colour=(255, 255, 255))
    page.y = top + round(size * 3.4) + 20
    page.line("Квитанция об операции", size + 8, bold=True)
    page.line("Перевод по номеру телефона через Систему быстрых платежей", size)
    page.gap(16)
    account_tail = r.digits(rng, 4)
    rows = [
        ["Дата и время операции", when.strftime("%d.%m.%Y %H:%M")],
        ["Статус", "Исполнено"],
        ["Отправитель", payer.full],
        ["Счёт списания", f"40817810•••••••{account_tail}"],
        ["Получатель", payee.app_form],
        [
            "Телефон получателя",
            f"+7 ({r.digits(rng, 3)}) •••-••-{r.digits(rng, 2)}",
        ],
        ["Банк получателя", payee_bank],
        ["Сумма операции", f"{r.grouped(total)} ₽"],
        ["Комиссия", f"{r.grouped(fee)} ₽"],
    ]
    if fee:
        rows.append(["Итого списано", f"{r.grouped(total + fee)} ₽"])
    if message:
        rows.append(["Сообщение получателю", message])
    rows.append(["Идентификатор операции СБП", f"A{r.digits(rng, 5)}{r.digits(rng, 10)}{r.digits(rng, 10)}"])
    page.grid(rows, [0.38, 0.62], size)
    page.gap(24)
    page.line(
        f"Банк ВТБ (ПАО), генеральная лицензия Банка России № 1000, ИНН 7702070139, БИК {r.bank(rng).bic}",
        size - 5,
        colour=GREY,
    )
    return Drawn(
        page.finish(),
        "vtb-sbp-pdf",
        app_transfer_details(total, when, payee, payee_bank, payer=payer.full, message=message),
    )


_TAX_PAYEE = r.Party("Казначейство России (ФНС России)", "7727406020", "770801001", "")
_TAX_ACCOUNT = "03100643000000018500"
_TAX_BANK = r.Bank(
    "017003983", "ОКЦ № 7 ГУ Банка России по ЦФО//УФК по Тульской области, г. Тула", "40102810445370000059", "Тула"
)
"""The single tax payment's published requisites (ЕНП, since 2023)."""


def tax_payment_order(rng: random.Random) -> Drawn:
    """A платёжное поручение 0401060 of a tax payment: the status (101) beside the form's name, the payer's and the
    treasury's blocks with the ЕКС in the bank's «Сч. №» and the казначейский счёт in the payee's, and the row of
    budget fields 104–109 (КБК, ОКТМО, basis, period, document's number and date) above the purpose."""
    payer = r.organisation(rng)
    payer_bank = r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic, "40802" if payer.kpp is None else "40702")
    total = Decimal(rng.randint(1000, 400000)) + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    when = r.past_day(rng)
    single = rng.random() < 0.6
    if single:
        budget = ["18201061201010000510", "0", "0", "0", "0", "0"]
        purpose = "Единый налоговый платёж"
    else:
        quarter = rng.randint(1, 3)
        budget = ["18210102010011000110", r.oktmo(rng), "ТП", f"КВ.0{quarter}.2026", "0", "0"]
        purpose = f"Налог на доходы физических лиц за {quarter} квартал 2026 г."
    size = rng.randint(16, 18)
    page = SecondPage(1240, rng.choice(THIRD_PAGE_FACES), size, margin=60)
    page.pair("", "0401060", size - 2)
    page.grid([[f"{when:%d.%m.%Y}", f"{when:%d.%m.%Y}", "", "01"]], [0.22, 0.22, 0.46, 0.1], size - 1)
    page.line("Поступ. в банк плат.          Списано со сч. плат.", size - 5)
    page.gap(8)
    page.line(f"ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 9999)}     {when:%d.%m.%Y}     электронно", size + 4, bold=True)
    page.line("Дата                   Вид платежа", size - 5, indent=420)
    page.gap(6)
    grid = [
        ["Сумма прописью", r.in_words(total), "", ""],
        [f"ИНН {payer.inn}", f"КПП {payer.kpp or '0'}", "Сумма", r.order_sum(total)],
        [f"{payer.name}", "", "Сч. №", payer_account],
        ["Плательщик", "", "", ""],
        [payer_bank.name, "", "БИК", payer_bank.bic],
        ["Банк плательщика", "", "Сч. №", payer_bank.corr_account],
        [_TAX_BANK.name, "", "БИК", _TAX_BANK.bic],
        ["Банк получателя", "", "Сч. №", _TAX_BANK.corr_account],
        [f"ИНН {_TAX_PAYEE.inn}", f"КПП {_TAX_PAYEE.kpp}", "Сч. №", _TAX_ACCOUNT],
        [_TAX_PAYEE.name, "", "Вид оп. 01", "Срок плат."],
        ["", "", "Наз. пл.", "Очер. плат. 5"],
        ["Получатель", "", "Код 0", "Рез. поле"],
    ]
    page.grid(grid, [0.36, 0.2, 0.13, 0.31], size)
    page.grid([budget], [0.26, 0.16, 0.1, 0.2, 0.14, 0.14], size)
    page.line(
        "  (104)                     (105)            (106)        (107)              (108)        (109)", size - 6
    )
    page.gap(6)
    payment_order_foot(
        page, purpose, "Подписи ______________   М.П.", f"{payer_bank.name}  ПРОВЕДЕНО  {when:%d.%m.%Y}", size
    )
    return Drawn(
        page.finish(),
        "tax-payment-order",
        transfer_details(total, when, _TAX_PAYEE, _TAX_ACCOUNT, _TAX_BANK, payer=payer.name, purpose=purpose),
    )


def terminal_tape(rng: random.Random) -> Drawn:
    """A bank's self-service terminal's tape of a payment by requisites, in capitals: the terminal and its address,
    the card masked, the payee's name, ИНН, КПП, account, bank, БИК and к/с each on its own line (long ones wrapped),
    the purpose, «СУММА», «КОМИССИЯ» of 1 % and «ИТОГО» (the two together), «ОПЕРАЦИЯ ВЫПОЛНЕНА УСПЕШНО»."""
    payee = r.management_company(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    total = r.amount(rng, 300, 15000)
    fee = (total / 100).quantize(_CENT, ROUND_HALF_UP) if rng.random() < 0.6 else Decimal(0)
    when = r.moment(rng, r.past_day(rng))
    personal = r.digits(rng, 8)
    purpose = f"ОПЛАТА ЖКУ Л/С {personal}"
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(500, 560), rng.choice(THIRD_TAPE_FACES), size, margin=12)
    page.line(rng.choice(["ПАО СБЕРБАНК", "БАНК ВТБ (ПАО)", "АО «РОССЕЛЬХОЗБАНК»"]), bold=True, align="center")
    page.line(f"УС {r.digits(rng, 6)}", align="center")
    page.line(f"АДРЕС: {r.address(rng).upper()}", size - 3)
    page.pair(f"ДАТА {when:%d.%m.%y}", f"ВРЕМЯ {when:%H:%M}")
    page.pair(f"ЧЕК {r.digits(rng, 4)}", f"КАРТА ****{r.digits(rng, 4)}")
    page.rule(dashed=True)
    page.line("ОПЛАТА УСЛУГ ПО РЕКВИЗИТАМ", bold=True, align="center")
    for label, value in (
        ("ПОЛУЧАТЕЛЬ", payee.name.upper()),
        ("ИНН ПОЛУЧАТЕЛЯ", payee.inn),
        ("КПП", payee.kpp or ""),
        ("СЧЁТ", account),
        ("БАНК ПОЛУЧАТЕЛЯ", bank.name),
        ("БИК", bank.bic),
        ("К/СЧ", bank.corr_account),
        ("НАЗНАЧЕНИЕ", purpose),
        ("ПЛАТЕЛЬЩИК", payer.full.upper()),
    ):
        page.line(f"{label}: {value}")
    page.rule(dashed=True)
    page.pair("СУММА:", f"{total:.2f} РУБ.", bold=True)
    page.pair("КОМИССИЯ:", f"{fee:.2f} РУБ.")
    page.pair("ИТОГО:", f"{total + fee:.2f} РУБ.", bold=True)
    page.line(f"КОД АВТОРИЗАЦИИ: {r.digits(rng, 6)}", size - 2)
    page.line(f"НОМЕР ОПЕРАЦИИ: {r.digits(rng, 12)}", size - 2)
    page.line("ОПЕРАЦИЯ ВЫПОЛНЕНА УСПЕШНО", bold=True, align="center")
    page.line("СОХРАНЯЙТЕ ЧЕК", size - 2, align="center")
    return Drawn(
        page.finish(),
        "terminal-tape",
        transfer_details(
            total,
            when.date(),
            payee,
            account,
            bank,
            payer=payer.full.upper(),
            purpose=purpose,
            recipient_name=payee.name.upper(),
        ),
        thermal=True,
    )


TEMPLATES = (sber_card_to_card, vtb_sbp_pdf, tax_payment_order, terminal_tape)
