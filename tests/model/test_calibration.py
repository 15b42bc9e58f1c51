"""The budget in the reference machine's seconds: this machine's factor, measured once per process, scales it."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import cv2
import numpy as np
import pytest

from model import calibration
from model.budget import Budget
from model.calibration import (
    MAX_FACTOR,
    MIN_FACTOR,
    REFERENCE_READING_S,
    REPEATS,
    Calibration,
    factor_for,
    read_reference_page,
    reference_page,
)
from model.inference import BUDGET_ENV, CALIBRATION_ENV, calibration_setting, inference, load
from model.pipeline import Extractor

STEP = 2 ** (1 / 2)
FASTER = 2 ** (-1 / 2)
"""The factor of a machine that reads the reference page in 0.7 of the reference machine's time."""


@pytest.fixture
def fresh_calibration(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """This process not calibrated yet, with each reference reading counted instead of made (0.2 s each)."""
    readings: list[int] = []

    def counted(repeats: int = REPEATS) -> float:
        readings.append(repeats)
        return REFERENCE_READING_S * 0.7  # a faster machine: the factor FASTER

    monkeypatch.setattr(calibration, "_measured", None)
    monkeypatch.setattr(calibration, "reference_reading_s", counted)
    yield readings


def _blank_page() -> bytes:
    """A small white PNG: the pipeline's fastest document."""
    ok, png = cv2.imencode(".png", np.full((120, 160), 255, np.uint8))
    assert ok
    return png.tobytes()


@pytest.mark.parametrize(
    "measured_s",
    [REFERENCE_READING_S, 0.1563, 0.162, 0.168, 0.1812, 0.1874, REFERENCE_READING_S / 1.18, REFERENCE_READING_S * 1.18],
)
def test_this_machine_gives_exactly_one_under_the_noise_measured_on_it(measured_s: float) -> None:
    """The least, medians and most of 140 calibrations here, half busy to loaded six times over
    (``REFERENCE_READING_S``), and 18% either side of the constant: the budget, and so the values read, do not move
    with this machine's load."""
    assert factor_for(measured_s) == 1.0


@pytest.mark.parametrize(
    ("ratio", "factor"),
    [(1.2, 1.0), (0.8, 1 / STEP), (0.6, 1 / STEP), (0.5, 0.5), (0.3, STEP**-3)],
)
def test_a_faster_or_slower_machine_gets_the_nearest_step(ratio: float, factor: float) -> None:
    assert factor_for(REFERENCE_READING_S * ratio) == pytest.approx(factor)


@pytest.mark.parametrize(
    ("ratio", "factor"), [(10.0, MAX_FACTOR), (1.41, MAX_FACTOR), (1.2, MAX_FACTOR), (0.01, MIN_FACTOR)]
)
def test_the_factor_is_held_within_its_limits(ratio: float, factor: float) -> None:
    assert factor_for(REFERENCE_READING_S * ratio) == factor


@pytest.mark.parametrize("measured_s", [0.0, -0.1, float("nan"), float("inf")])
def test_a_reading_that_is_no_time_is_refused(measured_s: float) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        factor_for(measured_s)


def test_a_budget_in_reference_seconds_is_scaled_by_the_factor() -> None:
    budget = Budget(1.0, factor=2.0)
    assert 1.95 < budget.remaining_s() <= 2.0
    assert budget.here(0.3) == pytest.approx(0.6)
    assert budget.allows(1.5) and not Budget(1.0).allows(1.5)
    budget.skip("the other turns of an unsure page")
    assert budget.warnings() == [
        "reading stopped at the 1 s budget (reference-machine seconds, 2 CPU s on this one): "
        "the other turns of an unsure page"
    ]


def test_the_extractor_scales_each_documents_budget_by_the_injected_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Budget] = []

    class Recorded(Budget):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr("model.pipeline.Budget", Recorded)
    result = Extractor(budget_s=0.5, budget_factor=STEP).extract(_blank_page())
    assert (made[0].seconds, made[0].factor, result.budget_factor) == (0.5, STEP, STEP)
    assert made[0].remaining_s() == pytest.approx(0.5 * STEP - made[0].spent_s(), abs=0.01)
    assert Extractor(budget_s=0.5, budget_factor=STEP).extract(_blank_page(), budget_s=0).budget_factor is None


def test_a_budget_that_cuts_the_reading_says_so_in_both_units(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reading stops at ``seconds × factor`` of this machine and the warning gives both."""
    monkeypatch.setattr(Budget, "spent_s", lambda self: 10.0)  # past any deadline from the start
    result = Extractor(budget_s=0.5, budget_factor=2.0).extract(_blank_page())
    assert result.truncated
    assert result.warnings[0].startswith("reading stopped at the 0.5 s budget (reference-machine seconds, 1 CPU s")


def test_the_calibration_is_measured_once_per_process(fresh_calibration: list[int]) -> None:
    threads = [threading.Thread(target=calibration.calibrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calibration.calibrate() == Calibration(FASTER, REFERENCE_READING_S * 0.7)
    assert fresh_calibration == [REPEATS]


def test_load_measures_the_factor_before_the_first_document(
    monkeypatch: pytest.MonkeyPatch, fresh_calibration: list[int]
) -> None:
    """At load, so that the runtime calls the model ready only once it has measured, and no request waits."""
    monkeypatch.setenv(BUDGET_ENV, "3.6")
    monkeypatch.setenv(CALIBRATION_ENV, "on")
    extractor = load("tesseract")
    assert extractor.budget_factor == FASTER and fresh_calibration == [REPEATS]
    assert load("tesseract").budget_factor == FASTER and fresh_calibration == [REPEATS]  # not again in this process
    assert extractor.extract(_blank_page()).budget_factor == FASTER


def test_load_measures_before_it_starts_the_decoding_sandbox(
    monkeypatch: pytest.MonkeyPatch, fresh_calibration: list[int]
) -> None:
    """The sandbox's forkserver imports the decoders while it starts: a reading beside it took up to 23% longer, and
    one bench worker measured 0.205 s there (a factor of 1.41 on this machine)."""
    readings_when_started: list[list[int]] = []
    monkeypatch.setattr("model.inference.sandbox.start", lambda: readings_when_started.append(list(fresh_calibration)))
    monkeypatch.setenv(BUDGET_ENV, "3.6")
    monkeypatch.setenv(CALIBRATION_ENV, "on")
    load("tesseract")
    assert readings_when_started == [[REPEATS]]


def test_without_a_deployment_budget_the_first_document_with_one_measures_it(
    monkeypatch: pytest.MonkeyPatch, fresh_calibration: list[int]
) -> None:
    monkeypatch.setenv(BUDGET_ENV, "0")
    monkeypatch.setenv(CALIBRATION_ENV, "on")
    extractor = load("tesseract")
    assert extractor.budget_factor is None and fresh_calibration == []
    image = {"name": "image", "datatype": "BYTES", "shape": [1], "data": [_blank_page()]}
    inference([{"name": "budget_s", "data": [2.0]}], [image], [], "tesseract", extractor)
    assert extractor.budget_factor == FASTER and fresh_calibration == [REPEATS]


@pytest.mark.parametrize("off", ["off", "0", "false", "no", " OFF "])
def test_an_operator_can_turn_the_calibration_off(
    monkeypatch: pytest.MonkeyPatch, fresh_calibration: list[int], off: str
) -> None:
    """Off: the configured seconds are this machine's CPU seconds, as they are; nothing is measured."""
    monkeypatch.setenv(BUDGET_ENV, "3.6")
    monkeypatch.setenv(CALIBRATION_ENV, off)
    extractor = load("tesseract")
    assert extractor.budget_factor == 1.0 and fresh_calibration == []
    assert extractor.extract(_blank_page()).budget_factor == 1.0


def test_qwen_vl_has_no_budget_and_measures_nothing(
    monkeypatch: pytest.MonkeyPatch, fresh_calibration: list[int]
) -> None:
    """A Qwen-VL deployment's image need not read with Tesseract at all: its load must not."""
    monkeypatch.setenv(BUDGET_ENV, "3.6")
    monkeypatch.setenv(CALIBRATION_ENV, "on")
    monkeypatch.setattr("model.qwen.QwenExtractor", lambda weights, static_cache: object())
    extractor = load("qwen-vl")
    assert (extractor.backend, extractor.budget_s, fresh_calibration) == ("qwen-vl", None, [])


def test_a_calibration_setting_that_is_neither_on_nor_off_fails_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CALIBRATION_ENV, "sometimes")
    with pytest.raises(ValueError, match=f"{CALIBRATION_ENV}='sometimes': expected on, off or a factor to pin"):
        load("tesseract")


@pytest.mark.parametrize(
    ("setting", "factor"),
    [
        *[("", None), ("on", None), (" Yes ", None), ("1", None), ("off", 1.0), ("0", 1.0)],
        *[("0.71", 0.71), ("1.0", 1.0), ("2", 2.0), ("1.41", 1.41), ("0.25", 0.25)],
    ],
)
def test_the_calibration_setting_measures_turns_off_or_pins_the_factor(
    monkeypatch: pytest.MonkeyPatch, setting: str, factor: float | None
) -> None:
    """None: measure it; a number: that factor, pinned (a slower machine's over 1 too: the operator says so, no busy
    moment does); the 1 and 0 of on and off stay theirs."""
    monkeypatch.setenv(CALIBRATION_ENV, setting)
    assert calibration_setting() == factor


@pytest.mark.parametrize("setting", ["sometimes", "-0.5", "0.0", "nan", "inf", "0,71", "x0.7"])
def test_a_calibration_setting_that_is_no_factor_names_the_variable_and_what_it_accepts(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv(CALIBRATION_ENV, setting)
    with pytest.raises(ValueError) as error:
        calibration_setting()
    assert str(error.value) == (
        f"{CALIBRATION_ENV}={setting!r}: expected on, off or a factor to pin, a number > 0 (this machine's CPU"
        " seconds for one of the reference machine's, e.g. 0.71)"
    )


def test_a_pinned_factor_scales_the_budget_and_nothing_is_measured(
    monkeypatch: pytest.MonkeyPatch, fresh_calibration: list[int]
) -> None:
    """The measurement's CPU second is saved, and a busy moment at load cannot move the budget."""
    monkeypatch.setenv(BUDGET_ENV, "3.6")
    monkeypatch.setenv(CALIBRATION_ENV, "0.71")
    extractor = load("tesseract")
    assert extractor.budget_factor == 0.71 and fresh_calibration == []
    assert extractor.extract(_blank_page()).budget_factor == 0.71
    assert fresh_calibration == []


def test_the_reference_page_is_the_same_pixels_every_time() -> None:
    """The constant ``REFERENCE_READING_S`` was measured on these pixels: an OpenCV whose Hershey font draws
    otherwise would need it measured again."""
    page = reference_page()
    assert page.shape == (350, 900) and not page.flags.writeable
    assert hashlib.sha256(page.tobytes()).hexdigest() == (
        "8390df9a7eb5f3aa7106ac012bf9bf9f981f333bd5095b2074444216b1070eea"
    )


SLOWER = 8.0
"""A machine four times slower than the reference, loaded twice over: the bounds of a real reading's cost."""


def test_the_reference_reading_reads_its_page_and_costs_what_it_claims() -> None:
    """A real reading (the text it draws comes back), of a few tenths of a CPU second on any sane machine; and the
    whole calibration costs about ``REPEATS`` of them. Bounds wide enough for a machine four times slower."""
    seconds, text = read_reference_page()
    assert "7707083893" in text and "1234.50" in text
    assert REFERENCE_READING_S * MIN_FACTOR / 2 < seconds < REFERENCE_READING_S * SLOWER
    started = time.thread_time()
    measured = calibration.reference_reading_s()
    spent = time.thread_time() - started
    assert measured <= spent / REPEATS + 0.001  # the least of the readings
    assert spent < REPEATS * REFERENCE_READING_S * SLOWER
    assert MIN_FACTOR <= factor_for(measured) <= MAX_FACTOR


def test_an_extraction_without_a_budget_reports_no_factor() -> None:
    assert Extractor(budget_s=0, budget_factor=STEP).extract(_blank_page()).budget_factor is None
