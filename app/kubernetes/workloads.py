"""One service of the module as a Deployment with its Service, autoscaler, disruption budget and network policy.

Every pod runs as the images' non-root user (uid 10001) on a read-only root filesystem; the two folders a service
writes (/tmp and /var/lib/platform: mirrored weights, caches) are emptyDirs. A stopping pod first waits for the
Service to stop sending it requests (preStop), then drains; the grace period covers both with a margin, so Kubernetes
never kills a request the service would have finished.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from app.manifests import Resources

Object = dict[str, Any]
USER_ID = 10001
"""The images' user (Dockerfile ``useradd --uid 10001``)."""
ENDPOINTS_SETTLE_S = 5
"""Seconds a stopping pod keeps serving while the endpoint controllers and the ingress drop it."""
GRACE_MARGIN_S = 10
PROBE_PERIOD_S = 10
GPU_RESOURCE = "nvidia.com/gpu"
WRITABLE_DIRS = {"tmp": "/tmp", "state": "/var/lib/platform"}  # emptyDirs of the pod's own


@dataclass(frozen=True)
class SecretEnv:
    """An environment variable read from a key of the module's Secret."""

    env: str
    key: str
    optional: bool = False


@dataclass(frozen=True)
class Workload:
    """What differs between the services: image, command, port, probes, size and how many replicas."""

    name: str
    component: str
    image: str
    command: tuple[str, ...]
    port: int
    ready_path: str
    live_path: str
    resources: Resources
    min_replicas: int
    max_replicas: int
    startup_s: int
    """The longest start (loading models) before liveness applies."""
    drain_s: int
    """How long the service lets requests in flight finish after SIGTERM."""
    env: dict[str, str] = field(default_factory=dict)
    secrets: tuple[SecretEnv, ...] = ()
    metrics_path: str | None = None
    """Where Prometheus scrapes each replica (the prometheus.io/* pod annotations most scrape configs follow)."""


@dataclass(frozen=True)
class Context:
    """What every object of the module shares: namespace, labels, the ConfigMap and Secret it reads."""

    namespace: str
    module: str
    version: str
    labels: dict[str, str]
    config_map: str
    secret: str
    cpu_target_percent: int
    ingress_namespace: str

    def labels_of(self, workload: Workload) -> dict[str, str]:
        return {**self.labels, **self.selector(workload), "app.kubernetes.io/version": self.version}

    def selector(self, workload: Workload) -> dict[str, str]:
        return {"app.kubernetes.io/name": self.module, "app.kubernetes.io/component": workload.component}

    def metadata(self, name: str, labels: dict[str, str]) -> Object:
        return {"name": name, "namespace": self.namespace, "labels": labels}


def grace_period_s(workload: Workload) -> int:
    return ENDPOINTS_SETTLE_S + workload.drain_s + GRACE_MARGIN_S


def _quantity(cores: float) -> str:
    """CPU as Kubernetes writes it: whole cores as "2", fractions in millicores ("500m")."""
    return str(int(cores)) if float(cores).is_integer() else f"{round(cores * 1000)}m"


def container_resources(resources: Resources) -> Object:
    """Requests equal to limits (Guaranteed QoS): a model's latency should not depend on its neighbours."""
    amounts: dict[str, str | int] = {"cpu": _quantity(resources.cpu), "memory": resources.memory}
    if resources.gpu:
        amounts[GPU_RESOURCE] = resources.gpu
    return {"requests": dict(amounts), "limits": dict(amounts)}


def _probe(path: str, failure_threshold: int) -> Object:
    return {
        "httpGet": {"path": path, "port": "http"},
        "periodSeconds": PROBE_PERIOD_S,
        "timeoutSeconds": 3,
        "failureThreshold": failure_threshold,
    }


def container(workload: Workload, context: Context) -> Object:
    """The service's container: probes, resources, settings from the ConfigMap, secrets by key, locked down."""
    env: list[Object] = [{"name": name, "value": value} for name, value in workload.env.items()]
    env += [
        {"name": s.env, "valueFrom": {"secretKeyRef": {"name": context.secret, "key": s.key, "optional": s.optional}}}
        for s in workload.secrets
    ]
    return {
        "name": workload.component,
        "image": workload.image,
        "imagePullPolicy": "Always",
        "command": list(workload.command),
        "ports": [{"name": "http", "containerPort": workload.port, "protocol": "TCP"}],
        "envFrom": [{"configMapRef": {"name": context.config_map}}],
        "env": env,
        "resources": container_resources(workload.resources),
        "startupProbe": _probe(workload.live_path, math.ceil(workload.startup_s / PROBE_PERIOD_S)),
        "livenessProbe": _probe(workload.live_path, 3),
        "readinessProbe": _probe(workload.ready_path, 2),
        "lifecycle": {"preStop": {"sleep": {"seconds": ENDPOINTS_SETTLE_S}}},
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "privileged": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "runAsUser": USER_ID,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [{"name": name, "mountPath": path} for name, path in WRITABLE_DIRS.items()],
    }


def pod_spec(workload: Workload, context: Context) -> Object:
    spec: Object = {
        "automountServiceAccountToken": False,  # no service talks to the Kubernetes API
        "terminationGracePeriodSeconds": grace_period_s(workload),
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": USER_ID,
            "runAsGroup": USER_ID,
            "fsGroup": USER_ID,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": [container(workload, context)],
        "volumes": [{"name": name, "emptyDir": {}} for name in WRITABLE_DIRS],
    }
    if workload.resources.gpu:  # GPU nodes are usually tainted so that only GPU work lands there
        spec["tolerations"] = [{"key": GPU_RESOURCE, "operator": "Exists", "effect": "NoSchedule"}]
    return spec


def _pod_metadata(workload: Workload, labels: dict[str, str]) -> Object:
    metadata: Object = {"labels": labels}
    if workload.metrics_path is not None:
        metadata["annotations"] = {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": str(workload.port),
            "prometheus.io/path": workload.metrics_path,
        }
    return metadata


def deployment(workload: Workload, context: Context) -> Object:
    """Rolling updates add a pod before removing one (maxUnavailable 0): a release never lowers capacity."""
    labels = context.labels_of(workload)
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": context.metadata(workload.name, labels),
        "spec": {
            "replicas": workload.min_replicas,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": context.selector(workload)},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
            "template": {"metadata": _pod_metadata(workload, labels), "spec": pod_spec(workload, context)},
        },
    }


def service(workload: Workload, context: Context) -> Object:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": context.metadata(workload.name, context.labels_of(workload)),
        "spec": {
            "type": "ClusterIP",
            "selector": context.selector(workload),
            "ports": [{"name": "http", "port": workload.port, "targetPort": "http", "protocol": "TCP"}],
        },
    }


def autoscaler(workload: Workload, context: Context) -> Object:
    """CPU-driven between min and max replicas; scale-down waits 5 minutes so a lull does not drop warm models."""
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": context.metadata(workload.name, context.labels_of(workload)),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": workload.name},
            "minReplicas": workload.min_replicas,
            "maxReplicas": workload.max_replicas,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {
                        "name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": context.cpu_target_percent},
                    },
                }
            ],
            "behavior": {"scaleDown": {"stabilizationWindowSeconds": 300}},
        },
    }


def disruption_budget(workload: Workload, context: Context) -> Object:
    """A node drain takes one pod of the service at a time."""
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": context.metadata(workload.name, context.labels_of(workload)),
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": context.selector(workload)}},
    }


def network_policy(workload: Workload, context: Context) -> Object:
    """Only the module's own pods and the ingress controller reach the service's port."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": context.metadata(workload.name, context.labels_of(workload)),
        "spec": {
            "podSelector": {"matchLabels": context.selector(workload)},
            "policyTypes": ["Ingress"],
            "ingress": [
                {
                    "from": [
                        {"podSelector": {"matchLabels": {"app.kubernetes.io/name": context.module}}},
                        {
                            "namespaceSelector": {
                                "matchLabels": {"kubernetes.io/metadata.name": context.ingress_namespace}
                            }
                        },
                    ],
                    "ports": [{"port": workload.port, "protocol": "TCP"}],
                }
            ],
        },
    }


def objects_of(workload: Workload, context: Context) -> list[Object]:
    return [
        deployment(workload, context),
        service(workload, context),
        autoscaler(workload, context),
        disruption_budget(workload, context),
        network_policy(workload, context),
    ]
