"""The stats page: calls, errors, latency percentiles and throughput of each model the person may use, from the
runtime's ``GET /v2/models/{name}/stats``: per window and minute by minute over the last hour, drawn as inline SVG
(no chart library to vendor)."""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.clients import ServiceError
from app.web.i18n import request_language
from app.web.state import Member, SignInRequired, render, web_state

router = APIRouter(tags=["stats"])

PERCENTILES = ("p50_ms", "p95_ms", "p99_ms")
CHART_HEIGHT = 120
BAR_WIDTH = 18
GROUP_GAP = 22
TOP_MARGIN = 8


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    series: str
    value: float
    """What the bar stands for (milliseconds, or calls in a minute); the template words it in the page's language."""


@dataclass(frozen=True)
class LatencyChart:
    """Grouped bars: per window (1, 5, 60 min) the p50, p95 and p99 latency, scaled to the largest."""

    bars: list[Bar]
    groups: list[tuple[int, str]]
    width: int
    height: int
    max_ms: float


def latency_chart(windows: dict[str, dict[str, Any]]) -> LatencyChart:
    values = [float(window.get(key) or 0) for window in windows.values() for key in PERCENTILES]
    top = max([*values, 1.0])
    bars: list[Bar] = []
    groups: list[tuple[int, str]] = []
    x = 4
    for name, window in windows.items():
        groups.append((x + (BAR_WIDTH * len(PERCENTILES)) // 2, name))
        for key in PERCENTILES:
            value = float(window.get(key) or 0)
            height = round(value / top * CHART_HEIGHT)
            bars.append(Bar(x, TOP_MARGIN + CHART_HEIGHT - height, height, key.removesuffix("_ms"), value))
            x += BAR_WIDTH
        x += GROUP_GAP
    return LatencyChart(bars, groups, x, TOP_MARGIN + CHART_HEIGHT + 20, top)


MINUTE_WIDTH = 6
TIMELINE_HEIGHT = 100
CALLS_HEIGHT = 30
"""The band under the latency lines where the calls of each minute stand as bars."""


@dataclass(frozen=True)
class Timeline:
    """The last hour minute by minute: calls (and errors) as bars, p50 and p95 latency as lines."""

    calls: list[Bar]
    errors: list[Bar]
    p50: str
    p95: str
    width: int
    height: int
    max_ms: float
    max_calls: int


def timeline_chart(series: list[dict[str, Any]]) -> Timeline:
    """SVG geometry for ``series`` (the runtime's per-minute stats); a minute without calls breaks no line, it is
    simply not a point."""
    top_ms = max([float(m.get("p95_ms") or m.get("p50_ms") or 0) for m in series] + [1.0])
    top_calls = max([int(m.get("calls") or 0) for m in series] + [1])
    base = TOP_MARGIN + TIMELINE_HEIGHT + CALLS_HEIGHT
    calls: list[Bar] = []
    errors: list[Bar] = []
    lines: dict[str, list[str]] = {"p50_ms": [], "p95_ms": []}
    for index, minute in enumerate(series):
        x = index * MINUTE_WIDTH
        count, failed = int(minute.get("calls") or 0), int(minute.get("errors") or 0)
        if count:
            height = max(1, round(count / top_calls * CALLS_HEIGHT))
            calls.append(Bar(x, base - height, height, "calls", count))
        if failed:
            height = max(1, round(failed / top_calls * CALLS_HEIGHT))
            errors.append(Bar(x, base - height, height, "errors", failed))
        for key, points in lines.items():
            if (value := minute.get(key)) is not None:
                y = TOP_MARGIN + TIMELINE_HEIGHT - round(float(value) / top_ms * TIMELINE_HEIGHT)
                points.append(f"{x + MINUTE_WIDTH // 2},{y}")
    width = max(len(series), 1) * MINUTE_WIDTH
    return Timeline(
        calls, errors, " ".join(lines["p50_ms"]), " ".join(lines["p95_ms"]), width, base + 4, top_ms, top_calls
    )


def figures_source(summary: dict[str, Any]) -> dict[str, Any]:
    """Where the runtime took the figures from, as its stats API says: ``prometheus`` (every replica, ``replicas`` of
    them reporting) or ``process`` (the one runtime process that answered; ``source_error`` when Prometheus was asked
    and failed). An older runtime that says nothing counted in its own process."""
    source = "prometheus" if summary.get("source") == "prometheus" else "process"
    replicas = summary.get("replicas") if source == "prometheus" else None
    return {"source": source, "replicas": replicas, "source_error": str(summary.get("source_error") or "")}


@router.get("/stats", response_class=HTMLResponse)
def stats(request: Request, login: Member) -> HTMLResponse:
    """Per model: the windows' figures, a latency chart, and the versions served; refreshed by htmx every 10 s."""
    state = web_state(request)
    models = []
    for model in state.models_for(login.principal):
        entry: dict[str, Any] = {"name": model.name, "description": model.description_in(request_language(request))}
        try:
            summary = state.runtime.stats(login.access_token, model.name)
        except ServiceError as error:
            if error.kind == "signed_out":
                raise SignInRequired from error
            entry["problem"] = error.kind
        else:
            windows = summary.get("windows", {})
            entry |= {
                "version": summary.get("model_version"),
                "windows": windows,
                "versions": summary.get("versions", []),
                "chart": latency_chart(windows),
                "timeline": timeline_chart(summary.get("series", [])),
                **figures_source(summary),
            }
        models.append(entry)
    return render(request, "stats.html", {"models": models}, block="stats")
