"""Turn a Qwen-VL answer into schema fields: find the JSON object, keep schema keys, normalise the values.

Models wrap JSON in code fences, add a sentence after it, write numbers instead of strings or "null" as a
word; all of that is tolerated here. What cannot be read raises ``AnswerParseError`` so the caller can retry.
"""

from __future__ import annotations

import json
import re

from model.normalize import digits, normalize_amount, normalize_currency, normalize_date, normalize_text
from model.qwen.fields import DOCUMENT_TYPES, FieldKind, field_kind, identifier_allows_letters
from model.schema import FIELD_NAMES

_FENCE = re.compile(r"```(?:json)?", re.IGNORECASE)
_MISSING_WORDS = frozenset({"null", "none", "n/a", "нет", "-", "—"})


class AnswerParseError(ValueError):
    """The answer holds no JSON object with any schema field."""


def empty_fields() -> dict[str, str | None]:
    """Every schema field, all missing: the fields of an answer that could not be read."""
    return dict.fromkeys(FIELD_NAMES)


def _first_schema_object(text: str) -> dict[str, object]:
    """The first ``{...}`` that parses as a JSON object with a schema key; text around it is ignored."""
    decoder = json.JSONDecoder()
    keys = set(FIELD_NAMES)
    for match in re.finditer(r"\{", text):
        try:
            value, _ = decoder.raw_decode(text, match.start())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and value.keys() & keys:
            return value
    raise AnswerParseError("the answer holds no complete JSON object with a schema key")


def _as_text(value: object) -> str | None:
    """Strings and numbers as text; lists, objects, booleans and null-like words as missing."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    if not text or text.lower() in _MISSING_WORDS:
        return None
    return text


def _identifier(name: str, text: str) -> str:
    if identifier_allows_letters(name):
        return re.sub(r"[^0-9A-Z]", "", text.upper())
    return digits(text)


def normalize_field(name: str, value: object) -> str | None:
    """``value`` as the schema stores field ``name``; ``None`` when it is missing or unusable."""
    text = _as_text(value)
    if text is None:
        return None
    match field_kind(name):
        case FieldKind.DOCUMENT_TYPE:
            lowered = text.lower()
            normalized: str | None = lowered if lowered in DOCUMENT_TYPES else None
        case FieldKind.AMOUNT:
            normalized = normalize_amount(text)
        case FieldKind.DATE:
            normalized = normalize_date(text)
        case FieldKind.CURRENCY:
            normalized = normalize_currency(text)
        case FieldKind.IDENTIFIER:
            normalized = _identifier(name, text)
        case FieldKind.TEXT:
            normalized = normalize_text(text)
    return normalized or None


def parse_answer(text: str) -> dict[str, str | None]:
    """Every schema field read from the model's ``text``; missing or unusable values are ``None``.

    Raises ``AnswerParseError`` when no JSON object in ``text`` has a schema key.
    """
    payload = _first_schema_object(_FENCE.sub("", text))
    return {name: normalize_field(name, payload.get(name)) for name in FIELD_NAMES}
