"""Take docs/web.md's screenshot gallery (and the README's picture) from a running dev stack, in real Chromium.

    make demo   # or: receipt-extractor stack --web-port …, in another terminal
    .venv/bin/python frontend/scripts/gallery.py --url http://127.0.0.1:8002

Signs in as the demo users (alice; ops for monitoring), reads a few corpus documents so the history has rows, then
shoots each main screen at 1366×900 and as a 390×844 phone, in Russian and English. The PNGs are cut to 64 colours
(a UI has few; the payment QR still decodes), so the gallery stays under a megabyte.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402 - the tests' Chromium, flags and all

CORPUS = ROOT / "bench" / "corpus" / "data"
SAMPLE = ROOT / "model" / "samples" / "doc_0000.png"
CORRESPONDENT_ACCOUNT = "30101810575160000946"  # OCR leaves К/с empty on the sample
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


class Gallery:
    def __init__(self, url: str, out: Path) -> None:
        self.url, self.out = url, out

    def shot(self, page: Page, name: str) -> None:
        page.wait_for_timeout(400)
        path = self.out / f"{name}.png"
        page.screenshot(path=str(path))
        Image.open(path).convert("RGB").quantize(64, dither=Image.Dither.NONE).save(path, optimize=True)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def page(self, browser: Browser, language: str, phone: bool) -> Page:
        context = browser.new_context(
            locale="ru-RU" if language == "ru" else "en-US",
            viewport=PHONE if phone else DESKTOP,  # type: ignore[arg-type]
            has_touch=phone,
            is_mobile=phone,
        )
        context.set_default_timeout(120_000)
        return context.new_page()

    def sign_in(self, page: Page, user: str, language: str, shot: str | None = None) -> None:
        page.goto(f"{self.url}/language/{language}?next=/")
        page.locator('a[href*="login"]').first.click()
        page.wait_for_selector("#username")
        if shot:
            self.shot(page, shot)
        page.fill("#username", user)
        page.fill("#password", f"{user}-password")
        page.click("#kc-login")
        page.wait_for_url(f"{self.url}/**")

    def language(self, page: Page, language: str, path: str) -> None:
        page.goto(f"{self.url}/language/{language}?next={path}")
        page.wait_for_load_state("networkidle")

    def read(self, page: Page, document: Path) -> str:
        page.goto(self.url + "/")
        page.set_input_files("#photo", str(document))
        page.wait_for_selector('[data-testid="summary"], [data-testid="problem"]')
        page.wait_for_load_state("networkidle")
        return page.url.rsplit("/", 1)[1]

    def take(self, browser: Browser) -> None:
        desk = self.page(browser, "ru", phone=False)
        self.sign_in(desk, "alice", "ru")
        documents = {"invoice": "doc_0001.jpg", "cash": "doc_0002.jpg", "hard": "doc_0006.jpg"}
        ids = {name: self.read(desk, CORPUS / file) for name, file in documents.items()}
        self.shot(desk, "desktop-ru-retake")  # the hard one asks for another photo
        ids["transfer"] = self.read(desk, SAMPLE)
        desk.fill("#f-bank_corr_account", CORRESPONDENT_ACCOUNT)
        desk.wait_for_selector('[data-testid="qr"] svg')
        desk.get_by_test_id("confirm").click()
        desk.wait_for_timeout(1500)
        result, generic = f"/receipts/{ids['transfer']}", f"/results/{ids['transfer']}?model=tesseract-ocr"
        for language in ("ru", "en"):
            self.language(desk, language, result)
            desk.get_by_test_id("summary").scroll_into_view_if_needed()
            desk.focus("#f-recipient_inn")  # its box on the photo
            self.shot(desk, f"desktop-{language}-result")
            self.language(desk, language, "/history")
            self.shot(desk, f"desktop-{language}-history")
            self.language(desk, language, generic)
            self.shot(desk, f"desktop-{language}-generic")
        self.language(desk, "en", result)
        desk.fill("#f-recipient_inn", "3834964078")  # one check digit off
        desk.wait_for_selector('[data-testid="qr-withheld"]')
        desk.get_by_test_id("summary").scroll_into_view_if_needed()
        self.shot(desk, "desktop-en-invalid-inn")
        desk.context.close()

        phone = self.page(browser, "ru", phone=True)
        self.sign_in(phone, "alice", "ru", shot="phone-ru-login")
        with tempfile.TemporaryDirectory() as folder:
            fake = Path(folder) / "photo.png"
            fake.write_text("not a photo", encoding="utf-8")
            for language in ("ru", "en"):
                self.phone_screens(phone, language, ids, fake)
        phone.context.close()

        for language, is_phone in (("ru", False), ("en", True)):
            admin = self.page(browser, language, phone=is_phone)
            self.sign_in(admin, "ops", language)
            self.language(admin, language, "/monitoring")
            self.shot(admin, f"{'phone' if is_phone else 'desktop'}-{language}-monitoring")
            admin.context.close()

    def phone_screens(self, phone: Page, language: str, ids: dict[str, str], fake: Path) -> None:
        self.language(phone, language, "/")
        self.shot(phone, f"phone-{language}-home")
        self.language(phone, language, f"/receipts/{ids['transfer']}")
        phone.get_by_test_id("summary").scroll_into_view_if_needed()
        self.shot(phone, f"phone-{language}-result")
        phone.focus("#f-bank_bic")
        self.shot(phone, f"phone-{language}-focused")
        phone.get_by_test_id("qr").scroll_into_view_if_needed()
        self.shot(phone, f"phone-{language}-qr")
        self.language(phone, language, f"/receipts/{ids['cash']}")
        phone.get_by_test_id("qr").scroll_into_view_if_needed()
        self.shot(phone, f"phone-{language}-cash")
        self.language(phone, language, f"/receipts/{ids['hard']}")
        phone.get_by_test_id("summary").scroll_into_view_if_needed()
        self.shot(phone, f"phone-{language}-retake")
        self.language(phone, language, "/")
        phone.set_input_files("#photo", str(fake))
        phone.wait_for_selector('[data-testid="problem"]')
        phone.get_by_test_id("problem").first.scroll_into_view_if_needed()
        self.shot(phone, f"phone-{language}-error")
        generic = f"/results/{ids['transfer']}?model=tesseract-ocr"
        for name, path in (("history", "/history"), ("stats", "/stats"), ("generic", generic)):
            self.language(phone, language, path)
            self.shot(phone, f"phone-{language}-{name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8002", help="the web app of a running dev stack")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "gallery", help="README's picture: ../")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    gallery = Gallery(args.url.rstrip("/"), args.out)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        gallery.take(browser)
        browser.close()
    (args.out.parent / "web-result.png").write_bytes((args.out / "desktop-en-result.png").read_bytes())  # README's


if __name__ == "__main__":
    main()
