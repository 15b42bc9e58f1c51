"""The sixteenth round's transfers: a firm's payment order of its single tax payment with the budget fields (status
01, КБК, ОКТМО, zeros) printed from its bank and stamped «ИСПОЛНЕНО», an Озон-like app's screen of a transfer by
requisites to a firm, a bank's PDF «Квитанция об оплате» of a card payment to a firm that took a fee."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from PIL import Image, ImageDraw, ImageFont

from bench.layouts.canvas import (
    FOURTH_SCREEN_FACES,
    GREY,
    PAGE_FACES,
    SCREEN_FACES,
    SECOND_PAGE_FACES,
    THIRD_PAGE_FACES,
    SecondPage,
    pick_face,
)
from bench.layouts.drawn import Drawn, transfer_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    account,
    bank,
    bank_printed,
    digits,
    grouped,
    in_words,
    moment,
    order_sum,
    organisation,
    past_day,
    person,
    spaced,
)
from bench.layouts.transfers14 import ENP_ACCOUNT, ENP_KBK, FNS, TULA

_STAMP_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _oval_stamp(lines: list[str], angle: float) -> Image.Image:
    """A bank's oval blue stamp «ИСПОЛНЕНО» with the bank and the day, pressed at an angle."""
    font = ImageFont.truetype(_STAMP_FACE, 18)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    width = max(round(probe.textlength(text, font=font)) for text in lines) + 170
    height = len(lines) * 27 + 60
    stamp = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(stamp)
    ink = (35, 60, 165, 180)
    draw.ellipse((3, 3, width - 4, height - 4), outline=ink, width=4)
    for n, text in enumerate(lines):
        text_width = draw.textlength(text, font=font)
        draw.text(((width - text_width) / 2, 30 + n * 27), text, font=font, fill=ink)
    stamp = stamp.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    paper = Image.new("RGB", stamp.size, (255, 255, 255))
    paper.paste(stamp, (0, 0), stamp)
    return paper


def budget_order_executed(rng: random.Random) -> Drawn:
    """A firm's «ПЛАТЕЖНОЕ ПОРУЧЕНИЕ» 0401060 of its single tax payment, printed from its bank: status «01» in
    field 101, the payer's ИНН and КПП, the treasury's payee with its ИНН 7727406020 and КПП, the Тула division's
    БИК and ЕКС, the treasury account 03100…, КБК 18201061201010000510, ОКТМО «0» and the zeros of fields 106-109,
    the purpose «Единый налоговый платеж», the bank's oval «ИСПОЛНЕНО» stamp with the day (the order's)."""
    when = past_day(rng)
    payer = organisation(rng, sole_trader=False)
    payer_bank = bank(rng)
    payer_acc = account(rng, payer_bank.bic)
    total = Decimal(rng.randint(3000, 900000)) + (Decimal(rng.randint(1, 99)) / 100 if rng.random() < 0.4 else 0)
    purpose = rng.choice(
        [
            "Единый налоговый платеж",
            "Единый налоговый платеж (ЕНП)",
            f"ЕНП. Налоги и взносы за {(when - timedelta(days=28)):%m.%Y}",
        ]
    )
    size = rng.randint(17, 19)
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, THIRD_PAGE_FACES])), size, margin=60)
    page.grid(
        [
            [f"{when:%d.%m.%Y}", f"{when:%d.%m.%Y}", "", "0401060"],
            ["Поступ. в банк плат.", "Списано со сч. плат.", "", ""],
        ],
        [0.22, 0.22, 0.36, 0.2],
        size - 3,
    )
    page.gap(12)
    number = rng.randint(1, 1900)
    page.pair(f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {number}    {when:%d.%m.%Y}    электронно", "01", size + 4, bold=True)
    page.grid([["Сумма\nпрописью", in_words(total)]], [0.16, 0.84], size - 1)
    treasury_bank = "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула"
    page.grid(
        [
            [f"ИНН {payer.inn}", f"КПП {payer.kpp}", "Сумма", order_sum(total)],
            [f"{payer.name}\n\nПлательщик", "", "Сч. №", payer_acc],
            [
                f"{payer_bank.name} г. {payer_bank.city}\nБанк плательщика",
                "",
                "БИК\nСч. №",
                f"{payer_bank.bic}\n{payer_bank.corr_account}",
            ],
            [f"{treasury_bank}\nБанк получателя", "", "БИК\nСч. №", f"{TULA.bic}\n{TULA.corr_account}"],
            [f"ИНН {FNS.inn}", f"КПП {FNS.kpp}", "Сч. №", ENP_ACCOUNT],
            [f"{FNS.name}\n\nПолучатель", "", "Вид оп. 01\nНаз. пл.\nКод 0", "Срок плат.\nОчер. плат. 5\nРез. поле"],
        ],
        [0.34, 0.18, 0.14, 0.34],
        size - 1,
    )
    page.grid([[ENP_KBK, "0", "0", "0", "0", "0", "0"]], [0.3, 0.14, 0.08, 0.14, 0.14, 0.1, 0.1], size - 1)
    page.gap(8)
    page.line(purpose)
    page.line("Назначение платежа", size - 4, colour=GREY)
    page.gap(24)
    page.pair("Подписи", "Отметки банка", size - 2)
    signer = person(rng)
    page.line(f"{signer.initials} (ЭП, сертификат {digits(rng, 8).upper()})", size - 2)
    page.gap(10)
    stamp = _oval_stamp(
        [payer_bank.name, f"БИК {payer_bank.bic}", "ИСПОЛНЕНО", f"{when:%d.%m.%Y}"], rng.uniform(-10, 10)
    )
    page.inset(stamp, x=page.width - page.margin - stamp.width - rng.randint(0, 80))
    truth = transfer_details(
        total, when, FNS, ENP_ACCOUNT, TULA, payer=payer.name, purpose=purpose, bank_name=treasury_bank
    )
    return Drawn(page.finish(), "budget-order-executed", truth)


def app_requisites_screen(rng: random.Random) -> Drawn:
    """An Озон-like bank app's screen of a transfer by requisites to a firm: «Платёж выполнен», the big sum, the
    payee, ИНН, КПП, the account in groups of four, БИК, the bank, к/с, the purpose with its VAT, «Комиссия 0 ₽»,
    the card it was taken from and the balance left (a rival sum), the day and time, the document's number."""
    when = moment(rng, past_day(rng))
    payee = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40802" if payee.kpp is None else "40702")
    total = Decimal(rng.randint(500, 180000)) + (Decimal(rng.randint(1, 99)) / 100 if rng.random() < 0.5 else 0)
    tail = "НДС не облагается" if payee.kpp is None else f"в т.ч. НДС 20% {grouped(_vat(total))} руб."
    purpose = (
        f"Оплата по счету № {rng.randint(1, 700)} от {(when - timedelta(days=rng.randint(1, 15))):%d.%m.%Y}. {tail}"
    )
    balance = Decimal(rng.randint(200, 90000)) + Decimal(rng.randint(0, 99)) / 100
    dark = rng.random() < 0.5
    background, ink = ((18, 18, 28), (235, 235, 240)) if dark else ((246, 246, 250), (20, 20, 30))
    label = (150, 150, 165) if dark else (120, 120, 130)
    page = SecondPage(
        1080,
        pick_face(rng, rng.choice([SCREEN_FACES, FOURTH_SCREEN_FACES])),
        28,
        margin=56,
        background=background,
        ink=ink,
    )
    page.line(f"{when:%H:%M}", 24)
    page.gap(30)
    page.line("Платёж выполнен", 40, bold=True, align="center", colour=(40, 170, 90))
    page.line(f"{grouped(total)} ₽", 72, bold=True, align="center")
    page.line(
        f"{when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}", 24, align="center", colour=label
    )
    page.gap(30)
    for caption, value in (
        ("Получатель", payee.name),
        ("ИНН", payee.inn),
        *((("КПП", payee.kpp),) if payee.kpp else ()),
        ("Счёт получателя", spaced(acc)),
        ("БИК", chosen.bic),
        ("Банк получателя", chosen.name),
        ("Корр. счёт", chosen.corr_account),
        ("Назначение платежа", purpose),
        ("Комиссия", "0 ₽"),
        ("Списано с", f"Карта •• {digits(rng, 4)}"),
        ("Доступно после операции", f"{grouped(balance)} ₽"),
        ("Номер документа", str(rng.randint(1000, 99999))),
    ):
        page.stacked(caption, value, 22, 28, label_colour=label)
    page.gap(20)
    page.line("Поделиться квитанцией", 28, bold=True, align="center", colour=(0, 91, 255))
    truth = transfer_details(total, when.date(), payee, acc, chosen, payer="", purpose=purpose)
    truth = truth.model_copy(update={"payer_name": None})
    return Drawn(page.finish(min_height=1900), "app-requisites-screen", truth, screen=True)


def _vat(total: Decimal) -> Decimal:
    return (total * 20 / 120).quantize(Decimal("0.01"), ROUND_HALF_UP)


_PAYEES = (
    ("Спортивная школа", "Оплата секции"),
    ("Детский центр", "Оплата занятий"),
    ("Интернет-провайдер", "Оплата услуг связи"),
    ("Охрана квартиры", "Оплата пультовой охраны"),
    ("Управляющая компания", "Оплата ЖКУ"),
)


def bank_payment_receipt_with_fee(rng: random.Random) -> Drawn:
    """A bank's PDF «Квитанция об оплате» of a card payment to a firm from the bank's catalogue: the bank's header,
    the operation's day and time and its processing day two days later, the payer, the payee's requisites, the
    personal account, «Сумма платежа», «Комиссия» and «Итого списано» (the sum with the fee: a rival), the
    e-signature's block. The sum is the payment without the fee."""
    when = moment(rng, past_day(rng))
    processed = when.date() + timedelta(days=rng.choice([1, 2, 3]))
    sender = bank(rng)
    payee = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40802" if payee.kpp is None else "40702")
    kind, verb = rng.choice(_PAYEES)
    payer = person(rng)
    total = Decimal(rng.randint(300, 25000)) + (Decimal(rng.randint(1, 99)) / 100 if rng.random() < 0.3 else 0)
    fee = max(Decimal(30), (total * Decimal("0.01")).quantize(Decimal("0.01"), ROUND_HALF_UP))
    personal = digits(rng, rng.choice([6, 8, 10]))
    purpose = f"{verb}, л/с {personal}, {payer.surname} {payer.first[0]}.{payer.patronymic[0]}."
    printed = bank_printed(rng, chosen)
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES])), 21, margin=70)
    page.line(sender.name, 28, bold=True, colour=(150, 20, 40))
    page.line(f"БИК {sender.bic}, к/с {sender.corr_account}", 17, colour=GREY)
    page.gap(16)
    page.line(f"Квитанция об оплате № {digits(rng, 9)}", 30, bold=True)
    page.line(f"Категория: {kind}", 19, colour=GREY)
    page.gap(10)
    rows = (
        ("Дата и время операции", f"{when:%d.%m.%Y %H:%M:%S} (МСК)"),
        ("Дата проведения", f"{processed:%d.%m.%Y}"),
        ("Плательщик", payer.full),
        ("Карта плательщика", f"МИР **** {digits(rng, 4)}"),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        *((("КПП получателя", payee.kpp),) if payee.kpp else ()),
        ("Счёт получателя", acc),
        ("Банк получателя", printed),
        ("БИК", chosen.bic),
        ("Корр. счёт", chosen.corr_account),
        ("Лицевой счёт", personal),
        ("Назначение платежа", purpose),
    )
    for caption, value in rows:
        page.labelled(caption, value, 0.35)
        page.gap(4)
    page.rule(thickness=1)
    page.labelled("Сумма платежа", f"{grouped(total)} руб.", 0.35)
    page.labelled("Комиссия", f"{grouped(fee)} руб.", 0.35)
    page.labelled("Итого списано", f"{grouped(total + fee)} руб.", 0.35)
    page.labelled("Статус", "Исполнен", 0.35)
    page.gap(24)
    top = page.y
    page.line("ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ", 17, bold=True, indent=14, colour=(20, 60, 150))
    page.line(f"Сертификат: {digits(rng, 12)}{rng.choice('ABCDEF')}{digits(rng, 7)}", 16, indent=14)
    page.line(f"Владелец: {sender.name}", 16, indent=14)
    page.line(
        f"Действителен: с {when.year - 1}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} по {when.year + 1}", 16, indent=14
    )
    page.gap(6)
    page.vertical_rule(page.margin, top, page.y)
    page.gap(14)
    page.line("Квитанция сформирована автоматически и не требует печати банка.", 16, colour=GREY)
    truth = transfer_details(
        total, when.date(), payee, acc, chosen, payer=payer.full, purpose=purpose, bank_name=printed
    )
    return Drawn(page.finish(), "bank-payment-receipt-with-fee", truth)


TEMPLATES = (budget_order_executed, app_requisites_screen, bank_payment_receipt_with_fee)
