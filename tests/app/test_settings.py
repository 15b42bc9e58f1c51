"""Safe by default: production unless told otherwise, and outside development a service refuses to start with auth
switched off or a weak secret, with one line that names the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider

from app.files.main import create_files_app
from app.manifests import load_manifests
from app.manifests.models import Limits
from app.runtime.dataplane import RuntimeConfig
from app.runtime.server import create_app
from app.settings import (
    DEV_WEB_CLIENT_SECRET,
    GROUPS,
    PLACEHOLDER_SECRET,
    ROOT,
    Settings,
    StorageSettings,
    UnsafeSettingsError,
    WebSettings,
    refuse_unsafe_settings,
    secret_weakness,
    strong_secrets,
)
from app.web.main import create_web_app

STRONG = "Vq3-x9Lr_T2mZ8kPw4sN"
WEB_SECRETS = strong_secrets(WebSettings)
STRONG_SECRETS = {
    "storage_signing_secret": STRONG,
    "s3_secret_key": STRONG,
    "web_session_secret": STRONG,
    "oidc_client_secret": STRONG,
}


def production(**overrides: object) -> Settings:
    values: dict[str, object] = {"environment": "production", "manifests_dir": ROOT / "manifests"} | STRONG_SECRETS
    return Settings(**(values | overrides))  # type: ignore[arg-type]


def test_environment_defaults_to_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECEIPT_ENVIRONMENT")
    assert Settings(_env_file=None).environment == "production"  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("secret", "why"),
    [
        ("", "placeholder"),
        (PLACEHOLDER_SECRET, "placeholder"),
        (DEV_WEB_CLIENT_SECRET, "placeholder"),
        ("receipts-local-secret", "placeholder"),
        ("x", "1 characters, fewer than 16"),
        ("a-real-session-k", None),
        ("abcabcabcabcabcabcabc", "3 different characters, fewer than 8"),
        (STRONG, None),
    ],
)
def test_secret_weakness(secret: str, why: str | None) -> None:
    weakness = secret_weakness(secret)
    assert weakness is None if why is None else why in (weakness or "")


def test_development_accepts_placeholders_and_auth_off() -> None:
    settings = Settings(environment="development", auth_enabled=False, manifests_dir=ROOT / "manifests")
    refuse_unsafe_settings(settings, *GROUPS)


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_auth_cannot_be_switched_off_outside_development(environment: str) -> None:
    with pytest.raises(UnsafeSettingsError, match=f"RECEIPT_AUTH_ENABLED=false is refused in {environment}"):
        refuse_unsafe_settings(production(environment=environment, auth_enabled=False))


def test_secrets_are_marked_where_declared_and_storage_checks_only_its_backends() -> None:
    marked = {name for group in GROUPS for name in strong_secrets(group)}
    assert marked == set(STRONG_SECRETS)
    assert WEB_SECRETS == ("web_session_secret", "oidc_client_secret")
    assert strong_secrets(StorageSettings, production(storage_backend="s3")) == ("s3_secret_key",)
    assert strong_secrets(StorageSettings, production(storage_backend="local")) == ("storage_signing_secret",)


def test_every_setting_belongs_to_exactly_one_group() -> None:
    names = [name for group in GROUPS for name in group.model_fields]
    assert sorted(names) == sorted(Settings.model_fields) and len(names) == len(set(names))


def test_a_weak_secret_of_an_unused_backend_is_not_refused() -> None:
    refuse_unsafe_settings(production(storage_backend="s3", storage_signing_secret=PLACEHOLDER_SECRET), StorageSettings)
    with pytest.raises(UnsafeSettingsError, match="RECEIPT_S3_SECRET_KEY is refused in staging"):
        refuse_unsafe_settings(
            production(environment="staging", storage_backend="s3", s3_secret_key="x"), StorageSettings
        )


@pytest.mark.parametrize(("backend", "name"), [("s3", "s3_secret_key"), ("local", "storage_signing_secret")])
def test_file_service_refuses_a_weak_storage_secret(backend: str, name: str, tmp_path: Path) -> None:
    settings = production(storage_backend=backend, storage_dir=tmp_path, **{name: "short"})
    with pytest.raises(
        UnsafeSettingsError, match=f"RECEIPT_{name.upper()} is refused in production: it has 5 characters"
    ):
        create_files_app(settings, load_manifests(settings.manifests_dir))
    create_files_app(production(storage_backend=backend, storage_dir=tmp_path), load_manifests(settings.manifests_dir))


def test_file_service_needs_no_web_secret(tmp_path: Path) -> None:
    weak_web = dict.fromkeys(WEB_SECRETS, PLACEHOLDER_SECRET)
    settings = production(storage_dir=tmp_path, **weak_web)
    create_files_app(settings, load_manifests(settings.manifests_dir))


@pytest.mark.parametrize("name", WEB_SECRETS)
def test_web_app_refuses_its_placeholder_secrets(name: str) -> None:
    settings = production(**{name: DEV_WEB_CLIENT_SECRET if name == "oidc_client_secret" else PLACEHOLDER_SECRET})
    with pytest.raises(
        UnsafeSettingsError, match=f"RECEIPT_{name.upper()} is refused in production: it is a placeholder"
    ):
        create_web_app(settings, load_manifests(settings.manifests_dir))
    create_web_app(production(storage_signing_secret=PLACEHOLDER_SECRET), load_manifests(settings.manifests_dir))


def test_runtime_refuses_a_weak_storage_secret_when_it_has_a_bucket(
    identity_provider: TestIdentityProvider,
) -> None:
    def config(bucket: str | None) -> RuntimeConfig:
        limits = Limits.model_validate(
            {"maxRequestBytes": 2**20, "timeoutSeconds": 5, "maxConcurrency": 1, "maxQueue": 1}
        )
        return RuntimeConfig(entrypoint="model.inference", models=(), limits=limits, bucket=bucket)

    settings = production(issuer_url=identity_provider.issuer, storage_signing_secret="aaaaaaaaaaaaaaaaaaaa")
    create_app(settings, config(None))
    with pytest.raises(UnsafeSettingsError, match=r"RECEIPT_STORAGE_SIGNING_SECRET .* 1 different characters"):
        create_app(settings, config("receipts"))


def test_serve_refuses_to_start_with_one_line_naming_the_variable(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECEIPT_")}
    env |= {"RECEIPT_ENVIRONMENT": "production", "RECEIPT_STORAGE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "files", "--port", "9"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "receipt-extractor: RECEIPT_STORAGE_SIGNING_SECRET is refused in production: it is a placeholder published "
        "in this repository; set a random one, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
    ]
