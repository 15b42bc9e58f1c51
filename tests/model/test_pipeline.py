"""The page-reading policy of the Tesseract path, on real pages: clean pages are read once, unsure ones twice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model import pipeline
from model.budget import Budget
from model.labels import TOTAL_SCORE
from model.ocr import OcrResult
from model.pipeline import Extractor
from model.preprocess import Preprocessed, PreprocessOptions
from model.schema import Candidate, CheckStatus, DocumentType, Source
from model.tesseract import PSM
from tests.rendered_receipts import cash_receipt_with_a_large_total

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
    """A field only the second reading (page mode 4) has reaches the details. Real Tesseract reads the bundled
    transfer both ways; the first reading is made to miss the ИНН line, as a blurred page's first reading does, and
    the page is made to count as unsure."""
    recognize = pipeline.recognize

    def first_reading_misses_the_inn(image: np.ndarray, psm: int, budget: Budget | None = None) -> OcrResult:
        result = recognize(image, psm, budget)
        if psm == PSM.SINGLE_COLUMN:
            return result
        return OcrResult(tuple(line for line in result.lines if "ИНН" not in line.text and "4079" not in line.text))

    monkeypatch.setattr(pipeline, "recognize", first_reading_misses_the_inn)
    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 101.0)
    monkeypatch.setattr(pipeline, "FAIRLY_SURE_CONFIDENCE", 101.0)
    photo = (ROOT / "model" / "samples" / "doc_0000.png").read_bytes()
    extraction = Extractor().extract(photo)
    assert _step(extraction, "second_reading").applied
    assert extraction.details.recipient_inn == "3834964079"

    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 0.0)
    assert Extractor().extract(photo).details.recipient_inn is None


def _page_modes_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The page modes of the page's readings, in order, as the extraction makes them."""
    recognize, page_modes = pipeline.recognize, []

    def counted(image: np.ndarray, psm: int, budget: Budget | None = None) -> OcrResult:
        page_modes.append(psm)
        return recognize(image, psm, budget)

    monkeypatch.setattr(pipeline, "recognize", counted)
    return page_modes


@pytest.mark.parametrize(
    ("sample", "settled"),
    [
        ("doc_0001.jpg", pipeline.SETTLED_FIELDS),  # an invoice: ИНН, account, БИК, к/с
        ("doc_0002.jpg", pipeline.SETTLED_RECEIPT_FIELDS),  # a cash receipt: ИНН, and the total its fiscal QR gives
    ],
)
def test_an_unsure_page_whose_payee_is_verified_is_read_once(
    monkeypatch: pytest.MonkeyPatch, sample: str, settled: tuple[str, ...]
) -> None:
    """A second reading can only add values no check confirms once the first has verified who is paid, and where or
    how much: the bundled invoice and receipt, made to count as unsure, are read once, and say why."""
    page_modes = _page_modes_read(monkeypatch)
    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 101.0)
    monkeypatch.setattr(pipeline, "FAIRLY_SURE_CONFIDENCE", 101.0)
    extraction = Extractor().extract((ROOT / "model" / "samples" / sample).read_bytes())
    assert PSM.SINGLE_COLUMN not in page_modes
    second = _step(extraction, "second_reading")
    assert not second.applied
    assert second.detail.endswith(f"{', '.join(settled)} verified already")
    assert all(extraction.checks[name].status == CheckStatus.VERIFIED for name in settled)


def test_a_fairly_sure_page_with_its_total_and_date_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled receipt, made to count as fairly sure, has its total from its fiscal QR code and its date too:
    its second reading is left out, and the step says why."""
    page_modes = _page_modes_read(monkeypatch)
    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 101.0)
    monkeypatch.setattr(pipeline, "FAIRLY_SURE_CONFIDENCE", 0.0)
    extraction = Extractor().extract((ROOT / "model" / "samples" / "doc_0002.jpg").read_bytes())
    assert PSM.SINGLE_COLUMN not in page_modes
    second = _step(extraction, "second_reading")
    assert not second.applied
    assert second.detail.endswith("its total and date read already")


def test_a_fairly_sure_page_without_its_date_is_read_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without its QR code the bundled receipt shows no date (only its fiscal QR carries one): a fairly sure page
    that lacks it is still read a second time."""
    page_modes = _page_modes_read(monkeypatch)
    monkeypatch.setattr(pipeline, "decode_qr", lambda image, **_: [])
    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 101.0)
    monkeypatch.setattr(pipeline, "FAIRLY_SURE_CONFIDENCE", 0.0)
    extraction = Extractor().extract((ROOT / "model" / "samples" / "doc_0002.jpg").read_bytes())
    assert PSM.SINGLE_COLUMN in page_modes
    assert _step(extraction, "second_reading").applied


_TOTAL = Candidate("amount", "2593.62", Source.OCR, score=TOTAL_SCORE)
_DATE = Candidate("payment_date", "2022-12-22", Source.OCR, score=0.3)
_FISCAL = tuple(Candidate(name, "1", Source.OCR) for name in pipeline.FISCAL_NUMBERS)


@pytest.mark.parametrize(
    ("read", "known", "document_type", "has"),
    [
        ((_TOTAL, _DATE), (), None, True),
        ((_DATE,), (Candidate("amount", "2593.62", Source.QR),), None, True),  # the fiscal QR's sum is the total
        ((Candidate("amount", "1968.32", Source.OCR, score=1.0), _DATE), (), None, False),  # a price: no total's label
        ((_TOTAL,), (), None, False),
        ((_TOTAL,), (_DATE,), None, True),  # the date from an earlier page or the QR
        ((), (), None, False),
        ((_TOTAL, _DATE), (), DocumentType.CASH_RECEIPT, False),  # a receipt's ФН, ФД and ФП not read yet
        ((_TOTAL, _DATE, *_FISCAL[:2]), (), DocumentType.CASH_RECEIPT, False),
        ((_TOTAL, _DATE, *_FISCAL), (), DocumentType.CASH_RECEIPT, True),
    ],
)
def test_a_reading_has_its_total_and_date(
    read: tuple[Candidate, ...], known: tuple[Candidate, ...], document_type: DocumentType | None, has: bool
) -> None:
    reading = pipeline._PageText([], list(read), "", 75.0)
    assert pipeline._has_total_and_date(reading, pipeline._Known(known, document_type)) is has


_PAYEE_INN = Candidate("recipient_inn", "3354197092", Source.OCR, score=1.0)
_PAYEE_INN_MISREAD = Candidate("recipient_inn", "3554197092", Source.OCR, score=1.0)  # its check digit fails


@pytest.mark.parametrize(
    ("read", "known", "document_type", "verified"),
    [
        ((_PAYEE_INN,), (), DocumentType.INVOICE, True),
        ((_PAYEE_INN_MISREAD,), (), DocumentType.INVOICE, False),  # a blurred 3 read as 5: the second reading has it
        ((Candidate("payer_inn", "7707083893", Source.OCR),), (), DocumentType.INVOICE, False),  # the payee's unread
        ((), (), DocumentType.INVOICE, True),  # no bank details at all: a pre-bill, which prints none
        ((), (Candidate("recipient_inn", "3354197092", Source.QR),), DocumentType.INVOICE, True),  # its payment QR
        ((), (), DocumentType.BANK_TRANSFER, True),  # a transfer to a person shows no ИНН
        ((_PAYEE_INN_MISREAD,), (), DocumentType.CASH_RECEIPT, True),  # a receipt's fiscal numbers stand for it
    ],
)
def test_a_fairly_sure_invoice_is_read_once_only_with_its_payee_verified(
    read: tuple[Candidate, ...], known: tuple[Candidate, ...], document_type: DocumentType, verified: bool
) -> None:
    reading = pipeline._PageText([], [_TOTAL, _DATE, *read], "", 75.0)
    assert pipeline._payee_verified(reading, pipeline._Known(known, document_type), pipeline._Timer()) is verified


def test_a_page_whose_turn_orientation_detection_is_sure_of_is_not_read_in_other_turns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Orientation detection sure of the page's turn (right 254 of 255 times) is trusted: an unsure reading that
    finds no fields, which would otherwise send the page through the other three turns, is read in that turn only."""
    recognize, page_modes = pipeline.recognize, []

    def counted(image: np.ndarray, psm: int, budget: Budget | None = None) -> OcrResult:
        page_modes.append(psm)
        return recognize(image, psm, budget)

    monkeypatch.setattr(pipeline, "recognize", counted)
    monkeypatch.setattr(pipeline, "extract_candidates", lambda lines, source: [])  # no reading finds fields
    monkeypatch.setattr(pipeline, "RETRY_BELOW_CONFIDENCE", 101.0)  # and every reading is unsure
    extraction = Extractor().extract((ROOT / "model" / "samples" / "doc_0000.png").read_bytes())
    assert "(OSD conf" in _step(extraction, "orient").detail
    assert page_modes.count(PSM.SINGLE_BLOCK) == 1  # the reading as it is, which OSD proves upright


@pytest.mark.parametrize(
    ("turned", "preprocessings", "detail"), [(False, 1, "already upright"), (True, 2, "turned 180°")]
)
def test_an_unsure_page_is_asked_its_turn_once_and_preprocessed_again_only_when_turned(
    monkeypatch: pytest.MonkeyPatch, turned: bool, preprocessings: int, detail: str
) -> None:
    """An unsure reading sends the page to orientation detection, once: found upright, the page as first preprocessed
    is the page; a turned one is preprocessed again with the turn found (turned before it is levelled and scaled)."""
    import cv2

    from model.preprocess import orient

    preprocess, detect, preprocessed, detected = pipeline.preprocess, orient.detect_orientation, [], []

    def counted(image: np.ndarray, options: PreprocessOptions) -> Preprocessed:
        preprocessed.append(options)
        return preprocess(image, options)

    def counted_detection(
        grey: np.ndarray, budget: Budget | None = None, *, trial: bool = True
    ) -> orient.Orientation | None:
        detected.append(grey.shape)
        return detect(grey, budget, trial=trial)

    monkeypatch.setattr(pipeline, "preprocess", counted)
    monkeypatch.setattr(orient, "detect_orientation", counted_detection)
    monkeypatch.setattr(pipeline, "extract_candidates", lambda lines, source: [])  # no reading finds fields
    monkeypatch.setattr(pipeline, "RETRY_BELOW_CONFIDENCE", 101.0)  # and every reading is unsure
    image = cv2.imread(str(ROOT / "model" / "samples" / "doc_0000.png"))
    ok, encoded = cv2.imencode(".png", cv2.rotate(image, cv2.ROTATE_180) if turned else image)
    assert ok
    orient_step = _step(Extractor().extract(encoded.tobytes()), "orient")
    assert orient_step.detail.startswith(detail) and "(OSD conf" in orient_step.detail
    assert orient_step.applied is turned and orient_step.ms > 0
    assert (len(preprocessed), len(detected)) == (preprocessings, 1)


def test_a_sideways_page_is_not_read_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its lines run vertically (``orient.looks_sideways``), so it is asked which way up it is before it is read, and
    orientation detection sure of the turn spares it the reading as it is: one reading, of the page turned upright."""
    import cv2

    recognize, page_modes = pipeline.recognize, []

    def counted(image: np.ndarray, psm: int, budget: Budget | None = None) -> OcrResult:
        page_modes.append(psm)
        return recognize(image, psm, budget)

    monkeypatch.setattr(pipeline, "recognize", counted)
    image = cv2.imread(str(ROOT / "model" / "samples" / "doc_0000.png"))
    ok, encoded = cv2.imencode(".png", cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE))
    assert ok
    turned = Extractor().extract(encoded.tobytes())
    assert _step(turned, "orient").detail.startswith("turned 90° back counter-clockwise (OSD conf")
    assert page_modes.count(PSM.SINGLE_BLOCK) == 1
    upright = Extractor().extract((ROOT / "model" / "samples" / "doc_0000.png").read_bytes())
    assert turned.details.recipient_inn == upright.details.recipient_inn is not None


def test_a_page_read_surely_as_it_is_needs_no_orientation_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract's orientation detection costs about a third of a clean page's time; a page that reads surely as it
    is was upright, so it is not asked."""
    from model.preprocess import orient

    def no_osd(grey: np.ndarray, budget: Budget | None = None, **_: object) -> None:
        raise AssertionError("orientation detection ran on an upright page")

    monkeypatch.setattr(orient, "detect_orientation", no_osd)
    extraction = Extractor().extract((ROOT / "model" / "samples" / "doc_0000.png").read_bytes())
    assert _step(extraction, "orient").detail.startswith("upright: read")
    assert extraction.details.recipient_inn is not None


def test_an_unsure_reading_that_finds_fields_is_upright(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blurred page reads under the confidence that proves it upright, but a page read the wrong way up finds no
    fields: one whose reading finds them is neither sent to orientation detection nor read in the other turns."""
    from model.preprocess import orient

    def no_osd(grey: np.ndarray, budget: Budget | None = None, **_: object) -> None:
        raise AssertionError("orientation detection ran on a page whose fields were read")

    recognize, pages_read = pipeline.recognize, []

    def counted(image: np.ndarray, psm: int, budget: Budget | None = None) -> OcrResult:
        pages_read.append(psm)
        return recognize(image, psm, budget)

    monkeypatch.setattr(orient, "detect_orientation", no_osd)
    monkeypatch.setattr(pipeline, "recognize", counted)
    monkeypatch.setattr(pipeline, "RETRY_BELOW_CONFIDENCE", 101.0)  # every reading counts as unsure
    extraction = Extractor().extract((ROOT / "model" / "samples" / "doc_0000.png").read_bytes())
    assert not _step(extraction, "orient_by_reading").applied
    assert pages_read.count(PSM.SINGLE_BLOCK) == 1  # the reading as it is, and no turn
    assert extraction.details.recipient_inn is not None


@pytest.mark.parametrize(
    ("scores", "upright"),
    [
        ((), False),
        ((0.3,), False),  # one speck that looks like a value: what a page read sideways yields at most
        ((0.3, 0.3, 0.3), False),
        ((0.3, 0.3, 0.3, 0.3), True),
        ((1.0,), True),  # a label with a value of its field's shape
    ],
)
def test_a_reading_is_upright_when_its_fields_add_up(scores: tuple[float, ...], upright: bool) -> None:
    candidates = [Candidate("recipient_inn", "7707083893", Source.OCR, score) for score in scores]
    assert pipeline._PageText([], candidates, "", 40.0).upright is upright


def test_a_page_upside_down_is_still_turned_upright() -> None:
    """The page read as it is is unsure, so it is preprocessed again with the orientation step, which turns it."""
    import cv2

    image = cv2.imread(str(ROOT / "model" / "samples" / "doc_0000.png"))
    ok, encoded = cv2.imencode(".png", cv2.rotate(image, cv2.ROTATE_180))
    assert ok
    upright = Extractor().extract((ROOT / "model" / "samples" / "doc_0000.png").read_bytes())
    turned = Extractor().extract(encoded.tobytes())
    assert _step(turned, "orient").applied or _step(turned, "orient_by_reading").applied
    assert turned.details.recipient_inn == upright.details.recipient_inn is not None


def test_an_unsure_pages_type_comes_from_both_of_its_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A receipt whose first reading lost every word that names a receipt («КАССОВЫЙ ЧЕК», «ИТОГ», the ФН…) is still
    one when the second reading (page mode 4) kept them. Real Tesseract reads the bundled receipt; its fiscal QR is
    left undecoded, since a QR names the type by itself."""
    recognize = pipeline.recognize
    receipt_words = ("КАСС", "ЧЕК", "ПРИХОД", "ИТОГ", "ФН", "ФД", "ФП", "ККТ", "СМЕН")

    def first_reading_loses_the_receipt_words(image: np.ndarray, psm: int, budget: Budget | None = None) -> OcrResult:
        result = recognize(image, psm, budget)
        if psm == PSM.SINGLE_COLUMN:
            return result
        return OcrResult(tuple(line for line in result.lines if not any(w in line.text.upper() for w in receipt_words)))

    monkeypatch.setattr(pipeline, "decode_qr", lambda image, **_: [])
    monkeypatch.setattr(pipeline, "recognize", first_reading_loses_the_receipt_words)
    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 101.0)
    monkeypatch.setattr(pipeline, "FAIRLY_SURE_CONFIDENCE", 101.0)
    receipt = (ROOT / "model" / "samples" / "doc_0002.jpg").read_bytes()
    assert Extractor().extract(receipt).details.document_type == DocumentType.CASH_RECEIPT

    monkeypatch.setattr(pipeline, "SECOND_READING_BELOW_CONFIDENCE", 0.0)
    assert Extractor().extract(receipt).details.document_type != DocumentType.CASH_RECEIPT


def test_the_first_reading_of_a_page_found_turned_keeps_its_own_map(monkeypatch: pytest.MonkeyPatch) -> None:
    """A turned page is preprocessed again, levelled and scaled on its own, so the first reading (of the page as it
    was) is not the new page's rotation pixel for pixel: its boxes go back to the page through the map of the image
    it read, or the web app would draw them beside their text when the turn search keeps that reading."""
    import cv2

    from model.evidence import PageReading
    from model.preprocess import preprocess

    monkeypatch.setattr(pipeline, "extract_candidates", lambda lines, source: [])  # no reading finds fields
    monkeypatch.setattr(pipeline, "RETRY_BELOW_CONFIDENCE", 101.0)  # and every reading is unsure
    monkeypatch.setattr(pipeline.orient, "looks_sideways", lambda grey: False)  # read as it is first
    image = cv2.rotate(cv2.imread(str(ROOT / "model" / "samples" / "doc_0000.png")), cv2.ROTATE_90_CLOCKWISE)
    options = PreprocessOptions()
    turned, first, _ = pipeline._prepare_upright(image, options, pipeline._Timer(), Budget(0))
    assert first is not None
    turn, (reading, _) = first
    as_is = preprocess(image, PreprocessOptions(orient=False))
    assert turn in (1, 3) and reading.passes
    page = pipeline.Page(image=image)
    [mapped] = pipeline._page_readings(pipeline._turned(reading, turn).passes, 1, page, turned)
    assert isinstance(mapped, PageReading)
    assert np.allclose(mapped.to_image, as_is.to_image)


def test_a_turn_found_too_late_to_be_read_is_not_preprocessed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Orientation detection's fallback reads words in each turn (0.6 s of a hard corpus page's last 1.0 s): with
    less time left than the page's preprocessing took, the page preprocessed again turned could not be read, and
    doing it anyway took that page past its budget."""
    from model.preprocess import orient

    preprocess, preprocessed = pipeline.preprocess, []

    def counted(image: np.ndarray, options: PreprocessOptions) -> Preprocessed:
        preprocessed.append(options)
        return preprocess(image, options)

    def slow_detection(grey: np.ndarray, budget: Budget | None = None, **_: object) -> orient.Orientation:
        assert budget is not None
        while budget.remaining_s() > 0.01:
            pass
        return orient.Orientation(180, "OSD unsure (conf 0.4); horizontal lines")

    monkeypatch.setattr(pipeline, "preprocess", counted)
    monkeypatch.setattr(orient, "detect_orientation", slow_detection)
    monkeypatch.setattr(pipeline, "extract_candidates", lambda lines, source: [])  # no reading finds fields
    monkeypatch.setattr(pipeline, "RETRY_BELOW_CONFIDENCE", 101.0)  # and every reading is unsure
    photo = (ROOT / "model" / "samples" / "doc_0000.png").read_bytes()
    extraction = Extractor().extract(photo, budget_s=2.5)
    assert len(preprocessed) == 1
    assert _step(extraction, "orient").detail.endswith("no time left to read it turned")
    assert "the page read turned" in extraction.warnings[0]


def test_an_unsure_page_is_not_asked_its_turn_when_no_time_is_left_to_read_it_turned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Orientation detection costs up to 2 CPU s on a noisy page (its fallback reads words in every turn); with under
    ``ASKING_NEEDS_S`` left, a turn found could not be read, so the page is not asked: an augraphy-damaged page cost
    7.0 CPU s under the 4 s budget that way, 4.2 s now."""
    from model.preprocess import orient

    detected: list[tuple[int, ...]] = []
    monkeypatch.setattr(orient, "detect_orientation", lambda grey, budget=None, **_: detected.append(grey.shape))
    monkeypatch.setattr(pipeline, "extract_candidates", lambda lines, source: [])  # no reading finds fields
    monkeypatch.setattr(pipeline, "RETRY_BELOW_CONFIDENCE", 101.0)  # and every reading is unsure
    photo = (ROOT / "model" / "samples" / "doc_0000.png").read_bytes()
    hurried = Extractor().extract(photo, budget_s=0.2)
    assert (detected, "asking an unsure page which way up it is" in hurried.warnings[0]) == ([], True)
    Extractor().extract(photo, budget_s=0)
    assert len(detected) == 1


def _receipt_with_a_large_total() -> np.ndarray:
    return cash_receipt_with_a_large_total("≡142.00")


def test_a_page_without_a_total_reads_its_rows_in_large_type(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readings of a cash receipt lost the double-size «ИТОГ ≡142.00» (read «ИТОГ» alone, or merged into the VAT
    row under it): the row is read alone, and its total is the page's, with the row's words for the evidence."""
    real = pipeline.recognize

    def total_lost(image: np.ndarray, psm: int = PSM.SINGLE_BLOCK, budget: Budget | None = None) -> OcrResult:
        result = real(image, psm, budget)
        return OcrResult(tuple(line for line in result.lines if not line.text.upper().startswith("ИТОГ")))

    monkeypatch.setattr(pipeline, "recognize", total_lost)
    image, timer = _receipt_with_a_large_total(), pipeline._Timer()
    reading = pipeline._with_large_rows(pipeline._read(image, timer, Budget(None)), image, 0, timer, Budget(None))
    assert [c.value for c in reading.candidates if c.field == "amount" and c.score >= 2.0] == ["142.00"]
    assert "RUB" in [c.value for c in reading.candidates if c.field == "currency"]
    assert any(line.startswith("ИТОГ") for line in reading.lines) and len(reading.passes) == 2


def test_a_page_with_its_total_reads_no_large_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "read_large_rows", lambda image, budget: calls.append(1) or [])
    image, timer = _receipt_with_a_large_total(), pipeline._Timer()
    reading = pipeline._with_large_rows(pipeline._read(image, timer, Budget(None)), image, 0, timer, Budget(None))
    assert calls == [] and "142.00" in [c.value for c in reading.candidates if c.field == "amount"]


def test_the_flattened_page_is_searched_for_a_qr_code_without_the_rescues(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rescues (doubled, sharpened, binarised, OpenCV) went through the photo's pixels already; flattening
    changes only the geometry, so the second search is zxing's reading alone."""
    searches: list[bool] = []

    def no_code(image: np.ndarray, *, rescues: bool = True) -> list[object]:
        searches.append(rescues)
        return []

    monkeypatch.setattr(pipeline, "decode_qr", no_code)
    photo = (ROOT / "model" / "samples" / "doc_0001.jpg").read_bytes()  # a photo: cropped and levelled
    extraction = Extractor().extract(photo)
    assert any(step.applied for step in extraction.steps if step.name in ("detect_document", "deskew"))
    assert searches == [True, False]


@pytest.mark.parametrize(
    ("trials", "turned", "ranking"),
    [
        (None, 0, (0, 2, 1, 3)),  # nothing judged: as it is, over, then the quarters
        ({}, 0, (0, 2, 1, 3)),  # OSD sure: no trial readings
        ({0: 38.0, 180: 20.0, 90: 25.0, 270: 41.0}, 0, (3, 0, 1, 2)),  # a hard corpus receipt: 270° read best
        ({0: 31.0, 180: 38.0}, 0, (2, 0, 1, 3)),  # found over, no time left to read it so: over first
        ({90: 30.0, 270: 38.0}, 1, (2, 0, 1, 3)),  # preprocessed again turned 90°: 270° is the new page over
    ],
)
def test_the_turns_of_a_page_rank_by_its_trial_readings(
    trials: dict[int, float] | None, turned: int, ranking: tuple[int, ...]
) -> None:
    from model.preprocess import orient

    found = None if trials is None else orient.Orientation(0, "", trials)
    assert pipeline._turns_likeliest_first(found, turned) == ranking


def test_the_turn_search_reads_the_likeliest_turn_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each turn of an unsure page is read as long as the first reading, and the budget ends the search: the turn the
    trial readings ranked first is read next, and the search stops there when it reads well, rather than after 180°
    and 90° (1.3 of a hard corpus receipt's 3.6 CPU s, its turn left unread on a loaded machine)."""
    turns_read: list[int] = []

    def read(
        image: np.ndarray, timer: pipeline._Timer, budget: Budget, *_: object, **kwargs: int
    ) -> pipeline._PageText:
        turns_read.append(kwargs.get("turn", 0))
        found = [Candidate("recipient_inn", "7707083893", Source.OCR, 1.0)] if kwargs.get("turn") == 3 else []
        return pipeline._PageText([], found, "", 40.0)

    monkeypatch.setattr(pipeline, "_read", read)
    best, turn, step, _ = pipeline._read_upright(
        np.zeros((40, 40), np.uint8), True, pipeline._Timer(), Budget(None), ranking=(3, 0, 1, 2)
    )
    assert (turns_read, turn, best.upright, step.applied) == ([0, 3], 3, True, True)


def test_the_pooled_second_reader_reads_the_turns_tesseract_left_unsettled(
    samples: dict[Path, dict[str, str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where Tesseract's reading leaves a page's turn unsettled (unsure, no field: its turn search cut by the budget
    or every turn unreadable), Indra read only the turn Tesseract kept: four hard corpus pages were read by Indra
    sideways or upside down (0/9/9/0 values, 4/10/11/7 with their turns read). Indra now searches the other turns
    from there, a fifth of a Tesseract reading each. Tesseract reads nothing here, and the page is upside down."""
    import cv2

    from model import indra
    from model.preprocess import orient

    path, truth = next(iter(samples.items()))
    image = cv2.imread(str(path))
    assert image is not None
    ok, encoded = cv2.imencode(".png", cv2.rotate(image, cv2.ROTATE_180))
    assert ok
    recognize, indra_read = indra.recognize, []

    def counted(image: np.ndarray, budget: Budget | None = None) -> OcrResult:
        indra_read.append(image.shape)
        return recognize(image, budget)

    monkeypatch.setattr(pipeline, "recognize", lambda image, psm=PSM.SINGLE_BLOCK, budget=None: OcrResult(()))
    monkeypatch.setattr(pipeline, "recognize_straightened", lambda image, budget=None: None)
    monkeypatch.setattr(orient, "detect_orientation", lambda grey, budget=None, **_: None)
    monkeypatch.setattr(indra, "recognize", counted)
    extraction = Extractor("pooled").extract(encoded.tobytes())
    assert _step(extraction, "orient_by_second_reader").applied
    assert len(indra_read) == 2  # as Tesseract kept it, then over, which reads well
    assert extraction.details.amount == truth["amount"]
