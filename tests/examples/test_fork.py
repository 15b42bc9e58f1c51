"""A fork, as a team makes one: copy the repository, follow the README's fork checklist to put the
dominant-colours example where the receipt module was, and check that the platform validates, documents, serves
and authorises the new module, that its generic web page works in Chromium, and that the generic tests still pass,
with nothing under app/ changed.

CI runs it as a job of its own (``make test-fork``), so a change that ties the platform to the receipt module
fails there by name."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider
from chromium import chromium
from colours_checks import check_inference, check_openapi, check_web_result
from module_process import cli_env, run_cli, served_module, served_web_stack

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
GENERIC_TESTS = (
    "tests/app/test_hooks.py",
    "tests/app/test_codecs.py",
    "tests/app/test_manifests.py",
    "tests/app/test_manifests_entrypoint.py",
    "tests/app/runtime/test_spec.py",
    "tests/app/runtime/test_tensors.py",
    "tests/app/runtime/test_datatypes.py",
    "tests/app/runtime/test_live.py",
    "tests/app/runtime/test_observability.py",
    "tests/app/runtime/test_openapi.py",
    "tests/app/runtime/test_server.py",
    "tests/app/files",
    "tests/app/storage",
    "tests/app/stack/test_ports.py",
    "tests/app/test_allocator.py",
    "tests/app/test_healthcheck.py",
    "tests/app/test_settings_documented.py",
    "tests/app/test_project.py",
    "tests/app/web/test_generic.py",
    "tests/app/web/test_generic_browser.py",
    "tests/app/web/test_project_identity.py",
    "tests/examples/test_dominant_colours.py",
)
"""Tests that build their own manifests, modules and users, so that they hold in any fork."""


def checklist_commands(readme: str) -> str:
    """The shell block of the README's "Fork checklist" section: what a fork runs, and what this test runs."""
    section = readme.split("\n## Fork checklist", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "the Fork checklist section has a ```bash block"
    return block.group(1)


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True, timeout=60,
    ).stdout.decode()  # fmt: skip
    return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]


def _digests(root: Path, folder: str) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's files copied to a fresh folder, then the checklist run there by bash."""
    folder = tmp_path_factory.mktemp("fork")
    for name in _repository_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    commands = checklist_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", commands], cwd=folder, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


def _env(fork: Path, **settings: str) -> dict[str, str]:
    return cli_env(fork, fork / "manifests", **settings)


def test_checklist_replaces_the_module_and_leaves_app_untouched(fork: Path) -> None:
    assert _digests(fork, "app") == _digests(ROOT, "app")
    assert not (fork / "tests" / "model").exists()
    assert "def inference" in (fork / "model" / "inference.py").read_text(encoding="utf-8")
    assert "dominant-colours" in (fork / "manifests" / "module.yaml").read_text(encoding="utf-8")


def test_fork_manifests_validate(fork: Path) -> None:
    result = run_cli(_env(fork), fork, "manifests", "validate")

    assert result.returncode == 0 and result.stdout.strip() == "ok: 4 manifests", result.stdout + result.stderr


def test_fork_cli_runs_without_module_commands(fork: Path) -> None:
    result = run_cli(_env(fork), fork, "--help")

    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "serve" in result.stdout and "extract" not in result.stdout


def test_fork_openapi_documents_the_new_module(fork: Path) -> None:
    result = run_cli(_env(fork), fork, "openapi")

    assert result.returncode == 0, result.stderr
    check_openapi(json.loads(result.stdout))


def test_fork_serves_the_new_module_behind_tokens(fork: Path, idp: TestIdentityProvider) -> None:
    with served_module(_env(fork, issuer_url=idp.issuer), fork) as url:
        check_inference(url, idp)


def test_fork_web_app_shows_the_result_in_chromium(fork: Path, idp: TestIdentityProvider, tmp_path: Path) -> None:
    """The fork's own ``serve module``, ``serve files`` and ``serve web``: a person signs in, uploads a picture on the
    generic page and sees the new module's declared outputs, then the run in their history."""
    env = _env(fork, issuer_url=idp.issuer)
    with served_web_stack(env, fork, tmp_path / "storage") as web_url, chromium() as browser:
        check_web_result(browser, web_url, idp)


WEB_HOME = """
from fastapi.testclient import TestClient
from app.manifests import load_manifests
from app.settings import get_settings
from app.web.main import create_web_app
settings = get_settings()
with TestClient(create_web_app(settings, load_manifests(settings.manifests_dir))) as client:
    print(client.get("/", headers={"Accept-Language": "en"}).text)
"""
"""The web app's home page, as the fork's checkout serves it with its own manifests."""


def test_fork_names_itself_in_images_and_web_header(fork: Path) -> None:
    """Its name comes from its manifests: the images CI builds and the web app's header and title."""
    images = [run_cli(_env(fork), fork, "manifests", "get", field).stdout.strip() for field in ("image", "web-image")]
    home = subprocess.run(
        [sys.executable, "-c", WEB_HOME], cwd=fork, env=_env(fork, issuer_url="http://127.0.0.1:9/realms/colours"),
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert images == ["dominant-colours", "dominant-colours-web"]
    assert home.returncode == 0, home.stderr
    assert "<title>Dominant colours</title>" in home.stdout and 'height="32">Dominant colours</a>' in home.stdout
    assert "Receipt extractor" not in home.stdout


def test_fork_keeps_its_generic_tests(fork: Path) -> None:
    env = {name: value for name, value in _env(fork).items() if not name.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", *GENERIC_TESTS],
        cwd=fork, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and "skipped" not in result.stdout.splitlines()[-1]


def _receipt_ties(path: Path) -> list[str]:
    """Where ``path`` imports the module a fork replaces, or serves it by its entrypoint."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ties = []
    for node in ast.walk(tree):
        imported = (
            [alias.name for alias in node.names] if isinstance(node, ast.Import)
            else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )  # fmt: skip
        if any(name == "model" or name.startswith("model.") for name in imported):
            ties.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {', '.join(imported)}")
        if isinstance(node, ast.Call) and any(
            isinstance(a, ast.Constant) and a.value == "model.inference" for a in node.args
        ):
            ties.append(f"{path.relative_to(ROOT)}:{node.lineno} serves model.inference")
    return ties


def test_generic_tests_do_not_test_the_receipt_module() -> None:
    """The fork job would find this too, minutes later: a receipt test in a generic file belongs in tests/model/."""
    files = sorted(
        path for entry in GENERIC_TESTS for path in ((ROOT / entry).rglob("*.py") if (ROOT / entry).is_dir()
                                                     else [ROOT / entry])
    )  # fmt: skip
    assert files and [tie for path in files for tie in _receipt_ties(path)] == []
