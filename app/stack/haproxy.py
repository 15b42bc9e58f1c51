"""A real load balancer on one machine: Debian's HAProxy in front of several replicas of one service.

Round robin over the replicas that pass their health check (checked every second, so a replica that stops is out of
the rotation within two seconds); a request a stopping replica refuses goes to another one. Each answer says which
replica gave it in ``X-Served-By``. A rollout takes a replica out of the rotation before stopping it, and puts it
back once started again::

    with HAProxyServer(tmp_path, targets=["127.0.0.1:8102", "127.0.0.1:8202"], health_path="/healthz") as lb:
        httpx.get(lb.url + "/")
        lb.take_out("replica1")  # returns once replica1 has answered what it had
        ...  # stop replica1, start it again
        lb.put_back("replica1")
"""

from __future__ import annotations

import csv
import socket
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from app.stack.processes import OnePortServer, spawn, system_binary

SERVED_BY = "X-Served-By"
BACKEND = "replicas"
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
            # one line in haproxy.log for each request that failed, was retried or sent to another replica; the
            # runtime API on a socket beside it, for taking a replica out of the rotation
            "global\n  maxconn 4096\n  log stdout format raw local0\n"
            f'  stats socket "{self.admin_socket}" mode 600 level admin\n\n'
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
            f"frontend {BACKEND}\n  bind 127.0.0.1:{self.port}\n  default_backend {BACKEND}\n\n"
            f"backend {BACKEND}\n  balance roundrobin\n"
            f"  option httpchk GET {self.health_path}\n"
            f"  http-response set-header {SERVED_BY} %[srv_name]\n"
            f"{servers}\n"
        )

    @property
    def admin_socket(self) -> Path:
        """Beside the log, unless that path is over a Unix socket's limit (107 bytes): then in the temporary folder."""
        beside = self.folder.resolve() / "admin.sock"
        return beside if len(bytes(beside)) < 100 else Path(tempfile.gettempdir()) / f"haproxy-{self.port}.sock"

    def command(self, line: str) -> str:
        """One command of HAProxy's runtime API (``show stat``, ``set server ...``) and its answer."""
        with socket.socket(socket.AF_UNIX) as admin:
            admin.settimeout(5)
            admin.connect(str(self.admin_socket))
            admin.sendall(line.encode() + b"\n")
            answer = b"".join(iter(lambda: admin.recv(65536), b""))
        return answer.decode()

    def in_flight(self, replica: str) -> int:
        """Requests HAProxy has sent to ``replica`` (``replica1``...) and not yet seen answered, or queued for it."""
        header, *rows = self.command("show stat").lstrip("# ").splitlines()
        columns = header.split(",")
        for row in csv.DictReader(rows, fieldnames=columns):
            if row["pxname"] == BACKEND and row["svname"] == replica:
                return int(row["scur"]) + int(row["qcur"] or 0)
        raise HAProxyError(f"no server {replica} in the balancer (it has {len(self.targets)})")

    def take_out(self, replica: str, timeout_s: float = TIMEOUT_S) -> None:
        """Send ``replica`` no new request, and return once those it has are answered: then stopping it races no
        request, whatever its size (the balancer can send again only a request of one buffer). A rollout's order:
        Kubernetes takes a pod out of its Service before it sends SIGTERM."""
        self._set_state(replica, "drain")
        deadline = time.monotonic() + timeout_s
        while self.in_flight(replica):
            if time.monotonic() > deadline:
                raise HAProxyError(f"{replica} still had requests in flight after {timeout_s:g} s")
            time.sleep(0.02)

    def put_back(self, replica: str) -> None:
        """``replica`` in the rotation again, from its next passed health check."""
        self._set_state(replica, "ready")

    def _set_state(self, replica: str, state: str) -> None:
        if refused := self.command(f"set server {BACKEND}/{replica} state {state}").strip():
            raise HAProxyError(f"HAProxy did not set {replica} {state}: {refused}")

    def stop(self, grace_s: float | None = None) -> int | None:
        status = super().stop(grace_s)
        self.admin_socket.unlink(missing_ok=True)  # HAProxy leaves it
        return status

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
