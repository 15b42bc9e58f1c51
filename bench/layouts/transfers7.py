"""The seventh round's transfers: a ВТБ-like app's СБП transfer by phone in its dark theme (the sum with a minus, the
recipient as apps name him, «Счёт списания», «Комиссия», the СБП operation's identifier), a bank's web page of a
payment by requisites printed from a browser (the print's own date and time and the page's title at the top, its
address at the foot, «Дата создания» and «Дата исполнения» a day apart), a post office's tape of a money transfer
(«ПОЧТОВЫЙ ПЕРЕВОД», the sender and the recipient in full with their addresses, the sum, the fee, «ИТОГО» of both)
and an e-wallet's payment to an online shop in a light app (the wallet's number, «Магазин», the shop's legal name).

A fee is the sender's: the amount is what the recipient is paid. A payment order printed from a web bank is dated by
its execution («Дата исполнения»), never by its print header."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import (
    GREY,
    SEVENTH_PAGE_FACES,
    SEVENTH_SCREEN_FACES,
    SEVENTH_TAPE_FACES,
    SecondPage,
    has_glyph,
)
from bench.layouts.drawn import Drawn, app_transfer_details, details, transfer_details
from model.schema import DocumentType

_BANKS = ("Т-Банк", "Сбербанк", "Альфа-Банк", "Газпромбанк", "Совкомбанк", "Райффайзенбанк", "ОТП Банк", "Уралсиб")
_NIGHT = (10, 18, 40)
_NIGHT_CARD = (24, 34, 62)
_NIGHT_TEXT = (238, 240, 246)
_NIGHT_MUTED = (138, 150, 178)
_WALLET = (140, 60, 230)
_SHOPS = (
    ("Книги Онлайн", "knigi-online.ru"),
    ("ТехноДом", "technodom.shop"),
    ("Зоотовары 24", "zoo24.ru"),
    ("Игровой Мир", "igromir.store"),
    ("Цветочная Почта", "flowers-mail.ru"),
)


def _phone(rng: random.Random) -> str:
    return f"+7 9{r.digits(rng, 2)} {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}"


def vtb_dark_sbp(rng: random.Random) -> Drawn:
    """A ВТБ-like app, dark navy theme, 1080 pixels wide: the status bar, a tick and «Перевод выполнен», «−12 500 ₽»,
    a card of rows (the recipient, his phone, his bank, «Счёт списания» masked, «Комиссия 0 ₽», the message, «Дата
    и время», «Идентификатор операции в СБП»), and the «Повторить», «Квитанция», «В шаблоны» buttons."""
    payee = r.person(rng)
    payee_bank = rng.choice(_BANKS)
    total = r.amount(rng, 100, 150000)
    when = r.moment(rng, r.past_day(rng))
    message = rng.choice([None, None, "Спасибо!", "За ужин", "Долг за октябрь", "На подарок"])
    size = rng.randint(34, 37)
    page = SecondPage(1080, rng.choice(SEVENTH_SCREEN_FACES), size, margin=56, background=_NIGHT, ink=_NIGHT_TEXT)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"5G  {rng.randint(10, 99)}%", size - 8)
    page.gap(80)
    if has_glyph(page.face[0], "✓"):
        page.line("✓", size + 30, align="center", colour=(60, 200, 120))
    page.line("Перевод выполнен", size + 2, bold=True, align="center")
    page.gap(10)
    page.line(f"−{r.grouped(total).removesuffix(',00')} ₽", size + 34, bold=True, align="center")
    page.line("Перевод по номеру телефона (СБП)", size - 6, align="center", colour=_NIGHT_MUTED)
    page.gap(40)
    top = page.y
    rows = [
        ("Получатель", payee.app_form),
        ("Телефон", _phone(rng)),
        ("Банк получателя", payee_bank),
        ("Счёт списания", f"Мастер-счёт ·· {r.digits(rng, 4)}"),
        ("Комиссия", "0 ₽"),
    ]
    if message:
        rows.append(("Сообщение", message))
    rows += [
        ("Дата и время", f"{when:%d.%m.%Y, %H:%M}"),
        ("Идентификатор операции в СБП", f"A{r.digits(rng, 4)}{r.digits(rng, 10)}0K{r.digits(rng, 10)}"),
    ]
    page.gap(len(rows) * (round((size - 8) * 1.3) + round((size - 2) * 1.3) + (size - 2) // 2) + 40)
    page.box(top, _NIGHT_CARD, left=32, right=1048)
    page.y = top + 20
    for label, value in rows:
        page.stacked(label, value, size - 8, size - 2, _NIGHT_MUTED)
    page.gap(50)
    page.line("Повторить      Квитанция      В шаблоны", size - 4, align="center", colour=(90, 160, 255))
    return Drawn(
        page.finish(min_height=2340),
        "vtb-dark-sbp",
        app_transfer_details(total, when, payee, payee_bank, payer=None, message=message),
        screen=True,
    )


def web_bank_print(rng: random.Random) -> Drawn:
    """A web bank's page of a payment to an organisation printed from a browser on A4: the browser's header (the
    print's date and time, the page's title), «Платёжное поручение № …», «Статус: Исполнен», «Дата создания» and
    «Дата исполнения» (the next working day), the payer's name and account, the recipient's requisites, the purpose
    with its VAT, «Сумма», «Комиссия», and the browser's footer (the address, «1/1»)."""
    payee = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    payer = r.organisation(rng, sole_trader=True)
    payer_bank = r.bank(rng)
    total = r.amount(rng, 1000, 900000)
    created = r.moment(rng, r.past_day(rng))
    executed = created + timedelta(days=rng.choice([0, 1, 1, 2]))
    printed = min(executed + timedelta(days=rng.randint(1, 6), hours=rng.randint(1, 9)), datetime(2026, 11, 30, 23, 50))
    purpose = f"Оплата по счёту № {rng.randint(1, 999)} от {created - timedelta(days=rng.randint(1, 9)):%d.%m.%Y} " + (
        f"за услуги. В т.ч. НДС 20% - {r.grouped(r.vat_part(total, 20))} руб." if payee.kpp else "Без НДС"
    )
    size = rng.randint(16, 17)
    page = SecondPage(1240, rng.choice(SEVENTH_PAGE_FACES[2:]), size, margin=60)
    page.pair(f"{printed:%d.%m.%Y, %H:%M}", "Интернет-банк — Детали платежа", size - 4)
    page.gap(30)
    page.line(f"Платёжное поручение № {rng.randint(1, 999)}", size + 8, bold=True)
    page.line("Статус: Исполнен", size, colour=(20, 140, 70))
    page.gap(14)
    for label, value in (
        ("Дата создания", f"{created:%d.%m.%Y %H:%M}"),
        ("Дата исполнения", f"{executed:%d.%m.%Y}"),
        ("Плательщик", payer.name),
        ("ИНН плательщика", payer.inn),
        ("Счёт плательщика", r.account(rng, payer_bank.bic, "40802")),
        ("Банк плательщика", payer_bank.name),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        ("КПП получателя", payee.kpp or "0"),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Очерёдность", "5"),
        ("Назначение платежа", purpose),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", f"{rng.choice(['0,00', '0,00', '49,00'])} ₽"),
    ):
        page.labelled(label, value, 0.32, size)
        page.gap(6)
    page.gap(40)
    page.pair(f"https://online.bank.example/payments/{r.digits(rng, 9)}", "1/1", size - 4)
    return Drawn(
        page.finish(min_height=1754),
        "web-bank-print",
        transfer_details(total, executed.date(), payee, account, bank, payer=payer.name, purpose=purpose),
    )


def post_office_transfer(rng: random.Random) -> Drawn:
    """A post office's tape of a money transfer: «АО ПОЧТА РОССИИ», the office's index and name, «ПОЧТОВЫЙ ПЕРЕВОД»,
    the transfer's number, the sender and the recipient in full with their addresses, «Сумма перевода», «Плата за
    перевод», «ИТОГО» (both), «ПОЛУЧЕНО» and «СДАЧА», the date and time, the operator."""
    sender, payee = r.person(rng), r.person(rng)
    total = r.amount(rng, 500, 60000)
    fee = (total * Decimal("0.017") + 60).quantize(Decimal("0.01"))
    when = r.moment(rng, r.past_day(rng))
    given = Decimal((int(total + fee) // 1000 + 1) * 1000)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(540, 580), rng.choice(SEVENTH_TAPE_FACES), size, margin=12)
    page.line("АО «ПОЧТА РОССИИ»", bold=True, align="center")
    office = r.address(rng).split(",")[0]
    page.line(f"ОПС {office}", align="center")
    page.rule(dashed=True, thickness=1)
    page.line("ПОЧТОВЫЙ ПЕРЕВОД", size + 2, bold=True, align="center")
    page.pair("Перевод №", r.digits(rng, 14))
    page.pair("Вид перевода", rng.choice(["ускоренный", "обыкновенный"]))
    page.pair("Способ выплаты", "в ОПС")
    page.line(f"Отправитель: {sender.full}")
    page.line(r.address(rng).split(", оф.")[0], size - 3)
    page.line(f"Получатель: {payee.full}")
    page.pair("Телефон получателя", _phone(rng), size - 3)
    page.line(f"{r.address(rng).split(', оф.')[0]}, кв. {rng.randint(1, 200)}", size - 3)
    page.rule(dashed=True, thickness=1)
    page.pair("Сумма перевода", f"{total:.2f}")
    page.pair("Плата за перевод", f"{fee:.2f}")
    page.pair("ИТОГО", f"={total + fee:.2f}", size + 3, bold=True)
    page.pair("ПОЛУЧЕНО", f"={given:.2f}")
    page.pair("СДАЧА", f"={given - total - fee:.2f}")
    page.rule(dashed=True, thickness=1)
    page.pair(when.strftime("%d.%m.%Y %H:%M"), f"Оператор {r.person(rng).initials}")
    page.line("Сохраняйте чек до получения перевода адресатом.", size - 3)
    page.line("Отследить перевод: pochta.ru", size - 2, align="center")
    page.line("Горячая линия 8-800-100-00-00", size - 2, align="center")
    truth = details(DocumentType.BANK_TRANSFER, total, when.date(), recipient_name=payee.full, payer_name=sender.full)
    return Drawn(page.finish(), "post-office-transfer", truth, thermal=True)


def wallet_shop_payment(rng: random.Random) -> Drawn:
    """An e-wallet's app, light theme, 1080 pixels wide: «Платёж в магазин», the shop's sign and site, «−1 250 ₽», a
    list of rows: «Получатель» (the shop's legal name), «Списано с кошелька» (its 15-digit number), «Номер
    операции», «Дата и время», «Комиссия», «Статус: Успешно»; the buttons «Повторить» and «Квитанция»."""
    shop, site = rng.choice(_SHOPS)
    merchant = r.organisation(rng, sole_trader=False)
    total = r.amount(rng, 150, 40000)
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(35, 38)
    page = SecondPage(1080, rng.choice(SEVENTH_SCREEN_FACES), size, margin=56)
    page.pair(f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}", f"LTE  {rng.randint(10, 99)}%", size - 8)
    page.gap(30)
    page.line("<  Платёж в магазин", size, bold=True)
    page.gap(40)
    page.line(shop, size + 6, bold=True, align="center")
    page.line(site, size - 6, align="center", colour=GREY)
    page.line(f"−{r.grouped(total)} ₽", size + 30, bold=True, align="center", colour=_WALLET)
    page.gap(40)
    for label, value in (
        ("Получатель", merchant.name),
        ("Списано с кошелька", f"4100 {r.digits(rng, 4)} {r.digits(rng, 4)} {r.digits(rng, 3)}"),
        ("Номер операции", r.digits(rng, 18)),
        ("Дата и время", f"{when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}"),
        ("Комиссия", "0 ₽"),
        ("Статус", "Успешно"),
    ):
        page.stacked(label, value, size - 8, size - 2)
    page.gap(40)
    page.line("Повторить        Квитанция", size - 2, align="center", colour=_WALLET)
    truth = details(DocumentType.BANK_TRANSFER, total, when.date(), recipient_name=merchant.name)
    return Drawn(page.finish(min_height=2340), "wallet-shop-payment", truth, screen=True)


TEMPLATES = (vtb_dark_sbp, web_bank_print, post_office_transfer, wallet_shop_payment)
