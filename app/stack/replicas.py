"""``receipt-extractor stack --replicas N``: N module runtimes and N web apps behind HAProxy, sharing sign-ins in
Redis and their statistics through Prometheus, so that replication is exercised on one laptop.

The load balancers take the stack's public ports (8000 and 8002), so every URL of the single-replica stack stays
the same; the replicas listen on free loopback ports behind them. The file service stays single: its state is in
S3 already, and its upload slots add up the same way the runtime's do (docs/scaling.md).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.healthcheck import PROBES
from app.stack.haproxy import HAProxyServer, haproxy_binary
from app.stack.processes import free_ports
from app.stack.prometheus_server import PrometheusServer, prometheus_binary
from app.stack.redis_server import RedisServer, redis_binary

if TYPE_CHECKING:
    from app.stack.supervisor import Child, ServiceProcess, StackConfig

HOST = "127.0.0.1"
BINARIES = (redis_binary, prometheus_binary, haproxy_binary)
"""What ``--replicas`` needs beyond the single stack; each raises with the apt-get command when missing."""


def _copies(
    service: ServiceProcess, ports: list[int], port_variable: str, probe: str, env: dict[str, str]
) -> list[ServiceProcess]:
    stem = service.log_path.stem
    return [
        replace(
            service,
            name=f"{service.name} {index}",
            env=service.env | env | {port_variable: str(port)},
            health_url=f"http://{HOST}:{port}{PROBES[probe].path}",
            log_path=service.log_path.with_name(f"{stem}-{index}.log"),
        )
        for index, port in enumerate(ports, 1)
    ]


def replicated(config: StackConfig, runtime: ServiceProcess, files: ServiceProcess, web: ServiceProcess) -> list[Child]:
    """Redis, Prometheus, the runtime and web replicas, the file service, and the two load balancers in front."""
    from app.stack.supervisor import ManagedChild

    count = config.replicas
    ports = free_ports(2 * count + 2, reserved=[port for port, _, _ in config.ports.named()])
    runtime_ports, web_ports = ports[:count], ports[count : 2 * count]
    redis = RedisServer(config.state_dir / "redis", port=ports[-2])
    prometheus = PrometheusServer(
        config.state_dir / "prometheus", targets=[f"{HOST}:{port}" for port in runtime_ports], port=ports[-1]
    )
    # the stats from Prometheus; the request log and publication history admins browse in the shared Redis
    shared = {"RECEIPT_STATS_PROMETHEUS_URL": prometheus.url, "RECEIPT_MONITORING_STORE": redis.url}
    runtimes = _copies(runtime, runtime_ports, "RECEIPT_PORT", "module", shared)
    # one session key for all (the same cookie must open every replica), one Redis for the logins it points to; the
    # web apps' and the file service's own log lines go to the monitoring store, where the runtimes answer for them
    logs = {"RECEIPT_MONITORING_STORE": redis.url}
    webs = _copies(web, web_ports, "RECEIPT_WEB_PORT", "web", {"RECEIPT_WEB_SESSION_STORE": redis.url} | logs)
    files = replace(files, env=files.env | logs)
    balancers = [
        HAProxyServer(
            config.state_dir / "balancer-runtime",
            targets=[f"{HOST}:{port}" for port in runtime_ports],
            health_path=PROBES["module"].path,
            port=config.ports.runtime,
        ),
        HAProxyServer(
            config.state_dir / "balancer-web",
            targets=[f"{HOST}:{port}" for port in web_ports],
            health_path=PROBES["web"].path,
            port=config.ports.web,
        ),
    ]
    return [
        ManagedChild("Redis (sign-ins)", redis),
        ManagedChild("Prometheus (stats)", prometheus),
        *runtimes,
        files,
        *webs,
        ManagedChild("runtime load balancer", balancers[0]),
        ManagedChild("web load balancer", balancers[1]),
    ]
