"""``receipt-extractor manifests k8s``: print the module's Kubernetes objects for ``kubectl apply -f -``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.kubernetes.kserve import render_kserve
from app.kubernetes.render import ClusterOptions, deployable_models, project_options, render_cluster, to_yaml
from app.manifests import ManifestError, load_manifests
from app.settings import get_settings

_DEFAULTS = ClusterOptions()


def k8s(
    *,
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Folder with the manifests (default: the manifests_dir setting).")
    ] = None,
    kserve: Annotated[
        bool, typer.Option("--kserve", help="The models as KServe InferenceServices instead of Deployments.")
    ] = False,
    namespace: Annotated[
        str | None, typer.Option(help="Namespace of every object (default: the project's name).")
    ] = None,
    api_host: Annotated[
        str | None, typer.Option(help="Host of the module API and the file service (default: api.NAME.example).")
    ] = None,
    web_host: Annotated[str | None, typer.Option(help="Host of the web app (default: NAME.example).")] = None,
    issuer_url: Annotated[
        str | None, typer.Option(help="The realm's issuer URL (default: https://sso.example/realms/REALM).")
    ] = None,
    s3_endpoint: Annotated[str, typer.Option(help="S3 server as host:port.")] = _DEFAULTS.s3_endpoint,
    prometheus_url: Annotated[
        str | None, typer.Option(help="The cluster's Prometheus: the stats API then sums every replica.")
    ] = None,
    min_replicas: Annotated[int, typer.Option(min=1, help="Fewest replicas of a CPU service.")] = (
        _DEFAULTS.min_replicas
    ),
    max_replicas: Annotated[int, typer.Option(min=1, help="Most replicas of a CPU service.")] = (
        _DEFAULTS.max_replicas
    ),
    max_gpu_replicas: Annotated[int, typer.Option(min=1, help="Most replicas of a GPU model.")] = (
        _DEFAULTS.max_gpu_replicas
    ),
    with_extra: Annotated[
        list[str] | None,
        typer.Option(
            help="An opt-in extra (module.yaml's `extras`) whose images you built (--build-arg EXTRAS=…): the models "
            "that need it are rendered against them. Without it they are left out, with a note on stderr."
        ),
    ] = None,
) -> None:
    """Deployments, Services, autoscalers, disruption budgets, network policies and Ingresses (or, with --kserve,
    InferenceServices) from module.yaml, api.yaml and storage.yaml; the Secret they read is created by hand."""
    if max_replicas < min_replicas:
        typer.echo(f"--max-replicas ({max_replicas}) is below --min-replicas ({min_replicas})", err=True)
        raise typer.Exit(2)
    try:
        manifests = load_manifests(directory or get_settings().manifests_dir)
    except ManifestError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(1) from None
    options = project_options(
        manifests.project,
        namespace=namespace,
        api_host=api_host,
        web_host=web_host,
        issuer_url=issuer_url,
        s3_endpoint=s3_endpoint,
        prometheus_url=prometheus_url,
        min_replicas=min_replicas,
        max_replicas=max_replicas,
        max_gpu_replicas=max_gpu_replicas,
        with_extras=tuple(with_extra or ()),
    )
    try:
        objects = render_kserve(manifests, options) if kserve else render_cluster(manifests, options)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    for note in deployable_models(manifests, options)[1]:
        typer.echo(note, err=True)
    typer.echo(to_yaml(objects), nl=False)
