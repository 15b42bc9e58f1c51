"""The platform manifests as the Kubernetes objects a cluster runs: Deployments, Services, autoscalers, disruption
budgets, network policies, the Ingress with the manifest's CORS, and the module as KServe InferenceServices.

``render_cluster(manifests, options)`` and ``render_kserve(manifests, options)`` are pure: they return plain dicts,
``to_yaml`` writes them as one multi-document stream for ``kubectl apply -f -``.
"""

from app.kubernetes.kserve import render_kserve
from app.kubernetes.render import ClusterOptions, render_cluster, to_yaml

__all__ = ["ClusterOptions", "render_cluster", "render_kserve", "to_yaml"]
