"""The serving benchmark's parts: the load generator against our real runtime serving the no-op module (a process of
its own, auth on, tokens from the local identity provider), the request conversion MLServer's model uses, and the
report. MLServer itself is not started here: it lives in its own venv and ``make bench-serving`` runs it."""

from __future__ import annotations

import base64
import dataclasses
import json
import math
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from auth_fixtures import TestIdentityProvider

from app.manifests import load_manifests
from bench.serving import noop_module
from bench.serving.contract import contract_call, response_outputs
from bench.serving.loadgen import (
    LevelResult,
    ProtocolError,
    Target,
    cpu_seconds_from_stat,
    merge,
    parse_response_head,
    percentile,
    process_cpu_seconds,
    requests_at,
    run_level,
)
from bench.serving.report import MLSERVER, RUNTIME, RUNTIME_NO_AUTH, Row, ServingResults, markdown_table, target_lines
from bench.serving.run import (
    NOOP_PAYLOAD,
    RunningServer,
    Scenario,
    free_port,
    measure_level,
    mlserver_settings,
    runtime_server,
    scenarios,
    server_answer,
)
from bench.serving.runtime_server import BENCH_GROUP, benchmark_config

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "model" / "samples" / "doc_0000.png"


@pytest.fixture(scope="module")
def noop() -> Scenario:
    return scenarios(SAMPLE, noop_requests=20, receipt_requests=2)[0]


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def runtime(
    noop: Scenario, idp: TestIdentityProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    with runtime_server(noop, idp.issuer, min_queue=8, workdir=tmp_path_factory.mktemp("serving")) as server:
        yield server


@pytest.fixture(scope="module")
def bearer(idp: TestIdentityProvider) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=[BENCH_GROUP])}"}


def _target(server: RunningServer, scenario: Scenario, headers: dict[str, str]) -> Target:
    return Target(f"{server.url}/v2/models/{scenario.model}/infer", scenario.body, headers, server.pid)


def test_run_level_counts_every_answered_request(
    runtime: RunningServer, noop: Scenario, bearer: dict[str, str]
) -> None:
    level = run_level(_target(runtime, noop, bearer), concurrency=4, requests=200, warmup=4, deadline_s=30)
    assert (level.ok, level.failed) == (200, 0)
    assert level.wall_s > 0 and level.throughput == pytest.approx(200 / level.wall_s)
    assert 0 < level.percentile_ms(50) <= level.percentile_ms(99) <= max(level.latencies_ms)
    assert level.server_cpu_s is not None and 0 < level.server_cpu_s <= level.wall_s * 2
    assert level.server_cpu_ms_per_request == pytest.approx(level.server_cpu_s * 1000 / 200)
    assert level.client_cpu_s is not None and 0 < level.client_cpu_ms_per_request < 10


def test_run_level_counts_refused_requests_by_status(runtime: RunningServer, noop: Scenario) -> None:
    level = run_level(_target(runtime, noop, {}), concurrency=2, requests=6)
    assert level.ok == 0
    assert level.failures == {"401": 6}
    assert level.throughput == 0


def test_run_level_stops_at_the_deadline(runtime: RunningServer, noop: Scenario, bearer: dict[str, str]) -> None:
    level = run_level(_target(runtime, noop, bearer), concurrency=2, requests=100_000, deadline_s=0.5)
    assert 0 < level.ok < 100_000
    assert level.wall_s < 5


def test_measure_level_pools_every_round_per_server(
    runtime: RunningServer, noop: Scenario, bearer: dict[str, str]
) -> None:
    scenario = dataclasses.replace(noop, requests=20, rounds=2, warmup=2)
    measured = measure_level({"first": runtime, "second": runtime}, scenario, bearer, concurrency=3)
    assert list(measured) == ["first", "second"]
    assert [(level.concurrency, level.ok, level.failed) for level in measured.values()] == [(3, 20, 0), (3, 20, 0)]
    assert all(level.server_cpu_s is not None for level in measured.values())


class _Answers(BaseHTTPRequestHandler):
    """A stand-in server for the load generator's edge cases; a test sets ``headers_to_send`` and ``delay_s``."""

    protocol_version = "HTTP/1.1"
    headers_to_send: ClassVar[dict[str, str]] = {}
    delay_s: ClassVar[float] = 0.0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.delay_s)
        body = b'{"ok": true}'
        headers = {"Content-Length": str(len(body)), **self.headers_to_send}
        if headers.get("Transfer-Encoding") == "chunked":
            body, headers = b"c\r\n" + body + b"\r\n0\r\n\r\n", self.headers_to_send
        try:
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:  # the client stopped waiting
            pass

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def stand_in() -> Iterator[tuple[str, type[_Answers]]]:
    handler = type("Answers", (_Answers,), {"headers_to_send": {}, "delay_s": 0.0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v2/models/x/infer", handler
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("headers", "delay_s", "expected"),
    [
        ({"Connection": "close"}, 0.0, (20, {})),  # reconnects after every answer
        ({"Transfer-Encoding": "chunked"}, 0.0, (0, {"ProtocolError": 20})),
        ({}, 0.5, (0, {"TimeoutError": 2})),
    ],
)
def test_run_level_reconnects_and_counts_what_it_cannot_read(
    stand_in: tuple[str, type[_Answers]], headers: dict[str, str], delay_s: float, expected: tuple[int, dict[str, int]]
) -> None:
    url, handler = stand_in
    handler.headers_to_send, handler.delay_s = headers, delay_s
    level = run_level(
        Target(url, b"{}"), concurrency=2, requests=expected[0] or sum(expected[1].values()), timeout_s=0.2
    )
    assert (level.ok, dict(level.failures)) == expected


def test_run_level_counts_a_server_that_is_not_listening() -> None:
    level = run_level(Target(f"http://127.0.0.1:{free_port()}/v2/models/x/infer", b"{}"), concurrency=2, requests=4)
    assert (level.ok, dict(level.failures)) == (0, {"ConnectionRefusedError": 4})


def test_target_is_one_http_request_serialised_once() -> None:
    target = Target("http://127.0.0.1:8000/v2/models/m/infer?x=1", b'{"a": 1}', {"Authorization": "Bearer t"})
    assert target.http_request() == (
        b"POST /v2/models/m/infer?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nContent-Type: application/json\r\n"
        b'Authorization: Bearer t\r\nContent-Length: 8\r\n\r\n{"a": 1}'
    )
    typed = Target("http://h/p", b"x", {"content-type": "text/plain"}).http_request()
    assert b"content-type: text/plain\r\n" in typed and b"application/json" not in typed


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"HTTP/1.1 200 OK\r\ncontent-length: 12\r\nx-request-id: a", (200, 12, False)),
        (b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close", (503, 0, True)),
        (b"HTTP/1.0 401 Unauthorized\r\nContent-Length: 2", (401, 2, True)),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive", (200, 2, False)),
    ],
)
def test_parse_response_head_reads_status_length_and_close(head: bytes, expected: tuple[int, int, bool]) -> None:
    assert parse_response_head(head) == expected


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked",
        b"HTTP/1.1 200 OK\r\nServer: x",
        b"SSH-2.0-OpenSSH",
        b"HTTP/2 200",
    ],
)
def test_parse_response_head_refuses_what_it_cannot_read(head: bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_response_head(head)


def test_answer_is_what_the_noop_module_computes(
    runtime: RunningServer, noop: Scenario, bearer: dict[str, str]
) -> None:
    assert server_answer(runtime.url, noop, bearer) == {"length": [len(NOOP_PAYLOAD)]}


@pytest.mark.parametrize(
    ("stat", "expected"),
    [
        ("1234 (python) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 99", 3.0),
        ("77 (a) b (c)) R 1 77 77 0 -1 0 0 0 0 0 7 3 1 1 20 0 1 0 5", 0.1),
    ],
)
def test_cpu_seconds_from_stat_adds_user_and_system_time(stat: str, expected: float) -> None:
    assert cpu_seconds_from_stat(stat, ticks_per_second=100) == pytest.approx(expected)


def test_process_cpu_seconds_grows_with_work() -> None:
    before = process_cpu_seconds(os.getpid())
    sum(i * i for i in range(3_000_000))
    assert process_cpu_seconds(os.getpid()) > before


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([5.0], 99, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([4.0, 1.0, 3.0, 2.0], 0, 1.0),
        ([4.0, 1.0, 3.0, 2.0], 100, 4.0),
        ([float(v) for v in range(1, 101)], 99, 99.01),
    ],
)
def test_percentile_interpolates_between_ranks(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "q"), [([], 50), ([1.0], 101), ([1.0], -1)])
def test_percentile_refuses_or_is_nan(values: list[float], q: float) -> None:
    if not 0 <= q <= 100:
        with pytest.raises(ValueError, match="between 0 and 100"):
            percentile(values, q)
    else:
        assert math.isnan(percentile(values, q))


def test_merge_pools_latencies_and_adds_failures_and_time() -> None:
    first = LevelResult(8, [1.0, 2.0], Counter({"503": 1}), wall_s=0.5, server_cpu_s=0.25)
    second = LevelResult(8, [3.0], Counter({"503": 2, "ReadTimeout": 1}), wall_s=1.0, server_cpu_s=0.5)
    merged = merge([first, second])
    assert (merged.latencies_ms, merged.failures, merged.wall_s) == ([1.0, 2.0, 3.0], {"503": 3, "ReadTimeout": 1}, 1.5)
    assert merged.throughput == 2.0
    assert merged.server_cpu_s == 0.75 and merged.server_cpu_ms_per_request == pytest.approx(750 / 7)
    assert first.latencies_ms == [1.0, 2.0]


def test_merge_adds_the_load_generators_cpu_time() -> None:
    merged = merge([LevelResult(1, [1.0], client_cpu_s=0.25), LevelResult(1, [1.0, 2.0], client_cpu_s=0.5)])
    assert merged.client_cpu_s == 0.75 and merged.client_cpu_ms_per_request == pytest.approx(250)
    assert merge([LevelResult(1, [1.0], client_cpu_s=0.1), LevelResult(1, [1.0])]).client_cpu_s is None


def test_merge_leaves_cpu_unknown_when_a_run_lacks_it() -> None:
    merged = merge([LevelResult(1, [1.0], server_cpu_s=0.1), LevelResult(1, [1.0])])
    assert merged.server_cpu_s is None and math.isnan(merged.server_cpu_ms_per_request)


@pytest.mark.parametrize("runs", [[], [LevelResult(1), LevelResult(8)]])
def test_merge_refuses_different_levels(runs: list[LevelResult]) -> None:
    with pytest.raises(ValueError, match="same level"):
        merge(runs)


@pytest.mark.parametrize(
    ("concurrency", "base", "expected"), [(1, 200, 200), (32, 200, 200), (8, 24, 24), (32, 24, 40), (1, 1, 2)]
)
def test_requests_at_exceeds_the_clients(concurrency: int, base: int, expected: int) -> None:
    assert requests_at(concurrency, base) == expected


def test_contract_call_converts_like_the_runtime() -> None:
    request = {
        "parameters": {"preprocess": False, "backend": "tesseract", "dpi": 300, "scale": 0.5, "headers": {"a": "b"}},
        "inputs": [
            {"name": "image", "datatype": "BYTES", "shape": [2], "parameters": {"content_type": "base64"},
             "data": [base64.b64encode(b"\x89PNG").decode(), base64.b64encode(b"%PDF").decode()]},
            {"name": "text", "datatype": "BYTES", "shape": [1], "data": "plain"},
        ],
        "outputs": [{"name": "checks", "parameters": {"binary_data": False}}],
    }  # fmt: skip
    parameters, inputs, outputs = contract_call(request)
    assert parameters == [
        {"name": "preprocess", "datatype": "BOOL", "shape": [1], "data": [False]},
        {"name": "backend", "datatype": "BYTES", "shape": [1], "data": ["tesseract"]},
        {"name": "dpi", "datatype": "INT64", "shape": [1], "data": [300]},
        {"name": "scale", "datatype": "FP64", "shape": [1], "data": [0.5]},
    ]
    assert inputs == [
        {"name": "image", "datatype": "BYTES", "shape": [2], "parameters": {}, "data": [b"\x89PNG", b"%PDF"]},
        {"name": "text", "datatype": "BYTES", "shape": [1], "parameters": {}, "data": ["plain"]},
    ]
    assert outputs == [{"name": "checks"}]


def test_contract_call_of_a_bare_request_asks_for_every_output() -> None:
    assert contract_call({"inputs": []}) == ([], [], [])


def test_response_outputs_carries_bytes_as_base64() -> None:
    outputs = [
        {"name": "blob", "datatype": "BYTES", "shape": [1], "data": [b"\x00\xff"]},
        {"name": "length", "datatype": "INT64", "shape": [1], "data": [2]},
    ]
    converted = response_outputs(outputs)
    assert converted[0]["data"] == ["AP8="] and converted[0]["parameters"] == {"content_type": "base64"}
    assert converted[1] == outputs[1]


def test_noop_inference_returns_each_payload_length() -> None:
    inputs = [{"name": "payload", "datatype": "BYTES", "shape": [2], "data": [b"abc", b""]}]
    assert noop_module.inference([], inputs, [], "default") == [
        {"name": "length", "datatype": "INT64", "shape": [2], "data": [3, 0]}
    ]


def test_noop_inference_names_a_missing_input() -> None:
    with pytest.raises(ValueError, match=r"inputs\.payload"):
        noop_module.inference([], [], [], "default")


@pytest.mark.parametrize(("min_queue", "expected_queue"), [(0, 16), (16, 16), (32, 32)])
def test_benchmark_config_only_lengthens_the_queue(min_queue: int, expected_queue: int) -> None:
    manifests = load_manifests(ROOT / "manifests")
    config = benchmark_config(manifests, "bench.serving.noop_module", "noop", "default", min_queue)
    assert manifests.api.spec.restful_api.limits.max_queue == 16
    assert config.limits.max_queue == expected_queue
    assert config.limits.max_concurrency == manifests.api.spec.restful_api.limits.max_concurrency
    assert [(m.name, m.model_key, m.groups) for m in config.models] == [("noop", "default", (BENCH_GROUP,))]
    assert config.entrypoint == "bench.serving.noop_module"


def test_mlserver_settings_keep_inference_in_process(noop: Scenario) -> None:
    server, model = mlserver_settings(noop, (1001, 1002, 1003), max_concurrency=2)
    assert server["parallel_workers"] == 0 and server["host"] == "127.0.0.1"
    assert (server["http_port"], server["grpc_port"], server["metrics_port"]) == (1001, 1002, 1003)
    assert model["name"] == "noop"
    assert model["parameters"]["extra"] == {"entrypoint": noop.entrypoint, "model_key": "default", "max_concurrency": 2}
    assert json.loads(json.dumps(model)) == model


def _level(concurrency: int, latencies: list[float], wall_s: float, cpu_s: float) -> LevelResult:
    return LevelResult(concurrency, latencies, wall_s=wall_s, server_cpu_s=cpu_s)


def _results(runtime_wall_s: float, runtime_ms: float) -> ServingResults:
    results = ServingResults(direct_p50_ms={"no-op": 0.5}, direct_calls={"no-op": 10})
    results.rows = [
        Row("no-op", RUNTIME, _level(1, [runtime_ms] * 10, runtime_wall_s, 0.01)),
        Row("no-op", RUNTIME_NO_AUTH, _level(1, [runtime_ms - 0.25] * 10, runtime_wall_s, 0.008)),
        Row("no-op", MLSERVER, _level(1, [1.0] * 10, 1.0, 0.02)),
    ]
    return results


def test_markdown_table_compares_throughput_with_mlserver() -> None:
    lines = markdown_table(_results(runtime_wall_s=0.5, runtime_ms=2.0)).splitlines()
    assert lines[2] == "| no-op | runtime | 1 | 10 | 0 | 20.0 | 2.0 | 2.0 | 1.0 | 2.00× |"
    assert lines[4] == "| no-op | MLServer | 1 | 10 | 0 | 10.0 | 1.0 | 1.0 | 2.0 |  |"
    assert lines[5] == "| no-op | direct inference() call | 1 | 10 | | | 0.500 | | | |"
    assert all(line.count("|") == lines[0].count("|") for line in lines)


@pytest.mark.parametrize(
    ("runtime_wall_s", "runtime_ms", "marks"),
    [(0.5, 2.0, ("✅", "✅")), (0.8, 2.0, ("❌", "✅")), (0.5, 4.0, ("✅", "❌"))],
)
def test_target_lines_judge_throughput_and_overhead(
    runtime_wall_s: float, runtime_ms: float, marks: tuple[str, str]
) -> None:
    lines = target_lines(_results(runtime_wall_s, runtime_ms), "no-op", "receipt")
    assert (lines[0][2], lines[2][2]) == marks
    assert "runtime 1.00 ms, runtime with auth off 0.80 ms, MLServer 2.00 ms: MLServer spends 2.00×" in lines[1]
    assert "token verification costs 0.25 ms" in lines[-1]


def test_target_lines_give_the_load_generators_cpu_when_measured() -> None:
    results = _results(0.5, 2.0)
    for row in results.rows:
        row.level.client_cpu_s = 0.001
    assert "the load generator spent 0.100 ms of CPU per no-op request" in target_lines(results, "no-op", "receipt")[2]


def test_target_lines_say_why_mlserver_is_missing() -> None:
    results = _results(0.5, 2.0)
    results.rows = [row for row in results.rows if row.server != MLSERVER]
    results.skipped[MLSERVER] = ".venv-mlserver/bin/mlserver is missing"
    assert "not measured: .venv-mlserver/bin/mlserver is missing" in target_lines(results, "no-op", "receipt")[0]
