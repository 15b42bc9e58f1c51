"""``receipt-extractor stack`` (``make demo``): the whole platform on 127.0.0.1, started, watched and stopped together.

    identity provider  :8080  deploy/dev-idp (Keycloak stand-in), realm from deploy/keycloak/realm-export.json
    S3                 :8333  SeaweedFS ``weed mini``; credentials and data under .cache/stack/s3/
    module runtime     :8000  the module's models that need no GPU; FILE inputs by file id from the same S3 bucket
    file service       :8001  uploads in that bucket
    web app            :8002  sign in, upload, confirm; /keycloak-sample/ signs in with keycloak-js

Before anything starts, every port is checked and every missing piece (node, its packages, ``weed``, and what the
module's ``prerequisites`` hook reports, e.g. Tesseract's language data) is reported with what to run. Then it waits
for each health check and prints the URLs and the demo users. SIGINT (Ctrl-C) or SIGTERM stops the services, then
the servers: SIGTERM, SIGKILL after a grace period. A child that dies on its own stops the rest too. Logs go to
.cache/stack/logs/.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Protocol, TextIO

import httpx

from app.healthcheck import PROBES
from app.hooks import HooksUnavailableError, module_prerequisites, servable_models
from app.manifests import ManifestError, ModuleManifest, module_manifest, project_identity
from app.settings import ROOT, get_settings
from app.stack.cors import manifests_allowing
from app.stack.idp import (
    REALM_FILE,
    IdentityProviderError,
    IdentityProviderServer,
    check_node_modules,
    node_binary,
    realm_name,
)
from app.stack.processes import ManagedServer, port_in_use, spawn, stop_process
from app.stack.replicas import BINARIES, replicated
from app.stack.seaweed import SeaweedS3, weed_binary

HOST = "127.0.0.1"
S3_ACCESS_KEY = "receipts-dev"
GRACE_S = 10.0
"""How long a child may take to exit after SIGTERM before it is killed."""


@dataclass(frozen=True)
class StackPorts:
    """The loopback ports the stack listens on; each may be overridden (options or ``RECEIPT_STACK_*_PORT``)."""

    idp: int = 8080
    s3: int = 8333
    runtime: int = 8000
    files: int = 8001
    web: int = 8002

    def named(self) -> list[tuple[int, str, str]]:
        """(port, service, option) for the messages about a port already taken."""
        return [
            (self.idp, "identity provider", "--idp-port"),
            (self.s3, "S3 object storage (SeaweedFS)", "--s3-port"),
            (self.runtime, "module runtime", "--runtime-port"),
            (self.files, "file service", "--files-port"),
            (self.web, "web app", "--web-port"),
        ]


@dataclass(frozen=True)
class StackConfig:
    ports: StackPorts = field(default_factory=StackPorts)
    state_dir: Path = ROOT / ".cache" / "stack"
    start_timeout_s: float = 120.0
    replicas: int = 1
    """Runtimes and web apps, behind HAProxy when more than one (``app.stack.replicas``)."""
    manifests_dir: Path = field(default_factory=lambda: get_settings().manifests_dir)

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self.ports.web}"

    @property
    def runtime_url(self) -> str:
        return f"http://{HOST}:{self.ports.runtime}"

    @property
    def files_url(self) -> str:
        return f"http://{HOST}:{self.ports.files}"

    @property
    def logs_dir(self) -> Path:
        return self.state_dir / "logs"


class StackError(RuntimeError):
    """The stack cannot start; the message says why and what to do."""


def preflight(config: StackConfig) -> list[str]:
    """Everything that would stop the start, as messages a person can act on; empty when all is in place."""
    problems: list[str] = []
    ports = [port for port, _, _ in config.ports.named()]
    for port, service, option in config.ports.named():
        if ports.count(port) > 1:
            problems.append(f"port {port} is given to more than one service ({service} among them): pick distinct ones")
        elif port_in_use(port, HOST):
            problems.append(
                f"port {port} ({service}) is already in use on {HOST}: stop what listens there "
                f"(`ss -ltnp 'sport = :{port}'` shows it) or pass {option} with another port"
            )
    for check in (node_binary, check_node_modules, weed_binary, *(BINARIES if config.replicas > 1 else ())):
        try:
            check()
        except RuntimeError as error:  # IdentityProviderError, SeaweedError
            problems.append(str(error))
    problems += _module_problems(config.manifests_dir)
    problems += realm_problems(config.manifests_dir)
    return list(dict.fromkeys(problems))


def realm_problems(manifests_dir: Path, realm_file: Path = REALM_FILE) -> list[str]:
    """The dev realm must be the one the manifests name (spec.project.realm), or every issuer would differ."""
    try:
        wanted, served = project_identity(manifests_dir).realm, realm_name(realm_file)
    except (ManifestError, IdentityProviderError):
        return []  # the module's own check, or the provider's start, says what is wrong with the files
    if wanted == served:
        return []
    return [
        f"{realm_file} defines the realm {served!r} but the manifests name {wanted!r} (spec.project.realm of the "
        "Module manifest): make them the same"
    ]


def _module_problems(manifests_dir: Path) -> list[str]:
    """The Module manifest's problems, or else what the module itself reports missing (its ``prerequisites`` hook)."""
    try:
        return module_prerequisites(module_manifest(manifests_dir).spec.entrypoint)
    except ManifestError as error:
        return [f"the Module manifest is not valid (`receipt-extractor manifests validate` lists all):\n{error}"]
    except HooksUnavailableError as error:
        return [f"the module cannot be imported: {error}"]


def cpu_models(module: ModuleManifest) -> list[str]:
    """The models the stack serves: those that need no GPU, so that the demo runs on any laptop, and that the module
    can serve here (a model of an opt-in extra that is not installed is left out, not served unready)."""
    return servable_models(module, "cpu")


class Child(Protocol):
    """What the supervisor needs of each process it runs."""

    name: str

    def start(self) -> None:
        """Start the process without waiting for it."""

    def ready(self) -> bool: ...

    def exit_status(self) -> int | None: ...

    def stop(self, grace_s: float) -> None: ...

    @property
    def log_path(self) -> Path: ...


@dataclass
class ServiceProcess:
    """One of our services (``receipt-extractor serve …``) in a process of its own, with its health URL."""

    name: str
    command: list[str]
    env: dict[str, str]
    health_url: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = spawn(self.command, log=self.log_path, cwd=ROOT, env=self.env)

    def ready(self) -> bool:
        try:
            return httpx.get(self.health_url, timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def exit_status(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def stop(self, grace_s: float) -> None:
        if self.process is not None:
            stop_process(self.process, grace_s)


@dataclass
class ManagedChild:
    """A foreign server (SeaweedFS, the identity provider) as a child: its launcher knows how to start and probe it."""

    name: str
    server: ManagedServer

    def start(self) -> None:
        self.server.spawn()

    def ready(self) -> bool:
        try:
            return self.server.answers()
        except httpx.TransportError:
            return False

    def exit_status(self) -> int | None:
        process = self.server.process
        return None if process is None else process.poll()

    def stop(self, grace_s: float) -> None:
        self.server.stop(grace_s)

    @property
    def log_path(self) -> Path:
        return self.server.log_path


def s3_secret(folder: Path) -> str:
    """The S3 secret of the demo's identity: the one in the state folder's s3.json (data stays readable across
    runs), else a new random one (weed writes it there when it starts)."""
    config = folder / "s3.json"
    if config.is_file():
        try:
            identities = json.loads(config.read_text(encoding="utf-8"))["identities"]
            for credential in identities[0]["credentials"]:
                if credential["accessKey"] == S3_ACCESS_KEY:
                    return str(credential["secretKey"])
        except (ValueError, KeyError, IndexError, TypeError):
            pass
    return secrets.token_urlsafe(24)


SECRET_VARIABLES = (
    "RECEIPT_S3_SECRET_KEY",
    "RECEIPT_STORAGE_SIGNING_SECRET",
    "RECEIPT_WEB_SESSION_SECRET",
    "RECEIPT_OIDC_CLIENT_SECRET",
    "RECEIPT_WEB_SESSION_STORE",
    "RECEIPT_MONITORING_STORE",
)
"""Secrets the stack hands out, each only to the services that use it (``service_env``)."""


def service_env(config: StackConfig, issuer: str, s3: SeaweedS3) -> dict[str, dict[str, str]]:
    """The settings (``app.settings``) of each service of the stack (runtime, files, web), on top of this process's
    environment. Each gets only its own secret: the S3 key for the runtime and the file service (the web app calls
    them over HTTP), the session key for the web app."""
    ports = config.ports
    shared = {
        "RECEIPT_ENVIRONMENT": "development",
        "RECEIPT_HOST": HOST,
        "RECEIPT_ISSUER_URL": issuer,
        "RECEIPT_STORAGE_BACKEND": "s3",
        "RECEIPT_S3_ENDPOINT": f"{HOST}:{ports.s3}",
        "RECEIPT_S3_ACCESS_KEY": s3.access_key,
        "RECEIPT_S3_REGION": s3.region,
        "RECEIPT_S3_SECURE": "false",
        "RECEIPT_PORT": str(ports.runtime),
        "RECEIPT_FILES_PORT": str(ports.files),
        "RECEIPT_WEB_PORT": str(ports.web),
        "RECEIPT_RUNTIME_URL": config.runtime_url,
        "RECEIPT_FILES_URL": config.files_url,
        "RECEIPT_WEB_PUBLIC_URL": config.web_url,
        "PYTHONUNBUFFERED": "1",
    }
    base = {key: value for key, value in os.environ.items() if key not in SECRET_VARIABLES} | shared
    storage = {"RECEIPT_S3_SECRET_KEY": s3.secret_key}
    # Sessions live in the web app's memory, so they end with it anyway: a fresh key per start.
    web = {"RECEIPT_WEB_SESSION_SECRET": secrets.token_urlsafe(32)}
    return {"runtime": base | storage, "files": base | storage, "web": base | web}


def build_children(config: StackConfig) -> list[Child]:
    """The five processes, in start order (stopped in reverse)."""
    ports = config.ports
    s3_folder = config.state_dir / "s3"
    taken = [port for port, _, _ in ports.named()]
    s3 = SeaweedS3(
        s3_folder, access_key=S3_ACCESS_KEY, secret_key=s3_secret(s3_folder), s3_port=ports.s3, reserved_ports=taken
    )
    # The realm lists the web app's origins (port 8002) and the docs pages' (8000, 8001, where Swagger UI's Authorize
    # fetches its token); these follow them when the stack moved a port.
    web_app = (config.web_url, f"http://localhost:{ports.web}")
    docs = (config.runtime_url, config.files_url, *(f"http://localhost:{p}" for p in (ports.runtime, ports.files)))
    web_origins = (*web_app, *docs)
    brand = project_identity(config.manifests_dir).brand_arguments()
    idp = IdentityProviderServer(config.state_dir / "idp", port=ports.idp, web_origins=web_origins, brand=brand)
    env = service_env(config, idp.issuer, s3)
    # The keycloak-js sample calls the runtime and the file service from the web app's origin, wherever it is.
    api_dir = manifests_allowing(config.manifests_dir, web_app, config.state_dir / "manifests")
    for service in ("runtime", "files"):
        env[service]["RECEIPT_MANIFESTS_DIR"] = str(api_dir)
    serve = [sys.executable, "-m", "app.cli", "serve"]
    logs = config.logs_dir
    models = [argument for name in cpu_models(module_manifest(config.manifests_dir)) for argument in ("--model", name)]
    runtime = ServiceProcess(
        "module runtime",
        [*serve, "module", *models],
        env["runtime"],
        f"{config.runtime_url}{PROBES['module'].path}",
        logs / "runtime.log",
    )
    files = ServiceProcess(
        "file service", [*serve, "files"], env["files"], f"{config.files_url}{PROBES['files'].path}", logs / "files.log"
    )
    web = ServiceProcess(
        "web app", [*serve, "web"], env["web"], f"{config.web_url}{PROBES['web'].path}", logs / "web.log"
    )
    services: list[Child] = [runtime, files, web]
    if config.replicas > 1:
        services = replicated(config, runtime, files, web)
    return [ManagedChild("identity provider", idp), ManagedChild("S3 object storage", s3), *services]


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join("    " + line for line in text.splitlines()[-lines:])


class Supervisor:
    """Starts the children, waits for their health checks, watches them, and stops them all on a signal."""

    def __init__(self, config: StackConfig, out: TextIO = sys.stdout) -> None:
        self.config = config
        self.out = out
        self.children = build_children(config)
        self._stop = threading.Event()
        self._signals = 0

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def start(self) -> None:
        """Start every child and wait until each answers its health check; StackError (all stopped) otherwise."""
        self.config.logs_dir.mkdir(parents=True, exist_ok=True)
        for child in self.children:
            child.start()
        pending = list(self.children)
        deadline = time.monotonic() + self.config.start_timeout_s
        while pending:
            for child in list(pending):
                status = child.exit_status()
                if status is not None:
                    raise StackError(
                        f"the {child.name} exited while starting (status {status}); the end of {child.log_path}:\n"
                        + _tail(child.log_path)
                    )
                if child.ready():
                    self.say(f"  ✓ {child.name}")
                    pending.remove(child)
            if self._stop.is_set():
                raise StackError("interrupted while starting")
            if time.monotonic() > deadline:
                names = ", ".join(child.name for child in pending)
                raise StackError(
                    f"no answer from the {names} within {self.config.start_timeout_s:g} s; see {self.config.logs_dir}"
                )
            self._stop.wait(0.1)

    def watch(self) -> int:
        """Until a signal (0) or a child's own death (1, the rest are stopped)."""
        while not self._stop.wait(0.5):
            for child in self.children:
                status = child.exit_status()
                if status is not None:
                    self.say(
                        f"The {child.name} stopped on its own (status {status}); stopping the rest. "
                        f"The end of {child.log_path}:\n{_tail(child.log_path)}"
                    )
                    return 1
        return 0

    def stop(self, grace_s: float = GRACE_S) -> None:
        """The services first (they finish their requests), then the identity provider and storage; each gets
        SIGTERM together with the others of its tier, then SIGKILL after ``grace_s``. A second signal kills."""
        tiers = [self.children[2:], self.children[:2]]
        for tier in tiers:
            threads = [threading.Thread(target=self._stop_child, args=(child, grace_s)) for child in reversed(tier)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def _stop_child(self, child: Child, grace_s: float) -> None:
        child.stop(0 if self._signals > 1 else grace_s)

    def handle_signal(self, signum: int, _: FrameType | None) -> None:
        self._signals += 1
        if self._signals > 1:
            self.say("Second signal: killing what is left.")
            for child in self.children:
                child.stop(0)
        self._stop.set()


@contextmanager
def signals_handled(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    previous = {number: signal.signal(number, handler) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def banner(config: StackConfig, s3: SeaweedS3, realm_file: Path = REALM_FILE) -> str:
    """The URLs and the demo users with their passwords and groups, read from the realm file."""
    lines = [
        "",
        f"Open {config.web_url} and sign in.",
        "",
        f"  web app            {config.web_url}",
        f"  keycloak-js sample {config.web_url}/keycloak-sample/",
        f"  module API         {config.runtime_url}/docs",
        f"  file API           {config.files_url}/docs",
        f"  identity provider  http://{HOST}:{config.ports.idp}/realms/{realm_name(realm_file)}",
        f"  S3 (SeaweedFS)     {s3.url}  access key {s3.access_key}, secret in {s3.folder / 's3.json'}",
        "",
        f"Demo users (realm {realm_name(realm_file)}):",
    ]
    for username, password, groups in demo_users(realm_file):
        names = ", ".join(group.rsplit("/", 1)[-1] for group in groups)
        access = f"groups {names}" if groups else "in no group: sees the 'no access' page"
        lines.append(f"  {username:<8} {password:<18} {access}")
    lines += ["", f"Logs in {config.logs_dir}. Ctrl-C stops everything.", ""]
    return "\n".join(lines)


def demo_users(realm_file: Path = REALM_FILE) -> list[tuple[str, str, list[str]]]:
    """(username, password, groups) of each user of the realm export that has a password."""
    realm = json.loads(realm_file.read_text(encoding="utf-8"))
    users = []
    for user in realm.get("users", []):
        passwords = [c["value"] for c in user.get("credentials", []) if c.get("type") == "password"]
        if passwords:
            users.append((str(user["username"]), str(passwords[0]), [str(g) for g in user.get("groups", [])]))
    return users


def run_stack(config: StackConfig, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Check, start, wait for a signal, stop: the exit status of ``receipt-extractor stack``."""
    problems = preflight(config)
    if problems:
        err.write("receipt-extractor stack cannot start:\n" + "".join(f"  - {p}\n" for p in problems))
        return 2
    supervisor = Supervisor(config, out)
    with signals_handled(supervisor.handle_signal):
        out.write(f"Starting the stack on {HOST} (logs in {config.logs_dir})…\n")
        out.flush()
        try:
            supervisor.start()
        except (StackError, RuntimeError, OSError) as error:
            err.write(f"receipt-extractor stack: {error}\n")
            supervisor.stop()
            return 1
        s3 = next(
            child.server
            for child in supervisor.children
            if isinstance(child, ManagedChild) and isinstance(child.server, SeaweedS3)
        )
        supervisor.say(banner(config, s3))
        status = supervisor.watch()
        supervisor.say("Stopping…")
        supervisor.stop()
    supervisor.say("Stopped.")
    return status


def ports_from(values: Sequence[int | None]) -> StackPorts:
    """StackPorts with the given ports in field order (idp, s3, runtime, files, web); None keeps the default."""
    defaults = StackPorts()
    names = ("idp", "s3", "runtime", "files", "web")
    return StackPorts(
        **{
            name: value if value is not None else getattr(defaults, name)
            for name, value in zip(names, values, strict=True)
        }
    )
