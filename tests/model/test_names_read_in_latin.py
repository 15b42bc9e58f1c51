"""Names whose Cyrillic letters Tesseract's rus+eng reading took for Latin ones (issue 14, real documents): Cyrillic
again where the name's own words or another reading of it on the page say so; as read where nothing does, since a
name may print Latin words of its own."""

from __future__ import annotations

import pytest

from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source
from model.values import spelled_as_printed
from tests.text_reading import details_of


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("АО “TA Перекресток”", "АО “ТА Перекресток”"),  # a receipt's ТД, its Д read as A: the look-alikes undone
        ('АО "Щелково Arpoxum"', 'АО "Щелково Агрохим"'),  # a 1C invoice's upright г, и, м read as r, u, m
        ('ООО "Сибирь ТEXHO"', 'ООО "Сибирь ТЕХНО"'),
    ],
    ids=["capitals", "small letters", "a word of mixed scripts"],
)
def test_a_word_read_in_latin_look_alikes_beside_the_names_cyrillic_word_is_cyrillic(printed: str, name: str) -> None:
    assert details_of([f"Покупатель: {printed}, ИНН 5050029646"]).payer_name == name


@pytest.mark.parametrize(
    "printed",
    [
        'АО "TOYOTA"',
        'Акционерное общество "TOYOTA"',
        'ООО "MBM"',
        'ООО "BMW Русланд"',
        'ООО "Apple Rus"',
        'ООО "TOYOTA Центр"',
    ],
    ids=[
        "look-alikes alone",
        "look-alikes and a legal form written out",
        "an acronym of look-alikes",
        "a letter no Cyrillic one looks like",
        "Latin words of its own",
        "a Y, which may be an У or a Ч",
    ],
)
def test_a_names_latin_word_that_nothing_calls_cyrillic_stays_latin(printed: str) -> None:
    assert details_of([f"Покупатель: {printed}, ИНН 5050029646"]).payer_name == printed


_INVOICE_HEAD = [
    "ИНН 7130033017 КПП 713001001 Сч. № 40702810200002205557",
    "{header}",
    "Получатель",
    "Счет на оплату № 165 от 11 июня 2019 г.",
    "Поставщик {labelled}, ИНН 7130033017, КПП 713001001, 301107, Тульская обл,",
]


def _invoice(header: str, labelled: str) -> list[str]:
    return [line.format(header=header, labelled=labelled) for line in _INVOICE_HEAD]


def test_a_name_read_with_latin_letters_is_spelled_as_its_cyrillic_reading_elsewhere_shows_it() -> None:
    """sidio_h_scan1: the supplier's line reads the name's Ч as Y, the header over the bank grid reads it right."""
    lines = _invoice(header='ООО "НЕТЧ Тула"', labelled='ООО "HETY Тула"')
    assert details_of(lines).recipient_name == 'ООО "НЕТЧ Тула"'


def test_a_latin_name_read_in_cyrillic_look_alikes_elsewhere_stays_as_the_label_reads_it() -> None:
    """Both readings agree letter for letter as look-alikes: neither says which script is printed."""
    lines = _invoice(header='АО "ТОУОТА"', labelled='АО "TOYOTA"')
    assert details_of(lines).recipient_name == 'АО "TOYOTA"'


@pytest.mark.parametrize(
    ("name", "readings", "spelled"),
    [
        ('ООО "HETY Тула"', ['ООО "НЕТЧ Тула"'], 'ООО "НЕТЧ Тула"'),
        ("АО “TA Перекресток”", ['АО "ТД Перекресток"'], 'АО "ТД Перекресток"'),
        ('АО "TOYOTA"', ['АО "ТОУОТА"'], 'АО "TOYOTA"'),
        ('ООО "HETY Тула"', ['ООО "НЕТЧ Тупа"'], 'ООО "HETY Тула"'),
        ('ООО "НЕТУ Тула"', ['ООО "НЕТЧ Тула"'], 'ООО "НЕТУ Тула"'),
    ],
    ids=["Ч read as Y", "Д read as A", "no letter tells", "another name", "read in Cyrillic already"],
)
def test_spelled_as_printed_takes_a_cyrillic_reading_only_where_a_letter_tells(
    name: str, readings: list[str], spelled: str
) -> None:
    assert spelled_as_printed(name, readings) == spelled


def test_another_readers_cyrillic_spelling_is_taken_but_verifies_nothing() -> None:
    """Indra's reading spells Tesseract's «HETY» as printed; two OCR readers agreeing on a name confirm no rule."""
    candidates = [
        Candidate("recipient_name", 'ООО "HETY Тула"', Source.OCR),
        Candidate("recipient_name", 'ООО "НЕТЧ Тула"', Source.INDRA, score=0.3),
    ]
    details, checks = resolve(candidates, DocumentType.INVOICE)
    assert details.recipient_name == 'ООО "НЕТЧ Тула"'
    assert checks["recipient_name"].status != CheckStatus.VERIFIED


def test_a_text_layers_cyrillic_spelling_is_not_copied_into_an_ocr_reading() -> None:
    """Copied, the OCR reading would agree with the text layer's and seem a second source."""
    candidates = [
        Candidate("recipient_name", 'ООО "HETY Тула"', Source.OCR),
        Candidate("recipient_name", 'ООО "НЕТЧ Тула"', Source.PDF, score=0.3),
    ]
    _, checks = resolve(candidates, DocumentType.INVOICE)
    assert checks["recipient_name"].status != CheckStatus.VERIFIED
