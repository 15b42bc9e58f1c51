"""deploy/keycloak/realm-export.json: shaped as Keycloak imports it and served as written by the dev IdP."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest
from auth_fixtures import QWEN_GROUP, TESSERACT_GROUP
from dev_idp import REALM, REALM_FILE, USERS, DevIdentityProvider

from app.manifests import project_identity
from app.settings import ROOT

# Fields of Keycloak's representations (RealmRepresentation, UserRepresentation, …) that this file may use: a typo
# would be ignored by Keycloak's import without a word, so the test catches it here.
REALM_FIELDS = {
    "id", "realm", "displayName", "enabled", "sslRequired", "registrationAllowed", "loginWithEmailAllowed",
    "duplicateEmailsAllowed", "resetPasswordAllowed", "editUsernameAllowed", "bruteForceProtected",
    "permanentLockout", "failureFactor", "waitIncrementSeconds", "maxFailureWaitSeconds", "maxDeltaTimeSeconds",
    "quickLoginCheckMilliSeconds", "minimumQuickLoginWaitSeconds", "accessTokenLifespan", "ssoSessionIdleTimeout",
    "ssoSessionMaxLifespan", "accessCodeLifespan",
    "accessCodeLifespanLogin", "revokeRefreshToken", "defaultSignatureAlgorithm", "roles", "defaultRole", "groups",
    "users", "clients", "internationalizationEnabled", "supportedLocales", "defaultLocale", "localizationTexts",
}  # fmt: skip
ROLE_FIELDS = {"id", "name", "description", "composite", "composites", "clientRole", "containerId", "attributes"}
GROUP_FIELDS = {"id", "name", "path", "attributes", "realmRoles", "clientRoles", "subGroups"}
USER_FIELDS = {
    "id", "username", "enabled", "emailVerified", "firstName", "lastName", "email", "credentials", "requiredActions",
    "realmRoles", "groups", "attributes",
}  # fmt: skip
CLIENT_FIELDS = {
    "id", "clientId", "name", "description", "enabled", "protocol", "publicClient", "clientAuthenticatorType", "secret",
    "standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled",
    "consentRequired", "frontchannelLogout", "fullScopeAllowed", "rootUrl", "baseUrl", "redirectUris", "webOrigins",
    "attributes", "protocolMappers", "defaultClientScopes", "optionalClientScopes",
}  # fmt: skip
MAPPER_FIELDS = {"id", "name", "protocol", "protocolMapper", "consentRequired", "config"}


@pytest.fixture(scope="module")
def realm() -> dict[str, Any]:
    return dict(json.loads(REALM_FILE.read_text(encoding="utf-8")))


def _groups(groups: list[dict[str, Any]], parent: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for group in groups:
        path = f"{parent}/{group['name']}"
        yield path, group
        yield from _groups(group.get("subGroups", []), path)


def _client(realm: dict[str, Any], client_id: str) -> dict[str, Any]:
    return next(client for client in realm["clients"] if client["clientId"] == client_id)


def test_only_keycloak_fields(realm: dict[str, Any]) -> None:
    assert set(realm) <= REALM_FIELDS
    for role in realm["roles"]["realm"]:
        assert set(role) <= ROLE_FIELDS
    for _, group in _groups(realm["groups"]):
        assert set(group) <= GROUP_FIELDS
    for user in realm["users"]:
        assert set(user) <= USER_FIELDS
    for client in realm["clients"]:
        assert set(client) <= CLIENT_FIELDS
        for mapper in client["protocolMappers"]:
            assert set(mapper) <= MAPPER_FIELDS
            assert all(isinstance(value, str) for value in mapper["config"].values())  # Map<String, String>
        assert all(isinstance(value, str) for value in client["attributes"].values())


def test_brute_force_protection_locks_an_account_for_a_while(realm: dict[str, Any]) -> None:
    """The public client allows the password grant: without a lockout, passwords could be guessed at any speed."""
    assert realm["bruteForceProtected"] is True and realm["permanentLockout"] is False
    assert 3 <= realm["failureFactor"] <= 10
    assert 30 <= realm["waitIncrementSeconds"] <= realm["maxFailureWaitSeconds"] <= 3600


def test_realm_roles_and_default_role(realm: dict[str, Any]) -> None:
    assert realm["realm"] == REALM == project_identity(ROOT / "manifests").realm and realm["enabled"] is True
    roles = {role["name"]: role for role in realm["roles"]["realm"]}
    assert realm["defaultRole"]["name"] == f"default-roles-{REALM}" in roles
    for role in roles.values():
        assert set(role.get("composites", {}).get("realm", [])) <= set(roles)
        assert role["containerId"] == realm["id"]


def test_groups_have_subgroups_with_full_paths(realm: dict[str, Any]) -> None:
    paths = dict(_groups(realm["groups"]))
    assert {TESSERACT_GROUP, QWEN_GROUP} <= set(paths)
    for path, group in paths.items():
        assert group["path"] == path
    assert paths[TESSERACT_GROUP] in paths["/pu-gallery-pa-tesseract-ocr"]["subGroups"]


@pytest.mark.parametrize(
    ("username", "groups"),
    [("alice", {TESSERACT_GROUP, QWEN_GROUP}), ("bob", {TESSERACT_GROUP}), ("mallory", set())],
)
def test_users_with_passwords_and_groups(realm: dict[str, Any], username: str, groups: set[str]) -> None:
    user = next(user for user in realm["users"] if user["username"] == username)
    assert uuid.UUID(user["id"]) and user["enabled"] and user["email"] == f"{username}@example.org"
    assert user["credentials"] == [{"type": "password", "value": USERS[username], "temporary": False}]
    assert set(user["groups"]) == groups
    assert set(user["realmRoles"]) <= {role["name"] for role in realm["roles"]["realm"]}
    if username == "alice":
        assert (user["firstName"], user["lastName"]) == ("Алиса", "Иванова")


def test_web_client_is_confidential_with_pkce_and_loopback_redirects(realm: dict[str, Any]) -> None:
    client = _client(realm, "receipt-web")
    assert client["publicClient"] is False and client["secret"] == "receipt-web-secret"
    assert (
        client["standardFlowEnabled"] and not client["directAccessGrantsEnabled"] and not client["implicitFlowEnabled"]
    )
    assert client["attributes"]["pkce.code.challenge.method"] == "S256"
    # Keycloak ignores the port of http://127.0.0.1 and http://localhost redirects, so these allow any port.
    assert client["redirectUris"] == ["http://127.0.0.1/auth/callback", "http://localhost/auth/callback"]
    assert client["attributes"]["post.logout.redirect.uris"].split("##") == ["http://127.0.0.1/*", "http://localhost/*"]


def test_public_client_allows_the_password_grant(realm: dict[str, Any]) -> None:
    client = _client(realm, "end-users")
    assert client["publicClient"] is True and "secret" not in client
    assert client["directAccessGrantsEnabled"] and client["standardFlowEnabled"]
    assert client["attributes"]["pkce.code.challenge.method"] == "S256"


@pytest.mark.parametrize("client_id", ["receipt-web", "end-users"])
def test_client_uris_are_valid_for_keycloak(realm: dict[str, Any], client_id: str) -> None:
    client = _client(realm, client_id)
    post_logout = client["attributes"]["post.logout.redirect.uris"].split("##")
    for uri in client["redirectUris"] + [uri for uri in post_logout if uri != "+"]:
        parts = urlsplit(uri)
        assert parts.scheme in {"http", "https"} and parts.hostname, uri
        assert "*" not in uri[:-1], f"{uri}: Keycloak allows a wildcard only at the end"
    for origin in client["webOrigins"]:
        parts = urlsplit(origin)
        assert origin in {"+", "*"} or (f"{parts.scheme}://{parts.netloc}" == origin and parts.port), origin
    mappers = {mapper["protocolMapper"]: mapper["config"] for mapper in client["protocolMappers"]}
    groups = mappers["oidc-group-membership-mapper"]
    assert groups["full.path"] == "true" and groups["claim.name"] == "groups" and groups["access.token.claim"] == "true"
    audience = mappers["oidc-audience-mapper"]  # "account" in aud, as the dev IdP gives it
    assert audience["included.custom.audience"] == "account" and audience["access.token.claim"] == "true"


@pytest.mark.parametrize("username", sorted(USERS))
def test_the_dev_idp_serves_each_user_as_exported(
    dev_idp: DevIdentityProvider, realm: dict[str, Any], username: str
) -> None:
    user = next(user for user in realm["users"] if user["username"] == username)
    claims = jwt.decode(dev_idp.password_token(username), options={"verify_signature": False})
    assert claims["sub"] == user["id"] and claims["preferred_username"] == username
    assert claims["groups"] == user["groups"] and claims["email"] == user["email"]
    assert claims["name"] == f"{user['firstName']} {user['lastName']}"
    assert claims["realm_access"]["roles"] == ["default-roles-receipts", "offline_access", "uma_authorization"]
