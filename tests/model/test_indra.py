"""The second reader (Indra OCR, the ``indra`` extra): its lines, its backends, and a clear failure without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from model import indra
from model.indra import IndraUnavailableError, join_segments
from model.inference import load
from model.ocr import OcrLine
from model.pipeline import BackendName, Extractor

ROOT = Path(__file__).parents[2]


def _segment(text: str, box: tuple[int, int, int, int], confidence: float = 90.0) -> OcrLine:
    return OcrLine(text, confidence, box)


def test_segments_of_one_line_are_joined_left_to_right() -> None:
    segments = [
        _segment("044525823", (857, 235, 967, 252)),
        _segment("Банк получателя", (89, 263, 270, 284)),
        _segment("БИК", (750, 235, 796, 253)),
        _segment("Банк ГПБ (АО)", (89, 235, 244, 256)),
    ]
    lines = join_segments(segments)
    assert [line.text for line in lines] == ["Банк ГПБ (АО) БИК 044525823", "Банк получателя"]
    assert lines[0].box == (89, 235, 967, 256)


def test_a_tall_amount_joins_the_label_beside_it() -> None:
    lines = join_segments([_segment("Итого", (10, 100, 90, 120)), _segment("1 234,00", (300, 90, 420, 130))])
    assert [line.text for line in lines] == ["Итого 1 234,00"]


def test_the_joined_line_is_as_confident_as_its_characters() -> None:
    line = join_segments([_segment("ab", (0, 0, 10, 10), 100.0), _segment("cdef", (20, 0, 40, 10), 70.0)])[0]
    assert line.confidence == pytest.approx(80.0)


def test_indra_reads_the_sample_pages(samples: dict[Path, dict[str, str | None]]) -> None:
    """The ``indra`` extra is part of the test environment (``make test``): this runs, it is never skipped."""
    extractor = Extractor("indra")
    for path, truth in samples.items():
        extraction = extractor.extract(path.read_bytes())
        assert extraction.backend == "indra"
        for field in ("recipient_inn", "bank_bic", "amount"):
            assert extraction.details.model_dump()[field] == truth[field], f"{path.name}: {field}"
        assert "indra" in extraction.stages and "ocr" not in extraction.stages


def test_the_indra_backend_keeps_a_page_it_reads_upright_whatever_an_unsure_orientation_guess_says(
    samples: dict[Path, dict[str, str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ``indra`` backend asked Tesseract's orientation detection of every page before reading it and turned the
    page by an unsure guess: an upright bar receipt came out turned 90°, its skew then measured across its lines
    (docs/experiments.md). Like the other readers, it now reads the page as it is first, and asks only when that
    reading is unsure and finds no field."""
    from model.preprocess import orient

    asked: list[object] = []

    def unsure_guess(*args: object, **_: object) -> orient.Orientation:
        asked.append(args)
        return orient.Orientation(90, "OSD unsure (conf 0.4); line direction unclear")

    monkeypatch.setattr(orient, "detect_orientation", unsure_guess)
    path, truth = next(iter(samples.items()))
    extraction = Extractor("indra").extract(path.read_bytes())
    assert not next(step for step in extraction.steps if step.name == "orient").applied
    assert not asked
    assert extraction.details.amount == truth["amount"]


def test_only_tesseract_reads_the_grey_page_scaled_and_cleared_of_its_rules(
    samples: dict[Path, dict[str, str | None]],
) -> None:
    """Indra reads the colour page and sizes it itself; the two grey-page steps only Tesseract needs cost 0.1-0.2 CPU
    s of the slowest (8-14 Mpx) real photos read by Indra (``pipeline._options``)."""
    page = next(iter(samples)).read_bytes()
    cases: tuple[tuple[BackendName, bool], ...] = (("indra", False), ("tesseract", True))
    for backend, scaled in cases:
        steps = {step.name: step.detail for step in Extractor(backend).extract(page).steps}
        assert (steps["scale"] != "turned off", steps["erase_rules"] != "turned off") == (scaled, scaled), backend


def test_without_the_extra_the_indra_models_fail_to_load_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr now raises ImportError
    monkeypatch.setattr(indra, "_local", type(indra._local)())
    for key in ("indra", "pooled"):
        with pytest.raises(IndraUnavailableError, match=r"pip install 'receipt-extractor\[indra\]'"):
            load(key)
    assert indra.unavailable_reason() is not None
    assert load("tesseract").backend == "tesseract"  # the other models are untouched
