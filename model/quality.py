"""Whether a reading is too poor to rely on, so the person is asked for another photo instead of fixing it by hand.

A blurred, dark or tiny photo does not fail: it yields a few fields, some wrong, and looks like any other result.
Three signals that the module measures anyway tell such a reading apart: the OCR's mean confidence over the page,
how many of the fields that a document of its type always shows were read and not refuted, and the photo's size.
A retake is asked when most key fields are missing *and* the page was read unsurely or is tiny; a text-layer PDF
or a QR code that gave fields is never sent back, whatever its pixels.

Measured on the benchmark corpus (``python -m bench.quality``, Tesseract): asked for 0 of 42 clean and 0 of 39
photo documents, and 24 of 39 hard ones, which hold 23 of the 26 readings scoring under 0.5 F1. Low confidence
alone is no sign: five documents read at 27-43% confidence (one of them a photo) scored 0.80-0.91; the least sure
clean and photo pages without a QR read at 78% and 74%.

When no payment detail came back at all, ``unread_reason`` says why, from a closed list (``UnreadReason``), so that a
client can word each case for a person: an empty answer looks the same whatever its cause, and the causes call for
different actions (another document, another photo, another try).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from model.schema import VALUE_FIELDS, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

KEY_FIELDS: Mapping[str, tuple[str, ...]] = {
    DocumentType.BANK_TRANSFER: ("recipient_name", "amount", "payment_date"),
    DocumentType.INVOICE: ("recipient_name", "recipient_inn", "recipient_account", "bank_bic", "amount"),
    DocumentType.CASH_RECEIPT: ("recipient_inn", "amount", "payment_date", "fiscal_drive_number"),
    DocumentType.OTHER: ("recipient_name", "amount", "payment_date"),
}
"""The fields every document of the type prints; a reading that lost most of them lost the page."""

LOW_CONFIDENCE = 70.0
"""Mean OCR confidence (0-100) under which the page was read poorly."""
MOST_KEY_FIELDS = 0.5
"""Share of the key fields that must be read and not refuted."""
SMALL_IMAGE_PX = 600
"""A page whose shorter side is under this many pixels is too small for its print to be read."""


class UnreadReason(StrEnum):
    """Why a reading gave no payment details, the first that applies.

    ``statement``: a statement, no payment document (its title says so: a bank's «Выписка по счёту», «Справка о
    движении средств», a loan's «Справка о задолженности», «Справка об остатке», «Акт сверки взаимных расчётов»,
    «График платежей»); it lists a period's operations or states a balance, and none of its sums is «the» payment, so
    nothing is read from it. ``retake``: the reading is too poor to rely on (``ReadingQuality.retake``). ``deadline``:
    the time budget ran out before any detail was read (the warnings say what it left out). ``no_payment_details``:
    the document was read, and shows none of a payment document's details."""

    STATEMENT = "statement"
    RETAKE = "retake"
    DEADLINE = "deadline"
    NO_PAYMENT_DETAILS = "no_payment_details"


class ReadingQuality(BaseModel):
    """How well the document could be read, and whether to ask for another photo."""

    model_config = ConfigDict(extra="forbid")

    retake: bool = Field(
        description="True when the reading is too poor to rely on: ask the person for another photo (flat, lit, "
        "the whole document in the frame) rather than to correct the fields"
    )
    reasons: list[str] = Field(
        default_factory=list,
        description="Why a retake is asked for: low_confidence (the OCR was unsure of the page), key_fields_missing "
        "(most of the fields this kind of document shows were not read or fail their checks), small_image",
    )
    confidence: float | None = Field(
        None, ge=0, le=100, description="The OCR's mean confidence over the page's text, 0-100; null without OCR"
    )
    key_fields_read: int = Field(
        ge=0, description="How many of the document type's key fields were read and do not fail their checks"
    )
    key_fields: int = Field(ge=0, description="How many key fields a document of this type shows")
    smallest_side_px: int | None = Field(None, ge=0, description="The first page's shorter side, in pixels")
    unread_reason: UnreadReason | None = Field(
        None,
        description="Why no payment details were read, when none were: statement (not a payment document: a "
        "statement of an account's operations, of a loan's debt or of a balance, a reconciliation act or a schedule "
        "of payments lists many sums, none of them the payment; upload the receipt, bill or payment order of the one "
        "payment), retake (the reading is too poor: take another photo), deadline (the time budget ran out before "
        "any detail was read: try again), no_payment_details (the document was read and shows none: not a receipt, "
        "invoice or transfer). Null when details were read",
    )


def assess(
    details: PaymentDetails,
    checks: Mapping[str, FieldCheck],
    confidences: Sequence[float],
    page_shapes: Sequence[tuple[int, ...]],
    *,
    statement: bool = False,
    truncated: bool = False,
) -> ReadingQuality:
    """The reading's quality from what the extraction measured: the OCR pages' mean confidences, the chosen values
    and their checks, the pages' sizes; ``statement`` when the document is a statement (an account's operations, a
    debt's balance), whose values are not read, ``truncated`` when the time budget left part of the reading out. A
    statement is not sent back for a retake: another photo of it is no payment document either."""
    keys = KEY_FIELDS.get(str(details.document_type), KEY_FIELDS[DocumentType.OTHER])
    read = sum(1 for field in keys if getattr(details, field) is not None and _not_refuted(checks.get(field)))
    confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    side = min(page_shapes[0][:2]) if page_shapes else None
    exact = any(check.source in (Source.QR, Source.PDF) for check in checks.values() if check.source)
    reasons = []
    if confidence is not None and confidence < LOW_CONFIDENCE:
        reasons.append("low_confidence")
    if read < MOST_KEY_FIELDS * len(keys):
        reasons.append("key_fields_missing")
    if side is not None and side < SMALL_IMAGE_PX:
        reasons.append("small_image")
    retake = "key_fields_missing" in reasons and len(reasons) > 1 and not exact and not statement
    return ReadingQuality(
        retake=retake,
        reasons=reasons,
        confidence=confidence,
        key_fields_read=read,
        key_fields=len(keys),
        smallest_side_px=side,
        unread_reason=_unread_reason(details, statement=statement, retake=retake, truncated=truncated),
    )


def _unread_reason(details: PaymentDetails, *, statement: bool, retake: bool, truncated: bool) -> UnreadReason | None:
    """Why nothing was read (``UnreadReason``); None when a value was. A statement is named whatever a QR code on it
    gave: its text, where its operations are, was set aside."""
    if statement:
        return UnreadReason.STATEMENT
    if any(getattr(details, field) is not None for field in VALUE_FIELDS):
        return None
    if retake:
        return UnreadReason.RETAKE
    return UnreadReason.DEADLINE if truncated else UnreadReason.NO_PAYMENT_DETAILS


def _not_refuted(check: FieldCheck | None) -> bool:
    return check is None or check.status != CheckStatus.INVALID
