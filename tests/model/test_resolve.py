from datetime import date, timedelta

import pytest

from model.checks import account_control_key, settlement_account_valid
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source

BIK = "044525225"
CORR = "30101810400000000225"


def _account(bik: str = BIK) -> str:
    body = "40702810038000000001"
    key = account_control_key(body, bik[6:9])
    return body[:8] + str(key) + body[9:]


def _resolve(*candidates: Candidate) -> tuple[dict[str, object], dict[str, dict[str, object]]]:
    details, checks = resolve(candidates, DocumentType.INVOICE)
    return details.model_dump(mode="json"), {k: v.model_dump(mode="json") for k, v in checks.items()}


def test_resolve_prefers_a_valid_reading_over_a_more_trusted_invalid_one() -> None:
    fields, checks = _resolve(
        Candidate("recipient_inn", "7707083894", Source.QR),
        Candidate("recipient_inn", "7707083893", Source.OCR),
    )
    assert fields["recipient_inn"] == "7707083893"
    assert checks["recipient_inn"]["status"] == "verified"
    assert checks["recipient_inn"]["rule"] == "inn_check_digits"
    assert checks["recipient_inn"]["source"] == "ocr"


def test_resolve_prefers_qr_when_both_readings_are_valid() -> None:
    fields, checks = _resolve(
        Candidate("recipient_inn", "500100732259", Source.OCR),
        Candidate("recipient_inn", "7707083893", Source.QR),
    )
    assert fields["recipient_inn"] == "7707083893"
    assert checks["recipient_inn"]["source"] == "qr"


@pytest.mark.parametrize(
    ("misread", "expected", "status"),
    [
        ("500100732258", "500100732259", "repaired"),  # no other single misread passes both check digits
        ("500100732299", "500100732299", "invalid"),  # 5 read as 9: another single misread validates too
        ("7707083898", "7707083898", "invalid"),  # 3 read as 8: three other single misreads validate too
        ("7707085893", "7707085893", "invalid"),
    ],
)
def test_resolve_repairs_a_single_ocr_confusion_only_when_unambiguous(misread: str, expected: str, status: str) -> None:
    fields, checks = _resolve(Candidate("recipient_inn", misread, Source.OCR))
    assert fields["recipient_inn"] == expected
    assert checks["recipient_inn"]["status"] == status
    if misread != expected:
        assert f"read {misread}" in checks["recipient_inn"]["detail"]
        assert f"{expected} is the only single OCR confusion that passes" in checks["recipient_inn"]["detail"]


def test_resolve_marks_an_unrepairable_identifier_invalid() -> None:
    fields, checks = _resolve(Candidate("recipient_inn", "1111111111", Source.OCR))
    assert fields["recipient_inn"] == "1111111111"
    assert checks["recipient_inn"]["status"] == "invalid"


def test_resolve_checks_accounts_against_the_chosen_bik() -> None:
    account = _account()
    assert settlement_account_valid(account, BIK)
    fields, checks = _resolve(
        Candidate("bank_bic", BIK, Source.OCR),
        Candidate("recipient_account", account, Source.OCR),
        Candidate("bank_corr_account", CORR, Source.OCR),
    )
    assert (fields["recipient_account"], fields["bank_corr_account"]) == (account, CORR)
    assert checks["recipient_account"]["status"] == checks["bank_corr_account"]["status"] == "verified"
    assert (checks["recipient_account"]["rule"], checks["bank_corr_account"]["rule"]) == (
        "account_key_bik",
        "corr_account_key_bik",
    )


def test_resolve_leaves_accounts_unverified_without_a_bik() -> None:
    _, checks = _resolve(Candidate("recipient_account", _account(), Source.OCR))
    assert checks["recipient_account"]["status"] == "unverified"


def test_without_a_bik_the_correspondent_account_vouches_for_the_account() -> None:
    """The р/с key needs only the BIK's last three digits, which the к/с ends with; read by OCR alone, the к/с confirms
    those digits no more than the р/с does, so the key passing keeps the р/с but does not verify it."""
    fields, checks = _resolve(
        Candidate("recipient_account", _account(), Source.OCR),
        Candidate("bank_corr_account", "50101810400000000225", Source.OCR),  # 3 read as 5
    )
    assert (fields["bank_corr_account"], checks["bank_corr_account"]["status"]) == (CORR, "repaired")
    assert checks["bank_corr_account"]["rule"] == "corr_account_shape"
    assert (fields["recipient_account"], checks["recipient_account"]["status"]) == (_account(), "unverified")
    assert checks["recipient_account"]["rule"] == "account_key_corr_code"
    assert str(checks["recipient_account"]["detail"]).startswith("its key matches the bank code the к/с ends with, but")
    _, checks = _resolve(
        Candidate("recipient_account", _account(), Source.OCR),
        Candidate("bank_corr_account", CORR, Source.OCR),
        Candidate("bank_corr_account", CORR, Source.QR),
    )
    assert (checks["recipient_account"]["status"], checks["recipient_account"]["rule"]) == (
        "verified",
        "account_key_corr_code",
    )


def test_without_a_bik_an_account_that_fails_the_code_of_the_correspondent_account_is_invalid() -> None:
    other = "40702810438000000001"  # fails the key for code 225, and no single confusion repairs it
    _, checks = _resolve(
        Candidate("recipient_account", other, Source.OCR), Candidate("bank_corr_account", CORR, Source.OCR)
    )
    assert checks["recipient_account"]["status"] == "invalid"
    assert checks["bank_corr_account"]["status"] == "unverified"
    assert checks["bank_corr_account"]["rule"] == "corr_account_shape"


def test_resolve_prefers_the_bik_that_the_correspondent_account_confirms() -> None:
    fields, _ = _resolve(
        Candidate("bank_bic", "044525974", Source.OCR, score=1.0),
        Candidate("bank_bic", BIK, Source.OCR, score=0.3),
        Candidate("bank_corr_account", CORR, Source.OCR),
    )
    assert fields["bank_bic"] == BIK


@pytest.mark.parametrize(
    ("sources", "status"),
    [
        ((Source.QR, Source.OCR), "verified"),
        ((Source.OCR, Source.OCR), "unverified"),  # two readings by one engine are not independent
        ((Source.OCR,), "unverified"),
    ],
)
def test_resolve_confirms_values_that_independent_sources_agree_on(sources: tuple[Source, ...], status: str) -> None:
    _, checks = _resolve(*(Candidate("amount", "1234.50", source) for source in sources))
    assert checks["amount"]["status"] == status


def test_resolve_reports_disagreement_between_sources() -> None:
    fields, checks = _resolve(Candidate("amount", "100.00", Source.QR), Candidate("amount", "180.00", Source.OCR))
    assert fields["amount"] == "100.00"
    assert checks["amount"]["status"] == "unverified"
    assert checks["amount"]["detail"] == "no rule can confirm it; other sources read 180.00"


def test_resolve_refuses_a_payment_date_in_the_future() -> None:
    future = (date.today() + timedelta(days=30)).isoformat()
    _, checks = _resolve(Candidate("payment_date", future, Source.OCR))
    assert checks["payment_date"]["status"] == CheckStatus.INVALID


def test_resolve_drops_values_outside_the_schema_and_checks_every_field() -> None:
    fields, checks = _resolve(
        Candidate("amount", "12,5", Source.MODEL), Candidate("recipient_inn", "123", Source.MODEL)
    )
    assert fields["amount"] is None and fields["recipient_inn"] is None
    assert set(checks) == set(fields)
    assert checks["amount"] == {
        "status": "unverified",
        "source": None,
        "rule": None,
        "detail": None,
        "box": None,
        "confidence": None,
    }


def test_resolve_repairs_a_bik_from_its_correspondent_account() -> None:
    fields, checks = _resolve(
        Candidate("bank_bic", "047324825", Source.OCR),
        Candidate("bank_corr_account", "30101810673240000828", Source.OCR),
    )
    assert fields["bank_bic"] == "047324828"
    assert checks["bank_bic"]["status"] == "repaired"
    assert "047324828 is the only single OCR confusion that passes with the к/с" in checks["bank_bic"]["detail"]
    assert checks["bank_corr_account"]["status"] == "verified"


def test_resolve_keeps_the_kopecks_that_another_ocr_reading_of_the_same_roubles_lost() -> None:
    fields, _ = _resolve(
        # "Итого 13 011 руб. 46.s0n-": the kopecks unreadable
        Candidate("amount", "13011.00", Source.OCR, 2.0, kopecks_unread=True),
        Candidate("amount", "13011.46", Source.OCR, 1.0),  # "Сумма платежа 13011 руб. 46 коп."
    )
    assert fields["amount"] == "13011.46"


def test_resolve_keeps_a_total_that_printed_its_zero_kopecks_beside_one_before_rounding() -> None:
    fields, _ = _resolve(
        Candidate("amount", "1726.00", Source.OCR, 2.2),  # "ИТОГ =1726.00" after "ОКРУГЛЕНИЕ =0.92"
        Candidate("amount", "1726.92", Source.OCR, 2.0),  # "ВСЕГО =1726.92"
    )
    assert fields["amount"] == "1726.00"


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ((("1018.00", Source.OCR, 2.0), ("1015.46", Source.OCR, 1.0)), "1018.00"),  # other roubles: no evidence
        ((("13011.00", Source.QR, 1.0), ("13011.46", Source.OCR, 1.0)), "13011.00"),  # a QR's sum is exact
    ],
)
def test_resolve_keeps_whole_roubles_unless_ocr_read_the_same_roubles_with_kopecks(
    readings: tuple[tuple[str, Source, float], ...], expected: str
) -> None:
    fields, _ = _resolve(*(Candidate("amount", value, source, score) for value, source, score in readings))
    assert fields["amount"] == expected


@pytest.mark.parametrize(
    ("inn", "kpps", "expected", "rule"),
    [
        ("7405891816", ("140501001", "740501001"), "740501001", "kpp_tax_office"),  # its tax office is the ИНН's
        ("7405891816", ("773601001",), "773601001", "kpp_shape"),  # a large taxpayer's: nothing agrees, nothing lost
    ],
)
def test_resolve_prefers_the_kpp_registered_where_the_inn_was_issued(
    inn: str, kpps: tuple[str, ...], expected: str, rule: str
) -> None:
    """The tax office picks the reading but confirms digits 1–4 only, so neither КПП is verified by it."""
    fields, checks = _resolve(
        Candidate("recipient_inn", inn, Source.OCR), *(Candidate("recipient_kpp", k, Source.OCR) for k in kpps)
    )
    assert fields["recipient_kpp"] == expected
    assert (checks["recipient_kpp"]["status"], checks["recipient_kpp"]["rule"]) == ("unverified", rule)


def test_a_padded_inn_with_a_padding_zero_misread_is_repaired_to_its_ten_digits() -> None:
    """«ИНН 002310031475» of an old register read as 902310031475: the one single confusion that passes is the
    padding's zero; the ten digits are kept, repaired (never verified), and the detail says what was read."""
    details, result = resolve([Candidate("recipient_inn", "902310031475", Source.OCR)], DocumentType.CASH_RECEIPT)
    assert details.recipient_inn == "2310031475"
    assert result["recipient_inn"].status == CheckStatus.REPAIRED
    assert "902310031475" in (result["recipient_inn"].detail or "")


@pytest.mark.parametrize("read", ["2310031474", "002310031474", "772310031475"])
def test_an_inn_that_no_single_confusion_repairs_alone_stays_invalid(read: str) -> None:
    details, result = resolve([Candidate("recipient_inn", read, Source.OCR)], DocumentType.CASH_RECEIPT)
    assert result["recipient_inn"].status == CheckStatus.INVALID and details.recipient_inn == read
