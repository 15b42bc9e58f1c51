"""Retail cash receipts (54-ФЗ «КАССОВЫЙ ЧЕК / ПРИХОД»): a narrow strip with the fiscal QR on most.

Three looks: a thermal printout in a monospaced font laid out in character columns, the same in a narrow
proportional font with values pushed right, and an ОФД web receipt printed as a two-column table. The seller is
the recipient; the QR carries the date, total, ФН, ФД and ФП that are also printed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from bench.corpus.content import Receipt, random_receipt
from bench.corpus.fonts import Font, font_for_x_height, has_glyphs, measured_x_height
from bench.corpus.render import GREY, INK, RULE, Colour, Rendered, Sheet, em, grouped, line_height, wrap

_QR_SHARE = 0.8
_PAPER: Colour = (250, 249, 245)
_THERMAL_INK: Colour = (48, 46, 50)
_MONO = ("DejaVu Sans Mono", "PT Mono", "Liberation Mono", "FreeMono", "JetBrains Mono")
_NARROW = ("PT Sans Narrow", "Liberation Sans Narrow", "DejaVu Sans Condensed", "Roboto Condensed")
_SANS = ("DejaVu Sans", "PT Sans", "Liberation Sans", "FreeSans", "Noto Sans")


@dataclass(frozen=True, slots=True)
class _Line:
    """One receipt line: ``left`` and ``right`` parts (``right`` pushed to the right edge), or centred text."""

    left: str
    right: str = ""
    centred: bool = False
    bold: bool = False


def _fiscal_query(doc: Receipt) -> str:
    """The 54-ФЗ QR payload; ``s`` is in roubles with a dot, unlike the GOST QR's kopecks."""
    fiscal = doc.fiscal
    return (
        f"t={doc.moment:%Y%m%dT%H%M}&s={doc.amount:.2f}&fn={fiscal.drive_number}"
        f"&i={fiscal.document_number}&fp={fiscal.sign}&n=1"
    )


def _show_fields(sheet: Sheet, doc: Receipt) -> None:
    """Every receipt prints the seller, its ИНН, the total with a currency mark, the date and ФН/ФД/ФП."""
    sheet.show("recipient_name", doc.seller.name)
    if doc.seller.inn:
        sheet.show("recipient_inn", doc.seller.inn)
    sheet.show("amount", f"{doc.amount:.2f}")
    sheet.show("currency", "RUB")
    sheet.show("payment_date", doc.moment.date().isoformat())
    sheet.show("fiscal_drive_number", doc.fiscal.drive_number)
    sheet.show("fiscal_document_number", doc.fiscal.document_number)
    sheet.show("fiscal_sign", doc.fiscal.sign)


def _currency(rng: random.Random, face: Font) -> str:
    signs = ("₽", "руб.", "руб") if has_glyphs(face, "₽") else ("руб.", "руб", "RUB")
    return rng.choice(signs)


def _body_lines(
    doc: Receipt, rng: random.Random, face: Font, dot: str, after_item: Callable[[int], list[_Line]] | None = None
) -> list[_Line]:
    """The receipt from the title to the fiscal footer, shared by the thermal looks; ``after_item`` adds lines
    after the item of that index (an agent's supplier)."""
    fiscal = doc.fiscal

    def money(value: Decimal) -> str:
        return grouped(value, dot, "")

    lines = [
        _Line("КАССОВЫЙ ЧЕК", centred=True, bold=True),
        _Line("ПРИХОД", centred=True),
        _Line(f"Смена № {fiscal.shift}", f"Чек № {fiscal.receipt_number}"),
    ]
    for index, item in enumerate(doc.items):
        lines.append(_Line(item.name))
        quantity = f"{item.quantity:g}" if item.unit == "шт" else f"{item.quantity:.3f} {item.unit}"
        lines.append(_Line(f"{quantity} x {money(item.price)}", f"={money(item.total)}"))
        if doc.vat_rate is not None and rng.random() < 0.5:
            lines.append(_Line(f"НДС {doc.vat_rate}%", f"={money(item.total * doc.vat_rate / (100 + doc.vat_rate))}"))
        if after_item is not None:
            lines += after_item(index)
    lines.append(_Line("ИТОГ", f"={money(doc.amount)} {_currency(rng, face)}", bold=True))
    lines.append(_Line("БЕЗНАЛИЧНЫМИ" if doc.cashless else "НАЛИЧНЫМИ", f"={money(doc.amount)}"))
    if doc.vat_rate is not None:
        lines.append(_Line(f"СУММА НДС {doc.vat_rate}%", f"={money(doc.vat)}"))
    else:
        lines.append(_Line("СУММА БЕЗ НДС", f"={money(doc.amount)}"))
    lines += [
        _Line("СНО:", doc.tax_system),
        _Line(f"Кассир: {doc.cashier.initials}"),
        _Line("РН ККТ:", fiscal.register_number),
        _Line("ФН:", fiscal.drive_number),
        _Line("ФД:", fiscal.document_number),
        _Line("ФП:", fiscal.sign),
        _Line(f"{doc.moment:%d.%m.%y %H:%M}" if rng.random() < 0.5 else f"{doc.moment:%d.%m.%Y %H:%M}"),
        _Line("Сайт ФНС:", "www.nalog.gov.ru"),
    ]
    return lines


def _header(doc: Receipt) -> list[_Line]:
    seller = doc.seller
    return [
        _Line(seller.name, centred=True, bold=True),
        _Line(seller.address, centred=True),
        _Line(f"ИНН {seller.inn}", centred=True),
    ]


def _draw(sheet: Sheet, lines: list[_Line], faces: tuple[Font, Font], span: tuple[int, int], y: int) -> int:
    """Lay out receipt lines between the ``span`` edges; long left parts wrap."""
    regular, bold = faces
    left, right = span
    for line in lines:
        face = bold if line.bold else regular
        right_width = face.getlength(line.right + "  ") if line.right else 0
        wrapped = wrap(line.left, face, right - left - right_width) or [""]
        for i, text in enumerate(wrapped):
            if line.centred:
                sheet.text((left + right) / 2, y, text, face, fill=_THERMAL_INK, anchor="ms")
            else:
                sheet.text(left, y, text, face, fill=_THERMAL_INK)
            if line.right and i == len(wrapped) - 1:
                sheet.text(right, y, line.right, face, fill=_THERMAL_INK, anchor="rs")
            y += line_height(face, 1.2)
    return y


def _qr_footer(sheet: Sheet, doc: Receipt, rng: random.Random, width: int, y: int) -> int:
    """The fiscal QR, centred under most receipts (``_QR_SHARE``); returns the y below it."""
    if rng.random() >= _QR_SHARE:
        return y
    side = round(width * rng.uniform(0.38, 0.5))
    drawn = sheet.qr(_fiscal_query(doc), (width - side) // 2, y, side)
    return y + drawn


def _thermal(rng: random.Random, families: tuple[str, ...], dot: str) -> Rendered:
    """A till strip 600–800 px wide (an 80 mm roll scanned at 200–250 dpi) on slightly grey paper."""
    doc = random_receipt(rng)
    width = rng.randint(600, 800)
    family = rng.choice(families)
    x_height = rng.randint(12, 15)
    faces = (font_for_x_height(family, x_height), font_for_x_height(family, x_height, bold=True))
    sheet = Sheet(width, 4000, measured_x_height(faces[0]), paper=_PAPER)
    margin = round(width * 0.06)
    y = margin + em(faces[0])
    y = _draw(sheet, _header(doc), faces, (margin, width - margin), y)
    y = _draw(sheet, _body_lines(doc, rng, faces[0], dot), faces, (margin, width - margin), y + em(faces[0]))
    _show_fields(sheet, doc)
    y = _qr_footer(sheet, doc, rng, width, y)
    return sheet.finish(y + margin * 2)


def thermal_mono(rng: random.Random) -> Rendered:
    """The classic till printout: a monospaced font, amounts as ``=179.80``."""
    return _thermal(rng, _MONO, ".")


def thermal_narrow(rng: random.Random) -> Rendered:
    """A newer till: a narrow proportional font, amounts with a decimal comma."""
    return _thermal(rng, _NARROW, ",")


def ofd_receipt(rng: random.Random) -> Rendered:
    """An ОФД web receipt printed to paper: a heading band and label | value rows in a light table."""
    doc = random_receipt(rng)
    fiscal = doc.fiscal
    width = rng.randint(700, 820)
    family = rng.choice(_SANS)
    x_height = rng.randint(11, 13)
    face = font_for_x_height(family, x_height)
    bold = font_for_x_height(family, x_height, bold=True)
    sheet = Sheet(width, 4000, measured_x_height(face))
    margin = round(width * 0.05)
    line = line_height(face)
    sheet.draw.rectangle((0, 0, width, line * 3), fill=(230, 236, 245))
    sheet.text(margin, line * 2, f"Кассовый чек № {fiscal.receipt_number}. Приход", bold)
    y = line * 4
    currency = _currency(rng, face)
    rows = [
        ("Пользователь", doc.seller.name),
        ("ИНН пользователя", doc.seller.inn or ""),
        ("Адрес расчётов", doc.seller.address),
        ("Дата, время", f"{doc.moment:%d.%m.%Y %H:%M}"),
        ("Кассир", doc.cashier.full),
    ]
    for item in doc.items:
        quantity = f"{item.quantity:g}" if item.unit == "шт" else f"{item.quantity:.3f}"
        rows.append((item.name, f"{quantity} × {grouped(item.price)} = {grouped(item.total)}"))
    rows += [
        ("ИТОГО", f"{grouped(doc.amount)} {currency}"),
        ("Безналичными" if doc.cashless else "Наличными", grouped(doc.amount)),
        ("НДС" if doc.vat_rate is None else f"НДС {doc.vat_rate}%", "не облагается" if doc.vat_rate is None
         else grouped(doc.vat)),
        ("СНО", doc.tax_system),
        ("РН ККТ", fiscal.register_number),
        ("ФН №", fiscal.drive_number),
        ("ФД №", fiscal.document_number),
        ("ФП", fiscal.sign),
        ("Сайт ФНС", "www.nalog.gov.ru"),
    ]  # fmt: skip
    split = margin + round((width - 2 * margin) * 0.42)
    for label, value in rows:
        emphasis = bold if label == "ИТОГО" else face
        label_lines = wrap(label, face, split - margin - line // 2)
        value_lines = wrap(value, emphasis, width - margin - split)
        sheet.lines(margin, y, label_lines, face, fill=GREY)
        sheet.lines(split, y, value_lines, emphasis, fill=INK)
        y += max(len(label_lines), len(value_lines)) * line
        sheet.hline(margin, width - margin, y - line + line // 3, RULE)
    _show_fields(sheet, doc)
    y = _qr_footer(sheet, doc, rng, width, y + line)
    return sheet.finish(y + margin)


TEMPLATES: dict[str, Callable[[random.Random], Rendered]] = {
    "thermal_mono": thermal_mono,
    "thermal_narrow": thermal_narrow,
    "ofd_receipt": ofd_receipt,
}
