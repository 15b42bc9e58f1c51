"""The monitoring pages admins browse, through TestClient, against the live runtime of the web tests: who may see
them, what the request log, the publication history and the log lines show, and the runtime's refusals."""

from __future__ import annotations

import logging
import re
import time

import httpx
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from web_kit import MANIFESTS, sign_in, web_token

from app.manifests import load_manifests

ADMINS = load_manifests(MANIFESTS).admin_groups
JUNK = {"inputs": [{"name": "image", "datatype": "BYTES", "shape": [1], "data": ["not a photo"]}]}


def _model_group() -> str:
    manifests = load_manifests(MANIFESTS)
    return manifests.groups_for(manifests.models[0].name)[0]


def _admin(client: TestClient, realm: TestIdentityProvider, username: str = "root") -> str:
    return sign_in(client, web_token(realm, ADMINS[0], username=username))


def _infer_as(runtime_url: str, realm: TestIdentityProvider, username: str) -> int:
    """One refused request (not an image) to the runtime, straight, as ``username``: a line in its request log."""
    model = load_manifests(MANIFESTS).models[0].name
    token = web_token(realm, _model_group(), username=username)
    answer = httpx.post(
        f"{runtime_url}/v2/models/{model}/infer", json=JUNK, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    return answer.status_code


def test_monitoring_is_for_admins_only(client: TestClient, realm: TestIdentityProvider) -> None:
    assert client.get("/monitoring", follow_redirects=False).headers["location"] == "/auth/login?next=/monitoring"
    sign_in(client, web_token(realm, _model_group(), username="carol"))
    for path in ("/monitoring", "/monitoring/publications", "/monitoring/logs"):
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert 'data-testid="admins-only"' in refused.text and ADMINS[0] in refused.text
    assert 'data-testid="monitoring-link"' not in client.get("/stats").text
    _admin(client, realm)
    assert 'data-testid="monitoring-link"' in client.get("/stats").text


def _nav_links(page: str) -> list[str]:
    nav = re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', page, re.S)
    assert nav, page
    return re.findall(r'href="([^"]+)"', nav.group(1))


def test_a_refused_page_links_only_to_pages_the_person_may_open(
    client: TestClient, realm: TestIdentityProvider
) -> None:
    sign_in(client, web_token(realm, username="mallory"))  # in no group at all
    refused = client.get("/monitoring")
    assert refused.status_code == 403 and 'data-testid="admins-only"' in refused.text
    assert _nav_links(refused.text) == []
    sign_in(client, web_token(realm, _model_group(), username="carol"))  # a member, not an admin
    refused = client.get("/monitoring")
    assert refused.status_code == 403
    assert {"/", "/stats"} <= set(_nav_links(refused.text)) and "/monitoring" not in _nav_links(refused.text)


def test_request_log_shows_and_filters_requests(
    client: TestClient, realm: TestIdentityProvider, runtime_url: str
) -> None:
    user = f"u{time.monotonic_ns()}"
    status = _infer_as(runtime_url, realm, user)
    _admin(client, realm)

    page = client.get("/monitoring", params={"user": user, "status": "4xx"})
    everyone = client.get("/monitoring", params={"limit": "50"})
    ok_only = client.get("/monitoring", params={"user": user, "status": "200"})

    assert page.status_code == 200 and 400 <= status < 500
    rows = re.findall(r'data-testid="request" data-status="(\d+)"', page.text)
    assert rows == [str(status)]
    assert f'<td data-label="User">{user}</td>' in page.text
    assert 'data-source="process"' in page.text  # the web tests' runtime has no shared store
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" data-local data-seconds>', page.text)
    assert user in everyone.text
    assert "No requests match." in ok_only.text


def test_a_bad_filter_shows_the_runtimes_words(client: TestClient, realm: TestIdentityProvider) -> None:
    _admin(client, realm)
    page = client.get("/monitoring", params={"status": "2x"})
    assert page.status_code == 200
    assert 'data-testid="monitoring-problem"' in page.text and "status must be an HTTP status" in page.text


def test_publication_history_shows_the_loaded_version(client: TestClient, realm: TestIdentityProvider) -> None:
    _admin(client, realm)
    page = client.get("/monitoring/publications")
    assert page.status_code == 200
    assert 'data-event="loaded"' in page.text
    assert load_manifests(MANIFESTS).models[0].name in page.text


def test_log_lines_of_the_runtime_and_of_the_web_app(client: TestClient, realm: TestIdentityProvider) -> None:
    marker = f"disk nearly full {time.monotonic_ns()}"
    logging.getLogger("app.monitoring.test").warning(marker)  # one process here: every service's ring gets it
    _admin(client, realm)

    runtime = client.get("/monitoring/logs", params={"service": "runtime", "level": "warning"})
    web = client.get("/monitoring/logs", params={"service": "web", "level": "warning"})
    errors_only = client.get("/monitoring/logs", params={"service": "runtime", "level": "error"})
    files = client.get("/monitoring/logs", params={"service": "files"})
    unknown = client.get("/monitoring/logs", params={"service": "db"})

    assert marker in runtime.text and 'data-level="warning"' in runtime.text
    assert marker in web.text and 'data-testid="own-lines"' in web.text  # no shared store: the app's own ring
    assert marker not in errors_only.text
    assert files.status_code == 200 and "in its JSON log on stdout" in files.text
    assert "service must be one of runtime, files, web" in unknown.text


def test_the_pages_speak_russian(client: TestClient, realm: TestIdentityProvider) -> None:
    _admin(client, realm)
    page = client.get("/monitoring/publications", headers={"Accept-Language": "ru"})
    assert "Мониторинг" in page.text and "Публикации" in page.text
