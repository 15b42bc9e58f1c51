"""``stack --replicas N``: N runtimes and N web apps behind HAProxy, sharing Redis and Prometheus (the children and
their settings; the launchers themselves run in the replica tests of the runtime and the web app)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.manifests import load_manifests
from app.settings import get_settings
from app.stack.haproxy import HAProxyServer
from app.stack.idp import IdentityProviderServer
from app.stack.prometheus_server import PrometheusServer
from app.stack.redis_server import RedisServer
from app.stack.supervisor import ManagedChild, ServiceProcess, StackConfig, StackPorts, build_children, preflight


def test_one_replica_is_the_plain_stack(tmp_path: Path) -> None:
    names = [child.name for child in build_children(StackConfig(state_dir=tmp_path))]  # type: ignore[attr-defined]
    assert names == ["identity provider", "S3 object storage", "module runtime", "file service", "web app"]


def test_two_replicas_sit_behind_load_balancers_on_the_public_ports(tmp_path: Path) -> None:
    config = StackConfig(state_dir=tmp_path, replicas=2)
    children = build_children(config)
    services = [child for child in children if isinstance(child, ServiceProcess)]
    runtimes = [s for s in services if s.name.startswith("module runtime")]
    webs = [s for s in services if s.name.startswith("web app")]
    assert [s.name for s in runtimes] == ["module runtime 1", "module runtime 2"]
    assert [s.name for s in webs] == ["web app 1", "web app 2"]
    servers = {child.name: child.server for child in children if isinstance(child, ManagedChild)}
    runtime_lb, web_lb = servers["runtime load balancer"], servers["web load balancer"]
    assert isinstance(runtime_lb, HAProxyServer) and isinstance(web_lb, HAProxyServer)
    assert (runtime_lb.port, web_lb.port) == (config.ports.runtime, config.ports.web)
    assert runtime_lb.targets == [f"127.0.0.1:{s.env['RECEIPT_PORT']}" for s in runtimes]
    assert web_lb.targets == [f"127.0.0.1:{s.env['RECEIPT_WEB_PORT']}" for s in webs]
    assert len({s.log_path for s in services}) == len(services)


def test_web_replicas_share_the_session_key_and_redis(tmp_path: Path) -> None:
    children = build_children(StackConfig(state_dir=tmp_path, replicas=2))
    redis = next(c.server for c in children if isinstance(c, ManagedChild) and isinstance(c.server, RedisServer))
    webs = [c for c in children if isinstance(c, ServiceProcess) and c.name.startswith("web app")]
    assert len({w.env["RECEIPT_WEB_SESSION_SECRET"] for w in webs}) == 1
    assert {w.env["RECEIPT_WEB_SESSION_STORE"] for w in webs} == {redis.url}
    others = [c for c in children if isinstance(c, ServiceProcess) and not c.name.startswith("web app")]
    assert all("RECEIPT_WEB_SESSION_STORE" not in c.env for c in others)  # it holds Redis' password


def test_runtime_replicas_read_stats_from_the_prometheus_scraping_them(tmp_path: Path) -> None:
    children = build_children(StackConfig(state_dir=tmp_path, replicas=3))
    prometheus = next(
        c.server for c in children if isinstance(c, ManagedChild) and isinstance(c.server, PrometheusServer)
    )
    runtimes = [c for c in children if isinstance(c, ServiceProcess) and c.name.startswith("module runtime")]
    assert len(runtimes) == 3
    assert prometheus.targets == [f"127.0.0.1:{r.env['RECEIPT_PORT']}" for r in runtimes]
    assert {r.env["RECEIPT_STATS_PROMETHEUS_URL"] for r in runtimes} == {prometheus.url}


def test_every_replica_shares_the_monitoring_store_in_the_stacks_redis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECEIPT_MONITORING_STORE", "redis://:elsewhere@10.0.0.1:6379/0")  # the stack uses its own
    children = build_children(StackConfig(state_dir=tmp_path, replicas=2))
    redis = next(c.server for c in children if isinstance(c, ManagedChild) and isinstance(c.server, RedisServer))
    services = [c for c in children if isinstance(c, ServiceProcess)]
    runtimes = [c for c in services if c.name.startswith("module runtime")]
    assert len(runtimes) == 2
    # every service writes its own log lines there too; the runtimes answer for all of them
    assert {c.env.get("RECEIPT_MONITORING_STORE") for c in services} == {redis.url}


def test_replicas_preflight_names_a_missing_load_balancer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH: every Debian binary is missing
    problems = preflight(StackConfig(state_dir=tmp_path, replicas=2, ports=StackConfig().ports))
    assert any("apt-get install haproxy" in problem for problem in problems)
    assert any("apt-get install redis-server" in problem for problem in problems)
    single = preflight(StackConfig(state_dir=tmp_path))
    assert not any("haproxy" in problem for problem in single)


def test_the_identity_provider_lets_every_moved_page_fetch_tokens(tmp_path: Path) -> None:
    """The web app's keycloak-js sample and the services' Swagger UI fetch tokens from wherever the stack put them."""
    config = StackConfig(state_dir=tmp_path, ports=StackPorts(runtime=9100, files=9101, web=9102))
    servers = [child.server for child in build_children(config) if isinstance(child, ManagedChild)]
    idp = next(server for server in servers if isinstance(server, IdentityProviderServer))
    for port in (9100, 9101, 9102):
        assert {f"http://127.0.0.1:{port}", f"http://localhost:{port}"} <= set(idp.web_origins), port


def test_the_runtime_and_file_service_allow_the_moved_web_app(tmp_path: Path) -> None:
    """The keycloak-js sample on a moved web app calls both APIs; the committed manifests are left as they are."""
    moved = build_children(StackConfig(state_dir=tmp_path, ports=StackPorts(web=9102)))
    services = {child.name: child for child in moved if isinstance(child, ServiceProcess)}
    manifests = {Path(services[name].env["RECEIPT_MANIFESTS_DIR"]) for name in ("module runtime", "file service")}
    (folder,) = manifests
    cors = load_manifests(folder).cors
    assert cors is not None and {"http://127.0.0.1:9102", "http://localhost:9102"} <= set(cors.allow_origin)
    cors = load_manifests(get_settings().manifests_dir).cors
    assert cors is None or "http://127.0.0.1:9102" not in cors.allow_origin

    usual = build_children(StackConfig(state_dir=tmp_path / "usual"))
    runtime = next(child for child in usual if isinstance(child, ServiceProcess) and child.name == "module runtime")
    assert Path(runtime.env["RECEIPT_MANIFESTS_DIR"]) == get_settings().manifests_dir  # no copy when nothing moved
