"""What a template returns: the clean page and what it shows."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial

from PIL import Image

from bench.layouts.requisites import Bank, Party, Person
from model.schema import DocumentType, PaymentDetails


@dataclass(frozen=True)
class Drawn:
    image: Image.Image
    template: str
    details: PaymentDetails
    thermal: bool = False
    """Printed on thermal paper (a till's tape), whose print fades: the second round's photos may show it."""
    screen: bool = False
    """A phone's screenshot, not paper: the fourth round shares it again rather than photographing it."""
    pdf: bytes | None = None
    """The page as a PDF with a text layer, as the program that made it saves it: the clean level's file."""


Template = Callable[[random.Random], Drawn]


def details(document_type: DocumentType, total: Decimal, when: date | None, **values: str | None) -> PaymentDetails:
    """The truth of a page in the schema's normal form: the amount with two places in roubles, the date ISO."""
    return PaymentDetails(
        document_type=document_type,
        amount=f"{total:.2f}",
        currency="RUB",
        payment_date=when.isoformat() if when else None,
        **values,
    )


def requisites_details(
    total: Decimal,
    when: date | None,
    payee: Party,
    account: str,
    bank: Bank,
    *,
    document_type: DocumentType,
    payer: str,
    purpose: str | None = None,
    bank_name: str | None = None,
    recipient_name: str | None = None,
) -> PaymentDetails:
    """The truth of a page that prints a payee's full requisites (name, ИНН, КПП, account, bank, БИК, к/с): one
    mapping of a party and its bank onto the schema for every invoice and order. ``bank_name`` and
    ``recipient_name`` where the page prints them otherwise than the directory does."""
    return details(
        document_type,
        total,
        when,
        recipient_name=payee.name if recipient_name is None else recipient_name,
        recipient_inn=payee.inn,
        recipient_kpp=payee.kpp,
        recipient_account=account,
        bank_name=bank.name if bank_name is None else bank_name,
        bank_bic=bank.bic,
        bank_corr_account=bank.corr_account,
        payer_name=payer,
        purpose=purpose,
    )


invoice_details = partial(requisites_details, document_type=DocumentType.INVOICE)
"""An invoice's or a quittance's truth from the requisites it prints."""
transfer_details = partial(requisites_details, document_type=DocumentType.BANK_TRANSFER)
"""A bank transfer's truth from the payee's requisites its order or receipt prints."""


def app_transfer_details(
    total: Decimal, when: datetime, payee: Person, payee_bank: str | None, *, payer: str | None, message: str | None
) -> PaymentDetails:
    """The truth of a transfer between people as a bank's app or its receipt shows it: the recipient as apps name
    them («Алексей Иванович К.»), their bank where shown, the sender, the message; no account or requisites."""
    return details(
        DocumentType.BANK_TRANSFER,
        total,
        when.date(),
        recipient_name=payee.app_form,
        bank_name=payee_bank,
        payer_name=payer,
        purpose=message,
    )


def receipt_details(seller: Party, total: Decimal, when: datetime, fiscal: tuple[str, str, str]) -> PaymentDetails:
    """The truth of a till's receipt: the seller, the sum, the day and the three fiscal numbers (ФН, ФД, ФП) its QR
    carries, the same for every round's tapes."""
    fn, fd, fp = fiscal
    return details(
        DocumentType.CASH_RECEIPT,
        total,
        when.date(),
        recipient_name=seller.name,
        recipient_inn=seller.inn,
        fiscal_drive_number=fn,
        fiscal_document_number=fd,
        fiscal_sign=fp,
    )
