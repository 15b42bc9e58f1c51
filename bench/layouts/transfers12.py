"""The twelfth round's transfers: a Газпромбанк-like app receipt of a payment by requisites to a company (the
operation's day and the next day it was carried out); an ATM's cheque of a payment to a company with a fee taken on
top; Госуслуги's e-mail that a tax was paid (the letter's head, the УИН, the treasury payee); a payment to a shop by
its СБП QR code (C2B) as the payer's app shows it.

Truth: the sum paid (never the fee or the total with it); the operation's day (never the day it was carried out, the
letter's day or a period); the payee as printed (the company, «Казначейство России (ФНС России)», the shop's legal
name, never its sign)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, details, transfer_details
from bench.layouts.requisites import Bank, Party
from model.schema import DocumentType

TWELFTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Semibold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
)
TWELFTH_SLIP_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
)
_FNS = Party("Казначейство России (ФНС России)", "7727406020", "770801001", "")
_FNS_BANK = Bank(
    "017003983", "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула", "40102810445370000059", "Тула"
)
_FNS_ACCOUNT = "03100643000000018500"
_PURPOSES = (
    "Оплата по счёту № {n} за услуги связи",
    "Оплата по договору № {n} за обучение",
    "Оплата по счёту № {n} за ремонт автомобиля",
    "Взнос по договору № {n}",
)


def _moment(rng: random.Random) -> datetime:
    return r.moment(rng, r.past_day(rng))


def gazprom_app_receipt(rng: random.Random) -> Drawn:
    """A Газпромбанк-like app's receipt of a payment by requisites: the bank's blue head, «Платёж исполнен», the
    sum large, «Дата операции» and «Дата исполнения» (the next working day), the payee's name, ИНН, КПП, account,
    bank, БИК, к/с, the purpose, the payer and the account debited, the document's number."""
    payee = r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    total = r.amount(rng, 300, 60000)
    when = _moment(rng)
    done = when + timedelta(days=rng.choice([1, 1, 3]))
    purpose = rng.choice(_PURPOSES).format(n=rng.randint(10, 999)) + ". Без НДС"
    size = rng.randint(26, 29)
    page = SecondPage(760, rng.choice(TWELFTH_SCREEN_FACES), size, margin=40)
    page.y = 110
    page.box(0, (0, 60, 150))
    page.y = 34
    page.line("Газпромбанк", size + 6, bold=True, colour=(255, 255, 255))
    page.y = 130
    page.line("Платёж исполнен", size + 4, bold=True, align="center", colour=(20, 140, 60))
    page.line(f"{r.grouped(total)} ₽", size + 18, bold=True, align="center")
    page.gap(14)
    for label, value in [
        ("Дата операции", f"{when:%d.%m.%Y %H:%M:%S}"),
        ("Дата исполнения", f"{done:%d.%m.%Y}"),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        ("КПП получателя", payee.kpp or ""),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Назначение платежа", purpose),
        ("Плательщик", payer.full),
        ("Счёт списания", f"40817 ···· {r.digits(rng, 4)}"),
        ("Комиссия", "0,00 ₽"),
        ("Номер документа", r.digits(rng, 6)),
    ]:
        page.stacked(label, value, size - 6, size - 2)
    details_ = transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose)
    return Drawn(page.finish(min_height=1600), "gazprom-app-receipt", details_, screen=True)


def atm_payment_cheque(rng: random.Random) -> Drawn:
    """An ATM's cheque of a payment to a company by requisites paid in cash: the bank and the ATM's number and
    place, «ПЛАТЕЖ ПО РЕКВИЗИТАМ», the payee's name, ИНН, account, БИК, the purpose, «СУММА ПЛАТЕЖА», «КОМИССИЯ»
    (1%, at least 50 ₽), «ИТОГО ВНЕСЕНО», the operation's number, «ЧЕК СОХРАНЯЙТЕ». No к/с is printed, so the
    truth has none."""
    payee = r.organisation(rng, sole_trader=False)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic)
    payer = r.person(rng)
    total = Decimal(rng.randint(5, 300) * 100)
    fee = max(Decimal(50), (total / 100).quantize(Decimal("0.01")))
    when = _moment(rng)
    purpose = rng.choice(_PURPOSES).format(n=rng.randint(10, 999))
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(520, 560), rng.choice(TWELFTH_SLIP_FACES), size, margin=14)
    page.line(
        rng.choice(["ПАО РОСБАНК", "АО «РАЙФФАЙЗЕНБАНК»", "ПАО БАНК «ФК ОТКРЫТИЕ»"]),
        size + 2,
        bold=True,
        align="center",
    )
    page.line(f"БАНКОМАТ № {r.digits(rng, 6)}", align="center")
    page.line(r.address(rng).split(", оф.")[0], size - 4, align="center")
    page.pair(f"{when:%d.%m.%Y}", f"{when:%H:%M:%S}")
    page.rule(dashed=True, thickness=1)
    page.line("ПЛАТЕЖ ПО РЕКВИЗИТАМ", bold=True, align="center")
    page.line("ПОЛУЧАТЕЛЬ:", size - 2)
    page.line(payee.name)
    page.pair("ИНН", payee.inn)
    page.pair("КПП", payee.kpp or "")
    page.pair("Р/С", account)
    page.pair("БИК", bank.bic)
    page.line(f"БАНК: {bank.name}", size - 2)
    page.line(f"НАЗНАЧЕНИЕ: {purpose}", size - 2)
    page.line(f"ПЛАТЕЛЬЩИК: {payer.full}", size - 2)
    page.rule(dashed=True, thickness=1)
    page.pair("СУММА ПЛАТЕЖА", f"{total:.2f} RUB", bold=True)
    page.pair("КОМИССИЯ", f"{fee:.2f} RUB")
    page.pair("ИТОГО ВНЕСЕНО", f"{total + fee:.2f} RUB")
    page.pair("НОМЕР ОПЕРАЦИИ", r.digits(rng, 10))
    page.line("ОПЕРАЦИЯ ВЫПОЛНЕНА", bold=True, align="center")
    page.line("ЧЕК СОХРАНЯЙТЕ", size - 2, align="center")
    page.gap(40)
    details_ = transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose)
    printed = details_.model_copy(update={"bank_corr_account": None})
    return Drawn(page.finish(), "atm-payment-cheque", printed, thermal=True)


def gosuslugi_tax_email(rng: random.Random) -> Drawn:
    """Госуслуги's e-mail that a tax was paid, as a phone's mail shows it: the letter's head (sender, the day it
    came, hours or a day later), «Оплата прошла успешно», the tax, the УИН, the payee's requisites (the single tax
    account), «Сумма», «Комиссия 0 ₽», «Дата и время оплаты», the payer, the bank's operation number."""
    payer = r.person(rng)
    total = Decimal(rng.randint(300, 25000)) + Decimal(rng.choice([0, 0, rng.randint(1, 99)])) / 100
    when = _moment(rng)
    letter = when + timedelta(hours=rng.choice([2, 14, 26]))
    tax = rng.choice(["Единый налоговый платёж", "Налог на имущество физических лиц", "Транспортный налог"])
    size = rng.randint(25, 28)
    page = SecondPage(740, rng.choice(TWELFTH_SCREEN_FACES), size, margin=36)
    page.line("Госуслуги <no-reply@gosuslugi.ru>", size - 4, colour=GREY)
    page.line(
        f"{letter:%d %b %Y, %H:%M}".replace(letter.strftime("%b"), r.MONTHS_GENITIVE[letter.month - 1][:3]),
        size - 4,
        colour=GREY,
    )
    page.line("Платёж выполнен", size + 4, bold=True)
    page.rule(thickness=1)
    page.line(f"Здравствуйте, {payer.first}!", size)
    page.line("Оплата прошла успешно", size + 2, bold=True, colour=(20, 140, 60))
    page.gap(8)
    for label, value in [
        ("Назначение", tax),
        ("УИН", r.digits(rng, 20)),
        ("Получатель", _FNS.name),
        ("ИНН / КПП", f"{_FNS.inn} / {_FNS.kpp}"),
        ("Счёт получателя", _FNS_ACCOUNT),
        ("Банк получателя", _FNS_BANK.name),
        ("БИК", _FNS_BANK.bic),
        ("Кор. счёт", _FNS_BANK.corr_account),
        ("Плательщик", payer.full),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0 ₽"),
        ("Дата и время оплаты", f"{when:%d.%m.%Y %H:%M}"),
        ("Номер операции", r.digits(rng, 12)),
    ]:
        page.labelled(label, value, 0.36, size - 2)
    page.gap(10)
    page.line("Квитанция об оплате доступна в личном кабинете.", size - 4, colour=GREY)
    details_ = transfer_details(total, when.date(), _FNS, _FNS_ACCOUNT, _FNS_BANK, payer=payer.full, purpose=tax)
    return Drawn(page.finish(min_height=1500), "gosuslugi-tax-email", details_, screen=True)


def sbp_qr_shop_payment(rng: random.Random) -> Drawn:
    """A payment to a shop by its СБП QR code (C2B) as the payer's app shows it: «Оплата по QR-коду», the shop's
    sign and, under it, its legal name, the sum, the bank of the shop, «Счёт списания», «Дата и время», the СБП
    operation's identifier, «Статус: Успешно»."""
    shop = r.organisation(rng, sole_trader=rng.random() < 0.4)
    shop_bank = rng.choice(["Сбербанк", "Т-Банк", "Альфа-Банк", "ВТБ", "Точка", "Модульбанк"])
    payer = r.person(rng)
    total = r.amount(rng, 90, 15000)
    when = _moment(rng)
    size = rng.randint(26, 29)
    page = SecondPage(760, rng.choice(TWELFTH_SCREEN_FACES), size, margin=40, background=(246, 246, 248))
    page.line(f"{when:%H:%M}", size - 6, colour=GREY)
    page.gap(20)
    page.line("Оплата по QR-коду", size + 4, bold=True, align="center")
    page.line("Система быстрых платежей", size - 4, colour=GREY, align="center")
    page.gap(20)
    page.line(f"{r.grouped(total)} ₽", size + 20, bold=True, align="center")
    page.line("Успешно", size, align="center", colour=(20, 140, 60))
    page.gap(20)
    sign = f"{rng.choice(['Кофейня', 'Магазин', 'Цветы', 'Автомойка'])} «{r.rng_word(rng)}»"
    for label, value in [
        ("Магазин", sign),
        ("Получатель", shop.name),
        ("Банк получателя", shop_bank),
        ("Счёт списания", f"Дебетовая карта ·· {r.digits(rng, 4)}"),
        ("Дата и время", f"{when:%d.%m.%Y в %H:%M}"),
        ("Идентификатор операции", f"B{r.digits(rng, 4)}{rng.choice('ABCDEF')}{r.digits(rng, 26)}"),
        ("Отправитель", payer.app_form),
    ]:
        page.stacked(label, value, size - 6, size - 2)
    details_ = details(
        DocumentType.BANK_TRANSFER,
        total,
        when.date(),
        recipient_name=shop.name,
        bank_name=shop_bank,
        payer_name=payer.app_form,
    )
    return Drawn(page.finish(min_height=1500), "sbp-qr-shop-payment", details_, screen=True)


TEMPLATES = (gazprom_app_receipt, atm_payment_cheque, gosuslugi_tax_email, sbp_qr_shop_payment)
