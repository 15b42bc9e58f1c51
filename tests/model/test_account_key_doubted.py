"""A р/с whose one-digit key is all that confirms it, on a reading that shows misread digits, is not ``verified``
(docs/architecture.md, "Trust"): the key passes one misreading in ten."""

import pytest

from model.checks import account_control_key, settlement_account_valid
from model.resolve import resolve
from model.schema import Candidate, DocumentType, FieldCheck, Source

BIK = "044525123"
CORR = "30101810145250000123"
CORR_MISREAD = "30101010145260000123"  # r10_invoice_05_hard, Indra: 8 read as 0, 5 as 6
ACCOUNT = "40702810805075169236"
ACCOUNT_MISREAD = "40702010005075109236"  # the same page's р/с: three digits misread, and its key still passes


def _account_check(*candidates: Candidate) -> tuple[str | None, FieldCheck]:
    details, checks = resolve(candidates, DocumentType.INVOICE)
    return details.recipient_account, checks["recipient_account"]


def _page(account: str, corr: str, source: Source = Source.INDRA) -> list[Candidate]:
    return [
        Candidate("bank_bic", BIK, source),
        Candidate("bank_corr_account", corr, source),
        Candidate("recipient_account", account, source),
    ]


def test_the_misread_accounts_pass_their_key() -> None:
    assert settlement_account_valid(ACCOUNT, BIK) and settlement_account_valid(ACCOUNT_MISREAD, BIK)


@pytest.mark.parametrize(
    ("account", "corr", "why"),
    [
        (ACCOUNT_MISREAD, CORR_MISREAD, "its digits 6–8, 010, are not the rouble's 810"),
        (ACCOUNT_MISREAD, CORR, "its digits 6–8, 010, are not the rouble's 810"),
        (ACCOUNT, CORR_MISREAD, f"the к/с read with it, {CORR_MISREAD}, fails that БИК"),
    ],
)
def test_an_account_whose_reading_shows_misread_digits_is_not_verified_by_its_key(
    account: str, corr: str, why: str
) -> None:
    value, check = _account_check(*_page(account, corr))
    assert (value, check.status, check.rule) == (account, "unverified", "account_key_bik")
    assert why in (check.detail or "")


def test_a_rouble_account_beside_a_fitting_corr_account_stays_verified() -> None:
    _, check = _account_check(*_page(ACCOUNT, CORR))
    assert (check.status, check.rule) == ("verified", "account_key_bik")


def test_a_second_reader_reading_the_same_account_confirms_its_digits() -> None:
    _, check = _account_check(*_page(ACCOUNT, CORR_MISREAD), Candidate("recipient_account", ACCOUNT, Source.OCR))
    assert check.status == "verified"


def test_a_qr_reading_a_foreign_currency_account_verifies_it() -> None:
    body = "40702840" + ACCOUNT[8:]
    dollars = body[:8] + str(account_control_key(body, BIK[6:])) + body[9:]
    _, check = _account_check(*_page(dollars, CORR), Candidate("recipient_account", dollars, Source.QR))
    assert check.status == "verified"
