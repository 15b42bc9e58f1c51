"""JWT verification against a real local JWKS endpoint: the auth matrix, key rotation, rate-limited refetches,
identity-provider outages and the FastAPI glue."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

import jwt
import pytest
from auth_fixtures import (
    CLIENT_ID,
    QWEN_GROUP,
    TESSERACT_GROUP,
    TestIdentityProvider,
    hs256_token,
    private_key,
    unsigned_token,
)
from cryptography.hazmat.primitives import serialization
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

import app.auth
from app.auth import (
    ANONYMOUS,
    AuthError,
    CurrentUser,
    IdentityProviderUnavailable,
    Principal,
    TokenVerifier,
    authorize,
    bearer_token,
    get_token_verifier,
    principal_dependency,
)
from app.errors import add_error_handlers
from app.settings import get_settings

TokenFactory = Callable[[TestIdentityProvider], str]
QwenUser = Annotated[Principal, Depends(principal_dependency(get_token_verifier, groups=[QWEN_GROUP]))]


class FakeClock:
    """Stands in for the verifier's monotonic clock, so rate limits are tested without sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(app.auth, "monotonic", fake)
    return fake


@pytest.fixture
def make_verifier(identity_provider: TestIdentityProvider) -> Iterator[Callable[..., TokenVerifier]]:
    """Verifiers of the test realm, closed afterwards; keyword arguments override the defaults."""
    made: list[TokenVerifier] = []

    def make(**options: Any) -> TokenVerifier:
        defaults: dict[str, Any] = {"allowed_clients": {CLIENT_ID}, "refetch_interval_s": 60}
        made.append(TokenVerifier(identity_provider.issuer, **(defaults | options)))
        return made[-1]

    yield make
    for verifier in made:
        verifier.close()


@pytest.fixture
def verifier(make_verifier: Callable[..., TokenVerifier]) -> TokenVerifier:
    return make_verifier()


def _public_pem(idp: TestIdentityProvider) -> bytes:
    return idp.signing_key.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _tampered(idp: TestIdentityProvider) -> str:
    """A valid token whose payload was swapped for one granting another group."""
    header, _, signature = idp.mint().split(".")
    forged_payload = idp.mint(groups=[QWEN_GROUP]).split(".")[1]
    return f"{header}.{forged_payload}.{signature}"


def _without_kid(idp: TestIdentityProvider) -> str:
    return jwt.encode(idp.claims(), idp.signing_key.key, algorithm="RS256")


REJECTED: dict[str, tuple[TokenFactory, str]] = {
    "garbage": (lambda idp: "not-a-jwt", "malformed token"),
    "garbage parts": (lambda idp: "a.b.c", "malformed token"),
    "expired": (lambda idp: idp.mint(lifetime_s=-120), "token expired"),
    "not yet valid": (lambda idp: idp.mint(nbf=int(time.time()) + 120), "token not yet valid"),
    "issued in the future": (lambda idp: idp.mint(iat=int(time.time()) + 120), "token not yet valid"),
    "wrong issuer": (lambda idp: idp.mint(iss="http://127.0.0.1:1/realms/other"), "wrong issuer"),
    "issuer with a slash": (lambda idp: idp.mint(iss=idp.issuer + "/"), "wrong issuer"),
    "other key same kid": (lambda idp: idp.mint(key=private_key("attacker")), "bad signature"),
    "tampered payload": (_tampered, "bad signature"),
    "alg none": (lambda idp: unsigned_token(idp.claims(), kid=idp.signing_key.kid), "unsupported algorithm"),
    "hs256 with the public key": (
        lambda idp: hs256_token(idp.claims(), kid=idp.signing_key.kid, secret=_public_pem(idp)),
        "unsupported algorithm",
    ),
    "key bound to RS256 used for PS256": (lambda idp: idp.mint(algorithm="PS256"), "unsupported algorithm"),
    "unknown kid": (lambda idp: idp.mint(kid="no-such-key"), "unknown signing key"),
    "no kid": (_without_kid, "unknown signing key"),
    "encryption key": (lambda idp: idp.mint(key=idp.encryption_key, kid="enc-0"), "unknown signing key"),
    "wrong azp": (lambda idp: idp.mint(azp="some-other-client"), "client not allowed"),
    "no azp": (lambda idp: idp.mint(azp=None), "client not allowed"),
    "id token": (lambda idp: idp.mint(typ="ID"), "not an access token"),
    "no exp": (lambda idp: idp.mint(exp=None), "missing claim: exp"),
    "no sub": (lambda idp: idp.mint(sub=None), "missing claim: sub"),
    "groups not a list": (lambda idp: idp.mint(groups=QWEN_GROUP), "malformed claim: groups"),
}


@pytest.mark.parametrize(("make_token", "detail"), REJECTED.values(), ids=REJECTED.keys())
def test_verify_rejects_bad_token(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier, make_token: TokenFactory, detail: str
) -> None:
    with pytest.raises(AuthError) as raised:
        verifier.verify(make_token(identity_provider))
    assert (raised.value.status_code, raised.value.detail) == (401, detail)


def test_verify_valid_token_returns_principal(identity_provider: TestIdentityProvider, verifier: TokenVerifier) -> None:
    principal = verifier.verify(identity_provider.mint(groups=[QWEN_GROUP, TESSERACT_GROUP], sub="user-1"))
    assert principal == Principal(
        subject="user-1",
        username="alice",
        email="alice@example.org",
        groups=frozenset({QWEN_GROUP, TESSERACT_GROUP}),
        roles=frozenset({"default-roles-receipts", "offline_access"}),
        client_id=CLIENT_ID,
    )
    assert principal.claims["scope"] == "openid profile email"
    assert principal.in_any_group([QWEN_GROUP])


def test_verify_minimal_token_has_empty_optional_fields(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier
) -> None:
    token = identity_provider.mint(preferred_username=None, email=None, groups=None, realm_access=None, typ=None)
    principal = verifier.verify(token)
    assert (principal.username, principal.email, principal.groups, principal.roles) == (
        None,
        None,
        frozenset(),
        frozenset(),
    )


@pytest.mark.parametrize(
    ("leeway_s", "expired_ago_s", "accepted"), [(30, 10, True), (0, 10, False), (30, 60, False), (5, -60, True)]
)
def test_verify_expiry_within_leeway(
    identity_provider: TestIdentityProvider,
    make_verifier: Callable[..., TokenVerifier],
    leeway_s: float,
    expired_ago_s: float,
    accepted: bool,
) -> None:
    verifier = make_verifier(leeway_s=leeway_s)
    token = identity_provider.mint(lifetime_s=-expired_ago_s)
    if accepted:
        assert verifier.verify(token).subject
    else:
        with pytest.raises(AuthError, match="token expired"):
            verifier.verify(token)


def test_verify_any_client_when_none_configured(
    identity_provider: TestIdentityProvider, make_verifier: Callable[..., TokenVerifier]
) -> None:
    assert make_verifier(allowed_clients=()).verify(identity_provider.mint(azp="cli")).client_id == "cli"


@pytest.mark.parametrize(
    ("algorithm", "publish_alg"),
    [("RS256", True), ("PS256", True), ("PS256", False), ("ES256", True), ("ES256", False)],
)
def test_verify_accepts_asymmetric_algorithm(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier, algorithm: str, publish_alg: bool
) -> None:
    identity_provider.rotate(algorithm, publish_alg=publish_alg)
    assert verifier.verify(identity_provider.mint()).subject


@pytest.mark.parametrize("algorithms", [("HS256",), ("RS256", "none"), ()])
def test_verifier_refuses_symmetric_or_no_algorithms(algorithms: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="asymmetric"):
        TokenVerifier("http://127.0.0.1:1/realms/x", algorithms=algorithms)


def test_verify_fetches_jwks_once_for_many_tokens(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier
) -> None:
    for _ in range(5):
        verifier.verify(identity_provider.mint())
    assert identity_provider.jwks_requests == 1


def test_verify_burst_of_unknown_kids_refetches_once_per_interval(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier, clock: FakeClock
) -> None:
    verifier.verify(identity_provider.mint())
    clock.advance(60)

    def outcome(token: str) -> str:
        try:
            verifier.verify(token)
        except AuthError as error:
            return error.detail
        return "accepted"

    for _ in range(2):  # the second burst falls in the same interval: no fetch at all
        tokens = [identity_provider.mint(kid=str(uuid.uuid4())) for _ in range(20)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = set(pool.map(outcome, tokens))
        assert (outcomes, identity_provider.jwks_requests) == ({"unknown signing key"}, 2)


def test_verify_rotated_key_after_refetch(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier, clock: FakeClock
) -> None:
    old_token = identity_provider.mint()
    verifier.verify(old_token)
    identity_provider.rotate()
    new_token = identity_provider.mint()
    clock.advance(59)
    with pytest.raises(AuthError, match="unknown signing key"):
        verifier.verify(new_token)  # refetched at most once per interval: too soon after the first fetch
    clock.advance(1)
    assert verifier.verify(new_token).subject
    assert verifier.verify(old_token).subject  # the old key stays published during the rollover
    assert identity_provider.jwks_requests == 2


def test_verify_removed_key_rejected_once_keys_age(
    identity_provider: TestIdentityProvider, make_verifier: Callable[..., TokenVerifier]
) -> None:
    verifier = make_verifier(refetch_interval_s=0, max_key_age_s=0)
    old_token = identity_provider.mint()
    verifier.verify(old_token)
    identity_provider.rotate(keep_old=False)
    with pytest.raises(AuthError, match="unknown signing key"):
        verifier.verify(old_token)


@pytest.mark.parametrize("outage", ["stopped", "failing", "not a jwks"])
def test_verify_reports_identity_provider_outage(
    identity_provider: TestIdentityProvider, make_verifier: Callable[..., TokenVerifier], outage: str
) -> None:
    token = identity_provider.mint()
    if outage == "stopped":
        identity_provider.stop()
    identity_provider.failing = outage == "failing"
    jwks_url = identity_provider.issuer + "/.well-known/openid-configuration" if outage == "not a jwks" else None
    verifier = make_verifier(jwks_url=jwks_url, http_timeout_s=1)
    with pytest.raises(IdentityProviderUnavailable, match="JWKS endpoint"):
        verifier.verify(token)


def test_verify_outage_is_rate_limited_then_recovers(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier, clock: FakeClock
) -> None:
    identity_provider.failing = True
    token = identity_provider.mint()
    for _ in range(3):
        with pytest.raises(IdentityProviderUnavailable):
            verifier.verify(token)
    assert identity_provider.jwks_requests == 1
    identity_provider.failing = False
    clock.advance(60)
    assert verifier.verify(token).subject


def test_verify_keeps_stale_keys_during_outage(
    identity_provider: TestIdentityProvider, make_verifier: Callable[..., TokenVerifier]
) -> None:
    verifier = make_verifier(refetch_interval_s=0, max_key_age_s=0)
    token = identity_provider.mint()
    verifier.verify(token)
    identity_provider.failing = True
    assert verifier.verify(token).subject
    with pytest.raises(IdentityProviderUnavailable):
        verifier.verify(identity_provider.mint(kid="new-key"))
    assert identity_provider.jwks_requests == 3


def test_verify_stale_key_does_not_wait_for_slow_refetch(
    identity_provider: TestIdentityProvider, make_verifier: Callable[..., TokenVerifier]
) -> None:
    verifier = make_verifier(refetch_interval_s=0, max_key_age_s=0)
    token = identity_provider.mint()
    verifier.verify(token)
    identity_provider.gate.clear()
    with ThreadPoolExecutor(max_workers=2) as pool:
        stalled = pool.submit(verifier.verify, token)
        deadline = time.monotonic() + 2
        while identity_provider.jwks_requests < 2 and time.monotonic() < deadline:  # the refetch is being held
            time.sleep(0.005)
        unblocked = pool.submit(verifier.verify, token)
        assert unblocked.result(timeout=2).subject
        assert not stalled.done()
        identity_provider.gate.set()
        assert stalled.result(timeout=2).subject


def _count_signature_checks(monkeypatch: pytest.MonkeyPatch, verifier: TokenVerifier) -> list[str]:
    """The tokens whose signature ``verifier`` checks from now on (a remembered token's is not checked again)."""
    checked: list[str] = []
    decode = verifier._decode

    def counting(token: str, key: jwt.PyJWK, algorithm: str) -> dict[str, Any]:
        checked.append(token)
        return decode(token, key, algorithm)

    monkeypatch.setattr(verifier, "_decode", counting)
    return checked


def test_verify_remembers_a_verified_token_until_its_ttl(
    identity_provider: TestIdentityProvider,
    make_verifier: Callable[..., TokenVerifier],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verifier = make_verifier(cache_ttl_s=60)
    checked = _count_signature_checks(monkeypatch, verifier)
    token = identity_provider.mint(groups=[QWEN_GROUP])
    first = verifier.verify(token)
    assert verifier.verify(token) is first
    clock.advance(59)
    assert verifier.verify(token) is first
    assert len(checked) == 1
    clock.advance(1)
    assert verifier.verify(token) == first
    assert len(checked) == 2


def test_verify_refuses_an_expired_token_even_when_remembered(
    identity_provider: TestIdentityProvider,
    make_verifier: Callable[..., TokenVerifier],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verifier = make_verifier(leeway_s=5, cache_ttl_s=3600)
    checked = _count_signature_checks(monkeypatch, verifier)
    token = identity_provider.mint(lifetime_s=30)
    expires_at = int(jwt.decode(token, options={"verify_signature": False})["exp"])
    verifier.verify(token)
    monkeypatch.setattr(app.auth, "time", lambda: expires_at + 4.9)  # within the leeway: still accepted
    assert verifier.verify(token).subject
    monkeypatch.setattr(app.auth, "time", lambda: expires_at + 5)  # PyJWT's own clock would still accept it
    with pytest.raises(AuthError, match="token expired"):
        verifier.verify(token)
    assert checked == [token]  # refused by the cache's own exp check, as PyJWT would refuse it


def test_verify_refuses_a_remembered_token_when_the_clock_goes_back(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = identity_provider.mint()
    verifier.verify(token)
    monkeypatch.setattr(app.auth, "time", lambda: time.time() - 3600)
    with pytest.raises(AuthError, match="token not yet valid"):
        verifier.verify(token)


def test_verify_cache_is_bounded_and_forgets_the_oldest_first(
    identity_provider: TestIdentityProvider,
    make_verifier: Callable[..., TokenVerifier],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verifier = make_verifier(cache_size=2)
    checked = _count_signature_checks(monkeypatch, verifier)
    tokens = [identity_provider.mint() for _ in range(3)]
    for token in tokens:
        verifier.verify(token)
    verifier.verify(tokens[2])
    verifier.verify(tokens[1])
    assert checked == tokens
    verifier.verify(tokens[0])
    assert checked == [*tokens, tokens[0]]
    for _ in range(50):
        verifier.verify(identity_provider.mint())
    assert len(verifier._verified) == 2


def test_verify_cache_off_checks_every_signature(
    identity_provider: TestIdentityProvider,
    make_verifier: Callable[..., TokenVerifier],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verifier = make_verifier(cache_size=0)
    checked = _count_signature_checks(monkeypatch, verifier)
    token = identity_provider.mint()
    for _ in range(3):
        verifier.verify(token)
    assert checked == [token] * 3


def test_verify_forgets_tokens_of_a_key_the_realm_dropped(
    identity_provider: TestIdentityProvider, make_verifier: Callable[..., TokenVerifier], clock: FakeClock
) -> None:
    verifier = make_verifier(refetch_interval_s=0, max_key_age_s=30, cache_ttl_s=3600)
    old_token = identity_provider.mint()
    verifier.verify(old_token)
    identity_provider.rotate(keep_old=False)
    clock.advance(31)  # the key set is stale: the next request refetches it instead of trusting the cache
    with pytest.raises(AuthError, match="unknown signing key"):
        verifier.verify(old_token)


def test_verify_never_remembers_a_refused_token(
    identity_provider: TestIdentityProvider, verifier: TokenVerifier
) -> None:
    verifier.verify(identity_provider.mint())
    forged = _tampered(identity_provider)
    for _ in range(2):
        with pytest.raises(AuthError, match="bad signature"):
            verifier.verify(forged)


@pytest.mark.parametrize("size_or_ttl", [{"cache_size": -1}, {"cache_ttl_s": -1}])
def test_verifier_refuses_a_negative_cache(size_or_ttl: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="cache"):
        TokenVerifier("http://127.0.0.1:1/realms/x", **size_or_ttl)  # type: ignore[arg-type]


def _principal(*groups: str) -> Principal:
    return Principal("user-1", "alice", None, frozenset(groups), frozenset(), CLIENT_ID)


@pytest.mark.parametrize(
    ("member_of", "required", "allowed"),
    [
        ([TESSERACT_GROUP], [TESSERACT_GROUP], True),
        ([TESSERACT_GROUP], [QWEN_GROUP], False),
        ([TESSERACT_GROUP], [QWEN_GROUP, TESSERACT_GROUP], True),
        ([TESSERACT_GROUP], [], True),
        ([], [QWEN_GROUP], False),
        ([QWEN_GROUP], ["/pu-gallery-pa-qwen"], True),
        (["/pu-gallery-pa-qwen-evil/users"], ["/pu-gallery-pa-qwen"], False),
        (["/pu-gallery-pa-qwen"], [QWEN_GROUP], False),
        (["gallery-qwen-users"], [QWEN_GROUP], False),
        ([QWEN_GROUP], ["/"], False),
    ],
)
def test_authorize_by_group(member_of: list[str], required: list[str], allowed: bool) -> None:
    principal = _principal(*member_of)
    if allowed:
        authorize(principal, required)
    else:
        with pytest.raises(AuthError) as raised:
            authorize(principal, required)
        assert (raised.value.status_code, raised.value.detail) == (403, "not in an allowed group")


def test_authorize_anonymous_when_auth_is_off() -> None:
    authorize(ANONYMOUS, [QWEN_GROUP])
    with pytest.raises(AuthError):
        authorize(_principal(), [QWEN_GROUP])  # equal to ANONYMOUS in all but identity


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer abc.def.ghi", "abc.def.ghi"),
        ("bearer abc", "abc"),
        ("BEARER   abc  ", "abc"),
        ("Basic dXNlcjpwYXNz", None),
        ("Bearer", None),
        ("Bearer ", None),
        ("Bearerabc", None),
        (None, None),
    ],
)
def test_bearer_token_parses_authorization_header(header: str | None, token: str | None) -> None:
    headers = [] if header is None else [(b"authorization", header.encode())]
    assert bearer_token(Request({"type": "http", "headers": headers})) == token


@pytest.mark.parametrize(
    ("error", "challenge"),
    [
        (AuthError(401, "missing bearer token"), "Bearer"),
        (AuthError(401, "token expired"), 'Bearer error="invalid_token", error_description="token expired"'),
        (AuthError(401, 'a "quoted" reason'), r'Bearer error="invalid_token", error_description="a \"quoted\" reason"'),
        (
            AuthError(403, "not in an allowed group"),
            'Bearer error="insufficient_scope", error_description="not in an allowed group"',
        ),
    ],
)
def test_www_authenticate_follows_rfc6750(error: AuthError, challenge: str) -> None:
    assert error.www_authenticate == challenge


@pytest.fixture
def service(verifier: TokenVerifier) -> FastAPI:
    """A tiny service using the dependency the way the real ones do."""
    app = FastAPI()
    add_error_handlers(app)

    @app.get("/me")
    def me(user: CurrentUser) -> dict[str, str]:
        return {"subject": user.subject}

    @app.get("/qwen")
    def qwen(user: QwenUser) -> list[str]:
        return sorted(user.groups)

    app.dependency_overrides[get_token_verifier] = lambda: verifier
    return app


@pytest.fixture
def client(service: FastAPI) -> Iterator[TestClient]:
    with TestClient(service) as test_client:
        yield test_client


def _authorization(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("path", "claims", "expected"),
    [
        ("/me", None, (401, {"error": "missing bearer token"}, "Bearer")),
        (
            "/me",
            {"lifetime_s": -120},
            (401, {"error": "token expired"}, 'Bearer error="invalid_token", error_description="token expired"'),
        ),
        (
            "/qwen",
            {},
            (
                403,
                {"error": "not in an allowed group"},
                'Bearer error="insufficient_scope", error_description="not in an allowed group"',
            ),
        ),
        ("/qwen", {"groups": [QWEN_GROUP]}, (200, [QWEN_GROUP], None)),
        ("/me", {"sub": "user-7"}, (200, {"subject": "user-7"}, None)),
    ],
)
def test_route_answers_auth_outcome(
    identity_provider: TestIdentityProvider,
    client: TestClient,
    path: str,
    claims: dict[str, Any] | None,
    expected: tuple[int, object, str | None],
) -> None:
    headers = {} if claims is None else _authorization(identity_provider.mint(**claims))
    response = client.get(path, headers=headers)
    assert (response.status_code, response.json(), response.headers.get("WWW-Authenticate")) == expected


def test_route_checks_groups_on_every_request_of_a_remembered_token(
    identity_provider: TestIdentityProvider, client: TestClient
) -> None:
    headers = _authorization(identity_provider.mint(groups=[TESSERACT_GROUP]))
    assert [client.get(path, headers=headers).status_code for path in ("/me", "/qwen", "/me", "/qwen")] == [
        200,
        403,
        200,
        403,
    ]


def test_route_answers_503_when_identity_provider_is_down(
    identity_provider: TestIdentityProvider, client: TestClient
) -> None:
    token = identity_provider.mint()
    identity_provider.stop()
    response = client.get("/me", headers=_authorization(token))
    assert (response.status_code, response.json()) == (503, {"error": "identity provider unavailable"})


def test_route_lets_anyone_in_when_auth_is_off(service: FastAPI, client: TestClient) -> None:
    service.dependency_overrides[get_token_verifier] = lambda: None
    assert [client.get(path).status_code for path in ("/me", "/qwen")] == [200, 200]


@pytest.mark.parametrize(("enabled", "expected_issuer"), [("true", "http://idp.test/realms/r"), ("false", None)])
def test_get_token_verifier_follows_settings(
    monkeypatch: pytest.MonkeyPatch, enabled: str, expected_issuer: str | None
) -> None:
    monkeypatch.setenv("RECEIPT_AUTH_ENABLED", enabled)
    monkeypatch.setenv("RECEIPT_ISSUER_URL", "http://idp.test/realms/r")
    get_settings.cache_clear()
    get_token_verifier.cache_clear()
    try:
        verifier = get_token_verifier()
        assert (verifier and verifier.issuer) == expected_issuer
        assert verifier is None or verifier.jwks.url == "http://idp.test/realms/r/protocol/openid-connect/certs"
        assert verifier is None or verifier.allowed_clients == {"end-users", "receipt-web"}  # manifests/api.yaml
        if verifier is not None:
            verifier.close()
    finally:
        get_settings.cache_clear()
        get_token_verifier.cache_clear()
