"""The module's models as KServe InferenceServices with a custom container, for clusters that run KServe.

The runtime already speaks the Open Inference Protocol KServe routes (``/v2/models/{name}/infer``, health, metadata),
so the predictor is the same container as in the plain Deployment, renamed as KServe expects. RawDeployment mode: a
Deployment and an HPA under KServe's control, no Knative; the drain, probes and lockdown are the Deployment's.
"""

from __future__ import annotations

from app.kubernetes.render import ClusterOptions, config_map, context_of, deployable_models, model_workload
from app.kubernetes.workloads import Object, container, pod_spec
from app.manifests import Manifests

KSERVE_CONTAINER = "kserve-container"
KSERVE_PORT_NAME = "http1"
"""KServe (and Knative) name the REST port http1; h2c would mean gRPC."""
COMPONENT_FIELDS = frozenset({"minReplicas", "maxReplicas", "scaleMetric", "scaleTarget", "timeout"})
"""The predictor's fields that are KServe's own; every other field of a predictor is a Kubernetes PodSpec field."""


def _predictor_container(base: Object) -> Object:
    port = base["ports"][0]["containerPort"]
    probes = {
        key: {**base[key], "httpGet": {**base[key]["httpGet"], "port": port}}
        for key in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    ports = [{"name": KSERVE_PORT_NAME, "containerPort": port, "protocol": "TCP"}]
    return {**base, **probes, "name": KSERVE_CONTAINER, "ports": ports}


def render_kserve(manifests: Manifests, options: ClusterOptions) -> list[Object]:
    """The settings ConfigMap and one InferenceService per model of module.yaml its images can serve."""
    from app.runtime.main import drain_seconds

    context = context_of(manifests, options)
    limits = manifests.api.spec.restful_api.limits
    objects = [config_map(context, options)]
    for model in deployable_models(manifests, options)[0]:
        workload = model_workload(manifests, model, options, drain_seconds(limits))
        predictor = {
            **pod_spec(workload, context),
            "containers": [_predictor_container(container(workload, context))],
            "minReplicas": workload.min_replicas,
            "maxReplicas": workload.max_replicas,
            "scaleMetric": "cpu",
            "scaleTarget": options.cpu_target_percent,
            "timeout": int(limits.timeout_seconds),
        }
        metadata = context.metadata(workload.name, context.labels_of(workload))
        metadata["annotations"] = {"serving.kserve.io/deploymentMode": "RawDeployment"}
        objects.append(
            {
                "apiVersion": "serving.kserve.io/v1beta1",
                "kind": "InferenceService",
                "metadata": metadata,
                "spec": {"predictor": predictor},
            }
        )
    return objects
