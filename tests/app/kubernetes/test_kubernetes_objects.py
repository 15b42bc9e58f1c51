"""The rendered Kubernetes objects: valid against the Kubernetes schemas, and saying what the manifests say."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from typer.testing import CliRunner

from app.cli import cli
from app.kubernetes import ClusterOptions, render_cluster, render_kserve
from app.kubernetes.kserve import COMPONENT_FIELDS
from app.kubernetes.workloads import ENDPOINTS_SETTLE_S
from app.manifests import Manifests, load_manifests
from app.runtime.main import drain_seconds
from app.settings import ROOT

KUBERNETES_VERSION = "1.37"
OPTIONS = ClusterOptions(namespace="receipts-test", api_host="api.test.example", web_host="web.test.example")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the committed manifests to change."""
    for path in (ROOT / "manifests").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


@pytest.fixture
def manifests(folder: Path) -> Manifests:
    return load_manifests(folder)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _problems(obj: dict[str, Any]) -> list[str]:
    try:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        return [f"{obj['kind']}/{obj['metadata']['name']}: {exc.message}"]
    return []


def _of(objects: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    return next(o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name)


def _pod_as_object(pod_spec: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "predictor"}, "spec": pod_spec}


def test_render_cluster_objects_pass_the_kubernetes_schemas(manifests: Manifests) -> None:
    objects = render_cluster(manifests, OPTIONS)
    assert {o["kind"] for o in objects} == {
        "ConfigMap",
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "Ingress",
    }
    assert [p for o in objects for p in _problems(o)] == []


def test_schema_check_refuses_a_misspelt_field(manifests: Manifests) -> None:
    """The control: strict validation is what catches a field Kubernetes would silently drop."""
    deployment = copy.deepcopy(_of(render_cluster(manifests, OPTIONS), "Deployment", "receipt-extractor-qwen"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    assert len(_problems(deployment)) == 1


def test_render_cluster_gpu_model_requests_its_gpu_and_the_cuda_image(manifests: Manifests) -> None:
    pod = _of(render_cluster(manifests, OPTIONS), "Deployment", "receipt-extractor-qwen")["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["resources"]["limits"] == {"cpu": "4", "memory": "32Gi", "nvidia.com/gpu": 1}
    assert container["image"] == "harbor.example/pu-gallery/receipt-extractor:v0.1.0-cuda"
    assert container["command"][-2:] == ["--model", "qwen"]
    assert pod["tolerations"][0]["key"] == "nvidia.com/gpu"


def test_render_cluster_cpu_model_takes_the_module_defaults(manifests: Manifests) -> None:
    pod = _of(render_cluster(manifests, OPTIONS), "Deployment", "receipt-extractor-tesseract-ocr")["spec"]["template"]
    container = pod["spec"]["containers"][0]
    assert container["resources"]["requests"] == {"cpu": "2", "memory": "2Gi"}
    assert container["image"] == "harbor.example/pu-gallery/receipt-extractor:v0.1.0"
    assert "tolerations" not in pod["spec"]
    assert pod["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"


def test_render_cluster_fractional_cpu_in_millicores(folder: Path) -> None:
    _edit(folder / "module.yaml", "cpu: 2\n", "cpu: 0.5\n")
    deployment = _of(render_cluster(load_manifests(folder), OPTIONS), "Deployment", "receipt-extractor-tesseract-ocr")
    assert deployment["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] == "500m"


def test_render_cluster_model_pods_are_ready_on_the_oip_route_and_outlast_the_drain(manifests: Manifests) -> None:
    drain = drain_seconds(manifests.api.spec.restful_api.limits)
    for obj in render_cluster(manifests, OPTIONS):
        if obj["kind"] != "Deployment" or not obj["metadata"]["name"].startswith("receipt-extractor-"):
            continue
        pod = obj["spec"]["template"]["spec"]
        assert pod["terminationGracePeriodSeconds"] > ENDPOINTS_SETTLE_S + drain
        if "model-" in obj["metadata"]["labels"]["app.kubernetes.io/component"]:
            assert pod["containers"][0]["readinessProbe"]["httpGet"]["path"] == "/v2/health/ready"


def test_render_cluster_pods_run_locked_down(manifests: Manifests) -> None:
    for obj in render_cluster(manifests, OPTIONS):
        if obj["kind"] != "Deployment":
            continue
        pod = obj["spec"]["template"]["spec"]
        context = pod["containers"][0]["securityContext"]
        assert pod["securityContext"]["runAsNonRoot"] and pod["securityContext"]["runAsUser"] == 10001
        assert context["readOnlyRootFilesystem"] and not context["allowPrivilegeEscalation"]
        assert context["capabilities"] == {"drop": ["ALL"]}


def test_render_cluster_secrets_are_references_only(manifests: Manifests) -> None:
    objects = render_cluster(manifests, OPTIONS)
    assert "Secret" not in {o["kind"] for o in objects}
    web = _of(objects, "Deployment", "receipt-extractor-web")["spec"]["template"]["spec"]["containers"][0]
    refs = {e["name"]: e["valueFrom"]["secretKeyRef"]["key"] for e in web["env"] if "valueFrom" in e}
    assert refs["RECEIPT_WEB_SESSION_SECRET"] == "web-session-secret"
    assert refs["RECEIPT_WEB_SESSION_STORE"] == "web-session-store"  # two web replicas must share sign-ins
    runtime = next(
        o
        for o in objects
        if o["kind"] == "Deployment"
        and o["metadata"]["labels"].get("app.kubernetes.io/component", "").startswith("model-")
    )["spec"]["template"]["spec"]["containers"][0]
    runtime_refs = {e["name"]: e["valueFrom"]["secretKeyRef"]["key"] for e in runtime["env"] if "valueFrom" in e}
    assert runtime_refs["RECEIPT_MONITORING_STORE"] == "monitoring-store"  # one request log across replicas
    assert "RECEIPT_WEB_SESSION_SECRET" not in runtime_refs  # each service gets only its own secrets


def test_render_cluster_ingress_carries_the_manifest_cors_and_limits(manifests: Manifests) -> None:
    ingress = _of(render_cluster(manifests, OPTIONS), "Ingress", "receipt-extractor-api")
    annotations = ingress["metadata"]["annotations"]
    origins = annotations["nginx.ingress.kubernetes.io/cors-allow-origin"].split(", ")
    assert origins == list(manifests.api.spec.restful_api.cors.allow_origin)
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "26214400"
    paths = {p["path"]: p["backend"]["service"]["name"] for p in ingress["spec"]["rules"][0]["http"]["paths"]}
    assert paths["/v2/models/qwen"] == "receipt-extractor-qwen"
    assert paths["/v2/models/tesseract-ocr"] == "receipt-extractor-tesseract-ocr"
    assert paths["/files"] == "receipt-extractor-files"


def test_render_cluster_cors_disabled_adds_no_cors_annotations(folder: Path) -> None:
    _edit(folder / "api.yaml", "enabled: true", "enabled: false")
    ingress = _of(render_cluster(load_manifests(folder), OPTIONS), "Ingress", "receipt-extractor-api")
    assert not any("cors" in key for key in ingress["metadata"]["annotations"])


def test_render_cluster_name_too_long_for_a_service_names_the_manifest(folder: Path) -> None:
    _edit(folder / "module.yaml", "name: receipt-extractor\n", "name: " + "r" * 50 + "\n")
    with pytest.raises(ValueError, match=r"Service name allows 63; shorten .*module.yaml"):
        render_cluster(load_manifests(folder), OPTIONS)


def test_render_kserve_predictor_is_a_valid_pod_spec(manifests: Manifests) -> None:
    """KServe's CRD is not in the Kubernetes schemas: its predictor is KServe's few fields plus a PodSpec."""
    services = [o for o in render_kserve(manifests, OPTIONS) if o["kind"] == "InferenceService"]
    assert [s["metadata"]["name"] for s in services] == ["receipt-extractor-tesseract-ocr", "receipt-extractor-qwen"]
    for isvc in services:
        assert isvc["apiVersion"] == "serving.kserve.io/v1beta1"
        predictor = isvc["spec"]["predictor"]
        assert set(predictor) & COMPONENT_FIELDS == COMPONENT_FIELDS
        assert predictor["containers"][0]["name"] == "kserve-container"
        pod = {key: value for key, value in predictor.items() if key not in COMPONENT_FIELDS}
        assert _problems(_pod_as_object(pod)) == []
    predictor = services[0]["spec"]["predictor"]
    assert _problems(_pod_as_object({**predictor, "minReplicas": 1}))  # the control: KServe's fields are not a pod's


def test_cli_k8s_prints_the_objects_as_one_yaml_stream(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder), "--namespace", "team-a"])
    assert result.exit_code == 0, result.output
    objects = list(yaml.safe_load_all(result.stdout))
    assert {o["metadata"]["namespace"] for o in objects} == {"team-a"}
    assert [p for o in objects for p in _problems(o)] == []


def test_cli_k8s_prometheus_url_reaches_the_settings(folder: Path) -> None:
    command = ["manifests", "k8s", "--dir", str(folder), "--prometheus-url", "http://prometheus.monitoring:9090"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    settings = next(o for o in yaml.safe_load_all(result.stdout) if o["kind"] == "ConfigMap")["data"]
    assert settings["RECEIPT_STATS_PROMETHEUS_URL"] == "http://prometheus.monitoring:9090"
    plain = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder)])
    assert "RECEIPT_STATS_PROMETHEUS_URL" not in plain.output


def test_cli_k8s_kserve_prints_inference_services(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder), "--kserve"])
    assert result.exit_code == 0, result.output
    kinds = [o["kind"] for o in yaml.safe_load_all(result.stdout)]
    assert kinds == ["ConfigMap", "InferenceService", "InferenceService"]


def test_cli_k8s_max_below_min_replicas_exits_2() -> None:
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--min-replicas", "3", "--max-replicas", "2"])
    assert result.exit_code == 2
    assert "--max-replicas (2) is below --min-replicas (3)" in result.output


def test_cli_k8s_broken_manifest_names_file_and_exits_1(folder: Path) -> None:
    _edit(folder / "module.yaml", "cpu: 2\n", "cpu: -1\n")
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder)])
    assert result.exit_code == 1
    assert "module.yaml:" in result.output


def _deployments(objects: list[dict[str, Any]]) -> dict[str, str]:
    """Deployment name → its container's image."""
    return {
        o["metadata"]["name"]: o["spec"]["template"]["spec"]["containers"][0]["image"]
        for o in objects
        if o["kind"] == "Deployment"
    }


def test_cli_k8s_leaves_out_a_model_whose_extra_the_images_lack_and_says_how_to_include_it(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    objects = list(yaml.safe_load_all(result.stdout))
    assert "receipt-extractor-indra-ocr" not in _deployments(objects)
    assert not [o for o in objects if "indra-ocr" in yaml.safe_dump(o)]  # no Service, HPA, route either
    assert "indra-ocr: not rendered: it needs the opt-in extra(s) indra" in result.stderr
    assert '--build-arg EXTRAS="indra" -t harbor.example/pu-gallery/receipt-extractor:v0.1.0-indra' in result.stderr
    assert "render with --with-extra indra" in result.stderr


def test_render_cluster_with_the_extra_runs_the_model_on_the_image_built_with_it(manifests: Manifests) -> None:
    objects = render_cluster(manifests, dataclasses.replace(OPTIONS, with_extras=("indra",)))
    images = _deployments(objects)
    reference = manifests.module.spec.image.reference
    assert images["receipt-extractor-indra-ocr"] == f"{reference}-indra"
    assert images["receipt-extractor-tesseract-ocr"] == reference  # the others keep the release images
    assert images["receipt-extractor-qwen"] == f"{reference}-cuda"
    ingress = _of(objects, "Ingress", "receipt-extractor-api")
    assert any("indra-ocr" in path["path"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"])
    assert [p for o in objects for p in _problems(o)] == []


def _needs_indra_everywhere(folder: Path) -> None:
    """Every model of the copied module.yaml needs the ``indra`` extra."""
    path = folder / "module.yaml"
    text = re.sub(r"\n +extras: \[indra\].*", "", path.read_text())
    path.write_text(re.sub(r"\n( +)view: receipt(.*)", r"\n\1view: receipt\2\n\1extras: [indra]", text))


def test_render_cluster_gpu_model_with_an_extra_names_the_cuda_image_and_target(folder: Path) -> None:
    _needs_indra_everywhere(folder)
    manifests = load_manifests(folder)
    rendered = render_cluster(manifests, dataclasses.replace(OPTIONS, with_extras=("indra",)))
    assert _deployments(rendered)["receipt-extractor-qwen"] == f"{manifests.module.spec.image.reference}-cuda-indra"
    (folder / "module.yaml").write_text(
        (folder / "module.yaml").read_text().replace("extras: [indra]", "extras: []", 1)
    )
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert "qwen: not rendered" in result.stderr and "--target module-cuda" in result.stderr


def test_cli_k8s_an_extra_no_model_needs_exits_1_naming_the_known_ones(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["manifests", "k8s", "--dir", str(folder), "--with-extra", "indr"])
    assert result.exit_code == 1
    assert "needs the extra(s) indr (its models' extras: indra)" in result.stderr


def test_render_cluster_refuses_when_no_model_is_left(folder: Path) -> None:
    _needs_indra_everywhere(folder)
    with pytest.raises(ValueError, match="no model left to render"):
        render_cluster(load_manifests(folder), OPTIONS)
