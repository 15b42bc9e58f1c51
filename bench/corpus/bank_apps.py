"""Transfer receipts in the looks of three more banks' apps (Т-Банк, ВТБ, Альфа-Банк), beside ``transfer``'s.

Each is the sender's bank's own receipt, so each names a second bank that is not the recipient's: the brand at the
top, the sender's bank in a footer or in the «ИСПОЛНЕНО» stamp with its БИК. A transfer by phone number has no
recipient БИК at all, so the stamp's БИК is the only one on the page. Amounts are printed as these apps do: a whole
sum without kopecks («1 500 ₽»), the total headed «Итого».

- ``tbank_receipt``: a PDF receipt, the amount under «Итого» on top, label-left / value-right rows, the support
  line and the bank's requisites at the bottom.
- ``vtb_receipt``: a phone screen with a blue header, grey labels above values, and a blue stamp.
- ``alfa_receipt``: a PDF «Квитанция» with a red mark, a ruled two-column table and the bank's stamp.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from bench.corpus.content import REAL_BANKS, Bank, Transfer, random_transfer
from bench.corpus.fonts import Font, font_for_x_height, has_glyphs, measured_x_height
from bench.corpus.render import GREY, INK, RULE, WHITE, Colour, Rendered, Sheet, date_words, em, line_height, wrap

Row = tuple[str, str, str | None]
"""(label, printed value, schema field or None)."""

_TBANK = next(bank for bank in REAL_BANKS if "ТБанк" in bank.name)
_VTB = next(bank for bank in REAL_BANKS if "ВТБ" in bank.name)
_ALFA = next(bank for bank in REAL_BANKS if "Альфа" in bank.name)
_STAMP_BLUE: Colour = (30, 60, 160)


def app_money(amount: Decimal, face: Font, rng: random.Random) -> str:
    """«1 500 ₽» for a whole sum, «1 500,50 ₽» otherwise; «руб.» where the face lacks the rouble sign."""
    whole, fraction = f"{amount:.2f}".split(".")
    number = f"{int(whole):,}".replace(",", " ")
    if fraction != "00" or rng.random() < 0.3:
        number += "," + fraction
    return f"{number} {'₽' if has_glyphs(face, '₽') else 'руб.'}"


def _show(sheet: Sheet, rows: list[Row]) -> None:
    for _, value, name in rows:
        if name is not None:
            sheet.show(name, value)


def _show_amount(sheet: Sheet, doc: Transfer) -> None:
    sheet.show("amount", f"{doc.amount:.2f}")
    sheet.show("currency", "RUB")


def _party_rows(doc: Transfer, rng: random.Random) -> list[Row]:
    """Who was paid and where: by phone the phone and the bank, by requisites the account, ИНН, КПП, БИК, к/с."""
    recipient = doc.recipient
    rows: list[Row] = [("Получатель", doc.recipient_name, "recipient_name")]
    if doc.by_phone:
        rows.append(("Телефон получателя", doc.phone, None))
        rows.append(("Банк получателя", doc.bank_name, "bank_name"))
        return rows
    rows.append((rng.choice(("Счёт получателя", "Номер счёта")), recipient.account, "recipient_account"))
    if recipient.inn:
        rows.append(("ИНН получателя", recipient.inn, "recipient_inn"))
    if recipient.kpp and rng.random() < 0.7:
        rows.append(("КПП получателя", recipient.kpp, "recipient_kpp"))
    rows.append(("Банк получателя", doc.bank_name, "bank_name"))
    rows.append(("БИК банка получателя", recipient.bank.bic, "bank_bic"))
    if rng.random() < 0.7:
        rows.append(("Корр. счёт", recipient.bank.corr_account, "bank_corr_account"))
    return rows


def _stamp(sheet: Sheet, bank: Bank, lines: list[str], centre: tuple[int, int], face: Font) -> int:
    """The sender's bank's «ИСПОЛНЕНО» stamp, a double blue frame; returns its bottom."""
    text = [bank.name, f"БИК {bank.bic}", *lines]
    width = max(round(face.getlength(line)) for line in text) + em(face) * 3
    height = len(text) * line_height(face) + em(face) * 2
    x, y = centre[0] - width // 2, centre[1]
    sheet.frame((x, y, x + width, y + height), _STAMP_BLUE, 3)
    sheet.frame((x + 6, y + 6, x + width - 6, y + height - 6), _STAMP_BLUE, 1)
    sheet.lines(centre[0], y + em(face) + em(face), text, face, fill=_STAMP_BLUE, anchor="ms")
    return y + height


def tbank_receipt(rng: random.Random) -> Rendered:
    """Т-Банк's PDF «Квитанция»: brand and moment on top, «Итого» with the amount, rows, support and requisites."""
    doc = random_transfer(rng)
    family = rng.choice(("Roboto", "Open Sans", "Noto Sans", "PT Sans", "DejaVu Sans"))
    width = rng.randint(1000, 1240)
    margin = round(width * 0.08)
    face = font_for_x_height(family, rng.randint(14, 17))
    big = font_for_x_height(family, round(measured_x_height(face) * 1.8), bold=True)
    sheet = Sheet(width, 3200, measured_x_height(face))
    right = width - margin
    y = margin + em(big)
    sheet.draw.rounded_rectangle((margin, y - em(big), margin + em(big), y), 8, fill=(255, 221, 45))
    sheet.text(margin + em(big) * 1.4, y, "Т-Банк", big)
    sheet.text(right, y, f"{doc.moment:%d.%m.%Y  %H:%M:%S}", face, fill=GREY, anchor="rs")
    sheet.show("payment_date", doc.moment.date().isoformat())
    y += line_height(big) * 2
    printed = app_money(doc.amount, big, rng)
    sheet.text(margin, y, "Итого", big)
    sheet.text(right, y, printed, big, anchor="rs")
    _show_amount(sheet, doc)
    y += line_height(face)
    sheet.hline(margin, right, y, INK, 2)
    y += line_height(face) * 2
    kind = "По номеру телефона" if doc.by_phone else rng.choice(("По реквизитам", "Перевод по реквизитам"))
    rows: list[Row] = [
        ("Перевод", kind, None),
        ("Статус", "Успешно", None),
        ("Сумма", app_money(doc.amount, face, rng), None),
        ("Комиссия", "Без комиссии", None),
        ("Отправитель", f"{doc.payer.name} {doc.payer.surname}", "payer_name"),
        *_party_rows(doc, rng),
        ("Счет списания", f"*{doc.card_tail}", None),
    ]
    if doc.purpose:
        rows.append(("Назначение платежа" if not doc.by_phone else "Сообщение", doc.purpose, "purpose"))
    if doc.by_phone:
        rows.append(("Идентификатор операции", doc.operation_id, None))
    number = "-".join((doc.document_number[:1], doc.document_number[1:3], doc.document_number[3:6]))
    rows.append(("Квитанция №", f"1-{number}-{doc.card_tail}", None))
    for label, value, _ in rows:
        y = _label_value_row(sheet, (margin, right), y, (label, value), (face, face))
    _show(sheet, rows)
    y += line_height(face)
    sheet.hline(margin, right, y, RULE)
    y += line_height(face) * 2
    for line in ("По вопросам зачисления обращайтесь к получателю", "Служба поддержки: в чате приложения"):
        sheet.text(margin, y, line, face, fill=GREY)
        y += line_height(face)
    y += line_height(face)
    small = font_for_x_height(family, max(10, measured_x_height(face) - 3))
    footer = f"{_TBANK.name}, БИК {_TBANK.bic}, к/с {_TBANK.corr_account}. Универсальная лицензия Банка России"
    y = sheet.lines(margin, y, wrap(footer, small, right - margin), small, fill=GREY)
    if rng.random() < 0.5:
        y = _stamp(sheet, _TBANK, ["ИСПОЛНЕНО", f"{doc.moment:%d.%m.%Y}"], (right - width // 5, y), small)
    return sheet.finish(y + margin)


def _label_value_row(
    sheet: Sheet, span: tuple[int, int], y: int, row: tuple[str, str], faces: tuple[Font, Font]
) -> int:
    """A grey label on the left, the value pushed right (wrapping in the right half); returns the next baseline."""
    label_face, value_face = faces
    left, right = span
    label, value = row
    sheet.text(left, y, label, label_face, fill=GREY)
    lines = wrap(value, value_face, (right - left) * 0.55)
    for line in lines:
        sheet.text(right, y, line, value_face, anchor="rs")
        y += line_height(value_face)
    return y + line_height(label_face) // 2


def vtb_receipt(rng: random.Random) -> Rendered:
    """ВТБ Онлайн's screen: a blue header with the title, the amount, grey labels above values, a blue stamp."""
    doc = random_transfer(rng)
    family = rng.choice(("Roboto", "Open Sans", "Noto Sans", "PT Sans", "Liberation Sans"))
    width = 1080
    margin = 56
    label_face = font_for_x_height(family, rng.randint(15, 17))
    value_face = font_for_x_height(family, rng.randint(19, 21))
    title = font_for_x_height(family, 24, bold=True)
    amount_face = font_for_x_height(family, 32, bold=True)
    sheet = Sheet(width, 3400, measured_x_height(label_face), screen=True)
    blue: Colour = (0, 40, 130)
    sheet.draw.rectangle((0, 0, width, 230), fill=blue)
    sheet.text(margin, 110, "ВТБ", title, fill=WHITE)
    heading = "Перевод по СБП" if doc.by_phone else rng.choice(("Перевод по реквизитам", "Платёж по реквизитам"))
    sheet.text(margin, 190, heading, title, fill=WHITE)
    y = 330
    printed = app_money(doc.amount, amount_face, rng)
    sheet.text(margin, y, printed, amount_face)
    _show_amount(sheet, doc)
    sheet.draw.rounded_rectangle((right_edge := width - margin - 220, y - 40, width - margin, y + 6), 20,
                                 fill=(220, 240, 225))  # fmt: skip
    sheet.text(right_edge + 110, y - 6, "Исполнено", label_face, fill=(20, 120, 50), anchor="ms")
    y += line_height(amount_face) * 2
    when = (
        f"{date_words(doc.moment.date())} в {doc.moment:%H:%M}"
        if rng.random() < 0.5
        else f"{doc.moment:%d.%m.%Y %H:%M}"
    )
    rows: list[Row] = [
        ("Дата и время операции", when, None),
        ("Отправитель", doc.payer.bank_style, "payer_name"),
        ("Счёт списания", f"Мастер-счёт в рублях •{doc.card_tail}", None),
        *_party_rows(doc, rng),
    ]
    if doc.purpose:
        rows.append(("Сообщение получателю" if doc.by_phone else "Назначение платежа", doc.purpose, "purpose"))
    rows.append(("Комиссия", app_money(Decimal(0), value_face, rng), None))
    if doc.by_phone:
        rows.append(("ID операции в СБП", doc.operation_id, None))
    rows.append(("Номер операции", doc.document_number, None))
    for label, value, _ in rows:
        sheet.text(margin, y, label, label_face, fill=GREY)
        y += line_height(value_face)
        y = sheet.lines(margin, y, wrap(value, value_face, width - 2 * margin), value_face)
        y += line_height(label_face) // 3
        sheet.hline(margin, width - margin, y - line_height(label_face) // 2, RULE)
        y += line_height(label_face) // 2
    sheet.show("payment_date", doc.moment.date().isoformat())
    _show(sheet, rows)
    y += line_height(label_face)
    y = _stamp(sheet, _VTB, ["ИСПОЛНЕНО", f"{doc.moment:%d.%m.%Y}"], (width // 2, y), label_face)
    return sheet.finish(y + 80)


def alfa_receipt(rng: random.Random) -> Rendered:
    """Альфа-Банк's PDF «Квитанция»: a red mark, a ruled two-column table, the bank's line and stamp."""
    doc = random_transfer(rng)
    family = rng.choice(("Roboto", "Open Sans", "Carlito", "Noto Sans", "FreeSans", "Liberation Sans"))
    width = rng.randint(1100, 1400)
    margin = round(width * 0.07)
    face = font_for_x_height(family, rng.randint(13, 16))
    bold = font_for_x_height(family, measured_x_height(face), bold=True)
    title = font_for_x_height(family, round(measured_x_height(face) * 1.6), bold=True)
    sheet = Sheet(width, 3000, measured_x_height(face))
    right = width - margin
    red: Colour = (239, 49, 36)
    y = margin + em(title)
    sheet.draw.rectangle((margin, y - em(title), margin + em(title), y), fill=red)
    sheet.text(margin + em(title) // 2, y - 4, "А", title, fill=WHITE, anchor="ms")
    sheet.text(margin + em(title) * 1.5, y, "Альфа-Банк", title)
    y += line_height(title) * 2
    heading = "Квитанция о переводе по номеру телефона" if doc.by_phone else "Квитанция о переводе по реквизитам"
    sheet.text(margin, y, heading, title)
    y += line_height(title)
    when = f"{doc.moment:%d.%m.%Y %H:%M:%S} мск"
    rows: list[Row] = [
        ("Дата и время перевода", when, None),
        ("Номер операции", "C" + doc.document_number, None),
        ("Сумма перевода", app_money(doc.amount, face, rng), None),
        ("Комиссия", app_money(Decimal(0), face, rng), None),
        ("Счёт списания", f"40817810••••••••{doc.card_tail}", None),
        ("Отправитель", doc.payer.full, "payer_name"),
        *_party_rows(doc, rng),
    ]
    if doc.purpose:
        rows.append(("Сообщение" if doc.by_phone else "Назначение платежа", doc.purpose, "purpose"))
    if doc.by_phone:
        rows.append(("Идентификатор платежа СБП", doc.operation_id, None))
    split = margin + round((right - margin) * 0.4)
    pad = line_height(face) // 2
    sheet.hline(margin, right, y, RULE)
    for label, value, _ in rows:
        label_lines = wrap(label, bold, split - margin - pad)
        value_lines = wrap(value, face, right - split - pad)
        sheet.lines(margin, y + pad + em(face), label_lines, bold)
        sheet.lines(split, y + pad + em(face), value_lines, face)
        y += 2 * pad + max(len(label_lines), len(value_lines)) * line_height(face)
        sheet.hline(margin, right, y, RULE)
    sheet.show("payment_date", doc.moment.date().isoformat())
    _show_amount(sheet, doc)
    _show(sheet, rows)
    y += line_height(face) * 2
    footer = f"{_ALFA.name.upper()}, БИК {_ALFA.bic}, к/с {_ALFA.corr_account}"
    y = sheet.lines(margin, y, wrap(footer, face, right - margin), face, fill=GREY)
    y += line_height(face)
    y = _stamp(sheet, _ALFA, ["ИСПОЛНЕНО", f"{doc.moment:%d.%m.%Y}"], (right - width // 5, y), face)
    return sheet.finish(y + margin)


TEMPLATES: dict[str, Callable[[random.Random], Rendered]] = {
    "tbank_receipt": tbank_receipt,
    "vtb_receipt": vtb_receipt,
    "alfa_receipt": alfa_receipt,
}
