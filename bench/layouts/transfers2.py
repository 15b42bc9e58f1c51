"""The second round's transfers: a Т-Банк-style «Квитанция» with the sum at the top and dotted leaders, a bank's
PDF of a transfer to an organisation with the payer and the recipient side by side, a bank's receipt of a budget
payment (a traffic fine or a state duty: УФК, казначейский счёт, ЕКС, КБК, ОКТМО, УИН), and a mobile operator's
payment from a bank's app."""

from __future__ import annotations

import random
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SECOND_PAGE_FACES, SECOND_SCREEN_FACES, SecondPage
from bench.layouts.drawn import Drawn, app_transfer_details, details, transfer_details
from model.schema import DocumentType

_BANKS = ("Сбербанк", "Т-Банк", "Альфа-Банк", "ВТБ", "Газпромбанк", "Банк ДОМ.РФ", "Почта Банк", "МТС Банк")
_BLUE = (30, 70, 170)


def tbank_quittance(rng: random.Random) -> Drawn:
    """A «Квитанция» of a transfer by phone (СБП): «Итого» with the sum first, then the details with dotted leaders,
    the СБП operation's identifier, the receipt's number, and the sending bank's footer with its ИНН and БИК."""
    sender = r.bank(rng)
    payee, payer = r.person(rng), r.person(rng)
    total = r.amount(rng, 100, 90000)
    when = r.moment(rng, r.past_day(rng))
    payee_bank = rng.choice(_BANKS)
    message = rng.choice(["Спасибо!", "За квартиру", "Возврат долга", "На подарок"]) if rng.random() < 0.5 else None
    size = rng.randint(22, 26)
    page = SecondPage(rng.randint(820, 900), rng.choice(SECOND_SCREEN_FACES), size, margin=56)
    page.pair(rng.choice(["ТБАНК", "Т-БАНК"]), when.strftime("%d.%m.%Y  %H:%M:%S"), size - 2, bold=True)
    page.gap(30)
    page.pair("Итого", f"{r.grouped(total)} ₽", size + 10, bold=True)
    page.rule()
    page.gap(10)
    rows = [
        ("Перевод", "По номеру телефона"),
        ("Статус", "Успешно"),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", "Без комиссии"),
        ("Отправитель", payer.app_form),
        ("Телефон получателя", f"+7 (9{r.digits(rng, 2)}) {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}"),
        ("Получатель", payee.app_form),
        ("Банк получателя", payee_bank),
        ("Счёт списания", f"*{r.digits(rng, 4)}"),
        ("Идентификатор операции", f"B{r.digits(rng, 4)}{r.digits(rng, 10)}0{r.digits(rng, 12)}"),
    ]
    if message:
        rows.insert(7, ("Сообщение", message))
    for label, value in rows:
        page.pair(label, value, size - 2, leader=".")
        page.gap(6)
    page.gap(20)
    page.line(f"Квитанция № 1-{rng.randint(1, 99)}-{r.digits(rng, 3)}-{r.digits(rng, 3)}-{r.digits(rng, 3)}", size - 4)
    page.line(
        f"По вопросам зачисления обращайтесь к получателю. Служба поддержки {r.digits(rng, 1)} 800 555-77-78",
        size - 8,
        colour=GREY,
    )
    page.line(
        f"{sender.name}, ИНН {r.inn_org(rng)}, БИК {sender.bic}, лицензия Банка России № {rng.randint(1000, 3500)}",
        size - 8,
        colour=GREY,
    )
    return Drawn(
        page.finish(min_height=round(page.width * 1.6)),
        "tbank-quittance",
        app_transfer_details(total, when, payee, payee_bank, payer=payer.app_form, message=message),
    )


def _block(party: r.Party, account: str, bank: r.Bank, printed_bank: str) -> str:
    lines = [party.name, f"ИНН {party.inn}" + (f"  КПП {party.kpp}" if party.kpp else ""), f"Счёт {account}"]
    return "\n".join([*lines, printed_bank, f"БИК {bank.bic}", f"К/с {bank.corr_account}"])


def parties_side_by_side(rng: random.Random) -> Drawn:
    """A bank's PDF of a payment to an organisation: the date and number first, then a two-column table, the payer
    on the left and the recipient on the right (or the other way round), each with ИНН, account, bank, БИК, к/с;
    the sum and the purpose under them, and «Исполнено» with the processing date."""
    payer, payee = r.organisation(rng), r.organisation(rng)
    payer_bank, bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic, "40802" if payer.kpp is None else "40702")
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    total = r.amount(rng, 1000, 500000)
    when = r.moment(rng, r.past_day(rng))
    purpose = rng.choice(
        [
            f"Оплата по счёту № {rng.randint(1, 999)} от {when:%d.%m.%Y} за оборудование, в т.ч. НДС 20%",
            f"Оплата по договору поставки № {rng.randint(1, 99)}/П. НДС не облагается",
        ]
    )
    size = rng.randint(18, 21)
    page = SecondPage(1240, rng.choice(SECOND_PAGE_FACES), size, margin=70)
    page.line(rng.choice(["ВТБ Бизнес", "Альфа-Бизнес", "СберБизнес", "Точка"]), size + 4, bold=True, colour=_BLUE)
    page.gap(10)
    page.line(f"Платёж № {rng.randint(1, 9999)} от {r.date_text(rng, when.date())}", size + 8, bold=True)
    page.line(f"Статус: исполнен {when:%d.%m.%Y %H:%M}", colour=GREY)
    page.gap(16)
    printed_bank = r.bank_printed(rng, bank)
    columns = [
        ("Плательщик", _block(payer, payer_account, payer_bank, payer_bank.name)),
        ("Получатель", _block(payee, account, bank, printed_bank)),
    ]
    if rng.random() < 0.3:
        columns.reverse()
    page.grid([[columns[0][0], columns[1][0]], [columns[0][1], columns[1][1]]], [0.5, 0.5], size, bold_first=True)
    page.gap(16)
    page.pair("Сумма", r.money(rng, total), size + 4, bold=True)
    page.line(f"Сумма прописью: {r.in_words(total)}", size - 2)
    page.gap(8)
    page.line("Назначение платежа", bold=True)
    page.line(purpose)
    page.gap(8)
    page.pair("Очерёдность", "5", size - 2)
    page.pair("Вид операции", "01", size - 2)
    page.gap(20)
    page.line(f"Документ подписан электронной подписью {r.digits(rng, 4)}-{r.digits(rng, 6)}", size - 4, colour=GREY)
    return Drawn(
        page.finish(),
        "parties-side-by-side",
        transfer_details(
            total, when.date(), payee, account, bank, payer=payer.name, purpose=purpose, bank_name=printed_bank
        ),
    )


def budget_fine(rng: random.Random) -> Drawn:
    """A bank's receipt of a budget payment: a traffic fine with its ruling's number and date (and half off when paid
    early), or a state duty; the payee a treasury office with the administrator in brackets, a казначейский счёт
    (no control key), the treasury's БИК and ЕКС, КБК, ОКТМО and a 20-digit УИН."""
    office = r.treasury(rng)
    fine = rng.random() < 0.6
    administrator = rng.choice(["ГУ МВД России", "УГИБДД ГУ МВД России"]) if fine else "Межрайонная ИФНС России № 7"
    region = office.name.removeprefix("УФК по ").removeprefix("УФК ПО ")
    payee = f"{office.name} ({administrator} по {region})"
    inn = r.inn_org(rng)
    kpp = inn[:4] + "01001"
    account = r.treasury_account(rng)
    when = r.moment(rng, r.past_day(rng))
    ruling = f"188101{r.digits(rng, 14)}"
    uin = ruling if fine else f"0{r.digits(rng, 19)}"
    full = Decimal(rng.choice([500, 1000, 1500, 3000, 5000])) if fine else Decimal(rng.choice([350, 650, 2000, 4000]))
    total = full / 2 if fine and rng.random() < 0.5 else full
    payer = r.person(rng)
    sender = r.bank(rng)
    if fine:
        ruled = when.date().replace(day=max(1, when.day - rng.randint(1, 19)))
        purpose = f"Штраф по постановлению № {ruling} от {ruled:%d.%m.%Y}"
    else:
        purpose = "Государственная пошлина за государственную регистрацию транспортного средства"
    size = rng.randint(19, 22)
    page = SecondPage(1240, rng.choice(SECOND_PAGE_FACES), size, margin=80)
    page.pair(sender.name, rng.choice(["Чек по операции", "Квитанция"]), size, bold=True)
    page.rule(thickness=3)
    page.line("Оплата штрафа ГИБДД" if fine else "Оплата госпошлины", size + 8, bold=True)
    page.line(f"{when:%d.%m.%Y %H:%M:%S} (МСК)", colour=GREY)
    page.gap(10)
    rows: list[tuple[str, str]] = [
        ("Плательщик", payer.full),
        ("Документ", f"ВУ {r.digits(rng, 2)} {r.digits(rng, 2)} {r.digits(rng, 6)}"),
    ]
    if fine and total != full:
        rows += [("Сумма штрафа", f"{r.grouped(full)} ₽"), ("Скидка 50%", f"-{r.grouped(full - total)} ₽")]
    rows += [
        ("Сумма платежа", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Получатель", payee),
        ("ИНН получателя", inn),
        ("КПП получателя", kpp),
        ("Казначейский счёт", account),
        ("Банк получателя", office.bank_printed),
        ("БИК", office.bic),
        ("ЕКС", office.single_account),
        ("КБК", r.kbk(rng, "188" if fine else "182")),
        ("ОКТМО", r.oktmo(rng)),
        ("УИН", uin),
        ("Назначение платежа", purpose),
        ("Номер операции", r.digits(rng, 10)),
    ]
    page.grid([list(row) for row in rows], [0.32, 0.68], size)
    page.gap(20)
    page.line(f"{sender.name}  БИК {sender.bic}  ПРОВЕДЕНО {when:%d.%m.%Y}", size - 2, bold=True, colour=_BLUE)
    return Drawn(
        page.finish(),
        "budget-fine",
        transfer_details(
            total, when.date(), r.Party(payee, inn, kpp, ""), account, office.as_bank, payer=payer.full, purpose=purpose
        ),
    )


_OPERATORS = (
    ("ПАО «МТС»", "МТС", "7740000076"),
    ("ПАО «МегаФон»", "МегаФон", "7812014560"),
    ("ПАО «ВымпелКом»", "Билайн", "7713076301"),
    ("ООО «Т2 Мобайл»", "Т2", "7743895280"),
)
"""Operators' legal names, brands and their published ИНН."""


def mobile_payment(rng: random.Random) -> Drawn:
    """A mobile operator's payment from a bank's app: the brand large, the number paid for, the operator's legal
    name and ИНН under «Получатель», the sum and a zero fee, the payer's card."""
    legal, brand, inn = rng.choice(_OPERATORS)
    total = Decimal(rng.choice([100, 200, 300, 350, 500, 600, 1000, 1500]))
    when = r.moment(rng, r.past_day(rng))
    payer = r.person(rng)
    sender = r.bank(rng)
    size = rng.randint(26, 30)
    dark = rng.random() < 0.4
    background = (24, 26, 30) if dark else (246, 247, 249)
    ink = (235, 235, 235) if dark else (20, 20, 24)
    page = SecondPage(
        rng.randint(760, 860), rng.choice(SECOND_SCREEN_FACES), size, margin=44, background=background, ink=ink
    )
    page.pair(when.strftime("%H:%M"), "5G", size - 8)
    page.gap(30)
    page.line(brand, size + 12, bold=True, align="center")
    page.line(f"+7 9{r.digits(rng, 2)} {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}", size, align="center")
    page.gap(10)
    page.line(f"{r.grouped(total)} ₽", size + 20, bold=True, align="center")
    page.line("Платёж выполнен", size - 2, align="center", colour=(40, 160, 90))
    page.gap(30)
    label = (150, 150, 155) if dark else (120, 120, 128)
    for name, value in [
        ("Дата и время", f"{r.date_text(rng, when.date())}, {when:%H:%M}"),
        ("Получатель", legal),
        ("ИНН получателя", inn),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0 ₽"),
        ("Списано с карты", f"{rng.choice(['МИР', 'Visa'])} •• {r.digits(rng, 4)}"),
        ("Плательщик", payer.app_form),
        ("Номер квитанции", r.digits(rng, 12)),
    ]:
        page.stacked(name, value, size - 8, size - 2, label)
    page.gap(10)
    page.line(f"{sender.name}. Генеральная лицензия № {rng.randint(1000, 3500)}", size - 12, colour=label)
    return Drawn(
        page.finish(min_height=round(page.width * 1.6)),
        "mobile-payment",
        details(
            DocumentType.BANK_TRANSFER,
            total,
            when.date(),
            recipient_name=legal,
            recipient_inn=inn,
            payer_name=payer.app_form,
        ),
    )


TEMPLATES = (tbank_quittance, parties_side_by_side, budget_fine, mobile_payment)
