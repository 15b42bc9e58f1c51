"""``receipt-extractor manifests validate|get|set-image|schema|k8s``: check the manifests before the platform or the
runtime does, and read or change what deployment files need from them."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from app.kubernetes.cli import k8s
from app.manifests.loader import ManifestError, load_manifests
from app.manifests.models import KINDS
from app.manifests.project import project_identity
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


@manifests_cli.command()
def get(
    field: Annotated[
        str | None,
        typer.Argument(help="One field: name, display-name, image, files-image, web-image, bucket, realm, prefix, ..."),
    ] = None,
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Folder with the manifests (default: the manifests_dir setting).")
    ] = None,
) -> None:
    """Print one field of the project's identity (for the Makefile, CI and compose), or every field as
    PROJECT_<FIELD>=value lines that a shell or a dotenv file reads."""
    try:
        fields = project_identity(directory or get_settings().manifests_dir).fields()
    except ManifestError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(1) from None
    if field is None:
        for name, value in fields.items():
            typer.echo(f"PROJECT_{name.upper().replace('-', '_')}={shlex.quote(value)}")
    elif field in fields:
        typer.echo(fields[field])
    else:
        typer.echo(f"no field {field!r}; the fields: {', '.join(fields)}", err=True)
        raise typer.Exit(2)


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
