"""The scorer: one comparison rule per field kind, and the counting of true and false positives."""

from __future__ import annotations

import pytest

from bench.corpus.truth import Difficulty, TruthRecord
from bench.score import FieldError, FieldScore, judge, score, text_key, values_match
from model.schema import VALUE_FIELDS, DocumentType, PaymentDetails


def _record(file: str, doc_type: DocumentType, difficulty: Difficulty, **fields: str) -> TruthRecord:
    return TruthRecord(
        file=file,
        document_type=doc_type,
        difficulty=difficulty,
        template="test",
        fields=PaymentDetails(document_type=doc_type, **fields),
    )


@pytest.mark.parametrize(
    ("field", "truth", "predicted", "expected"),
    [
        ("recipient_inn", "7707083893", "7707083893", True),
        ("recipient_inn", "7707083893", "ИНН 7707083893", True),
        ("recipient_inn", "7707083893", "7707083894", False),
        ("recipient_inn", "500100732259", "50010073225", False),
        ("recipient_account", "40702810938000000001", "4070 2810 9380 0000 0001", True),
        ("recipient_account", "40702810938000000001", "40702810938000000007", False),
        ("bank_bic", "044525225", "04-45-25-225", True),
        ("bank_corr_account", "30101810400000000225", "30101810400000000255", False),
        ("fiscal_drive_number", "9282000100072197", "9282000100072197", True),
        ("fiscal_drive_number", "9282000100072197", "0000000100072197", False),
        ("fiscal_document_number", "64318", "064318", True),
        ("fiscal_document_number", "64318", "64317", False),
        ("fiscal_sign", "918241905", "0918241905", True),
        ("fiscal_sign", "2918241905", "нет", False),
        ("recipient_kpp", "773601001", "773601001", True),
        ("recipient_kpp", "7736AB001", "7736ab001", True),
        ("recipient_kpp", "7736AB001", "7736 AB 001", True),
        ("recipient_kpp", "773601001", "773601002", False),
        ("amount", "1234.50", "1234.50", True),
        ("amount", "1234.50", "1234.5", True),
        ("amount", "1234.50", "1 234,50", True),
        ("amount", "1234.50", "1234.51", False),
        ("amount", "1234.50", "123450", False),
        ("amount", "1234.50", "много", False),
        ("payment_date", "2024-04-18", "2024-04-18", True),
        ("payment_date", "2024-04-18", "18.04.2024", True),
        ("payment_date", "2024-04-18", "2024-04-19", False),
        ("payment_date", "2024-04-18", "вчера", False),
        ("currency", "RUB", "RUB", True),
        ("currency", "RUB", " rub ", True),
        ("currency", "RUB", "RUR", False),
        ("currency", "RUB", "₽", False),
    ],
)
def test_values_match_applies_field_rule(field: str, truth: str, predicted: str, expected: bool) -> None:
    assert values_match(field, truth, predicted) is expected


@pytest.mark.parametrize(
    ("field", "truth", "predicted", "expected"),
    [
        ("recipient_name", "ООО «Ромашка»", "ООО «Ромашка»", True),
        ("recipient_name", "ООО «Ромашка»", 'ООО "Ромашка"', True),
        ("recipient_name", "ООО «Ромашка»", "ооо ромашка", True),
        ("recipient_name", "ИП Иванов И. И.", "ИП Иванов И.И.", True),
        ("recipient_name", "ИП Иванов И. И.", "Иванов И. И.", False),
        ("recipient_name", "ООО «Ромашка»", "ООО «Василёк»", False),
        ("bank_name", "ПАО Сбербанк", "ПАО  Сбербанк", True),
        ("bank_name", "ПАО Сбербанк", "АО «Альфа-Банк»", False),
        ("purpose", "Оплата по счёту № 15 от 18.04.2024", "Оплата по счету №15 от 18.04.2024", True),
        ("purpose", "Оплата по счёту № 15 от 18.04.2024", "Оплата по счёту № 16 от 18.04.2024", True),
        ("purpose", "Оплата по счёту № 15 от 18.04.2024", "Оплата по счёту", False),
        ("payer_name", "Иван Иванович И.", "Иван Иванович И", True),
        ("payer_name", "Иванов Иван Иванович", "Петров Пётр Петрович", False),
    ],
)
def test_values_match_compares_text_by_similarity(field: str, truth: str, predicted: str, expected: bool) -> None:
    assert values_match(field, truth, predicted) is expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ООО «Ромашка»", "ооо ромашка"),
        ('  ООО   "Ромашка" ', "ооо ромашка"),
        ("Счёт № 15, от 18.04.2024", "счет 15 от 18 04 2024"),
        ("„Берёзка“", "березка"),
        ("ИП Иванов И.И.", "ип иванов и и"),
    ],
)
def test_text_key_folds_case_quotes_and_punctuation(text: str, key: str) -> None:
    assert text_key(text) == key


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        (None, None, FieldScore()),
        (None, "7707083893", FieldScore(fp=1)),
        ("7707083893", None, FieldScore(fn=1)),
        ("7707083893", "7707083893", FieldScore(tp=1)),
        ("7707083893", "7707083894", FieldScore(fp=1, fn=1)),
    ],
)
def test_judge_counts_one_decision(truth: str | None, predicted: str | None, expected: FieldScore) -> None:
    assert judge("recipient_inn", truth, predicted) == expected


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (FieldScore(tp=3, fp=1, fn=2), 3 / 4, 3 / 5, 6 / 9),
        (FieldScore(tp=0, fp=0, fn=4), 0.0, 0.0, 0.0),
        (FieldScore(tp=0, fp=2, fn=0), 0.0, 0.0, 0.0),
        (FieldScore(), 0.0, 0.0, 0.0),
        (FieldScore(tp=5), 1.0, 1.0, 1.0),
    ],
)
def test_field_score_ratios(counts: FieldScore, precision: float, recall: float, f1: float) -> None:
    assert counts.precision == pytest.approx(precision)
    assert counts.recall == pytest.approx(recall)
    assert counts.f1 == pytest.approx(f1)


INVOICE = _record(
    "a.jpg",
    DocumentType.INVOICE,
    Difficulty.CLEAN,
    recipient_inn="7707083893",
    amount="1234.50",
    purpose="Оплата по счёту № 15",
)
RECEIPT = _record(
    "b.jpg", DocumentType.CASH_RECEIPT, Difficulty.HARD, recipient_inn="500100732259", fiscal_sign="2918241905"
)


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ({"": {}}, FieldScore(fn=3)),
        ({"a.jpg": {"recipient_inn": "7707083893", "amount": "1 234,50", "purpose": "оплата по счету № 15"}},
         FieldScore(tp=3)),
        ({"a.jpg": {"recipient_inn": "7707083893", "amount": "99.00"}}, FieldScore(tp=1, fp=1, fn=2)),
        ({"a.jpg": {"recipient_inn": "7707083893", "amount": "1234.50", "purpose": "x", "bank_bic": "044525225"}},
         FieldScore(tp=2, fp=2, fn=1)),
        ({"a.jpg": {"recipient_inn": "  ", "amount": "", "purpose": None}}, FieldScore(fn=3)),
    ],
)  # fmt: skip
def test_score_counts_per_document(predicted: dict[str, dict[str, str | None]], expected: FieldScore) -> None:
    assert score([INVOICE], predicted).overall == expected


def test_score_missing_file_counts_every_truth_value_as_missed() -> None:
    report = score([INVOICE, RECEIPT], {})
    assert report.overall == FieldScore(fn=5)
    assert report.micro_f1 == 0.0
    assert report.document_type_accuracy == 0.0


def test_score_pools_micro_f1_and_groups_by_type_and_difficulty() -> None:
    predicted = {
        "a.jpg": {"document_type": "invoice", "recipient_inn": "7707083893", "amount": "1234.50"},
        "b.jpg": {"document_type": "invoice", "recipient_inn": "500100732259", "fiscal_sign": "1", "amount": "5.00"},
    }
    report = score([INVOICE, RECEIPT], predicted)
    assert report.overall == FieldScore(tp=3, fp=2, fn=2)
    assert report.micro_f1 == pytest.approx(6 / 10)
    assert report.per_field["recipient_inn"] == FieldScore(tp=2)
    assert report.per_field["fiscal_sign"] == FieldScore(fp=1, fn=1)
    assert report.per_field["amount"] == FieldScore(tp=1, fp=1)
    assert report.per_field["purpose"] == FieldScore(fn=1)
    assert set(report.per_field) == set(VALUE_FIELDS)
    assert report.by_type["invoice"].counts == FieldScore(tp=2, fn=1)
    assert report.by_type["cash_receipt"].counts == FieldScore(tp=1, fp=2, fn=1)
    assert report.by_difficulty["hard"].micro_f1 == pytest.approx(2 / 5)
    assert report.by_difficulty["clean"].documents == 1
    assert report.document_type_accuracy == 0.5
    assert report.documents == 2


def test_score_lists_each_error_with_both_values() -> None:
    predicted = {"a.jpg": {"recipient_inn": "7707083893", "amount": "99.00", "bank_bic": "044525225"}}
    report = score([INVOICE], predicted)
    assert report.errors == [
        FieldError("a.jpg", "bank_bic", None, "044525225"),
        FieldError("a.jpg", "amount", "1234.50", "99.00"),
        FieldError("a.jpg", "purpose", "Оплата по счёту № 15", None),
    ]


def test_score_reports_predictions_for_unknown_files() -> None:
    report = score([INVOICE], {"a.jpg": {}, "/abs/path/a.jpg": {}})
    assert report.unmatched_predictions == ["/abs/path/a.jpg"]


def test_to_markdown_shows_tables_and_escapes_values() -> None:
    predicted = {"a.jpg": {"document_type": "invoice", "recipient_inn": "7707083893", "purpose": "a|b"}}
    markdown = score([INVOICE, RECEIPT], predicted).to_markdown(max_errors=2)
    assert "**micro-F1 0.286** over 2 documents (TP 1, FP 1, FN 4)" in markdown
    assert "| recipient_inn | 1 | 0 | 1 | 1.000 | 0.500 | 0.667 |" in markdown
    assert "| bank_bic | 0 | 0 | 0 | — | — | — |" in markdown
    assert "| invoice | 1 | 1 | 1 | 2 | 0.400 |" in markdown
    assert "| hard | 1 | 0 | 0 | 2 | 0.000 |" in markdown
    assert "First 2 of 4 errors:" in markdown
    assert "| a.jpg | purpose | Оплата по счёту № 15 | a\\|b |" in markdown


@pytest.mark.parametrize(
    ("predicted", "status", "wrong_verified"),
    [
        ("7707083893", "verified", []),  # right and verified: the contract holds
        ("7707083894", "verified", [FieldError("a.jpg", "recipient_inn", "7707083893", "7707083894")]),
        ("7707083894", "invalid", []),  # wrong, but said so
        ("7707083894", "repaired", []),  # wrong, and the person is asked to look
    ],
)
def test_score_finds_wrong_values_with_a_verified_status(
    predicted: str, status: str, wrong_verified: list[FieldError]
) -> None:
    report = score([INVOICE], {"a.jpg": {"recipient_inn": predicted}}, {"a.jpg": {"recipient_inn": status}})
    assert report.wrong_verified == wrong_verified
    assert f"**{len(wrong_verified)} wrong values with a verified status**" in report.to_markdown()


@pytest.mark.parametrize(("status", "verified"), [("verified", 1), ("unverified", 0), ("repaired", 0)])
def test_score_counts_the_right_values_that_are_verified(status: str, verified: int) -> None:
    """A right value left unverified is no error, but it is what a stricter rule costs: the person compares it."""
    report = score([INVOICE], {"a.jpg": {"recipient_inn": "7707083893"}}, {"a.jpg": {"recipient_inn": status}})
    assert report.verified_right == ({"recipient_inn": 1} if verified else {})
    assert f"| recipient_inn | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 | {verified} |" in report.to_markdown()


def test_score_counts_a_verified_value_where_the_document_shows_none() -> None:
    report = score([INVOICE], {"a.jpg": {"bank_bic": "044525225"}}, {"a.jpg": {"bank_bic": "verified"}})
    assert report.wrong_verified == [FieldError("a.jpg", "bank_bic", None, "044525225")]


def test_score_without_statuses_reports_no_trust_figure() -> None:
    report = score([INVOICE], {"a.jpg": {"recipient_inn": "7707083894"}})
    assert report.wrong_verified is None
    assert report.verified_right is None
    assert "verified status" not in report.to_markdown()
