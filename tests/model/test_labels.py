"""The labels' readings of a line and the lines under it (``model.labels.read_labelled``)."""

from __future__ import annotations

import pytest

from model.labels import read_labelled
from model.schema import Source
from model.values import GARBLED_INN


@pytest.mark.parametrize(
    ("line", "figure", "unread"),
    [
        ("Сумма платежа, руб.", "1 500,00", False),
        ("Итого к оплате (руб.):", "1 500,00", False),
        ("Сумма платежа Сумма", "1 500,00 ₽", False),
        ("Сумма:", "1 500,00", False),
        ("Сумма, руб.", "1 500", True),
    ],
    ids=["label goes on in words", "units in brackets", "double label", "label alone", "whole roubles"],
)
def test_kopecks_are_judged_on_the_figure_read_under_the_label(line: str, figure: str, unread: bool) -> None:
    """Where the figure stands under its label, whether its kopecks were read is the figure's to say, not the words
    that follow the label on its own line («Сумма платежа, руб.» over «1 500,00»): a total wrongly marked as read
    without kopecks gives way to any other reading of the same roubles with kopecks."""
    found, _ = read_labelled(line, [figure], set(), Source.OCR)
    amounts = [c for c in found if c.field == "amount"]
    assert amounts
    assert all(c.value == "1500.00" and c.kopecks_unread is unread for c in amounts)


@pytest.mark.parametrize(
    ("line", "garbled"),
    [
        ("А ИНН 55 У1245622", "55?1245622"),  # a letter among the digits, a group split off
        ("ИНН: 770Ж083893 КПП 770101001", "770?083893"),
        ("ИНН 7707083893", None),  # read clean: the value itself
        ("ИНН 77Ж7Ы8Ф893", None),  # three characters unread: too little left to compare
        ("ИНН продавца не указан", None),
        ("ИНН 55 У12456221", None),  # eleven characters: no ИНН's length
    ],
)
def test_an_inn_label_over_a_garbled_number_passes_its_reading_on(line: str, garbled: str | None) -> None:
    """Not a value: a second reading of the number's other digits, which the checks weigh (``resolve``)."""
    found, _ = read_labelled(line, [], set(), Source.OCR)
    assert [c.value for c in found if c.field == GARBLED_INN] == ([garbled] if garbled else [])
    assert all(c.value.isdigit() for c in found if c.field == "recipient_inn")
