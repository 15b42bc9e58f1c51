"""The version every service reports: the git tag the image was built from."""

from __future__ import annotations

import os
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path

VERSION_FILE = Path(__file__).resolve().parents[2] / "VERSION"
"""Written by the image build from ``git describe``; absent in a checkout, where git itself answers."""


@cache
def build_version() -> str:
    """The git tag this code was built from: $RECEIPT_VERSION, the VERSION file, git describe, or the package's."""
    if version := os.environ.get("RECEIPT_VERSION"):
        return version
    if VERSION_FILE.is_file():
        return VERSION_FILE.read_text(encoding="utf-8").strip()
    try:
        described = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],
            cwd=VERSION_FILE.parent, capture_output=True, text=True, timeout=5, check=True,
        )  # fmt: skip
        return described.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return metadata.version("receipt-extractor")
