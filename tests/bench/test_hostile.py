"""The hostile check of the trust contract (``bench.hostile``): on pages where several parties print complete, valid
requisites, several sums and several dates, no value comes out ``verified`` unless it is the truth's."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from bench.hostile import CLASSES, SOURCES, Finding, check, draw, ocr_lines, read, right
from model.checks import bik_valid, corr_account_valid, inn_valid, settlement_account_valid
from model.columns import unzipped_columns

SEED = 7
PAGES_PER_CLASS = 40
"""40 pages of each class, each read three ways (Tesseract, a text layer, two readers pooled): about 1,700 readings
in a few seconds."""


OPEN_CLASSES: dict[str, str] = {}
"""Classes the check found that a fix is still to close, each by name: its test is expected to fail (strict, so
that the fix must take its name off this list)."""


def _findings(kind: str) -> list[Finding]:
    found = []
    for index in range(PAGES_PER_CLASS):
        page = draw(SEED, index, [kind])
        for source in SOURCES:
            found += check(page, read(page, source), index)
    return found


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(kind, marks=pytest.mark.xfail(strict=True, reason=OPEN_CLASSES[kind]))
        if kind in OPEN_CLASSES
        else kind
        for kind in CLASSES
    ],
)
def test_no_value_of_another_role_is_verified(kind: str) -> None:
    findings = _findings(kind)
    assert not findings, "\n".join(
        f"#{f.index} {f.arrangement} {f.field}: truth {f.truth!r}, verified {f.read!r}" for f in findings[:10]
    )


@pytest.mark.parametrize("kind", CLASSES)
def test_every_page_prints_valid_requisites_of_its_truth(kind: str) -> None:
    """The check is only hostile if every party's numbers pass their checks: the truth's do, and are printed."""
    for index in range(10):
        page = draw(SEED, index, [kind])
        truth, text = page.truth, "\n".join(page.lines)
        assert truth.recipient_inn is None or (inn_valid(truth.recipient_inn) and truth.recipient_inn in text)
        if truth.bank is not None and truth.recipient_account is not None and truth.bank.bic[:2] == "04":
            assert bik_valid(truth.bank.bic) and truth.bank.bic in text
            assert corr_account_valid(truth.bank.corr_account, truth.bank.bic)
            assert settlement_account_valid(truth.recipient_account, truth.bank.bic)
        assert truth.amount > Decimal(0)


def test_a_seed_and_index_draw_the_same_page() -> None:
    assert draw(3, 5).lines == draw(3, 5).lines
    assert draw(3, 5).lines != draw(4, 5).lines


def test_a_side_by_side_table_is_parted_into_its_columns() -> None:
    """The payment order's two columns laid out as OCR gives them come back as the payer's block, then the payee's."""
    page = next(p for p in (draw(SEED, i, ["payment_order"]) for i in range(50)) if p.columns)
    lines = unzipped_columns(ocr_lines(page))
    assert lines[1] in ("Плательщик", "Получатель")
    assert sum(line in ("Плательщик", "Получатель") for line in lines) == 2


def test_a_wrong_value_verified_is_found() -> None:
    """The check itself: a verified value of another party's is counted, an unverified one is not."""
    page = draw(SEED, 0, ["invoice"])
    assert not right("recipient_inn", "7707083893", page.truth)
    assert right("amount", f"{page.truth.amount}", page.truth)


def test_a_documents_qr_codes_and_further_pages_are_read() -> None:
    """A QR code's fields are readings as the pipeline feeds them in (a bill's code agreeing with its text verifies
    its amount), and every page of a document is read (requisites printed on its second page only are found)."""
    page = next(p for p in (draw(SEED, i, ["qr_invoice"]) for i in range(50)) if p.arrangement == "agrees")
    assert read(page, "ocr").statuses["amount"] == "verified"
    moved = replace(page, lines=page.lines[:1], more_pages=[page.lines[1:]], qr_codes=[])
    assert read(moved, "pdf").values["recipient_inn"] == page.truth.recipient_inn
