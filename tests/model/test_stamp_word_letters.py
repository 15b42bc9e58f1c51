"""A bank's «Исполнено» stamp over its own БИК and к/с marks them as the executing bank's, not the payee's bank's;
a reader that drops the stamp word's first letter («сполнено», as Indra read a Сбербанк Онлайн page of the seventh
held-out batch) still reads the stamp: with the word unrecognised, pooled reading gave the payer's bank's БИК and к/с
as the payee's."""

from __future__ import annotations

import pytest

from tests.text_reading import details_of

SBER_ONLINE = [
    "Статус перевода: Исполнен",
    "Номер документа: 979071",
    "Дата документа: 13.08.2018",
    "Получатель",
    "Номер карты получателя: **** 2238",
    "Перевод",
    "Счет списания: **** 4828 [Maestro] руб.",
    "Комиссия: 30,00 руб.",
    "Сумма: 3 000,00 руб. Самарское отделение №6991",
    "БИК:043601607",
    "Корр.Счет: 30101810200000000607",
    "Печать чека {stamp}",
    "13.08.2018",
]


@pytest.mark.parametrize("stamp", ["Исполнено", "сполнено", "„,Исполнено", "сполнено.", "ИСПОЛНЕНО", "СПОЛНЕНО"])
def test_the_executing_banks_stamp_with_its_first_letter_lost(stamp: str) -> None:
    details = details_of([line.format(stamp=stamp) for line in SBER_ONLINE])
    assert (details.bank_bic, details.bank_corr_account) == (None, None)
    assert details.amount == "3000.00"


def test_a_word_ending_like_the_stamp_is_not_the_stamp() -> None:
    """«выполнено» ends in «полнено» with no «с» before it: not the stamp's word, so the page's БИК stays a
    candidate."""
    lines = [line.format(stamp="выполнено") for line in SBER_ONLINE]
    assert details_of(lines).bank_bic == "043601607"
