"""The fifteenth round's transfers: the receipt part of a bank's «ОБЪЯВЛЕНИЕ НА ВЗНОС НАЛИЧНЫМИ» (form 0402001) for
cash paid into a firm's account, an Альфа-like screen of a housing bill paid by its QR, a money transfer service's
receipt of a transfer to a person by name."""

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
    THIRD_SCREEN_FACES,
    SecondPage,
    pick_face,
)
from bench.layouts.drawn import Drawn, details, transfer_details
from bench.layouts.requisites import (
    MONTHS_NOMINATIVE,
    account,
    bank,
    bank_printed,
    digits,
    grouped,
    in_words,
    management_company,
    moment,
    order_sum,
    organisation,
    past_day,
    person,
)
from model.schema import DocumentType

_STAMP_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _cashier_stamp(lines: list[str], angle: float) -> Image.Image:
    """A bank cashier's rectangular violet stamp, pressed at an angle."""
    font = ImageFont.truetype(_STAMP_FACE, 20)
    width = max(round(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font)) for text in lines) + 40
    height = len(lines) * 28 + 24
    stamp = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(stamp)
    ink = (110, 50, 160, 175)
    draw.rectangle((2, 2, width - 3, height - 3), outline=ink, width=4)
    for n, text in enumerate(lines):
        text_width = draw.textlength(text, font=font)
        draw.text(((width - text_width) / 2, 12 + n * 28), text, font=font, fill=ink)
    stamp = stamp.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    paper = Image.new("RGB", stamp.size, (255, 255, 255))
    paper.paste(stamp, (0, 0), stamp)
    return paper


def cash_deposit_receipt(rng: random.Random) -> Drawn:
    """The «КВИТАНЦИЯ» part of form 0402001 that the bank's cashier hands back: the slip's number and day, «От
    кого» (the depositor, the payer), the recipient firm with its ИНН and КПП, its account («Кредит счёт №») beside
    the bank's own cash account («Дебет счёт № 20202…»), the receiving bank and БИК (no к/с on this form), «Источник
    поступления» naming the bill paid, «Символ 32», the sum in words and in figures, the signatures and the
    cashier's stamp with the day."""
    when = moment(rng, past_day(rng))
    payee = organisation(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40802" if payee.kpp is None else "40702")
    cash_desk = account(rng, chosen.bic, "20202")
    printed_bank = bank_printed(rng, chosen)
    depositor = person(rng)
    total = Decimal(rng.randint(1500, 300000)) if rng.random() < 0.6 else Decimal(rng.randint(150000, 30000000)) / 100
    billed = when.date() - timedelta(days=rng.randint(1, 20))
    source = f"Оплата по счёту № {rng.randint(10, 999)} от {billed:%d.%m.%Y}"
    source = rng.choice([source, f"{source}. НДС не облагается", f"Взнос наличных. {source}"])
    number = rng.randint(1, 99)
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES])), 21, margin=60)
    page.pair("", "0402001", 18)
    page.line(f"КВИТАНЦИЯ № {number}", 28, bold=True, align="center")
    page.line("к объявлению на взнос наличными", 20, align="center")
    page.pair("", f"Дата  {when:%d.%m.%Y}", 22, bold=True)
    page.gap(6)
    page.grid([["Сумма прописью", in_words(total)]], [0.22, 0.78], 20)
    page.grid([["От кого", depositor.full]], [0.22, 0.78], 20)
    page.grid([["Получатель", payee.name], ["ИНН", f"{payee.inn}        КПП  {payee.kpp or ''}"]], [0.22, 0.78], 20)
    page.grid(
        [
            ["Дебет счёт №", cash_desk, "Сумма цифрами"],
            ["Кредит счёт №", acc, order_sum(total)],
            ["Банк-получатель", printed_bank, f"БИК {chosen.bic}"],
        ],
        [0.22, 0.5, 0.28],
        20,
    )
    page.grid([["Источник поступления", source, "Символ", "32"]], [0.22, 0.5, 0.14, 0.14], 20)
    page.gap(24)
    page.line("Вноситель ______________________", 20)
    page.gap(10)
    page.line(f"Бухгалтерский работник _____________ {person(rng).initials}", 20)
    page.line(f"Кассовый работник _____________ {person(rng).initials}", 20)
    page.gap(10)
    stamp = _cashier_stamp(
        [chosen.name[:34], f"КАССА № {rng.randint(1, 12)}", f"{when:%d.%m.%Y}"], rng.uniform(-10, 10)
    )
    page.inset(stamp, x=page.width - page.margin - stamp.width - rng.randint(0, 200))
    page.gap(20)
    truth = details(
        DocumentType.BANK_TRANSFER,
        total,
        when.date(),
        recipient_name=payee.name,
        recipient_inn=payee.inn,
        recipient_kpp=payee.kpp,
        recipient_account=acc,
        bank_name=printed_bank,
        bank_bic=chosen.bic,
        payer_name=depositor.full,
        purpose=source,
    )
    return Drawn(page.finish(), "cash-deposit-slip-0402001", truth)


def alfa_housing_qr_payment(rng: random.Random) -> Drawn:
    """An Альфа-like light screen of a housing bill paid by scanning its QR: the red head, «Платёж выполнен», the sum
    large, «Оплата по QR-коду квитанции», then «Детали платежа»: the УК as recipient with ИНН, КПП, account, bank,
    БИК and к/с, the personal account and the period, the purpose, the payer by full name (as the QR names him),
    the account debited, the fee 0, the day and time, the document's number; the buttons at the foot."""
    when = moment(rng, past_day(rng))
    payee = management_company(rng)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    payer = person(rng)
    total = Decimal(rng.randint(150000, 1600000)) / 100
    personal = digits(rng, rng.choice([8, 9, 10]))
    period = when.month - 1 or 12
    year = when.year if when.month > 1 else when.year - 1
    purpose = f"Оплата ЖКУ за {MONTHS_NOMINATIVE[period - 1]} {year} г., л/с {personal}"
    red = (239, 49, 36)
    page = SecondPage(
        1080, pick_face(rng, rng.choice([SCREEN_FACES, THIRD_SCREEN_FACES, FOURTH_SCREEN_FACES])), 30, margin=54
    )
    page.pair(f"{when:%H:%M}", "5G  87%", 26)
    page.gap(10)
    page.line("А", 60, bold=True, colour=red, align="center")
    page.line("Платёж выполнен", 40, bold=True, align="center")
    page.line(f"{grouped(total)} ₽", 64, bold=True, align="center")
    page.line("Оплата по QR-коду квитанции", 28, colour=GREY, align="center")
    page.gap(24)
    page.line("Детали платежа", 34, bold=True)
    page.gap(8)
    for label, value in (
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        ("КПП получателя", payee.kpp or ""),
        ("Счёт получателя", acc),
        ("Банк получателя", chosen.name),
        ("БИК", chosen.bic),
        ("Корр. счёт", chosen.corr_account),
        ("Лицевой счёт", personal),
        ("Период оплаты", f"{period:02d}.{year}"),
        ("Назначение платежа", purpose),
        ("Плательщик", payer.full),
        ("Счёт списания", f"Текущий счёт ··{digits(rng, 4)}"),
        ("Комиссия", "0 ₽"),
        ("Дата и время", f"{when:%d.%m.%Y в %H:%M}"),
        ("Номер документа", f"C{digits(rng, 2)}{digits(rng, 10)}"),
    ):
        page.stacked(label, value, 24, 30)
    page.gap(20)
    page.pair("Сохранить шаблон", "Поделиться", 28, colour=red)
    truth = transfer_details(total, when.date(), payee, acc, chosen, payer=payer.full, purpose=purpose)
    return Drawn(page.finish(min_height=2200), "alfa-housing-qr-payment", truth, screen=True)


_CITIES_ABROAD = ("Казань", "Махачкала", "Новосибирск", "Владивосток", "Калининград", "Ростов-на-Дону", "Уфа")


def money_transfer_receipt(rng: random.Random) -> Drawn:
    """A money transfer service's app receipt of a transfer to a person by name (no account): «Перевод отправлен»,
    the control number, the sender and the recipient in full, paid out in cash in a city or credited to a card at a
    named bank, «Сумма перевода», «Комиссия» (1 %, at least 99 ₽), «Итого списано», the day and time of sending,
    the operator's small print."""
    when = moment(rng, past_day(rng))
    sender, payee = person(rng), person(rng)
    total = Decimal(rng.randint(10, 600)) * 100 if rng.random() < 0.7 else Decimal(rng.randint(3000, 90000))
    fee = max(Decimal(99), (total / 100).quantize(Decimal("0.01")))
    to_card = rng.random() < 0.5
    payee_bank = rng.choice(["Т-Банк", "СберБанк", "ВТБ", "Почта Банк", "Совкомбанк"]) if to_card else None
    page = SecondPage(1000, pick_face(rng, rng.choice([SCREEN_FACES, FOURTH_SCREEN_FACES])), 28, margin=50)
    gold = (200, 150, 20)
    page.line("ЗОЛОТАЯ КОРОНА", 40, bold=True, colour=gold)
    page.gap(10)
    page.line("Перевод отправлен", 40, bold=True)
    page.line(f"{grouped(total)} ₽", 56, bold=True)
    page.gap(10)
    page.stacked(
        "Контрольный номер перевода", f"{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 1)}", 22, 32
    )
    page.stacked("Отправитель", sender.full, 22, 28)
    page.stacked("Получатель", payee.full, 22, 28)
    if to_card:
        page.stacked("Способ получения", f"На карту ··{digits(rng, 4)}", 22, 28)
        page.stacked("Банк получателя", payee_bank or "", 22, 28)
    else:
        page.stacked("Способ получения", f"Наличными, г. {rng.choice(_CITIES_ABROAD)}", 22, 28)
    page.stacked("Страна получения", "Россия", 22, 28)
    page.rule(thickness=1)
    page.pair("Сумма перевода", f"{grouped(total)} ₽", 28)
    page.pair("Комиссия", f"{grouped(fee)} ₽", 28)
    page.pair("Итого списано", f"{grouped(total + fee)} ₽", 30, bold=True)
    page.rule(thickness=1)
    page.stacked("Дата и время отправки", f"{when:%d.%m.%Y %H:%M:%S}", 22, 28)
    page.stacked("Карта отправителя", f"{rng.choice(['МИР', 'VISA'])} ··{digits(rng, 4)}", 22, 28)
    page.gap(16)
    page.line(
        "Перевод без открытия счёта. Оператор: РНКО «Платёжный Центр» (ООО), лицензия Банка России № 3166-К. "
        "Сообщите получателю контрольный номер перевода.",
        20,
        colour=GREY,
    )
    truth = details(
        DocumentType.BANK_TRANSFER,
        total,
        when.date(),
        recipient_name=payee.full,
        bank_name=payee_bank,
        payer_name=sender.full,
    )
    return Drawn(page.finish(min_height=1700), "money-transfer-receipt", truth, screen=True)


TEMPLATES = (cash_deposit_receipt, alfa_housing_qr_payment, money_transfer_receipt)
