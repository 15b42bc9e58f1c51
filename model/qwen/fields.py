"""How each schema field is written and read back, derived from ``PaymentDetails`` itself.

The prompt and the parser both ask this module, so a field added to the schema reaches the model's template
and the answer's normalisation without a second list of keys to keep in step.
"""

from __future__ import annotations

from enum import StrEnum

from model.schema import DocumentType, PaymentDetails


class FieldKind(StrEnum):
    DOCUMENT_TYPE = "document_type"
    AMOUNT = "amount"
    DATE = "date"
    CURRENCY = "currency"
    IDENTIFIER = "identifier"
    TEXT = "text"


_FORMATTED: dict[str, FieldKind] = {
    "document_type": FieldKind.DOCUMENT_TYPE,
    "amount": FieldKind.AMOUNT,
    "payment_date": FieldKind.DATE,
    "currency": FieldKind.CURRENCY,
}
"""Fields with a format of their own; other fields with a pattern are identifiers, the rest free text."""

DOCUMENT_TYPES: tuple[str, ...] = tuple(kind.value for kind in DocumentType)


def field_pattern(name: str) -> str | None:
    """The regular expression the schema puts on ``name``, if any."""
    for constraint in PaymentDetails.model_fields[name].metadata:
        pattern = getattr(constraint, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def field_kind(name: str) -> FieldKind:
    """Which normaliser and which template hint ``name`` gets."""
    if name in _FORMATTED:
        return _FORMATTED[name]
    return FieldKind.IDENTIFIER if field_pattern(name) else FieldKind.TEXT


def field_description(name: str) -> str:
    """The schema's description of ``name``; the field name itself when the schema gives none."""
    return PaymentDetails.model_fields[name].description or name


def identifier_allows_letters(name: str) -> bool:
    """КПП may carry Latin capitals in positions 5-6; every other identifier is digits only."""
    pattern = field_pattern(name) or ""
    return "A-Z" in pattern
