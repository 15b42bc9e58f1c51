"""Swagger UI's Authorize on the file service's docs page signs in through the realm (authorization code + PKCE with the
public client ``end-users``) against the dev identity provider, in Chromium, and the token it gets opens the API.

With the deploy tests: it signs in as the committed realm's alice against the committed manifests' groups, which a
fork replaces."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS
from dev_idp import DevIdentityProvider
from live_uvicorn import LiveServer, live_uvicorn

from app.files.main import create_files_app
from app.manifests import load_manifests
from app.settings import ROOT, Settings

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is in the dev extra")


pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")


@pytest.fixture(scope="module")
def docs_server(dev_idp: DevIdentityProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        issuer_url=dev_idp.issuer,
        storage_backend="local",
        storage_dir=tmp_path_factory.mktemp("storage"),
        storage_signing_secret="test-signing-secret",
    )
    # The committed manifests: their groups are the realm's, so alice may list her files.
    with live_uvicorn(create_files_app(settings, load_manifests(ROOT / "manifests"))) as server:
        yield server


def test_authorize_signs_in_through_the_realm_and_the_token_opens_the_api(docs_server: LiveServer) -> None:
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(docs_server.url + "/docs")
            page.locator("button.btn.authorize").first.click()
            realm = page.locator(".auth-container").filter(has_text="realmLogin")
            with page.expect_popup() as opened:
                realm.locator("button.authorize").click()
            login = opened.value
            login.fill("#username", "alice")
            login.fill("#password", "alice-password")
            # Listen before the click: on a busy machine the popup can post its code and close before a wait that
            # starts after the click is listening, which then times out on a close that already happened.
            with login.expect_event("close", timeout=30_000):
                login.click("#kc-login", no_wait_after=True)
            realm.get_by_role("button", name="Remove authorization").wait_for(timeout=30_000)  # "Logout"
            token = page.evaluate("() => ui.authSelectors.authorized().toJS().realmLogin.token.access_token")
        finally:
            browser.close()

    assert isinstance(token, str) and token.count(".") == 2
    answer = httpx.get(f"{docs_server.url}/files", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert answer.status_code == 200, answer.text
    anonymous = httpx.get(f"{docs_server.url}/files", timeout=10)
    assert anonymous.status_code == 401
