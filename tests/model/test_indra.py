"""The second reader (Indra OCR, the ``indra`` extra): its lines, its backends, and a clear failure without it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from model import indra
from model.budget import Budget
from model.indra import IndraUnavailableError, join_segments
from model.inference import load
from model.ocr import OcrLine, OcrResult
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


def _turned_sample(samples: dict[Path, dict[str, str | None]], rotation: int) -> tuple[bytes, dict[str, str | None]]:
    """The first sample page turned by ``cv2.rotate``'s ``rotation``, encoded, and its truth."""
    import cv2

    path, truth = next(iter(samples.items()))
    image = cv2.imread(str(path))
    assert image is not None
    ok, encoded = cv2.imencode(".png", cv2.rotate(image, rotation))
    assert ok
    return encoded.tobytes(), truth


def _unsure_osd_and_counted_judgements(monkeypatch: pytest.MonkeyPatch) -> tuple[list[object], list[object]]:
    """OSD unsure of every page; the profile judgements and Indra's readings made, counted."""
    from model.preprocess import orient

    profiled: list[object] = []
    read: list[object] = []
    judge, recognize = orient.orientation_by_profile, indra.recognize

    def counted_judgement(grey: np.ndarray, budget: Budget | None = None) -> orient.Orientation | None:
        profiled.append(grey.shape)
        return judge(grey, budget)

    def counted_reading(image: np.ndarray, budget: Budget | None = None) -> OcrResult:
        read.append(image.shape)
        return recognize(image, budget)

    monkeypatch.setattr(orient, "osd", lambda grey: (0, 0.5))
    monkeypatch.setattr(orient, "orientation_by_profile", counted_judgement)
    monkeypatch.setattr(indra, "recognize", counted_reading)
    return profiled, read


def test_the_indra_backend_finds_an_upside_down_page_by_reading_its_turns_not_by_a_trial_reading(
    samples: dict[Path, dict[str, str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that Indra read unsure and without fields, and that OSD is unsure of, was judged by a trial Tesseract
    reading (0.4-1.1 CPU s, most of the slowest real documents' time) before Indra's turn search, which read the
    other turns anyway: now the turn search alone finds it, and stops at the first turn that reads well
    (``pipeline._judged_by_trial_reading``)."""
    import cv2

    profiled, read = _unsure_osd_and_counted_judgements(monkeypatch)
    data, truth = _turned_sample(samples, cv2.ROTATE_180)
    extraction = Extractor("indra").extract(data)
    assert not profiled
    assert len(read) == 2  # as it is, then turned over, which reads well
    steps = {step.name: step for step in extraction.steps}
    assert steps["orient_by_reading"].applied and "best of the turns tried: 180°" in steps["orient_by_reading"].detail
    assert steps["orient"].detail.startswith("OSD found no sure turn")
    assert extraction.details.amount == truth["amount"]


def test_the_indra_backend_turns_a_page_whose_lines_run_down_it_a_quarter_before_its_turn_search(
    samples: dict[Path, dict[str, str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indra reads a sideways page turned over about as surely as as it is (three hard corpus pages: 90-97%, no
    field), so a turn search that began there stopped at that wrong turn: a page that did not look sideways
    (``orient.looks_sideways`` misses a blurred one) but whose lines run down it is turned a quarter first, by the
    axis of its lines alone, and read the right way round in the search."""
    import cv2

    from model.preprocess import orient

    profiled, read = _unsure_osd_and_counted_judgements(monkeypatch)
    monkeypatch.setattr(orient, "looks_sideways", lambda grey: False)
    data, truth = _turned_sample(samples, cv2.ROTATE_90_COUNTERCLOCKWISE)
    extraction = Extractor("indra").extract(data)
    assert not profiled
    steps = {step.name: step for step in extraction.steps}
    assert steps["orient"].applied and "vertical lines; which way round left to reading" in steps["orient"].detail
    assert steps["orient_by_reading"].applied  # turned a quarter the wrong way round first, then over
    assert len(read) == 3
    assert extraction.details.amount == truth["amount"]


def test_the_indra_backend_still_judges_a_page_that_looks_sideways_by_a_trial_reading_before_reading_it(
    samples: dict[Path, dict[str, str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose lines run down it (``orient.looks_sideways``) is turned by the full judgement before it is read:
    left to Indra's turn search from as it is (the reverted 629bb03), three hard corpus pages stopped at the page
    turned over, read 90-97% confident and without a field, and lost all 22 of their values."""
    import cv2

    profiled, _ = _unsure_osd_and_counted_judgements(monkeypatch)
    data, truth = _turned_sample(samples, cv2.ROTATE_90_CLOCKWISE)
    extraction = Extractor("indra").extract(data)
    assert len(profiled) == 1
    orient_step = next(step for step in extraction.steps if step.name == "orient")
    assert orient_step.applied and orient_step.detail.startswith("turned 90° back counter-clockwise (OSD unsure")
    assert extraction.details.amount == truth["amount"]


def test_only_tesseract_reads_the_grey_page_normalised_scaled_and_cleared_of_its_rules(
    samples: dict[Path, dict[str, str | None]],
) -> None:
    """Indra reads the colour page and sizes it itself; the three grey-page steps only Tesseract needs cost 0.2-0.55
    CPU s of the slowest (8-14 Mpx) real photos read by Indra (``pipeline._options``)."""
    page = next(iter(samples)).read_bytes()
    cases: tuple[tuple[BackendName, bool], ...] = (("indra", False), ("tesseract", True))
    for backend, done in cases:
        steps = {step.name: step.detail for step in Extractor(backend).extract(page).steps}
        grey_steps = ("normalize_contrast", "scale", "erase_rules")
        assert [steps[name] != "turned off" for name in grey_steps] == [done] * 3, backend


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
