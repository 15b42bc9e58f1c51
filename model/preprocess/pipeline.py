"""The preprocessing pipeline: each step optional, timed, and explained, so a person can see what happened.

Order matters: geometry first (crop, turn, level) on the colour image, which is also what QR decoding and the
vision-language model get; then the grey image is normalised and scaled for Tesseract. Each geometric step also
gives its matrix (``model.preprocess.geometry``), so what is read on the output can be shown on the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import cv2
import numpy as np

from model.preprocess import deskew, detect, enhance, geometry, orient
from model.preprocess.enhance import Image
from model.preprocess.geometry import Matrix
from model.preprocess.orient import Orientation

MIN_SKEW = 0.3
"""Below this, rotating costs sharpness (interpolation) and buys nothing: up to 3° barely affects OCR."""

StepResult = tuple[Image, bool, str, Matrix | None]
"""The image, whether the step changed it, why, and the map of its pixels onto the output's (None: unmoved)."""


Background = Literal["painted", "kept", "both"]


@dataclass(frozen=True)
class PreprocessOptions:
    """Which steps run. Denoising is off by default: non-local means took 500 ms and gained nothing."""

    detect_document: bool = True
    orient: bool = True
    deskew: bool = True
    normalize_contrast: bool = True
    denoise: bool = False
    scale: bool = True
    erase_rules: bool = True
    max_pixels: int = 8_000_000
    keep_intermediates: bool = False
    orientation: Orientation | None = None
    """The page's orientation when it was already detected on it: the orient step turns the page by it instead of
    running Tesseract's orientation detection again."""
    background: Background = "painted"
    """What becomes of the background beyond paper told by its colour (``detect.paint_beyond``): painted over for
    Tesseract, whose letters, x-height and skew the wood moves; kept for Indra, whose text detector tells text from
    wood itself; or both: ``color`` painted and ``unpainted`` the page with it kept, turned as the page was and
    levelled by its own skew (pooled). On the 7 real photos the finder fires on, Indra's reading of the painted page
    lost 5 values and gained 1, and of its pixels unpainted in the painted page's geometry 4 and 1: the skew measured
    on the painted page moves Indra's letters (docs/experiments.md). A newspaper under the page is painted for every
    reader (``DocumentQuad.ground_kept_for_indra``)."""


@dataclass(frozen=True)
class Levelled:
    """A colour image after the geometric steps, and the map of the input's pixels onto it."""

    image: Image
    to_image: Matrix


@dataclass(frozen=True)
class Step:
    """One step as a person reads it: whether it changed the image, how long it took, and why."""

    name: str
    applied: bool
    ms: float
    detail: str


@dataclass
class Preprocessed:
    """The grey ``image`` ready for OCR, and the BGR ``color`` image after the geometric steps only.

    ``color`` (cropped, turned, levelled, not contrast-normalised) is for QR decoding and vision-language models;
    ``image`` may be scaled relative to it. ``intermediates`` maps step name to the image after that step.
    ``to_color`` and ``to_image`` map the input's pixels onto ``color``'s and ``image``'s.
    """

    image: Image
    color: Image
    steps: list[Step] = field(default_factory=list)
    intermediates: dict[str, Image] = field(default_factory=dict)
    to_color: Matrix = field(default_factory=geometry.identity)
    to_image: Matrix = field(default_factory=geometry.identity)
    unpainted: Levelled | None = None
    """``color`` with the background that the detect step painted over kept, where ``background`` asked for both;
    None where nothing was painted."""


def preprocess(image: Image, options: PreprocessOptions = PreprocessOptions()) -> Preprocessed:
    """Run the enabled steps on a BGR uint8 image (EXIF orientation already applied)."""
    record = _Recorder(keep=options.keep_intermediates)
    frame = as_bgr(image)
    decided = _Decided()
    detect_step = partial(_detect_document, paint=options.background != "kept", decided=decided)
    color = record.run("detect_document", options.detect_document, detect_step, frame)
    color = record.run("orient", options.orient, partial(_orient, known=options.orientation, decided=decided), color)
    color = record.run("deskew", options.deskew, _deskew, color)
    to_color = record.matrix
    unpainted = _unpainted(frame, decided, options) if decided.painted and options.background == "both" else None
    level = enhance.to_grey(color)
    inverted = enhance.light_on_dark(level)
    if inverted:
        level = (255 - level).astype(np.uint8)
    measure = options.scale or options.erase_rules
    paper = enhance.paper_brightness(level) if options.normalize_contrast or measure else None
    grey = record.run(
        "normalize_contrast",
        options.normalize_contrast,
        partial(_normalize_contrast, paper=paper, inverted=inverted),
        level,
    )
    grey = record.run("denoise", options.denoise, _denoise, grey)
    x_height = enhance.estimate_x_height(level, paper) if measure else None
    grey = record.run("scale", options.scale, partial(_scale, x_height=x_height, max_pixels=options.max_pixels), grey)
    scaled_x_height = None if x_height is None else x_height * grey.shape[1] / level.shape[1]
    grey = record.run("erase_rules", options.erase_rules, partial(_erase_rules, x_height=scaled_x_height), grey)
    return Preprocessed(grey, color, record.steps, record.intermediates, to_color, record.matrix, unpainted)


def _unpainted(frame: Image, decided: _Decided, options: PreprocessOptions) -> Levelled:
    """The frame as the geometric steps left the page, its background kept: turned as the page was, and levelled by
    the skew measured on it (measured on the painted page, the skew moved Indra's letters: docs/experiments.md)."""
    record = _Recorder(keep=False)
    image = record.run("orient", decided.orientation is not None, partial(_orient, known=decided.orientation), frame)
    image = record.run("deskew", options.deskew, _deskew, image)
    return Levelled(image, record.matrix)


def as_bgr(image: Image) -> Image:
    """Accept BGR, BGRA or grey uint8; refuse what would fail deep inside OpenCV with an obscure message."""
    if image.dtype != np.uint8:
        raise ValueError(f"preprocess needs a uint8 image, got {image.dtype}; load it with cv2.imread.")
    if image.size == 0:
        raise ValueError("preprocess got an empty image (0 pixels); check that the file decoded.")
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR).astype(np.uint8, copy=False)
    if image.ndim == 3 and image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR).astype(np.uint8, copy=False)
    if image.ndim == 3 and image.shape[2] == 3:
        return image
    raise ValueError(f"preprocess needs an H×W×3 BGR image, got shape {image.shape}.")


@dataclass
class _Recorder:
    """Times each step, writes down what it did, and keeps its output when asked."""

    keep: bool
    steps: list[Step] = field(default_factory=list)
    intermediates: dict[str, Image] = field(default_factory=dict)
    matrix: Matrix = field(default_factory=geometry.identity)
    """The input's pixels onto the latest output's: the steps' matrices composed."""

    def run(self, name: str, enabled: bool, step: Callable[[Image], StepResult], image: Image) -> Image:
        if enabled:
            start = time.perf_counter()
            image, applied, detail, moved = step(image)
            ms = (time.perf_counter() - start) * 1000
            if moved is not None:
                self.matrix = moved @ self.matrix
        else:
            applied, detail, ms = False, "turned off", 0.0
        self.steps.append(Step(name, applied, round(ms, 1), detail))
        if self.keep:
            self.intermediates[name] = image
        return image


@dataclass
class _Decided:
    """What the geometric steps decided, for the page with its background kept (``Preprocessed.unpainted``)."""

    painted: bool = False
    orientation: Orientation | None = None
    """The orientation the page was turned by; None where it was not turned."""


def _detect_document(color: Image, paint: bool = True, decided: _Decided | None = None) -> StepResult:
    quad = detect.find_document(color)
    if quad is None:
        return color, False, "no document outline found; kept the whole frame", None
    if not quad.flatten and not paint and quad.ground_kept_for_indra:
        return color, False, f"paper covers {quad.cover:.0%} of the frame ({quad.method}); its background kept", None
    if not quad.flatten:
        if decided is not None and quad.ground_kept_for_indra:
            decided.painted = True
        detail = f"paper covers {quad.cover:.0%} of the frame ({quad.method}); the background beyond painted over"
        return detect.paint_beyond(color, quad.corners), True, detail, None
    cropped, matrix = detect.warp_to_rectangle(color, quad.corners)
    return cropped, True, f"quad covers {quad.cover:.0%} of the frame ({quad.method})", matrix


def _orient(color: Image, known: orient.Orientation | None = None, decided: _Decided | None = None) -> StepResult:
    found = known or orient.detect_orientation(enhance.to_grey(color))
    if found is None or found.degrees == 0:
        return color, False, orientation_detail(found), None
    if decided is not None:
        decided.orientation = found
    matrix = geometry.quarter_turns(found.degrees // 90, color.shape)  # undoing a clockwise turn: counter-clockwise
    return orient.upright(color, found.degrees), True, orientation_detail(found), matrix


def orientation_detail(found: orient.Orientation | None) -> str:
    """The orient step's detail for what orientation detection found (None: no text)."""
    if found is None:
        return "no text to judge orientation by"
    if found.degrees == 0:
        return f"already upright ({found.evidence})"
    return f"turned {found.degrees}° back counter-clockwise ({found.evidence})"


def _deskew(color: Image) -> StepResult:
    skew = deskew.estimate_skew(enhance.to_grey(color))
    if skew is None:
        return color, False, "no clear text lines to measure skew on", None
    if abs(skew) < MIN_SKEW:
        return color, False, f"skew {skew:.1f}° below {MIN_SKEW}°", None
    matrix, _ = deskew.rotation(color.shape, -skew)
    return deskew.rotate(color, -skew), True, f"levelled text lines tilted {skew:+.1f}°", matrix


def _normalize_contrast(grey: Image, paper: Image | None = None, inverted: bool = False) -> StepResult:
    """``paper`` is the page's closing, measured once for this step and the x-height (``enhance.text_on_paper``);
    ``inverted``: the page was light text on a dark ground, made dark on light before it (``enhance.light_on_dark``)."""
    size = enhance.closing_kernel_size(grey.shape)
    normalized = enhance.normalize_contrast(grey, paper)
    detail = ("light text on a dark screen, inverted; " if inverted else "") + (
        f"divided by the paper's brightness ({size} px closing)"
    )
    noise = enhance.paper_noise(grey)
    if noise >= enhance.NOISY_PAPER:
        detail += f"; noisy paper ({noise:.1f} grey levels): smoothed, faint lines not lifted"
        return enhance.smooth_noise(normalized), True, detail, None
    lifted, faint_lines = enhance.lift_faint_text(normalized)
    if faint_lines:
        detail += f"; {faint_lines} light-grey text lines darkened"
    return lifted, True, detail, None


def _denoise(grey: Image) -> StepResult:
    return enhance.denoise(grey), True, "non-local means, h=10", None


def _scale(grey: Image, x_height: float | None, max_pixels: int) -> StepResult:
    """``x_height`` is measured on the image before normalisation: division turns background texture into false
    letters."""
    factor = enhance.scale_factor(x_height, grey.shape, max_pixels)
    measured = "no text to measure x-height" if x_height is None else f"x-height {x_height:.1f} px"
    if factor == 1.0:
        return grey, False, f"{measured}; kept size", None
    scaled = enhance.resize(grey, factor)
    detail = f"{measured}; resized ×{factor:.2f} to {scaled.shape[1]}×{scaled.shape[0]}"
    return scaled, True, detail, geometry.scaling(grey.shape, scaled.shape)


def _erase_rules(grey: Image, x_height: float | None) -> StepResult:
    if x_height is None:
        return grey, False, "no text to measure a rule's length against", None
    erased, count = enhance.erase_rules(grey, x_height)
    if not count:
        return grey, False, "no table's grid", None
    detail = f"the rules of {count} table grids painted as paper"
    return erased, True, detail, None
