"""The docs page every service serves: local assets only, and the vendored Swagger UI as its VERSION file says."""

from __future__ import annotations

import hashlib
import json
import re

from app.common.docs import (
    OAUTH2_REDIRECT_FILES,
    SWAGGER_UI_DIR,
    SWAGGER_UI_FILES,
    add_realm_login,
    bearer_security_schemes,
    docs_html,
)


def test_docs_html_loads_only_local_assets() -> None:
    html = docs_html("/openapi.json", title="Runtime docs", assets_url="/static/swagger-ui")

    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(references) == sorted(f"/static/swagger-ui/{name}" for name in SWAGGER_UI_FILES)
    assert "url: '/openapi.json'" in html
    assert '"validatorUrl": null' in html
    assert "<title>Runtime docs</title>" in html
    assert not re.search(r"https?://", html)


def test_docs_html_signs_in_through_the_realm_with_pkce() -> None:
    html = docs_html("/openapi.json", assets_url="/static/swagger-ui")

    assert "oauth2RedirectUrl: window.location.origin + '/static/swagger-ui/oauth2-redirect.html'" in html
    init_oauth = json.loads(re.search(r"ui\.initOAuth\((\{.*?\})\)", html, re.S).group(1))  # type: ignore[union-attr]
    assert init_oauth == {"clientId": "end-users", "usePkceWithAuthorizationCodeGrant": True, "scopes": "openid"}
    assert (SWAGGER_UI_DIR / "oauth2-redirect.html").read_text(encoding="utf-8").count('src="oauth2-redirect.js"') == 1


def test_add_realm_login_declares_the_flow_and_accepts_it_where_a_bearer_token_is() -> None:
    document = {
        "paths": {
            "/open": {"get": {"responses": {}}},
            "/secured": {"post": {"security": [{"bearerAuth": []}]}, "parameters": []},
        },
        "components": {"securitySchemes": bearer_security_schemes()},
    }
    add_realm_login(document, "http://127.0.0.1:8080/realms/receipts/")

    flow = document["components"]["securitySchemes"]["realmLogin"]["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == "http://127.0.0.1:8080/realms/receipts/protocol/openid-connect/auth"
    assert flow["tokenUrl"] == "http://127.0.0.1:8080/realms/receipts/protocol/openid-connect/token"
    assert document["paths"]["/secured"]["post"]["security"] == [{"bearerAuth": []}, {"realmLogin": []}]
    assert "security" not in document["paths"]["/open"]["get"]


def test_vendored_swagger_ui_matches_version_file() -> None:
    lines = (SWAGGER_UI_DIR / "VERSION").read_text(encoding="utf-8").splitlines()
    checksums = [line.split() for line in lines if re.fullmatch(r"[0-9a-f]{64}\s+\S+", line)]
    recorded = {name: digest for digest, name in checksums}

    assert re.fullmatch(r"\d+\.\d+\.\d+", lines[0])
    assert set(recorded) == {*SWAGGER_UI_FILES, *OAUTH2_REDIRECT_FILES}
    for name, digest in recorded.items():
        assert hashlib.sha256((SWAGGER_UI_DIR / name).read_bytes()).hexdigest() == digest, name
    assert (SWAGGER_UI_DIR / "LICENSE").read_text(encoding="utf-8").split()[:2] == ["Apache", "License"]


def test_bearer_scheme_is_an_http_bearer_jwt() -> None:
    (scheme,) = bearer_security_schemes().values()
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
