"""The rendered objects through checkov's Kubernetes checks, offline: no finding but the two skipped with a reason.

checkov pins packages older than this project's (packaging, networkx), so it lives in .venv-checkov, which
``make test`` builds at the Makefile's pinned version.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.kubernetes import ClusterOptions, render_cluster, to_yaml
from app.manifests import load_manifests
from app.settings import ROOT

CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"
SKIPPED = {
    "CKV_K8S_43": "Image should use digest: releases pin images by their immutable git tag (manifests set-image); "
    "the digest exists only after the push, so the platform's admission control is where to enforce it",
    "CKV_K8S_35": "Secrets as files: the services read settings from the environment (pydantic-settings); the "
    "rendered YAML holds only secretKeyRef references, never a value",
}
pytestmark = pytest.mark.skipif(not CHECKOV.is_file(), reason=f"{CHECKOV} is missing: `make test` installs it")


def _checkov(folder: Path) -> list[dict[str, Any]]:
    """checkov's Kubernetes report over ``folder``, offline (no Prisma Cloud download, no version check)."""
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_NO_VERSION_CHECK": "1"}
    command = [str(CHECKOV), "-d", str(folder), "--framework", "kubernetes", "--skip-download", "-o", "json"]
    command += ["--skip-check", ",".join(SKIPPED)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    report = json.loads(done.stdout)
    return report["results"]["failed_checks"]  # type: ignore[no-any-return]


def test_checkov_finds_nothing_in_the_rendered_objects_but_a_privileged_copy(tmp_path: Path) -> None:
    objects = render_cluster(load_manifests(ROOT / "manifests"), ClusterOptions())
    (tmp_path / "rendered.yaml").write_text(to_yaml(objects))
    privileged = copy.deepcopy(next(o for o in objects if o["kind"] == "Deployment"))
    privileged["spec"]["template"]["spec"]["containers"][0]["securityContext"]["privileged"] = True
    (tmp_path / "control.yaml").write_text(to_yaml([privileged]))

    failed = _checkov(tmp_path)

    assert [(f["check_id"], f["resource"]) for f in failed if f["file_path"].endswith("rendered.yaml")] == []
    control = {f["check_id"] for f in failed if f["file_path"].endswith("control.yaml")}
    assert "CKV_K8S_16" in control  # "Container should not be privileged": the linter did look
