"""The seventeenth round's transfers: a payment order 0401060 printed from a firm's 1C accounting program before it
went to the bank (no bank's marks, «М.П.», the purpose with its VAT), a person's «Заявление на перевод» by
requisites paid in cash at a bank's branch with the teller's stamp and the fee beside the sum, a web bank's
desktop screenshot of a payment by requisites with the browser's frame and the bank's side menu."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from bench.layouts.canvas import (
    FOURTH_SCREEN_FACES,
    GREY,
    PAGE_FACES,
    SCREEN_FACES,
    SECOND_PAGE_FACES,
    SEVENTH_PAGE_FACES,
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
    vat_part,
)

_STAMP_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def one_c_payment_order(rng: random.Random) -> Drawn:
    """A «ПЛАТЕЖНОЕ ПОРУЧЕНИЕ» 0401060 as 1C:Бухгалтерия prints it for signing before it goes to the bank: the
    empty «Поступ. в банк плат.» and «Списано со сч. плат.» boxes, «Вид платежа» blank, the sum «12345-67», the
    payer's and the payee's grids, «Очер. плат. 5», the purpose «Оплата по счету № … от … Сумма … В т.ч. НДС
    (20%) …», «М.П.» and the signatures, «Отметки банка» empty; no bank stamp."""
    when = past_day(rng)
    payer, payee = organisation(rng, sole_trader=False), organisation(rng)
    payer_bank, chosen = bank(rng), bank(rng)
    payer_acc = account(rng, payer_bank.bic)
    acc = account(rng, chosen.bic, "40802" if payee.kpp is None else "40702")
    total = Decimal(rng.randint(1500, 1200000)) + (Decimal(rng.randint(1, 99)) / 100 if rng.random() < 0.6 else 0)
    bill = when - timedelta(days=rng.randint(1, 20))
    tail = (
        "Без налога (НДС)"
        if payee.kpp is None
        else f"В т.ч. НДС (20%) {grouped(vat_part(total, 20), sep='', point='-')}"
    )
    purpose = (
        f"Оплата по счету № {rng.randint(1, 999)} от {bill:%d.%m.%Y} за {rng.choice(['товар', 'услуги', 'работы'])}"
        f". Сумма {grouped(total, sep='', point='-')}. {tail}"
    )
    printed = f"{chosen.name} г. {chosen.city}"
    size = rng.randint(16, 18)
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, SEVENTH_PAGE_FACES])), size, margin=70)
    page.grid(
        [["", "", "", "0401060"], ["Поступ. в банк плат.", "Списано со сч. плат.", "", ""]],
        [0.22, 0.22, 0.38, 0.18],
        size - 3,
    )
    page.gap(14)
    page.pair(f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 3000)}", f"{when:%d.%m.%Y}", size + 5, bold=True)
    page.pair("", "Дата                Вид платежа", size - 4)
    page.grid([["Сумма\nпрописью", in_words(total)]], [0.16, 0.84], size - 1)
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
            [f"{printed}\nБанк получателя", "", "БИК\nСч. №", f"{chosen.bic}\n{chosen.corr_account}"],
            [f"ИНН {payee.inn}", f"КПП {payee.kpp or ''}", "Сч. №", acc],
            [f"{payee.name}\n\nПолучатель", "", "Вид оп. 01\nНаз. пл.\nКод", "Срок плат.\nОчер. плат. 5\nРез. поле"],
        ],
        [0.34, 0.18, 0.14, 0.34],
        size - 1,
    )
    page.gap(8)
    page.line(purpose)
    page.line("Назначение платежа", size - 4, colour=GREY)
    page.gap(34)
    page.pair("Подписи", "Отметки банка", size - 2)
    page.gap(14)
    page.line(f"____________________ {person(rng).initials}", size - 1)
    page.line("М.П.", size - 1, indent=20)
    page.gap(14)
    page.line(f"____________________ {person(rng).initials}", size - 1)
    truth = transfer_details(total, when, payee, acc, chosen, payer=payer.name, purpose=purpose, bank_name=printed)
    return Drawn(page.finish(), "one-c-payment-order", truth)


def _rect_stamp(lines: list[str], angle: float) -> Image.Image:
    """A teller's rectangular blue stamp «ПРИНЯТО» with the branch and the day, pressed at an angle."""
    font = ImageFont.truetype(_STAMP_FACE, 17)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    width = max(round(probe.textlength(text, font=font)) for text in lines) + 40
    height = len(lines) * 24 + 26
    stamp = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(stamp)
    ink = (40, 55, 170, 175)
    draw.rectangle((2, 2, width - 3, height - 3), outline=ink, width=3)
    for n, text in enumerate(lines):
        text_width = draw.textlength(text, font=font)
        draw.text(((width - text_width) / 2, 13 + n * 24), text, font=font, fill=ink)
    stamp = stamp.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    paper = Image.new("RGB", stamp.size, (255, 255, 255))
    paper.paste(stamp, (0, 0), stamp)
    return paper


def branch_transfer_application(rng: random.Random) -> Drawn:
    """A bank branch's «ЗАЯВЛЕНИЕ на перевод денежных средств физического лица без открытия счета» filled by the
    teller's program: the sender with his passport and address, the payee's requisites, the purpose, «Сумма
    перевода», «Комиссия банка» and «Всего принято наличными» (the sum with the fee: a rival), the sender's
    signature, the teller's rectangular stamp «ПРИНЯТО» with the day. The sum is the transfer without the fee."""
    when = moment(rng, past_day(rng))
    branch = bank(rng)
    payee = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40802" if payee.kpp is None else "40702")
    printed = bank_printed(rng, chosen)
    sender = person(rng)
    total = Decimal(rng.randint(800, 140000)) + (Decimal(rng.randint(1, 99)) / 100 if rng.random() < 0.4 else 0)
    fee = min(Decimal(2000), max(Decimal(50), (total * Decimal("0.015")).quantize(Decimal("0.01"))))
    purpose = rng.choice(
        [
            f"Оплата по договору № {rng.randint(1, 900)} от {(when - timedelta(days=rng.randint(3, 90))):%d.%m.%Y}",
            f"Оплата по счету {rng.randint(1, 500)}. НДС не облагается",
            f"Оплата за обучение {sender.surname} {sender.first[0]}.{sender.patronymic[0]}.",
        ]
    )
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES])), 19, margin=64)
    page.pair(branch.name, f"Доп. офис № {rng.randint(1, 9)}{digits(rng, 3)}", 19, bold=True)
    page.line(f"БИК {branch.bic}  к/с {branch.corr_account}", 16, colour=GREY)
    page.gap(12)
    page.line(f"ЗАЯВЛЕНИЕ № {digits(rng, 6)} от {when:%d.%m.%Y}", 25, bold=True, align="center")
    page.line("на перевод денежных средств физического лица без открытия банковского счета", 19, align="center")
    page.gap(10)
    page.grid(
        [
            ["Отправитель", sender.full],
            ["Документ", f"Паспорт РФ {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 6)}"],
            ["Получатель", payee.name],
            ["ИНН / КПП получателя", f"{payee.inn} / {payee.kpp or '—'}"],
            ["Счёт получателя", acc],
            ["Банк получателя", printed],
            ["БИК / к/с", f"{chosen.bic} / {chosen.corr_account}"],
            ["Назначение платежа", purpose],
        ],
        [0.3, 0.7],
        18,
    )
    page.gap(10)
    page.grid(
        [
            ["Сумма перевода", f"{grouped(total)} руб.", in_words(total)],
            ["Комиссия банка", f"{grouped(fee)} руб.", "по тарифам банка"],
            ["Всего принято наличными", f"{grouped(total + fee)} руб.", ""],
        ],
        [0.3, 0.22, 0.48],
        18,
    )
    page.gap(14)
    page.line("С тарифами банка ознакомлен, данные получателя проверены.", 16)
    page.gap(16)
    page.pair(
        f"Подпись отправителя ____________ {sender.initials}", f"Операционист ____________ {person(rng).initials}", 17
    )
    page.gap(12)
    stamp = _rect_stamp([branch.name[:38], "ПРИНЯТО", f"{when:%d.%m.%Y}"], rng.uniform(-8, 8))
    page.inset(stamp, x=page.width - page.margin - stamp.width - rng.randint(0, 120))
    truth = transfer_details(
        total, when.date(), payee, acc, chosen, payer=sender.full, purpose=purpose, bank_name=printed
    )
    return Drawn(page.finish(), "branch-transfer-application", truth)


def _browser(
    shot: Image.Image, url: str, brand: str, accent: tuple[int, int, int], menu: list[str], *, face: tuple[str, str]
) -> Image.Image:
    """A desktop browser's window round the bank's page ``shot``: a tab bar and an address bar over it, the bank's
    side menu on its left."""
    root = "/usr/share/fonts/truetype/"
    regular, bold = ImageFont.truetype(root + face[0], 20), ImageFont.truetype(root + face[1], 26)
    side, top = 300, 110
    frame = Image.new("RGB", (shot.width + side, shot.height + top), (245, 246, 248))
    draw = ImageDraw.Draw(frame)
    draw.rectangle((0, 0, frame.width, 44), fill=(222, 225, 230))
    draw.rounded_rectangle((12, 8, 330, 44), radius=8, fill=(245, 246, 248))
    draw.text((28, 14), f"{brand} — Интернет-банк", font=regular, fill=(40, 40, 40))
    draw.rounded_rectangle((90, 56, frame.width - 40, 98), radius=20, fill=(255, 255, 255), outline=(200, 200, 205))
    draw.text((116, 66), url, font=regular, fill=(60, 60, 60))
    draw.text((24, 64), "<   >   C", font=regular, fill=(90, 90, 90))
    draw.rectangle((0, top, side, frame.height), fill=accent)
    draw.text((28, top + 30), brand, font=bold, fill=(255, 255, 255))
    for n, item in enumerate(menu):
        draw.text((28, top + 100 + n * 48), item, font=regular, fill=(235, 235, 240))
    frame.paste(shot, (side, top))
    return frame


_WEB_BRANDS = ("Банк Онлайн", "Мой Банк", "Интернет-банк", "Банк-Клиент", "Личный кабинет")


def web_bank_desktop_screenshot(rng: random.Random) -> Drawn:
    """A web bank's page of a payment by requisites, captured on a desktop: the browser's tab and address bars, the
    bank's side menu, breadcrumbs, «Платёж исполнен» with the sum, the requisites in two columns, the account it was
    debited from with the balance left (a rival sum), the day of the payment and the day it was created (the day
    before, a rival date), the buttons; no payer's name."""
    when = moment(rng, past_day(rng))
    created = when - timedelta(days=1, hours=rng.randint(0, 5))
    brand = rng.choice(_WEB_BRANDS)
    payee = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40802" if payee.kpp is None else "40702")
    total = Decimal(rng.randint(300, 240000)) + (Decimal(rng.randint(1, 99)) / 100 if rng.random() < 0.5 else 0)
    tail = "НДС не облагается" if payee.kpp is None else f"в т.ч. НДС 20% - {grouped(vat_part(total, 20))} руб."
    purpose = f"Оплата по договору № {rng.randint(1, 800)}-{rng.choice(['У', 'П', 'К'])}. {tail}"
    balance = Decimal(rng.randint(500, 400000)) + Decimal(rng.randint(0, 99)) / 100
    face = pick_face(rng, rng.choice([SCREEN_FACES, FOURTH_SCREEN_FACES]))
    page = SecondPage(1300, face, 22, margin=48, background=(255, 255, 255))
    page.line("Главная  /  Платежи и переводы  /  По реквизитам", 17, colour=GREY)
    page.gap(14)
    page.line(rng.choice(["Платёж исполнен", "Исполнен"]), 34, bold=True, colour=(30, 150, 80))
    page.line(f"{grouped(total)} ₽", 54, bold=True)
    page.line(f"{when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year} г. в {when:%H:%M}", 20, colour=GREY)
    page.gap(20)
    page.rule(thickness=1)
    for caption, value in (
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        *((("КПП получателя", payee.kpp),) if payee.kpp else ()),
        ("Счёт получателя", spaced(acc, 5)),
        ("Банк получателя", chosen.name),
        ("БИК банка", chosen.bic),
        ("Корреспондентский счёт", chosen.corr_account),
        ("Назначение платежа", purpose),
        ("Списано со счёта", f"Текущий счёт ·· {digits(rng, 4)}"),
        ("Остаток на счёте", f"{grouped(balance)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Создан", f"{created:%d.%m.%Y %H:%M}"),
        ("Исполнен", f"{when:%d.%m.%Y %H:%M}"),
        ("Номер документа", str(rng.randint(100, 99999))),
    ):
        page.labelled(caption, value, 0.34, 21)
        page.gap(6)
    page.gap(20)
    page.line("Скачать PDF      Повторить платёж      Создать шаблон", 21, bold=True, colour=(20, 90, 200))
    shot = page.finish(min_height=1100)
    accent = rng.choice([(20, 40, 90), (120, 20, 40), (10, 90, 70), (60, 30, 110)])
    menu = ["Главная", "Счета и карты", "Платежи", "История", "Вклады", "Кредиты", "Настройки"]
    site = f"{rng.choice(['online', 'i', 'my'])}.{rng.choice(['bank24', 'ibank', 'dbo-bank', 'rbank'])}.ru"
    url = f"https://{site}/payments/requisites/{digits(rng, 9)}"
    framed = _browser(shot, url, brand, accent, menu, face=face)
    truth = transfer_details(total, when.date(), payee, acc, chosen, payer="", purpose=purpose)
    truth = truth.model_copy(update={"payer_name": None})
    return Drawn(framed, "web-bank-desktop-screenshot", truth, screen=True)


TEMPLATES = (one_c_payment_order, branch_transfer_application, web_bank_desktop_screenshot)
