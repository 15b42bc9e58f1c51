"""The page-reading policy of the Tesseract path, on real pages: clean pages are read once, unsure ones twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from model import pipeline
from model.pipeline import Extractor

ROOT = Path(__file__).parents[2]


def _step(extraction: pipeline.Extraction, name: str) -> pipeline.Step:
    return next(step for step in extraction.steps if step.name == name)


def test_a_clean_page_is_read_once() -> None:
    extraction = Extractor().extract((ROOT / "model" / "samples" / "doc_0000.png").read_bytes())
    assert not _step(extraction, "second_reading").applied
    assert "\n\n" not in extraction.response  # one reading's text


def test_an_unsure_page_is_read_twice_and_the_fields_of_both_readings_are_pooled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A blurred cash receipt: its seller's ИНН is only on the second reading (page mode 4)."""
    photo = (ROOT / "bench" / "corpus" / "data" / "doc_0044.jpg").read_bytes()
    extraction = Extractor().extract(photo)
    assert _step(extraction, "second_reading").applied
    assert extraction.details.recipient_inn == "4732665730"

    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 0.0)
    assert Extractor().extract(photo).details.recipient_inn is None
