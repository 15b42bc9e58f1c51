"""The tenth round's transfers: a Райффайзен-like PDF of an executed payment order to a firm whose purpose names the
bill paid and its date and the VAT inside the sum («В т.ч. НДС 20% - …»); a light app's screenshot of an СБП
transfer between the sender's own accounts in two banks («Перевод себе»); a bank's PDF statement («Выписка по
счёту») for a month holding one debit, its counterparty's requisites in the row, the balances before and after, the
period and the day it was formed; and a ВТБ-like receipt of a housing payment by a personal account (the period
paid for, the provider's requisites, «Комиссия 0 ₽»).

Truth: the amount the recipient is paid (never a VAT part, a balance or a month's turnover); the operation's day
(never the bill's date in the purpose, the statement's period or its forming day, the period paid for); the sender
himself where he pays himself."""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details
from bench.layouts.pdf import TextPage

TENTH_SCREEN_FACES = (
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Light.ttf", "roboto/unhinted/RobotoTTF/Roboto-Medium.ttf"),
    ("open-sans/OpenSans-Light.ttf", "open-sans/OpenSans-Semibold.ttf"),
)
TENTH_PDF_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
)

_RAIF = (255, 237, 0)
_VTB = (0, 40, 130)
_BANKS = ("Почта Банк", "Газпромбанк", "Райффайзенбанк", "Совкомбанк", "Россельхозбанк", "МКБ")


def raiffeisen_vat_order(rng: random.Random) -> Drawn:
    """A Райффайзен-like PDF «Платёжное поручение № …» with «Исполнено»: the yellow logo square, the date, «Сумма»,
    the payer (a person) and his account, the payee firm's name, ИНН, КПП, account, bank, БИК, к/с, the purpose
    «Оплата по счёту № … от … за …. В т.ч. НДС 20% - …», the status and the date it was executed."""
    payee = r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    total = r.amount(rng, 1200, 240000)
    when = r.moment(rng, r.past_day(rng))
    billed = when.date() - timedelta(days=rng.randint(1, 20))
    purpose = (
        f"Оплата по счёту № {rng.randint(10, 9000)} от {billed:%d.%m.%Y} за "
        f"{rng.choice(['мебель', 'окна ПВХ', 'ремонт автомобиля', 'обучение', 'стройматериалы'])}. "
        f"В т.ч. НДС 20% - {r.grouped(r.vat_part(total, 20), sep='', point='.')} руб."
    )
    size = rng.randint(17, 19)
    page = TextPage(1240, rng.choice(TENTH_PDF_FACES), size, margin=70)
    top = page.y
    page.gap(70)
    page.box(top, _RAIF, left=page.margin, right=page.margin + 70)
    page.y = top + 14
    page.line("Райффайзен", size + 10, bold=True, indent=90)
    page.y = top + 100
    page.line(f"ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 999)}", size + 6, bold=True)
    page.line(f"от {when:%d.%m.%Y}   Вид платежа: электронно", size, colour=GREY)
    page.gap(16)
    for label, value in (
        ("Сумма", f"{r.grouped(total)} RUR"),
        ("Сумма прописью", r.in_words(total).capitalize()),
        ("Плательщик", payer.full),
        ("Счёт плательщика", r.account(rng, "044525700", "40817")),
        ("Банк плательщика", "АО «Райффайзенбанк» г. Москва, БИК 044525700"),
        ("Получатель", payee.name),
        ("ИНН / КПП получателя", f"{payee.inn} / {payee.kpp}"),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Очерёдность", "5"),
        ("Назначение платежа", purpose),
        ("Статус", f"Исполнено {when:%d.%m.%Y %H:%M}"),
    ):
        page.labelled(label, value, 0.3, size)
        page.gap(6)
    image = page.finish()
    return Drawn(
        image,
        "raiffeisen-vat-order",
        transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose),
        screen=True,
        pdf=page.pdf(image.height, when),
    )


def own_accounts_sbp(rng: random.Random) -> Drawn:
    """A light app's screenshot of an СБП transfer to the sender's own account in another bank: «Перевод себе»,
    the sum, «Откуда» (a card here) and «Куда» (the other bank), the sender and the recipient, both the same person
    in the app's form, «Комиссия 0 ₽», «Дата», «Номер операции в СБП», «Успешно»."""
    owner = r.person(rng)
    target_bank = rng.choice(_BANKS)
    total = r.amount(rng, 500, 150000)
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(34, 37)
    page = SecondPage(1080, rng.choice(TENTH_SCREEN_FACES), size, margin=56)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"5G  {rng.randint(10, 99)}%", size - 8)
    page.gap(30)
    page.line("×", size + 8)
    page.gap(30)
    page.line("Перевод себе", size + 2, bold=True, align="center")
    page.line("через СБП", size - 6, align="center", colour=GREY)
    page.gap(20)
    page.line(f"{r.grouped(total).removesuffix(',00')} ₽", size + 30, bold=True, align="center")
    page.line("Успешно", size - 4, align="center", colour=(20, 150, 70))
    page.gap(40)
    for label, value in (
        ("Откуда", f"Дебетовая карта ·· {r.digits(rng, 4)}"),
        ("Куда", f"{target_bank}, счёт ·· {r.digits(rng, 4)}"),
        ("Отправитель", owner.app_form),
        ("Получатель", owner.app_form),
        ("Телефон получателя", f"+7 9{r.digits(rng, 2)} ***-**-{r.digits(rng, 2)}"),
        ("Комиссия", "0 ₽"),
        ("Дата и время", f"{when:%d.%m.%Y, %H:%M}"),
        ("Номер операции в СБП", f"A{r.digits(rng, 4)}{rng.choice('ABCDEF')}{r.digits(rng, 20)}"),
    ):
        page.stacked(label, value, size - 10, size - 2)
    page.gap(20)
    page.line("Сохранить чек    Повторить", size - 4, align="center", colour=(0, 110, 220))
    truth = app_transfer_details(total, when, owner, target_bank, payer=owner.app_form, message=None)
    return Drawn(page.finish(min_height=2340), "own-accounts-sbp", truth, screen=True)


def statement_one_debit(rng: random.Random) -> Drawn:
    """A bank's PDF «Выписка по счёту» for a month: the bank, the client and the account, «за период с … по …»,
    «Дата формирования» (after the period), «Входящий остаток», a table with one debit (its date, the document's
    number, the counterparty's name, ИНН, account and bank's БИК, the purpose, «Расход»), «Обороты», «Исходящий
    остаток»."""
    owner = r.organisation(rng, sole_trader=True)
    payee = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    own_bank = r.bank(rng)
    own_account = r.account(rng, own_bank.bic, "40802")
    total = r.amount(rng, 800, 180000)
    month = rng.randint(1, 10)
    when = r.moment(rng, date(2026, month, rng.randint(2, 27)))
    start, end = date(2026, month, 1), date(2026, month + 1, 1) - timedelta(days=1)
    formed = end + timedelta(days=rng.randint(1, 9))
    opening = total + r.amount(rng, 100, 400000)
    purpose = f"Оплата по договору аренды № {rng.randint(1, 90)} за {r.MONTHS_NOMINATIVE[month - 1]}. Без НДС"
    size = rng.randint(15, 17)
    page = TextPage(1400, rng.choice(TENTH_PDF_FACES), size, margin=60)
    page.line(own_bank.name, size + 4, bold=True)
    page.pair(f"БИК {own_bank.bic}", f"Дата формирования: {formed:%d.%m.%Y}", size - 1)
    page.gap(16)
    page.line("ВЫПИСКА ПО СЧЁТУ", size + 6, bold=True, align="center")
    page.line(f"за период с {start:%d.%m.%Y} по {end:%d.%m.%Y}", align="center")
    page.gap(10)
    page.line(f"Клиент: {owner.name}, ИНН {owner.inn}")
    page.line(f"Счёт: {own_account}   Валюта: RUB")
    page.pair("", f"Входящий остаток: {r.grouped(opening)}")
    page.gap(6)
    counterparty = (
        f"{payee.name}\nИНН {payee.inn}"
        + (f" КПП {payee.kpp}" if payee.kpp else "")
        + f"\nСч. {account}\nБИК {bank.bic}"
    )
    page.grid(
        [
            ["Дата", "№ док.", "Контрагент", "Назначение платежа", "Приход", "Расход"],
            [f"{when:%d.%m.%Y}", str(rng.randint(1, 400)), counterparty, purpose, "", r.grouped(total)],
        ],
        [0.1, 0.07, 0.3, 0.29, 0.11, 0.13],
        size - 2,
        bold_first=True,
    )
    page.gap(6)
    page.pair("Обороты за период:", f"приход 0,00   расход {r.grouped(total)}")
    page.pair("", f"Исходящий остаток: {r.grouped(opening - total)}", bold=True)
    page.gap(30)
    page.line(f"Банк получателя: {bank.name}, к/с {bank.corr_account}", size - 3, colour=GREY)
    page.line("Выписка сформирована в интернет-банке и не требует подписи", size - 3, colour=GREY)
    image = page.finish()
    return Drawn(
        image,
        "statement-one-debit",
        transfer_details(total, when.date(), payee, account, bank, payer=owner.name, purpose=purpose),
        screen=True,
        pdf=page.pdf(image.height, r.moment(rng, formed)),
    )


def vtb_housing_by_account(rng: random.Random) -> Drawn:
    """A ВТБ-like receipt of a housing payment found by its personal account: the dark blue band, «Квитанция об
    оплате», «ЖКУ», the provider (an УК) with ИНН, КПП, account, БИК, к/с, «Лицевой счёт», «Период оплаты» (the month
    before), «Сумма платежа», «Комиссия 0 ₽», «Списано с карты», «Дата и время платежа», «Статус: Исполнен»."""
    payee = r.management_company(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    total = r.amount(rng, 900, 16000)
    when = r.moment(rng, r.past_day(rng))
    paid_for = date(when.year, when.month, 1) - timedelta(days=1)
    personal = r.digits(rng, 10)
    purpose = f"Оплата ЖКУ, л/с {personal}, период {paid_for:%m.%Y}"
    size = rng.randint(28, 30)
    page = SecondPage(1080, rng.choice(TENTH_SCREEN_FACES), size, margin=64)
    top = page.y
    page.gap(100)
    page.box(0, _VTB)
    page.y = top + 22
    page.line("ВТБ", size + 14, bold=True, colour=(255, 255, 255))
    page.y = top + 140
    page.line("Квитанция об оплате", size + 8, bold=True)
    page.line("ЖКУ — оплата по лицевому счёту", size - 4, colour=GREY)
    page.gap(20)
    for label, value in (
        ("Дата и время платежа", f"{when:%d.%m.%Y %H:%M:%S}"),
        ("Плательщик", payer.full),
        ("Списано с карты", f"Мир ·{r.digits(rng, 4)}"),
        ("Получатель", payee.name),
        ("ИНН / КПП", f"{payee.inn} / {payee.kpp}"),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Лицевой счёт", personal),
        ("Период оплаты", f"{r.MONTHS_NOMINATIVE[paid_for.month - 1]} {paid_for.year}"),
        ("Назначение", purpose),
        ("Сумма платежа", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Статус", "Исполнен"),
    ):
        page.labelled(label, value, 0.42, size - 4)
        page.gap(8)
    return Drawn(
        page.finish(min_height=2000),
        "vtb-housing-by-account",
        transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose),
        screen=True,
    )


TEMPLATES = (raiffeisen_vat_order, own_accounts_sbp, statement_one_debit, vtb_housing_by_account)
