"""Which boxes the result page can draw: each field's, on the page it was read on, clamped to the image."""

from __future__ import annotations

from app.web.receipt.result import evidence_boxes


def test_boxes_keep_the_page_they_were_read_on() -> None:
    record = {
        "checks": {
            "recipient_inn": {"box": {"page": 2, "x": 0.15, "y": 0.17, "w": 0.12, "h": 0.01}},
            "amount": {"box": {"x": 0.5, "y": 0.9, "w": 0.6, "h": 0.05}},  # no page: the first
            "bank_bic": {"box": {"page": 0, "x": 0.1, "y": 0.1, "w": 0.1, "h": 0.1}},  # no such page
            "payment_date": {"box": None},
            "purpose": {"box": {"page": 1, "x": "left"}},
        }
    }

    assert evidence_boxes(record) == {
        "recipient_inn": {"page": 2, "x": 0.15, "y": 0.17, "w": 0.12, "h": 0.01},
        "amount": {"page": 1, "x": 0.5, "y": 0.9, "w": 0.6, "h": 0.05},
    }
    assert evidence_boxes(None) == {}
