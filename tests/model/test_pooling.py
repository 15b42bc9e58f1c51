"""The pooled backend: both readers' candidates, the checks choosing between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.pipeline import Extractor
from model.pooling import AGREEMENT_BONUS, pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source

ROOT = Path(__file__).parents[2]
VALID_INN = "7707083893"
MISREAD_INN = "7707088893"  # one digit off: fails the check digits


def test_pooled_readings_keep_both_readers_and_raise_what_they_agree_on() -> None:
    tesseract = [Candidate("recipient_name", "ООО «Ромашка»", Source.OCR), Candidate("amount", "100.00", Source.OCR)]
    indra = [Candidate("recipient_name", "ООО «Ромашка»", Source.OCR, 0.8), Candidate("amount", "700.00", Source.OCR)]
    pooled = pool_readings(tesseract, indra)
    assert [(c.field, c.value, c.score) for c in pooled] == [
        ("recipient_name", "ООО «Ромашка»", 1.0 + AGREEMENT_BONUS),
        ("amount", "100.00", 1.0),
        ("recipient_name", "ООО «Ромашка»", 0.8 + AGREEMENT_BONUS),
        ("amount", "700.00", 1.0),
    ]


@pytest.mark.parametrize(("first", "second"), [(MISREAD_INN, VALID_INN), (VALID_INN, MISREAD_INN)])
def test_the_check_digits_choose_the_reader_that_read_the_inn_right(first: str, second: str) -> None:
    pooled = pool_readings(
        [Candidate("recipient_inn", first, Source.OCR)], [Candidate("recipient_inn", second, Source.OCR)]
    )
    details, checks = resolve(pooled, DocumentType.INVOICE)
    assert details.recipient_inn == VALID_INN
    assert checks["recipient_inn"].status != CheckStatus.INVALID


def test_a_value_both_readers_agree_on_wins_over_one_reader_alone() -> None:
    tesseract = [
        Candidate("recipient_name", "ООО «Ромашко»", Source.OCR),
        Candidate("recipient_name", "ООО «Ромашка»", Source.OCR, 0.8),
    ]
    indra = [Candidate("recipient_name", "ООО «Ромашка»", Source.OCR)]
    details, _ = resolve(pool_readings(tesseract, indra), DocumentType.INVOICE)
    assert details.recipient_name == "ООО «Ромашка»"
    details, _ = resolve(tesseract, DocumentType.INVOICE)
    assert details.recipient_name == "ООО «Ромашко»"  # alone, the first reading would have won


def test_the_pooled_backend_reads_a_page_with_both_readers() -> None:
    extraction = Extractor("pooled").extract((ROOT / "model" / "samples" / "doc_0001.jpg").read_bytes())
    assert {"ocr", "indra"} <= set(extraction.stages)
    assert extraction.response.count("\n\n") >= 1  # both readings' text
    assert extraction.details.bank_bic is not None
    assert extraction.checks["bank_bic"].status != CheckStatus.INVALID
