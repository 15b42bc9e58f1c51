"""The payment-details schema: the one definition every backend, check, service and benchmark imports.

A field is ``None`` when the document does not show it. Values are normalised so that two readings of the same
document compare equal: identifiers are bare digits, ``amount`` is a decimal string with a dot and two places,
``payment_date`` an ISO date.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class DocumentType(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    INVOICE = "invoice"
    CASH_RECEIPT = "cash_receipt"
    OTHER = "other"


class PaymentDetails(BaseModel):
    """Payment details of one document. On a retail cash receipt the seller is the recipient."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    document_type: DocumentType = DocumentType.OTHER
    recipient_name: str | None = Field(None, description="Recipient as printed (ООО «Ромашка», ИП Иванов И. И.)")
    recipient_inn: str | None = Field(None, pattern=r"^(\d{10}|\d{12})$", description="ИНН, 10 or 12 digits")
    recipient_kpp: str | None = Field(None, pattern=r"^\d{4}[\dA-Z]{2}\d{3}$", description="КПП")
    recipient_account: str | None = Field(None, pattern=r"^\d{20}$", description="Р/с, settlement account")
    bank_name: str | None = Field(None, description="Банк получателя")
    bank_bic: str | None = Field(None, pattern=r"^\d{9}$", description="БИК")
    bank_corr_account: str | None = Field(None, pattern=r"^\d{20}$", description="К/с, correspondent account")
    amount: str | None = Field(None, pattern=r"^\d+\.\d{2}$", description='Total, "1234.50"')
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="ISO 4217; RUB unless shown otherwise")
    payment_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date yyyy-mm-dd")
    purpose: str | None = Field(None, description="Назначение платежа")
    payer_name: str | None = Field(None, description="Payer (ФИО отправителя, плательщик)")
    fiscal_drive_number: str | None = Field(None, pattern=r"^\d{16}$", description="ФН")
    fiscal_document_number: str | None = Field(None, pattern=r"^\d{1,10}$", description="ФД")
    fiscal_sign: str | None = Field(None, pattern=r"^\d{1,10}$", description="ФП")


FIELD_NAMES: tuple[str, ...] = tuple(PaymentDetails.model_fields)
"""Every field in schema order, ``document_type`` first."""

VALUE_FIELDS: tuple[str, ...] = FIELD_NAMES[1:]
"""The fields read from the document (all but ``document_type``)."""


class CheckStatus(StrEnum):
    """How far a value can be trusted; the contract is written down in docs/architecture.md ("Trust").

    ``verified`` only when a rule that could have failed confirmed the value; ``repaired`` when the extractor
    changed the reading to pass a rule, so a person must look; ``invalid`` when the value fails its rule;
    ``unverified`` when nothing could confirm or refute it (a name, a date, an amount no QR repeats).
    """

    VERIFIED = "verified"
    REPAIRED = "repaired"
    INVALID = "invalid"
    UNVERIFIED = "unverified"


class Source(StrEnum):
    """Where a value came from; also the order of trust when sources disagree."""

    QR = "qr"
    MODEL = "model"
    OCR = "ocr"
    PDF = "pdf"


class FieldCheck(BaseModel):
    """The verdict on one field: whether a rule confirmed it, and where it was read."""

    model_config = ConfigDict(use_enum_values=True)

    status: CheckStatus = Field(
        CheckStatus.UNVERIFIED,
        description="verified: a rule that could have failed confirmed it; repaired: changed to pass a rule, a person "
        "must look; invalid: fails its rule; unverified: nothing could confirm or refute it",
    )
    source: Source | None = None
    rule: str | None = Field(
        None, description='The rule that decided the status ("inn_check_digits", "qr_agrees"…); null when none did'
    )
    detail: str | None = Field(None, description="What the rule found or what was repaired, for a person to read")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of one field, before the checks choose between readings.

    ``value`` is already normalised to the schema's format (digits only, ``"1234.50"``, ISO date).
    """

    field: str
    value: str
    source: Source
    score: float = 1.0
