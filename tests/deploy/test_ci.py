"""The release pipelines (.gitlab-ci.yml and its GitHub Actions twin) against their schemas and against
manifests/pipeline.yaml: the same stages, the same tag rule, the four images, Harbor from CI variables, and the
manifest update, whose commands are run here for real on a copy of manifests/."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from manifests_kit import write_manifests

from app.manifests import load_manifests

ROOT = Path(__file__).parents[2]
GITLAB_FILE = ROOT / ".gitlab-ci.yml"
RELEASE_FILE = ROOT / ".github" / "workflows" / "release.yml"
CI_FILE = ROOT / ".github" / "workflows" / "ci.yml"
BIN = Path(sys.executable).parent
PIPELINE = load_manifests(ROOT / "manifests").pipeline.spec.release
TAG_RULE = PIPELINE.trigger.git_tag
IMAGES = [  # (Dockerfile target, what follows the project's image in the name, tag suffix)
    ("module", "", ""),
    ("module-cuda", "", "-cuda"),
    ("files", "-files", ""),
    ("web", "-web", ""),
]
TAGS = {
    "v1.2.3": True,
    "v10.0.12": True,
    "v0.1.0": True,
    "1.2.3": False,
    "v1.2": False,
    "v1.2.3-rc1": False,
    "v1.2.3.4": False,
    "release-v1.2.3": False,
    "va.b.c": False,
}
HARBOR_VARIABLES = ("HARBOR_REGISTRY", "HARBOR_PROJECT", "HARBOR_USER", "HARBOR_PASSWORD")


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads GitHub's `on:` as a boolean key
        data["on"] = data.pop(True)
    return data


GITLAB = _load(GITLAB_FILE)
RELEASE = _load(RELEASE_FILE)
CI = _load(CI_FILE)


def _gitlab_job(name: str) -> dict[str, Any]:
    """A job with its `extends` merged in (one level deep, like GitLab's merge of hashes)."""
    job: dict[str, Any] = {}
    for parent in GITLAB[name].get("extends", []):
        job |= GITLAB[parent]
    return job | {key: value for key, value in GITLAB[name].items() if key != "extends"}


def _script(lines: list[str]) -> str:
    return "\n".join(lines)


def _github_glob_to_regex(pattern: str) -> str:
    """GitHub's filter pattern syntax for the characters a tag filter uses: [..] classes, + and ? repeat, . literal."""
    out = ""
    for token in re.findall(r"\[[^\]]*\]|.", pattern):
        out += token if token.startswith("[") or token in "+?" else re.escape(token)
    return f"^{out}$"


@pytest.mark.parametrize(
    ("path", "schema"), [(GITLAB_FILE, "gitlab-ci"), (RELEASE_FILE, "github-workflows"), (CI_FILE, "github-workflows")]
)
def test_pipeline_files_pass_their_published_schema(path: Path, schema: str) -> None:
    checker = BIN / "check-jsonschema"
    if not checker.exists():
        pytest.skip(f"no check-jsonschema in the venv ({checker}): pip install -c requirements.lock check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", f"vendor.{schema}", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_stages_are_the_pipeline_manifest_stages() -> None:
    assert GITLAB["stages"] == [stage.name for stage in PIPELINE.stages]
    jobs = {name: _gitlab_job(name) for name in GITLAB if not name.startswith(".") and isinstance(GITLAB[name], dict)}
    jobs = {name: job for name, job in jobs.items() if "script" in job}
    assert {job["stage"] for job in jobs.values()} == set(GITLAB["stages"])


@pytest.mark.parametrize(("tag", "releases"), TAGS.items())
def test_gitlab_release_rule_is_the_manifest_tag_rule(tag: str, releases: bool) -> None:
    [rule] = GITLAB[".release"]["rules"]
    match = re.fullmatch(r"\$CI_COMMIT_TAG =~ /(.+)/", rule["if"])
    assert match and match.group(1) == TAG_RULE
    assert bool(re.search(match.group(1), tag)) is releases


def test_gitlab_test_job_runs_make_test_on_every_pipeline() -> None:
    test = _gitlab_job("test")
    assert test["stage"] == "test" and "rules" not in test and test["script"] == ["make test"]
    assert next(stage.run for stage in PIPELINE.stages if stage.name == "test") == "make test"


@pytest.mark.parametrize("job", ["build", "push", "deploy"])
def test_gitlab_release_jobs_run_on_release_tags_only(job: str) -> None:
    assert _gitlab_job(job)["rules"] == GITLAB[".release"]["rules"]


def test_gitlab_builds_and_pushes_the_four_images_to_harbor() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for name in ("build", "push"):
        job = _gitlab_job(name)
        matrix = [(entry["TARGET"], entry["IMAGE_SUFFIX"], entry["SUFFIX"]) for entry in job["parallel"]["matrix"]]
        assert matrix == IMAGES
        assert "--password-stdin" in _script(job["before_script"]) and "$HARBOR_USER" in _script(job["before_script"])
    for target, _, _ in IMAGES:
        assert re.search(rf"^FROM \S+ AS {re.escape(target)}$", dockerfile, re.M), target
    build = _script(_gitlab_job("build")["script"])
    assert '--target "$TARGET"' in build and '--build-arg VERSION="$CI_COMMIT_TAG"' in build
    candidate = '"$IMAGE_BASE/$PROJECT_IMAGE$IMAGE_SUFFIX:$CANDIDATE$SUFFIX"'
    assert candidate in build
    push = _script(_gitlab_job("push")["script"])
    assert f'"$IMAGE_BASE/$PROJECT_IMAGE$IMAGE_SUFFIX:$CI_COMMIT_TAG$SUFFIX" {candidate}' in push
    assert GITLAB["variables"]["IMAGE_BASE"] == "$HARBOR_REGISTRY/$HARBOR_PROJECT"
    text = GITLAB_FILE.read_text(encoding="utf-8")
    for variable in HARBOR_VARIABLES:
        assert f"${variable}" in text and f"#   {variable}" in text, f"{variable} is used and documented"


def _project_env(tmp_path: Path, manifests: Path) -> str:
    """What the GitLab project job writes for the jobs after it, its script run by bash in ``tmp_path``."""
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", _script(_gitlab_job("project")["script"][1:])],  # after its pip install
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "RECEIPT_MANIFESTS_DIR": str(manifests)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return (tmp_path / "project.env").read_text(encoding="utf-8")


def test_gitlab_project_job_hands_the_manifests_image_name_to_the_release(tmp_path: Path) -> None:
    job = _gitlab_job("project")
    assert job["stage"] == "test" and job["rules"] == GITLAB[".release"]["rules"]
    assert job["artifacts"]["reports"]["dotenv"] == "project.env"
    assert _project_env(tmp_path, ROOT / "manifests") == "PROJECT_IMAGE=receipt-extractor\n"
    fork = write_manifests(tmp_path / "fork", name="bird-counter")
    assert _project_env(tmp_path, fork) == "PROJECT_IMAGE=bird-counter\n"


def test_images_are_pinned() -> None:
    images = [GITLAB[name]["image"] for name in GITLAB if isinstance(GITLAB[name], dict) and "image" in GITLAB[name]]
    images += GITLAB[".docker"]["services"]
    for image in images:
        assert re.search(r":\d+\.\d+(\.\d+)?(-[a-z]+)*$", image), image
    python_image = re.search(r"^ARG PYTHON_IMAGE=(\S+)", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.M)
    assert python_image and _gitlab_job("deploy")["image"] == python_image.group(1), "the Python of the images"
    for workflow in (RELEASE, CI):
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.search(r"@v\d+$", step["uses"]), step["uses"]


def _run_manifest_commands(script: str, env: dict[str, str], tmp_path: Path) -> Path:
    """The pipeline's `receipt-extractor manifests ...` lines, run by bash on a copy of manifests/."""
    folder = tmp_path / "manifests"
    shutil.copytree(ROOT / "manifests", folder)
    commands = [line.strip() for line in script.splitlines() if line.strip().startswith("receipt-extractor manifests")]
    assert any("set-image" in command for command in commands) and any("validate" in command for command in commands)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(commands)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={
            **os.environ,
            **env,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "RECEIPT_MANIFESTS_DIR": str(folder),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "ok: 4 manifests"
    return folder


def test_gitlab_deploy_points_the_module_at_the_release_for_real(tmp_path: Path) -> None:
    deploy = _gitlab_job("deploy")
    harbor = {"HARBOR_REGISTRY": "harbor.corp.example:8443", "HARBOR_PROJECT": "pu-gallery"}
    image_base = GITLAB["variables"]["IMAGE_BASE"].replace("$HARBOR_REGISTRY", harbor["HARBOR_REGISTRY"])
    image_base = image_base.replace("$HARBOR_PROJECT", harbor["HARBOR_PROJECT"])
    env = {"CI_COMMIT_TAG": "v3.4.5", "IMAGE_BASE": image_base, **harbor}
    folder = _run_manifest_commands(_script(deploy["script"]), env, tmp_path)
    image = load_manifests(folder).module.spec.image
    assert image.reference == "harbor.corp.example:8443/pu-gallery/receipt-extractor:v3.4.5"
    assert "# the release pipeline sets it" in (folder / "module.yaml").read_text(encoding="utf-8")
    assert deploy["artifacts"]["paths"] == ["manifests/"]
    assert "merge_request.create" in _script(deploy["script"]) and "$MANIFEST_PUSH_TOKEN" in _script(deploy["script"])


@pytest.mark.parametrize(("tag", "releases"), TAGS.items())
def test_github_release_trigger_is_the_manifest_tag_rule(tag: str, releases: bool) -> None:
    [pattern] = RELEASE["on"]["push"]["tags"]
    assert bool(re.search(_github_glob_to_regex(pattern), tag)) is releases
    assert bool(re.search(TAG_RULE, tag)) is releases
    check = RELEASE["jobs"]["test"]["steps"][0]["run"]
    assert TAG_RULE in check, "the first step checks the tag with the manifest's own expression"


def test_github_release_jobs_are_the_pipeline_stages_in_order() -> None:
    jobs = RELEASE["jobs"]
    names = [stage.name for stage in PIPELINE.stages]
    assert list(jobs) == names
    for earlier, later in itertools.pairwise(names):
        needs = jobs[later]["needs"]
        assert (needs if isinstance(needs, str) else needs[-1]) == earlier
    assert {"run": "make test"} in jobs["test"]["steps"]
    project = next(step for step in jobs["test"]["steps"] if step.get("id") == "project")
    assert "receipt-extractor manifests get image" in project["run"] and "$GITHUB_OUTPUT" in project["run"]
    assert jobs["test"]["outputs"] == {"image": "${{ steps.project.outputs.image }}"}
    for name in ("build", "push"):
        include = jobs[name]["strategy"]["matrix"]["include"]
        assert [(entry["target"], entry["image_suffix"], entry["suffix"]) for entry in include] == IMAGES
        assert "test" in jobs[name]["needs"], "the image name is the test job's output"
    build = next(step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("docker/build-push-action"))
    assert build["with"]["build-args"] == "VERSION=${{ github.ref_name }}" and build["with"]["push"] is True
    text = RELEASE_FILE.read_text(encoding="utf-8")
    assert "vars.HARBOR_REGISTRY" in text and "vars.HARBOR_PROJECT" in text
    assert "secrets.HARBOR_USER" in text and "secrets.HARBOR_PASSWORD" in text
    assert RELEASE["permissions"] == {"contents": "read"}, "write access only where the pull request is opened"


def test_github_deploy_points_the_module_at_the_release_for_real(tmp_path: Path) -> None:
    deploy = RELEASE["jobs"]["deploy"]
    script = _script([step["run"] for step in deploy["steps"] if "run" in step])
    image_base = RELEASE["env"]["IMAGE_BASE"].replace("${{ vars.HARBOR_REGISTRY }}", "harbor.example")
    image_base = image_base.replace("${{ vars.HARBOR_PROJECT }}", "team")
    folder = _run_manifest_commands(script, {"GITHUB_REF_NAME": "v2.0.1", "IMAGE_BASE": image_base}, tmp_path)
    assert load_manifests(folder).module.spec.image.reference == "harbor.example/team/receipt-extractor:v2.0.1"
    assert deploy["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "gh pr create" in script


def test_github_ci_runs_make_test_on_push_and_pull_request() -> None:
    assert set(CI["on"]) == {"push", "pull_request"}
    assert CI["jobs"]["test"]["steps"][-1] == {"run": "make test"}
    assert re.search(r"^test: ", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)


def test_both_ci_files_run_the_fork_checklist() -> None:
    """A job of its own, so that a platform change that ties it to the receipt module fails by name."""
    assert CI["jobs"]["fork"]["steps"][-1] == {"run": "make test-fork"}
    fork = _gitlab_job("fork")
    assert fork["stage"] == "test" and "rules" not in fork and fork["script"] == ["make test-fork"]
    assert fork["image"] == _gitlab_job("test")["image"]
    recipe = re.search(r"^test-fork: .*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe and recipe.group(1).endswith("tests/examples/test_fork.py")
