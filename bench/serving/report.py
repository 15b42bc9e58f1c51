"""The serving benchmark's figures as a markdown table (pasted into the README) and a plot."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.serving.loadgen import LevelResult

RUNTIME = "runtime"
RUNTIME_NO_AUTH = "runtime, auth off"
MLSERVER = "MLServer"
DIRECT = "direct inference() call"

THROUGHPUT_TARGET = 1.5
"""Our runtime's no-op requests/s over MLServer's, at the best level of each."""
OVERHEAD_TARGET_MS = 3.0
"""Our runtime's p50 at one client over the p50 of calling ``inference()`` in-process."""


@dataclass(frozen=True)
class Row:
    scenario: str
    server: str
    level: LevelResult


@dataclass
class ServingResults:
    rows: list[Row] = field(default_factory=list)
    direct_p50_ms: dict[str, float] = field(default_factory=dict)
    direct_calls: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    """Server → why it was not measured."""
    notes: list[str] = field(default_factory=list)

    def scenarios(self) -> list[str]:
        return list(dict.fromkeys(row.scenario for row in self.rows))

    def servers(self) -> list[str]:
        return list(dict.fromkeys(row.server for row in self.rows))

    def levels(self, scenario: str, server: str) -> list[LevelResult]:
        return [row.level for row in self.rows if row.scenario == scenario and row.server == server]

    def level(self, scenario: str, server: str, concurrency: int) -> LevelResult | None:
        return next((lv for lv in self.levels(scenario, server) if lv.concurrency == concurrency), None)

    def peak_throughput(self, scenario: str, server: str) -> float:
        return max((level.throughput for level in self.levels(scenario, server)), default=math.nan)

    def server_cpu_ms(self, scenario: str, server: str) -> float:
        """The server's CPU time per request over all levels; NaN when not measured."""
        levels = self.levels(scenario, server)
        if not levels or any(level.server_cpu_s is None for level in levels):
            return math.nan
        sent = sum(level.ok + level.failed for level in levels)
        return sum(level.server_cpu_s or 0.0 for level in levels) * 1000 / sent if sent else math.nan

    def client_cpu_ms(self, scenario: str) -> float:
        """The load generator's CPU time per request over every server and level; NaN when not measured."""
        levels = [row.level for row in self.rows if row.scenario == scenario]
        if not levels or any(level.client_cpu_s is None for level in levels):
            return math.nan
        sent = sum(level.ok + level.failed for level in levels)
        return sum(level.client_cpu_s or 0.0 for level in levels) * 1000 / sent if sent else math.nan

    def overhead_ms(self, scenario: str, server: str = RUNTIME) -> float:
        """p50 at one client minus the direct call's p50; NaN when either is missing."""
        single = self.level(scenario, server, 1)
        direct = self.direct_p50_ms.get(scenario)
        if single is None or direct is None:
            return math.nan
        return single.percentile_ms(50) - direct


def _ms(value: float) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:.3f}" if value < 1 else f"{value:.1f}" if value < 1000 else f"{value:.0f}"


def _ratio(ours: float, theirs: float) -> str:
    return "—" if math.isnan(ours) or math.isnan(theirs) or theirs <= 0 else f"{ours / theirs:.2f}×"


def markdown_table(results: ServingResults) -> str:
    """One row per module, server and client count; the last column compares requests/s with MLServer's."""
    lines = [
        "| module | server | clients | requests | failed | req/s | p50 ms | p99 ms | server CPU ms/req "
        "| req/s vs MLServer |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario in results.scenarios():
        for server in results.servers():
            for level in results.levels(scenario, server):
                reference = results.level(scenario, MLSERVER, level.concurrency)
                vs = _ratio(level.throughput, reference.throughput) if reference and server != MLSERVER else ""
                lines.append(
                    f"| {scenario} | {server} | {level.concurrency} | {level.ok} | {level.failed} "
                    f"| {level.throughput:.1f} | {_ms(level.percentile_ms(50))} | {_ms(level.percentile_ms(99))} "
                    f"| {_ms(level.server_cpu_ms_per_request)} | {vs} |"
                )
        if scenario in results.direct_p50_ms:
            calls = results.direct_calls.get(scenario, 0)
            direct = _ms(results.direct_p50_ms[scenario])
            lines.append(f"| {scenario} | {DIRECT} | 1 | {calls} | | | {direct} | | | |")
    return "\n".join(lines)


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def target_lines(results: ServingResults, noop: str, receipt: str) -> list[str]:
    """The issue's two targets, judged on the no-op module where serving is all there is to measure."""
    lines = []
    ours, theirs = results.peak_throughput(noop, RUNTIME), results.peak_throughput(noop, MLSERVER)
    if MLSERVER in results.skipped:
        lines.append(f"- ⚠️ throughput against MLServer not measured: {results.skipped[MLSERVER]}")
    else:
        ratio = ours / theirs if theirs > 0 else math.nan
        lines.append(
            f"- {_mark(ratio >= THROUGHPUT_TARGET)} {noop} throughput, best level of each: runtime {ours:.0f} req/s, "
            f"MLServer {theirs:.0f} req/s = {ratio:.2f}× (target ≥ {THROUGHPUT_TARGET}×)"
        )
        our_cpu, their_cpu = results.server_cpu_ms(noop, RUNTIME), results.server_cpu_ms(noop, MLSERVER)
        if not math.isnan(our_cpu) and not math.isnan(their_cpu):
            lines.append(
                f"- server CPU per {noop} request, all levels: runtime {our_cpu:.2f} ms, runtime with auth off "
                f"{results.server_cpu_ms(noop, RUNTIME_NO_AUTH):.2f} ms, MLServer {their_cpu:.2f} ms: MLServer "
                f"spends {their_cpu / our_cpu:.2f}× our CPU per request, whatever the load generator's share of the "
                "cores"
            )
        client_cpu = results.client_cpu_ms(noop)
        if not math.isnan(client_cpu):
            lines.append(
                f"- the load generator spent {client_cpu:.3f} ms of CPU per {noop} request, all servers and levels: "
                "it shares the cores with the server it measures, so the lighter it is, the more requests/s measure "
                "the server alone"
            )
    overhead = results.overhead_ms(noop)
    lines.append(
        f"- {_mark(overhead <= OVERHEAD_TARGET_MS)} runtime overhead over a direct inference() call, p50 at one "
        f"client: {overhead:.2f} ms on the {noop} module (target ≤ {OVERHEAD_TARGET_MS:g} ms)"
    )
    receipt_overhead = results.overhead_ms(receipt)
    single = results.level(receipt, RUNTIME, 1)
    if single is not None and not math.isnan(receipt_overhead):
        lines.append(
            f"- on the {receipt} module: runtime p50 {single.percentile_ms(50):.0f} ms at one client, direct call "
            f"{results.direct_p50_ms[receipt]:.0f} ms ({receipt_overhead:+.0f} ms): the OCR's own run-to-run spread "
            "on a shared machine is larger than any serving overhead"
        )
    auth_cost = results.overhead_ms(noop, RUNTIME) - results.overhead_ms(noop, RUNTIME_NO_AUTH)
    if not math.isnan(auth_cost):
        lines.append(f"- token verification costs {auth_cost:.2f} ms p50 per request (auth on vs off, {noop} module)")
    return lines


def markdown(results: ServingResults, title: str, noop: str, receipt: str) -> str:
    parts = [f"# {title}", "", markdown_table(results), "", "## Targets", "", *target_lines(results, noop, receipt)]
    if results.notes:
        parts += ["", "## How it was measured", "", *(f"- {note}" for note in results.notes)]
    return "\n".join(parts) + "\n"


def plot(results: ServingResults, path: Path) -> None:
    """Requests/s and p50/p99 latency against clients, one row per module, one line per server."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scenarios = results.scenarios()
    figure, axes = plt.subplots(len(scenarios), 2, figsize=(11, 4 * len(scenarios)), squeeze=False)
    for row, scenario in enumerate(scenarios):
        throughput_axis, latency_axis = axes[row]
        for index, server in enumerate(results.servers()):
            levels = results.levels(scenario, server)
            clients = [level.concurrency for level in levels]
            color = f"C{index}"
            p50, p99 = [lv.percentile_ms(50) for lv in levels], [lv.percentile_ms(99) for lv in levels]
            throughput_axis.plot(clients, [lv.throughput for lv in levels], "o-", color=color, label=server)
            latency_axis.plot(clients, p50, "o-", color=color, label=f"{server} p50")
            latency_axis.plot(clients, p99, "x--", color=color, label=f"{server} p99")
        if scenario in results.direct_p50_ms:
            latency_axis.axhline(results.direct_p50_ms[scenario], color="grey", linestyle=":", label=DIRECT + " p50")
        _style(throughput_axis, f"{scenario}: throughput", "requests/s")
        _style(latency_axis, f"{scenario}: latency", "ms (log)")
        latency_axis.set_yscale("log")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _style(axis: Any, title: str, ylabel: str) -> None:
    axis.set_xscale("log", base=2)
    axis.set_title(title)
    axis.set_xlabel("concurrent clients")
    axis.set_ylabel(ylabel)
    axis.grid(True, alpha=0.3)
    axis.legend(fontsize=7)
