"""The image cannot be built here (no Docker engine), so its essentials are checked as text."""

from __future__ import annotations

import re
from pathlib import Path

DOCKERFILE = (Path(__file__).parents[1] / "Dockerfile").read_text(encoding="utf-8")


def _stage(name: str) -> str:
    match = re.search(rf"^FROM .* AS {name}\n(.*?)(?=^FROM |\Z)", DOCKERFILE, re.M | re.S)
    assert match, f"no stage {name}"
    return match.group(1)


def test_dependencies_come_from_the_lock_before_the_code() -> None:
    deps = _stage("deps")
    assert "COPY pyproject.toml requirements.lock" in deps and "-c requirements.lock" in deps
    assert "COPY --chown" not in deps  # no code in the dependency layer


def test_module_stage_runs_as_a_non_root_user_with_a_readiness_healthcheck() -> None:
    module = _stage("module")
    assert re.search(r"^USER (?!root)\w+", module, re.M)
    assert "HEALTHCHECK" in module and "/v2/health/ready" in module
    assert "RECEIPT_VERSION=${VERSION}" in module and "ARG VERSION" in module
    assert 'CMD ["python", "-m", "app.cli", "serve", "module"' in module


def test_base_images_are_pinned_and_system_packages_installed() -> None:
    images = re.findall(r"^ARG PYTHON_IMAGE=(\S+)", DOCKERFILE, re.M)
    assert images and not images[0].endswith(":latest") and ":" in images[0]
    assert "tesseract-ocr-rus" in DOCKERFILE and "rm -rf /var/lib/apt/lists/*" in DOCKERFILE


def test_copied_paths_exist() -> None:
    root = Path(__file__).parents[1]
    for source in re.findall(r"^COPY (?:--chown=\S+ )?(\S+)/ ", DOCKERFILE, re.M):
        assert (root / source).is_dir(), source
