"""One log format for every service: JSON lines, the access log's records already JSON objects."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

ACCESS_LOGGER = "receipt.access"
"""The request log's logger: its messages are JSON objects written as they are."""


class JsonFormatter(logging.Formatter):
    """Plain JSON lines: access-log messages are already JSON objects, other records are wrapped in one."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == ACCESS_LOGGER:
            return record.getMessage()
        line: dict[str, Any] = {
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: int = logging.INFO, handlers: Iterable[logging.Handler] | None = None) -> None:
    """JSON lines on stderr for every logger, where a log stack collects them; ``handlers`` replace it in tests."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers = list(handlers) if handlers is not None else [handler]
    root.setLevel(level)
