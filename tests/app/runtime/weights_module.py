"""A contract module whose model is a folder of weights named by an environment variable, as the Qwen backend's is."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

WEIGHTS_ENV = "TINY_WEIGHTS"
LOAD_SECONDS_ENV = "TINY_LOAD_SECONDS"
"""How long load() takes, to stand for a real model's loading time."""


def load(model_key: str) -> dict[str, str]:
    """Read every file of the weights folder (relative path → text)."""
    time.sleep(float(os.environ.get(LOAD_SECONDS_ENV, "0")))
    folder = Path(os.environ[WEIGHTS_ENV])
    if not folder.is_dir():
        raise FileNotFoundError(f"no weights folder {folder}")
    return {path.relative_to(folder).as_posix(): path.read_text() for path in folder.rglob("*") if path.is_file()}


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Look up weight files.

    :param inputs.path: Paths of weight files, relative to the weights folder.
    :type inputs.path: str
    :param outputs.content: Each file's text.
    :type outputs.content: str
    """
    paths = next(tensor["data"] for tensor in inputs if tensor["name"] == "path")
    return [{"name": "content", "datatype": "BYTES", "shape": [len(paths)], "data": [model[path] for path in paths]}]
