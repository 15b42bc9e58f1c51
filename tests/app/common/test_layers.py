"""The services' layering: the file service stands alone; what it shares with the runtime lives in app/common."""

from __future__ import annotations

import ast
from pathlib import Path

from app.settings import ROOT


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, with its line (``from x import y`` counts as ``x``)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
    return found


def test_file_service_never_imports_the_runtime() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path in sorted((ROOT / "app" / "files").rglob("*.py"))
        for line, name in imported_modules(path)
        if name == "app.runtime" or name.startswith("app.runtime.")
    ]
    assert offenders == []


def test_common_imports_no_service() -> None:
    services = ("app.runtime", "app.files", "app.web", "app.stack")
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path in sorted((ROOT / "app" / "common").rglob("*.py"))
        for line, name in imported_modules(path)
        if name.startswith(services)
    ]
    assert offenders == []
