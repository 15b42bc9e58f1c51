"""The generalisation check: the corpus truth printed in other wordings and arrangements, read by the parser."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from bench.corpus.truth import load_truth
from bench.variants import FAMILIES, TRUTH, format_amount, format_date, read_lines, render, run
from model.normalize import digits, normalize_amount, normalize_date

RECORDS = load_truth(TRUTH)
MIN_F1 = 0.99
"""Every family, the mixed one included, measured 1.000 on seeds 1-7 and 14 when this was written: a family that
falls below this has found a wording the parser lost."""


@pytest.mark.parametrize("seed", range(20))
def test_every_amount_and_date_format_reads_back(seed: int) -> None:
    rng = random.Random(seed)
    amount = f"{Decimal(rng.randint(1, 10**8)) / 100:.2f}"
    day = f"20{rng.randint(10, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    assert normalize_amount(format_amount(amount, rng)) == amount
    assert normalize_date(format_date(day, rng, with_time=True)) == day


def test_a_seed_gives_the_same_rendering_and_another_seed_another() -> None:
    record = RECORDS[1]
    assert render(record, "mixed", 14) == render(record, "mixed", 14)
    assert render(record, "mixed", 14) != render(record, "mixed", 15)
    assert render(record, "plain", 14)[1:] == render(record, "plain", 15)[1:]  # only the title's number varies


@pytest.mark.parametrize("family", FAMILIES)
def test_each_rendering_prints_every_identifier_of_its_truth(family: str) -> None:
    """The harness scores only what it printed: every identifier of the truth is in the text."""
    for record in RECORDS[:30]:
        text = digits(" ".join(render(record, family)))
        for name in ("recipient_inn", "recipient_account", "bank_bic", "bank_corr_account", "fiscal_drive_number"):
            if (value := getattr(record.fields, name)) is not None:
                assert value in text, (record.file, family, name)


def test_the_control_family_is_read_in_full() -> None:
    reading = read_lines(render(RECORDS[1], "plain"))
    expected = RECORDS[1].fields.model_dump(mode="json")
    assert {name: reading.values[name] for name in expected} == expected


@pytest.mark.parametrize("seed", [14, 3])
def test_the_parser_reads_every_family_and_verifies_no_wrong_value(seed: int) -> None:
    for result in run(RECORDS, seed=seed):
        report = result.report
        assert report.wrong_verified == [], result.family
        assert report.micro_f1 >= MIN_F1, (result.family, report.micro_f1, report.errors[:5])
        assert report.document_type_accuracy >= MIN_F1, result.family
