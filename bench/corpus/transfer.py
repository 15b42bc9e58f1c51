"""Mobile-bank transfer receipts («Чек по операции», «Квитанция о переводе»): narrow, tall phone screenshots.

Three looks: labels above values (stacked), labels left and values right (rows), and white cards on a grey
screen with "Label: value" lines. A transfer by phone number shows no account or bank identifiers.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench.corpus.content import Transfer, random_transfer
from bench.corpus.fonts import Font, font_for_x_height, measured_x_height
from bench.corpus.render import GREY, INK, RULE, WHITE, Colour, Rendered, Sheet, em, line_height, money, wrap

_WIDTH = 1080
_CANVAS_HEIGHT = 3200
_MARGIN = 64
_SANS = ("DejaVu Sans", "PT Sans", "Liberation Sans", "Roboto", "Open Sans", "Noto Sans")
_ACCENTS: tuple[Colour, ...] = ((33, 160, 56), (255, 221, 45), (239, 49, 36), (0, 40, 130), (0, 120, 200))


def _entries(doc: Transfer, rng: random.Random, *, with_kpp: bool) -> list[tuple[str, str, str | None]]:
    """(label, printed value, schema field or None) in display order, a random subset as real apps differ."""
    recipient = doc.recipient
    rows: list[tuple[str, str, str | None]] = [
        ("Операция", "Перевод по СБП" if doc.by_phone else "Перевод по реквизитам", None),
        (rng.choice(("ФИО получателя", "Получатель")), doc.recipient_name, "recipient_name"),
    ]
    if doc.by_phone:
        rows.append(("Телефон получателя", doc.phone, None))
    else:
        rows.append((rng.choice(("Счёт получателя", "Номер счёта получателя")), recipient.account, "recipient_account"))
        if recipient.inn and rng.random() < 0.85:
            rows.append(("ИНН получателя", recipient.inn, "recipient_inn"))
        if with_kpp and recipient.kpp and rng.random() < 0.6:
            rows.append(("КПП получателя", recipient.kpp, "recipient_kpp"))
    rows.append(("Банк получателя", doc.bank_name, "bank_name"))
    if not doc.by_phone:
        if rng.random() < 0.85:
            rows.append(("БИК", recipient.bank.bic, "bank_bic"))
        if rng.random() < 0.6:
            rows.append(
                (rng.choice(("Корр. счёт", "Кор. счёт банка")), recipient.bank.corr_account, "bank_corr_account")
            )
    if rng.random() < 0.85:
        rows.append((rng.choice(("ФИО отправителя", "Отправитель")), doc.payer.bank_style, "payer_name"))
    rows.append(("Счёт списания", f"•••• {doc.card_tail}", None))
    if doc.purpose:
        rows.append((rng.choice(("Назначение платежа", "Назначение")), doc.purpose, "purpose"))
    rows.append(("Комиссия", rng.choice(("0,00 руб.", "0 RUB", "Без комиссии")), None))
    rows.append((rng.choice(("Номер документа", "Номер операции")), doc.document_number, None))
    if doc.by_phone:
        rows.append(("Идентификатор операции в СБП", doc.operation_id, None))
    return rows


def _show_entry(sheet: Sheet, name: str | None, value: str) -> None:
    if name is not None:
        sheet.show(name, value)


def _show_amount(sheet: Sheet, doc: Transfer, printed: str) -> None:
    """The amount, and the currency only when its sign or code is printed next to it."""
    sheet.show("amount", f"{doc.amount:.2f}")
    if any(sign in printed for sign in ("₽", "RUB", "руб", "р.")):
        sheet.show("currency", "RUB")


def _status_bar(sheet: Sheet, doc: Transfer, face: Font) -> None:
    """The phone's status bar: screenshots keep it, and its clock is one more time on the page."""
    sheet.text(_MARGIN, 58, f"{doc.moment:%H:%M}", face)
    for i in range(4):
        x = _WIDTH - _MARGIN - 120 + i * 14
        sheet.draw.rectangle((x, 58 - 8 - i * 6, x + 8, 58), fill=INK)
    sheet.draw.rounded_rectangle((_WIDTH - _MARGIN - 52, 34, _WIDTH - _MARGIN, 58), 5, outline=INK, width=2)
    sheet.draw.rectangle((_WIDTH - _MARGIN - 48, 38, _WIDTH - _MARGIN - 14, 54), fill=INK)


def _date_text(doc: Transfer, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{doc.moment:%d.%m.%Y %H:%M:%S} (МСК)"
    return f"{doc.moment:%d.%m.%Y} в {doc.moment:%H:%M}"


def stacked_check(rng: random.Random) -> Rendered:
    """«Чек по операции»: grey labels above black values, the amount in bold."""
    doc = random_transfer(rng)
    family = rng.choice(_SANS)
    label_face = font_for_x_height(family, rng.randint(15, 17))
    value_face = font_for_x_height(family, rng.randint(19, 22))
    title_face = font_for_x_height(family, 26, bold=True)
    amount_face = font_for_x_height(family, 30, bold=True)
    sheet = Sheet(_WIDTH, _CANVAS_HEIGHT, measured_x_height(value_face), screen=True)
    _status_bar(sheet, doc, label_face)
    accent = rng.choice(_ACCENTS)
    sheet.draw.ellipse((_MARGIN, 110, _MARGIN + 96, 206), fill=accent)
    sheet.draw.line([(_MARGIN + 26, 160), (_MARGIN + 44, 178), (_MARGIN + 72, 140)], fill=WHITE, width=8)
    y = 290
    sheet.text(_MARGIN, y, rng.choice(("Чек по операции", "Квитанция о переводе")), title_face)
    y += line_height(title_face)
    when = _date_text(doc, rng)
    sheet.text(_MARGIN, y, when, label_face, fill=GREY)
    sheet.show("payment_date", doc.moment.date().isoformat())
    y += line_height(label_face) * 2
    width = _WIDTH - 2 * _MARGIN
    for label, value, name in _entries(doc, rng, with_kpp=False):
        sheet.text(_MARGIN, y, label, label_face, fill=GREY)
        y += line_height(value_face)
        y = sheet.lines(_MARGIN, y, wrap(value, value_face, width), value_face)
        _show_entry(sheet, name, value)
        y += line_height(label_face) // 2
        if label == "Банк получателя":
            y = _stacked_amount(sheet, doc, rng, y, (label_face, amount_face))
    sheet.hline(_MARGIN, _WIDTH - _MARGIN, y)
    y += line_height(label_face) * 2
    sheet.text(_MARGIN, y, "Статус: Исполнен", label_face, fill=GREY)
    return sheet.finish(y + 80)


def _stacked_amount(sheet: Sheet, doc: Transfer, rng: random.Random, y: int, faces: tuple[Font, Font]) -> int:
    label, face = faces
    sheet.text(_MARGIN, y, rng.choice(("Сумма перевода", "Сумма")), label, fill=GREY)
    y += line_height(face)
    printed = money(doc.amount, rng, face)
    sheet.text(_MARGIN, y, printed, face)
    _show_amount(sheet, doc, printed)
    return y + line_height(label) * 2


def row_receipt(rng: random.Random) -> Rendered:
    """«Квитанция о переводе»: the amount on top, then label-left / value-right rows between thin rules."""
    doc = random_transfer(rng)
    family = rng.choice(_SANS)
    label_face = font_for_x_height(family, rng.randint(16, 18))
    value_face = font_for_x_height(family, rng.randint(17, 19), bold=rng.random() < 0.3)
    title_face = font_for_x_height(family, 24, bold=True)
    amount_face = font_for_x_height(family, 36, bold=True)
    sheet = Sheet(_WIDTH, _CANVAS_HEIGHT, measured_x_height(label_face), screen=True)
    _status_bar(sheet, doc, label_face)
    y = 200
    sheet.text(_MARGIN, y, rng.choice(("Квитанция о переводе", "Квитанция № " + doc.document_number)), title_face)
    y += line_height(title_face) * 2
    printed = money(doc.amount, rng, amount_face)
    sheet.text(_WIDTH // 2, y, printed, amount_face, anchor="ms")
    _show_amount(sheet, doc, printed)
    y += line_height(label_face) * 2
    right = _WIDTH - _MARGIN
    y = _row(sheet, y, "Дата", f"{doc.moment:%d.%m.%Y %H:%M:%S}", (label_face, value_face))
    sheet.show("payment_date", doc.moment.date().isoformat())
    for label, value, name in _entries(doc, rng, with_kpp=True):
        y = _row(sheet, y, label, value, (label_face, value_face))
        _show_entry(sheet, name, value)
    y += line_height(label_face)
    for line in wrap("По вопросам зачисления обращайтесь к получателю", label_face, right - _MARGIN):
        sheet.text(_MARGIN, y, line, label_face, fill=GREY)
        y += line_height(label_face)
    return sheet.finish(y + 60)


def _row(sheet: Sheet, y: int, label: str, value: str, faces: tuple[Font, Font]) -> int:
    """One label-left, value-right row; a long value wraps right-aligned in the right 60% of the width, and
    one that would touch its label starts on the next line."""
    label_face, value_face = faces
    right = _WIDTH - _MARGIN
    value_lines = wrap(value, value_face, (right - _MARGIN) * 0.6)
    sheet.text(_MARGIN, y, label, label_face, fill=GREY)
    widest = max((value_face.getlength(line) for line in value_lines), default=0.0)
    crowded = label_face.getlength(label) + widest + em(value_face) > right - _MARGIN
    baseline = y + line_height(value_face) if crowded else y
    for line in value_lines:
        sheet.text(right, baseline, line, value_face, anchor="rs")
        baseline += line_height(value_face)
    bottom = max(baseline, y + line_height(value_face))
    sheet.hline(_MARGIN, right, bottom - line_height(value_face) // 2, RULE)
    return bottom + line_height(label_face) // 3


def card_screen(rng: random.Random) -> Rendered:
    """A grey app screen with white cards of "Label: value" lines and the amount as the heading."""
    doc = random_transfer(rng)
    family = rng.choice(_SANS)
    face = font_for_x_height(family, rng.randint(17, 20))
    bold = font_for_x_height(family, measured_x_height(face), bold=True)
    amount_face = font_for_x_height(family, 34, bold=True)
    sheet = Sheet(_WIDTH, _CANVAS_HEIGHT, measured_x_height(face), paper=(242, 243, 245), screen=True)
    _status_bar(sheet, doc, face)
    y = 190
    heading = "Перевод выполнен" if rng.random() < 0.5 else "Документ об операции"
    sheet.text(_WIDTH // 2, y, heading, bold, anchor="ms")
    y += line_height(face) * 2
    printed = money(doc.amount, rng, amount_face)
    sheet.text(_WIDTH // 2, y, printed, amount_face, anchor="ms")
    _show_amount(sheet, doc, printed)
    y += line_height(face)
    entries = _entries(doc, rng, with_kpp=True)
    when = ("Дата операции", f"{doc.moment:%d.%m.%Y %H:%M}", "payment_date")
    split = max(2, len(entries) // 2)
    for card in ([when, *entries[:split]], entries[split:]):
        y = _card(sheet, doc, card, y + 40, (face, bold))
    return sheet.finish(y + 60)


def _card(
    sheet: Sheet, doc: Transfer, entries: list[tuple[str, str, str | None]], top: int, faces: tuple[Font, Font]
) -> int:
    """A white rounded card of "Label: value" lines, the label in bold; returns its bottom."""
    face, bold = faces
    inner = _MARGIN + 32
    width = _WIDTH - 2 * inner
    lines: list[tuple[str, str]] = []
    for label, value, name in entries:
        first, *rest = wrap(f"{label}: {value}", face, width) or [""]
        lines.append((first, label))
        lines += [(line, "") for line in rest]
        if name == "payment_date":
            sheet.show(name, doc.moment.date().isoformat())
        else:
            _show_entry(sheet, name, value)
    padding = line_height(face)
    bottom = top + 2 * padding + len(lines) * line_height(face)
    sheet.draw.rounded_rectangle((_MARGIN, top, _WIDTH - _MARGIN, bottom), 24, fill=WHITE)
    y = top + padding + em(face)
    for line, label in lines:
        if label and line.startswith(label + ":"):
            width_label = sheet.text(inner, y, label + ":", bold)
            sheet.text(inner + width_label, y, line[len(label) + 1 :], face)
        else:
            sheet.text(inner, y, line, face)
        y += line_height(face)
    return bottom


TEMPLATES: dict[str, Callable[[random.Random], Rendered]] = {
    "stacked_check": stacked_check,
    "row_receipt": row_receipt,
    "card_screen": card_screen,
}
