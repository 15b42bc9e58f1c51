"""Where each value came from, in real Chromium at 1366×900 and as a 390×844 phone: focusing a field draws the box
the module reported over the photo, in place; a poor photo is answered with a request for another, a good one not."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, chromium
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from test_browser import SCREENSHOTS
from web_kit import DevStack, pdf_pages

from model.pipeline import Extractor

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _sign_in(page: playwright.Page, stack: DevStack, username: str) -> None:
    """Signed in through the realm's login page, from the start page in whichever language the browser asks for."""
    page.goto(stack.url + "/")
    page.locator('a[href="/auth/login"]').first.click()
    page.fill("#username", username)
    page.fill("#password", f"{username}-password")
    page.click("#kc-login")
    page.wait_for_url(stack.url + "/")


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with chromium() as launched:
        yield launched


def _page(browser: playwright.Browser, viewport: str, locale: str = "en-US") -> playwright.Page:
    phone = viewport == "phone"
    context = browser.new_context(locale=locale, viewport=VIEWPORTS[viewport], has_touch=phone, is_mobile=phone)
    context.set_default_timeout(60_000)
    playwright.expect.set_options(timeout=60_000)
    return context.new_page()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_focusing_a_field_draws_its_box_over_the_photo(
    browser: playwright.Browser, dev_stack: DevStack, sample: Path, viewport: str
) -> None:
    expect = playwright.expect
    page = _page(browser, viewport)
    try:
        _sign_in(page, dev_stack, "alice")
        page.set_input_files("#photo", str(sample))
        expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "verified")
        overlay, photo = page.get_by_test_id("evidence-box"), page.get_by_test_id("evidence-photo")
        expect(overlay).to_be_hidden()

        module = Extractor("tesseract").extract(sample.read_bytes()).checks["recipient_inn"].box
        assert module is not None
        shown = [float(part) for part in (page.get_attribute('[data-field="recipient_inn"]', "data-box") or "").split()]
        assert shown == pytest.approx([module.x, module.y, module.w, module.h], abs=1e-3)  # the API's box, as sent

        page.focus("#f-recipient_inn")
        expect(overlay).to_be_visible()
        expect(overlay).to_have_attribute("data-field", "recipient_inn")
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'f-recipient_inn'")
        placed, frame = overlay.bounding_box(), photo.bounding_box()
        assert placed is not None and frame is not None
        x, y, w, h = shown
        expected = (frame["x"] + x * frame["width"], frame["y"] + y * frame["height"], w * frame["width"])
        assert (placed["x"], placed["y"], placed["width"]) == pytest.approx(expected, abs=3), (placed, frame, shown)
        assert placed["height"] == pytest.approx(h * frame["height"], abs=3)
        assert placed["y"] >= 0 and placed["y"] + placed["height"] <= VIEWPORTS[viewport]["height"]  # in view
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"evidence-{viewport}.png")

        page.focus("#f-bank_bic")  # another field moves the box
        expect(overlay).to_have_attribute("data-field", "bank_bic")
        assert overlay.bounding_box() != placed
        page.evaluate("() => document.activeElement.blur()")
        expect(overlay).to_be_hidden()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], width
    finally:
        page.context.close()


INK_IN_BOX = """([x, y, w, h]) => {
    const photo = document.querySelector('[data-testid="evidence-photo"]');
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [photo.naturalWidth, photo.naturalHeight];
    const context = canvas.getContext("2d");
    context.drawImage(photo, 0, 0);
    const [left, top] = [Math.floor(x * canvas.width), Math.floor(y * canvas.height)];
    const area = context.getImageData(left, top, Math.ceil(w * canvas.width), Math.ceil(h * canvas.height)).data;
    let dark = 0;
    for (let index = 0; index < area.length; index += 4) dark += area[index] + area[index + 1] + area[index + 2] < 300;
    return dark / (area.length / 4);
}"""
"""The share of dark pixels inside a box of the photo the page shows: the printed value, or blank paper."""


def test_a_field_read_on_page_two_is_boxed_on_page_two(
    browser: playwright.Browser, dev_stack: DevStack, tmp_path: Path
) -> None:
    expect = playwright.expect
    cover = ((11.69, 8.27), ["Сопроводительное письмо", "Счёт — на следующей странице."])
    invoice = ((8.27, 11.69), ["Счёт на оплату № 42 от 09.04.2022", "Получатель ООО «Ромашка»", "ИНН 7707083893"])
    document = tmp_path / "invoice.pdf"
    document.write_bytes(pdf_pages(cover, invoice))
    page = _page(browser, "desktop")
    try:
        _sign_in(page, dev_stack, "alice")
        page.set_input_files("#photo", str(document))
        expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "verified")
        field = page.locator('[data-field="recipient_inn"]')
        expect(field).to_have_attribute("data-box-page", "2")
        shown = [float(part) for part in (field.get_attribute("data-box") or "").split()]

        page.focus("#f-recipient_inn")
        overlay, photo = page.get_by_test_id("evidence-box"), page.get_by_test_id("evidence-photo")
        expect(overlay).to_be_visible()
        expect(photo).to_have_attribute("src", re.compile(r"/images/[0-9a-f]+\?page=2$"))
        page.wait_for_function(
            "() => { const p = document.querySelector('[data-testid=\"evidence-photo\"]');"
            " return p.complete && p.naturalHeight > p.naturalWidth; }"  # the portrait invoice, not the cover
        )
        assert page.evaluate(INK_IN_BOX, shown) > 0.05  # the box is on the printed ИНН
        placed, frame = overlay.bounding_box(), photo.bounding_box()
        assert placed is not None and frame is not None
        x, y, w, _ = shown
        expected = (frame["x"] + x * frame["width"], frame["y"] + y * frame["height"], w * frame["width"])
        assert (placed["x"], placed["y"], placed["width"]) == pytest.approx(expected, abs=3), (placed, frame, shown)
    finally:
        page.context.close()


def _poor_photo() -> bytes:
    """A transfer receipt photographed from too far and out of focus: small, soft print, no QR code."""
    page = Image.new("L", (1000, 700), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 30)
    lines = ["Чек по операции", "Получатель ООО «Ромашка»", "ИНН 7707083893", "Сумма 1 234,50 ₽", "Дата 09.04.2022"]
    for index, line in enumerate(lines):
        draw.text((60, 60 + 110 * index), line, font=font, fill=0)
    small = page.resize((260, 182), Image.Resampling.BILINEAR).filter(ImageFilter.GaussianBlur(1.6))
    buffer = io.BytesIO()
    small.convert("RGB").save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


@pytest.mark.parametrize("setting", ["desktop ru-RU", "phone en-US"])
def test_a_poor_photo_asks_for_another_and_a_good_one_does_not(
    browser: playwright.Browser, dev_stack: DevStack, sample: Path, tmp_path: Path, setting: str
) -> None:
    expect = playwright.expect
    viewport, locale = setting.split()
    page = _page(browser, viewport, locale)
    poor = tmp_path / "far-away.jpg"
    poor.write_bytes(_poor_photo())
    try:
        _sign_in(page, dev_stack, "alice")
        page.set_input_files("#photo", str(sample))
        expect(page.get_by_test_id("summary")).to_be_visible()
        expect(page.get_by_test_id("retake")).to_have_count(0)

        page.set_input_files("#photo", str(poor))
        retake = page.get_by_test_id("retake")
        expect(retake).to_be_visible()
        expect(page.get_by_test_id("summary-status")).to_have_attribute("data-ready", "false")  # not "no errors"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"retake-{viewport}-{locale}.png")
        action = page.get_by_test_id("retake-action")
        expect(action).to_have_text("Сделать другое фото" if locale.startswith("ru") else "Take another photo")
        if viewport == "phone":  # straight to the camera
            with page.expect_file_chooser() as chooser:
                action.click()
            assert chooser.value.element.get_attribute("id") == "camera"
        else:
            with page.expect_file_chooser() as chooser:
                action.click()
            assert chooser.value.element.get_attribute("id") == "photo"
    finally:
        page.context.close()
