"""A real Prometheus on one machine: Debian's ``prometheus``, scraping every runtime replica's ``/metrics`` so that
the stats API can show the calls of all of them (``RECEIPT_STATS_PROMETHEUS_URL``).

On loopback, its data in its own folder, scraping each target every ``scrape_interval_s``::

    with PrometheusServer(tmp_path, targets=["127.0.0.1:8000", "127.0.0.1:8010"]) as prometheus:
        settings = Settings(stats_prometheus_url=prometheus.url)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import httpx
import yaml

from app.stack.processes import OnePortServer, spawn, system_binary

JOB = "receipt-runtime"


class PrometheusServerError(RuntimeError):
    """No ``prometheus`` binary, or it did not start: the message says what to do."""


def prometheus_binary() -> str:
    return system_binary("prometheus", PrometheusServerError)


class PrometheusServer(OnePortServer):
    """One ``prometheus`` on 127.0.0.1 scraping ``targets`` (host:port of runtimes) under the job receipt-runtime."""

    log_name = "prometheus.log"
    error = PrometheusServerError
    stop_grace_s = 5

    def __init__(
        self, folder: Path, *, targets: Sequence[str], port: int | None = None, scrape_interval_s: float = 5
    ) -> None:
        super().__init__(folder, port=port)
        self.targets = list(targets)
        self.scrape_interval_s = scrape_interval_s

    def config(self) -> dict[str, object]:
        interval = f"{self.scrape_interval_s:g}s"
        return {
            "global": {"scrape_interval": interval, "evaluation_interval": interval},
            "scrape_configs": [{"job_name": JOB, "static_configs": [{"targets": self.targets}]}],
        }

    def spawn(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "prometheus.yml"
        config.write_text(yaml.safe_dump(self.config()), encoding="utf-8")
        command = [
            prometheus_binary(),
            f"--config.file={config}",
            f"--storage.tsdb.path={self.folder / 'data'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
            "--storage.tsdb.retention.time=1d",
        ]
        self._process = spawn(command, log=self.log_path, cwd=self.folder)

    def answers(self) -> bool:
        return httpx.get(f"{self.url}/-/ready", timeout=1).status_code == 200
