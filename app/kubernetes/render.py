"""From the manifests to the cluster's objects: one Deployment per model (each its own size and GPU), the file
service and the web app, the settings ConfigMap, and the Ingresses that route by model and carry the API's CORS.

Secrets are referenced, never rendered: the operator creates the Secret (docs/scaling.md shows the command), so no
value of one ever sits in a rendered file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from app.kubernetes.ingress import api_ingress, web_ingress
from app.kubernetes.workloads import Context, Object, SecretEnv, Workload, objects_of
from app.manifests import Manifests, ModelSpec, ProjectIdentity, Resources
from app.settings import Settings
from app.settings import env_name as settings_env_name

DNS_LABEL_MAX = 63
S3_SECRETS = (SecretEnv("RECEIPT_S3_ACCESS_KEY", "s3-access-key"), SecretEnv("RECEIPT_S3_SECRET_KEY", "s3-secret-key"))
MONITORING_STORE = SecretEnv("RECEIPT_MONITORING_STORE", "monitoring-store")
"""The request log, publication history and every service's own log lines, which every replica writes and any runtime
answers (redis://… with its password)."""
WEB_SECRETS = (
    SecretEnv("RECEIPT_WEB_SESSION_SECRET", "web-session-secret"),
    SecretEnv("RECEIPT_OIDC_CLIENT_SECRET", "oidc-client-secret"),
    # replicas share sign-ins through Redis (redis://:password@host:6379/0): the URL holds its password
    SecretEnv("RECEIPT_WEB_SESSION_STORE", "web-session-store"),
    MONITORING_STORE,
)
FILES_SECRETS = (*S3_SECRETS, MONITORING_STORE)
MODEL_SECRETS = (*S3_SECRETS, MONITORING_STORE)
MODEL_STARTUP_S = {False: 120, True: 900}
"""The longest a model may take to load before liveness applies, on CPU and on GPU (8B weights from S3)."""
SERVICE_STARTUP_S = 60


@dataclass(frozen=True)
class ClusterOptions:
    """What the manifests do not say because it differs per cluster."""

    namespace: str = "module"
    api_host: str = "api.module.example"
    """Host of the module API and the file service (one Ingress host, routed by path)."""
    web_host: str = "module.example"
    issuer_url: str = "https://sso.example/realms/module"
    s3_endpoint: str = "s3.example:443"
    s3_secure: bool = True
    prometheus_url: str | None = None
    """The cluster's Prometheus (scraping the pods by their prometheus.io annotations): the stats API then sums the
    replicas; without it each replica answers its own calls."""
    environment: Literal["development", "staging", "production"] = "production"
    min_replicas: int = 2
    max_replicas: int = 6
    max_gpu_replicas: int = 2
    cpu_target_percent: int = 70
    ingress_class: str = "nginx"
    ingress_namespace: str = "ingress-nginx"
    """Namespace of the ingress controller: the network policies let it in."""
    service_resources: Resources = field(default_factory=lambda: Resources(cpu=1, memory="1Gi"))
    """Size of a file-service or web-app pod (the manifests size only the models)."""
    with_extras: tuple[str, ...] = ()
    """Opt-in extras (module.yaml's ``extras``) whose images the cluster has: the models needing them are rendered."""


def project_options(project: ProjectIdentity, **given: Any) -> ClusterOptions:
    """Options whose cluster-specific names default after the project (its namespace, example hosts, its realm);
    each of ``given`` that is not None wins."""
    named: dict[str, Any] = {
        "namespace": project.name,
        "api_host": f"api.{project.name}.example",
        "web_host": f"{project.name}.example",
        "issuer_url": f"https://sso.example/realms/{project.realm}",
    }
    return ClusterOptions(**(named | {key: value for key, value in given.items() if value is not None}))


def env_name(setting: str) -> str:
    """The environment variable of an ``app.settings`` field; a typo fails here rather than silently in a pod."""
    if setting not in Settings.model_fields:
        raise KeyError(f"no setting {setting!r} in app.settings")
    return settings_env_name(setting)


def _default(setting: str) -> Any:
    return Settings.model_fields[setting].default


def model_workload_name(manifests: Manifests, model: ModelSpec) -> str:
    name = f"{manifests.module.metadata.name}-{model.name}"
    if len(name) > DNS_LABEL_MAX:
        raise ValueError(
            f"{name!r} is {len(name)} characters: a Service name allows {DNS_LABEL_MAX}; shorten the module or "
            f"model name in {manifests.files['Module']}"
        )
    return name


def model_image(manifests: Manifests, model: ModelSpec) -> str:
    """GPU models run the -cuda image the release builds next to the CPU one (.gitlab-ci.yml); a model with opt-in
    extras the image built with them, tagged after them (``v1.2.0-indra``: ``--build-arg EXTRAS=indra``)."""
    image = manifests.module.spec.image
    variant = ["cuda"] if manifests.resources_for(model.name).gpu else []
    return "-".join([image.reference, *variant, *model.extras])


def deployable_models(manifests: Manifests, options: ClusterOptions) -> tuple[list[ModelSpec], list[str]]:
    """The models to render, and for each one left out why and how to include it: a model whose opt-in extras the
    cluster's images lack would be a Deployment that never becomes ready."""
    declared = sorted({extra for model in manifests.models for extra in model.extras})
    if unknown := [extra for extra in options.with_extras if extra not in declared]:
        raise ValueError(
            f"no model in {manifests.files['Module']} needs the extra(s) {' '.join(unknown)} "
            f"(its models' extras: {' '.join(declared) or 'none'})"
        )
    chosen: list[ModelSpec] = []
    notes: list[str] = []
    for model in manifests.models:
        missing = [extra for extra in model.extras if extra not in options.with_extras]
        if not missing:
            chosen.append(model)
            continue
        names = " ".join(missing)
        flags = " ".join(f"--with-extra {extra}" for extra in missing)
        tag = model_image(manifests, model).rpartition(":")[2]
        target = "module-cuda" if manifests.resources_for(model.name).gpu else "module"
        notes.append(
            f"{model.name}: not rendered: it needs the opt-in extra(s) {names} (module.yaml), which the release images "
            f"leave out. To deploy it, build its image with them (docker build --target {target} --build-arg "
            f'EXTRAS="{names}" -t {manifests.module.spec.image.repository}:{tag} .), push it, and render with {flags}'
        )
    if not chosen:
        raise ValueError("no model left to render: " + "; ".join(notes))
    return chosen, notes


def model_workload(manifests: Manifests, model: ModelSpec, options: ClusterOptions, drain_s: int) -> Workload:
    resources = manifests.resources_for(model.name)
    gpu = bool(resources.gpu)
    return Workload(
        name=model_workload_name(manifests, model),
        component=f"model-{model.name}",
        image=model_image(manifests, model),
        command=("python", "-m", "app.cli", "serve", "module", "--model", model.name),
        port=_default("port"),
        ready_path="/v2/health/ready",
        live_path="/v2/health/live",
        resources=resources,
        min_replicas=1 if gpu else options.min_replicas,
        max_replicas=options.max_gpu_replicas if gpu else options.max_replicas,
        startup_s=MODEL_STARTUP_S[gpu],
        drain_s=drain_s,
        secrets=MODEL_SECRETS,
        metrics_path="/metrics",
    )


def _service_image(manifests: Manifests, suffix: str) -> str:
    image = manifests.module.spec.image
    return f"{image.repository}-{suffix}:{image.tag}"


def service_workloads(manifests: Manifests, options: ClusterOptions, drain_s: int) -> list[Workload]:
    """The file service and the web app: the same image family, sized by the options."""
    module = manifests.module.metadata.name
    common: dict[str, Any] = {
        "ready_path": "/healthz",
        "live_path": "/healthz",
        "resources": options.service_resources,
        "min_replicas": options.min_replicas,
        "max_replicas": options.max_replicas,
        "startup_s": SERVICE_STARTUP_S,
        "drain_s": drain_s,
    }
    files = Workload(
        name=f"{module}-files",
        component="files",
        image=_service_image(manifests, "files"),
        command=("python", "-m", "app.cli", "serve", "files"),
        port=_default("files_port"),
        secrets=FILES_SECRETS,
        **common,
    )
    api_url = f"https://{options.api_host}"
    web = Workload(
        name=f"{module}-web",
        component="web",
        image=_service_image(manifests, "web"),
        command=("python", "-m", "app.cli", "serve", "web"),
        port=_default("web_port"),
        env={
            env_name("web_public_url"): f"https://{options.web_host}",
            # through the Ingress, which sends each model's requests to that model's Deployment
            env_name("runtime_url"): api_url,
            env_name("files_url"): f"http://{files.name}:{files.port}",
            env_name("public_runtime_url"): api_url,
            env_name("public_files_url"): api_url,
        },
        secrets=WEB_SECRETS,
        **common,
    )
    return [files, web]


def config_map(context: Context, options: ClusterOptions) -> Object:
    """The settings every service shares (app/settings.py); secrets are referenced by key instead."""
    data = {
        env_name("environment"): options.environment,
        env_name("issuer_url"): options.issuer_url,
        env_name("storage_backend"): "s3",
        env_name("s3_endpoint"): options.s3_endpoint,
        env_name("s3_secure"): str(options.s3_secure).lower(),
    }
    if options.prometheus_url is not None:
        data[env_name("stats_prometheus_url")] = options.prometheus_url
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": context.metadata(context.config_map, context.labels),
        "data": data,
    }


def context_of(manifests: Manifests, options: ClusterOptions) -> Context:
    module = manifests.module
    return Context(
        namespace=options.namespace,
        module=module.metadata.name,
        version=module.spec.image.tag,
        labels={**module.metadata.labels, "app.kubernetes.io/part-of": module.metadata.name},
        config_map=f"{module.metadata.name}-settings",
        secret=f"{module.metadata.name}-secrets",
        cpu_target_percent=options.cpu_target_percent,
        ingress_namespace=options.ingress_namespace,
    )


def render_cluster(manifests: Manifests, options: ClusterOptions) -> list[Object]:
    """Every object the module needs in a cluster with an ingress-nginx controller, in the order to apply them."""
    from app.runtime.main import drain_seconds

    context = context_of(manifests, options)
    drain_s = drain_seconds(manifests.api.spec.restful_api.limits)
    deployable, _ = deployable_models(manifests, options)
    models = [model_workload(manifests, model, options, drain_s) for model in deployable]
    files, web = service_workloads(manifests, options, drain_s)
    objects = [config_map(context, options)]
    for workload in [*models, files, web]:
        objects += objects_of(workload, context)
    routes = {model.name: workload for model, workload in zip(deployable, models, strict=True)}
    objects.append(
        api_ingress(
            manifests, context, host=options.api_host, ingress_class=options.ingress_class, models=routes, files=files
        )
    )
    objects.append(web_ingress(context, options.web_host, options.ingress_class, web))
    return objects


class _PlainDumper(yaml.SafeDumper):
    """Writes a dict shared by two objects twice rather than as an anchor and alias, as people write manifests."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(objects: list[Object]) -> str:
    return yaml.dump_all(objects, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
