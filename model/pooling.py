"""Two readers' candidates pooled into one list for ``resolve``, which keeps deciding by the checks.

Each field's rule (check digits, the account keys against the BIK, a plausible date) picks among the readings of
both readers exactly as it picks among one reader's lines. Where no rule can decide (names, purpose, amount), a
value both readers read is far less likely a misreading than one only one of them saw, so it is ranked first;
otherwise the default reader's readings keep their order ahead of the second reader's.
"""

from __future__ import annotations

from dataclasses import replace

from model.schema import Candidate

AGREEMENT_BONUS = 1.0
"""Added to the score of a reading the other reader also made: more than any one rule's score difference."""


def pool_readings(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
    """``first``'s candidates then ``second``'s, each raised by ``AGREEMENT_BONUS`` when the other reader has the
    same value for the same field."""
    in_first = {(c.field, c.value) for c in first}
    in_second = {(c.field, c.value) for c in second}
    return [_raised(c, (c.field, c.value) in in_second) for c in first] + [
        _raised(c, (c.field, c.value) in in_first) for c in second
    ]


def _raised(candidate: Candidate, agreed: bool) -> Candidate:
    return replace(candidate, score=candidate.score + AGREEMENT_BONUS) if agreed else candidate
