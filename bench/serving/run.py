"""``make bench-serving``: our runtime and Seldon MLServer serving the same modules, side by side in one run.

Two modules: a no-op (what serving itself costs) and the receipt extractor (Tesseract, one bundled sample). Each is
served by our runtime with auth on, by our runtime with auth off and by MLServer, each a subprocess on 127.0.0.1,
all three up at once; the load generator sends the same request at 1, 8 and 32 concurrent clients, taking the
servers in turn, round after round, so that load from elsewhere on this shared machine falls on all of them alike.
Before any load, the servers' answers are compared, so the figures compare identical work. The in-process "direct
call" of ``inference()`` is the floor no server can beat.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import importlib.util
import json
import math
import os
import socket
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.auth import VERIFIED_CACHE_TTL_S
from app.manifests import load_manifests
from app.runtime.main import drain_seconds
from app.stack.processes import running_service
from bench.serving.contract import contract_call
from bench.serving.loadgen import LevelResult, Target, merge, requests_at, run_level
from bench.serving.report import MLSERVER, RUNTIME, RUNTIME_NO_AUTH, Row, ServingResults, markdown, plot
from bench.serving.runtime_server import BENCH_GROUP

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
WORKDIR = RESULTS / "tmp" / "serving"
"""Model settings and server logs of the last run (ignored by git)."""
SAMPLE = ROOT / "model" / "samples" / "doc_0000.png"
MLSERVER_BIN = ROOT / ".venv-mlserver" / "bin" / "mlserver"
LEVELS = (1, 8, 32)
NOOP, RECEIPT = "no-op", "receipt"
NOOP_PAYLOAD = bytes(range(256)) * 4
"""1 KiB: small enough that moving it costs nothing, binary so it travels as base64 like a photo."""
START_TIMEOUT_S = 120
LEVEL_DEADLINE_S = 120


@dataclass(frozen=True)
class Scenario:
    """One module, its request, and how many requests each level sends to each server, in how many rounds."""

    name: str
    entrypoint: str
    model: str
    model_key: str
    request: Mapping[str, Any]
    requests: int
    rounds: int
    warmup: int
    direct_calls: int

    @property
    def body(self) -> bytes:
        return json.dumps(self.request).encode()


def _file_request(input_name: str, data: bytes) -> dict[str, Any]:
    encoded = base64.b64encode(data).decode("ascii")
    tensor = {"name": input_name, "datatype": "BYTES", "shape": [1], "parameters": {"content_type": "base64"}}
    return {"inputs": [{**tensor, "data": [encoded]}]}


def scenarios(sample: Path, noop_requests: int, receipt_requests: int) -> tuple[Scenario, Scenario]:
    noop = Scenario(
        NOOP, "bench.serving.noop_module", "noop", "default", _file_request("payload", NOOP_PAYLOAD),
        requests=noop_requests, rounds=5, warmup=50, direct_calls=1000,
    )  # fmt: skip
    receipt = Scenario(
        RECEIPT, "model.inference", "tesseract-ocr", "tesseract", _file_request("image", sample.read_bytes()),
        requests=receipt_requests, rounds=1, warmup=4, direct_calls=10,
    )  # fmt: skip
    return noop, receipt


def direct_p50_ms(scenario: Scenario) -> float:
    """p50 of calling ``inference()`` in this process with the arguments the servers pass it (one warm-up call)."""
    module = importlib.import_module(scenario.entrypoint)
    model = module.load(scenario.model_key)
    parameters, inputs, output_fields = contract_call(scenario.request)
    timings = []
    for _ in range(scenario.direct_calls + 1):
        started = time.perf_counter()
        module.inference(parameters, inputs, output_fields, scenario.model_key, model)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings[1:])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class RunningServer:
    url: str
    pid: int


@contextmanager
def _server(
    command: Sequence[str], env: Mapping[str, str], cwd: Path, base_url: str, log: Path, *, grace_s: float = 30
) -> Iterator[RunningServer]:
    """Start a server, wait until ``/v2/health/ready`` answers 200, yield it; SIGTERM it (then SIGKILL after
    ``grace_s``) after."""
    ready = f"{base_url}/v2/health/ready"
    with running_service(
        command, ready_url=ready, log=log, cwd=cwd, env={**os.environ, **env}, timeout_s=START_TIMEOUT_S,
        grace_s=grace_s,
    ) as process:  # fmt: skip
        yield RunningServer(base_url, process.pid)


def runtime_server(
    scenario: Scenario, issuer: str | None, min_queue: int, workdir: Path = WORKDIR, port: int | None = None
) -> AbstractContextManager[RunningServer]:
    """Our runtime for ``scenario`` (auth on when ``issuer`` is given) in a process of its own, on ``port`` (a free
    one when None; a replica restarted behind a load balancer comes back on its own)."""
    port = port or free_port()
    env = {
        "RECEIPT_ENVIRONMENT": "development",  # on loopback with the repository's placeholder storage secret
        "RECEIPT_HOST": "127.0.0.1",
        "RECEIPT_PORT": str(port),
        "RECEIPT_AUTH_ENABLED": "true" if issuer else "false",
        "RECEIPT_ISSUER_URL": issuer or "http://127.0.0.1:9/unused",
    }
    command = [
        sys.executable, "-m", "bench.serving.runtime_server", "--entrypoint", scenario.entrypoint,
        "--model", scenario.model, "--model-key", scenario.model_key, "--min-queue", str(min_queue),
    ]  # fmt: skip
    log = workdir / f"runtime-{scenario.model}-{'auth' if issuer else 'noauth'}-{port}.log"
    # stopped, it drains as in production (requests in flight finish, up to the API's timeout) before any SIGKILL
    drain_s = drain_seconds(load_manifests(ROOT / "manifests").api.spec.restful_api.limits)
    return _server(command, env, ROOT, f"http://127.0.0.1:{port}", log, grace_s=drain_s + 5)


def mlserver_settings(scenario: Scenario, ports: Sequence[int], max_concurrency: int) -> tuple[dict[str, Any], ...]:
    """``settings.json`` and ``model-settings.json`` for serving ``scenario`` like our runtime does.

    ``parallel_workers: 0`` keeps inference in the server process, as ours does; with the default (1) every request
    would also cross a process boundary, and more workers would use more than our runtime's CPU budget. ``debug``
    off drops the access log line per request."""
    http_port, grpc_port, metrics_port = ports
    server = {
        "host": "127.0.0.1",
        "http_port": http_port,
        "grpc_port": grpc_port,
        "metrics_port": metrics_port,
        "parallel_workers": 0,
        "debug": False,
    }
    extra = {"entrypoint": scenario.entrypoint, "model_key": scenario.model_key, "max_concurrency": max_concurrency}
    model = {
        "name": scenario.model,
        "implementation": "bench.serving.mlserver_model.ContractModel",
        "parameters": {"extra": extra},
    }
    return server, model


def mlserver(
    scenario: Scenario, executable: Path, max_concurrency: int, workdir: Path = WORKDIR
) -> AbstractContextManager[RunningServer]:
    """MLServer serving ``scenario`` through ``ContractModel``, from its own venv, with the repository importable."""
    ports = (free_port(), free_port(), free_port())
    repository = workdir / f"mlserver-{scenario.model}"
    (repository / scenario.model).mkdir(parents=True, exist_ok=True)
    server, model = mlserver_settings(scenario, ports, max_concurrency)
    (repository / "settings.json").write_text(json.dumps(server, indent=2), encoding="utf-8")
    (repository / scenario.model / "model-settings.json").write_text(json.dumps(model, indent=2), encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT)}
    log = workdir / f"mlserver-{scenario.model}.log"
    return _server([str(executable), "start", str(repository)], env, repository, f"http://127.0.0.1:{ports[0]}", log)


def identity_provider() -> Any:
    """The tests' Keycloak-shaped identity provider (tests/auth_fixtures.py): a local JWKS and tokens minted like
    Keycloak's, so the runtime verifies real RS256 signatures."""
    module = sys.modules.get("auth_fixtures")
    if module is None:
        spec = importlib.util.spec_from_file_location("auth_fixtures", ROOT / "tests" / "auth_fixtures.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["auth_fixtures"] = module
        spec.loader.exec_module(module)
    return module.TestIdentityProvider()


def server_answer(base_url: str, scenario: Scenario, headers: Mapping[str, str]) -> dict[str, Any]:
    """One request's outputs by name, to check that every server computes the same thing."""
    response = httpx.post(
        f"{base_url}/v2/models/{scenario.model}/infer",
        content=scenario.body,
        headers={"Content-Type": "application/json", **headers},
        timeout=60,
    )
    if response.status_code != 200:
        raise RuntimeError(f"{base_url} answered {response.status_code}: {response.text[:500]}")
    return {output["name"]: output["data"] for output in response.json()["outputs"]}


def measure_level(
    running: Mapping[str, RunningServer], scenario: Scenario, headers: Mapping[str, str], concurrency: int
) -> dict[str, LevelResult]:
    """One level on every server, in ``scenario.rounds`` rounds that take the servers in turn (the order rotated each
    round), so load from elsewhere on the machine falls on all of them alike."""
    names = list(running)
    per_round = requests_at(concurrency, math.ceil(scenario.requests / scenario.rounds))
    runs: dict[str, list[LevelResult]] = {name: [] for name in names}
    for round_index in range(scenario.rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            server = running[name]
            target = Target(f"{server.url}/v2/models/{scenario.model}/infer", scenario.body, dict(headers), server.pid)
            level = run_level(target, concurrency, per_round, warmup=scenario.warmup, deadline_s=LEVEL_DEADLINE_S)
            runs[name].append(level)
    return {name: merge(levels) for name, levels in runs.items()}


def _print_level(scenario: str, server: str, level: LevelResult) -> None:
    print(
        f"  {scenario:8} {server:18} {level.concurrency:3} clients: {level.throughput:8.1f} req/s  "
        f"p50 {level.percentile_ms(50):9.2f} ms  p99 {level.percentile_ms(99):9.2f} ms  "
        f"server CPU {level.server_cpu_ms_per_request:6.2f} ms/req  failed {level.failed}",
        flush=True,
    )


def _server_version(base_url: str) -> str:
    metadata = httpx.get(f"{base_url}/v2", timeout=5).json()
    return f"{metadata.get('name')} {metadata.get('version')}"


def _check_same_answers(running: Mapping[str, RunningServer], scenario: Scenario, headers: Mapping[str, str]) -> None:
    """Refuse to compare servers that do not compute the same outputs for the benchmark's request."""
    answers = {name: server_answer(server.url, scenario, headers) for name, server in running.items()}
    first_name, first = next(iter(answers.items()))
    for name, answer in answers.items():
        if answer != first:
            raise RuntimeError(f"{name} answered {scenario.name} differently from {first_name}: {answer} vs {first}")


def run(levels: Sequence[int], scenario_list: Sequence[Scenario], mlserver_bin: Path) -> ServingResults:
    """Measure every scenario on every server; MLServer is skipped, with the reason, when its venv is missing.

    A scenario's servers all run at once (idle while another one is measured): the levels alternate between them,
    and each server's answer is checked against the others' before any load."""
    WORKDIR.mkdir(parents=True, exist_ok=True)
    limits = load_manifests(ROOT / "manifests").api.spec.restful_api.limits
    results = ServingResults()
    versions: dict[str, str] = {}
    if not mlserver_bin.is_file():
        results.skipped[MLSERVER] = f"{mlserver_bin} is missing (make bench-serving creates .venv-mlserver)"
    with identity_provider() as idp:
        headers = {"Authorization": f"Bearer {idp.mint(groups=[BENCH_GROUP], lifetime_s=3600)}"}
        servers: dict[str, Callable[[Scenario], AbstractContextManager[RunningServer]]] = {
            RUNTIME: lambda s: runtime_server(s, idp.issuer, max(levels)),
            RUNTIME_NO_AUTH: lambda s: runtime_server(s, None, max(levels)),
            MLSERVER: lambda s: mlserver(s, mlserver_bin, limits.max_concurrency),
        }
        for scenario in scenario_list:
            results.direct_p50_ms[scenario.name] = direct_p50_ms(scenario)
            results.direct_calls[scenario.name] = scenario.direct_calls
            print(f"{scenario.name}: direct inference() p50 {results.direct_p50_ms[scenario.name]:.3f} ms", flush=True)
            with ExitStack() as stack:
                running = {
                    name: stack.enter_context(start(scenario))
                    for name, start in servers.items()
                    if name not in results.skipped
                }
                versions |= {name: _server_version(server.url) for name, server in running.items()}
                _check_same_answers(running, scenario, headers)
                for concurrency in levels:
                    for name, level in measure_level(running, scenario, headers, concurrency).items():
                        _print_level(scenario.name, name, level)
                        results.rows.append(Row(scenario.name, name, level))
    results.notes = _notes(limits.max_concurrency, limits.max_queue, max(levels), scenario_list)
    results.notes.insert(0, "Servers: " + ", ".join(dict.fromkeys(versions.values())) + ".")
    return results


def _notes(max_concurrency: int, max_queue: int, most_clients: int, scenario_list: Sequence[Scenario]) -> list[str]:
    sizes = ", ".join(f"{s.name} {s.requests} in {s.rounds} round{'s' if s.rounds > 1 else ''}" for s in scenario_list)
    queue = (
        f"maxQueue raised from {max_queue} to {most_clients} so that {most_clients} clients queue rather than get "
        "503s, as MLServer has no queue bound"
        if most_clients > max_queue
        else f"maxQueue {max_queue}"
    )
    return [
        f"{os.cpu_count()} CPU cores shared by the servers, the load generator (one asyncio process, one keep-alive "
        "HTTP/1.1 connection per simulated client, a protocol of its own that sends the request serialised once and "
        "reads each whole response; httpx, used before, spent 0.8–1.2 ms of CPU per request, more than the servers, "
        "and capped both near 1,000 req/s) and whatever else runs on the machine. All servers of a module run at "
        "once on 127.0.0.1, idle while another is measured; each level takes them in turn, round after round in "
        "rotated order, so outside load falls on all of them alike. Latency is the client's: request sent to "
        "response read.",
        f"Requests per level and server, each round after a warm-up: {sizes}; at least 1.25× the clients per round. "
        "p99 of a few dozen requests is close to their maximum.",
        f"Our runtime: the Api manifest's limits (maxConcurrency {max_concurrency} inference threads), {queue}; "
        "Prometheus metrics and one JSON log line per request; auth on: "
        "a Keycloak-shaped RS256 bearer token on every request (JWKS fetched once, from a local provider), its "
        f"signature checked once and then remembered for up to {VERIFIED_CACHE_TTL_S:g} s, exp and groups checked "
        "on every request.",
        f"MLServer: parallel_workers 0, so inference stays in the server process as in ours; predict() converts the "
        f"OIP request like our runtime does and runs the same inference() in a thread, at most {max_concurrency} at "
        "once; debug off (no access log), metrics and gzip at their defaults. MLServer has no authentication, so "
        "compare it with our runtime's auth-off rows too. Both run on uvicorn with uvloop and the httptools parser.",
        "Direct call: inference() in the benchmark's own process with the arguments both servers pass it "
        "(base64 decoded to bytes), p50 after one warm-up call.",
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="concurrent clients, comma-separated")
    parser.add_argument("--noop-requests", type=int, default=2000, help="requests per level, no-op module")
    parser.add_argument("--receipt-requests", type=int, default=24, help="requests per level, receipt module")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="document the receipt module reads")
    parser.add_argument("--mlserver", type=Path, default=MLSERVER_BIN, help="mlserver executable of its own venv")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for serving.md and serving.png")
    args = parser.parse_args(argv)
    levels = sorted({int(level) for level in args.levels.split(",")})
    started = time.perf_counter()
    results = run(levels, scenarios(args.sample, args.noop_requests, args.receipt_requests), args.mlserver)
    elapsed = time.perf_counter() - started
    title = f"Serving benchmark: our runtime vs Seldon MLServer, same modules, one run of {elapsed:.0f} s"
    text = markdown(results, title, NOOP, RECEIPT)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "serving.md").write_text(text, encoding="utf-8")
    plot(results, args.out / "serving.png")
    print(text)


if __name__ == "__main__":
    main()
