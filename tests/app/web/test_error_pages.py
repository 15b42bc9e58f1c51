"""The web app's refusals are pages in the person's language, through the platform's one error registration."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_kit import attribute

HTMX = {"HX-Request": "true"}


def test_unknown_address_is_a_page_in_the_asked_language(client: TestClient) -> None:
    russian = client.get("/no/such/page", headers={"Accept-Language": "ru"})
    english = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert russian.status_code == english.status_code == 404
    assert russian.headers["content-type"].startswith("text/html")
    assert attribute(russian.text, "problem", "data-kind") == "not_found"
    assert "Здесь ничего нет" in russian.text and "Nothing here" in english.text
    assert 'href="/static/' in english.text  # the whole page, with the app's look


def test_htmx_gets_the_refusal_as_a_fragment(client: TestClient) -> None:
    fragment = client.get("/no/such/page", headers=HTMX)
    assert fragment.status_code == 404
    assert "<html" not in fragment.text and 'data-kind="not_found"' in fragment.text
