"""malloc's thresholds for the services: body-sized buffers reused instead of page-faulted in anew each time, the
operator's own settings left alone, and every ``serve`` command setting them before it starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import app.allocator
import app.files.main
from app.cli import cli

CHURN = """
import json, resource, sys
from app.allocator import keep_freed_memory
tuned = keep_freed_memory() if sys.argv[1] == "tune" else None
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(30):  # an upload's worth of buffers: three 8 MiB parts and forty 256 KiB body pieces, then freed
    parts = [b"x" * (8 << 20) for _ in range(3)]
    pieces = [b"y" * (256 << 10) for _ in range(40)]
    del parts, pieces
print(json.dumps({"tuned": tuned, "faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before}))
"""


def churn(mode: str, **env: str) -> dict[str, int | bool | None]:
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("MALLOC_", "GLIBC_TUNABLES"))}
    done = subprocess.run(
        [sys.executable, "-c", CHURN, mode], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    result: dict[str, int | bool | None] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_buffers_are_reused_instead_of_faulted_in_again() -> None:
    default, tuned = churn("default"), churn("tune")
    assert tuned["tuned"] is True
    assert isinstance(default["faults"], int) and isinstance(tuned["faults"], int)
    assert default["faults"] > 100_000  # 30 rounds of 28 MiB: every page of every round
    assert tuned["faults"] < default["faults"] / 10  # about the first round only


@pytest.mark.parametrize(
    "env", [{"MALLOC_TRIM_THRESHOLD_": "131072"}, {"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=131072"}]
)
def test_the_operators_malloc_settings_stand(env: dict[str, str]) -> None:
    assert churn("tune", **env)["tuned"] is False


def test_every_serve_command_sets_the_thresholds_before_the_service_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def tune() -> bool:
        calls.append("malloc")
        return True

    monkeypatch.setattr(app.allocator, "keep_freed_memory", tune)
    monkeypatch.setattr(app.files.main, "serve", lambda settings: calls.append("serve"))
    result = CliRunner().invoke(cli, ["serve", "files", "--port", "8999"])
    assert result.exit_code == 0, result.output
    assert calls == ["malloc", "serve"]
