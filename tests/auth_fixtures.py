"""A Keycloak-shaped identity provider for tests: real keys, a real JWKS over HTTP, tokens minted like Keycloak's.

Reusable by every service's tests (``identity_provider`` and ``mint_token`` in tests/conftest.py wrap it)::

    with TestIdentityProvider() as idp:
        verifier = TokenVerifier(idp.issuer)
        token = idp.mint(groups=["/pu-gallery-pa-qwen/gallery-qwen-users"])
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

TESSERACT_GROUP = "/pu-gallery-pa-tesseract-ocr/gallery-tesseract-users"
QWEN_GROUP = "/pu-gallery-pa-qwen/gallery-qwen-users"
CLIENT_ID = "end-users"
REALM = "receipts"

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@cache
def rsa_key(name: str) -> rsa.RSAPrivateKey:
    """An RSA key per name, made once per test session (2048 bits take ~0.1 s)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_key(name: str, algorithm: str = "RS256") -> PrivateKey:
    """A key per name that signs with ``algorithm`` (ES256 on P-256, else RSA)."""
    return ec.generate_private_key(ec.SECP256R1()) if algorithm.startswith("ES") else rsa_key(name)


@dataclass(frozen=True)
class SigningKey:
    kid: str
    key: PrivateKey
    algorithm: str
    publish_alg: bool = True

    def public_jwk(self) -> dict[str, Any]:
        public = self.key.public_key()
        if isinstance(public, ec.EllipticCurvePublicKey):
            jwk = ECAlgorithm.to_jwk(public, as_dict=True)
        else:
            jwk = RSAAlgorithm.to_jwk(public, as_dict=True)
        jwk.pop("key_ops", None)  # Keycloak publishes ``use`` alone (and strict JOSE libraries refuse both disagreeing)
        jwk |= {"kid": self.kid, "use": "sig"}
        return jwk | {"alg": self.algorithm} if self.publish_alg else jwk


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signing_input(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(claims).encode())


def unsigned_token(claims: dict[str, Any], *, kid: str) -> str:
    """An ``alg: none`` token: what a verifier that trusts the header would accept."""
    return _signing_input({"alg": "none", "typ": "JWT", "kid": kid}, claims) + "."


def hs256_token(claims: dict[str, Any], *, kid: str, secret: bytes) -> str:
    """HS256 with ``secret`` (e.g. the public key): the algorithm-confusion attack. Built by hand because PyJWT
    refuses to HMAC with a PEM key."""
    signing_input = _signing_input({"alg": "HS256", "typ": "JWT", "kid": kid}, claims)
    return signing_input + "." + _b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())


class TestIdentityProvider:
    """Serves ``{issuer}/protocol/openid-connect/certs`` and discovery on 127.0.0.1, counts JWKS requests, rotates
    keys, can fail on demand (``failing = True`` answers 503; ``stop()`` refuses connections; a cleared ``gate``
    stalls the JWKS) and mints tokens.

    A browser may sign in too (authorization code with PKCE S256, as the web app asks): there is no login form, the
    authorization endpoint signs in whoever ``browser_user`` names (claims, e.g. ``groups``) and redirects back at
    once, so a browser test needs no Node-based provider."""

    __test__ = False  # a helper, not a pytest test class

    def __init__(self, realm: str = REALM) -> None:
        self.realm = realm
        self.keys = [SigningKey("key-0", private_key("key-0"), "RS256")]
        # Keycloak publishes an encryption key next to the signing keys; verifiers must skip it.
        self.encryption_key = rsa_key("enc-0")
        self.failing = False
        self.gate = threading.Event()  # clear it to hold JWKS answers until it is set again
        self.gate.set()
        self.jwks_requests = 0
        self.browser_user: dict[str, Any] = {}
        """Claims of whoever the authorization endpoint signs in (``sub``, ``preferred_username``, ``groups``)."""
        self._codes: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self._port}/realms/{self.realm}"

    @property
    def jwks_url(self) -> str:
        return f"{self.issuer}/protocol/openid-connect/certs"

    @property
    def signing_key(self) -> SigningKey:
        return self.keys[0]

    def start(self) -> None:
        """Listen on a free port (the same one again after a ``stop()``); a short poll keeps ``stop()`` fast."""
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), _handler(self))
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = self._thread = None

    def __enter__(self) -> TestIdentityProvider:
        self.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def rotate(self, algorithm: str = "RS256", *, keep_old: bool = True, publish_alg: bool = True) -> SigningKey:
        """A new signing key with a new kid, published first; the old ones stay published unless ``keep_old`` is off."""
        kid = f"key-{len(self.keys)}-{algorithm.lower()}"
        new = SigningKey(kid, private_key(kid, algorithm), algorithm, publish_alg)
        self.keys = [new, *self.keys] if keep_old else [new]
        return new

    def jwks(self) -> dict[str, Any]:
        encryption = RSAAlgorithm.to_jwk(self.encryption_key.public_key(), as_dict=True)
        encryption.pop("key_ops", None)
        encryption |= {"kid": "enc-0", "use": "enc", "alg": "RSA-OAEP"}
        return {"keys": [key.public_jwk() for key in self.keys] + [encryption]}

    def claims(self, lifetime_s: float = 300, **overrides: Any) -> dict[str, Any]:
        """Keycloak access-token claims; an override of None removes the claim."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "exp": now + int(lifetime_s),
            "iat": now,
            "nbf": now,
            "jti": str(uuid.uuid4()),
            "iss": self.issuer,
            "aud": "account",
            "sub": "5f3c2a9e-1b7d-4c1e-9a55-0c6f0e0d2b11",
            "typ": "Bearer",
            "azp": CLIENT_ID,
            "sid": str(uuid.uuid4()),
            "scope": "openid profile email",
            "preferred_username": "alice",
            "email": "alice@example.org",
            "groups": [TESSERACT_GROUP],
            "realm_access": {"roles": ["default-roles-receipts", "offline_access"]},
        }
        claims.update(overrides)
        return {name: value for name, value in claims.items() if value is not None}

    def mint(
        self, *, key: PrivateKey | None = None, kid: str | None = None, algorithm: str | None = None, **claims: Any
    ) -> str:
        """A token signed like Keycloak's (header typ JWT, kid) by the current key unless ``key``/``kid`` say
        otherwise; claims override ``claims()`` (None removes one, ``lifetime_s`` sets exp)."""
        signing = self.signing_key
        return jwt.encode(
            self.claims(**claims),
            key or signing.key,
            algorithm=algorithm or signing.algorithm,
            headers={"typ": "JWT", "kid": kid or signing.kid},
        )

    def _record_request(self) -> None:
        with self._lock:
            self.jwks_requests += 1

    def discovery(self) -> dict[str, Any]:
        endpoints = f"{self.issuer}/protocol/openid-connect"
        return {
            "issuer": self.issuer,
            "jwks_uri": self.jwks_url,
            "authorization_endpoint": f"{endpoints}/auth",
            "token_endpoint": f"{endpoints}/token",
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def authorize(self, query: dict[str, str]) -> str:
        """Sign in ``browser_user`` for the request: the redirect back, with a one-time code (or the error)."""
        redirect = query.get("redirect_uri", "")
        if query.get("response_type") != "code" or query.get("code_challenge_method") != "S256":
            return f"{redirect}?{urlencode({'error': 'invalid_request', 'state': query.get('state', '')})}"
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = query
        return f"{redirect}?{urlencode({'code': code, 'state': query.get('state', '')})}"

    def exchange(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The token endpoint: a code exchanged once, for the redirect URI and PKCE verifier it was issued to."""
        with self._lock:
            asked = self._codes.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        if (
            form.get("grant_type") != "authorization_code"
            or asked is None
            or asked.get("redirect_uri") != form.get("redirect_uri")
            or asked.get("code_challenge") != challenge
        ):
            return 400, {"error": "invalid_grant"}
        client = asked.get("client_id", "")
        claims = {"azp": client} | self.browser_user
        id_claims = {"aud": client, "nonce": asked.get("nonce"), "typ": "ID", "scope": None} | claims
        return 200, {
            "access_token": self.mint(**claims),
            "id_token": self.mint(**id_claims),
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "openid profile email",
        }


def _handler(idp: TestIdentityProvider) -> type[BaseHTTPRequestHandler]:
    prefix = f"/realms/{idp.realm}"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            if path == f"{prefix}/protocol/openid-connect/auth":
                self.send_response(302)
                self.send_header("Location", idp.authorize(dict(parse_qsl(query))))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == f"{prefix}/protocol/openid-connect/certs":
                idp._record_request()
                idp.gate.wait(timeout=10)
                if idp.failing:
                    self._answer(503, {"error": "unavailable"})
                else:
                    self._answer(200, idp.jwks())
            elif self.path == f"{prefix}/.well-known/openid-configuration":
                self._answer(200, idp.discovery())
            else:
                self._answer(404, {"error": "not found"})

        def do_POST(self) -> None:
            if self.path != f"{prefix}/protocol/openid-connect/token":
                self._answer(404, {"error": "not found"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(parse_qsl(self.rfile.read(length).decode()))
            self._answer(*idp.exchange(form))

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    return Handler
