"""A hostile check of the trust contract: pages on which several parties print complete, valid requisites.

Check digits and account keys pass ANY real ИНН or account, so the dangerous errors are errors of role: the payer's,
a bank's own, an agent's principal's or a management company's numbers verified as the recipient's; a sum before VAT,
a fine before its discount or a debt verified as the amount; a due date verified as the payment's. Each page here is
text as a PDF's text layer or OCR gives it (no image, so thousands run in seconds), drawn from one ``Random``: a kind
of document (a ``CLASSES`` entry), its parties with check-digit-valid ИНН, КПП, accounts keyed to real БИК of the
Bank of Russia's directory, several sums and several dates, in one of the arrangements real documents print (blocks
in either order, two columns read across as OCR reads them, labels before or over values, «ИНН/КПП …/…» joined, a
party on one line, tables). The generator knows the truth: who is paid, the total due, the document's date, a
receipt's ФН, ФД and ФП. The second round's classes (``bench.hostile_second``) add what reaches a document by other
ways than its first page's text: QR codes' payloads (fed in as ``model.pipeline`` feeds a decoded code) and further
pages (each read apart, their readings pooled as the pipeline pools them).

The check is of ``verified`` only: a value missing or left unverified is allowed (this is no F1 test); a value
``verified`` that differs from the truth, or verified where the truth has none (a КПП given to an ИП), is counted.

``python -m bench.hostile [--n 5000] [--seed 1] [--source ocr|pdf|pooled] [--show N] [--errors N]``
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal

from bench import hostile_parts as hp
from bench import hostile_second
from bench.hostile_parts import Page, Side, Truth
from bench.layouts import requisites as rq
from model.bik_directory import current_directory, names_agree
from model.columns import unzipped_columns
from model.fields import classify, extract_candidates
from model.ocr import OcrLine, OcrWord
from model.pooling import pool_readings
from model.qr import parse_qr_payload
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source

SOURCES = ("ocr", "pdf", "pooled")
"""How the page is read: Tesseract alone, a PDF's text layer, or Tesseract and Indra reading the same text (the
hardest for the amount and the date: two readers agreeing verifies the one they read)."""
CHECKED = (
    "recipient_name", "recipient_inn", "recipient_kpp", "recipient_account", "bank_name", "bank_bic",
    "bank_corr_account", "amount", "payment_date", "fiscal_drive_number", "fiscal_document_number", "fiscal_sign",
)  # fmt: skip


def _one_line(rng: random.Random, side: Side, *, with_bank: bool = True) -> str:
    """A party on one line, as 1C's «Поставщик:» and «Покупатель:» rows print it."""
    party = side.party
    parts = [party.name, f"ИНН {party.inn}"]
    if party.kpp:
        parts.append(f"КПП {party.kpp}")
    parts.append(party.address)
    if with_bank:
        parts += [f"р/с {side.account}", f"в {side.bank.name}", f"БИК {side.bank.bic}", f"к/с {side.bank.corr_account}"]
    return ", ".join(parts)


def _block(rng: random.Random, heading: str, side: Side) -> list[str]:
    """A party's block under its heading alone on a line: name, ИНН (КПП), address, account, bank."""
    name = rng.choice((side.party.name, f"Наименование: {side.party.name}"))
    return [heading, name, *hp.ids(rng, side.party), f"Адрес: {side.party.address}", *hp.bank_rows(rng, side)]


def _stacked(rows: list[str]) -> list[str]:
    """Each «Label value» row as its label over its value, as a narrow column or a text layer prints it."""
    stacked: list[str] = []
    for row in rows:
        match = re.match(r"^([А-ЯЁа-яё/. ]{2,20}?)[: ]+(\d[\d/ ]+)$", row)
        stacked += [match[1], match[2]] if match else [row]
    return stacked


def _words(rng: random.Random, total: Decimal) -> list[str]:
    count = rng.randint(1, 6)
    return [f"Всего наименований {count}, на сумму {rq.money(rng, total)}", rq.in_words(total)]


def _invoice(rng: random.Random) -> Page:
    """A bill: the payee («Поставщик», «Исполнитель», «Продавец») and the payer («Покупатель», «Заказчик») each with
    all their requisites, in either order, on a line each, in blocks under headings or under 1C's bank grid."""
    payee, payer = hp.side(rng), hp.side(rng)
    total = rq.amount(rng)
    when = hp.day(rng)
    payee_label, payer_label = rng.choice(
        (("Поставщик", "Покупатель"), ("Исполнитель", "Заказчик"), ("Поставщик (Исполнитель)", "Покупатель (Заказчик)"),
         ("Продавец", "Покупатель"))
    )  # fmt: skip
    title = [f"Счёт на оплату № {rng.randint(1, 999)} от {rq.date_text(rng, when)}"]
    arrangement = rng.choice(("lines", "blocks", "grid", "stacked_blocks", "grid_wrapped", "columns"))
    payer_first = rng.random() < 0.5
    columns: dict[int, tuple[str, str]] = {}
    if arrangement == "lines":
        parties = [f"{payee_label}: {_one_line(rng, payee)}", f"{payer_label}: {_one_line(rng, payer)}"]
        body = [*(reversed(parties) if payer_first else parties)]
    elif arrangement == "columns":  # a contract-style bill's «Реквизиты сторон», two columns
        headings = (payer_label.split()[0], payee_label.split()[0])
        sides = (payer, payee)
        if not payer_first:
            headings, sides = (headings[1], headings[0]), (sides[1], sides[0])
        body, columns = _side_by_side(headings, sides, first_line=len(title))
        if rng.random() < 0.5:
            columns = {}  # a text layer's rows, no geometry to part them
    elif arrangement in ("blocks", "stacked_blocks"):
        heading = payee_label.split()[0]
        blocks = [_block(rng, heading, payee), _block(rng, payer_label.split()[0], payer)]
        if arrangement == "stacked_blocks":
            blocks = [_stacked(block) for block in blocks]
        body = [row for block in (reversed(blocks) if payer_first else blocks) for row in block]
    else:
        grid = [
            f"{payee.bank.name} г. {payee.bank.city}   БИК {payee.bank.bic}",
            f"Банк получателя   Сч. № {payee.bank.corr_account}",
            f"ИНН {payee.party.inn}   КПП {payee.party.kpp or ''}   Сч. № {payee.account}",
            payee.party.name,
            "Получатель",
        ]
        if arrangement == "grid":
            parties = [
                f"{payee_label}: {_one_line(rng, payee, with_bank=False)}",
                f"{payer_label}: {_one_line(rng, payer)}",
            ]
        else:
            parties = [*_wrapped_label(payee_label, payee), *_wrapped_label(payer_label, payer)]
        body = [*grid, *title, *parties]
        title = []
    lines = [*title, *body, *hp.due_dates(rng, when), "№ Товары (работы, услуги) Кол-во Ед. Цена Сумма",
             f"1 Услуги по договору 1 усл {rq.money(rng, total)}", *hp.vat_lines(rng, total)]  # fmt: skip
    if rng.random() < 0.6:
        lines += _words(rng, total)
    arrangement += "/payer_first" if payer_first else ""
    return Page("invoice", arrangement, lines, hp.truth_of(payee, total, when), columns)


def _wrapped_label(label: str, side: Side) -> list[str]:
    """A party's row of 1C's invoice or act as OCR reads its two cells: the value wraps over three lines and the label,
    centred in its cell, lands on the middle one («АО «…», ИНН …, адрес» / «Заказчик: …, р/с …, в» / «банке …, БИК
    …, к/с …»)."""
    party = side.party
    ids = f"ИНН {party.inn}" + (f", КПП {party.kpp}" if party.kpp else "")
    postcode, rest = party.address.split(", ", 1)
    return [
        f"{party.name}, {ids}, {postcode},",
        f"{label.split(maxsplit=1)[0]}: {rest}, р/с {side.account}, в",
        f"банке {side.bank.name}, БИК {side.bank.bic}, к/с {side.bank.corr_account}",
    ]


def _invoice_facture(rng: random.Random) -> Page:
    """A счёт-фактура or УПД: «Продавец» and «Покупатель», each with «ИНН/КПП продавца (покупателя)», the shipper and
    consignee, the payment document's date and the sums with and without VAT."""
    seller, buyer = hp.side(rng), hp.side(rng)
    total, when = rq.amount(rng), hp.day(rng)
    vat = (total / 6).quantize(Decimal("0.01"))
    paid_on = when - timedelta(days=rng.randint(1, 20))

    def ids(party: rq.Party, whose: str) -> str:
        return f"ИНН/КПП {whose}: {party.inn}/{party.kpp or ''}".rstrip("/")

    seller_rows = [f"Продавец: {seller.party.name}", f"Адрес: {seller.party.address}", ids(seller.party, "продавца")]
    buyer_rows = [f"Покупатель: {buyer.party.name}", f"Адрес: {buyer.party.address}", ids(buyer.party, "покупателя")]
    payer_first = rng.random() < 0.3
    rows = buyer_rows + seller_rows if payer_first else seller_rows + buyer_rows
    lines = [
        f"Счёт-фактура № {rng.randint(1, 999)} от {rq.date_text(rng, when)}",
        "Универсальный передаточный документ",
        *rows,
        "Грузоотправитель: он же",
        f"Грузополучатель: {buyer.party.name}, {buyer.party.address}",
        f"К платёжно-расчётному документу № {rng.randint(1, 999)} от {paid_on:%d.%m.%Y}",
        "Валюта: Российский рубль, 643",
        f"Всего к оплате {rq.grouped(total - vat)} X {rq.grouped(vat)} {rq.grouped(total)}",
    ]
    truth = hp.truth_of(seller, total, when, banked=False)
    return Page("invoice_facture", "payer_first" if payer_first else "seller_first", lines, truth)


def _payment_order(rng: random.Random) -> Page:
    """A business bank's payment: «Плательщик» and «Получатель» side by side, each with name, ИНН/КПП, account, bank,
    БИК and к/с; read across both columns as OCR reads them (``ocr_lines`` lays the cells out, so that
    ``model.columns`` may part them), or as a text layer gives the rows, both cells on one line."""
    payer, payee = hp.side(rng), hp.side(rng)
    total, when = rq.amount(rng), hp.day(rng)

    payer_left = rng.random() < 0.7
    headings = ("Плательщик", "Получатель") if payer_left else ("Получатель", "Плательщик")
    rows, columns = _side_by_side(headings, (payer, payee) if payer_left else (payee, payer), first_line=1)
    lines = [f"Платёжное поручение № {rng.randint(1, 9999)} от {when:%d.%m.%Y}", *rows]
    lines += [
        f"Сумма {rq.money(rng, total)}",
        *(["Сумма прописью", rq.in_words(total)] if rng.random() < 0.5 else []),
        f"Назначение платежа: Оплата по счёту № {rng.randint(1, 999)} от {rq.date_text(rng, when - timedelta(5))}",
        rng.choice(("НДС не облагается", f"В т.ч. НДС 20% - {rq.money(rng, (total / 6).quantize(Decimal('0.01')))}")),
        "Статус: Исполнен",
    ]
    side_by_side = rng.choice(("geometry", "flat"))
    page = Page("payment_order", f"{side_by_side}/{'payer_left' if payer_left else 'payee_left'}", lines,
                hp.truth_of(payee, total, when))  # fmt: skip
    if side_by_side == "geometry":
        page.columns = columns
    return page


def _cells(side: Side) -> list[str]:
    ids = f"ИНН {side.party.inn}" + (f" КПП {side.party.kpp}" if side.party.kpp else "")
    return [side.party.name, ids, f"Счёт {side.account}", side.bank.name, f"БИК {side.bank.bic}",
            f"К/с {side.bank.corr_account}"]  # fmt: skip


def _side_by_side(
    headings: tuple[str, str], sides: tuple[Side, Side], first_line: int
) -> tuple[list[str], dict[int, tuple[str, str]]]:
    """Two parties' blocks side by side under their headings, each row both cells on one line, and the cells of each
    line (numbered from ``first_line``) for ``ocr_lines`` to lay out in their columns."""
    lines = ["  ".join(headings)]
    columns = {first_line: headings}
    for pair in zip(_cells(sides[0]), _cells(sides[1]), strict=True):
        for a, b in zip(*(_wrapped(cell) for cell in pair), strict=True):
            if a or b:
                columns[first_line + len(lines)] = (a, b)
                lines.append(f"{a}  {b}".strip())
    return lines, columns


_CELL_WIDTH = 40
"""Characters a column's cell holds on a line: a longer bank name wraps within its cell."""


def _wrapped(cell: str) -> tuple[str, str]:
    """A cell's text on its first line and what wraps onto the second (empty when it fits)."""
    if len(cell) <= _CELL_WIDTH:
        return cell, ""
    cut = cell.rfind(" ", 0, _CELL_WIDTH)
    return cell[:cut], cell[cut + 1 :]


def _transfer(rng: random.Random) -> Page:
    """A bank's receipt of a transfer by requisites: the sender's block with its own account and ИНН, the
    recipient's, the fee and the sum debited with it, the bank's own requisites in its footer or stamp."""
    payer, payee = hp.side(rng, sole_trader=rng.random() < 0.5), hp.side(rng)
    total, when = rq.amount(rng), hp.day(rng)
    fee = Decimal(rng.choice((0, 30, 50, 100)))
    labelled = rng.random() < 0.5
    if labelled:
        sender = [f"Плательщик: {payer.party.name}", f"ИНН плательщика: {payer.party.inn}",
                  f"Счёт списания: {payer.account}"]  # fmt: skip
        recipient = [f"Получатель: {payee.party.name}", f"ИНН получателя: {payee.party.inn}",
                     *([f"КПП получателя: {payee.party.kpp}"] if payee.party.kpp else []),
                     f"Счёт получателя: {payee.account}", f"Банк получателя: {payee.bank.name}",
                     f"БИК банка получателя: {payee.bank.bic}", f"Корр. счёт: {payee.bank.corr_account}"]  # fmt: skip
    else:
        sender = [rng.choice(("Отправитель", "Плательщик")), payer.party.name, f"ИНН {payer.party.inn}",
                  f"Счёт {payer.account}"]  # fmt: skip
        recipient = ["Получатель", payee.party.name, *hp.ids(rng, payee.party), f"Счёт {payee.account}",
                     *hp.bank_rows(rng, payee)[1:]]  # fmt: skip
    payer_first = rng.random() < 0.7
    sums = [f"Сумма перевода: {rq.money(rng, total)}", f"Комиссия: {rq.money(rng, fee)}"]
    if fee:
        sums.append(f"Итого списано: {rq.money(rng, total + fee)}")
    lines = [
        rng.choice(("Квитанция о переводе", "Платёжное поручение онлайн", "Чек по операции")),
        f"Дата операции: {when:%d.%m.%Y} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}",
        *(sender + recipient if payer_first else recipient + sender),
        *sums,
        f"Назначение платежа: Оплата по договору № {rng.randint(1, 99)}",
        "Статус: Исполнено",
        *hp.issuer_footer(rng),
    ]
    arrangement = f"{'labelled' if labelled else 'blocks'}/{'payer_first' if payer_first else 'payee_first'}"
    return Page("transfer", arrangement, lines, hp.truth_of(payee, total, when))


def _epd(rng: random.Random) -> Page:
    """A ЕПД for housing services: the management company with its own ИНН, КПП and account, then «ПОЛУЧАТЕЛЬ
    ПЛАТЕЖА», a settlement centre; the debt, the charges, the penalty and the total due; the period and the
    deadline. It prints no date of a payment."""
    manager, payee = hp.side(rng, sole_trader=False), hp.side(rng, sole_trader=False)
    charged = rq.amount(rng, 800, 15000)
    debt = Decimal(rng.randint(0, 20000))
    fine = Decimal(rng.randint(0, 500)) + Decimal(rng.randint(0, 99)) / 100
    total = charged + debt + fine
    month = hp.day(rng)
    payer = rq.person(rng)
    manager_rows = [
        f"Управляющая организация: {manager.party.name}, ИНН {manager.party.inn}, КПП {manager.party.kpp}",
        f"р/с {manager.account} в {manager.bank.name}, БИК {manager.bank.bic}, к/с {manager.bank.corr_account}",
        f"Адрес: {manager.party.address}",
    ]
    payee_rows = [
        f"ПОЛУЧАТЕЛЬ ПЛАТЕЖА: {payee.party.name} ИНН {payee.party.inn} КПП {payee.party.kpp} р/с {payee.account}",
        f"Банк получателя: {payee.bank.name} БИК {payee.bank.bic} к/с {payee.bank.corr_account}",
    ]
    lines = [
        f"ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ за {rq.MONTHS_NOMINATIVE[month.month - 1]} {month.year} г.",
        *manager_rows,
        *payee_rows,
        f"Плательщик: {payer.full}",
        f"Лицевой счёт: {rq.digits(rng, 9)}",
        f"Задолженность на начало периода: {rq.money(rng, debt)}",
        f"Начислено за период: {rq.money(rng, charged)}",
        f"Пени: {rq.money(rng, fine)}",
        f"Оплатить до {(month + timedelta(days=40)).replace(day=10):%d.%m.%Y}",
        f"Итого к оплате: {rq.money(rng, total)}",
    ]
    return Page("epd", "manager_first", lines, hp.truth_of(payee, total, None))


def _agent_receipt(rng: random.Random) -> Page:
    """A marketplace's cash receipt: the agent (who issues it and is paid) at its head, its principal («Поставщик»,
    «ИНН поставщика») per item, the cashier's and the fiscal data operator's ИНН."""
    agent = hp.side(rng, sole_trader=False)
    supplier = rq.organisation(rng, rng.random() < 0.6)
    total, when = rq.amount(rng, 100, 20000), hp.day(rng)
    discount = Decimal(rng.randint(0, 30) * 10)
    principal_rows = rng.choice(
        (
            [f"Поставщик: {supplier.name}", f"ИНН поставщика: {supplier.inn}"],
            [f"Данные поставщика: {supplier.name}", f"ИНН поставщика {supplier.inn}"],
            [f"Поставщик {supplier.name} ИНН {supplier.inn}"],
        )
    )
    lines = [
        "КАССОВЫЙ ЧЕК",
        "ПРИХОД",
        agent.party.name,
        f"ИНН {agent.party.inn}",
        f"{when:%d.%m.%Y} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}",
        f"1. Товар {rq.rng_word(rng)}  1 x {total + discount:.2f} = {total + discount:.2f}",
        rng.choice(("Признак агента: комиссионер", "АГЕНТ", "Признак агента: агент")),
        *principal_rows,
        *([f"СКИДКА ={discount:.2f}"] if discount else []),
        f"ИТОГ ={total:.2f}",
        f"БЕЗНАЛИЧНЫМИ ={total:.2f}",
        f"СУММА НДС 20% ={(total / 6).quantize(Decimal('0.01')):.2f}",
        f"Кассир: {rq.person(rng).initials} ИНН {rq.inn_person(rng)}",
        "ОФД: ООО «Такском» ИНН 7704211201",
        f"ФН № {rq.fiscal_drive(rng)}",
        f"ФД № {rq.fiscal_number(rng, 99999)}",
        f"ФП {rng.randint(10**9, 4 * 10**9)}",
    ]
    truth = Truth(agent.party.name, agent.party.inn, agent.party.kpp, None, None, total, when)  # it prints no КПП
    truth.fiscal_drive_number, truth.fiscal_document_number, truth.fiscal_sign = (row.split()[-1] for row in lines[-3:])
    return Page("agent_receipt", "principal_per_item", lines, truth)


def _agent_invoice(rng: random.Random) -> Page:
    """An agent's bill (a travel agency, a marketplace's seller services): the agent, who is paid, with its account
    under «Получатель», and the principal it acts for («Принципал», «Комиссионер … по поручению Комитента») with its
    ИНН and КПП."""
    agent, principal = hp.side(rng, sole_trader=False), hp.side(rng)
    total, when = rq.amount(rng), hp.day(rng)
    principal_label = rng.choice(("Принципал", "Комитент"))
    principal_rows = [f"{principal_label}: {principal.party.name}", *hp.ids(rng, principal.party)]
    agent_rows = [f"Получатель: {agent.party.name}", *hp.ids(rng, agent.party), *hp.bank_rows(rng, agent)]
    principal_first = rng.random() < 0.5
    lines = [
        f"Счёт № {rng.randint(1, 999)} от {rq.date_text(rng, when)}",
        *(principal_rows + agent_rows if principal_first else agent_rows + principal_rows),
        f"{rng.choice(('Агент', 'Комиссионер'))} действует от имени и по поручению {principal.party.name}",
        f"Итого к оплате: {rq.money(rng, total)}",
        *hp.due_dates(rng, when),
    ]
    arrangement = "principal_first" if principal_first else "agent_first"
    return Page("agent_invoice", arrangement, lines, hp.truth_of(agent, total, when))


def _postal(rng: random.Random) -> Page:
    """A postal money order (ф. 112ЭП) to an organisation: «Кому» with its ИНН, account and bank, «От кого» with the
    sender's ИНН."""
    payee, sender = hp.side(rng, sole_trader=False), rq.organisation(rng, sole_trader=True)
    total, when = rq.amount(rng, 100, 50000), hp.day(rng)
    lines = [
        "ПОЧТОВЫЙ ПЕРЕВОД ф. 112ЭП",
        f"Дата приёма {when:%d.%m.%Y}",
        f"на {rq.money(rng, total)}",
        rq.in_words(total),
        f"Кому: {payee.party.name}",
        f"Куда: {payee.party.address}",
        f"ИНН {payee.party.inn}",
        f"Р/с {payee.account}",
        f"Кор/сч {payee.bank.corr_account}",
        f"БИК {payee.bank.bic}",
        f"Наименование банка {payee.bank.name}",
        f"От кого: {sender.name}",
        f"Адрес отправителя: {sender.address}",
        f"ИНН {sender.inn}",
    ]
    if rng.random() < 0.5:  # the sender's part printed first, as the tear-off coupon stands over the order
        lines = [lines[0], *lines[-3:], *lines[1:-3]]
    truth = hp.truth_of(payee, total, when)
    return Page("postal", "sender_first" if lines[1].startswith("От") else "payee_first", lines, truth)


def _fine(rng: random.Random) -> Page:
    """A fine's payment slip: the treasury office's requisites, the payer's ИНН, the fine and the half of it due when
    paid within 20 days, the ruling's date and the discount's deadline."""
    office = rq.treasury(rng)
    administrator = rq.organisation(rng, sole_trader=False)
    payer = rq.organisation(rng, sole_trader=True)
    fine = Decimal(rng.choice((500, 1000, 1500, 2000, 3000, 5000)))
    due = fine / 2
    when = hp.day(rng)
    account = rq.treasury_account(rng)
    bank = rq.Bank(office.bic, office.name, office.single_account, office.city)
    lines = [
        f"Постановление № 1881077{rq.digits(rng, 13)} от {when:%d.%m.%Y}",
        f"Получатель: {office.name} ({administrator.name})",
        f"ИНН {administrator.inn} КПП {administrator.kpp}",
        f"Номер казначейского счёта {account}",
        f"ЕКС {office.single_account}",
        f"Банк получателя: {office.bank_printed}",
        f"БИК {office.bic}",
        f"Плательщик: {payer.name}",
        f"ИНН плательщика {payer.inn}",
        f"Сумма штрафа: {rq.money(rng, fine)}",
        f"Скидка 50% при оплате до {(when + timedelta(days=20)):%d.%m.%Y}",
        f"Сумма к оплате: {rq.money(rng, due)}",
    ]
    truth = Truth(office.name, administrator.inn, administrator.kpp, account, bank, due, when)
    return Page("fine", "treasury", lines, truth)


CLASSES: dict[str, Callable[[random.Random], Page]] = {
    "invoice": _invoice,
    "invoice_facture": _invoice_facture,
    "payment_order": _payment_order,
    "transfer": _transfer,
    "epd": _epd,
    "agent_receipt": _agent_receipt,
    "agent_invoice": _agent_invoice,
    "postal": _postal,
    "fine": _fine,
    **hostile_second.CLASSES,
}
"""Each kind of document drawn, by how it puts another party's requisites beside the recipient's."""


def draw(seed: int, index: int, kinds: Sequence[str] = tuple(CLASSES)) -> Page:
    """Page ``index`` of the run ``seed``: the same two numbers draw the same page."""
    rng = random.Random(f"hostile:{seed}:{index}")
    return CLASSES[rng.choice(list(kinds))](rng)


_CHAR_WIDTH, _ROW_PITCH, _RIGHT = 12, 28, 620


def ocr_lines(page: Page, number: int = 0) -> list[OcrLine]:
    """Page ``number``'s lines (0 the first) with word boxes as OCR gives them: a side-by-side table's cells from their
    columns' x."""
    texts = page.lines if number == 0 else page.more_pages[number - 1]
    columns = page.columns if number == 0 else {}
    lines = []
    for row, text in enumerate(texts):
        cells = columns.get(row)
        placed = [(cells[0], 75), (cells[1], _RIGHT + 5)] if cells else [(text, 75)]
        words = []
        for cell, start in placed:
            x, y = start, 100 + _ROW_PITCH * row
            for word in cell.split():
                words.append(OcrWord(word, 95.0, (x, y, x + _CHAR_WIDTH * len(word), y + 20)))
                x += _CHAR_WIDTH * (len(word) + 1)
        box = (words[0].box[0], words[0].box[1], words[-1].box[2], words[-1].box[3]) if words else (0, 0, 0, 0)
        lines.append(OcrLine(" ".join(w.text for w in words), 95.0, box, tuple(words)))
    return lines


@dataclass(frozen=True)
class Reading:
    values: dict[str, str | None]
    statuses: dict[str, str]


def _qr_readings(page: Page) -> tuple[list[Candidate], list[tuple[DocumentType, Source]]]:
    """The page's QR codes as ``model.pipeline`` feeds them in: each field a ``Source.QR`` reading, and the kind each
    code says the document is ahead of the text's (the last decoded first, as the pipeline inserts them)."""
    codes = [parse_qr_payload(payload) for payload in page.qr_codes]
    candidates = [
        Candidate(name, value, Source.QR) for code in codes for name, value in code.fields.items()
        if name != "document_type"
    ]  # fmt: skip
    kinds = [(DocumentType(code.fields["document_type"]), Source.QR) for code in reversed(codes) if code.fields]
    return candidates, kinds


def read(page: Page, source: str) -> Reading:
    """The parser and the checks on the document, as ``model.pipeline`` runs them on a text layer, on Tesseract's
    lines, or on Tesseract's and Indra's pooled: its QR codes first, then each page's readings, the kind of document
    a QR code says, else the first page's."""
    candidates, kinds = _qr_readings(page)
    for number in range(1 + len(page.more_pages)):
        if source == "pdf":
            lines = [line for line in (page.lines if number == 0 else page.more_pages[number - 1]) if line.strip()]
            readings = extract_candidates(lines, Source.PDF)
            kinds.append((classify(lines), Source.PDF))
        else:
            lines = unzipped_columns(ocr_lines(page, number))
            readings = extract_candidates(lines, Source.OCR)
            if source == "pooled":
                readings = pool_readings(readings, extract_candidates(lines, Source.INDRA))
            kinds.append((classify(lines), Source.OCR))
        candidates += [replace(c, page=number + 1) for c in readings]
    details, checks = resolve(candidates, *kinds[0])
    values = details.model_dump(mode="json")
    return Reading(values, {name: str(check.status) for name, check in checks.items()})


def _name_key(name: str) -> str:
    return re.sub(r"[^0-9a-zа-я]", "", name.lower().replace("ё", "е"))


def right(name: str, read_value: str, truth: Truth) -> bool:
    """Whether a value read for field ``name`` is the truth's."""
    expected = truth.value(name)
    if expected is None:
        return False
    if name == "bank_name" and truth.bank is not None:
        entry = current_directory().lookup(truth.bank.bic)
        return _name_key(read_value) == _name_key(expected) or (entry is not None and names_agree(read_value, entry))
    if name == "recipient_name":
        return _name_key(read_value) == _name_key(expected)
    if name == "amount":
        return Decimal(read_value) == Decimal(expected)
    if name in ("fiscal_document_number", "fiscal_sign"):  # receipts print leading zeros that QR codes drop
        return read_value.lstrip("0") == expected.lstrip("0")
    return read_value == expected


@dataclass(frozen=True)
class Finding:
    """A value verified that is not the truth's."""

    index: int
    kind: str
    arrangement: str
    field: str
    truth: str | None
    read: str


@dataclass
class Tally:
    pages: Counter[str] = field(default_factory=Counter)
    right_verified: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)


def check(page: Page, reading: Reading, index: int = 0) -> list[Finding]:
    """The values ``verified`` on the page that differ from its truth."""
    found = []
    for name in CHECKED:
        value = reading.values.get(name)
        if value is None or reading.statuses.get(name) != CheckStatus.VERIFIED:
            continue
        if not right(name, value, page.truth):
            found.append(Finding(index, page.kind, page.arrangement, name, page.truth.value(name), value))
    return found


def run(n: int, seed: int, sources: Sequence[str] = SOURCES, kinds: Sequence[str] = tuple(CLASSES)) -> Tally:
    """``n`` pages, each read from every source in ``sources``."""
    tally = Tally()
    for index in range(n):
        page = draw(seed, index, kinds)
        tally.pages[page.kind] += 1
        for source in sources:
            reading = read(page, source)
            findings = check(page, reading, index)
            tally.findings += findings
            wrong = {f.field for f in findings}
            for name in CHECKED:
                verified = reading.statuses.get(name) == CheckStatus.VERIFIED
                if verified and name not in wrong and reading.values.get(name) is not None:
                    tally.right_verified[f"{source}:{name}"] += 1
    return tally


def report(tally: Tally, sources: Sequence[str], errors: int = 0) -> str:
    lines = ["pages per class: " + ", ".join(f"{kind} {count}" for kind, count in sorted(tally.pages.items()))]
    by_class = Counter((f.kind, f.field) for f in tally.findings)
    lines.append(f"wrong verified: {len(tally.findings)}")
    for (kind, name), count in sorted(by_class.items()):
        lines.append(f"  {kind:16} {name:18} {count}")
    lines.append("right verified per source and field:")
    for source in sources:
        counts = [f"{name} {tally.right_verified[f'{source}:{name}']}" for name in CHECKED]
        lines.append(f"  {source}: " + ", ".join(counts))
    for finding in tally.findings[:errors]:
        lines.append(
            f"  #{finding.index} {finding.kind} ({finding.arrangement}) {finding.field}: truth {finding.truth!r},"
            f" verified {finding.read!r}"
        )
    return "\n".join(lines)


def shown(page: Page, sources: Sequence[str]) -> str:
    """The document's lines, its further pages and QR payloads, and what each source made of them, the values that
    are not the truth's marked."""
    lines = [f"--- {page.kind} ({page.arrangement})", *page.lines]
    for number, more in enumerate(page.more_pages, 2):
        lines += [f"--- page {number}", *more]
    lines += [f"--- QR {payload.decode(errors='replace')}" for payload in page.qr_codes]
    for source in sources:
        reading = read(page, source)
        lines.append(f"--- {source}")
        for name in CHECKED:
            value = reading.values[name]
            mark = (
                "" if value is not None and right(name, value, page.truth) else f"  <- truth {page.truth.value(name)!r}"
            )
            lines.append(f"  {name}: {value!r} {reading.statuses[name]}{mark}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=5000, help="pages to draw")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", action="append", choices=SOURCES, help="only these readings (default: all)")
    parser.add_argument("--kind", action="append", choices=tuple(CLASSES), help="only these classes")
    parser.add_argument("--errors", type=int, default=10, help="print up to N wrong verified values")
    parser.add_argument("--show", type=int, metavar="INDEX", help="print page INDEX and what was read, and stop")
    args = parser.parse_args(argv)
    sources = args.source or list(SOURCES)
    kinds = args.kind or list(CLASSES)
    if args.show is not None:
        print(shown(draw(args.seed, args.show, kinds), sources))
        return 0
    tally = run(args.n, args.seed, sources, kinds)
    print(report(tally, sources, args.errors))
    return 1 if tally.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
