"""The БИК directory's measurement: values it verified, per field, and the wrong ones among all verified."""

from __future__ import annotations

from bench.directory_check import _summary
from bench.score import TruthRecord
from model.schema import VALUE_FIELDS, CheckStatus, FieldCheck, PaymentDetails

TRUTH = PaymentDetails(
    document_type="invoice", bank_bic="044525225", bank_corr_account="30101810400000000225", bank_name="ПАО Сбербанк"
)


def _record(file: str) -> TruthRecord:
    return TruthRecord(file=file, document_type="invoice", difficulty="clean", template="one_c_invoice", fields=TRUTH)


def _checks(**statuses: tuple[CheckStatus, str | None]) -> dict[str, FieldCheck]:
    """Every field's check: unverified unless ``statuses`` says otherwise."""
    given = {field: FieldCheck(status=status, rule=rule) for field, (status, rule) in statuses.items()}
    return {field: given.get(field, FieldCheck()) for field in VALUE_FIELDS}


def test_summary_counts_the_directorys_verified_fields_and_finds_a_wrong_verified_value() -> None:
    right = TRUTH.model_dump(mode="json")
    wrong = right | {"bank_name": "АО «Альфа-Банк»"}
    verified = (CheckStatus.VERIFIED, "bik_directory")
    runs = [
        (right, _checks(bank_bic=verified, bank_name=verified)),
        (wrong, _checks(bank_bic=(CheckStatus.UNVERIFIED, None), bank_name=verified)),
    ]
    summary = _summary([_record("a.png"), _record("b.png")], runs)
    assert summary["bik_directory_by_field"] == {"bank_bic": 1, "bank_name": 2}
    assert summary["verified_by_rule"] == {"bik_directory": 3}
    assert summary["wrong_verified"] == [
        {"file": "b.png", "field": "bank_name", "read": "АО «Альфа-Банк»", "truth": "ПАО Сбербанк"}
    ]
    assert 0 < summary["micro_f1"] < 1
