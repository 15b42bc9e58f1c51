"""Pages and fragments of the web app, through TestClient, against the live runtime (real Tesseract model) and file
service: the whole flow, the refusals, and each fault the person must be told about."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from auth_fixtures import QWEN_GROUP, TESSERACT_GROUP, TestIdentityProvider
from fastapi.testclient import TestClient
from PIL import Image
from web_kit import CLOSED_URL, attribute, pdf_pages, sign_in, web_app, web_settings, web_token

from app.common.limits import FORM_OVERHEAD_BYTES, BodySizeLimit
from app.web.login import safe_next
from app.web.receipt.preview import PREVIEW_PX
from model.sandbox import WorkLimits, run_limited

HTMX = {"HX-Request": "true"}


def _htmx(csrf: str) -> dict[str, str]:
    return HTMX | {"X-CSRF-Token": csrf}


def _upload(client: TestClient, csrf: str, name: str, data: bytes, content_type: str = "image/png") -> str:
    response = client.post("/receipts", headers=_htmx(csrf), files={"photo": (name, data, content_type)})
    assert response.status_code == 200, response.text
    original_id = re.search(r'hx-post="/receipts/([0-9a-f]+)/extract"', response.text)
    assert original_id, response.text
    return original_id.group(1)


def test_home_visitor_sees_sign_in(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/auth/login"' in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_every_page_names_the_brand_mark_as_its_icon(client: TestClient) -> None:
    icon = attribute(client.get("/").text.replace('rel="icon"', 'data-testid="icon"'), "icon", "href")
    assert icon == "/static/web/brand.svg"
    served = client.get("/favicon.ico")  # asked for by pages that name none
    assert served.status_code == 200 and served.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in served.text


def test_page_without_login_redirects_to_login(client: TestClient) -> None:
    response = client.get("/history", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=/history"


def test_login_returns_to_the_page_with_its_query(client: TestClient) -> None:
    """A filtered view (e.g. /results?page=2) asked for before signing in is where the sign-in comes back to."""
    current = {**HTMX, "HX-Current-URL": "http://testserver/monitoring?status=500"}
    fragment = client.get("/stats", headers=current, follow_redirects=False)  # a fragment: back to its page
    assert fragment.status_code == 401
    assert parse_qs(urlsplit(fragment.headers["HX-Redirect"]).query)["next"] == ["/monitoring?status=500"]
    client.cookies.clear()
    response = client.get("/results?page=2&kind=a%26b", follow_redirects=False)
    location = urlsplit(response.headers["location"])
    assert location.path == "/auth/login"
    assert parse_qs(location.query)["next"] == ["/results?page=2&kind=a%26b"]


def test_fragment_without_login_tells_htmx_to_navigate(client: TestClient) -> None:
    response = client.get("/stats", headers=HTMX, follow_redirects=False)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/auth/login?next=")


def test_home_outside_the_groups_is_no_access(client: TestClient, realm: TestIdentityProvider) -> None:
    sign_in(client, web_token(realm, username="mallory"))
    response = client.get("/")
    assert response.status_code == 403
    assert 'data-testid="no-access"' in response.text
    assert "mallory" in response.text
    assert TESSERACT_GROUP in response.text
    assert 'href="/history"' not in response.text  # no way into pages that would only refuse again


def test_upload_without_csrf_token_is_refused(client: TestClient, realm: TestIdentityProvider, sample: Path) -> None:
    sign_in(client, web_token(realm, TESSERACT_GROUP))
    response = client.post("/receipts", headers=HTMX, files={"photo": ("a.png", sample.read_bytes(), "image/png")})
    assert response.status_code == 403
    assert "expired" in response.text


def test_receipt_flow_preview_read_export_history(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    page = client.get("/")
    assert page.status_code == 200
    assert 'accept="image/*,application/pdf' in page.text

    upload = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("doc_0000.png", sample.read_bytes())})
    assert upload.status_code == 200
    assert "<html" not in upload.text  # a fragment for htmx
    assert (attribute(upload.text, "before", "src") or "").startswith("data:image/jpeg;base64,")
    assert 'data-testid="steps"' in upload.text
    original_id = re.search(r'hx-post="/receipts/([0-9a-f]+)/extract"', upload.text).group(1)  # type: ignore[union-attr]
    assert upload.headers["HX-Push-Url"] == f"/receipts/{original_id}"  # the result's own address, at once
    assert "detect_document" not in upload.text  # steps by their readable names

    outcome = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": "tesseract-ocr"})
    assert outcome.status_code == 200, outcome.text
    assert attribute(outcome.text, "badge-recipient_inn", "data-status") == "verified"
    assert attribute(outcome.text, "source-recipient_inn", "data-testid") == "source-recipient_inn"
    assert 'value="3834964079"' in outcome.text
    assert "ИНН" in outcome.text and "БИК" in outcome.text and "Р/с" in outcome.text
    assert 'id="f-fiscal_sign"' not in outcome.text  # ФН, ФД, ФП only on a cash receipt
    assert 'data-check="verified"' in outcome.text and 'data-testid="nothing-read"' not in outcome.text  # no "why"
    processed_id = re.search(r'name="processed_id" value="([0-9a-f]+)"', outcome.text).group(1)  # type: ignore[union-attr]

    details = dict(re.findall(r'<input id="f-(\w+)" name="\w+" value="([^"]*)"', outcome.text))
    details["purpose"] = "Оплата за аренду квартиры"
    if not details.get("bank_corr_account"):  # OCR misses it on this sample: the QR asks for it
        assert "К/с" in outcome.text.split('data-testid="qr"')[1]
        details["bank_corr_account"] = "30101810575160000946"
    qr = client.post(f"/receipts/{original_id}/qr", headers=_htmx(csrf), data=details)
    assert qr.status_code == 200
    assert "<svg" in qr.text

    download = client.post(
        f"/receipts/{original_id}/details.json",
        data=details | {"csrf_token": csrf, "processed_id": processed_id, "amount": "170.00"},
    )
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    exported = download.json()
    assert exported["fields"]["amount"] == "170.00"  # the edit, not the reading
    assert exported["checks"]["recipient_inn"]["status"] == "verified"  # the module's verdict: the ИНН is as read
    assert exported["checks"]["amount"]["source"] == "person"  # the edit, checked again

    for language, separator in (("en", ","), ("ru", ";")):  # Excel in a Russian locale splits on semicolons
        csv = client.post(
            f"/receipts/{original_id}/details.csv",
            data=details | {"csrf_token": csrf},
            headers={"Accept-Language": language},
        )
        assert csv.text.startswith(f"\ufeffdocument_type{separator}recipient_name")
        assert 'filename="rekvizity-3834964079-' in csv.headers["content-disposition"]

    history = client.get("/history")
    assert history.status_code == 200
    assert f'href="/receipts/{original_id}"' in history.text
    assert ".processed.png" not in history.text

    reopened = client.get(f"/receipts/{original_id}")
    assert reopened.status_code == 200
    assert attribute(reopened.text, "badge-recipient_inn", "data-status") == "verified"
    assert attribute(reopened.text, "after", "src") == f"/images/{processed_id}"
    image = client.get(f"/images/{processed_id}")
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"


def test_payment_qr_fragment_encodes_the_form(client: TestClient, realm: TestIdentityProvider) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    details = {
        "recipient_name": "ООО «Белые ночи»",
        "recipient_account": "40702810641811051927",
        "bank_name": "АО «Банк Экспобанк»",
        "bank_bic": "047516946",
        "bank_corr_account": "30101810575160000946",
        "recipient_inn": "3834964079",
        "amount": "165.00",
    }
    response = client.post("/receipts/x/qr", headers=_htmx(csrf), data=details)
    assert "<svg" in response.text
    missing = client.post("/receipts/x/qr", headers=_htmx(csrf), data=details | {"bank_bic": ""})
    assert "БИК" in missing.text and "<svg" not in missing.text


def test_upload_of_a_text_file_says_it_is_not_a_photo(client: TestClient, realm: TestIdentityProvider) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    response = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("notes.txt", b"hello", "text/plain")})
    assert response.status_code == 422
    assert attribute(response.text, "problem", "data-kind") == "not_an_image"
    assert 'data-testid="retry"' in response.text and 'for="photo"' in response.text  # choose another file


def test_upload_of_a_corrupted_photo_is_explained(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    truncated = sample.read_bytes()[:2000]
    response = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("broken.png", truncated)})
    assert response.status_code == 422
    assert attribute(response.text, "problem", "data-kind") == "not_an_image"
    assert 'class="detail"' in response.text  # the loader's own words: what is wrong with the file


def _starved(*_: object, limits: WorkLimits) -> None:
    """The sandbox run for real on a child that never computes, as one an overloaded machine does not run."""
    run_limited(time.sleep, 30.0, limits=replace(limits, wall_seconds=0.3))


@pytest.mark.parametrize(("language", "heading"), [("en", "The server is too busy right now"), ("ru", "перегружен")])
def test_upload_the_machine_was_too_busy_to_decode_says_so_and_keeps_the_photo(
    client: TestClient, realm: TestIdentityProvider, sample: Path, monkeypatch: pytest.MonkeyPatch,
    *, language: str, heading: str,
) -> None:  # fmt: skip
    """A preview whose decoding got no processor time is the server's load, not the photo: 503 with Retry-After, the
    busy message in the person's language, and "try again" re-sends the photo the page still holds."""
    from model import documents

    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    monkeypatch.setattr(documents, "run_limited", _starved)
    response = client.post(
        "/receipts", headers=_htmx(csrf) | {"Accept-Language": language},
        files={"photo": ("doc.png", sample.read_bytes())},
    )  # fmt: skip
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(documents.BUSY_RETRY_AFTER_S)
    assert attribute(response.text, "problem", "data-kind") == "busy"
    assert heading in response.text
    assert 'form="upload-form"' in response.text  # retry re-sends the photo the page still holds
    assert "expensive" not in response.text


def test_with_one_decode_slot_a_second_preview_is_busy_while_the_first_decodes_and_keeps_its_photo(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, sample: Path
) -> None:
    """RECEIPT_WEB_MAX_DECODES=1: while a costly PDF decodes in the sandbox (for real), another upload waits its
    RECEIPT_WEB_DECODE_WAIT_S and is told "busy" (503, Retry-After, "try again" re-sends the photo the page holds);
    once the first has ended no slot is left taken and the same photo goes through."""
    import threading

    from tests.hostile_documents import content_stream_bomb

    settings = web_settings(realm.issuer, runtime_url, files_url, web_max_decodes=1, web_decode_wait_s=0.3)
    app = web_app(settings)
    decodes = app.state.web.decodes
    with TestClient(app) as client:
        csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
        first: list[int] = []
        bomb = content_stream_bomb()
        costly = threading.Thread(
            target=lambda: first.append(
                client.post("/receipts", headers=_htmx(csrf), files={"photo": ("x.pdf", bomb)}).status_code
            )
        )
        costly.start()
        deadline = time.monotonic() + 10
        while decodes.running == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert decodes.running == 1
        second = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("doc.png", sample.read_bytes())})
        still_decoding = costly.is_alive()
        costly.join(30)
        assert still_decoding  # the refusal came while the first held the slot, not after
        assert second.status_code == 503
        assert second.headers["Retry-After"].isdecimal()
        assert attribute(second.text, "problem", "data-kind") == "busy"
        assert 'form="upload-form"' in second.text
        assert first == [422]
        assert (decodes.running, decodes.waiting) == (0, 0)
        again = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("doc.png", sample.read_bytes())})
        assert again.status_code == 200
        assert decodes.running == 0


def test_with_every_decode_slot_taken_images_and_the_reading_are_busy_and_the_stored_photo_stays(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, sample: Path
) -> None:
    """The image proxy (thumbnails, a PDF's pages) and the reading's processed image decode under the same bound: with
    the one slot held, a thumbnail is a 503 with Retry-After and the reading the "busy" problem whose "try again"
    reads the stored photo; with the slot free again both work."""
    import threading

    settings = web_settings(realm.issuer, runtime_url, files_url, web_max_decodes=1, web_decode_wait_s=0.2)
    app = web_app(settings)
    decodes = app.state.web.decodes
    with TestClient(app) as client:
        csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
        original_id = _upload(client, csrf, "doc.png", sample.read_bytes())
        held, free = threading.Event(), threading.Event()
        holder = threading.Thread(target=decodes.run, args=(lambda: (held.set(), free.wait(60)),))
        holder.start()
        try:
            assert held.wait(5)
            thumb = client.get(f"/images/{original_id}?thumb=1")
            assert thumb.status_code == 503
            assert thumb.headers["Retry-After"].isdecimal()
            read = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": ""})
            assert read.status_code == 503
            assert attribute(read.text, "problem", "data-kind") == "busy"
            assert f'hx-post="/receipts/{original_id}/extract"' in read.text
        finally:
            free.set()
            holder.join(5)
        assert decodes.running == 0
        thumb = client.get(f"/images/{original_id}?thumb=1")
        assert thumb.status_code == 200
        assert thumb.headers["content-type"] == "image/jpeg"
        read = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": ""})
        assert read.status_code == 200
        assert decodes.running == 0


def test_upload_of_a_pdf_built_to_be_expensive_is_stopped_and_explained(
    client: TestClient, realm: TestIdentityProvider
) -> None:
    """The preview decodes in the sandbox too: a content-stream bomb is a 422 within the decoding limits. The bound
    is the sandbox's own wall-clock deadline plus the upload and the page around it, not a fixed figure: on a machine
    busy enough to starve the child, the deadline is what stops it (an unbounded bomb takes minutes and 4 GB)."""
    from model.documents import DECODE_LIMITS
    from tests.hostile_documents import content_stream_bomb

    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    started = time.monotonic()
    response = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("invoice.pdf", content_stream_bomb())})
    assert time.monotonic() - started < DECODE_LIMITS.wall_seconds + 15
    assert response.status_code == 422
    assert attribute(response.text, "problem", "data-kind") == "not_an_image"
    assert "decoding the file was stopped" in response.text


def test_upload_over_the_limit_is_too_large(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, sample: Path
) -> None:
    settings = web_settings(realm.issuer, runtime_url, files_url, files_max_bytes=1000)
    with TestClient(web_app(settings)) as client:
        csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
        response = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("big.png", sample.read_bytes())})
    assert response.status_code == 413
    assert attribute(response.text, "problem", "data-kind") == "too_large"


def test_upload_over_the_limit_without_a_length_is_too_large_under_the_body_cap(
    realm: TestIdentityProvider, runtime_url: str, files_url: str, sample: Path
) -> None:
    """A chunked body has no Content-Length to check first: the app runs under the body cap (which counts bytes as
    they come, tests/app/web/test_limits.py), and the cap's refusal is the friendly "too large" page."""
    head = b'--B\r\nContent-Disposition: form-data; name="photo"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n'

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(100):  # 100 × 64 KiB = 6.4 MB, against a limit of 1000 bytes + the form's overhead
            yield b"\0" * 65536
        yield b"\r\n--B--\r\n"

    settings = web_settings(realm.issuer, runtime_url, files_url, files_max_bytes=1000, body_idle_s=7)
    app = web_app(settings)
    caps = [(m.kwargs["max_bytes"], m.kwargs["idle_s"]) for m in app.user_middleware if m.cls is BodySizeLimit]
    with TestClient(app) as client:
        csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
        headers = _htmx(csrf) | {"Content-Type": "multipart/form-data; boundary=B"}
        response = client.post("/receipts", headers=headers, content=body())
    assert caps == [(1000 + FORM_OVERHEAD_BYTES, 7)]  # and a body idle for 7 s ends with 408
    assert response.status_code == 413
    assert attribute(response.text, "problem", "data-kind") == "too_large"


def test_storage_down_keeps_the_photo_with_a_retry(realm: TestIdentityProvider, runtime_url: str, sample: Path) -> None:
    with TestClient(web_app(web_settings(realm.issuer, runtime_url, CLOSED_URL))) as client:
        csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
        response = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("doc.png", sample.read_bytes())})
    assert response.status_code == 503
    assert attribute(response.text, "problem", "data-kind") == "storage_down"
    assert attribute(response.text, "before", "src") is not None  # the preview is still shown
    assert 'form="upload-form"' in response.text  # retry re-sends the photo the page still holds


def test_model_api_down_offers_a_retry_of_the_stored_photo(
    realm: TestIdentityProvider, files_url: str, sample: Path
) -> None:
    with TestClient(web_app(web_settings(realm.issuer, CLOSED_URL, files_url))) as client:
        csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
        original_id = _upload(client, csrf, "doc.png", sample.read_bytes())
        response = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": ""})
        assert response.status_code == 503
        assert attribute(response.text, "problem", "data-kind") == "model_down"
        assert f'hx-post="/receipts/{original_id}/extract"' in response.text
        history = client.get("/history")
        assert "not read yet" in history.text


def test_stats_page_shows_the_windows(client: TestClient, realm: TestIdentityProvider) -> None:
    sign_in(client, web_token(realm, TESSERACT_GROUP, QWEN_GROUP))
    response = client.get("/stats")
    assert response.status_code == 200
    assert 'data-testid="stats-tesseract-ocr"' in response.text
    assert "60 min</text>" in response.text and "<svg" in response.text
    assert 'data-testid="timeline-tesseract-ocr"' in response.text
    assert attribute(response.text, "stats-source-tesseract-ocr", "data-source") == "process"  # no Prometheus here
    fragment = client.get("/stats", headers=HTMX)
    assert "<html" not in fragment.text
    assert 'data-testid="stats-qwen"' not in fragment.text  # declared, but this runtime does not serve it
    assert re.search(r">\d+\.\d{3} /s<", response.text)  # requests a second
    russian = client.get("/stats", headers={"Accept-Language": "ru"})
    assert re.search(r">\d+,\d{3} /с<", russian.text) and " /s<" not in russian.text  # as Russian writes them
    assert "60 мин</text>" in russian.text and "задержка, самый высокий столбец" in russian.text  # the axis' unit
    assert re.search(r"<title>[^<]*\b(calls|errors|ms)\b", russian.text) is None  # tooltips in Russian too
    assert "Проверенные реквизиты платежа" in russian.text  # the model's description from the manifest's ru


def test_language_from_accept_language_and_the_switch(client: TestClient) -> None:
    assert "Войти" in client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}).text
    client.get("/language/en")
    assert "Sign in" in client.get("/", headers={"Accept-Language": "ru"}).text


def test_the_language_switch_returns_to_the_same_page_and_query(client: TestClient) -> None:
    page = client.get("/", params={"q": "Ромашка & Co", "page": "2"})
    switch = re.search(r'<a href="(/language/ru\?next=[^"]+)"', page.text)
    assert switch, page.text
    back = client.get(switch.group(1).replace("&amp;", "&"), follow_redirects=False)
    assert back.status_code == 303
    assert back.headers["location"] == "/?q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0+%26+Co&page=2"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "///evil.example"]
)
def test_the_language_switch_goes_nowhere_off_site(client: TestClient, target: str) -> None:
    back = client.get("/language/ru", params={"next": target}, follow_redirects=False)
    location = back.headers["location"]
    assert back.status_code == 303 and location.startswith("/") and not location.startswith("//"), location
    assert "\\" not in location and "\t" not in location


def test_json_download_with_a_forged_form_is_refused(client: TestClient, realm: TestIdentityProvider) -> None:
    sign_in(client, web_token(realm, TESSERACT_GROUP))
    response = client.post("/receipts/x/details.json", data={"csrf_token": "forged", "amount": "1.00"})
    assert response.status_code == 403
    assert "amount" not in response.text


def test_session_cookie_is_secure_outside_localhost(realm: TestIdentityProvider) -> None:
    settings = web_settings(realm.issuer, CLOSED_URL, CLOSED_URL, web_public_url="https://receipts.example")
    with TestClient(web_app(settings), base_url="https://receipts.example") as client:
        response = client.get("/language/ru", follow_redirects=False)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/history", "/history"),
        ("/receipts/abc?x=1", "/receipts/abc?x=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("history", "/"),
        (None, "/"),
    ],
)
def test_login_returns_only_to_paths_of_this_app(target: str | None, safe: str) -> None:
    assert safe_next(target) == safe


def test_login_with_the_realm_down_is_explained() -> None:
    settings = web_settings(CLOSED_URL + "/realms/receipts", CLOSED_URL, CLOSED_URL)
    with TestClient(web_app(settings)) as client:  # nothing listens at the issuer: discovery fails
        response = client.get("/auth/login", follow_redirects=False)
    assert response.status_code == 503
    assert "Sign-in is unavailable" in response.text


def test_confirmed_details_are_what_the_history_reopens(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    original_id = _upload(client, csrf, "doc_0000.png", sample.read_bytes())
    outcome = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": "tesseract-ocr"})
    processed_id = re.search(r'name="processed_id" value="([0-9a-f]+)"', outcome.text).group(1)  # type: ignore[union-attr]
    details = dict(re.findall(r'<input id="f-(\w+)" name="\w+" value="([^"]*)"', outcome.text))
    details |= {"bank_corr_account": "30101810575160000946", "processed_id": processed_id}

    saved = client.post(f"/receipts/{original_id}/confirm", headers=_htmx(csrf), data=details)
    assert saved.status_code == 200
    new_id = re.search(r'id="processed-id" name="processed_id" value="([0-9a-f]+)" hx-swap-oob="true"', saved.text)
    assert new_id and new_id.group(1) != processed_id
    confirmed = re.search(
        r'id="confirmed" data-testid="confirmed" hx-swap-oob="true">Confirmed <time datetime="([^"]+)"', saved.text
    )
    assert confirmed  # the page's «Confirmed …» line follows the save without a reload
    assert client.get(f"/images/{processed_id}").status_code == 404  # the superseded result is gone
    stale = client.post(f"/receipts/{original_id}/confirm", headers=_htmx(csrf), data=details)  # a second tab's
    assert (stale.status_code, attribute(stale.text, "save-problem", "data-problem")) == (404, "not_found")
    del details["processed_id"]
    forged = client.post(f"/receipts/{original_id}/confirm", headers=_htmx(csrf), data=details)
    assert (forged.status_code, attribute(forged.text, "save-problem", "data-problem")) == (400, "rejected")

    reopened = client.get(f"/receipts/{original_id}")
    assert 'value="30101810575160000946"' in reopened.text
    assert f'<time datetime="{confirmed.group(1)}"' in reopened.text  # the time the save showed
    assert "<svg" in reopened.text.split('data-testid="qr"')[1]  # the QR of the confirmed details
    assert attribute(reopened.text, "badge-recipient_inn", "data-status") == "verified"  # the model's checks stay


def test_a_tiff_original_is_shown_as_a_jpeg_when_reopened(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    """Browsers show no TIFF (nor HEIC, nor a PDF in an <img>): the stored original comes back drawn as a JPEG."""
    buffer = io.BytesIO()
    Image.open(sample).save(buffer, format="TIFF")
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    original_id = _upload(client, csrf, "scan.tiff", buffer.getvalue(), "image/tiff")

    reopened = client.get(f"/receipts/{original_id}")
    image = client.get(f"/images/{original_id}")

    assert attribute(reopened.text, "before", "src") == f"/images/{original_id}"
    assert (image.status_code, image.headers["content-type"]) == (200, "image/jpeg")
    shown, page = Image.open(io.BytesIO(image.content)).size, Image.open(sample).size
    assert max(shown) == PREVIEW_PX  # at display size
    assert abs(shown[0] / shown[1] - page[0] / page[1]) < 0.01  # the whole page


def test_each_page_of_a_pdf_original_is_shown_on_its_own(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    """A field read on page 2 is shown on page 2: ``?page=`` draws that page; one a file does not have is a 404."""
    cover, invoice = ((11.69, 8.27), ["Сопроводительное письмо"]), ((8.27, 11.69), ["ИНН 7707083893"])
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    pdf_id = _upload(client, csrf, "invoice.pdf", pdf_pages(cover, invoice), "application/pdf")
    photo_id = _upload(client, csrf, sample.name, sample.read_bytes())

    first, second = client.get(f"/images/{pdf_id}"), client.get(f"/images/{pdf_id}?page=2")

    assert first.status_code == second.status_code == 200
    (width1, height1), (width2, height2) = (Image.open(io.BytesIO(shown.content)).size for shown in (first, second))
    assert width1 > height1 and width2 < height2  # the landscape cover, then the portrait invoice
    assert client.get(f"/images/{pdf_id}?page=3").status_code == 404
    assert client.get(f"/images/{photo_id}?page=2").status_code == 404
    assert client.get(f"/images/{photo_id}?page=1").status_code == 200
    assert client.get(f"/images/{pdf_id}?page=0").status_code == 422


def test_a_bank_statement_is_explained_not_shown_as_an_empty_form(
    client: TestClient, realm: TestIdentityProvider
) -> None:
    """The module reads nothing from a statement and says why (``quality.unread_reason``); the page says it in the
    person's language, in place of a summary that would ask for the QR's fields, until the person types a value."""
    statement = [
        "АО «Звезда Банк», ИНН/КПП 7707083893/770301001",
        "Выписка по счёту дебетовой карты",
        "Период выписки: 02.12.2024 – 22.03.2025",
        "16.03.2025 09:59:00 Перевод через СБП. Отправитель: Давид Сергеевич Б. + 20 000.00",
    ]
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    original_id = _upload(client, csrf, "statement.pdf", pdf_pages(((8.27, 11.69), statement)), "application/pdf")
    wordings = {
        "en": ("Not a payment document", "a debt or a balance, or a reconciliation", "Upload another document"),
        "ru": ("Это не платёжный документ", "выписка по счёту, справка о задолженности", "Загрузить другой документ"),
    }
    for language, (title, why, action) in wordings.items():
        outcome = client.post(
            f"/receipts/{original_id}/extract",
            headers=_htmx(csrf) | {"Accept-Language": language},
            data={"model": "tesseract-ocr"},
        )
        assert outcome.status_code == 200, outcome.text
        assert attribute(outcome.text, "nothing-read", "data-reason") == "statement"
        card = outcome.text.split('data-testid="nothing-read"')[1].split("</section>")[0]
        assert title in card and why in card and action in card
        assert attribute(outcome.text, "nothing-read-action", "href") == "/"
        status = outcome.text.split('data-testid="summary-status"')[1].split("</p>")[0]
        assert title in status and attribute(outcome.text, "summary-status", "data-ready") == "false"
        assert 'data-testid="retake"' not in outcome.text  # another photo of a statement would not help
    assert attribute(client.get(f"/receipts/{original_id}").text, "nothing-read", "data-reason") == "statement"

    processed_id = re.search(r'name="processed_id" value="([0-9a-f]+)"', outcome.text).group(1)  # type: ignore[union-attr]
    form = {"document_type": "other", "processed_id": processed_id}
    untouched = client.post(f"/receipts/{original_id}/qr", headers=_htmx(csrf), data=form)
    assert attribute(untouched.text, "summary-status", "data-ready") == "false"
    assert "Not a payment document" in untouched.text.split('data-testid="summary-status"')[1].split("</p>")[0]
    typed = form | {"recipient_name": "ООО «Ромашка»", "amount": "100.00"}
    live = client.post(f"/receipts/{original_id}/qr", headers=_htmx(csrf), data=typed)
    assert live.status_code == 200 and 'data-testid="summary-status"' in live.text
    assert "Not a payment document" not in live.text  # the form is the person's now


def test_paid_cash_receipt_gets_the_tax_service_check_not_a_payment_qr(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    receipt = sample.with_name("doc_0002.jpg")  # a thermal cash receipt with its fiscal QR
    original_id = _upload(client, csrf, receipt.name, receipt.read_bytes(), "image/jpeg")
    outcome = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": "tesseract-ocr"})
    assert outcome.status_code == 200, outcome.text
    assert 'name="document_type" value="cash_receipt"' in outcome.text
    assert 'id="f-fiscal_sign"' in outcome.text  # ФН, ФД, ФП shown for a cash receipt
    qr_card = outcome.text.split('data-testid="qr"')[1]
    assert "<svg" not in qr_card and 'data-testid="fiscal-check"' in qr_card
    assert 'href="https://kkt-online.nalog.ru/"' in qr_card


def test_fiscal_fields_and_check_follow_the_document_type(client: TestClient, realm: TestIdentityProvider) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    cash = {
        "document_type": "cash_receipt",
        "amount": "2593.62",
        "payment_date": "2022-12-22",
        "fiscal_drive_number": "9289000100408074",
        "fiscal_document_number": "12345",
        "fiscal_sign": "1234567890",
    }
    response = client.post("/receipts/x/qr", headers=_htmx(csrf), data=cash)
    assert 'data-testid="fiscal"' in response.text and "9289000100408074" in response.text
    assert "<svg" not in response.text
    incomplete = client.post("/receipts/x/qr", headers=_htmx(csrf), data=cash | {"fiscal_sign": ""})
    assert 'data-testid="fiscal-check"' not in incomplete.text and "ФП" in incomplete.text
    png = client.post("/receipts/x/qr.png", data=cash | {"csrf_token": csrf})
    assert png.status_code == 422  # a paid receipt is not paid again


def test_qr_png_downloads_with_a_meaningful_name_and_is_withheld_for_an_invalid_field(
    client: TestClient, realm: TestIdentityProvider
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    details = {
        "csrf_token": csrf,
        "recipient_name": "ООО «Белые ночи»",
        "recipient_account": "40702810641811051927",
        "bank_name": "АО «Банк Экспобанк»",
        "bank_bic": "047516946",
        "bank_corr_account": "30101810575160000946",
        "recipient_inn": "3834964079",
        "amount": "165,00",
    }
    png = client.post("/receipts/x/qr.png", data=details)
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert 'filename="qr-oplata-3834964079-165.00.png"' in png.headers["content-disposition"]
    broken = client.post("/receipts/x/qr.png", data=details | {"recipient_inn": "3834964078"})
    assert broken.status_code == 422 and "ИНН" in broken.text
    fragment = client.post("/receipts/x/qr", headers=_htmx(csrf), data=details | {"recipient_inn": "3834964078"})
    assert 'data-testid="qr-withheld"' in fragment.text
    assert 'id="check-recipient_inn" data-check="invalid" hx-swap-oob="true"' in fragment.text


def test_history_rows_show_the_reading_search_and_delete_own_only(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP, sub="history-owner"))
    original_id = _upload(client, csrf, "history.png", sample.read_bytes())
    read = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": "tesseract-ocr"})
    assert read.status_code == 200, read.text

    history = client.get("/history")
    row = history.text.split(f'data-id="{original_id}"')[1].split("</tr>")[0]
    assert "3834964079" in row  # the recipient's ИНН, from the stored result
    assert "165.00" in row and 'data-status="' in history.text.split(f'data-id="{original_id}"')[1][:40]
    thumb = re.search(r'<img src="(/images/[0-9a-f]+\?thumb=1)"', row)
    assert thumb, row
    picture = client.get(thumb.group(1))
    assert picture.headers["content-type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(picture.content)).size) <= 160

    second_id = _upload(client, csrf, "second.png", sample.read_bytes())  # newer, not read
    first_page = client.get("/history", params={"limit": 1}).text
    assert f'data-id="{second_id}"' in first_page and f'data-id="{original_id}"' not in first_page
    assert attribute(first_page, "history-more", "href") == "/history?limit=2"
    assert client.get("/history", params={"limit": 0}).status_code == 422

    found = client.get("/history", params={"q": "3834964079"}, headers=HTMX)
    assert "<html" not in found.text and f'data-id="{original_id}"' in found.text  # the rows only, for htmx
    assert f'data-id="{original_id}"' not in client.get("/history", params={"q": "nothing-like-it"}).text

    csrf_bob = sign_in(client, web_token(realm, TESSERACT_GROUP, sub="someone-else", username="bob"))
    assert client.post(f"/receipts/{original_id}/delete", headers=_htmx(csrf_bob)).status_code == 404  # not his

    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP, sub="history-owner"))
    assert client.post(f"/receipts/{original_id}/delete", headers=_htmx(csrf)).status_code == 200
    assert f'data-id="{original_id}"' not in client.get("/history").text
    assert client.get(thumb.group(1)).status_code == 404  # the processed image went with it
    assert client.post(f"/receipts/{original_id}/delete", headers=_htmx(csrf)).status_code == 404


@pytest.mark.parametrize("path", ["/images/a%0D%0Ab", "/images/a%00b", "/images/..%2Fx", "/receipts/a%0D%0Ab"])
def test_an_id_with_control_characters_is_not_found_not_a_crash(
    client: TestClient, realm: TestIdentityProvider, path: str
) -> None:
    sign_in(client, web_token(realm, TESSERACT_GROUP))
    assert client.get(path).status_code == 404


ENGLISH_WORD = re.compile(r"\b(?!(?:osd|ocr|qr|px|pdf|model|conf)\b)[a-z]{3,}\b", re.IGNORECASE)
"""A Latin word of three letters or more, other than the names of the sources and tools the Russian text keeps."""


def test_step_details_and_check_tooltips_read_in_russian(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP))
    russian = _htmx(csrf) | {"Accept-Language": "ru"}
    upload = client.post("/receipts", headers=russian, files={"photo": ("doc.png", sample.read_bytes(), "image/png")})
    original_id = re.search(r'hx-post="/receipts/([0-9a-f]+)/extract"', upload.text).group(1)  # type: ignore[union-attr]
    outcome = client.post(f"/receipts/{original_id}/extract", headers=russian, data={"model": "tesseract-ocr"})
    edited = client.post(f"/receipts/{original_id}/qr", headers=russian, data={"recipient_inn": "3834964078"})

    steps = re.findall(r'<td class="step-detail">([^<]*)</td>', upload.text)
    tooltips = re.findall(r'data-status="\w+" title="([^"]*)"', outcome.text + edited.text)
    assert steps and tooltips
    assert any("3834964078" in tip and "контрольные цифры" in tip for tip in tooltips), tooltips
    english = [text for text in steps + tooltips if ENGLISH_WORD.search(text)]
    assert english == [], english
