"""A bilingual header prints the payee's name twice, Russian and English side by side: the name is the Russian one
(the ninth held-out batch of real bills, bench/real «held-out 2026-12-06i»: a Samara hotel's folio headed «ООО
«СТАРТ» "START" LTD»)."""

from __future__ import annotations

import pytest

from model.values import read_name


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ('000 «СТАРТ» "START" LTD', "ООО «СТАРТ»"),
        ('ООО «СТАРТ» "START"', "ООО «СТАРТ»"),
        ('АО "Газпром" "GAZPROM" PJSC', 'АО "Газпром"'),
    ],
)
def test_a_names_english_twin_after_it_is_not_the_name(printed: str, name: str) -> None:
    assert read_name(printed) == name


@pytest.mark.parametrize("printed", ['ООО "YANDEX"', "ООО «Ромашка»", 'ООО "Ромашка-M" (ООО "Romashka")'])
def test_a_name_without_a_russian_quote_before_a_latin_one_keeps_it(printed: str) -> None:
    assert read_name(printed) == printed
