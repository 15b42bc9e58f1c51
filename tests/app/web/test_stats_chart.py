"""The stats page's charts as geometry: the last hour minute by minute from the runtime's per-minute series."""

from __future__ import annotations

from typing import Any

from app.web.stats import CALLS_HEIGHT, MINUTE_WIDTH, TIMELINE_HEIGHT, TOP_MARGIN, timeline_chart


def _minute(start: int, calls: int = 0, errors: int = 0, p50: float | None = None, p95: float | None = None) -> Any:
    return {"start": start, "calls": calls, "errors": errors, "p50_ms": p50, "p95_ms": p95}


def test_timeline_scales_calls_and_latency_to_their_peaks() -> None:
    series = [_minute(0), _minute(60, calls=4, errors=1, p50=100, p95=200), _minute(120, calls=2, p50=50, p95=80)]

    chart = timeline_chart(series)

    base = TOP_MARGIN + TIMELINE_HEIGHT + CALLS_HEIGHT
    assert (chart.max_ms, chart.max_calls, chart.width) == (200.0, 4, 3 * MINUTE_WIDTH)
    assert [(bar.x, bar.y, bar.height) for bar in chart.calls] == [
        (MINUTE_WIDTH, base - CALLS_HEIGHT, CALLS_HEIGHT),
        (2 * MINUTE_WIDTH, base - CALLS_HEIGHT // 2, CALLS_HEIGHT // 2),
    ]
    assert [bar.value for bar in chart.errors] == [1]  # worded by the template, in the page's language
    half = MINUTE_WIDTH // 2
    assert chart.p95 == f"{MINUTE_WIDTH + half},{TOP_MARGIN} {2 * MINUTE_WIDTH + half},{TOP_MARGIN + 60}"
    assert chart.p50.split()[0] == f"{MINUTE_WIDTH + half},{TOP_MARGIN + 50}"


def test_a_quiet_hour_draws_no_lines() -> None:
    chart = timeline_chart([_minute(60 * i) for i in range(60)])

    assert (chart.calls, chart.errors, chart.p50, chart.p95) == ([], [], "", "")
    assert chart.width == 60 * MINUTE_WIDTH
