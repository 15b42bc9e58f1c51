"""Settings of the services, read once from the environment (prefix ``RECEIPT_``) and a ``.env`` file, declared in
groups: one per service (runtime, file service, web app), the storage both file-handling services use, what replicas
share, and what every service reads. A secret is marked where it is declared (``Strong``) and checked by one function
at each service's start (``refuse_unsafe_settings``).

What the platform declares in manifests (models, CORS origins, groups, limits, bucket) lives in ``manifests/`` and is
read by ``app.manifests``; only what differs between a laptop and a cluster is a setting here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]
ENV_PREFIX = "RECEIPT_"
"""The settings' prefix: the platform's, whatever the module (README, "The project's identity")."""
PLACEHOLDER_SECRET = "change-me"
"""The default of every secret: fine on a laptop, refused outside development."""
DEV_WEB_CLIENT_SECRET = "receipt-web-secret"
"""The web client's secret in deploy/keycloak/realm-export.json: public, so refused outside development too."""
PUBLIC_SECRETS = frozenset({"", PLACEHOLDER_SECRET, DEV_WEB_CLIENT_SECRET, "receipts-local-secret"})
"""Secrets written in this repository (defaults, the dev realm, deploy/.env.example): anyone can read them."""
MIN_SECRET_CHARS = 16
MIN_SECRET_DISTINCT_CHARS = 8
"""A secret's floor outside development: ``secrets.token_urlsafe(32)`` clears it, ``aaaaaaaaaaaaaaaa`` does not."""


class UnsafeSettingsError(ValueError):
    """Settings a service refuses to start with outside development; the message names the variable and the fix."""


@dataclass(frozen=True)
class Strong:
    """Marks a secret setting: outside development a service holding it refuses to start while it is weak
    (``refuse_unsafe_settings``). ``in_use`` says when the secret is used at all (a storage secret only with its
    backend)."""

    in_use: Callable[[Any], bool] = lambda _settings: True


# Each group is what one service (or concern) reads; ``Settings`` is all of them, read from the environment at once,
# so every variable keeps its flat name (RECEIPT_FILES_PORT, RECEIPT_S3_ENDPOINT, ...).


class ServiceSettings(BaseModel):
    """Every service: where it runs and whose tokens it accepts."""

    manifests_dir: Path = Field(
        ROOT / "manifests", description="Folder with the Module, Api, Storage and Pipeline manifests"
    )
    issuer_url: str = Field(
        "http://127.0.0.1:8080/realms/receipts",
        description="Keycloak realm URL; tokens must carry it as iss, its certs endpoint signs them",
    )
    jwks_url: str | None = Field(None, description="JWKS endpoint; default {issuer_url}/protocol/openid-connect/certs")
    auth_enabled: bool = Field(
        True, description="Bearer-token checks; false is refused outside development (local experiments only)"
    )
    host: str = Field("127.0.0.1", description="Interface the runtime listens on")
    header_timeout_s: float = Field(
        10.0,
        gt=0,
        description="Seconds a client has to send a request's headers, from connecting or from the request's first "
        "byte; past it every service closes the connection",
    )
    body_idle_s: float = Field(
        20.0, gt=0, description="Seconds a request's body may send nothing before every service ends it with 408"
    )
    version: str | None = Field(None, description="Module version; default: the git tag baked in at build time")
    environment: Literal["development", "staging", "production"] = Field(
        "production",
        description="Where this instance runs; outside development weak secrets and auth_enabled=false are refused",
    )


class RuntimeSettings(BaseModel):
    """The module runtime: its port, payload logging, and where s3:// weights are mirrored."""

    port: int = Field(8000, description="Port the runtime listens on")
    log_payloads: bool = Field(False, description="Log request/response payloads (redacted, size-capped)")
    weights_dir: Path = Field(
        ROOT / ".cache" / "weights", description="Where s3:// model weights are mirrored before load(), kept"
    )


class StorageSettings(BaseModel):
    """Object storage: the file service keeps uploads there, the runtime reads them by file id."""

    storage_backend: Literal["local", "s3"] = Field(
        "local", description="Object storage of the file service: a local folder (embedded) or an S3 server"
    )
    storage_dir: Path = Field(
        ROOT / ".cache" / "storage", description="Folder of the local backend; one subfolder per bucket"
    )
    storage_signing_secret: Annotated[SecretStr, Strong(lambda settings: settings.storage_backend == "local")] = Field(
        SecretStr(PLACEHOLDER_SECRET), description="HMAC key of the local backend's expiring download URLs"
    )
    s3_endpoint: str = Field("127.0.0.1:9000", description="S3 server as host:port (MinIO, SeaweedFS, AWS)")
    s3_access_key: str = Field("receipts", description="S3 access key id")
    s3_secret_key: Annotated[SecretStr, Strong(lambda settings: settings.storage_backend == "s3")] = Field(
        SecretStr(PLACEHOLDER_SECRET), description="S3 secret access key"
    )
    s3_region: str = Field("us-east-1", description="S3 region; signatures include it")
    s3_secure: bool = Field(False, description="Talk to the S3 server over HTTPS")
    s3_public_url: str | None = Field(
        None,
        description="The S3 server as browsers reach it, http(s)://host:port, for links (default: the endpoint)",
    )


class FilesSettings(BaseModel):
    """The file service: its port, the largest file, upload slots and the lifetime of its links."""

    files_port: int = Field(8001, description="Port the file service listens on")
    files_max_bytes: int = Field(25 * 2**20, gt=0, description="Largest file the file service accepts (413 beyond)")
    files_url_expiry_s: int = Field(
        300, ge=1, le=7 * 24 * 3600, description="Lifetime of presigned download URLs, in seconds (S3 allows 7 days)"
    )
    files_max_uploads: int = Field(
        16, ge=1, description="Uploads the file service streams at once (each holds a worker thread while it runs)"
    )
    files_upload_queue: int = Field(
        64, ge=0, description="Uploads that may wait for one of those; beyond, 503 with Retry-After"
    )
    files_uploads_per_user: int = Field(
        4, ge=1, description="Uploads one user may have streaming or waiting at once; beyond, 429 with Retry-After"
    )


class WebSettings(BaseModel):
    """The web app: where browsers reach it, the services it calls, its client in the realm."""

    web_port: int = Field(8002, description="Port the web app listens on")
    web_public_url: str = Field(
        "http://127.0.0.1:8002",
        description="Where browsers reach the web app: the login redirect and the logout return are built from it",
    )
    web_session_secret: Annotated[SecretStr, Strong()] = Field(
        SecretStr(PLACEHOLDER_SECRET), description="Key that signs the web app's session cookie"
    )
    runtime_url: str = Field("http://127.0.0.1:8000", description="The module runtime the web app predicts with")
    files_url: str = Field("http://127.0.0.1:8001", description="The file service the web app stores photos in")
    public_runtime_url: str | None = Field(
        None, description="Where browsers reach the module API (the keycloak-js sample calls it); default: runtime_url"
    )
    public_files_url: str | None = Field(
        None, description="Where browsers reach the file service (the keycloak-js sample calls it); default: files_url"
    )
    oidc_client_id: str = Field("receipt-web", description="The web app's confidential client in the realm")
    oidc_client_secret: Annotated[SecretStr, Strong()] = Field(
        SecretStr(DEV_WEB_CLIENT_SECRET),
        description="The web app's client secret; the dev realm's public one is refused outside development",
    )
    web_max_decodes: int | None = Field(
        None,
        ge=1,
        description="Uploaded documents the web app decodes at once for its previews and images (each in a sandbox "
        "child of up to 768 MB); default: the processors it may run on",
    )
    web_decode_wait_s: float = Field(
        3.0,
        ge=0,
        description="Seconds a preview waits for one of those; beyond, 503 with Retry-After (the photo is kept)",
    )


class SharedStateSettings(BaseModel):
    """What replicas share and admins browse (docs/scaling.md); unset, each process keeps its own."""

    web_session_store: SecretStr | None = Field(
        None,
        description="Where the web app keeps sign-ins and the generic history's run log: unset = this process's memory "
        "(one replica only); redis://[:password@]host:port/db = a Redis every replica shares",
    )
    stats_prometheus_url: str | None = Field(
        None,
        description="A Prometheus scraping every runtime replica: the stats API then shows all replicas' calls "
        "(unset, or when it does not answer: this process's)",
    )
    monitoring_store: SecretStr | None = Field(
        None,
        description="Where the services keep what admins browse (request log, publication history, each service's own "
        "log lines): unset = each process's memory (one replica's view); redis://[:password@]host:port/db = a Redis "
        "every replica shares",
    )
    monitoring_keep: int = Field(
        10_000,
        ge=10,
        le=1_000_000,
        description="How many requests (publication events, log lines of each service) the shared store keeps",
    )


GROUPS: tuple[type[BaseModel], ...] = (
    ServiceSettings,
    RuntimeSettings,
    StorageSettings,
    FilesSettings,
    WebSettings,
    SharedStateSettings,
)
"""The groups in the order README's Settings tables list them (``settings_markdown``)."""


class Settings(
    SharedStateSettings, WebSettings, FilesSettings, StorageSettings, RuntimeSettings, ServiceSettings, BaseSettings
):
    """Every group, read once from the environment (prefix ``RECEIPT_``) and ``.env``: a service takes this and reads
    its own group; tests build it with the fields they need."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", extra="ignore")


def env_name(setting: str) -> str:
    """The environment variable of a setting: RECEIPT_ and its name in capitals."""
    return f"{ENV_PREFIX}{setting.upper()}"


def strong_secrets(group: type[BaseModel], settings: BaseModel | None = None) -> tuple[str, ...]:
    """The secret settings of ``group`` (marked ``Strong``); with ``settings``, only those it uses."""
    return tuple(
        name
        for name, field in group.model_fields.items()
        for marker in field.metadata
        if isinstance(marker, Strong) and (settings is None or marker.in_use(settings))
    )


def secret_weakness(value: str) -> str | None:
    """Why ``value`` is too weak to be a secret outside development, or None when it is strong enough."""
    if value in PUBLIC_SECRETS or PLACEHOLDER_SECRET in value:
        return "it is a placeholder published in this repository"
    if len(value) < MIN_SECRET_CHARS:
        return f"it has {len(value)} characters, fewer than {MIN_SECRET_CHARS}"
    if len(set(value)) < MIN_SECRET_DISTINCT_CHARS:
        return f"it has {len(set(value))} different characters, fewer than {MIN_SECRET_DISTINCT_CHARS}"
    return None


def refuse_unsafe_settings(settings: Settings, *groups: type[BaseModel]) -> None:
    """The one start-up check of a service outside development: auth stays on and every secret the service's
    ``groups`` hold and use is strong. Raises UnsafeSettingsError naming the variable: a deployment mistake stops the
    start here."""
    where = settings.environment
    if where == "development":
        return
    if not settings.auth_enabled:
        raise UnsafeSettingsError(
            f"{env_name('auth_enabled')}=false is refused in {where}: anyone could call every route; "
            f"unset it, or set {env_name('environment')}=development on a laptop"
        )
    for group in groups:
        for name in strong_secrets(group, settings):
            weakness = secret_weakness(getattr(settings, name).get_secret_value())
            if weakness is not None:
                raise UnsafeSettingsError(
                    f"{env_name(name)} is refused in {where}: {weakness}; set a random one, e.g. "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
                )


def _default_text(field: FieldInfo) -> str:
    default = field.default
    if default is None:
        return ""
    if isinstance(default, SecretStr):
        return "`(placeholder)`"
    if isinstance(default, Path):
        default = default.relative_to(ROOT)
    return f"`{default}`"


def settings_markdown() -> str:
    """README's Settings tables, one per group: what ``python -m app.settings`` prints and a test holds README to."""
    parts = []
    for group in GROUPS:
        rows = [str(group.__doc__), "", "| setting | default | what |", "|---|---|---|"]
        rows += [
            f"| `{env_name(name)}` | {_default_text(field)} | {field.description} |"
            for name, field in group.model_fields.items()
        ]
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


@cache
def get_settings() -> Settings:
    return Settings()


if __name__ == "__main__":
    print(settings_markdown(), end="")
