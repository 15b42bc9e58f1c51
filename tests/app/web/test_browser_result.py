"""The result page in real Chromium as a person meets it, at 1366×900 and as a 390×844 phone: the payment QR decoded
from a screenshot of the page, downloaded as PNG; an edit that breaks the ИНН's check digits turns its badge invalid
and withholds the QR; and no page is wider than the phone."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from test_browser import CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS, _sign_in
from web_kit import DevStack

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra")
zxingcpp = pytest.importorskip("zxingcpp")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
CORRESPONDENT_ACCOUNT = "30101810575160000946"
INN = "3834964079"
BROKEN_INN = "3834964078"  # one check digit off


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: playwright.Browser) -> Iterator[playwright.Page]:
    context = browser.new_context(locale="en-US", accept_downloads=True, viewport=DESKTOP)
    context.set_default_timeout(60_000)
    playwright.expect.set_options(timeout=60_000)
    yield context.new_page()
    context.close()


def _decoded(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]


def _scannable_payload(page: playwright.Page, name: str) -> str:
    """The QR as the page shows it, decoded from a screenshot of its figure: Playwright scrolls it into view and waits
    until it stops moving (a viewport shot taken right after scrolling caught the phone layout still reflowing under
    load, the QR half out of view)."""
    shot = page.get_by_test_id("qr").locator("figure").screenshot()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / name).write_bytes(shot)
    payloads = _decoded(shot)
    assert len(payloads) == 1, f"{name}: decoded {payloads}"
    return payloads[0]


def _read_sample(page: playwright.Page, stack: DevStack, sample: Path) -> None:
    _sign_in(page, stack, "alice")
    page.set_input_files("#photo", str(sample))
    playwright.expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "verified")
    # OCR reads this sample's К/с with its first digit wrong (5010…): the one repair that passes is offered, and the
    # page asks the person to compare it with the document (not "ready") while the QR is made with it
    status = page.get_by_test_id("summary-status")
    playwright.expect(page.get_by_test_id("badge-bank_corr_account")).to_have_attribute("data-status", "repaired")
    playwright.expect(page.locator("#f-bank_corr_account")).to_have_value(CORRESPONDENT_ACCOUNT)
    playwright.expect(status).to_have_attribute("data-ready", "false")
    playwright.expect(status).to_contain_text("Fields to check: 1")
    playwright.expect(page.locator('[data-testid="qr"] svg')).to_be_visible()


OVERFLOWING = """() => [...document.querySelectorAll('.scroll, .card, .control, .meta')]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => `${box.className}: ${box.scrollWidth} > ${box.clientWidth}`)"""
"""Boxes whose content is wider than they are: a table that scrolls sideways, a button poking out of its card."""


SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, input, select, textarea, summary')]
    .filter((target) => {
        const box = target.getBoundingClientRect();
        const sentence = target.closest('p');  // a link inside running text is exempt (WCAG 2.5.8)
        return box.width > 1 && box.right > 0 && getComputedStyle(target).visibility !== 'hidden'
            && !(sentence && sentence.textContent.trim() !== target.textContent.trim())
            && (box.height < 43.5 || box.width < 43.5);
    })
    .map((target) => `${target.tagName} "${target.textContent.trim().slice(0, 30)}" ${target.offsetHeight} px`)"""
"""What a finger aims at on a phone and is under 44 px in either direction (the visually hidden file inputs, 1 px,
and the skip link, off screen, are not drawn)."""


def _script_errors(page: playwright.Page) -> list[str]:
    """Errors the page's scripts log from now on (htmx's, a CSP refusal); a 4xx's 'Failed to load resource' is the
    browser noting a status the page then explains, not a fault."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    return errors


def _fits_width(page: playwright.Page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")  # type: ignore[no-any-return]


def test_payment_qr_scans_as_rendered_and_downloads(page: playwright.Page, dev_stack: DevStack, sample: Path) -> None:
    _read_sample(page, dev_stack, sample)
    expect = playwright.expect
    for size, name in ((DESKTOP, "result-qr-desktop.png"), (PHONE, "result-qr-phone.png")):
        page.set_viewport_size(size)
        payload = _scannable_payload(page, name)
        assert payload.startswith("ST00012|Name=")
        assert f"PayeeINN={INN}" in payload and f"CorrespAcc={CORRESPONDENT_ACCOUNT}" in payload
        assert "Sum=16500" in payload

    expect(page.get_by_test_id("qr-share")).to_be_hidden()  # desktop Chromium on Linux shares no files
    with page.expect_download() as download:
        page.get_by_test_id("qr-download").click()
    assert download.value.suggested_filename == f"qr-oplata-{INN}-165.00.png"
    assert _decoded(Path(download.value.path()).read_bytes()) == [payload]


def test_breaking_the_inn_turns_its_badge_invalid_and_withholds_the_qr(
    page: playwright.Page, dev_stack: DevStack, sample: Path
) -> None:
    errors = _script_errors(page)
    _read_sample(page, dev_stack, sample)
    expect = playwright.expect
    page.fill("#f-recipient_inn", BROKEN_INN)
    expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "invalid")
    expect(page.locator("#check-recipient_inn")).to_have_attribute("data-check", "invalid")
    expect(page.get_by_test_id("qr-withheld")).to_contain_text("ИНН")
    expect(page.locator('[data-testid="qr"] svg')).to_have_count(0)
    expect(page.get_by_test_id("summary-status")).to_have_attribute("data-ready", "false")
    page.screenshot(path=str(SCREENSHOTS / "result-invalid-inn.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("download-json").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["fields"]["recipient_inn"] == BROKEN_INN
    assert exported["checks"]["recipient_inn"]["status"] == "invalid"

    page.fill("#f-recipient_inn", INN)  # put right again: the module's rules agree, the QR is back
    expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "verified")
    expect(page.locator('[data-testid="qr"] svg')).to_be_visible()

    # a style attribute on the form's reference (a browser extension, autofill): saving swaps it without a CSP fault
    page.evaluate("() => { document.getElementById('processed-id').style.color = ''; }")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")
    assert errors == []  # each live check swapped only badges the form shows


def test_no_page_is_wider_than_a_phone(page: playwright.Page, dev_stack: DevStack, sample: Path) -> None:
    _read_sample(page, dev_stack, sample)
    page.get_by_test_id("confirm").click()
    playwright.expect(page.get_by_test_id("save-status")).to_contain_text("Saved")
    assert "/receipts/" in page.url  # the result's own address, pushed when the photo was stored
    page.reload()  # and it reopens the result
    playwright.expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "verified")
    pages = {"home": "/", "history": "/history", "stats": "/stats", "result": page.url.removeprefix(dev_stack.url)}
    for language in ("en", "ru"):
        page.goto(f"{dev_stack.url}/language/{language}?next=/")
        for name, path in pages.items():
            for device, size in (("desktop", DESKTOP), ("phone", PHONE)):  # the gallery in docs/web.md
                page.set_viewport_size(size)
                page.goto(dev_stack.url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(SCREENSHOTS / f"{device}-{language}-{name}.png"))
            scroll_width, width = _fits_width(page)  # at the phone's width, the last one drawn
            assert scroll_width <= width, f"{path} in {language} is {scroll_width} px wide at {width} px"
            assert page.evaluate(OVERFLOWING) == [], f"{path} in {language} at {width} px"
            assert page.evaluate(SMALL_TARGETS) == [], f"{path} in {language} at {width} px"


def test_history_finds_and_deletes_a_receipt(page: playwright.Page, dev_stack: DevStack, sample: Path) -> None:
    expect = playwright.expect
    _read_sample(page, dev_stack, sample)
    original_id = page.url.rsplit("/", 1)[1]
    page.set_viewport_size(PHONE)
    page.goto(f"{dev_stack.url}/history")
    row = page.locator(f'[data-testid="history-row"][data-id="{original_id}"]')
    expect(row.get_by_test_id("history-amount")).to_contain_text("165.00")
    expect(row).to_contain_text(INN)
    loaded = "(img) => img.complete && img.naturalWidth > 0"  # the thumbnail, through the file service
    page.wait_for_function(loaded, arg=row.locator("img").element_handle(), timeout=30_000)
    assert row.bounding_box()["width"] <= PHONE["width"]  # type: ignore[index]  # a card on the phone

    page.get_by_test_id("history-search").fill("no-such-recipient")
    expect(page.get_by_test_id("history-none")).to_be_visible()
    assert "q=no-such-recipient" in page.url  # the search has its address too
    page.get_by_test_id("history-search").fill(INN)
    expect(row).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_test_id("history-delete").click()
    expect(row).to_have_count(0)
    page.goto(f"{dev_stack.url}/history")
    expect(page.locator(f'[data-testid="history-row"][data-id="{original_id}"]')).to_have_count(0)


def test_phone_upload_takes_a_photo_once_with_stages(
    browser: playwright.Browser, dev_stack: DevStack, sample: Path
) -> None:
    """On a touch screen: separate "take a photo" (the camera) and "choose a file"; one line says the stage; a
    second tap while the photo is on its way sends nothing."""
    expect = playwright.expect
    context = browser.new_context(locale="en-US", viewport=PHONE, has_touch=True, is_mobile=True)
    context.set_default_timeout(60_000)
    expect.set_options(timeout=60_000)
    page = context.new_page()
    try:
        _sign_in(page, dev_stack, "alice")
        expect(page.get_by_test_id("take-photo")).to_be_visible()
        expect(page.get_by_test_id("choose-file")).to_be_visible()
        assert page.get_by_test_id("camera").get_attribute("capture") == "environment"
        uploads: list[str] = []
        page.on(
            "request",
            lambda request: (
                uploads.append(request.url) if request.method == "POST" and request.url.endswith("/receipts") else None
            ),
        )
        stages: list[str] = []

        def note_stage(stage: str) -> None:
            stages.append(stage)

        page.expose_function("noteStage", note_stage)
        page.evaluate(
            """() => new MutationObserver(() => window.noteStage(document.getElementById('uploading').dataset.stage))
                .observe(document.getElementById('uploading'), {attributes: true, attributeFilter: ['data-stage']})"""
        )
        page.set_input_files("#camera", str(sample))
        page.evaluate("() => document.getElementById('upload-form').requestSubmit()")  # the second tap
        expect(page.get_by_test_id("badge-recipient_inn")).to_have_attribute("data-status", "verified")
        expect(page.get_by_test_id("upload-stage")).to_be_hidden()
        page.evaluate("() => document.getElementById('upload-form').requestSubmit()")  # idle again: allowed...
        expect(page.get_by_test_id("upload-stage")).to_have_attribute("data-stage", "idle")
        assert len(uploads) == 2, uploads  # ...but the tap while busy sent nothing
        assert {"uploading", "reading", "idle"} <= set(stages), stages
        assert stages.index("uploading") < stages.index("reading")
    finally:
        context.close()


def test_a_person_checks_the_repaired_corr_account_by_keyboard_on_a_phone(
    page: playwright.Page, dev_stack: DevStack, sample: Path
) -> None:
    """The sample's К/с, read as 5010… and repaired to 3010…: the person compares it with the document and says so;
    the page counts it out of the fields to check, keeps it on reload and in the JSON, and drops it once edited."""
    errors = _script_errors(page)
    expect = playwright.expect
    _read_sample(page, dev_stack, sample)
    page.set_viewport_size(PHONE)
    badge, status = page.get_by_test_id("badge-bank_corr_account"), page.get_by_test_id("summary-status")
    toggle = page.get_by_role("button", name="К/с matches the document")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_test_id("person-check-recipient_inn")).to_have_count(0)  # a rule verified it: nothing to check

    page.locator("#f-amount").press("Enter")  # Enter in a field is not the К/с's button
    page.wait_for_timeout(1_500)
    expect(badge).to_have_attribute("data-status", "repaired")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved: К/с checked by you.")
    expect(badge).to_have_attribute("data-status", "checked_by_person")
    expect(badge).to_have_text("checked by you")
    expect(status).to_have_attribute("data-ready", "true")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_be_focused()  # the swap gave the focus back
    box = toggle.bounding_box()
    assert box and box["height"] >= 43.5 and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=str(SCREENSHOTS / "result-checked-by-you-phone.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("download-json").click()
    check = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["checks"]["bank_corr_account"]
    assert (check["status"], check["module_status"], check["checked_by"]) == ("checked_by_person", "repaired", "alice")

    page.reload()
    expect(badge).to_have_attribute("data-status", "checked_by_person")
    expect(status).to_have_attribute("data-ready", "true")

    page.fill("#f-bank_corr_account", CORRESPONDENT_ACCOUNT[:-1] + "7")  # edited: the rules judge it, no toggle
    expect(badge).to_have_attribute("data-status", "invalid")
    expect(toggle).to_have_count(0)
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")
    page.fill("#f-bank_corr_account", CORRESPONDENT_ACCOUNT)  # typed back: the repair is asked about again
    expect(badge).to_have_attribute("data-status", "repaired")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(status).to_contain_text("Fields to check: 1")
    assert errors == []


def test_a_person_checks_a_value_without_javascript(
    browser: playwright.Browser, page: playwright.Page, dev_stack: DevStack, sample: Path
) -> None:
    """With scripts off the toggle posts the details form and the page comes back with the check, in Russian too."""
    _read_sample(page, dev_stack, sample)
    result = page.url
    context = browser.new_context(locale="ru-RU", java_script_enabled=False, viewport=PHONE)
    context.set_default_timeout(60_000)
    plain = context.new_page()
    try:
        plain.goto(dev_stack.url + "/auth/login?next=" + result.removeprefix(dev_stack.url))
        plain.fill("#username", "alice")
        plain.fill("#password", "alice-password")
        plain.click("#kc-login")
        plain.wait_for_url(result)
        plain.get_by_role("button", name="К/с совпадает с документом").click()
        plain.wait_for_url(result + "#f-bank_corr_account")
        playwright.expect(plain.get_by_test_id("badge-bank_corr_account")).to_have_text("проверено вами")
        playwright.expect(plain.get_by_test_id("summary-status")).to_have_attribute("data-ready", "true")
    finally:
        context.close()
