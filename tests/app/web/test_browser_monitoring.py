"""The monitoring pages in real headless Chromium (Debian's, driven by Playwright), on a phone's width and in
Russian, in a time zone far from UTC: an admin finds a request, filters the log, opens the other views; a user outside
the admin groups gets the admins-only page. Screenshots go to RECEIPT_SCREENSHOTS (default .cache/screenshots)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from fastapi import FastAPI
from test_browser import CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS
from web_kit import MANIFESTS, SESSION_COOKIE, session_cookie, web_app, web_settings, web_token

from app.manifests import load_manifests
from tests.app.runtime.runtime_kit import live_server

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")

MANIFESTS_USED = load_manifests(MANIFESTS)
MODEL = MANIFESTS_USED.models[0].name
JUNK = {"inputs": [{"name": "image", "datatype": "BYTES", "shape": [1], "data": ["not a photo"]}]}
TIME_ZONE, UTC_OFFSET = "Asia/Vladivostok", timedelta(hours=10)  # no daylight saving time


@pytest.fixture(scope="module")
def live_web(realm: TestIdentityProvider, runtime_url: str, files_url: str) -> Iterator[tuple[str, FastAPI]]:
    app = web_app(web_settings(realm.issuer, runtime_url, files_url))
    with live_server(app) as url:
        yield url, app


def _phone(browser: playwright.Browser, url: str, cookie: str) -> playwright.BrowserContext:
    context = browser.new_context(
        locale="ru-RU", timezone_id=TIME_ZONE, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": url}])
    context.set_default_timeout(30_000)
    return context


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def test_admin_browses_the_request_log_on_a_phone_in_russian(
    browser: playwright.Browser, live_web: tuple[str, FastAPI], realm: TestIdentityProvider, runtime_url: str
) -> None:
    url, app = live_web
    user = f"u{time.monotonic_ns()}"
    token = web_token(realm, *MANIFESTS_USED.groups_for(MODEL), username=user)
    bearer = {"Authorization": f"Bearer {token}"}
    refused = httpx.post(f"{runtime_url}/v2/models/{MODEL}/infer", json=JUNK, headers=bearer)
    admin = web_token(realm, MANIFESTS_USED.admin_groups[0], username="root")
    cookie, _ = session_cookie(app, admin)
    context = _phone(browser, url, cookie)
    page = context.new_page()
    expect = playwright.expect

    page.goto(url + "/stats")
    page.get_by_test_id("monitoring-link").click()
    page.wait_for_url(url + "/monitoring")
    expect(page.get_by_role("heading", name="Мониторинг")).to_be_visible()
    page.fill('input[name="user"]', user)
    page.select_option('select[name="status"]', "4xx")
    page.get_by_role("button", name="Отобрать").click()
    page.wait_for_url("**/monitoring?status=4xx&user=*")
    row = page.get_by_test_id("request")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-status", str(refused.status_code))
    expect(row).to_contain_text(user)

    when = row.locator("time")
    at = datetime.fromisoformat(when.get_attribute("datetime").replace("Z", "+00:00"))  # type: ignore[union-attr]
    shown = when.inner_text()
    assert "UTC" not in shown and (at + UTC_OFFSET).strftime("%H:%M:%S") in shown, shown  # the admin's own clock
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "monitoring-phone.png"), full_page=True)

    page.get_by_role("link", name="Публикации").click()
    expect(page.locator('[data-testid="publication"][data-event="loaded"]').first).to_contain_text(MODEL)
    page.get_by_role("link", name="Журналы сервисов").click()
    expect(page.get_by_test_id("log-lines")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_user_outside_the_admin_groups_gets_the_admins_only_page(
    browser: playwright.Browser, live_web: tuple[str, FastAPI], realm: TestIdentityProvider
) -> None:
    url, app = live_web
    groups = MANIFESTS_USED.groups_for(MODEL)
    cookie, _ = session_cookie(app, web_token(realm, *groups, username="carol"))
    context = _phone(browser, url, cookie)
    page = context.new_page()
    page.goto(url + "/stats")
    playwright.expect(page.get_by_test_id("monitoring-link")).to_have_count(0)
    answer = page.goto(url + "/monitoring")
    assert answer is not None and answer.status == 403
    playwright.expect(page.get_by_test_id("admins-only")).to_contain_text("Только для администраторов")
    playwright.expect(page.get_by_test_id("admins-only")).to_contain_text(MANIFESTS_USED.admin_groups[0])
    context.close()
