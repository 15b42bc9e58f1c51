"""Amounts OCR read with their separators lost or misread on photos (bench/layouts rounds 7 and 9): read only where
the figure's shape says where the roubles end, never confirmed by that shape, and never a thousandfold misreading."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.normalize import kopecks_shown, normalize_amount, separator_lost
from model.resolve import _without_currency_read_as_digit, resolve
from model.schema import Candidate, CheckStatus, FieldCheck, PaymentDetails, Source
from model.values import payable

TRANSFER = [
    "Сбербанк Онлайн",
    "Чек по операции",
    "Получатель",
    "АО «Радуга»",
    "ИНН получателя",
    "0748915322",
    "Назначение платежа",
    "Оплата по договору № 475-59. НДС не облагается",
    "Сумма платежа",
    "{figure}",
    "ПАО СБЕРБАНК ИСПОЛНЕНО",
]


def _resolved(*readings: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    """The page's details from Tesseract's reading and Indra's, in that order."""
    readers = (Source.OCR, Source.INDRA)
    candidates = [
        c for lines, source in zip(readings, readers, strict=False) for c in extract_candidates(lines, source)
    ]
    return resolve(candidates, classify(readings[0]), Source.OCR)


def _transfer(figure: str) -> list[str]:
    return [line.format(figure=figure) for line in TRANSFER]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Сумма 280 22500 P", "280225.00"),  # the kopecks' comma lost between the groups and the ₽
        ("1 416 50 руб.", "1416.50"),  # a space for the comma: a group of two is no group
        ("12 34500 ₽", "12345.00"),
        ("70:250,00", "70250.00"),  # a group's space read as a colon
        ("Сумма 70:250,00 ₽", "70250.00"),
        ("12 34500 RUB", "12345.00"),  # every rouble mark the lone figures know (normalize.CURRENCY_MARK)
        ("1 416 50 Руб.", "1416.50"),
    ],
)
def test_a_figure_whose_separator_ocr_lost_is_read_where_its_groups_place_it(text: str, expected: str) -> None:
    assert normalize_amount(text) == expected
    assert kopecks_shown(text)
    assert separator_lost(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-20147052Р", "20147052.00"),  # no groups: nothing says where the roubles end
        ("14:59:02", "14.00"),  # a time, no sum
        ("100 00 Р", "100.00"),  # no group of three: a misplaced space as likely as a lost comma
        ("1 234,56 ₽", "1234.56"),
        ("5 000.00P", "5000.00"),
    ],
)
def test_a_figure_without_groups_gets_no_separator_put_back(text: str, expected: str) -> None:
    assert normalize_amount(text) == expected
    assert not separator_lost(text)


@pytest.mark.parametrize("text", ["-20147052Р", "16440002 == a oe", "_ 10952508"])
def test_millions_read_with_neither_groups_nor_kopecks_are_no_sum_paid(text: str) -> None:
    """«-20 147,05 Р» with its comma and spaces lost and its ₽ read as a 2: no amount beats 20 147 052,00."""
    assert payable(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1500000=", "1500000.00"), ("1 500 000,00", "1500000.00"), ("1234567 руб. 00 коп.", "1234567.00")],
)
def test_millions_printed_as_forms_print_them_are_sums_paid(text: str, expected: str) -> None:
    """A payment order's field 7 marks whole roubles with «=»; grouped millions or printed kopecks say where the
    roubles end."""
    assert payable(text) == expected


def test_a_joined_figure_under_its_label_is_read_but_never_verified_by_readers_agreeing() -> None:
    """«Сумма платежа» over «280 22500 P»: the groups say 280 225,00, but two readers reading the same glyphs confirm
    the glyphs, not where the comma was."""
    lines = _transfer("280 22500 P")
    details, checks = _resolved(lines, lines)
    assert details.amount == "280225.00"
    assert checks["amount"].status != CheckStatus.VERIFIED


def test_a_reading_with_the_rouble_sign_read_as_a_digit_yields_to_the_one_read_as_printed() -> None:
    """One pass reads «644,00 ₽» as «644002», another as printed: the joined one is that sum a thousand times over
    with its ₽ as a 2, not a sum of its own."""
    details, _ = _resolved(_transfer("644002 ₽"), _transfer("644,00 ₽"))
    assert details.amount == "644.00"


def test_a_round_sum_tenfold_beside_another_is_no_rouble_sign_read_as_a_digit() -> None:
    """«10 000,00» beside «1 000,00»: a 0 more is no ₽ read as a digit, and both stay readings."""
    amounts = [Candidate("amount", "10000.00", Source.OCR), Candidate("amount", "1000.00", Source.OCR)]
    assert _without_currency_read_as_digit(amounts) == amounts
