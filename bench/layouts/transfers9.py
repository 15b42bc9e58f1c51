"""The ninth round's transfers: a Сбер-like PDF «Чек по операции» of a payment to an organisation by its requisites
(the sum, the fee and «Итого списано» of both, the payer's name, the stamp «ИСПОЛНЕНО»), a Т-Банк-like screenshot of
a payment by a shop's СБП QR code (the shop's sign over its legal name, the cashback beside the sum), an Альфа-like
receipt of a card-to-card transfer (the cards masked, the recipient as apps name him, the fee, the RRN), and a paper
платёжное поручение 0401060 filled on a typewriter, its cells numbered as the form numbers its fields, signed by
hand and stamped by the bank.

A fee and a cashback are the sender's: the amount is what the recipient is paid."""

from __future__ import annotations

import random
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, HAND_FACES, SecondPage
from bench.layouts.drawn import Drawn, app_transfer_details, details, transfer_details
from model.schema import DocumentType

NINTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-MediumItalic.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-ExtraBoldItalic.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-BoldOblique.ttf"),
)
"""App and bank-PDF faces whose bold is a slanted cut no earlier round sets on a screen."""

TYPEWRITER_FACES = (
    ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("jetbrains-mono/JetBrainsMono-Italic.ttf", "jetbrains-mono/JetBrainsMono-BoldItalic.ttf"),
)

_BANKS = ("Сбербанк", "Т-Банк", "ВТБ", "Газпромбанк", "Райффайзенбанк", "Совкомбанк", "Почта Банк", "МТС Банк")
_SBER = (25, 160, 60)
_TBANK = (255, 221, 45)
_ALFA = (239, 49, 36)
_STAMP = (40, 60, 170)
_SHOPS = ("Пятёрочка", "Вкусвилл", "Аптека 36,6", "Кофе Хауз", "Шаурма №1", "Fix Price", "Леруа", "Спортмастер")


def sber_requisites_check(rng: random.Random) -> Drawn:
    """A Сбер-like «Чек по операции» PDF, 1080 wide: the green logo line, «Платёж по реквизитам», «Дата операции
    (мск)», the payer's name and card, «Получатель» (an organisation) with its ИНН, КПП, account, bank and БИК,
    «Назначение платежа», «Сумма платежа», «Комиссия», «Итого списано» (both), «Код авторизации», the stamp."""
    payee = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    payer = r.person(rng)
    total = r.amount(rng, 300, 120000)
    fee = (total / 100).quantize(Decimal("0.01")) if rng.random() < 0.6 else Decimal("30.00")
    when = r.moment(rng, r.past_day(rng))
    purpose = f"Оплата по договору № {rng.randint(1, 900)}-{r.digits(rng, 2)}. НДС не облагается"
    size = rng.randint(27, 29)
    page = SecondPage(1080, rng.choice(NINTH_SCREEN_FACES), size, margin=70)
    page.line("СБЕР", size + 16, bold=True, colour=_SBER)
    page.gap(20)
    page.line("Чек по операции", size + 6, bold=True)
    page.line("Платёж по реквизитам", size, colour=GREY)
    page.gap(20)
    rows = [
        ("Дата операции (мск)", f"{when:%d.%m.%Y %H:%M:%S}"),
        ("ФИО плательщика", payer.full),
        ("Карта плательщика", f"МИР •••• {r.digits(rng, 4)}"),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
    ]
    if payee.kpp:
        rows.append(("КПП получателя", payee.kpp))
    rows += [
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК банка получателя", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Назначение платежа", purpose),
        ("Сумма платежа", f"{r.grouped(total)} ₽"),
        ("Комиссия", f"{r.grouped(fee)} ₽"),
        ("Итого списано", f"{r.grouped(total + fee)} ₽"),
        ("Код авторизации", r.digits(rng, 6)),
        ("Номер документа", r.digits(rng, 12)),
    ]
    for label, value in rows:
        page.stacked(label, value, size - 6, size)
    page.gap(30)
    page.line("ПАО СБЕРБАНК   ИСПОЛНЕНО", size + 2, bold=True, align="center", colour=_STAMP)
    page.line(f"{when:%d.%m.%Y}", size, align="center", colour=_STAMP)
    return Drawn(
        page.finish(),
        "sber-requisites-check",
        transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose),
        screen=True,
    )


def tbank_sbp_qr(rng: random.Random) -> Drawn:
    """A Т-Банк-like screenshot of a payment by a shop's СБП QR code: the yellow top bar, the shop's sign and under it
    its legal name, «−1 234 ₽», «Кэшбэк +12 ₽» beside it, rows of «Счёт списания», «Получатель» (the legal name),
    «Банк получателя», «Дата и время», «Идентификатор операции», «Статус Успешно»."""
    shop = rng.choice(_SHOPS)
    merchant = r.organisation(rng)
    merchant_bank = rng.choice(_BANKS)
    total = r.amount(rng, 60, 30000)
    cashback = (total / 100).quantize(Decimal("1"))
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(34, 37)
    page = SecondPage(1080, rng.choice(NINTH_SCREEN_FACES), size, margin=56)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"5G  {rng.randint(10, 99)}%", size - 8)
    top = page.y
    page.gap(120)
    page.box(top, _TBANK)
    page.y = top + 30
    page.line("<   Оплата по QR-коду СБП", size, bold=True)
    page.y = top + 160
    page.line(shop, size + 8, bold=True, align="center")
    page.line(merchant.name, size - 6, align="center", colour=GREY)
    page.gap(20)
    page.line(f"−{r.grouped(total).removesuffix(',00')} ₽", size + 34, bold=True, align="center")
    page.line(f"Кэшбэк +{cashback} ₽", size - 4, align="center", colour=(0, 150, 80))
    page.gap(40)
    for label, value in (
        ("Счёт списания", f"Black ·· {r.digits(rng, 4)}"),
        ("Получатель", merchant.name),
        ("Банк получателя", merchant_bank),
        ("Дата и время", f"{when:%d.%m.%Y в %H:%M}"),
        ("Идентификатор операции", f"B{r.digits(rng, 4)}{r.digits(rng, 10)}0A{r.digits(rng, 10)}"),
        ("Статус", "Успешно"),
    ):
        page.stacked(label, value, size - 8, size - 2)
    page.gap(30)
    page.line("Квитанция       Повторить       Поделиться", size - 4, align="center", colour=(50, 110, 230))
    truth = details(
        DocumentType.BANK_TRANSFER, total, when.date(), recipient_name=merchant.name, bank_name=merchant_bank
    )
    return Drawn(page.finish(min_height=2340), "tbank-sbp-qr", truth, screen=True)


def alfa_card_to_card(rng: random.Random) -> Drawn:
    """An Альфа-like «Квитанция о переводе с карты на карту» PDF: the red band with the bank's name, the title, the
    operation's date and time, «Карта отправителя» and «Карта получателя» masked, «Получатель» as apps name him,
    «Банк получателя», «Сумма перевода», «Комиссия», «Сумма списания», «Код авторизации», «RRN», a note that the
    receipt is formed electronically."""
    payee = r.person(rng)
    payee_bank = rng.choice(_BANKS)
    sender = r.person(rng)
    total = r.amount(rng, 500, 80000)
    fee = Decimal(0) if total < 20000 else (total * Decimal("0.015")).quantize(Decimal("0.01"))
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(22, 24)
    page = SecondPage(1240, rng.choice(NINTH_SCREEN_FACES), size, margin=70)
    top = 0
    page.y = 0
    page.gap(130)
    page.box(top, _ALFA)
    page.y = 40
    page.line("АЛЬФА-БАНК", size + 16, bold=True, colour=(255, 255, 255))
    page.y = 170
    page.line("Квитанция о переводе с карты на карту", size + 6, bold=True)
    page.gap(20)
    for label, value in (
        ("Дата и время операции", f"{when:%d.%m.%Y %H:%M:%S} (МСК)"),
        ("Отправитель", sender.app_form),
        ("Карта отправителя", f"{r.digits(rng, 4)} {r.digits(rng, 2)}** **** {r.digits(rng, 4)}"),
        ("Получатель", payee.app_form),
        ("Карта получателя", f"{r.digits(rng, 4)} {r.digits(rng, 2)}** **** {r.digits(rng, 4)}"),
        ("Банк получателя", payee_bank),
        ("Сумма перевода", f"{r.grouped(total)} RUR"),
        ("Комиссия", f"{r.grouped(fee)} RUR"),
        ("Сумма списания", f"{r.grouped(total + fee)} RUR"),
        ("Код авторизации", r.digits(rng, 6)),
        ("RRN", r.digits(rng, 12)),
    ):
        page.labelled(label, value, 0.4, size)
        page.gap(8)
    page.gap(30)
    page.line("Квитанция сформирована в электронном виде и подписи не требует.", size - 4, colour=GREY)
    page.line("АО «АЛЬФА-БАНК», БИК 044525593, ИНН 7728168971, ген. лицензия № 1326", size - 6, colour=GREY)
    return Drawn(
        page.finish(min_height=1754),
        "alfa-card-to-card",
        app_transfer_details(total, when, payee, payee_bank, payer=sender.app_form, message=None),
    )


_ORDER_FIELDS = (
    ("60", "102", "7"),
    ("8", "", "9"),
    ("", "", ""),
    ("10", "", "11"),
    ("", "", "12"),
    ("", "", ""),
    ("13", "", "14"),
    ("", "", "15"),
    ("", "", ""),
    ("61", "103", "17"),
    ("16", "", "18"),
    ("", "", "20"),
    ("", "", "21"),
)
"""The numbers form 0401060 prints in the cells of its payer's, banks' and recipient's grid, row by row (the
first column, the КПП column, the right column)."""


class _FormPage(SecondPage):
    def cell_number(self, number: str, x: int, y: int) -> None:
        """A field's small number in its cell's corner, as form 0401060 prints them."""
        self._draw.text((x, y), number, font=self.font(11), fill=GREY)

    def frame(self, left: int, top: int, right: int, bottom: int, colour: tuple[int, int, int]) -> None:
        for inset in range(3):
            self._draw.rectangle((left + inset, top + inset, right - inset, bottom - inset), outline=colour)


def paper_order_typed(rng: random.Random) -> Drawn:
    """A paper платёжное поручение 0401060 filled on a typewriter: the form's frame printed, every cell with its field's
    number in small grey figures, the values typed in a monospace, the sum in words, the purpose (field 24), two
    signatures in blue ink and the bank's square stamp «ПРИНЯТО / ИСПОЛНЕНО» with the date."""
    payer, payee = r.organisation(rng, sole_trader=False), r.organisation(rng)
    payer_bank, payee_bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic)
    account = r.account(rng, payee_bank.bic, "40802" if payee.kpp is None else "40702")
    total = r.amount(rng, 1000, 500000)
    when = r.past_day(rng)
    vat = r.vat_part(total, 20)
    purpose = f"Оплата по договору № {rng.randint(1, 99)}/{rng.randint(1, 40)} за услуги. В т.ч. НДС 20% {vat:.2f} руб."
    size = rng.randint(18, 19)
    page = _FormPage(1400, rng.choice(TYPEWRITER_FACES), size, margin=50)
    page.grid([[f"{when:%d.%m.%Y}", f"{when:%d.%m.%Y}", "", "0401060"]], [0.2, 0.2, 0.45, 0.15], size - 2)
    page.line("Поступ. в банк плат.      Списано со сч. плат.", size - 6)
    page.gap(8)
    top = page.y
    page.grid(
        [[f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 999)}", f"{when:%d.%m.%Y}", "", "01"]],
        [0.45, 0.2, 0.2, 0.15],
        size + 1,
    )
    for number, x in (("3", 613), ("4", 873), ("5", 1133), ("101", 1318)):
        page.cell_number(number, x, top + 2)
    page.line("Дата              Вид платежа", size - 6, indent=620)
    page.grid([["Сумма прописью", r.in_words(total)]], [0.18, 0.82], size - 1)
    top = page.y
    page.grid(
        [
            [f"ИНН {payer.inn}", f"КПП {payer.kpp}", "Сумма", r.order_sum(total)],
            [payer.name, "", "Сч. №", payer_account],
            ["Плательщик", "", "", ""],
            [payer_bank.name, "", "БИК", payer_bank.bic],
            ["", "", "Сч. №", payer_bank.corr_account],
            ["Банк плательщика", "", "", ""],
            [payee_bank.name, "", "БИК", payee_bank.bic],
            ["", "", "Сч. №", payee_bank.corr_account],
            ["Банк получателя", "", "", ""],
            [f"ИНН {payee.inn}", f"КПП {payee.kpp or '0'}", "Сч. №", account],
            [payee.name, "", "Вид оп.", "01"],
            ["", "", "Наз. пл.", ""],
            ["Получатель", "", "Очер. плат.", "5"],
        ],
        [0.3, 0.25, 0.12, 0.33],
        size - 1,
    )
    step = (page.y - top) / 13
    for row, numbers in enumerate(_ORDER_FIELDS):
        for number, x in zip(numbers, (410, 735, 1318), strict=True):
            if number:
                page.cell_number(number, x, round(top + row * step + 2))
    page.gap(10)
    page.line(purpose)
    page.line("Назначение платежа", size - 6)
    page.gap(20)
    signature_y = page.y
    page.line("Подписи                                    Отметки банка", size - 2)
    hand = rng.choice(HAND_FACES)
    page.y = signature_y + 40
    page.line("М.П.", size - 2, indent=40)
    page.y = signature_y
    page.scrawl("Иван", 260, rng, size + 4, hand)
    page.y = signature_y + 50
    page.scrawl("Петр", 260, rng, size + 4, hand)
    page.y = signature_y + 110
    stamp_left = page.width - page.margin - 440
    stamp_top = signature_y - 10
    page.y = stamp_top + 12
    for text, bold in (
        (payer_bank.name, False),
        (f"БИК {payer_bank.bic}", False),
        ("ИСПОЛНЕНО", True),
        (f"{when:%d.%m.%Y}", False),
    ):
        page.line(text, size - 2, bold=bold, indent=stamp_left - page.margin + 14, colour=_STAMP)
    page.frame(stamp_left, stamp_top, page.width - page.margin, page.y + 6, _STAMP)
    page.y += 30
    return Drawn(
        page.finish(),
        "paper-order-typed",
        transfer_details(total, when, payee, account, payee_bank, payer=payer.name, purpose=purpose),
    )


TEMPLATES = (sber_requisites_check, tbank_sbp_qr, alfa_card_to_card, paper_order_typed)
