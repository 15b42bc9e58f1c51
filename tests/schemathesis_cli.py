"""The schemathesis command line against a live service, as an outside audit runs it: ``--checks all`` with the
repository's schemathesis.toml (which statuses a schema-valid request may still get)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def run_schemathesis(base_url: str, token: str, max_examples: int = 10) -> subprocess.CompletedProcess[str]:
    """``schemathesis run`` over every operation of ``base_url``'s OpenAPI document, with ``token`` as the bearer."""
    command = [
        str(SCHEMATHESIS), "--config-file", str(ROOT / "schemathesis.toml"), "run", f"{base_url}/openapi.json",
        "--checks", "all", "--max-examples", str(max_examples), "--header", f"Authorization: Bearer {token}",
        "--no-color", "--seed", "1",
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:  # its cache (.schemathesis/) goes there, not into the checkout
        return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, cwd=folder)
