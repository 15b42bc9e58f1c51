"""What a template returns: the clean page and what it shows."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PIL import Image

from model.schema import DocumentType, PaymentDetails


@dataclass(frozen=True)
class Drawn:
    image: Image.Image
    template: str
    details: PaymentDetails
    thermal: bool = False
    """Printed on thermal paper (a till's tape), whose print fades: the second round's photos may show it."""


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
