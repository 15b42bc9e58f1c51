"""The fifth round's transfers: a Сбер-like PDF «Чек по операции» of a transfer by phone number through СБП (the
recipient as apps name him, his phone and bank, the sender's card, the bank's own requisites in the footer), a
ВТБ-like «Квитанция» of a payment by requisites to an organisation (the payer's account, the fee apart, the bank's
ИНН and БИК under its logo), a Госуслуги receipt of a state duty paid through a bank (the treasury's requisites, КБК,
ОКТМО, УИН, the operator bank's name and БИК) and a платёжное поручение 0401060 printed from a bank's client with
the bank's «ИСПОЛНЕНО» stamp (its name, БИК and the date)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, PAGE_FACES, SCREEN_FACES, THIRD_SCREEN_FACES, SecondPage
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details

_BANKS = ("Т-Банк", "Альфа-Банк", "ВТБ", "Газпромбанк", "Райффайзенбанк", "Совкомбанк", "Почта Банк", "Озон Банк")
_GREEN = (33, 160, 56)
_BLUE = (0, 40, 130)
_STAMP = (40, 60, 170)
_DUTIES = (
    ("Государственная пошлина за выдачу паспорта гражданина РФ", 300, "18810807100018000110"),
    ("Государственная пошлина за выдачу заграничного паспорта", 6000, "18810806000018003110"),
    ("Государственная пошлина за регистрацию транспортного средства", 2850, "18810807141018000110"),
    ("Государственная пошлина за выдачу водительского удостоверения", 4000, "18810807141018000110"),
    ("Государственная пошлина за государственную регистрацию брака", 700, "18210807010011000110"),
)


class _StampedPage(SecondPage):
    """A page with a bank's rectangular stamp drawn as a frame round its lines."""

    def frame(self, left: int, top: int, right: int, bottom: int, colour: tuple[int, int, int]) -> None:
        self._draw.rectangle((left, top, right, bottom), outline=colour, width=3)


def sber_phone_check(rng: random.Random) -> Drawn:
    """A Сбер-like PDF «Чек по операции»: the green logo line, «Чек по операции», the date and time «(МСК)»,
    «Операция: Перевод по СБП», the recipient's name as apps show it, his phone and his bank, the sender's name and
    card, «Сумма перевода», «Комиссия», the message, the document's and the authorisation's numbers, a round stamp
    «Операция выполнена», and the bank's footer with its licence, ИНН and address."""
    payee, sender = r.person(rng), r.person(rng)
    payee_bank = rng.choice(_BANKS)
    total = r.amount(rng, 100, 80000)
    when = r.moment(rng, r.past_day(rng))
    message = rng.choice([None, None, "За квартиру", "Возврат долга", "На день рождения"])
    size = rng.randint(22, 24)
    page = SecondPage(1000, rng.choice(THIRD_SCREEN_FACES), size, margin=60)
    page.line("СБЕР", size + 12, bold=True, colour=_GREEN)
    page.gap(20)
    page.line("Чек по операции", size + 8, bold=True)
    page.line(
        f"{when.day} {r.MONTHS_GENITIVE[when.month - 1]} {when.year} {when:%H:%M:%S} (МСК)", size - 2, colour=GREY
    )
    page.gap(20)
    rows = [
        ("Операция", "Перевод по СБП"),
        ("ФИО получателя", payee.app_form),
        ("Телефон получателя", f"+7 (9{r.digits(rng, 2)}) {r.digits(rng, 3)}-{r.digits(rng, 2)}-{r.digits(rng, 2)}"),
        ("Банк получателя", payee_bank),
        ("ФИО отправителя", sender.app_form),
        ("Счёт отправителя", f"**** {r.digits(rng, 4)}"),
        ("Сумма перевода", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
    ]
    if message:
        rows.append(("Сообщение получателю", message))
    rows += [
        ("Идентификатор операции", f"B{r.digits(rng, 4)}{r.digits(rng, 10)}0K0{r.digits(rng, 8)}"),
        ("Код авторизации", r.digits(rng, 6)),
    ]
    for label, value in rows:
        page.stacked(label, value, size - 6, size)
    page.gap(20)
    page.line("ПАО СБЕРБАНК  ·  ОПЕРАЦИЯ ВЫПОЛНЕНА", size - 2, bold=True, align="center", colour=_STAMP)
    page.gap(30)
    page.line(
        f"ПАО Сбербанк. Генеральная лицензия Банка России на осуществление банковских операций № 1481. "
        f"ИНН {r.inn_org(rng)}. {r.address(rng)}. По вопросам звоните 900.",
        size - 8,
        colour=GREY,
    )
    return Drawn(
        page.finish(min_height=1400),
        "sber-sbp-check",
        app_transfer_details(total, when, payee, payee_bank, payer=sender.app_form, message=message),
        screen=True,
    )


def vtb_requisites_receipt(rng: random.Random) -> Drawn:
    """A ВТБ-like PDF «Квитанция» of a payment by requisites: the logo with the bank's ИНН and БИК under it, «Платёж
    исполнен», the date of the operation, the payer's name and account, the recipient (an organisation or an ИП)
    with ИНН, КПП, account, bank, БИК, к/с, the purpose, «Сумма платежа», «Комиссия» and «Сумма списания» (their
    sum)."""
    payee = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    own_bank = r.bank(rng)
    payer = r.person(rng)
    total = r.amount(rng, 500, 300000)
    fee = Decimal(rng.choice([0, 25, 50, 100]))
    when = r.moment(rng, r.past_day(rng))
    purpose = rng.choice(
        [
            f"Оплата по договору № {rng.randint(1, 400)}/{rng.randint(20, 26)} за услуги. Без НДС",
            f"Оплата счёта № {rng.randint(1, 900)} от {when - timedelta(days=rng.randint(1, 9)):%d.%m.%Y}, "
            f"в т.ч. НДС 20% {r.vat_part(total, 20):.2f}",
            "Оплата обучения, НДС не облагается",
        ]
    )
    size = rng.randint(20, 22)
    page = SecondPage(1240, rng.choice(SCREEN_FACES), size, margin=80)
    page.line("ВТБ", size + 16, bold=True, colour=_BLUE)
    page.line(f"Банк ВТБ (ПАО)  ИНН {r.inn_org(rng)}  БИК {own_bank.bic}", size - 6, colour=GREY)
    page.gap(20)
    page.line("Квитанция", size + 10, bold=True)
    page.line("Платёж исполнен", size, colour=_GREEN)
    page.gap(14)
    for label, value in (
        ("Дата и время операции", f"{when:%d.%m.%Y %H:%M}"),
        ("Номер операции", r.digits(rng, 10)),
        ("Плательщик", payer.full),
        ("Счёт списания", f"40817810{r.digits(rng, 4)}******{r.digits(rng, 2)}"),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        ("КПП получателя", payee.kpp or "—"),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК банка получателя", bank.bic),
        ("Корр. счёт банка получателя", bank.corr_account),
        ("Назначение платежа", purpose),
        ("Сумма платежа", f"{r.grouped(total)} ₽"),
        ("Комиссия", f"{r.grouped(fee)} ₽"),
        ("Сумма списания", f"{r.grouped(total + fee)} ₽"),
    ):
        page.labelled(label, value, 0.38, size)
        page.gap(6)
    page.gap(30)
    page.line("Квитанция сформирована в ВТБ Онлайн. Подпись и печать не требуются.", size - 6, colour=GREY)
    return Drawn(
        page.finish(),
        "vtb-requisites-receipt",
        transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose),
        screen=True,
    )


def gosuslugi_duty(rng: random.Random) -> Drawn:
    """A Госуслуги receipt of a state duty: the portal's name, «Квитанция об оплате», «Оплачено», the date and time
    of payment, the sum, the recipient (the treasury office for the ministry) with ИНН, КПП, the treasury account,
    the bank, БИК and ЕКС, КБК, ОКТМО, УИН, the payer, and the operator bank that carried the payment (its name and
    БИК) with the payment's identifier."""
    office = r.treasury(rng)
    duty, base, code = rng.choice(_DUTIES)
    inn = r.inn_org(rng)
    ministry = "ГУ МВД России" if code.startswith("188") else "УФНС России"
    payee = r.Party(f"{office.name} ({ministry} по {office.city})", inn, inn[:4] + "01001", "")
    account = "03100643000000" + r.digits(rng, 2) + "0000"
    municipality = r.oktmo(rng)
    uin = "0" + r.digits(rng, 24)
    payer = r.person(rng)
    operator = r.bank(rng)
    total = Decimal(base)
    when = r.moment(rng, r.past_day(rng))
    size = rng.randint(21, 23)
    page = SecondPage(1100, rng.choice(SCREEN_FACES), size, margin=60)
    page.line("ГОСУСЛУГИ", size + 10, bold=True, colour=(0, 102, 204))
    page.gap(20)
    page.line("Квитанция об оплате", size + 8, bold=True)
    page.line("Оплачено", size, bold=True, colour=_GREEN)
    page.gap(10)
    for label, value in (
        ("Дата и время оплаты", f"{when:%d.%m.%Y %H:%M}"),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Назначение", duty),
        ("Плательщик", payer.full),
        ("Получатель", payee.name),
        ("ИНН", payee.inn),
        ("КПП", payee.kpp or ""),
        ("Счёт получателя", account),
        ("Банк получателя", office.bank_printed),
        ("БИК", office.bic),
        ("Корр. счёт", office.single_account),
        ("КБК", code),
        ("ОКТМО", municipality),
        ("УИН", uin),
        ("Оператор по переводу", f"{operator.name}, БИК {operator.bic}"),
        ("Идентификатор платежа", r.digits(rng, 32)),
    ):
        page.labelled(label, value, 0.36, size)
        page.gap(4)
    page.gap(20)
    page.line("Данные о платеже переданы в ГИС ГМП", size - 6, colour=GREY)
    return Drawn(
        page.finish(),
        "gosuslugi-duty",
        transfer_details(total, when.date(), payee, account, office.as_bank, payer=payer.full, purpose=duty),
        screen=True,
    )


def executed_order(rng: random.Random) -> Drawn:
    """A платёжное поручение 0401060 printed from a bank's client: «Поступ. в банк плат.» and «Списано со сч.
    плат.» dates over the form, «ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № N», the date, «электронно», the sum in words, the payer's
    and the recipient's blocks as a grid with their banks, the purpose, and the payer's bank's stamp «ИСПОЛНЕНО»
    with its name, БИК and the date in a box at the foot."""
    payer, payee = r.organisation(rng, sole_trader=False), r.organisation(rng)
    payer_bank, payee_bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic)
    account = r.account(rng, payee_bank.bic, "40802" if payee.kpp is None else "40702")
    total = r.amount(rng, 1000, 900000)
    when = r.past_day(rng)
    vat = r.vat_part(total, 20)
    purpose = (
        f"Оплата по счёту № {rng.randint(1, 999)} от {when - timedelta(days=rng.randint(1, 20)):%d.%m.%Y} "
        f"за материалы. В т.ч. НДС 20% - {vat:.2f} рублей."
    )
    number = rng.randint(1, 3000)
    size = rng.randint(17, 19)
    page = _StampedPage(1400, rng.choice(PAGE_FACES), size, margin=50)
    page.grid([[f"{when:%d.%m.%Y}", f"{when:%d.%m.%Y}", "", "0401060"]], [0.2, 0.2, 0.45, 0.15], size - 2)
    page.line("Поступ. в банк плат.        Списано со сч. плат.", size - 5)
    page.gap(10)
    page.grid(
        [[f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {number}", f"{when:%d.%m.%Y}", "электронно", "01"]], [0.45, 0.2, 0.2, 0.15], size + 1
    )
    page.line("Дата                  Вид платежа", size - 5, indent=620)
    page.grid([["Сумма прописью", r.in_words(total)]], [0.18, 0.82], size - 1)
    payer_kpp = f"КПП {payer.kpp}"
    payee_kpp = f"КПП {payee.kpp or '0'}"
    page.grid(
        [
            [f"ИНН {payer.inn}", payer_kpp, "Сумма", r.order_sum(total)],
            [payer.name, "", "Сч. №", payer_account],
            ["Плательщик", "", "", ""],
            [payer_bank.name, "", "БИК", payer_bank.bic],
            ["", "", "Сч. №", payer_bank.corr_account],
            ["Банк плательщика", "", "", ""],
            [payee_bank.name, "", "БИК", payee_bank.bic],
            ["", "", "Сч. №", payee_bank.corr_account],
            ["Банк получателя", "", "", ""],
            [f"ИНН {payee.inn}", payee_kpp, "Сч. №", account],
            [payee.name, "", "Вид оп.", "01"],
            ["", "", "Очер. плат.", "5"],
            ["Получатель", "", "Код", "0"],
        ],
        [0.3, 0.25, 0.12, 0.33],
        size - 1,
    )
    page.gap(8)
    page.line(purpose)
    page.line("Назначение платежа", size - 4)
    page.gap(24)
    page.pair("Подписи ____________ ____________", "Отметки банка", size - 2)
    page.gap(10)
    top = page.y
    stamp_left = page.width - page.margin - 460
    page.y += 12
    for text, bold in (
        (payer_bank.name, False),
        (f"БИК {payer_bank.bic}", False),
        ("ИСПОЛНЕНО", True),
        (f"{when:%d.%m.%Y}", False),
    ):
        page.line(text, size - 2, bold=bold, indent=stamp_left - page.margin + 14, colour=_STAMP)
    page.frame(stamp_left, top, page.width - page.margin, page.y + 6, _STAMP)
    page.y += 12
    return Drawn(
        page.finish(),
        "executed-order-0401060",
        transfer_details(total, when, payee, account, payee_bank, payer=payer.name, purpose=purpose),
    )


TEMPLATES = (sber_phone_check, vtb_requisites_receipt, gosuslugi_duty, executed_order)
