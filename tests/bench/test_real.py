"""The real-documents check: its labels are well-formed and its scoring counts what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.real.run import FOREIGN, Outcome, RealDocument, Run, load_labels, markdown, score
from bench.score import FieldScore
from model.schema import PaymentDetails


def test_labels_load_and_fit_the_schema() -> None:
    documents = load_labels()
    assert len(documents) >= 20
    assert len({d.file for d in documents}) == len(documents)
    for document in documents:
        assert {"repo", "path", "commit", "license"} <= set(document.source)
        assert len(document.source["commit"]) == 40
        scored = {name: value for name, value in document.fields.items() if value is not None}
        PaymentDetails.model_validate(scored)  # a label the schema refuses could never be matched


def test_labels_unscored_fields_are_left_out_and_unlisted_ones_are_none(tmp_path: Path) -> None:
    labels = tmp_path / "documents.json"
    entry = {"file": "a.jpg", "kind": "invoice", "source": {}, "unscored": ["purpose"], "fields": {"amount": "1.00"}}
    labels.write_text(json.dumps({"documents": [entry]}), encoding="utf-8")

    [document] = load_labels(labels)

    assert "purpose" not in document.fields
    assert document.fields["amount"] == "1.00"
    assert document.fields["recipient_inn"] is None


def test_labels_refuse_an_unknown_field(tmp_path: Path) -> None:
    labels = tmp_path / "documents.json"
    entry = {"file": "a.jpg", "kind": "invoice", "source": {}, "fields": {"total": "1.00"}}
    labels.write_text(json.dumps({"documents": [entry]}), encoding="utf-8")

    with pytest.raises(ValueError, match=r"a\.jpg: unknown fields \['total'\]"):
        load_labels(labels)


def _document(file: str, kind: str, **fields: str | None) -> RealDocument:
    return RealDocument(file, kind, {"document_type": kind, **fields}, {"repo": "someone/documents"})


def test_score_counts_right_wrong_invented_and_wrong_verified() -> None:
    documents = [_document("a", "invoice", amount="10.00", recipient_inn="7707083893", recipient_kpp=None)]
    outcome = Outcome(
        "a",
        fields={"document_type": "invoice", "amount": "10.00", "recipient_inn": "7707083894", "recipient_kpp": "1"},
        statuses={"amount": "unverified", "recipient_inn": "verified", "recipient_kpp": "unverified"},
    )

    report = score(documents, {"a": outcome})

    assert report.overall == FieldScore(tp=1, fp=2, fn=1)  # a wrong ИНН is an FP and an FN, an invented КПП an FP
    assert [(w.field, w.read) for w in report.wrong_verified] == [("recipient_inn", "7707083894")]
    assert report.type_right == 1
    assert report.verified_right == {}  # the one right value, the amount, is unverified


def test_score_counts_the_right_values_verified_per_field() -> None:
    documents = [_document("a", "invoice", amount="10.00", recipient_inn="7707083893")]
    outcome = Outcome(
        "a",
        fields={"amount": "10.00", "recipient_inn": "7707083893"},
        statuses={"amount": "unverified", "recipient_inn": "verified"},
        cpu_s=1.0,
    )
    report = score(documents, {"a": outcome})
    assert (report.verified_right, report.verified_share) == ({"recipient_inn": 1}, 0.5)
    text = markdown([Run("tesseract", True, [outcome], report, score([], {}))], documents)
    assert "| recipient_inn | 1/1 |" in text and "| amount | 0/1 |" in text


def test_type_accuracy_counts_only_documents_whose_type_is_scored() -> None:
    typed = _document("a", "invoice")
    untyped = RealDocument("b", "cash_receipt", {"amount": "1.00"}, {"repo": "someone/documents"})
    outcomes = {"a": Outcome("a", fields={"document_type": "invoice"}), "b": Outcome("b", fields={})}

    report = score([typed, untyped], outcomes)

    assert (report.typed, report.type_right) == (1, 1)


def test_markdown_keeps_foreign_documents_apart() -> None:
    documents = [_document("a", "cash_receipt", amount="1.00"), _document("b", FOREIGN, amount="2.00")]
    outcomes = {"a": Outcome("a", fields={"amount": "1.00"}, cpu_s=1.0), "b": Outcome("b", fields={}, cpu_s=2.0)}
    russian = score([documents[0]], outcomes)
    foreign = score([documents[1]], outcomes)
    text = markdown([Run("tesseract", True, list(outcomes.values()), russian, foreign)], documents)

    assert "| tesseract | 1.000 | 1 | 0 | 0 |" in text
    assert "| cash_receipt | 1 | 1.000 |" in text


def test_markdown_names_the_budget_factor_the_documents_were_read_under() -> None:
    documents = [_document("a", "cash_receipt", amount="1.00"), _document("b", "cash_receipt", amount="2.00")]
    outcomes = {
        "a": Outcome("a", fields={"amount": "1.00"}, cpu_s=1.0, budget_factor=1.26),
        "b": Outcome("b", fields={}, cpu_s=2.0, budget_factor=1.26),
    }
    text = markdown(
        [Run("tesseract", True, list(outcomes.values()), score(documents, outcomes), score([], {}))], documents
    )
    assert "CPU s of the reference machine; scaled here by 1.26, this machine's calibration factor" in text


def test_a_wrong_calibration_setting_stops_the_run_with_its_message_before_any_worker(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each worker's ``load`` would raise it, and the pool would break with a traceback."""
    from bench.real.run import main

    monkeypatch.setenv("RECEIPT_READ_BUDGET_CALIBRATION", "fast")
    with pytest.raises(SystemExit, match="bench: RECEIPT_READ_BUDGET_CALIBRATION='fast': expected on, off or a factor"):
        main(["--docs", str(tmp_path)])
