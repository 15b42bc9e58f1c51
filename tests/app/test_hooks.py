"""The platform finds a module's commands and start-up checks through its ``platform_hooks`` and runs without them.

Each test writes its own module package and manifests (``manifests_kit``), so none depends on ``model/``."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from manifests_kit import write_manifests

from app.hooks import (
    HooksUnavailableError,
    hooks_package,
    model_unservable,
    module_prerequisites,
    servable_models,
)
from app.manifests import module_manifest
from app.stack.supervisor import StackConfig, cpu_models, preflight

ROOT = Path(__file__).parents[2]
INFERENCE = '''
def inference(parameters, inputs, output_fields, model_key, model=None):
    """Say hello.

    :param inputs.name: Who to greet.
    :type inputs.name: str
    :param outputs.greeting: The greeting.
    :type outputs.greeting: str
    """
    return []
'''
HOOKS = '''
import typer


class Hooks:
    def commands(self, cli: typer.Typer) -> None:
        @cli.command()
        def hello(name: str = "world") -> None:
            """Greet someone: the module's own command."""
            typer.echo(f"hello, {name}")

    def prerequisites(self) -> list[str]:
        return ["the unicorn is missing: apt-get install unicorn"]

    def unservable(self, model_key: str) -> str | None:
        return "needs the horn extra" if model_key == "horned" else None


platform_hooks = Hooks()
'''


def _package(root: Path, name: str, init: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(textwrap.dedent(init), encoding="utf-8")
    (folder / "inference.py").write_text(INFERENCE, encoding="utf-8")
    return root


def _cli(tmp_path: Path, package: str, *args: str) -> subprocess.CompletedProcess[str]:
    manifests = write_manifests(
        tmp_path / f"manifests-{package}", entrypoint=f"{package}.inference", models={"hi": "x"}
    )
    env = {
        **os.environ,
        "RECEIPT_MANIFESTS_DIR": str(manifests),
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "code"), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def code(tmp_path: Path) -> Path:
    """Three module packages: one with hooks, one without, one whose import fails."""
    root = tmp_path / "code"
    _package(root, "with_hooks", HOOKS)
    _package(root, "plain", '"""A module with no hooks."""\n')
    _package(root, "broken", "raise ImportError('the module needs libfoo')\n")
    return root


def test_module_commands_join_the_cli(tmp_path: Path, code: Path) -> None:
    listed = _cli(tmp_path, "with_hooks", "--help")
    ran = _cli(tmp_path, "with_hooks", "hello", "--name", "Ada")

    assert listed.returncode == 0, listed.stderr
    assert "hello" in listed.stdout and "Greet someone" in listed.stdout
    assert ran.returncode == 0 and ran.stdout == "hello, Ada\n", ran.stderr


def test_cli_runs_without_hooks(tmp_path: Path, code: Path) -> None:
    listed = _cli(tmp_path, "plain", "--help")

    assert listed.returncode == 0 and listed.stderr == ""
    for command in ("serve", "stack", "openapi", "manifests"):
        assert command in listed.stdout
    assert "hello" not in listed.stdout and "extract" not in listed.stdout


def test_cli_says_why_module_commands_are_missing(tmp_path: Path, code: Path) -> None:
    listed = _cli(tmp_path, "broken", "--help")

    assert listed.returncode == 0 and "serve" in listed.stdout
    assert "cannot import 'broken' (ImportError: the module needs libfoo)" in listed.stderr


def test_prerequisites_come_from_the_module(tmp_path: Path, code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(code))

    assert module_prerequisites("with_hooks.inference") == ["the unicorn is missing: apt-get install unicorn"]
    assert module_prerequisites("plain.inference") == []
    with pytest.raises(HooksUnavailableError, match="libfoo"):
        module_prerequisites("broken.inference")


def test_stack_preflight_reports_the_module_prerequisites(
    tmp_path: Path, code: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(code))
    manifests = write_manifests(tmp_path / "manifests", entrypoint="with_hooks.inference", models={"hi": "x"})

    problems = preflight(StackConfig(manifests_dir=manifests))

    assert "the unicorn is missing: apt-get install unicorn" in problems


def test_stack_serves_the_models_that_need_no_gpu(tmp_path: Path) -> None:
    folder = write_manifests(
        tmp_path / "m", entrypoint="plain.inference", models={"small": "a", "big": "b", "tiny": "c"}, gpu={"big": 1}
    )

    assert cpu_models(module_manifest(folder)) == ["small", "tiny"]
    assert servable_models(module_manifest(folder), "gpu") == ["big"]


def test_serve_module_refuses_hardware_without_models(tmp_path: Path, code: Path) -> None:
    result = _cli(tmp_path, "plain", "serve", "module", "--hardware", "gpu")

    assert result.returncode == 2
    assert "declares no model this gpu host can serve" in result.stderr


def test_stack_leaves_out_a_model_its_module_cannot_serve_here(
    tmp_path: Path, code: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An opt-in extra that is not installed (the Indra reader's) must not hold the whole stack unready."""
    monkeypatch.syspath_prepend(str(code))
    folder = write_manifests(tmp_path / "m", entrypoint="with_hooks.inference", models={"hi": "x", "unicorn": "horned"})

    assert model_unservable("with_hooks.inference", "horned") == "needs the horn extra"
    assert model_unservable("plain.inference", "horned") is None  # no hook: everything serves
    assert cpu_models(module_manifest(folder)) == ["hi"]


@pytest.mark.parametrize(
    ("entrypoint", "package"), [("model.inference", "model"), ("a.b.serve", "a.b"), ("single", "single")]
)
def test_hooks_live_in_the_entrypoint_package(entrypoint: str, package: str) -> None:
    assert hooks_package(entrypoint) == package


def test_platform_never_imports_the_module() -> None:
    """Nothing under app/ imports model/ but the receipt pages of the web app, the one folder a fork deletes."""
    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.is_relative_to(ROOT / "app" / "web" / "receipt"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno}" for n in names if n.split(".")[0] == "model"]
    assert offenders == []
