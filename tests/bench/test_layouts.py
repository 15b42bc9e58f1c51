"""The second synthetic set (``bench/layouts``): reproducible, and its truth is what real documents would carry."""

from __future__ import annotations

import hashlib
import random
from decimal import Decimal
from pathlib import Path

import pytest

from bench.corpus.truth import TRUTH_FILE, load_truth
from bench.layouts import invoices, receipts, transfers
from bench.layouts.drawn import Template
from bench.layouts.generate import KINDS, generate, plan
from bench.layouts.requisites import in_words
from model.checks import corr_account_valid, inn_valid, settlement_account_valid
from model.schema import DocumentType

TEMPLATES = [*receipts.TEMPLATES, *invoices.TEMPLATES, *transfers.TEMPLATES]


def _digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def test_the_same_seed_draws_the_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=3, per_kind=1)
    generate(tmp_path / "b", seed=3, per_kind=1)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    records = load_truth(tmp_path / "a" / TRUTH_FILE)
    assert [(record.file, record.difficulty.value) for record in records[:2]] == [
        ("receipt_00_clean.png", "clean"),
        ("receipt_00_photo.jpg", "photo"),
    ]


def test_every_template_of_every_kind_is_planned() -> None:
    planned = {template for _, template in plan(4)}
    assert planned == {template for _, templates in KINDS for template in templates}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.__name__)
def test_a_templates_identifiers_pass_their_checks(template: Template) -> None:
    for seed in range(3):
        details = template(random.Random(seed)).details
        assert details.recipient_inn is None or inn_valid(details.recipient_inn)
        if details.recipient_account and details.bank_bic:
            assert settlement_account_valid(details.recipient_account, details.bank_bic)
        if details.bank_corr_account and details.bank_bic:
            assert corr_account_valid(details.bank_corr_account, details.bank_bic)
        if details.recipient_inn and len(details.recipient_inn) == 12:
            assert details.recipient_kpp is None, "an ИП has no КПП"
        if details.document_type == DocumentType.CASH_RECEIPT:
            assert details.fiscal_drive_number is not None and len(details.fiscal_drive_number) == 16
            assert int(details.fiscal_sign or 0) < 2**32


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("1.00"), "Один рубль 00 копеек"),
        (Decimal("21.02"), "Двадцать один рубль 02 копейки"),
        (Decimal("2011.15"), "Две тысячи одиннадцать рублей 15 копеек"),
        (Decimal("131686.83"), "Сто тридцать одна тысяча шестьсот восемьдесят шесть рублей 83 копейки"),
    ],
)
def test_a_sum_in_words_reads_as_an_invoice_writes_it(value: Decimal, words: str) -> None:
    assert in_words(value) == words
