"""Check digits against the worked examples in shared/notes/payment-details.md and single-digit mutations."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from model.checks import (
    FISCAL_DRIVE_PREFIXES,
    account_control_key,
    bik_valid,
    corr_account_shape_valid,
    corr_account_valid,
    fiscal_drive_number_valid,
    fiscal_number_valid,
    inn_check_digits,
    inn_valid,
    kpp_tax_office_matches_inn,
    kpp_valid,
    ogrn_valid,
    passing_repairs,
    repair_single_confusion,
    settlement_account_valid,
)

INN_ORG = "7707083893"
INN_PERSON = "500100732259"
BIK = "049805746"
SETTLEMENT = "40602810700000000025"  # key 7 with BIK 049805746
CORR = "30101810800000000746"  # key 8 with prefix "0" + "05"
SBER_BIK = "044525225"
SBER_CORR = "30101810400000000225"
OGRN = "1027700132195"
OGRNIP = "304500116000157"
OGRNIP_MOD13 = "304770115300062"  # 30477011530006 mod 13 = 2, mod 11 would give 8


def mutations(value: str) -> Iterator[str]:
    """Every string that differs from ``value`` in exactly one digit."""
    for i, ch in enumerate(value):
        for digit in "0123456789":
            if digit != ch:
                yield value[:i] + digit + value[i + 1 :]


def refused_mutations(value: str, is_valid: Callable[[str], bool]) -> list[str]:
    return [m for m in mutations(value) if is_valid(m)]


@pytest.mark.parametrize("value", [INN_ORG, INN_PERSON, "7736207543"])
def test_inn_valid_accepts_worked_examples(value: str) -> None:
    assert inn_valid(value)


@pytest.mark.parametrize("value", [INN_ORG, INN_PERSON])
def test_inn_valid_refuses_every_single_digit_mutation(value: str) -> None:
    assert refused_mutations(value, inn_valid) == []


@pytest.mark.parametrize(
    "value",
    [
        "",
        "770708389",
        "77070838930",
        "5001007322590",
        "77070838 3",
        "770708389X",
        "７７０７０８３８９３",
        "٧٧٠٧٠٨٣٨٩٣",
        "0000000000",  # a template's placeholder: check digits pass, region 00 does not exist
        "000000000000",
        "0012345673",
    ],
)
def test_inn_valid_refuses_wrong_length_non_digits_or_no_region(value: str) -> None:
    assert not inn_valid(value)


@pytest.mark.parametrize(("first", "expected"), [(INN_ORG[:9], INN_ORG[9:]), (INN_PERSON[:10], INN_PERSON[10:])])
def test_inn_check_digits_completes_worked_examples(first: str, expected: str) -> None:
    assert inn_check_digits(first) == expected


@pytest.mark.parametrize("first", ["", "12345678", "12345678901", "12345678X"])
def test_inn_check_digits_rejects_bad_prefix(first: str) -> None:
    with pytest.raises(ValueError, match="9 or 10 digits"):
        inn_check_digits(first)


@pytest.mark.parametrize(("value", "expected"), [
    ("773601001", True),
    ("7736AB001", True),
    ("77360100", False),
    ("7736010011", False),
    ("7736ab001", False),
    ("AB3601001", False),
    ("773601 01", False),
])  # fmt: skip
def test_kpp_valid_checks_shape(value: str, expected: bool) -> None:
    assert kpp_valid(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    (BIK, True),
    (SBER_BIK, True),
    ("049805000", True),
    ("149805746", False),
    ("04980574", False),
    ("0498057460", False),
    ("04980574O", False),
])  # fmt: skip
def test_bik_valid_checks_shape_and_prefix(value: str, expected: bool) -> None:
    assert bik_valid(value) is expected


@pytest.mark.parametrize(("account", "prefix", "expected"), [
    ("40602810000000000025", BIK[6:9], 7),
    ("30101810000000000746", "0" + "049805000"[4:6], 8),
    ("30101810900000000225", "0" + SBER_BIK[4:6], 4),  # the key digit already there is ignored
])  # fmt: skip
def test_account_control_key_matches_worked_examples(account: str, prefix: str, expected: int) -> None:
    assert account_control_key(account, prefix) == expected


@pytest.mark.parametrize(
    ("account", "prefix"), [("4060281000000000002", "746"), (SETTLEMENT, "74"), (SETTLEMENT, "7a6")]
)
def test_account_control_key_rejects_bad_lengths(account: str, prefix: str) -> None:
    with pytest.raises(ValueError, match="20-digit account"):
        account_control_key(account, prefix)


@pytest.mark.parametrize(("account", "bik"), [(SETTLEMENT, BIK), ("40702810938000000001", SBER_BIK)])
def test_settlement_account_valid_accepts_worked_examples(account: str, bik: str) -> None:
    assert settlement_account_valid(account, bik)


def test_settlement_account_valid_refuses_every_single_digit_mutation() -> None:
    assert refused_mutations(SETTLEMENT, lambda a: settlement_account_valid(a, BIK)) == []


@pytest.mark.parametrize(("account", "bik"), [
    (SETTLEMENT, "044525593"),  # another bank's key
    (SETTLEMENT[:-1], BIK),
    (SETTLEMENT + "0", BIK),
    (SETTLEMENT[:-1] + "S", BIK),
    (SETTLEMENT, "04980574"),
    (SETTLEMENT, "14980574б"),
])  # fmt: skip
def test_settlement_account_valid_refuses_mismatch_or_malformed(account: str, bik: str) -> None:
    assert not settlement_account_valid(account, bik)


@pytest.mark.parametrize(("account", "bik"), [(CORR, BIK), (SBER_CORR, SBER_BIK)])
def test_corr_account_valid_accepts_worked_examples(account: str, bik: str) -> None:
    assert corr_account_valid(account, bik)


@pytest.mark.parametrize(("account", "bik"), [(CORR, BIK), (SBER_CORR, SBER_BIK)])
def test_corr_account_valid_refuses_every_single_digit_mutation(account: str, bik: str) -> None:
    assert refused_mutations(account, lambda a: corr_account_valid(a, bik)) == []


@pytest.mark.parametrize(("account", "bik"), [(CORR, BIK), (SBER_CORR, SBER_BIK)])
def test_corr_account_valid_refuses_any_currency_code_but_the_roubles(account: str, bik: str) -> None:
    """Digits 6–8 misread together pass the key one time in ten; the code itself must be 810."""
    codes = [f"{code:03d}" for code in range(1000)]
    passing = [code for code in codes if corr_account_valid(account[:5] + code + account[8:], bik)]
    assert passing == ["810"]
    assert not corr_account_shape_valid(account[:5] + "978" + account[8:])


@pytest.mark.parametrize(("account", "bik"), [
    (CORR, "049805000"),  # the RKC's own BIK: the account does not end with 000
    (SBER_CORR, BIK),
    ("40702810938000000001", SBER_BIK),  # a settlement account is not a correspondent one
    (SBER_CORR[:-1], SBER_BIK),
])  # fmt: skip
def test_corr_account_valid_refuses_mismatch_or_malformed(account: str, bik: str) -> None:
    assert not corr_account_valid(account, bik)


@pytest.mark.parametrize("value", [OGRN, OGRNIP, OGRNIP_MOD13])
def test_ogrn_valid_accepts_worked_examples(value: str) -> None:
    assert ogrn_valid(value)


@pytest.mark.parametrize("value", [OGRN, OGRNIP])
def test_ogrn_valid_refuses_every_single_digit_mutation(value: str) -> None:
    assert refused_mutations(value, ogrn_valid) == []


@pytest.mark.parametrize("value", ["", OGRN[:-1], OGRN + "0", OGRNIP[:-1], OGRN[:-1] + "S", "10277OO132195"])
def test_ogrn_valid_refuses_wrong_length_or_non_digits(value: str) -> None:
    assert not ogrn_valid(value)


def _settlement(account: str) -> bool:
    return settlement_account_valid(account, BIK)


@pytest.mark.parametrize(("value", "is_valid", "expected"), [
    (INN_ORG, inn_valid, INN_ORG),  # already valid
    ("77O7083893", inn_valid, INN_ORG),  # Latin O
    ("77О7083893", inn_valid, INN_ORG),  # Cyrillic О
    ("7707083593", inn_valid, None),  # 3 read as 5: eight other single misreads validate too
    ("77070838g3", inn_valid, INN_ORG),
    ("50010073225g", inn_valid, INN_PERSON),
    ("5001OO732259", inn_valid, None),  # two confusions
    ("7707083393", inn_valid, None),  # ambiguous: 7707085393 and 7707083893 both validate
    ("201417776312", inn_valid, None),  # 9 read as 0: 201417776812 validates as well as 291417776312
    ("770708389", inn_valid, None),  # a missing digit is not a confusion
    ("4060281070000000002S", _settlement, SETTLEMENT),
    ("4O602810700000000025", _settlement, SETTLEMENT),
    ("40602810700000000O2S", _settlement, None),
    ("102770013219S", ogrn_valid, OGRN),
    ("3045001160001S7", ogrn_valid, OGRNIP),
    ("", inn_valid, None),
])  # fmt: skip
def test_repair_single_confusion_cases(value: str, is_valid: Callable[[str], bool], expected: str | None) -> None:
    assert repair_single_confusion(value, is_valid) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("77O7083893", "7707083893"),  # only the non-digit may change, though 3/5/8 elsewhere would validate too
    ("77O70838g3", None),  # no single change leaves digits only
])  # fmt: skip
def test_repair_single_confusion_yields_digits_only(value: str, expected: str | None) -> None:
    assert repair_single_confusion(value, lambda candidate: candidate != value) == expected


def test_repair_single_confusion_refuses_repair_that_keeps_a_letter() -> None:
    assert repair_single_confusion("77O70838g3", lambda candidate: candidate == "77070838g3") is None


@pytest.mark.parametrize(("truth", "is_valid"), [
    (INN_PERSON, inn_valid),
    ("291417776312", inn_valid),  # seen repaired to a wrong ИНН by a 3/5/8-only table
    ("681241586817", inn_valid),
    (INN_ORG, inn_valid),
    (SETTLEMENT, _settlement),
    (OGRN, ogrn_valid),
])  # fmt: skip
def test_a_repair_of_one_misread_digit_is_the_truth_or_nothing(truth: str, is_valid: Callable[[str], bool]) -> None:
    """Whatever digit was misread as whatever other digit, the repair never invents a third value."""
    for misread in mutations(truth):
        if not is_valid(misread):
            assert repair_single_confusion(misread, is_valid) in (None, truth), misread
            assert truth in passing_repairs(misread, is_valid)


@pytest.mark.parametrize(("value", "valid"), [
    ("9282000100072197", True),  # the notes' worked example
    ("7281440500123456", True),
    ("8710000100123456", True),
    ("9960440300123456", True),
    ("928200010007219", False),  # a digit dropped
    ("92820001000721970", False),  # a digit added
    ("1282000100072197", False),  # no drive's prefix
    ("928200010007219O", False),
])  # fmt: skip
def test_fiscal_drive_number_valid_cases(value: str, valid: bool) -> None:
    assert fiscal_drive_number_valid(value) is valid


def test_every_fiscal_drive_prefix_has_two_digits() -> None:
    assert all(len(prefix) == 2 and prefix.isdigit() for prefix in FISCAL_DRIVE_PREFIXES)


@pytest.mark.parametrize(("value", "valid"), [
    ("64318", True),
    ("0000064318", True),  # printed with leading zeros
    ("2918241905", True),
    ("4294967295", True),  # the largest 32-bit number
    ("4294967296", False),
    ("29182419050", False),  # a digit added
    ("", False),
    ("12a4", False),
])  # fmt: skip
def test_fiscal_number_valid_cases(value: str, valid: bool) -> None:
    assert fiscal_number_valid(value) is valid


@pytest.mark.parametrize(("kpp", "inn", "matches"), [
    ("770701001", INN_ORG, True),
    ("773601001", INN_ORG, False),  # a large taxpayer's or a moved company's КПП: no agreement, no refutation
    ("770701001", "7707", False),
    ("770701001", INN_PERSON, False),  # an individual has no КПП
    ("7707AB001", INN_ORG, True),
])  # fmt: skip
def test_kpp_tax_office_matches_inn_cases(kpp: str, inn: str, matches: bool) -> None:
    assert kpp_tax_office_matches_inn(kpp, inn) is matches
