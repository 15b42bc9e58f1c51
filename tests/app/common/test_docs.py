"""The docs page every service serves: local assets only, and the vendored Swagger UI as its VERSION file says."""

from __future__ import annotations

import hashlib
import re

from app.common.docs import SWAGGER_UI_DIR, SWAGGER_UI_FILES, bearer_security_schemes, docs_html


def test_docs_html_loads_only_local_assets() -> None:
    html = docs_html("/openapi.json", title="Runtime docs", assets_url="/static/swagger-ui")

    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(references) == sorted(f"/static/swagger-ui/{name}" for name in SWAGGER_UI_FILES)
    assert "url: '/openapi.json'" in html
    assert '"validatorUrl": null' in html
    assert "<title>Runtime docs</title>" in html
    assert not re.search(r"https?://", html)


def test_vendored_swagger_ui_matches_version_file() -> None:
    lines = (SWAGGER_UI_DIR / "VERSION").read_text(encoding="utf-8").splitlines()
    checksums = [line.split() for line in lines if re.fullmatch(r"[0-9a-f]{64}\s+\S+", line)]
    recorded = {name: digest for digest, name in checksums}

    assert re.fullmatch(r"\d+\.\d+\.\d+", lines[0])
    assert set(recorded) == set(SWAGGER_UI_FILES)
    for name, digest in recorded.items():
        assert hashlib.sha256((SWAGGER_UI_DIR / name).read_bytes()).hexdigest() == digest, name
    assert (SWAGGER_UI_DIR / "LICENSE").read_text(encoding="utf-8").split()[:2] == ["Apache", "License"]


def test_bearer_scheme_is_an_http_bearer_jwt() -> None:
    (scheme,) = bearer_security_schemes().values()
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
