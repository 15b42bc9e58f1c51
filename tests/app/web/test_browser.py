"""End to end in real headless Chromium (Debian's, driven by Playwright; no browser download): sign in at the dev
realm, a text file refused with a message, a sample receipt read, a field edited, the QR and the JSON download, sign
out; and the user outside the groups refused. Screenshots go to RECEIPT_SCREENSHOTS (default .cache/screenshots)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS
from web_kit import DevStack

from app.settings import ROOT

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra")

SCREENSHOTS = Path(os.environ.get("RECEIPT_SCREENSHOTS", ROOT / ".cache" / "screenshots"))
CORRESPONDENT_ACCOUNT = "30101810575160000946"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: playwright.Browser) -> Iterator[playwright.Page]:
    context = browser.new_context(locale="en-US", accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)  # a reading takes a few seconds on two busy cores
    playwright.expect.set_options(timeout=60_000)  # expect() has a clock of its own (5 s by default)
    yield context.new_page()
    context.close()


def _sign_in(page: playwright.Page, stack: DevStack, username: str) -> None:
    page.goto(stack.url + "/")
    page.get_by_role("link", name="Sign in").click()
    page.fill("#username", username)
    page.fill("#password", f"{username}-password")
    page.click("#kc-login")
    page.wait_for_url(stack.url + "/")


def test_member_reads_a_receipt_edits_pays_and_downloads(
    page: playwright.Page, dev_stack: DevStack, sample: Path, tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _sign_in(page, dev_stack, "alice")
    expect = playwright.expect

    notes = tmp_path / "notes.txt"
    notes.write_text("not a receipt", encoding="utf-8")
    page.set_input_files("#photo", str(notes))  # refused in the page: no upload of what cannot be read
    problem = page.locator('[data-testid="problem"]')
    expect(problem).to_have_attribute("data-kind", "refused-here")
    expect(problem).to_contain_text("not a photo or a PDF. Choose another file.")
    fake = tmp_path / "fake.png"
    fake.write_text("not a png", encoding="utf-8")
    page.set_input_files("#photo", str(fake))  # looks like a photo: sent, and the server says what it is
    expect(problem).to_contain_text("not a photo we can read")
    expect(page.locator('[data-testid="retry"]')).to_have_text("Choose another file")

    page.set_input_files("#photo", str(sample))
    expect(page.locator('[data-testid="steps"]')).to_be_visible()
    inn = page.locator('[data-testid="badge-recipient_inn"]')
    expect(inn).to_have_attribute("data-status", "verified")
    expect(page.locator("#f-recipient_inn")).to_have_value("3834964079")
    expect(page.locator("#f-bank_bic")).to_have_value("047516946")
    expect(page.locator("#f-amount")).to_have_value("165.00")

    page.fill("#f-bank_corr_account", CORRESPONDENT_ACCOUNT)  # OCR leaves К/с empty on this sample: confirm it
    expect(page.locator('[data-testid="qr"] svg')).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "result.png"), full_page=True)
    page.click('[data-testid="confirm"]')
    expect(page.locator('[data-testid="save-status"]')).to_contain_text("Saved")

    with page.expect_download() as download:
        page.click('[data-testid="download-json"]')
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["fields"]["bank_corr_account"] == CORRESPONDENT_ACCOUNT
    assert exported["fields"]["recipient_inn"] == "3834964079"
    assert exported["checks"]["recipient_inn"]["status"] == "verified"

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(dev_stack.url + "/?state=*")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_user_outside_the_groups_sees_no_access(page: playwright.Page, dev_stack: DevStack) -> None:
    page.goto(dev_stack.url + "/")
    page.get_by_role("link", name="Sign in").click()
    page.fill("#username", "mallory")
    page.fill("#password", "mallory-password")
    page.click("#kc-login")
    playwright.expect(page.get_by_test_id("no-access")).to_contain_text("No access")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "no-access.png"))


def _sign_in_with_keycloak_js(page: playwright.Page, sample_url: str, username: str) -> None:
    page.goto(sample_url)
    page.get_by_test_id("sign-in").click()
    page.fill("#username", username)
    page.fill("#password", f"{username}-password")
    page.click("#kc-login")
    # Back on the page, keycloak-js takes the code from the fragment, removes it and exchanges the code.
    playwright.expect(page.get_by_test_id("user")).to_have_text(f"Signed in as {username}")
    assert page.url == sample_url


def test_keycloak_js_sample_calls_both_apis_cross_origin(
    page: playwright.Page, dev_stack: DevStack, sample: Path
) -> None:
    """The sample page on the web app's origin (the one the manifest allows) signs in with keycloak-js as the public
    client and calls the module API (stats, infer by file id) and the file API (list, upload) on their own origins."""
    expect = playwright.expect
    _sign_in_with_keycloak_js(page, dev_stack.url + "/keycloak-sample/", "alice")
    expect(page.get_by_test_id("state")).to_contain_text("Token of client end-users for alice")
    expect(page).to_have_title("keycloak-js sample — Receipt extractor")  # the manifests' project, from config.json
    stats = page.get_by_test_id("stats")
    expect(stats).to_have_attribute("data-state", "ok")
    expect(stats).to_contain_text('"model_name": "tesseract-ocr"')
    expect(page.get_by_test_id("files")).to_have_attribute("data-state", "ok")

    page.set_input_files("#photo", str(sample))
    answer = page.get_by_test_id("infer")
    expect(answer).to_contain_text('"recipient_inn": "3834964079"')
    expect(answer).to_have_attribute("data-state", "ok")
    expect(page.get_by_test_id("files")).to_contain_text(sample.name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "keycloak-sample.png"), full_page=True)


def test_keycloak_js_sample_on_an_origin_outside_the_manifest_is_refused_by_cors(
    page: playwright.Page, dev_stack: DevStack
) -> None:
    """The same page from http://localhost:PORT, an origin the API manifest does not list: the realm signs the user
    in (its web origins allow it), but the browser withholds both APIs' answers."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    sample_url = dev_stack.url.replace("://127.0.0.1:", "://localhost:") + "/keycloak-sample/"
    _sign_in_with_keycloak_js(page, sample_url, "alice")
    for box in ("stats", "files"):
        playwright.expect(page.get_by_test_id(box)).to_have_attribute("data-state", "refused")
    blocked = [text for text in console if "blocked by CORS policy" in text]
    assert any(dev_stack.runtime_url in text for text in blocked), console
    assert any(dev_stack.files_url in text for text in blocked), console


def test_sign_in_in_russian_on_the_realms_branded_page(browser: playwright.Browser, dev_stack: DevStack) -> None:
    """The app asks the realm for the person's language (ui_locales): its login page speaks Russian under the app's
    mark, and says a wrong password in Russian too."""
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(dev_stack.url + "/")
        page.get_by_role("link", name="Войти").click()
        playwright.expect(page.locator("#kc-page-title")).to_have_text("Вход в учётную запись")
        playwright.expect(page.get_by_test_id("brand")).to_contain_text("Распознавание чеков")  # the app's own name
        assert page.locator("html").get_attribute("lang") == "ru"
        page.fill("#username", "nobody")  # not alice: her wrong passwords count towards a lockout
        page.fill("#password", "wrong")
        page.click("#kc-login")
        playwright.expect(page.locator("#input-error")).to_have_text("Неверное имя пользователя или пароль.")
        page.fill("#username", "alice")
        page.fill("#password", "alice-password")
        page.click("#kc-login")
        page.wait_for_url(dev_stack.url + "/")
        assert page.locator('link[rel="icon"]').get_attribute("href") == "/static/web/brand.svg"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 390  # the header with its mark fits the phone
    finally:
        context.close()
