"""The second, tiny example module (examples/dominant-colours) served by the platform as it stands: its manifests
validated, its OpenAPI document, its inference behind real tokens."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider
from colours_checks import check_inference, check_openapi
from module_process import cli_env, run_cli, served_module

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "dominant-colours"


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


def _env(idp: TestIdentityProvider | None = None) -> dict[str, str]:
    settings = {"issuer_url": idp.issuer} if idp is not None else {}
    return cli_env(ROOT, EXAMPLE / "manifests", EXAMPLE, **settings)


def test_example_manifests_validate(tmp_path: Path) -> None:
    result = run_cli(_env(), tmp_path, "manifests", "validate")

    assert result.returncode == 0 and result.stdout.strip() == "ok: 4 manifests", result.stdout + result.stderr


def test_example_openapi_is_its_own(tmp_path: Path) -> None:
    result = run_cli(_env(), tmp_path, "openapi")

    assert result.returncode == 0, result.stderr
    check_openapi(json.loads(result.stdout))


def test_example_is_served_with_auth(tmp_path: Path, idp: TestIdentityProvider) -> None:
    with served_module(_env(idp), tmp_path) as url:
        check_inference(url, idp)
