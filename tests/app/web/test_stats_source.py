"""The stats page says where its figures come from, as the runtime's stats API reports it: Prometheus over every
replica, or the one runtime process that answered (and why, when Prometheus was asked and failed); in both languages.

The runtime's answers are given here (the runtime side, with a real Prometheus, is tests/app/runtime/
test_cluster_stats.py); test_pages.py reads the page of a live runtime without Prometheus."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from auth_fixtures import TESSERACT_GROUP, TestIdentityProvider
from fastapi.testclient import TestClient
from web_kit import CLOSED_URL, attribute, sign_in, web_app, web_settings, web_token

from app.web.main import _timestamp
from app.web.state import WebState
from app.web.stats import figures_source

MODEL = "tesseract-ocr"
WINDOWS = {"1m": {"calls": 2, "errors": 0, "p50_ms": 10.0, "p95_ms": 12.0, "p99_ms": 12.0, "throughput_rps": 0.03}}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"source": "prometheus", "replicas": 3}, {"source": "prometheus", "replicas": 3, "source_error": ""}),
        ({"source": "process"}, {"source": "process", "replicas": None, "source_error": ""}),
        (
            {"source": "process", "source_error": "connection refused", "replicas": 9},
            {"source": "process", "replicas": None, "source_error": "connection refused"},
        ),
        ({}, {"source": "process", "replicas": None, "source_error": ""}),
    ],
    ids=["prometheus", "process", "prometheus-down", "older-runtime"],
)
def test_figures_source_from_the_stats_answer(answer: dict[str, Any], expected: dict[str, Any]) -> None:
    assert figures_source(answer) == expected


@pytest.fixture(scope="module")
def stats_client(realm: TestIdentityProvider) -> Iterator[TestClient]:
    """The web app whose runtime answers the stats the test puts in ``answers``."""
    with TestClient(web_app(web_settings(realm.issuer, CLOSED_URL, CLOSED_URL))) as client:
        yield client


def _page(client: TestClient, realm: TestIdentityProvider, answer: dict[str, Any], language: str) -> str:
    state: WebState = client.app.state.web  # type: ignore[attr-defined]
    state.runtime.stats = lambda token, model: {"windows": WINDOWS, **answer}  # type: ignore[method-assign]
    state.runtime.served_models = lambda max_age_s=10: frozenset({MODEL})  # type: ignore[method-assign]
    sign_in(client, web_token(realm, TESSERACT_GROUP))
    response = client.get("/stats", headers={"Accept-Language": language})
    assert response.status_code == 200, response.text
    return response.text


SAYS = {"prometheus": ("replicas reporting: 3", "реплик в отчёте: 3"), "process": ("its calls only", "лишь его вызовы")}
SAYS_DOWN = ("did not answer", "не ответил")


@pytest.mark.parametrize(
    "answer",
    [
        {"source": "prometheus", "replicas": 3},
        {"source": "process"},
        {"source": "process", "source_error": "Prometheus at http://p:9090: refused"},
    ],
    ids=["prometheus", "process", "prometheus-down"],
)
def test_stats_page_says_where_figures_come_from(
    stats_client: TestClient, realm: TestIdentityProvider, answer: dict[str, Any]
) -> None:
    english_page = _page(stats_client, realm, answer, "en")
    russian_page = _page(stats_client, realm, answer, "ru")

    assert attribute(english_page, f"stats-source-{MODEL}", "data-source") == answer["source"]
    english, russian = SAYS_DOWN if "source_error" in answer else SAYS[answer["source"]]
    assert english in english_page and russian in russian_page
    if "source_error" in answer:
        assert "http://p:9090: refused" in english_page  # the detail, under "Technical detail"


def test_stats_times_are_shown_in_the_readers_time_zone() -> None:
    """A version's first and last call go out as <time data-local>, which the page's script turns to local time."""
    shown = str(_timestamp(1_764_892_800.0))
    assert shown == (
        '<time datetime="2025-12-05T00:00:00+00:00" data-local data-seconds>2025-12-05 00:00:00 UTC</time>'
    )
    assert _timestamp("—") == "—"
