"""Invoices and payment notices: an A4 page with a requisites block and, on most, a GOST R 56042-2014 QR.

Three looks: the 1C «Счёт на оплату» (bank table on top, items, total in words), the bank's «Извещение /
Квитанция» form (ПД-4), and a modern invoice with a two-column requisites table. Everything the QR carries is
printed as well, so a damaged QR never hides a field that the truth expects.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.corpus.content import KOPECK, Invoice, Item, amount_in_words, random_invoice
from bench.corpus.fonts import Font, font_for_x_height, has_glyphs, measured_x_height
from bench.corpus.render import (
    GOST_ENCODINGS,
    GREY,
    INK,
    RULE,
    Rendered,
    Sheet,
    date_words,
    em,
    grouped,
    line_height,
    qr_gost,
    wrap,
)

_QR_SHARE = 0.75
_FAMILIES = (
    "DejaVu Sans", "PT Sans", "Liberation Sans", "PT Serif", "Liberation Serif", "DejaVu Serif", "Noto Sans",
    "Noto Serif", "FreeSerif", "Open Sans", "Carlito", "Roboto",
)  # fmt: skip
_SANS = ("DejaVu Sans", "PT Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Roboto", "Carlito")
_ONE_C_NOTICE = (
    "Внимание! Оплата данного счёта означает согласие с условиями поставки товара. Уведомление об оплате "
    "обязательно, в противном случае не гарантируется наличие товара на складе. Товар отпускается по факту "
    "прихода денег на р/с Поставщика, самовывозом, при наличии доверенности и паспорта."
)


@dataclass(frozen=True, slots=True)
class _Page:
    """Page geometry and the faces of one invoice."""

    width: int
    margin: int
    body: Font
    bold: Font
    title: Font
    small: Font

    @property
    def right(self) -> int:
        return self.width - self.margin

    @property
    def span(self) -> int:
        return self.right - self.margin

    @property
    def line(self) -> int:
        return line_height(self.body)


def _page(rng: random.Random, families: tuple[str, ...]) -> _Page:
    """A4 at 150–200 dpi: 1240–1654 px wide, body text 10–11 pt (x-height 11–15 px)."""
    width = rng.randint(1240, 1654)
    x_height = max(11, round(width / 1240 * rng.uniform(10.5, 12)))
    family = rng.choice(families)
    return _Page(
        width=width,
        margin=round(width * 0.06),
        body=font_for_x_height(family, x_height),
        bold=font_for_x_height(family, x_height, bold=True),
        title=font_for_x_height(family, round(x_height * 1.45), bold=True),
        small=font_for_x_height(family, round(x_height * 0.8)),
    )


def _sheet(page: _Page) -> Sheet:
    """A canvas taller than A4 so that a long invoice is never cut; ``_a4`` pads a short one to the full page."""
    return Sheet(page.width, round(page.width * 1.9), measured_x_height(page.body))


def _a4(page: _Page, content_bottom: int) -> int:
    return max(content_bottom, round(page.width * 1.4142))


def _show_requisites(sheet: Sheet, doc: Invoice) -> None:
    """The recipient's bank requisites, printed by every invoice."""
    recipient = doc.recipient
    sheet.show("recipient_name", recipient.name)
    sheet.show("recipient_account", recipient.account)
    sheet.show("bank_name", recipient.bank.name)
    sheet.show("bank_bic", recipient.bank.bic)
    sheet.show("bank_corr_account", recipient.bank.corr_account)
    if recipient.inn:
        sheet.show("recipient_inn", recipient.inn)
    if recipient.kpp:
        sheet.show("recipient_kpp", recipient.kpp)


def _show_total(sheet: Sheet, doc: Invoice) -> None:
    sheet.show("amount", f"{doc.amount:.2f}")
    sheet.show("currency", "RUB")


def _inn_kpp(doc: Invoice, separator: str) -> str:
    recipient = doc.recipient
    kpp = f"{separator}КПП {recipient.kpp}" if recipient.kpp else ""
    return f"ИНН {recipient.inn}{kpp}"


def _payment_qr(
    sheet: Sheet,
    doc: Invoice,
    rng: random.Random,
    *,
    x: int,
    y: int,
    max_side: int,
    with_purpose: bool,
    total: Decimal | None = None,
) -> int:
    """Draw the GOST payment QR on most invoices (``_QR_SHARE``); returns its side, 0 when there is none.

    One in three uses windows-1251 (``ST00011``), which decoders that assume UTF-8 turn into mojibake.
    """
    if rng.random() >= _QR_SHARE:
        return 0
    recipient = doc.recipient
    pairs = {
        "Name": recipient.name,
        "PersonalAcc": recipient.account,
        "BankName": recipient.bank.name,
        "BIC": recipient.bank.bic,
        "CorrespAcc": recipient.bank.corr_account,
    }
    if recipient.inn:
        pairs["PayeeINN"] = recipient.inn
    if recipient.kpp:
        pairs["KPP"] = recipient.kpp
    pairs["Sum"] = str(int((doc.amount if total is None else total) * 100))
    if with_purpose:
        pairs["Purpose"] = doc.purpose
    digit = "1" if rng.random() < 0.33 else "2"
    return sheet.qr(qr_gost(pairs, digit), x, y, max_side, encoding=GOST_ENCODINGS[digit])


def _cell(sheet: Sheet, x: int, baseline: int, width: int, text: str, *, face: Font, align: str = "l") -> int:
    """Text wrapped into a table cell; returns the number of lines used."""
    lines = wrap(text, face, width) or [""]
    anchor, offset = {"l": ("ls", 0.0), "r": ("rs", width), "c": ("ms", width / 2)}[align]
    for i, line in enumerate(lines):
        sheet.text(x + offset, baseline + i * line_height(face), line, face, anchor=anchor)
    return len(lines)


def _items_table(sheet: Sheet, page: _Page, items: tuple[Item, ...], top: int, currency: str) -> int:
    """The goods table with borders; returns the y below it."""
    shares = (0.06, 0.46, 0.1, 0.08, 0.15, 0.15)
    headers = ("№", "Товары (работы, услуги)", "Кол-во", "Ед.", f"Цена{currency}", f"Сумма{currency}")
    xs = [page.margin]
    for share in shares:
        xs.append(xs[-1] + round(page.span * share))
    xs[-1] = page.right
    pad = page.line // 4
    rows = [headers] + [
        (str(i), item.name, f"{item.quantity:g}", item.unit, grouped(item.price), grouped(item.total))
        for i, item in enumerate(items, 1)
    ]
    y = top
    for index, row in enumerate(rows):
        face = page.bold if index == 0 else page.body
        heights = []
        for col, value in enumerate(row):
            align = "l" if col == 1 else ("c" if index == 0 or col in (0, 3) else "r")
            width = xs[col + 1] - xs[col] - 2 * pad
            heights.append(_cell(sheet, xs[col] + pad, y + pad + em(face), width, value, face=face, align=align))
        bottom = y + 2 * pad + max(heights) * page.line
        for x in xs:
            sheet.vline(x, y, bottom, INK)
        sheet.hline(page.margin, page.right, y, INK)
        y = bottom
    sheet.hline(page.margin, page.right, y, INK, 2)
    return y


def _totals(sheet: Sheet, page: _Page, doc: Invoice, y: int, currency: str) -> int:
    vat = "Без налога (НДС):" if doc.vat_rate is None else f"В том числе НДС ({doc.vat_rate}%):"
    vat_value = "-" if doc.vat_rate is None else grouped(doc.vat)
    rows = (("Итого:", grouped(doc.amount)), (vat, vat_value), ("Всего к оплате:", grouped(doc.amount) + currency))
    for label, value in rows:
        y += page.line
        sheet.text(page.right - round(page.width * 0.2), y, label, page.bold, anchor="rs")
        sheet.text(page.right, y, value, page.bold, anchor="rs")
    _show_total(sheet, doc)
    return y


def one_c_invoice(rng: random.Random) -> Rendered:
    """The 1C «Счёт на оплату»: bank table, title with the date, parties, items, total in figures and words."""
    doc = random_invoice(rng, long_form=rng.random() < 0.2)
    page = _page(rng, _FAMILIES)
    sheet = _sheet(page)
    y = sheet.lines(page.margin, page.margin + em(page.body), wrap(_ONE_C_NOTICE, page.body, page.span), page.body)
    y = _bank_table(sheet, page, doc, y)
    y += page.line * 2
    sheet.text(page.margin, y, f"Счёт на оплату № {doc.number} от {date_words(doc.moment.date())} г.", page.title)
    sheet.show("payment_date", doc.moment.date().isoformat())
    y += page.line // 2
    sheet.hline(page.margin, page.right, y, INK, 3)
    y = _parties(sheet, page, doc, y)
    y = _items_table(sheet, page, doc.items, y + page.line, ", руб." if rng.random() < 0.5 else "")
    y = _totals(sheet, page, doc, y, "")
    y += page.line * 2
    sheet.text(page.margin, y, f"Всего наименований {len(doc.items)}, на сумму {grouped(doc.amount)} руб.", page.body)
    y += page.line
    y = sheet.lines(page.margin, y, wrap(amount_in_words(doc.amount), page.bold, page.span), page.bold)
    with_purpose = rng.random() < 0.7
    if with_purpose:
        purpose = f"Назначение платежа: {doc.purpose}"
        y = sheet.lines(page.margin, y, wrap(purpose, page.body, page.span), page.body)
        sheet.show("purpose", doc.purpose)
    sheet.hline(page.margin, page.right, y, INK, 3)
    y += page.line * 3
    sheet.text(page.margin, y, "Руководитель ______________ Петров П. П.", page.body)
    sheet.text(page.margin + page.width // 2, y, "Бухгалтер ______________", page.body)
    y += page.line * 2
    side = page.width // 4
    drawn = _payment_qr(sheet, doc, rng, x=page.right - side, y=y, max_side=side, with_purpose=with_purpose)
    return sheet.finish(_a4(page, y + max(drawn, page.line * 2) + page.margin))


def one_c_vat_on_top(rng: random.Random) -> Rendered:
    """1C's «Счёт на оплату» with prices before VAT, as most VAT payers print it: «Итого» is the goods' sum,
    «Сумма НДС» is added to it and «Всего к оплате» is what the payer owes; after the sum in words come the
    deadlines «Оплатить не позднее …» and «Счёт действителен до …», which are not the invoice's date."""
    doc = random_invoice(rng)
    rate = doc.vat_rate or 20
    vat = (doc.amount * rate / 100).quantize(KOPECK, ROUND_HALF_UP)
    due = doc.amount + vat
    page = _page(rng, _FAMILIES)
    sheet = _sheet(page)
    y = page.margin + em(page.body)
    if rng.random() < 0.5:  # older 1C forms caption the grid
        sheet.text(page.margin + page.span // 2, y, "Образец заполнения платёжного поручения", page.bold, anchor="ms")
    y = _bank_table(sheet, page, doc, y)
    y += page.line * 2
    sheet.text(page.margin, y, f"Счет на оплату № {doc.number} от {date_words(doc.moment.date())} г.", page.title)
    sheet.show("payment_date", doc.moment.date().isoformat())
    y += page.line // 2
    sheet.hline(page.margin, page.right, y, INK, 3)
    y = _parties(sheet, page, doc, y)
    y = _items_table(sheet, page, doc.items, y + page.line, "")
    vat_label = f"Сумма НДС ({rate}%):" if rng.random() < 0.5 else "НДС:"
    for label, value in (("Итого:", doc.amount), (vat_label, vat), ("Всего к оплате:", due)):
        y += page.line
        sheet.text(page.right - round(page.width * 0.2), y, label, page.bold, anchor="rs")
        sheet.text(page.right, y, grouped(value), page.bold, anchor="rs")
    sheet.show("amount", f"{due:.2f}")
    sheet.show("currency", "RUB")
    y += page.line * 2
    sheet.text(page.margin, y, f"Всего наименований {len(doc.items)}, на сумму {grouped(due)} руб.", page.body)
    y += page.line
    y = sheet.lines(page.margin, y, wrap(amount_in_words(due), page.bold, page.span), page.bold)
    pay_by = doc.moment + timedelta(days=rng.choice((3, 5, 10)))
    valid_to = pay_by + timedelta(days=rng.choice((0, 2, 5)))
    y += page.line // 2
    y = sheet.lines(page.margin, y, [f"Оплатить не позднее {pay_by:%d.%m.%Y}"], page.body)
    y = sheet.lines(page.margin, y, [f"Счёт действителен до {valid_to:%d.%m.%Y}"], page.body)
    y = sheet.lines(page.margin, y, wrap(_ONE_C_NOTICE, page.small, page.span), page.small)
    sheet.hline(page.margin, page.right, y, INK, 3)
    y += page.line * 3
    sheet.text(page.margin, y, "Руководитель ______________ Петров П. П.", page.body)
    sheet.text(page.margin + page.width // 2, y, "Бухгалтер ______________", page.body)
    y += page.line * 2
    side = page.width // 4
    drawn = _payment_qr(sheet, doc, rng, x=page.right - side, y=y, max_side=side, with_purpose=False, total=due)
    return sheet.finish(_a4(page, y + max(drawn, page.line * 2) + page.margin))


def _parties(sheet: Sheet, page: _Page, doc: Invoice, y: int) -> int:
    """Поставщик, Покупатель, Основание: a label column and bold values (the supplier repeats the requisites)."""
    recipient, payer = doc.recipient, doc.payer
    payer_inn = f", ИНН {payer.inn}" if payer.inn else ""
    label_width = round(page.span * 0.2)
    for label, value in (
        ("Поставщик (Исполнитель):", f"{recipient.name}, {_inn_kpp(doc, ', ')}, {recipient.address}"),
        ("Покупатель (Заказчик):", f"{payer.name}{payer_inn}, {payer.address}"),
        ("Основание:", doc.contract),
    ):
        y += page.line
        label_lines = wrap(label, page.body, label_width - page.line)
        value_lines = wrap(value, page.bold, page.span - label_width)
        sheet.lines(page.margin, y, label_lines, page.body)
        sheet.lines(page.margin + label_width, y, value_lines, page.bold)
        y += (max(len(label_lines), len(value_lines)) - 1) * page.line
    sheet.show("payer_name", payer.name)
    return y


def _bank_table(sheet: Sheet, page: _Page, doc: Invoice, top: int) -> int:
    """The 1C bank block: bank | БИК, Сч. № (к/с) / ИНН | КПП | Сч. № (р/с) / recipient."""
    recipient, bank = doc.recipient, doc.recipient.bank
    split = page.margin + round(page.span * 0.56)
    label_end = split + round(page.span * 0.09)
    pad = page.line // 3
    top += page.line
    first = top + pad + em(page.body)
    bank_lines = wrap(bank.name, page.body, split - page.margin - 2 * pad)
    row_a = top + 2 * pad + page.line * (len(bank_lines) + 1)
    sheet.lines(page.margin + pad, first, bank_lines, page.body)
    sheet.text(page.margin + pad, row_a - pad - page.line // 4, "Банк получателя", page.body, fill=GREY)
    half = (top + row_a) // 2
    sheet.text(split + pad, first, "БИК", page.body)
    sheet.text(label_end + pad, first, bank.bic, page.body)
    sheet.text(split + pad, half + pad + em(page.body), "Сч. №", page.body)
    sheet.text(label_end + pad, half + pad + em(page.body), bank.corr_account, page.body)
    row_b = row_a + page.line + 2 * pad
    inn_end = page.margin + (split - page.margin) // 2
    sheet.text(page.margin + pad, row_a + pad + em(page.body), f"ИНН {recipient.inn}", page.body)
    if recipient.kpp:
        sheet.text(inn_end + pad, row_a + pad + em(page.body), f"КПП {recipient.kpp}", page.body)
    sheet.text(split + pad, row_a + pad + em(page.body), "Сч. №", page.body)
    sheet.text(label_end + pad, row_a + pad + em(page.body), recipient.account, page.body)
    name_lines = wrap(recipient.name, page.body, split - page.margin - 2 * pad)
    bottom = row_b + 2 * pad + page.line * (len(name_lines) + 1)
    sheet.lines(page.margin + pad, row_b + pad + em(page.body), name_lines, page.body)
    sheet.text(page.margin + pad, bottom - pad - page.line // 4, "Получатель", page.body, fill=GREY)
    for y in (top, row_a, row_b, bottom):
        sheet.hline(page.margin, page.right, y, INK)
    sheet.hline(split, page.right, half, INK)
    for x, y0, y1 in (
        (page.margin, top, bottom),
        (page.right, top, bottom),
        (split, top, bottom),
        (label_end, top, bottom),
        (inn_end, row_a, row_b),
    ):
        sheet.vline(x, y0, y1, INK)
    _show_requisites(sheet, doc)
    return bottom


def payment_notice(rng: random.Random) -> Rendered:
    """The ПД-4 «Извещение / Квитанция» form: the same requisites twice, the QR in the left column."""
    doc = random_invoice(rng)
    page = _page(rng, _FAMILIES)
    sheet = _sheet(page)
    column = round(page.span * 0.27)
    x = page.margin + column + page.line
    kopecks = int(doc.amount * 100) % 100
    if rng.random() < 0.5:
        amount = f"{grouped(doc.amount)[:-3]} руб. {kopecks:02d} коп."
    else:
        amount = f"{grouped(doc.amount)} руб."
    dated = rng.random() < 0.5
    top = page.margin
    for caption in ("Извещение", "Квитанция"):
        y = top + page.line * 2
        sheet.text(page.margin + column // 2, y, caption, page.bold, anchor="ms")
        if caption == "Извещение":
            side = column - 2 * page.line
            _payment_qr(sheet, doc, rng, x=page.margin + page.line, y=y + page.line, max_side=side, with_purpose=True)
        y = _notice_block(sheet, page, doc, x=x, y=y, amount=amount, dated=dated)
        sheet.text(page.margin + column // 2, y, "Кассир", page.body, anchor="ms")
        top = y + page.line
        sheet.hline(page.margin, page.right, top, INK, 2)
    sheet.frame((page.margin, page.margin, page.right, top), INK, 2)
    sheet.vline(x - page.line // 2, page.margin, top, INK, 2)
    _show_requisites(sheet, doc)
    sheet.show("payer_name", doc.payer.name)
    sheet.show("purpose", doc.purpose)
    _show_total(sheet, doc)
    if dated:
        sheet.show("payment_date", doc.moment.date().isoformat())
    return sheet.finish(top + page.margin)


def _notice_block(sheet: Sheet, page: _Page, doc: Invoice, *, x: int, y: int, amount: str, dated: bool) -> int:
    """One half of the ПД-4 form: underlined values with small captions under them."""
    recipient = doc.recipient
    width = page.right - x - page.line
    half = x + round(width * 0.56)
    when = doc.moment
    date_line = (
        f"«{when.day:02d}» {date_words(when.date()).split()[1]} {when.year} г." if dated else "«__» ______ 20__ г."
    )
    rows: list[list[tuple[int, str, str]]] = [
        [(x, recipient.name, "(наименование получателя платежа)")],
        [(x, _inn_kpp(doc, " / "), "(ИНН / КПП получателя)"), (half, recipient.account, "(номер счёта получателя)")],
        [(x, f"в {recipient.bank.name}", "(наименование банка)"), (half, f"БИК {recipient.bank.bic}", "")],
        [(x, f"Номер кор./сч. банка получателя платежа {recipient.bank.corr_account}", "")],
        [(x, doc.purpose, "(наименование платежа)")],
        [(x, f"{'Плательщик' if doc.payer.inn else 'Ф.И.О. плательщика'}: {doc.payer.name}", "")],
        [(x, f"Адрес плательщика: {doc.payer.address}", "")],
        [(x, f"Сумма платежа: {amount}", ""), (half, "Плата за услуги: ____ руб.", "")],
        [(x, f"Итого: {amount}", ""), (half, date_line, "")],
    ]
    for row in rows:
        y += page.line
        lines_used = 1
        for left, value, caption in row:
            room = (half - left if len(row) > 1 and left == x else x + width - left) - page.line // 2
            lines = wrap(value, page.body, room)
            sheet.lines(left, y, lines, page.body)
            lines_used = max(lines_used, len(lines))
            underline = y + (len(lines) - 1) * page.line + page.line // 4
            sheet.hline(left, left + room, underline, GREY)
            if caption:
                sheet.text(left + room // 2, underline + em(page.small), caption, page.small, fill=GREY, anchor="ms")
        captioned = any(caption for _, _, caption in row)
        y += (lines_used - 1) * page.line + (line_height(page.small) if captioned else 0)
    y += page.line
    terms = (
        "С условиями приёма указанной в платёжном документе суммы, в т.ч. с суммой взимаемой платы "
        "за услуги банка, ознакомлен и согласен.   Подпись плательщика ________"
    )
    return sheet.lines(x, y, wrap(terms, page.body, width), page.body)


def modern_invoice(rng: random.Random) -> Rendered:
    """A designed invoice: header, a two-column requisites table, a short items table, the QR beside it."""
    doc = random_invoice(rng)
    page = _page(rng, _SANS)
    sheet = _sheet(page)
    y = page.margin + em(page.title)
    sheet.text(page.margin, y, doc.recipient.name, page.title)
    sheet.text(page.right, y, f"СЧЁТ № {doc.number}", page.title, anchor="rs")
    y += page.line
    sheet.text(page.margin, y, doc.recipient.address, page.body, fill=GREY)
    sheet.text(page.right, y, f"от {doc.moment:%d.%m.%Y}", page.bold, anchor="rs")
    sheet.show("payment_date", doc.moment.date().isoformat())
    y += page.line
    due = doc.moment + timedelta(days=rng.choice((3, 5, 7, 10)))
    sheet.text(page.right, y, f"Оплатить до {due:%d.%m.%Y}", page.body, fill=GREY, anchor="rs")
    y += page.line * 2
    sheet.text(page.margin, y, "Реквизиты для оплаты", page.bold)
    table_top = y + page.line // 2
    table_right = page.margin + round(page.span * 0.68)
    y = _requisites_table(sheet, page, doc, rng, top=table_top, right=table_right)
    side = page.right - table_right - page.line * 2
    drawn = _payment_qr(sheet, doc, rng, x=table_right + page.line * 2, y=table_top, max_side=side, with_purpose=True)
    if drawn:
        caption_y = table_top + drawn + page.line
        sheet.text(
            table_right + page.line * 2 + drawn // 2, caption_y, "Оплата по QR-коду", page.body, fill=GREY, anchor="ms"
        )
        y = max(y, caption_y)
    y += page.line * 2
    sheet.text(page.margin, y, f"Плательщик: {doc.payer.name}", page.body)
    sheet.show("payer_name", doc.payer.name)
    rouble = " ₽" if has_glyphs(page.body, "₽") else " руб."
    y = _items_table(sheet, page, doc.items, y + page.line, "," + rouble)
    y += page.line * 2
    sheet.text(page.right, y, f"Итого к оплате: {grouped(doc.amount)}{rouble}", page.title, anchor="rs")
    _show_total(sheet, doc)
    y += page.line
    vat = "НДС не облагается" if doc.vat_rate is None else f"в т.ч. НДС {doc.vat_rate}%: {grouped(doc.vat)}{rouble}"
    sheet.text(page.right, y, vat, page.body, fill=GREY, anchor="rs")
    y += page.line * 2
    y = sheet.lines(page.margin, y, wrap(f"Назначение платежа: {doc.purpose}", page.body, page.span), page.body)
    sheet.show("purpose", doc.purpose)
    return sheet.finish(_a4(page, y + page.margin))


def _requisites_table(sheet: Sheet, page: _Page, doc: Invoice, rng: random.Random, *, top: int, right: int) -> int:
    """Label | value rows with light rules; ИНН and КПП in one cell or in two."""
    recipient, bank = doc.recipient, doc.recipient.bank
    rows = [("Получатель", recipient.name)]
    if recipient.kpp and rng.random() < 0.5:
        rows.append(("ИНН / КПП", f"{recipient.inn} / {recipient.kpp}"))
    else:
        rows.append(("ИНН", recipient.inn or ""))
        if recipient.kpp:
            rows.append(("КПП", recipient.kpp))
    rows += [
        ("Расчётный счёт", recipient.account),
        ("Банк", bank.name),
        ("БИК", bank.bic),
        ("Корр. счёт", bank.corr_account),
    ]
    label_width = round((right - page.margin) * 0.32)
    pad = page.line // 3
    y = top
    for label, value in rows:
        sheet.hline(page.margin, right, y, RULE)
        lines = wrap(value, page.body, right - page.margin - label_width - pad)
        sheet.text(page.margin + pad, y + pad + em(page.body), label, page.body, fill=GREY)
        sheet.lines(page.margin + label_width, y + pad + em(page.body), lines, page.body)
        y += 2 * pad + len(lines) * page.line
    sheet.hline(page.margin, right, y, RULE)
    _show_requisites(sheet, doc)
    return y


TEMPLATES: dict[str, Callable[[random.Random], Rendered]] = {
    "one_c_invoice": one_c_invoice,
    "one_c_vat_on_top": one_c_vat_on_top,
    "payment_notice": payment_notice,
    "modern_invoice": modern_invoice,
}
