"""Fixtures shared by the model tests."""

from __future__ import annotations

from pathlib import Path

import pytest

QWEN_FAMILIES = ("qwen2_vl", "qwen2_5_vl", "qwen3_vl")


@pytest.fixture(scope="session", params=QWEN_FAMILIES)
def tiny_qwen_checkpoint(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random checkpoint of each Qwen-VL family, built once per session; skipped without transformers."""
    pytest.importorskip("transformers")
    from bench.qwen.checkpoint import build_checkpoint

    family: str = request.param
    return build_checkpoint(family, tmp_path_factory.mktemp(family))
