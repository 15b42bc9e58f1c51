"""Fixtures shared by every test package: the bundled sample documents and their ground truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[1] / "model" / "samples"


@pytest.fixture(scope="session")
def samples() -> dict[Path, dict[str, str | None]]:
    """Each bundled sample document with the fields it truly shows."""
    records = [json.loads(line) for line in (SAMPLES / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {SAMPLES / record["file"]: record["fields"] for record in records}
