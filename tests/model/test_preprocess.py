"""Preprocessing on documents rendered here: known corners, turns, skews and text sizes to recover."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from model import indra
from model.pipeline import BackendName, Extractor
from model.preprocess import Preprocessed, PreprocessOptions, Step, detect, orient, preprocess
from model.preprocess.deskew import estimate_skew, glyph_mask, rotate
from model.preprocess.detect import (
    CASCADE,
    Detector,
    angle_spread,
    bright_blob,
    find_document,
    order_corners,
    paint_beyond,
    paper_by_colour,
    paper_on_print,
    paper_on_texture,
)
from model.preprocess.enhance import (
    NOISY_PAPER,
    component_stats,
    components,
    erase_rules,
    estimate_x_height,
    faint_text_lines,
    ink_mask,
    lift_faint_text,
    light_on_dark,
    normalize_contrast,
    paper_noise,
    scale_factor,
    to_grey,
)
from model.preprocess.orient import orientation_by_profile, osd
from model.preprocess.pipeline import Background
from model.tesseract import engine

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = (
    "ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № 15",
    "Получатель: ООО «Ромашка»",
    "ИНН 7707083893 КПП 773601001",
    "Банк получателя ПАО СБЕРБАНК",
    "БИК 044525225",
    "Сч. № 40702810938000000001",
    "Назначение платежа: оплата по счёту 15",
    "Дата 18.04.2019, сумма 12345-67",
)
STEP_NAMES = ["detect_document", "orient", "deskew", "normalize_contrast", "denoise", "scale", "erase_rules"]
ALL_OFF = PreprocessOptions(
    detect_document=False,
    orient=False,
    deskew=False,
    normalize_contrast=False,
    denoise=False,
    scale=False,
    erase_rules=False,
)
PAGE = (1000, 1400)
FRAME = (1500, 2000)
DEJAVU_X_HEIGHT = 0.547
"""DejaVu Sans x-height and cap height as fractions of the font size (1120 and 1493 of 2048 units)."""
DEJAVU_CAP_HEIGHT = 0.729

Grey = NDArray[np.uint8]
Quad = tuple[tuple[int, int], ...]


@cache
def render_page(width: int = PAGE[0], height: int = PAGE[1], size: int = 30) -> Grey:
    """A white page filled with Cyrillic payment-document lines, repeated down the page."""
    page = PILImage.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, size)
    margin, step = width // 16, round(size * 1.6)
    for i, y in enumerate(range(margin, height - margin - step, step)):
        draw.text((margin, y), LINES[i % len(LINES)], font=font, fill=0)
    return np.asarray(page, dtype=np.uint8)


def background(kind: str, width: int, height: int, rng: np.random.Generator) -> NDArray[np.uint8]:
    """A dark table, a dark coarse-grained one, or a mid-grey wood-like texture, tinted, in BGR."""
    noise = rng.standard_normal((height, width), dtype=np.float32)
    if kind == "dark":
        grey = 45 + 6 * noise
    elif kind == "grain":
        grain = cv2.GaussianBlur(noise, (0, 0), 4).astype(np.float32)
        grey = 60 + grain / grain.std() * 25
    else:
        texture = cv2.GaussianBlur(noise, (0, 0), 6).astype(np.float32)
        grey = 110 + texture / texture.std() * 18 + np.sin(np.linspace(0, 40, width))[None, :] * 12
    return np.clip(np.dstack([grey * 0.8, grey * 0.95, grey * 1.1]), 0, 255).astype(np.uint8)


def _pasted(corners: Quad, ground: NDArray[np.uint8]) -> NDArray[np.float32]:
    """The rendered page warped into ``corners`` of ``ground`` (a FRAME-sized BGR image)."""
    width, height = FRAME
    page = render_page()
    page_height, page_width = page.shape
    source = points(((0, 0), (page_width - 1, 0), (page_width - 1, page_height - 1), (0, page_height - 1)))
    matrix = cv2.getPerspectiveTransform(source, points(corners))
    warped = cv2.warpPerspective(bgr(page), matrix, (width, height))
    inside = cv2.warpPerspective(np.full_like(page, 255), matrix, (width, height)) > 127
    return np.where(inside[..., None], warped, ground).astype(np.float32)


@cache
def photograph(corners: Quad, kind: str = "dark", seed: int = 0) -> NDArray[np.uint8]:
    """Paste the page into ``corners`` of a background, then add uneven light, sensor noise and lens blur."""
    rng = np.random.default_rng(seed)
    width, height = FRAME
    photo = _pasted(corners, background(kind, width, height, rng))
    light = np.outer(np.linspace(1.0, 0.85, height), np.linspace(1.0, 0.7, width)).astype(np.float32)
    noise = 4 * rng.standard_normal(photo.shape, dtype=np.float32)
    photo = np.clip(photo * light[..., None] + noise, 0, 255).astype(np.uint8)
    blurred: NDArray[np.uint8] = cv2.GaussianBlur(photo, (3, 3), 0.8).astype(np.uint8)
    return blurred


def points(corners: Quad) -> NDArray[np.float32]:
    return np.array(corners, dtype=np.float32)


def bgr(grey: Grey) -> NDArray[np.uint8]:
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR).astype(np.uint8)


def quad_iou(a: NDArray[np.floating], b: NDArray[np.floating]) -> float:
    a, b = a.astype(np.float32), b.astype(np.float32)
    intersection, _ = cv2.intersectConvexConvex(a, b)
    return float(intersection / (cv2.contourArea(a) + cv2.contourArea(b) - intersection))


def turn_clockwise(image: Grey, degrees: int) -> Grey:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return image if degrees == 0 else cv2.rotate(image, codes[degrees]).astype(np.uint8)


def read_top(grey: Grey) -> str:
    """OCR the top quarter (the first lines), psm 6, as the extractor will."""
    api = engine()
    api.SetImage(PILImage.fromarray(grey[: grey.shape[0] // 4]))
    return str(api.GetUTF8Text())


def step(result: Preprocessed, name: str) -> Step:
    return next(s for s in result.steps if s.name == name)


PERSPECTIVE: Quad = ((260, 180), (1280, 240), (1330, 1700), (200, 1780))
TURNED_10: Quad = ((400, 150), (1400, 330), (1150, 1800), (150, 1620))
OFF_THE_LEFT: Quad = ((-50, 180), (1280, 240), (1330, 1700), (-80, 1780))
SMALL_RECEIPT: Quad = ((600, 500), (950, 520), (930, 1500), (580, 1480))
"""About 12% of the frame: under the 25% an edge quad needs, enough for a bright blob."""


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("kind", ["dark", "grain", "textured"])
@pytest.mark.parametrize("corners", [PERSPECTIVE, TURNED_10, OFF_THE_LEFT], ids=["perspective", "10deg", "edge"])
def test_find_document_matches_pasted_quad(kind: str, corners: Quad, seed: int) -> None:
    photo = photograph(corners, kind, seed)
    found = find_document(photo)
    assert found is not None
    visible = np.clip(points(corners), 0, [FRAME[0] - 1, FRAME[1] - 1]).astype(np.float32)
    assert quad_iou(found.corners, visible) >= 0.9


@pytest.mark.parametrize(("method", "detector"), CASCADE, ids=[method for method, _ in CASCADE])
@pytest.mark.parametrize("corners", [PERSPECTIVE, TURNED_10], ids=["perspective", "10deg"])
def test_each_detector_finds_paper_on_dark_table(method: str, detector: Detector, corners: Quad) -> None:
    small = cv2.resize(to_grey(photograph(corners)), None, fx=0.25, fy=0.25)
    quad = detector(small.astype(np.uint8))
    assert quad is not None
    assert quad_iou(quad * 4, points(corners)) >= 0.9


@pytest.mark.parametrize("kind", ["dark", "textured"])
def test_find_document_takes_small_bright_receipt(kind: str) -> None:
    found = find_document(photograph(SMALL_RECEIPT, kind))
    assert found is not None
    assert (found.method, quad_iou(found.corners, points(SMALL_RECEIPT)) >= 0.9) == ("bright blob", True)


@pytest.mark.parametrize("darkest", [0.45, 0.6])
def test_a_page_filling_the_frame_under_uneven_light_is_not_cut_in_two(darkest: float) -> None:
    """Otsu splits a page lit from one side into a bright and a dark part; the bright part is a rectangle, but its
    border is a slope of light, not the step of a paper's edge, so it is no document (cropping to it lost every
    field of a scanned invoice, half of a photographed receipt)."""
    page = render_page().astype(np.float32)
    light = np.linspace(1.0, darkest, page.shape[1], dtype=np.float32)
    lit = np.clip(page * light[None, :], 0, 255).astype(np.uint8)
    small = cv2.resize(lit, None, fx=0.35, fy=0.35, interpolation=cv2.INTER_AREA).astype(np.uint8)
    assert bright_blob(small) is None
    found = find_document(bgr(lit))
    assert found is None or found.cover >= 0.9


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("corners", [PERSPECTIVE, TURNED_10], ids=["perspective", "10deg"])
def test_find_document_refines_corners_to_pixels(corners: Quad, seed: int) -> None:
    found = find_document(photograph(corners, "textured", seed))
    assert found is not None
    assert np.abs(found.corners - points(corners)).max() <= 3


@pytest.mark.parametrize("kind", ["dark", "textured"])
def test_preprocess_crops_to_page_aspect(kind: str) -> None:
    photo = photograph(PERSPECTIVE, kind)
    result = preprocess(photo, PreprocessOptions(orient=False))
    height, width = result.color.shape[:2]
    assert step(result, "detect_document").applied
    assert width / height == pytest.approx(PAGE[0] / PAGE[1], rel=0.05)
    assert width * height < 0.7 * FRAME[0] * FRAME[1]


@pytest.mark.parametrize("image", [np.zeros((300, 400, 3), np.uint8), bgr(render_page())])
def test_find_document_without_paper_edges_returns_none(image: NDArray[np.uint8]) -> None:
    assert find_document(image) is None


RECEIPT_ON_WOOD_FRAME = (1200, 1600)
RECEIPT_SIZE = (520, 1250)
RECEIPT_CENTRE = (640, 760)


def wood(width: int, height: int, rng: np.random.Generator) -> NDArray[np.uint8]:
    """A brown table's grain in BGR: dark and light streaks along the planks, saturated, with knots of noise whose
    black-hat reads as strokes (what Tesseract took for text on the real photos)."""
    noise = cv2.GaussianBlur(rng.standard_normal((height, width), dtype=np.float32), (0, 0), 2)
    streaks = np.sin(np.linspace(0, 90, width, dtype=np.float32))[None, :] * 18 + noise * 20
    grey = 95 + streaks
    return np.clip(np.dstack([grey * 0.45, grey * 0.75, grey * 1.2]), 0, 255).astype(np.uint8)


@cache
def receipt_on_wood(
    seed: int = 0, tilt: float = 4.0
) -> tuple[NDArray[np.uint8], NDArray[np.float32], NDArray[np.bool_]]:
    """A narrow receipt, curled (its sides bow 12 px) and tilted, on a wooden table, a thumb over its lower left
    corner, lit warm: no clean quadrilateral to find. The photo, the receipt's corners and where its paper shows."""
    rng = np.random.default_rng(seed)
    width, height = RECEIPT_ON_WOOD_FRAME
    page_width, page_height = RECEIPT_SIZE
    page = bgr(render_page(page_width, page_height, 22))
    rows, cols = np.mgrid[0:page_height, 0:page_width].astype(np.float32)
    bowed = cv2.remap(
        page,
        cols + 12 * np.sin(np.pi * rows / page_height),
        rows,
        cv2.INTER_LINEAR,
        None,
        cv2.BORDER_CONSTANT,
        (0, 0, 0),
    )
    turn = cv2.getRotationMatrix2D((page_width / 2, page_height / 2), tilt, 1.0)
    turn[:, 2] += np.array(RECEIPT_CENTRE) - np.array([page_width / 2, page_height / 2])
    inside = cv2.warpAffine(np.full(bowed.shape[:2], 255, np.uint8), turn, (width, height)) > 127
    inside &= cv2.warpAffine((bowed.max(axis=2) > 0).astype(np.uint8) * 255, turn, (width, height)) > 127
    paper = cv2.warpAffine(bowed, turn, (width, height))
    photo = np.where(inside[..., None], paper, wood(width, height, rng)).astype(np.float32)
    thumb = np.zeros((height, width), np.uint8)
    cv2.ellipse(thumb, (RECEIPT_CENTRE[0] - 300, RECEIPT_CENTRE[1] + 560), (170, 90), 30, 0, 360, 255, -1)
    photo[thumb > 0] = (120, 150, 210)
    warm = np.array([0.85, 0.95, 1.0], np.float32)
    noisy = photo * warm + 3 * rng.standard_normal(photo.shape, dtype=np.float32)
    corners = np.array([[0, 0], [page_width, 0], [page_width, page_height], [0, page_height]], np.float32)
    placed = cv2.transform(corners[None], turn)[0]
    return np.clip(noisy, 0, 255).astype(np.uint8), placed.astype(np.float32), inside & (thumb == 0)


def small_copies(photo: NDArray[np.uint8]) -> tuple[NDArray[np.uint8], NDArray[np.uint8], float]:
    factor = 500 / max(photo.shape[:2])
    small = cv2.resize(photo, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA).astype(np.uint8)
    return small, to_grey(small), factor


@pytest.mark.parametrize(("seed", "tilt"), [(0, 4.0), (1, -7.0), (2, 0.0)])
def test_paper_by_colour_finds_a_curled_receipt_on_wood(seed: int, tilt: float) -> None:
    """Its rotated rectangle holds the whole receipt (every corner within 3 px of the 500 px copy) and little
    more: the wood, its grain read as text, is what it leaves out."""
    photo, receipt, _ = receipt_on_wood(seed, tilt)
    small, grey, factor = small_copies(photo)
    found = paper_by_colour(small, grey)
    assert found is not None
    for corner in receipt * factor:
        assert cv2.pointPolygonTest(found.reshape(-1, 1, 2), tuple(map(float, corner)), True) >= -3
    assert cv2.contourArea(found) <= 1.3 * cv2.contourArea(receipt * factor)


def marble(width: int, height: int, rng: np.random.Generator, grains: bool = True) -> NDArray[np.float32]:
    """A pale speckled stone in BGR: beige, mottled, crossed by near-white veins as light and unsaturated as paper,
    and strewn with dark grains whose black-hat reads as ink (none where ``grains`` is false)."""
    coarse = cv2.GaussianBlur(rng.standard_normal((height // 16, width // 16)).astype(np.float32), (0, 0), 2)
    field = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    rows, cols = np.mgrid[0:height, 0:width].astype(np.float32)
    veins = np.clip(2.5 * np.sin((cols + 0.6 * rows) / 45 + 6 * field) - 1.5, 0, 1)
    mottle = cv2.GaussianBlur(rng.standard_normal((height, width)).astype(np.float32), (0, 0), 4)
    grey = 160 + 25 * field + 75 * veins + 160 * mottle * (1 - veins)
    stone = np.dstack([grey * (0.80 + 0.17 * veins), grey * (0.9 + 0.08 * veins), grey])
    if grains:
        dots = (rng.random((height, width)) < 0.006).astype(np.uint8)
        stone[cv2.dilate(dots, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))) > 0] *= 0.4
    return stone.astype(np.float32)


@cache
def receipt_on_marble(
    seed: int = 0, tilt: float = 3.0, grains: bool = True
) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """A receipt lying on speckled marble whose veins run into it (``marble``): the photo and the receipt's
    corners."""
    rng = np.random.default_rng(seed)
    width, height = RECEIPT_ON_WOOD_FRAME
    page_width, page_height = RECEIPT_SIZE
    page = bgr(render_page(page_width, page_height, 22))
    turn = cv2.getRotationMatrix2D((page_width / 2, page_height / 2), tilt, 1.0)
    turn[:, 2] += np.array(RECEIPT_CENTRE) - np.array([page_width / 2, page_height / 2])
    inside = cv2.warpAffine(np.full(page.shape[:2], 255, np.uint8), turn, (width, height)) > 127
    paper = cv2.warpAffine(page, turn, (width, height)).astype(np.float32) * np.array([0.97, 0.96, 0.95], np.float32)
    photo = np.where(inside[..., None], paper, marble(width, height, rng, grains))
    photo += 3 * rng.standard_normal(photo.shape, dtype=np.float32)
    corners = np.array([[0, 0], [page_width, 0], [page_width, page_height], [0, page_height]], np.float32)
    return np.clip(photo, 0, 255).astype(np.uint8), cv2.transform(corners[None], turn)[0].astype(np.float32)


@pytest.mark.parametrize(("seed", "tilt"), [(0, 3.0), (1, -6.0), (2, 0.0)])
def test_paper_on_texture_finds_a_receipt_on_speckled_marble(seed: int, tilt: float) -> None:
    """The stone's pale veins join the paper in its colour, its grains look like ink beyond it and its pale ground
    like paper in shade, so the paper by its colour is refused; the smooth region is the paper (every corner within
    3 px of the 500 px copy)."""
    photo, receipt = receipt_on_marble(seed, tilt)
    small, grey, factor = small_copies(photo)
    assert paper_by_colour(small, grey) is None
    found = paper_on_texture(small, grey)
    assert found is not None
    for corner in receipt * factor:
        assert cv2.pointPolygonTest(found.reshape(-1, 1, 2), tuple(map(float, corner)), True) >= -3
    assert cv2.contourArea(found) <= 1.3 * cv2.contourArea(receipt * factor)


def test_find_document_paints_a_stone_whose_grains_set_the_scale() -> None:
    """The stone's grains measured the page's x-height (the real marble photo 5.8 px, its letters 17): the page
    would be enlarged for them and read for the whole budget, so the stone is painted, the frame kept."""
    photo, _ = receipt_on_marble()
    found = find_document(photo)
    assert found is not None and found.method == "paper on texture" and not found.flatten
    painted = to_grey(paint_beyond(photo, found.corners))
    before, after = estimate_x_height(to_grey(photo)), estimate_x_height(painted)
    assert before is not None and after is not None and after >= 1.5 * before


def test_find_document_leaves_a_textured_ground_that_does_not_set_the_scale() -> None:
    """Without grains the stone is still textured and the paper still found on it, but the page's letters set its
    x-height either way: painting would only move Tesseract's letters (a real receipt on a cork board lost its
    total so), and the frame is read whole."""
    photo, _ = receipt_on_marble(grains=False)
    small, grey, _ = small_copies(photo)
    assert paper_on_texture(small, grey) is not None
    assert find_document(photo) is None


NEWS_WORDS = ("рынок", "цены", "области", "школы", "погода", "заявил", "ремонт", "депутаты", "новости", "года")


def newspaper(width: int, height: int, rng: np.random.Generator) -> NDArray[np.uint8]:
    """An open newspaper in BGR: greyer paper than a page's, a headline, and columns of small print."""
    sheet = PILImage.new("L", (width, height), 200)
    draw = ImageDraw.Draw(sheet)
    draw.text((40, 20), "НОВОСТИ ОБЛАСТИ", font=ImageFont.truetype(FONT, 90), fill=30)
    font = ImageFont.truetype(FONT, 16)
    for left in range(20, width, 250):
        for top in range(140, height, 22):
            draw.text((left, top), " ".join(rng.choice(NEWS_WORDS, 4)), font=font, fill=40)
    return bgr(np.asarray(sheet, dtype=np.uint8))


@cache
def page_on_newspaper(corners: Quad, seed: int = 0) -> NDArray[np.uint8]:
    """The page pasted into ``corners`` of an open newspaper, under the phone's soft shadow over its lower right."""
    rng = np.random.default_rng(seed)
    width, height = FRAME
    photo = _pasted(corners, newspaper(width, height, rng))
    shadow = np.zeros((height, width), np.float32)
    cv2.ellipse(shadow, (1050, 1350), (260, 380), 35, 0, 360, 1.0, -1)
    photo *= (1 - 0.55 * cv2.GaussianBlur(shadow, (0, 0), 60))[..., None]
    photo += 3 * rng.standard_normal(photo.shape, dtype=np.float32)
    return np.clip(photo, 0, 255).astype(np.uint8)


ON_A_NEWSPAPER: Quad = ((300, 200), (1220, 230), (1260, 1750), (250, 1720))
AT_AN_ANGLE: Quad = ((330, 200), (1180, 240), (1290, 1750), (220, 1720))
"""A page shot at an angle: a trapezoid, whose rotated rectangle takes in strips of the newspaper beside it."""


@pytest.mark.parametrize("corners", [ON_A_NEWSPAPER, AT_AN_ANGLE])
def test_find_document_paints_the_newspaper_a_page_lies_on(corners: Quad) -> None:
    """The newspaper's print breaks every edge detector and its paper passes for the page's in shade, so only the
    page's own white, brighter than the newspaper's grey, finds it: painted around (every corner within 5 px of the
    500 px copy), the page's sides fitted to its white so that no strip of the newspaper is left beside it."""
    photo = page_on_newspaper(corners)
    found = find_document(photo)
    assert found is not None and found.method == "paper on print" and not found.flatten
    factor = 500 / max(photo.shape[:2])
    for corner in corners:
        assert cv2.pointPolygonTest(found.corners.reshape(-1, 1, 2), corner, True) * factor >= -5
    assert cv2.contourArea(found.corners) <= 1.02 * cv2.contourArea(points(corners))


def test_paper_on_print_leaves_grounds_that_are_no_print() -> None:
    """Wood's grain and a stone's grains read as ink too, but no print is smooth once its letters are closed away:
    the speckled stone (a real receipt on a cork board measured so) is ``paper_on_texture``'s, the wood
    ``paper_by_colour``'s."""
    for photo in (receipt_on_marble()[0], receipt_on_marble(grains=False)[0], receipt_on_wood()[0]):
        small, grey, _ = small_copies(photo)
        assert paper_on_print(small, grey) is None


def test_preprocess_paints_the_wood_around_a_receipt_and_keeps_the_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no outline is found (the cascade is emptied here: on real photos its detectors found none) the frame is
    kept (no pixel resampled: cropping to the paper moved Tesseract's letters both ways on real photos) and what
    lies beyond the paper is painted the paper's colour."""
    monkeypatch.setattr(detect, "CASCADE", ())
    photo, _, paper = receipt_on_wood()
    result = preprocess(photo, PreprocessOptions(orient=False, deskew=False))
    assert step(result, "detect_document").applied
    assert "paper colour" in step(result, "detect_document").detail
    painted = result.color
    assert painted.shape == photo.shape
    within = cv2.erode(paper.astype(np.uint8), np.ones((7, 7), np.uint8)) > 0  # the paper's edge itself may go
    assert np.array_equal(painted[within], photo[within])
    corner = painted[:100, :100].reshape(-1, 3)
    assert (corner == corner[0]).all() and int(corner[0].min()) > 150


def test_the_page_with_its_wood_is_kept_beside_the_painted_one_for_indra(monkeypatch: pytest.MonkeyPatch) -> None:
    """The painting is Tesseract's: with ``background="both"`` the colour page is painted and ``unpainted`` is the
    frame with its wood, levelled by the skew measured on it, with the map that made it; with "kept" nothing is
    painted. Indra, given the painted page, lost 5 values and gained 1 on the real photos the finder fires on."""
    monkeypatch.setattr(detect, "CASCADE", ())
    photo, _, _ = receipt_on_wood()
    both = preprocess(photo, PreprocessOptions(orient=False, background="both"))
    assert both.unpainted is not None
    assert colours_left_of_the_receipt(both.color) <= 2  # the paper's colour, and the levelling's margin
    assert colours_left_of_the_receipt(both.unpainted.image) > 100
    height, width = both.unpainted.image.shape[:2]
    remade = cv2.warpAffine(photo, both.unpainted.to_image[:2], (width, height), flags=cv2.INTER_CUBIC)
    covered = cv2.warpAffine(np.full(photo.shape[:2], 255, np.uint8), both.unpainted.to_image[:2], (width, height))
    inner = cv2.erode(covered, np.ones((9, 9), np.uint8)) == 255
    assert float(np.abs(remade[inner].astype(int) - both.unpainted.image[inner]).mean()) < 2
    kept = preprocess(photo, PreprocessOptions(orient=False, deskew=False, background="kept"))
    assert np.array_equal(kept.color, photo) and kept.unpainted is None
    assert not step(kept, "detect_document").applied and "background kept" in step(kept, "detect_document").detail
    assert preprocess(photo, PreprocessOptions(orient=False)).unpainted is None


@pytest.mark.parametrize("background", ["kept", "both"])
def test_the_newspaper_under_a_page_is_painted_for_indra_too(background: Background) -> None:
    """A newspaper's words are words to Indra as well: with its ground kept, Indra read them beside the page's
    labels on round 12's photos («Плательщик пресс-служба дорог спорт …», a payer's name under pooled). The page is
    painted whatever the background asked, and no page with its ground is kept beside it."""
    photo = page_on_newspaper(ON_A_NEWSPAPER)
    prepared = preprocess(photo, PreprocessOptions(orient=False, deskew=False, background=background))
    assert step(prepared, "detect_document").applied and prepared.unpainted is None
    newspaper_corner = prepared.color[FRAME[1] - 60 :, :200]
    assert int(newspaper_corner.max()) - int(newspaper_corner.min()) < 40  # painted the paper's colour: no print


@pytest.mark.parametrize("backend", ["indra", "pooled"])
def test_indra_reads_the_receipt_with_its_wood(monkeypatch: pytest.MonkeyPatch, backend: BackendName) -> None:
    """Indra's backends give it the photo's background where Tesseract's page has it painted over."""
    monkeypatch.setattr(detect, "CASCADE", ())
    seen: list[NDArray[np.uint8]] = []
    read = indra.recognize
    monkeypatch.setattr(indra, "recognize", lambda image, *rest: seen.append(image) or read(image, *rest))
    photo, _, _ = receipt_on_wood()
    extraction = Extractor(backend).extract(cv2.imencode(".png", photo)[1].tobytes())
    assert "paper colour" in step_named(extraction.steps, "detect_document").detail
    assert seen and all(colours_left_of_the_receipt(image) > 100 for image in seen)


def step_named(steps: list[Step], name: str) -> Step:
    return next(s for s in steps if s.name == name)


def colours_left_of_the_receipt(image: NDArray[np.uint8]) -> int:
    """Distinct colours in a patch of the wood left of the receipt's middle: one where it was painted over."""
    middle = image.shape[0] // 2
    return len(np.unique(image[middle - 50 : middle + 50, 120:220].reshape(-1, 3), axis=0))


def phone_screen(header: tuple[int, int, int] | None) -> NDArray[np.uint8]:
    """A bank app's «Перевод выполнен» screen (1080×2030): a light page under a status bar and a header of white text
    on the app's colour, a button of that colour at the bottom; with ``header`` None, a PDF viewer's dark chrome
    (white title on grey) around the light page instead."""
    width, height = 1080, 2030
    chrome = header or (48, 48, 48)
    screen = PILImage.new("RGB", (width, height), (246, 246, 246) if header else chrome)
    draw = ImageDraw.Draw(screen)
    big, small = ImageFont.truetype(FONT, 56), ImageFont.truetype(FONT, 40)
    if header is None:
        draw.rectangle((0, 300, width, 1700), fill=(255, 255, 255))
    draw.rectangle((0, 0, width, 80), fill=tuple(round(c * 0.85) for c in chrome))
    draw.text((40, 15), "12:34", font=small, fill=(255, 255, 255))
    draw.rectangle((0, 80, width, 240), fill=chrome)
    draw.text((250, 125), "Перевод выполнен", font=big, fill=(255, 255, 255))
    draw.text((300, 600), "Перевод", font=big, fill=(0, 0, 0))
    draw.text((330, 700), "Иван Иванович И.", font=small, fill=(120, 120, 120))
    draw.text((300, 820), "100 000 ₽", font=ImageFont.truetype(FONT, 90), fill=(0, 0, 0))
    details = ("Счет списания", "Visa Gold •••• 6789", "13 580 ₽", "Номер телефона получателя", "+7 (999) 123-45-67")
    for row, text in enumerate(details):
        draw.text((60, 1100 + 110 * row), text, font=small, fill=(30, 30, 30))
    if header is not None:
        draw.rounded_rectangle((40, 1880, width - 40, 1990), 20, fill=header)
        draw.text((300, 1910), "Вернуться на главный", font=small, fill=(255, 255, 255))
    return cv2.cvtColor(np.asarray(screen), cv2.COLOR_RGB2BGR).astype(np.uint8)


@pytest.mark.parametrize("header", [(33, 160, 25), (0, 40, 140), (220, 30, 40)], ids=["green", "blue", "red"])
def test_a_screen_is_not_cropped_below_its_coloured_header(header: tuple[int, int, int]) -> None:
    """The bright region of a bank app's screen is its content under the header; the header's white words
    («Перевод выполнен», a transfer's kind) are the screen's too, so the frame is read whole (the real Сбер screen lost
    them to a bright-blob crop)."""
    assert find_document(phone_screen(header)) is None


def test_a_document_in_a_viewers_dark_chrome_is_still_cropped() -> None:
    """Grey chrome with white text around a light page is the viewer's, not the document's: cropped as before."""
    quad = find_document(phone_screen(None))
    assert quad is not None and quad.method == "bright blob"


def full_frame_pages() -> dict[str, NDArray[np.uint8]]:
    """Pages that fill the frame, each of which a paper finder could cut: plain, lit from one side, half in a
    shadow with its text going on into it, faded on one side, and a screen with a coloured header of white text."""
    page = render_page().astype(np.float32)
    side_lit = page * np.linspace(1.0, 0.45, page.shape[1], dtype=np.float32)[None, :]
    shadow = page.copy()
    shadow[page.shape[0] // 2 :] *= 0.55
    faded = 255 - (255 - page) * np.linspace(0.25, 1.0, page.shape[1], dtype=np.float32)[None, :]
    screen = bgr(render_page())
    screen[:200] = (40, 160, 40)
    cv2.putText(screen, "100 000 RUB", (60, 140), cv2.FONT_HERSHEY_SIMPLEX, 3, (255, 255, 255), 6)
    tinted = np.dstack([page * 0.9, page * 0.97, page])
    return {
        "plain": bgr(render_page()),
        "side lit": bgr(np.clip(side_lit, 0, 255).astype(np.uint8)),
        "half in shadow": np.clip(np.dstack([shadow * 0.8, shadow * 0.9, shadow]), 0, 255).astype(np.uint8),
        "faded": bgr(np.clip(faded, 0, 255).astype(np.uint8)),
        "screen header": screen,
        "warm paper": np.clip(tinted, 0, 255).astype(np.uint8),
    }


@pytest.mark.parametrize("name", list(full_frame_pages()))
def test_paper_by_colour_leaves_a_page_filling_the_frame_whole(name: str) -> None:
    """A scan, a screenshot or a photo filling the frame has no background: nothing is painted over, not a shadow's
    half, not a faded margin's text, not a screen's header."""
    small, grey, _ = small_copies(full_frame_pages()[name])
    assert paper_by_colour(small, grey) is None


def test_paint_beyond_keeps_every_pixel_within_the_corners() -> None:
    image = np.random.default_rng(0).integers(0, 256, (60, 80, 3), dtype=np.uint8)
    image[10:50, 20:60] = (200, 210, 220)
    corners = points(((20, 10), (59, 10), (59, 49), (20, 49)))
    painted = paint_beyond(image, corners)
    assert np.array_equal(painted[10:50, 20:60], image[10:50, 20:60])
    assert (painted[:10] == (200, 210, 220)).all() and (painted[:, :20] == (200, 210, 220)).all()


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([[10, 0], [10, 20], [0, 20], [0, 0]], [[0, 0], [10, 0], [10, 20], [0, 20]]),
        ([[0, 20], [10, 0], [0, 0], [10, 20]], [[0, 0], [10, 0], [10, 20], [0, 20]]),
        ([[100, 70], [0, 50], [110, 20], [10, 0]], [[10, 0], [110, 20], [100, 70], [0, 50]]),
    ],
)
def test_order_corners_starts_top_left_clockwise(points: list[list[int]], expected: list[list[int]]) -> None:
    assert order_corners(np.array(points)).tolist() == expected


@pytest.mark.parametrize(
    ("corners", "expected"),
    [
        ([[0, 0], [10, 0], [10, 20], [0, 20]], 0.0),
        ([[0, 0], [10, 0], [20, 10], [0, 10]], 90.0),
    ],
)
def test_angle_spread_measures_interior_angles(corners: Quad, expected: float) -> None:
    assert angle_spread(points(corners)) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_osd_reports_clockwise_turn(degrees: int) -> None:
    found = osd(turn_clockwise(render_page(), degrees))
    assert found is not None
    assert (found[0], found[1] >= 2) == (degrees, True)


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_orientation_by_profile_finds_turn(degrees: int) -> None:
    found = orientation_by_profile(rotate(turn_clockwise(render_page(), degrees), 2.0))
    assert found is not None
    assert found.degrees == degrees


@pytest.mark.parametrize(
    ("trials", "default", "turn"),
    [
        ({0: 27.0, 180: 28.0, 90: 38.0, 270: 37.0}, 0, 0),  # the quarter's band read specks both ways up: noise
        ({0: 21.0, 180: 22.0, 90: 25.0, 270: 28.0}, 0, 0),
        ({0: 20.0, 180: 22.0, 90: 60.0, 270: 15.0}, 0, 90),  # read the right way up, not upside down
        ({0: 20.0, 180: 70.0, 90: 30.0, 270: 25.0}, 0, 180),
        ({0: 75.0, 180: 20.0, 90: 30.0, 270: 25.0}, 0, 0),
        ({90: 4.0, 270: 47.0}, 90, 270),  # a clear axis: its two turns
        ({90: 40.0, 270: 43.0}, 90, 90),
        ({0: 0.0, 180: 49.0}, 0, 0),  # read nothing one way up: no evidence either way
        ({0: 25.0, 180: 27.0, 90: 0.0, 270: 31.0}, 0, 0),
    ],
)
def test_a_turn_wins_only_by_reading_surer_than_the_page_as_is_and_than_itself_upside_down(
    trials: dict[int, float], default: int, turn: int
) -> None:
    assert orient.turn_read_best(trials, default) == turn


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 3.0])
def test_a_page_looks_sideways_when_turned_a_quarter(degrees: int, skew: float) -> None:
    """Its letters join into columns rather than rows; upside down they still join into rows."""
    grey = rotate(turn_clockwise(render_page(), degrees), skew)
    assert orient.looks_sideways(grey) is (degrees in (90, 270))


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_a_page_in_shadow_is_judged_sideways_on_its_sample_normalised_alone(degrees: int) -> None:
    """The ``indra`` backend leaves the whole page's contrast step out: the sample ``looks_sideways`` judges is
    normalised alone, at its own size, and tells a turned page from an upright one as the normalised page does."""
    page = cv2.resize(turn_clockwise(render_page(), degrees), None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    shadow = np.linspace(0.45, 1.0, page.shape[1], dtype=np.float32)[None, :]
    grey = (page.astype(np.float32) * shadow).astype(np.uint8)
    sample = orient.normalized_sample(grey)
    assert sample.size <= orient.SIDEWAYS_SAMPLE_PIXELS < grey.size
    assert orient.looks_sideways(sample) is (degrees in (90, 270))


def test_a_blank_page_does_not_look_sideways() -> None:
    assert orient.looks_sideways(np.full((400, 300), 255, np.uint8)) is False


@pytest.mark.parametrize("degrees", [90, 180])
def test_detect_orientation_falls_back_when_osd_unsure(monkeypatch: pytest.MonkeyPatch, degrees: int) -> None:
    monkeypatch.setattr(orient, "osd", lambda grey: (0, 0.5))
    found = orient.detect_orientation(turn_clockwise(render_page(), degrees))
    assert found is not None
    assert (found.degrees, found.evidence.startswith("OSD unsure")) == (degrees, True)


@pytest.mark.parametrize(("degrees", "found"), [(180, None), (90, 90), (270, 90)])
def test_without_the_trial_reading_an_unsure_page_is_judged_by_the_axis_of_its_lines_alone(
    monkeypatch: pytest.MonkeyPatch, degrees: int, found: int | None
) -> None:
    """For a caller that reads the turns itself: a page whose lines run down it is turned a quarter, which way round
    left to it; any other is left as it is. No band is read."""
    monkeypatch.setattr(orient, "osd", lambda grey: (0, 0.5))
    monkeypatch.setattr(orient, "_band_confidence", lambda band, budget: pytest.fail("a band was read"))
    judged = orient.detect_orientation(turn_clockwise(render_page(), degrees), trial=False)
    assert (judged and judged.degrees) == found
    assert judged is None or judged.evidence == "OSD unsure (conf 0.5); vertical lines; which way round left to reading"


def faint_page_beside_a_dark_table() -> Grey:
    """Faint print on paper that fills most of a photo whose left edge is a grainy table lit too well to be left out
    (``text_on_paper``): the table's grain takes Otsu's threshold, and the letters are paper to it."""
    rng = np.random.default_rng(0)
    page = 255 - (255 - render_page().astype(np.float64)) * 0.2
    page[:, :180] = rng.uniform(90, 200, (page.shape[0], 180))
    return page.astype(np.uint8)


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_detect_orientation_judges_faint_letters_not_the_table_beside_them(
    monkeypatch: pytest.MonkeyPatch, degrees: int
) -> None:
    """A web bank's printed receipt photographed askew on a table was turned 270° from upright: OSD found nothing,
    and the table's edge made its lines seem to run down the page."""
    monkeypatch.setattr(orient, "osd", lambda grey: None)
    found = orient.detect_orientation(turn_clockwise(faint_page_beside_a_dark_table(), degrees))
    assert found is not None
    assert found.degrees == degrees


def test_the_band_read_for_orientation_is_where_the_letters_are() -> None:
    """A photo's grainy table along its edge is the inkiest band of it: the band read is where the letters are."""
    page = np.ascontiguousarray(turn_clockwise(faint_page_beside_a_dark_table(), 90))
    band, _ = orient.reading_bands(page)
    assert np.median(band) > 230  # paper, not the table
    assert (band < 230).mean() > 0.01  # and letters on it


def test_the_orientation_fallback_reads_nothing_past_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its band readings took 0.6 s of a hard corpus page's last 1.0 s and the page overran its budget: they stop at
    the deadline, like every reading, and the page keeps the turn its lines suggest."""
    import time

    from model.budget import Budget

    monkeypatch.setattr(orient, "osd", lambda grey: (0, 0.5))
    page = turn_clockwise(render_page(), 90)
    started = time.thread_time()
    assert orient.detect_orientation(page) is not None
    unbounded = time.thread_time() - started
    spent = Budget(0.001)
    while spent.remaining_s() > 0:
        pass
    started = time.thread_time()
    found = orient.detect_orientation(page, spent)
    assert time.thread_time() - started < unbounded / 2
    assert found is not None and found.degrees in (90, 270)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_preprocess_turns_page_upright(degrees: int) -> None:
    photo = bgr(turn_clockwise(render_page(), degrees))
    result = preprocess(photo, PreprocessOptions(detect_document=False))
    assert step(result, "orient").applied
    assert "Получатель" in read_top(result.image)


@pytest.mark.parametrize("skew", [5.0, -7.0, 0.0, 12.0])
def test_estimate_skew_recovers_angle(skew: float) -> None:
    estimate = estimate_skew(rotate(render_page(), skew))
    assert estimate == pytest.approx(skew, abs=0.5)


def tiled_floor(side: int, angle: float, spacing: int = 120, thickness: int = 5) -> Grey:
    """A light floor of square tiles ``side`` px square, its dark joints turned ``angle`` degrees."""
    floor = np.full((2 * side, 2 * side), 200, np.uint8)
    for offset in range(0, 2 * side, spacing):
        floor[offset : offset + thickness, :] = 90
        floor[:, offset : offset + thickness] = 90
    turned = rotate(floor, angle)
    top, left = (turned.shape[0] - side) // 2, (turned.shape[1] - side) // 2
    return turned[top : top + side, left : left + side].copy()


@pytest.mark.parametrize("floor_angle", [10.0, -8.0])
@pytest.mark.parametrize("skew", [0.0, 2.0])
@pytest.mark.parametrize("turned", [0, 90])
def test_estimate_skew_follows_the_text_not_the_floor_behind_it(floor_angle: float, skew: float, turned: int) -> None:
    """A receipt held over a tiled floor (issue 14, eazyan_dixi_2015.jpg): the joints' long straight lines outweigh
    the text's in the whole ink's profile, which read the floor's angle and turned the text off level. A page lying on
    its side (its orientation missed) is skewed as far, which its letters' columns measure."""
    photo = tiled_floor(1800, floor_angle)
    page = rotate(turn_clockwise(render_page(800, 1000, 24), turned), skew)
    top, left = (photo.shape[0] - page.shape[0]) // 2, (photo.shape[1] - page.shape[1]) // 2
    photo[top : top + page.shape[0], left : left + page.shape[1]] = page
    assert estimate_skew(photo) == pytest.approx(skew, abs=0.5)


def faint_page_cut_by_a_grainy_table(skew: float) -> Grey:
    """Faint print tilted ``skew`` degrees, cropped with a grainy table along its right side and below a straight edge
    at 12°: the grain takes Otsu's threshold, so the letters are paper to it and the edge is the ink's clearest line."""
    rng = np.random.default_rng(0)
    page = rotate((255 - (255 - render_page(1000, 1400, 22).astype(np.float64)) * 0.2).astype(np.uint8), skew)
    height, width = page.shape
    ys, xs = np.mgrid[:height, :width]
    table = (xs >= width - 120) | (ys > height - 200 - np.tan(np.radians(12.0)) * (xs - width / 2))
    page[table] = rng.uniform(40, 200, int(table.sum()))
    return page


@pytest.mark.parametrize("skew", [4.0, -3.0])
def test_estimate_skew_finds_faint_letters_the_table_beside_them_hides(skew: float) -> None:
    """A web bank's printed receipt photographed on a table (corpus r7_transfer_01_photo): cropped to the paper, a
    strip of the table stayed along its side, its ink mask held no letters, and the page was levelled by the table's
    edge (+15.5° where its lines lie at +1.3°) and read nothing. Where Otsu's mask has no letters the deskew seeks them
    by the neighbourhood, as the orientation does (``deskew.page_letters``)."""
    assert estimate_skew(faint_page_cut_by_a_grainy_table(skew)) == pytest.approx(skew, abs=0.5)


def test_the_letters_of_a_mask_with_more_components_than_16_bits_can_number_are_still_found() -> None:
    """Noise of 1-px specks gives a mask OpenCV refuses to label in 16 bits (90,000 components here): the deskew's
    letter check takes the 32-bit labels, as the rest of the preprocessing does, rather than failing the page."""
    specks = np.zeros((600, 600), np.uint8)
    specks[::2, ::2] = 255
    assert glyph_mask(specks) is None  # no letters among specks, and no error


@pytest.mark.parametrize("skew", [5.0, -7.0])
def test_preprocess_levels_skewed_page(skew: float) -> None:
    photo = bgr(rotate(render_page(), skew))
    result = preprocess(photo, PreprocessOptions(detect_document=False, orient=False))
    assert step(result, "deskew").applied
    assert estimate_skew(result.image) == pytest.approx(0.0, abs=0.3)


@pytest.mark.parametrize("size", [14, 22, 30, 44])
def test_estimate_x_height_between_x_and_cap_height(size: int) -> None:
    estimate = estimate_x_height(render_page(size=size))
    assert estimate is not None
    assert size * DEJAVU_X_HEIGHT - 1 <= estimate <= size * DEJAVU_CAP_HEIGHT + 1


def test_estimate_x_height_ignores_specks() -> None:
    """JPEG blocks and grain leave 3-4 px specks that can outnumber the letters of a low-resolution photo."""
    page = render_page(size=16).copy()
    rng = np.random.default_rng(7)
    speck = np.array([[0, 0, 255], [0, 255, 0], [0, 0, 255]], dtype=np.uint8)  # 3×3, 5 px of ink: letter-shaped
    for y, x in rng.integers(0, (page.shape[0] - 3, page.shape[1] - 3), size=(3000, 2)):
        page[y : y + 3, x : x + 3] = np.minimum(page[y : y + 3, x : x + 3], speck)
    estimate = estimate_x_height(page)
    assert estimate is not None
    assert 16 * DEJAVU_X_HEIGHT - 1 <= estimate <= 16 * DEJAVU_CAP_HEIGHT + 1


def test_estimate_x_height_follows_the_smallest_text() -> None:
    """Small grey captions over large values (a bank app's receipt): the captions need the scale, not the values."""
    page = PILImage.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    small, large = ImageFont.truetype(FONT, 14), ImageFont.truetype(FONT, 32)
    for i, y in enumerate(range(40, PAGE[1] - 80, 70)):
        draw.text((40, y), "Получатель", font=small, fill=0)
        draw.text((40, y + 20), LINES[i % len(LINES)], font=large, fill=0)
    estimate = estimate_x_height(np.asarray(page, dtype=np.uint8))
    assert estimate is not None
    assert 14 * DEJAVU_X_HEIGHT - 1 <= estimate <= 14 * DEJAVU_CAP_HEIGHT + 1


@pytest.mark.parametrize(
    ("x_height", "shape", "max_pixels", "expected"),
    [
        (6.0, (600, 400), 8_000_000, 20 / 6),
        (2.0, (600, 400), 8_000_000, 4.0),
        (12.0, (1000, 800), 8_000_000, 1.0),
        (18.0, (1000, 800), 8_000_000, 1.0),
        (25.0, (1000, 800), 8_000_000, 1.0),
        (40.0, (1000, 800), 8_000_000, 0.5),
        (None, (1000, 800), 8_000_000, 1.0),
        (18.0, (4000, 3000), 8_000_000, (8 / 12) ** 0.5),
        (6.0, (2000, 2000), 8_000_000, 2**0.5),
        (6.0, (4000, 3000), 8_000_000, (4 / 12) ** 0.5),  # texture measured on a page already too large: shrunk
        (5.8, (3226, 2479), 7_997_254, 0.5**0.5),
    ],
)
def test_scale_factor_targets_x_height_within_pixel_cap(
    x_height: float | None, shape: tuple[int, int], max_pixels: int, expected: float
) -> None:
    assert scale_factor(x_height, shape, max_pixels) == pytest.approx(expected)


def test_preprocess_upscales_tiny_text() -> None:
    photo = bgr(render_page(600, 500, size=11))
    result = preprocess(photo, PreprocessOptions(detect_document=False, orient=False))
    assert step(result, "scale").applied
    assert result.image.shape[0] > 1.5 * photo.shape[0]
    assert 15 <= (estimate_x_height(result.image) or 0) <= 25


def test_preprocess_caps_huge_image() -> None:
    photo = bgr(render_page(3000, 4000, size=34))
    result = preprocess(photo, PreprocessOptions(orient=False))
    assert step(result, "scale").applied
    assert 7_500_000 <= result.image.size <= 8_000_000


def test_normalize_contrast_flattens_shadow() -> None:
    page = render_page().astype(np.float64)
    shadow = np.linspace(1.0, 0.4, page.shape[1])[None, :]
    flat = normalize_contrast((page * shadow).astype(np.uint8))
    paper = flat[render_page() == 255]
    assert np.percentile(paper, 5) >= 235
    assert np.median(flat[render_page() == 0]) <= 40


@pytest.mark.parametrize("kind", ["dark", "grain", "textured"])
def test_ink_mask_finds_text_not_table(kind: str) -> None:
    photo = photograph(PERSPECTIVE, kind)
    paper = cv2.fillConvexPoly(np.zeros(photo.shape[:2], np.uint8), points(PERSPECTIVE).astype(np.int32), 255)
    table = cv2.erode(255 - paper, np.ones((15, 15), np.uint8)) > 0
    ink = ink_mask(to_grey(photo)) > 0
    assert ink[table].mean() < 0.01
    assert ink[paper > 0].mean() > 0.03


@pytest.mark.parametrize(
    "convert",
    [to_grey, lambda image: cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)],
    ids=["grey", "bgra"],
)
def test_preprocess_accepts_grey_and_bgra(convert: Callable[[NDArray[np.uint8]], NDArray[np.uint8]]) -> None:
    photo = photograph(PERSPECTIVE)
    result = preprocess(convert(photo), ALL_OFF)
    assert result.color.shape == photo.shape
    assert np.array_equal(result.image, to_grey(photo))


def test_preprocess_all_off_only_converts_to_grey() -> None:
    photo = photograph(PERSPECTIVE)
    result = preprocess(photo, ALL_OFF)
    assert np.array_equal(result.image, cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY))
    assert result.color is photo
    assert [(s.name, s.applied) for s in result.steps] == [(name, False) for name in STEP_NAMES]


@pytest.mark.parametrize("keep", [True, False])
def test_preprocess_keeps_intermediates_only_when_asked(keep: bool) -> None:
    photo = cv2.resize(photograph(PERSPECTIVE), None, fx=0.5, fy=0.5).astype(np.uint8)
    options = PreprocessOptions(orient=False, denoise=True, keep_intermediates=keep)
    result = preprocess(photo, options)
    assert list(result.intermediates) == (STEP_NAMES if keep else [])
    if keep:
        assert result.intermediates["erase_rules"] is result.image
        assert result.intermediates["deskew"] is result.color


def test_preprocess_reports_every_step_with_reason() -> None:
    result = preprocess(photograph(PERSPECTIVE, "textured"))
    assert [s.name for s in result.steps] == STEP_NAMES
    assert all(s.detail and s.ms >= 0 for s in result.steps)
    assert step(result, "denoise").detail == "turned off"


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1, 3), np.uint8),
        np.full((400, 300, 3), 255, np.uint8),
        np.zeros((400, 300, 3), np.uint8),
        np.full((3, 900, 3), 128, np.uint8),
        np.random.default_rng(0).integers(0, 256, (200, 150, 3), dtype=np.uint8),
    ],
    ids=["1px", "white", "black", "sliver", "noise"],
)
def test_preprocess_survives_degenerate_input(image: NDArray[np.uint8]) -> None:
    result = preprocess(image, PreprocessOptions(denoise=True))
    assert result.image.ndim == 2
    assert result.image.dtype == np.uint8
    assert result.image.size > 0


@pytest.mark.parametrize(
    "image",
    [np.zeros((10, 10, 3), np.float32), np.zeros((0, 10, 3), np.uint8), np.zeros((10, 10, 2), np.uint8)],
    ids=["float", "empty", "two-channel"],
)
def test_preprocess_rejects_unusable_input(image: NDArray[np.generic]) -> None:
    with pytest.raises(ValueError, match="preprocess"):
        preprocess(image)  # type: ignore[arg-type]


def _screen(caption_grey: int, blur: float = 1.5) -> NDArray[np.uint8]:
    """A bank app's receipt as a blurred photo of it shows it: a light-grey caption over each black value."""
    page = PILImage.new("L", (700, 420), 255)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT, 22)
    for row, (caption, value) in enumerate(
        [("Получатель", "Сергей Сергеевич Г."), ("Банк получателя", "Почта Банк"), ("Сумма перевода", "10 166,63 ₽")]
    ):
        draw.text((40, 30 + row * 130), caption, font=face, fill=caption_grey)
        draw.text((40, 68 + row * 130), value, font=face, fill=30)
    grey = cv2.GaussianBlur(np.asarray(page, dtype=np.uint8), (0, 0), blur)
    noise = np.random.default_rng(7).normal(0, 4, grey.shape)
    return np.clip(grey + noise, 0, 255).astype(np.uint8)


def test_faint_captions_are_found_and_darkened_and_black_values_left_alone() -> None:
    screen = normalize_contrast(_screen(caption_grey=180))
    boxes = faint_text_lines(screen)
    assert [top // 130 for _, top, _, _ in sorted(boxes, key=lambda box: box[1])] == [0, 1, 2]  # the captions
    assert all(top % 130 < 60 for _, top, _, _ in boxes)  # none of them a value's line
    lifted, count = lift_faint_text(screen)
    assert count == 3
    for left, top, right, bottom in boxes:
        assert lifted[top:bottom, left:right].min() < screen[top:bottom, left:right].min() - 60
    values = screen[68:100, :]
    assert np.array_equal(lifted[68:100, :], values)


def test_a_page_without_faint_text_is_not_changed() -> None:
    blank = normalize_contrast(_screen(caption_grey=255))  # values only; paper and noise between them
    lifted, count = lift_faint_text(blank)
    assert count == 0
    assert np.array_equal(lifted, blank)


def test_a_lifted_caption_is_read_where_the_faint_one_was_not() -> None:
    """Real Tesseract: the captions in light grey under blur are dropped by its threshold; darkened, they read."""
    screen = normalize_contrast(_screen(caption_grey=180))
    api = engine(6)

    def read(image: NDArray[np.uint8]) -> str:
        api.SetImage(PILImage.fromarray(image))
        return str(api.GetUTF8Text())

    assert "получател" not in read(screen).lower()
    assert "получател" in read(lift_faint_text(screen)[0]).lower()


def _faint_on_grain(grain: float, seed: int = 3) -> Grey:
    """``render_page`` printed faintly (ink at grey 166) on paper with a grain of specks 1-2 px wide, ``grain`` its
    standard deviation in grey levels: aged thermal paper, or a dim photo's sensor noise."""
    specks = cv2.GaussianBlur(np.random.default_rng(seed).normal(0, grain, PAGE[::-1]), (0, 0), 0.7)
    faint = 255 - (255 - render_page().astype(np.float64)) * 0.35
    return np.clip(faint * 0.9 + specks, 0, 255).astype(np.uint8)


FLAT_ONLY = PreprocessOptions(detect_document=False, orient=False, deskew=False)
MARGINS = (slice(0, 55), slice(-70, None))
"""Rows of ``render_page`` above and below its text: paper only."""


@pytest.mark.parametrize(("grain", "noisy"), [(0, False), (4, False), (20, True), (28, True)])
def test_paper_noise_tells_grainy_paper_from_text_edges(grain: float, noisy: bool) -> None:
    assert (paper_noise(_faint_on_grain(grain)) >= NOISY_PAPER) is noisy


def test_a_page_of_sharp_text_on_clean_paper_is_not_noisy() -> None:
    """The letters' edges differ from their median most of all; they are not the paper's noise."""
    assert paper_noise(render_page(size=14)) < 1.0


def test_a_dark_theme_screen_is_read_as_dark_text_on_light() -> None:
    """A dark-theme app's screenshot (light text on near-black): divided by its "paper", its letters were measured
    and read inside out, and its transfer gave no amount and no name. It is inverted before the grey steps."""
    screen = (255 - render_page(size=22) * 0.85).astype(np.uint8)
    assert light_on_dark(screen)
    result = preprocess(bgr(screen), FLAT_ONLY)
    assert "inverted" in step(result, "normalize_contrast").detail
    assert float(np.median(result.image)) > 200


@pytest.mark.parametrize("kind", ["dark", "grain"])
def test_a_white_page_on_a_dark_table_is_not_a_dark_screen(kind: str) -> None:
    small = cv2.resize(to_grey(photograph(SMALL_RECEIPT, kind)), None, fx=0.5, fy=0.5)
    assert float(np.median(small)) < 100  # the table fills the frame: as dark as a dark screen
    assert not light_on_dark(small)
    assert not light_on_dark(render_page())


def _dim_page_under_raindrops() -> Grey:
    """``render_page`` photographed at night (paper at grey 80) through a rainy window: the drops' bright rims,
    thin arcs, speckle the page as a dark screen's letters would."""
    rng = np.random.default_rng(17)
    page = (render_page(size=48).astype(np.float32) * 0.3 + 4).astype(np.uint8)
    height, width = page.shape
    for _ in range(60):
        x, y, radius = int(rng.uniform(0, width)), int(rng.uniform(0, height)), int(rng.uniform(8, 24))
        cv2.ellipse(page, (x, y), (radius, radius), 0, 20, 240, 180, 2)
    noise = rng.normal(0, 6, page.shape)
    return np.clip(page + noise, 0, 255).astype(np.uint8)


def test_a_dim_page_speckled_with_bright_rims_is_not_a_dark_screen() -> None:
    """Round 17's night photos: the raindrops' rims passed for a dark screen's letters, and seven dim white pages
    were inverted into white text on grey that Tesseract read nothing of. Their dark ink decides."""
    page = _dim_page_under_raindrops()
    assert float(np.median(page)) < 100
    assert not light_on_dark(page)
    result = preprocess(bgr(page), FLAT_ONLY)
    assert "inverted" not in step(result, "normalize_contrast").detail


def _ruled_page() -> Grey:
    """``render_page`` small, inside a table of 1 px rules: a rendered 1C invoice or a bank's PDF receipt, whose
    rules and thin strokes a 5×5 median erases from otherwise flat paper."""
    page = render_page(size=14).copy()
    page[::36, :] = 0
    page[:, ::144] = 0
    return page


def test_a_ruled_page_of_crisp_print_on_clean_paper_is_not_noisy() -> None:
    """The rules the median erased measured 8.3 grey levels of "noise", and the median filter then blurred the
    second synthetic set's clean invoices and transfers (serif print at an x-height of 9 px) past reading."""
    page = _ruled_page()
    assert paper_noise(page) < 1.0
    result = preprocess(bgr(page), FLAT_ONLY)
    assert "noisy paper" not in step(result, "normalize_contrast").detail


def test_a_ruled_page_on_grainy_paper_is_still_noisy() -> None:
    specks = cv2.GaussianBlur(np.random.default_rng(5).normal(0, 20, PAGE[::-1]), (0, 0), 0.7)
    assert paper_noise(np.clip(_ruled_page() * 0.9 + specks, 0, 255).astype(np.uint8)) >= NOISY_PAPER


def test_noisy_paper_is_smoothed_not_lifted_into_black_blocks() -> None:
    """The faint-line lift darkens specks that the closing of rows joins into "lines": on grainy paper it paints the
    margins with blocks Tesseract reads as lines of garbage. The gate smooths such a page instead."""
    page = _faint_on_grain(20)
    lifted, _ = lift_faint_text(normalize_contrast(page))
    assert min(int(lifted[rows].min()) for rows in MARGINS) < 128  # the hazard the gate avoids
    result = preprocess(bgr(page), FLAT_ONLY)
    assert "noisy paper" in step(result, "normalize_contrast").detail
    assert min(int(result.image[rows].min()) for rows in MARGINS) > 200


def test_faint_text_on_paper_below_the_gate_is_still_lifted() -> None:
    result = preprocess(bgr(_faint_on_grain(4)), FLAT_ONLY)
    assert "light-grey text lines darkened" in step(result, "normalize_contrast").detail


RENDERED_X_HEIGHT = DEJAVU_X_HEIGHT * 30


def _ruled(page: Grey, thickness: int = 2) -> Grey:
    """``page`` (``render_page``) as a table: a rule between its lines, a border down each side and one just left of
    where the values start, as 1C's bank grid rules its cells."""
    ruled = page.copy()
    height, width = page.shape
    margin, step = width // 16, round(30 * 1.6)
    top, bottom = margin - 8, height - margin - step
    for y in range(top, bottom + 1, step):
        cv2.line(ruled, (margin - 8, y), (width - margin // 2, y), 0, thickness)
    for x in (margin - 8, 420, width - margin // 2):
        cv2.line(ruled, (x, top), (x, bottom), 0, thickness)
    return ruled


@pytest.mark.parametrize("thickness", [1, 2, 4])
def test_a_tables_rules_are_painted_as_paper_and_its_text_kept(thickness: int) -> None:
    page = render_page()
    erased, grids = erase_rules(_ruled(page, thickness), RENDERED_X_HEIGHT)
    assert grids == 1
    text = page < 128
    assert np.count_nonzero((erased < 128) & ~text) < 0.002 * page.size  # no rule left but where it crosses a letter
    assert np.count_nonzero((erased < 128) & text) > 0.9 * np.count_nonzero(text)


def test_a_one_row_box_of_a_form_is_a_table_too() -> None:
    """A ПД-4 boxes each row apart («ИНН … КПП …» | account), 3.5 x-heights tall: its side rules were too short
    for a table's columns, and Tesseract's block reading dropped the boxed text with its ИНН, account and БИК."""
    page = render_page()
    width = page.shape[1]
    margin, step = width // 16, round(30 * 1.6)
    top = margin + 4 * step - 8
    bottom = top + round(3.5 * RENDERED_X_HEIGHT)
    boxed = page.copy()
    cv2.rectangle(boxed, (margin - 8, top), (width - margin // 2, bottom), 0, 1)
    cv2.line(boxed, (420, top), (420, bottom), 0, 1)
    erased, grids = erase_rules(boxed, RENDERED_X_HEIGHT)
    assert grids == 1
    text = page < 128
    assert np.count_nonzero((erased < 128) & ~text) < 0.002 * page.size


def test_a_page_without_a_table_is_left_as_it_is() -> None:
    page = render_page()
    bar = page.copy()
    bar[200:260, 100:900] = 0  # a filled bar (an app's button, an inverted header): no rule
    cv2.line(bar, (100, 400), (900, 400), 0, 2)  # an underline alone: no table
    for image in (page, bar):
        erased, grids = erase_rules(image, RENDERED_X_HEIGHT)
        assert grids == 0
        assert erased is image


@pytest.mark.parametrize("kind", ["dark", "grain", "textured"])
def test_the_grain_around_a_photographed_page_is_no_table(kind: str) -> None:
    """Straight runs in a table's grain or along the frame's edge, which erased made Tesseract lose a receipt."""
    result = preprocess(photograph(PERSPECTIVE, kind), PreprocessOptions(detect_document=False, orient=False))
    assert not step(result, "erase_rules").applied


def test_opencv_runs_on_the_reading_thread_only() -> None:
    """The budget counts the reading thread's CPU: OpenCV's helper threads would escape it."""
    import model.preprocess  # noqa: F401 - importing it is what sets the thread count

    assert cv2.getNumThreads() == 1


@pytest.mark.parametrize("share", [0.01, 0.2], ids=["letters", "noise past 16-bit labels"])
def test_component_stats_match_opencvs_32_bit_labels(share: float) -> None:
    mask = ((np.random.default_rng(0).random((1200, 1000)) < share) * 255).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found_count, found_stats = component_stats(mask)
    assert found_count == count
    assert np.array_equal(found_stats, stats)
    assert np.array_equal(components(mask)[1], cv2.connectedComponents(mask, connectivity=8)[1])
