"""A letter's header as a mail client shows it over a receipt or a bill that came by e-mail: the sender's line with
its address in angle brackets («Платформа ОФД <noreply@platformaofd.ru> 04.05.2026, 18:18») and the header's fields
around it («От:», «Кому: мне», «Копия:», «Тема:»). They name who sent and who received the letter (Gmail's «Кому:
мне» is the reader), never who is paid, and the letter's date is not the payment's: their lines hold no field."""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.values import label

_ADDRESS_IN_BRACKETS = re.compile(r"<\s*[\w.+-]+\s?@")
"""An e-mail address in angle brackets after the sender's name, as every mail client prints the sender, also with the
spaces OCR puts around its «@» («<noreply @ 3090…»)."""
_ADDRESS = re.compile(r"[\w.+-]+\s?@\s?[\w-]+")
_FIELDS = ("от", "кому", "копия", "скрытая копия", "тема", "from", "to", "cc", "bcc", "subject")
_HEADER_FIELD = re.compile(
    r"^\W*(?:" + "|".join(label(name) for name in sorted(_FIELDS, key=len, reverse=True)) + r")(?![а-яёa-z])",
    re.IGNORECASE,
)
"""A header field's name opening its line, with or without its colon («Кому мне» where OCR lost it)."""


def without_mail_headers(lines: Sequence[str]) -> list[str]:
    """``lines`` with each mail header's lines (``mail_header_lines``) left empty, so that no field is read there."""
    headers = mail_header_lines(lines)
    return ["" if index in headers else line for index, line in enumerate(lines)]


def mail_header_lines(lines: Sequence[str]) -> set[int]:
    """The lines of each mail header on the page: a sender's line (an address in angle brackets, or a header field
    holding an address) and the header fields right above and under it, up to the first other line."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not (_ADDRESS_IN_BRACKETS.search(line) or (_HEADER_FIELD.match(line) and _ADDRESS.search(line))):
            continue
        found.add(index)
        for step in (-1, 1):
            near = index + step
            while 0 <= near < len(lines) and _HEADER_FIELD.match(lines[near]):
                found.add(near)
                near += step
    return found
