"""The Ingresses (ingress-nginx): the API host routes each model's paths to that model's Deployment and answers CORS
as api.yaml declares it; the web app has a host of its own.

ingress-nginx answers preflights itself and sets the Access-Control-* headers with ``more_set_headers``, which
replaces the runtime's own, so a browser never sees them twice. Body size and timeouts follow the API's limits, so
the proxy neither refuses what the runtime accepts nor cuts a request the runtime is still allowed to finish.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.kubernetes.workloads import Context, Object, Workload
from app.manifests import Manifests

NGINX = "nginx.ingress.kubernetes.io/"
PROXY_MARGIN_S = 5


def cors_annotations(manifests: Manifests) -> dict[str, str]:
    cors = manifests.api.spec.restful_api.cors
    if not cors.enabled:
        return {}
    return {
        NGINX + "enable-cors": "true",
        NGINX + "cors-allow-origin": ", ".join(cors.allow_origin),
        NGINX + "cors-allow-methods": ", ".join(cors.allow_methods),
        NGINX + "cors-allow-headers": ", ".join(cors.allow_headers),
        NGINX + "cors-max-age": str(cors.max_age),
    }


def limit_annotations(manifests: Manifests) -> dict[str, str]:
    limits = manifests.api.spec.restful_api.limits
    timeout = str(int(limits.timeout_seconds) + PROXY_MARGIN_S)
    return {
        NGINX + "proxy-body-size": str(limits.max_request_bytes),
        NGINX + "proxy-read-timeout": timeout,
        NGINX + "proxy-send-timeout": timeout,
    }


def _path(prefix: str, workload: Workload) -> Object:
    backend = {"service": {"name": workload.name, "port": {"name": "http"}}}
    return {"path": prefix, "pathType": "Prefix", "backend": backend}


def _ingress(context: Context, name: str, host: str, ingress_class: str, paths: list[Object]) -> Object:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": context.metadata(name, context.labels),
        "spec": {
            "ingressClassName": ingress_class,
            "tls": [{"hosts": [host], "secretName": f"{name}-tls"}],
            "rules": [{"host": host, "http": {"paths": paths}}],
        },
    }


def api_ingress(
    manifests: Manifests,
    context: Context,
    *,
    host: str,
    ingress_class: str,
    models: Mapping[str, Workload],
    files: Workload,
) -> Object:
    """``/v2/models/{name}`` and its repository routes to the model's Deployment, ``/files`` to the file service,
    everything else (server metadata, health, docs) to the first model's."""
    paths: list[Object] = []
    for name, workload in models.items():
        paths.append(_path(f"/v2/models/{name}", workload))
        paths.append(_path(f"/v2/repository/models/{name}", workload))
    paths.append(_path("/files", files))
    paths.append(_path("/", next(iter(models.values()))))
    ingress = _ingress(context, f"{context.module}-api", host, ingress_class, paths)
    ingress["metadata"]["annotations"] = {**cors_annotations(manifests), **limit_annotations(manifests)}
    return ingress


def web_ingress(context: Context, host: str, ingress_class: str, web: Workload) -> Object:
    return _ingress(context, f"{context.module}-web", host, ingress_class, [_path("/", web)])
