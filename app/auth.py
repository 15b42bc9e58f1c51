"""Keycloak bearer-token verification: the one place the runtime, the file service and the web app check a JWT.

A token is accepted when it is signed by a key the realm publishes (JWKS), with an asymmetric algorithm from a fixed
allow-list, carries the realm as ``iss``, is inside ``nbf``/``exp`` (with leeway for clock skew) and was issued to an
allowed client (``azp``). ``aud`` is not checked: Keycloak sets it to ``account`` or leaves it out, so ``azp`` plays
its role. Group membership (the ``groups`` claim with full paths) decides access to a model.

A client sends the same token with every request until it expires, and checking its RSA signature took a quarter of
the runtime's CPU per small request (bench/results/serving.md), so a verified token is remembered (by its SHA-256,
never the token itself) for at most a minute: a repeat is accepted only while the key that verified it is still the
current, fresh key of the realm, and its ``exp``/``nbf`` are checked again every time. Group membership is decided
per request by ``authorize``, never remembered; neither are refused tokens.

How a route uses it (``CurrentUser`` reads the verifier from the settings; tests override ``get_token_verifier``)::

    app = FastAPI()
    add_error_handlers(app)  # app.errors: AuthError is an ApiError
    QwenUser = Annotated[Principal, Depends(principal_dependency(get_token_verifier, groups=[QWEN_GROUP]))]

    @app.get("/me")
    def me(user: CurrentUser) -> dict[str, str]:
        return {"subject": user.subject}

    @app.post("/v2/models/{name}/infer")
    def infer(name: str, user: CurrentUser) -> ...:
        authorize(user, manifest_groups(name))  # groups only known per request
"""

# No `from __future__ import annotations`: FastAPI must resolve the closure's Annotated dependency at runtime.

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from time import monotonic, time
from types import MappingProxyType
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request

from app.common.logs import ACCESS_LOGGER
from app.errors import ApiError
from app.manifests import load_manifests
from app.settings import get_settings

log = logging.getLogger(__name__)
REQUEST_LOG = logging.getLogger(ACCESS_LOGGER)
"""The request log (JSON lines): a refusal by ``principal_dependency`` is written there."""

# Asymmetric only: "none" and HS* would let anyone who knows the public key sign (algorithm confusion).
PERMITTED_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
DEFAULT_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "ES256", "ES384")
_RSA_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_EC_ALGORITHM_BY_CURVE = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}
_REQUIRED_CLAIMS = ["exp", "iss", "sub"]
MISSING_TOKEN = "missing bearer token"
VERIFIED_CACHE_SIZE = 1024
"""Verified tokens a verifier remembers at most (a few MB of claims)."""
IDENTITY_PROVIDER_UNAVAILABLE = "identity provider unavailable"
"""The 503 detail when the realm's keys cannot be fetched: the caller's token may be fine, so no 'log in again'."""
VERIFIED_CACHE_TTL_S = 60.0
"""How long a verifier remembers a verified token at most, however long the token is valid."""


class AuthError(ApiError):
    """A request that is not allowed: 401 (no usable token) or 403 (a valid token without the right group)."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(status_code, detail)

    @property
    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": self.www_authenticate}

    @property
    def www_authenticate(self) -> str:
        """The RFC 6750 challenge: no error code when no token was sent, otherwise why it was refused."""
        if self.detail == MISSING_TOKEN:
            return "Bearer"
        error = "invalid_token" if self.status_code == 401 else "insufficient_scope"
        description = self.detail.replace("\\", "\\\\").replace('"', '\\"')
        return f'Bearer error="{error}", error_description="{description}"'


class IdentityProviderUnavailable(ApiError):  # noqa: N818 -- the name the services import
    """The realm's signing keys could not be fetched: the server's problem (503), not the caller's token. ``str()``
    is the reason, for the log; the caller is told only that the provider cannot be reached (no internal address)."""

    def __init__(self, reason: str) -> None:
        super().__init__(503, IDENTITY_PROVIDER_UNAVAILABLE, {"Retry-After": "5"}, reason=reason)

    def __str__(self) -> str:
        return self.reason or self.detail


def _unauthorized(detail: str) -> AuthError:
    return AuthError(401, detail)


@dataclass(frozen=True)
class Principal:
    """Who made a request, as the identity provider vouched for it in the token."""

    subject: str
    username: str | None
    email: str | None
    groups: frozenset[str]
    roles: frozenset[str]
    client_id: str | None
    claims: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def in_any_group(self, groups: Collection[str]) -> bool:
        """True when the principal is in one of ``groups`` or in a subgroup of one (Keycloak full paths)."""
        return any(_in_group(mine, wanted) for mine in self.groups for wanted in groups)


def _in_group(member_of: str, wanted: str) -> bool:
    """A member of "/team/users" is in "/team" too, as Keycloak's subgroups inherit their parent's grants."""
    parent = wanted.rstrip("/")
    return member_of == wanted or (wanted.startswith("/") and bool(parent) and member_of.startswith(parent + "/"))


# What the dependency returns when auth is switched off (Settings.auth_enabled=False); no token can produce it.
ANONYMOUS = Principal(
    subject="anonymous", username=None, email=None, groups=frozenset(), roles=frozenset(), client_id=None
)


def authorize(principal: Principal, groups: Collection[str]) -> None:
    """Raise 403 unless the principal is in one of ``groups``; no groups means any signed-in user."""
    if principal is ANONYMOUS or not groups or principal.in_any_group(groups):
        return
    raise AuthError(403, "not in an allowed group")


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """Read the Keycloak claims of an already verified token."""
    realm_access = claims.get("realm_access")
    roles = realm_access.get("roles") if isinstance(realm_access, Mapping) else None
    return Principal(
        subject=claims["sub"],
        username=_optional_string(claims.get("preferred_username")),
        email=_optional_string(claims.get("email")),
        groups=_string_set(claims.get("groups"), "groups"),
        roles=_string_set(roles, "realm_access.roles"),
        client_id=_optional_string(claims.get("azp")),
        claims=MappingProxyType(dict(claims)),
    )


def _optional_string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _string_set(value: object, claim: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _unauthorized(f"malformed claim: {claim}")
    return frozenset(value)


class JwksCache:
    """The realm's signing keys by kid, fetched on demand; refetches are rate-limited so random kids cannot flood
    the identity provider, and a fetch failure is reported as such rather than as a bad token."""

    def __init__(
        self,
        url: str,
        *,
        algorithms: Collection[str],
        refetch_interval_s: float,
        max_age_s: float,
        http_timeout_s: float,
    ) -> None:
        self.url = url
        self._algorithms = frozenset(algorithms)
        self._refetch_interval_s = refetch_interval_s
        self._max_age_s = max_age_s
        self._client = httpx.Client(timeout=http_timeout_s, follow_redirects=False)
        self._lock = threading.Lock()
        # Replaced whole on each fetch, so readers need no lock.
        self._keys: dict[str, dict[str, jwt.PyJWK]] | None = None
        self._fetched_at = 0.0
        self._attempted_at: float | None = None
        self._error: IdentityProviderUnavailable | None = None

    def signing_key(self, kid: str, algorithm: str) -> jwt.PyJWK:
        """The key ``kid`` for ``algorithm``; fetches the JWKS first when it is missing, stale or lacks ``kid``."""
        if self._needs_fetch(kid):
            # One fetch at a time, and the threads behind it see its result; a thread whose key is merely stale
            # does not queue behind a slow identity provider.
            known = self._keys is not None and kid in self._keys
            if self._lock.acquire(blocking=not known):
                try:
                    if self._needs_fetch(kid) and self._may_fetch():
                        self._fetch()
                finally:
                    self._lock.release()
        keys = self._keys
        if keys is None or (kid not in keys and self._error is not None):
            # A fresh exception per caller: the cached one must not collect every thread's traceback.
            raise IdentityProviderUnavailable(str(self._error or f"no signing keys fetched from {self.url}"))
        if kid not in keys:
            raise _unauthorized("unknown signing key")
        if algorithm not in keys[kid]:
            raise _unauthorized("unsupported algorithm")
        return keys[kid][algorithm]

    def fresh_key(self, kid: str, algorithm: str) -> jwt.PyJWK | None:
        """The key ``kid`` for ``algorithm`` while the key set is younger than its maximum age; None otherwise.
        Never fetches: a remembered token is accepted only while this is the very key that verified it."""
        keys = self._keys
        if keys is None or monotonic() - self._fetched_at > self._max_age_s:
            return None
        return keys.get(kid, {}).get(algorithm)

    def close(self) -> None:
        self._client.close()

    def _needs_fetch(self, kid: str) -> bool:
        keys = self._keys
        return keys is None or kid not in keys or monotonic() - self._fetched_at > self._max_age_s

    def _may_fetch(self) -> bool:
        return self._attempted_at is None or monotonic() - self._attempted_at >= self._refetch_interval_s

    def _fetch(self) -> None:
        """Fetch the key set; on failure keep the keys we have (a stale key beats refusing every request)."""
        self._attempted_at = monotonic()
        try:
            self._keys = self._download()
        except IdentityProviderUnavailable as error:
            log.warning("%s", error)
            self._error = error
            return
        self._fetched_at = self._attempted_at
        self._error = None
        log.info("fetched %d signing keys from %s", len(self._keys), self.url)

    def _download(self) -> dict[str, dict[str, jwt.PyJWK]]:
        try:
            response = self._client.get(self.url)
        except httpx.HTTPError as error:
            raise IdentityProviderUnavailable(f"cannot reach the JWKS endpoint {self.url}: {error}") from error
        if response.status_code != 200:
            raise IdentityProviderUnavailable(f"the JWKS endpoint {self.url} answered HTTP {response.status_code}")
        try:
            jwks = response.json()
        except ValueError as error:
            raise IdentityProviderUnavailable(f"the JWKS endpoint {self.url} sent invalid JSON") from error
        if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
            raise IdentityProviderUnavailable(f"the JWKS endpoint {self.url} sent no 'keys' list")
        keys: dict[str, dict[str, jwt.PyJWK]] = {}
        for jwk in jwks["keys"]:
            if isinstance(jwk, dict) and isinstance(jwk.get("kid"), str) and jwk.get("use", "sig") == "sig":
                keys[jwk["kid"]] = self._parse(jwk)
        return keys

    def _parse(self, jwk: dict[str, Any]) -> dict[str, jwt.PyJWK]:
        """One PyJWK per algorithm the key may verify: only its declared ``alg``, else what its type allows."""
        parsed = {}
        for algorithm in self._algorithms.intersection(_key_algorithms(jwk)):
            try:
                parsed[algorithm] = jwt.PyJWK(jwk, algorithm)
            except jwt.PyJWTError as error:
                log.warning("skipping key %s from %s: %s", jwk["kid"], self.url, error)
        return parsed


def _key_algorithms(jwk: Mapping[str, Any]) -> tuple[str, ...]:
    """The algorithms a JWK may verify: its declared ``alg`` (RFC 7517 binds the key to it), else its type's."""
    declared, kty, curve = jwk.get("alg"), jwk.get("kty"), jwk.get("crv")
    if declared is not None:
        return (declared,) if isinstance(declared, str) else ()
    if kty == "RSA":
        return _RSA_ALGORITHMS
    if kty == "EC" and isinstance(curve, str) and curve in _EC_ALGORITHM_BY_CURVE:
        return (_EC_ALGORITHM_BY_CURVE[curve],)
    return ()


@dataclass(frozen=True, slots=True)
class _Verified:
    """A token that passed every check, as remembered by its digest."""

    principal: Principal
    key: jwt.PyJWK
    kid: str
    algorithm: str
    expires_at: float
    """``exp``, seconds since the epoch."""
    not_before: float
    """The later of ``nbf`` and ``iat`` (either may be absent), seconds since the epoch."""
    forget_at: float
    """When the verifier stops remembering it, on its monotonic clock."""


class TokenVerifier:
    """Verifies Keycloak access tokens of one realm. Thread-safe; build one per process and reuse it.

    Up to ``cache_size`` verified tokens are remembered for at most ``cache_ttl_s`` seconds (see the module's
    docstring); ``cache_size=0`` checks every signature."""

    def __init__(
        self,
        issuer: str,
        *,
        jwks_url: str | None = None,
        allowed_clients: Collection[str] = (),
        leeway_s: float = 30,
        algorithms: Collection[str] = DEFAULT_ALGORITHMS,
        refetch_interval_s: float = 30,
        max_key_age_s: float = 600,
        http_timeout_s: float = 5,
        cache_size: int = VERIFIED_CACHE_SIZE,
        cache_ttl_s: float = VERIFIED_CACHE_TTL_S,
    ) -> None:
        refused = set(algorithms) - PERMITTED_ALGORITHMS
        if refused or not algorithms:
            raise ValueError(f"only asymmetric algorithms may verify tokens, not {sorted(refused) or 'none'}")
        if cache_size < 0 or cache_ttl_s < 0:
            raise ValueError("cache_size and cache_ttl_s must be ≥ 0")
        self.issuer = issuer
        self.allowed_clients = frozenset(allowed_clients)
        self.leeway_s = leeway_s
        self.algorithms = frozenset(algorithms)
        self.jwks = JwksCache(
            jwks_url or issuer.rstrip("/") + "/protocol/openid-connect/certs",
            algorithms=self.algorithms,
            refetch_interval_s=refetch_interval_s,
            max_age_s=max_key_age_s,
            http_timeout_s=http_timeout_s,
        )
        self.cache_size = cache_size
        self.cache_ttl_s = cache_ttl_s
        self._verified: dict[bytes, _Verified] = {}
        self._verified_lock = threading.Lock()

    def verify(self, token: str) -> Principal:
        """The principal a valid token names; AuthError (401) otherwise, IdentityProviderUnavailable when the
        signing keys cannot be fetched."""
        digest = hashlib.sha256(token.encode()).digest()
        if (principal := self._recall(digest)) is not None:
            return principal
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise _unauthorized("malformed token") from error
        algorithm, kid = header.get("alg"), header.get("kid")
        if algorithm not in self.algorithms:
            raise _unauthorized("unsupported algorithm")
        if not isinstance(kid, str):
            raise _unauthorized("unknown signing key")
        key = self.jwks.signing_key(kid, algorithm)
        claims = self._decode(token, key, algorithm)
        self._check_access_token(claims)
        principal = principal_from_claims(claims)
        forget_at = monotonic() + self.cache_ttl_s
        self._remember(
            digest, _Verified(principal, key, kid, algorithm, float(claims["exp"]), _not_before(claims), forget_at)
        )
        return principal

    def close(self) -> None:
        self.jwks.close()

    def _recall(self, digest: bytes) -> Principal | None:
        """The principal of a remembered token that is still valid now; None when it must be verified afresh."""
        verified = self._verified.get(digest)
        if verified is None:
            return None
        key_replaced = self.jwks.fresh_key(verified.kid, verified.algorithm) is not verified.key
        if key_replaced or monotonic() >= verified.forget_at:
            self._verified.pop(digest, None)
            return None
        now = time()
        if verified.expires_at <= now - self.leeway_s:  # as PyJWT judges exp
            self._verified.pop(digest, None)
            raise _unauthorized("token expired")
        if verified.not_before > now + self.leeway_s:  # only when the clock went back
            raise _unauthorized("token not yet valid")
        return verified.principal

    def _remember(self, digest: bytes, verified: _Verified) -> None:
        if self.cache_size == 0 or self.cache_ttl_s == 0:
            return
        with self._verified_lock:
            while len(self._verified) >= self.cache_size:  # the oldest go first
                self._verified.pop(next(iter(self._verified)), None)
            self._verified[digest] = verified

    def _decode(self, token: str, key: jwt.PyJWK, algorithm: str) -> dict[str, Any]:
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                issuer=self.issuer,
                leeway=self.leeway_s,
                options={"require": _REQUIRED_CLAIMS, "verify_aud": False},
            )
        except jwt.PyJWTError as error:
            raise _unauthorized(_reason(error)) from error

    def _check_access_token(self, claims: Mapping[str, Any]) -> None:
        """Keycloak marks access tokens typ "Bearer" (ID tokens "ID"); azp stands in for the absent aud."""
        token_type = claims.get("typ")
        if token_type is not None and str(token_type).lower() != "bearer":
            raise _unauthorized("not an access token")
        if self.allowed_clients and claims.get("azp") not in self.allowed_clients:
            raise _unauthorized("client not allowed")


def _not_before(claims: Mapping[str, Any]) -> float:
    """The later of ``nbf`` and ``iat``, which PyJWT has just checked are numbers when present."""
    return max((float(claims[name]) for name in ("nbf", "iat") if name in claims), default=float("-inf"))


def _reason(error: jwt.PyJWTError) -> str:
    """A stable, non-leaky detail for each PyJWT failure (order matters: InvalidSignatureError is a DecodeError)."""
    match error:
        case jwt.ExpiredSignatureError():
            return "token expired"
        case jwt.ImmatureSignatureError():
            return "token not yet valid"
        case jwt.InvalidIssuerError():
            return "wrong issuer"
        case jwt.MissingRequiredClaimError():
            return f"missing claim: {error.claim}"
        case jwt.InvalidSignatureError() | jwt.InvalidKeyError():
            return "bad signature"
        case jwt.InvalidAlgorithmError():
            return "unsupported algorithm"
        case _:
            return "malformed token"


@cache
def get_token_verifier() -> TokenVerifier | None:
    """The process's verifier from the settings, tokens of the API manifest's clients only; None when auth is off."""
    settings = get_settings()
    if not settings.auth_enabled:
        return None
    clients = load_manifests(settings.manifests_dir).allowed_clients
    return TokenVerifier(settings.issuer_url, jwks_url=settings.jwks_url, allowed_clients=clients)


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (scheme case-insensitive), or None."""
    scheme, _, token = request.headers.get("authorization", "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def principal_dependency(
    verifier_getter: Callable[[], TokenVerifier | None], groups: Collection[str] = ()
) -> Callable[..., Principal]:
    """A FastAPI dependency returning the caller's Principal, 401 without a valid token, 403 outside ``groups``.

    ``verifier_getter`` is itself a dependency, so tests swap it with ``app.dependency_overrides``. Sync on purpose:
    FastAPI runs it in its thread pool, where a JWKS fetch may block.
    """
    required = tuple(groups)

    def current_principal(
        request: Request, verifier: Annotated[TokenVerifier | None, Depends(verifier_getter)]
    ) -> Principal:
        if verifier is None:
            return ANONYMOUS
        principal: Principal | None = None
        try:
            token = bearer_token(request)
            if token is None:
                raise _unauthorized(MISSING_TOKEN)
            principal = verifier.verify(token)
            authorize(principal, required)
        except ApiError as refused:
            log_refusal(request, principal, refused)
            raise
        return principal

    return current_principal


def authorize_request(request: Request, principal: Principal, groups: Collection[str]) -> None:
    """``authorize``, a refusal also written to the request log with who was refused."""
    try:
        authorize(principal, groups)
    except ApiError as refused:
        log_refusal(request, principal, refused)
        raise


def log_refusal(request: Request, principal: Principal | None, refused: ApiError) -> None:
    """One request-log line naming who was refused and why: the token's username or subject once it verified, else
    ``anonymous`` (an audit found refused callers logged only as a status, or as ``"user": null``)."""
    who = (principal.username or principal.subject) if principal is not None else "anonymous"
    line = {"method": request.method, "path": request.url.path, "status": refused.status_code, "user": who}
    REQUEST_LOG.info(json.dumps(line | {"refused": refused.detail}, ensure_ascii=False))


CurrentUser = Annotated[Principal, Depends(principal_dependency(get_token_verifier))]
