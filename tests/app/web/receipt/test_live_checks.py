"""Live checks: an edited value goes through the module's rules again; an untouched one keeps the module's verdict."""

from __future__ import annotations

import pytest

from app.web.receipt.checks import field_checks, normalized, rule_checks, status_name
from app.web.receipt.payment import clean_details

GOOD = {
    "recipient_name": "ООО «Белые ночи»",
    "recipient_inn": "3834964079",
    "recipient_kpp": "383401001",
    "recipient_account": "40702810641811051927",
    "bank_bic": "047516946",
    "bank_corr_account": "30101810575160000946",
    "amount": "165.00",
    "payment_date": "2022-04-09",
}


@pytest.mark.parametrize(
    ("edit", "field", "status"),
    [
        ({}, "recipient_inn", "verified"),
        ({"recipient_inn": "3834964078"}, "recipient_inn", "invalid"),  # a check digit off
        ({"recipient_inn": "383496407"}, "recipient_inn", "invalid"),  # too short for the schema
        ({"bank_bic": "044525225"}, "recipient_account", "invalid"),  # the account's key no longer fits the БИК
        ({"bank_bic": "044525225"}, "bank_corr_account", "invalid"),
        ({"bank_bic": "047516947"}, "bank_bic", "invalid"),  # the к/с allows one БИК only: 047516946
        ({"payment_date": "2099-01-01"}, "payment_date", "invalid"),  # in the future
        ({"recipient_kpp": "38340100"}, "recipient_kpp", "invalid"),
        ({}, "recipient_name", "unverified"),  # no rule can refute a name
    ],
)
def test_rule_checks_run_the_module_rules(edit: dict[str, str], field: str, status: str) -> None:
    assert rule_checks(GOOD | edit, "bank_transfer")[field]["status"] == status


def test_empty_fields_get_no_check() -> None:
    assert "purpose" not in rule_checks(GOOD, "bank_transfer")
    assert "purpose" not in field_checks(GOOD | {"purpose": None}, None, "bank_transfer")


def test_untouched_field_keeps_the_module_verdict_until_what_it_depends_on_changes() -> None:
    record = {
        "details": GOOD,
        "checks": {"recipient_kpp": {"status": "valid", "source": "qr", "detail": "confirmed by qr and ocr"}},
    }
    kept = field_checks(GOOD, record, "bank_transfer")["recipient_kpp"]
    assert kept == {"status": "verified", "source": "qr", "detail": "confirmed by qr and ocr"}
    rechecked = field_checks(GOOD | {"recipient_inn": "7707083893"}, record, "bank_transfer")["recipient_kpp"]
    assert rechecked["source"] == "person"  # the ИНН it is checked against was edited


def test_a_bank_name_the_directory_confirmed_is_checked_again_when_the_bik_is_edited() -> None:
    sber = GOOD | {"bank_bic": "044525225", "bank_corr_account": "30101810400000000225", "bank_name": "ПАО Сбербанк"}
    confirmed = {"status": "verified", "source": "ocr", "rule": "bik_directory", "detail": "listed for 044525225"}
    record = {"details": sber, "checks": {"bank_name": confirmed}}
    assert field_checks(sber, record, "bank_transfer")["bank_name"]["status"] == "verified"
    other_bank = field_checks(sber | {"bank_bic": "044525974"}, record, "bank_transfer")["bank_name"]
    assert (other_bank["status"], other_bank["source"]) == ("unverified", "person")  # ТБанк's БИК: not Сбербанк's name
    assert rule_checks(sber, "bank_transfer")["bank_name"]["rule"] == "bik_directory"


@pytest.mark.parametrize(
    ("old", "new"), [("valid", "verified"), ("unchecked", "unverified"), ("repaired", "repaired"), ("?", "unverified")]
)
def test_status_names_old_and_new(old: str, new: str) -> None:
    assert status_name(old) == new


def test_typed_values_reach_the_rules_in_the_schema_format() -> None:
    assert normalized("amount", "165,00") == "165.00"
    assert normalized("payment_date", "09.04.2022") == "2022-04-09"
    assert normalized("recipient_account", "4070 2810 6418 1105 1927") == "40702810641811051927"
    assert clean_details({"amount": " 51 112,41 ₽ "})["amount"] == "51112.41"
