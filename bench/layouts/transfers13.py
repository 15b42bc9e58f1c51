"""The thirteenth round's transfers: a bank's SMS thread on a phone, a Совкомбанк-like dark screen of a loan repaid
at another bank by its requisites, a Почта Банк-like receipt of an СБП transfer."""

from __future__ import annotations

import random
from decimal import Decimal

from bench.layouts.canvas import SCREEN_FACES, SECOND_SCREEN_FACES, Colour, SecondPage, pick_face
from bench.layouts.drawn import Drawn, app_transfer_details, details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    account,
    bank,
    digits,
    grouped,
    moment,
    past_day,
    person,
)
from model.schema import DocumentType


def _dative(name: str) -> str:
    """«Анна Сергеевна П.» as an SMS sends money to her: «Анне Сергеевне П.» (men's forms add «у»)."""
    first, patronymic, initial = name.split(" ")
    if patronymic.endswith("на"):
        return f"{first[:-1]}е {patronymic[:-1]}е {initial}"
    if first.endswith(("й", "ь")):
        first = first[:-1] + "ю"
    elif first.endswith("я"):
        first = first[:-1] + "е"
    else:
        first += "у"
    return f"{first} {patronymic}у {initial}"


def sms_thread(rng: random.Random) -> Drawn:
    """A screenshot of the phone's messages from the bank: yesterday's card purchase notice, today's code to
    confirm a transfer, then the transfer's notice with its sum, the recipient, the day and time, and the balance.
    The transfer confirmed is the document (never the purchase, the code or the balance)."""
    when = moment(rng, past_day(rng))
    payee = person(rng)
    total = Decimal(rng.randint(5, 300)) * 100 if rng.random() < 0.7 else Decimal(rng.randint(500, 30000))
    balance = Decimal(rng.randint(1000, 200000)) + Decimal(rng.randint(0, 99)) / 100
    card = digits(rng, 4)
    sender = rng.choice(["VTB", "900", "Alfa-Bank"])
    shop = rng.choice(["PYATEROCHKA", "MAGNIT MM", "VKUSVILL", "OZON.RU", "YANDEX*GO"])
    bought = Decimal(rng.randint(100, 3000)) + Decimal(rng.randint(0, 99)) / 100
    screen_bg: Colour = (255, 255, 255)
    page = SecondPage(1080, pick_face(rng, SCREEN_FACES), 36, margin=36, background=screen_bg)
    page.pair(f"{(when.hour + 1) % 24:02d}:{rng.randint(0, 59):02d}", "LTE  78%", 28)
    page.gap(8)
    page.line(sender, 44, bold=True, align="center")
    page.line("SMS/MMS", 26, align="center", colour=(130, 130, 130))
    page.gap(20)
    yesterday = when.date().fromordinal(when.date().toordinal() - 1)
    bubble: Colour = (233, 233, 235)

    def message(text: str, stamp: str) -> None:
        top = page.y
        page.gap(16)
        body = page.wrap(text, page.width - 2 * page.margin - 220, 34)
        page.y = top + 16 + round(34 * 1.3) * len(body) + round(24 * 1.3) + 12
        page.box(top, bubble, left=page.margin, right=page.width - 150)
        page.y = top + 16
        for part in body:
            page.line(part, 34, indent=20)
        page.line(stamp, 24, indent=20, colour=(130, 130, 130))
        page.gap(24)

    page.line(f"{yesterday.day} {MONTHS_GENITIVE[yesterday.month - 1]}", 26, align="center", colour=(130, 130, 130))
    message(
        f"Покупка {grouped(bought, sep='', point='.')}р {shop} Карта *{card}. Баланс "
        f"{grouped(balance + total + rng.randint(0, 900), sep='', point='.')}р",
        f"{rng.randint(10, 21)}:{rng.randint(10, 59)}",
    )
    page.line(f"{when.day} {MONTHS_GENITIVE[when.month - 1]}", 26, align="center", colour=(130, 130, 130))
    code_time = f"{when:%H}:{max(0, when.minute - 1):02d}"
    message(
        f"Код {digits(rng, 6)}. Никому его не сообщайте. Перевод {grouped(total, sep=' ', point=',')} р "
        f"{_dative(payee.app_form)}",
        code_time,
    )
    message(
        f"{when:%d.%m.%Y %H:%M} Перевод по СБП {grouped(total, sep='', point='.')}р получателю "
        f"{payee.app_form} Карта *{card}. Баланс {grouped(balance, sep='', point='.')}р",
        f"{when:%H:%M}",
    )
    page.y = max(page.y + 100, 1990)
    page.line("Сообщение", 30, colour=(160, 160, 160))
    truth = app_transfer_details(total, when, payee, None, payer=None, message=None)
    return Drawn(page.finish(min_height=2100), "bank-sms-thread", truth, screen=True)


def dark_loan_repayment(rng: random.Random) -> Drawn:
    """A Совкомбанк-like app in its dark theme: «Платёж выполнен» for a loan repaid at another bank by its
    requisites: the borrower named as the recipient (his own account 40817 at the creditor bank), that bank's name,
    БИК and к/с, the purpose with the loan contract, the card it was taken from, fee 0 ₽."""
    when = moment(rng, past_day(rng))
    borrower = person(rng)
    chosen = bank(rng)
    own = account(rng, chosen.bic, prefix="40817")
    total = Decimal(rng.randint(2000, 48000)) + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    contract = f"{rng.randint(10, 99)}{digits(rng, 8)}"
    signed = past_day(rng).replace(year=rng.randint(2022, 2025))
    purpose = (
        f"Погашение задолженности по кредитному договору № {contract} от {signed:%d.%m.%Y}, "
        f"{borrower.full}. НДС не облагается"
    )
    dark: Colour = (18, 18, 20)
    light: Colour = (235, 235, 240)
    muted: Colour = (140, 140, 150)
    page = SecondPage(1080, pick_face(rng, SECOND_SCREEN_FACES), 32, margin=54, background=dark, ink=light)
    page.pair(f"{when:%H:%M}", "5G  64%", 26)
    page.gap(40)
    page.line("Платёж выполнен", 44, bold=True, align="center")
    page.line(f"{grouped(total)} ₽", 76, bold=True, align="center")
    page.line("Погашение кредита в другом банке", 30, align="center", colour=muted)
    page.gap(30)
    for label, value in [
        ("Дата и время", f"{when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}"),
        ("Списано с", f"Карта «Халва» *{digits(rng, 4)}"),
        ("Получатель", borrower.full),
        ("Счёт получателя", own),
        ("Банк получателя", chosen.name),
        ("БИК", chosen.bic),
        ("Корр. счёт", chosen.corr_account),
        ("Назначение платежа", purpose),
        ("Комиссия", "0 ₽"),
        ("Номер документа", digits(rng, 7)),
    ]:
        page.stacked(label, value, 24, 32, label_colour=muted)
    page.gap(30)
    page.line("Поделиться квитанцией", 32, bold=True, align="center", colour=(90, 160, 255))
    truth = details(
        DocumentType.BANK_TRANSFER,
        total,
        when.date(),
        recipient_name=borrower.full,
        recipient_account=own,
        bank_name=chosen.name,
        bank_bic=chosen.bic,
        bank_corr_account=chosen.corr_account,
        purpose=purpose,
    )
    return Drawn(page.finish(min_height=2200), "dark-loan-repayment", truth, screen=True)


def sbp_receipt(rng: random.Random) -> Drawn:
    """A Почта Банк-like «Квитанция об операции» of an СБП transfer saved as a picture: the day and time with the
    zone, the sum, fee 0,00, the sender and the recipient as the app names them, the recipient's phone half hidden,
    their bank, the message, the СБП operation's 32-character identifier, «Исполнено»."""
    when = moment(rng, past_day(rng))
    sender, payee = person(rng), person(rng)
    total = Decimal(rng.randint(3, 250)) * 50 + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    payee_bank = rng.choice(["Т-Банк", "Сбербанк", "ВТБ", "Альфа-Банк", "Газпромбанк", "Озон Банк"])
    message = rng.choice([None, "За репетитора", "Долг за такси", "На подарок Оле", "Аренда за март"])
    identifier = f"A{when:%y%j}{when:%H%M}" + "".join(rng.choice("0123456789ABCDEF") for _ in range(22))
    page = SecondPage(900, pick_face(rng, SCREEN_FACES), 26, margin=50)
    start = page.y
    page.y = start + 70
    page.box(0, (30, 60, 140))
    page.y = start + 8
    page.line("ПОЧТА БАНК", 36, bold=True, colour=(255, 255, 255))
    page.y = start + 110
    page.line("Квитанция об операции", 32, bold=True)
    page.line("Перевод по Системе быстрых платежей", 24, colour=(110, 110, 110))
    page.gap(14)
    rows = [
        ("Дата и время", f"{when:%d.%m.%Y %H:%M:%S} (МСК)"),
        ("Сумма", f"{grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Отправитель", sender.app_form),
        ("Счёт списания", f"•• {digits(rng, 4)}"),
        ("Получатель", payee.app_form),
        ("Телефон получателя", f"+7 (9{digits(rng, 2)}) ***-**-{digits(rng, 2)}"),
        ("Банк получателя", payee_bank),
    ]
    if message:
        rows.append(("Сообщение получателю", message))
    rows += [("Идентификатор операции СБП", identifier), ("Статус", "Исполнено")]
    for label, value in rows:
        page.labelled(label, value, 0.42, 24)
        page.gap(8)
    page.gap(20)
    page.line("АО «Почта Банк», ИНН 3232005484, генеральная лицензия Банка России № 650", 18, colour=(140, 140, 140))
    truth = app_transfer_details(total, when, payee, payee_bank, payer=sender.app_form, message=message)
    return Drawn(page.finish(min_height=1300), "pochta-sbp-receipt", truth, screen=True)


TEMPLATES = (sms_thread, dark_loan_repayment, sbp_receipt)
