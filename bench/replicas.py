"""``make bench-replicas``: one runtime replica against two behind HAProxy on the same machine, and a rolling restart
of the two under the same load.

Each phase sends steady load for a fixed time: N clients, each posting its next inference request as soon as the last
one was answered, through Debian's HAProxy (``app.stack.haproxy``, the balancer of ``stack --replicas``) to runtime
processes (``bench.serving``'s launcher, auth on, tokens from the tests' Keycloak-shaped provider). One replica is
behind the same balancer, so both figures pay the same hop. The rolling restart takes each replica in turn out of the
balancer's rotation, stops it once what it has is answered (SIGTERM: it drains), starts it again on its port and puts
it back, waiting until the balancer sends it requests again before the next, while the clients keep sending; every
request that did not answer 200 counts as failed.

The model is the receipt module's Tesseract reader on a bundled sample (``--module noop``: the no-op module, what
serving costs); the figures are this machine's, shared with whatever else runs on it.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.stack.haproxy import SERVED_BY, HAProxyServer
from app.stack.processes import free_ports
from bench.serving.run import SAMPLE, RunningServer, Scenario, identity_provider, runtime_server, scenarios
from bench.serving.runtime_server import BENCH_GROUP
from bench.steady_load import Phase, SteadyLoad

ROOT = Path(__file__).resolve().parents[1]
WORKDIR = ROOT / "bench" / "results" / "tmp" / "replicas"
"""Server and balancer logs of the last run (ignored by git)."""
MODULES = ("receipt", "noop")
READY_PATH = "/v2/health/ready"


@dataclass(frozen=True)
class Settings:
    module: str = "receipt"
    clients: int = 8
    seconds: float = 20.0
    warmup_s: float = 5.0


def _scenario(module: str) -> Scenario:
    noop, receipt = scenarios(SAMPLE, noop_requests=0, receipt_requests=0)
    return receipt if module == "receipt" else noop


def _wait_until_served_by(balancer_url: str, replicas: Sequence[str], timeout_s: float = 60) -> None:
    """Until the balancer has sent a health request to each of ``replicas`` (their health check passed)."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout_s
    while not seen.issuperset(replicas):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the balancer did not route to {sorted(set(replicas) - seen)} within {timeout_s:g} s")
        try:
            answer = httpx.get(balancer_url + READY_PATH, timeout=5)
            if answer.status_code == 200:
                seen.add(answer.headers.get(SERVED_BY, "?"))
        except httpx.HTTPError:
            pass
        time.sleep(0.05)


class Replicas:
    """Runtime replicas on fixed ports behind one HAProxy; ``restart(i)`` stops replica i and starts it again."""

    def __init__(self, scenario: Scenario, issuer: str, count: int, queue: int, workdir: Path) -> None:
        self.scenario, self.issuer, self.queue, self.workdir = scenario, issuer, queue, workdir
        self.ports = free_ports(count + 1)
        self._running: list[ExitStack] = []
        self.balancer = HAProxyServer(
            workdir / f"haproxy-{count}", targets=[f"127.0.0.1:{port}" for port in self.ports[:-1]],
            health_path=READY_PATH, port=self.ports[-1],
        )  # fmt: skip

    @property
    def names(self) -> list[str]:
        return [f"replica{index}" for index in range(1, len(self.ports))]

    def _start(self, port: int) -> ExitStack:
        stack = ExitStack()
        server: AbstractContextManager[RunningServer] = runtime_server(
            self.scenario, self.issuer, self.queue, self.workdir, port=port
        )
        stack.enter_context(server)
        return stack

    def __enter__(self) -> Replicas:
        self._running = [self._start(port) for port in self.ports[:-1]]
        self.balancer.__enter__()
        _wait_until_served_by(self.balancer.url, self.names)
        return self

    def restart(self, index: int) -> None:
        """A rollout's step: out of the balancer's rotation once its requests are answered, SIGTERM, started again and
        back in the rotation."""
        name = self.names[index]
        self.balancer.take_out(name)
        self._running[index].close()  # SIGTERM: the replica drains, then exits
        self._running[index] = self._start(self.ports[index])
        self.balancer.put_back(name)
        _wait_until_served_by(self.balancer.url, [name])

    def __exit__(self, *_: object) -> None:
        self.balancer.__exit__(None, None, None)
        for stack in self._running:
            stack.close()


def run(settings: Settings, workdir: Path = WORKDIR) -> list[Phase]:
    """The three phases: steady load on one replica, on two, and a rolling restart of the two under load."""
    workdir.mkdir(parents=True, exist_ok=True)
    scenario = _scenario(settings.module)
    phases: list[Phase] = []
    with identity_provider() as idp:
        headers = {"Authorization": f"Bearer {idp.mint(groups=[BENCH_GROUP], lifetime_s=3600)}"}
        for count in (1, 2):
            with (
                Replicas(scenario, idp.issuer, count, settings.clients, workdir) as replicas,
                SteadyLoad(_infer_url(replicas, scenario), scenario.body, headers, settings.clients) as load,
            ):
                time.sleep(settings.warmup_s)
                name = f"{count} replica{'s' if count > 1 else ''}"
                with load.measure(Phase(name, count, settings.clients)) as phase:
                    time.sleep(settings.seconds)
                phases.append(phase)
                _print(phase)
                if count == 2:
                    with load.measure(Phase("rolling restart", count, settings.clients)) as phase:
                        for index in range(count):
                            replicas.restart(index)
                    phases.append(phase)
                    _print(phase)
    return phases


def _infer_url(replicas: Replicas, scenario: Scenario) -> str:
    return f"{replicas.balancer.url}/v2/models/{scenario.model}/infer"


def _print(phase: Phase) -> None:
    print(
        f"  {phase.name:16} {phase.clients} clients {phase.seconds:5.1f} s: {phase.requests_per_s:7.2f} req/s  "
        f"p50 {phase.percentile_ms(50):8.1f} ms  p95 {phase.percentile_ms(95):8.1f} ms  failed {phase.failed}"
        f" {dict(phase.failures) or ''}  served by {dict(phase.served_by)}",
        flush=True,
    )
    for outcome, example in phase.failure_examples.items():
        print(f"    first {outcome}: {example}", flush=True)


def _ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.1f}"


def markdown_table(phases: Sequence[Phase]) -> str:
    """The figures as the README and docs/scaling.md show them."""
    lines = [
        "| replicas behind HAProxy | clients | seconds | answered | requests/s | p50 ms | p95 ms | failed |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for phase in phases:
        label = phase.name if phase.name != "rolling restart" else "2, rolling restart (each drained, restarted)"
        lines.append(
            f"| {label} | {phase.clients} | {phase.seconds:.1f} | {len(phase.latencies_ms)} | "
            f"{phase.requests_per_s:.2f} | {_ms(phase.percentile_ms(50))} | {_ms(phase.percentile_ms(95))} | "
            f"{phase.failed} |"
        )
    return "\n".join(lines)


def report(phases: Sequence[Phase], settings: Settings) -> str:
    scenario = _scenario(settings.module)
    single = next((p for p in phases if p.replicas == 1), None)
    double = next((p for p in phases if p.replicas == 2 and p.name != "rolling restart"), None)
    ratio = (
        f"Two replicas: {double.requests_per_s / single.requests_per_s:.2f}× one replica's requests/s."
        if single and double and single.requests_per_s
        else ""
    )
    failures = Counter[str]()
    for phase in phases:
        failures.update(phase.failures)
    failed = f"Failed requests by outcome: {dict(failures)}." if failures else "No request failed."
    return (
        f"{markdown_table(phases)}\n\n{' '.join(part for part in (ratio, failed) if part)}\n\n"
        f"Model `{scenario.model}` ({settings.module}); {settings.clients} clients without pause, "
        f"{settings.warmup_s:g} s warm-up then {settings.seconds:g} s measured per setting; {os.cpu_count()} CPU "
        "cores shared by the replicas, HAProxy and the clients. `make bench-replicas`.\n"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", choices=MODULES, default=Settings.module, help="the model under load")
    parser.add_argument("--clients", type=int, default=Settings.clients, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=Settings.seconds, help="measured seconds per setting")
    parser.add_argument("--warmup", type=float, default=Settings.warmup_s, help="unmeasured seconds first")
    parser.add_argument("--out", type=Path, help="also write the report here (markdown)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.warmup < 0:
        parser.error("--clients must be at least 1, --seconds above 0 and --warmup not negative")
    settings = Settings(args.module, args.clients, args.seconds, args.warmup)
    text = report(run(settings), settings)
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
