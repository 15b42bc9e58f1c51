"""Two readers' candidates pooled into one list for ``resolve``, which keeps deciding by the checks.

Each field's rule (check digits, the account keys against the BIK, a plausible date) picks among the readings of
both readers exactly as it picks among one reader's lines. Where no rule can decide (names, purpose, amount), a
value both readers read is far less likely a misreading than one only one of them saw, so it is ranked first;
otherwise the default reader's readings keep their order ahead of the second reader's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from model.schema import Candidate
from model.values import a_legal_form, full_name_alone

AGREEMENT_BONUS = 1.0
"""Added to the score of a reading the other reader also made: more than any one rule's score difference."""


def pool_readings(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
    """``first``'s candidates then ``second``'s, each raised by ``AGREEMENT_BONUS`` when the other reader has the
    same value for the same field, or read the same person's name with specks around it (``_read_inside``)."""
    return [_raised(c, _agreed(c, second)) for c in first] + [_raised(c, _agreed(c, first)) for c in second]


def _agreed(candidate: Candidate, other: list[Candidate]) -> bool:
    return any(
        c.field == candidate.field and (c.value == candidate.value or _read_inside(candidate, c.value)) for c in other
    )


_PERSON_FIELDS = frozenset({"recipient_name", "payer_name"})
_TURKIC_PATRONYMIC = re.compile(r"(?<![а-яё])(?:оглы|кызы|улы|уулу)(?![а-яё])", re.IGNORECASE)


def _read_inside(candidate: Candidate, other_value: str) -> bool:
    """``candidate`` is a person's full name alone (``full_name_alone``) and the other reader's value holds it with more
    around it that is no part of a name: a photo's specks one reader read beside the payer's row («Е Хех Кузнецов
    Михаил Викторович», Tesseract; «Кузнецов Михаил Викторович», Indra, bench/layouts r14_transfer_07_hard). Both
    read the name; only one read the rest. Not where the rest holds a legal form («ИП Кузнецов …», a sole trader's)
    or a Turkic patronymic's second word («… Рашид оглы»), which belong to the name. The values differ, so no
    agreement rule confirms either: the raise only orders them."""
    if candidate.field not in _PERSON_FIELDS or not full_name_alone(candidate.value):
        return False
    before, found, after = other_value.partition(candidate.value)
    if not found or not (before.strip() or after.strip()):
        return False
    rest = f"{before} {after}"
    forms = any(a_legal_form(token) for token in re.findall(r"\w+", rest))
    return not forms and _TURKIC_PATRONYMIC.search(rest) is None


def _raised(candidate: Candidate, agreed: bool) -> Candidate:
    return replace(candidate, score=candidate.score + AGREEMENT_BONUS) if agreed else candidate
