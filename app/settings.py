"""Settings of the services, read once from the environment (prefix ``RECEIPT_``) and a ``.env`` file.

What the platform declares in manifests (models, CORS origins, groups, limits, bucket) lives in ``manifests/`` and is
read by ``app.manifests``; only what differs between a laptop and a cluster is a setting here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RECEIPT_", env_file=".env", extra="ignore")

    manifests_dir: Path = Field(
        ROOT / "manifests", description="Folder with the Module, Api, Storage and Pipeline manifests"
    )
    issuer_url: str = Field(
        "http://127.0.0.1:8080/realms/receipts",
        description="Keycloak realm URL; tokens must carry it as iss, its certs endpoint signs them",
    )
    jwks_url: str | None = Field(None, description="JWKS endpoint; default {issuer_url}/protocol/openid-connect/certs")
    auth_enabled: bool = Field(True, description="Turn bearer-token checks off only for local experiments")
    host: str = Field("127.0.0.1", description="Interface the runtime listens on")
    port: int = Field(8000, description="Port the runtime listens on")
    log_payloads: bool = Field(False, description="Log request/response payloads (redacted, size-capped)")
    version: str | None = Field(None, description="Module version; default: the git tag baked in at build time")


@cache
def get_settings() -> Settings:
    return Settings()
