"""The Russian catalog covers every UI string of the templates, and the app speaks the language it was asked for."""

from __future__ import annotations

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.settings import ROOT
from app.web.i18n import format_day, format_measure, format_money, format_number, translated_detail

FRONTEND = ROOT / "frontend"


def test_every_template_string_has_a_russian_translation() -> None:
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
    found = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            FRONTEND / "templates", method_map=[("**.html", "jinja2")], options_map={"**.html": options}
        )
    }
    with (FRONTEND / "locales" / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale="ru")
    translated = {str(message.id) for message in catalog if message.id and message.string}
    assert found, "no strings extracted: is the jinja2 extractor installed?"
    assert sorted(found - translated) == [], "run `make translations` and translate what it reports"


def test_money_and_dates_follow_the_language() -> None:
    assert format_money("165.00", "ru") == "165,00\xa0₽"
    assert format_money("51112.41", "en") == "51,112.41\xa0RUB"
    assert format_day("2022-04-09", "ru") == "09.04.2022"
    assert format_day("2022-04-09", "en") == "Apr 9, 2022"
    assert format_number("165.00", "ru") == "165,00"
    assert format_measure(2415.84, "ru") == "2\xa0415,8"  # a step's or a request's milliseconds
    assert format_measure(2415.84, "en") == "2,415.8"
    assert (format_measure(0.0234, "ru", 3), format_measure(None, "ru")) == ("0,023", "—")
    assert format_day("not a date", "ru") == "not a date"


@pytest.mark.parametrize(
    ("detail", "russian"),
    [
        (
            "inputs.file: no file 'f-1' among your uploads in the file service",
            "файла 'f-1' нет среди ваших загрузок в файловом сервисе",
        ),
        (
            "inputs.image: the file is 30000000 bytes; the limit is 26214400",
            "файл весит 30000000 байт, а можно не больше 26214400 ",
        ),
        (
            "the module API is unreachable: [Errno 111] Connection refused",
            "API модуля недоступен: [Errno 111] Connection refused",
        ),
        ("the module API answered without outputs", "API модуля ответил без пригодного результата"),
    ],
)
def test_a_services_technical_detail_reads_in_russian(detail: str, russian: str) -> None:
    """Any page's refusal detail (generic pages too): the services' words in Russian; a quoted OS error stays."""
    assert translated_detail(detail, "ru") == russian
    assert translated_detail(detail, "en") == detail
