"""The generic view in real Chromium, served as a fork serves it (``serve module``, ``serve files``, ``serve web``
with the dominant-colours example as ``model``): sign in, upload, the declared outputs, the history with its
thumbnail, and delete; at 390 px in both languages nothing is wider than the phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider
from chromium import CHROMIUM, chromium
from module_process import cli_env, served_web_stack

from tests.examples.colours_checks import GROUP, check_web_result, picture

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "examples" / "dominant-colours"
PHONE = {"width": 390, "height": 844}
WIDEST_ELEMENT = """() => Math.max(document.documentElement.scrollWidth,
    ...[...document.querySelectorAll("main *")].map((element) => element.getBoundingClientRect().right))"""
"""How far right anything on the page reaches, in CSS pixels."""


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def web_url(idp: TestIdentityProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = cli_env(ROOT, EXAMPLE / "manifests", EXAMPLE, issuer_url=idp.issuer)
    with served_web_stack(env, tmp_path_factory.mktemp("cwd"), tmp_path_factory.mktemp("storage")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with chromium() as launched:
        yield launched


def test_generic_page_shows_outputs_and_history(
    browser: playwright.Browser, web_url: str, idp: TestIdentityProvider
) -> None:
    check_web_result(browser, web_url, idp)


def _signed_in_phone(browser: playwright.Browser, web_url: str, locale: str) -> playwright.BrowserContext:
    context = browser.new_context(locale=locale, viewport=PHONE)
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(web_url + "/auth/login")
    page.wait_for_url(web_url + "/")
    return context


@pytest.mark.parametrize(("locale", "words"), [("ru-RU", ("История", "готово")), ("en-US", ("History", "done"))])
def test_generic_pages_fit_a_phone(
    browser: playwright.Browser, web_url: str, idp: TestIdentityProvider, locale: str, words: tuple[str, str]
) -> None:
    history, done = words
    idp.browser_user = {"groups": [GROUP], "preferred_username": f"phone-{locale}", "sub": f"phone-{locale}"}
    context = _signed_in_phone(browser, web_url, locale)
    try:
        page = context.pages[0]
        heights = page.locator("[data-field]").evaluate_all("fields => fields.map(f => f.offsetHeight)")
        assert len(heights) == 2 and min(heights) >= 44, f"the declared parameters' fields are 44 px: {heights}"
        name = "a-photo-with-a-very-long-name-as-phones-and-scanners-give-them-0123456789.png"
        page.get_by_test_id("file").set_input_files({"name": name, "mimeType": "image/png", "buffer": picture()})
        page.locator("#generic-upload button[type=submit]").click()
        playwright.expect(page.locator('[data-output="colours"]')).to_be_visible()
        assert page.evaluate(WIDEST_ELEMENT) <= PHONE["width"], "the result page fits"

        page.get_by_role("link", name=history).click()
        row = page.get_by_test_id("results-row").first
        playwright.expect(row).to_contain_text(done)
        time = row.locator("time")
        assert "UTC" not in time.inner_text(), "the upload time is shown in local time"
        assert page.evaluate(WIDEST_ELEMENT) <= PHONE["width"], "the history fits"

        page.on("dialog", lambda dialog: dialog.accept())
        row.get_by_test_id("results-delete").click()
        playwright.expect(page.get_by_test_id("results-row")).to_have_count(0)
        page.reload()
        playwright.expect(page.get_by_test_id("results-none")).to_be_visible()
    finally:
        context.close()
