"""The sixth round's transfers: a Газпромбанк-like app's card-to-card transfer in its dark theme (the sum in a thin
face, the card masked, a fee and «Сумма списания»), an Озон Банк-like tall narrow PDF of a transfer by phone
through СБП whose stamp prints the SENDING bank's name, БИК, ИНН and к/с (the payee's bank is named, never its БИК),
a bank's receipt of a purchase paid by a shop's СБП QR code (the shop's sign, its legal name and ИНН, the payee's
bank) and a платёжное поручение printed from a client-bank with the payer's round seal (its name and ИНН round the
ring) over the signatures, the e-signature's certificate block (its validity dates) and the bank's «ПРОВЕДЕНО» stamp.

A fee is the sending bank's: the amount is what the recipient is paid."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from PIL import Image, ImageDraw

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SIXTH_PAGE_FACES, SIXTH_SCREEN_FACES, SecondPage, has_glyph
from bench.layouts.drawn import Drawn, app_transfer_details, details, transfer_details
from model.schema import DocumentType

_BANKS = ("Т-Банк", "Сбербанк", "Альфа-Банк", "ВТБ", "Совкомбанк", "Райффайзенбанк", "Почта Банк", "МТС Банк")
_SHOPS = ("Кофейня «Зерно»", "Пекарня «Колосок»", "Цветы у метро", "Автомойка «Блеск»", "Шаурма №1", "Книжная лавка")
_NIGHT = (14, 16, 22)
_NIGHT_CARD = (30, 33, 42)
_NIGHT_TEXT = (232, 234, 240)
_NIGHT_MUTED = (140, 146, 160)
_BLUE = (0, 82, 180)
_STAMP = (45, 70, 175)


def gpb_dark_card(rng: random.Random) -> Drawn:
    """A Газпромбанк-like app, dark theme, 1080 pixels wide: the status bar, «Перевод на карту», a tick and
    «Перевод выполнен», «−» and the sum in a thin face, then a card of rows: «Получатель» (as apps name him),
    «Карта получателя •• 1234», «Банк получателя», «Комиссия», «Сумма списания» (the sum and the fee),
    «Счёт списания», «Дата и время»; the buttons «Повторить» and «Квитанция»."""
    payee = r.person(rng)
    payee_bank = rng.choice(_BANKS)
    total = Decimal(rng.randint(3, 600) * 50)
    fee = (total * Decimal("0.01")).quantize(Decimal("1")).max(Decimal(30)) if rng.random() < 0.6 else Decimal(0)
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(38, 42)
    page = SecondPage(1080, rng.choice(SIXTH_SCREEN_FACES), size, margin=52, background=_NIGHT, ink=_NIGHT_TEXT)
    page.pair(f"{when:%H:%M}", f"4G  {rng.randint(8, 99)}%", size - 8)
    page.gap(40)
    page.line("<   Перевод на карту", size)
    page.gap(70)
    page.line("✓" if has_glyph(page.face[0], "✓") else "OK", size + 24, align="center", colour=(60, 190, 120))
    page.line("Перевод выполнен", size + 4, align="center")
    page.gap(10)
    page.line(f"−{r.grouped(total).removesuffix(',00')} ₽", size + 56, bold=True, align="center")
    page.gap(40)
    rows = [
        ("Получатель", payee.app_form),
        ("Карта получателя", f"•• {r.digits(rng, 4)}"),
        ("Банк получателя", payee_bank),
        ("Комиссия", f"{r.grouped(fee).removesuffix(',00')} ₽"),
        ("Сумма списания", f"{r.grouped(total + fee).removesuffix(',00')} ₽"),
        ("Счёт списания", f"Мастер-счёт •• {r.digits(rng, 4)}"),
        ("Дата и время", f"{when:%d.%m.%Y, %H:%M}"),
    ]
    top = page.y
    page.gap(40 + len(rows) * (round((size - 12) * 1.3) + round((size - 2) * 1.3) + (size - 2) // 2))
    page.box(top, _NIGHT_CARD, left=30, right=1050)
    page.y = top + 24
    for label, value in rows:
        page.stacked(label, value, size - 12, size - 2, label_colour=_NIGHT_MUTED)
    page.gap(60)
    page.pair("   Повторить", "Квитанция   ", size - 6, colour=_NIGHT_MUTED)
    return Drawn(
        page.finish(min_height=2400),
        "gpb-dark-card",
        app_transfer_details(total, when, payee, payee_bank, payer=None, message=None),
        screen=True,
    )


def ozon_sbp_narrow(rng: random.Random) -> Drawn:
    """An Озон Банк-like «Квитанция» of a transfer by phone through СБП on a tall narrow page: the bank's name, the
    date and time, «Итого» and the sum large, then label over value: «Тип операции», «Статус», «Отправитель»,
    «Телефон получателя», «Получатель», «Банк получателя», «Счёт списания», «Идентификатор операции в СБП»; at the
    foot a framed stamp with the sending bank's name, БИК, ИНН, к/с, «ОПЕРАЦИЯ ИСПОЛНЕНА» and the date."""
    sending = r.bank(rng)
    payee, sender = r.person(rng), r.person(rng)
    payee_bank = rng.choice(_BANKS)
    total = r.amount(rng, 50, 70000)
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(19, 21)
    face = rng.choice(SIXTH_PAGE_FACES)
    page = SecondPage(640, face, size, margin=36)
    page.line(sending.name, size + 2, colour=_BLUE)
    page.gap(16)
    page.line(f"{when:%d.%m.%Y %H:%M:%S}", size - 3, colour=GREY)
    page.line("Итого", size - 2, colour=GREY)
    page.line(f"{r.grouped(total).removesuffix(',00')} ₽", size + 16)
    page.gap(14)
    for label, value in (
        ("Тип операции", "Перевод по СБП"),
        ("Статус", "Успешно"),
        ("Отправитель", sender.app_form),
        ("Телефон получателя", f"+7 (9{r.digits(rng, 2)}) {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}"),
        ("Получатель", payee.app_form),
        ("Банк получателя", payee_bank),
        ("Счёт списания", f"40817810{r.digits(rng, 12)}"),
        ("Идентификатор операции в СБП", f"A{r.digits(rng, 4)}{r.digits(rng, 12)}0B{r.digits(rng, 7)}"),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0 ₽"),
    ):
        page.stacked(label, value, size - 5, size)
    page.gap(20)
    top = page.y
    page.gap(10)
    for text in (
        sending.name,
        f"БИК {sending.bic}",
        f"ИНН {r.inn_org(rng)}",
        f"к/с {sending.corr_account}",
        "ОПЕРАЦИЯ ИСПОЛНЕНА",
        f"{when:%d.%m.%Y}",
    ):
        page.line(text, size - 4, align="center", colour=_STAMP)
    page.gap(6)
    page.vertical_rule(120, top, page.y)
    page.vertical_rule(520, top, page.y)
    return Drawn(
        page.finish(min_height=1500),
        "ozon-sbp-narrow",
        app_transfer_details(total, when, payee, payee_bank, payer=sender.app_form, message=None),
        screen=True,
    )


def sbp_qr_purchase(rng: random.Random) -> Drawn:
    """A bank's PDF receipt of a purchase paid by a shop's СБП QR code: «Оплата по QR-коду СБП», «Успешно», the sum,
    «Магазин» (the shop's sign), «Получатель» (its legal name) with its ИНН, «Банк получателя», the payer's account
    masked, the operation's СБП identifier, the date and time, «Сумма», «Комиссия» and «Итого»."""
    merchant = r.organisation(rng)
    shop = rng.choice(_SHOPS)
    payee_bank = rng.choice(_BANKS)
    payer = r.person(rng)
    total = Decimal(rng.randint(90, 6000)) + Decimal(rng.choice([0, 0, 50])) / 100
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(20, 22)
    page = SecondPage(1000, rng.choice(SIXTH_SCREEN_FACES), size, margin=60)
    page.line("Квитанция", size + 10)
    page.line(f"{when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}", size - 2, colour=GREY)
    page.gap(20)
    page.line("Оплата по QR-коду СБП", size + 2)
    page.line("Успешно", size, colour=(30, 150, 80))
    page.line(f"{r.grouped(total)} ₽", size + 24, bold=True)
    page.gap(20)
    for label, value in (
        ("Магазин", shop),
        ("Получатель", merchant.name),
        ("ИНН получателя", merchant.inn),
        ("Банк получателя", payee_bank),
        ("Отправитель", payer.full),
        ("Счёт списания", f"•• {r.digits(rng, 4)}"),
        ("Идентификатор операции", f"B{r.digits(rng, 4)}{r.digits(rng, 10)}0D{r.digits(rng, 9)}"),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Итого", f"{r.grouped(total)} ₽"),
    ):
        page.pair(label, value, size, colour=GREY)
        page.gap(8)
    page.gap(30)
    page.line("По вопросам обращайтесь в чат поддержки в приложении банка.", size - 6, colour=GREY)
    return Drawn(
        page.finish(min_height=1400),
        "sbp-qr-purchase",
        details(
            DocumentType.BANK_TRANSFER,
            total,
            when.date(),
            recipient_name=merchant.name,
            recipient_inn=merchant.inn,
            bank_name=payee_bank,
            payer_name=payer.full,
        ),
        screen=True,
    )


class _SealedPage(SecondPage):
    """A page that takes a round seal: text set round a ring, and a framed stamp."""

    def seal(self, centre: tuple[int, int], radius: int, ring: str, middle: list[str], size: int) -> None:
        """A round seal: two circles, ``ring`` set round between them (each letter turned to the tangent), the
        ``middle`` lines across the centre, in blue ink."""
        x, y = centre
        layer = Image.new("RGBA", self._image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for inset in (0, 4, round(radius * 0.32)):
            draw.ellipse(
                (x - radius + inset, y - radius + inset, x + radius - inset, y + radius - inset),
                outline=(*_STAMP, 200),
                width=3,
            )
        font = self.font(size)
        step = 2 * math.pi / max(len(ring), 1)
        for index, character in enumerate(ring):
            angle = -math.pi / 2 + index * step
            glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((size // 2, size // 3), character, font=font, fill=(*_STAMP, 210))
            glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
            gx = round(x + (radius - size * 0.95) * math.cos(angle) - size)
            gy = round(y + (radius - size * 0.95) * math.sin(angle) - size)
            layer.alpha_composite(glyph, (gx, gy))
        for n, text in enumerate(middle):
            width = draw.textlength(text, font=font)
            draw.text((x - width / 2, y - size * (len(middle) / 2 - n) * 1.2), text, font=font, fill=(*_STAMP, 210))
        self._image.paste(layer, (0, 0), layer)

    def frame(self, box: tuple[int, int, int, int]) -> None:
        self._draw.rectangle(box, outline=_STAMP, width=3)


def client_bank_sealed_order(rng: random.Random) -> Drawn:
    """A платёжное поручение 0401060 printed from a client-bank: the form's grid with the payer's and the
    recipient's blocks and their banks, the purpose, then the e-signature block («Документ подписан электронной
    подписью», the owner, the certificate's number and its «Действителен с … по …»), the payer's round seal (its
    name, ИНН and city round the ring, «Для документов» across) over «М.П.» and the signatures, and the bank's
    framed stamp «ПРОВЕДЕНО» with the bank's name, its БИК and the date."""
    payer, payee = r.organisation(rng, sole_trader=False), r.organisation(rng)
    payer_bank, payee_bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic)
    account = r.account(rng, payee_bank.bic, "40802" if payee.kpp is None else "40702")
    total = r.amount(rng, 1500, 700000)
    when = r.past_day(rng)
    contract = f"{rng.randint(1, 200)}-{rng.randint(1, 30)}"
    purpose = f"Оплата по договору № {contract} от {when:%d.%m.%Y} за услуги. НДС не облагается"
    number = rng.randint(1, 999)
    size = rng.randint(17, 18)
    face = rng.choice(SIXTH_PAGE_FACES)
    page = _SealedPage(1400, (face[0], face[0]), size, margin=50)
    page.pair(f"{when:%d.%m.%Y}        {when:%d.%m.%Y}", "0401060", size - 2)
    page.line("Поступ. в банк плат.     Списано со сч. плат.", size - 5)
    page.gap(8)
    page.pair(f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {number}     {when:%d.%m.%Y}     электронно", "01", size + 1)
    page.grid([["Сумма прописью", r.in_words(total)]], [0.18, 0.82], size - 1)
    page.grid(
        [
            [f"ИНН {payer.inn}", f"КПП {payer.kpp}", "Сумма", r.order_sum(total)],
            [payer.name, "", "Сч. №", payer_account],
            ["Плательщик", "", "", ""],
            [payer_bank.name, "", "БИК", payer_bank.bic],
            ["Банк плательщика", "", "Сч. №", payer_bank.corr_account],
            [payee_bank.name, "", "БИК", payee_bank.bic],
            ["Банк получателя", "", "Сч. №", payee_bank.corr_account],
            [f"ИНН {payee.inn}", f"КПП {payee.kpp or '0'}", "Сч. №", account],
            [payee.name, "", "Вид оп.   01", "Срок плат."],
            ["", "", "Наз. пл.", "Очер. плат.   5"],
            ["Получатель", "", "Код   0", "Рез. поле"],
        ],
        [0.3, 0.25, 0.12, 0.33],
        size - 1,
    )
    page.gap(8)
    page.line(purpose)
    page.line("Назначение платежа", size - 4)
    page.gap(16)
    owner = r.person(rng)
    valid_from = when.replace(year=when.year - 1)
    valid_to = valid_from.replace(year=valid_from.year + 1, day=min(valid_from.day, 28))
    for text in (
        "Документ подписан электронной подписью",
        f"Владелец: {owner.full}, {payer.name}",
        f"Сертификат: {''.join(rng.choice('0123456789ABCDEF') for _ in range(32))}",
        f"Действителен с {valid_from:%d.%m.%Y} по {valid_to:%d.%m.%Y}",
    ):
        page.line(text, size - 4, colour=_STAMP)
    page.gap(24)
    top = page.y
    page.pair("Подписи ______________ ______________", "Отметки банка", size - 2)
    page.line("М.П.", size - 2, indent=120)
    page.gap(160)
    page.seal(
        (330, top + 70),
        120,
        f"* {payer.name} * ИНН {payer.inn} * г. {rng.choice(['Москва', 'Казань', 'Тверь', 'Пермь'])} ",
        ["Для", "документов"],
        14,
    )
    left = page.width - page.margin - 430
    page.y = top + 40
    for text in (payer_bank.name, f"БИК {payer_bank.bic}", "ПРОВЕДЕНО", f"{when:%d.%m.%Y}"):
        page.line(text, size - 3, indent=left - page.margin + 12, colour=_STAMP)
    page.frame((left, top + 30, page.width - page.margin, page.y + 8))
    page.y = max(page.y, top + 200)
    return Drawn(
        page.finish(),
        "client-bank-sealed-order",
        transfer_details(total, when, payee, account, payee_bank, payer=payer.name, purpose=purpose),
    )


TEMPLATES = (gpb_dark_card, ozon_sbp_narrow, sbp_qr_purchase, client_bank_sealed_order)
