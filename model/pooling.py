"""Two readers' candidates pooled into one list for ``resolve``, which keeps deciding by the checks.

Each field's rule (check digits, the account keys against the BIK, a plausible date) picks among the readings of
both readers exactly as it picks among one reader's lines. Where no rule can decide (names, purpose, amount), a
value both readers read is far less likely a misreading than one only one of them saw, so it is ranked first;
otherwise the default reader's readings keep their order ahead of the second reader's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from model.schema import Candidate
from model.values import a_legal_form, full_name_alone

AGREEMENT_BONUS = 1.0
"""Added to the score of a reading the other reader also made: more than any one rule's score difference."""
NEAR_AGREEMENT_BONUS = AGREEMENT_BONUS / 2
"""Added to a text's reading that the other reader made but for a letter or two (``_near``): both readers found the
same text under the same label, one of them garbled a letter. Less than a reading both made alike, so that an exact
agreement still wins over a near one; more than a label's lead over a value found by its place (1.0 against 0.3),
so that a page's header both readers read alike («АО «ПОЧТА РОССИИ»») does not win over the name under «Получатель:»
that one of them read a letter short (r7_transfer_06_hard)."""
_TEXT_FIELDS = frozenset({"recipient_name", "payer_name", "bank_name", "purpose"})
"""Fields read as text, where two readers' readings of the same words may differ by a letter; digits have their
checks instead."""
_NEAR_EDITS = 2
_NEAR_LENGTH = 8
"""How many letters two readings of one text may differ by (``_near``), and how long each must be: a short name
differing by two letters is another name."""


def pool_readings(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
    """``first``'s candidates then ``second``'s, each raised by ``AGREEMENT_BONUS`` when the other reader has the
    same value for the same field or a person's name it read with specks around (``_read_inside``), or by
    ``NEAR_AGREEMENT_BONUS`` when it has the text but for a letter or two and no value both read alike is that text's
    near twin."""
    agreed = {(c.field, c.value) for c in first} & {(c.field, c.value) for c in second}
    return [_raised(c, second, agreed) for c in first] + [_raised(c, first, agreed) for c in second]


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


def _raised(candidate: Candidate, other: list[Candidate], agreed: set[tuple[str, str]]) -> Candidate:
    if (candidate.field, candidate.value) in agreed or any(
        c.field == candidate.field and _read_inside(candidate, c.value) for c in other
    ):
        return replace(candidate, score=candidate.score + AGREEMENT_BONUS)
    if _nearly_agreed(candidate, other, agreed):
        return replace(candidate, score=candidate.score + NEAR_AGREEMENT_BONUS)
    return candidate


def _nearly_agreed(candidate: Candidate, other: list[Candidate], agreed: set[tuple[str, str]]) -> bool:
    """A text the other reader read but for a letter or two, whose near twin is no value both read alike."""
    if candidate.field not in _TEXT_FIELDS:
        return False
    read_by_other = (c.value for c in other if c.field == candidate.field)
    read_alike = (value for field, value in agreed if field == candidate.field)
    return _near_any(candidate.value, read_by_other) and not _near_any(candidate.value, read_alike)


def _near_any(value: str, others: Iterable[str]) -> bool:
    return any(_near(value, other) for other in others)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text.casefold().replace("ё", "е"))


def _near(left: str, right: str) -> bool:
    """Two readings of one text: at most ``_NEAR_EDITS`` letters inserted, dropped or changed, punctuation aside."""
    a, b = _letters(left), _letters(right)
    if min(len(a), len(b)) < _NEAR_LENGTH:
        return False
    return Levenshtein.distance(a, b, score_cutoff=_NEAR_EDITS) <= _NEAR_EDITS
