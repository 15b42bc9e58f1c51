"""A person checks the repaired К/с of the bundled sample through the web app (TestClient, the live runtime with the
real Tesseract model, the file service): the owner only, stored with their edits, shown again on reopening and in
the JSON export, dropped by an edit, taken back on request; bad requests are clear refusals."""

from __future__ import annotations

import re
from pathlib import Path

from auth_fixtures import TESSERACT_GROUP, TestIdentityProvider
from fastapi.testclient import TestClient
from web_kit import attribute, sign_in, web_token

KS = "bank_corr_account"
REPAIRED_KS = "30101810575160000946"  # read as 5010…, repaired by the module
OWNER = {"sub": "checks-owner", "username": "alice"}


def _htmx(csrf: str) -> dict[str, str]:
    return {"HX-Request": "true", "X-CSRF-Token": csrf}


def _read_sample(client: TestClient, csrf: str, sample: Path) -> tuple[str, dict[str, str]]:
    """The sample uploaded and read: its id and the details form as the page fills it."""
    upload = client.post("/receipts", headers=_htmx(csrf), files={"photo": ("doc_0000.png", sample.read_bytes())})
    original_id = re.search(r'hx-post="/receipts/([0-9a-f]+)/extract"', upload.text).group(1)  # type: ignore[union-attr]
    outcome = client.post(f"/receipts/{original_id}/extract", headers=_htmx(csrf), data={"model": "tesseract-ocr"})
    assert outcome.status_code == 200, outcome.text
    assert attribute(outcome.text, f"badge-{KS}", "data-status") == "repaired"
    assert attribute(outcome.text, f"person-check-{KS}", "aria-pressed") == "false"
    assert attribute(outcome.text, "person-check-recipient_inn", "aria-pressed") is None  # verified: nothing to check
    form = dict(re.findall(r'<input id="f-(\w+)" name="\w+" value="([^"]*)"', outcome.text))
    assert form[KS] == REPAIRED_KS
    processed_id = re.search(r'name="processed_id" value="([0-9a-f]+)"', outcome.text).group(1)  # type: ignore[union-attr]
    return original_id, form | {"processed_id": processed_id, "document_type": "bank_transfer"}


def _history_status(client: TestClient, original_id: str) -> str:
    row = re.search(rf'data-id="{original_id}" data-status="(\w+)"', client.get("/history").text)
    assert row, original_id
    return row.group(1)


def _new_processed_id(html: str) -> str:
    found = re.search(r'id="processed-id" name="processed_id" value="([0-9a-f]+)" hx-swap-oob="true"', html)
    assert found, html
    return found.group(1)


def test_the_owner_checks_a_repaired_value_and_it_is_kept_until_edited(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP, **OWNER))
    original_id, form = _read_sample(client, csrf, sample)
    form["purpose"] = "Оплата по счёту"  # an edit saved with the check

    saved = client.post(f"/receipts/{original_id}/checks/{KS}", headers=_htmx(csrf), data=form)
    assert saved.status_code == 200, saved.text
    assert "Saved: К/с checked by you." in saved.text
    assert attribute(saved.text, f"badge-{KS}", "data-status") == "checked_by_person"  # out of band
    assert attribute(saved.text, f"person-check-{KS}", "aria-pressed") == "true"
    assert attribute(saved.text, "summary-status", "data-ready") == "true"  # no field left to check
    form["processed_id"] = _new_processed_id(saved.text)

    reopened = client.get(f"/receipts/{original_id}")
    assert attribute(reopened.text, f"badge-{KS}", "data-status") == "checked_by_person"
    assert attribute(reopened.text, "summary-status", "data-ready") == "true"
    assert "Оплата по счёту" in reopened.text
    assert _history_status(client, original_id) == "confirmed"  # nothing left to check in the history either
    russian = client.get(f"/receipts/{original_id}", headers={"Accept-Language": "ru"})
    assert "проверено вами" in russian.text and "К/с совпадает с документом" in russian.text

    exported = client.post(f"/receipts/{original_id}/details.json", data=form | {"csrf_token": csrf}).json()
    check = exported["checks"][KS]
    assert (check["status"], check["module_status"], check["checked_by"]) == ("checked_by_person", "repaired", "alice")

    edited = form | {KS: "30101810575160000947"}  # saved with another К/с: the check goes
    resaved = client.post(f"/receipts/{original_id}/confirm", headers=_htmx(csrf), data=edited)
    form["processed_id"] = _new_processed_id(resaved.text)
    back = client.post(f"/receipts/{original_id}/confirm", headers=_htmx(csrf), data=form)  # the repair typed back
    form["processed_id"] = _new_processed_id(back.text)
    assert attribute(client.get(f"/receipts/{original_id}").text, f"badge-{KS}", "data-status") == "repaired"

    again = client.post(f"/receipts/{original_id}/checks/{KS}", headers=_htmx(csrf), data=form)
    form["processed_id"] = _new_processed_id(again.text)
    undone = client.post(f"/receipts/{original_id}/checks/{KS}/undo", headers=_htmx(csrf), data=form)
    assert "Saved: your check of К/с is taken back." in undone.text
    assert attribute(undone.text, f"badge-{KS}", "data-status") == "repaired"
    assert attribute(undone.text, "summary-status", "data-ready") == "false"
    assert _history_status(client, original_id) == "check"  # saved, but the repair is asked about again


def test_only_the_owner_checks_and_bad_requests_are_refused(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP, **OWNER))
    original_id, form = _read_sample(client, csrf, sample)
    url = f"/receipts/{original_id}/checks"

    def refusal(path: str, data: dict[str, str], token: str) -> tuple[int, str | None]:
        response = client.post(path, headers=_htmx(token), data=data)
        return response.status_code, attribute(response.text, "save-problem", "data-problem")

    assert refusal(f"{url}/no_such", form, csrf) == (404, "no_such_field")
    assert refusal(f"{url}/recipient_inn", form, csrf) == (409, "not_to_check")  # verified by a rule
    assert refusal(f"{url}/{KS}", form | {KS: "30101810575160000947"}, csrf) == (409, "not_to_check")  # edited
    assert refusal(f"{url}/{KS}", {k: v for k, v in form.items() if k != "processed_id"}, csrf) == (400, "rejected")
    assert refusal(f"/receipts/someone-elses/checks/{KS}", form, csrf) == (404, "not_found")  # not this receipt's

    csrf_bob = sign_in(client, web_token(realm, TESSERACT_GROUP, sub="checks-intruder", username="bob"))
    assert refusal(f"{url}/{KS}", form, csrf_bob) == (404, "not_found")  # alice's result is not his to read
    assert client.post(f"{url}/{KS}", headers={"HX-Request": "true"}, data=form).status_code == 403  # no CSRF token

    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP, **OWNER))
    reopened = client.get(f"/receipts/{original_id}")
    assert attribute(reopened.text, f"badge-{KS}", "data-status") == "repaired"  # nobody's refused try stuck


def test_without_javascript_the_form_posts_and_the_page_reloads(
    client: TestClient, realm: TestIdentityProvider, sample: Path
) -> None:
    csrf = sign_in(client, web_token(realm, TESSERACT_GROUP, **OWNER))
    original_id, form = _read_sample(client, csrf, sample)
    plain = form | {"csrf_token": csrf}

    wrong = client.post(f"/receipts/{original_id}/checks/recipient_inn", data=plain, follow_redirects=False)
    assert wrong.status_code == 409 and "<html" in wrong.text  # a page of its own, with the way back
    assert attribute(wrong.text, "problem", "data-kind") == "not_to_check"
    assert "this value is no longer one to check" in wrong.text and "its check is verified" in wrong.text
    assert attribute(wrong.text, "back-to-receipt", "href") == f"/receipts/{original_id}"
    russian = client.post(
        f"/receipts/{original_id}/checks/recipient_inn", data=plain, headers={"Accept-Language": "ru"}
    ).text
    assert "Не сохранено: это значение больше не нужно проверять" in russian
    assert "ИНН: сверять нечего, статус проверки — verified" in russian
    assert "nothing to check" not in russian and "Not saved" not in russian
    unnamed = client.post(f"/receipts/{original_id}/confirm", data={"csrf_token": csrf}, follow_redirects=False)
    assert unnamed.status_code == 400 and "<html" in unnamed.text  # not the bare fragment htmx gets
    assert attribute(unnamed.text, "save-problem", "data-problem") == "rejected"

    posted = client.post(f"/receipts/{original_id}/checks/{KS}", data=plain, follow_redirects=False)
    assert (posted.status_code, posted.headers["location"]) == (303, f"/receipts/{original_id}#f-{KS}")
    page = client.get(posted.headers["location"])
    assert attribute(page.text, f"badge-{KS}", "data-status") == "checked_by_person"
    assert attribute(page.text, f"person-check-{KS}", "formaction") == f"/receipts/{original_id}/checks/{KS}/undo"

    processed_id = re.search(r'name="processed_id" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
    edited = plain | {"processed_id": processed_id, "purpose": "Аренда"}  # «Save to history» posts the form too
    saved = client.post(f"/receipts/{original_id}/confirm", data=edited, follow_redirects=False)
    assert (saved.status_code, saved.headers["location"]) == (303, f"/receipts/{original_id}")
    assert "Аренда" in client.get(saved.headers["location"]).text
