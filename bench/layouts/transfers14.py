"""The fourteenth round's transfers: a Сбербанк-Онлайн-like «Чек по операции» of a transfer by phone number, a
Госуслуги-like receipt of a property tax paid by the notice's УИН as a single tax payment (ЕНП) to the treasury's
real requisites, an internet bank's «Платёжное поручение» saved as a PDF with the bank's «ПРОВЕДЕНО» stamp."""

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
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    Bank,
    Party,
    account,
    bank,
    digits,
    grouped,
    in_words,
    inn_person,
    moment,
    order_sum,
    organisation,
    past_day,
    person,
    vat_part,
)

_STAMP_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _stamp(lines: list[str], colour: tuple[int, int, int], size: int, angle: float) -> Image.Image:
    """A bank's rectangular stamp: its lines in a double frame, turned by ``angle``, on white."""
    font = ImageFont.truetype(_STAMP_FACE, size)
    width = max(round(font.getlength(text)) for text in lines) + 40
    height = len(lines) * round(size * 1.35) + 30
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((2, 2, width - 3, height - 3), outline=colour, width=3)
    draw.rectangle((9, 9, width - 10, height - 10), outline=colour, width=1)
    for index, text in enumerate(lines):
        x = (width - font.getlength(text)) / 2
        draw.text((x, 15 + index * round(size * 1.35)), text, font=font, fill=colour)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255))


def _phone(rng: random.Random) -> str:
    return f"+7 (9{digits(rng, 2)}) {digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}"


def sber_phone_check(rng: random.Random) -> Drawn:
    """A Сбербанк-Онлайн-like «Чек по операции» of a transfer by the recipient's phone number: the green head, the
    day and time «(МСК)», the operation, the recipient as the app names them, the phone, the card's last digits,
    the recipient's bank, the sender, the sum, the fee, a message, the document's number and the authorisation
    code, the round «ИСПОЛНЕНО» stamp."""
    when = moment(rng, past_day(rng))
    sender, payee = person(rng), person(rng)
    total = Decimal(rng.randint(2, 400)) * 50 if rng.random() < 0.7 else Decimal(rng.randint(100, 25000))
    inside = rng.random() < 0.5
    payee_bank = "СберБанк" if inside else rng.choice(["Т-Банк", "ВТБ", "Альфа-Банк", "Райффайзенбанк", "Озон Банк"])
    message = rng.choice([None, None, "За обед", "Коммуналка за октябрь", "Возврат долга", "С днём рождения!"])
    green = (33, 160, 56)
    page = SecondPage(900, pick_face(rng, rng.choice([SCREEN_FACES, FOURTH_SCREEN_FACES])), 26, margin=56)
    page.line("СБЕРБАНК", 40, bold=True, colour=green)
    page.gap(10)
    page.line("Чек по операции", 36, bold=True)
    page.line(f"{when:%d.%m.%Y %H:%M:%S} (МСК)", 26, colour=GREY)
    page.gap(14)
    page.rule(thickness=1)
    rows = [
        ("Операция", "Перевод клиенту СберБанка" if inside else "Перевод по СБП"),
        ("ФИО получателя", payee.app_form),
        ("Телефон получателя", _phone(rng)),
        ("Номер карты получателя", f"•••• {digits(rng, 4)}"),
        ("Банк получателя", payee_bank),
        ("ФИО отправителя", sender.app_form),
        ("Счёт отправителя", f"•••• {digits(rng, 4)}"),
        ("Сумма перевода", f"{grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
    ]
    if message:
        rows.append(("Сообщение получателю", message))
    rows += [("Номер документа", digits(rng, 16)), ("Код авторизации", digits(rng, 6))]
    for label, value in rows:
        page.stacked(label, value, 22, 28)
    page.gap(10)
    stamp = _stamp(["ПАО СБЕРБАНК", "ИСПОЛНЕНО", f"{when:%d.%m.%Y}"], (40, 70, 170), 24, rng.uniform(-8, 8))
    page.inset(stamp, x=page.width - page.margin - stamp.width)
    page.line("По вопросам зачисления обращайтесь к получателю платежа. Служба поддержки: 900", 20, colour=GREY)
    truth = app_transfer_details(total, when, payee, payee_bank, payer=sender.app_form, message=message)
    return Drawn(page.finish(min_height=1800), "sber-phone-check", truth, screen=True)


FNS = Party("Казначейство России (ФНС России)", "7727406020", "770801001", "127381, г. Москва, ул. Неглинная, д. 23")
TULA = Bank("017003983", "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула", "40102810445370000059", "Тула")
"""The single tax payment's real requisites: the treasury's account at the Тула division, its БИК and ЕКС."""
ENP_ACCOUNT = "03100643000000018500"
ENP_KBK = "18201061201010000510"


def uin(body: str) -> str:
    """A УИН (20 digits): ``body``'s 19 digits and the treasury's control digit (weights 1-10 cycling modulo 11;
    on a remainder of 10 weights from 3; a second 10 gives 0)."""
    for start in (1, 3):
        remainder = sum(int(c) * ((start - 1 + i) % 10 + 1) for i, c in enumerate(body)) % 11
        if remainder < 10:
            return body + str(remainder)
    return body + "0"


def gosuslugi_property_tax(rng: random.Random) -> Drawn:
    """A Госуслуги-like receipt of a property tax paid by the tax notice's УИН: «Оплачено», the sum, the notice
    (its day and «Срок уплаты» 1 December), the payer with his ИНН, «Единый налоговый платёж», the treasury's
    payee, ИНН, КПП, the treasury account, the bank, БИК, ЕКС, КБК, ОКТМО 0, УИН, the bank that took the card,
    the payment's day and time and its number."""
    when = moment(rng, past_day(rng))
    payer = person(rng)
    notice_day = when.date() - timedelta(days=rng.randint(20, 120))
    total = Decimal(rng.randint(180, 24000)) + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    code = uin("182" + digits(rng, 16))
    tax = rng.choice(
        ["налог на имущество физических лиц", "земельный налог", "транспортный налог", "налог на имущество и земельный"]
    )
    purpose = f"Единый налоговый платеж ({tax} за {when.year - 1} год)"
    acquirer = rng.choice(["ПАО Сбербанк", "Банк ВТБ (ПАО)", "АО «Т-Банк»", "Газпромбанк (АО)"])
    page = SecondPage(960, pick_face(rng, rng.choice([SCREEN_FACES, THIRD_SCREEN_FACES])), 25, margin=54)
    page.line("госуслуги", 38, bold=True, colour=(13, 68, 153))
    page.gap(10)
    page.line("Квитанция об оплате", 34, bold=True)
    page.line("Оплачено", 26, colour=(20, 150, 70))
    page.line(f"{grouped(total)} ₽", 56, bold=True)
    page.gap(10)
    rows = [
        ("Дата и время оплаты", f"{when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}"),
        ("Начисление", f"Налоговое уведомление от {notice_day:%d.%m.%Y}"),
        ("Срок уплаты", f"01.12.{when.year}"),
        ("Плательщик", payer.full),
        ("ИНН плательщика", inn_person(rng)),
        ("Назначение платежа", purpose),
        ("УИН", code),
        ("Получатель", FNS.name),
        ("ИНН / КПП получателя", f"{FNS.inn} / {FNS.kpp}"),
        ("Казначейский счёт", ENP_ACCOUNT),
        ("Банк получателя", TULA.name),
        ("БИК", TULA.bic),
        ("Единый казначейский счёт", TULA.corr_account),
        ("КБК", ENP_KBK),
        ("ОКТМО", "0"),
        ("Способ оплаты", f"Банковская карта •• {digits(rng, 4)}, {acquirer}"),
        ("Номер операции", digits(rng, 12)),
    ]
    for label, value in rows:
        page.labelled(label, value, 0.4, 24)
        page.gap(6)
    page.gap(14)
    page.line("Информация о платеже поступит в ФНС в течение 1-3 рабочих дней", 20, colour=GREY)
    truth = transfer_details(
        total, when.date(), FNS, ENP_ACCOUNT, TULA, payer=payer.full, purpose=purpose, bank_name=TULA.name
    )
    return Drawn(page.finish(min_height=1500), "gosuslugi-enp-property-tax", truth, screen=True)


def internet_bank_order(rng: random.Random) -> Drawn:
    """An internet bank's «Платёжное поручение» 0401060 saved as a PDF and printed: «Поступ. в банк плат.» and
    «Списано со сч. плат.» on the order's day, the number and day, «электронно», the sum in words, the parties'
    grid (payer first, then the banks, then the payee), the purpose naming a bill with its VAT or «Без налога
    (НДС)», the e-signature's line and the bank's blue «ПРОВЕДЕНО» stamp with the day."""
    when = past_day(rng)
    payer = organisation(rng)
    payee = organisation(rng)
    payer_bank, payee_bank = bank(rng), bank(rng)
    payer_acc = account(rng, payer_bank.bic, "40802" if payer.kpp is None else "40702")
    payee_acc = account(rng, payee_bank.bic, "40802" if payee.kpp is None else "40702")
    total = Decimal(rng.randint(1500, 480000)) + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    bill_day = when - timedelta(days=rng.randint(0, 20))
    tail = (
        f"В т.ч. НДС 20% - {grouped(vat_part(total, 20), sep='', point='.')} руб."
        if payee.kpp and rng.random() < 0.7
        else "Без налога (НДС)"
    )
    purpose = (
        f"Оплата по счету № {rng.randint(1, 900)} от {bill_day:%d.%m.%Y} за "
        f"{rng.choice(['товар', 'услуги', 'поставку материалов', 'транспортные услуги'])}. {tail}"
    )
    number = rng.randint(1, 2500)
    face = pick_face(rng, rng.choice([PAGE_FACES, SECOND_PAGE_FACES]))
    size = rng.randint(17, 19)
    page = SecondPage(1240, face, size, margin=60)
    page.line(
        rng.choice(["Интернет-банк «Бизнес Онлайн»", "Интернет-банк для бизнеса", "Клиент-Банк Онлайн"]),
        size - 3,
        colour=GREY,
    )
    page.grid(
        [
            [f"{when:%d.%m.%Y}", f"{when:%d.%m.%Y}", "", "0401060"],
            ["Поступ. в банк плат.", "Списано со сч. плат.", "", ""],
        ],
        [0.22, 0.22, 0.36, 0.2],
        size - 3,
    )
    page.gap(14)
    page.pair(f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {number}     {when:%d.%m.%Y}     электронно", "01", size + 4, bold=True)
    page.grid([["Сумма прописью", in_words(total)]], [0.18, 0.82], size - 1)
    payer_bank_name = f"{payer_bank.name} г. {payer_bank.city}"
    payee_bank_name = f"{payee_bank.name} г. {payee_bank.city}"
    rows = [
        [f"ИНН {payer.inn}", f"КПП {payer.kpp or '0'}", "Сумма", order_sum(total)],
        [payer.name, "", "Сч. №", payer_acc],
        ["Плательщик", "", "", ""],
        [payer_bank_name, "", "БИК", payer_bank.bic],
        ["Банк плательщика", "", "Сч. №", payer_bank.corr_account],
        [payee_bank_name, "", "БИК", payee_bank.bic],
        ["Банк получателя", "", "Сч. №", payee_bank.corr_account],
        [f"ИНН {payee.inn}", f"КПП {payee.kpp or '0'}", "Сч. №", payee_acc],
        [payee.name, "", "Вид оп.  01", "Срок плат."],
        ["", "", "Наз. пл.", "Очер. плат.  5"],
        ["Получатель", "", "Код  0", "Рез. поле"],
    ]
    page.grid(rows, [0.32, 0.18, 0.14, 0.36], size - 1)
    page.gap(10)
    page.line(purpose, size)
    page.line("Назначение платежа", size - 4, colour=GREY)
    page.gap(24)
    signer = person(rng)
    page.line("Подписи", size - 2)
    page.line(f"Электронная подпись: {signer.initials}", size - 1)
    page.line(f"Сертификат {digits(rng, 12)}", size - 3, colour=GREY)
    page.line("Отметки банка", size - 2, align="right")
    stamp = _stamp(
        [payer_bank.name[:34], f"БИК {payer_bank.bic}", "ПРОВЕДЕНО", f"{when:%d.%m.%Y}"],
        (30, 60, 175),
        20,
        rng.uniform(-6, 6),
    )
    page.gap(6)
    page.inset(stamp, x=page.width - page.margin - stamp.width - 20)
    truth = transfer_details(
        total,
        when,
        payee,
        payee_acc,
        payee_bank,
        payer=payer.name,
        purpose=purpose,
        bank_name=payee_bank_name,
    )
    return Drawn(page.finish(), "internet-bank-order-stamped", truth)


TEMPLATES = (sber_phone_check, gosuslugi_property_tax, internet_bank_order)
