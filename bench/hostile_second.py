"""The hostile check's second round of classes (``bench.hostile``): what the first did not draw.

Here another party's values reach the page by other ways than its text: a QR code that disagrees with the text (a
bill's payment QR for the sum before VAT or for another company, a receipt tape's earlier receipt with its own fiscal
QR), a second page (an act or another supplier's bill merged behind the bill), a bank app's transfer screen (the
sender's own account and bank, «Откуда» and «Кому», the fee and the sum debited with it), a bill whose footer prints a
bank's or a printing house's own requisites, and a cash receipt with a card terminal's slip, the register's own
numbers (РН ККТ, ЗН ККТ) and the previous receipt's tail on the same tape, whose ФН, ФД and ФП are checked.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from bench import hostile_parts as hp
from bench.hostile_parts import Page, Side, Truth
from bench.layouts import requisites as rq

_BANK_KPP = {"7710140679": "771301001", "7707083893": "773601001", "7728168971": "770801001", "7702070139": "784201001"}
"""The КПП the issuing banks of ``hostile_parts.ISSUERS`` print beside their ИНН."""


def payment_qr(side: Side, total: Decimal, purpose: str) -> bytes:
    """A GOST R 56042 payment code («ST00012|Name=…|PersonalAcc=…|…|Sum=<kopecks>») for paying ``side``."""
    party, bank = side.party, side.bank
    pairs = [("Name", party.name), ("PersonalAcc", side.account), ("BankName", bank.name), ("BIC", bank.bic),
             ("CorrespAcc", bank.corr_account), ("PayeeINN", party.inn), *([("KPP", party.kpp)] if party.kpp else []),
             ("Sum", str(int(total * 100))), ("Purpose", purpose)]  # fmt: skip
    return ("ST00012|" + "|".join(f"{key}={value}" for key, value in pairs)).encode()


def fiscal_qr(moment: datetime, total: Decimal, drive: str, document: str, sign: str) -> bytes:
    """A 54-ФЗ receipt's code: its time, total, ФН, ФД and ФП (the numbers without the zeros a register pads with)."""
    when = moment.strftime("%Y%m%dT%H%M")
    return f"t={when}&s={total:.2f}&fn={drive}&i={int(document)}&fp={int(sign)}&n=1".encode()


def _grid(payee: Side) -> list[str]:
    """1C's bank grid over a bill: the payee's bank, БИК, к/с, ИНН, КПП, account and name."""
    return [
        f"{payee.bank.name} г. {payee.bank.city}   БИК {payee.bank.bic}",
        f"Банк получателя   Сч. № {payee.bank.corr_account}",
        f"ИНН {payee.party.inn}   КПП {payee.party.kpp or ''}   Сч. № {payee.account}",
        payee.party.name,
        "Получатель",
    ]


def _party_line(label: str, side: Side) -> str:
    party = side.party
    kpp = f", КПП {party.kpp}" if party.kpp else ""
    return f"{label}: {party.name}, ИНН {party.inn}{kpp}, {party.address}"


def _bill(rng: random.Random, payee: Side, payer: Side, total: Decimal, when: date, *, before_vat: bool) -> list[str]:
    """A bill under 1C's grid: its title, both parties, the deadline, one line of goods and the sums; with
    ``before_vat`` the sum before VAT printed apart («Итого без НДС»)."""
    vat = (total / 6).quantize(Decimal("0.01"))
    sums = (
        [
            f"Итого без НДС: {rq.money(rng, total - vat)}",
            f"НДС 20%: {rq.money(rng, vat)}",
            f"Итого с НДС: {rq.money(rng, total)}",
        ]
        if before_vat
        else hp.vat_lines(rng, total)
    )
    return [
        *_grid(payee),
        f"Счёт на оплату № {rng.randint(1, 999)} от {rq.date_text(rng, when)}",
        _party_line("Поставщик", payee),
        _party_line("Покупатель", payer),
        *hp.due_dates(rng, when),
        "№ Товары (работы, услуги) Кол-во Ед. Цена Сумма",
        f"1 Услуги по договору 1 усл {rq.money(rng, total)}",
        *sums,
    ]


def _qr_invoice(rng: random.Random) -> Page:
    """A bill with its payment QR: the code agrees with the text, or it carries the sum before VAT that the bill
    prints too (the issuer's software encoded the wrong line), or it pays another company (the letterhead's holding
    company, a template's code left from another supplier), or two codes stand side by side, the bill's and
    another's."""
    payee, payer, other = hp.side(rng), hp.side(rng), hp.side(rng)
    total, when = rq.amount(rng), hp.day(rng)
    vat = (total / 6).quantize(Decimal("0.01"))
    way = rng.choice(("agrees", "before_vat", "another_payee", "two_codes"))
    purpose = f"Оплата по счёту № {rng.randint(1, 999)}"
    lines = _bill(rng, payee, payer, total, when, before_vat=way == "before_vat" or rng.random() < 0.5)
    codes = {
        "agrees": [payment_qr(payee, total, purpose)],
        "before_vat": [payment_qr(payee, total - vat, purpose)],
        "another_payee": [payment_qr(other, total, purpose)],
        "two_codes": [payment_qr(payee, total, purpose), payment_qr(other, rq.amount(rng), purpose)],
    }[way]
    rng.shuffle(codes)
    return Page("qr_invoice", way, lines, hp.truth_of(payee, total, when), qr_codes=codes)


def _act(rng: random.Random, contractor: Side, customer: Side, total: Decimal, when: date) -> list[str]:
    """An act of services rendered: «Исполнитель» and «Заказчик» with their requisites, its own sum."""
    return [
        f"Акт № {rng.randint(1, 999)} от {rq.date_text(rng, when)}",
        _party_line("Исполнитель", contractor) + f", р/с {contractor.account} в {contractor.bank.name}, БИК "
        f"{contractor.bank.bic}, к/с {contractor.bank.corr_account}",
        _party_line("Заказчик", customer),
        "№ Наименование работ, услуг Кол-во Ед. Цена Сумма",
        f"1 Услуги за период 1 усл {rq.money(rng, total)}",
        f"Итого: {rq.money(rng, total)}",
        f"Всего оказано услуг 1, на сумму {rq.money(rng, total)}",
        rq.in_words(total),
        "Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий не имеет.",
    ]


def _two_pages(rng: random.Random) -> Page:
    """A file of two pages: the bill first, then an act or another bill with its own sum, of the same supplier (last
    month's act) or of other parties (a subcontractor's act, another supplier's bill merged into one scan)."""
    payee, payer, other = hp.side(rng), hp.side(rng), hp.side(rng)
    total, when = rq.amount(rng), hp.day(rng)
    other_total, other_day = rq.amount(rng), when - timedelta(days=rng.randint(1, 60))
    way = rng.choice(("act_same_supplier", "act_other_parties", "bill_other_supplier"))
    first = _bill(rng, payee, payer, total, when, before_vat=rng.random() < 0.5)
    if rng.random() < 0.5:
        first += [f"Всего наименований 1, на сумму {rq.money(rng, total)}", rq.in_words(total)]
    if way == "act_same_supplier":
        second = _act(rng, payee, payer, other_total, other_day)
    elif way == "act_other_parties":
        second = _act(rng, other, payee, other_total, other_day)
    else:
        second = _bill(rng, other, payer, other_total, other_day, before_vat=rng.random() < 0.5)
    return Page("two_pages", way, first, hp.truth_of(payee, total, when), more_pages=[second])


def _bank_app(rng: random.Random) -> Page:
    """A bank app's screen or PDF of a transfer by requisites: «Откуда» / «Счёт списания» with the sender's own full
    account and bank, «Отправитель», «Кому» / «Получатель» with the payee's requisites, the sum of the transfer, the fee
    and the sum debited with it, the operation's numbers, in either order."""
    payee = hp.side(rng)
    sender = rq.person(rng)
    sender_bank = rq.bank(rng)
    sender_account = rq.account(rng, sender_bank.bic, "40817")
    total, when = rq.amount(rng, 100, 300000), hp.day(rng)
    fee = Decimal(rng.choice((0, 15, 30, 50, 100))) + Decimal(rng.randint(0, 99)) / 100
    from_rows = [
        rng.choice(("Откуда", "Счёт списания", "Отправитель")),
        rng.choice((f"Счёт {sender_account}", f"Счёт списания {rq.spaced(sender_account)}", sender_account)),
        f"Отправитель: {rng.choice((sender.full, sender.app_form))}",
        f"Банк отправителя: {sender_bank.name}",
        *([f"БИК банка отправителя: {sender_bank.bic}"] if rng.random() < 0.5 else []),
        *([f"Карта отправителя •• {rq.digits(rng, 4)}"] if rng.random() < 0.5 else []),
    ]
    kpp = [f"КПП получателя: {payee.party.kpp}"] if payee.party.kpp else []
    to_rows = [
        rng.choice(("Кому", "Получатель")),
        payee.party.name,
        f"ИНН получателя: {payee.party.inn}",
        *kpp,
        f"Счёт получателя: {rng.choice((payee.account, rq.spaced(payee.account)))}",
        f"Банк получателя: {payee.bank.name}",
        f"БИК: {payee.bank.bic}",
        f"Корр. счёт: {payee.bank.corr_account}",
    ]
    sums = [f"Сумма перевода {rq.money(rng, total)}",
            f"Комиссия {rq.money(rng, fee)}" if fee else "Без комиссии",
            f"{rng.choice(('Сумма списания', 'Итого списано', 'Всего'))} {rq.money(rng, total + fee)}"]  # fmt: skip
    sender_first, sums_first = rng.random() < 0.6, rng.random() < 0.5
    lines = [
        rng.choice(("Перевод выполнен", "Квитанция об операции", "Чек по операции", "Операция успешно выполнена")),
        f"{rq.date_text(rng, when)} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        *(sums if sums_first else []),
        *(from_rows + to_rows if sender_first else to_rows + from_rows),
        *([] if sums_first else sums),
        f"Назначение: Оплата по счёту № {rng.randint(1, 999)}",
        f"Номер документа {rng.randint(1, 999999)}",
        f"Идентификатор операции A{rq.digits(rng, 9)}{rq.digits(rng, 9)}",
        f"Код авторизации {rq.digits(rng, 6)}",
        *hp.issuer_footer(rng),
    ]
    arrangement = "sender_first" if sender_first else "payee_first"
    return Page("bank_app", arrangement, lines, hp.truth_of(payee, total, when))


def _invoice_footer(rng: random.Random) -> Page:
    """A bill whose letterhead or footer prints, apart from the payment grid, another party's complete requisites:
    the payee's bank's own (ИНН, КПП, БИК, к/с: a bill made in the bank's online service), or the printing house's or
    the accounting software's («Бланк отпечатан ООО …, ИНН …, КПП …»)."""
    name, bank_inn, bic, corr, _licence = rng.choice(hp.ISSUERS)
    bank = rq.Bank(bic, name, corr, "Москва")
    party = rq.organisation(rng)
    payee = Side(party, bank, rq.account(rng, bic, "40802" if party.kpp is None else "40702"))
    payer, printer = hp.side(rng), rq.organisation(rng, sole_trader=False)
    total, when = rq.amount(rng), hp.day(rng)
    way = rng.choice(("bank_footer", "bank_letterhead", "printer_footer"))
    bank_row = f"{name}, ИНН {bank_inn}, КПП {_BANK_KPP[bank_inn]}, БИК {bic}, к/с {corr}"
    extra = {
        "bank_footer": [f"Счёт сформирован в интернет-банке {name}", bank_row, f"Лицензия Банка России № {_licence}"],
        "bank_letterhead": [f"{party.name} | клиент {name}", bank_row],
        "printer_footer": [
            f"Бланк отпечатан {printer.name}, ИНН {printer.inn}, КПП {printer.kpp}, тираж 500 экз.",
            f"{printer.address}",
        ],
    }[way]
    bill = _bill(rng, payee, payer, total, when, before_vat=rng.random() < 0.5)
    lines = [*extra, *bill] if way == "bank_letterhead" else [*bill, *extra]
    return Page("invoice_footer", way, lines, hp.truth_of(payee, total, when))


def _fiscal_numbers(rng: random.Random) -> tuple[str, str, str]:
    """A receipt's ФД and ФП as a register prints them, now and then padded with zeros, and the ФН."""
    document = str(rng.randint(1, 99999))
    sign = str(rng.randint(10**5, 4 * 10**9))
    if rng.random() < 0.3:
        document = document.zfill(8)
    if rng.random() < 0.3:
        sign = sign.zfill(10)
    return rq.fiscal_drive(rng), document, sign


def _fiscal_rows(drive: str, document: str, sign: str) -> list[str]:
    return [f"ФН № {drive}", f"ФД № {document}", f"ФП {sign}"]


def _register_rows(rng: random.Random) -> list[str]:
    """The register's own numbers 54-ФЗ prints: its registration number (16 digits, 000…) and its serial number
    (14 to 20 digits; some makers' start as a fiscal drive's do)."""
    serial = rng.choice((f"00{rq.digits(rng, 12)}", rq.fiscal_drive(rng), rq.digits(rng, 20)))
    return [f"РН ККТ {'000' + rq.digits(rng, 13)}", f"ЗН ККТ {serial}"]


def _card_slip(rng: random.Random, total: Decimal) -> list[str]:
    """A card terminal's slip printed on the receipt's tape: the acquirer, the terminal's and the merchant's ids, the
    card, the reference (RRN) and authorisation codes."""
    return [
        rng.choice(("ПАО СБЕРБАНК", "Банк ВТБ (ПАО)", "АО «Альфа-Банк»")),
        "ОПЛАТА",
        f"Терминал: {rq.digits(rng, 8)}",
        f"Мерчант: {rq.digits(rng, 15)}",
        f"Карта: ************{rq.digits(rng, 4)}",
        f"Сумма (Руб): {total:.2f}",
        "ОДОБРЕНО",
        f"Код авторизации: {rq.digits(rng, 6)}",
        f"Номер ссылки (RRN): {rq.digits(rng, 12)}",
        f"Чек: {rng.randint(1, 9999):04d}",
    ]


def _cash_receipt(rng: random.Random) -> Page:
    """A shop's cash receipt on a tape: the previous customer's receipt's tail over it now and then (its ИТОГ, the
    same ФН, its own ФД and ФП and fiscal QR), the receipt with the register's РН ККТ and ЗН ККТ, ФН, ФД and ФП
    (zero-padded now and then), a card terminal's slip before or after it, and the receipt's fiscal QR, the earlier
    receipt's, both or none."""
    seller = rq.organisation(rng)
    total, when = rq.amount(rng, 50, 20000), hp.day(rng)
    moment = datetime(when.year, when.month, when.day, rng.randint(8, 22), rng.randint(0, 59))
    drive, document, sign = _fiscal_numbers(rng)
    previous_total = rq.amount(rng, 50, 20000)
    previous_document, previous_sign = str(int(document) - 1 or 1), str(rng.randint(10**5, 4 * 10**9))
    receipt = [
        seller.name,
        f"ИНН {seller.inn}",
        "КАССОВЫЙ ЧЕК",
        "ПРИХОД",
        f"{moment:%d.%m.%Y %H:%M}",
        f"1. {rq.rng_word(rng)}  1 x {total:.2f} = {total:.2f}",
        f"ИТОГ ={total:.2f}",
        f"БЕЗНАЛИЧНЫМИ ={total:.2f}",
        f"СУММА НДС 20% ={(total / 6).quantize(Decimal('0.01')):.2f}",
        f"Кассир: {rq.person(rng).initials}",
        *_register_rows(rng),
        *_fiscal_rows(drive, document, sign),
    ]
    slip = _card_slip(rng, total)
    lines = slip + receipt if rng.random() < 0.5 else receipt + slip
    tail = rng.random() < 0.4
    if tail:
        lines = [f"ИТОГ ={previous_total:.2f}", *_fiscal_rows(drive, previous_document, previous_sign),
                 "СПАСИБО ЗА ПОКУПКУ", *lines]  # fmt: skip
    own = fiscal_qr(moment, total, drive, document, sign)
    previous = fiscal_qr(moment - timedelta(minutes=rng.randint(1, 30)), previous_total, drive, previous_document,
                         previous_sign)  # fmt: skip
    way = rng.choice(("none", "own", "earlier_and_own", "earlier_only") if tail else ("none", "own"))
    codes = {"none": [], "own": [own], "earlier_and_own": [previous, own], "earlier_only": [previous]}[way]
    truth = Truth(seller.name, seller.inn, None, None, None, total, when, drive, document, sign)
    return Page("cash_receipt", f"{'tail' if tail else 'alone'}/qr_{way}", lines, truth, qr_codes=codes)


CLASSES: dict[str, Callable[[random.Random], Page]] = {
    "qr_invoice": _qr_invoice,
    "two_pages": _two_pages,
    "bank_app": _bank_app,
    "invoice_footer": _invoice_footer,
    "cash_receipt": _cash_receipt,
}
"""The second round's classes, appended to ``bench.hostile.CLASSES``."""
