"""``receipt-extractor``: the platform's commands (serve, stack, openapi, manifests) and the module's own.

The platform's commands work for any module. The module named in the Module manifest adds its own (the receipt
module: ``extract``, ``demo``, ``bench``) through its ``platform_hooks`` (``app.hooks``); when it has none, or cannot
be imported, the platform's commands still run, and a module that fails to import says so on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from app.hooks import HooksUnavailableError, add_module_commands, entrypoint_of
from app.manifests.cli import manifests_cli

if TYPE_CHECKING:
    from app.settings import Settings

cli = typer.Typer(
    name="receipt-extractor",
    help="Serve the module of the manifests (runtime, file service, web app, the whole stack), check its manifests, "
    "and run the module's own commands.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
serve_cli = typer.Typer(help="Run the services.", no_args_is_help=True)
cli.add_typer(serve_cli, name="serve")


@serve_cli.callback()
def serving() -> None:
    """Run the services."""
    from app.allocator import keep_freed_memory

    keep_freed_memory()  # before the service allocates anything: bodies of megabytes are its daily bread


def _settings_with(**options: object) -> Settings:
    """The environment's settings, with the command-line options that were given."""
    from app.settings import get_settings

    return get_settings().model_copy(update={name: value for name, value in options.items() if value is not None})


@serve_cli.command("module")
def serve_module(
    model: Annotated[list[str] | None, typer.Option(help="Serve only these models (names from module.yaml).")] = None,
    host: Annotated[str | None, typer.Option(help="Interface (default: RECEIPT_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: RECEIPT_PORT or 8000).")] = None,
    hardware: Annotated[
        str | None,
        typer.Option(help="cpu | gpu: the models whose declared resources fit, and that the module can serve here."),
    ] = None,
) -> None:
    """Publish the module named in manifests/module.yaml as an authenticated REST service (OIP + OpenAPI)."""
    from app.runtime.main import serve

    settings = _settings_with(host=host, port=port)
    if hardware is not None:
        model = _models_for(hardware, settings.manifests_dir, model)
    serve(settings, model or ())


def _models_for(hardware: str, manifests_dir: Path, named: list[str] | None) -> list[str]:
    """The models ``--hardware`` selects (``app.hooks.servable_models``); exit 2 with the reason when none or both."""
    from app.hooks import servable_models
    from app.manifests import module_manifest

    if hardware not in ("cpu", "gpu"):
        raise typer.BadParameter(f"must be cpu or gpu, not {hardware!r}", param_hint="--hardware")
    if named:
        raise typer.BadParameter("give either --model or --hardware, not both", param_hint="--hardware")
    models = servable_models(module_manifest(manifests_dir), hardware)  # type: ignore[arg-type]
    if not models:
        raise typer.BadParameter(f"the Module manifest declares no model this {hardware} host can serve")
    return models


@serve_cli.command("files")
def serve_files(
    host: Annotated[str | None, typer.Option(help="Interface (default: RECEIPT_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: RECEIPT_FILES_PORT or 8001).")] = None,
) -> None:
    """Run the file service: uploads in object storage (RECEIPT_STORAGE_BACKEND: local or s3), per-user, with links."""
    from app.files.main import serve

    serve(_settings_with(host=host, files_port=port))


@serve_cli.command("web")
def serve_web(
    host: Annotated[str | None, typer.Option(help="Interface (default: RECEIPT_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: RECEIPT_WEB_PORT or 8002).")] = None,
) -> None:
    """Run the web app: sign in through the realm, upload a photo, confirm the details, pay by QR."""
    from app.web.main import serve

    serve(_settings_with(host=host, web_port=port))


def _port_option(name: str, service: str, default: int) -> Any:
    return typer.Option(help=f"Port of the {service} (default {default}).", envvar=f"RECEIPT_STACK_{name}_PORT")


@cli.command()
def stack(
    *,
    idp_port: Annotated[int | None, _port_option("IDP", "identity provider", 8080)] = None,
    s3_port: Annotated[int | None, _port_option("S3", "S3 server (SeaweedFS)", 8333)] = None,
    runtime_port: Annotated[int | None, _port_option("RUNTIME", "module runtime", 8000)] = None,
    files_port: Annotated[int | None, _port_option("FILES", "file service", 8001)] = None,
    web_port: Annotated[int | None, _port_option("WEB", "web app", 8002)] = None,
    state_dir: Annotated[
        Path | None, typer.Option(help="Logs, S3 data and keys (default: .cache/stack).", envvar="RECEIPT_STACK_DIR")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the health checks.")] = 120,
    replicas: Annotated[
        int, typer.Option(min=1, help="Runtimes and web apps; more than 1 puts HAProxy, Redis and Prometheus in front.")
    ] = 1,
) -> None:
    """Run the whole stack on 127.0.0.1 (identity provider, S3, module runtime, file service, web app) until Ctrl-C."""
    from dataclasses import replace

    from app.stack.supervisor import StackConfig, ports_from, run_stack

    ports = ports_from([idp_port, s3_port, runtime_port, files_port, web_port])
    config = StackConfig(ports=ports, start_timeout_s=timeout, replicas=replicas)
    if state_dir is not None:
        config = replace(config, state_dir=state_dir.resolve())
    raise typer.Exit(run_stack(config))


@cli.command()
def openapi(
    model: Annotated[list[str] | None, typer.Option(help="Only these models (names from module.yaml).")] = None,
) -> None:
    """Print the runtime's OpenAPI 3.1 document, generated from the module's docstring, without starting it."""
    from app.common.version import build_version
    from app.manifests import load_manifests
    from app.runtime.main import runtime_config
    from app.runtime.openapi import openapi_document
    from app.runtime.registry import import_module_contract
    from app.settings import get_settings

    config = runtime_config(load_manifests(get_settings().manifests_dir), model or ())
    _, spec = import_module_contract(config.entrypoint)
    document = openapi_document(
        {m.name: spec for m in config.models}, title=config.project.display_name, version=build_version()
    )
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


cli.add_typer(manifests_cli, name="manifests")


def _add_module_commands() -> None:
    """The module's commands, from the manifests the settings point at; the platform's commands run without them."""
    from app.settings import get_settings

    try:
        add_module_commands(cli, entrypoint_of(get_settings().manifests_dir))
    except (HooksUnavailableError, ValueError) as error:  # ValueError: settings the environment got wrong
        sys.stderr.write(f"receipt-extractor: the module's own commands are unavailable: {error}\n")


_add_module_commands()


def main() -> None:
    from app.settings import UnsafeSettingsError

    try:
        cli()
    except UnsafeSettingsError as refusal:  # a service refusing its settings: one line that says what to set
        sys.stderr.write(f"receipt-extractor: {refusal}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
