"""The Postman collection: its structure (collection format v2.1, a test script on every request, every variable
defined), its agreement with the compose stack, and a real newman run against the services started here: the
runtime serving the Tesseract model, the file service on a real S3 server (SeaweedFS), tokens from the dev identity
provider (the Keycloak stand-in reading the same realm file), each started by its `receipt-extractor serve` command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from dev_idp import DevIdentityProvider
from seaweed import SeaweedS3, free_ports

from app.manifests import load_manifests
from app.stack.idp import node_binary
from app.stack.processes import running_service

ROOT = Path(__file__).parents[2]
POSTMAN = ROOT / "deploy" / "postman"
COLLECTION_FILE = POSTMAN / "receipt-extractor.postman_collection.json"
ENVIRONMENT_FILE = POSTMAN / "local.postman_environment.json"
NEWMAN = POSTMAN / "node_modules" / ".bin" / "newman"
BIN = Path(sys.executable).parent
COLLECTION: dict[str, Any] = json.loads(COLLECTION_FILE.read_text(encoding="utf-8"))
ENVIRONMENT: dict[str, Any] = json.loads(ENVIRONMENT_FILE.read_text(encoding="utf-8"))
ENV_VALUES = {value["key"]: value["value"] for value in ENVIRONMENT["values"]}
VARIABLE = re.compile(r"\{\{([^{}]+)\}\}")


def _requests(items: list[dict[str, Any]], folder: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for item in items:
        name = f"{folder}/{item['name']}"
        if "item" in item:
            yield from _requests(item["item"], name)
        else:
            yield name, item


REQUESTS = dict(_requests(COLLECTION["item"]))


def _script(item: dict[str, Any], listen: str) -> str:
    return "\n".join(
        line for event in item.get("event", []) if event["listen"] == listen for line in event["script"]["exec"]
    )


def test_collection_is_format_v2_1() -> None:
    info = COLLECTION["info"]
    assert info["schema"] == "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    assert info["name"] and re.fullmatch(r"[0-9a-f-]{36}", info["_postman_id"])
    assert COLLECTION["auth"] == {
        "type": "bearer",
        "bearer": [{"key": "token", "value": "{{access_token}}", "type": "string"}],
    }
    for name, item in REQUESTS.items():
        request = item["request"]
        assert request["method"] in {"GET", "POST", "PUT", "PATCH", "DELETE"}, name
        url = request["url"]
        assert url["raw"] == f"{url['host'][0]}/{'/'.join(url['path'])}", name
        for event in item["event"]:
            assert event["listen"] in {"prerequest", "test"} and event["script"]["type"] == "text/javascript", name
        if "body" in request:
            assert request["body"]["mode"] in {"raw", "urlencoded", "formdata"}, name
            if request["body"]["mode"] == "raw":
                json.loads(request["body"]["raw"])
    assert ENVIRONMENT["_postman_variable_scope"] == "environment"


@pytest.mark.parametrize("name", REQUESTS)
def test_every_request_has_tests_that_check_the_status(name: str) -> None:
    tests = _script(REQUESTS[name], "test")
    assert "pm.test(" in tests and "pm.response.to.have.status(" in tests


def test_every_variable_is_defined() -> None:
    defined = set(ENV_VALUES) | {variable["key"] for variable in COLLECTION["variable"]}
    used = set(VARIABLE.findall(json.dumps(COLLECTION)))
    assert used <= defined, f"undefined: {sorted(used - defined)}"
    set_by_scripts = set(re.findall(r"pm\.collectionVariables\.set\('(\w+)'", json.dumps(COLLECTION)))
    assert set_by_scripts == {variable["key"] for variable in COLLECTION["variable"]}, "each is set by a request"


def test_the_flow_is_token_upload_infer_by_reference_and_base64_then_stats() -> None:
    order = [name.rsplit("/", 1)[1] for name in REQUESTS]
    expected = ["Get a token", "Upload a receipt", "Infer by file reference", "Infer with base64", "Stats"]
    positions = [next(i for i, name in enumerate(order) if name.startswith(step)) for step in expected]
    assert positions == sorted(positions)
    token = next(item for name, item in REQUESTS.items() if "Get a token" in name)["request"]
    assert token["url"]["raw"] == "{{issuer}}/protocol/openid-connect/token" and token["auth"] == {"type": "noauth"}
    form = {field["key"]: field["value"] for field in token["body"]["urlencoded"]}
    assert form["grant_type"] == "password" and form["client_id"] == "{{client_id}}"
    assert ENV_VALUES["client_id"] == "end-users" and (form["username"], form["password"]) == (
        "{{username}}",
        "{{password}}",
    )
    upload = next(item for name, item in REQUESTS.items() if "Upload" in name)["request"]
    [field] = upload["body"]["formdata"]
    assert field["key"] == "file" and field["type"] == "file" and (ROOT / field["src"]).is_file()
    for name, content_type in (("Infer by file reference", "file_id"), ("Infer with base64", "base64")):
        item = next(item for key, item in REQUESTS.items() if key.endswith(name))
        [tensor] = json.loads(item["request"]["body"]["raw"])["inputs"]
        assert tensor["name"] == "image" and tensor["datatype"] == "BYTES" and tensor["shape"] == [1]
        assert tensor["parameters"] == {"content_type": content_type}
        assert item["request"]["url"]["raw"] == "{{runtime_url}}/v2/models/{{model}}/infer"


def test_environment_points_at_the_compose_stack() -> None:
    services = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    module_env = services["module"]["environment"]
    assert ENV_VALUES["issuer"] == module_env["RECEIPT_ISSUER_URL"]
    assert ENV_VALUES["runtime_url"] == f"http://127.0.0.1:{module_env['RECEIPT_PORT']}"
    assert ENV_VALUES["files_url"] == f"http://127.0.0.1:{services['files']['environment']['RECEIPT_FILES_PORT']}"
    assert ENV_VALUES["model"] in {model.name for model in load_manifests(ROOT / "manifests").models}
    secrets = [value for value in ENVIRONMENT["values"] if value["key"] == "password"]
    assert secrets[0]["type"] == "secret"


def test_newman_is_pinned() -> None:
    package = json.loads((POSTMAN / "package.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["newman"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "an exact version (npm install --save-exact)"
    lock = json.loads((POSTMAN / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/newman"]["version"] == version


@contextmanager
def _service(command: list[str], env: dict[str, str], ready_url: str, folder: Path) -> Iterator[None]:
    """``receipt-extractor serve ...`` as its own process, as the images run it; stopped with SIGTERM."""
    log = folder / f"{command[1]}.log"
    command = [str(BIN / "receipt-extractor"), *command]
    with running_service(command, ready_url=ready_url, log=log, cwd=folder, env=env, timeout_s=90):
        yield


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The services the collection calls, started by their CLI commands with RECEIPT_* settings as compose gives them,
    on free ports: the runtime (Tesseract model), the file service on a real S3 server, the dev identity provider."""
    if not NEWMAN.exists():
        pytest.fail(f"newman is not installed: make test or make postman (npm ci in {POSTMAN.relative_to(ROOT)})")
    folder = tmp_path_factory.mktemp("postman-stack")
    with DevIdentityProvider(folder / "idp") as idp, SeaweedS3(folder / "s3") as s3:
        runtime_port, files_port = free_ports(2)
        env = {
            **{key: value for key, value in os.environ.items() if not key.startswith("RECEIPT_")},
            "RECEIPT_ENVIRONMENT": "development",
            "RECEIPT_ISSUER_URL": idp.issuer,
            "RECEIPT_HOST": "127.0.0.1",
            "RECEIPT_PORT": str(runtime_port),
            "RECEIPT_FILES_PORT": str(files_port),
            "RECEIPT_MANIFESTS_DIR": str(ROOT / "manifests"),
            "RECEIPT_STORAGE_BACKEND": "s3",
            "RECEIPT_S3_ENDPOINT": s3.endpoint,
            "RECEIPT_S3_ACCESS_KEY": s3.access_key,
            "RECEIPT_S3_SECRET_KEY": s3.secret_key,
            "RECEIPT_S3_REGION": s3.region,
        }
        runtime_url, files_url = f"http://127.0.0.1:{runtime_port}", f"http://127.0.0.1:{files_port}"
        with (
            _service(
                ["serve", "module", "--model", ENV_VALUES["model"]], env, f"{runtime_url}/v2/health/ready", folder
            ),
            _service(["serve", "files"], env, f"{files_url}/healthz", folder),
        ):
            yield {"issuer": idp.issuer, "runtime_url": runtime_url, "files_url": files_url}


def test_newman_runs_the_collection_against_the_services(stack: dict[str, str], tmp_path: Path) -> None:
    report = tmp_path / "newman.json"
    overrides = [argument for key, value in stack.items() for argument in ("--env-var", f"{key}={value}")]
    result = subprocess.run(
        [
            node_binary(),  # the one the identity provider runs on: the system's, or the .venv's from PyPI
            str(NEWMAN.resolve()),
            "run",
            str(COLLECTION_FILE),
            "-e",
            str(ENVIRONMENT_FILE),
            *overrides,
            "--working-dir",
            str(ROOT),
            "--reporters",
            "cli,json",
            "--reporter-json-export",
            str(report),
            "--timeout-request",
            "60000",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    run = json.loads(report.read_text(encoding="utf-8"))["run"]
    assert run["stats"]["requests"] == {"total": len(REQUESTS), "pending": 0, "failed": 0}
    written = sum(_script(item, "test").count("pm.test(") for item in REQUESTS.values())
    assert run["stats"]["assertions"] == {"total": written, "pending": 0, "failed": 0}, "every pm.test ran and passed"
