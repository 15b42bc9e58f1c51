"""When to ask for another photo: the rule over the signals the extraction measured, case by case."""

from __future__ import annotations

from typing import Any

import pytest

from model.quality import assess
from model.schema import FieldCheck, PaymentDetails

TRANSFER = {"document_type": "bank_transfer", "recipient_name": "ООО «Ромашка»", "amount": "1234.50"}
"""Two of a transfer's three key fields (recipient, amount, date)."""
PHOTO = (1200, 900, 3)


def _checks(**statuses: str) -> dict[str, FieldCheck]:
    checks = {name: FieldCheck(source="ocr") for name in PaymentDetails.model_fields}
    return checks | {name: FieldCheck(status=status, source="ocr") for name, status in statuses.items()}


CASES = [
    ("good", TRANSFER, _checks(), 88.0, PHOTO, False, []),
    (
        "sure-of-a-page-without-the-fields",
        {"document_type": "bank_transfer"},
        _checks(),
        85.0,
        PHOTO,
        False,
        ["key_fields_missing"],
    ),
    (
        "unsure-and-empty",
        {"document_type": "other"},
        _checks(),
        62.0,
        PHOTO,
        True,
        ["low_confidence", "key_fields_missing"],
    ),
    (
        "unsure-and-refuted",
        TRANSFER,
        _checks(amount="invalid"),
        60.0,
        PHOTO,
        True,
        ["low_confidence", "key_fields_missing"],
    ),
    (
        "tiny-and-empty",
        {"document_type": "other"},
        _checks(),
        90.0,
        (300, 400, 3),
        True,
        ["key_fields_missing", "small_image"],
    ),
    ("unsure-but-read", TRANSFER, _checks(), 35.0, PHOTO, False, ["low_confidence"]),
    ("small-but-read", TRANSFER, _checks(), 65.0, (300, 400, 3), False, ["low_confidence", "small_image"]),
]
"""name, details, checks, mean confidence, page shape, retake asked, reasons."""


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_retake_is_asked_for_a_poor_reading_only(case: tuple[Any, ...]) -> None:
    _, details, checks, confidence, shape, retake, reasons = case
    quality = assess(PaymentDetails(**details), checks, [confidence], [shape])
    assert (quality.retake, quality.reasons) == (retake, reasons)
    assert quality.smallest_side_px == min(shape[:2])


def test_values_from_a_qr_code_are_never_sent_back() -> None:
    checks = _checks() | {"amount": FieldCheck(status="verified", source="qr")}
    quality = assess(PaymentDetails(document_type="other"), checks, [40.0], [(300, 300, 3)])
    assert not quality.retake and quality.reasons == ["low_confidence", "key_fields_missing", "small_image"]


def test_a_text_layer_has_no_confidence_to_judge() -> None:
    quality = assess(PaymentDetails(**TRANSFER), _checks(), [], [PHOTO])
    assert quality.confidence is None and not quality.retake
