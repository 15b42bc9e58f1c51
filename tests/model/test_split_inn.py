"""An ИНН under its label that OCR split by a space where the number runs on into the next one («ИНН 77 07083893
770701001», «ИНН/КПП 770 7083893/770701001»): its groups joined, only where the join passes the check digits."""

from __future__ import annotations

import pytest

from model.fields import extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType
from model.values import read_inn

VALID_INN = "7707083893"


@pytest.mark.parametrize(
    "text",
    [" 77 07083893 770701001", "/КПП 770 7083893/770701001", ": 7707 083893 770701001", " 770708 389 3 770701001"],
)
def test_an_inns_groups_that_run_on_into_the_next_number_are_joined(text: str) -> None:
    assert read_inn(text) == VALID_INN


@pytest.mark.parametrize(
    "text",
    [
        " 77 07083894 770701001",  # the join fails the check digits: nothing rather than a misread number
        " 770 708 770701001",  # no groups that open the text make ten or twelve digits
    ],
)
def test_a_join_that_fails_or_does_not_fit_gives_nothing(text: str) -> None:
    assert read_inn(text) is None


def test_the_joined_inn_and_its_kpp_are_read_under_a_pairs_label() -> None:
    details, checks = resolve(extract_candidates(["ИНН/КПП 770 7083893/770701001"]), DocumentType.INVOICE)
    assert (details.recipient_inn, details.recipient_kpp) == (VALID_INN, "770701001")
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_kpps_label_read_with_an_exclamation_mark_still_names_the_kpp() -> None:
    details, _ = resolve(extract_candidates(["ИНН 7727406020 КИ! 770801001 ОКТМО 72786000"]), DocumentType.INVOICE)
    assert details.recipient_kpp == "770801001"
