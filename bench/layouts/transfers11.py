"""The eleventh round's transfers: a Совкомбанк-like app receipt of a transfer by requisites to a firm that took a
fee («Сумма перевода», «Комиссия», «Итого списано»); a Т-Банк-like PDF «Справка о переводе» of an СБП transfer by
phone, made days later («Дата формирования справки»); a Почта Банк-like receipt of a traffic-police fine paid by its
УИН with the half-price discount («Начислено», «Скидка 50%», «Сумма платежа», the ruling's earlier date); and a
client-bank's «Платёжное поручение» printed in landscape, its cells «Вид оп.», «Очер. плат.», «Код», «Рез. поле»
and the budget fields' row.

Truth: the sum the recipient gets (never the fee, the total debited, the fine before the discount); the operation's
day (never the certificate's, the ruling's or a day in the purpose); the firm, the person or the treasury paid."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import GREY, SecondPage
from bench.layouts.drawn import Drawn, app_transfer_details, transfer_details
from bench.layouts.pdf import TextPage

ELEVENTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Semibold.ttf"),
)
ELEVENTH_PDF_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
)
ELEVENTH_ORDER_FACES = (
    ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
)

_SOVCOM = (0, 60, 140)
_TBANK = (255, 221, 45)
_POCHTA = (0, 36, 112)
_BANKS = ("Сбербанк", "ВТБ", "Альфа-Банк", "Газпромбанк", "Райффайзенбанк", "Совкомбанк", "Почта Банк", "МТС Банк")


def sovcom_requisites_fee(rng: random.Random) -> Drawn:
    """A Совкомбанк-like app receipt of a transfer by requisites to a firm: the dark blue head, «Перевод по
    реквизитам», «Исполнен», then the payee's name, ИНН, КПП, account, bank, БИК, к/с, the purpose, «Сумма
    перевода», «Комиссия» (1%, at least 30 ₽) and «Итого списано» (the sum and the fee), the date and time."""
    payee = r.organisation(rng)
    bank = r.bank(rng)
    account = r.account(rng, bank.bic, "40802" if payee.kpp is None else "40702")
    payer = r.person(rng)
    total = r.amount(rng, 900, 90000)
    fee = max(Decimal(30), (total / 100).quantize(Decimal("0.01")))
    when = r.moment(rng, r.past_day(rng))
    purpose = f"Оплата по договору № {rng.randint(1, 400)} за {rng.choice(['ремонт', 'мебель', 'услуги', 'обучение'])}"
    size = rng.randint(28, 30)
    page = SecondPage(1080, rng.choice(ELEVENTH_SCREEN_FACES), size, margin=60)
    top = page.y
    page.gap(110)
    page.box(0, _SOVCOM)
    page.y = top + 24
    page.line("Совкомбанк", size + 12, bold=True, colour=(255, 255, 255))
    page.y = top + 150
    page.line("Перевод по реквизитам", size + 6, bold=True)
    page.line("Исполнен", size - 2, colour=(20, 150, 70))
    page.gap(16)
    for label, value in (
        ("Дата и время операции", f"{when:%d.%m.%Y %H:%M}"),
        ("Отправитель", payer.full),
        ("Счёт списания", f"40817810•••••{r.digits(rng, 4)}"),
        ("Получатель", payee.name),
        ("ИНН получателя", payee.inn),
        ("КПП получателя", payee.kpp or "0"),
        ("Счёт получателя", account),
        ("Банк получателя", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
        ("Назначение платежа", purpose),
        ("Сумма перевода", f"{r.grouped(total)} ₽"),
        ("Комиссия", f"{r.grouped(fee)} ₽"),
        ("Итого списано", f"{r.grouped(total + fee)} ₽"),
    ):
        page.labelled(label, value, 0.42, size - 4)
        page.gap(8)
    return Drawn(
        page.finish(min_height=2000),
        "sovcom-requisites-fee",
        transfer_details(total, when.date(), payee, account, bank, payer=payer.full, purpose=purpose),
        screen=True,
    )


def tbank_transfer_certificate(rng: random.Random) -> Drawn:
    """A Т-Банк-like PDF «Справка о переводе» made from the app days after an СБП transfer by phone: the yellow
    square, «Дата формирования справки» (the day it was asked for), the transfer's «Дата и время перевода», «Сумма»,
    «Отправитель», «Получатель» in the app's form, «Телефон получателя», «Банк получателя», «Идентификатор
    операции в СБП», «Статус: Успешно», the bank's licence line at the foot."""
    sender, payee = r.person(rng), r.person(rng)
    payee_bank = rng.choice(_BANKS)
    total = r.amount(rng, 300, 120000)
    when = r.moment(rng, r.past_day(rng))
    formed = when + timedelta(days=rng.randint(1, 20), hours=rng.randint(1, 9))
    size = rng.randint(17, 19)
    page = TextPage(1240, rng.choice(ELEVENTH_PDF_FACES), size, margin=80)
    top = page.y
    page.gap(64)
    page.box(top, _TBANK, left=page.margin, right=page.margin + 64)
    page.y = top + 12
    page.line("Т-Банк", size + 10, bold=True, indent=84)
    page.y = top + 90
    page.pair("", f"Дата формирования справки: {formed:%d.%m.%Y}", size - 2, colour=GREY)
    page.gap(20)
    page.line("Справка о переводе", size + 12, bold=True)
    page.line("Перевод по номеру телефона через СБП", size, colour=GREY)
    page.gap(20)
    for label, value in (
        ("Дата и время перевода", f"{when:%d.%m.%Y %H:%M:%S} (МСК)"),
        ("Сумма", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0 ₽"),
        ("Отправитель", sender.full),
        ("Счёт списания", f"*{r.digits(rng, 4)}"),
        ("Получатель", payee.app_form),
        ("Телефон получателя", f"+7 ({r.digits(rng, 3)}) ***-**-{r.digits(rng, 2)}"),
        ("Банк получателя", payee_bank),
        ("Идентификатор операции в СБП", f"A{r.digits(rng, 4)}{r.digits(rng, 10)}0B{r.digits(rng, 10)}"),
        ("Статус", "Успешно"),
    ):
        page.labelled(label, value, 0.4, size)
        page.gap(8)
    page.gap(40)
    page.line(
        "АО «ТБанк», универсальная лицензия Банка России № 2673. Справка сформирована автоматически и действительна "
        "без подписи и печати.",
        size - 4,
        colour=GREY,
    )
    image = page.finish(min_height=1500)
    return Drawn(
        image,
        "tbank-transfer-certificate",
        app_transfer_details(total, when, payee, payee_bank, payer=sender.full, message=None),
        screen=True,
        pdf=page.pdf(image.height, formed),
    )


def pochta_fine_discount(rng: random.Random) -> Drawn:
    """A Почта Банк-like receipt of a traffic-police fine paid by its УИН within twenty days, at half price: the
    blue head, «Оплата штрафа ГИБДД», «УИН», «Постановление от …» (days before), «Начислено», «Скидка 50% (ч. 1.3
    ст. 32.2 КоАП РФ)», «Сумма платежа», «Комиссия 0 ₽», the treasury payee «УФК по … (УМВД …)», ИНН, КПП, the
    treasury account, the bank, БИК, ЕКС, КБК 188…, ОКТМО, the date and time, «Статус: Исполнен»."""
    office = r.treasury(rng)
    police = r.organisation(rng, sole_trader=False)
    name = f"{office.name} (УМВД России по г. {office.city})"
    payee = r.Party(name, police.inn, police.kpp, police.address)
    account = r.treasury_account(rng)
    payer = r.person(rng)
    fine = Decimal(rng.choice([500, 1000, 1500, 2000, 3000, 5000]))
    total = fine / 2
    when = r.moment(rng, r.past_day(rng))
    ruled = when.date() - timedelta(days=rng.randint(2, 18))
    uin = "18810" + r.digits(rng, 15)
    kbk = "18811601123010001140"
    purpose = f"Штраф по постановлению {uin} от {ruled:%d.%m.%Y}"
    size = rng.randint(27, 29)
    page = SecondPage(1080, rng.choice(ELEVENTH_SCREEN_FACES), size, margin=60)
    top = page.y
    page.gap(110)
    page.box(0, _POCHTA)
    page.y = top + 24
    page.line("Почта Банк", size + 12, bold=True, colour=(255, 255, 255))
    page.y = top + 150
    page.line("Оплата штрафа ГИБДД", size + 6, bold=True)
    page.line("Статус: Исполнен", size - 2, colour=(20, 150, 70))
    page.gap(16)
    for label, value in (
        ("Дата и время платежа", f"{when:%d.%m.%Y %H:%M}"),
        ("УИН", uin),
        ("Постановление", f"от {ruled:%d.%m.%Y}"),
        ("Начислено", f"{r.grouped(fine)} ₽"),
        ("Скидка 50% (ч. 1.3 ст. 32.2 КоАП РФ)", f"−{r.grouped(fine - total)} ₽"),
        ("Сумма платежа", f"{r.grouped(total)} ₽"),
        ("Комиссия", "0,00 ₽"),
        ("Плательщик", payer.full),
        ("Получатель", name),
        ("ИНН / КПП", f"{payee.inn} / {payee.kpp}"),
        ("Казначейский счёт", account),
        ("Банк получателя", office.bank_printed),
        ("БИК / ЕКС", f"{office.bic} / {office.single_account}"),
        ("КБК / ОКТМО", f"{kbk} / {r.oktmo(rng)}"),
        ("Назначение", purpose),
    ):
        page.labelled(label, value, 0.42, size - 4)
        page.gap(8)
    return Drawn(
        page.finish(min_height=2000),
        "pochta-fine-discount",
        transfer_details(
            total,
            when.date(),
            payee,
            account,
            office.as_bank,
            payer=payer.full,
            purpose=purpose,
            bank_name=office.bank_printed,
        ),
        screen=True,
    )


def landscape_client_bank_order(rng: random.Random) -> Drawn:
    """A client-bank's «Платёжное поручение» 0401060 printed on a landscape sheet: the form stretched wide, «Поступ.
    в банк плат.» and «Списано со сч. плат.», «ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № …», the date, «электронно», the sum in words,
    the parties' grid with «Вид оп.», «Срок плат.», «Наз. пл.», «Очер. плат.», «Код», «Рез. поле», the budget row of
    empty fields, the purpose, «Подписи», «Отметки банка» with «ЭЛЕКТРОННО» and «ПРОВЕДЕНО»."""
    payer, payee = r.organisation(rng, sole_trader=False), r.organisation(rng)
    payer_bank, payee_bank = r.bank(rng), r.bank(rng)
    payer_account = r.account(rng, payer_bank.bic)
    account = r.account(rng, payee_bank.bic, "40802" if payee.kpp is None else "40702")
    total = r.amount(rng, 1500, 900000)
    when = r.past_day(rng)
    debited = when + timedelta(days=rng.choice([0, 0, 1]))
    billed = when - timedelta(days=rng.randint(2, 25))
    vat = r.grouped(r.vat_part(total, 20), sep="", point="-")
    purpose = (
        f"Оплата по счёту № {rng.randint(1, 999)} от {billed:%d.%m.%Y} за товар. "
        f"Сумма {r.grouped(total, sep='', point='-')}, в т.ч. НДС (20%) {vat}"
    )
    printed_bank = f"{payee_bank.name} г. {payee_bank.city}"
    size = rng.randint(17, 18)
    page = SecondPage(1754, rng.choice(ELEVENTH_ORDER_FACES), size, margin=60)
    page.grid([[f"{when:%d.%m.%Y}", f"{debited:%d.%m.%Y}", "", "0401060"]], [0.16, 0.16, 0.56, 0.12], size - 2)
    page.line("Поступ. в банк плат.              Списано со сч. плат.", size - 5)
    page.gap(6)
    page.grid(
        [[f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {rng.randint(1, 9999)}", f"{when:%d.%m.%Y}", "электронно", ""]],
        [0.4, 0.18, 0.18, 0.24],
        size + 1,
    )
    page.line("Дата                        Вид платежа", size - 5, indent=720)
    page.grid([["Сумма прописью", r.in_words(total).capitalize()]], [0.14, 0.86], size - 1)
    page.grid(
        [
            [f"ИНН {payer.inn}", f"КПП {payer.kpp}", "Сумма", r.order_sum(total)],
            [f"{payer.name}\nПлательщик", "", "Сч. №", payer_account],
            [f"{payer_bank.name} г. {payer_bank.city}", "", "БИК", payer_bank.bic],
            ["Банк плательщика", "", "Сч. №", payer_bank.corr_account],
            [printed_bank, "", "БИК", payee_bank.bic],
            ["Банк получателя", "", "Сч. №", payee_bank.corr_account],
            [f"ИНН {payee.inn}", f"КПП {payee.kpp or ''}", "Сч. №", account],
            [payee.name, "", "Вид оп.  01", "Срок плат."],
            ["", "", "Наз. пл.", "Очер. плат.  5"],
            ["Получатель", "", "Код  0", "Рез. поле"],
        ],
        [0.36, 0.24, 0.14, 0.26],
        size - 1,
    )
    page.grid([["", "", "", "", "", "", ""]], [0.2, 0.14, 0.14, 0.14, 0.14, 0.14, 0.1], size - 1)
    page.gap(8)
    page.line(purpose)
    page.line("Назначение платежа", size - 5)
    page.gap(16)
    page.pair("Подписи", "Отметки банка", size - 1)
    page.pair("", "ЭЛЕКТРОННО", size - 1, bold=True)
    page.pair("М.П.", f"ПРОВЕДЕНО {debited:%d.%m.%Y}", size - 1, bold=True)
    page.gap(20)
    return Drawn(
        page.finish(min_height=1240),
        "landscape-client-bank-order",
        transfer_details(
            total, when, payee, account, payee_bank, payer=payer.name, purpose=purpose, bank_name=printed_bank
        ),
    )


TEMPLATES = (sovcom_requisites_fee, tbank_transfer_certificate, pochta_fine_discount, landscape_client_bank_order)
