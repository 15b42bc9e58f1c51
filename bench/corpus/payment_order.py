"""The платёжное поручение (form 0401060 of the Bank of Russia's rules, Положение 762-П): a payer's order to its
bank, as an online bank prints it once executed.

Its document type is ``bank_transfer``: the schema's bank_transfer covers "a bank's transfer confirmation or payment
order"; it is neither a bill (nobody is asked to pay) nor a cash receipt. The form is a trap-rich page for a parser
that reads positions rather than labels:

- the payer's block (ИНН, КПП, name, account, bank, БИК, к/с) comes first, above the recipient's, with the same
  labels («ИНН», «КПП», «Сч. №», «БИК»);
- the amount in figures is written by the rules' field 7 convention, roubles and kopecks split by a dash («1234-56»)
  or a whole sum followed by «=» («1234=»), and in words in field 6;
- the purpose (field 24) repeats the sum and names the VAT in it («в т.ч. НДС (20%) 205-76»);
- the payer's bank stamps it («ИСПОЛНЕНО», its name, БИК and the date), a second bank on the page that is not the
  recipient's;
- a tax paid as the единый налоговый платёж goes to the treasury: a казначейский счёт (03…, no key) at a treasury
  office's БИК, with its ЕКС (40102…) where a bank's к/с stands, and the budget fields 101 and 104-110 filled.

The fields are placed where the rules number them; the numbers are not printed, as on real forms.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from bench.corpus.content import (
    Bank,
    Recipient,
    amount_in_words,
    random_amount,
    random_moment,
    random_organisation,
    vat_part,
)
from bench.corpus.invoice import _a4, _Page, _page, _sheet
from bench.corpus.render import INK, Colour, Rendered, Sheet, em, line_height, wrap

_FAMILIES = ("Liberation Serif", "Liberation Sans", "DejaVu Sans", "PT Serif", "Noto Serif", "FreeSerif", "Carlito",
             "Open Sans")  # fmt: skip
_STAMP: Colour = (40, 70, 170)
_BANK_CITIES = {
    "45": "г. Москва", "40": "г. Санкт-Петербург", "52": "г. Омск", "65": "г. Екатеринбург", "57": "г. Пермь",
    "36": "г. Самара", "60": "г. Ростов-на-Дону", "80": "г. Уфа", "92": "г. Казань", "73": "г. Ульяновск",
    "75": "г. Челябинск", "50": "г. Новосибирск", "35": "г. Симферополь",
}  # fmt: skip
"""БИК digits 3-4 (the region's ОКАТО code) → the city a payment order prints after the bank's name."""
_PAYMENT_KINDS = ("", "", "электронно", "срочно")
_TAX_SHARE = 0.25
_TREASURY = Recipient(
    name="Казначейство России (ФНС России)",
    inn="7727406020",
    kpp="770801001",
    account="03100643000000018500",
    bank=Bank("ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула", "017003983", "40102810445370000059"),
    address="",
)
"""Where every единый налоговый платёж goes since 2023, as the tax service publishes it (public requisites of the
state, the same on every taxpayer's order; `tests/model/test_treasury.py` checks them against the БИК directory)."""
_TAX_BUDGET_FIELDS = ("18201061201010000510", "0", "0", "0", "0", "0", "")
"""Fields 104-110 of an ЕНП order: its КБК, ОКТМО 0, and zeros where the tax's period and basis were."""
_PURPOSES = (
    "Оплата по счёту № {n} от {d}", "Оплата по счету № {n} от {d} за товар", "Оплата по договору № {n}/{y} от {d}",
    "Оплата услуг по договору № {n} от {d}", "Арендная плата по договору № {n} от {d}",
    "Предоплата по счёту № {n} от {d}",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Order:
    payer: Recipient
    recipient: Recipient
    number: int
    amount: Decimal
    purpose: str
    executed: bool
    budget: tuple[str, ...] = ()
    """Fields 101 and 104-110 of a budget payment (status, КБК, ОКТМО…); empty for a payment to a company."""


def bank_place(bank: Bank) -> str:
    """Field 10/13: the bank's name and its city, as the Bank of Russia's directory gives them; a treasury office's
    name («…//УФК по Тульской области г. Тула») already ends with its city."""
    if "//" in bank.name:
        return bank.name
    return f"{bank.name} {_BANK_CITIES.get(bank.bic[2:4], 'г. Москва')}"


def figures(amount: Decimal) -> str:
    """Field 7: ``1234.56`` → ``1234-56``, a whole ``1234.00`` → ``1234=``."""
    roubles, kopecks = f"{amount:.2f}".split(".")
    return f"{roubles}=" if kopecks == "00" else f"{roubles}-{kopecks}"


def _random_order(rng: random.Random) -> tuple[_Order, str]:
    """An order between two organisations (or ИП); returns it and its date as printed (``dd.mm.yyyy``)."""
    moment = random_moment(rng)
    payer = random_organisation(rng, upper=rng.random() < 0.3)
    recipient = random_organisation(rng, upper=rng.random() < 0.3)
    amount = random_amount(rng, 100, 2_000_000)
    rate = rng.choice((20, 20, 10, None))
    vat = "НДС не облагается" if rate is None else f"в т.ч. НДС ({rate}%) {figures(vat_part(amount, rate))}"
    earlier = moment - timedelta(days=rng.randint(0, 30))
    basis = rng.choice(_PURPOSES).format(n=rng.randint(1, 999), d=f"{earlier:%d.%m.%Y}", y=earlier.year)
    purpose = f"{basis}. Сумма {figures(amount)}, {vat}"
    order = _Order(payer, recipient, rng.randint(1, 9999), amount, purpose, executed=rng.random() < 0.7)
    if rng.random() < _TAX_SHARE and moment.year >= 2023:  # the единый налоговый платёж began in 2023
        budget = ("01", *_TAX_BUDGET_FIELDS)
        order = replace(order, recipient=_TREASURY, purpose="Единый налоговый платеж", budget=budget)
    return order, f"{moment:%d.%m.%Y}"


class _Grid:
    """Column edges of the form: the name cells, the label column («Сумма», «Сч. №», «БИК») and the values."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.left = page.margin
        self.half = page.margin + round(page.span * 0.28)
        self.label = page.margin + round(page.span * 0.56)
        self.value = page.margin + round(page.span * 0.66)
        self.right = page.right
        self.pad = page.line // 3


def _caption_underline(sheet: Sheet, page: _Page, span: tuple[int, int], y: int, texts: tuple[str, str]) -> None:
    """A value written above a short rule with its caption in small type under it (fields 4, 5, 62, 71)."""
    x0, x1 = span
    value, caption = texts
    if value:
        sheet.text((x0 + x1) / 2, y - page.line // 4, value, page.body, anchor="ms")
    sheet.hline(x0, x1, y, INK)
    sheet.text((x0 + x1) / 2, y + em(page.small) + 2, caption, page.small, anchor="ms")


def _header(sheet: Sheet, page: _Page, order: _Order, date: str, rng: random.Random) -> int:
    """Fields 62 and 71 (the bank's dates), 2 (form code), 101, then 1, 3, 4, 5; returns the y below."""
    grid = _Grid(page)
    y = page.margin + page.line * 2
    stamp_date = date if order.executed else ""
    box = round(page.span * 0.2)
    _caption_underline(sheet, page, (grid.left, grid.left + box), y, (stamp_date, "Поступ. в банк плат."))
    second = grid.left + box + page.line
    _caption_underline(sheet, page, (second, second + box), y, (stamp_date, "Списано со сч. плат."))
    code_width = round(page.span * 0.12)
    sheet.frame((grid.right - code_width, y - page.line, grid.right, y + page.line // 3), INK)
    sheet.text(grid.right - code_width / 2, y - page.line // 6, "0401060", page.body, anchor="ms")
    status = grid.right - code_width - page.line
    sheet.frame((status - page.line * 2, y - page.line, status, y + page.line // 3), INK)
    if order.budget:
        sheet.text(status - page.line, y - page.line // 6, order.budget[0], page.body, anchor="ms")
    y += page.line * 3
    title = f"ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № {order.number}"
    sheet.text(grid.left, y, title, page.title)
    after = grid.left + round(page.title.getlength(title)) + page.line * 2
    width = round(page.span * 0.16)
    _caption_underline(sheet, page, (after, after + width), y, (date, "Дата"))
    kind = after + width + page.line
    _caption_underline(sheet, page, (kind, kind + width), y, (rng.choice(_PAYMENT_KINDS), "Вид платежа"))
    sheet.show("payment_date", f"{date[6:]}-{date[3:5]}-{date[:2]}")
    return y + page.line * 2


def _words(order: _Order, rng: random.Random) -> str:
    """Field 6: roubles in words with a capital, kopecks in figures; a whole sum may leave the kopecks out."""
    words = amount_in_words(order.amount)
    if order.amount == order.amount.quantize(Decimal(1)) and rng.random() < 0.5:
        words = words.rsplit(" 00 ", 1)[0]
    return words


def _sum_in_words(sheet: Sheet, page: _Page, order: _Order, top: int, rng: random.Random) -> int:
    grid = _Grid(page)
    label_right = grid.left + round(page.span * 0.1)
    lines = wrap(_words(order, rng), page.body, grid.right - label_right - 2 * grid.pad)
    bottom = top + 2 * grid.pad + max(2, len(lines)) * page.line
    sheet.lines(grid.left, top + grid.pad + em(page.body), ["Сумма", "прописью"], page.body)
    sheet.lines(label_right + grid.pad, top + grid.pad + em(page.body), lines, page.body)
    sheet.vline(label_right, top, bottom, INK)
    sheet.hline(grid.left, grid.right, bottom, INK)
    sheet.show("currency", "RUB")
    return bottom


def _inn_kpp_row(sheet: Sheet, grid: _Grid, party: Recipient, top: int, cell: tuple[str, str]) -> int:
    """ИНН | КПП | label | value (fields 60/102 with 7 for the payer, 61/103 with 17 for the recipient)."""
    page = grid.page
    label, value = cell
    baseline = top + grid.pad + em(page.body)
    sheet.text(grid.left + grid.pad, baseline, f"ИНН {party.inn}" if party.inn else "ИНН", page.body)
    sheet.text(grid.half + grid.pad, baseline, f"КПП {party.kpp}" if party.kpp else "КПП", page.body)
    sheet.text(grid.label + grid.pad, baseline, label, page.body)
    sheet.text(grid.value + grid.pad, baseline, value, page.body)
    bottom = top + 2 * grid.pad + page.line
    sheet.vline(grid.half, top, bottom, INK)
    sheet.hline(grid.left, grid.label, bottom, INK)
    return bottom


def _named_cell(sheet: Sheet, grid: _Grid, top: int, texts: tuple[str, str], rows: int = 3) -> int:
    """A name cell (payer, bank, recipient) with its caption at the bottom; returns its bottom."""
    page = grid.page
    text, caption = texts
    lines = wrap(text, page.body, grid.label - grid.left - 2 * grid.pad)
    bottom = top + 2 * grid.pad + max(rows, len(lines) + 1) * page.line
    sheet.lines(grid.left + grid.pad, top + grid.pad + em(page.body), lines, page.body)
    sheet.text(grid.left + grid.pad, bottom - grid.pad - page.line // 4, caption, page.body)
    return bottom


def _bank_rows(sheet: Sheet, grid: _Grid, bank: Bank, top: int, caption: str) -> int:
    """Fields 10-12 or 13-15: the bank and its city | БИК over Сч. № | the БИК over the к/с."""
    page = grid.page
    bottom = _named_cell(sheet, grid, top, (bank_place(bank), caption))
    first = top + grid.pad + em(page.body)
    second = first + page.line + 2 * grid.pad
    sheet.text(grid.label + grid.pad, first, "БИК", page.body)
    sheet.text(grid.value + grid.pad, first, bank.bic, page.body)
    sheet.text(grid.label + grid.pad, second, "Сч. №", page.body)
    sheet.text(grid.value + grid.pad, second, bank.corr_account, page.body)
    sheet.hline(grid.label, grid.right, top + 2 * grid.pad + page.line, INK)
    sheet.hline(grid.left, grid.right, bottom, INK)
    return bottom


def _grid(sheet: Sheet, page: _Page, order: _Order, top: int) -> int:
    """Fields 60, 102, 7, 8, 9, 10-15, 61, 103, 17, 16, 18-23: the two parties and their banks."""
    grid = _Grid(page)
    payer, recipient = order.payer, order.recipient
    y = _inn_kpp_row(sheet, grid, payer, top, ("Сумма", figures(order.amount)))
    sheet.show("amount", f"{order.amount:.2f}")
    payer_bottom = _named_cell(sheet, grid, y, (payer.name, "Плательщик"))
    sum_bottom = y + grid.pad * 2 + page.line
    sheet.text(grid.label + grid.pad, sum_bottom + grid.pad + em(page.body), "Сч. №", page.body)
    sheet.text(grid.value + grid.pad, sum_bottom + grid.pad + em(page.body), payer.account, page.body)
    sheet.hline(grid.left, grid.right, payer_bottom, INK)
    sheet.show("payer_name", payer.name)
    y = _bank_rows(sheet, grid, payer.bank, payer_bottom, "Банк плательщика")
    y = _bank_rows(sheet, grid, recipient.bank, y, "Банк получателя")
    sheet.show("bank_name", bank_place(recipient.bank))
    sheet.show("bank_bic", recipient.bank.bic)
    sheet.show("bank_corr_account", recipient.bank.corr_account)
    y = _inn_kpp_row(sheet, grid, recipient, y, ("Сч. №", recipient.account))
    for name, value in (("recipient_inn", recipient.inn), ("recipient_kpp", recipient.kpp)):
        if value:
            sheet.show(name, value)
    sheet.show("recipient_account", recipient.account)
    recipient_top = y
    y = _named_cell(sheet, grid, y, (recipient.name, "Получатель"), rows=4)
    sheet.show("recipient_name", recipient.name)
    _operation_cells(sheet, grid, recipient_top, y)
    sheet.hline(grid.left, grid.right, y, INK)
    for x in (grid.label, grid.value):
        sheet.vline(x, top, y, INK)
    sheet.frame((grid.left, top, grid.right, y), INK)
    return y


def _operation_cells(sheet: Sheet, grid: _Grid, top: int, bottom: int) -> None:
    """Fields 18-23 beside the recipient: Вид оп. 01, Срок плат., Наз. пл., Очер. плат. 5, Код, Рез. поле."""
    page = grid.page
    inner = grid.value + round((grid.right - grid.value) * 0.3)
    value = inner + round((grid.right - grid.value) * 0.4)
    row = (bottom - top) // 3
    for i, (left, right) in enumerate((("Вид оп.", "Срок плат."), ("Наз. пл.", "Очер. плат."), ("Код", "Рез. поле"))):
        baseline = top + i * row + grid.pad + em(page.small)
        sheet.text(grid.label + grid.pad, baseline, left, page.small)
        sheet.text(inner + grid.pad, baseline, right, page.small)
        if i:
            sheet.hline(grid.label, grid.right, top + i * row, INK)
    sheet.text(grid.value + grid.pad, top + grid.pad + em(page.body), "01", page.body)
    sheet.text(value + grid.pad, top + row + grid.pad + em(page.body), "5", page.body)
    for x in (inner, value):
        sheet.vline(x, top, bottom, INK)


def _purpose(sheet: Sheet, page: _Page, order: _Order, top: int) -> int:
    """Fields 104-110 (empty: not a budget payment), then 24, the purpose, captioned under it."""
    grid = _Grid(page)
    shares = (0.28, 0.16, 0.08, 0.12, 0.12, 0.14)
    x = grid.left
    bottom = top + 2 * grid.pad + page.line
    values = order.budget[1:] if order.budget else ("",) * (len(shares) + 1)
    for share, value in zip((*shares, 1 - sum(shares)), values, strict=True):
        if value:
            sheet.text(x + grid.pad, top + grid.pad + em(page.body), value, page.body)
        x += round(page.span * share)
        sheet.vline(x, top, bottom, INK)
    sheet.hline(grid.left, grid.right, bottom, INK)
    lines = wrap(order.purpose, page.body, page.span - 2 * grid.pad)
    y = sheet.lines(grid.left + grid.pad, bottom + grid.pad + em(page.body), lines, page.body)
    sheet.show("purpose", order.purpose)
    sheet.text(grid.left + grid.pad, y + page.line // 2, "Назначение платежа", page.body)
    y += page.line
    sheet.hline(grid.left, grid.right, y, INK, 2)
    return y


def _signatures(sheet: Sheet, page: _Page, order: _Order, top: int, date: str) -> int:
    """Fields 43-45: М.П., two signature lines, and the payer's bank's stamp when the order was executed."""
    grid = _Grid(page)
    y = top + page.line
    middle = grid.left + page.span // 2
    sheet.text(middle - page.span // 4, y, "Подписи", page.body, anchor="ms")
    sheet.text(grid.right - page.span // 4, y, "Отметки банка", page.body, anchor="ms")
    y += page.line * 3
    sheet.text(grid.left, y, "М.П.", page.body)
    for row in range(2):
        baseline = y + row * page.line * 2
        sheet.hline(grid.half, middle - page.line, baseline, INK)
    if order.executed:
        bank = order.payer.bank
        lines = [bank.name, f"БИК {bank.bic}", "ИСПОЛНЕНО", date]
        width = max(round(page.small.getlength(line)) for line in lines) + page.line * 2
        left = grid.right - width - page.line
        top = y - page.line * 2
        box = (left, top, left + width, top + len(lines) * line_height(page.small) + page.line)
        sheet.frame(box, _STAMP, 3)
        sheet.lines(left + width // 2, box[1] + page.line // 2 + em(page.small), lines, page.small, fill=_STAMP,
                    anchor="ms")  # fmt: skip
        return max(box[3], y + page.line * 2)
    return y + page.line * 2


def payment_order(rng: random.Random) -> Rendered:
    """The form 0401060 as an online bank prints it: dates, the two parties, the amount in figures and words."""
    order, date = _random_order(rng)
    page = _page(rng, _FAMILIES)
    sheet = _sheet(page)
    y = _header(sheet, page, order, date, rng)
    y = _sum_in_words(sheet, page, order, y, rng)
    y = _grid(sheet, page, order, y)
    y = _purpose(sheet, page, order, y)
    y = _signatures(sheet, page, order, y, date)
    return sheet.finish(_a4(page, y + page.margin))


TEMPLATES: dict[str, Callable[[random.Random], Rendered]] = {"payment_order": payment_order}
