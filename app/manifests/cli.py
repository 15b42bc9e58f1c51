"""``receipt-extractor manifests validate|schema``: check the manifests before the platform or the runtime does."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.kubernetes.cli import k8s
from app.manifests.loader import ManifestError, load_manifests
from app.manifests.models import KINDS
from app.manifests.schema import write_json_schemas
from app.settings import get_settings

manifests_cli = typer.Typer(
    help="Validate the platform manifests and regenerate their JSON Schemas.", no_args_is_help=True
)


@manifests_cli.command()
def validate(
    directory: Annotated[
        Path | None, typer.Argument(help="Folder with the manifests (default: the manifests_dir setting).")
    ] = None,
) -> None:
    """Print "ok: N manifests", or one "FILE:LINE: message" line per problem and exit 1."""
    folder = directory or get_settings().manifests_dir
    try:
        load_manifests(folder)
    except ManifestError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        raise typer.Exit(1) from None
    typer.echo(f"ok: {len(KINDS)} manifests")


@manifests_cli.command("set-image")
def set_image(
    tag: Annotated[str, typer.Argument(help="The image tag: the release's git tag, or the previous one to roll back.")],
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Folder with the manifests (default: the manifests_dir setting).")
    ] = None,
    repository: Annotated[
        str | None, typer.Option(help="Also set spec.image.repository (registry/project/name, without the tag).")
    ] = None,
) -> None:
    """Point the Module manifest at another image, keeping its comments; the manifests are validated after."""
    from app.manifests.image import set_module_image

    try:
        change = set_module_image(directory or get_settings().manifests_dir, tag, repository)
    except ManifestError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(1) from None
    typer.echo(str(change))


@manifests_cli.command()
def schema(
    out: Annotated[Path | None, typer.Option(help="Where to write (default: schema/ in the manifests folder).")] = None,
) -> None:
    """Regenerate <kind>.schema.json from the pydantic models (commit the result)."""
    for path in write_json_schemas(out or get_settings().manifests_dir / "schema"):
        typer.echo(f"wrote {path}")


manifests_cli.command("k8s")(k8s)
