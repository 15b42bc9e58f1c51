"""When to ask for another photo: the rule over the signals the extraction measured, case by case."""

from __future__ import annotations

import json
from typing import Any

import pytest

from model.quality import ReadingQuality, UnreadReason, assess
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


EMPTY = {"document_type": "other"}
UNREAD_CASES = [
    ("read", TRANSFER, 88.0, PHOTO, {}, None),
    ("read-but-poor", TRANSFER, 40.0, (300, 400, 3), {}, None),
    ("statement", EMPTY, None, PHOTO, {"statement": True}, "statement"),
    ("statement-with-a-qr-amount", {**EMPTY, "amount": "100.00"}, None, PHOTO, {"statement": True}, "statement"),
    ("poor-photo", EMPTY, 40.0, PHOTO, {}, "retake"),
    ("poor-photo-cut-by-the-budget", EMPTY, 40.0, PHOTO, {"truncated": True}, "retake"),
    ("cut-by-the-budget", EMPTY, 85.0, PHOTO, {"truncated": True}, "deadline"),
    ("read-well-and-empty", EMPTY, 85.0, PHOTO, {}, "no_payment_details"),
    ("text-layer-and-empty", EMPTY, None, PHOTO, {}, "no_payment_details"),
]
"""name, details, mean confidence (None: a text layer), page shape, what the extraction knew, the reason."""


@pytest.mark.parametrize("case", UNREAD_CASES, ids=[case[0] for case in UNREAD_CASES])
def test_an_empty_answer_says_why_and_a_read_one_says_nothing(case: tuple[Any, ...]) -> None:
    _, details, confidence, shape, known, reason = case
    quality = assess(PaymentDetails(**details), _checks(), [] if confidence is None else [confidence], [shape], **known)
    assert quality.unread_reason == reason


def test_a_statement_is_not_sent_back_for_another_photo() -> None:
    """Another photo of a bank statement is no payment document either: the reason is the document, not the photo."""
    poor = assess(PaymentDetails(document_type="other"), _checks(), [40.0], [(300, 400, 3)], statement=True)
    assert (poor.retake, poor.unread_reason) == (False, "statement")
    assert poor.reasons == ["low_confidence", "key_fields_missing", "small_image"]  # the measures stay as they were


def test_every_reason_is_in_the_schema_with_its_meaning() -> None:
    schema = json.dumps(ReadingQuality.model_json_schema(), ensure_ascii=False)
    for reason in UnreadReason:
        assert f'"{reason.value}"' in schema and f"{reason.value} (" in schema, reason
