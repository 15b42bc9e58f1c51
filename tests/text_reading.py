"""The parser on text alone, for tests of wordings and layouts that need no image: lines → candidates → details."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source


def details_of(lines: list[str], source: Source = Source.OCR) -> PaymentDetails:
    """What the extractor makes of ``lines`` read by ``source``, as the pipeline resolves a page's text."""
    details, _ = resolve(extract_candidates(lines, source), classify(lines), source)
    return details
