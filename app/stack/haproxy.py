"""A real load balancer on one machine: Debian's HAProxy in front of several replicas of one service.

Round robin over the replicas that pass their health check (checked every second, so a replica that stops is out of
the rotation within two seconds); a request a stopping replica refuses goes to another one. Each answer says which
replica gave it in ``X-Served-By``::

    with HAProxyServer(tmp_path, targets=["127.0.0.1:8102", "127.0.0.1:8202"], health_path="/healthz") as lb:
        httpx.get(lb.url + "/")
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path

from app.stack.processes import OnePortServer, spawn, system_binary

SERVED_BY = "X-Served-By"
TIMEOUT_S = 65
"""Client and server timeouts: longer than the runtime's longest request (api.yaml's timeoutSeconds, 60)."""


class HAProxyError(RuntimeError):
    """No ``haproxy`` binary, or it did not start: the message says what to do."""


def haproxy_binary() -> str:
    return system_binary("haproxy", HAProxyError)


class HAProxyServer(OnePortServer):
    """One ``haproxy`` on 127.0.0.1 balancing over ``targets`` (host:port), health-checked at ``health_path``."""

    log_name = "haproxy.log"
    error = HAProxyError
    stop_grace_s = 5

    def __init__(self, folder: Path, *, targets: Sequence[str], health_path: str, port: int | None = None) -> None:
        super().__init__(folder, port=port)
        self.targets = list(targets)
        self.health_path = health_path

    def config(self) -> str:
        servers = "\n".join(
            f"  server replica{index} {target} check inter 1s fall 2 rise 1"
            for index, target in enumerate(self.targets, 1)
        )
        return (
            # one line in haproxy.log for each request that failed, was retried or sent to another replica
            "global\n  maxconn 4096\n  log stdout format raw local0\n\n"
            "defaults\n  mode http\n  log global\n  option httplog\n  option dontlognull\n  option dontlog-normal\n"
            "  timeout connect 2s\n"
            # a replica that is draining refuses new connections and closes idle ones: HAProxy tries another,
            # so a rolling restart fails no request (inference is safe to send again: it changes nothing)
            "  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response\n"
            # ... and a request sent on a kept-alive connection that the replica closed as it arrived. HAProxy keeps a
            # copy to send again only of a request it held whole before sending, so it waits for the body (up to one
            # 16 kB buffer: a photo's request is never sent again); without, such a request was lost and the client's
            # connection closed without an answer
            "  option http-buffer-request\n"
            f"  timeout client {TIMEOUT_S}s\n  timeout server {TIMEOUT_S}s\n"
            # a request's headers, as the README asks of the platform's ingress, and the body's first 16 kB with them
            "  timeout http-request 10s\n"
            # a replica busy on every core may take over a second to answer its readiness check: give it 5 s rather
            # than take it out of the rotation (with every busy replica out, the balancer answers 503 to all); a
            # stopped one refuses the connection and is out after two checks as before
            "  timeout check 5s\n\n"
            f"frontend replicas\n  bind 127.0.0.1:{self.port}\n  default_backend replicas\n\n"
            "backend replicas\n  balance roundrobin\n"
            f"  option httpchk GET {self.health_path}\n"
            f"  http-response set-header {SERVED_BY} %[srv_name]\n"
            f"{servers}\n"
        )

    def spawn(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "haproxy.cfg"
        config.write_text(self.config(), encoding="utf-8")
        self._process = spawn([haproxy_binary(), "-db", "-f", str(config)], log=self.log_path, cwd=self.folder)

    def answers(self) -> bool:
        """The frontend accepts connections (whether a replica is up yet is the health check's business)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port or 0), timeout=1):
                return True
        except OSError:
            return False
