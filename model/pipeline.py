"""One document in, verified payment details out: load → preprocess → QR → OCR or Qwen-VL → parse → checks.

The QR code is read first and trusted most, but the rest of the page is always read too: a QR rarely carries every
field (a fiscal QR has no seller name), and agreement between QR and text is what confirms a value.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

import cv2
import numpy as np
from PIL import Image

from model import calibration, indra, receipt_head
from model.budget import Budget, check_deadline
from model.columns import unzipped_columns
from model.documents import Page, TextWord, load_document
from model.evidence import PageReading, with_evidence
from model.fields import classify, extract_candidates, is_statement_document
from model.labels import TOTAL_SCORE
from model.ocr import OcrLine, OcrResult, OcrWord, read_large_rows, recognize, recognize_straightened
from model.payment_order import without_dates_by_shape
from model.pooling import pool_readings
from model.preprocess import Preprocessed, PreprocessOptions, Step, orient, preprocess
from model.preprocess.enhance import to_grey
from model.preprocess.geometry import Matrix, identity, quarter_turns
from model.preprocess.pipeline import Background, Levelled, orientation_detail
from model.qr import QrCode, decode_qr
from model.quality import ReadingQuality, assess
from model.resolve import doubted_when_read_unsure, resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source
from model.tesseract import PSM

if TYPE_CHECKING:
    from model.qwen import QwenExtractor

BackendName = Literal["auto", "tesseract", "indra", "pooled", "qwen-vl"]
BACKENDS: tuple[BackendName, ...] = ("auto", "tesseract", "indra", "pooled", "qwen-vl")
"""``indra`` reads the page with the Indra OCR extra instead of Tesseract; ``pooled`` reads it with both and lets
the checks choose among the candidates of both readings (see model.pooling)."""

_QR_DOCUMENT_TYPES = {"payment": DocumentType.INVOICE, "fiscal": DocumentType.CASH_RECEIPT}


@dataclass
class Extraction:
    """Everything one extraction produced, for the CLI, the platform contract and the web app."""

    details: PaymentDetails
    checks: dict[str, FieldCheck]
    backend: str
    response: str
    """The raw text the OCR or the model produced (both readings of a page the OCR read twice)."""
    qr_codes: list[QrCode]
    steps: list[Step]
    """Preprocessing steps of the first page, as shown to a person."""
    stages: dict[str, float]
    """Milliseconds per stage: load, preprocess, qr, ocr (Tesseract), indra, parse, model, checks."""
    intermediates: dict[str, np.ndarray] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    """What the time budget left out, and the budget in the reference machine's seconds and this one's CPU seconds;
    empty when the document was read in full."""
    budget_factor: float | None = None
    """What the budget was scaled by: this machine's CPU seconds for one of the reference machine's
    (``model.calibration``; 1 with the calibration off); None when the document had no budget."""
    quality: ReadingQuality | None = None
    """How well the document could be read, and whether to ask for another photo."""

    @property
    def truncated(self) -> bool:
        """The reading stopped at its deadline: a field missing here may be read with a larger budget."""
        return bool(self.warnings)

    @property
    def elapsed_ms(self) -> float:
        return sum(self.stages.values())

    def checks_json(self) -> dict[str, dict[str, Any]]:
        return {name: check.model_dump(mode="json") for name, check in self.checks.items()}


class _Timer:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + (time.perf_counter() - start) * 1000


@dataclass
class _Reading:
    """What the pages of one document have yielded so far."""

    budget: Budget
    timer: _Timer = field(default_factory=_Timer)
    candidates: list[Candidate] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    qr_codes: list[QrCode] = field(default_factory=list)
    document_types: list[tuple[DocumentType, Source]] = field(default_factory=list)
    page_readings: list[PageReading] = field(default_factory=list)
    """Every OCR reading kept for the evidence: where each chosen value's words are."""
    confidences: list[float] = field(default_factory=list)
    """Each OCR'd page's mean confidence, for the reading's quality."""
    page_shapes: list[tuple[int, ...]] = field(default_factory=list)


_BACKGROUNDS: dict[str, Background] = {"indra": "kept", "pooled": "both"}


def _options(preprocess_image: bool, keep_intermediates: bool, backend: BackendName) -> PreprocessOptions:
    """The preprocessing's steps; the background beyond paper told by its colour painted over for Tesseract, kept
    for Indra (``PreprocessOptions.background``). The ``indra`` backend's grey page is neither contrast-normalised,
    scaled nor cleared of its rules, which only Tesseract's reading needs: Indra reads the colour page and sizes it
    itself (its detector sees the long side at 1024 px), and the grey page serves only to tell a sideways page
    (``orient.looks_sideways``, which judges a 0.5 Mpx copy, normalised alone: ``orient.normalized_sample``). Indra
    reads the same colour pixels either way. On an 8-14 Mpx real photo the contrast step alone cost 0.1-0.35 of the
    0.35-0.66 CPU s its preprocessing took for Indra, which with its decoding makes the slowest Indra documents
    (the real 181, paired: every value the same, CPU sum −6.5%, max 1.40 → 1.29 s)."""
    if preprocess_image:
        background = _BACKGROUNDS.get(backend, "painted")
        options = PreprocessOptions(keep_intermediates=keep_intermediates, background=background)
        if backend == "indra":
            return replace(options, normalize_contrast=False, scale=False, erase_rules=False)
        return options
    return PreprocessOptions(
        detect_document=False,
        orient=False,
        deskew=False,
        normalize_contrast=False,
        denoise=False,
        scale=False,
        erase_rules=False,
        keep_intermediates=keep_intermediates,
    )


RETRY_BELOW_CONFIDENCE = 65.0
"""Clean and photographed pages read at 75-90% mean confidence; a page read upside down or sideways reads
under 50%, which is when the other turns are tried."""

INDRA_RETRY_BELOW_CONFIDENCE = 90.0
"""Indra is surer of itself: an upright page reads at 95-99%, one turned 90° or 180° still at 70-85% (of symbols
it makes of the rotated letters)."""

UPRIGHT_FIELD_EVIDENCE = 1.0
"""A reading whose candidates' scores add up to this much read the page the right way up, however unsure Tesseract
was of its letters: a label with a value of its field's shape, or two values found by their shape, while a page
read sideways or upside down yields at most one speck that happens to look like a value (a lone 0.3). Measured on
the hard level's 39 pages read in each of the four turns: none of the 84 wrong turns of the 28 pages that yield a
right value reached it, and all 28 right turns did; so the turn search (up to three more readings of a blurred page,
each as long as the first) stops there, and the time goes to the second reading."""

SECOND_READING_BELOW_CONFIDENCE = 80.0
"""A page read less surely than this is read once more as a single column of lines of any size (page mode 4), and
the fields of both readings are pooled: on a blurred page the two segmentations lose different lines. Measured on
the benchmark: hard 0.642 → 0.668, overall 0.896 → 0.902, clean and photo unchanged; a third of the pages, nearly
all hard, are read twice, which costs 17% of the throughput (1.50 → 1.25 images/s), p95 3.9 → 4.9 s and 54 MB (the
second engine). At 65% half the gain; every page read twice gains no more."""
FAIRLY_SURE_CONFIDENCE = 70.0
"""A page read at least this surely (and under ``SECOND_READING_BELOW_CONFIDENCE``) is read again only when its first
reading, with the document's QR codes, lacks the total, the date or a receipt's fiscal numbers
(``_has_total_and_date``). On the 76 Russian photos of the real documents (one worker, QR on) the 15 read twice at
70-79% gained nothing from it (9.2 of 111 CPU s), while every page whose second reading gained a value (7 pages, 10
values) read under 70%; but on the corpus, reading every 70-79% page once lost two dates, and with the QR codes off
a real receipt its ФД and ФП. As landed, paired on the 132 real documents (QR on and off) and the corpus: no
value changed but on pages the budget cut on a loaded machine; it reads once an invoice scan (2.3 → 1.3 CPU s), a
pre-bill (1.3 → 0.8 s) and, with its QR code, a receipt's footer (0.7 → 0.5 s)."""


INDRA_KEPT_S = 0.6
"""CPU seconds (of the reference machine: ``Budget.here``) of a pooled reading's budget that Tesseract's optional
passes (the other turns, the second page mode, large rows) leave for Indra's reading, which comes after them. Without
it the blurred pages, where Indra reads most that Tesseract cannot, were the ones whose Indra reading the budget
skipped."""


LARGE_ROWS_KEPT_S = 0.2
"""CPU seconds (of the reference machine: ``Budget.here``) that the second reading of a page whose first reading found
no total leaves for the rows in large type (``_with_large_rows``), which come after it: finding them costs 30-40 ms
of an 8 Mpx page, reading a row 15-50 ms a group. A Магнит receipt whose total only its large row gave
(khramtsov_magnit_ekb) lost it wherever its first reading was cheap enough for the second to start: the second ran
to the deadline, and the same page read less with more time."""


UNRANKED_TURNS: tuple[int, ...] = (0, 2, 1, 3)
"""A page's quarter turns in the order they are read where no trial reading ranked them: as it is, then over (180°
is the commonest miss), then the quarters."""


@dataclass(frozen=True)
class _OcrPass:
    """One reader's lines of the page turned ``turn`` quarter turns counter-clockwise (``np.rot90``)."""

    source: Source
    lines: tuple[OcrLine, ...]
    turn: int = 0
    to_image: Matrix | None = None
    """The map from the page's pixels onto the image this pass read, when that image is not the preprocessed page
    turned ``turn`` quarter turns: the first reading of a page preprocessed again once found turned. Levelled and
    scaled on its own, that reading's image is only roughly the turned page's rotation, so its boxes go back to the
    page through its own map."""


@dataclass
class _PageText:
    """What one reading of a page gave: its lines (which also classify the page), the fields read from them, the
    raw text, Tesseract's mean confidence, and the OCR passes they came from (for the evidence)."""

    lines: list[str]
    candidates: list[Candidate]
    text: str
    confidence: float
    passes: list[_OcrPass] = field(default_factory=list)

    @property
    def upright(self) -> bool:
        """The reading found fields, which a page read the wrong way up does not (``UPRIGHT_FIELD_EVIDENCE``)."""
        return sum(candidate.score for candidate in self.candidates) >= UPRIGHT_FIELD_EVIDENCE

    @property
    def quality(self) -> tuple[float, float]:
        """How to rank readings of one page in different turns: confidence, and the fields it yielded."""
        return self.confidence + 5.0 * len(self.candidates), self.confidence


_Timed = tuple["_PageText", float]
"""A reading and the CPU seconds it took."""


def _read_page_text(
    image: np.ndarray,
    may_turn: bool,
    timer: _Timer,
    budget: Budget,
    *,
    first: tuple[int, _Timed] | None = None,
    known: _Known | None = None,
    ranking: tuple[int, ...] = UNRANKED_TURNS,
    indra_reads_next: bool = False,
) -> tuple[_PageText, int, list[Step]]:
    """The page read the right way up and, when that reading is unsure, read a second way with the fields pooled.
    ``first`` is a reading already made of ``image`` turned so many quarter turns; ``known`` what the document gave
    before this page's text (its QR codes, earlier pages); ``ranking`` its turns likeliest first
    (``_turns_likeliest_first``); ``indra_reads_next``: the page is read by Indra after Tesseract (the pooled backend).
    Returns the reading, the quarter turns that made the page upright, and the steps."""
    upright, turn, orient_step, cost = _read_upright(image, may_turn, timer, budget, first=first, ranking=ranking)
    known = known or _Known()
    if upright.confidence >= SECOND_READING_BELOW_CONFIDENCE:
        return upright, turn, [orient_step, Step("second_reading", False, 0.0, f"{upright.confidence:.0f}% confident")]
    if (
        upright.confidence >= FAIRLY_SURE_CONFIDENCE
        and _has_total_and_date(upright, known)
        and (indra_reads_next or _payee_verified(upright, known, timer))
    ):
        detail = f"{upright.confidence:.0f}% confident, and its total and date read already"
        return upright, turn, [orient_step, Step("second_reading", False, 0.0, detail)]
    if settled := _settled(upright, known, timer):
        detail = f"{upright.confidence:.0f}% confident, but {', '.join(settled)} verified already"
        return upright, turn, [orient_step, Step("second_reading", False, 0.0, detail)]
    if not budget.allows(cost):
        budget.skip("the second reading of an unsure page (page mode 4)")
        return upright, turn, [orient_step, Step("second_reading", False, 0.0, "no time left before the deadline")]
    started = time.perf_counter()
    turned = np.ascontiguousarray(np.rot90(image, turn))
    kept = 0.0 if any(_a_total(candidate) for candidate in upright.candidates) else budget.here(LARGE_ROWS_KEPT_S)
    with budget.keeping(kept):
        second = _read_straightened(turned, timer, budget, turn)
        if second is not None:
            how = "as one column, its bent lines straightened"
        else:
            how = "as one column"
            second = _read(turned, timer, budget, PSM.SINGLE_COLUMN, turn=turn)
    detail = f"{upright.confidence:.0f}% confident: read again {how}, {len(second.candidates)} more readings"
    step = Step("second_reading", True, (time.perf_counter() - started) * 1000, detail)
    text = f"{upright.text}\n\n{second.text}"
    lines = upright.lines + second.lines  # the page's type from both: each segmentation loses different lines
    pooled = _PageText(
        lines, upright.candidates + second.candidates, text, upright.confidence, upright.passes + second.passes
    )
    return pooled, turn, [orient_step, step]


def _read_straightened(image: np.ndarray, timer: _Timer, budget: Budget, turn: int) -> _PageText | None:
    """The page read again as one column (page mode 4) with its bent lines straightened first
    (``model.preprocess.lines``): page mode 4 follows a bent line no better than the block's reading; None where the
    lines run straight."""
    with timer.stage("ocr"):
        result = recognize_straightened(image, budget)
    return None if result is None else _parsed(result, timer, Source.OCR, turn)


@dataclass(frozen=True)
class _Known:
    """What a document gave before a page's text was read: candidates and the document type they imply."""

    candidates: tuple[Candidate, ...] = ()
    document_type: DocumentType | None = None


SETTLED_FIELDS = ("recipient_inn", "recipient_account", "bank_bic", "bank_corr_account")
"""Once the first reading has verified these (check digits, the account's key against the БИК, the directory, the QR
code), an unsure page is not read again: a second reading by the same reader can then add only values no check
confirms. Measured on the benchmark (one worker, each document read both ways in turn): 6 clean and photo invoices
read 74-79% confident were read twice for no value (0.4-1.5 CPU s each), and skipping it took the median document
from 0.99 to 0.93 CPU s; F1 0.871 → 0.873 (the hard level's budget cuts moving), 0 wrong verified, and none of the
second readings that gained a value had these four verified."""
SETTLED_RECEIPT_FIELDS = ("recipient_inn", "amount")
"""A cash receipt's counterpart of ``SETTLED_FIELDS``: the seller's ИНН by its check digits and the sum by the fiscal
QR code agreeing with the printed total. What a second reading could still add is the seller's name, which nothing
checks. Measured in paired runs: two Магнит receipts of the real documents read 73-76% confident were read once (0.7
and 1.6 CPU s less), one receipt of the corpus too; no value changed."""


FISCAL_NUMBERS = ("fiscal_drive_number", "fiscal_document_number", "fiscal_sign")
"""What a cash receipt prints besides its total and date, and what its second reading finds when the first misread
them: with the QR codes left undecoded, a Магнит photo read 76% confident lost its ФД and ФП when its second reading
was left out for a total and a date alone."""


FAIRLY_SURE_INVOICE_VERIFIED = ("recipient_inn",)
"""What a fairly sure invoice (``FAIRLY_SURE_CONFIDENCE``) must have verified besides its total and date to be read
once: the payee's ИНН, unless Indra reads the page next (the pooled backend). Measured with Tesseract on 263 hard and
photo pages of the sixteen rounds (221 of them with a value missed): of the 24 read once at 70-79% for their total
and date, the second reading gained values on 4, all invoices, 3 of them with the payee's ИНН unverified
(r7_invoice_03_hard its ИНН misread, r2_invoice_07_photo its six bank details, r6_invoice_05_photo its account); no
transfer or receipt gained. Paired on 20 hard and photo invoices, the 7 it reads twice among them: F1 0.867 → 0.895,
8 values gained and one wrong bank name (the payer's, unverified) where none was read, 0 wrong verified, +1.0-1.6 CPU s
on each of the 7 (the 13 others unchanged); pooled, Indra had read those lines already (1 value gained, 1 lost, +4.5
CPU s), so it is left out there. On the 181 real documents (Tesseract, QR on, paired under the same load) it reads
none twice: no value changed, CPU p50 0.92 → 0.94 s, max 3.39 → 3.42 s (a budget-cut receipt's noise)."""
BANK_DETAILS_SHOWN = ("recipient_inn", "payer_inn", "recipient_account", "bank_bic", "bank_corr_account")
"""Fields whose reading shows that a page classified as an invoice prints bank details, so that its payee's ИНН is
there to be read: a restaurant's pre-bill (classified an invoice by its «Счёт») prints none, and its second reading
found nothing (eeegoloauq_prebill_ladya, 79% confident, +0.6 CPU s)."""


def _has_total_and_date(reading: _PageText, known: _Known) -> bool:
    """Whether the reading, with what the document gave before it, has the sum due (under a total's label, or from a
    QR code) and a date, and a cash receipt its fiscal numbers too: what a fairly sure page's second reading is mostly
    for (``FAIRLY_SURE_CONFIDENCE``)."""
    candidates = [*known.candidates, *reading.candidates]
    if not any(_a_total(c) or (c.field == "amount" and c.source == Source.QR) for c in candidates):
        return False
    receipt = (known.document_type or classify(reading.lines)) == DocumentType.CASH_RECEIPT
    needed = {"payment_date", *(FISCAL_NUMBERS if receipt else ())}
    return needed <= {c.field for c in candidates}


def _payee_verified(reading: _PageText, known: _Known, timer: _Timer) -> bool:
    """Whether an invoice's reading, with what the document gave before it, has verified the fields that say who is
    paid (``FAIRLY_SURE_INVOICE_VERIFIED``): what a fairly sure invoice's second reading is for besides its total and
    date. A page of any other kind needs none, nor one that shows no bank details (``BANK_DETAILS_SHOWN``)."""
    candidates = [*known.candidates, *reading.candidates]
    with timer.stage("checks"):
        document_type = known.document_type or classify(reading.lines)
        if document_type != DocumentType.INVOICE or not any(c.field in BANK_DETAILS_SHOWN for c in candidates):
            return True
        _, checks = resolve(candidates, document_type)
    return all(checks[name].status == CheckStatus.VERIFIED for name in FAIRLY_SURE_INVOICE_VERIFIED)


def _settled(reading: _PageText, known: _Known, timer: _Timer) -> tuple[str, ...]:
    """The fields that say who is paid, and where or how much, when the reading (with what the document gave before
    it) has verified every one of them; empty otherwise."""
    with timer.stage("checks"):
        document_type = known.document_type or classify(reading.lines)
        _, checks = resolve([*known.candidates, *reading.candidates], document_type)
    names = SETTLED_RECEIPT_FIELDS if document_type == DocumentType.CASH_RECEIPT else SETTLED_FIELDS
    return names if all(checks[name].status == CheckStatus.VERIFIED for name in names) else ()


def _timed_read(image: np.ndarray, timer: _Timer, budget: Budget, reader: str = "tesseract", turn: int = 0) -> _Timed:
    """``image`` turned ``turn`` quarter turns read, and the CPU seconds it took."""
    started = time.thread_time()
    turned = np.ascontiguousarray(np.rot90(image, turn)) if turn else image
    reading = _read(turned, timer, budget, reader=reader, turn=turn)
    return reading, time.thread_time() - started


def _read_upright(
    image: np.ndarray,
    may_turn: bool,
    timer: _Timer,
    budget: Budget,
    reader: str = "tesseract",
    *,
    first: tuple[int, _Timed] | None = None,
    start: int = 0,
    ranking: tuple[int, ...] = UNRANKED_TURNS,
) -> tuple[_PageText, int, Step, float]:
    """OCR the page turned ``start`` quarter turns and read its fields; when the reading is poor and finds no fields
    (``_PageText.upright``), also try the other three turns, likeliest first (``ranking``), until one does, and keep
    the one that reads best. Orientation guessed from a blurred, low-resolution photo is wrong about half the time,
    and a full reading is the most reliable judge. A turn is tried only when the time left covers another reading as
    long as the first. Returns the reading, its quarter turns, the step, and the first reading's CPU seconds: the
    budget's own clock, so that a busy machine's wall clock does not make the same page skip turns."""
    started = time.perf_counter()
    known: dict[int, _Timed] = dict([first]) if first is not None else {}
    if start in known:
        reading, cost = known.pop(start)
        best = _turned(reading, start) if start else reading
    else:
        best, cost = _timed_read(image, timer, budget, reader, start)
    best_turn = start
    retry_below = _retry_below(reader)
    at = f" at {start * 90}°" if start else ""
    detail = f"first reading{at} {best.confidence:.0f}% confident"
    if may_turn and best.confidence < retry_below and not best.upright:
        for turn in (turn for turn in ranking if turn != start):
            if turn in known:
                attempt = _turned(known[turn][0], turn)
            elif not budget.allows(cost):
                budget.skip("the other turns of an unsure page")
                break
            else:
                attempt = _read(np.ascontiguousarray(np.rot90(image, turn)), timer, budget, reader=reader, turn=turn)
            if attempt.quality > best.quality:
                best_turn, best = turn, attempt
            if best.confidence >= retry_below or best.upright:
                break
        detail += f"; best of the turns tried: {best_turn * 90}° ({best.confidence:.0f}% confident)"
    step = Step("orient_by_reading", best_turn != start, (time.perf_counter() - started) * 1000, detail)
    return best, best_turn, step, cost


def _turns_likeliest_first(found: orient.Orientation | None, turned: int = 0) -> tuple[int, ...]:
    """The quarter turns (``np.rot90``) of a page, likeliest first by the band readings that judged its orientation
    (``orient.Orientation.trials``), the unranked ones after them in ``UNRANKED_TURNS``' order; ``turned`` is how many
    quarter turns the page was preprocessed again turned from the page judged. The turn search reads the other turns
    of an unsure page in this order, each as long as the first reading, and the budget ends it: a hard corpus receipt
    whose band read best turned 270° (41%, not the margin surer than as it is) was read at 180° and 90° first, 1.3 of
    its 3.6 CPU s, and its turn was left unread on a loaded machine."""
    trials = found.trials if found is not None else {}
    score = {turn: trials.get((turn + turned) % 4 * 90, 0.0) for turn in UNRANKED_TURNS}
    return tuple(sorted(UNRANKED_TURNS, key=lambda turn: -score[turn]))


def _turn_settled(reading: _PageText) -> bool:
    """Whether a Tesseract reading settles which way up its page is: read surely or finding fields. Where it does
    not (its turn search cut by the budget, or every turn unsure), the pooled reading's second reader, Indra, reads
    the other turns itself (``Extractor._pool_with_indra``), a fifth of a Tesseract reading each: four hard corpus
    pages whose search the budget cut (Indra keeps its ``INDRA_KEPT_S``) were read by Indra sideways or upside down,
    0/9/9/0 values, 4/10/11/7 with their turns read."""
    return reading.confidence >= RETRY_BELOW_CONFIDENCE or reading.upright


def _retry_below(reader: str) -> float:
    """The confidence under which a reading by ``reader`` of a page that gave no fields may be of a turned page."""
    return INDRA_RETRY_BELOW_CONFIDENCE if reader == "indra" else RETRY_BELOW_CONFIDENCE


def _turned(reading: _PageText, turn: int) -> _PageText:
    """A reading made of the page before it was turned, as the reading of the turned page ``turn`` quarter turns."""
    passes = [replace(one, turn=turn) for one in reading.passes]
    return replace(reading, passes=passes)


def _read(
    image: np.ndarray,
    timer: _Timer,
    budget: Budget,
    psm: int = PSM.SINGLE_BLOCK,
    *,
    reader: str = "tesseract",
    turn: int = 0,
) -> _PageText:
    """One OCR pass over ``image`` (the page turned ``turn`` quarter turns) and the fields read from it."""
    result: OcrResult
    check_deadline("a reading of the page")
    if reader == "indra":
        with timer.stage("indra"):
            result = indra.recognize(image, budget)
    else:
        with timer.stage("ocr"):
            result = recognize(image, psm, budget)
    return _parsed(result, timer, Source.INDRA if reader == "indra" else Source.OCR, turn)


def _parsed(result: OcrResult, timer: _Timer, source: Source, turn: int) -> _PageText:
    """A reading's fields, and its confidence: its lines' by their characters."""
    with timer.stage("parse"):
        lines = unzipped_columns(result.lines)
        candidates = extract_candidates(lines, source)
    characters = sum(len(line.text) for line in result.lines) or 1
    confidence = sum(line.confidence * len(line.text) for line in result.lines) / characters
    return _PageText(lines, candidates, result.text, confidence, [_OcrPass(source, result.lines, turn)])


def _a_total(candidate: Candidate) -> bool:
    """A reading of the amount under a total's label («ИТОГ», «Итого», «К оплате»), not a sum or a payment's line."""
    return candidate.field == "amount" and candidate.score >= TOTAL_SCORE


def _with_large_rows(reading: _PageText, image: np.ndarray, turn: int, timer: _Timer, budget: Budget) -> _PageText:
    """The page's reading with its total read from a row in large type (``model.ocr.read_large_rows``) when none of
    its readings found a total: once a page, after its readings, so that it never costs the page its second reading.
    Only a total's amount (and its currency) is taken from those rows."""
    if any(_a_total(candidate) for candidate in reading.candidates):
        return reading
    if not budget.allows(0.0):  # finding the rows alone costs 30-40 ms of an 8 Mpx page
        budget.skip("rows in large type read alone")
        return reading
    with timer.stage("ocr"):
        large = read_large_rows(np.ascontiguousarray(np.rot90(image, turn)), budget)
    with timer.stage("parse"):
        found = [extract_candidates([line.text], Source.OCR) for line in large]
    totals = [c for line in found if any(_a_total(t) for t in line) for c in line if c.field in ("amount", "currency")]
    if not totals:
        return reading
    text = "\n".join([reading.text, *(line.text for line in large)])
    lines = reading.lines + [line.text for line in large]
    passes = [*reading.passes, _OcrPass(Source.OCR, tuple(large), turn)]
    return replace(reading, lines=lines, candidates=reading.candidates + totals, text=text, passes=passes)


HEAD_NEEDS_S = 0.3
"""CPU seconds (of the reference machine: ``Budget.here``) left below which a receipt's head is not read again: its
reading took 0.1-0.5 s on the real receipts."""


def _with_receipt_head(
    reading: _PageText,
    image: np.ndarray,
    turn: int,
    timer: _Timer,
    budget: Budget,
    *,
    document_type: DocumentType | None,
) -> _PageText:
    """A cash receipt's reading with the seller names its head gives read again alone and enlarged
    (``model.receipt_head``), when the page's readings gave no seller name that looks read faithfully.
    ``document_type`` is what the document's QR code said it is, if anything."""
    first = reading.passes[0] if reading.passes else None
    if first is None or first.to_image is not None or first.turn != turn:
        return reading  # its boxes are not on this image
    names = [c.value for c in reading.candidates if c.field == "recipient_name"]
    if not receipt_head.needs_head(names) or (document_type or classify(reading.lines)) != DocumentType.CASH_RECEIPT:
        return reading
    if (box := receipt_head.head_box(first.lines)) is None:
        return reading
    if not budget.allows(budget.here(HEAD_NEEDS_S)):
        budget.skip("the receipt's head read again for its seller")
        return reading
    with timer.stage("ocr"):
        found, lines = receipt_head.read_head_names(np.ascontiguousarray(np.rot90(image, turn)), box, budget)
    if not found:
        return reading
    text = "\n".join([reading.text, *(line.text for line in lines)])
    passes = [*reading.passes, _OcrPass(Source.OCR, lines, turn)]
    return replace(reading, candidates=reading.candidates + found, text=text, passes=passes)


def _prepare_upright(
    image: np.ndarray, options: PreprocessOptions, timer: _Timer, budget: Budget, reader: str = "tesseract"
) -> tuple[Preprocessed, tuple[int, _Timed] | None, tuple[int, ...]]:
    """The page preprocessed without asking which way up it is, and read as it is by ``reader``: most pages are
    photographed upright, and a sure reading (``RETRY_BELOW_CONFIDENCE``, ``INDRA_RETRY_BELOW_CONFIDENCE``) or one
    that finds fields (``_PageText.upright``) proves it, for less than Tesseract's orientation detection costs (about
    a third of a clean page's time). Only an unsure
    page without fields is asked which way up it is, and only with time left to read it turned (``ASKING_NEEDS_S``);
    found upright, the page as preprocessed is the page, and only a turned one is preprocessed again, turned before it
    is levelled and scaled. A page whose lines run vertically (``orient.looks_sideways``) is asked before it is read,
    and not read as it is when the answer is a sure turn.
    Returns the preprocessed page; the reading made, if any, with the quarter turns of the returned page it is a
    reading of: it is not read again; and the returned page's turns likeliest first by the judgement, if one was made
    (``_turns_likeliest_first``): a turn found that there was no time to read the page at is read first after it."""
    with timer.stage("preprocess"):
        started_cpu = time.thread_time()
        as_is = preprocess(image, replace(options, orient=False))
        preprocessing_s = time.thread_time() - started_cpu
        started = time.perf_counter()
        asked = orient.looks_sideways(
            as_is.image if options.normalize_contrast else orient.normalized_sample(as_is.image)
        )
        found = orient.detect_orientation(to_grey(as_is.color)) if asked else None
        detected_ms = (time.perf_counter() - started) * 1000
        if found is not None and found.degrees and found.evidence.startswith(orient.SURE_EVIDENCE):
            return _preprocessed_turned(image, options, found, detected_ms), None, UNRANKED_TURNS
    first = _timed_read(_reader_page(as_is, reader).image, timer, budget, reader)
    if first[0].confidence >= _retry_below(reader) or first[0].upright:
        detail = f"upright: read {first[0].confidence:.0f}% confident as it is, {len(first[0].candidates)} readings"
        step = Step("orient", False, round(detected_ms, 1), detail)
        return _with_orient_step(as_is, step), (0, first), _turns_likeliest_first(found)
    if not asked and not budget.allows(budget.here(ASKING_NEEDS_S)):
        budget.skip("asking an unsure page which way up it is")
        detail = f"read {first[0].confidence:.0f}% confident as it is; no time left to read it turned"
        return _with_orient_step(as_is, Step("orient", False, 0.0, detail)), (0, first), UNRANKED_TURNS
    with timer.stage("preprocess"):
        judged = asked or _judged_by_trial_reading(reader)
        if not asked:
            started = time.perf_counter()
            found = orient.detect_orientation(to_grey(as_is.color), budget, trial=judged)
            detected_ms = (time.perf_counter() - started) * 1000
        if found is None or found.degrees == 0:
            detail = orientation_detail(found) if judged or found else UNJUDGED_DETAIL
            step = Step("orient", False, round(detected_ms, 1), detail)
            return _with_orient_step(as_is, step), (0, first), _turns_likeliest_first(found)
        if not budget.allows(preprocessing_s):  # preprocessed again, it would be left no time to be read
            budget.skip("the page read turned")
            detail = f"{orientation_detail(found)}; no time left to read it turned"
            step = Step("orient", False, round(detected_ms, 1), detail)
            return _with_orient_step(as_is, step), (0, first), _turns_likeliest_first(found)
        turned = _preprocessed_turned(image, options, found, detected_ms)
    reading, cost = first  # of the page as it was, which the turned page is turned back from
    to_read = _reader_page(as_is, reader).to_image
    mapped = replace(reading, passes=[replace(one, to_image=to_read) for one in reading.passes])
    quarters = found.degrees // 90
    return turned, (-quarters % 4, (mapped, cost)), _turns_likeliest_first(found, quarters)


def _judged_by_trial_reading(reader: str) -> bool:
    """Whether a page that ``reader`` read unsure and without fields, and that OSD is not sure of either, is judged by
    a trial Tesseract reading of its inkiest band each way up (``orient.orientation_by_profile``) before the turn
    search: for Tesseract, whose every turn read costs as much as that judgement, yes. Not for Indra: it reads a turn
    in 0.06-0.2 CPU s, and the judgement (0.4-1.1 s: most of the slowest real documents' time) was not sure enough to
    spare the page the turn search, which read the three other turns anyway. The axis of its lines is still judged
    (``orient.line_quarters``, 0.01-0.09 s): Indra read three hard corpus pages lying sideways, turned over, as surely
    as upright pages read (90-97%, no field), so a search that began there stopped at that wrong turn; a page whose
    lines run down it is turned a quarter first, and the search then stops at the way round that reads well. A page
    that looks sideways (``orient.looks_sideways``) is judged in full before it is read, as before."""
    return reader != "indra"


UNJUDGED_DETAIL = "OSD found no sure turn and the lines do not run down the page: the turns are read"
"""The orient step's detail where the turn is left to the turn search (``_judged_by_trial_reading``)."""


ASKING_NEEDS_S = 0.5
"""CPU seconds (of the reference machine: ``Budget.here``) left below which an unsure page is not asked which way up
it is: Tesseract's orientation detection alone takes 0.3-0.4 s of it, and its fallback (words read in every turn) up
to 2 s on a noisy page, so nothing would be left to read the page turned. A damaged page whose first reading spent
the 4 s budget cost 7.0 CPU s by asking anyway, 4.2 s now. With more left, a reading of the turned page cut short at
the deadline still finds fields (two hard corpus pages' dates with 1.7 s left), so the rule is not "as long as the
first reading"."""


def _preprocessed_turned(
    image: np.ndarray, options: PreprocessOptions, found: orient.Orientation, detected_ms: float
) -> Preprocessed:
    """The page preprocessed again, turned upright by the orientation found on it before it is levelled and scaled;
    its orient step counts the detection's time."""
    turned = preprocess(image, replace(options, orientation=found))
    step = next(step for step in turned.steps if step.name == "orient")
    return _with_orient_step(turned, replace(step, ms=round(step.ms + detected_ms, 1)))


def _with_orient_step(prepared: Preprocessed, step: Step) -> Preprocessed:
    """``prepared`` with its orient step saying what decided which way up the page is, and what that took."""
    return replace(prepared, steps=[step if one.name == "orient" else one for one in prepared.steps])


def _orientation_sure(steps: list[Step]) -> bool:
    """Tesseract's orientation detection gave the page's turn and was sure of it (right 254 of 255 times,
    ``model.preprocess.orient``): the turn search by reading is for the pages it could not judge. Four receipt photos
    of the real documents that it found upright (confidence 5.5-8) were read in the three other turns, 1-2 CPU s each,
    to keep the first: the budget now goes to their second reading instead (7 → 4 real documents cut by it)."""
    sure = f"({orient.SURE_EVIDENCE}"
    return any(step.name == "orient" and sure in step.detail for step in steps)


class Extractor:
    """Extracts payment details with one backend; holds the loaded Qwen-VL model when that backend is used.

    ``budget_s`` is each document's default time budget in seconds of the reference machine (None or 0: none;
    ``model.inference.load`` gives the deployment's, ``RECEIPT_READ_BUDGET_S``, default 3.3 s), and ``budget_factor``
    this machine's CPU seconds for one of those (``model.calibration``; None: measured before the first document
    with a budget, once per process); the Indra backends raise ``IndraUnavailableError`` here, at load, when the
    extra is not installed."""

    def __init__(
        self,
        backend: BackendName = "tesseract",
        qwen: QwenExtractor | None = None,
        budget_s: float | None = None,
        budget_factor: float | None = 1.0,
    ) -> None:
        if backend == "auto":
            backend = "qwen-vl" if qwen is not None else "tesseract"
        if backend == "qwen-vl" and qwen is None:
            raise ValueError("the qwen-vl backend needs a loaded model: see model.inference.load('qwen-vl')")
        if backend in ("indra", "pooled"):
            indra.warm_up()
        self.backend: BackendName = backend
        self.qwen = qwen
        self.budget_s = budget_s
        self.budget_factor = budget_factor

    def extract(
        self,
        data: bytes,
        *,
        preprocess_image: bool = True,
        keep_intermediates: bool = False,
        budget_s: float | None = None,
    ) -> Extraction:
        """Extract from the bytes of an image or PDF; raises ``DocumentError`` for unreadable input. ``budget_s``
        overrides the extractor's budget for this document (0: none)."""
        seconds = self.budget_s if budget_s is None else budget_s
        reading = _Reading(Budget(seconds, self._budget_factor() if seconds else 1.0))
        with reading.timer.stage("load"):
            document = load_document(data)
        options = _options(preprocess_image, keep_intermediates, self.backend)
        steps: list[Step] = []
        intermediates: dict[str, np.ndarray] = {}
        for number, page in enumerate(document.pages):
            check_deadline(f"page {number + 1}")
            if number > 0 and not reading.budget.allows(0.0):
                reading.budget.skip(f"pages {number + 1}-{len(document.pages)}")
                break
            read_before = len(reading.candidates)
            page_steps, page_images = self._read_page(page, number + 1, reading, options)
            reading.candidates[read_before:] = [replace(c, page=number + 1) for c in reading.candidates[read_before:]]
            if number == 0:
                steps, intermediates = page_steps, page_images
        statement = is_statement_document([text.splitlines() for text in reading.texts])
        if statement:  # its operations are nobody's payment
            reading.candidates = [c for c in reading.candidates if c.source == Source.QR]
        warnings = reading.budget.warnings()
        with reading.timer.stage("checks"):
            document_type, type_source = (
                reading.document_types[0] if reading.document_types else (DocumentType.OTHER, None)
            )
            details, field_checks = resolve(reading.candidates, document_type, type_source)
            field_checks = with_evidence(details, field_checks, reading.page_readings)
            quality = assess(
                details,
                field_checks,
                reading.confidences,
                reading.page_shapes,
                statement=statement,
                truncated=bool(warnings),
            )
            field_checks = doubted_when_read_unsure(details, field_checks, reading.candidates, quality.confidence)
        return Extraction(
            details=details,
            checks=field_checks,
            backend=self.backend,
            response="\n\n".join(reading.texts),
            qr_codes=reading.qr_codes,
            steps=steps,
            stages=reading.timer.stages,
            intermediates=intermediates,
            warnings=warnings,
            budget_factor=reading.budget.factor if reading.budget.seconds else None,
            quality=quality,
        )

    def _budget_factor(self) -> float:
        """The budget's factor, measured now (before the document's budget starts) if it was left to the first
        document."""
        if self.budget_factor is None:
            self.budget_factor = calibration.calibrate().factor
        return self.budget_factor

    def _read_page(
        self, page: Page, page_number: int, reading: _Reading, options: PreprocessOptions
    ) -> tuple[list[Step], dict[str, np.ndarray]]:
        """Read page ``page_number`` (1 for the first) into ``reading``; its preprocessing's steps and images."""
        timer = reading.timer
        reading.page_shapes.append(page.image.shape)
        with timer.stage("qr"):
            page_codes = decode_qr(page.image)
        self._add_qr_codes(page_codes, reading)

        exif_detail = "turned upright from EXIF" if page.exif_transposed else "no EXIF rotation"
        steps = [Step("exif_orientation", page.exif_transposed, 0.0, exif_detail)]
        if page.text is not None:
            with timer.stage("parse"):
                lines = [line for line in page.text.splitlines() if line.strip()]
                reading.candidates += extract_candidates(lines, Source.PDF)
            reading.texts.append(page.text)
            reading.document_types.append((classify(lines), Source.PDF))
            reading.page_readings.append(_text_layer_reading(page, page_number))
            return steps, {}

        first: tuple[int, _Timed] | None = None
        ranking = UNRANKED_TURNS
        kept_for_indra = reading.budget.here(INDRA_KEPT_S) if self.backend == "pooled" else 0.0
        first_reader = "indra" if self.backend == "indra" else "tesseract"
        if self.backend in ("tesseract", "pooled", "indra") and options.orient:
            with reading.budget.keeping(kept_for_indra):
                prepared, first, ranking = _prepare_upright(page.image, options, timer, reading.budget, first_reader)
        else:
            with timer.stage("preprocess"):
                prepared = preprocess(page.image, options)
        steps += prepared.steps
        if not page_codes and prepared.color is not page.image:
            # A code too skewed or foreshortened in the photo may read once flattened. Flattening changes only the
            # geometry, so zxing's reading as it is covers it: the rescues (doubled, sharpened, binarised, shrunk)
            # went through these pixels in the photo's search. Measured on the corpus's 120 pages and the 42 real
            # photos and scans: the flattened page gave no code the photo's search had missed, with or without them,
            # and they cost each page without a code 20-130 ms.
            with timer.stage("qr"):
                self._add_qr_codes(decode_qr(prepared.color, rescues=False), reading)
        if self.backend == "qwen-vl":
            self._read_with_model(prepared.color, reading)
            return steps, prepared.intermediates
        may_turn = options.orient and not _orientation_sure(prepared.steps)
        if self.backend == "indra":
            page_text, _, orient_step, _ = _read_upright(
                _indra_page(prepared).image, may_turn, timer, reading.budget, "indra", first=first, ranking=ranking
            )
            steps.append(orient_step)
        else:
            page_text, reading_steps = self._read_with_tesseract(prepared, may_turn, reading, first, ranking)
            steps += reading_steps
        page_text = replace(page_text, candidates=without_dates_by_shape(page_text.candidates, page_text.lines))
        reading.candidates += page_text.candidates
        reading.texts.append(page_text.text)
        reading.page_readings += _page_readings(page_text.passes, page_number, page, prepared)
        reading.confidences.append(page_text.confidence)
        reading_source = Source.INDRA if self.backend == "indra" else Source.OCR
        reading.document_types.append((classify(page_text.lines), reading_source))
        return steps, prepared.intermediates

    def _read_with_tesseract(
        self,
        prepared: Preprocessed,
        may_turn: bool,
        reading: _Reading,
        first: tuple[int, _Timed] | None,
        ranking: tuple[int, ...],
    ) -> tuple[_PageText, list[Step]]:
        """The page read by Tesseract (``_read_page_text``, then its large rows and a receipt's head) and, for the
        ``pooled`` backend, by Indra too; the steps. ``first`` and ``ranking`` as ``_prepare_upright`` gave them."""
        timer, budget = reading.timer, reading.budget
        known = _Known(tuple(reading.candidates), reading.document_types[0][0] if reading.document_types else None)
        with budget.keeping(budget.here(INDRA_KEPT_S) if self.backend == "pooled" else 0.0):
            page_text, turn, steps = _read_page_text(
                prepared.image,
                may_turn,
                timer,
                budget,
                first=first,
                known=known,
                ranking=ranking,
                indra_reads_next=self.backend == "pooled",
            )
            page_text = _with_large_rows(page_text, prepared.image, turn, timer, budget)
            page_text = _with_receipt_head(
                page_text, prepared.image, turn, timer, budget, document_type=known.document_type
            )
        if self.backend != "pooled":
            return page_text, steps
        unsettled = may_turn and not _turn_settled(page_text)
        pooled, indra_steps = self._pool_with_indra(
            page_text, _indra_page(prepared).image, turn, ranking if unsettled else (), reading
        )
        return pooled, steps + indra_steps

    @staticmethod
    def _pool_with_indra(
        tesseract: _PageText, color: np.ndarray, turn: int, ranking: tuple[int, ...], reading: _Reading
    ) -> tuple[_PageText, list[Step]]:
        """Indra's reading of the page, turned as Tesseract found it upright, pooled with Tesseract's; where Tesseract
        left the turn unsettled (``_turn_settled``), Indra's turn search from there, its other turns in ``ranking``'s
        order (empty: none), and its step."""
        if not reading.budget.allows(0.0):
            reading.budget.skip("the second reader (Indra)")
            return tesseract, []
        steps: list[Step] = []
        if ranking:
            second, _, step, _ = _read_upright(
                color, True, reading.timer, reading.budget, "indra", start=turn, ranking=ranking
            )
            steps.append(replace(step, name="orient_by_second_reader"))
        else:
            rotated = np.ascontiguousarray(np.rot90(color, turn))
            second = _read(rotated, reading.timer, reading.budget, reader="indra", turn=turn)
        candidates = pool_readings(tesseract.candidates, second.candidates)
        text = f"{tesseract.text}\n\n{second.text}"
        passes = tesseract.passes + second.passes
        return _PageText(tesseract.lines + second.lines, candidates, text, tesseract.confidence, passes), steps

    @staticmethod
    def _add_qr_codes(codes: list[QrCode], reading: _Reading) -> None:
        reading.qr_codes += codes
        for code in codes:
            reading.candidates += [
                Candidate(name, value, Source.QR) for name, value in code.fields.items() if name != "document_type"
            ]
            if code.kind in _QR_DOCUMENT_TYPES:
                reading.document_types.insert(0, (_QR_DOCUMENT_TYPES[code.kind], Source.QR))

    def _read_with_model(self, color: np.ndarray, reading: _Reading) -> None:
        assert self.qwen is not None
        with reading.timer.stage("model"):
            answer = self.qwen.extract([Image.fromarray(cv2.cvtColor(color, cv2.COLOR_BGR2RGB))])[0]
        reading.texts.append(answer.text)
        model_fields = {name: value for name, value in answer.fields.items() if value is not None}
        if document_type := model_fields.pop("document_type", None):
            reading.document_types.append((DocumentType(document_type), Source.MODEL))
        reading.candidates += [Candidate(name, value, Source.MODEL) for name, value in model_fields.items()]


def _indra_page(prepared: Preprocessed) -> Levelled:
    """The colour page Indra reads: with its background where the detect step painted it over for Tesseract."""
    return prepared.unpainted or Levelled(prepared.color, prepared.to_color)


def _reader_page(prepared: Preprocessed, reader: str) -> Levelled:
    """The page as ``reader`` reads it: Tesseract the grey page, Indra the colour one (``_indra_page``)."""
    return _indra_page(prepared) if reader == "indra" else Levelled(prepared.image, prepared.to_image)


def _page_readings(passes: list[_OcrPass], number: int, page: Page, prepared: Preprocessed) -> list[PageReading]:
    """Each pass with the map from the page's pixels onto what it read: Tesseract the grey image, Indra the colour
    one (``_indra_page``), each turned as the pass was."""
    readings = []
    for ocr in passes:
        seen = _reader_page(prepared, "tesseract" if ocr.source == Source.OCR else "indra")
        base, to_base = seen.image, seen.to_image
        to_image = quarter_turns(ocr.turn, base.shape) @ to_base if ocr.to_image is None else ocr.to_image
        readings.append(PageReading(number, ocr.source, ocr.lines, to_image, page.image.shape))
    return readings


TEXT_LAYER_CONFIDENCE = 100.0
"""A PDF's text layer is the document's own text: as sure as a reading gets."""


def _text_layer_reading(page: Page, number: int) -> PageReading:
    """A PDF page's text-layer words as a reading of the rendered page, so its values get boxes too."""
    by_line: dict[int, list[TextWord]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word)
    lines = tuple(_text_line(words) for _, words in sorted(by_line.items()))
    return PageReading(number, Source.PDF, lines, identity(), page.image.shape)


def _text_line(words: list[TextWord]) -> OcrLine:
    box = (
        min(w.box[0] for w in words),
        min(w.box[1] for w in words),
        max(w.box[2] for w in words),
        max(w.box[3] for w in words),
    )
    placed = tuple(OcrWord(w.text, TEXT_LAYER_CONFIDENCE, w.box) for w in words)
    return OcrLine(" ".join(w.text for w in words), TEXT_LAYER_CONFIDENCE, box, placed)
