"""Russian and English: gettext catalogs (frontend/locales/*/LC_MESSAGES/messages.po) through Jinja2's i18n extension.

The language is the session's choice (the switch in the header), else the best match of Accept-Language, else
English, the source language. Catalogs are compiled from the .po files when the app starts, so there is no binary
.mo to keep in step; ``pybabel extract``/``update`` (make translations) maintain the .po files.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from fastapi import Request

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"
SESSION_KEY = "lang"

_SOURCE = gettext.NullTranslations()
_PLAIN_AMOUNT = re.compile(r"\d+\.\d{2}")
_current: ContextVar[gettext.NullTranslations | None] = ContextVar("translations", default=None)


def load_catalogs(locales_dir: Path) -> dict[str, gettext.NullTranslations]:
    """One translations object per language; English is the source and needs none."""
    catalogs: dict[str, gettext.NullTranslations] = {DEFAULT_LANGUAGE: gettext.NullTranslations()}
    for language in LANGUAGES:
        po = locales_dir / language / "LC_MESSAGES" / "messages.po"
        if language == DEFAULT_LANGUAGE or not po.is_file():
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        catalogs[language] = gettext.GNUTranslations(compiled)
    return catalogs


def negotiate(accept_language: str | None) -> str:
    """The first supported language of an Accept-Language header, by its q-values (``ru-RU,ru;q=0.9,en;q=0.8``)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        language = tag.strip().lower().split("-")[0]
        if language in LANGUAGES and quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def request_language(request: Request) -> str:
    chosen = request.session.get(SESSION_KEY)
    if isinstance(chosen, str) and chosen in LANGUAGES:
        return chosen
    return negotiate(request.headers.get("accept-language"))


def use_translations(translations: gettext.NullTranslations) -> None:
    """Make ``translations`` the ones the templates rendered next in this context use."""
    _current.set(translations)


def gettext_(message: str) -> str:
    return (_current.get() or _SOURCE).gettext(message)


def ngettext_(singular: str, plural: str, count: int) -> str:
    return (_current.get() or _SOURCE).ngettext(singular, plural, count)


def format_money(amount: object, language: str, currency: object = "RUB") -> str:
    """``"165.00"`` → «165,00 ₽» in Russian, "165.00 RUB" in English; what is not an amount, as it is."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount or "")
    code = currency if isinstance(currency, str) and len(currency) == 3 else "RUB"
    pattern = None if language == "ru" else "#,##0.00\xa0¤¤"  # English's own puts "RUB51.00", glued
    return format_currency(value, code, format=pattern, locale=language)


def format_number(amount: object, language: str) -> str:
    """``"165.00"`` → «165,00» in Russian (what a person types there), unchanged in English; else as it is."""
    text = str(amount or "")
    return text.replace(".", ",") if language == "ru" and _PLAIN_AMOUNT.fullmatch(text) else text


def format_measure(value: object, language: str, digits: int = 1) -> str:
    """A measured figure with ``digits`` decimals in the language's way: 2415.8 → «2 415,8» in Russian, "2,415.8"
    in English; what is not a number, as it is."""
    if not isinstance(value, int | float | Decimal) or isinstance(value, bool):
        return "—" if value is None else str(value)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=language)


def format_day(iso: object, language: str) -> str:
    """``"2022-04-09"`` → «09.04.2022» in Russian, "Apr 9, 2022" in English; what is not a date, as it is."""
    try:
        day = date.fromisoformat(str(iso))
    except ValueError:
        return str(iso or "")
    return format_date(day, "dd.MM.yyyy" if language == "ru" else "medium", locale=language)


def format_day_input(iso: object, language: str) -> str:
    """A date as a person edits it: «09.04.2022» in Russian, ISO in English."""
    return format_day(iso, language) if language == "ru" else str(iso or "")


Phrases = Sequence[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]
"""English phrases (compiled, a longer phrase before a shorter one it contains) and their Russian."""


def phrases(table: Sequence[tuple[str, str | Callable[[re.Match[str]], str]]]) -> Phrases:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in table)


SERVICE_PHRASES = phrases(
    (
        (r"^inputs\.\w+(?:\[\d+\])?: ", ""),
        (r"(\d) bytes\b", r"\1 байт"),
        (
            r"the file is ([\d.]+) ?(kB|MB|байт); the limit is ([\d.]+) ?(kB|MB)?",
            r"файл весит \1 \2, а можно не больше \3 \4",
        ),
        (
            r"no file (\S+) among your uploads in the file service",
            r"файла \1 нет среди ваших загрузок в файловом сервисе",
        ),
        (r"the module API is unreachable", "API модуля недоступен"),
        (r"the file service is unreachable", "файловый сервис недоступен"),
        (r"the API is unreachable", "API недоступен"),
        (r"the module API answered without (?:usable )?outputs", "API модуля ответил без пригодного результата"),
    )
)
"""What the platform's services and the app's clients answer (app/runtime/filerefs.py, app/web/clients.py)."""


def translated(text: object, language: str, table: Phrases) -> str:
    """``text`` in ``language``: Russian phrase by phrase from ``table``, else as it was said (English)."""
    words = "" if text is None else str(text)
    if language != "ru":
        return words
    for pattern, replacement in table:
        words = pattern.sub(replacement, words)
    return words


def translated_detail(text: object, language: str) -> str:
    """A refusal's technical detail (``{{ problem.detail | detail(language) }}``): the services' own phrases
    translated; a module's web package adds its module's phrases (``app/web/receipt/wording.py``)."""
    return translated(text, language, SERVICE_PHRASES)
