"""A person's check of a repaired value: shown as theirs (never "verified"), only where the page asks for one, and only
for the value they checked."""

from __future__ import annotations

from typing import Any

import pytest

from app.web.receipt.checks import field_checks
from app.web.receipt.person_checks import (
    PERSON_CHECKED,
    NotToCheckError,
    checked,
    standing,
    stored_checks,
    unchecked,
    with_person_checks,
)

REPAIRED_KS = "30101810575160000946"  # the sample's К/с, read as 5010… and repaired
GOOD = {
    "recipient_inn": "3834964079",
    "recipient_account": "40702810641811051927",
    "bank_bic": "047516946",
    "bank_corr_account": REPAIRED_KS,
    "recipient_name": "ООО «Белые ночи»",
}
REPAIRED = {"status": "repaired", "source": "ocr", "detail": "bank_corr_account: read 50101810575160000946"}
RECORD: dict[str, Any] = {
    "original_id": "o1",
    "details": GOOD,
    "checks": {
        "bank_corr_account": REPAIRED,
        "recipient_inn": {"status": "valid", "source": "ocr"},
        "bank_bic": {"status": "valid", "source": "ocr"},
        "recipient_name": {"status": "unchecked", "source": "ocr"},
    },
}
ALICE = {"value": REPAIRED_KS, "by": "alice", "at": "2026-12-05T12:00:00+00:00"}


def _checks(values: dict[str, str | None], record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return field_checks(values, record, "bank_transfer")


def test_a_checked_repair_shows_as_the_persons_with_the_modules_verdict_beside_it() -> None:
    shown = _checks(GOOD, RECORD | {"person_checks": {"bank_corr_account": ALICE}})["bank_corr_account"]
    assert shown == REPAIRED | {
        "status": PERSON_CHECKED,
        "module_status": "repaired",
        "checked_by": "alice",
        "checked_at": ALICE["at"],
    }


@pytest.mark.parametrize(
    ("field", "why"),
    [
        ("recipient_inn", "its check is verified"),  # a rule already confirmed it
        ("recipient_name", "its check is unverified"),  # the page does not ask about it
        ("purpose", "it is empty"),
    ],
)
def test_only_a_repaired_value_can_be_checked(field: str, why: str) -> None:
    with pytest.raises(NotToCheckError, match=why):
        checked(field, GOOD | {"purpose": None}, _checks(GOOD, RECORD), {}, by="alice", at="now")


def test_an_invalid_value_is_never_checked_into_passing() -> None:
    broken = GOOD | {"recipient_inn": "3834964078"}  # a check digit off: the rules say invalid
    checks = _checks(broken, RECORD)
    assert checks["recipient_inn"]["status"] == "invalid"
    with pytest.raises(NotToCheckError, match="its check is invalid"):
        checked("recipient_inn", broken, checks, {}, by="alice", at="now")
    forged = {"recipient_inn": {"value": "3834964078", "by": "alice", "at": "now"}}  # stored by hand
    assert _checks(broken, RECORD | {"person_checks": forged})["recipient_inn"]["status"] == "invalid"


def test_checking_records_who_and_which_value_and_keeps_a_first_check() -> None:
    first = checked("bank_corr_account", GOOD, _checks(GOOD, RECORD), {}, by="alice", at=ALICE["at"])
    assert first == {"bank_corr_account": ALICE}
    record = RECORD | {"person_checks": first}
    assert checked("bank_corr_account", GOOD, _checks(GOOD, record), first, by="bob", at="later") == first


def test_an_edit_undoes_the_check() -> None:
    record = RECORD | {"person_checks": {"bank_corr_account": ALICE}}
    edited = GOOD | {"bank_corr_account": "30101810575160000947"}
    assert _checks(edited, record)["bank_corr_account"]["status"] == "invalid"  # the rules judge the edit
    assert standing({"bank_corr_account": ALICE}, edited) == {}  # and saving it drops the check
    bik_edited = GOOD | {"bank_bic": "044525225"}  # what the К/с depends on changed: the rules speak again
    assert _checks(bik_edited, record)["bank_corr_account"]["status"] == "invalid"


def test_a_check_taken_back_asks_again() -> None:
    assert unchecked("bank_corr_account", GOOD, {"bank_corr_account": ALICE}) == {}
    assert _checks(GOOD, RECORD | {"person_checks": {}})["bank_corr_account"]["status"] == "repaired"


@pytest.mark.parametrize(
    "stored",
    [None, "yes", {"bank_corr_account": "yes"}, {"bank_corr_account": {"value": REPAIRED_KS}}],
)
def test_malformed_stored_checks_are_skipped(stored: object) -> None:
    assert stored_checks({"person_checks": stored}) == {}


def test_with_person_checks_leaves_a_rules_verdict_alone() -> None:
    checks = {"bank_corr_account": {"status": "verified"}}
    assert with_person_checks(checks, GOOD, {"bank_corr_account": ALICE}) == checks
