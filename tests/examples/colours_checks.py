"""What serving the dominant-colours example must show, wherever it is served from: here, or a fork's checkout."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

import httpx
from auth_fixtures import TestIdentityProvider
from PIL import Image

if TYPE_CHECKING:
    from playwright.sync_api import Browser

MODEL = "dominant-colours"
GROUP = "/pu-gallery-pa-colours/gallery-colours-users"


def picture() -> bytes:
    """Three fifths red, two fifths white: the red dominates, unless white is counted too and ``count`` is 1."""
    image = Image.new("RGB", (100, 100), "white")
    image.paste((200, 10, 10), (0, 0, 60, 100))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def check_openapi(document: dict[str, Any]) -> None:
    """The document is generated from the example's docstring: its own route, parameter and output names."""
    assert f"/v2/models/{MODEL}/infer" in document["paths"]
    text = json.dumps(document)
    for name in ("picture", "ignore_white", "colours", "dominant"):
        assert name in text, name
    assert "payment_details" not in text


def check_inference(url: str, idp: TestIdentityProvider) -> None:
    """Infer with a token of the model's group; the platform's 401, 403 and 400 hold for this module too."""
    infer = f"{url}/v2/models/{MODEL}/infer-file"
    files = {"picture": ("red.png", picture(), "image/png")}
    good = {"Authorization": f"Bearer {idp.mint(groups=[GROUP])}"}

    answer = httpx.post(infer, files=files, data={"count": "2"}, headers=good, timeout=30)
    assert answer.status_code == 200, answer.text
    colours = answer.json()["colours"]
    assert answer.json()["dominant"] == colours[0]["hex"] == "#c80a0a"
    assert [colour["share"] for colour in colours] == [0.6, 0.4]

    only_red = httpx.post(infer, files=files, data={"ignore_white": "true"}, headers=good, timeout=30)
    assert [colour["share"] for colour in only_red.json()["colours"]] == [1.0], only_red.text

    outsider = {"Authorization": f"Bearer {idp.mint(groups=['/someone/else'])}"}
    assert httpx.post(infer, files=files, headers=outsider, timeout=30).status_code == 403
    assert httpx.post(infer, files=files, timeout=30).status_code == 401
    too_many = httpx.post(infer, files=files, data={"count": "40"}, headers=good, timeout=30)
    assert too_many.status_code == 400 and "parameters.count must be between 1 and 16" in too_many.text
    not_int = httpx.post(infer, files=files, data={"count": "many"}, headers=good, timeout=30)
    assert not_int.status_code == 400 and "parameters.count" in not_int.text


def check_web_result(browser: Browser, web_url: str, idp: TestIdentityProvider) -> None:
    """In Chromium: sign in (the provider signs in a member of the model's group), upload the picture on the generic
    page, see both declared outputs rendered, then the run in the history, whose link reopens the result."""
    from playwright.sync_api import expect

    idp.browser_user = {"groups": [GROUP], "preferred_username": "colour-fan", "sub": "colour-fan-sub"}
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(web_url + "/")
        page.get_by_role("link", name="Sign in").click()
        page.wait_for_url(web_url + "/")
        expect(page.get_by_test_id("username")).to_have_text("colour-fan")

        page.get_by_test_id("file").set_input_files({"name": "red.png", "mimeType": "image/png", "buffer": picture()})
        page.get_by_label("parameters.count").fill("2")  # a field per declared parameter, from the module API
        page.get_by_label("parameters.ignore_white").select_option("false")
        page.get_by_role("button", name="Run").click()
        result = page.get_by_test_id("result")
        expect(result.locator('[data-output="dominant"]')).to_contain_text("#c80a0a", timeout=60_000)
        expect(result.locator('[data-output="colours"] table')).to_contain_text("0.6")
        assert "/results/" in page.url and "parameters.count=2" in page.url  # the result's address was pushed

        page.get_by_role("link", name="History").click()
        row = page.get_by_test_id("results-row").first
        expect(row).to_have_attribute("data-status", "done")
        expect(row.get_by_test_id("results-model")).to_have_text(MODEL)
        expect(row.locator("img")).to_have_js_property("complete", True)
        assert row.locator("img").evaluate("image => image.naturalWidth") > 0, "the thumbnail shows"
        row.get_by_test_id("results-link").click()
        expect(page.get_by_test_id("result").locator('[data-output="dominant"]')).to_contain_text("#c80a0a")
        assert errors == []
    finally:
        context.close()
