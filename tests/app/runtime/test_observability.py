"""Call statistics: windows of the last 1, 5 and 60 minutes, the hour minute by minute, and the versions served."""

from __future__ import annotations

from app.runtime.observability import CallStats, redact

NOW = 1_800_000_000.0  # a minute boundary: 1_800_000_000 = 30_000_000 * 60


def test_windows_count_calls_errors_and_percentiles_by_age() -> None:
    stats = CallStats()
    for age_s, latency, ok in [(10, 100.0, True), (20, 300.0, False), (200, 50.0, True), (3000, 900.0, True)]:
        stats.record(latency, ok, "v1", now=NOW - age_s)

    windows = stats.summary(now=NOW)["windows"]

    assert (windows["1m"]["calls"], windows["1m"]["errors"]) == (2, 1)
    assert (windows["5m"]["calls"], windows["60m"]["calls"]) == (3, 4)
    assert windows["1m"]["p50_ms"] == 100.0 and windows["60m"]["p99_ms"] == 900.0  # nearest rank, lower median
    assert windows["60m"]["throughput_rps"] == round(4 / 3600, 4)


def test_series_has_each_minute_of_the_hour_oldest_first() -> None:
    stats = CallStats()
    stats.record(120.0, True, "v1", now=NOW - 30)  # the minute before NOW's
    stats.record(80.0, False, "v1", now=NOW - 45)
    stats.record(40.0, True, "v1", now=NOW + 5)  # NOW's own minute
    stats.record(10.0, True, "v1", now=NOW - 3700)  # older than the hour: left out

    series = stats.summary(now=NOW + 10)["series"]

    assert len(series) == 60
    assert [minute["start"] for minute in series] == [NOW - 59 * 60 + 60 * i for i in range(60)]
    last, before = series[-1], series[-2]
    assert (last["calls"], last["errors"], last["p50_ms"]) == (1, 0, 40.0)
    assert (before["calls"], before["errors"], before["p95_ms"]) == (2, 1, 120.0)
    assert sum(minute["calls"] for minute in series) == 3
    assert series[0]["p50_ms"] is None


def test_versions_served_are_listed_in_order_of_first_call() -> None:
    stats = CallStats()
    stats.record(1.0, True, "v2", now=NOW - 10)
    stats.record(1.0, True, "v1", now=NOW - 100)
    stats.record(1.0, True, "v2", now=NOW - 5)

    versions = stats.summary(now=NOW)["versions"]

    assert [(v["version"], v["calls"]) for v in versions] == [("v1", 1), ("v2", 2)]  # v1 first called earlier


def test_redact_masks_secrets_and_caps_payloads() -> None:
    payload = {"Authorization": "Bearer x", "image": b"\\x00" * 10, "note": "n" * 300, "items": list(range(30))}

    assert redact(payload) == {
        "Authorization": "***",
        "image": "<40 bytes>",
        "note": "<300 characters>",
        "items": list(range(20)),
    }
