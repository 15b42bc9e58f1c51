"""Cash receipts with what real tills and shops print around the 54-ФЗ body, each a trap for a parser.

- A card-terminal slip on the same tape, above the receipt: «ОПЛАТА», the acquiring bank, the card's mask,
  «ОДОБРЕНО». The bank is the buyer's card's acquirer, never the seller's bank, so the truth has no bank.
- An online shop's receipt printed from a browser: the header carries the moment of printing, not of paying, and
  the receipt's own date stands alone under its title with no label.
- A marketplace's agent receipt: each item names its supplier («Поставщик», «ИНН поставщика»); who is paid is the
  marketplace that issued the receipt, whose name and ИНН head it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from bench.corpus.content import Receipt, random_digits, random_organisation, random_receipt
from bench.corpus.fonts import Font, font_for_x_height, measured_x_height
from bench.corpus.receipt import (
    _MONO,
    _NARROW,
    _PAPER,
    _SANS,
    _body_lines,
    _currency,
    _draw,
    _header,
    _Line,
    _qr_footer,
    _show_fields,
)
from bench.corpus.render import GREY, INK, Rendered, Sheet, em, grouped, line_height, wrap

_ACQUIRERS = ("ПАО СБЕРБАНК", "БАНК ВТБ (ПАО)", "АО «ТБАНК»", "АО «АЛЬФА-БАНК»", "ПАО «ПРОМСВЯЗЬБАНК»")
_CARDS = ("MIR", "VISA", "MASTERCARD")


def _card_slip(doc: Receipt, rng: random.Random) -> list[_Line]:
    """An acquiring terminal's slip for the same payment, as the till prints it before the receipt."""
    return [
        _Line(rng.choice(_ACQUIRERS), centred=True, bold=True),
        _Line("ОПЛАТА", centred=True, bold=True),
        _Line(f"Терминал: {random_digits(rng, 8)}", f"Мерчант: {random_digits(rng, 12)}"),
        _Line(f"{doc.moment:%d.%m.%Y}", f"{doc.moment:%H:%M}"),
        _Line(rng.choice(_CARDS), f"************{random_digits(rng, 4)}"),
        _Line("Сумма (Руб):", grouped(doc.amount, ".", "")),
        _Line("Комиссия за операцию - 0 Руб."),
        _Line("ОДОБРЕНО", centred=True, bold=True),
        _Line("Код авторизации:", random_digits(rng, 6)),
        _Line("Номер ссылки:", random_digits(rng, 12)),
        _Line("Подпись клиента не требуется", centred=True),
        _Line("-" * 32, centred=True),
    ]


def _tape(rng: random.Random, families: tuple[str, ...]) -> tuple[Sheet, tuple[Font, Font], tuple[int, int], int]:
    """A till strip's sheet, faces, printable span and first baseline."""
    width = rng.randint(600, 800)
    family = rng.choice(families)
    x_height = rng.randint(12, 15)
    faces = (font_for_x_height(family, x_height), font_for_x_height(family, x_height, bold=True))
    sheet = Sheet(width, 5000, measured_x_height(faces[0]), paper=_PAPER)
    margin = round(width * 0.06)
    return sheet, faces, (margin, width - margin), margin + em(faces[0])


def card_slip_receipt(rng: random.Random) -> Rendered:
    """A card payment's tape: the terminal's slip, then the cash receipt."""
    doc = replace(random_receipt(rng), cashless=True)
    sheet, faces, span, y = _tape(rng, _MONO + _NARROW)
    y = _draw(sheet, _card_slip(doc, rng), faces, span, y)
    y = _draw(sheet, _header(doc), faces, span, y + em(faces[0]))
    y = _draw(sheet, _body_lines(doc, rng, faces[0], rng.choice((".", ","))), faces, span, y + em(faces[0]))
    _show_fields(sheet, doc)
    y = _qr_footer(sheet, doc, rng, sheet.width, y)
    return sheet.finish(y + span[0] * 2)


def agent_receipt(rng: random.Random) -> Rendered:
    """A marketplace's receipt on a till strip, each item sold for a supplier named with its ИНН."""
    doc = replace(random_receipt(rng), seller=random_organisation(rng, upper=True))
    suppliers = [random_organisation(rng) for _ in doc.items]
    supplier_label = rng.choice(("Поставщик:", "Наименование поставщика:"))

    def supplier(index: int) -> list[_Line]:
        return [
            _Line("Признак агента:", rng.choice(("КОМИССИОНЕР", "АГЕНТ"))),
            _Line(f"{supplier_label} {suppliers[index].name}"),
            _Line("ИНН поставщика:", suppliers[index].inn or ""),
        ]

    sheet, faces, span, y = _tape(rng, _MONO + _NARROW)
    y = _draw(sheet, _header(doc), faces, span, y)
    body = _body_lines(doc, rng, faces[0], rng.choice((".", ",")), supplier)
    y = _draw(sheet, body, faces, span, y + em(faces[0]))
    _show_fields(sheet, doc)
    y = _qr_footer(sheet, doc, rng, sheet.width, y)
    return sheet.finish(y + span[0] * 2)


def browser_receipt(rng: random.Random) -> Rendered:
    """An online shop's receipt opened in a browser and printed on A4: the browser's header (when printed, the
    page title), the receipt in a narrow column, and the footer (the address, the page count)."""
    doc = random_receipt(rng)
    fiscal = doc.fiscal
    width = rng.randint(1240, 1400)
    family = rng.choice(_SANS)
    x_height = rng.randint(12, 14)
    face, bold = font_for_x_height(family, x_height), font_for_x_height(family, x_height, bold=True)
    small = font_for_x_height(family, round(x_height * 0.85))
    sheet = Sheet(width, 5000, measured_x_height(face))
    margin = round(width * 0.04)
    printed = doc.moment + timedelta(days=rng.randint(1, 90), minutes=rng.randint(0, 600))
    sheet.text(margin, margin, f"{printed:%d.%m.%Y, %H:%M}", small, fill=GREY)
    sheet.text(width // 2, margin, f"Электронный чек № {fiscal.receipt_number}", small, fill=GREY, anchor="ms")
    left, right = width // 2 - 300, width // 2 + 300
    line = line_height(face, 1.35)
    y = margin + 3 * line
    for text, font in ((f"Кассовый чек № {fiscal.receipt_number}", bold), ("Приход", face)):
        sheet.text(width // 2, y, text, font, anchor="ms")
        y += line
    sheet.text(width // 2, y, f"{doc.moment:%d.%m.%Y %H:%M}", face, anchor="ms")
    y += line * 2
    for text in (doc.seller.name, f"ИНН {doc.seller.inn}", *wrap(doc.seller.address, face, right - left)):
        sheet.text(width // 2, y, text, face, anchor="ms")
        y += line
    y += line
    currency = _currency(rng, face)
    rows = []
    for item in doc.items:
        rows += [(item.name, ""), (f"{item.quantity:g} × {grouped(item.price)}", grouped(item.total))]
    rows += [
        ("ИТОГО", f"{grouped(doc.amount)} {currency}"),
        ("Безналичными" if doc.cashless else "Наличными", grouped(doc.amount)),
        ("НДС не облагается" if doc.vat_rate is None else f"НДС {doc.vat_rate}%", grouped(doc.vat)),
        ("СНО", doc.tax_system),
        ("РН ККТ", fiscal.register_number),
        ("ФН №", fiscal.drive_number),
        ("ФД №", fiscal.document_number),
        ("ФП", fiscal.sign),
        ("Сайт ФНС", "www.nalog.gov.ru"),
    ]
    for label, value in rows:
        font = bold if label == "ИТОГО" else face
        for text in wrap(label, face, right - left - (font.getlength(value) + 20 if value else 0)):
            sheet.text(left, y, text, font, fill=INK)
            y += line
        if value:
            sheet.text(right, y - line, value, font, fill=INK, anchor="rs")
    _show_fields(sheet, doc)
    y = _qr_footer(sheet, doc, rng, width, y + line)
    y += line * 2
    sheet.text(margin, y, f"https://shop.example.ru/orders/{random_digits(rng, 8)}/receipt", small, fill=GREY)
    sheet.text(width - margin, y, "1/1", small, fill=GREY, anchor="rs")
    return sheet.finish(y + margin)


TEMPLATES: dict[str, Callable[[random.Random], Rendered]] = {
    "card_slip_receipt": card_slip_receipt,
    "browser_receipt": browser_receipt,
    "agent_receipt": agent_receipt,
}
