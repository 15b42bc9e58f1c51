"""The runtime behind a real socket accepts the dev identity provider's tokens as it would Keycloak's: by group."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from auth_fixtures import TESSERACT_GROUP
from dev_idp import DevIdentityProvider
from runtime_kit import limits, live_server, runtime

from app.manifests import load_manifests
from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.settings import ROOT, Settings

ECHO_REQUEST = {
    "inputs": [
        {"name": "text", "datatype": "BYTES", "shape": [1], "data": ["ab"]},
        {"name": "scale", "datatype": "FP64", "shape": [1], "data": [1.0]},
    ]
}


@pytest.fixture(scope="module")
def echo_url(dev_idp: DevIdentityProvider) -> Iterator[str]:
    """The echo module published for the Tesseract group, guarded by the dev identity provider's realm."""
    app = runtime(dev_idp.issuer, "echo_module", [ModelDeclaration("echo", "default", (TESSERACT_GROUP,))])
    with live_server(app) as url:
        yield url


def _infer(url: str, token: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{url}/v2/models/echo/infer", json=ECHO_REQUEST, headers=headers, timeout=30)


@pytest.mark.parametrize(("user", "status"), [("alice", 200), ("bob", 200), ("mallory", 403)])
def test_password_grant_token_is_judged_by_its_groups(
    dev_idp: DevIdentityProvider, echo_url: str, user: str, status: int
) -> None:
    response = _infer(echo_url, dev_idp.password_token(user))
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["outputs"][0]["data"] == ["ab"]
    else:
        assert response.json() == {"error": "not in an allowed group"}


def test_web_app_login_token_is_accepted(dev_idp: DevIdentityProvider, echo_url: str) -> None:
    """The token the web app gets for its user (receipt-web, code + PKCE) calls the module API as that user."""
    assert _infer(echo_url, dev_idp.login("alice")["access_token"]).status_code == 200


def test_token_of_an_ended_session_still_verifies_offline(dev_idp: DevIdentityProvider, echo_url: str) -> None:
    """As with Keycloak, the API checks signatures, not sessions: a token lives until it expires (5 minutes)."""
    with httpx.Client(timeout=10) as browser:
        tokens = dev_idp.login("bob", client=browser)
        query = {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "http://127.0.0.1:8002/"}
        assert browser.get(dev_idp.endpoint("logout"), params=query).status_code in (302, 303)
    assert _infer(echo_url, tokens["access_token"]).status_code == 200


def test_only_the_realms_admins_manage_model_versions(dev_idp: DevIdentityProvider) -> None:
    """The API manifest's admin group, as the realm export defines it: ops may list and switch versions, alice not."""
    manifests = load_manifests(ROOT / "manifests")
    declaration = ModelDeclaration("echo", "default", (TESSERACT_GROUP,))
    config = RuntimeConfig(entrypoint="echo_module", models=[declaration], limits=limits(),
                           allowed_clients=manifests.allowed_clients, admin_groups=manifests.admin_groups)  # fmt: skip
    app = create_app(Settings(issuer_url=dev_idp.issuer, manifests_dir="."), config)
    with live_server(app) as url:
        answers = {
            user: httpx.post(f"{url}/v2/repository/index", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            for user in ("ops", "alice")
            for token in [dev_idp.password_token(user)]
        }

    assert answers["ops"].status_code == 200
    assert [entry["name"] for entry in answers["ops"].json()] == ["echo"]
    assert answers["alice"].status_code == 403
