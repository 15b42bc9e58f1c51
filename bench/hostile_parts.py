"""The parts the hostile check's pages are drawn from (``bench.hostile``, ``bench.hostile_second``): the truth a page
knows, the page, a party with its bank, and the rows every kind of document prints them in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from bench.layouts import requisites as rq


@dataclass
class Truth:
    """What the page says is paid: ``None`` where the page prints no such value of the recipient's."""

    recipient_name: str
    recipient_inn: str | None
    recipient_kpp: str | None
    recipient_account: str | None
    bank: rq.Bank | None
    amount: Decimal
    payment_date: date | None
    fiscal_drive_number: str | None = None
    fiscal_document_number: str | None = None
    fiscal_sign: str | None = None

    def value(self, name: str) -> str | None:
        if name == "bank_bic":
            return self.bank.bic if self.bank else None
        if name == "bank_corr_account":
            return self.bank.corr_account if self.bank else None
        if name == "bank_name":
            return self.bank.name if self.bank else None
        if name == "amount":
            return f"{self.amount:.2f}"
        if name == "payment_date":
            return self.payment_date.isoformat() if self.payment_date else None
        value: str | None = getattr(self, name)
        return value


@dataclass
class Page:
    """One drawn document: its kind (``CLASSES``), how it is arranged, its first page's lines and its truth.
    ``columns``: the rows of a side-by-side table as (left, right) cells, which ``ocr_lines`` lays out as OCR gives
    them. ``qr_codes``: the payloads of the QR codes printed on it, as zxing decodes them; ``more_pages``: the lines
    of its further pages, which ``model.pipeline`` reads one by one into one set of readings."""

    kind: str
    arrangement: str
    lines: list[str]
    truth: Truth
    columns: dict[int, tuple[str, str]] = field(default_factory=dict)
    qr_codes: list[bytes] = field(default_factory=list)
    more_pages: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class Side:
    """A party with its own bank and account: every party of these pages could be paid."""

    party: rq.Party
    bank: rq.Bank
    account: str


def side(rng: random.Random, sole_trader: bool | None = None) -> Side:
    party = rq.organisation(rng, sole_trader)
    bank = rq.bank(rng)
    return Side(party, bank, rq.account(rng, bank.bic, "40802" if party.kpp is None else "40702"))


def day(rng: random.Random) -> date:
    """A day before the check's «today» (a payment dated later is rightly invalid)."""
    return date(2025, 1, 1) + timedelta(days=rng.randrange(690))


def ids(rng: random.Random, party: rq.Party, suffix: str = "") -> list[str]:
    """A party's ИНН and КПП as rows: apart, on one line, or joined «ИНН/КПП …/…»."""
    if party.kpp is None:
        return [f"ИНН{suffix} {party.inn}"]
    way = rng.randrange(3)
    if way == 0:
        return [f"ИНН{suffix} {party.inn}", f"КПП{suffix} {party.kpp}"]
    if way == 1:
        return [f"ИНН{suffix} {party.inn} КПП{suffix} {party.kpp}"]
    return [f"ИНН/КПП{suffix} {party.inn}/{party.kpp}"]


def bank_rows(rng: random.Random, side: Side, suffix: str = "") -> list[str]:
    """A party's account and bank as rows: one requisite a row, or «р/с … в …» and «БИК …, к/с …»."""
    bank = side.bank
    if rng.random() < 0.5:
        account_label = rng.choice(("Р/с", "Расчётный счёт", "Счёт", "р/сч"))
        return [
            f"{account_label}{suffix} {side.account}",
            f"Банк{suffix} {rq.bank_printed(rng, bank)}",
            f"БИК{suffix} {bank.bic}",
            f"{rng.choice(('К/с', 'Корр. счёт', 'Кор/сч'))}{suffix} {bank.corr_account}",
        ]
    return [f"р/с {side.account} в {bank.name}", f"БИК {bank.bic}, к/с {bank.corr_account}"]


def vat_lines(rng: random.Random, total: Decimal) -> list[str]:
    """The sums an invoice prints around its total: before VAT, the VAT, a discount, the total due."""
    vat = (total / 6).quantize(Decimal("0.01"))
    way = rng.randrange(3)
    if way == 0:
        return [f"Итого: {rq.money(rng, total)}", f"В том числе НДС (20%): {rq.money(rng, vat)}",
                f"Всего к оплате: {rq.money(rng, total)}"]  # fmt: skip
    if way == 1:
        return [f"Итого без НДС: {rq.money(rng, total - vat)}", f"НДС 20%: {rq.money(rng, vat)}",
                f"Итого с НДС: {rq.money(rng, total)}"]  # fmt: skip
    discount = Decimal(rng.randint(1, 20) * 50)
    return [f"Итого: {rq.money(rng, total + discount)}", f"Скидка: {rq.money(rng, discount)}", "Без налога (НДС)",
            f"Всего к оплате: {rq.money(rng, total)}"]  # fmt: skip


def due_dates(rng: random.Random, when: date) -> list[str]:
    """Dates an invoice prints besides its own: the deadline, how long it is valid, the contract's."""
    later = when + timedelta(days=rng.randint(3, 30))
    contract = when - timedelta(days=rng.randint(20, 400))
    rows = [
        f"Оплатить до {rq.date_text(rng, later)}",
        f"Счёт действителен до {rq.date_text(rng, later)}",
        f"Основание: Договор № {rng.randint(1, 300)} от {rq.date_text(rng, contract)}",
        f"Срок оплаты: {later:%d.%m.%Y}",
    ]
    return rng.sample(rows, rng.randint(1, 3))


def truth_of(payee: Side, total: Decimal, when: date | None, *, banked: bool = True) -> Truth:
    party = payee.party
    return Truth(
        party.name,
        party.inn,
        party.kpp,
        payee.account if banked else None,
        payee.bank if banked else None,
        total,
        when,
    )


ISSUERS = (
    ("АО «ТБанк»", "7710140679", "044525974", "30101810145250000974", "2673"),
    ("ПАО Сбербанк", "7707083893", "044525225", "30101810400000000225", "1481"),
    ("АО «Альфа-Банк»", "7728168971", "044525593", "30101810200000000593", "1326"),
    ("Банк ВТБ (ПАО)", "7702070139", "044525187", "30101810700000000187", "1000"),
)
"""Banks that issue transfer receipts, with their own ИНН, БИК, к/с and licence as their footers print them."""


def issuer_footer(rng: random.Random) -> list[str]:
    name, inn, bic, corr, licence = rng.choice(ISSUERS)
    way = rng.randrange(3)
    if way == 0:
        return [f"{name}, БИК {bic}, к/с {corr}, ИНН {inn}", f"Лицензия Банка России № {licence}"]
    if way == 1:
        return [name, f"ИНН {inn}", f"БИК {bic}", f"К/с {corr}", f"Лицензия № {licence}"]
    return [name.split(" ", 1)[-1], f"БИК {bic}", "ИСПОЛНЕНО"]
