"""When the result page says why nothing was read: the module's reason, while the form is still empty."""

from __future__ import annotations

from typing import Any

import pytest

from app.web.receipt.result import unread_reason

EMPTY: dict[str, str | None] = {"document_type": "other", "recipient_name": None, "amount": None}


@pytest.mark.parametrize(
    ("details", "record", "shown"),
    [
        (EMPTY, {"quality": {"unread_reason": "statement"}}, "statement"),
        (EMPTY, {"quality": {"unread_reason": "deadline"}}, "deadline"),
        (EMPTY, {"quality": {"unread_reason": "a reason of a newer module"}}, "a reason of a newer module"),
        (EMPTY, {"quality": {"unread_reason": "retake", "retake": True}}, None),  # the retake card says it
        (EMPTY, {"quality": {"retake": False}}, None),  # stored before the module gave reasons
        (EMPTY, {"quality": None}, None),
        (EMPTY, None, None),
        (EMPTY | {"amount": "100.00"}, {"quality": {"unread_reason": "statement"}}, None),  # typed by the person
        (
            EMPTY | {"document_type": "invoice"},
            {"quality": {"unread_reason": "no_payment_details"}},
            "no_payment_details",
        ),
    ],
)
def test_the_reason_is_shown_while_the_form_is_empty(
    details: dict[str, str | None], record: dict[str, Any] | None, shown: str | None
) -> None:
    assert unread_reason(details, record) == shown
