"""Dotted leaders between a label and its value, as OCR reads them (``model.fields._LEADER``)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source

QUITTANCE = [
    "ТБАНК 09.10.2026 09:05:22",
    "Итого 85 386,00 P",
    "Перевод...................... и иииниинининининининининиитининининитиниининининининининиг. По номеру телефона",
    "Статус...............илиининииининиииниинининиинининииниииниинитниииниинииитиннииитиинии Успешно",
    "Сумма...............лиииииинииииниииининииниининииниининиииининиииининиииининиининнинииния 85 386,00 Р",
    "Отправитель........................иилиииииииииииииинииинииниииниининиининнинии Михаил Викторович С.",
    "Получатель............. инь ини ини ини нии иниинииниьничнининн Николай Петрович З.",
    "Сообщение.....................лиииииинилииинилиининииниинииниинииниинииниинининиинининииниининничи За квартиру",
    "Банк получателя.........................ииилииииининииинининиининиииниининиинининниниинитиичниини Альфа-Банк",
    "Идентификатор операции............................ B411703053730430359088776198",
]


def _details(lines: list[str], source: Source = Source.OCR) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines, source), classify(lines))
    return details


def test_what_ocr_made_of_a_leaders_dots_is_no_part_of_the_value() -> None:
    """The names and the message began with «иилииииии…», what OCR read in the dots between label and value."""
    details = _details(QUITTANCE)
    assert (details.recipient_name, details.payer_name) == ("Николай Петрович З.", "Михаил Викторович С.")
    assert (details.purpose, details.bank_name) == ("За квартиру", "Альфа-Банк")
    assert details.amount == "85386.00"


@pytest.mark.parametrize(
    ("line", "purpose"),
    [
        ("Назначение платежа: Оплата по счёту № 5... и прочее", "Оплата по счёту № 5... и прочее"),
        ("Назначение платежа: Оплата услуг связи", "Оплата услуг связи"),
    ],
)
def test_an_ellipsis_in_a_value_is_no_leader(line: str, purpose: str) -> None:
    assert _details(["Квитанция об оплате", line, "Сумма 100,00"]).purpose == purpose


@pytest.mark.parametrize(
    ("row", "bank"),
    [
        ("Банк получателя...............-.лььнлиниоииниихиихлюннни ники зона нзинннннннние Газпромбанк", "Газпромбанк"),
        ("Банк получателя............. ини вааизиааааанннанннннны, Газпромбанк", "Газпромбанк"),
        ("Банк получателя................... ии льна позвонив зона, Почта Банк", "Почта Банк"),
    ],
)
def test_a_leaders_words_of_any_letters_before_a_bank_are_no_part_of_its_name(row: str, bank: str) -> None:
    """OCR read the leader's dots as lower-case words of letters ``_LEADER`` does not take («зона», «вааизиаааа…»,
    «ники»): before a bank's name, which opens with a capital, they are the leader's."""
    lines = [*QUITTANCE[:8], row, QUITTANCE[9]]
    assert _details(lines).bank_name == bank


def test_a_labels_bank_beside_it_unread_leaves_the_row_above_unread() -> None:
    """r2_transfer_08_clean: the bank's name beside its label lost its capital («аЗПромбанк»): the label stands
    beside its own value, and is no caption under the row above (the recipient's, its label garbled)."""
    lines = [
        *QUITTANCE[:6],
        "MONYYATEND. icici Павел Юрьевич С.",
        "Банк получателя............. ии инининннннниннии. аЗПромбанк",
        QUITTANCE[9],
    ]
    assert _details(lines).bank_name in (None, "аЗПромбанк")
