"""A р/с whose one-digit key is all that confirms it, on a reading that shows misread digits or with bank digits (a
БИК's, a к/с's) that nothing confirms, is not ``verified`` (docs/architecture.md, "Trust"): the key passes one
misreading in ten."""

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


SEEN_BIK, MISREAD_BIK = "044525545", "044525845"  # АО ЮниКредит Банк; listed as another bank, ПАО "Норвик Банк"
SEEN_ACCOUNT, MISREAD_ACCOUNT = "40702810300014867399", "40702810300014867398"
"""sidio_h_scan2 decoded at a lower resolution: the БИК's 5 read as 8 and the р/с's last 9 as 8, and the key passed."""
UNLISTED_BIK, UNLISTED_CORR = "044525256", "30101810000000000256"  # Росбанк's: not in the 2026-04-17 directory
UNICREDIT_NAME = "АО ЮНИКРЕДИТ БАНК"


def _keyed(body: str, code: str) -> str:
    """A р/с whose key passes with a bank's code (a БИК's last three digits)."""
    return body[:8] + str(account_control_key(body, code)) + body[9:]


def test_the_misread_account_passes_its_key_with_the_misread_bik_only() -> None:
    assert settlement_account_valid(MISREAD_ACCOUNT, MISREAD_BIK)
    assert not settlement_account_valid(MISREAD_ACCOUNT, SEEN_BIK)


@pytest.mark.parametrize(
    ("bik", "account", "why"),
    [
        (
            MISREAD_BIK,
            MISREAD_ACCOUNT,
            f"nothing confirms the БИК {MISREAD_BIK} it passes with, neither a к/с read that fits it nor",
        ),
        (UNLISTED_BIK, _keyed(ACCOUNT, UNLISTED_BIK[6:]), "which does not list it (a misread БИК is mostly no bank's)"),
    ],
)
def test_an_account_keyed_to_a_bik_nothing_confirms_is_not_verified_by_its_key(
    bik: str, account: str, why: str
) -> None:
    value, check = _account_check(
        Candidate("bank_bic", bik, Source.OCR),
        Candidate("bank_name", UNICREDIT_NAME, Source.OCR),
        Candidate("recipient_account", account, Source.OCR),
    )
    assert (value, check.status, check.rule) == (account, "unverified", "account_key_bik")
    assert why in (check.detail or "")


def test_an_account_keyed_to_the_code_of_a_corr_account_nothing_confirms_is_not_verified() -> None:
    account = _keyed(ACCOUNT, CORR[-3:])
    value, check = _account_check(
        Candidate("bank_corr_account", CORR, Source.OCR), Candidate("recipient_account", account, Source.OCR)
    )
    assert (value, check.status, check.rule) == (account, "unverified", "account_key_corr_code")
    assert f"the last three digits of the к/с {CORR}, which nothing confirms" in (check.detail or "")


@pytest.mark.parametrize(
    "confirmation",
    [
        [Candidate("bank_name", UNICREDIT_NAME, Source.OCR)],  # the directory lists the БИК with the bank's name read
        [Candidate("bank_corr_account", "30101810300000000545", Source.OCR)],  # a к/с whose own key fits the БИК
        [Candidate("recipient_account", SEEN_ACCOUNT, Source.INDRA)],  # a second reader reads the р/с
    ],
)
def test_an_account_keyed_to_a_confirmed_bik_or_read_twice_stays_verified(confirmation: list[Candidate]) -> None:
    _, check = _account_check(
        Candidate("bank_bic", SEEN_BIK, Source.OCR),
        Candidate("recipient_account", SEEN_ACCOUNT, Source.OCR),
        *confirmation,
    )
    assert (check.status, check.rule) == ("verified", "account_key_bik")


def test_an_unlisted_bik_that_its_corr_account_fits_confirms_the_accounts_key() -> None:
    """A branch closed since (sidio_h_scan's 042007800): the directory lacks it, its к/с read confirms its digits."""
    account = _keyed(ACCOUNT, UNLISTED_BIK[6:])
    _, check = _account_check(
        Candidate("bank_bic", UNLISTED_BIK, Source.OCR),
        Candidate("bank_corr_account", UNLISTED_CORR, Source.OCR),
        Candidate("recipient_account", account, Source.OCR),
    )
    assert (check.status, check.rule) == ("verified", "account_key_bik")


def test_a_bik_read_from_a_text_layer_is_as_printed() -> None:
    _, check = _account_check(
        Candidate("bank_bic", MISREAD_BIK, Source.PDF), Candidate("recipient_account", MISREAD_ACCOUNT, Source.PDF)
    )
    assert check.status == "verified"
