"""The web app names the project the manifests declare: a fork's header, page title and session cookie follow its
``spec.project`` with nothing under app/ changed."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from manifests_kit import write_manifests

from app.manifests import load_manifests
from app.settings import Settings
from app.web.main import create_web_app

PROJECT = {"displayName": "Bird counter", "displayNameTranslations": {"ru": "Счётчик птиц"}, "prefix": "birds"}


def _client(manifests: Path) -> TestClient:
    settings = Settings(issuer_url="http://127.0.0.1:9/realms/birds", manifests_dir=manifests)
    return TestClient(create_web_app(settings, load_manifests(manifests)))


def test_header_and_title_name_the_project_in_each_language(tmp_path: Path) -> None:
    with _client(write_manifests(tmp_path, name="bird-counter", project=PROJECT)) as client:
        english = client.get("/", headers={"Accept-Language": "en"})
        russian = client.get("/", headers={"Accept-Language": "ru"})

    assert english.status_code == 200 and "<title>Bird counter</title>" in english.text
    assert 'height="32">Bird counter</a>' in english.text
    assert "Receipt extractor" not in english.text
    assert "<title>Счётчик птиц</title>" in russian.text and 'height="32">Счётчик птиц</a>' in russian.text


def test_session_cookie_carries_the_project_prefix(tmp_path: Path) -> None:
    with _client(write_manifests(tmp_path, name="bird-counter", project=PROJECT)) as client:
        client.get("/language/ru?next=/")

        assert [cookie.name for cookie in client.cookies.jar] == ["birds_session"]


def test_without_a_project_section_the_name_stands_for_everything(tmp_path: Path) -> None:
    with _client(write_manifests(tmp_path, name="bird-counter")) as client:
        page = client.get("/")
        client.get("/language/ru?next=/")

        assert "<title>bird-counter</title>" in page.text
        assert [cookie.name for cookie in client.cookies.jar] == ["bird_counter_session"]
