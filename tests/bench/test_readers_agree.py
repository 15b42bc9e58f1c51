from bench.readers_agree import tally
from model.schema import CheckStatus, FieldCheck


def _check(status: CheckStatus, rule: str | None = None) -> FieldCheck:
    return FieldCheck(status=status, rule=rule)


def test_tally_counts_verified_values_by_rule_and_finds_the_wrong_ones() -> None:
    checks = {
        "amount": _check(CheckStatus.VERIFIED, "readers_agree"),
        "payment_date": _check(CheckStatus.VERIFIED, "readers_agree"),
        "recipient_inn": _check(CheckStatus.VERIFIED, "inn_check_digits"),
        "recipient_name": _check(CheckStatus.UNVERIFIED),
    }
    truth = {"amount": "1234.50", "payment_date": "2024-03-01", "recipient_inn": "7707083893", "recipient_name": "А"}
    read = {"amount": "1 234,50", "payment_date": "2024-03-02", "recipient_inn": "7707083893", "recipient_name": "Б"}
    result = tally([("doc.jpg", truth, read, checks)])
    assert (result["values"], result["wrong_values"], result["verified"]) == (4, 2, 3)
    assert result["verified_by_rule"] == {"readers_agree": 2, "inn_check_digits": 1}
    assert result["readers_agree_by_field"] == {"amount": 1, "payment_date": 1}
    assert result["wrong_verified"] == [
        {"file": "doc.jpg", "field": "payment_date", "read": "2024-03-02", "truth": "2024-03-01"}
    ]
