"""``python -m app.healthcheck module|files|web``: the images' HEALTHCHECK, exit 0 when the service answers 200.

Docker runs it inside the container, so it asks 127.0.0.1 on the port the service was given (``RECEIPT_PORT``,
``RECEIPT_FILES_PORT``, ``RECEIPT_WEB_PORT``, with the defaults of ``app.settings``) on a route that needs no token.
The file service has no health route of its own, so its probe reads the OpenAPI document.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from typing import NamedTuple

from app.settings import Settings, env_name


class Probe(NamedTuple):
    port_setting: str
    path: str


PROBES = {
    "module": Probe("port", "/v2/health/ready"),
    "files": Probe("files_port", "/healthz"),
    "web": Probe("web_port", "/healthz"),
}


def probe_url(service: str) -> str:
    """The URL that tells whether ``service`` is up, on the port its setting names in the environment."""
    probe = PROBES[service]
    port = os.environ.get(env_name(probe.port_setting)) or Settings.model_fields[probe.port_setting].default
    return f"http://127.0.0.1:{int(port)}{probe.path}"


def healthy(service: str, timeout_s: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(probe_url(service), timeout=timeout_s) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in PROBES:
        print(f"usage: python -m app.healthcheck {'|'.join(PROBES)}", file=sys.stderr)
        return 2
    return 0 if healthy(argv[0]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
